// berth's policies as Pulumi CrossGuard policies, for `pulumi preview --policy-pack policy/pack`. The
// same `check` functions the offline plan runs: this file only adapts what the engine hands a
// ResourceValidationPolicy (type, name, urn, props, options) to the plan's resource shape. It builds
// plain objects and never starts the analyzer, so tests can call it without an engine.
import type { EnforcementLevel, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import type { PlannedResource } from "../start/types";
import { levelOf, policyContext } from "./run";
import { POLICIES } from "./rules";
import type { Environment, Policy, PolicyContext } from "./types";

export const PACK_NAME = "berth";
export const PACK_ENVIRONMENTS: ReadonlyArray<Environment> = ["dev", "staging", "prod"];

/**
 * A policy's name in the pack. @pulumi/policy 1.21.0 refuses only "all" (reserved), but Pulumi Cloud's
 * policy config keys and the pack's own name allow letters, digits, `-`, `_` and `.`, so berth keeps
 * every name to those: `ECS.2` stays `ECS.2`, `S3.1/S3.8` becomes `S3.1-S3.8`, `berth.circuit-breaker`
 * stays. The FSBP id, as the plan names it, opens the description whenever the two differ.
 */
export function packPolicyName(name: string): string {
    const legal = name.replace(/[^A-Za-z0-9._-]/g, "-");
    return legal === "all" ? "berth.all" : legal;
}

/** The per-policy config the pack reads: the stack's environment (prod when unset, so a pack run without config is the strictest). */
export interface PackPolicyConfig {
    readonly environment?: Environment;
}

/** What `--policy-pack-config FILE` sets for one environment: each policy's environment and enforcement level. */
export function packConfig(environment: Environment, policies: ReadonlyArray<Policy> = POLICIES): Record<string, { environment: Environment; enforcementLevel: EnforcementLevel }> {
    return Object.fromEntries(policies.map((p) => [packPolicyName(p.name), { environment, enforcementLevel: p.environments && !p.environments.includes(environment) ? "disabled" : levelOf(p.name, environment) }]));
}

/** The engine's view of one resource as the plan records it. Preview knows no ids or ARNs yet. */
export function resourceOf(args: Pick<ResourceValidationArgs, "type" | "name" | "urn" | "props"> & { opts?: Partial<ResourceValidationArgs["opts"]> }): PlannedResource {
    return { urn: args.urn, type: args.type, name: args.name, parent: args.opts?.parent ?? null, inputs: args.props, dependencies: [], id: null, arn: null, component: false };
}

/**
 * The resources the engine has shown this pack so far: a policy that reads others (a queue's
 * redrive target) sees those registered before. The offline plan sees them all.
 */
class Seen {
    private readonly resources: PlannedResource[] = [];
    private readonly byUrn = new Set<string>();
    private ctx: { key: string; value: PolicyContext } | undefined;

    add(r: PlannedResource): void {
        if (this.byUrn.has(r.urn)) return;
        this.byUrn.add(r.urn);
        this.resources.push(r);
    }

    /**
     * The context a policy sees. Its index is built only when a policy asks about another resource (most
     * read theirs alone), and then at most once per resource shown, however many policies ask.
     */
    context(platform: string, environment: Environment): PolicyContext {
        const index = (): PolicyContext => {
            const key = `${this.resources.length}:${environment}`;
            if (this.ctx?.key !== key) this.ctx = { key, value: policyContext(this.resources, platform, environment) };
            return this.ctx.value;
        };
        return { environment, platform, resources: this.resources, ofType: (type) => index().ofType(type), find: (ref, type) => index().find(ref, type) };
    }
}

const ENV_SCHEMA = { properties: { environment: { type: "string" as const, enum: [...PACK_ENVIRONMENTS], default: "prod" } } };

/**
 * One ResourceValidationPolicy per policy. `environment` sets each one's enforcement level from the
 * exceptions table (policy/exceptions.ts); a policy's `environment` config, when set, decides which
 * environment `check` and the environment-only policies see (`packConfig` writes both).
 */
export function packPolicies(policies: ReadonlyArray<Policy> = POLICIES, environment: Environment = "prod", platform = ""): ResourceValidationPolicy[] {
    const seen = new Seen();
    return policies.map((policy): ResourceValidationPolicy => {
        const name = packPolicyName(policy.name);
        const types = new Set(policy.types);
        return {
            name,
            description: `${name === policy.name ? "" : `${policy.name}: `}${policy.description}`,
            remediationSteps: policy.fix,
            enforcementLevel: policy.environments && !policy.environments.includes(environment) ? "disabled" : levelOf(policy.name, environment),
            configSchema: ENV_SCHEMA,
            validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
                const r = resourceOf(args);
                seen.add(r);
                if (!types.has(args.type)) return;
                const env = args.getConfig<PackPolicyConfig>().environment ?? environment;
                if (policy.environments && !policy.environments.includes(env)) return;
                for (const message of policy.check(r, seen.context(platform, env))) reportViolation(`${message}. Fix: ${policy.fix}`);
            },
        };
    });
}
