import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { DeadLetterQueue } from "./DeadLetterQueue";

/** The source queue's redrive policy: after `maxReceiveCount` receives a message moves to the DLQ. */
export function redrivePolicy(deadLetterTargetArn: string, maxReceiveCount: number): string {
    return JSON.stringify({ deadLetterTargetArn, maxReceiveCount });
}

/**
 * Minutes the oldest message must stay too old before the age alarm fires: long enough for a burst to
 * scale out (60 s cooldown, a minute or so for a task to start), short enough to be heard within the
 * quarter hour.
 */
export const AGE_ALARM_MINUTES = 5;

/** The DLQ accepts redrives from this one queue only, so no other queue can fill it. */
export function redriveAllowPolicy(sourceQueueArn: string): string {
    return JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [sourceQueueArn] });
}

export interface WorkQueueArgs {
    /** Seconds a received message stays hidden; at least the processing time. Required. */
    readonly visibilityTimeoutSeconds: number;
    /** Receives before a message moves to the dead-letter queue. Required. */
    readonly maxReceiveCount: number;
    /** Days a message is kept; keep it below the DLQ's 14, as expiry counts from the first enqueue. @default 4 (SQS's default) */
    readonly retentionDays?: number;
    /** Seconds the oldest message may wait; older for AGE_ALARM_MINUTES straight and the age alarm fires. Required. */
    readonly maxMessageAgeSeconds: number;
    /** Where the dead-letter and age alarms notify. @default none */
    readonly alarmActions?: ReadonlyArray<pulumi.Input<string>>;
    /** Tags for every child. @default none */
    readonly tags?: Tags;
    /** Overrides for the queue's and the age alarm's args, applied just before each is created. @default none */
    readonly transform?: { readonly queue?: Transform<aws.sqs.QueueArgs>; readonly ageAlarm?: Transform<aws.cloudwatch.MetricAlarmArgs> };
}

/**
 * A queue for a worker service: encrypted (SSE-SQS), long polling (fewer empty, billed receives), and
 * a redrive to an alarmed dead-letter queue after `maxReceiveCount` receives, so a poison message
 * stops being retried and someone hears about it; and an alarm when the oldest message has waited too
 * long, so a stalled or outpaced worker is heard of before the messages expire.
 */
export class WorkQueue extends pulumi.ComponentResource {
    readonly queueArn: pulumi.Output<string>;
    readonly queueUrl: pulumi.Output<string>;
    readonly queueName: pulumi.Output<string>;
    readonly deadLetterQueueUrl: pulumi.Output<string>;
    readonly ageAlarmArn: pulumi.Output<string>;

    constructor(name: string, args: WorkQueueArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:events:WorkQueue", name, {}, opts);
        const dlq = new DeadLetterQueue(`${name}-dlq`, { purpose: `queue ${name}`, alarmActions: args.alarmActions, tags: args.tags }, { parent: this });
        const queue = new aws.sqs.Queue(
            `${name}-queue`,
            applyTransform<aws.sqs.QueueArgs>(
                {
                    sqsManagedSseEnabled: true,
                    visibilityTimeoutSeconds: args.visibilityTimeoutSeconds,
                    messageRetentionSeconds: (args.retentionDays ?? 4) * 86400,
                    receiveWaitTimeSeconds: 20,
                    redrivePolicy: dlq.queueArn.apply((arn) => redrivePolicy(arn, args.maxReceiveCount)),
                    tags: { ...args.tags },
                },
                args.transform?.queue,
            ),
            { parent: this },
        );
        new aws.sqs.RedriveAllowPolicy(`${name}-redrive-allow`, { queueUrl: dlq.queueUrl, redriveAllowPolicy: queue.arn.apply(redriveAllowPolicy) }, { parent: this });
        const ageAlarm = new aws.cloudwatch.MetricAlarm(
            `${name}-age-alarm`,
            applyTransform<aws.cloudwatch.MetricAlarmArgs>(
                {
                    alarmDescription: `The oldest message in queue ${name} has waited more than ${args.maxMessageAgeSeconds} s for ${AGE_ALARM_MINUTES} minutes: the workers are stopped, failing or outpaced`,
                    namespace: "AWS/SQS",
                    metricName: "ApproximateAgeOfOldestMessage",
                    dimensions: { QueueName: queue.name },
                    statistic: "Maximum",
                    period: 60,
                    evaluationPeriods: AGE_ALARM_MINUTES,
                    threshold: args.maxMessageAgeSeconds,
                    comparisonOperator: "GreaterThanThreshold",
                    // SQS stops publishing metrics for a queue that stays empty; silence means nothing waits.
                    treatMissingData: "notBreaching",
                    alarmActions: [...(args.alarmActions ?? [])],
                    tags: { ...args.tags },
                },
                args.transform?.ageAlarm,
            ),
            { parent: this },
        );
        this.queueArn = queue.arn;
        this.queueUrl = queue.url;
        this.queueName = queue.name;
        this.deadLetterQueueUrl = dlq.queueUrl;
        this.ageAlarmArn = ageAlarm.arn;
        this.registerOutputs({ queueArn: this.queueArn, queueUrl: this.queueUrl, queueName: this.queueName, deadLetterQueueUrl: this.deadLetterQueueUrl, ageAlarmArn: this.ageAlarmArn });
    }
}
