import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { egressOnlySecurityGroup } from "./egress";
import { assumeRolePolicy, PolicyDocument } from "../iam/policies";

/**
 * AWS's public SSM parameter for the current Amazon Linux 2023 arm64 AMI; the launch template names
 * it (`resolve:ssm:`), so each replacement instance boots the current image.
 */
export const NAT_AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";

export interface NatInstanceArgs {
    readonly vpcId: pulumi.Input<string>;
    /** The VPC's CIDR: the only source the instance forwards for. Required. */
    readonly vpcCidr: string;
    /** The public subnet the instance and its forwarding interface live in. Required. */
    readonly publicSubnetId: pulumi.Input<string>;
    /** The route tables of the private subnets: each gets a default route to the instance. Required. */
    readonly privateRouteTableIds: pulumi.Input<pulumi.Input<string>[]>;
    /** How many private route tables there are (one per AZ); known before their ids are. Required. */
    readonly routeTableCount: number;
    /** A small Graviton type: NAT for a dev VPC needs little CPU. @default "t4g.nano" */
    readonly instanceType?: string;
    readonly tags?: Tags;
    readonly transform?: { readonly launchTemplate?: Transform<aws.ec2.LaunchTemplateArgs> };
}

/**
 * What the instance may do to itself at boot: attach the forwarding interface, move the stack's
 * Elastic IP onto its own primary interface, and turn off that interface's source/destination check.
 * All only on resources tagged as this NAT's.
 */
export function natInstancePolicy(tagKey: string, tagValue: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "Describe", Effect: "Allow", Action: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeAddresses"], Resource: "*" },
            {
                Sid: "TakeOverNatResources",
                Effect: "Allow",
                Action: ["ec2:AttachNetworkInterface", "ec2:AssociateAddress", "ec2:ModifyNetworkInterfaceAttribute"],
                Resource: "*",
                Condition: { StringEquals: { [`aws:ResourceTag/${tagKey}`]: tagValue } },
            },
        ],
    };
}

/**
 * Boot script. Forwarding first; then the forwarding interface, which the instance being replaced may
 * still hold for a while (so the attach is retried for up to five minutes); then the Elastic IP. Both
 * interfaces forward: replies come back on the primary one and leave towards the private subnets
 * with a foreign source address, which EC2 drops unless that interface's source/destination check is
 * off too; reverse-path filtering would drop them as well. (fck-nat's service script does the same.)
 */
export function natUserData(networkInterfaceId: string, allocationId: string, vpcCidr: string): string {
    return [
        "#!/bin/bash",
        "set -euo pipefail",
        'TOKEN=$(curl -fsS -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 300")',
        'md() { curl -fsS -H "X-aws-ec2-metadata-token: $TOKEN" "http://169.254.169.254/latest/meta-data/$1"; }',
        "INSTANCE=$(md instance-id); REGION=$(md placement/region); MAC=$(md mac)",
        "PRIMARY=$(md network/interfaces/macs/$MAC/interface-id)",
        "sysctl -w net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0",
        "dnf install -y iptables-nft",
        "OUT=$(ip route show default | awk '{print $5; exit}')",
        `iptables -t nat -A POSTROUTING -o "$OUT" -s ${vpcCidr} -j MASQUERADE`,
        `aws ec2 modify-network-interface-attribute --region "$REGION" --network-interface-id "$PRIMARY" --no-source-dest-check`,
        `for i in $(seq 30); do aws ec2 attach-network-interface --region "$REGION" --instance-id "$INSTANCE" --network-interface-id ${networkInterfaceId} --device-index 1 && break; sleep 10; done`,
        `aws ec2 associate-address --region "$REGION" --allocation-id ${allocationId} --network-interface-id "$PRIMARY" --allow-reassociation`,
        "",
    ].join("\n");
}

/**
 * A NAT instance for cheap private egress (dev): one small Graviton instance in an Auto Scaling
 * group of one, so a failed instance is replaced by itself. The private route tables point at a
 * fixed network interface with source/destination check off, which each new instance attaches at
 * boot, so the routes never change; an Elastic IP keeps the egress address fixed too. It is one
 * instance in one AZ: fine for dev, not for prod (a NAT gateway per AZ).
 */
export class NatInstance extends pulumi.ComponentResource {
    readonly networkInterfaceId: pulumi.Output<string>;
    readonly publicIp: pulumi.Output<string>;
    /** What private egress needs before it works: the routes and the instance's group. Tasks wait for them. */
    readonly ready: pulumi.Resource[];

