import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { DeadLetterQueue } from "./DeadLetterQueue";

/** The source queue's redrive policy: after `maxReceiveCount` receives a message moves to the DLQ. */
export function redrivePolicy(deadLetterTargetArn: string, maxReceiveCount: number): string {
    return JSON.stringify({ deadLetterTargetArn, maxReceiveCount });
}

/** The DLQ accepts redrives from this one queue only, so no other queue can fill it. */
export function redriveAllowPolicy(sourceQueueArn: string): string {
    return JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [sourceQueueArn] });
}

export interface WorkQueueArgs {
    /** Seconds a received message stays hidden; at least the processing time. Required. */
    readonly visibilityTimeoutSeconds: number;
    /** Receives before a message moves to the dead-letter queue. Required. */
    readonly maxReceiveCount: number;
    /** Days a message is kept. @default 4 (SQS's default) */
    readonly retentionDays?: number;
    /** Where the dead-letter alarm notifies. @default none */
    readonly alarmActions?: ReadonlyArray<pulumi.Input<string>>;
    /** Tags for every child. @default none */
    readonly tags?: Tags;
    /** Overrides for the queue's args, applied just before it is created. @default none */
    readonly transform?: { readonly queue?: Transform<aws.sqs.QueueArgs> };
}

/**
 * A queue for a worker service: encrypted (SSE-SQS), long polling (fewer empty, billed receives), and
 * a redrive to an alarmed dead-letter queue after `maxReceiveCount` receives, so a poison message
 * stops being retried and someone hears about it.
 */
export class WorkQueue extends pulumi.ComponentResource {
    readonly queueArn: pulumi.Output<string>;
    readonly queueUrl: pulumi.Output<string>;
    readonly queueName: pulumi.Output<string>;
    readonly deadLetterQueueUrl: pulumi.Output<string>;

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
        this.queueArn = queue.arn;
        this.queueUrl = queue.url;
        this.queueName = queue.name;
        this.deadLetterQueueUrl = dlq.queueUrl;
        this.registerOutputs({ queueArn: this.queueArn, queueUrl: this.queueUrl, queueName: this.queueName, deadLetterQueueUrl: this.deadLetterQueueUrl });
    }
}
