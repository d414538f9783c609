import { strict as assert } from "assert";
import { loadBalancerControllerPolicy } from "./loadBalancerControllerPolicy";

/**
 * Every action of the upstream policy of the pinned controller: kubernetes-sigs/
 * aws-load-balancer-controller, docs/install/iam_policy.json at tag v3.5.0 (chart 3.5.0 in
 * charts.ts; unchanged since v2.14.0: `git diff v2.14.0 v3.5.0 -- docs/install/iam_policy.json` is
 * empty). Bump it with the chart.
 */
const UPSTREAM_V3_5_0 = [
    "iam:CreateServiceLinkedRole",
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
    "ec2:GetCoipPoolUsage",
    "ec2:DescribeCoipPools",
    "ec2:GetSecurityGroupsForVpc",
    "ec2:DescribeIpamPools",
    "ec2:DescribeRouteTables",
    "elasticloadbalancing:DescribeLoadBalancers",
    "elasticloadbalancing:DescribeLoadBalancerAttributes",
    "elasticloadbalancing:DescribeListeners",
    "elasticloadbalancing:DescribeListenerCertificates",
    "elasticloadbalancing:DescribeSSLPolicies",
    "elasticloadbalancing:DescribeRules",
    "elasticloadbalancing:DescribeTargetGroups",
    "elasticloadbalancing:DescribeTargetGroupAttributes",
    "elasticloadbalancing:DescribeTargetHealth",
    "elasticloadbalancing:DescribeTags",
    "elasticloadbalancing:DescribeTrustStores",
    "elasticloadbalancing:DescribeListenerAttributes",
    "elasticloadbalancing:DescribeCapacityReservation",
    "cognito-idp:DescribeUserPoolClient",
    "acm:ListCertificates",
    "acm:DescribeCertificate",
    "iam:ListServerCertificates",
    "iam:GetServerCertificate",
    "waf-regional:GetWebACL",
    "waf-regional:GetWebACLForResource",
    "waf-regional:AssociateWebACL",
    "waf-regional:DisassociateWebACL",
    "wafv2:GetWebACL",
    "wafv2:GetWebACLForResource",
    "wafv2:AssociateWebACL",
    "wafv2:DisassociateWebACL",
    "shield:GetSubscriptionState",
    "shield:DescribeProtection",
    "shield:CreateProtection",
    "shield:DeleteProtection",
    "ec2:AuthorizeSecurityGroupIngress",
    "ec2:RevokeSecurityGroupIngress",
    "ec2:CreateSecurityGroup",
    "ec2:CreateTags",
    "ec2:DeleteTags",
    "ec2:DeleteSecurityGroup",
    "elasticloadbalancing:CreateLoadBalancer",
    "elasticloadbalancing:CreateTargetGroup",
    "elasticloadbalancing:CreateListener",
    "elasticloadbalancing:DeleteListener",
    "elasticloadbalancing:CreateRule",
    "elasticloadbalancing:DeleteRule",
    "elasticloadbalancing:AddTags",
    "elasticloadbalancing:RemoveTags",
    "elasticloadbalancing:ModifyLoadBalancerAttributes",
    "elasticloadbalancing:SetIpAddressType",
    "elasticloadbalancing:SetSecurityGroups",
    "elasticloadbalancing:SetSubnets",
    "elasticloadbalancing:DeleteLoadBalancer",
    "elasticloadbalancing:ModifyTargetGroup",
    "elasticloadbalancing:ModifyTargetGroupAttributes",
    "elasticloadbalancing:DeleteTargetGroup",
    "elasticloadbalancing:ModifyListenerAttributes",
    "elasticloadbalancing:ModifyCapacityReservation",
    "elasticloadbalancing:ModifyIpPools",
    "elasticloadbalancing:RegisterTargets",
    "elasticloadbalancing:DeregisterTargets",
    "elasticloadbalancing:SetWebAcl",
    "elasticloadbalancing:ModifyListener",
    "elasticloadbalancing:AddListenerCertificates",
    "elasticloadbalancing:RemoveListenerCertificates",
    "elasticloadbalancing:ModifyRule",
    "elasticloadbalancing:SetRulePriorities",
];

