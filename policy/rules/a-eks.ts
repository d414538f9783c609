// Amazon ECR and Amazon EKS controls of AWS Security Hub's FSBP.
// ECR: https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html
// EKS: https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html
import type { PlannedResource } from "../../start/types";
import type { Policy, PolicyContext } from "../types";
import { at, objects, str, strings } from "./a-read";

const REPOSITORY = "aws:ecr/repository:Repository";
const LIFECYCLE_POLICY = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
const REGISTRY_SCANNING = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration";
const EKS_CLUSTER = "eks:index:Cluster";

/** The names a repository is known by: its `name`, its id (the physical name) and its ARN's last part. */
function repositoryNames(r: PlannedResource): string[] {
    return [str(r.inputs.name), r.id ?? undefined, r.arn?.split("/").slice(1).join("/")].filter((n): n is string => !!n);
}

/**
 * Whether the registry scans pushed images: enhanced scanning (Inspector scans on push and
 * continuously) or a basic rule that scans on push. Rules filter repositories by wildcard; berth's
 * would use `*`, so a rule counts for every repository (a narrower filter is a config change we'd see).
 */
function registryScansOnPush(ctx: PolicyContext): boolean {
    return ctx.ofType(REGISTRY_SCANNING).some((s) => s.inputs.scanType === "ENHANCED" || objects(s.inputs.rules).some((rule) => ["SCAN_ON_PUSH", "CONTINUOUS_SCAN"].includes(str(rule.scanFrequency) ?? "")));
}

/**
 * Kubernetes minor versions in Amazon EKS standard support on SUPPORTED_AS_OF, with the day standard
 * support ends. Security Hub's EKS.2 counts extended support as failing. Sources: the EKS user guide's
 * release calendar (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html: 14
 * months of standard support from release) and https://endoflife.date/amazon-eks (1.35 released
 * 2026-01-28, standard support until 2027-03-27; 1.34's ended 2026-12-02). 1.36 is the newest the
 * user guide names; its end date is the 14-month rule from a mid-2026 release. Update the table when
 * EKS releases a version or one leaves standard support.
 */
export const SUPPORTED_AS_OF = "2026-12-07";
export const EKS_STANDARD_SUPPORT: Readonly<Record<string, string>> = {
    "1.35": "2027-03-27",
    "1.36": "2027-08",
};

function endpointProblems(r: PlannedResource): string[] {
    // pulumi-eks defaults: a public endpoint open to 0.0.0.0/0.
    if (r.inputs.endpointPublicAccess === false) return [];
    const cidrs = r.inputs.publicAccessCidrs === undefined ? ["0.0.0.0/0"] : strings(r.inputs.publicAccessCidrs);
    const open = cidrs.filter((c) => c === "0.0.0.0/0" || c === "::/0");
    return open.length || !cidrs.length ? [`cluster ${r.name}'s API endpoint is public to ${open.join(", ") || "everyone"}`] : [];
}

export const ECR_EKS_POLICIES: ReadonlyArray<Policy> = [
    {
        // [ECR.1] ECR private repositories should have image scanning configured:
        // https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-1
        name: "ECR.1",
        description: "Every private repository scans images on push (its own scanOnPush, or the registry's scanning configuration).",
        fix: "set imageScanningConfiguration.scanOnPush: true on the repository (berth's Registry does) or enable enhanced scanning for the registry",
        types: [REPOSITORY],
        check: (r, ctx) => (at(r.inputs, "imageScanningConfiguration", "scanOnPush") === true || registryScansOnPush(ctx) ? [] : [`repository ${r.name} does not scan images on push`]),
    },
    {
        // [ECR.2] ECR private repositories should have tag immutability configured:
        // https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-2
        name: "ECR.2",
        description: "Every private repository's tags are immutable.",
        fix: "set imageTagMutability: IMMUTABLE (berth's Registry does) and push a new tag per build",
        types: [REPOSITORY],
        check: (r) => {
            const mutability = str(r.inputs.imageTagMutability) ?? "MUTABLE";
            return mutability.startsWith("IMMUTABLE") ? [] : [`repository ${r.name} has imageTagMutability ${mutability}`];
        },
    },
    {
        // [ECR.3] ECR repositories should have at least one lifecycle policy configured:
        // https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-3
        name: "ECR.3",
        description: "Every private repository has a lifecycle policy.",
        fix: "keep berth:registry.keepLast / untaggedExpiryDays (berth's Registry writes the lifecycle policy from them)",
        types: [REPOSITORY],
        check: (r, ctx) => {
            const names = repositoryNames(r);
            const has = ctx.ofType(LIFECYCLE_POLICY).some((p) => names.includes(str(p.inputs.repository) ?? ""));
            return has ? [] : [`repository ${r.name} has no lifecycle policy`];
        },
    },
    {
        // [EKS.1] EKS cluster endpoints should not be publicly accessible:
        // https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-1
        // berth also accepts a public endpoint restricted to named CIDRs, as issue 21 asks.
        name: "EKS.1",
        description: "The cluster's API endpoint is private, or public only to named CIDR ranges.",
        fix: "set berth:eks.publicAccessCidrs to your networks' ranges, or make the endpoint private",
        types: [EKS_CLUSTER],
        check: endpointProblems,
    },
    {
        // [EKS.2] EKS clusters should run on a supported Kubernetes version:
        // https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-2
        name: "EKS.2",
        description: `The cluster runs a Kubernetes version in EKS standard support (as of ${SUPPORTED_AS_OF}: ${Object.keys(EKS_STANDARD_SUPPORT).join(", ")}).`,
        fix: "set berth:eks.version to a version in standard support and upgrade the cluster one minor version at a time",
        types: [EKS_CLUSTER],
        check: (r) => {
            const version = str(r.inputs.version);
            if (version === undefined) return []; // pulumi-eks then picks EKS's default, a supported one
            return EKS_STANDARD_SUPPORT[version] ? [] : [`cluster ${r.name} runs Kubernetes ${version}, not in EKS standard support as of ${SUPPORTED_AS_OF}`];
        },
    },
    {
        // [EKS.3] EKS clusters should use encrypted Kubernetes secrets:
        // https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-3
        name: "EKS.3",
        description: "The cluster encrypts Kubernetes secrets with a KMS key (envelope encryption).",
        fix: "keep the secrets KMS key berth's EksCluster creates (encryptionConfigKeyArn)",
        types: [EKS_CLUSTER],
        check: (r) => (r.inputs.encryptionConfigKeyArn || at(r.inputs, "encryptionConfig", "provider", "keyArn") ? [] : [`cluster ${r.name} does not encrypt Kubernetes secrets with KMS`]),
    },
    {
        // [EKS.8] EKS clusters should have audit logging enabled:
        // https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-8
        name: "EKS.8",
        description: "The cluster sends its audit log to CloudWatch.",
        fix: "include audit in berth:eks.logTypes (the default is api, audit, authenticator)",
        types: [EKS_CLUSTER],
        check: (r) => (strings(r.inputs.enabledClusterLogTypes).includes("audit") ? [] : [`cluster ${r.name} does not enable the audit log`]),
    },
];
