// Load balancers, launch templates and Auto Scaling groups (issue 21, "ELB" and "EC2 and Auto Scaling").
import type { PlannedResource } from "../../start/types";
import type { Policy, PolicyContext } from "../types";
import { at, counted, isTrue, list, rec, shown, str, tag } from "./b-read";

export const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const LISTENER_RULE = "aws:lb/listenerRule:ListenerRule";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const LAUNCH_CONFIG = "aws:ec2/launchConfiguration:LaunchConfiguration";
const INSTANCE = "aws:ec2/instance:Instance";
export const ASG = "aws:autoscaling/group:Group";
const SELF_MANAGED_NODES = "eks:index:NodeGroupV2";
const SELF_MANAGED_NODES_V1 = "eks:index:NodeGroup";

/** `application` unless written otherwise (the provider's default). */
export function lbType(r: PlannedResource): string {
    return str(r.inputs.loadBalancerType) ?? "application";
}

/** The subnets a load balancer spans: `subnets`, or `subnetMappings[].subnetId`. */
export function lbSubnets(r: PlannedResource): unknown[] {
    const subnets = list(r.inputs.subnets);
    return subnets.length ? subnets : list(r.inputs.subnetMappings).map((m) => rec(m).subnetId);
}

const isHttps = (l: PlannedResource) => l.inputs.protocol === "HTTPS" || !!str(l.inputs.certificateArn);
const redirectsToHttps = (action: unknown) => rec(action).type === "redirect" && rec(rec(action).redirect).protocol === "HTTPS";

/** What an HTTP listener serves other than a redirect to HTTPS: its default action, then its rules'. */
function plainHttp(r: PlannedResource, ctx: PolicyContext): string[] {
    const defaults = list(r.inputs.defaultActions);
    const plain = defaults.findIndex((a) => !redirectsToHttps(a));
    const found = plain >= 0 ? [`port ${shown(r.inputs.port)} HTTP listener's defaultActions[${plain}].type is ${shown(rec(defaults[plain]).type)}, not a redirect to HTTPS`] : [];
    const rules = ctx.ofType(LISTENER_RULE).filter((rule) => r.arn && rule.inputs.listenerArn === r.arn);
    return [
        ...found,
        ...rules
            .filter((rule) => list(rule.inputs.actions).some((a) => !redirectsToHttps(a)))
            .map((rule) => `listener rule ${rule.name} serves port ${shown(r.inputs.port)} over HTTP (actions[0].type ${shown(rec(list(rule.inputs.actions)[0]).type)})`),
    ];
}

// https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-1
// Issue 21 narrows FSBP's rule to load balancers that have HTTPS: without a certificate there is
// nowhere to redirect to, and dev's plain HTTP is then a choice the HTTPS advice already warns about.
const elb1: Policy = {
    name: "ELB.1",
    description: "When a load balancer has an HTTPS listener, its HTTP listeners only redirect to HTTPS.",
    fix: "berth redirects port 80 to 443 whenever berth:loadBalancer.certificateArn or .domain is set; a transform must not replace the redirect",
    types: [LISTENER],
    check: (r, ctx) => {
        if (r.inputs.protocol !== "HTTP") return [];
        const https = ctx.ofType(LISTENER).some((l) => l !== r && l.inputs.loadBalancerArn === r.inputs.loadBalancerArn && isHttps(l));
        return https ? plainHttp(r, ctx) : [];
    },
};

/** A load balancer check on ALBs, or on ALBs and NLBs. */
function lbCheck(kinds: ReadonlyArray<string>, check: (r: PlannedResource) => string[]): (r: PlannedResource) => string[] {
    return (r) => (kinds.includes(lbType(r)) ? check(r) : []);
}

// https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-4
const elb4: Policy = {
    name: "ELB.4",
    description: "Application Load Balancers drop HTTP headers with invalid fields.",
    fix: "berth's AppLoadBalancer sets dropInvalidHeaderFields: true; a transform must not turn it off",
    types: [LB],
    check: lbCheck(["application"], (r) => (isTrue(r.inputs.dropInvalidHeaderFields) ? [] : [`dropInvalidHeaderFields is ${shown(r.inputs.dropInvalidHeaderFields)}`])),
};

// https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-5
const elb5: Policy = {
    name: "ELB.5",
    description: "Application and Network Load Balancers write access logs.",
    fix: "set berth:loadBalancer.accessLogs (prod keeps them by default, in a bucket berth creates)",
    types: [LB],
    check: lbCheck(["application", "network"], (r) => (isTrue(at(r, "accessLogs.enabled")) ? [] : [`accessLogs.enabled is ${shown(at(r, "accessLogs.enabled"))}`])),
};

// https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-6
const elb6: Policy = {
    name: "ELB.6",
    description: "Application and Network Load Balancers have deletion protection.",
    fix: "deploy with berth:environment: prod (berth protects load balancers there), or list ELB.6 as a dev or staging exception",
    types: [LB],
    check: lbCheck(["application", "network"], (r) => (isTrue(r.inputs.enableDeletionProtection) ? [] : [`enableDeletionProtection is ${shown(r.inputs.enableDeletionProtection)}`])),
};

