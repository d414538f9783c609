import { PolicyDocument } from "../iam/policies";

export interface NatPolicyArgs {
    readonly partition: string;
    readonly region: string;
    readonly account: string;
    /** The fixed forwarding interface and the Elastic IP: named by exact ARN. */
    readonly networkInterfaceId: string;
    readonly allocationId: string;
    /** The group whose launch hook the instance completes and whose health it reports. */
    readonly groupName: string;
    /** The owner tag (key and stack-unique value) on the instance and its primary interface. */
    readonly ownerTagKey: string;
    readonly ownerTagValue: string;
}

/**
 * What the instance may do to itself at boot (actions and resource types from the Service
 * Authorization Reference: "Actions, resources, and condition keys for Amazon EC2" and "... for
 * Amazon EC2 Auto Scaling"):
 * - attach the forwarding interface and move the Elastic IP: both by exact ARN, so no other stack's
 *   interface or address is reachable whatever its tags;
 * - the calls also name the instance itself and its primary interface, which exist only once the group
 *   launches them: those are matched by the owner tag the launch template puts on them, whose value
 *   is unique to this stack (project, stack and component name) and which the role cannot set;
 * - complete its group's launch hook and mark itself unhealthy: on its own group only. The group's ARN
 *   holds a UUID that exists only after creation, while the instance needs the permission during the
 *   group's creation, so the ARN names the group (unique per account and region) with `*` for the UUID.
 */
export function natInstancePolicy(a: NatPolicyArgs): PolicyDocument {
    const ec2 = (resource: string) => `arn:${a.partition}:ec2:${a.region}:${a.account}:${resource}`;
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ForwardingInterfaceAndAddress",
                Effect: "Allow",
                Action: ["ec2:AttachNetworkInterface", "ec2:AssociateAddress"],
                Resource: [ec2(`network-interface/${a.networkInterfaceId}`), ec2(`elastic-ip/${a.allocationId}`)],
            },
            {
                Sid: "ItselfAndItsPrimaryInterface",
                Effect: "Allow",
                Action: ["ec2:AttachNetworkInterface", "ec2:AssociateAddress", "ec2:ModifyNetworkInterfaceAttribute"],
                Resource: [ec2("instance/*"), ec2("network-interface/*")],
                Condition: { StringEquals: { [`aws:ResourceTag/${a.ownerTagKey}`]: a.ownerTagValue } },
            },
            {
                Sid: "OwnGroupLifecycle",
                Effect: "Allow",
                Action: ["autoscaling:CompleteLifecycleAction", "autoscaling:SetInstanceHealth"],
                Resource: `arn:${a.partition}:autoscaling:${a.region}:${a.account}:autoScalingGroup:*:autoScalingGroupName/${a.groupName}`,
            },
        ],
    };
}
