// The patterns' derived settings (defaults that depend on other keys) and the environment variables
// each pattern hands the containers it drives. Pure functions: validation and composition share them.
import { keyPath } from "../errors";
import type { ScalingConfig } from "../ecs/schema";
import type { PatternsConfig, QueueWorkerConfig, ScheduledBatchConfig } from "./schema";

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
    /** Queue worker, in the task definition: the queue to consume. */
    queueUrl: "QUEUE_URL",
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
    if (own(patterns.scheduledBatch)) {
        const from = keyPath("patterns", "scheduledBatch", service);
        out.push({ name: PATTERN_ENV.batchBucket, from }, { name: PATTERN_ENV.batchPrefix, from });
    }
    if (own(patterns.queueWorker)) out.push({ name: PATTERN_ENV.queueUrl, from: keyPath("patterns", "queueWorker", service) });
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

/** 15 minutes, or less than a shorter rate so one run cannot slide into the next; 0 (off) for rate(1 minute). */
export function flexibleWindow(b: Pick<ScheduledBatchConfig, "schedule" | "flexibleWindowMinutes">): number {
    if (b.flexibleWindowMinutes !== undefined) return b.flexibleWindowMinutes;
    const rate = rateMinutes(b.schedule);
    return rate === undefined ? 15 : Math.min(15, rate - 1);
}

/** Twice the processing time, at least SQS's default of 30 s, so a slow message is not delivered twice. */
export function visibilityTimeout(w: Pick<QueueWorkerConfig, "processingSeconds" | "visibilityTimeoutSeconds">): number {
    return w.visibilityTimeoutSeconds ?? Math.min(43200, Math.max(30, 2 * w.processingSeconds));
}

/**
 * The backlog per task the worker's scaling holds: a task clears `latency / processing` messages
 * within the acceptable latency, so more than that per task means a message waits too long.
 */
export function backlogPerTask(w: Pick<QueueWorkerConfig, "processingSeconds" | "acceptableLatencySeconds">): number {
    return w.acceptableLatencySeconds / w.processingSeconds;
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
}

export interface PatternsSpec {
    readonly objectProcessing: PatternsConfig["objectProcessing"];
    readonly scheduledBatch: Readonly<Record<string, ScheduledBatchSpec>>;
    readonly queueWorker: Readonly<Record<string, QueueWorkerSpec>>;
    readonly stoppedTaskAlerts?: PatternsConfig["stoppedTaskAlerts"];
}

/** Applies the defaults that depend on other keys to validated patterns. */
export function resolvePatterns(p: PatternsConfig): PatternsSpec {
    const map = <T, U>(o: Record<string, T>, f: (v: T) => U) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
    return {
        objectProcessing: p.objectProcessing,
        scheduledBatch: map(p.scheduledBatch, (b) => ({ ...b, flexibleWindowMinutes: flexibleWindow(b) })),
        queueWorker: map(p.queueWorker, (w) => ({ ...w, visibilityTimeoutSeconds: visibilityTimeout(w), backlogPerTask: backlogPerTask(w) })),
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
