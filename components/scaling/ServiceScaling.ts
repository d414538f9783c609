import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";

export interface StepPolicyArgs {
    /** Local name; children are `<service>-<name>` and `<service>-<name>-alarm`. Required. */
    readonly name: string;
    /** The CloudWatch metric the alarm watches; dimension values may be placeholders such as "$service". Required. */
    readonly metric: { readonly namespace: string; readonly name: string; readonly dimensions: Readonly<Record<string, string>>; readonly statistic: string; readonly period: number };
    /** Alarm threshold, in the metric's unit. Required. */
    readonly threshold: number;
    /** CloudWatch comparison operator, e.g. "GreaterThanOrEqualToThreshold". Required. */
    readonly comparison: string;
    /** Periods the metric must breach before the alarm fires. Required. */
    readonly evaluationPeriods: number;
    /** "ChangeInCapacity", "PercentChangeInCapacity" or "ExactCapacity". Required. */
    readonly adjustmentType: string;
    /** Seconds before the policy acts again. Required. */
    readonly cooldown: number;
    /** Adjustments by metric interval, bounds relative to the threshold. Required. */
    readonly steps: ReadonlyArray<{ readonly lower?: number; readonly upper?: number; readonly adjustment: number }>;
}

export interface ScheduleArgs {
    /** Local name; the child is `<service>-<name>`. Required. */
    readonly name: string;
    /** cron(...), at(...) or rate(...). Required. */
    readonly schedule: string;
    /** IANA time zone. Required. */
    readonly timezone: string;
    /** New minimum task count. @default unchanged */
    readonly min?: number;
    /** New maximum task count. @default unchanged */
    readonly max?: number;
}

export interface ServiceScalingArgs {
    /** Cluster of the scaled service. Required. */
    readonly clusterName: pulumi.Input<string>;
    /** The scaled service. Required. */
    readonly serviceName: pulumi.Input<string>;
    /** Fewest tasks auto scaling leaves running. Required. */
    readonly min: number;
    /** Most tasks auto scaling starts. Required. */
    readonly max: number;
    /** Target average CPU %. @default none */
    readonly cpu?: number;
    /** Target average memory %. @default none */
    readonly memory?: number;
    /** Target ALB requests per target, with the ALB and target group ARN suffixes it is measured on. @default none */
    readonly requests?: { readonly target: number; readonly loadBalancerArnSuffix: pulumi.Input<string>; readonly targetGroupArnSuffix: pulumi.Input<string> };
    /** Seconds target tracking waits after a scale-in before the next. @default 300: scale in slowly */
    readonly scaleInCooldown?: number;
    /** Seconds target tracking waits after a scale-out before the next. @default 60: scale out fast */
    readonly scaleOutCooldown?: number;
    /** Target tracking on an SQS queue's backlog per task (visible messages / running tasks), held at `target`. @default none */
    readonly backlog?: { readonly queueName: pulumi.Input<string>; readonly target: number };
    /** Step policies, each driven by its own CloudWatch alarm. @default none */
    readonly steps?: ReadonlyArray<StepPolicyArgs>;
    /**
     * Values for placeholders in step metrics' dimensions, so an alarm can watch resources whose
     * names are only known after deploy: `$cluster`, `$service`, and for ALB services `$loadBalancer`
     * and `$targetGroup` (ARN suffixes, as CloudWatch's ELB dimensions expect). @default cluster and service only
     */
    readonly placeholders?: Readonly<Record<string, pulumi.Input<string>>>;
    /** Scheduled capacity changes. @default none */
    readonly schedules?: ReadonlyArray<ScheduleArgs>;
    /** Tags for every child that takes them. @default none */
    readonly tags?: Tags;
    /** Overrides for the main children's args, applied just before each is created. @default none */
    readonly transform?: {
        readonly target?: Transform<aws.appautoscaling.TargetArgs>;
        /** Applied to every scaling policy, target tracking and step alike. */
        readonly policy?: Transform<aws.appautoscaling.PolicyArgs>;
    };
}

