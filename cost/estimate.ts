// The monthly cost of a plan (issue 24): a pure function of the recorded resources, at the list
// prices of cost/prices.ts, with fixed cost (what the stack costs idle) and usage-driven cost
// (cost/usage.ts's assumptions) kept apart. docs/plan.md, "Cost and deploy time", says what is
// counted and what is not.
import { dataLines } from "./lines-data";
import { ecsServiceLines, expressLines } from "./lines-ecs";
import { controllerLoadBalancerLines, eipLines, endpointLines, internetOutLines, loadBalancerLines, natLines } from "./lines-network";
import { appRunnerLines, autoScalingLines, eksClusterLines, eksFargateLines, karpenterLines, managedNodeLines, selfManagedNodeLines } from "./lines-nodes";
import { PRICE_DATE, PRICE_REGION } from "./prices";
import { cents, obj } from "./read";
import type { CostContext, CostLine, CostOptions, CostReport, LineBuilder } from "./types";
import type { PlannedResource } from "../start/types";

export type { CostLine, CostReport, CostOptions } from "./types";

const BUILDERS: ReadonlyArray<LineBuilder> = [
    ecsServiceLines,
    expressLines,
    autoScalingLines,
    eksClusterLines,
    managedNodeLines,
    selfManagedNodeLines,
    karpenterLines,
    eksFargateLines,
    appRunnerLines,
    loadBalancerLines,
    controllerLoadBalancerLines,
    natLines,
    eipLines,
    endpointLines,
    dataLines,
];

export const UNKNOWN_CLUSTER_NOTE =
    "The existing cluster (berth:platform kubernetes) is not priced: its nodes, control plane and whatever load balancers its ingress controller makes are billed by whoever runs it, inside AWS or not. Only the AWS resources the plan records are counted.";

function context(resources: ReadonlyArray<PlannedResource>, options: CostOptions, notes: string[]): CostContext {
    const byType = new Map<string, PlannedResource[]>();
    for (const r of resources) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
    return {
        ...options,
        resources,
        byUrn: new Map(resources.map((r) => [r.urn, r])),
        ofType: (type) => byType.get(type) ?? [],
        note: (text) => {
            if (!notes.includes(text)) notes.push(text);
        },
    };
}

/** What the plan records but the estimate leaves out, said once each. */
function unpricedNotes(ctx: CostContext): void {
    const ecsTargets = ctx.ofType("aws:cloudwatch/eventTarget:EventTarget").filter((t) => t.inputs.ecsTarget);
    const schedules = ctx.ofType("aws:scheduler/schedule:Schedule").filter((s) => obj(s.inputs.target)?.ecsParameters);
    if (ecsTargets.length || schedules.length) ctx.note("Tasks that events or schedules start are not priced: they run for as long as their work takes.");
    if (ctx.platform === "ecs-anywhere") ctx.note("ECS Anywhere's per-instance-hour charge for external instances is not priced (cost/prices.ts has no figure), nor are the hosts themselves.");
    if (ctx.ofType("aws:eks/fargateProfile:FargateProfile").length && ctx.ofType("kubernetes:helm.sh/v3:Release").length)
        ctx.note("Pods that Helm charts run on Fargate (CoreDNS, controllers) are not priced: the plan records the chart, not its pods' requests.");
}

const byCost = (a: CostLine, b: CostLine) => b.monthly - a.monthly || a.urn.localeCompare(b.urn) || a.description.localeCompare(b.description);

export function estimateCost(resources: ReadonlyArray<PlannedResource>, options: CostOptions): CostReport {
    const notes: string[] = [];
    const ctx = context(resources, options, notes);
    if (options.platform === "kubernetes") notes.push(UNKNOWN_CLUSTER_NOTE);
    if (options.region !== PRICE_REGION) notes.push(`Prices are ${PRICE_REGION}'s list prices; ${options.region}'s differ, most often by a few per cent.`);
    unpricedNotes(ctx);
    const built = BUILDERS.flatMap((build) => build(ctx));
    const lines = [...built, ...internetOutLines(ctx, built)].sort(byCost);
    const sum = (fixed: boolean) => lines.filter((l) => l.fixed === fixed).reduce((s, l) => s + l.monthly, 0);
    const fixed = cents(sum(true));
    const usage = cents(sum(false));
    return { currency: "USD", region: options.region, priceDate: PRICE_DATE, monthly: cents(fixed + usage), fixed, usage, lines, notes };
}
