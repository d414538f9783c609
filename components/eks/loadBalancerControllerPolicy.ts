// What the AWS Load Balancer Controller may do, written out action by action and scoped to the load
// balancers, target groups and security groups it creates for this cluster (it tags them with
// elbv2.k8s.aws/cluster). Describe calls support no resource scoping in IAM, so they name "*".
// The action list is the upstream policy of the pinned controller (kubernetes-sigs/
// aws-load-balancer-controller, docs/install/iam_policy.json at v3.5.0, the same as at v2.14.0) less the
// features berth never turns on; loadBalancerControllerPolicy.test.ts holds both lists.
import { PolicyDocument, PolicyStatement } from "../iam/policies";

export interface ControllerScope {
    readonly partition: string;
    readonly region: string;
    readonly account: string;
    readonly clusterName: string;
    readonly vpcId: string;
    /** The security group of nodes and Fargate pods: the controller opens it to its load balancers. */
    readonly nodeSecurityGroupId: string;
}

export const CLUSTER_TAG = "elbv2.k8s.aws/cluster";

const DESCRIBE = [
    "ec2:DescribeAccountAttributes",
    "ec2:DescribeAddresses",
    "ec2:DescribeAvailabilityZones",
    "ec2:DescribeInternetGateways",
    "ec2:DescribeVpcs",
    "ec2:DescribeVpcPeeringConnections",
    "ec2:DescribeSubnets",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeInstances",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeTags",
    "ec2:DescribeRouteTables",
    "ec2:GetSecurityGroupsForVpc",
    "elasticloadbalancing:DescribeLoadBalancers",
    "elasticloadbalancing:DescribeLoadBalancerAttributes",
    "elasticloadbalancing:DescribeListeners",
    "elasticloadbalancing:DescribeListenerAttributes",
    "elasticloadbalancing:DescribeListenerCertificates",
    "elasticloadbalancing:DescribeSSLPolicies",
    "elasticloadbalancing:DescribeRules",
    "elasticloadbalancing:DescribeTargetGroups",
    "elasticloadbalancing:DescribeTargetGroupAttributes",
    "elasticloadbalancing:DescribeTargetHealth",
    "elasticloadbalancing:DescribeTags",
    "elasticloadbalancing:DescribeTrustStores",
    "elasticloadbalancing:DescribeCapacityReservation",
    "acm:ListCertificates",
    "acm:DescribeCertificate",
];

/** The ARN builders and tag conditions every statement below scopes itself with. */
function scopeOf(s: ControllerScope) {
    const ec2 = (r: string) => `arn:${s.partition}:ec2:${s.region}:${s.account}:${r}`;
    const elb = (r: string) => `arn:${s.partition}:elasticloadbalancing:${s.region}:${s.account}:${r}`;
    return {
        ec2,
        elb,
        ours: { StringEquals: { [`aws:ResourceTag/${CLUSTER_TAG}`]: s.clusterName } },
        tagged: { StringEquals: { [`aws:RequestTag/${CLUSTER_TAG}`]: s.clusterName } },
        // The controller names every load balancer and target group it creates "k8s-...".
        loadBalancers: [elb("loadbalancer/app/k8s-*/*"), elb("loadbalancer/net/k8s-*/*")],
        targetGroups: elb("targetgroup/k8s-*/*"),
    };
}

