import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { egressOnlySecurityGroup } from "../network/egress";
import { assumeRolePolicy, PolicyDocument } from "../iam/policies";

/**
 * AWS's public SSM parameters for the ECS-optimized Amazon Linux 2023 AMI. The launch template
 * names the parameter (`resolve:ssm:`), so EC2 resolves the current AMI at each instance launch and
 * no lookup happens at deploy time. See the Auto Scaling user guide, "Use AWS Systems Manager
 * parameters instead of AMI IDs in launch templates", and the ECS guide, "Retrieving Amazon
 * ECS-optimized Linux AMI metadata".
 */
export const ECS_AMI_PARAMETER = {
    x86_64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
    arm64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
} as const;

/** The instance's ECS agent config: join the cluster, and keep awsvpc tasks away from the instance role. */
export function ecsUserData(clusterName: string): string {
    return ["#!/bin/bash", "cat >> /etc/ecs/ecs.config <<'CONFIG'", `ECS_CLUSTER=${clusterName}`, "ECS_AWSVPC_BLOCK_IMDS=true", "ECS_ENABLE_SPOT_INSTANCE_DRAINING=true", "CONFIG", ""].join("\n");
}

export interface Ec2CapacityArgs {
    /** Cluster the instances join (written into their ECS agent config). Required. */
    readonly clusterName: pulumi.Input<string>;
    /**
     * What the ECS agent on the instances may do: join this cluster, pull from the stack's repository,
     * write the stack's logs (see `containerInstancePolicy` in ecs-policies.ts). Required.
     */
    readonly instancePolicy: pulumi.Input<PolicyDocument>;
    /** VPC of the instances' security group. Required. */
    readonly vpcId: pulumi.Input<string>;
    /** Private subnets the instances launch in. Required. */
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The first is preferred; all are offered to the Auto Scaling group, in this order. @default ["t3.medium"] */
    readonly instanceTypes?: ReadonlyArray<string>;
    /** CPU architecture; picks the matching ECS-optimized AMI. @default "x86_64" */
    readonly architecture?: "x86_64" | "arm64";
    /** Instances the group never scales below. @default 1 */
    readonly minSize?: number;
    /** Instances the group never scales above. @default 5 */
    readonly maxSize?: number;
    /**
     * How the group scales. "capacity-provider": ECS adds instances when tasks do not fit (managed
     * scaling, with termination protection for busy instances). "cpu": the group tracks its average
     * CPU, and ECS places tasks on what runs. @default "capacity-provider"
     */
    readonly scaling?: "capacity-provider" | "cpu";
    /** Managed scaling target, percent of instance capacity in use (scaling capacity-provider). @default 100: no idle instances */
    readonly targetCapacity?: number;
    /** Average CPU the group aims at (scaling cpu), percent. @default 60 */
    readonly cpuTarget?: number;
    /** One-minute CloudWatch metrics for the instances, which are billed per metric. @default false (true in prod) */
    readonly detailedMonitoring?: boolean;
    /** Root EBS volume size in GiB (gp3, encrypted). @default 30 */
    readonly rootVolumeGiB?: number;
    /** Mix in spot: on-demand base, and on-demand percentage above it. @default none: all on-demand */
    readonly spot?: { readonly onDemandBase: number; readonly onDemandPercentage: number };
    /** Tags for every child, merged with the ones the component adds (the instances' Name, AmazonECSManaged). @default none */
    readonly tags?: Tags;
    /** Overrides for the main children's args, applied just before each is created. @default none */
    readonly transform?: {
        readonly launchTemplate?: Transform<aws.ec2.LaunchTemplateArgs>;
        readonly autoScalingGroup?: Transform<aws.autoscaling.GroupArgs>;
        readonly capacityProvider?: Transform<aws.ecs.CapacityProviderArgs>;
        /** The target tracking policy of scaling cpu. */
        readonly cpuPolicy?: Transform<aws.autoscaling.PolicyArgs>;
    };
}

const DEFAULT_INSTANCE_TYPES = ["t3.medium"];
const managed = (args: Ec2CapacityArgs) => (args.scaling ?? "capacity-provider") === "capacity-provider";

