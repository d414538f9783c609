// Storage, logs, keys, secrets, queues and events: mostly usage-driven, on the usage assumptions.
import { HOURS_PER_MONTH } from "./prices";
import { arr, num, obj, priced, str } from "./read";
import type { CostContext, CostLine } from "./types";

/** Each resource of `type` gets the lines `make` gives it. */
const each = (ctx: CostContext, type: string, make: (r: ReturnType<CostContext["ofType"]>[number]) => CostLine[]) => ctx.ofType(type).flatMap(make);

/** A log group keeps what it takes in for its retention; without one, the estimate keeps a year. */
const MONTHS_KEPT_WITHOUT_RETENTION = 12;
const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

function logLines(ctx: CostContext): CostLine[] {
    const gb = ctx.usage.logGbPerGroupMonth;
    return each(ctx, "aws:cloudwatch/logGroup:LogGroup", (g) => {
        // AWS takes a positive whole number of days, and 0 or none as "never expire": anything else
        // (negative, fractional, odd text) is read as none, so that no line stores a negative amount.
        const days = num(g.inputs.retentionInDays) ?? 0;
        const kept = Number.isInteger(days) && days > 0;
        const months = kept ? days / DAYS_PER_MONTH : MONTHS_KEPT_WITHOUT_RETENTION;
        if (!kept) ctx.note(`${g.name}: no retention, so its stored logs are priced as ${MONTHS_KEPT_WITHOUT_RETENTION} months' worth; they grow without end.`);
        return [
            priced(g, "logsIngestGb", gb, `${g.name}: ${gb} GB of logs taken in`, false),
            priced(g, "logsStorageGbMonth", gb * Math.min(months, MONTHS_KEPT_WITHOUT_RETENTION), `${g.name}: logs stored, ${kept ? `${days} days' retention` : "no retention"}`, false),
        ];
    });
}

/** berth names every dead-letter queue `*-dlq-*`: they hold failures, not traffic. */
const isDeadLetterQueue = (name: string) => /(^|-)dlq(-|$)/.test(name);

function messagingLines(ctx: CostContext): CostLine[] {
    const { queueMessagesPerMonth, eventsPerMonth } = ctx.usage;
    return [
        // A message is a send, a receive and a delete: three requests.
        ...each(ctx, "aws:sqs/queue:Queue", (q) => (isDeadLetterQueue(q.name) ? [] : [priced(q, "sqsRequestsMillion", (queueMessagesPerMonth * 3) / 1e6, `${q.name}: ${queueMessagesPerMonth} messages (send, receive, delete)`, false)])),
        ...each(ctx, "aws:sns/topic:Topic", (t) => [priced(t, "snsRequestsMillion", eventsPerMonth / 1e6, `${t.name}: ${eventsPerMonth} publishes`, false)]),
        ...each(ctx, "aws:cloudwatch/eventRule:EventRule", (r) =>
            r.inputs.scheduleExpression || !r.inputs.eventPattern || onlyAwsServiceEvents(r.inputs) ? [] : [priced(r, "eventBridgeEventsMillion", eventsPerMonth / 1e6, `${r.name}: ${eventsPerMonth} custom events`, false)],
        ),
        ...each(ctx, "aws:scheduler/schedule:Schedule", (s) => {
            const runs = invocationsPerMonth(str(s.inputs.scheduleExpression)) ?? eventsPerMonth;
            return [priced(s, "schedulerInvocationsMillion", runs / 1e6, `${s.name}: ${runs} invocations (14 million a month are free, not deducted)`, false)];
        }),
    ];
}

/** An AWS service's event source (`aws.ecs`); `aws.partner/...` is a SaaS partner's, and billed. */
const AWS_SERVICE_SOURCE = /^aws\.[a-z0-9][a-z0-9.-]*$/;

/**
 * Whether a rule matches AWS service events only, which are free on the default bus; custom and
 * partner events are billed, and so is a rule that matches any of them alongside AWS's
 * (https://aws.amazon.com/eventbridge/pricing/). A pattern without a source list may match custom
 * events, and a rule on another bus receives none of AWS's own: both are billed.
 */
export function onlyAwsServiceEvents(inputs: Record<string, unknown>): boolean {
    const bus = str(inputs.eventBusName) ?? "default";
    if (bus !== "default" && !bus.endsWith(":event-bus/default")) return false;
    const sources = arr(obj(inputs.eventPattern)?.source);
    return sources.length > 0 && sources.every((s) => typeof s === "string" && AWS_SERVICE_SOURCE.test(s));
}

/**
 * Runs a month of a rate() schedule; undefined for cron() and at(), left to the usage. AWS refuses a
 * rate of 0, so rate(0 ...) is left to the usage too, never an infinite count.
 */
export function invocationsPerMonth(expression: string | undefined): number | undefined {
    const m = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(String(expression));
    if (!m || Number(m[1]) === 0) return undefined;
    const minutes = Number(m[1]) * (m[2].startsWith("minute") ? 1 : m[2].startsWith("hour") ? 60 : 1440);
    return Math.round((HOURS_PER_MONTH * 60) / minutes);
}

function storageLines(ctx: CostContext): CostLine[] {
    const u = ctx.usage;
    return [
        ...each(ctx, "aws:efs/fileSystem:FileSystem", (f) => [priced(f, "efsStandardGbMonth", u.efsGbPerFileSystem, `${f.name}: ${u.efsGbPerFileSystem} GB on EFS Standard`, false)]),
        ...each(ctx, "aws:fsx/lustreFileSystem:LustreFileSystem", (f) => {
            const gb = num(f.inputs.storageCapacity) ?? 1200;
            const throughput = num(f.inputs.perUnitStorageThroughput);
            if (throughput !== undefined && throughput !== 125) ctx.note(`${f.name}: FSx for Lustre at ${throughput} MB/s/TiB is priced at the 125 MB/s/TiB rate, the only one in cost/prices.ts.`);
            return [priced(f, "fsxLustreGbMonth", gb, `${f.name}: ${gb} GB FSx for Lustre (SSD, provisioned)`, true)];
        }),
        ...each(ctx, "aws:ecr/repository:Repository", (r) => [priced(r, "ecrStorageGbMonth", u.ecrGbPerRepository, `${r.name}: ${u.ecrGbPerRepository} GB of images`, false)]),
        ...[...ctx.ofType("aws:s3/bucket:Bucket"), ...ctx.ofType("aws:s3/bucketV2:BucketV2")].map((b) => priced(b, "s3StandardGbMonth", u.s3GbPerBucket, `${b.name}: ${u.s3GbPerBucket} GB on S3 Standard`, false)),
        ...each(ctx, "aws:dynamodb/table:Table", (t) => {
            if (t.inputs.billingMode !== "PAY_PER_REQUEST") {
                ctx.note(`${t.name}: a provisioned-capacity DynamoDB table is not priced.`);
                return [];
            }
            return [
                priced(t, "dynamoReadRequestMillion", u.dynamoReadsPerMonth / 1e6, `${t.name}: ${u.dynamoReadsPerMonth} read request units`, false),
                priced(t, "dynamoWriteRequestMillion", u.dynamoWritesPerMonth / 1e6, `${t.name}: ${u.dynamoWritesPerMonth} write request units`, false),
                priced(t, "dynamoGbMonth", u.dynamoGbPerTable, `${t.name}: ${u.dynamoGbPerTable} GB stored (the first 25 GB a month are free, not deducted)`, false),
            ];
        }),
    ];
}

function fixedMonthlyLines(ctx: CostContext): CostLine[] {
    return [
        ...each(ctx, "aws:cloudwatch/metricAlarm:MetricAlarm", (a) => [priced(a, "alarmStandardMonth", 1, `${a.name}: CloudWatch alarm`, true)]),
        ...each(ctx, "aws:kms/key:Key", (k) => [priced(k, "kmsKeyMonth", 1, `${k.name}: customer managed KMS key`, true)]),
        ...each(ctx, "aws:secretsmanager/secret:Secret", (s) => [priced(s, "secretsManagerSecretMonth", 1, `${s.name}: Secrets Manager secret`, true)]),
    ];
}

export function dataLines(ctx: CostContext): CostLine[] {
    if (ctx.ofType("aws:fsx/ontapFileSystem:OntapFileSystem").length) ctx.note("FSx for NetApp ONTAP is not priced: cost/prices.ts has no ONTAP figure.");
    return [...logLines(ctx), ...messagingLines(ctx), ...storageLines(ctx), ...fixedMonthlyLines(ctx)];
}
