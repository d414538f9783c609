// Instances and clusters: Auto Scaling groups (ECS on EC2, the NAT instance), the EKS control plane,
// EKS node groups (managed and self-managed, which the plan records as remote components carrying
// only their inputs), Karpenter's nodes, EKS Fargate pods, and App Runner services.
import { eksSupport } from "../config/facts/eks";
import { FARGATE_POD_MAX, FARGATE_SIZES } from "../config/facts/fargate";
import { ec2Hourly } from "./ec2-prices";
import { fargateLines } from "./lines-ecs";
import { HOURS_PER_MONTH, PRICE_DATE, PRICES } from "./prices";
import { arr, cpuQuantity, hourly, memoryQuantity, num, obj, priced, round4, str } from "./read";
import type { CostContext, CostLine } from "./types";
import type { PlannedResource } from "../start/types";

/** `count` instances of `type` all month, on demand or on Spot at `ec2SpotDiscount` off, and their gp3 root volumes. */
function instanceLines(ctx: CostContext, r: PlannedResource, label: string, type: string | undefined, count: number, diskGb: number, madeBy?: string, fixed = true, spot = false): CostLine[] {
    const onDemand = type ? ec2Hourly(type) : undefined;
    const share = 1 - PRICES.ec2SpotDiscount.usd;
    const price = onDemand !== undefined && spot ? round4(onDemand * share) : onDemand;
    const lines: CostLine[] = [];
    if (price === undefined) ctx.note(`${label}: instance type ${type ?? "(unknown)"} has no price in cost/ec2-prices.ts, so its instances are not priced.`);
    else {
        const quantity = round4(count * HOURS_PER_MONTH);
        lines.push({
            urn: r.urn,
            type: r.type,
            description: `${label}: ${+count.toFixed(2)} × ${type} ${spot ? `on Spot at ${Math.round(share * 100)} % of on-demand` : "on demand"}`,
            quantity,
            unit: `${type} instance-hour`,
            unitPrice: price,
            monthly: round4(quantity * price),
            fixed,
            ...(madeBy ? { madeBy } : {}),
        });
    }
    if (diskGb > 0 && count > 0) lines.push(priced(r, "ebsGp3GbMonth", count * diskGb, `${label}: ${diskGb} GB gp3 root volume per instance`, fixed, madeBy));
    return lines;
}

/** The launch template with this id (the plan records the fake id it was given). */
function launchTemplateOf(ctx: CostContext, id: unknown): PlannedResource | undefined {
    return ctx.ofType("aws:ec2/launchTemplate:LaunchTemplate").find((lt) => lt.id === id);
}

const rootVolumeGb = (lt: PlannedResource | undefined): number | undefined => num(obj(obj(arr(lt?.inputs.blockDeviceMappings)[0])?.ebs)?.volumeSize);

/** Auto Scaling groups at their desired (or minimum) size, priced on demand at their first instance type. */
export function autoScalingLines(ctx: CostContext): CostLine[] {
    return ctx.ofType("aws:autoscaling/group:Group").flatMap((asg) => {
        const mixed = obj(asg.inputs.mixedInstancesPolicy);
        const template = obj(mixed?.launchTemplate);
        const lt = launchTemplateOf(ctx, obj(template?.launchTemplateSpecification)?.launchTemplateId ?? obj(asg.inputs.launchTemplate)?.id);
        const type = str(obj(arr(template?.overrides)[0])?.instanceType) ?? str(lt?.inputs.instanceType);
        const count = num(asg.inputs.desiredCapacity) ?? num(asg.inputs.minSize) ?? 0;
        if (mixed) ctx.note(`${asg.name}: its instances are priced on demand at ${type ?? "their first type"}; a Spot share would cost less.`);
        return instanceLines(ctx, asg, asg.name, type, count, rootVolumeGb(lt) ?? 0);
    });
}

/**
 * The EKS control plane: standard support, or extended when the version is past standard support on
 * the price date. A version past extended support is priced at the extended rate as an upper bound,
 * with a note: EKS upgrades a cluster whose extended support has ended (EKS user guide, "Kubernetes
 * version lifecycle"). A version the table lacks (validation refuses one) is priced as standard.
 */
