// The patterns' derived settings (defaults that depend on other keys) and the environment variables
// each pattern hands the containers it drives. Pure functions: validation and composition share them.
import { keyPath } from "../errors";
import type { ScalingConfig } from "../ecs/schema";
import { PatternsConfig, QueueWorkerConfig, retrySchema, ScheduledBatchConfig } from "./schema";
import type { Platform } from "../schema";

/** Platforms whose composition creates an ECS cluster: the patterns, and tasks' own schedules, run there. */
export const PATTERN_PLATFORMS: ReadonlyArray<Platform> = ["ecs-fargate", "ecs-ec2", "ecs-anywhere"];

/** Environment variables the patterns set; the container reads them instead of hard-coded names. */
export const PATTERN_ENV = {
    /** Object processing, per event (a container override): the bucket and key of the new object. */
    bucket: "S3_BUCKET",
    key: "S3_KEY",
    /** Object processing, in the task definition: the results table. */
    table: "TABLE_NAME",
    /** Scheduled batch, in the task definition: the bucket and prefix to process. */
    batchBucket: "BATCH_BUCKET",
    batchPrefix: "BATCH_PREFIX",
    /** Queue worker, in the task definition: the queue to consume, and how many messages to receive at once. */
    queueUrl: "QUEUE_URL",
    queueBatchSize: "QUEUE_BATCH_SIZE",
} as const;

/** The variable a sender gets for worker `worker`'s queue, e.g. THUMBS_QUEUE_URL. */
export function senderQueueEnv(worker: string): string {
    return `${worker.toUpperCase().replace(/-/g, "_")}_QUEUE_URL`;
}

/** Every variable the patterns set on `service`, with the pattern key that sets it. */
export function patternEnvironment(patterns: PatternsConfig, service: string): Array<{ name: string; from: string }> {
    const out: Array<{ name: string; from: string }> = [];
    const own = (o: object) => Object.hasOwn(o, service);
    if (own(patterns.objectProcessing)) {
        const from = keyPath("patterns", "objectProcessing", service);
        out.push({ name: PATTERN_ENV.bucket, from }, { name: PATTERN_ENV.key, from }, { name: PATTERN_ENV.table, from });
    }
    if (own(patterns.scheduledBatch) && patterns.scheduledBatch[service].bucket !== false) {
        const from = keyPath("patterns", "scheduledBatch", service);
        out.push({ name: PATTERN_ENV.batchBucket, from }, { name: PATTERN_ENV.batchPrefix, from });
    }
    if (own(patterns.queueWorker)) {
        const from = keyPath("patterns", "queueWorker", service);
        out.push({ name: PATTERN_ENV.queueUrl, from }, { name: PATTERN_ENV.queueBatchSize, from });
    }
    for (const [worker, w] of Object.entries(patterns.queueWorker)) {
        if (w.senders.includes(service)) out.push({ name: senderQueueEnv(worker), from: keyPath("patterns", "queueWorker", worker, "senders") });
    }
    return out;
}

// Singular or plural is validateScheduleExpression's concern; here either reads the same.
const RATE = /^rate\((\d+) (minute|hour|day)s?\)$/;
const MINUTES: Record<string, number> = { minute: 1, hour: 60, day: 1440 };

/** The interval of a `rate(...)` expression in minutes; undefined for cron, at or anything malformed. */
export function rateMinutes(expression: string): number | undefined {
    const m = RATE.exec(expression);
    return m ? Number(m[1]) * MINUTES[m[2]] : undefined;
}

/**
 * Off unless asked for: an hourly batch starts on the hour. A window spreads AWS's load, not yours,
 * and a run that starts late by up to the window surprises whoever reads its output.
 */
export function flexibleWindow(b: Pick<ScheduledBatchConfig, "flexibleWindowMinutes">): number {
    return b.flexibleWindowMinutes ?? 0;
}

/** SQS's longest visibility timeout: 12 hours. */
export const SQS_MAX_VISIBILITY_SECONDS = 43200;

/**
 * The dead-letter queues keep messages for SQS's longest retention, 14 days (DeadLetterQueue's
 * DLQ_RETENTION_SECONDS). A standard queue's message expires counting from its first enqueue, even
 * after a move to the DLQ, so the work queue must keep messages for less than this.
 * Source: SQS developer guide, "Setting-up dead-letter queue retention in Amazon SQS".
 */
export const DLQ_RETENTION_DAYS = 14;

/** Seconds one receive keeps the worker busy: every message of the batch, one after the other. */
export function batchSeconds(w: Pick<QueueWorkerConfig, "processingSeconds" | "batchSize">): number {
    return w.processingSeconds * w.batchSize;
}

/**
 * Twice the time a whole batch takes, so no message of it reappears while the worker is still on the
 * batch; at least SQS's default of 30 s and at most its 12 hours (validation refuses a batch that
 * alone takes longer).
 */
export function visibilityTimeout(w: Pick<QueueWorkerConfig, "processingSeconds" | "batchSize" | "visibilityTimeoutSeconds">): number {
    return w.visibilityTimeoutSeconds ?? Math.min(SQS_MAX_VISIBILITY_SECONDS, Math.max(30, 2 * batchSeconds(w)));
}

/**
 * The backlog per task the worker's scaling holds: a task clears `latency / processing` messages
 * within the acceptable latency, so more than that per task means a message waits too long.
 */
