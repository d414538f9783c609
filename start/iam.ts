// IAM evaluation over the plan's recorded policy documents (issue 23): berth's own evaluator for the
// subset of IAM that berth writes. The order is AWS's, from the IAM User Guide's "Policy evaluation
// logic" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
// an explicit Deny in any policy wins, then any Allow, else the request is implicitly denied.
// Permissions boundaries, SCPs and session policies are outside what the plan records.
import { iamAction, serviceActions } from "./iam-data";
import { actionMatches, conditionsHold, list, type PolicyDocument, type PolicyStatement, resourceMatches } from "./iam-match";
import { MANAGED_POLICIES } from "./managed-policies";
import type { PlanIndex, PlannedResource } from "./types";

export type { PolicyDocument, PolicyStatement } from "./iam-match";

/** A policy document and where it came from: the URN of the resource that carries it, or a managed policy's ARN. */
export interface SourcedPolicy {
    readonly source: string;
    readonly document: PolicyDocument;
}

/** One API call: the action, the resource ARN it acts on ("*" for actions without resource-level permissions), and the request context. */
export interface IamRequest {
    readonly action: string;
    readonly resource: string;
    /** Condition keys and their values in this request (e.g. `kms:ViaService`). Keys not given are absent. */
    readonly context?: Readonly<Record<string, string | string[]>>;
}

export type Decision =
    | { readonly decision: "allow"; readonly by: string }
    | { readonly decision: "explicit-deny"; readonly by: string }
    | { readonly decision: "implicit-deny"; readonly reason: string }
    /** A statement that might decide uses a condition operator the evaluator does not know: the step is assumed, not guessed. */
    | { readonly decision: "indeterminate"; readonly reason: string };

export const statementsOf = (doc: PolicyDocument): ReadonlyArray<PolicyStatement> => list(doc.Statement);

/** Whether one statement covers the request: action, resource and every condition. */
export function statementApplies(s: PolicyStatement, req: IamRequest): boolean {
    // A statement with neither Action nor NotAction is invalid, and IAM would refuse it: it covers nothing.
    const action = s.Action !== undefined ? list(s.Action).some((p) => actionMatches(p, req.action)) : s.NotAction !== undefined && !list(s.NotAction).some((p) => actionMatches(p, req.action));
    if (!action) return false;
    // A statement without Resource or NotResource is a trust or resource policy's: the resource is implied
    // (an absent NotResource excludes nothing).
    const resource = s.Resource !== undefined ? list(s.Resource).some((p) => resourceMatches(p, req.resource)) : !list(s.NotResource).some((p) => resourceMatches(p, req.resource));
    return resource && conditionsHold(s.Condition, req.context ?? {});
}

const label = (source: string, s: PolicyStatement, i: number): string => `${source}#${s.Sid ?? i}`;

function decide(policies: ReadonlyArray<SourcedPolicy>, req: IamRequest, applies: (s: PolicyStatement) => boolean): Decision {
    if (!iamAction(req.action).exists) throw new Error(`IAM action ${req.action} does not exist (AWS's service authorization reference): a typo in the analysis?`);
    let allow: string | undefined;
    // Statements whose condition uses an operator this evaluator does not know: they might apply.
    const unsure: { effect: string; by: string; why: string }[] = [];
    for (const p of policies) {
        for (const [i, s] of statementsOf(p.document).entries()) {
            let applied: boolean;
            try {
                applied = applies(s) && statementApplies(s, req);
            } catch (e) {
                unsure.push({ effect: s.Effect, by: label(p.source, s, i), why: (e as Error).message });
                continue;
            }
            if (!applied) continue;
            if (s.Effect === "Deny") return { decision: "explicit-deny", by: label(p.source, s, i) };
            allow ??= label(p.source, s, i);
        }
    }
    const deny = unsure.find((u) => u.effect === "Deny");
    if (deny) return { decision: "indeterminate", reason: `${deny.by} may deny it (${deny.why})` };
    if (allow) return { decision: "allow", by: allow };
    if (unsure.length) return { decision: "indeterminate", reason: `only ${unsure[0].by} may allow it (${unsure[0].why})` };
    return { decision: "implicit-deny", reason: `no statement in ${policies.length} polic${policies.length === 1 ? "y" : "ies"} allows ${req.action} on ${req.resource}` };
}