/** What every policy and scheduled action names: the service's scalable target. */
type Scalable = { serviceNamespace: pulumi.Output<string>; scalableDimension: pulumi.Output<string>; resourceId: pulumi.Output<string> };

export const DIMENSION_PLACEHOLDERS = ["$cluster", "$service", "$loadBalancer", "$targetGroup"] as const;

/** Replaces placeholder dimension values (e.g. "$loadBalancer") with the given values. */
export function fillDimensions(dimensions: Readonly<Record<string, string>>, values: Readonly<Record<string, string>>): Record<string, string> {
    return Object.fromEntries(Object.entries(dimensions).map(([k, v]) => [k, Object.hasOwn(values, v) ? values[v] : v]));
}

/**
 * Backlog per task as CloudWatch metric math, with no Lambda publishing a custom metric: the queue's
 * visible messages divided by the service's running tasks (Container Insights). Source: Application
 * Auto Scaling user guide, "Create a target tracking scaling policy using metric math".
 */
export function backlogMetrics(queueName: string, clusterName: string, serviceName: string) {
    return [
        {
            id: "visible",
            label: "Messages waiting in the queue",
            metricStat: { metric: { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: [{ name: "QueueName", value: queueName }] }, stat: "Sum" },
            returnData: false,
        },
        {
            id: "tasks",
            label: "Running tasks of the service",
            metricStat: {
                metric: {
                    namespace: "ECS/ContainerInsights",
                    metricName: "RunningTaskCount",
                    dimensions: [
                        { name: "ClusterName", value: clusterName },
                        { name: "ServiceName", value: serviceName },
                    ],
                },
                stat: "Average",
            },
            returnData: false,
        },
        { id: "backlog", label: "Backlog per task", expression: "visible / tasks", returnData: true },
    ];
}

/** The resource label ALBRequestCountPerTarget is measured on: `app/<lb>/<id>/targetgroup/<tg>/<id>`. */
export function albResourceLabel(loadBalancerArnSuffix: string, targetGroupArnSuffix: string): string {
    return `${loadBalancerArnSuffix}/${targetGroupArnSuffix}`;
}

/**
 * Application Auto Scaling for one ECS service: target tracking on CPU, memory, ALB requests and SQS backlog per task,
 * step policies driven by CloudWatch alarms, and scheduled capacity changes.
 */
export class ServiceScaling extends pulumi.ComponentResource {
    readonly resourceId: pulumi.Output<string>;

    constructor(name: string, args: ServiceScalingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:scaling:ServiceScaling", name, {}, opts);
        const resourceId = pulumi.interpolate`service/${args.clusterName}/${args.serviceName}`;
        const target = new aws.appautoscaling.Target(
            `${name}-target`,
            applyTransform<aws.appautoscaling.TargetArgs>({ serviceNamespace: "ecs", scalableDimension: "ecs:service:DesiredCount", resourceId, minCapacity: args.min, maxCapacity: args.max, tags: { ...args.tags } }, args.transform?.target),
            { parent: this },
        );
        const scalable: Scalable = { serviceNamespace: target.serviceNamespace, scalableDimension: target.scalableDimension, resourceId: target.resourceId };
        this.trackingPolicies(name, args, scalable);
        for (const step of args.steps ?? []) this.stepPolicy(name, step, args, scalable);
        for (const s of args.schedules ?? []) this.scheduledAction(name, s, scalable);
        this.resourceId = target.resourceId;
        this.registerOutputs({ resourceId: this.resourceId });
    }

