// What the start-path analysis reads from a Kubernetes workload in the plan (issue 23): its pod
// template, where its pods run (EKS nodes or a Fargate profile) and which IAM role its service
// account gets (Pod Identity association or IRSA annotation).
import type { Placement } from "./network";
import type { PlanIndex, PlannedResource } from "./types";

export type Json = Record<string, unknown>;

export const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
export const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** A workload's pod template, wherever its kind keeps it. */
export interface Pod {
    readonly namespace: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly spec: Json;
    /** Init containers first: they pull (and start) before the app containers. */
    readonly containers: Json[];
    readonly serviceAccount: string;
}

export function podOf(r: PlannedResource): Pod {
    const spec = obj(r.inputs.spec);
    // A CronJob's pods come from spec.jobTemplate.spec.template; a Deployment's and a Job's from spec.template.
    const template = r.type === "kubernetes:batch/v1:CronJob" ? obj(obj(obj(spec.jobTemplate).spec).template) : obj(spec.template);
    const podSpec = obj(template.spec);
    const labels = Object.fromEntries(Object.entries(obj(obj(template.metadata).labels)).filter((e): e is [string, string] => typeof e[1] === "string"));
    return {
        namespace: str(obj(r.inputs.metadata).namespace) ?? "default",
        labels,
        spec: podSpec,
        containers: [...list(podSpec.initContainers), ...list(podSpec.containers)],
        // Kubernetes runs a pod without serviceAccountName as the namespace's "default" service account.
        serviceAccount: str(podSpec.serviceAccountName) ?? "default",
    };
}

/** The plan's account: every ARN berth records carries it. */
export function accountOf(index: PlanIndex): string {
    for (const r of index.resources) {
        const account = r.arn?.split(":")[4];
        if (account) return account;
    }
    return "ACCOUNT";
}

/** The IAM role behind an ARN, name or URN the plan uses to name it. */
export function roleOf(index: PlanIndex, ref: string | undefined): PlannedResource | undefined {
    if (!ref) return undefined;
    return index.byUrn.get(ref) ?? index.find(ref, "aws:iam/role:Role");
}

