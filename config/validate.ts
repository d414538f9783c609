// Pure validators: data in, messages out. They collect every problem instead of stopping at the
// first, and run before any resource is registered.
import { ConfigError, fromZodIssues, keyPath, NAMESPACE } from "./errors";
import { loadBalancerQuotaWarnings, misplacedServiceKeys, topLevelServiceKey, validateLoadBalancerQuotas, validateActivationExpiry, validateBuildFiles, validateRegion } from "./validate-aws";
import { validateIdentity } from "./identity";
import { configSchema, ParsedConfig, Platform, ServiceConfig } from "./schema";
import { BerthSpec, DEFAULT_PATH, resolveSpec } from "./spec";
import { validateEcsService, validateEcsStack, validateFargateSize } from "./ecs/validate";
import { validateAppRunner } from "./managed/validate-apprunner";
import { validateExpress } from "./managed/validate-express";
import { validateAppRunnerOnlyKeys, validateManagedRawKeys } from "./managed/validate";
import { validateKubernetesPlatforms } from "./eks/validate";
import { validateFsx, validateFsxPlatform } from "./eks/validate-fsx";
import { secretRegionWarnings, validateCertificateRegion, validateDomain, validateImageReferences } from "./validate-context";
import { validateChildNames } from "./validate-names";
import { internalRouting, validateCalls, validateInternal } from "./validate-calls";
import { validatePatterns } from "./patterns/validate";
import { ConfigWarning } from "./warnings";
import { validateEdge, validateIpAddressType } from "./validate-edge";
import { configWarnings, regionWarnings } from "./advice";

/** Platforms whose composition exists. Others are valid names but a config error for now. */
export const BUILT_PLATFORMS: ReadonlyArray<Platform> = ["ecs-fargate", "ecs-ec2", "ecs-anywhere", "eks", "kubernetes", "apprunner", "ecs-express"];

/** Keys that only mean something on one platform; elsewhere they are a mistake, not a no-op. */
const PLATFORM_KEYS: Readonly<Record<string, Platform>> = {
    fargate: "ecs-fargate",
    ec2: "ecs-ec2",
    anywhere: "ecs-anywhere",
    eks: "eks",
    kubernetes: "kubernetes",
    kubeconfig: "kubernetes",
    apprunner: "apprunner",
    express: "ecs-express",
};

export function validatePlatformKeys(raw: Record<string, unknown>, platform: Platform): ConfigError[] {
    const errors = Object.entries(PLATFORM_KEYS)
        .filter(([key, owner]) => raw[key] !== undefined && owner !== platform)
        .map(([key, owner]) => ({ path: keyPath(key), value: raw[key], allowed: `nothing on platform ${platform}: this key configures ${owner}` }));
    if (platform === "ecs-anywhere") {
        for (const key of ["network", "storage"].filter((k) => raw[k] !== undefined)) {
            errors.push({ path: keyPath(key), value: raw[key], allowed: "nothing on platform ecs-anywhere: its tasks run on your hosts, so berth creates no VPC and no file systems" });
        }
    }
    if (platform === "kubernetes") {
        for (const key of ["network", "storage", "registry", "logs"].filter((k) => raw[k] !== undefined)) {
            errors.push({ path: keyPath(key), value: raw[key], allowed: "nothing on platform kubernetes: berth deploys into your existing cluster and creates no VPC, file systems, ECR repository or log groups" });
        }
    }
    return [...errors, ...validateManagedRawKeys(raw, platform), ...validateFsxPlatform(raw, platform)];
}

/**
 * Service names become part of AWS resource names. The tightest is the target group's: 32 characters,
 * as "alb-NAME-tg" or "nlb-NAME-tg" plus the 8 characters Pulumi's auto-naming appends, so 17 at most.
 */
export const SERVICE_NAME_MAX = 17;
const SERVICE_NAME = new RegExp(`^[a-z][a-z0-9-]{0,${SERVICE_NAME_MAX - 1}}$`);

export function validateServiceName(name: string): ConfigError[] {
    if (SERVICE_NAME.test(name)) return [];
    const fixed = suggestServiceName(name);
    const hint = fixed ? `: did you mean ${fixed}?` : "";
    return [{ path: keyPath("services", name), value: name, allowed: `a service name of 1-${SERVICE_NAME_MAX} lowercase letters, digits or '-', starting with a letter (target group names allow 32 characters)${hint}` }];
}

/** The nearest valid service name: lowercase, other characters as '-', at most SERVICE_NAME_MAX long. */
export function suggestServiceName(name: string): string | undefined {
    // Accents dropped, not replaced: "wéb" meant web.
    const fixed = name
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, "-")
        .replace(/^[^a-z]+/, "")
        .slice(0, SERVICE_NAME_MAX)
        .replace(/-+$/, "");
    return SERVICE_NAME.test(fixed) ? fixed : undefined;
}

