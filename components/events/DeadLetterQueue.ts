import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { PolicyDocument } from "../iam/policies";

/** SQS keeps messages at most 14 days: the longest time to look at a failure and redrive it. */
export const DLQ_RETENTION_SECONDS = 14 * 86400;

/**
 * The queue policy letting one AWS service deliver here, for its named resources only (`aws:SourceArn`):
 * an EventBridge rule may dead-letter its own events and nothing else's.
 */
export function deliveryPolicy(queueArn: string, service: string, sourceArn: string | string[]): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "DeadLetterFromSource", Effect: "Allow", Principal: { Service: service }, Action: ["sqs:SendMessage"], Resource: queueArn, Condition: { ArnEquals: { "aws:SourceArn": sourceArn } } }],
    };
}

const isList = (x: pulumi.Input<string> | ReadonlyArray<pulumi.Input<string>>): x is ReadonlyArray<pulumi.Input<string>> => Array.isArray(x);

export interface DeadLetterQueueArgs {
    /** What fails into this queue, for the alarm's description. Required. */
    readonly purpose: string;
    /** A service principal that delivers through the queue policy, and the resources it may deliver for. @default none: only IAM principals of this account (a Scheduler role, a redrive) */
    readonly sender?: { readonly service: string; readonly sourceArn: pulumi.Input<string> | ReadonlyArray<pulumi.Input<string>> };
    /** Where both alarms notify; the depth alarm also when the queue is drained. @default none: the alarms show in the console only */
    readonly alarmActions?: ReadonlyArray<pulumi.Input<string>>;
    /**
     * Whether to make the two alarms. Without an alert destination an alarm is seen in the console
     * only, and policy berth.alarm-actions refuses an alarm with no action. @default true
     */
    readonly alarms?: boolean;
    /** Tags for every child. @default none */
    readonly tags?: Tags;
    /** Overrides for the main children's args, applied just before each is created. @default none */
    readonly transform?: { readonly queue?: Transform<aws.sqs.QueueArgs>; readonly alarm?: Transform<aws.cloudwatch.MetricAlarmArgs>; readonly arrivalsAlarm?: Transform<aws.cloudwatch.MetricAlarmArgs> };
}

/**
 * Messages that arrive while the queue already holds some: 1 when the visible count rose from a
 * non-zero value, else 0. The depth alarm stays in ALARM until the queue is drained, so without this
 * a second failure on top of an unhandled first would send nothing. The first arrival into an empty
 * queue is the depth alarm's (its previous value is 0), so it sends one email, not two. SQS's
 * NumberOfMessagesSent would not do: messages SQS moves to a DLQ by redrive are not counted in it
 * (SQS developer guide, "Available CloudWatch metrics for Amazon SQS"). Functions: CloudWatch user
 * guide, "Using math expressions with CloudWatch metrics" (DIFF, IF).
 */
export const ARRIVALS_EXPRESSION = "IF(DIFF(visible) > 0 AND visible - DIFF(visible) > 0, 1, 0)";

/**
 * An encrypted SQS dead-letter queue that keeps failures 14 days, and two alarms: one as soon as the
 * first failure arrives (and again, with OK, once the queue is drained), and one for each further
 * arrival while it is not: a failure nobody sees is a failure twice.
 */
export class DeadLetterQueue extends pulumi.ComponentResource {
    readonly queueArn: pulumi.Output<string>;
    readonly queueUrl: pulumi.Output<string>;
    readonly queueName: pulumi.Output<string>;
    /** The depth alarm's ARN; undefined with `alarms: false`. */
    readonly alarmArn: pulumi.Output<string> | undefined;

    constructor(name: string, args: DeadLetterQueueArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:events:DeadLetterQueue", name, {}, opts);
        const queue = new aws.sqs.Queue(`${name}-queue`, applyTransform<aws.sqs.QueueArgs>({ sqsManagedSseEnabled: true, messageRetentionSeconds: DLQ_RETENTION_SECONDS, tags: { ...args.tags } }, args.transform?.queue), { parent: this });
        const sender = args.sender;
        if (sender) {
            const named = sender.sourceArn;
            const sources: pulumi.Output<string | string[]> = isList(named) ? pulumi.all([...named]) : pulumi.output(named);
            new aws.sqs.QueuePolicy(`${name}-policy`, { queueUrl: queue.url, policy: pulumi.all([queue.arn, sources]).apply(([arn, source]) => JSON.stringify(deliveryPolicy(arn, sender.service, source))) }, { parent: this });
        }
        this.queueArn = queue.arn;
        this.queueUrl = queue.url;
        this.queueName = queue.name;
        this.alarmArn = args.alarms === false ? undefined : this.alarms(name, queue, args);
        this.registerOutputs({ queueArn: this.queueArn, queueUrl: this.queueUrl, queueName: this.queueName, alarmArn: this.alarmArn });
    }

    /** The depth alarm and the arrivals alarm; the depth alarm's ARN. */
    private alarms(name: string, queue: aws.sqs.Queue, args: DeadLetterQueueArgs): pulumi.Output<string> {
        const alarm = new aws.cloudwatch.MetricAlarm(
            `${name}-alarm`,
            applyTransform<aws.cloudwatch.MetricAlarmArgs>(
                {
                    alarmDescription: `Messages in the dead-letter queue of ${args.purpose}: inspect them, fix the cause, then redrive`,
                    namespace: "AWS/SQS",
                    metricName: "ApproximateNumberOfMessagesVisible",
                    dimensions: { QueueName: queue.name },
                    statistic: "Maximum",
                    period: 60,
                    evaluationPeriods: 1,
                    threshold: 0,
                    comparisonOperator: "GreaterThanThreshold",
                    // SQS stops publishing metrics for a queue that stays empty; silence means no failures.
                    treatMissingData: "notBreaching",
                    alarmActions: [...(args.alarmActions ?? [])],
                    // "Drained": the next failure will notify again.
                    okActions: [...(args.alarmActions ?? [])],
                    tags: { ...args.tags },
                },
                args.transform?.alarm,
            ),
            { parent: this },
        );
        new aws.cloudwatch.MetricAlarm(
            `${name}-arrivals-alarm`,
            applyTransform<aws.cloudwatch.MetricAlarmArgs>(
                {
                    alarmDescription: `More failures arrived in the dead-letter queue of ${args.purpose} while earlier ones wait there`,
                    metricQueries: [
                        { id: "visible", metric: { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: queue.name }, stat: "Maximum", period: 60 }, returnData: false },
                        { id: "arrivals", expression: ARRIVALS_EXPRESSION, label: "New dead letters on top of waiting ones", returnData: true },
                    ],
                    evaluationPeriods: 1,
                    threshold: 0,
                    comparisonOperator: "GreaterThanThreshold",
                    treatMissingData: "notBreaching",
                    // No OK action: it returns to OK a minute after each arrival, ready for the next.
                    alarmActions: [...(args.alarmActions ?? [])],
                    tags: { ...args.tags },
                },
                args.transform?.arrivalsAlarm,
            ),
            { parent: this },
        );
        return alarm.arn;
    }
}
