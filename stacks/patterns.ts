// The event-driven patterns on the stack's ECS cluster, in two steps around the ECS composition.
// First what the tasks need before their task definitions exist (the alert topic, buckets, tables and
// queues, with the environment variables and task-role statements that name them), so a worker never
// starts without its queue URL or its permissions. Then, once task definitions and roles exist, what
// starts the tasks: EventBridge rules and Scheduler schedules.
import * as pulumi from "@pulumi/pulumi";
import { ObjectProcessing } from "../components/events/ObjectProcessing";
import { ScheduledBatch } from "../components/events/ScheduledBatch";
import { StoppedTaskAlerts } from "../components/events/StoppedTaskAlerts";
import { RunnableTask } from "../components/events/targets";
import { WorkQueue } from "../components/events/WorkQueue";
import { grantStatements } from "../components/iam/grants";
import { PolicyStatement } from "../components/iam/policies";
import { ItemTable } from "../components/storage/ItemTable";
import { SecureBucket } from "../components/storage/SecureBucket";
import { Foundation, logGroupName } from "./shared";
import { ScheduleOutput } from "./outputs";
import { BerthSpec } from "../config/spec";
import { PATTERN_ENV, PatternsSpec, QueueWorkerSpec, ScheduledBatchSpec, senderQueueEnv, TaskScheduleSpec } from "../config/patterns/spec";

type Env = Record<string, pulumi.Output<string>>;

/** What the patterns hand the ECS composition before it creates the task definitions. */
export interface PatternResources {
    /** Per service: variables for its task definition (queue URLs, table and bucket names). */
    readonly environment: Readonly<Record<string, Env>>;
    /** Per service: statements for its task role, scoped to the pattern's own bucket, table or queue. */
    readonly statements: Readonly<Record<string, pulumi.Output<PolicyStatement[]>>>;
    /** Per queue worker: the queue whose backlog per task its scaling holds at `target`. */
    readonly backlog: Readonly<Record<string, { readonly queueName: pulumi.Output<string>; readonly target: number }>>;
    /** Where the patterns' dead-letter alarms notify: the stopped-task alert topic, when it is on. */
    readonly alarmActions: ReadonlyArray<pulumi.Output<string>>;
    readonly alerts?: StoppedTaskAlerts;
    readonly uploads: Readonly<Record<string, { readonly bucket: SecureBucket; readonly table: ItemTable }>>;
    /** Per scheduled batch with its bucket on (bucket: false creates none). */
    readonly batches: Readonly<Record<string, SecureBucket>>;
    readonly queues: Readonly<Record<string, WorkQueue>>;
}

/** What the patterns need from the ECS composition once it has run. */
export interface EcsRecord {
    readonly clusterArn: pulumi.Output<string>;
    /** Per service and task: its task definition, roles, capacity and network. */
    readonly workloads: Readonly<Record<string, RunnableTask>>;
}

/** Collects, per service, the variables and task-role statements the patterns give it. */
class PerService {
    readonly environment: Record<string, Env> = {};
    private readonly parts: Record<string, pulumi.Output<PolicyStatement[]>[]> = {};

    add(service: string, env: Env, statements: pulumi.Output<PolicyStatement[]>): void {
        this.environment[service] = { ...this.environment[service], ...env };
        (this.parts[service] ??= []).push(statements);
    }

    statements(): Record<string, pulumi.Output<PolicyStatement[]>> {
        return Object.fromEntries(Object.entries(this.parts).map(([s, parts]) => [s, pulumi.all(parts).apply((xs) => xs.flat())]));
    }
}

/** `Sid`s are alphanumeric: thumbs-small -> ThumbsSmall. */
const pascal = (name: string) => name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

const mapValues = <T, U>(o: Readonly<Record<string, T>>, f: (v: T, name: string) => U): Record<string, U> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v, k)]));

