// What the stack's ALBs get at their edge, with the environment's defaults resolved: where access
// logs go, and whether a WAF web ACL stands in front of the public ALB. Pure functions of the spec,
// read by the compositions (stacks/ecs.ts, stacks/eks*.ts) and by the advice (advice.ts).
import type { Environment, Platform } from "./schema";
import type { BerthSpec } from "./spec";

/** Platforms where berth owns (ECS) or configures (EKS, through the controller) an ALB. */
export const ALB_PLATFORMS: ReadonlyArray<Platform> = ["ecs-fargate", "ecs-ec2", "eks"];

/** Access logs into a bucket berth creates, or into one the user names; none when undefined. */
export type AccessLogs = { readonly create: true; readonly prefix?: string; readonly expirationDays: number } | { readonly create?: undefined; readonly bucket: string; readonly prefix?: string };

type EdgeSpec = Pick<BerthSpec, "platform" | "environment" | "loadBalancer" | "logs">;

/**
 * Prod keeps access logs by default, in a bucket berth creates: a bucket named by hand that was never
 * prepared failed the ALB's creation ("Access Denied for bucket", issue 22). Dev and staging keep none
 * unless asked: the logs cost storage and nobody reads them there. The logs expire with the stack's
 * log retention (berth:logs.retentionDays) unless `expirationDays` says otherwise.
 */
export function accessLogsOf(spec: EdgeSpec): AccessLogs | undefined {
    if (!ALB_PLATFORMS.includes(spec.platform)) return undefined;
    const written = spec.loadBalancer.accessLogs;
    if (written === false) return undefined;
    if (written === undefined) return spec.environment === "prod" ? { create: true, expirationDays: spec.logs.retentionDays } : undefined;
    if ("create" in written) return { create: true, prefix: written.prefix, expirationDays: written.expirationDays ?? spec.logs.retentionDays };
    return { bucket: written.bucket, prefix: written.prefix };
}

/**
 * Requests one client IP may send in 5 minutes before the rate rule blocks it: about 7 a second,
 * far above a person's browsing and well below a scripted flood. `{ rateLimit }` changes it.
 */
export const DEFAULT_WAF_RATE_LIMIT = 2000;

/** Whether the environment puts a WAF in front of a public ALB when `waf` is not written. */
export const WAF_BY_DEFAULT: Readonly<Record<Environment, boolean>> = { dev: false, staging: false, prod: true };

/**
 * The public ALB's web ACL, or undefined: on in prod by default (a public prod ALB faced the internet
 * with no filtering, issue 22), opt-in elsewhere. Only where berth has an ALB; ecs-express and
 * apprunner refuse the key (config/managed/validate.ts: they own their load balancer).
 */
export function wafOf(spec: EdgeSpec): { readonly rateLimit: number } | undefined {
    if (!ALB_PLATFORMS.includes(spec.platform)) return undefined;
    const written = spec.loadBalancer.waf;
    const on = written === undefined ? WAF_BY_DEFAULT[spec.environment] : written !== false;
    if (!on) return undefined;
    return { rateLimit: typeof written === "object" ? written.rateLimit : DEFAULT_WAF_RATE_LIMIT };
}
