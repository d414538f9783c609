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

export interface AlbTarget {
    /** Container port the target group sends to. */
    readonly port: number;
    /** Path pattern routed to this target. */
    readonly path: string;
    readonly healthCheck: HealthCheckArgs;
    /** Seconds to drain a deregistering target. @default 30: ALB's default of 300 slows every deploy. */
    readonly deregistrationDelay?: number;
}

/**
 * ECS's recommended TLS policy family: TLS 1.2 and 1.3 with forward secrecy.
 * See the ELB docs, "Security policies for your Application Load Balancer".
 */
export const MODERN_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

export interface AppLoadBalancerArgs {
    readonly vpcId: pulumi.Input<string>;
    /** VPC CIDR: the load balancer's egress is limited to it. */
    readonly vpcCidr: string;
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** CIDRs admitted on 80/443. No default: the audience is always a deliberate choice. */
    readonly allowedCidrs: ReadonlyArray<string>;
    /** Adds HTTPS on 443 and turns 80 into a redirect. @default none: HTTP only */
    readonly certificateArn?: string;
    /** @default 60 */
    readonly idleTimeout?: number;
    /** Deletion protection. @default false (true in prod) */
    readonly protect?: boolean;
    /** Target groups and routes, keyed by service name. */
    readonly targets: Readonly<Record<string, AlbTarget>>;
    readonly tags?: Tags;
    readonly transform?: {
        readonly loadBalancer?: Transform<aws.lb.LoadBalancerArgs>;
        readonly targetGroup?: Transform<aws.lb.TargetGroupArgs>;
    };
}

/** An internet-facing ALB that admits only the configured CIDRs and routes by path to IP target groups. */
export class AppLoadBalancer extends pulumi.ComponentResource {
    readonly dnsName: pulumi.Output<string>;
    readonly url: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    readonly targetGroupArns: Record<string, pulumi.Output<string>>;
    /** Listeners and rules: a service depends on them, since ECS rejects a target group no listener uses. */
    readonly routing: pulumi.Resource[];

    constructor(name: string, args: AppLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:loadbalancer:AppLoadBalancer", name, {}, opts);
        const https = args.certificateArn !== undefined;
        const sg = new aws.ec2.SecurityGroup(`${name}-sg`, { vpcId: args.vpcId, description: "Load balancer: admits configured CIDRs only", tags: { ...args.tags } }, { parent: this });
        const ports = https ? [80, 443] : [80];
        args.allowedCidrs.forEach((cidr, i) =>
            ports.forEach((port) =>
                new aws.vpc.SecurityGroupIngressRule(`${name}-in-${port}-${i}`, { securityGroupId: sg.id, cidrIpv4: cidr, ipProtocol: "tcp", fromPort: port, toPort: port, description: `HTTP${port === 443 ? "S" : ""} from ${cidr}` }, { parent: this }),
            ),
        );
        // The ALB only ever talks to targets inside the VPC.
        new aws.vpc.SecurityGroupEgressRule(`${name}-out-vpc`, { securityGroupId: sg.id, cidrIpv4: args.vpcCidr, ipProtocol: "tcp", fromPort: 0, toPort: 65535, description: "To targets in the VPC" }, { parent: this });

        const lb = new aws.lb.LoadBalancer(
            `${name}-alb`,
            applyTransform<aws.lb.LoadBalancerArgs>(
                {
                    loadBalancerType: "application",
                    internal: false,
                    subnets: args.subnetIds,
                    securityGroups: [sg.id],
                    idleTimeout: args.idleTimeout ?? 60,
                    dropInvalidHeaderFields: true,
                    desyncMitigationMode: "defensive",
                    enableDeletionProtection: args.protect ?? false,
                    tags: { ...args.tags },
                },
                args.transform?.loadBalancer,
            ),
            { parent: this },
        );

        const notFound = { type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "not found", statusCode: "404" } };
        const front = new aws.lb.Listener(
            `${name}-http`,
            {
                loadBalancerArn: lb.arn,
                port: 80,
                protocol: "HTTP",
                defaultActions: [https ? { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } } : notFound],
                tags: { ...args.tags },
            },
            { parent: this },
        );
        const routing = https
            ? new aws.lb.Listener(
                  `${name}-https`,
                  { loadBalancerArn: lb.arn, port: 443, protocol: "HTTPS", sslPolicy: MODERN_TLS_POLICY, certificateArn: args.certificateArn, defaultActions: [notFound], tags: { ...args.tags } },
                  { parent: this },
              )
            : front;
        this.routing = https ? [front, routing] : [front];

        this.targetGroupArns = {};
        // Most specific path first: ALB evaluates rules by ascending priority, so "/*" must come last.
        const bySpecificity = Object.entries(args.targets).sort(([, a], [, b]) => b.path.length - a.path.length);
        bySpecificity.forEach(([svc, t], i) => {
            const tg = new aws.lb.TargetGroup(
                `${name}-${svc}-tg`,
                applyTransform<aws.lb.TargetGroupArgs>(
                    {
                        vpcId: args.vpcId,
                        targetType: "ip",
                        port: t.port,
                        protocol: "HTTP",
                        deregistrationDelay: t.deregistrationDelay ?? 30,
                        healthCheck: {
                            enabled: true,
                            path: t.healthCheck.path,
                            interval: t.healthCheck.interval,
                            timeout: t.healthCheck.timeout,
                            healthyThreshold: t.healthCheck.healthyThreshold,
                            unhealthyThreshold: t.healthCheck.unhealthyThreshold,
                            matcher: t.healthCheck.matcher,
                            protocol: "HTTP",
                        },
                        tags: { ...args.tags },
                    },
                    args.transform?.targetGroup,
                ),
                { parent: this },
            );
            const rule = new aws.lb.ListenerRule(
                `${name}-${svc}-rule`,
                {
                    listenerArn: routing.arn,
                    priority: 100 + i,
                    actions: [{ type: "forward", targetGroupArn: tg.arn }],
                    conditions: [{ pathPattern: { values: [t.path] } }],
                    tags: { ...args.tags },
                },
                { parent: this },
            );
            this.routing.push(rule);
            this.targetGroupArns[svc] = tg.arn;
        });

        this.dnsName = lb.dnsName;
        this.securityGroupId = sg.id;
        this.url = pulumi.interpolate`${https ? "https" : "http"}://${lb.dnsName}`;
        this.registerOutputs({ dnsName: this.dnsName, url: this.url, securityGroupId: this.securityGroupId, targetGroupArns: this.targetGroupArns });
    }
}
