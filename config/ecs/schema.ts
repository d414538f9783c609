// Config for the rest of ECS: capacity, service auto scaling, EFS storage, task-role grants.
import { z } from "zod";
import { bucketRef, keyPrefix, localName, queueArn, tableArn } from "../formats";
import { lustreSchema, ontapSchema } from "../fsx";

/** FARGATE / FARGATE_SPOT mix. Defaults per environment: dev is mostly spot, prod all on-demand. */
export const fargateCapacitySchema = z.strictObject({
    /** Tasks always on on-demand FARGATE before weights apply. */
    onDemandBase: z.number().int().min(0).max(100000).optional(),
    onDemandWeight: z.number().int().min(0).max(1000).optional(),
    spotWeight: z.number().int().min(0).max(1000).optional(),
});

export const ec2CapacitySchema = z.strictObject({
    /** Instance types; several give spot more pools to draw from. @default ["t3.medium"], or ["t4g.medium"] with architecture arm64 */
    instanceTypes: z
        .array(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { message: "an EC2 instance type such as t3.medium" }))
        .min(1)
        .optional(),
    /** @default "x86_64"; must match the instance types. */
    architecture: z.enum(["x86_64", "arm64"]).default("x86_64"),
    /** @default 1 (2 in prod, one per AZ at least) */
    minSize: z.number().int().min(0).max(1000).optional(),
    /** @default 5 */
    maxSize: z.number().int().min(1).max(1000).default(5),
    /** How the group scales: capacity-provider (ECS adds instances when tasks don't fit) or cpu (the group tracks its average CPU). @default "capacity-provider" */
    scaling: z.enum(["capacity-provider", "cpu"]).default("capacity-provider"),
    /** Managed scaling target (scaling capacity-provider): how full ECS keeps the instances, in percent. @default 100 */
    targetCapacity: z.number().int().min(1).max(100).optional(),
    /** Average CPU the group aims at (scaling cpu), in percent. @default 60 */
    cpuTarget: z.number().int().min(10).max(90).optional(),
    /** Root volume size. @default 30 (the ECS-optimized AMI's minimum) */
    rootVolumeGiB: z.number().int().min(30).max(16384).default(30),
    /** Mix in spot instances. @default none: all on-demand */
    spot: z
        .strictObject({
            /** On-demand instances before any spot. @default 0 */
            onDemandBase: z.number().int().min(0).default(0),
            /** On-demand share above the base, in percent. @default 0: the rest is spot */
            onDemandPercentage: z.number().int().min(0).max(100).default(0),
        })
        .optional(),
});

export const anywhereSchema = z.strictObject({
    /** How many external instances the SSM activation may register. @default 10 */
    registrationLimit: z.number().int().min(1).max(1000).default(10),
    /**
     * When the activation expires, as an RFC 3339 timestamp in the future and at most 30 days ahead
     * (SSM API reference, CreateActivation: "You can specify a date up to 30 days in advance";
     * checked in config/validate-aws.ts). A fixed date, not "N days from now", so each `pulumi up`
     * does not replace the activation. @default 29 days from the first deployment, kept on later
     * updates (berth always sets one: SSM's own default, 24 hours, is too short to register hosts)
     */
    expirationDate: z.iso.datetime({ offset: true, message: "an RFC 3339 timestamp such as 2026-12-01T00:00:00Z" }).optional(),
});

const targetPercent = z.number().min(1).max(100);

export const stepAdjustmentSchema = z.strictObject({
    /** Lower bound, relative to the alarm threshold. Omitted: minus infinity. */
    lower: z.number().optional(),
    /** Upper bound, relative to the alarm threshold. Omitted: infinity. */
    upper: z.number().optional(),
    /** Capacity change while the metric is in [lower, upper). */
    adjustment: z.number().int(),
});

export const stepPolicySchema = z.strictObject({
    name: localName,
    metric: z.strictObject({
        namespace: z.string().min(1),
        name: z.string().min(1),
        /** CloudWatch Dimension: a name of 1-255 characters, a value of 1-1024 (CloudWatch API reference, Dimension). */
        dimensions: z
            .record(
                z.string().min(1, { message: "a dimension name of 1-255 characters (CloudWatch refuses an empty one)" }).max(255, { message: "a dimension name of 1-255 characters (CloudWatch refuses an empty one)" }),
                z.string().min(1, { message: "a dimension value of 1-1024 characters" }).max(1024, { message: "a dimension value of 1-1024 characters" }),
            )
            .default({}),
        statistic: z.enum(["Average", "Sum", "Minimum", "Maximum", "SampleCount"]).default("Average"),
        /** Seconds. @default 60 */
        period: z.number().int().min(10).default(60),
    }),
    threshold: z.number(),
    comparison: z.enum(["GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold"]),
    /** @default 2 */
    evaluationPeriods: z.number().int().min(1).default(2),
    adjustmentType: z.enum(["ChangeInCapacity", "PercentChangeInCapacity", "ExactCapacity"]).default("ChangeInCapacity"),
    /** Seconds. @default 60 */
    cooldown: z.number().int().min(0).default(60),
    steps: z.array(stepAdjustmentSchema).min(1),
});