/** Rules within one service that zod's per-field checks cannot express. */
export function validateService(name: string, svc: ServiceConfig): ConfigError[] {
    const errors: ConfigError[] = [];
    const at = (...k: string[]) => keyPath("services", name, ...k);
    if ([svc.image, svc.build, svc.source].filter((x) => x !== undefined).length !== 1) {
        errors.push({ path: at("image"), value: svc.image, allowed: "exactly one of image (a registry URI) or build (a Dockerfile context), or on App Runner source (a code repository)" });
    }
    // A task cannot be public at all (validateEcsService says so): asking it for a port too would be noise.
    if (svc.public && svc.port === undefined && svc.kind !== "task") {
        errors.push({ path: at("port"), value: undefined, allowed: "a container port (1-65535) for a public service" });
    }
    if (svc.healthCheck.timeout >= svc.healthCheck.interval) {
        errors.push({ path: at("healthCheck", "timeout"), value: svc.healthCheck.timeout, allowed: `fewer seconds than healthCheck.interval (${svc.healthCheck.interval})` });
    }
    for (const key of Object.keys(svc.secrets)) {
        if (Object.hasOwn(svc.environment, key)) {
            errors.push({ path: at("secrets", key), value: key, allowed: "a name not also set in environment (a secret must never be a plain environment value)" });
        }
    }
    return errors;
}

/** Public services share one load balancer: it needs an explicit audience and distinct routes. */
export function validatePublicRouting(cfg: Pick<ParsedConfig, "services" | "loadBalancer">): ConfigError[] {
    const errors: ConfigError[] = [];
    const publicServices = Object.entries(cfg.services).filter(([, s]) => s.public);
    const albServices = publicServices.filter(([, s]) => (s.loadBalancer ?? cfg.loadBalancer.type) === "alb");
    if (publicServices.length > 0 && cfg.loadBalancer.allowedCidrs.length === 0) {
        errors.push({
            path: keyPath("loadBalancer", "allowedCidrs"),
            value: [],
            allowed: "the CIDRs that may reach the public load balancer, e.g. [203.0.113.0/24]; write 0.0.0.0/0 explicitly to open it to the internet",
        });
    }
    const paths = new Map<string, string>();
    const priorities = new Map<number, string>();
    // A public service without a port already has its error; its route would only add consequences.
    for (const [name, svc] of albServices.filter(([, s]) => s.port !== undefined)) {
        const route = svc.path ?? DEFAULT_PATH;
        // The ALB checks the health path, and "/" may not be served by a service routed on /api/*.
        if (route !== "/*" && route !== "/" && svc.healthCheck.path === undefined) {
            errors.push({
                path: keyPath("services", name, "healthCheck", "path"),
                value: undefined,
                allowed: `the path the load balancer checks, e.g. ${route.split("*")[0].replace(/\/?$/, "/")}health: the service is routed on ${route}, so "/" may not reach it`,
            });
        }
        const other = paths.get(route);
        if (other) {
            const why = route === DEFAULT_PATH ? `service ${other} is routed on ${DEFAULT_PATH} (every path)` : `service ${other} is routed on it`;
            errors.push({ path: keyPath("services", name, "path"), value: svc.path, allowed: `a path of its own, such as /${name}/*: ${why}` });
        }
        paths.set(route, name);
        if (svc.priority === undefined) continue;
        const clash = priorities.get(svc.priority);
        if (clash) errors.push({ path: keyPath("services", name, "priority"), value: svc.priority, allowed: `a listener-rule priority not used by service ${clash}` });
        priorities.set(svc.priority, name);
    }
    return errors;
}

export function validatePlatform(platform: Platform): ConfigError[] {
    return BUILT_PLATFORMS.includes(platform) ? [] : [{ path: keyPath("platform"), value: platform, allowed: `a platform that is built: ${BUILT_PLATFORMS.join(", ")} (${platform} is planned but not built yet)` }];
}

/** The fully managed platforms validate everything beyond the shared service rules themselves. */
const MANAGED_VALIDATORS: Partial<Record<Platform, (cfg: ParsedConfig) => ConfigError[]>> = { apprunner: validateAppRunner, "ecs-express": validateExpress };

/** Cross-field rules over a config that has the right shape. */
export function validateParsed(cfg: ParsedConfig, raw: Record<string, unknown> = {}): ConfigError[] {
    const errors: ConfigError[] = [...validatePlatform(cfg.platform)];
    if (Object.keys(cfg.services).length === 0) {
        errors.push({ path: keyPath("services"), value: {}, allowed: "at least one service" });
    }
    const managed = MANAGED_VALIDATORS[cfg.platform];
    for (const [name, svc] of Object.entries(cfg.services)) {
        errors.push(...validateService(name, svc), ...validateIdentity(name, svc, cfg.platform), ...(managed ? [] : validateEcsService(name, svc, cfg)));
        if (cfg.platform === "ecs-fargate") errors.push(...validateFargateSize(name, svc.cpu, svc.memory));
    }
    // ECS Anywhere has no load balancer: a public service there is already an error of its own.
    const routed = managed ? managed(cfg) : [...(cfg.platform === "ecs-anywhere" ? [] : validatePublicRouting(cfg)), ...validateEcsStack(cfg)];
    errors.push(...routed, ...validateAppRunnerOnlyKeys(cfg));
    const internal = internalRouting(cfg);
    errors.push(...validateCalls(cfg), ...validateInternal(cfg), ...(internal ? validatePublicRouting(internal) : []));
    const children = validateChildNames(cfg, new Set(errors.map((e) => e.path)));
    errors.push(...children, ...validatePatterns(cfg, raw), ...validateKubernetesPlatforms(cfg), ...validateFsx(cfg), ...validateEdge(cfg), ...validateIpAddressType(cfg));
    return errors;
}

