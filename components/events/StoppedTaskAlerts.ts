import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { PolicyDocument } from "../iam/policies";
import { FAILURE_RULES, stoppedTaskInput } from "./alert-rules";
import { DeadLetterQueue } from "./DeadLetterQueue";
import { RetryArgs, retryPolicy } from "./targets";

const KEY_USE = ["kms:Decrypt", "kms:GenerateDataKey*"];

/** partition, region and account of an ARN such as the cluster's. */
function arnParts(arn: string) {
    const [, partition, , region, account] = arn.split(":");
    return { partition, region, account, alarms: `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` };
}

/**
 * ECS Task State Change events of this cluster's stopped tasks. "abnormal" keeps those where the
 * essential container exited non-zero on its own (`stopCode` EssentialContainerExited) or the task
 * never started (TaskFailedToStart: image pulls, secrets, ENIs). Stops ECS or a person asked for
 * (ServiceSchedulerInitiated for deployments and scale-in, UserInitiated, SpotInterruption,
 * TerminationNotice) stay quiet even when the container answers SIGTERM with exit code 137 or 143.
 * SpotInterruption loses nothing here: services replace their tasks, and event-started runs do not
 * use Fargate Spot (targets.ts). Tasks that fail their health checks also stop as
 * ServiceSchedulerInitiated; the crash loop they make is heard through the deployment and
 * start-impaired rules (alert-rules.ts). A missing exit code does not match `anything-but`. Source:
 * ECS developer guide, "Amazon ECS task state change events" (stopCode).
 */
export function stoppedTaskPattern(clusterArn: string, stops: "abnormal" | "all") {
    return {
        source: ["aws.ecs"],
        "detail-type": ["ECS Task State Change"],
        detail: {
            clusterArn: [clusterArn],
            lastStatus: ["STOPPED"],
            ...(stops === "abnormal" ? { $or: [{ stopCode: ["EssentialContainerExited"], containers: { exitCode: [{ "anything-but": 0 }] } }, { stopCode: ["TaskFailedToStart"] }] } : {}),
        },
    };
}

/**
 * What the account may do with the topic's key through IAM: the KMS developer guide's key administrator
 * and key user actions ("Default key policy", https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html),
 * listed instead of its `kms:*` so that no Allow berth writes names a whole service (policy IAM.no-wildcard-actions).
 * kms:Put* keeps PutKeyPolicy, so the key can never be locked beyond recovery.
 */
export const ACCOUNT_KEY_ACTIONS = [
    "kms:CancelKeyDeletion",
    "kms:Create*",
    "kms:Decrypt",
    "kms:Delete*",
    "kms:Describe*",
    "kms:Disable*",
    "kms:Enable*",
    "kms:Encrypt",
    "kms:GenerateDataKey*",
    "kms:Get*",
    "kms:List*",
    "kms:Put*",
    "kms:ReEncrypt*",
    "kms:Revoke*",
    "kms:RotateKeyOnDemand",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:Update*",
];

/**
 * The topic's key. The account administers it through IAM (ACCOUNT_KEY_ACTIONS: without that statement
 * a key can be locked beyond recovery). EventBridge may use it with no conditions: the SNS guide
 * states aws:SourceAccount and aws:SourceArn are not supported in a key policy for EventBridge to an
 * encrypted topic, and the topic policy carries the rule's ARN instead. CloudWatch alarms of this
 * account and region may use it too, so dead-letter alarms can publish.
 */
export function alertKeyPolicy(clusterArn: string): PolicyDocument {
    const { partition, account, alarms } = arnParts(clusterArn);
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: [...ACCOUNT_KEY_ACTIONS], Resource: "*" },
            { Sid: "EventBridgePublishes", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: KEY_USE, Resource: "*" },
            {
                Sid: "CloudWatchAlarmsPublish",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: KEY_USE,
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": alarms } },
            },
        ],
    };
}

/** Only these rules, and this account's alarms in this region, may publish. */
export function alertTopicPolicy(topicArn: string, ruleArns: string[], clusterArn: string): PolicyDocument {
    const { account, alarms } = arnParts(clusterArn);
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "AlertRulesPublish", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: ["sns:Publish"], Resource: topicArn, Condition: { ArnEquals: { "aws:SourceArn": ruleArns } } },
            {
                Sid: "CloudWatchAlarmsPublish",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: ["sns:Publish"],
                Resource: topicArn,
                Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": alarms } },
            },
        ],
    };
}

export interface StoppedTaskAlertsArgs {
    /** The cluster whose tasks are watched; its ARN also gives the account and region. Required. */
    readonly clusterArn: pulumi.Input<string>;
    /** Addresses subscribed to the topic. @default none */
    readonly emails?: ReadonlyArray<string>;
    /** "abnormal" (non-zero exit codes, failed starts) or "all". @default "abnormal" */
    readonly stops?: "abnormal" | "all";
    /** Delivery retries to the topic. Required. */
    readonly retry: RetryArgs;
    /** Days before a deleted key is gone. @default 7 (30 in prod) */
    readonly keyDeletionWindowDays?: number;
    /** Tags for every child. @default none */
    readonly tags?: Tags;
    /** Overrides for the main children's args, applied just before each is created. @default none */
    readonly transform?: { readonly rule?: Transform<aws.cloudwatch.EventRuleArgs>; readonly topic?: Transform<aws.sns.TopicArgs>; readonly key?: Transform<aws.kms.KeyArgs> };
}

