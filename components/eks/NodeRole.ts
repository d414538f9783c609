// The IAM role EC2 nodes of either kind run as (join the cluster, pull images), and
// the instance metadata settings they share.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { assumeRolePolicy, MANAGED_POLICY, managedPolicyArn, PolicyDocument } from "../iam/policies";

/**
 * What a node needs and no more: pods get their own roles through Pod Identity, never this one. The
 * VPC CNI's AmazonEKS_CNI_Policy is its aws-node service account's (EksCluster), not every node's.
 */
export const NODE_POLICIES = [MANAGED_POLICY.eksWorkerNode, MANAGED_POLICY.ecrPullOnly];

/** What every node group of EC2 instances is sized and labelled with. */
export interface NodeGroupSizeArgs {
    /** @default 1 */
    readonly minSize?: number;
    /** @default 3 */
    readonly maxSize?: number;
    /** @default minSize */
    readonly desiredSize?: number;
    /** Encrypted gp3 root volume, GiB. @default 20 */
    readonly rootVolumeGiB?: number;
    /** Kubernetes node labels. @default none */
    readonly labels?: Readonly<Record<string, string>>;
    readonly tags?: Tags;
}

/** The role of one node group's instances, with its managed policies. */
export class NodeRole extends pulumi.ComponentResource {
    readonly role: aws.iam.Role;
    /** Instances must not start before these exist. */
    readonly attachments: pulumi.Resource[];

    constructor(
        name: string,
        args: {
            readonly tags?: Tags;
            /** What the nodes may do besides the managed policies (filling the registry's pull-through cache). @default nothing */
            readonly policy?: pulumi.Input<PolicyDocument>;
            readonly transform?: { readonly role?: Transform<aws.iam.RoleArgs> };
        },
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super("berth:eks:NodeRole", name, {}, opts);
        // EC2 sends no source account or ARN when it assumes an instance role, so there is nothing to condition on.
        this.role = new aws.iam.Role(
            `${name}-node-role`,
            applyTransform<aws.iam.RoleArgs>({ assumeRolePolicy: assumeRolePolicy("ec2.amazonaws.com"), description: `EKS nodes of group ${name}`, tags: { ...args.tags } }, args.transform?.role),
            { parent: this },
        );
        this.attachments = NODE_POLICIES.map((p) => new aws.iam.RolePolicyAttachment(`${name}-${p}`, { role: this.role.name, policyArn: managedPolicyArn(this.role.arn, p) }, { parent: this }));
        if (args.policy) {
            this.attachments.push(new aws.iam.RolePolicy(`${name}-node-policy`, { role: this.role.id, policy: pulumi.output(args.policy).apply((d) => JSON.stringify(d)) }, { parent: this }));
        }
        this.registerOutputs({ roleArn: this.role.arn });
    }
}

/**
 * IMDSv2 only, one hop: a pod behind the node's network namespace cannot reach the instance's
 * credentials (2 hops are needed only by pods that use the node's role, and berth has none).
 */
export const NODE_METADATA_OPTIONS = { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" } as const;
