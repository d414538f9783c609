// What the Karpenter controller may do, and who may write to its interruption queue. Written from
// the permissions Karpenter documents for v1.14 (aws/karpenter-provider-aws, website/content/en/docs/
// getting-started/getting-started-with-karpenter/cloudformation.yaml, read 2026-08-21 at v1.14.1;
// the policies are described in website/content/en/docs/reference/cloudformation.md): every launch,
// tag and deletion is scoped to instances and launch templates tagged as this cluster's and a
// NodePool's, instance profiles to this cluster's EC2NodeClasses, PassRole to the one node role.
// Describe, pricing and instance-profile listing support no resource scoping in IAM, so they name
// "*" as a resource (never as an action). Zonal shift is not turned on, so its permission is left out.
import { PolicyDocument, PolicyStatement } from "../iam/policies";

export interface KarpenterScope {
    readonly partition: string;
    readonly region: string;
    readonly account: string;
    readonly clusterName: string;
    /** The interruption queue. */
    readonly queueArn: string;
    /** The role of the nodes Karpenter launches: the only role it may pass. */
    readonly nodeRoleArn: string;
}

/** The tag Karpenter puts on everything it launches for a cluster, with the value "owned". */
export const clusterTagOf = (clusterName: string) => `kubernetes.io/cluster/${clusterName}`;

/** EC2 describe calls Karpenter makes to pick subnets, security groups, AMIs and instance types. */
export const KARPENTER_DESCRIBE = [
    "ec2:DescribeCapacityReservations",
    "ec2:DescribeImages",
    "ec2:DescribeInstances",
    "ec2:DescribeInstanceStatus",
    "ec2:DescribeInstanceTypeOfferings",
    "ec2:DescribeInstanceTypes",
    "ec2:DescribeLaunchTemplates",
    "ec2:DescribePlacementGroups",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeSpotPriceHistory",
    "ec2:DescribeSubnets",
];

/** What Karpenter does with interruption messages: read them and delete them once handled. */
export const KARPENTER_QUEUE_ACTIONS = ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"];

const LAUNCH = ["ec2:RunInstances", "ec2:CreateFleet"];

