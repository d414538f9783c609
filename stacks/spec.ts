// The validated, fully defaulted spec that compositions and components consume.
import type { Environment, NatStrategy, ParsedConfig, Platform, ServiceConfig } from "./schema";

/** Defaults that depend on the environment: cheap in dev, highly available and protected in prod. */
export const ENVIRONMENT_DEFAULTS: Readonly<Record<Environment, EnvironmentDefaults>> = {
    dev: { azs: 2, nat: "single", desiredCount: 1, logRetentionDays: 14, protect: false },
    staging: { azs: 2, nat: "single", desiredCount: 2, logRetentionDays: 30, protect: false },
    prod: { azs: 3, nat: "one-per-az", desiredCount: 2, logRetentionDays: 90, protect: true },
};

export interface EnvironmentDefaults {
    readonly azs: 2 | 3;
    readonly nat: NatStrategy;
    readonly desiredCount: number;
    readonly logRetentionDays: number;
    /** Deletion protection on load balancers, retain-on-delete on data and logs, no force-delete. */
    readonly protect: boolean;
}

export interface ServiceSpec extends Omit<ServiceConfig, "desiredCount"> {
    readonly name: string;
    readonly desiredCount: number;
}

export interface BerthSpec {
    readonly project: string;
    readonly stack: string;
    readonly platform: Platform;
    readonly environment: Environment;
    /** Deletion protection and retain-on-delete (prod). */
    readonly protect: boolean;
    readonly network: { readonly cidr: string; readonly azs: 2 | 3; readonly nat: NatStrategy };
    readonly services: Readonly<Record<string, ServiceSpec>>;
    readonly loadBalancer: ParsedConfig["loadBalancer"];
    readonly registry: ParsedConfig["registry"];
    readonly logs: { readonly retentionDays: number };
    /** Tags for every taggable resource: the user's, plus berth's own. */
    readonly tags: Readonly<Record<string, string>>;
}

/** Applies the environment's defaults to a config that has passed validation. */
export function resolveSpec(cfg: ParsedConfig, project: string, stack: string): BerthSpec {
    const env = ENVIRONMENT_DEFAULTS[cfg.environment];
    const services = Object.fromEntries(
        Object.entries(cfg.services).map(([name, svc]) => [name, { ...svc, name, desiredCount: svc.desiredCount ?? env.desiredCount }]),
    );
    return {
        project,
        stack,
        platform: cfg.platform,
        environment: cfg.environment,
        protect: env.protect,
        network: { cidr: cfg.network.cidr, azs: (cfg.network.azs ?? env.azs) as 2 | 3, nat: cfg.network.nat ?? env.nat },
        services,
        loadBalancer: cfg.loadBalancer,
        registry: cfg.registry,
        logs: { retentionDays: cfg.logs.retentionDays ?? env.logRetentionDays },
        tags: { ...cfg.tags, "berth:project": project, "berth:stack": stack, "berth:environment": cfg.environment },
    };
}
