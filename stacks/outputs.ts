import * as pulumi from "@pulumi/pulumi";

/** Stack outputs every platform provides; platforms may add more. */
export interface StackOutputs {
    /** Public URL of the load balancer, when any service is public; on platforms with a URL per service, that URL when there is one service. */
    readonly url?: pulumi.Output<string | undefined>;
    readonly platform: string;
    /** The ECS cluster, on platforms that have one (not App Runner). */
    readonly clusterName?: pulumi.Output<string>;
    /** Deployed service name per configured service. */
    readonly services: Record<string, pulumi.Output<string>>;
    /** Per task on a schedule (its own or scheduledBatch's): how the platform runs it. */
    readonly schedules?: Record<string, ScheduleOutput>;
    readonly [extra: string]: unknown;
}

/** One entry of the `schedules` output, the same keys on every platform that schedules tasks. */
export interface ScheduleOutput {
    /** The expression as the platform runs it: Scheduler's on ECS, the CronJob's 5-field cron on Kubernetes. */
    readonly expression: string;
    /** The IANA time zone it reads in. */
    readonly timezone: string;
    /** What fires it: the Scheduler schedule's name on ECS; `namespace/cronjob` on Kubernetes. */
    readonly schedule: pulumi.Output<string>;
}

/**
 * Outputs of platforms that give each service a URL of its own (App Runner, Express Mode): `urls` by
 * service, and `url` as well when there is just one, so a script that reads `url` works on any stack.
 */
export function serviceUrls(urls: Record<string, pulumi.Output<string | undefined>>): { url?: pulumi.Output<string | undefined>; urls: Record<string, pulumi.Output<string | undefined>> } {
    const names = Object.keys(urls);
    return names.length === 1 ? { url: urls[names[0]], urls } : { urls };
}