/** Upstream actions berth leaves out, each for a feature it never turns on (values or annotations it never writes). */
const NOT_GRANTED: Record<string, string> = {
    "cognito-idp:DescribeUserPoolClient": "Cognito authentication on an Ingress",
    "iam:ListServerCertificates": "IAM server certificates (berth listens with ACM certificates)",
    "iam:GetServerCertificate": "IAM server certificates",
    "ec2:GetCoipPoolUsage": "Outposts customer-owned IP pools",
    "ec2:DescribeCoipPools": "Outposts customer-owned IP pools",
    "ec2:DescribeIpamPools": "IPAM pools for load balancer addresses",
    "elasticloadbalancing:ModifyIpPools": "IPAM pools for load balancer addresses",
    "waf-regional:GetWebACL": "WAF (enableWaf: false)",
    "waf-regional:GetWebACLForResource": "WAF (enableWaf: false)",
    "waf-regional:AssociateWebACL": "WAF (enableWaf: false)",
    "waf-regional:DisassociateWebACL": "WAF (enableWaf: false)",
    "wafv2:GetWebACL": "WAFv2 (enableWafv2: false unless berth:loadBalancer.waf)",
    "wafv2:GetWebACLForResource": "WAFv2 (enableWafv2: false unless berth:loadBalancer.waf)",
    "wafv2:AssociateWebACL": "WAFv2 (enableWafv2: false unless berth:loadBalancer.waf)",
    "wafv2:DisassociateWebACL": "WAFv2 (enableWafv2: false unless berth:loadBalancer.waf)",
    "elasticloadbalancing:SetWebAcl": "WAF (enableWaf: false) and WAFv2 (enableWafv2: false unless berth:loadBalancer.waf)",
    "shield:GetSubscriptionState": "Shield Advanced (enableShield: false)",
    "shield:DescribeProtection": "Shield Advanced (enableShield: false)",
    "shield:CreateProtection": "Shield Advanced (enableShield: false)",
    "shield:DeleteProtection": "Shield Advanced (enableShield: false)",
};

describe("loadBalancerControllerPolicy against the upstream policy of the pinned controller", () => {
    const policy = loadBalancerControllerPolicy({ partition: "aws", region: "eu-west-1", account: "123456789012", clusterName: "c", vpcId: "vpc-1", nodeSecurityGroupId: "sg-1" });
    const granted = new Set(policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));

    it("grants every upstream action but those of features berth never turns on", () => {
        const missing = UPSTREAM_V3_5_0.filter((a) => !granted.has(a) && !(a in NOT_GRANTED));
        assert.deepEqual(missing, []);
    });

    it("grants nothing upstream does not, and none of the features it leaves out", () => {
        assert.deepEqual(
            [...granted].filter((a) => !UPSTREAM_V3_5_0.includes(a)),
            [],
        );
        assert.deepEqual(
            Object.keys(NOT_GRANTED).filter((a) => granted.has(a)),
            [],
        );
        assert.deepEqual(
            Object.keys(NOT_GRANTED).filter((a) => !UPSTREAM_V3_5_0.includes(a)),
            [],
        );
    });

    it("keeps mutations scoped: only Describe takes every resource, and nothing names a wildcard action", () => {
        assert.deepEqual(
            policy.Statement.filter((s) => s.Resource === "*").map((s) => s.Sid),
            ["Describe"],
        );
        assert.deepEqual(
            [...granted].filter((a) => a.includes("*")),
            [],
        );
    });
});

describe("loadBalancerControllerPolicy with the WAFv2 addon (berth:loadBalancer.waf)", () => {
    const scope = { partition: "aws", region: "eu-west-1", account: "123456789012", clusterName: "c", vpcId: "vpc-1", nodeSecurityGroupId: "sg-1" };
    const without = loadBalancerControllerPolicy(scope).Statement;
    const withWaf = loadBalancerControllerPolicy(scope, { waf: true }).Statement;

    it("adds exactly upstream's four wafv2 actions and SetWebAcl, on the account's regional web ACLs and the controller's ALBs", () => {
        assert.deepEqual(withWaf.slice(0, without.length), without);
        assert.deepEqual(withWaf.slice(without.length), [
            { Sid: "WafReadAcls", Effect: "Allow", Action: ["wafv2:GetWebACL"], Resource: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/*/*" },
            {
                Sid: "WafAssociate",
                Effect: "Allow",
                Action: ["wafv2:GetWebACLForResource", "wafv2:AssociateWebACL", "wafv2:DisassociateWebACL"],
                Resource: ["arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/*/*", "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/k8s-*/*"],
            },
            { Sid: "WafOnOwnLoadBalancers", Effect: "Allow", Action: ["elasticloadbalancing:SetWebAcl"], Resource: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/k8s-*/*" },
        ]);
        const wafActions = withWaf.slice(without.length).flatMap((s) => s.Action);
        assert.deepEqual(
            wafActions.filter((a) => !UPSTREAM_V3_5_0.includes(a)),
            [],
        );
    });
});