export function eksClusterLines(ctx: CostContext): CostLine[] {
    return [...ctx.ofType("eks:index:Cluster"), ...ctx.ofType("aws:eks/cluster:Cluster")].map((c) => {
        const version = str(c.inputs.version);
        if (version === undefined) return hourly(c, "eksControlPlaneHour", 1, `${c.name}: EKS control plane`);
        const support = eksSupport(version, PRICE_DATE) ?? "standard";
        if (support !== "ended") return hourly(c, support === "extended" ? "eksExtendedSupportHour" : "eksControlPlaneHour", 1, `${c.name}: EKS control plane (Kubernetes ${version}, ${support} support)`);
        ctx.note(`${c.name}: Kubernetes ${version} is past extended support on the price date, and EKS upgrades such a cluster; priced at the extended-support rate, an upper bound.`);
        return hourly(c, "eksExtendedSupportHour", 1, `${c.name}: EKS control plane (Kubernetes ${version})`);
    });
}

/** Managed node groups (eks:index:ManagedNodeGroup, aws:eks/nodeGroup:NodeGroup): scalingConfig's desired size. */
export function managedNodeLines(ctx: CostContext): CostLine[] {
    return [...ctx.ofType("eks:index:ManagedNodeGroup"), ...ctx.ofType("aws:eks/nodeGroup:NodeGroup")].flatMap((g) => {
        const scaling = obj(g.inputs.scalingConfig);
        const count = num(scaling?.desiredSize) ?? num(scaling?.minSize) ?? 2;
        const type = str(arr(g.inputs.instanceTypes)[0]) ?? "t3.medium";
        // EKS's default disk for a managed node group without a launch template: 20 GB.
        const disk = rootVolumeGb(launchTemplateOf(ctx, obj(g.inputs.launchTemplate)?.id)) ?? num(g.inputs.diskSize) ?? 20;
        return instanceLines(ctx, g, g.name, type, count, disk, undefined, true, g.inputs.capacityType === "SPOT");
    });
}

/** Self-managed node groups (eks:index:NodeGroupV2 and NodeGroup): desired capacity, or the minimum. */
export function selfManagedNodeLines(ctx: CostContext): CostLine[] {
    return [...ctx.ofType("eks:index:NodeGroupV2"), ...ctx.ofType("eks:index:NodeGroup")].flatMap((g) => {
        const count = num(g.inputs.desiredCapacity) ?? num(g.inputs.minSize) ?? 2;
        return instanceLines(ctx, g, g.name, str(g.inputs.instanceType) ?? "t3.medium", count, num(g.inputs.nodeRootVolumeSize) ?? 20);
    });
}

/**
 * Karpenter's nodes. The plan cannot know which pods will not fit the other nodes, so a NodePool
 * is priced at the usage's average node count (capped by its `limits.nodes`), at the cheapest
 * instance type its requirements allow: a usage line, not a fixed one.
 */
export function karpenterLines(ctx: CostContext): CostLine[] {
    return ctx.ofType("kubernetes:karpenter.sh/v1:NodePool").flatMap((pool) => {
        const spec = obj(pool.inputs.spec);
        const limit = num(obj(spec?.limits)?.nodes);
        const requirements = arr(obj(obj(spec?.template)?.spec)?.requirements).map(obj);
        const types = arr(requirements.find((q) => q?.key === "node.kubernetes.io/instance-type")?.values).filter((t): t is string => typeof t === "string");
        const cheapest = types.filter((t) => ec2Hourly(t) !== undefined).sort((a, b) => ec2Hourly(a)! - ec2Hourly(b)! || a.localeCompare(b))[0];
        const count = Math.min(ctx.usage.karpenterNodes, limit ?? Infinity);
        const label = `${pool.name}: Karpenter nodes, ${+count.toFixed(2)} on average${limit !== undefined ? ` (at most ${limit})` : ""}`;
        // Karpenter launches Spot whenever a NodePool allows it (Karpenter docs, NodePools, "karpenter.sh/capacity-type").
        const capacity = arr(requirements.find((q) => q?.key === "karpenter.sh/capacity-type")?.values);
        return instanceLines(ctx, pool, label, cheapest, count, 0, "Karpenter", false, capacity.includes("spot"));
    });
}

/** The Fargate size a pod of `vcpu` and `mib` runs on: the smallest that holds both; undefined past Fargate's largest pod. */
export function fargatePodSize(vcpu: number, mib: number): { vcpu: number; gb: number } | undefined {
    for (const size of FARGATE_SIZES) {
        if (size.cpu > FARGATE_POD_MAX.cpu || size.cpu / 1024 < vcpu) continue;
        const options = size.only ?? Array.from({ length: (size.max - size.min) / size.step + 1 }, (_, i) => size.min + i * size.step);
        const memory = options.find((m) => m >= mib && m <= FARGATE_POD_MAX.memory);
        if (memory !== undefined) return { vcpu: size.cpu / 1024, gb: memory / 1024 };
    }
    return undefined;
}

