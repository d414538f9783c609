// What the ALB and NLB components share: a security group that admits only the configured CIDRs,
// and target groups for awsvpc tasks.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";

export interface HealthCheckArgs {
    readonly path: string;
    readonly interval: number;
    readonly timeout: number;
    readonly healthyThreshold: number;
    readonly unhealthyThreshold: number;
    readonly matcher: string;
}

/**
 * ECS's recommended TLS policy family: TLS 1.2 and 1.3 with forward secrecy.
 * See the ELB docs, "Security policies for your Application Load Balancer".
 */
export const MODERN_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** A load balancer security group: ingress from `cidrs` on `ports`, egress only into the VPC. */
export function loadBalancerSecurityGroup(
    parent: pulumi.Resource,
    name: string,
    args: { vpcId: pulumi.Input<string>; vpcCidr: string; cidrs: ReadonlyArray<string>; ports: ReadonlyArray<number>; tags?: Tags },
): aws.ec2.SecurityGroup {
    const sg = new aws.ec2.SecurityGroup(`${name}-sg`, { vpcId: args.vpcId, description: "Load balancer: admits configured CIDRs only", tags: { ...args.tags } }, { parent });
    args.cidrs.forEach((cidr, i) =>
        args.ports.forEach(
            (port) =>
                new aws.vpc.SecurityGroupIngressRule(
                    `${name}-in-${port}-${i}`,
                    { securityGroupId: sg.id, cidrIpv4: cidr, ipProtocol: "tcp", fromPort: port, toPort: port, description: `Port ${port} from ${cidr}` },
                    { parent },
                ),
        ),
    );
    // A load balancer only ever talks to targets inside the VPC.
    new aws.vpc.SecurityGroupEgressRule(`${name}-out-vpc`, { securityGroupId: sg.id, cidrIpv4: args.vpcCidr, ipProtocol: "tcp", fromPort: 0, toPort: 65535, description: "To targets in the VPC" }, { parent });
    return sg;
}

/**
 * Target group args for awsvpc tasks (IP targets). HTTP target groups check the service's path;
 * TCP ones (NLB) check that the port accepts connections, since a TCP service may speak no HTTP.
 */
export interface IpTargetGroup {
    vpcId: pulumi.Input<string>;
    port: number;
    protocol: "HTTP" | "TCP";
    healthCheck: HealthCheckArgs;
    deregistrationDelay: number;
    tags?: Tags;
}

export function ipTargetGroupArgs(args: IpTargetGroup): aws.lb.TargetGroupArgs {
    const hc = args.healthCheck;
    return {
        vpcId: args.vpcId,
        targetType: "ip",
        port: args.port,
        protocol: args.protocol,
        deregistrationDelay: args.deregistrationDelay,
        healthCheck: {
            enabled: true,
            interval: hc.interval,
            timeout: hc.timeout,
            healthyThreshold: hc.healthyThreshold,
            unhealthyThreshold: hc.unhealthyThreshold,
            ...(args.protocol === "HTTP" ? { protocol: "HTTP", path: hc.path, matcher: hc.matcher } : { protocol: "TCP" }),
        },
        tags: { ...args.tags },
    };
}

/** The target group itself, named `NAME-tg` under `parent`, with the caller's transform applied. */
export function ipTargetGroup(parent: pulumi.Resource, name: string, args: IpTargetGroup, transform?: Transform<aws.lb.TargetGroupArgs>): aws.lb.TargetGroup {
    return new aws.lb.TargetGroup(`${name}-tg`, applyTransform(ipTargetGroupArgs(args), transform), { parent });
}