// https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-12
// AWS's default mode is `defensive`, so an unset value passes; `monitor` lets desync attacks through.
const elb12: Policy = {
    name: "ELB.12",
    description: "Application Load Balancers mitigate HTTP desync in defensive or strictest mode.",
    fix: "berth's AppLoadBalancer sets desyncMitigationMode: defensive; a transform may only raise it to strictest",
    types: [LB],
    check: lbCheck(["application"], (r) => {
        const mode = r.inputs.desyncMitigationMode ?? "defensive";
        return mode === "defensive" || mode === "strictest" ? [] : [`desyncMitigationMode is ${shown(mode)}`];
    }),
};

// https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-13
// The plan knows subnets, not zones: awsx makes one subnet per AZ and tier, so 2 subnets mean 2 AZs.
const elb13: Policy = {
    name: "ELB.13",
    description: "Application and Network Load Balancers span at least two Availability Zones (two subnets).",
    fix: "give berth:network.azs 2 or more (or pass two subnets of different AZs to an existing VPC)",
    types: [LB],
    check: lbCheck(["application", "network"], (r) => (lbSubnets(r).length >= 2 ? [] : [counted("subnets", lbSubnets(r))])),
};

/** IMDSv2 only: `metadataOptions.httpTokens` is `required`. */
function imdsv2(r: PlannedResource): string[] {
    const tokens = at(r, "metadataOptions.httpTokens");
    return tokens === "required" ? [] : [`metadataOptions.httpTokens is ${shown(tokens)}`];
}

// https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-8
// eks:index:NodeGroupV2 builds its launch template inside the remote component, out of the plan's
// sight: Security Hub checks that one.
const ec28: Policy = {
    name: "EC2.8",
    description: "EC2 instances and launch templates require IMDSv2 (session tokens).",
    fix: "set metadataOptions.httpTokens: required (berth's launch templates do; a transform must not change it)",
    types: [LAUNCH_TEMPLATE, INSTANCE],
    check: imdsv2,
};

/** The launch template or configuration an Auto Scaling group launches from, by id or name. */
function launchSourceOf(r: PlannedResource, ctx: PolicyContext): PlannedResource | undefined {
    const spec = rec(r.inputs.launchTemplate);
    const mixed = rec(at(r, "mixedInstancesPolicy.launchTemplate.launchTemplateSpecification"));
    const ref = str(spec.id) ?? str(spec.name) ?? str(mixed.launchTemplateId) ?? str(mixed.launchTemplateName);
    if (ref) return ctx.find(ref, LAUNCH_TEMPLATE);
    const config = str(r.inputs.launchConfiguration);
    return config ? ctx.find(config, LAUNCH_CONFIG) : undefined;
}

// https://docs.aws.amazon.com/securityhub/latest/userguide/autoscaling-controls.html#autoscaling-3
// A template from outside the plan cannot be read offline and passes here.
const autoscaling3: Policy = {
    name: "AutoScaling.3",
    description: "Auto Scaling groups launch instances that require IMDSv2.",
    fix: "set metadataOptions.httpTokens: required on the group's launch template (berth's templates do)",
    types: [ASG],
    check: (r, ctx) => {
        const source = launchSourceOf(r, ctx);
        return source ? imdsv2(source).map((m) => `its launch template ${source.name}: ${m}`) : [];
    },
};

/** The template's network interfaces that ask for a public IP, or a self-managed node group's flag. */
function publicIps(r: PlannedResource): string[] {
    if (r.type !== LAUNCH_TEMPLATE) return isTrue(r.inputs.nodeAssociatePublicIpAddress) ? [`nodeAssociatePublicIpAddress is ${shown(r.inputs.nodeAssociatePublicIpAddress)}`] : [];
    return list(r.inputs.networkInterfaces).flatMap((ni, i) => (isTrue(rec(ni).associatePublicIpAddress) ? [`networkInterfaces[${i}].associatePublicIpAddress is ${shown(rec(ni).associatePublicIpAddress)}`] : []));
}

// No FSBP control for launch templates (AutoScaling.5 is launch configurations'), hence berth's name.
// pulumi-eks's self-managed node groups build their launch template inside the remote component, from
// nodeAssociatePublicIpAddress, so the policy reads that flag there.
// The exception: berth's NAT instance (components/network/NatInstance.ts) forwards the private
// subnets' traffic to the internet from its own public address, which it cannot do without one; it
// is told apart by its `berth:nat-instance` tag, and its security group admits only the VPC.
const launchTemplatePublicIp: Policy = {
    name: "EC2.launch-template-public-ip",
    description: "Launch templates do not give instances a public IP address (except berth's NAT instance, which needs one to forward traffic).",
    fix: "set associatePublicIpAddress (or a node group's nodeAssociatePublicIpAddress) to false and run instances in private subnets, as berth's node and capacity templates do",
    types: [LAUNCH_TEMPLATE, SELF_MANAGED_NODES, SELF_MANAGED_NODES_V1],
    check: (r) => (tag(r, "berth:nat-instance") ? [] : publicIps(r)),
};

export const NETWORK_POLICIES: ReadonlyArray<Policy> = [elb1, elb4, elb5, elb6, elb12, elb13, ec28, autoscaling3, launchTemplatePublicIp];
