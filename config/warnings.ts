// Warnings: config that deploys, but that a careful engineer would want to hear about (a prod stack
// on HTTP only, a platform AWS has closed to new customers). They never fail a deployment. Under
// `pulumi up` they are Pulumi warnings; the offline plan collects them for its JSON and stderr.
import * as pulumi from "@pulumi/pulumi";

/**
 * Every kind of warning, by a stable name a CI script can filter on (`jq '.warnings[].code'`); listed,
 * with what each means, in docs/plan.md's warnings section. A code is never renamed or reused.
 */
export const WARNING_CODES = [
    "placeholder",
    "image-tag",
    "docker-hub",
    "secret-region",
    "secret-environment",
    "platform-closed",
    "region-unknown",
    "region-unset",
    "express-subnets",
    "unused-key",
    "no-effect",
    "renamed-key",
    "root-user",
    "tmpfs-memory",
    "alerts-unrouted",
    "deployment-headroom",
    "eks-private-endpoint",
    "eks-support-ending",
    "node-scaling",
    "metrics-api",
    "prod-https",
    "prod-domain",
    "prod-access-logs",
    "prod-waf",
    "prod-nat",
    "prod-single-task",
    "prod-ec2-spread",
    "lb-quota",
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** One warning: its kind, where it is (a key path such as `berth:platform`) and what to know about it. */
export interface ConfigWarning {
    readonly code: WarningCode;
    readonly path: string;
    readonly message: string;
}

export function formatWarning(w: ConfigWarning): string {
    return `${w.path}: ${w.message}`;
}

let sink: ((w: ConfigWarning) => void) | undefined;

/** Sends warnings to `into` instead of Pulumi's log (the plan engine does this); undefined restores the log. */
export function collectWarnings(into?: (w: ConfigWarning) => void): void {
    sink = into;
}

export function reportWarnings(warnings: ReadonlyArray<ConfigWarning>): void {
    for (const w of warnings) {
        if (sink) sink(w);
        // Pulumi queues the log message; nothing waits for it, as with any Pulumi log call.
        else void pulumi.log.warn(formatWarning(w));
    }
}