/** Identity-policy evaluation: an explicit Deny wins, then any Allow, else implicitly denied. `by` names the source and the statement's Sid or index. */
export function evaluate(policies: ReadonlyArray<SourcedPolicy>, req: IamRequest): Decision {
    return decide(policies, req, () => true);
}

/** Actions named in Allow or Deny statements that AWS does not have; a wildcard counts when it matches at least one real action. */
export function unknownActions(doc: PolicyDocument): string[] {
    const named = statementsOf(doc).flatMap((s) => [...list(s.Action), ...list(s.NotAction)]);
    return [...new Set(named)].filter((a) => {
        if (a === "*") return false;
        // A name without a colon names no service's action: it matches none below.
        const [service] = a.split(":");
        // Stryker disable next-line ConditionalExpression,Regex: a shortcut; the wildcard search below gives the same answer for a name without wildcards
        if (!/[*?]/.test(a)) return !iamAction(a).exists;
        return !Object.values(serviceActions(service)).some((r) => actionMatches(a, `${service}:${r.name}`));
    });
}

export interface RolePolicies {
    /** The role's ARN as asked. */
    readonly role: string;
    /** Whether the plan records the role at all (a role from outside the stack is not). */
    readonly recorded: boolean;
    /** Inline policies, customer policies attached, and AWS managed policies attached whose documents berth keeps as data. */
    readonly policies: SourcedPolicy[];
    /** Attached policies whose documents neither the plan nor berth's data hold (their ARNs). */
    readonly unknown: string[];
}

const ROLE = "aws:iam/role:Role";

/** A policy input as the plan records it: a JSON string, or an object; anything else (a redacted secret) is unreadable. */
export function parseDocument(value: unknown): PolicyDocument | undefined {
    try {
        const doc: unknown = typeof value === "string" ? JSON.parse(value) : value;
        return doc && typeof doc === "object" && "Statement" in doc ? (doc as PolicyDocument) : undefined;
    } catch {
        return undefined;
    }
}

/** An AWS managed policy's name with its path (`service-role/AmazonEBSCSIDriverPolicy`), from its ARN in any partition. */
export const managedPolicyName = (arn: string): string | undefined => /^arn:[^:]+:iam::aws:policy\/(.+)$/.exec(arn)?.[1];

function attachedPolicy(index: PlanIndex, arn: string): SourcedPolicy | undefined {
    const managed = managedPolicyName(arn);
    if (managed !== undefined) {
        const data = MANAGED_POLICIES[managed];
        // AWS publishes them for the aws partition; in aws-cn and aws-us-gov the same documents name their own.
        const partition = arn.split(":")[1];
        const document = partition === "aws" || !data ? data?.document : (JSON.parse(JSON.stringify(data.document).replaceAll('"arn:aws:', `"arn:${partition}:`)) as PolicyDocument);
        return document && { source: arn, document };
    }
    const customer = index.find(arn, "aws:iam/policy:Policy");
    const document = customer && parseDocument(customer.inputs.policy);
    return document && { source: arn, document };
}

/** Every identity policy of the role named by `roleRef` (its ARN or name), as the plan records them. */
export function policiesOfRole(index: PlanIndex, roleRef: string): RolePolicies {
    const role = index.find(roleRef, ROLE) ?? index.find(roleRef.split("/").pop() ?? roleRef, ROLE);
    // How other resources name the role: RolePolicy and RolePolicyAttachment take its name (= id), some its ARN.
    const refs = new Set<unknown>([roleRef, roleRef.split("/").pop() ?? roleRef, ...(role ? [role.arn, role.id, role.inputs.name] : [])]);
    const ofRole = (r: PlannedResource): boolean => typeof r.inputs.role === "string" && refs.has(r.inputs.role);
    const policies: SourcedPolicy[] = [];
    const unknown: string[] = [];
    const add = (source: string, value: unknown): void => {
        const document = parseDocument(value);
        if (document) policies.push({ source, document });
        else unknown.push(source);
    };
    for (const rp of index.ofType("aws:iam/rolePolicy:RolePolicy").filter(ofRole)) add(rp.urn, rp.inputs.policy);
    for (const inline of list(role?.inputs.inlinePolicies as ReadonlyArray<{ name?: string; policy?: unknown }> | undefined)) {
        add(`${role?.urn}#inline:${inline.name ?? ""}`, inline.policy);
    }
    const attached = [
        ...index
            .ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
            .filter(ofRole)
            .map((a) => a.inputs.policyArn),
        ...list(role?.inputs.managedPolicyArns as ReadonlyArray<unknown> | undefined),
    ].filter((x): x is string => typeof x === "string");
    for (const arn of new Set(attached)) {
        const p = attachedPolicy(index, arn);
        if (p) policies.push(p);
        else unknown.push(arn);
    }
    return { role: roleRef, recorded: !!role, policies, unknown };
}