/** Step one: the alert topic and the data the tasks work on. */
export function patternResources(spec: BerthSpec, clusterArn: pulumi.Output<string>): PatternResources {
    const p = spec.patterns;
    const a = p.stoppedTaskAlerts;
    const alerts = a && new StoppedTaskAlerts("task-alerts", { clusterArn, emails: a.emails, stops: a.stops, retry: a.retry, keyDeletionWindowDays: spec.protect ? 30 : 7, tags: spec.tags });
    const alarmActions = alerts ? [alerts.topicArn] : [];
    const per = new PerService();
    const uploads = mapValues(p.objectProcessing, (o, name) => uploadsFor(spec, name, o, per));
    const withBucket = Object.fromEntries(Object.entries(p.scheduledBatch).filter(([, b]) => b.bucket));
    const batches = mapValues(withBucket, (b, name) => batchBucketFor(spec, name, b, per));
    const queues = mapValues(p.queueWorker, (w, name) => queueFor(spec, name, w, alarmActions, per));
    const backlog = mapValues(p.queueWorker, (w, name) => ({ queueName: queues[name].queueName, target: w.backlogPerTask }));
    return { environment: per.environment, statements: per.statements(), backlog, alarmActions, alerts, uploads, batches, queues };
}

/** Object processing: the bucket whose uploads start the task, and the table it writes; it may only get those objects and write items (BatchWriteItem too). */
function uploadsFor(spec: BerthSpec, name: string, o: PatternsSpec["objectProcessing"][string], per: PerService) {
    const bucket = new SecureBucket(`${name}-uploads`, { eventBridge: true, protect: spec.protect, tags: spec.tags });
    const table = new ItemTable(`${name}-results`, { partitionKey: o.table.partitionKey, sortKey: o.table.sortKey, protect: spec.protect, tags: spec.tags });
    const statements = pulumi
        .all([bucket.bucketArn, table.tableArn])
        .apply(([b, t]) => [...grantStatements({ bucket: b, prefix: o.prefix, suffix: o.suffix, access: "get" }, "Uploads"), ...grantStatements({ table: t, access: "write" }, "Results")]);
    per.add(name, { [PATTERN_ENV.table]: table.tableName }, statements);
    return { bucket, table };
}

/** Scheduled batch: the bucket the batch processes, read (or read and written) under its prefix. */
function batchBucketFor(spec: BerthSpec, name: string, b: ScheduledBatchSpec, per: PerService): SecureBucket {
    const bucket = new SecureBucket(`${name}-batch`, { protect: spec.protect, tags: spec.tags });
    const env: Env = { [PATTERN_ENV.batchBucket]: bucket.bucketName, [PATTERN_ENV.batchPrefix]: pulumi.output(b.prefix ?? "") };
    per.add(
        name,
        env,
        bucket.bucketArn.apply((arn) => grantStatements({ bucket: arn, prefix: b.prefix, access: b.access }, "Batch")),
    );
    return bucket;
}

/** Queue worker: the queue and its DLQ; the worker consumes, each sender may send. */
function queueFor(spec: BerthSpec, name: string, w: QueueWorkerSpec, alarmActions: ReadonlyArray<pulumi.Output<string>>, per: PerService): WorkQueue {
    const queue = new WorkQueue(name, {
        visibilityTimeoutSeconds: w.visibilityTimeoutSeconds,
        maxReceiveCount: w.maxReceiveCount,
        retentionDays: w.retentionDays,
        maxMessageAgeSeconds: w.maxMessageAgeSeconds,
        alarmActions,
        tags: spec.tags,
    });
    per.add(
        name,
        // The visibility timeout is sized for this batch; a worker that receives more would see messages reappear.
        { [PATTERN_ENV.queueUrl]: queue.queueUrl, [PATTERN_ENV.queueBatchSize]: pulumi.output(String(w.batchSize)) },
        queue.queueArn.apply((q) => grantStatements({ queue: q, access: "consume" }, "WorkQueue")),
    );
    for (const sender of w.senders) {
        per.add(
            sender,
            { [senderQueueEnv(name)]: queue.queueUrl },
            queue.queueArn.apply((q) => grantStatements({ queue: q, access: "send" }, `SendTo${pascal(name)}`)),
        );
    }
    return queue;
}

/** A word for a POSIX shell: single-quoted, with any single quote closed, escaped and reopened. */
const shellWord = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Pattern 1 end to end: upload a small object under the rule's prefix and suffix, give EventBridge and
 * ECS two minutes to start and run the task, then show what the run wrote: the results table, and the
 * task's log (where a task that writes no rows, such as the example's, says what it did).
 */
