// Advice: config that deploys, but that a careful engineer would want to hear about. Pure functions
// over the resolved spec (and, where it matters what the user wrote, the raw config), like the
// validators; they never fail a plan, except under `npm run plan -- --strict`.
import { keyPath } from "./errors";
import { Environment, ENVIRONMENTS, Platform } from "./schema";
import { BerthSpec } from "./spec";
import { kubernetesWarnings } from "./validate-eks";
import { ConfigWarning } from "./warnings";

/** Everything worth a word about this stack. */
export function configWarnings(spec: BerthSpec, raw: Record<string, unknown> = {}): ConfigWarning[] {
    return [
        ...platformWarnings(spec.platform),
        ...kubernetesWarnings(spec),
        ...unusedKeyWarnings(spec, raw),
        ...secretNameWarnings(spec),
        ...(spec.environment === "prod" ? prodWarnings(spec) : []),
    ];
}

/** Platforms that still deploy but that AWS no longer offers to new customers. */
export function platformWarnings(platform: Platform): ConfigWarning[] {
    const closed = PLATFORM_NOTICES[platform];
    return closed ? [{ path: keyPath("platform"), message: closed }] : [];
}

/** Notices per platform, printed with every plan of a stack on it. */
export const PLATFORM_NOTICES: Partial<Record<Platform, string>> = {
    // App Runner developer guide, "AWS App Runner availability change"; release notes banner: "no longer
    // be open to new customers starting April 30, 2026".
    apprunner:
        "AWS App Runner has been closed to new customers since 30 April 2026; existing customers can keep using it, but it gets no new features. AWS points new workloads to Amazon ECS Express Mode: berth:platform: ecs-express deploys the same services there.",
};

const ECS_PLATFORMS: ReadonlyArray<Platform> = ["ecs-fargate", "ecs-ec2", "ecs-anywhere"];

/**
 * Keys the user wrote that do nothing for this service: a route (`path`) on a private service, and on
 * ECS a load-balancer health check with no load balancer to run it. (On Kubernetes the health check
 * becomes the pod's probes, so it does something there.)
 */
export function unusedKeyWarnings(spec: BerthSpec, raw: Record<string, unknown>): ConfigWarning[] {
    const services = (raw.services ?? {}) as Record<string, Record<string, unknown> | undefined>;
    const out: ConfigWarning[] = [];
    for (const svc of Object.values(spec.services)) {
        const written = services[svc.name] ?? {};
        if (svc.loadBalancer) continue;
        if (written.path !== undefined) out.push({ path: keyPath("services", svc.name, "path"), message: "does nothing on a private service: only public services are routed by path on the load balancer" });
        if (written.healthCheck !== undefined && ECS_PLATFORMS.includes(spec.platform)) {
            out.push({ path: keyPath("services", svc.name, "healthCheck"), message: "does nothing on a private service: it configures the load balancer's check; for a check inside the container, use containerHealthCheck" });
        }
    }
    return out;
}

/** The environments a secret's name mentions, other than the stack's own: `berth/dev/token` in prod. */
export function otherEnvironments(secretArn: string, own: Environment): Environment[] {
    const name = secretArn.split(":").slice(5).join(":");
    const words = new Set(name.toLowerCase().split(/[^a-z0-9]+/));
    const aliases: Record<Environment, string[]> = { dev: ["dev", "development"], staging: ["staging", "stage", "stg"], prod: ["prod", "production", "prd"] };
    return ENVIRONMENTS.filter((env) => env !== own && aliases[env].some((a) => words.has(a)));
}

/** A secret named for another environment: most often a stack file copied from dev with dev's ARNs. */
export function secretNameWarnings(spec: BerthSpec): ConfigWarning[] {
    return Object.values(spec.services).flatMap((svc) =>
        Object.entries(svc.secrets).flatMap(([name, arn]) => {
            const others = otherEnvironments(arn, spec.environment);
            return others.length ? [{ path: keyPath("services", svc.name, "secrets", name), message: `names another environment (${others.join(", ")}) in a ${spec.environment} stack: is it the ${spec.environment} secret?` }] : [];
        }),
    );
}

/** What makes a prod stack less than production-grade, each with the fix. */
export function prodWarnings(spec: BerthSpec): ConfigWarning[] {
    const out: ConfigWarning[] = [];
    const inVpc = spec.platform !== "ecs-anywhere" && spec.platform !== "kubernetes";
    const albServices = Object.values(spec.services).filter((s) => s.loadBalancer === "alb");
    const awsLoadBalancer = ["ecs-fargate", "ecs-ec2", "eks"].includes(spec.platform);
    if (awsLoadBalancer && albServices.length && !spec.loadBalancer.certificateArn) {
        out.push({ path: keyPath("loadBalancer", "certificateArn"), message: "is not set: a prod stack serves HTTP only; set an ACM certificate ARN to add HTTPS and redirect HTTP to it" });
    }
    if (awsLoadBalancer && albServices.length && !spec.loadBalancer.accessLogs) {
        out.push({ path: keyPath("loadBalancer", "accessLogs"), message: "is not set: a prod load balancer keeps no access logs; name an S3 bucket whose policy lets ELB write" });
    }
    if (inVpc && (spec.network.nat === "single" || spec.network.nat === "instance")) {
        out.push({ path: keyPath("network", "nat"), message: `is ${spec.network.nat}: one AZ's outage cuts every private subnet's egress; use one-per-az (prod's default)` });
    }
    for (const svc of Object.values(spec.services).filter((s) => s.kind === "service")) {
        const fewest = svc.scaling ? svc.scaling.min : svc.desiredCount;
        if (fewest <= 1) out.push({ path: keyPath("services", svc.name, svc.scaling ? "scaling" : "desiredCount"), message: `lets ${svc.name} run a single task: one failure or deployment takes it down; run at least 2 (prod's default)` });
    }
    if (spec.platform === "ecs-ec2" && spec.ec2.minSize < spec.network.azs) {
        out.push({ path: keyPath("ec2", "minSize"), message: `is ${spec.ec2.minSize} with ${spec.network.azs} AZs: at least one AZ has no instance until scaling adds one; set it to ${spec.network.azs}` });
    }
    return out;
}
