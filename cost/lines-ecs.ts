// Tasks on Fargate: ECS services and ECS Express Mode services, priced per vCPU-hour and GB-hour,
// on x86 or ARM, with the Spot share their capacity provider strategy gives them.
import { HOURS_PER_MONTH, PRICES } from "./prices";
import { arr, hourly, nameOfUrn, num, obj, priced, str } from "./read";
import type { CostContext, CostLine } from "./types";
import type { PlannedResource } from "../start/types";

interface Strategy {
    readonly capacityProvider: string;
    readonly base: number;
    readonly weight: number;
}

function strategies(v: unknown): Strategy[] {
    return arr(v).flatMap((s) => {
        const o = obj(s);
        const capacityProvider = str(o?.capacityProvider);
        return capacityProvider ? [{ capacityProvider, base: num(o?.base) ?? 0, weight: num(o?.weight) ?? 0 }] : [];
    });
}

/**
 * How many of `tasks` ECS places on FARGATE_SPOT: the bases are filled first, in the strategy's
 * order, then the rest is split by weight (ECS's documented placement, taken as an average).
 */
export function spotTasks(tasks: number, strategy: ReadonlyArray<Strategy>): number {
    if (!strategy.length) return 0;
    let left = tasks;
    let spot = 0;
    for (const s of strategy) {
        const onBase = Math.min(left, s.base);
        left -= onBase;
        if (s.capacityProvider === "FARGATE_SPOT") spot += onBase;
    }
    const weights = strategy.reduce((sum, s) => sum + s.weight, 0);
    const spotWeight = strategy.filter((s) => s.capacityProvider === "FARGATE_SPOT").reduce((sum, s) => sum + s.weight, 0);
    return spot + (weights > 0 ? (left * spotWeight) / weights : 0);
}

/** The strategy a service runs with: its own, or its cluster's default. */
function strategyOf(ctx: CostContext, service: PlannedResource): Strategy[] {
    const own = strategies(service.inputs.capacityProviderStrategies);
    if (own.length) return own;
    const cluster = str(service.inputs.cluster) ?? "";
    // The service names its cluster by name or ARN (arn:...:cluster/NAME): the whole name must match.
    const defaults = ctx.ofType("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders").find((c) => cluster === c.inputs.clusterName || cluster.endsWith(`/${String(c.inputs.clusterName)}`));
    return strategies(defaults?.inputs.defaultCapacityProviderStrategies);
}

/** The task count an Application Auto Scaling target gives a service, on the usage's assumption; undefined when none scales it. */
function scaledCount(ctx: CostContext, serviceNames: ReadonlyArray<string>): number | undefined {
    const target = ctx.ofType("aws:appautoscaling/target:Target").find((t) => {
        const id = str(t.inputs.resourceId) ?? "";
        return t.inputs.serviceNamespace === "ecs" && serviceNames.some((n) => id.endsWith(`/${n}`));
    });
    if (!target) return undefined;
    const min = num(target.inputs.minCapacity) ?? 0;
    const max = num(target.inputs.maxCapacity) ?? min;
    return ctx.usage.scaledTasks === "midpoint" ? (min + max) / 2 : min;
}

export interface FargateSize {
    readonly vcpu: number;
    readonly gb: number;
    readonly arm: boolean;
}

/** The vCPU and memory lines of `tasks` Fargate tasks, split between on-demand and Spot. */
export function fargateLines(r: PlannedResource, label: string, size: FargateSize, tasks: number, spot: number, madeBy?: string, noun = "task"): CostLine[] {
    const arch = size.arm ? "ARM" : "x86";
    const [vcpuKey, gbKey] = size.arm ? (["fargateVcpuHourArm", "fargateGbHourArm"] as const) : (["fargateVcpuHourX86", "fargateGbHourX86"] as const);
    const onDemand = tasks - spot;
    const lines: CostLine[] = [];
    const what = (n: number, kind: string) => `${label}: ${+n.toFixed(2)} ${noun}${n === 1 ? "" : "s"} × ${size.vcpu} vCPU / ${size.gb} GB on Fargate${kind} (${arch})`;
    if (onDemand > 0) {
        lines.push(priced(r, vcpuKey, onDemand * size.vcpu * HOURS_PER_MONTH, `${what(onDemand, "")}, vCPU`, true, madeBy));
        lines.push(priced(r, gbKey, onDemand * size.gb * HOURS_PER_MONTH, `${what(onDemand, "")}, memory`, true, madeBy));
    }
    if (spot > 0) {
        const off = 1 - PRICES.fargateSpotDiscount.usd;
        lines.push(priced(r, vcpuKey, spot * size.vcpu * HOURS_PER_MONTH, `${what(spot, " Spot")}, vCPU at ${Math.round(off * 100)} % of on-demand`, true, madeBy, off));
        lines.push(priced(r, gbKey, spot * size.gb * HOURS_PER_MONTH, `${what(spot, " Spot")}, memory at ${Math.round(off * 100)} % of on-demand`, true, madeBy, off));
    }
    return lines;
}

