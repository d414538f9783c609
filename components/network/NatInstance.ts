import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { egressOnlySecurityGroup } from "./egress";
import { assumeRolePolicy } from "../iam/policies";
import { natUserData } from "./natBoot";
import { natInstancePolicy } from "./natPolicy";

/**
 * AWS's public SSM parameter for the current Amazon Linux 2023 arm64 AMI; the launch template names
 * it (`resolve:ssm:`), so each replacement instance boots the current image.
 */
export const NAT_AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";

export interface NatInstanceArgs {
    readonly vpcId: pulumi.Input<string>;
    /** The VPC's CIDR: the only source the instance forwards for. Required. */
    readonly vpcCidr: string;
    /** The public subnet the instance and its forwarding interface live in. Required. */
    readonly publicSubnetId: pulumi.Input<string>;
    /** The route tables of the private subnets: each gets a default route to the instance. Required. */
    readonly privateRouteTableIds: pulumi.Input<pulumi.Input<string>[]>;
    /** How many private route tables there are (one per AZ); known before their ids are. Required. */
    readonly routeTableCount: number;
    /** A small Graviton type: NAT for a dev VPC needs little CPU. @default "t4g.nano" */
    readonly instanceType?: string;
    /** Where the alarm on the instance's absence notifies (SNS topic ARNs). @default none: the alarm shows in the console only */
    readonly alarmActions?: pulumi.Input<string>[];
    /** Tags merged into every child's tags. */
    readonly tags?: Tags;
    readonly transform?: {
        readonly launchTemplate?: Transform<aws.ec2.LaunchTemplateArgs>;
        readonly group?: Transform<aws.autoscaling.GroupArgs>;
        readonly alarm?: Transform<aws.cloudwatch.MetricAlarmArgs>;
    };
}

/** The owner tag: on the instance and its interfaces, the value unique to this stack's NAT. */
export const NAT_OWNER_TAG = "berth:nat-instance";

/**
 * How long the launch hook holds a new instance in Pending:Wait for its user data: on a t4g.nano
 * (512 MiB) the package install takes a minute or two, and the interface may stay attached to the
 * instance being replaced for up to five more while it terminates. After this the hook abandons the
 * instance (its default result), and the group launches another.
 */
export const NAT_HOOK_HEARTBEAT_SECONDS = 900;

/**
 * How long `pulumi up` waits for the group's instance to be InService, i.e. for the hook to complete:
 * above the heartbeat, so a launch that hangs until the hook abandons it leaves time for the next
 * one; launches that keep failing end `pulumi up` with this timeout. The provider's default is 10m
 * ("Waiting for Capacity" in the aws.autoscaling.Group docs).
 */
export const NAT_CAPACITY_TIMEOUT = "20m";

/**
 * A NAT instance for cheap private egress (dev): one small Graviton instance in an Auto Scaling
 * group of one, so a failed instance is replaced by itself. The private route tables point at a
 * fixed network interface with source/destination check off, which each new instance attaches at
 * boot, so the routes never change; an Elastic IP keeps the egress address fixed too. It is one
 * instance in one AZ: fine for dev, not for prod (a NAT gateway per AZ).
 *
 * A launch lifecycle hook holds each new instance out of service until its boot script has proven
 * that forwarding works. The provider waits, on create, for the group's min_size instances to be
 * InService (`waitForCapacityTimeout`; the aws.autoscaling.Group docs, "Waiting for Capacity", and
 * terraform-provider-aws's internal/service/autoscaling/group.go, whose waiter counts only Healthy,
 * InService instances), so the group's creation ends only after the hook completed: whatever depends
 * on the group starts after egress works.
 *
 * The group's name and the owner tag's value are PROJECT-STACK-NAME (from the engine, as
 * ServiceGroup's aliases are), so that no two stacks in one account share them.
 */
export class NatInstance extends pulumi.ComponentResource {
    readonly networkInterfaceId: pulumi.Output<string>;
    readonly publicIp: pulumi.Output<string>;
    /** The group's name: unique per account and region, and the instance's permissions name it. */
    readonly groupName: string;
    /**
     * What private egress needs before it works: the routes, and the group, whose creation ends only
     * once its instance has completed the launch hook (the hook is created with the group). Tasks wait for them.
     */
    readonly ready: pulumi.Resource[];