/** The security groups the controller creates for its load balancers, and the rule it adds to the nodes' group. */
function securityGroupStatements(s: ControllerScope): PolicyStatement[] {
    const { ec2, ours, tagged } = scopeOf(s);
    return [
        { Sid: "CreateSecurityGroupInVpc", Effect: "Allow", Action: ["ec2:CreateSecurityGroup"], Resource: ec2(`vpc/${s.vpcId}`) },
        { Sid: "CreateTaggedSecurityGroup", Effect: "Allow", Action: ["ec2:CreateSecurityGroup"], Resource: ec2("security-group/*"), Condition: tagged },
        { Sid: "TagNewSecurityGroup", Effect: "Allow", Action: ["ec2:CreateTags"], Resource: ec2("security-group/*"), Condition: { StringEquals: { "ec2:CreateAction": "CreateSecurityGroup" } } },
        {
            Sid: "ManageOwnSecurityGroups",
            Effect: "Allow",
            Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup", "ec2:CreateTags", "ec2:DeleteTags"],
            Resource: ec2("security-group/*"),
            Condition: ours,
        },
        { Sid: "OpenNodesToLoadBalancers", Effect: "Allow", Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"], Resource: ec2(`security-group/${s.nodeSecurityGroupId}`) },
    ];
}

/** Load balancers, target groups, listeners and rules: created tagged, then managed only while they carry this cluster's tag. */
function loadBalancerStatements(s: ControllerScope): PolicyStatement[] {
    const { elb, ours, tagged, loadBalancers, targetGroups } = scopeOf(s);
    return [
        { Sid: "CreateTaggedLoadBalancers", Effect: "Allow", Action: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"], Resource: [...loadBalancers, targetGroups], Condition: tagged },
        {
            Sid: "TagOnCreate",
            Effect: "Allow",
            Action: ["elasticloadbalancing:AddTags"],
            Resource: [...loadBalancers, targetGroups],
            Condition: { StringEquals: { "elasticloadbalancing:CreateAction": ["CreateLoadBalancer", "CreateTargetGroup"] } },
        },
        {
            Sid: "ManageOwnLoadBalancers",
            Effect: "Allow",
            Action: [
                "elasticloadbalancing:ModifyLoadBalancerAttributes",
                "elasticloadbalancing:SetIpAddressType",
                "elasticloadbalancing:SetSecurityGroups",
                "elasticloadbalancing:SetSubnets",
                "elasticloadbalancing:DeleteLoadBalancer",
                "elasticloadbalancing:ModifyCapacityReservation",
                "elasticloadbalancing:ModifyTargetGroup",
                "elasticloadbalancing:ModifyTargetGroupAttributes",
                "elasticloadbalancing:DeleteTargetGroup",
                "elasticloadbalancing:AddTags",
                "elasticloadbalancing:RemoveTags",
            ],
            Resource: [...loadBalancers, targetGroups],
            Condition: ours,
        },
        // Only into this cluster's target groups: another cluster's controller names its groups k8s-* too.
        // The upstream policy leaves this unconditioned; target groups take aws:ResourceTag, as
        // ManageOwnLoadBalancers relies on, and berth binds no target group it did not create.
        { Sid: "RegisterTargets", Effect: "Allow", Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"], Resource: targetGroups, Condition: ours },
        // CreateListener is authorized against the load balancer (Service Authorization Reference,
        // Elastic Load Balancing V2: resource types loadbalancer/app, loadbalancer/net), which carries
        // the cluster tag from its creation: listeners only on this cluster's load balancers.
        { Sid: "CreateListenersOnOwnLoadBalancers", Effect: "Allow", Action: ["elasticloadbalancing:CreateListener"], Resource: loadBalancers, Condition: ours },
        // The rest act on listeners and rules. The controller's upstream policy conditions none of
        // them, and nothing documents that every listener and rule it creates carries the cluster tag
        // (it tags them after CreateListener/CreateRule): a tag condition here could leave an Ingress
        // unreconciled. They stay scoped by name to the controller's k8s-* load balancers.
        {
            Sid: "ListenersAndRules",
            Effect: "Allow",
            Action: [
                "elasticloadbalancing:DeleteListener",
                "elasticloadbalancing:ModifyListener",
                "elasticloadbalancing:ModifyListenerAttributes",
                "elasticloadbalancing:AddListenerCertificates",
                "elasticloadbalancing:RemoveListenerCertificates",
                "elasticloadbalancing:CreateRule",
                "elasticloadbalancing:DeleteRule",
                "elasticloadbalancing:ModifyRule",
                "elasticloadbalancing:SetRulePriorities",
                "elasticloadbalancing:AddTags",
                "elasticloadbalancing:RemoveTags",
            ],
            Resource: [...loadBalancers, elb("listener/app/k8s-*/*/*"), elb("listener/net/k8s-*/*/*"), elb("listener-rule/app/k8s-*/*/*/*"), elb("listener-rule/net/k8s-*/*/*/*")],
        },
    ];
}

/**
 * The controller's WAFv2 addon (enableWafv2), for an Ingress that names a web ACL: the upstream
 * policy's four wafv2 actions, and elasticloadbalancing:SetWebAcl, which WAFv2 checks against the
 * ALB on the caller's behalf when it associates an ACL (the AccessDenied in
 * aws-cloudformation/cloudformation-coverage-roadmap#386 names the ALB's ARN). The ACLs are the
 * account's regional ones; the load balancers, the controller's k8s-* ALBs.
 */
function wafStatements(s: ControllerScope): PolicyStatement[] {
    const { elb } = scopeOf(s);
    const acls = `arn:${s.partition}:wafv2:${s.region}:${s.account}:regional/webacl/*/*`;
    return [
        { Sid: "WafReadAcls", Effect: "Allow", Action: ["wafv2:GetWebACL"], Resource: acls },
        { Sid: "WafAssociate", Effect: "Allow", Action: ["wafv2:GetWebACLForResource", "wafv2:AssociateWebACL", "wafv2:DisassociateWebACL"], Resource: [acls, elb("loadbalancer/app/k8s-*/*")] },
        { Sid: "WafOnOwnLoadBalancers", Effect: "Allow", Action: ["elasticloadbalancing:SetWebAcl"], Resource: elb("loadbalancer/app/k8s-*/*") },
    ];
}

export function loadBalancerControllerPolicy(s: ControllerScope, features: { readonly waf?: boolean } = {}): PolicyDocument {
    const statements: PolicyStatement[] = [
        { Sid: "Describe", Effect: "Allow", Action: DESCRIBE, Resource: "*" },
        {
            Sid: "ElbServiceLinkedRole",
            Effect: "Allow",
            Action: ["iam:CreateServiceLinkedRole"],
            Resource: `arn:${s.partition}:iam::${s.account}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing`,
            Condition: { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } },
        },
        ...securityGroupStatements(s),
        ...loadBalancerStatements(s),
        ...(features.waf ? wafStatements(s) : []),
    ];
    return { Version: "2012-10-17", Statement: statements };
}
