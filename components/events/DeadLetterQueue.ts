import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { PolicyDocument } from "../iam/policies";

/** SQS keeps messages at most 14 days: the longest time to look at a failure and redrive it. */
export const DLQ_RETENTION_SECONDS = 14 * 86400;

/**
 * The queue policy letting one AWS service deliver here, for one resource only (`aws:SourceArn`): an
 * EventBridge rule may dead-letter its own events and nothing else's.
 */
export function deliveryPolicy(queueArn: string, service: string, sourceArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "DeadLetterFromSource", Effect: "Allow", Principal: { Service: service }, Action: ["sqs:SendMessage"], Resource: queueArn, Condition: { ArnEquals: { "aws:SourceArn": sourceArn } } }],
    };
}

export interface DeadLetterQueueArgs {
    /** What fails into this queue, for the alarm's description. Required. */
    readonly purpose: string;
    /** A service principal that delivers through the queue policy, and the one resource it may deliver for. @default none: only IAM principals of this account (a Scheduler role, a redrive) */
    readonly sender?: { readonly service: string; readonly sourceArn: pulumi.Input<string> };
    /** Where the depth alarm notifies. @default none: the alarm shows in the console only */
    readonly alarmActions?: ReadonlyArray<pulumi.Input<string>>;
    /** Tags for every child. @default none */
    readonly tags?: Tags;
    /** Overrides for the main children's args, applied just before each is created. @default none */
    readonly transform?: { readonly queue?: Transform<aws.sqs.QueueArgs>; readonly alarm?: Transform<aws.cloudwatch.MetricAlarmArgs> };
}

/**
 * An encrypted SQS dead-letter queue that keeps failures 14 days, and an alarm as soon as one arrives:
 * a failure nobody sees is a failure twice.
 */
export class DeadLetterQueue extends pulumi.ComponentResource {
    readonly queueArn: pulumi.Output<string>;
    readonly queueUrl: pulumi.Output<string>;
    readonly queueName: pulumi.Output<string>;
    readonly alarmArn: pulumi.Output<string>;

    constructor(name: string, args: DeadLetterQueueArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:events:DeadLetterQueue", name, {}, opts);
        const queue = new aws.sqs.Queue(`${name}-queue`, applyTransform<aws.sqs.QueueArgs>({ sqsManagedSseEnabled: true, messageRetentionSeconds: DLQ_RETENTION_SECONDS, tags: { ...args.tags } }, args.transform?.queue), { parent: this });
        const sender = args.sender;
        if (sender) {
            new aws.sqs.QueuePolicy(`${name}-policy`, { queueUrl: queue.url, policy: pulumi.all([queue.arn, sender.sourceArn]).apply(([arn, source]) => JSON.stringify(deliveryPolicy(arn, sender.service, source))) }, { parent: this });
        }
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
                    tags: { ...args.tags },
                },
                args.transform?.alarm,
            ),
            { parent: this },
        );
        this.queueArn = queue.arn;
        this.queueUrl = queue.url;
        this.queueName = queue.name;
        this.alarmArn = alarm.arn;
        this.registerOutputs({ queueArn: this.queueArn, queueUrl: this.queueUrl, queueName: this.queueName, alarmArn: this.alarmArn });
    }
}