/** The launch template's args, before `transform.launchTemplate`: no public IP, encrypted root volume, the ECS agent joined to the cluster. */
export function launchTemplateArgs(name: string, args: Ec2CapacityArgs, instanceProfileArn: pulumi.Input<string>, securityGroupId: pulumi.Input<string>): aws.ec2.LaunchTemplateArgs {
    return {
        imageId: `resolve:ssm:${ECS_AMI_PARAMETER[args.architecture ?? "x86_64"]}`,
        instanceType: (args.instanceTypes ?? DEFAULT_INSTANCE_TYPES)[0],
        iamInstanceProfile: { arn: instanceProfileArn },
        // IMDSv2 only, one hop: containers cannot reach the instance's credentials.
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
        networkInterfaces: [{ associatePublicIpAddress: "false", securityGroups: [securityGroupId], deleteOnTermination: "true" }],
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: args.rootVolumeGiB ?? 30, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }],
        monitoring: { enabled: args.detailedMonitoring ?? false },
        userData: pulumi.output(args.clusterName).apply((c) => Buffer.from(ecsUserData(c)).toString("base64")),
        tagSpecifications: [{ resourceType: "instance", tags: { ...args.tags, Name: `${name}-ecs` } }],
        tags: { ...args.tags },
    };
}

/**
 * The Auto Scaling group's args, before `transform.autoScalingGroup`: the launch template alone, or
 * with `spot`, a mixed instances policy over every instance type.
 */
export function autoScalingGroupArgs(args: Ec2CapacityArgs, template: { readonly launchTemplateId: pulumi.Input<string>; readonly version: pulumi.Input<string> }): aws.autoscaling.GroupArgs {
    const types = args.instanceTypes ?? DEFAULT_INSTANCE_TYPES;
    return {
        minSize: args.minSize ?? 1,
        maxSize: args.maxSize ?? 5,
        vpcZoneIdentifiers: args.subnetIds,
        // Required by managed termination protection: ECS decides which instances are empty.
        protectFromScaleIn: managed(args),
        // `pulumi destroy` must finish. Without it the provider first scales the group to 0 and waits
        // for protected instances that never go, until "group still has N instances" after 10 minutes
        // (hashicorp/terraform#18507); force_delete skips that drain (hashicorp/terraform#3485), and
        // DeleteAutoScalingGroup's ForceDelete terminates the instances and drops pending lifecycle
        // actions such as ECS managed draining's hook (Auto Scaling API reference, DeleteAutoScalingGroup).
        // The ECS cluster, deleted after the group, retries while its instances deregister
        // (terraform-provider-aws, aws_ecs_cluster delete: ClusterContainsContainerInstancesException).
        forceDelete: true,
        healthCheckType: "EC2",
        ...(args.spot
            ? {
                  capacityRebalance: true,
                  mixedInstancesPolicy: {
                      launchTemplate: { launchTemplateSpecification: template, overrides: types.map((instanceType) => ({ instanceType })) },
                      instancesDistribution: {
                          onDemandBaseCapacity: args.spot.onDemandBase,
                          onDemandPercentageAboveBaseCapacity: args.spot.onDemandPercentage,
                          spotAllocationStrategy: "price-capacity-optimized",
                      },
                  },
              }
            : types.length > 1
              ? {
                    // All on-demand, every type offered in order: the first is preferred, the others take
                    // over when an AZ runs out of it (a launch template alone would use the first only).
                    mixedInstancesPolicy: {
                        launchTemplate: { launchTemplateSpecification: template, overrides: types.map((instanceType) => ({ instanceType })) },
                        instancesDistribution: { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 100, onDemandAllocationStrategy: "prioritized" },
                    },
                }
              : { launchTemplate: { id: template.launchTemplateId, version: template.version } }),
        tags: [
            // ECS adds this tag itself when managed scaling is on; declaring it avoids a perpetual diff.
            ...(managed(args) ? [{ key: "AmazonECSManaged", value: "true", propagateAtLaunch: true }] : []),
            ...Object.entries(args.tags ?? {}).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
        ],
    };
}