    constructor(name: string, args: NatInstanceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:network:NatInstance", name, {}, opts);
        // Unique to this stack: two berth stacks in one account must not take each other's resources.
        const ownerId = `${pulumi.getProject()}-${pulumi.getStack()}-${name}`;
        const tags = { ...args.tags, [NAT_OWNER_TAG]: ownerId };
        const sg = egressOnlySecurityGroup(name, { vpcId: args.vpcId, description: "NAT instance: forwards the VPC's traffic out", egressDescription: "Forwarded traffic to the internet", tags }, this);
        new aws.vpc.SecurityGroupIngressRule(`${name}-from-vpc`, { securityGroupId: sg.id, cidrIpv4: args.vpcCidr, ipProtocol: "-1", description: "Traffic to forward, from the VPC only" }, { parent: this });

        // Routes name this interface, not an instance: it outlives every instance that carries it.
        const eni = new aws.ec2.NetworkInterface(`${name}-eni`, { subnetId: args.publicSubnetId, securityGroups: [sg.id], sourceDestCheck: false, description: "NAT instance forwarding interface", tags }, { parent: this });
        const eip = new aws.ec2.Eip(`${name}-eip`, { domain: "vpc", tags }, { parent: this });
        const routes = Array.from(
            { length: args.routeTableCount },
            (_, i) => new aws.ec2.Route(`${name}-route-${i}`, { routeTableId: pulumi.output(args.privateRouteTableIds).apply((ids) => ids[i]), destinationCidrBlock: "0.0.0.0/0", networkInterfaceId: eni.id }, { parent: this }),
        );
        this.groupName = ownerId;
        const group = this.instance(name, args, { tags, ownerId, securityGroupId: sg.id, eni, eip });
        this.alarm(name, args, tags, group);
        this.networkInterfaceId = eni.id;
        this.publicIp = eip.publicIp;
        this.ready = [...routes, group];
        this.registerOutputs({ networkInterfaceId: this.networkInterfaceId, publicIp: this.publicIp, groupName: this.groupName });
    }

