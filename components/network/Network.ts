import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { NatInstance } from "./NatInstance";

export type NatStrategy = "none" | "single" | "one-per-az" | "instance";

const NAT_GATEWAYS: Record<NatStrategy, awsx.types.enums.ec2.NatGatewayStrategy> = {
    none: "None",
    single: "Single",
    "one-per-az": "OnePerAz",
    // The instance routes are berth's own; awsx creates no gateway.
    instance: "None",
};

export interface NetworkArgs {
    /** VPC CIDR block. @default "10.0.0.0/16" */
    readonly cidr?: string;
    /** Availability zones. @default 2: the fewest an ALB accepts. */
    readonly azs?: 2 | 3;
    /**
     * Egress for the private subnets. "single": one NAT gateway (about $33 a month plus data);
     * "one-per-az": one per AZ, so an AZ outage takes only its own egress (prod); "instance": a small
     * Graviton NAT instance, a few dollars a month (dev); "none": no egress. @default "single"
     */
    readonly nat?: NatStrategy;
    /** The region, for the S3 gateway endpoint's service name. Required. */
    readonly region: pulumi.Input<string>;
    /** A gateway endpoint for S3 on the private route tables: free, and ECR's image layers (stored in S3) then skip NAT. @default true */
    readonly s3Endpoint?: boolean;
    /**
     * An Amazon-provided IPv6 /56 for the VPC, a /64 for each public subnet, and a ::/0 route from
     * the public subnets to the internet gateway: what a dual-stack ALB needs. Private subnets stay
     * IPv4 only. @default false
     */
    readonly ipv6PublicSubnets?: boolean;
    /** Tags merged into the VPC's tags. */
    readonly tags?: Tags;
    readonly transform?: { readonly vpc?: Transform<awsx.ec2.VpcArgs> };
}

/**
 * A VPC with public subnets (load balancers, NAT) and private subnets (tasks, nodes) in each
 * AZ, built by awsx.ec2.Vpc, with an S3 gateway endpoint and, for `nat: instance`, a NAT instance.
 */
export class Network extends pulumi.ComponentResource {
    readonly vpcId: pulumi.Output<string>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    /** The private subnets' route tables, one per AZ. */
    readonly privateRouteTableIds: pulumi.Output<string[]>;
    readonly vpc: awsx.ec2.Vpc;
    /**
     * What private egress needs besides the VPC: a NAT instance's routes, and its group, whose creation
     * ends once the instance has proven forwarding (its launch hook). Workloads wait for it.
     */
    readonly egress: pulumi.Resource[];

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:network:Network", name, {}, opts);
        const cidr = args.cidr ?? "10.0.0.0/16";
        const azs = args.azs ?? 2;
        const nat = args.nat ?? "single";
        const vpcArgs: awsx.ec2.VpcArgs = {
            cidrBlock: cidr,
            numberOfAvailabilityZones: azs,
            natGateways: { strategy: NAT_GATEWAYS[nat] },
            // "Auto" lays subnets out without gaps; awsx warns that the legacy default is deprecated.
            subnetStrategy: "Auto",
            // awsx gives a subnet an IPv6 /64 only where assignIpv6AddressOnCreation is true (awsx
            // ec2/vpc.ts, handleIpv6Cidr), so the private subnets opt out explicitly.
            ...(args.ipv6PublicSubnets ? { assignGeneratedIpv6CidrBlock: true } : {}),
            subnetSpecs: [
                { type: "Public", cidrMask: 24, ...(args.ipv6PublicSubnets ? { assignIpv6AddressOnCreation: true } : {}) },
                { type: "Private", cidrMask: 19, ...(args.ipv6PublicSubnets ? { assignIpv6AddressOnCreation: false } : {}) },
            ],
            enableDnsHostnames: true,
            enableDnsSupport: true,
            tags: { ...args.tags },
        };
        this.vpc = new awsx.ec2.Vpc(`${name}-vpc`, applyTransform(vpcArgs, args.transform?.vpc), { parent: this });
        this.vpcId = this.vpc.vpcId;
        this.privateSubnetIds = this.vpc.privateSubnetIds;
        this.publicSubnetIds = this.vpc.publicSubnetIds;
        // awsx creates a route table per private subnet but does not output their ids, so they are
        // looked up by subnet: the routes berth adds to them are then its own, and visible in a plan.
        this.privateRouteTableIds = this.routeTablesOf(this.privateSubnetIds);
        if (args.s3Endpoint ?? true) {
            new aws.ec2.VpcEndpoint(
                `${name}-s3`,
                { vpcId: this.vpcId, serviceName: pulumi.interpolate`com.amazonaws.${args.region}.s3`, vpcEndpointType: "Gateway", routeTableIds: this.privateRouteTableIds, tags: { ...args.tags } },
                { parent: this },
            );
        }
        if (args.ipv6PublicSubnets) this.ipv6Routes(name, azs);
        this.egress = [];
        if (nat === "instance") {
            const natInstance = new NatInstance(
                `${name}-nat`,
                { vpcId: this.vpcId, vpcCidr: cidr, publicSubnetId: this.publicSubnetIds.apply((ids) => ids[0]), privateRouteTableIds: this.privateRouteTableIds, routeTableCount: azs, tags: args.tags },
                { parent: this },
            );
            this.egress.push(...natInstance.ready);
        }
        this.registerOutputs({ vpcId: this.vpcId, privateSubnetIds: this.privateSubnetIds, publicSubnetIds: this.publicSubnetIds, privateRouteTableIds: this.privateRouteTableIds });
    }

    /**
     * awsx routes 0.0.0.0/0 from the public subnets to the internet gateway, but adds no IPv6 route
     * (awsx ec2/vpc.ts creates no route with a destinationIpv6CidrBlock), so without these an IPv6
     * client's packets reach the ALB and its answers have no way back.
     */
    /** The route table of each subnet, looked up by subnet: awsx makes one per subnet and does not output them. */
    private routeTablesOf(subnetIds: pulumi.Output<string[]>): pulumi.Output<string[]> {
        return subnetIds.apply((ids) => pulumi.all(ids.map((subnetId) => aws.ec2.getRouteTableOutput({ subnetId }, { parent: this }).id)));
    }

    private ipv6Routes(name: string, azs: number): void {
        const gateway = aws.ec2.getInternetGatewayOutput({ filters: [{ name: "attachment.vpc-id", values: [this.vpcId] }] }, { parent: this }).internetGatewayId;
        const tables = this.routeTablesOf(this.publicSubnetIds);
        for (let i = 0; i < azs; i++) {
            new aws.ec2.Route(`${name}-public-ipv6-${i}`, { routeTableId: tables.apply((ids) => ids[i]), destinationIpv6CidrBlock: "::/0", gatewayId: gateway }, { parent: this });
        }
    }
}