export function objectTestCommand(a: { region: string; bucket: string; table: string; logGroup: string; prefix?: string; suffix?: string }): string {
    const key = `${a.prefix ?? ""}berth-test${a.suffix ?? ""}`;
    return (
        `echo berth-test | aws s3 cp - ${shellWord(`s3://${a.bucket}/${key}`)} --region ${a.region} && sleep 120 && ` +
        `aws dynamodb scan --region ${a.region} --table-name ${a.table} --max-items 20 && aws logs tail ${shellWord(a.logGroup)} --region ${a.region} --since 5m`
    );
}

/**
 * A task on a schedule: a scheduled batch's schedule, role, retries and alarmed dead-letter queue, for
 * scheduledBatch.TASK and for a task's own schedule alike (the bucket is patternResources' part).
 */
function scheduleFor(spec: BerthSpec, base: Foundation, res: PatternResources, ecs: EcsRecord, name: string, b: TaskScheduleSpec): ScheduledBatch {
    return new ScheduledBatch(name, {
        clusterArn: ecs.clusterArn,
        alarmActions: res.alarmActions,
        tags: spec.tags,
        schedule: b.schedule,
        timezone: b.timezone,
        flexibleWindowMinutes: b.flexibleWindowMinutes,
        task: ecs.workloads[name],
        retry: b.retry,
        trust: base.trust("scheduler"),
    });
}

/** Step two: what starts the tasks; returns the `patterns` and `schedules` stack outputs. */
export function patternTriggers(spec: BerthSpec, base: Foundation, res: PatternResources, ecs: EcsRecord): { patterns?: pulumi.Output<unknown>; schedules?: Record<string, ScheduleOutput> } {
    const p = spec.patterns;
    const common = { clusterArn: ecs.clusterArn, alarmActions: res.alarmActions, tags: spec.tags };
    const schedules: Record<string, ScheduleOutput> = {};
    const scheduled = (name: string, b: TaskScheduleSpec) => {
        const s = scheduleFor(spec, base, res, ecs, name, b);
        schedules[name] = { expression: b.schedule, timezone: b.timezone, schedule: s.scheduleName };
        return s;
    };
    const objectProcessing = Object.fromEntries(
        Object.entries(p.objectProcessing).map(([name, o]) => {
            const { bucket, table } = res.uploads[name];
            const trigger = new ObjectProcessing(name, {
                ...common,
                bucketName: bucket.bucketName,
                prefix: o.prefix,
                suffix: o.suffix,
                task: ecs.workloads[name],
                variables: { bucket: PATTERN_ENV.bucket, key: PATTERN_ENV.key },
                retry: o.retry,
                trust: base.trust("events"),
            });
            const testCommand = pulumi
                .all([base.region, bucket.bucketName, table.tableName])
                .apply(([region, b, t]) => objectTestCommand({ region, bucket: b, table: t, logGroup: logGroupName(spec, name), prefix: o.prefix, suffix: o.suffix }));
            return [name, { bucket: bucket.bucketName, table: table.tableName, deadLetterQueue: trigger.deadLetterQueueUrl, testCommand }];
        }),
    );
    const scheduledBatch = Object.fromEntries(
        Object.entries(p.scheduledBatch).map(([name, b]) => {
            const schedule = scheduled(name, b);
            const bucket = Object.hasOwn(res.batches, name) ? { bucket: res.batches[name].bucketName } : {};
            return [name, { ...bucket, schedule: schedule.scheduleName, deadLetterQueue: schedule.deadLetterQueueUrl }];
        }),
    );
    const queueWorker = Object.fromEntries(Object.entries(res.queues).map(([name, q]) => [name, { queueUrl: q.queueUrl, deadLetterQueue: q.deadLetterQueueUrl }]));
    const out = {
        ...(Object.keys(objectProcessing).length ? { objectProcessing } : {}),
        ...(Object.keys(scheduledBatch).length ? { scheduledBatch } : {}),
        ...(Object.keys(queueWorker).length ? { queueWorker } : {}),
        ...(res.alerts ? { stoppedTaskAlerts: { topicArn: res.alerts.topicArn, deadLetterQueue: res.alerts.deadLetterQueueUrl, emails: res.alerts.emails } } : {}),
    };
    for (const [name, t] of Object.entries(p.scheduledTasks)) scheduled(name, t);
    return { ...(Object.keys(out).length ? { patterns: pulumi.output(out) } : {}), ...(Object.keys(schedules).length ? { schedules } : {}) };
}
