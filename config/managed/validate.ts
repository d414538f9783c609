// Rules both fully managed platforms share. App Runner and ECS Express Mode each run a public web
// service per berth service and own its load balancing, so config that only an ECS service or its
// load balancer would act on is a mistake there, not a no-op: each error says why.
import { ConfigError, keyPath } from "../errors";
import { ParsedConfig, Platform, ServiceConfig } from "../schema";
import { validateGrant } from "../ecs/validate";
import { APPRUNNER_HEALTH_MAX } from "../facts/apprunner";

export type ManagedPlatform = "apprunner" | "ecs-express";
export const MANAGED_PLATFORMS: ReadonlyArray<Platform> = ["apprunner", "ecs-express"];
export const isManaged = (p: Platform): p is ManagedPlatform => MANAGED_PLATFORMS.includes(p);

/** Why a key has no counterpart, per platform; a key a platform accepts is absent from its entry. */
type Reasons = Partial<Record<ManagedPlatform, string>>;

const NO_LB: Reasons = {
    apprunner: "App Runner fronts each service itself, with HTTPS on a domain of its own, so there is no load balancer to configure",
    "ecs-express": "Express Mode provisions and owns each service's Application Load Balancer, with HTTPS and a certificate it manages",
};
const NO_ROUTING: Reasons = {
    apprunner: "each App Runner service has a URL of its own, so there is no path routing and no listener rule",
    "ecs-express": "Express Mode routes each service by a host name of its own, with listener rules it manages",
};
const EXPRESS_HEALTH = "Express Mode configures the load balancer's health check itself and takes only its path (healthCheck.path)";
const NO_COOLDOWN: Reasons = {
    apprunner: "App Runner chooses its own scaling cooldowns",
    "ecs-express": "Express Mode owns its target-tracking policy and its cooldowns",
};

/** Service keys, as written in the stack file, that a managed platform cannot honour. */
const SERVICE_KEYS: ReadonlyArray<{ readonly key: string[]; readonly why: Reasons }> = [
    { key: ["path"], why: NO_ROUTING },
    { key: ["priority"], why: NO_ROUTING },
    { key: ["loadBalancer"], why: NO_LB },
    { key: ["listenerPort"], why: NO_LB },
    { key: ["healthCheck", "matcher"], why: { apprunner: "App Runner's health check has no status-code matcher", "ecs-express": EXPRESS_HEALTH } },
    ...["interval", "timeout", "healthyThreshold", "unhealthyThreshold"].map((k) => ({ key: ["healthCheck", k], why: { "ecs-express": EXPRESS_HEALTH } })),
    { key: ["scaling", "scaleInCooldown"], why: NO_COOLDOWN },
    { key: ["scaling", "scaleOutCooldown"], why: NO_COOLDOWN },
    ...["cpu", "memory", "requests"].map((k) => ({ key: ["scaling", k], why: { apprunner: "App Runner scales only on concurrent requests per instance (scaling.concurrency)" } })),
    // The ECS container's own health check and ECS Exec have no counterpart either.
    { key: ["containerHealthCheck"], why: { apprunner: "App Runner checks health itself, over HTTP (healthCheck)", "ecs-express": "Express Mode's container takes no health check of its own; its load balancer checks healthCheck.path" } },
    { key: ["exec"], why: { apprunner: "App Runner offers no shell into running instances", "ecs-express": "the Express Mode API has no ECS Exec setting" } },
    { key: ["privateLink"], why: { apprunner: "App Runner services are public on a URL of their own, with no load balancer to publish", "ecs-express": "Express Mode owns its load balancer, an ALB, and PrivateLink needs an NLB" } },
];

/** A key of raw config that parsed, where every level is an object or absent. */
const at = (v: unknown, path: ReadonlyArray<string>): unknown => path.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], v);

/**
 * Checks the raw config, as written: keys with defaults (a health-check interval, a path) are errors
 * only when the stack file sets them, since the defaults exist for ECS.
 */
export function validateManagedRawKeys(raw: Record<string, unknown>, platform: Platform): ConfigError[] {
    if (!isManaged(platform)) return [];
    const errors: ConfigError[] = [];
    const services = Object.entries((raw.services ?? {}) as Record<string, unknown>);
    for (const [name, svc] of services) {
        for (const { key, why } of SERVICE_KEYS) {
            const value = at(svc, key);
            const reason = why[platform];
            if (value !== undefined && reason) errors.push({ path: keyPath("services", name, ...key), value, allowed: `nothing on platform ${platform}: ${reason}` });
        }
        if (platform === "apprunner") {
            for (const k of ["interval", "timeout"]) {
                const value = at(svc, ["healthCheck", k]) as number | undefined;
                if (value !== undefined && !(value <= APPRUNNER_HEALTH_MAX)) {
                    errors.push({ path: keyPath("services", name, "healthCheck", k), value, allowed: `at most ${APPRUNNER_HEALTH_MAX} seconds on App Runner (its health check allows 1-20)` });
                }
            }
        }
    }
    const lb = (raw.loadBalancer ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(lb).filter(([k]) => k !== "allowedCidrs")) {
        errors.push({ path: keyPath("loadBalancer", key), value, allowed: `nothing on platform ${platform}: ${NO_LB[platform]}` });
    }
    if (raw.storage !== undefined) {
        errors.push({ path: keyPath("storage"), value: raw.storage, allowed: `nothing on platform ${platform}: its services mount no file systems, so berth creates none` });
    }
    if (platform === "apprunner" && raw.logs !== undefined) {
        errors.push({ path: keyPath("logs"), value: raw.logs, allowed: "nothing on platform apprunner: App Runner writes to log groups of its own, named after each service's id, whose retention berth cannot set" });
    }
    return errors;
}

