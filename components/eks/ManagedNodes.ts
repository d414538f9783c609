import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as pulumi from "@pulumi/pulumi";
import { applyTransform, Transform } from "../common/transform";
import { PolicyDocument } from "../iam/policies";
import { NODE_METADATA_OPTIONS, NodeGroupSizeArgs, NodeRole } from "./NodeRole";

export interface ManagedNodesArgs extends NodeGroupSizeArgs {
    /** The cluster the group joins. Required. */
    readonly cluster: eks.Cluster;
    /** Private subnets. Required. */
    readonly subnetIds: pulumi.Input<string[]>;
    /** @default ["t3.medium"] */
    readonly instanceTypes?: ReadonlyArray<string>;
    /** AL2023 AMI for this architecture. @default "x86_64" */
    readonly architecture?: "x86_64" | "arm64";
    /** Spot capacity; several instance types give it more pools. @default false */
    readonly spot?: boolean;
    /**
     * The Kubernetes version of the nodes: pass the cluster's, so a version bump reaches them. With a
     * launch template EKS fills no default in, and the group stays on the version it was created at.
     * @default the cluster's version when the group is created, never upgraded
     */
    readonly version?: pulumi.Input<string>;
    /** The AMI release (e.g. 1.36.2-20260714): a change rolls the nodes, drained by EKS. @default the newest when the group is created */
    readonly releaseVersion?: pulumi.Input<string>;
    /** What the nodes may do besides the managed policies (see NodeRole). @default nothing */
    readonly nodePolicy?: pulumi.Input<PolicyDocument>;
    /** What the nodes wait for besides their role (the cluster's CNI and Pod Identity agent). @default none */
    readonly dependsOn?: pulumi.Resource[];
    readonly transform?: { readonly nodeGroup?: Transform<eks.ManagedNodeGroupArgs>; readonly launchTemplate?: Transform<aws.ec2.LaunchTemplateArgs> };
}

/**
 * An EKS managed node group of AL2023 nodes, through its own launch template: IMDSv2 with one hop,
 * an encrypted gp3 root volume, no public IP. EKS keeps the AMI and the bootstrap (the template
 * names no image), and creates the access entry for the node role.
 */
export class ManagedNodes extends pulumi.ComponentResource {
    readonly nodeRoleArn: pulumi.Output<string>;
    readonly nodeGroup: eks.ManagedNodeGroup;

    constructor(name: string, args: ManagedNodesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:eks:ManagedNodes", name, {}, opts);
        const { role, attachments } = new NodeRole(name, { tags: args.tags, policy: args.nodePolicy }, { parent: this });
        const template = new aws.ec2.LaunchTemplate(
            `${name}-launch-template`,
            applyTransform<aws.ec2.LaunchTemplateArgs>(
                {
                    description: `EKS managed nodes of ${name}`,
                    metadataOptions: { ...NODE_METADATA_OPTIONS },
                    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: args.rootVolumeGiB ?? 20, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }],
                    tagSpecifications: ["instance", "volume"].map((resourceType) => ({ resourceType, tags: { ...args.tags, Name: name } })),
                    tags: { ...args.tags },
                },
                args.transform?.launchTemplate,
            ),
            { parent: this },
        );
        const min = args.minSize ?? 1;
        this.nodeGroup = new eks.ManagedNodeGroup(
            name,
            applyTransform<eks.ManagedNodeGroupArgs>(
                {
                    cluster: args.cluster,
                    nodeRole: role,
                    subnetIds: args.subnetIds,
                    amiType: args.architecture === "arm64" ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD",
                    capacityType: args.spot ? "SPOT" : "ON_DEMAND",
                    instanceTypes: [...(args.instanceTypes ?? ["t3.medium"])],
                    scalingConfig: { minSize: min, maxSize: args.maxSize ?? 3, desiredSize: args.desiredSize ?? min },
                    launchTemplate: { id: template.id, version: pulumi.interpolate`${template.latestVersion}` },
                    labels: { ...args.labels },
                    version: args.version,
                    releaseVersion: args.releaseVersion,
                    tags: { ...args.tags },
                },
                args.transform?.nodeGroup,
            ),
            { parent: this, dependsOn: [...attachments, ...(args.dependsOn ?? [])] },
        );
        this.nodeRoleArn = role.arn;
        this.registerOutputs({ nodeRoleArn: this.nodeRoleArn });
    }
}