export function backlogPerTask(w: Pick<QueueWorkerConfig, "processingSeconds" | "acceptableLatencySeconds">): number {
    return w.acceptableLatencySeconds / w.processingSeconds;
}

/**
 * How old the oldest message may get before its alarm fires: the acceptable wait, plus the batch in
 * hand, since SQS counts a received message's age until it is deleted and the batch's last message is
 * deleted only after the whole batch (ApproximateAgeOfOldestMessage, SQS developer guide, "Available
 * CloudWatch metrics for Amazon SQS").
 */
export function maxMessageAge(w: Pick<QueueWorkerConfig, "processingSeconds" | "batchSize" | "acceptableLatencySeconds">): number {
    return w.acceptableLatencySeconds + batchSeconds(w);
}

/**
 * Backlog-per-task scaling divides by Container Insights' RunningTaskCount, so a stack with a queue
 * worker needs Container Insights on, whatever its environment would choose to save.
 */
export function needsContainerInsights(p: Pick<PatternsConfig, "queueWorker">): boolean {
    return Object.keys(p.queueWorker).length > 0;
}

export interface ScheduledBatchSpec extends ScheduledBatchConfig {
    readonly flexibleWindowMinutes: number;
}

export interface QueueWorkerSpec extends QueueWorkerConfig {
    readonly visibilityTimeoutSeconds: number;
    /** Target of the backlog-per-task scaling policy. */
    readonly backlogPerTask: number;
    /** Threshold of the oldest-message age alarm. */
    readonly maxMessageAgeSeconds: number;
}

/** The time zone of a task's own schedule when it names none: scheduledBatch's default. */
export const TASK_TIMEZONE = "UTC";

/**
 * A task's own schedule (berth:services.NAME.schedule): a scheduled batch without its bucket, and with
 * scheduledBatch's defaults for what a service cannot set (no flexible window, 10 retries within an hour).
 */
export type TaskScheduleSpec = Pick<ScheduledBatchSpec, "schedule" | "timezone" | "flexibleWindowMinutes" | "retry">;

/** The services' own schedules, by task; validation has refused them anywhere but on a task. */
export function taskSchedules(services: Readonly<Record<string, { readonly schedule?: string; readonly timezone?: string }>>): Record<string, TaskScheduleSpec> {
    const retry = retrySchema.parse({});
    return Object.fromEntries(Object.entries(services).flatMap(([name, s]) => (s.schedule === undefined ? [] : [[name, { schedule: s.schedule, timezone: s.timezone ?? TASK_TIMEZONE, flexibleWindowMinutes: 0, retry }]])));
}

export interface PatternsSpec {
    readonly objectProcessing: PatternsConfig["objectProcessing"];
    readonly scheduledBatch: Readonly<Record<string, ScheduledBatchSpec>>;
    /** Tasks started on a schedule of their own (berth:services.NAME.schedule), by the scheduledBatch machinery without a bucket. */
    readonly scheduledTasks: Readonly<Record<string, TaskScheduleSpec>>;
    readonly queueWorker: Readonly<Record<string, QueueWorkerSpec>>;
    readonly stoppedTaskAlerts?: PatternsConfig["stoppedTaskAlerts"];
}

/**
 * Applies the defaults that depend on other keys to validated patterns, and, on a platform with an
 * ECS cluster, adds the services' own schedules (Kubernetes runs them as CronJobs instead).
 */
export function resolvePatterns(p: PatternsConfig, platform?: Platform, services: Parameters<typeof taskSchedules>[0] = {}): PatternsSpec {
    const map = <T, U>(o: Record<string, T>, f: (v: T) => U) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
    return {
        objectProcessing: p.objectProcessing,
        scheduledBatch: map(p.scheduledBatch, (b) => ({ ...b, flexibleWindowMinutes: flexibleWindow(b) })),
        scheduledTasks: platform !== undefined && PATTERN_PLATFORMS.includes(platform) ? taskSchedules(services) : {},
        queueWorker: map(p.queueWorker, (w) => ({ ...w, visibilityTimeoutSeconds: visibilityTimeout(w), backlogPerTask: backlogPerTask(w), maxMessageAgeSeconds: maxMessageAge(w) })),
        ...(p.stoppedTaskAlerts ? { stoppedTaskAlerts: p.stoppedTaskAlerts } : {}),
    };
}

/**
 * The services with each queue worker's scaling bounds filled in from its pattern (validation refuses
 * a scaling block of its own), so the ECS composition starts it at minTasks and leaves its count to
 * auto scaling; the backlog policy itself is added where the queue exists.
 */
export function withWorkerScaling<S extends { readonly scaling?: ScalingConfig }>(services: Record<string, S>, patterns: PatternsConfig): Record<string, S> {
    return Object.fromEntries(
        Object.entries(services).map(([name, svc]) => {
            const w = Object.hasOwn(patterns.queueWorker, name) ? patterns.queueWorker[name] : undefined;
            const scaling: ScalingConfig | undefined = w && { min: w.minTasks, max: w.maxTasks, scaleInCooldown: w.scaleInCooldown, scaleOutCooldown: w.scaleOutCooldown, steps: [], schedules: [] };
            return [name, scaling && !svc.scaling ? { ...svc, scaling } : svc];
        }),
    );
}
