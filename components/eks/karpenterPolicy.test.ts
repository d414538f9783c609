import { strict as assert } from "assert";
import { noticeQueuePolicy } from "./InterruptionQueue";
import { clusterTagOf, INTERRUPTION_EVENTS, karpenterControllerPolicy, KarpenterScope } from "./karpenterPolicy";

const scope: KarpenterScope = {
    partition: "aws",
    region: "eu-west-1",
    account: "123456789012",
    clusterName: "berth-prod",
    queueArn: "arn:aws:sqs:eu-west-1:123456789012:karpenter-queue-1",
    nodeRoleArn: "arn:aws:iam::123456789012:role/karpenter-node-role-1",
};
const doc = karpenterControllerPolicy(scope);
const bySid = (sid: string) => {
    const s = doc.Statement.find((x) => x.Sid === sid);
    assert.ok(s, `no statement ${sid}`);
    return s;
};
const actions = (a: string | string[]) => (Array.isArray(a) ? a : [a]);
const ec2 = (r: string) => `arn:aws:ec2:eu-west-1:*:${r}`;

/**
 * Every action of the controller policies of Karpenter's getting-started CloudFormation template at
 * v1.14.1 (aws/karpenter-provider-aws, website/content/en/docs/getting-started/
 * getting-started-with-karpenter/cloudformation.yaml), less arc-zonal-shift:GetManagedResource, which
 * only enableZonalShift (off in berth) uses. Bump it with the chart.
 */
const UPSTREAM_V1_14_1 = [
    "ec2:RunInstances",
    "ec2:CreateFleet",
    "ec2:CreateLaunchTemplate",
    "ec2:CreateTags",
    "ec2:TerminateInstances",
    "ec2:DeleteLaunchTemplate",
    "iam:PassRole",
    "iam:CreateInstanceProfile",
    "iam:TagInstanceProfile",
    "iam:AddRoleToInstanceProfile",
    "iam:RemoveRoleFromInstanceProfile",
    "iam:DeleteInstanceProfile",
    "iam:GetInstanceProfile",
    "iam:ListInstanceProfiles",
    "eks:DescribeCluster",
    "sqs:DeleteMessage",
    "sqs:GetQueueUrl",
    "sqs:ReceiveMessage",
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
    "ssm:GetParameter",
    "pricing:GetProducts",
];

