// Small hand-made plans for the tests of the plan's diff and comparison, and dev made prod.
import { Plan, PlannedResource, PROJECT_DIR } from "../plan/engine";
import { loadStackConfig } from "../plan/stackfile";
import { merge, planOk, planStackOk } from "./harness";

/** A resource of a hand-made plan, in stack `s`; `extra` overrides any field. */
export function res(type: string, name: string, inputs: Record<string, unknown>, extra: Partial<PlannedResource> = {}): PlannedResource {
    return { urn: `urn:pulumi:s::berth::${type}::${name}`, type, name, parent: null, inputs, dependencies: [], id: null, arn: null, component: false, retainOnDelete: false, protect: false, ignoreChanges: [], aliases: [], ...extra };
}

export function planOf(resources: PlannedResource[], over: Partial<Plan> = {}): Plan {
    return { stack: "s", project: "berth", platform: "ecs-fargate", resources, outputs: {}, warnings: [], ...over };
}

/** The plans of dev and of dev made prod, shared with every test that plans them. */
export async function devAndProd(): Promise<[Plan, Plan]> {
    return [await planStackOk("dev"), await planOk(devAsProd(), "prod")];
}

/** dev's stack file made prod as the README says (`environment: prod`), without the values dev pins (AZs, NAT, web's task count). */
export function devAsProd(): Record<string, unknown> {
    const dev = loadStackConfig("dev", PROJECT_DIR);
    const services = dev["berth:services"] as Record<string, Record<string, unknown>>;
    return merge(dev, { "berth:environment": "prod", "berth:network": { azs: null, nat: null }, "berth:services": { web: { ...services.web, desiredCount: null } } });
}