/** Every message about a key the platform does not use starts this way (validatePlatformKeys and its kin). */
const isLeftover = (e: ConfigError) => e.allowed.startsWith("nothing on platform ");

/**
 * The main error before its consequences: the platform first, then what is wrong with what the
 * platform uses, then the keys it does not use. What is wrong inside a key the platform does not
 * use at all goes unsaid: that key is the mistake.
 */
export function orderErrors(errors: ReadonlyArray<ConfigError>): ConfigError[] {
    const leftovers = errors.filter(isLeftover).map((e) => `${e.path}.`);
    const kept = errors.filter((e) => isLeftover(e) || !leftovers.some((p) => e.path.startsWith(p)));
    const rank = (e: ConfigError) => (e.path === keyPath("platform") ? 0 : isLeftover(e) ? 2 : 1);
    return kept
        .map((e, i) => ({ e, i }))
        .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
        .map(({ e }) => e);
}

export type ValidationResult = { ok: true; spec: BerthSpec; warnings: ConfigWarning[] } | { ok: false; errors: ConfigError[] };

/** What validation needs besides the berth: keys. */
export interface ValidationContext {
    readonly project: string;
    readonly stack: string;
    /** The stack's aws:region, when set. */
    readonly region?: string;
    /** The accounts the stack may deploy to (aws:allowedAccountIds), when set. */
    readonly accounts?: ReadonlyArray<string>;
    /** Whether a path relative to the project exists; without it, build contexts are not checked. */
    readonly fileExists?: (path: string) => boolean;
    /**
     * The time an activation's expirationDate is checked against. @default the real time: not the
     * plan's pinned clock (config/clock.ts), against which a real date next week would be refused
     */
    readonly now?: Date;
}

/**
 * Validates the raw `berth:` config (keys without the namespace) and resolves defaults.
 * Every problem is returned at once.
 */
export function validateConfig(raw: Record<string, unknown>, ctx: ValidationContext): ValidationResult {
    const { project, stack } = ctx;
    const services = raw.services;
    // A list of services is one mistake (zod names it), not a bad name per index.
    const misplaced = misplacedServiceKeys(raw);
    // A misplaced key is neither a bad service name nor a service of the wrong shape: it is said once.
    const elsewhere = (e: ConfigError) => !misplaced.some((m) => e.path === m.path || e.path.startsWith(`${m.path}.`));
    const nameErrors = [...misplaced, ...(services && typeof services === "object" && !Array.isArray(services) ? Object.keys(services).flatMap(validateServiceName).filter(elsewhere) : [])];
    const shapeErrors = [...validateRegion(ctx.region)];
    const parsed = configSchema.safeParse(raw);
    if (!parsed.success) {
        // A bad service name holding no service at all is one mistake (a key moved beside the services), said once.
        const named = new Set(nameErrors.map((e) => e.path));
        const zodErrors = fromZodIssues(parsed.error.issues, configSchema, raw)
            .filter((e) => elsewhere(e) && !named.has(e.path))
            .map((e) => {
                const hint = e.path.indexOf(".") < 0 && e.allowed.startsWith("no such key") ? topLevelServiceKey(e.path.slice(NAMESPACE.length + 1)) : undefined;
                return hint ? { ...e, allowed: hint } : e;
            });
        return { ok: false, errors: orderErrors([...shapeErrors, ...nameErrors, ...zodErrors]) };
    }
    const cfg = parsed.data;
    const errors = [
        ...shapeErrors,
        ...nameErrors,
        ...validatePlatformKeys(raw, cfg.platform),
        ...validateParsed(cfg, raw),
        ...validateImageReferences(cfg),
        ...validateCertificateRegion(cfg, ctx.region),
        ...validateDomain(cfg),
        ...(ctx.fileExists ? validateBuildFiles(cfg, ctx.fileExists) : []),
        ...validateActivationExpiry(cfg, ctx.now ?? new Date()),
        ...validateLoadBalancerQuotas(cfg),
    ];
    if (errors.length > 0) return { ok: false, errors: orderErrors(errors) };
    const spec = resolveSpec(cfg, project, stack);
    return { ok: true, spec, warnings: [...regionWarnings(ctx.region), ...configWarnings(spec, raw), ...secretRegionWarnings(spec, ctx.region, ctx.accounts), ...loadBalancerQuotaWarnings(cfg)] };
}