/** Keys only App Runner acts on; on any other platform they would be silently ignored. */
export function validateAppRunnerOnlyKeys(cfg: Pick<ParsedConfig, "platform" | "services">): ConfigError[] {
    if (cfg.platform === "apprunner") return [];
    const errors: ConfigError[] = [];
    for (const [name, svc] of Object.entries(cfg.services)) {
        const found: Array<[string[], unknown]> = [
            [["source"], svc.source],
            [["apprunner"], svc.apprunner],
            [["scaling", "concurrency"], svc.scaling?.concurrency],
        ];
        for (const [key, value] of found.filter(([, v]) => v !== undefined)) {
            errors.push({
                path: keyPath("services", name, ...key),
                value,
                allowed: `nothing on platform ${cfg.platform}: this key configures apprunner${key[0] === "source" ? " (build an image from a Dockerfile with build instead)" : ""}`,
            });
        }
    }
    return errors;
}

const WHY_PUBLIC: Record<ManagedPlatform, string> = {
    apprunner: "App Runner serves every service on a public HTTPS URL and gives an instance CPU only while it serves a request, so a private background worker would stall; run workers on ecs-fargate",
    "ecs-express": "Express Mode services are web services behind a load balancer it manages, health-checked over HTTP; a private worker has no Express counterpart, run it on ecs-fargate",
};
const WHY_NO_TASK: Record<ManagedPlatform, string> = {
    apprunner: "App Runner runs long-lived, request-driven web services only; run one-off tasks on ecs-fargate",
    "ecs-express": "Express Mode runs long-lived web services only; run one-off tasks on ecs-fargate",
};
const WHY_NO_VOLUMES: Record<ManagedPlatform, string> = {
    apprunner: "App Runner instances have only an ephemeral file system; keep state in S3 or DynamoDB through grants",
    "ecs-express": "the Express Mode API takes no volumes; EFS needs a task definition of berth's own (ecs-fargate)",
};
const WHY_X86: Record<ManagedPlatform, string> = {
    apprunner: "App Runner's instance configuration has no CPU architecture, so instances run x86_64",
    "ecs-express": "the Express Mode API (as in @pulumi/aws 7.48.0) takes no CPU architecture, so tasks run X86_64",
};

/** What a service must be on either managed platform: a long-running public web service, stateless, x86_64, with valid grants. */
export function validateManagedService(platform: ManagedPlatform, name: string, svc: ServiceConfig): ConfigError[] {
    const path = (...k: Array<string | number>) => keyPath("services", name, ...k);
    const errors: ConfigError[] = [];
    if (svc.kind === "task") errors.push({ path: path("kind"), value: "task", allowed: `"service": ${WHY_NO_TASK[platform]}` });
    else if (!svc.public) errors.push({ path: path("public"), value: false, allowed: `true: ${WHY_PUBLIC[platform]}` });
    if (svc.volumes.length) errors.push({ path: path("volumes"), value: svc.volumes, allowed: `none: ${WHY_NO_VOLUMES[platform]}` });
    if (svc.readonlyRootFilesystem) errors.push({ path: path("readonlyRootFilesystem"), value: true, allowed: `false: the ${platform === "apprunner" ? "App Runner" : "Express Mode"} API has no read-only root file system setting` });
    if (svc.build?.platform === "linux/arm64") errors.push({ path: path("build", "platform"), value: "linux/arm64", allowed: `linux/amd64: ${WHY_X86[platform]}` });
    svc.grants.forEach((g, i) => errors.push(...validateGrant(path("grants", i), g)));
    return errors;
}

/**
 * Instance or task counts. Both platforms take a minimum and a maximum and no separate desired count:
 * without scaling, min = max = desiredCount; with scaling, desiredCount would mean nothing.
 */
export function validateManagedCounts(name: string, svc: ServiceConfig, limits: { readonly min: number; readonly max: number; readonly what: string }): ConfigError[] {
    const path = (...k: string[]) => keyPath("services", name, ...k);
    const range = `${limits.min}-${limits.max} ${limits.what}`;
    const s = svc.scaling;
    if (!s) {
        const n = svc.desiredCount;
        return n !== undefined && !(n >= limits.min && n <= limits.max) ? [{ path: path("desiredCount"), value: n, allowed: range }] : [];
    }
    const errors: ConfigError[] = [];
    if (svc.desiredCount !== undefined) errors.push({ path: path("desiredCount"), value: svc.desiredCount, allowed: "nothing with scaling: the platform keeps between scaling.min and scaling.max running, with no desired count of its own" });
    if (s.min < limits.min || s.min > limits.max) errors.push({ path: path("scaling", "min"), value: s.min, allowed: range });
    if (s.max > limits.max) errors.push({ path: path("scaling", "max"), value: s.max, allowed: range });
    else if (s.max < s.min) errors.push({ path: path("scaling", "max"), value: s.max, allowed: `at least min (${s.min})` });
    return errors;
}

/**
 * A managed platform's URL is open to the whole internet; no CIDR list can narrow it. berth still asks
 * for the audience to be written down, as on ECS, so nobody opens a service by accident.
 */
export function validateManagedAudience(cfg: Pick<ParsedConfig, "platform" | "loadBalancer">): ConfigError[] {
    const cidrs = cfg.loadBalancer.allowedCidrs;
    return cidrs.length === 1 && cidrs[0] === "0.0.0.0/0"
        ? []
        : [
              {
                  path: keyPath("loadBalancer", "allowedCidrs"),
                  value: cidrs,
                  allowed: `[0.0.0.0/0], written explicitly: ${cfg.platform} serves every service on an internet-facing URL that no CIDR list can narrow (AWS WAF could; berth builds none)`,
              },
          ];
}
