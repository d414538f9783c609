import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { DeadLetterQueue } from "../events/DeadLetterQueue";
import { PolicyDocument } from "../iam/policies";

/**
 * Notices are useful for minutes: a Spot warning comes two minutes ahead, a lifecycle hook waits
 * five. Older ones describe nodes already gone, so the queue drops them (300 s, as the AWS Node
 * Termination Handler and Karpenter guides both set it).
 */
export const NOTICE_RETENTION_SECONDS = 300;

/**
 * Receives of one notice before SQS moves it to the dead-letter queue: a notice the handler took this
 * often without deleting it is one it cannot act on (SQS developer guide, "Using dead-letter queues":
 * maxReceiveCount).
 */
export const NOTICE_MAX_RECEIVES = 5;

/** The EventBridge patterns of the notices a node handler acts on, by rule role. */
export type NoticePatterns = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/**
 * The queue policy: EventBridge may send only what these rules forward (`aws:SourceArn`), and
 * nothing reaches the queue without TLS.
 */
export function noticeQueuePolicy(queueArn: string, ruleArns: ReadonlyArray<string>): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "NoticesFromRules", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: ["sqs:SendMessage"], Resource: queueArn, Condition: { ArnEquals: { "aws:SourceArn": [...ruleArns] } } },
            { Sid: "DenyWithoutTls", Effect: "Deny", Principal: { AWS: "*" }, Action: "sqs:*", Resource: queueArn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
    };
}

export interface InterruptionQueueArgs {
    /** EventBridge patterns by role: one rule each, forwarding to the queue. Required. */
    readonly patterns: Readonly<Record<string, pulumi.Input<Readonly<Record<string, unknown>>>>>;
    readonly tags?: Tags;
    readonly transform?: { readonly queue?: Transform<aws.sqs.QueueArgs> };
}

/**
 * An encrypted SQS queue of EC2 notices (terminations, interruptions, scheduled maintenance) fed by
 * EventBridge rules, for a handler in the cluster that drains the nodes they concern.
 */
export class InterruptionQueue extends pulumi.ComponentResource {
    readonly queueArn: pulumi.Output<string>;
    readonly queueUrl: pulumi.Output<string>;
    readonly queueName: pulumi.Output<string>;

    constructor(name: string, args: InterruptionQueueArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:eks:InterruptionQueue", name, {}, opts);
        // Rules first: the dead-letter queue admits only what they forward.
        const rules = Object.entries(args.patterns).map(([role, pattern]) => ({
            role,
            rule: new aws.cloudwatch.EventRule(`${name}-${role}`, { description: `${role} notices for ${name}`, eventPattern: pulumi.output(pattern).apply((p) => JSON.stringify(p)), tags: { ...args.tags } }, { parent: this }),
        }));
        // Notices EventBridge could not deliver, and notices the handler kept failing on, wait here 14
        // days (policy berth.dead-letter). No alarms: the cluster has no alert destination, and an
        // alarm without an action is refused (policy berth.alarm-actions).
        const dlq = new DeadLetterQueue(`${name}-dlq`, { purpose: `the notices of ${name}`, sender: { service: "events.amazonaws.com", sourceArn: rules.map((r) => r.rule.arn) }, alarms: false, tags: args.tags }, { parent: this });
        const queue = new aws.sqs.Queue(
            `${name}-queue`,
            applyTransform<aws.sqs.QueueArgs>(
                {
                    sqsManagedSseEnabled: true,
                    messageRetentionSeconds: NOTICE_RETENTION_SECONDS,
                    redrivePolicy: dlq.queueArn.apply((deadLetterTargetArn) => JSON.stringify({ deadLetterTargetArn, maxReceiveCount: NOTICE_MAX_RECEIVES })),
                    tags: { ...args.tags },
                },
                args.transform?.queue,
            ),
            { parent: this },
        );
        for (const { role, rule } of rules) new aws.cloudwatch.EventTarget(`${name}-${role}-target`, { rule: rule.name, arn: queue.arn, deadLetterConfig: { arn: dlq.queueArn } }, { parent: this });
        new aws.sqs.QueuePolicy(`${name}-policy`, { queueUrl: queue.url, policy: pulumi.all([queue.arn, ...rules.map((r) => r.rule.arn)]).apply(([arn, ...ruleArns]) => JSON.stringify(noticeQueuePolicy(arn, ruleArns))) }, { parent: this });
        this.queueArn = queue.arn;
        this.queueUrl = queue.url;
        this.queueName = queue.name;
        this.registerOutputs({ queueArn: this.queueArn, queueUrl: this.queueUrl, queueName: this.queueName });
    }
}