/** The capacity provider's args, before `transform.capacityProvider`: ECS scales the group, protects busy instances and drains before termination. */
export function capacityProviderArgs(args: Ec2CapacityArgs, autoScalingGroupArn: pulumi.Input<string>): aws.ecs.CapacityProviderArgs {
    return {
        autoScalingGroupProvider: {
            autoScalingGroupArn,
            // Termination protection needs managed scaling: only ECS knows which instances are empty.
            managedTerminationProtection: managed(args) ? "ENABLED" : "DISABLED",
            managedDraining: "ENABLED",
            managedScaling: managed(args) ? { status: "ENABLED", targetCapacity: args.targetCapacity ?? 100, minimumScalingStepSize: 1, maximumScalingStepSize: 10 } : { status: "DISABLED" },
        },
        tags: { ...args.tags },
    };
}

/**
 * EC2 capacity for an ECS cluster: ECS-optimized AL2023 instances in an Auto Scaling group, wrapped
 * by a capacity provider with managed scaling, termination protection and draining. The instances
 * have their own role, separate from task execution and task roles.
 */
export class Ec2Capacity extends pulumi.ComponentResource {
    readonly capacityProviderName: pulumi.Output<string>;
    readonly autoScalingGroupName: pulumi.Output<string>;
    readonly instanceRoleArn: pulumi.Output<string>;
    /** The cluster's capacity association: services must wait for it. */
    readonly association: aws.ecs.ClusterCapacityProviders;

    constructor(name: string, args: Ec2CapacityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:ecs:Ec2Capacity", name, {}, opts);
        const role = new aws.iam.Role(
            `${name}-instance-role`,
            { assumeRolePolicy: assumeRolePolicy("ec2.amazonaws.com"), description: "ECS container instances: register with the cluster, pull images, ship logs", tags: { ...args.tags } },
            { parent: this },
        );
        const policy = new aws.iam.RolePolicy(`${name}-instance-policy`, { role: role.id, policy: pulumi.output(args.instancePolicy).apply((p) => JSON.stringify(p)) }, { parent: this });
        const profile = new aws.iam.InstanceProfile(`${name}-instance-profile`, { role: role.name, tags: { ...args.tags } }, { parent: this });

        // The agent reaches ECS, ECR and CloudWatch endpoints through NAT; their addresses are not fixed.
        const sg = egressOnlySecurityGroup(name, { vpcId: args.vpcId, description: "ECS container instances: no inbound", egressDescription: "Outbound to AWS APIs", tags: args.tags }, this);

        // An instance that boots before its role's policy exists cannot register, and its tasks never place.
        const lt = new aws.ec2.LaunchTemplate(`${name}-lt`, applyTransform(launchTemplateArgs(name, args, profile.arn, sg.id), args.transform?.launchTemplate), { parent: this, dependsOn: [policy] });
        const asg = new aws.autoscaling.Group(
            `${name}-asg`,
            applyTransform(autoScalingGroupArgs(args, { launchTemplateId: lt.id, version: pulumi.interpolate`${lt.latestVersion}` }), args.transform?.autoScalingGroup),
            // The capacity provider sets desired capacity; a later `pulumi up` must not reset it.
            { parent: this, ignoreChanges: ["desiredCapacity"] },
        );
        if (!managed(args)) {
            new aws.autoscaling.Policy(
                `${name}-cpu`,
                applyTransform<aws.autoscaling.PolicyArgs>(
                    {
                        autoscalingGroupName: asg.name,
                        policyType: "TargetTrackingScaling",
                        // New instances report CPU only once booted; until then the group waits instead of adding more.
                        estimatedInstanceWarmup: 300,
                        targetTrackingConfiguration: { predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" }, targetValue: args.cpuTarget ?? 60 },
                    },
                    args.transform?.cpuPolicy,
                ),
                { parent: this },
            );
        }
        const cp = new aws.ecs.CapacityProvider(`${name}-cp`, applyTransform(capacityProviderArgs(args, asg.arn), args.transform?.capacityProvider), { parent: this });
        this.association = new aws.ecs.ClusterCapacityProviders(
            `${name}-providers`,
            { clusterName: args.clusterName, capacityProviders: [cp.name], defaultCapacityProviderStrategies: [{ capacityProvider: cp.name, weight: 1, base: 0 }] },
            { parent: this },
        );
        this.capacityProviderName = cp.name;
        this.autoScalingGroupName = asg.name;
        this.instanceRoleArn = role.arn;
        this.registerOutputs({ capacityProviderName: this.capacityProviderName, autoScalingGroupName: this.autoScalingGroupName, instanceRoleArn: this.instanceRoleArn });
    }
}
