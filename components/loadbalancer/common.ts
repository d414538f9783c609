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

/** Each distinct CIDR once: EC2 rejects a second, identical rule. */
export function distinct<T>(xs: ReadonlyArray<T>): T[] {
    return [...new Set(xs)];
}

/** A child name from a CIDR, stable when other CIDRs are added or removed: `203-0-113-0-24`, `2001-db8---32`. */
export function cidrSlug(cidr: string): string {
    return cidr.replace(/[./:]/g, "-");
}

/**
 * A load balancer security group: ingress from `cidrs` on `ports`. It has no egress of its own:
 * each service adds one rule to its tasks' security group, on its port (EcsService).
 */
export function loadBalancerSecurityGroup(parent: pulumi.Resource, name: string, args: { vpcId: pulumi.Input<string>; cidrs: ReadonlyArray<string>; ports: ReadonlyArray<number>; tags?: Tags }): aws.ec2.SecurityGroup {
    const sg = new aws.ec2.SecurityGroup(`${name}-sg`, { vpcId: args.vpcId, description: "Load balancer: admits configured CIDRs only", tags: { ...args.tags } }, { parent });
    for (const cidr of distinct(args.cidrs)) {
        for (const port of distinct(args.ports)) {
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-in-${port}-${cidrSlug(cidr)}`,
                { securityGroupId: sg.id, ...(cidr.includes(":") ? { cidrIpv6: cidr } : { cidrIpv4: cidr }), ipProtocol: "tcp", fromPort: port, toPort: port, description: `Port ${port} from ${cidr}` },
                { parent },
            );
        }
    }
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
