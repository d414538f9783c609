// The cost model's entry for the plan: the monthly estimate and the deploy time, guarded so that a
// plan shape the model cannot read becomes a note, never a failed plan.
import { estimateDeployTime, DeployTime } from "./deploy-time";
import { estimateCost } from "./estimate";
import { PRICE_DATE } from "./prices";
import type { CostReport } from "./types";
import { usageOf } from "./usage";
import type { UsageOverrides } from "../config/usage-schema";
import type { PlannedResource } from "../start/types";

export type { CostLine, CostReport } from "./types";
export type { DeployTime } from "./deploy-time";
export { estimateCost } from "./estimate";
export { estimateDeployTime } from "./deploy-time";
export { DEFAULT_USAGE, usageOf } from "./usage";

export interface PlanCostOptions {
    readonly region: string;
    readonly platform: string;
    /** `berth:usage` as the stack writes it (validated). */
    readonly usage?: Partial<UsageOverrides>;
}

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The plan's `cost` and `deployTime`. */
export function planCost(resources: ReadonlyArray<PlannedResource>, options: PlanCostOptions): { cost: CostReport; deployTime: DeployTime } {
    let cost: CostReport;
    const failed: string[] = [];
    try {
        cost = estimateCost(resources, { region: options.region, platform: options.platform, usage: usageOf(options.usage) });
    } catch (e) {
        cost = { currency: "USD", region: options.region, priceDate: PRICE_DATE, monthly: 0, fixed: 0, usage: 0, lines: [], notes: [] };
        failed.push(`The cost estimate could not read this plan (${reason(e)}): nothing is priced. Please report it.`);
    }
    let deployTime: DeployTime;
    try {
        deployTime = estimateDeployTime(resources);
    } catch (e) {
        deployTime = { criticalPathSeconds: 0, path: [] };
        failed.push(`The deploy-time estimate could not read this plan (${reason(e)}). Please report it.`);
    }
    return { cost: failed.length ? { ...cost, notes: [...cost.notes, ...failed] } : cost, deployTime };
}
