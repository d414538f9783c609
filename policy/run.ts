// Running the policies over a plan's resources: offline, in the plan and in the tests.
import type { PlannedResource } from "../start/types";
import { indexPlan } from "../start/plan-index";
import { EXCEPTIONS } from "./exceptions";
import { POLICIES } from "./rules";
import type { Environment, Level, Policy, PolicyContext, PolicyReport, Violation } from "./types";

export function policyContext(resources: ReadonlyArray<PlannedResource>, platform: string, environment: Environment): PolicyContext {
    // The start-path analysis's index: one pass, then every question a lookup.
    const index = indexPlan(resources);
    return { environment, platform, resources, ofType: (type) => index.ofType(type), find: (ref, type) => index.find(ref, type) };
}

/** A policy's level in an environment: mandatory, unless the exceptions table makes it advisory there. */
export function levelOf(policy: string, environment: Environment): Level {
    return environment !== "prod" && EXCEPTIONS.some((e) => e.policy === policy && (e.environments as ReadonlyArray<Environment>).includes(environment)) ? "advisory" : "mandatory";
}

export function runPolicies(resources: ReadonlyArray<PlannedResource>, platform: string, environment: Environment, policies: ReadonlyArray<Policy> = POLICIES): PolicyReport {
    const ctx = policyContext(resources, platform, environment);
    const passed: string[] = [];
    const violations: Violation[] = [];
    for (const policy of policies) {
        if (policy.environments && !policy.environments.includes(environment)) continue;
        const level = levelOf(policy.name, environment);
        const found = policy.types.flatMap((t) => ctx.ofType(t)).flatMap((r) => policy.check(r, ctx).map((message): Violation => ({ policy: policy.name, urn: r.urn, message: `${message}. Fix: ${policy.fix}`, level })));
        if (found.length) violations.push(...found);
        else passed.push(policy.name);
    }
    return { passed, violations };
}