/** The role's inline and attached policy resources: a pod acting as the role must wait for them. */
export function policiesOf(index: PlanIndex, role: PlannedResource | undefined): PlannedResource[] {
    if (!role) return [];
    const names = new Set([role.id, role.arn, str(role.inputs.name)].filter((x): x is string => !!x));
    return [...index.ofType("aws:iam/rolePolicy:RolePolicy"), ...index.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")].filter((p) => names.has(str(p.inputs.role) ?? ""));
}

/** Where a pod's image is pulled and its traffic leaves from, and the role that pulls. */
export interface Compute {
    /** "fargate" or "nodes". */
    readonly kind: "fargate" | "nodes";
    /** What it is, for reasons: "Fargate profile serverless-profile", "node group general". */
    readonly what: string;
    readonly urn: string;
    /** The role that pulls the image (the node role, or the profile's pod execution role). */
    readonly role?: PlannedResource;
    readonly roleArn?: string;
    readonly placement: Placement;
    /** Whether berth's deploy order is expected to wait for it (Karpenter's pools are filled on demand, after the deploy). */
    readonly awaited: boolean;
}

/**
 * A Fargate profile selector matches a pod when the namespace is equal and every selector label is on
 * the pod. Source: Amazon EKS User Guide, "Define which Pods use AWS Fargate when launched".
 */
function selects(selector: Json, pod: Pod): boolean {
    if (str(selector.namespace) !== pod.namespace) return false;
    return Object.entries(obj(selector.labels)).every(([k, v]) => pod.labels[k] === v);
}

export function fargateOf(index: PlanIndex, pod: Pod): Compute | undefined {
    const profile = index.ofType("aws:eks/fargateProfile:FargateProfile").find((p) => list(p.inputs.selectors).some((s) => selects(s, pod)));
    if (!profile) return undefined;
    const roleArn = str(profile.inputs.podExecutionRoleArn);
    // Fargate pods get the cluster security group, which the plan does not record as an input.
    return { kind: "fargate", what: `Fargate profile ${profile.name}`, urn: profile.urn, role: roleOf(index, roleArn), roleArn, placement: { subnets: strings(profile.inputs.subnetIds), publicIp: false, securityGroups: [] }, awaited: true };
}

/** Every kind of EKS node the plan records: managed node groups, self-managed node groups, Karpenter node classes. */
export function nodesOf(index: PlanIndex): Compute[] {
    const out: Compute[] = [];
    for (const g of index.ofType("eks:index:ManagedNodeGroup")) {
        const role = roleOf(index, str(g.inputs.nodeRole) ?? str(g.inputs.nodeRoleArn));
        const lt = index.find(str(obj(g.inputs.launchTemplate).id) ?? "", "aws:ec2/launchTemplate:LaunchTemplate");
        out.push({
            kind: "nodes",
            what: `managed node group ${g.name}`,
            urn: g.urn,
            role,
            // A role the plan cannot resolve stays named as written: the IAM step then says it is outside the stack.
            roleArn: role?.arn ?? str(g.inputs.nodeRoleArn) ?? str(g.inputs.nodeRole),
            placement: { subnets: strings(g.inputs.subnetIds), publicIp: false, securityGroups: strings(lt?.inputs.vpcSecurityGroupIds) },
            awaited: true,
        });
    }
    for (const g of index.ofType("eks:index:NodeGroupV2")) {
        const profile = index.find(str(g.inputs.instanceProfileName) ?? "", "aws:iam/instanceProfile:InstanceProfile");
        const role = roleOf(index, str(profile?.inputs.role));
        const sg = str(g.inputs.nodeSecurityGroupId);
        out.push({
            kind: "nodes",
            what: `self-managed node group ${g.name}`,
            urn: g.urn,
            role,
            roleArn: role?.arn ?? str(profile?.inputs.role) ?? str(g.inputs.instanceProfileName),
            placement: { subnets: strings(g.inputs.nodeSubnetIds), publicIp: g.inputs.nodeAssociatePublicIpAddress === true, securityGroups: sg ? [sg] : [] },
            awaited: true,
        });
    }
    for (const c of index.ofType("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass")) {
        const spec = obj(c.inputs.spec);
        const role = roleOf(index, str(spec.role));
        const ids = (terms: unknown) =>
            list(terms)
                .map((t) => str(t.id))
                .filter((x): x is string => !!x);
        out.push({
            kind: "nodes",
            what: `Karpenter node class ${str(obj(c.inputs.metadata).name) ?? c.name}`,
            urn: c.urn,
            role,
            roleArn: role?.arn ?? str(spec.role),
            placement: { subnets: ids(spec.subnetSelectorTerms), publicIp: false, securityGroups: ids(spec.securityGroupSelectorTerms) },
            awaited: false,
        });
    }
    return out;
}

/** Where the pod may run: its Fargate profile, or else every kind of node (an untainted pool takes any pod). */
export function computeOf(index: PlanIndex, pod: Pod): Compute[] {
    const fargate = fargateOf(index, pod);
    return fargate ? [fargate] : nodesOf(index);
}

/** The role a service account acts as, and what grants it (so the pod can wait for that). */
export interface Identity {
    readonly roleArn: string;
    readonly how: "pod-identity" | "irsa";
    /** The association (Pod Identity) or the role (IRSA), then the role's policies. */
    readonly waits: ReadonlyArray<{ readonly urn: string; readonly what: string }>;
}

export function identityOf(index: PlanIndex, namespace: string, serviceAccount: string): Identity | undefined {
    const assoc = index.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation").find((a) => a.inputs.namespace === namespace && a.inputs.serviceAccount === serviceAccount);
    const policyWaits = (role: PlannedResource | undefined) => policiesOf(index, role).map((p) => ({ urn: p.urn, what: `role policy ${p.name}` }));
    if (assoc) {
        const roleArn = str(assoc.inputs.roleArn) ?? "";
        return { roleArn, how: "pod-identity", waits: [{ urn: assoc.urn, what: `Pod Identity association ${assoc.name}` }, ...policyWaits(roleOf(index, roleArn))] };
    }
    const sa = index.ofType("kubernetes:core/v1:ServiceAccount").find((s) => obj(s.inputs.metadata).namespace === namespace && obj(s.inputs.metadata).name === serviceAccount);
    // The IRSA webhook reads this annotation. Source: Amazon EKS User Guide, "Assign IAM roles to Kubernetes service accounts".
    const roleArn = str(obj(obj(sa?.inputs.metadata).annotations)["eks.amazonaws.com/role-arn"]);
    if (!roleArn) return undefined;
    const role = roleOf(index, roleArn);
    return { roleArn, how: "irsa", waits: [...(role ? [{ urn: role.urn, what: `IRSA role ${role.name}` }] : []), ...policyWaits(role)] };
}