/** An ECS service's Fargate tasks; none for a service on EC2 or external instances (their hosts are what is billed). */
export function ecsServiceLines(ctx: CostContext): CostLine[] {
    return ctx.ofType("aws:ecs/service:Service").flatMap((service) => {
        const family = /task-definition\/([^:]+)/.exec(str(service.inputs.taskDefinition) ?? "")?.[1];
        const taskDef = ctx.ofType("aws:ecs/taskDefinition:TaskDefinition").find((t) => t.inputs.family === family);
        const strategy = strategyOf(ctx, service);
        const onFargate = strategy.length ? strategy.every((s) => s.capacityProvider.startsWith("FARGATE")) : service.inputs.launchType === "FARGATE" || arr(taskDef?.inputs.requiresCompatibilities).includes("FARGATE");
        if (!taskDef || !onFargate) return [];
        const names = [str(service.inputs.name), service.id, service.name].filter((n): n is string => !!n);
        const tasks = scaledCount(ctx, names) ?? num(service.inputs.desiredCount) ?? 1;
        const platform = obj(taskDef.inputs.runtimePlatform);
        const size = { vcpu: (num(taskDef.inputs.cpu) ?? 256) / 1024, gb: (num(taskDef.inputs.memory) ?? 512) / 1024, arm: platform?.cpuArchitecture === "ARM64" };
        const lines = fargateLines(service, service.name, size, tasks, spotTasks(tasks, strategy));
        if (obj(service.inputs.networkConfiguration)?.assignPublicIp === true && tasks > 0) {
            lines.push(hourly(service, "publicIpv4Hour", tasks, `${service.name}: a public IPv4 address per task (assignPublicIp)`));
        }
        return lines;
    });
}

/** An Express Mode service: AWS makes its Fargate tasks and a load balancer; the plan records only the service. */
export function expressLines(ctx: CostContext): CostLine[] {
    const madeBy = "ECS Express Mode";
    return ctx.ofType("aws:ecs/expressGatewayService:ExpressGatewayService").flatMap((r) => {
        const target = obj(arr(r.inputs.scalingTargets)[0]);
        const min = num(target?.minTaskCount) ?? 1;
        const max = num(target?.maxTaskCount) ?? min;
        const tasks = ctx.usage.scaledTasks === "midpoint" ? (min + max) / 2 : min;
        // Express Mode's defaults when the service names no size: 1 vCPU and 2 GB (cost/prices.ts, expressModeNote).
        const size = { vcpu: (num(r.inputs.cpu) ?? 1024) / 1024, gb: (num(r.inputs.memory) ?? 2048) / 1024, arm: false };
        const subnets = arr(obj(arr(r.inputs.networkConfigurations)[0])?.subnets).length || 2;
        ctx.note(`${nameOfUrn(r.urn)}: ECS Express Mode's load balancer is priced as one ALB per service, across ${subnets} AZs; whether Express services share one ALB is not confirmed, so this may count it more than once.`);
        return [
            ...fargateLines(r, r.name, size, tasks, 0, madeBy),
            hourly(r, "albHour", 1, `${r.name}: the Application Load Balancer Express Mode makes`, madeBy),
            hourly(r, "publicIpv4Hour", subnets, `${r.name}: the load balancer's public IPv4 addresses, one per AZ`, madeBy),
            ...lbCapacityLines(ctx, r, "application", `${r.name}: the Express Mode load balancer's`, madeBy),
        ];
    });
}

/** LCU or NLCU hours of one load balancer: the largest of its new-connection and processed-bytes dimensions. */
export function lbCapacityLines(ctx: CostContext, r: Pick<PlannedResource, "urn" | "type">, kind: "application" | "network", label: string, madeBy?: string): CostLine[] {
    const { requestsPerSecond, lbGbPerMonth } = ctx.usage;
    // An LCU is 25 new connections a second or 1 GB an hour; an NLCU 800 new TCP flows a second or 1 GB an hour.
    const perHour = Math.max(requestsPerSecond / (kind === "application" ? 25 : 800), lbGbPerMonth / HOURS_PER_MONTH);
    const key = kind === "application" ? "albLcuHour" : "nlbNlcuHour";
    return [priced(r, key, perHour * HOURS_PER_MONTH, `${label} capacity units at ${requestsPerSecond} requests/s and ${lbGbPerMonth} GB a month`, false, madeBy)];
}
