// The AWS managed policies under the service-role/ path that berth attaches (the EBS and EFS CSI
// drivers, Express Mode's infrastructure role), as dated data: start/managed-policies.ts holds the
// rest and says how the documents were taken and dated.

import type { PolicyDocument } from "./iam-match";

export interface ManagedPolicy {
    /** The default version, as AWS numbers it. */
    readonly version: string;
    /** When that version was created (AWS's "Edited time"). */
    readonly edited: string;
    readonly source: string;
    readonly document: PolicyDocument;
}

export const REF = "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/";

export const SERVICE_ROLE_POLICIES: Readonly<Record<string, ManagedPolicy>> = {
    "service-role/AmazonEBSCSIDriverPolicy": {
        version: "v14",
        edited: "2026-02-12T18:02:41Z",
        source: `${REF}AmazonEBSCSIDriverPolicy.html`,
        document: {
            Version: "2012-10-17",
            Statement: [
                {
                    Action: ["ec2:DescribeAvailabilityZones", "ec2:DescribeInstances", "ec2:DescribeSnapshots", "ec2:DescribeTags", "ec2:DescribeVolumes", "ec2:DescribeVolumesModifications", "ec2:DescribeVolumeStatus"],
                    Resource: "*",
                    Effect: "Allow",
                },
                { Action: ["ec2:CreateSnapshot", "ec2:ModifyVolume"], Resource: "arn:aws:ec2:*:*:volume/*", Effect: "Allow" },
                { Action: ["ec2:CopyVolumes"], Resource: ["arn:aws:ec2:*:*:volume/vol-*"], Effect: "Allow" },
                { Action: ["ec2:AttachVolume", "ec2:DetachVolume"], Resource: ["arn:aws:ec2:*:*:volume/*", "arn:aws:ec2:*:*:instance/*"], Effect: "Allow" },
                { Action: ["ec2:CreateVolume", "ec2:EnableFastSnapshotRestores"], Resource: "arn:aws:ec2:*:*:snapshot/*", Effect: "Allow" },
                { Action: ["ec2:CreateTags"], Resource: ["arn:aws:ec2:*:*:volume/*", "arn:aws:ec2:*:*:snapshot/*"], Effect: "Allow", Condition: { StringEquals: { "ec2:CreateAction": ["CreateVolume", "CreateSnapshot", "CopyVolumes"] } } },
                { Action: ["ec2:DeleteTags"], Resource: ["arn:aws:ec2:*:*:volume/*", "arn:aws:ec2:*:*:snapshot/*"], Effect: "Allow" },
                { Action: ["ec2:CreateVolume", "ec2:CopyVolumes"], Resource: "arn:aws:ec2:*:*:volume/*", Effect: "Allow", Condition: { StringLike: { "aws:RequestTag/ebs.csi.aws.com/cluster": "true" } } },
                { Action: ["ec2:CreateVolume", "ec2:CopyVolumes"], Resource: "arn:aws:ec2:*:*:volume/*", Effect: "Allow", Condition: { StringLike: { "aws:RequestTag/CSIVolumeName": "*" } } },
                { Action: ["ec2:DeleteVolume"], Resource: "arn:aws:ec2:*:*:volume/*", Effect: "Allow", Condition: { StringLike: { "ec2:ResourceTag/ebs.csi.aws.com/cluster": "true" } } },
                { Action: ["ec2:DeleteVolume"], Resource: "arn:aws:ec2:*:*:volume/*", Effect: "Allow", Condition: { StringLike: { "ec2:ResourceTag/CSIVolumeName": "*" } } },
                { Action: ["ec2:DeleteVolume"], Resource: "arn:aws:ec2:*:*:volume/*", Effect: "Allow", Condition: { StringLike: { "ec2:ResourceTag/kubernetes.io/created-for/pvc/name": "*" } } },
                { Action: ["ec2:CreateSnapshot"], Resource: "arn:aws:ec2:*:*:snapshot/*", Effect: "Allow", Condition: { StringLike: { "aws:RequestTag/CSIVolumeSnapshotName": "*" } } },
                { Action: ["ec2:CreateSnapshot"], Resource: "arn:aws:ec2:*:*:snapshot/*", Effect: "Allow", Condition: { StringLike: { "aws:RequestTag/ebs.csi.aws.com/cluster": "true" } } },
                { Action: ["ec2:DeleteSnapshot", "ec2:LockSnapshot"], Resource: "arn:aws:ec2:*:*:snapshot/*", Effect: "Allow", Condition: { StringLike: { "ec2:ResourceTag/CSIVolumeSnapshotName": "*" } } },
                { Action: ["ec2:DeleteSnapshot", "ec2:LockSnapshot"], Resource: "arn:aws:ec2:*:*:snapshot/*", Effect: "Allow", Condition: { StringLike: { "ec2:ResourceTag/ebs.csi.aws.com/cluster": "true" } } },
            ],
        },
    },
    "service-role/AmazonEFSCSIDriverPolicy": {
        version: "v1",
        edited: "2023-07-25T20:10:04Z",
        source: `${REF}AmazonEFSCSIDriverPolicy.html`,
        document: {
            Version: "2012-10-17",
            Statement: [
                {
                    Action: ["elasticfilesystem:DescribeAccessPoints", "elasticfilesystem:DescribeFileSystems", "elasticfilesystem:DescribeMountTargets", "ec2:DescribeAvailabilityZones"],
                    Resource: "*",
                    Effect: "Allow",
                    Sid: "AllowDescribe",
                },
                {
                    Action: ["elasticfilesystem:CreateAccessPoint"],
                    Resource: "*",
                    Effect: "Allow",
                    Condition: { Null: { "aws:RequestTag/efs.csi.aws.com/cluster": "false" }, "ForAllValues:StringEquals": { "aws:TagKeys": "efs.csi.aws.com/cluster" } },
                    Sid: "AllowCreateAccessPoint",
                },
                {
                    Action: ["elasticfilesystem:TagResource"],
                    Resource: "*",
                    Effect: "Allow",
                    Condition: {
                        Null: { "aws:RequestTag/efs.csi.aws.com/cluster": "false" },
                        StringEquals: { "elasticfilesystem:CreateAction": "CreateAccessPoint" },
                        "ForAllValues:StringEquals": { "aws:TagKeys": "efs.csi.aws.com/cluster" },
                    },
                    Sid: "AllowTagNewAccessPoints",
                },
                { Action: "elasticfilesystem:DeleteAccessPoint", Resource: "*", Effect: "Allow", Condition: { Null: { "aws:ResourceTag/efs.csi.aws.com/cluster": "false" } }, Sid: "AllowDeleteAccessPoint" },
            ],
        },
    },
    "service-role/AmazonECSInfrastructureRoleforExpressGatewayServices": {
        version: "v6",
        edited: "2026-02-12T18:01:54Z",
        source: `${REF}AmazonECSInfrastructureRoleforExpressGatewayServices.html`,
        document: {
            Version: "2012-10-17",
            Statement: [
                {
                    Action: "iam:CreateServiceLinkedRole",
                    Resource: "*",
                    Effect: "Allow",
                    Condition: { StringEquals: { "iam:AWSServiceName": ["ecs.application-autoscaling.amazonaws.com", "elasticloadbalancing.amazonaws.com"] } },
                    Sid: "ServiceLinkedRoleCreateOperations",
                },
                {
                    Action: [
                        "elasticloadbalancing:CreateListener",
                        "elasticloadbalancing:CreateLoadBalancer",
                        "elasticloadbalancing:CreateRule",
                        "elasticloadbalancing:CreateTargetGroup",
                        "elasticloadbalancing:ModifyListener",
                        "elasticloadbalancing:ModifyRule",
                        "elasticloadbalancing:AddListenerCertificates",
                        "elasticloadbalancing:RemoveListenerCertificates",
                        "elasticloadbalancing:RegisterTargets",
                        "elasticloadbalancing:DeregisterTargets",
                        "elasticloadbalancing:DeleteTargetGroup",
                        "elasticloadbalancing:DeleteLoadBalancer",
                        "elasticloadbalancing:DeleteRule",
                        "elasticloadbalancing:DeleteListener",
                    ],
                    Resource: [
                        "arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*",
                        "arn:aws:elasticloadbalancing:*:*:listener/app/*/*/*",
                        "arn:aws:elasticloadbalancing:*:*:listener-rule/app/*/*/*/*",
                        "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*",
                    ],
                    Effect: "Allow",
                    Condition: { StringEquals: { "aws:ResourceTag/AmazonECSManaged": "true" } },
                    Sid: "ELBOperations",
                },
                {
                    Action: "elasticloadbalancing:AddTags",
                    Resource: [
                        "arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*",
                        "arn:aws:elasticloadbalancing:*:*:listener/app/*/*/*",
                        "arn:aws:elasticloadbalancing:*:*:listener-rule/app/*/*/*/*",
                        "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*",
                    ],
                    Effect: "Allow",
                    Condition: { StringEquals: { "elasticloadbalancing:CreateAction": ["CreateLoadBalancer", "CreateListener", "CreateRule", "CreateTargetGroup"] } },
                    Sid: "TagOnCreateELBResources",
                },
                { Action: "ec2:CreateSecurityGroup", Resource: "arn:aws:ec2:*:*:vpc/*", Effect: "Allow", Sid: "BlanketAllowCreateSecurityGroupsInVPCs" },
                {
                    Action: ["ec2:CreateSecurityGroup", "ec2:AuthorizeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress"],
                    Resource: ["arn:aws:ec2:*:*:security-group/*", "arn:aws:ec2:*:*:security-group-rule/*", "arn:aws:ec2:*:*:vpc/*"],
                    Effect: "Allow",
                    Condition: { StringEquals: { "aws:RequestTag/AmazonECSManaged": "true" } },
                    Sid: "CreateSecurityGroupResourcesWithTags",
                },
                {
                    Action: ["ec2:AuthorizeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress", "ec2:DeleteSecurityGroup", "ec2:RevokeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress"],
                    Resource: ["arn:aws:ec2:*:*:security-group/*", "arn:aws:ec2:*:*:vpc/*"],
                    Effect: "Allow",
                    Condition: { StringEquals: { "aws:ResourceTag/AmazonECSManaged": "true" } },
                    Sid: "ModifySecurityGroupOperations",
                },
                {
                    Action: "ec2:CreateTags",
                    Resource: ["arn:aws:ec2:*:*:security-group/*", "arn:aws:ec2:*:*:security-group-rule/*"],
                    Effect: "Allow",
                    Condition: { StringEquals: { "ec2:CreateAction": ["CreateSecurityGroup", "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress"] } },
                    Sid: "TagOnCreateEC2Resources",
                },
                {
                    Action: ["acm:RequestCertificate", "acm:AddTagsToCertificate", "acm:DeleteCertificate", "acm:DescribeCertificate"],
                    Resource: ["arn:aws:acm:*:*:certificate/*"],
                    Effect: "Allow",
                    Condition: { StringEquals: { "aws:ResourceTag/AmazonECSManaged": "true" } },
                    Sid: "CertificateOperations",
                },
                {
                    Action: ["application-autoscaling:RegisterScalableTarget", "application-autoscaling:TagResource", "application-autoscaling:DeregisterScalableTarget"],
                    Resource: ["arn:aws:application-autoscaling:*:*:scalable-target/*"],
                    Effect: "Allow",
                    Condition: { StringEquals: { "aws:ResourceTag/AmazonECSManaged": "true" } },
                    Sid: "ApplicationAutoscalingCreateOperations",
                },
                {
                    Action: ["application-autoscaling:PutScalingPolicy", "application-autoscaling:DeleteScalingPolicy"],
                    Resource: ["arn:aws:application-autoscaling:*:*:scalable-target/*"],
                    Effect: "Allow",
                    Condition: { StringEquals: { "application-autoscaling:service-namespace": "ecs" } },
                    Sid: "ApplicationAutoscalingPolicyOperations",
                },
                {
                    Action: ["application-autoscaling:DescribeScalableTargets", "application-autoscaling:DescribeScalingPolicies", "application-autoscaling:DescribeScalingActivities"],
                    Resource: ["arn:aws:application-autoscaling:*:*:scalable-target/*"],
                    Effect: "Allow",
                    Sid: "ApplicationAutoscalingReadOperations",
                },
                {
                    Action: ["cloudwatch:PutMetricAlarm", "cloudwatch:TagResource"],
                    Resource: ["arn:aws:cloudwatch:*:*:alarm:*"],
                    Effect: "Allow",
                    Condition: { StringEquals: { "aws:RequestTag/AmazonECSManaged": "true" } },
                    Sid: "CloudWatchAlarmCreateOperations",
                },
                {
                    Action: ["cloudwatch:DeleteAlarms", "cloudwatch:DescribeAlarms"],
                    Resource: ["arn:aws:cloudwatch:*:*:alarm:*"],
                    Effect: "Allow",
                    Condition: { StringEquals: { "aws:ResourceTag/AmazonECSManaged": "true" } },
                    Sid: "CloudWatchAlarmOperations",
                },
                {
                    Action: [
                        "elasticloadbalancing:DescribeLoadBalancers",
                        "elasticloadbalancing:DescribeTargetGroups",
                        "elasticloadbalancing:DescribeTargetHealth",
                        "elasticloadbalancing:DescribeListeners",
                        "elasticloadbalancing:DescribeRules",
                    ],
                    Resource: "*",
                    Effect: "Allow",
                    Sid: "ELBReadOperations",
                },
                { Action: ["ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeRouteTables", "ec2:DescribeVpcs"], Resource: "*", Effect: "Allow", Sid: "VPCReadOperations" },
                {
                    Action: ["logs:CreateLogGroup", "logs:TagResource"],
                    Resource: "arn:aws:logs:*:*:log-group:*",
                    Effect: "Allow",
                    Condition: { StringEquals: { "aws:RequestTag/AmazonECSManaged": "true" } },
                    Sid: "CloudWatchLogsCreateOperations",
                },
                { Action: ["logs:DescribeLogGroups"], Resource: "*", Effect: "Allow", Sid: "CloudWatchLogsReadOperations" },
            ],
        },
    },
};
