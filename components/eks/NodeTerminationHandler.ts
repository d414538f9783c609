import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { PolicyDocument } from "../iam/policies";
import { chartRelease, CHARTS } from "./charts";
import { InterruptionQueue, NoticePatterns } from "./InterruptionQueue";
import { ClusterScope } from "./trust";
import { WorkloadIdentity } from "./WorkloadIdentity";

type ReleaseArgs = k8s.helm.v3.ReleaseArgs;

export const NTH_NAMESPACE = "kube-system";
export const NTH_SERVICE_ACCOUNT = "aws-node-termination-handler";

/**
 * The tag the handler requires on an instance before it drains it (chart value `managedTag`, with
 * `checkTagBeforeDraining` on, its default): the EC2 notices are account-wide, and only this
 * cluster's self-managed nodes carry it.
 */
export const NTH_MANAGED_TAG = "aws-node-termination-handler/managed";

/** How long a terminating instance waits for its drain before the group goes on anyway (the hook's heartbeat, seconds). */
export const DRAIN_TIMEOUT_SECONDS = 300;

/**
 * The notices the handler acts on in queue mode (aws/aws-node-termination-handler, README, "Queue
 * Processor"): its groups' termination lifecycle actions, instances stopping or terminating, and
 * scheduled EC2 maintenance. Self-managed groups run on demand, so there are no Spot notices.
 */
export function terminationNotices(groupNames: ReadonlyArray<string>): NoticePatterns {
    return {
        "asg-termination": { source: ["aws.autoscaling"], "detail-type": ["EC2 Instance-terminate Lifecycle Action"], detail: { AutoScalingGroupName: [...groupNames] } },
        "state-change": { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"], detail: { state: ["stopping", "stopped", "shutting-down", "terminated"] } },
        "scheduled-change": { source: ["aws.health"], "detail-type": ["AWS Health Event"], detail: { service: ["EC2"], eventTypeCategory: ["scheduledChange"] } },
    };
}

/**
 * What the handler calls: read and delete its notices, look up an instance's node and tags, and
 * release the lifecycle hook of its own groups once the node is drained. The describe calls take no
 * resource-level permissions (Service Authorization Reference, EC2 and EC2 Auto Scaling).
 */
export function terminationHandlerPolicy(queueArn: string, groupArns: ReadonlyArray<string>): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "Notices", Effect: "Allow", Action: ["sqs:DeleteMessage", "sqs:ReceiveMessage"], Resource: queueArn },
            { Sid: "Describe", Effect: "Allow", Action: ["autoscaling:DescribeAutoScalingInstances", "autoscaling:DescribeTags", "ec2:DescribeInstances"], Resource: "*" },
            { Sid: "ReleaseHook", Effect: "Allow", Action: ["autoscaling:CompleteLifecycleAction"], Resource: [...groupArns] },
        ],
    };
}

export interface NodeTerminationHandlerArgs {
    readonly cluster: pulumi.Input<ClusterScope>;
    readonly provider: k8s.Provider;
    /** The Auto Scaling groups whose instances are drained before termination. Required. */
    readonly groups: ReadonlyArray<{ readonly name: pulumi.Input<string>; readonly arn: pulumi.Input<string> }>;
    /** What the release waits for (nodes to run on, the Pod Identity agent). @default none */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
    readonly tags?: Tags;
    readonly transform?: { readonly release?: Transform<ReleaseArgs>; readonly hook?: Transform<aws.autoscaling.LifecycleHookArgs> };
}

/**
 * Drains self-managed nodes before EC2 takes them away: a termination lifecycle hook on each group
 * holds a terminating instance (an instance refresh after an AMI bump, a scale-in, a health
 * replacement) while the AWS Node Termination Handler, in queue mode, cordons and drains its node,
 * honouring PodDisruptionBudgets, then releases the hook. Managed node groups need none of this:
 * EKS drains them itself.
 */
export class NodeTerminationHandler extends pulumi.ComponentResource {
    readonly queueUrl: pulumi.Output<string>;
    readonly release: k8s.helm.v3.Release;

    constructor(name: string, args: NodeTerminationHandlerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:eks:NodeTerminationHandler", name, {}, opts);
        const names = pulumi.all(args.groups.map((g) => g.name));
        const roles = Object.keys(terminationNotices([]));
        const patterns = Object.fromEntries(roles.map((role) => [role, names.apply((n) => terminationNotices(n)[role])]));
        const queue = new InterruptionQueue(`${name}-notices`, { patterns, tags: args.tags }, { parent: this });
        args.groups.forEach(
            (g, i) =>
                new aws.autoscaling.LifecycleHook(
                    `${name}-drain-${i}`,
                    applyTransform<aws.autoscaling.LifecycleHookArgs>(
                        // CONTINUE: a handler that never answers delays a termination, never blocks it.
                        { autoscalingGroupName: g.name, lifecycleTransition: "autoscaling:EC2_INSTANCE_TERMINATING", heartbeatTimeout: DRAIN_TIMEOUT_SECONDS, defaultResult: "CONTINUE" },
                        args.transform?.hook,
                    ),
                    { parent: this },
                ),
        );
        const identity = new WorkloadIdentity(
            name,
            {
                cluster: args.cluster,
                namespace: NTH_NAMESPACE,
                serviceAccount: NTH_SERVICE_ACCOUNT,
                policy: pulumi.all([queue.queueArn, ...args.groups.map((g) => g.arn)]).apply(([q, ...arns]) => terminationHandlerPolicy(q, arns)),
                description: "AWS Node Termination Handler: drains self-managed nodes",
                dependsOn: args.dependsOn,
                tags: args.tags,
            },
            { parent: this },
        );
        this.release = new k8s.helm.v3.Release(
            `${name}-release`,
            applyTransform<ReleaseArgs>(
                chartRelease(CHARTS.nodeTerminationHandler, NTH_NAMESPACE, {
                    enableSqsTerminationDraining: true,
                    queueURL: queue.queueUrl,
                    // Named, not looked up from instance metadata: pods cannot reach IMDS (one hop).
                    awsRegion: pulumi.output(args.cluster).region,
                    checkTagBeforeDraining: true,
                    managedTag: NTH_MANAGED_TAG,
                    serviceAccount: { create: true, name: NTH_SERVICE_ACCOUNT },
                }),
                args.transform?.release,
            ),
            { parent: this, provider: args.provider, dependsOn: [identity, ...((args.dependsOn ?? []) as pulumi.Resource[])] },
        );
        this.queueUrl = queue.queueUrl;
        this.registerOutputs({ queueUrl: this.queueUrl });
    }
}
