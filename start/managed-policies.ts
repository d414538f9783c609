// The documents of the AWS managed policies berth attaches (components/iam/policies.ts, MANAGED_POLICY),
// so the start-path analysis can evaluate roles that hold them. Each is the policy's default version
// as AWS publishes it in the AWS Managed Policy Reference Guide, looked up on 2026-12-07 and
// cross-checked against the zoph-io/MAMIP snapshot named beside it. AWS edits these policies: when a
// version here falls behind, the analysis judges against the old one, so update the entry, its version and its date.
//
// Not transcribed (they land in `unknown` and the analysis says so; none is on a workload's start path):
// - service-role/AmazonECSInfrastructureRoleforExpressGatewayServices (Express Mode's infrastructure role)
// - service-role/AmazonEBSCSIDriverPolicy, service-role/AmazonEFSCSIDriverPolicy (the CSI drivers' controllers)
import type { PolicyDocument } from "./iam-match";

export interface ManagedPolicy {
    /** The default version, as AWS numbers it. */
    readonly version: string;
    /** When that version was created (AWS's "Edited time"). */
    readonly edited: string;
    readonly source: string;
    readonly document: PolicyDocument;
}

const REF = "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/";

/** Keyed by the policy's name with its path, as in its ARN after `policy/`. */
export const MANAGED_POLICIES: Readonly<Record<string, ManagedPolicy>> = {
    // MAMIP policies/AmazonEC2ContainerRegistryPullOnly @ 7e46c8fa
    AmazonEC2ContainerRegistryPullOnly: {
        version: "v1",
        edited: "2024-10-04T16:58:49Z",
        source: `${REF}AmazonEC2ContainerRegistryPullOnly.html`,
        document: {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchImportUpstreamImage"],
                    Resource: "*",
                },
            ],
        },
    },
    // MAMIP policies/AmazonEKSFargatePodExecutionRolePolicy @ 24b649d3
    AmazonEKSFargatePodExecutionRolePolicy: {
        version: "v1",
        edited: "2019-11-22T04:34:29Z",
        source: `${REF}AmazonEKSFargatePodExecutionRolePolicy.html`,
        document: {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
                    Resource: "*",
                },
            ],
        },
    },
    // MAMIP policies/AmazonEKSWorkerNodePolicy @ 24b649d3
    AmazonEKSWorkerNodePolicy: {
        version: "v3",
        edited: "2023-11-27T00:06:13Z",
        source: `${REF}AmazonEKSWorkerNodePolicy.html`,
        document: {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "WorkerNodePermissions",
                    Effect: "Allow",
                    Action: [
                        "ec2:DescribeInstances",
                        "ec2:DescribeInstanceTypes",
                        "ec2:DescribeRouteTables",
                        "ec2:DescribeSecurityGroups",
                        "ec2:DescribeSubnets",
                        "ec2:DescribeVolumes",
                        "ec2:DescribeVolumesModifications",
                        "ec2:DescribeVpcs",
                        "eks:DescribeCluster",
                        "eks-auth:AssumeRoleForPodIdentity",
                    ],
                    Resource: "*",
                },
            ],
        },
    },
    // MAMIP policies/AmazonSSMManagedInstanceCore @ 24b649d3
    AmazonSSMManagedInstanceCore: {
        version: "v2",
        edited: "2019-05-23T16:54:21Z",
        source: `${REF}AmazonSSMManagedInstanceCore.html`,
        document: {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: [
                        "ssm:DescribeAssociation",
                        "ssm:GetDeployablePatchSnapshotForInstance",
                        "ssm:GetDocument",
                        "ssm:DescribeDocument",
                        "ssm:GetManifest",
                        "ssm:GetParameter",
                        "ssm:GetParameters",
                        "ssm:ListAssociations",
                        "ssm:ListInstanceAssociations",
                        "ssm:PutInventory",
                        "ssm:PutComplianceItems",
                        "ssm:PutConfigurePackageResult",
                        "ssm:UpdateAssociationStatus",
                        "ssm:UpdateInstanceAssociationStatus",
                        "ssm:UpdateInstanceInformation",
                    ],
                    Resource: "*",
                },
                {
                    Effect: "Allow",
                    Action: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
                    Resource: "*",
                },
                {
                    Effect: "Allow",
                    Action: ["ec2messages:AcknowledgeMessage", "ec2messages:DeleteMessage", "ec2messages:FailMessage", "ec2messages:GetEndpoint", "ec2messages:GetMessages", "ec2messages:SendReply"],
                    Resource: "*",
                },
            ],
        },
    },
    // MAMIP policies/AWSXRayDaemonWriteAccess @ 24b649d3
    AWSXRayDaemonWriteAccess: {
        version: "v2",
        edited: "2024-02-13T21:58:30Z",
        source: `${REF}AWSXRayDaemonWriteAccess.html`,
        document: {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AWSXRayDaemonWriteAccess",
                    Effect: "Allow",
                    Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"],
                    Resource: ["*"],
                },
            ],
        },
    },
    // MAMIP policies/AmazonEKS_CNI_Policy @ 24b649d3
    AmazonEKS_CNI_Policy: {
        version: "v5",
        edited: "2024-03-04T20:20:55Z",
        source: `${REF}AmazonEKS_CNI_Policy.html`,
        document: {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AmazonEKSCNIPolicy",
                    Effect: "Allow",
                    Action: [
                        "ec2:AssignPrivateIpAddresses",
                        "ec2:AttachNetworkInterface",
                        "ec2:CreateNetworkInterface",
                        "ec2:DeleteNetworkInterface",
                        "ec2:DescribeInstances",
                        "ec2:DescribeTags",
                        "ec2:DescribeNetworkInterfaces",
                        "ec2:DescribeInstanceTypes",
                        "ec2:DescribeSubnets",
                        "ec2:DetachNetworkInterface",
                        "ec2:ModifyNetworkInterfaceAttribute",
                        "ec2:UnassignPrivateIpAddresses",
                    ],
                    Resource: "*",
                },
                { Sid: "AmazonEKSCNIPolicyENITag", Effect: "Allow", Action: ["ec2:CreateTags"], Resource: ["arn:aws:ec2:*:*:network-interface/*"] },
            ],
        },
    },
    // MAMIP policies/AmazonEKSClusterPolicy @ 05dbde58
    AmazonEKSClusterPolicy: {
        version: "v9",
        edited: "2026-02-11T22:21:13Z",
        source: `${REF}AmazonEKSClusterPolicy.html`,
        document: {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AmazonEKSClusterPolicy",
                    Effect: "Allow",
                    Action: [
                        "autoscaling:DescribeAutoScalingGroups",
                        "autoscaling:UpdateAutoScalingGroup",
                        "ec2:AttachVolume",
                        "ec2:AuthorizeSecurityGroupIngress",
                        "ec2:CreateRoute",
                        "ec2:CreateSecurityGroup",
                        "ec2:CreateTags",
                        "ec2:CreateVolume",
                        "ec2:DeleteRoute",
                        "ec2:DeleteSecurityGroup",
                        "ec2:DeleteVolume",
                        "ec2:DescribeInstances",
                        "ec2:DescribeRouteTables",
                        "ec2:DescribeSecurityGroups",
                        "ec2:DescribeSubnets",
                        "ec2:DescribeVolumes",
                        "ec2:DescribeVolumesModifications",
                        "ec2:DescribeVpcs",
                        "ec2:DescribeDhcpOptions",
                        "ec2:DescribeNetworkInterfaces",
                        "ec2:DescribeAvailabilityZones",
                        "ec2:DetachVolume",
                        "ec2:ModifyInstanceAttribute",
                        "ec2:ModifyVolume",
                        "ec2:RevokeSecurityGroupIngress",
                        "ec2:DescribeAccountAttributes",
                        "ec2:DescribeAddresses",
                        "ec2:DescribeInternetGateways",
                        "ec2:DescribeInstanceTopology",
                        "elasticloadbalancing:AddTags",
                        "elasticloadbalancing:ApplySecurityGroupsToLoadBalancer",
                        "elasticloadbalancing:AttachLoadBalancerToSubnets",
                        "elasticloadbalancing:ConfigureHealthCheck",
                        "elasticloadbalancing:CreateListener",
                        "elasticloadbalancing:CreateLoadBalancer",
                        "elasticloadbalancing:CreateLoadBalancerListeners",
                        "elasticloadbalancing:CreateLoadBalancerPolicy",
                        "elasticloadbalancing:CreateTargetGroup",
                        "elasticloadbalancing:DeleteListener",
                        "elasticloadbalancing:DeleteLoadBalancer",
                        "elasticloadbalancing:DeleteLoadBalancerListeners",
                        "elasticloadbalancing:DeleteTargetGroup",
                        "elasticloadbalancing:DeregisterInstancesFromLoadBalancer",
                        "elasticloadbalancing:DeregisterTargets",
                        "elasticloadbalancing:DescribeListeners",
                        "elasticloadbalancing:DescribeLoadBalancerAttributes",
                        "elasticloadbalancing:DescribeLoadBalancerPolicies",
                        "elasticloadbalancing:DescribeLoadBalancers",
                        "elasticloadbalancing:DescribeTargetGroupAttributes",
                        "elasticloadbalancing:DescribeTargetGroups",
                        "elasticloadbalancing:DescribeTargetHealth",
                        "elasticloadbalancing:DetachLoadBalancerFromSubnets",
                        "elasticloadbalancing:ModifyListener",
                        "elasticloadbalancing:ModifyLoadBalancerAttributes",
                        "elasticloadbalancing:ModifyTargetGroup",
                        "elasticloadbalancing:ModifyTargetGroupAttributes",
                        "elasticloadbalancing:RegisterInstancesWithLoadBalancer",
                        "elasticloadbalancing:RegisterTargets",
                        "elasticloadbalancing:SetLoadBalancerPoliciesForBackendServer",
                        "elasticloadbalancing:SetLoadBalancerPoliciesOfListener",
                        "kms:DescribeKey",
                    ],
                    Resource: "*",
                },
                {
                    Sid: "AmazonEKSClusterPolicySLRCreate",
                    Effect: "Allow",
                    Action: "iam:CreateServiceLinkedRole",
                    Resource: "*",
                    Condition: { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } },
                },
                {
                    Sid: "AmazonEKSClusterPolicyENIDelete",
                    Effect: "Allow",
                    Action: "ec2:DeleteNetworkInterface",
                    Resource: "*",
                    Condition: { StringEquals: { "ec2:ResourceTag/eks:eni:owner": "amazon-vpc-cni" } },
                },
            ],
        },
    },
};
