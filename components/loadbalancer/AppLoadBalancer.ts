import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { HealthCheckArgs, ipTargetGroup, loadBalancerSecurityGroup, MODERN_TLS_POLICY } from "./common";

export interface AlbTarget {
    /** Container port the target group sends to. Required. */
    readonly port: number;
    /** Path pattern routed to this target. Required. */
    readonly path: string;
    /** Listener-rule priority: lower wins, so more specific paths need lower numbers. Keep it stable. Required. */
    readonly priority: number;
    /** The target group's health check (its path, matcher and thresholds). Required. */
    readonly healthCheck: HealthCheckArgs;
    /** Client CIDRs the rule forwards (a source-ip condition); others get the listener's 404. @default any source the security group admits */
    readonly sourceCidrs?: ReadonlyArray<string>;
}

export interface AppLoadBalancerArgs {
    /** VPC of the load balancer, its security group and target groups. Required. */
    readonly vpcId: pulumi.Input<string>;
    /** Subnets the load balancer sits in: public ones, or private ones when `internal`. Required. */
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Internal scheme: private addresses only, reachable from inside the VPC and what routes to it (a VPN). @default false: internet-facing */
    readonly internal?: boolean;
    /** CIDRs admitted on 80/443. No default: the audience is always a deliberate choice. Required. */
    readonly allowedCidrs: ReadonlyArray<string>;
    /** Adds HTTPS on 443 and turns 80 into a redirect. @default none: HTTP only */
    readonly certificateArn?: pulumi.Input<string>;
    /** Seconds an idle connection stays open. @default 60 */
    readonly idleTimeout?: number;
    /** Seconds a deregistering target drains. @default 30: ALB's default of 300 slows every deploy */
    readonly deregistrationDelay?: number;
    /**
     * Access logs to this S3 bucket, whose policy must let ELB write: ELB checks it when the attribute
     * is set, so `after` (the bucket policy) is created first. @default none
     */
    readonly accessLogs?: { readonly bucket: pulumi.Input<string>; readonly prefix?: string; readonly after?: pulumi.Resource };
    /** Deletion protection. @default false (true in prod) */
    readonly protect?: boolean;
    /**
     * "dualstack" adds IPv6; "dualstack-without-public-ipv4" (internet-facing only) drops the public
     * IPv4 addresses, each billed hourly. Both need IPv6 ranges on `subnetIds`. @default "ipv4"
     */
    readonly ipAddressType?: "ipv4" | "dualstack" | "dualstack-without-public-ipv4";
    /** Target groups and routes, keyed by service name. Required. */
    readonly targets: Readonly<Record<string, AlbTarget>>;
    /** Tags for every child. @default none */
    readonly tags?: Tags;
    /** Overrides for the main children's args, applied just before each is created. @default none */
    readonly transform?: {
        readonly loadBalancer?: Transform<aws.lb.LoadBalancerArgs>;
        readonly targetGroup?: Transform<aws.lb.TargetGroupArgs>;
    };
}

/**
 * The listener rule's path patterns. A bare prefix such as /api matches only /api itself as an ALB
 * pattern; people mean /api and everything under it, so it also gets /api/*. A pattern with a
 * wildcard is taken as written.
 */
export function pathPatterns(path: string): string[] {
    if (/[*?]/.test(path) || path === "/") return [path];
    const base = path.replace(/\/+$/, "");
    return [base, `${base}/*`];
}

const NOT_FOUND = { type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "not found", statusCode: "404" } };

/** A hardened ALB, internet-facing or internal, that admits only the configured CIDRs and routes by path to IP target groups. */
export class AppLoadBalancer extends pulumi.ComponentResource {
    /** The load balancer's ARN, which a WAF web ACL association names. */
    readonly arn: pulumi.Output<string>;
    readonly dnsName: pulumi.Output<string>;
    /** The load balancer's own hosted zone, which DNS alias records name. */
    readonly zoneId: pulumi.Output<string>;
    readonly url: pulumi.Output<string>;
    readonly arnSuffix: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    readonly targetGroupArns: Record<string, pulumi.Output<string>>;
    /** Target group ARN suffixes: with `arnSuffix`, the resource label for request-count scaling. */
    readonly targetGroupArnSuffixes: Record<string, pulumi.Output<string>>;
    /** Listeners and rules: a service depends on them, since ECS rejects a target group no listener uses. */
    readonly routing: pulumi.Resource[];

