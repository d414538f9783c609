import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";

export interface StepPolicyArgs {
    readonly name: string;
    readonly metric: { readonly namespace: string; readonly name: string; readonly dimensions: Readonly<Record<string, string>>; readonly statistic: string; readonly period: number };
    readonly threshold: number;
    readonly comparison: string;
    readonly evaluationPeriods: number;
    readonly adjustmentType: string;
    readonly cooldown: number;
    readonly steps: ReadonlyArray<{ readonly lower?: number; readonly upper?: number; readonly adjustment: number }>;
}

export interface ScheduleArgs {
    readonly name: string;
    /** cron(...), at(...) or rate(...). */
    readonly schedule: string;
    /** IANA time zone. */
    readonly timezone: string;
    readonly min?: number;
    readonly max?: number;
}

export interface ServiceScalingArgs {
    readonly clusterName: pulumi.Input<string>;
    readonly serviceName: pulumi.Input<string>;
    readonly min: number;
    readonly max: number;
    /** Target average CPU %. @default none */
    readonly cpu?: number;
    /** Target average memory %. @default none */
    readonly memory?: number;
    /** Target ALB requests per target, with the ALB and target group ARN suffixes it is measured on. @default none */
    readonly requests?: { readonly target: number; readonly loadBalancerArnSuffix: pulumi.Input<string>; readonly targetGroupArnSuffix: pulumi.Input<string> };
    /** @default 300 */
    readonly scaleInCooldown?: number;
    /** @default 60 */
    readonly scaleOutCooldown?: number;
    readonly steps?: ReadonlyArray<StepPolicyArgs>;
    /**
     * Values for placeholders in step metrics' dimensions, so an alarm can watch resources whose
     * names are only known after deploy: `$cluster`, `$service`, and for ALB services `$loadBalancer`
     * and `$targetGroup` (ARN suffixes, as CloudWatch's ELB dimensions expect). @default cluster and service only
     */
    readonly placeholders?: Readonly<Record<string, pulumi.Input<string>>>;
    readonly schedules?: ReadonlyArray<ScheduleArgs>;
    readonly tags?: Tags;
    readonly transform?: { readonly target?: Transform<aws.appautoscaling.TargetArgs> };
}

export const DIMENSION_PLACEHOLDERS = ["$cluster", "$service", "$loadBalancer", "$targetGroup"] as const;

/** Replaces placeholder dimension values (e.g. "$loadBalancer") with the given values. */
export function fillDimensions(dimensions: Readonly<Record<string, string>>, values: Readonly<Record<string, string>>): Record<string, string> {
    return Object.fromEntries(Object.entries(dimensions).map(([k, v]) => [k, v.startsWith("$") && v in values ? values[v] : v]));
}

/** The resource label ALBRequestCountPerTarget is measured on: `app/<lb>/<id>/targetgroup/<tg>/<id>`. */
export function albResourceLabel(loadBalancerArnSuffix: string, targetGroupArnSuffix: string): string {
    return `${loadBalancerArnSuffix}/${targetGroupArnSuffix}`;
}

/**
 * Application Auto Scaling for one ECS service: target tracking on CPU, memory and ALB requests,
 * step policies driven by CloudWatch alarms, and scheduled capacity changes.
 */
export class ServiceScaling extends pulumi.ComponentResource {
    readonly resourceId: pulumi.Output<string>;

    constructor(name: string, args: ServiceScalingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:scaling:ServiceScaling", name, {}, opts);
        const resourceId = pulumi.interpolate`service/${args.clusterName}/${args.serviceName}`;
        const target = new aws.appautoscaling.Target(
            `${name}-target`,
            applyTransform<aws.appautoscaling.TargetArgs>(
                { serviceNamespace: "ecs", scalableDimension: "ecs:service:DesiredCount", resourceId, minCapacity: args.min, maxCapacity: args.max, tags: { ...args.tags } },
                args.transform?.target,
            ),
            { parent: this },
        );
        const scalable = { serviceNamespace: target.serviceNamespace, scalableDimension: target.scalableDimension, resourceId: target.resourceId };
        const placeholders = { $cluster: args.clusterName, $service: args.serviceName, ...args.placeholders };
        const cooldowns = { scaleInCooldown: args.scaleInCooldown ?? 300, scaleOutCooldown: args.scaleOutCooldown ?? 60 };

        const tracking = (role: string, targetValue: number, predefinedMetricType: string, resourceLabel?: pulumi.Input<string>) =>
            new aws.appautoscaling.Policy(
                `${name}-${role}`,
                {
                    ...scalable,
                    policyType: "TargetTrackingScaling",
                    targetTrackingScalingPolicyConfiguration: { targetValue, ...cooldowns, predefinedMetricSpecification: { predefinedMetricType, resourceLabel } },
                },
                { parent: this },
            );
        if (args.cpu !== undefined) tracking("cpu", args.cpu, "ECSServiceAverageCPUUtilization");
        if (args.memory !== undefined) tracking("memory", args.memory, "ECSServiceAverageMemoryUtilization");
        if (args.requests) {
            const label = pulumi.all([args.requests.loadBalancerArnSuffix, args.requests.targetGroupArnSuffix]).apply(([lb, tg]) => albResourceLabel(lb, tg));
            tracking("requests", args.requests.target, "ALBRequestCountPerTarget", label);
        }

        for (const step of args.steps ?? []) {
            const policy = new aws.appautoscaling.Policy(
                `${name}-${step.name}`,
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
                { parent: this },
            );
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

        for (const s of args.schedules ?? []) {
            new aws.appautoscaling.ScheduledAction(
                `${name}-${s.name}`,
                { ...scalable, schedule: s.schedule, timezone: s.timezone, scalableTargetAction: { minCapacity: s.min, maxCapacity: s.max } },
                { parent: this },
            );
        }
        this.resourceId = target.resourceId;
        this.registerOutputs({ resourceId: this.resourceId });
    }
}