/** EKS Fargate adds 256 MiB to each pod's memory request for its own agents (EKS user guide, "Fargate Pod configuration"). */
export const FARGATE_POD_OVERHEAD_MIB = 256;

/** A Deployment's pod: its containers' requests (or limits), summed. */
function podRequests(spec: Record<string, unknown> | undefined): { vcpu: number; mib: number } {
    const containers = arr(obj(obj(obj(spec?.template)?.spec))?.containers).map(obj);
    let vcpu = 0;
    let mib = 0;
    for (const c of containers) {
        const res = obj(c?.resources);
        const want = obj(res?.requests) ?? obj(res?.limits);
        vcpu += cpuQuantity(want?.cpu);
        mib += memoryQuantity(want?.memory);
    }
    return { vcpu, mib };
}

/** The Deployments that run on an EKS Fargate profile: one whose selector takes their namespace (and labels). */
export function eksFargateLines(ctx: CostContext): CostLine[] {
    const selectors = ctx.ofType("aws:eks/fargateProfile:FargateProfile").flatMap((p) => arr(p.inputs.selectors).map(obj));
    if (!selectors.length) return [];
    return ctx.ofType("kubernetes:apps/v1:Deployment").flatMap((d) => {
        const meta = obj(d.inputs.metadata);
        const spec = obj(d.inputs.spec);
        const labels = obj(obj(obj(spec?.template)?.metadata)?.labels) ?? {};
        const matched = selectors.some((s) => s?.namespace === meta?.namespace && Object.entries(obj(s?.labels) ?? {}).every(([k, v]) => labels[k] === v));
        if (!matched) return [];
        const { vcpu, mib } = podRequests(spec);
        const size = fargatePodSize(vcpu, mib + FARGATE_POD_OVERHEAD_MIB);
        if (!size) {
            ctx.note(`${d.name}: its pods ask for more than Fargate's largest pod, so they are not priced.`);
            return [];
        }
        const hpa = ctx.ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler").find((h) => obj(obj(h.inputs.spec)?.scaleTargetRef)?.name === meta?.name && obj(h.inputs.metadata)?.namespace === meta?.namespace);
        const min = num(obj(hpa?.inputs.spec)?.minReplicas) ?? 1;
        const max = num(obj(hpa?.inputs.spec)?.maxReplicas) ?? min;
        const pods = hpa ? (ctx.usage.scaledTasks === "midpoint" ? (min + max) / 2 : min) : (num(spec?.replicas) ?? 1);
        return fargateLines(d, `${d.name} (pods of ${vcpu} vCPU / ${mib} MiB + ${FARGATE_POD_OVERHEAD_MIB} MiB)`, { ...size, arm: false }, pods, 0, undefined, "pod");
    });
}

/** App Runner: provisioned memory all month (fixed), vCPU and memory while active (usage). */
export function appRunnerLines(ctx: CostContext): CostLine[] {
    return ctx.ofType("aws:apprunner/service:Service").flatMap((s) => {
        const instance = obj(s.inputs.instanceConfiguration);
        const vcpu = appRunnerAmount(instance?.cpu, "vCPU", 1024);
        const gb = appRunnerAmount(instance?.memory, "GB", 1024);
        const configArn = str(s.inputs.autoScalingConfigurationArn) ?? "";
        const scaling = ctx.ofType("aws:apprunner/autoScalingConfigurationVersion:AutoScalingConfigurationVersion").find((a) => configArn.includes(`/${String(a.inputs.autoScalingConfigurationName)}/`));
        const instances = num(scaling?.inputs.minSize) ?? 1;
        const active = Math.min(ctx.usage.appRunnerActiveHoursPerMonth, HOURS_PER_MONTH);
        const label = `${s.name}: ${instances} instance${instances === 1 ? "" : "s"} × ${vcpu} vCPU / ${gb} GB`;
        // Memory bills at the same rate active or idle; only vCPU stops when no request is in flight.
        return [
            priced(s, "appRunnerGbHourProvisioned", instances * gb * HOURS_PER_MONTH, `${label}, memory (provisioned or active)`, true),
            priced(s, "appRunnerVcpuHourActive", instances * vcpu * active, `${label}, vCPU while active (${active} h a month)`, false),
        ];
    });
}

/** App Runner takes "1024" (units or MB) or "1 vCPU" / "2 GB". */
function appRunnerAmount(v: unknown, unit: string, per: number): number {
    const s = typeof v === "number" ? String(v) : (str(v) ?? "");
    if (s.includes(unit)) return num(s.replace(unit, "").trim()) ?? 0;
    return (num(s) ?? per) / per;
}