/** Resource-policy types and the input that names what they protect (by ARN, or by a reference the index resolves). */
const RESOURCE_POLICIES: ReadonlyArray<{ readonly type: string; readonly ref: string }> = [
    { type: "aws:secretsmanager/secretPolicy:SecretPolicy", ref: "secretArn" },
    { type: "aws:ecr/repositoryPolicy:RepositoryPolicy", ref: "repository" },
    { type: "aws:sns/topicPolicy:TopicPolicy", ref: "arn" },
    { type: "aws:sqs/queuePolicy:QueuePolicy", ref: "queueUrl" },
    { type: "aws:efs/fileSystemPolicy:FileSystemPolicy", ref: "fileSystemId" },
];

/** The resource policies the plan records for `resourceArn` (secret, KMS key, bucket, repository policies). */
export function resourcePolicies(index: PlanIndex, resourceArn: string): SourcedPolicy[] {
    const found: SourcedPolicy[] = [];
    const add = (r: PlannedResource): void => {
        const document = parseDocument(r.inputs.policy);
        if (document) found.push({ source: r.urn, document });
    };
    for (const { type, ref } of RESOURCE_POLICIES) {
        for (const r of index.ofType(type)) {
            const named = r.inputs[ref];
            if (typeof named !== "string") continue;
            const target = named === resourceArn ? resourceArn : index.find(named)?.arn;
            // A repository policy names its repository; one outside the plan still has a predictable ARN.
            const ecrByName = type.startsWith("aws:ecr/") && resourceArn.endsWith(`:repository/${named}`);
            if (target === resourceArn || ecrByName) add(r);
        }
    }
    for (const key of index.ofType("aws:kms/key:Key")) if (key.arn === resourceArn) add(key);
    // A bucket policy covers the bucket and every object in it.
    for (const bp of index.ofType("aws:s3/bucketPolicy:BucketPolicy")) {
        const bucket = typeof bp.inputs.bucket === "string" ? `arn:${resourceArn.split(":")[1] ?? "aws"}:s3:::${bp.inputs.bucket}` : undefined;
        if (bucket && (resourceArn === bucket || resourceArn.startsWith(`${bucket}/`))) add(bp);
    }
    return found;
}

const accountOf = (arn: string): string | undefined => arn.split(":")[4] || undefined;

/** Whether a statement's Principal names `principal`: "*", its ARN, its account (bare or as `:root`), or a service principal. */
export function principalMatches(principal: unknown, principalArn: string): boolean {
    if (principal === "*") return true;
    // Any other string or scalar has neither key, so it names nobody.
    const { AWS, Service } = (principal ?? {}) as { AWS?: string | string[]; Service?: string | string[] };
    const account = accountOf(principalArn);
    const aws = list(AWS).some((p) => p === "*" || p === principalArn || (account !== undefined && (p === account || /^arn:[^:]+:iam::(\d{12}):root$/.exec(p)?.[1] === account)));
    return aws || list(Service).includes(principalArn);
}

/** Resource-policy evaluation for `principalArn`'s request: Allow needs a statement naming the principal (or its account). */
export function evaluateResourcePolicy(policies: ReadonlyArray<SourcedPolicy>, principalArn: string, req: IamRequest): Decision {
    return decide(policies, req, (s) => principalMatches(s.Principal, principalArn));
}
