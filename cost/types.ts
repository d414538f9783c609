// The cost estimate's vocabulary (issue 24). CostReport is part of the plan's JSON contract.
import type { PlannedResource } from "../start/types";
import type { Usage } from "./usage";

export interface CostLine {
    /** The resource the cost comes from: the one billed, or for what a controller or AWS makes at run time, its cause. */
    readonly urn: string;
    readonly type: string;
    readonly description: string;
    readonly quantity: number;
    readonly unit: string;
    readonly unitPrice: number;
    /** USD a month: quantity × unitPrice. */
    readonly monthly: number;
    /** true: billed while the stack idles; false: driven by the usage assumptions. */
    readonly fixed: boolean;
    /** Who creates the billed resource at run time, when the plan records only its cause (a controller, ECS Express Mode). */
    readonly madeBy?: string;
}

export interface CostReport {
    readonly currency: "USD";
    readonly region: string;
    readonly priceDate: string;
    /** fixed + usage, rounded to cents. */
    readonly monthly: number;
    readonly fixed: number;
    readonly usage: number;
    readonly lines: CostLine[];
    /** What the estimate does not price, or prices on an assumption worth reading. */
    readonly notes: string[];
}

export interface CostOptions {
    readonly region: string;
    readonly platform: string;
    readonly usage: Usage;
}

/** What each line builder reads: the resources, by type and URN, and the options. */
export interface CostContext extends CostOptions {
    readonly resources: ReadonlyArray<PlannedResource>;
    ofType(type: string): ReadonlyArray<PlannedResource>;
    readonly byUrn: ReadonlyMap<string, PlannedResource>;
    /** Adds a note once. */
    note(text: string): void;
}

export type LineBuilder = (ctx: CostContext) => CostLine[];
