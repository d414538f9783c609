import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as pulumi from "@pulumi/pulumi";
import { applyTransform, Transform } from "../common/transform";
import { NODE_METADATA_OPTIONS, NodeGroupSizeArgs } from "./NodeRole";

/**
 * eks.NodeGroupV2 (4.3.0) builds its launch template inside the remote component and exposes no
 * metadata options, so IMDS is hardened by a Pulumi transform on that child. Transforms reach the
 * children of packaged components during `pulumi up`; the offline plan cannot run them, so this
 * function is tested on its own.
 */
export function hardenLaunchTemplate(args: pulumi.ResourceTransformArgs): pulumi.ResourceTransformResult | undefined {
    if (args.type !== "aws:ec2/launchTemplate:LaunchTemplate") return undefined;
    return { props: { ...args.props, metadataOptions: { ...NODE_METADATA_OPTIONS } }, opts: args.opts };
}

export interface SelfManagedNodesArgs extends NodeGroupSizeArgs {
    /** The cluster the group joins; it must carry an EC2_LINUX access entry for `nodeRole`. Required. */
    readonly cluster: eks.Cluster;
    /** The instances' role (a NodeRole), created before the cluster so it can carry the role's access entry. Required. */
    readonly role: aws.iam.Role;
    /** Role attachments the instances wait for. @default none */
    readonly dependsOn?: pulumi.Resource[];
    /** The security group nodes share with the control plane. Required. */
    readonly securityGroupId: pulumi.Input<string>;
    /** Private subnets. Required. */
    readonly subnetIds: pulumi.Input<string[]>;
    /** @default "t3.medium" */
    readonly instanceType?: string;
    /**
     * The AMI. Pass a pinned one: without it NodeGroupV2 reads the recommended AMI at every run, and a
     * new release rolls the nodes unannounced. @default the AMI AWS recommends when the plan runs
     */
    readonly amiId?: pulumi.Input<string>;
    /** Tags on the instances and their group besides `tags` (the drain handler's managed tag). @default none */
    readonly instanceTags?: Readonly<Record<string, string>>;
    readonly transform?: { readonly nodeGroup?: Transform<eks.NodeGroupV2Args> };
}

/**
 * Self-managed nodes: an Auto Scaling group of EKS-optimized AL2023 instances (eks.NodeGroupV2)
 * with the managed groups' hardening: IMDSv2 with one hop, an encrypted gp3 root volume, no public IP.
 */
export class SelfManagedNodes extends pulumi.ComponentResource {
    readonly nodeGroup: eks.NodeGroupV2;
    /** The Auto Scaling group NodeGroupV2 creates, for lifecycle hooks. */
    readonly autoScalingGroup: { readonly name: pulumi.Output<string>; readonly arn: pulumi.Output<string> };

    constructor(name: string, args: SelfManagedNodesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:eks:SelfManagedNodes", name, {}, opts);
        const profile = new aws.iam.InstanceProfile(`${name}-instance-profile`, { role: args.role.name, tags: { ...args.tags } }, { parent: this });
        const min = args.minSize ?? 1;
        this.nodeGroup = new eks.NodeGroupV2(
            name,
            applyTransform<eks.NodeGroupV2Args>(
                {
                    cluster: args.cluster,
                    instanceProfileName: profile.name,
                    nodeSecurityGroupId: args.securityGroupId,
                    clusterIngressRuleId: "",
                    nodeSubnetIds: args.subnetIds,
                    instanceType: args.instanceType ?? "t3.medium",
                    ...(args.amiId !== undefined ? { amiId: args.amiId } : {}),
                    operatingSystem: eks.OperatingSystem.AL2023,
                    minSize: min,
                    maxSize: args.maxSize ?? 3,
                    desiredCapacity: args.desiredSize ?? min,
                    nodeRootVolumeSize: args.rootVolumeGiB ?? 20,
                    nodeRootVolumeType: "gp3",
                    nodeRootVolumeEncrypted: true,
                    nodeRootVolumeDeleteOnTermination: true,
                    nodeAssociatePublicIpAddress: false,
                    labels: { ...args.labels },
                    autoScalingGroupTags: { ...args.tags, ...args.instanceTags },
                    launchTemplateTagSpecifications: [{ resourceType: "instance", tags: { ...args.tags, ...args.instanceTags } }],
                },
                args.transform?.nodeGroup,
            ),
            { parent: this, dependsOn: args.dependsOn, transforms: [hardenLaunchTemplate] },
        );
        this.autoScalingGroup = { name: this.nodeGroup.autoScalingGroup.name, arn: this.nodeGroup.autoScalingGroup.arn };
        this.registerOutputs({});
    }
}