    constructor(name: string, args: AppLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:loadbalancer:AppLoadBalancer", name, {}, opts);
        const https = args.certificateArn !== undefined;
        const sg = loadBalancerSecurityGroup(this, name, { vpcId: args.vpcId, cidrs: args.allowedCidrs, ports: https ? [80, 443] : [80], tags: args.tags });

        const lb = new aws.lb.LoadBalancer(
            `${name}-lb`,
            applyTransform<aws.lb.LoadBalancerArgs>(
                {
                    loadBalancerType: "application",
                    internal: args.internal ?? false,
                    ipAddressType: args.ipAddressType ?? "ipv4",
                    subnets: args.subnetIds,
                    securityGroups: [sg.id],
                    idleTimeout: args.idleTimeout ?? 60,
                    // Reject requests with malformed headers instead of passing them to the app.
                    dropInvalidHeaderFields: true,
                    // Blocks HTTP desync (request smuggling) while still serving unusual but safe requests.
                    desyncMitigationMode: "defensive",
                    enableDeletionProtection: args.protect ?? false,
                    accessLogs: args.accessLogs ? { bucket: args.accessLogs.bucket, prefix: args.accessLogs.prefix, enabled: true } : undefined,
                    tags: { ...args.tags },
                },
                args.transform?.loadBalancer,
            ),
            { parent: this, dependsOn: args.accessLogs?.after ? [args.accessLogs.after] : [] },
        );

        const { front, routing } = this.listeners(name, args, lb);
        this.routing = https ? [front, routing] : [front];
        this.targetGroupArns = {};
        this.targetGroupArnSuffixes = {};
        for (const [svc, t] of Object.entries(args.targets)) {
            const { tg, rule } = this.target(name, svc, t, args, routing);
            this.routing.push(rule);
            this.targetGroupArns[svc] = tg.arn;
            this.targetGroupArnSuffixes[svc] = tg.arnSuffix;
        }

        this.arn = lb.arn;
        this.dnsName = lb.dnsName;
        this.zoneId = lb.zoneId;
        this.arnSuffix = lb.arnSuffix;
        this.securityGroupId = sg.id;
        this.url = pulumi.interpolate`${https ? "https" : "http"}://${lb.dnsName}`;
        this.registerOutputs({
            arn: this.arn,
            dnsName: this.dnsName,
            url: this.url,
            arnSuffix: this.arnSuffix,
            securityGroupId: this.securityGroupId,
            targetGroupArns: this.targetGroupArns,
            targetGroupArnSuffixes: this.targetGroupArnSuffixes,
        });
    }

    /** The listener on 80 and, with a certificate, the one on 443; `routing` is the one that carries the path rules. */
    private listeners(name: string, args: AppLoadBalancerArgs, lb: aws.lb.LoadBalancer): { front: aws.lb.Listener; routing: aws.lb.Listener } {
        const https = args.certificateArn !== undefined;
        const front = new aws.lb.Listener(
            `${name}-http`,
            {
                loadBalancerArn: lb.arn,
                port: 80,
                protocol: "HTTP",
                defaultActions: [https ? { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } } : NOT_FOUND],
                tags: { ...args.tags },
            },
            { parent: this },
        );
        const routing = https
            ? new aws.lb.Listener(
                  `${name}-https`,
                  { loadBalancerArn: lb.arn, port: 443, protocol: "HTTPS", sslPolicy: MODERN_TLS_POLICY, certificateArn: args.certificateArn, defaultActions: [NOT_FOUND], tags: { ...args.tags } },
                  { parent: this },
              )
            : front;
        return { front, routing };
    }

    /** One service's target group and the path rule that forwards to it. */
    private target(name: string, svc: string, t: AlbTarget, args: AppLoadBalancerArgs, listener: aws.lb.Listener): { tg: aws.lb.TargetGroup; rule: aws.lb.ListenerRule } {
        const tg = ipTargetGroup(this, `${name}-${svc}`, { vpcId: args.vpcId, port: t.port, protocol: "HTTP", healthCheck: t.healthCheck, deregistrationDelay: args.deregistrationDelay ?? 30, tags: args.tags }, args.transform?.targetGroup);
        const rule = new aws.lb.ListenerRule(
            `${name}-${svc}-rule`,
            {
                listenerArn: listener.arn,
                priority: t.priority,
                actions: [{ type: "forward", targetGroupArn: tg.arn }],
                conditions: [{ pathPattern: { values: pathPatterns(t.path) } }, ...(t.sourceCidrs ? [{ sourceIp: { values: [...t.sourceCidrs] } }] : [])],
                tags: { ...args.tags },
            },
            { parent: this },
        );
        return { tg, rule };
    }
}
