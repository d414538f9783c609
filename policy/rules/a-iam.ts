// berth's IAM rules (issue 21): no wildcard actions in what berth allows, and trust policies that
// carry the conditions the trusted service documents.
import type { PlannedResource } from "../../start/types";
import type { Policy } from "../types";
import { isObject, type Json, obj, objects, parsed, str, strings } from "./a-read";

const ROLE = "aws:iam/role:Role";

/** Where berth writes policy documents: the resource type and the input that holds the document. */
const POLICY_DOCUMENTS: Readonly<Record<string, string>> = {
    "aws:iam/rolePolicy:RolePolicy": "policy",
    "aws:iam/policy:Policy": "policy",
    "aws:sqs/queuePolicy:QueuePolicy": "policy",
    "aws:sns/topicPolicy:TopicPolicy": "policy",
    "aws:s3/bucketPolicy:BucketPolicy": "policy",
    "aws:efs/fileSystemPolicy:FileSystemPolicy": "policy",
    "aws:kms/key:Key": "policy",
    "aws:ecr/repositoryPolicy:RepositoryPolicy": "policy",
    "aws:ecr/registryPolicy:RegistryPolicy": "policy",
    "aws:secretsmanager/secretPolicy:SecretPolicy": "policy",
};

function statements(doc: unknown): Json[] {
    const statement = obj(parsed(doc)).Statement;
    return isObject(statement) ? [statement] : objects(statement);
}

/** The documents a resource carries, with a label for messages: its policy, or a role's inline policies. */
function documents(r: PlannedResource): Array<[string, unknown]> {
    if (r.type === ROLE) return objects(r.inputs.inlinePolicies).map((p, i) => [`inline policy ${str(p.name) ?? i}`, p.policy]);
    const input = POLICY_DOCUMENTS[r.type];
    return input ? [[input, r.inputs[input]]] : [];
}

function wildcardProblems(label: string, s: Json, i: number): string[] {
    if (s.Effect !== "Allow") return [];
    const where = `${label}, statement ${str(s.Sid) ?? i}`;
    if (s.NotAction !== undefined) return [`${where} allows NotAction (everything but a list)`];
    const wild = strings(s.Action).filter((a) => a === "*" || /^[A-Za-z0-9-]+:\*$/.test(a));
    return wild.length ? [`${where} allows ${wild.join(", ")}`] : [];
}

// ---- Trust policies ------------------------------------------------------------------------------

/** Condition keys that tie a service's role assumption to this account or resource (confused deputy). */
const SOURCE_KEYS = ["aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths"];

/**
 * Services whose trust berth checks, and the condition keys each must carry. The IAM user guide's
 * confused deputy page (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html)
 * recommends aws:SourceArn / aws:SourceAccount in the trust policy of a role a service assumes; each
 * service below documents them for its role (ECS task roles, EventBridge and Scheduler targets, the EKS
 * cluster and Fargate pod execution roles, Systems Manager hybrid activations). EKS Pod Identity documents its session tags instead
 * (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html): berth requires the cluster's.
 */
export const TRUST_CONDITIONS: Readonly<Record<string, ReadonlyArray<string>>> = {
    "ecs-tasks.amazonaws.com": SOURCE_KEYS,
    "events.amazonaws.com": SOURCE_KEYS,
    "scheduler.amazonaws.com": SOURCE_KEYS,
    "eks.amazonaws.com": SOURCE_KEYS,
    "eks-fargate-pods.amazonaws.com": SOURCE_KEYS,
    "ssm.amazonaws.com": SOURCE_KEYS,
    "pods.eks.amazonaws.com": [...SOURCE_KEYS, "aws:RequestTag/eks-cluster-arn"],
};

/**
 * Services that document no condition for assuming a role, and why they pass without one. EC2 assumes
 * an instance profile's role for the instance it launches; the role reaches it only through
 * iam:PassRole in this account, and EC2 sets no aws:SourceArn on that call. App Runner's instance
 * role trust (https://docs.aws.amazon.com/apprunner/latest/dg/security_iam_service-with-iam.html)
 * documents none either, nor does the ECS infrastructure role's (Express Mode's): the ECS developer
 * guide's trust policy for it (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html)
 * has no Condition, and a condition on a key ECS does not send would deny the assumption.
 */
export const TRUST_EXEMPT: Readonly<Record<string, string>> = {
    "ec2.amazonaws.com": "EC2 instance roles are passed with iam:PassRole; EC2 documents no source condition",
    "tasks.apprunner.amazonaws.com": "App Runner documents no source condition for its instance role",
    "ecs.amazonaws.com": "the ECS infrastructure role's documented trust policy has no condition, and ECS sends no source key when it assumes it",
};

function conditionKeys(s: Json): string[] {
    return Object.values(obj(s.Condition)).flatMap((block) => Object.keys(obj(block)));
}

function serviceTrust(service: string, keys: string[]): string | undefined {
    if (TRUST_EXEMPT[service]) return undefined;
    const wanted = TRUST_CONDITIONS[service];
    if (!wanted) return `trusts ${service}, which berth's table does not list: add its documented condition (or its exemption) to policy/rules/a-iam.ts`;
    return keys.some((k) => wanted.includes(k)) ? undefined : `trusts ${service} without a condition on ${wanted.join(", ")}`;
}

/** IAM roles for service accounts: the OIDC provider's `sub` and `aud` (EKS user guide, "Configure a role's trust policy"). */
function federatedTrust(provider: string, keys: string[]): string | undefined {
    const issuer = provider.split(":oidc-provider/")[1];
    if (!issuer) return undefined;
    const missing = ["sub", "aud"].filter((k) => !keys.includes(`${issuer}:${k}`));
    return missing.length ? `trusts the OIDC provider ${issuer} without its ${missing.join(" and ")} condition` : undefined;
}

function trustProblems(r: PlannedResource): string[] {
    return statements(r.inputs.assumeRolePolicy)
        .filter((s) => s.Effect === "Allow")
        .flatMap((s) => {
            const keys = conditionKeys(s);
            const principal = obj(s.Principal);
            return [...strings(principal.Service).map((svc) => serviceTrust(svc, keys)), ...strings(principal.Federated).map((p) => federatedTrust(p, keys))];
        })
        .filter((m): m is string => !!m)
        .map((m) => `role ${r.name} ${m}`);
}

export const IAM_POLICIES: ReadonlyArray<Policy> = [
    {
        // berth's own: least privilege (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege),
        // the same idea as FSBP IAM.1/IAM.21 (https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-21)
        // applied to every Allow berth writes, identity and resource policies alike.
        name: "IAM.no-wildcard-actions",
        description: 'No Allow statement berth writes grants "*", "service:*" or NotAction.',
        fix: "list the actions the statement needs (berth's code writes these policies: change the component)",
        types: [...Object.keys(POLICY_DOCUMENTS), ROLE],
        check: (r) => documents(r).flatMap(([label, doc]) => statements(doc).flatMap((s, i) => wildcardProblems(`${r.name} ${label}`, s, i))),
    },
    {
        // Cross-service confused deputy prevention: https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
        name: "IAM.trust-conditions",
        description: "Every role a service or an OIDC provider assumes carries the condition that service documents against the confused deputy problem.",
        fix: "add aws:SourceAccount and aws:SourceArn (or the documented keys) to the role's trust policy in berth's component",
        types: [ROLE],
        check: trustProblems,
    },
];
