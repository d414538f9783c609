// Config for the four event-driven patterns under `berth:patterns`. Each entry is keyed by the name of
// the service or task in `berth:services` it drives, so image, size, secrets, grants and logs stay
// defined once. Rules that span keys (the service exists and has the right kind, schedules parse,
// visibility timeout vs processing time) live in validate-patterns.ts.
import { z } from "zod";
import { keyPrefix } from "../formats";

/** An object-key suffix for an EventBridge filter; no wildcards, which the IAM resource would widen. */
const keySuffix = z
    .string()
    .min(1)
    .regex(/^[^*?]*$/, { message: "a key suffix without '*' or '?'" });

/** Delivery retries of an EventBridge target or a Scheduler schedule (both accept the same ranges). */
export const retrySchema = z.strictObject({
    /** Retries before the event goes to the dead-letter queue (EventBridge and Scheduler allow 0-185). @default 10 */
    attempts: z.number().int().min(0).max(185).default(10),
    /** Seconds an event may wait for delivery (60-86400). @default 3600: a stuck event reaches the DLQ alarm within the hour, not after a day */
    maxEventAgeSeconds: z.number().int().min(60).max(86400).default(3600),
});

/** Pattern 1: S3 Object Created -> EventBridge rule -> ECS RunTask -> DynamoDB. */
export const objectProcessingSchema = z.strictObject({
    /** Only keys under this prefix start the task. @default every key */
    prefix: keyPrefix.min(1).optional(),
    /** Only keys ending in this suffix (e.g. ".csv") start the task. @default every key */
    suffix: keySuffix.optional(),
    /** The results table the task writes to. */
    table: z
        .strictObject({
            /** String partition key attribute. @default "pk" */
            partitionKey: z.string().min(1).max(255).default("pk"),
            /** String sort key attribute. @default none */
            sortKey: z.string().min(1).max(255).optional(),
        })
        .prefault({}),
    retry: retrySchema.prefault({}),
});

/** Pattern 2: EventBridge Scheduler -> ECS RunTask of a batch over a bucket's objects. */
export const scheduledBatchSchema = z.strictObject({
    /** rate(...), cron(...) or at(...), as EventBridge Scheduler accepts them. @default "cron(0 * * * ? *)": every hour on the hour (a rate counts from the schedule's creation) */
    schedule: z.string().default("cron(0 * * * ? *)"),
    /** IANA time zone for cron and at expressions. @default "UTC" */
    timezone: z.string().min(1).default("UTC"),
    /** Minutes Scheduler may spread the start over (0 turns it off; at most 1440). @default 0: runs start when the schedule says */
    flexibleWindowMinutes: z.number().int().min(0).max(1440).optional(),
    /** false: no bucket, no BATCH_BUCKET/BATCH_PREFIX and no S3 grant, for a batch that never touches S3 (then prefix and access are refused). @default true: the bucket existing stacks already hold */
    bucket: z.boolean().default(true),
    /** The batch reads only keys under this prefix. @default the whole bucket */
    prefix: keyPrefix.min(1).optional(),
    /** read, or readwrite to let the batch write results back. @default "read" */
    access: z.enum(["read", "readwrite"]).default("read"),
    retry: retrySchema.prefault({}),
});

/** Pattern 3: an SQS queue consumed by a private ECS service scaled on backlog per task. */
export const queueWorkerSchema = z.strictObject({
    /** Seconds one task needs for one message. Required. */
    processingSeconds: z.number().int().min(1).max(43200),
    /** Seconds a message may wait before it is processed; with processingSeconds it sets the backlog per task. Required. */
    acceptableLatencySeconds: z.number().int().min(1).max(1209600),
    /** Messages the worker receives at once (SQS's ReceiveMessage takes 1-10); it gets QUEUE_BATCH_SIZE. @default 10: the visibility timeout covers any worker, even one that takes the most a receive returns */
    batchSize: z.number().int().min(1).max(10).default(10),
    /** Seconds a received message stays hidden (SQS allows 0-43200). @default twice processingSeconds x batchSize, at least 30, at most 43200 */
    visibilityTimeoutSeconds: z.number().int().min(0).max(43200).optional(),
    /** Receives before a message moves to the dead-letter queue (1-1000). @default 5 */
    maxReceiveCount: z.number().int().min(1).max(1000).default(5),
    /** Days a message is kept: 1-13, below the DLQ's 14, as expiry counts from the first enqueue. @default 4 */
    retentionDays: z.number().int().min(1).max(14).default(4),
    /** Fewest tasks: backlog per task is undefined at zero tasks, so at least 1. @default 1 */
    minTasks: z.number().int().min(1).max(1000).default(1),
    /** Most tasks. Required. */
    maxTasks: z.number().int().min(1).max(1000),
    /** Seconds between scale-ins. @default 300: scale in slowly */
    scaleInCooldown: z.number().int().min(0).default(300),
    /** Seconds between scale-outs. @default 60: scale out fast */
    scaleOutCooldown: z.number().int().min(0).default(60),
    /** Other services allowed to send to the queue; each gets NAME_QUEUE_URL and sqs:SendMessage. @default none */
    senders: z.array(z.string()).default([]),
});

/** Pattern 4: ECS task stops in this cluster -> SNS (KMS-encrypted) -> email. */
export const stoppedTaskAlertsSchema = z.strictObject({
    /** Addresses subscribed to the topic; each must confirm AWS's email. @default none */
    emails: z.array(z.email({ message: "an email address such as oncall@example.com" })).default([]),
    /** abnormal: non-zero exit codes and failed starts; all: every stop. @default "abnormal" */
    stops: z.enum(["abnormal", "all"]).default("abnormal"),
    retry: retrySchema.prefault({}),
});

export const patternsSchema = z.strictObject({
    objectProcessing: z.record(z.string(), objectProcessingSchema).default({}),
    scheduledBatch: z.record(z.string(), scheduledBatchSchema).default({}),
    queueWorker: z.record(z.string(), queueWorkerSchema).default({}),
    stoppedTaskAlerts: stoppedTaskAlertsSchema.optional(),
});

export type PatternsConfig = z.output<typeof patternsSchema>;
export type ObjectProcessingConfig = z.output<typeof objectProcessingSchema>;
export type ScheduledBatchConfig = z.output<typeof scheduledBatchSchema>;
export type QueueWorkerConfig = z.output<typeof queueWorkerSchema>;
export type StoppedTaskAlertsConfig = z.output<typeof stoppedTaskAlertsSchema>;
export type RetryConfig = z.output<typeof retrySchema>;
