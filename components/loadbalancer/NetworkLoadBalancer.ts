import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { HealthCheckArgs, ipTargetGroup, loadBalancerSecurityGroup, MODERN_TLS_POLICY } from "./common";

export interface NlbTarget {
    /** Port the listener accepts on. Required. */
    readonly listenerPort: number;
    /** Container port the target group sends to. Required. */
    readonly port: number;
    /** The target group's health check; only its timing and thresholds apply, since the check is TCP. Required. */
    readonly healthCheck: HealthCheckArgs;
}

export interface NetworkLoadBalancerArgs {
    /** VPC of the load balancer, its security group and target groups. Required. */
    readonly vpcId: pulumi.Input<string>;
    /** Public subnets the load balancer sits in. Required. */
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** CIDRs admitted on the listener ports. No default: the audience is always a deliberate choice. Required. */
    readonly allowedCidrs: ReadonlyArray<string>;
    /** Terminates TLS on every listener. @default none: plain TCP */
    readonly certificateArn?: pulumi.Input<string>;
    /** Seconds a deregistering target drains. @default 30: the ELB default of 300 slows every deploy */
    readonly deregistrationDelay?: number;
    /** Deletion protection. @default false (true in prod) */
    readonly protect?: boolean;
    /** One listener and target group per service, keyed by service name. Required. */
    readonly targets: Readonly<Record<string, NlbTarget>>;
    /** Tags for every child. @default none */
    readonly tags?: Tags;
    /** Overrides for the main children's args, applied just before each is created. @default none */
    readonly transform?: {
        readonly loadBalancer?: Transform<aws.lb.LoadBalancerArgs>;
        readonly targetGroup?: Transform<aws.lb.TargetGroupArgs>;
        /** Applied to every service's listener. */
        readonly listener?: Transform<aws.lb.ListenerArgs>;
    };
}

/**
 * An internet-facing NLB with a security group (so tasks can admit it by reference), cross-zone
 * load balancing on, and a TCP or TLS listener per service.
 */
export class NetworkLoadBalancer extends pulumi.ComponentResource {
    readonly dnsName: pulumi.Output<string>;
    /** The load balancer's own hosted zone, which DNS alias records name. */
    readonly zoneId: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    readonly targetGroupArns: Record<string, pulumi.Output<string>>;
    readonly routing: pulumi.Resource[];

    constructor(name: string, args: NetworkLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:loadbalancer:NetworkLoadBalancer", name, {}, opts);
        const ports = [...new Set(Object.values(args.targets).map((t) => t.listenerPort))];
        const sg = loadBalancerSecurityGroup(this, name, { vpcId: args.vpcId, cidrs: args.allowedCidrs, ports, tags: args.tags });
        const lb = new aws.lb.LoadBalancer(
            `${name}-lb`,
            applyTransform<aws.lb.LoadBalancerArgs>(
                {
                    loadBalancerType: "network",
                    internal: false,
                    subnets: args.subnetIds,
                    securityGroups: [sg.id],
                    // Without it, an AZ with fewer tasks gets the same share of traffic as the others.
                    enableCrossZoneLoadBalancing: true,
                    enableDeletionProtection: args.protect ?? false,
                    tags: { ...args.tags },
                },
                args.transform?.loadBalancer,
            ),
            { parent: this },
        );
        this.targetGroupArns = {};
        this.routing = [];
        for (const [svc, t] of Object.entries(args.targets)) {
            const { tg, listener } = this.target(name, svc, t, args, lb);
            this.routing.push(listener);
            this.targetGroupArns[svc] = tg.arn;
        }
        this.dnsName = lb.dnsName;
        this.zoneId = lb.zoneId;
        this.securityGroupId = sg.id;
        this.registerOutputs({ dnsName: this.dnsName, securityGroupId: this.securityGroupId, targetGroupArns: this.targetGroupArns });
    }

    /** One service's target group and the listener that forwards to it. */
    private target(name: string, svc: string, t: NlbTarget, args: NetworkLoadBalancerArgs, lb: aws.lb.LoadBalancer): { tg: aws.lb.TargetGroup; listener: aws.lb.Listener } {
        const tls = args.certificateArn !== undefined;
        const tg = ipTargetGroup(this, `${name}-${svc}`, { vpcId: args.vpcId, port: t.port, protocol: "TCP", healthCheck: t.healthCheck, deregistrationDelay: args.deregistrationDelay ?? 30, tags: args.tags }, args.transform?.targetGroup);
        const listener = new aws.lb.Listener(
            `${name}-${svc}-listener`,
            applyTransform<aws.lb.ListenerArgs>(
                {
                    loadBalancerArn: lb.arn,
                    port: t.listenerPort,
                    protocol: tls ? "TLS" : "TCP",
                    ...(tls ? { certificateArn: args.certificateArn, sslPolicy: MODERN_TLS_POLICY } : {}),
                    defaultActions: [{ type: "forward", targetGroupArn: tg.arn }],
                    tags: { ...args.tags },
                },
                args.transform?.listener,
            ),
            { parent: this },
        );
        return { tg, listener };
    }
}
