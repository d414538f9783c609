// What the team operates on a platform, and how it scales, read from the plan's resources rather
// than written per platform: a composition that adds a node group or a Helm release shows up here.
import type { PlannedResource } from "../engine";
import type { OpsFacts, ReportPlan, ScalingFacts } from "./types";

/** The inputs the report reads, typed as the providers' schemas type them (whatever the resource that has them). */
interface Inputs {
    readonly spec?: {
        readonly amiSelectorTerms?: ReadonlyArray<{ readonly alias?: string; readonly id?: string }>;
        readonly scaleTargetRef?: { readonly name?: string };
        readonly minReplicas?: number;
        readonly maxReplicas?: number;
        readonly replicas?: number;
    };
    readonly metadata?: { readonly name?: string };
    readonly scalingTargets?: ReadonlyArray<{ readonly minTaskCount?: number; readonly maxTaskCount?: number }>;
    readonly autoScalingGroupProvider?: { readonly managedScaling?: { readonly status?: string; readonly targetCapacity?: number } };
    readonly capacityProviders?: ReadonlyArray<string>;
    readonly amiType?: string;
    readonly releaseVersion?: string;
    readonly amiId?: string;
    readonly imageId?: string;
    readonly version?: string;
    readonly endpointPublicAccess?: boolean;
    readonly chart?: string;
    readonly addonName?: string;
    readonly serviceNamespace?: string;
    readonly minCapacity?: number;
    readonly maxCapacity?: number;
    readonly minSize?: number;
    readonly maxSize?: number;
    readonly desiredCount?: number;
}

const of = (p: ReportPlan, type: string) => p.resources.filter((r) => r.type === type);
const inputs = (r: PlannedResource) => r.inputs as Inputs;
/** The last type in a URN's type chain: the type of the resource it names. */
const typeOfUrn = (urn: string | null) => urn?.split("::")[2]?.split("$").pop();
/** A NAT instance's own group and template are the network's, counted apart from the nodes that run tasks. */
const underNat = (r: PlannedResource) => typeOfUrn(r.parent) === "berth:network:NatInstance";

const NODE_POOL = "kubernetes:karpenter.sh/v1:NodePool";
const NODE_CLASS = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";

function nodes(p: ReportPlan): string[] {
    return [
        ...of(p, "aws:autoscaling/group:Group")
            .filter((r) => !underNat(r))
            .map((r) => `Auto Scaling group ${r.name}`),
        ...of(p, "eks:index:ManagedNodeGroup").map((r) => `managed node group ${r.name}`),
        ...of(p, "eks:index:NodeGroupV2").map((r) => `self-managed node group ${r.name}`),
        ...of(p, NODE_POOL).map((r) => `Karpenter node pool ${r.name}`),
    ];
}

/** Images someone rolls forward: a managed group's AMI release, a self-managed group's AMI, Karpenter's alias, a launch template's image. */
function amis(p: ReportPlan): string[] {
    const aliases = (r: PlannedResource) => (inputs(r).spec?.amiSelectorTerms ?? []).map((t) => t.alias ?? t.id ?? "?").join(", ");
    return [
        ...of(p, "eks:index:ManagedNodeGroup").map((r) => `${r.name}: ${inputs(r).amiType ?? "AL2023"} ${inputs(r).releaseVersion ?? "latest release"}`),
        ...of(p, "eks:index:NodeGroupV2").map((r) => `${r.name}: ${inputs(r).amiId ?? "the EKS-optimised AMI"}`),
        ...of(p, NODE_CLASS).map((r) => `${r.name}: ${aliases(r)}`),
        ...of(p, "aws:ec2/launchTemplate:LaunchTemplate")
            .filter((r) => typeof inputs(r).imageId === "string")
            .map((r) => `${r.name}: ${String(inputs(r).imageId).replace(/^resolve:ssm:/, "SSM ")}`),
    ].sort();
}

function controlPlane(p: ReportPlan): string | undefined {
    const cluster = [...of(p, "eks:index:Cluster"), ...of(p, "aws:eks/cluster:Cluster")][0];
    return cluster && `EKS ${inputs(cluster).version ?? "(default version)"}`;
}

export function opsFacts(p: ReportPlan): OpsFacts {
    const cluster = [...of(p, "eks:index:Cluster"), ...of(p, "aws:eks/cluster:Cluster")][0];
    const plane = controlPlane(p);
    return {
        nodes: nodes(p),
        amis: amis(p),
        ...(plane ? { controlPlane: plane } : {}),
        helmReleases: of(p, "kubernetes:helm.sh/v3:Release")
            .map(
                (r) =>
                    String(inputs(r).chart ?? r.name)
                        .split("/")
                        .pop()!,
            )
            .sort(),
        addons: of(p, "aws:eks/addon:Addon")
            .map((r) => String(inputs(r).addonName ?? r.name))
            .sort(),
        privateEndpoint: !!cluster && inputs(cluster).endpointPublicAccess === false,
        natInstances: of(p, "berth:network:NatInstance").length,
    };
}