    constructor(name: string, args: NatInstanceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:network:NatInstance", name, {}, opts);
        const owner = { key: "berth:nat-instance", value: name };
        const tags = { ...args.tags, [owner.key]: owner.value };
        const sg = egressOnlySecurityGroup(name, { vpcId: args.vpcId, description: "NAT instance: forwards the VPC's traffic out", egressDescription: "Forwarded traffic to the internet", tags }, this);
        new aws.vpc.SecurityGroupIngressRule(`${name}-from-vpc`, { securityGroupId: sg.id, cidrIpv4: args.vpcCidr, ipProtocol: "-1", description: "Traffic to forward, from the VPC only" }, { parent: this });

        // Routes name this interface, not an instance: it outlives every instance that carries it.
        const eni = new aws.ec2.NetworkInterface(`${name}-eni`, { subnetId: args.publicSubnetId, securityGroups: [sg.id], sourceDestCheck: false, description: "NAT instance forwarding interface", tags }, { parent: this });
        const eip = new aws.ec2.Eip(`${name}-eip`, { domain: "vpc", tags }, { parent: this });
        const routes = Array.from(
            { length: args.routeTableCount },
            (_, i) => new aws.ec2.Route(`${name}-route-${i}`, { routeTableId: pulumi.output(args.privateRouteTableIds).apply((ids) => ids[i]), destinationCidrBlock: "0.0.0.0/0", networkInterfaceId: eni.id }, { parent: this }),
        );
        const group = this.instance(name, args, { tags, owner, securityGroupId: sg.id, userData: pulumi.all([eni.id, eip.allocationId]).apply(([e, a]) => natUserData(e, a, args.vpcCidr)) });
        this.networkInterfaceId = eni.id;
        this.publicIp = eip.publicIp;
        this.ready = [...routes, group];
        this.registerOutputs({ networkInterfaceId: this.networkInterfaceId, publicIp: this.publicIp });
    }

    /** The instance: its role, launch template and Auto Scaling group of one. */
    private instance(name: string, args: NatInstanceArgs, o: { tags: Record<string, string>; owner: { key: string; value: string }; securityGroupId: pulumi.Output<string>; userData: pulumi.Output<string> }): aws.autoscaling.Group {
        const { tags } = o;
        const role = new aws.iam.Role(`${name}-role`, { assumeRolePolicy: assumeRolePolicy("ec2.amazonaws.com"), description: "NAT instance: attach its interface and address at boot", tags }, { parent: this });
        const policy = new aws.iam.RolePolicy(`${name}-policy`, { role: role.id, policy: JSON.stringify(natInstancePolicy(o.owner.key, o.owner.value)) }, { parent: this });
        const profile = new aws.iam.InstanceProfile(`${name}-profile`, { role: role.name, tags }, { parent: this });
        const lt = new aws.ec2.LaunchTemplate(
            `${name}-lt`,
            applyTransform<aws.ec2.LaunchTemplateArgs>(
                {
                    imageId: `resolve:ssm:${NAT_AMI_PARAMETER}`,
                    instanceType: args.instanceType ?? "t4g.nano",
                    iamInstanceProfile: { arn: profile.arn },
                    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
                    networkInterfaces: [{ associatePublicIpAddress: "true", securityGroups: [o.securityGroupId], deleteOnTermination: "true" }],
                    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 8, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }],
                    userData: o.userData.apply((script) => Buffer.from(script).toString("base64")),
                    // The primary interface carries the tag too: the Elastic IP may only move to a NAT instance's interface.
                    tagSpecifications: [
                        { resourceType: "instance", tags: { ...tags, Name: name } },
                        { resourceType: "network-interface", tags },
                    ],
                    tags,
                },
                args.transform?.launchTemplate,
            ),
            { parent: this, dependsOn: [policy] },
        );
        return new aws.autoscaling.Group(
            `${name}-asg`,
            {
                minSize: 1,
                maxSize: 1,
                // The interface lives in one subnet, so the instance must too.
                vpcZoneIdentifiers: [args.publicSubnetId],
                launchTemplate: { id: lt.id, version: pulumi.interpolate`${lt.latestVersion}` },
                healthCheckType: "EC2",
                tags: Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
            },
            { parent: this },
        );
    }
}
