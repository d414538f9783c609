import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";

export interface EgressOnlyArgs {
    readonly vpcId: pulumi.Input<string>;
    /** Shown in EC2: who the group is for. */
    readonly description: string;
    /** Shown on the egress rule: where the traffic goes. */
    readonly egressDescription: string;
    readonly tags?: Tags;
    readonly transform?: Transform<aws.ec2.SecurityGroupArgs>;
}

/**
 * `${name}-sg`, admitting nothing, with one rule `${name}-egress` to anywhere: for clients that call
 * AWS APIs and dependencies whose addresses are not fixed. Inbound rules, if any, are someone else's.
 */
export function egressOnlySecurityGroup(name: string, args: EgressOnlyArgs, parent: pulumi.Resource): aws.ec2.SecurityGroup {
    const sg = new aws.ec2.SecurityGroup(`${name}-sg`, applyTransform<aws.ec2.SecurityGroupArgs>({ vpcId: args.vpcId, description: args.description, tags: { ...args.tags } }, args.transform), { parent });
    new aws.vpc.SecurityGroupEgressRule(`${name}-egress`, { securityGroupId: sg.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "-1", description: args.egressDescription }, { parent });
    return sg;
}
