import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";

export type NatStrategy = "none" | "single" | "one-per-az";

const NAT: Record<NatStrategy, awsx.types.enums.ec2.NatGatewayStrategy> = {
    none: "None",
    single: "Single",
    "one-per-az": "OnePerAz",
};

export interface NetworkArgs {
    /** VPC CIDR block. @default "10.0.0.0/16" */
    readonly cidr?: string;
    /** Availability zones. @default 2: the fewest an ALB accepts. */
    readonly azs?: 2 | 3;
    /** NAT gateways for the private subnets. @default "single": one gateway costs a third of three; prod picks "one-per-az". */
    readonly nat?: NatStrategy;
    /** Tags merged into the VPC's tags. */
    readonly tags?: Tags;
    readonly transform?: { readonly vpc?: Transform<awsx.ec2.VpcArgs> };
}

/**
 * A VPC with public subnets (load balancers, NAT) and private subnets (tasks, nodes) in each
 * AZ, built by awsx.ec2.Vpc.
 */
export class Network extends pulumi.ComponentResource {
    readonly vpcId: pulumi.Output<string>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    readonly vpc: awsx.ec2.Vpc;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:network:Network", name, {}, opts);
        const vpcArgs: awsx.ec2.VpcArgs = {
            cidrBlock: args.cidr ?? "10.0.0.0/16",
            numberOfAvailabilityZones: args.azs ?? 2,
            natGateways: { strategy: NAT[args.nat ?? "single"] },
            // "Auto" lays subnets out without gaps; awsx warns that the legacy default is deprecated.
            subnetStrategy: "Auto",
            subnetSpecs: [
                { type: "Public", cidrMask: 24 },
                { type: "Private", cidrMask: 19 },
            ],
            enableDnsHostnames: true,
            enableDnsSupport: true,
            tags: { ...args.tags },
        };
        this.vpc = new awsx.ec2.Vpc(`${name}-vpc`, applyTransform(vpcArgs, args.transform?.vpc), { parent: this });
        this.vpcId = this.vpc.vpcId;
        this.privateSubnetIds = this.vpc.privateSubnetIds;
        this.publicSubnetIds = this.vpc.publicSubnetIds;
        this.registerOutputs({ vpcId: this.vpcId, privateSubnetIds: this.privateSubnetIds, publicSubnetIds: this.publicSubnetIds });
    }
}