/** `web 1-4` for an autoscaler's range. */
const range = (name: string, min: number | undefined, max: number | undefined) => `${name} ${String(min ?? 1)}-${String(max ?? "?")}`;

/** Each service's task or pod scaling: its autoscaler and range, or its fixed count. */
function taskScaling(p: ReportPlan): string[] {
    const scaled = new Map<string, string>();
    for (const r of of(p, "aws:appautoscaling/target:Target"))
        if (inputs(r).serviceNamespace === "ecs") scaled.set(r.name.replace(/-target$/, ""), `service auto scaling ${range(r.name.replace(/-target$/, ""), inputs(r).minCapacity, inputs(r).maxCapacity)}`);
    for (const r of of(p, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler")) {
        const spec = inputs(r).spec ?? {};
        const name = spec.scaleTargetRef?.name ?? r.name.replace(/-hpa$/, "");
        scaled.set(name, `HPA ${range(name, spec.minReplicas, spec.maxReplicas)}`);
    }
    for (const r of of(p, "aws:ecs/expressGatewayService:ExpressGatewayService")) {
        const t = inputs(r).scalingTargets?.[0];
        const name = r.name.replace(/-service$/, "");
        scaled.set(name, t ? `Express auto scaling ${range(name, t.minTaskCount, t.maxTaskCount)}` : `Express ${name} default scaling`);
    }
    for (const r of of(p, "aws:apprunner/autoScalingConfigurationVersion:AutoScalingConfigurationVersion")) {
        const name = r.name.replace(/-scaling$/, "");
        scaled.set(name, `App Runner concurrency scaling ${range(name, inputs(r).minSize, inputs(r).maxSize)}`);
    }
    for (const r of of(p, "aws:ecs/service:Service")) {
        const name = r.name.replace(/-service$/, "");
        if (!scaled.has(name)) scaled.set(name, `${name} fixed at ${String(inputs(r).desiredCount ?? 1)} task(s)`);
    }
    for (const r of of(p, "kubernetes:apps/v1:Deployment")) {
        const name = inputs(r).metadata?.name ?? r.name.replace(/-deployment$/, "");
        if (!scaled.has(name)) scaled.set(name, `${name} fixed at ${String(inputs(r).spec?.replicas ?? 1)} pod(s)`);
    }
    return [...scaled.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => v);
}

/** What adds capacity under the tasks or pods. */
function nodeScaling(p: ReportPlan): string {
    const parts: string[] = [];
    for (const r of of(p, "aws:ecs/capacityProvider:CapacityProvider")) {
        const m = inputs(r).autoScalingGroupProvider?.managedScaling;
        parts.push(m?.status === "ENABLED" ? `ECS capacity provider ${r.name} (managed scaling, target ${String(m.targetCapacity)}%)` : `ECS capacity provider ${r.name} (no managed scaling)`);
    }
    const fargate = of(p, "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders").some((r) => inputs(r).capacityProviders?.some((c) => c.startsWith("FARGATE")));
    if (fargate) parts.push("none for Fargate tasks: AWS places each task");
    if (of(p, NODE_POOL).length) parts.push("Karpenter adds and removes nodes");
    if (of(p, "kubernetes:helm.sh/v3:Release").some((r) => inputs(r).chart?.includes("cluster-autoscaler"))) parts.push("Cluster Autoscaler resizes node groups");
    if (of(p, "aws:eks/fargateProfile:FargateProfile").length) parts.push("none for Fargate pods: AWS runs each pod on its own capacity");
    const fixedGroups = [...of(p, "eks:index:ManagedNodeGroup"), ...of(p, "eks:index:NodeGroupV2")].map((r) => r.name);
    if (fixedGroups.length && !parts.some((x) => x.startsWith("Karpenter") || x.startsWith("Cluster Autoscaler"))) parts.push(`nothing resizes node groups ${fixedGroups.join(", ")}: their size is fixed`);
    if (of(p, "aws:ecs/expressGatewayService:ExpressGatewayService").length || of(p, "aws:apprunner/service:Service").length) parts.push("none: AWS runs the capacity");
    if (!parts.length && p.platform === "kubernetes") parts.push("the existing cluster's own (outside this stack)");
    return parts.join("; ") || "none recorded";
}

export function scalingFacts(p: ReportPlan): ScalingFacts {
    return { tasks: taskScaling(p), nodes: nodeScaling(p) };
}