    /** The instance: its role, launch template and Auto Scaling group of one with its launch hook. */
    private instance(name: string, args: NatInstanceArgs, o: { tags: Record<string, string>; ownerId: string; securityGroupId: pulumi.Output<string>; eni: aws.ec2.NetworkInterface; eip: aws.ec2.Eip }): aws.autoscaling.Group {
        const { tags, ownerId, eni, eip } = o;
        const hookName = `${name}-launch`;
        const [partition, region, account] = [aws.getPartitionOutput({}, { parent: this }).partition, aws.getRegionOutput({}, { parent: this }).region, aws.getCallerIdentityOutput({}, { parent: this }).accountId];
        const role = new aws.iam.Role(`${name}-role`, { assumeRolePolicy: assumeRolePolicy("ec2.amazonaws.com"), description: "NAT instance: attach its interface and address at boot", tags }, { parent: this });
        const policyDocument = pulumi
            .all([partition, region, account, eni.id, eip.allocationId])
            .apply(([p, r, a, e, al]) => JSON.stringify(natInstancePolicy({ partition: p, region: r, account: a, networkInterfaceId: e, allocationId: al, groupName: ownerId, ownerTagKey: NAT_OWNER_TAG, ownerTagValue: ownerId })));
        const policy = new aws.iam.RolePolicy(`${name}-policy`, { role: role.id, policy: policyDocument }, { parent: this });
        // Session Manager, instead of a key pair and an open SSH port (AWS's managed policy for the SSM agent).
        const ssm = new aws.iam.RolePolicyAttachment(`${name}-ssm`, { role: role.name, policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/AmazonSSMManagedInstanceCore` }, { parent: this });
        const profile = new aws.iam.InstanceProfile(`${name}-profile`, { role: role.name, tags }, { parent: this });
        const userData = pulumi.all([eni.id, eip.allocationId, eip.publicIp]).apply(([e, al, ip]) => natUserData({ networkInterfaceId: e, allocationId: al, publicIp: ip, vpcCidr: args.vpcCidr, groupName: ownerId, hookName }));
        const lt = new aws.ec2.LaunchTemplate(
            `${name}-lt`,
            applyTransform<aws.ec2.LaunchTemplateArgs>(
                {
                    imageId: `resolve:ssm:${NAT_AMI_PARAMETER}`,
                    instanceType: args.instanceType ?? "t4g.nano",
                    iamInstanceProfile: { arn: profile.arn },
                    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
                    networkInterfaces: [{ associatePublicIpAddress: "true", securityGroups: [o.securityGroupId], deleteOnTermination: "true" }],
                    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 8, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }],
                    userData: userData.apply((script) => Buffer.from(script).toString("base64")),
                    // The instance and its primary interface carry the owner tag: the role's tag-matched statement names them.
                    tagSpecifications: [
                        { resourceType: "instance", tags: { ...tags, Name: name } },
                        { resourceType: "network-interface", tags },
                    ],
                    tags,
                },
                args.transform?.launchTemplate,
            ),
            { parent: this, dependsOn: [policy, ssm] },
        );
        return new aws.autoscaling.Group(
            `${name}-asg`,
            applyTransform<aws.autoscaling.GroupArgs>(
                {
                    // Named, not auto-named: the instance's permissions name the group before it exists.
                    name: ownerId,
                    minSize: 1,
                    maxSize: 1,
                    // The interface lives in one subnet, so the instance must too.
                    vpcZoneIdentifiers: [args.publicSubnetId],
                    launchTemplate: { id: lt.id, version: pulumi.interpolate`${lt.latestVersion}` },
                    healthCheckType: "EC2",
                    // Created with the group, so even its first instance waits (a separate LifecycleHook would come after it).
                    initialLifecycleHooks: [{ name: hookName, lifecycleTransition: "autoscaling:EC2_INSTANCE_LAUNCHING", defaultResult: "ABANDON", heartbeatTimeout: NAT_HOOK_HEARTBEAT_SECONDS }],
                    waitForCapacityTimeout: NAT_CAPACITY_TIMEOUT,
                    // A new launch template version replaces the instance. One instance and one interface: the old
                    // one goes first (0% healthy), then the new one takes the interface; egress stops meanwhile.
                    instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: 0, maxHealthyPercentage: 100 } },
                    // Its GroupInServiceInstances metric feeds the alarm (group metrics at 1-minute granularity are free).
                    enabledMetrics: ["GroupInServiceInstances"],
                    tags: Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
                },
                args.transform?.group,
            ),
            // Destroyed before the interface and the address: the provider drains the group (its instance
            // terminated) before deleting it, so they are no longer in use when their turn comes.
            { parent: this, dependsOn: [eni, eip], deleteBeforeReplace: true },
        );
    }

    /**
     * No instance in service for 10 minutes: the launch keeps failing (each failure abandons the hook
     * or marks the instance unhealthy), so private egress is down. Chosen over StatusCheckFailed: the
     * group's EC2 health check already replaces an instance that fails its status checks, and an
     * instance that passes them may still not forward; the boot script's failures end in this state.
     * A refresh's replacement (a few minutes: terminate, boot, install, attach) stays under it.
     */
    private alarm(name: string, args: NatInstanceArgs, tags: Record<string, string>, group: aws.autoscaling.Group): aws.cloudwatch.MetricAlarm {
        return new aws.cloudwatch.MetricAlarm(
            `${name}-alarm`,
            applyTransform<aws.cloudwatch.MetricAlarmArgs>(
                {
                    alarmDescription: `NAT instance ${this.groupName}: no instance in service, so the private subnets have no egress. Look at the group's activity history`,
                    namespace: "AWS/AutoScaling",
                    metricName: "GroupInServiceInstances",
                    dimensions: { AutoScalingGroupName: this.groupName },
                    statistic: "Minimum",
                    period: 60,
                    evaluationPeriods: 10,
                    threshold: 1,
                    comparisonOperator: "LessThanThreshold",
                    // The group publishes every minute once metrics are enabled: silence is no evidence of egress.
                    treatMissingData: "breaching",
                    alarmActions: [...(args.alarmActions ?? [])],
                    okActions: [...(args.alarmActions ?? [])],
                    tags,
                },
                args.transform?.alarm,
            ),
            // After the group is in service: not alarming through the first launch.
            { parent: this, dependsOn: [group] },
        );
    }
}