/** What a subscription's output says until AWS reports it confirmed; AWS's link is valid for 3 days. */
export const PENDING_EMAIL = "pending: confirm from your inbox (the link in AWS's email is valid for 3 days)";

/**
 * Stopped-task alerts: EventBridge rules on this cluster's stopped tasks, RunTask calls that started
 * nothing, failed deployments and services that cannot start tasks each publish a readable line to an
 * SNS topic encrypted with its own KMS key, subscribed by email. Failed deliveries of all four go to
 * one dead-letter queue. Other alarms of the stack may publish to the same topic.
 */
export class StoppedTaskAlerts extends pulumi.ComponentResource {
    readonly topicArn: pulumi.Output<string>;
    readonly ruleArn: pulumi.Output<string>;
    readonly keyArn: pulumi.Output<string>;
    readonly deadLetterQueueUrl: pulumi.Output<string>;
    /** Per email address: "confirmed", or PENDING_EMAIL until the address confirms. */
    readonly emails: Record<string, pulumi.Output<string>>;

    constructor(name: string, args: StoppedTaskAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:events:StoppedTaskAlerts", name, {}, opts);
        const clusterArn = pulumi.output(args.clusterArn);
        const key = new aws.kms.Key(
            `${name}-key`,
            applyTransform<aws.kms.KeyArgs>(
                {
                    description: `Encrypts the ${name} topic`,
                    enableKeyRotation: true,
                    deletionWindowInDays: args.keyDeletionWindowDays ?? 7,
                    policy: clusterArn.apply((arn) => JSON.stringify(alertKeyPolicy(arn))),
                    tags: { ...args.tags },
                },
                args.transform?.key,
            ),
            { parent: this },
        );
        const topic = new aws.sns.Topic(`${name}-topic`, applyTransform<aws.sns.TopicArgs>({ kmsMasterKeyId: key.arn, tags: { ...args.tags } }, args.transform?.topic), { parent: this });
        const rule = new aws.cloudwatch.EventRule(
            `${name}-rule`,
            applyTransform<aws.cloudwatch.EventRuleArgs>(
                {
                    description: `${args.stops === "all" ? "Every" : "Abnormal"} stopped ECS task of this cluster`,
                    eventPattern: clusterArn.apply((arn) => JSON.stringify(stoppedTaskPattern(arn, args.stops ?? "abnormal"))),
                    tags: { ...args.tags },
                },
                args.transform?.rule,
            ),
            { parent: this },
        );
        const failures = Object.entries(FAILURE_RULES).map(([role, r]) => {
            const failureRule = new aws.cloudwatch.EventRule(`${name}-${role}-rule`, { description: r.description, eventPattern: clusterArn.apply((arn) => JSON.stringify(r.pattern(arn))), tags: { ...args.tags } }, { parent: this });
            return { role, rule: failureRule, input: clusterArn.apply((arn) => r.input(arn)) };
        });
        const ruleArns = [rule.arn, ...failures.map((f) => f.rule.arn)];
        new aws.sns.TopicPolicy(`${name}-topic-policy`, { arn: topic.arn, policy: pulumi.all([topic.arn, pulumi.all(ruleArns), clusterArn]).apply(([t, r, c]) => JSON.stringify(alertTopicPolicy(t, r, c))) }, { parent: this });
        const emails: Record<string, pulumi.Output<string>> = {};
        for (const email of args.emails ?? []) {
            const subscription = new aws.sns.TopicSubscription(`${name}-email-${email}`, { topic: topic.arn, protocol: "email", endpoint: email }, { parent: this });
            emails[email] = subscription.pendingConfirmation.apply((pending) => (pending === false ? "confirmed" : PENDING_EMAIL));
        }
        const dlq = new DeadLetterQueue(`${name}-dlq`, { purpose: `the ${name} rules`, sender: { service: "events.amazonaws.com", sourceArn: ruleArns }, alarmActions: [topic.arn], tags: args.tags }, { parent: this });
        const delivery = { arn: topic.arn, retryPolicy: retryPolicy(args.retry), deadLetterConfig: { arn: dlq.queueArn } };
        new aws.cloudwatch.EventTarget(`${name}-target`, { ...delivery, rule: rule.name, inputTransformer: clusterArn.apply(stoppedTaskInput) }, { parent: this });
        for (const f of failures) new aws.cloudwatch.EventTarget(`${name}-${f.role}-target`, { ...delivery, rule: f.rule.name, inputTransformer: f.input }, { parent: this });
        this.topicArn = topic.arn;
        this.ruleArn = rule.arn;
        this.keyArn = key.arn;
        this.deadLetterQueueUrl = dlq.queueUrl;
        this.emails = emails;
        this.registerOutputs({ topicArn: this.topicArn, ruleArn: this.ruleArn, keyArn: this.keyArn, deadLetterQueueUrl: this.deadLetterQueueUrl, emails: this.emails });
    }
}