    /** A target tracking policy per configured target: CPU, memory, then ALB requests. */
    private trackingPolicies(name: string, args: ServiceScalingArgs, scalable: Scalable): void {
        const cooldowns = { scaleInCooldown: args.scaleInCooldown ?? 300, scaleOutCooldown: args.scaleOutCooldown ?? 60 };
        const tracking = (role: string, targetValue: number, predefinedMetricType: string, resourceLabel?: pulumi.Input<string>) =>
            new aws.appautoscaling.Policy(
                `${name}-${role}`,
                applyTransform<aws.appautoscaling.PolicyArgs>(
                    {
                        ...scalable,
                        policyType: "TargetTrackingScaling",
                        targetTrackingScalingPolicyConfiguration: { targetValue, ...cooldowns, predefinedMetricSpecification: { predefinedMetricType, resourceLabel } },
                    },
                    args.transform?.policy,
                ),
                { parent: this },
            );
        if (args.cpu !== undefined) tracking("cpu", args.cpu, "ECSServiceAverageCPUUtilization");
        if (args.memory !== undefined) tracking("memory", args.memory, "ECSServiceAverageMemoryUtilization");
        if (args.requests) {
            const label = pulumi.all([args.requests.loadBalancerArnSuffix, args.requests.targetGroupArnSuffix]).apply(([lb, tg]) => albResourceLabel(lb, tg));
            tracking("requests", args.requests.target, "ALBRequestCountPerTarget", label);
        }
        if (args.backlog) {
            const metrics = pulumi.all([args.backlog.queueName, args.clusterName, args.serviceName]).apply(([q, c, s]) => backlogMetrics(q, c, s));
            new aws.appautoscaling.Policy(
                `${name}-backlog`,
                applyTransform<aws.appautoscaling.PolicyArgs>(
                    { ...scalable, policyType: "TargetTrackingScaling", targetTrackingScalingPolicyConfiguration: { targetValue: args.backlog.target, ...cooldowns, customizedMetricSpecification: { metrics } } },
                    args.transform?.policy,
                ),
                { parent: this },
            );
        }
    }

    /** A step scaling policy and the CloudWatch alarm that triggers it. */
    private stepPolicy(name: string, step: StepPolicyArgs, args: ServiceScalingArgs, scalable: Scalable): void {
        const policy = new aws.appautoscaling.Policy(
            `${name}-${step.name}`,
            applyTransform<aws.appautoscaling.PolicyArgs>(
                {
                    ...scalable,
                    policyType: "StepScaling",
                    stepScalingPolicyConfiguration: {
                        adjustmentType: step.adjustmentType,
                        cooldown: step.cooldown,
                        metricAggregationType: step.metric.statistic === "Minimum" || step.metric.statistic === "Maximum" ? step.metric.statistic : "Average",
                        stepAdjustments: step.steps.map((s) => ({ metricIntervalLowerBound: s.lower?.toString(), metricIntervalUpperBound: s.upper?.toString(), scalingAdjustment: s.adjustment })),
                    },
                },
                args.transform?.policy,
            ),
            { parent: this },
        );
        const placeholders = { $cluster: args.clusterName, $service: args.serviceName, ...args.placeholders };
        new aws.cloudwatch.MetricAlarm(
            `${name}-${step.name}-alarm`,
            {
                namespace: step.metric.namespace,
                metricName: step.metric.name,
                dimensions: pulumi.output(placeholders).apply((values) => fillDimensions(step.metric.dimensions, values)),
                statistic: step.metric.statistic,
                period: step.metric.period,
                evaluationPeriods: step.evaluationPeriods,
                threshold: step.threshold,
                comparisonOperator: step.comparison,
                alarmActions: [policy.arn],
                alarmDescription: `Step scaling ${step.name} of ${name}`,
                tags: { ...args.tags },
            },
            { parent: this },
        );
    }

    /** A scheduled change of the task count bounds. */
    private scheduledAction(name: string, s: ScheduleArgs, scalable: Scalable): void {
        new aws.appautoscaling.ScheduledAction(`${name}-${s.name}`, { ...scalable, schedule: s.schedule, timezone: s.timezone, scalableTargetAction: { minCapacity: s.min, maxCapacity: s.max } }, { parent: this });
    }
}
