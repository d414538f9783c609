import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { TrustScope } from "../iam/policies";
import { DeadLetterQueue } from "./DeadLetterQueue";
import { RetryArgs, retryPolicy, RunnableTask, runTaskParameters, runTaskStatements, starterRole } from "./targets";

/** EventBridge wildcard patterns treat `*` and `\` as special; validation already refuses `*` in keys. */
const escapeWildcard = (s: string) => s.replace(/\\/g, "\\\\");

/**
 * S3's Object Created events for one bucket, optionally only for keys under a prefix and/or ending in
 * a suffix. Both together need a wildcard: a list of conditions on one field would match either.
 * Source: EventBridge user guide, "Content filtering in event patterns" (prefix, suffix, wildcard).
 */
export function objectCreatedPattern(bucket: string, prefix?: string, suffix?: string) {
    const key = prefix && suffix ? [{ wildcard: `${escapeWildcard(prefix)}*${escapeWildcard(suffix)}` }] : prefix ? [{ prefix }] : suffix ? [{ suffix }] : undefined;
    return { source: ["aws.s3"], "detail-type": ["Object Created"], detail: { bucket: { name: [bucket] }, ...(key ? { object: { key } } : {}) } };
}

/**
 * The RunTask overrides EventBridge builds from each event: the bucket and key become environment
 * variables of the container. The variables are left unquoted, so EventBridge inserts them as JSON
 * strings. Source: EventBridge user guide, "Amazon EventBridge input transformation".
 */
export function objectInput(containerName: string, names: ObjectVariables) {
    const env = (name: string, variable: string) => `{"name":"${name}","value":<${variable}>}`;
    return {
        inputPaths: { bucket: "$.detail.bucket.name", key: "$.detail.object.key" },
        inputTemplate: `{"containerOverrides":[{"name":"${containerName}","environment":[${env(names.bucket, "bucket")},${env(names.key, "key")}]}]}`,
    };
}

/** Names of the environment variables that carry the bucket and key into the container. */
export interface ObjectVariables {
    readonly bucket: string;
    readonly key: string;
}

export interface ObjectProcessingArgs {
    /** The bucket whose new objects start the task; it must send its events to EventBridge. Required. */
    readonly bucketName: pulumi.Input<string>;
    /** Only keys under this prefix. @default every key */
    readonly prefix?: string;
    /** Only keys ending in this suffix. @default every key */
    readonly suffix?: string;
    /** The cluster the task runs on. Required. */
    readonly clusterArn: pulumi.Input<string>;
    /** The task to start, with its roles, capacity and network. Required. */
    readonly task: RunnableTask;
    /** The variables the bucket and key arrive in. Required. */
    readonly variables: ObjectVariables;
    /** Delivery retries before an event is dead-lettered. Required. */
    readonly retry: RetryArgs;
    /** This account and region's scope for EventBridge (Foundation.trust("events")); the role trusts only this rule. Required. */
    readonly trust: pulumi.Input<TrustScope>;
    /** Where the dead-letter alarm notifies. @default none */
    readonly alarmActions?: ReadonlyArray<pulumi.Input<string>>;
    /** Tags for every child that takes them. @default none */
    readonly tags?: Tags;
    /** Overrides for the main children's args, applied just before each is created. @default none */
    readonly transform?: { readonly rule?: Transform<aws.cloudwatch.EventRuleArgs>; readonly target?: Transform<aws.cloudwatch.EventTargetArgs>; readonly role?: Transform<aws.iam.RoleArgs> };
}

/**
 * Object processing: each object created in the bucket starts one run of the task through an
 * EventBridge rule, with the bucket and key as environment overrides. The rule's role may only run
 * that task definition on that cluster and pass its two roles; failed deliveries (5xx, throttling)
 * are retried, then dead-lettered to an alarmed queue. A RunTask that answers with `failures` (no
 * capacity) is a delivered event: StoppedTaskAlerts' RunTask rule is what reports it.
 */
export class ObjectProcessing extends pulumi.ComponentResource {
    readonly ruleArn: pulumi.Output<string>;
    readonly roleArn: pulumi.Output<string>;
    readonly deadLetterQueueUrl: pulumi.Output<string>;

    constructor(name: string, args: ObjectProcessingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:events:ObjectProcessing", name, {}, opts);
        const rule = new aws.cloudwatch.EventRule(
            `${name}-rule`,
            applyTransform<aws.cloudwatch.EventRuleArgs>(
                {
                    description: `New objects start task ${name}`,
                    eventPattern: pulumi.output(args.bucketName).apply((b) => JSON.stringify(objectCreatedPattern(b, args.prefix, args.suffix))),
                    tags: { ...args.tags },
                },
                args.transform?.rule,
            ),
            { parent: this },
        );
        const dlq = new DeadLetterQueue(`${name}-dlq`, { purpose: `the ${name} object rule`, sender: { service: "events.amazonaws.com", sourceArn: rule.arn }, alarmActions: args.alarmActions, tags: args.tags }, { parent: this });
        const t = args.task;
        const statements = runTaskStatements(t, args.clusterArn);
        const { role, policy } = starterRole(this, `${name}-events`, { service: "events.amazonaws.com", trust: args.trust, sourceArn: rule.arn, statements, tags: args.tags, transform: args.transform?.role });
        const run = runTaskParameters(t);
        new aws.cloudwatch.EventTarget(
            `${name}-target`,
            applyTransform<aws.cloudwatch.EventTargetArgs>(
                {
                    rule: rule.name,
                    arn: args.clusterArn,
                    roleArn: role.arn,
                    ecsTarget: { ...run.parameters, orderedPlacementStrategies: run.placementStrategies },
                    inputTransformer: objectInput(t.containerName, args.variables),
                    retryPolicy: retryPolicy(args.retry),
                    deadLetterConfig: { arn: dlq.queueArn },
                },
                args.transform?.target,
            ),
            // The first object may arrive as soon as the target exists; the role must already be allowed to run the task.
            { parent: this, dependsOn: [policy, ...(args.task.ready ?? [])] },
        );
        this.ruleArn = rule.arn;
        this.roleArn = role.arn;
        this.deadLetterQueueUrl = dlq.queueUrl;
        this.registerOutputs({ ruleArn: this.ruleArn, roleArn: this.roleArn, deadLetterQueueUrl: this.deadLetterQueueUrl });
    }
}
