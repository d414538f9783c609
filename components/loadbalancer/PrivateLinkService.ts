import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { HealthCheckArgs, ipTargetGroup, loadBalancerSecurityGroup } from "./common";

export interface PrivateLinkServiceArgs {
    /** VPC of the load balancer, its security group and target group. Required. */
    readonly vpcId: pulumi.Input<string>;
    /** Private subnets the internal load balancer sits in. Required. */
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The port consumers connect to. Required. */
    readonly listenerPort: number;
    /** Container port the target group sends to. Required. */
    readonly port: number;
    /** The target group's health check; only its timing and thresholds apply, since the check is TCP. Required. */
    readonly healthCheck: HealthCheckArgs;
    /** IAM principals (accounts, roles or users, by ARN) that may create endpoints to the service. Required. */
    readonly allowedPrincipals: ReadonlyArray<string>;
    /** Each new endpoint waits for the provider to accept it. @default true */
    readonly acceptanceRequired?: boolean;
    /** Seconds a deregistering target drains. @default 30 */
    readonly deregistrationDelay?: number;
    /** Deletion protection on the load balancer. @default false (true in prod) */
    readonly protect?: boolean;
    /** Tags for every child. @default none */
    readonly tags?: Tags;
    /** Overrides for the main children's args, applied just before each is created. @default none */
    readonly transform?: {
        readonly loadBalancer?: Transform<aws.lb.LoadBalancerArgs>;
        readonly endpointService?: Transform<aws.ec2.VpcEndpointServiceArgs>;
    };
}

/**
 * One service published to other VPCs and accounts through AWS PrivateLink: an internal NLB of its
 * own in the private subnets, and a VPC endpoint service on it. It has its own load balancer so that
 * the principals allowed in reach this service and nothing else of the stack. The load balancer's
 * security group admits no CIDR: PrivateLink traffic is not evaluated against it, and nothing else
 * is let in.
 */
export class PrivateLinkService extends pulumi.ComponentResource {
    readonly serviceName: pulumi.Output<string>;
    readonly targetGroupArn: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    /** The listener: ECS registers targets only once a listener uses the target group. */
    readonly routing: pulumi.Resource[];

    constructor(name: string, args: PrivateLinkServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:loadbalancer:PrivateLinkService", name, {}, opts);
        const sg = loadBalancerSecurityGroup(this, name, { vpcId: args.vpcId, cidrs: [], ports: [], tags: args.tags });
        const lb = new aws.lb.LoadBalancer(
            `${name}-lb`,
            applyTransform<aws.lb.LoadBalancerArgs>(
                {
                    loadBalancerType: "network",
                    internal: true,
                    subnets: args.subnetIds,
                    securityGroups: [sg.id],
                    // Endpoint consumers arrive through PrivateLink; the group still keeps everyone else out.
                    enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: "off",
                    enableCrossZoneLoadBalancing: true,
                    enableDeletionProtection: args.protect ?? false,
                    tags: { ...args.tags },
                },
                args.transform?.loadBalancer,
            ),
            { parent: this },
        );
        const tg = ipTargetGroup(this, name, { vpcId: args.vpcId, port: args.port, protocol: "TCP", healthCheck: args.healthCheck, deregistrationDelay: args.deregistrationDelay ?? 30, tags: args.tags });
        const listener = new aws.lb.Listener(
            `${name}-listener`,
            { loadBalancerArn: lb.arn, port: args.listenerPort, protocol: "TCP", defaultActions: [{ type: "forward", targetGroupArn: tg.arn }], tags: { ...args.tags } },
            { parent: this },
        );
        const endpointService = new aws.ec2.VpcEndpointService(
            `${name}-endpoint-service`,
            applyTransform<aws.ec2.VpcEndpointServiceArgs>(
                {
                    networkLoadBalancerArns: [lb.arn],
                    acceptanceRequired: args.acceptanceRequired ?? true,
                    allowedPrincipals: [...new Set(args.allowedPrincipals)],
                    tags: { ...args.tags },
                },
                args.transform?.endpointService,
            ),
            { parent: this },
        );
        this.serviceName = endpointService.serviceName;
        this.targetGroupArn = tg.arn;
        this.securityGroupId = sg.id;
        this.routing = [listener];
        this.registerOutputs({ serviceName: this.serviceName, targetGroupArn: this.targetGroupArn, securityGroupId: this.securityGroupId });
    }
}