/** The EC2 statements: launch into any subnet, image and security group, but only as this cluster's NodePools. */
function nodeLifecycle(s: KarpenterScope): PolicyStatement[] {
    const ec2 = (r: string) => `arn:${s.partition}:ec2:${s.region}:*:${r}`;
    const cluster = clusterTagOf(s.clusterName);
    // What Karpenter creates carries the cluster tag, the EKS cluster-name tag and a NodePool's name.
    const requestTags = { StringEquals: { [`aws:RequestTag/${cluster}`]: "owned", "aws:RequestTag/eks:eks-cluster-name": s.clusterName }, StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" } };
    const ours = { StringEquals: { [`aws:ResourceTag/${cluster}`]: "owned" }, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } };
    const created = ["fleet/*", "instance/*", "volume/*", "network-interface/*", "launch-template/*", "spot-instances-request/*"].map(ec2);
    return [
        {
            Sid: "LaunchFromSharedResources",
            Effect: "Allow",
            Action: LAUNCH,
            Resource: [`arn:${s.partition}:ec2:${s.region}::image/*`, `arn:${s.partition}:ec2:${s.region}::snapshot/*`, ...["security-group/*", "subnet/*", "capacity-reservation/*", "placement-group/*"].map(ec2)],
        },
        { Sid: "LaunchFromOwnLaunchTemplates", Effect: "Allow", Action: LAUNCH, Resource: ec2("launch-template/*"), Condition: ours },
        { Sid: "CreateTaggedAsNodePool", Effect: "Allow", Action: [...LAUNCH, "ec2:CreateLaunchTemplate"], Resource: created, Condition: requestTags },
        {
            Sid: "TagOnCreate",
            Effect: "Allow",
            Action: "ec2:CreateTags",
            Resource: created,
            Condition: { ...requestTags, StringEquals: { ...requestTags.StringEquals, "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"] } },
        },
        {
            Sid: "NameOwnInstances",
            Effect: "Allow",
            Action: "ec2:CreateTags",
            Resource: ec2("instance/*"),
            Condition: { ...ours, StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": s.clusterName }, "ForAllValues:StringEquals": { "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"] } },
        },
        { Sid: "DeleteOwn", Effect: "Allow", Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"], Resource: [ec2("instance/*"), ec2("launch-template/*")], Condition: ours },
    ];
}

/** The IAM statements: pass the node role to EC2, and manage the instance profiles of this cluster's EC2NodeClasses. */
function iamIntegration(s: KarpenterScope): PolicyStatement[] {
    const profiles = `arn:${s.partition}:iam::${s.account}:instance-profile/*`;
    const cluster = clusterTagOf(s.clusterName);
    const request = { [`aws:RequestTag/${cluster}`]: "owned", "aws:RequestTag/eks:eks-cluster-name": s.clusterName, "aws:RequestTag/topology.kubernetes.io/region": s.region };
    const resource = { [`aws:ResourceTag/${cluster}`]: "owned", "aws:ResourceTag/topology.kubernetes.io/region": s.region };
    return [
        // ec2.amazonaws.com.cn is the principal in the China partition.
        { Sid: "PassNodeRoleToEc2", Effect: "Allow", Action: "iam:PassRole", Resource: s.nodeRoleArn, Condition: { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] } } },
        { Sid: "CreateNodeClassProfiles", Effect: "Allow", Action: "iam:CreateInstanceProfile", Resource: profiles, Condition: { StringEquals: request, StringLike: { "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" } } },
        {
            Sid: "TagNodeClassProfiles",
            Effect: "Allow",
            Action: "iam:TagInstanceProfile",
            Resource: profiles,
            Condition: { StringEquals: { ...resource, ...request }, StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*", "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" } },
        },
        {
            Sid: "ManageNodeClassProfiles",
            Effect: "Allow",
            Action: ["iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"],
            Resource: profiles,
            Condition: { StringEquals: resource, StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*" } },
        },
        { Sid: "ReadInstanceProfiles", Effect: "Allow", Action: "iam:GetInstanceProfile", Resource: profiles },
        // The first Spot launch in an account creates EC2's Spot service-linked role, as the caller:
        // without this, CreateFleet fails with ServiceLinkedRoleCreationNotPermitted and spot pods stay
        // Pending. Karpenter's getting-started guide creates the role by hand instead
        // ("aws iam create-service-linked-role --aws-service-name spot.amazonaws.com"); the EC2 guide,
        // "Service-linked role for Spot Instance requests", lets the launching principal create it.
        {
            Sid: "CreateSpotServiceLinkedRole",
            Effect: "Allow",
            Action: "iam:CreateServiceLinkedRole",
            Resource: `arn:${s.partition}:iam::${s.account}:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot`,
            Condition: { StringEquals: { "iam:AWSServiceName": "spot.amazonaws.com" } },
        },
        { Sid: "ListInstanceProfiles", Effect: "Allow", Action: "iam:ListInstanceProfiles", Resource: "*" },
    ];
}

/** The Karpenter controller's whole policy, for one cluster, its queue and its node role. */
export function karpenterControllerPolicy(s: KarpenterScope): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            ...nodeLifecycle(s),
            ...iamIntegration(s),
            { Sid: "DiscoverClusterEndpoint", Effect: "Allow", Action: "eks:DescribeCluster", Resource: `arn:${s.partition}:eks:${s.region}:${s.account}:cluster/${s.clusterName}` },
            { Sid: "ReadInterruptionQueue", Effect: "Allow", Action: KARPENTER_QUEUE_ACTIONS, Resource: s.queueArn },
            { Sid: "DescribeInRegion", Effect: "Allow", Action: KARPENTER_DESCRIBE, Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": s.region } } },
            // The AMI alias and the instance-type data Karpenter reads are AWS's public parameters.
            { Sid: "ReadPublicParameters", Effect: "Allow", Action: "ssm:GetParameter", Resource: `arn:${s.partition}:ssm:${s.region}::parameter/aws/service/*` },
            { Sid: "ReadPrices", Effect: "Allow", Action: "pricing:GetProducts", Resource: "*" },
        ],
    };
}

/**
 * The events Karpenter acts on before EC2 does: a Spot interruption warning (two minutes), a
 * rebalance recommendation, an instance stopping or terminating, an AWS Health scheduled change, and
 * a capacity reservation reclaiming an instance. Each becomes one EventBridge rule onto the queue.
 */
export const INTERRUPTION_EVENTS = [
    { name: "spot-interruption", source: "aws.ec2", detailType: "EC2 Spot Instance Interruption Warning" },
    { name: "rebalance", source: "aws.ec2", detailType: "EC2 Instance Rebalance Recommendation" },
    { name: "state-change", source: "aws.ec2", detailType: "EC2 Instance State-change Notification" },
    { name: "scheduled-change", source: "aws.health", detailType: "AWS Health Event" },
    { name: "reservation-interruption", source: "aws.ec2", detailType: "EC2 Capacity Reservation Instance Interruption Warning" },
] as const;