export const scheduleSchema = z.strictObject({
    name: localName,
    /** `cron(...)`, `at(...)` or `rate(...)`, as Application Auto Scaling accepts. */
    schedule: z.string().regex(/^(cron|at|rate)\(.+\)$/, { message: "cron(...), at(yyyy-mm-ddThh:mm:ss) or rate(...)" }),
    /** IANA time zone for cron and at. @default "UTC" */
    timezone: z.string().min(1).default("UTC"),
    min: z.number().int().min(0).optional(),
    max: z.number().int().min(0).optional(),
});

export const scalingSchema = z.strictObject({
    min: z.number().int().min(0).default(1),
    max: z.number().int().min(1),
    /** Target average CPU, percent. */
    cpu: targetPercent.optional(),
    /** Target average memory, percent. */
    memory: targetPercent.optional(),
    /** Target ALB requests per task per minute (ALBRequestCountPerTarget). */
    requests: z.number().int().min(1).optional(),
    /** App Runner only: concurrent requests per instance before it scales out (App Runner allows 1-200). @default 100 */
    concurrency: z.number().int().min(1).max(200).optional(),
    /** Seconds. @default 300: scale in slowly */
    scaleInCooldown: z.number().int().min(0).default(300),
    /** Seconds. @default 60: scale out fast */
    scaleOutCooldown: z.number().int().min(0).default(60),
    steps: z.array(stepPolicySchema).default([]),
    schedules: z.array(scheduleSchema).default([]),
});

export const volumeMountSchema = z.strictObject({
    /** A file system under berth:storage.fileSystems, berth:storage.lustre or berth:storage.ontap. */
    fileSystem: z.string().optional(),
    /** A volume of that file system: an EFS access point or an ONTAP volume; none for Lustre, which is mounted whole. */
    volume: z.string().optional(),
    /** Accepted only to explain that S3 is not a file system (validate-ecs.ts). */
    bucket: z.string().optional(),
    mountPath: z.string().startsWith("/", { message: "an absolute path" }),
    readOnly: z.boolean().default(false),
});

/** One least-privilege grant for the task role: exactly one of bucket, table or queue. */
export const grantSchema = z.strictObject({
    /** Bucket name or ARN. */
    bucket: bucketRef.optional(),
    /** Key prefix within the bucket. @default the whole bucket */
    prefix: keyPrefix.optional(),
    table: tableArn.optional(),
    queue: queueArn.optional(),
    /** read | write | readwrite for buckets and tables; consume | send for queues. */
    access: z.enum(["read", "write", "readwrite", "consume", "send"]),
});

export const accessPointSchema = z.strictObject({
    /** Root directory of the access point, created on first use. */
    path: z.string().regex(/^\/[A-Za-z0-9_./-]*$/, { message: "an absolute path" }),
    /** @default 1000 */
    uid: z.number().int().min(0).default(1000),
    /** @default 1000 */
    gid: z.number().int().min(0).default(1000),
    /** @default "0750" */
    permissions: z
        .string()
        .regex(/^0?[0-7]{3}$/, { message: "octal permissions such as 0750" })
        .default("0750"),
});

export const storageSchema = z.strictObject({
    fileSystems: z
        .record(
            localName,
            z.strictObject({
                /** @default "elastic": pay for what is used, no burst credits to run out of */
                throughputMode: z.enum(["elastic", "bursting"]).default("elastic"),
                /** Move files not read for this long to Infrequent Access. @default AFTER_30_DAYS */
                transitionToIa: z.enum(["AFTER_1_DAY", "AFTER_7_DAYS", "AFTER_14_DAYS", "AFTER_30_DAYS", "AFTER_60_DAYS", "AFTER_90_DAYS"]).default("AFTER_30_DAYS"),
                volumes: z.record(localName, accessPointSchema),
            }),
        )
        .default({}),
    /** FSx for Lustre file systems (eks, pods on EC2 nodes only). @default none */
    lustre: z.record(localName, lustreSchema).default({}),
    /** FSx for NetApp ONTAP file systems and their volumes (eks, pods on EC2 nodes only). @default none */
    ontap: z.record(localName, ontapSchema).default({}),
});

export type ScalingConfig = z.output<typeof scalingSchema>;
export type StepPolicyConfig = z.output<typeof stepPolicySchema>;
export type GrantConfig = z.output<typeof grantSchema>;
export type StorageConfig = z.output<typeof storageSchema>;
export type Ec2CapacityConfig = z.output<typeof ec2CapacitySchema>;

/** The default instance type per architecture: a Graviton type for arm64, so that arm64 alone is a whole config. */
export const DEFAULT_INSTANCE_TYPE = { x86_64: "t3.medium", arm64: "t4g.medium" } as const;

/** The configured instance types, or the architecture's default. */
export function instanceTypesOf(ec2: Pick<Ec2CapacityConfig, "instanceTypes" | "architecture">): string[] {
    return ec2.instanceTypes ? [...ec2.instanceTypes] : [DEFAULT_INSTANCE_TYPE[ec2.architecture]];
}
