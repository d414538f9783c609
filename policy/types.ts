// berth's guardrails (issue 21): one policy per AWS Security Hub FSBP control (and a few of berth's
// own reliability rules), written as pure functions over the plan's recorded resources. The same
// functions run in the offline plan, in the tests, and in `pulumi preview --policy-pack policy/pack`
// (the pack's entry point only wraps them).
import type { PlannedResource } from "../start/types";

export type Environment = "dev" | "staging" | "prod";
export type Level = "mandatory" | "advisory";

/** What a policy sees: the stack's resources, its platform and environment. */
export interface PolicyContext {
    readonly environment: Environment;
    readonly platform: string;
    readonly resources: ReadonlyArray<PlannedResource>;
    /** The resources of one type (indexed once per run). */
    ofType(type: string): ReadonlyArray<PlannedResource>;
    /** The resource whose ARN, id or physical name is `ref`. */
    find(ref: string, type?: string): PlannedResource | undefined;
}

export interface Policy {
    /** The FSBP control's id (`ECS.2`, `S3.1/S3.8`) or berth's own (`berth.circuit-breaker`). */
    readonly name: string;
    /** What it requires, in one sentence. */
    readonly description: string;
    /** How to fix a violation in berth's config terms (a key path), or why berth's code must change. */
    readonly fix: string;
    /** Resource types `check` is called for; the pack registers the policy for these only. */
    readonly types: ReadonlyArray<string>;
    /**
     * One resource: a message per violation (empty when it complies). Most policies read the resource
     * alone; those that need others (a queue's redrive policy, a service's load balancer) read `ctx`.
     * Under `pulumi preview` the context holds only the resources seen so far, so such policies are
     * checked offline in full and in the pack as far as the engine shows them.
     */
    check(r: PlannedResource, ctx: PolicyContext): string[];
    /** Only in these environments (e.g. `prod` for reliability rules): all by default. */
    readonly environments?: ReadonlyArray<Environment>;
}

export interface Violation {
    readonly policy: string;
    readonly urn: string;
    readonly message: string;
    readonly level: Level;
}

/** The plan JSON's `policy` field. */
export interface PolicyReport {
    /** Policies that applied and found nothing, by name. */
    readonly passed: string[];
    readonly violations: Violation[];
}