describe("karpenterControllerPolicy", () => {
    it("grants exactly the documented actions, and the Spot service-linked role the guide creates by hand, each named (no wildcard action)", () => {
        const all = doc.Statement.flatMap((s) => actions(s.Action));
        assert.deepEqual([...new Set(all)].sort(), [...UPSTREAM_V1_14_1, "iam:CreateServiceLinkedRole"].sort());
        assert.ok(all.every((a) => !a.includes("*")));
        assert.ok(doc.Statement.every((s) => s.Effect === "Allow"));
    });

    it("may create only EC2's Spot service-linked role, so a first spot launch in an account succeeds", () => {
        assert.deepEqual(bySid("CreateSpotServiceLinkedRole"), {
            Sid: "CreateSpotServiceLinkedRole",
            Effect: "Allow",
            Action: "iam:CreateServiceLinkedRole",
            Resource: "arn:aws:iam::123456789012:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot",
            Condition: { StringEquals: { "iam:AWSServiceName": "spot.amazonaws.com" } },
        });
    });

    it("passes only the node role, and only to EC2", () => {
        const pass = doc.Statement.filter((s) => actions(s.Action).includes("iam:PassRole"));
        assert.deepEqual(pass, [{ Sid: "PassNodeRoleToEc2", Effect: "Allow", Action: "iam:PassRole", Resource: scope.nodeRoleArn, Condition: { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] } } }]);
    });

    it("creates instances, fleets and launch templates only tagged as this cluster's and some NodePool's", () => {
        const s = bySid("CreateTaggedAsNodePool");
        assert.deepEqual(s.Action, ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"]);
        assert.deepEqual(s.Resource, ["fleet/*", "instance/*", "volume/*", "network-interface/*", "launch-template/*", "spot-instances-request/*"].map(ec2));
        assert.deepEqual(s.Condition, {
            StringEquals: { "aws:RequestTag/kubernetes.io/cluster/berth-prod": "owned", "aws:RequestTag/eks:eks-cluster-name": "berth-prod" },
            StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
        });
        assert.equal(clusterTagOf("berth-prod"), "kubernetes.io/cluster/berth-prod");
    });

    it("tags on creation only, and retags its own instances with three keys only", () => {
        assert.deepEqual(bySid("TagOnCreate").Condition, {
            StringEquals: { "aws:RequestTag/kubernetes.io/cluster/berth-prod": "owned", "aws:RequestTag/eks:eks-cluster-name": "berth-prod", "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"] },
            StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
        });
        const retag = bySid("NameOwnInstances");
        assert.deepEqual([retag.Action, retag.Resource], ["ec2:CreateTags", ec2("instance/*")]);
        assert.deepEqual(retag.Condition, {
            StringEquals: { "aws:ResourceTag/kubernetes.io/cluster/berth-prod": "owned" },
            StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
            StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": "berth-prod" },
            "ForAllValues:StringEquals": { "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"] },
        });
    });

    it("launches from shared images and subnets, but only from its own launch templates, and deletes only its own", () => {
        const ours = { StringEquals: { "aws:ResourceTag/kubernetes.io/cluster/berth-prod": "owned" }, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } };
        const shared = bySid("LaunchFromSharedResources");
        assert.deepEqual(shared.Resource, ["arn:aws:ec2:eu-west-1::image/*", "arn:aws:ec2:eu-west-1::snapshot/*", ec2("security-group/*"), ec2("subnet/*"), ec2("capacity-reservation/*"), ec2("placement-group/*")]);
        assert.equal(shared.Condition, undefined);
        assert.deepEqual(bySid("LaunchFromOwnLaunchTemplates"), { Sid: "LaunchFromOwnLaunchTemplates", Effect: "Allow", Action: ["ec2:RunInstances", "ec2:CreateFleet"], Resource: ec2("launch-template/*"), Condition: ours });
        assert.deepEqual(bySid("DeleteOwn"), { Sid: "DeleteOwn", Effect: "Allow", Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"], Resource: [ec2("instance/*"), ec2("launch-template/*")], Condition: ours });
    });

    it("manages only instance profiles tagged for this cluster, region and some EC2NodeClass", () => {
        const profiles = "arn:aws:iam::123456789012:instance-profile/*";
        const create = bySid("CreateNodeClassProfiles");
        assert.deepEqual([create.Action, create.Resource], ["iam:CreateInstanceProfile", profiles]);
        assert.deepEqual(create.Condition, {
            StringEquals: { "aws:RequestTag/kubernetes.io/cluster/berth-prod": "owned", "aws:RequestTag/eks:eks-cluster-name": "berth-prod", "aws:RequestTag/topology.kubernetes.io/region": "eu-west-1" },
            StringLike: { "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" },
        });
        assert.deepEqual(bySid("TagNodeClassProfiles").Condition?.StringLike, { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*", "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" });
        assert.deepEqual(Object.keys(bySid("TagNodeClassProfiles").Condition?.StringEquals ?? {}).sort(), [
            "aws:RequestTag/eks:eks-cluster-name",
            "aws:RequestTag/kubernetes.io/cluster/berth-prod",
            "aws:RequestTag/topology.kubernetes.io/region",
            "aws:ResourceTag/kubernetes.io/cluster/berth-prod",
            "aws:ResourceTag/topology.kubernetes.io/region",
        ]);
        assert.deepEqual(bySid("ManageNodeClassProfiles").Condition, {
            StringEquals: { "aws:ResourceTag/kubernetes.io/cluster/berth-prod": "owned", "aws:ResourceTag/topology.kubernetes.io/region": "eu-west-1" },
            StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*" },
        });
    });

    it("reads its own queue and cluster, describes in its region only, and reads only AWS's public parameters", () => {
        assert.deepEqual(bySid("ReadInterruptionQueue").Resource, scope.queueArn);
        assert.equal(bySid("DiscoverClusterEndpoint").Resource, "arn:aws:eks:eu-west-1:123456789012:cluster/berth-prod");
        assert.deepEqual(bySid("DescribeInRegion").Condition, { StringEquals: { "aws:RequestedRegion": "eu-west-1" } });
        assert.equal(bySid("ReadPublicParameters").Resource, "arn:aws:ssm:eu-west-1::parameter/aws/service/*");
        assert.deepEqual(
            doc.Statement.filter((s) => s.Resource === "*").map((s) => s.Sid),
            ["ListInstanceProfiles", "DescribeInRegion", "ReadPrices"],
        );
    });

    it("fits the 10,240 characters IAM allows a role's inline policies, with a long cluster name", () => {
        const long = karpenterControllerPolicy({ ...scope, clusterName: "a".repeat(60), nodeRoleArn: `arn:aws:iam::123456789012:role/${"r".repeat(64)}` });
        assert.ok(JSON.stringify(long).length < 10_240, String(JSON.stringify(long).length));
    });
});

describe("the interruption queue", () => {
    it("lets EventBridge send only what the given rules forward (tighter than Karpenter's template, which admits any rule), and denies everything without TLS", () => {
        assert.deepEqual(noticeQueuePolicy("arn:q", ["arn:r1", "arn:r2"]), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "NoticesFromRules", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: ["sqs:SendMessage"], Resource: "arn:q", Condition: { ArnEquals: { "aws:SourceArn": ["arn:r1", "arn:r2"] } } },
                { Sid: "DenyWithoutTls", Effect: "Deny", Principal: { AWS: "*" }, Action: "sqs:*", Resource: "arn:q", Condition: { Bool: { "aws:SecureTransport": "false" } } },
            ],
        });
    });

    it("names the five events Karpenter documents", () => {
        assert.deepEqual(
            INTERRUPTION_EVENTS.map((e) => [e.source, e.detailType]),
            [
                ["aws.ec2", "EC2 Spot Instance Interruption Warning"],
                ["aws.ec2", "EC2 Instance Rebalance Recommendation"],
                ["aws.ec2", "EC2 Instance State-change Notification"],
                ["aws.health", "AWS Health Event"],
                ["aws.ec2", "EC2 Capacity Reservation Instance Interruption Warning"],
            ],
        );
    });
});
