import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { HealthCheckArgs, ipTargetGroupArgs, loadBalancerSecurityGroup, MODERN_TLS_POLICY } from "./common";

export interface NlbTarget {
    /** Port the listener accepts on. */
    readonly listenerPort: number;
    /** Container port the target group sends to. */
    readonly port: number;
    readonly healthCheck: HealthCheckArgs;
}

export interface NetworkLoadBalancerArgs {
    readonly vpcId: pulumi.Input<string>;
    readonly vpcCidr: string;
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** CIDRs admitted on the listener ports. */
    readonly allowedCidrs: ReadonlyArray<string>;
    /** Terminates TLS on every listener. @default none: plain TCP */
    readonly certificateArn?: string;
    /** @default 30 */
    readonly deregistrationDelay?: number;
    /** @default false (true in prod) */
    readonly protect?: boolean;
    /** One listener and target group per service. */
    readonly targets: Readonly<Record<string, NlbTarget>>;
    readonly tags?: Tags;
    readonly transform?: { readonly loadBalancer?: Transform<aws.lb.LoadBalancerArgs>; readonly targetGroup?: Transform<aws.lb.TargetGroupArgs> };
}

/**
 * An internet-facing NLB with a security group (so tasks can admit it by reference), cross-zone
 * load balancing on, and a TCP or TLS listener per service.
 */
export class NetworkLoadBalancer extends pulumi.ComponentResource {
    readonly dnsName: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    readonly targetGroupArns: Record<string, pulumi.Output<string>>;
    readonly routing: pulumi.Resource[];

    constructor(name: string, args: NetworkLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:loadbalancer:NetworkLoadBalancer", name, {}, opts);
        const tls = args.certificateArn !== undefined;
        const ports = [...new Set(Object.values(args.targets).map((t) => t.listenerPort))];
        const sg = loadBalancerSecurityGroup(this, name, { vpcId: args.vpcId, vpcCidr: args.vpcCidr, cidrs: args.allowedCidrs, ports, tags: args.tags });
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
            const tg = new aws.lb.TargetGroup(
                `${name}-${svc}-tg`,
                applyTransform(
                    ipTargetGroupArgs({ vpcId: args.vpcId, port: t.port, protocol: "TCP", healthCheck: t.healthCheck, deregistrationDelay: args.deregistrationDelay ?? 30, tags: args.tags }),
                    args.transform?.targetGroup,
                ),
                { parent: this },
            );
            const listener = new aws.lb.Listener(
                `${name}-${svc}-listener`,
                {
                    loadBalancerArn: lb.arn,
                    port: t.listenerPort,
                    protocol: tls ? "TLS" : "TCP",
                    ...(tls ? { certificateArn: args.certificateArn, sslPolicy: MODERN_TLS_POLICY } : {}),
                    defaultActions: [{ type: "forward", targetGroupArn: tg.arn }],
                    tags: { ...args.tags },
                },
                { parent: this },
            );
            this.routing.push(listener);
            this.targetGroupArns[svc] = tg.arn;
        }
        this.dnsName = lb.dnsName;
        this.securityGroupId = sg.id;
        this.registerOutputs({ dnsName: this.dnsName, securityGroupId: this.securityGroupId, targetGroupArns: this.targetGroupArns });
    }
}
