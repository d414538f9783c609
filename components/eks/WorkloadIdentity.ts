import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { managedPolicyArn, PolicyDocument } from "../iam/policies";
import { ClusterScope, irsaTrust, OidcProvider, podIdentityTrust } from "./trust";

export interface WorkloadIdentityArgs {
    /** The cluster, for the trust conditions and the association. Required. */
    readonly cluster: pulumi.Input<ClusterScope>;
    /** The service account's namespace. Required. */
    readonly namespace: string;
    /** The service account. Required. */
    readonly serviceAccount: string;
    /**
     * How the pod gets the role. "pod-identity": an EKS Pod Identity association (EC2 nodes).
     * "irsa": a web-identity trust on the cluster's OIDC provider, for Fargate, where Pod Identity
     * does not run. "addon": Pod Identity, bound by the add-on that owns the service account.
     * @default "pod-identity"
     */
    readonly mode?: "pod-identity" | "irsa" | "addon";
    /** The OIDC provider, for mode "irsa". @default none */
    readonly oidc?: pulumi.Input<OidcProvider>;
    /** Inline policy: what the workload may do. @default none */
    readonly policy?: pulumi.Input<PolicyDocument>;
    /** AWS managed policies by path and name (see MANAGED_POLICY). @default none */
    readonly managedPolicies?: ReadonlyArray<string>;
    /** Resources the association waits for (the Pod Identity agent). @default none */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
    readonly description?: string;
    readonly tags?: Tags;
    readonly transform?: { readonly role?: Transform<aws.iam.RoleArgs> };
}

/**
 * The IAM role of one Kubernetes service account: the EKS counterpart of an ECS task role. It trusts
 * exactly that service account of this cluster, through Pod Identity or IRSA.
 */
export class WorkloadIdentity extends pulumi.ComponentResource {
    readonly roleArn: pulumi.Output<string>;
    /** Annotations the service account needs (IRSA only). */
    readonly serviceAccountAnnotations: Record<string, pulumi.Output<string>>;

    constructor(name: string, args: WorkloadIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:eks:WorkloadIdentity", name, {}, opts);
        const mode = args.mode ?? "pod-identity";
        const trust = mode === "irsa" ? irsaTrust(args.oidc!, args.namespace, args.serviceAccount) : podIdentityTrust(args.cluster, args.namespace, args.serviceAccount);
        const role = new aws.iam.Role(
            `${name}-role`,
            applyTransform<aws.iam.RoleArgs>({ assumeRolePolicy: trust, description: args.description ?? `Service account ${args.namespace}/${args.serviceAccount}`, tags: { ...args.tags } }, args.transform?.role),
            { parent: this },
        );
        (args.managedPolicies ?? []).forEach((p) => new aws.iam.RolePolicyAttachment(`${name}-${p.split("/").pop()}`, { role: role.name, policyArn: managedPolicyArn(role.arn, p) }, { parent: this }));
        if (args.policy) {
            new aws.iam.RolePolicy(`${name}-policy`, { role: role.id, policy: pulumi.output(args.policy).apply((doc) => JSON.stringify(doc)) }, { parent: this });
        }
        if (mode === "pod-identity") {
            new aws.eks.PodIdentityAssociation(
                `${name}-association`,
                { clusterName: pulumi.output(args.cluster).clusterName, namespace: args.namespace, serviceAccount: args.serviceAccount, roleArn: role.arn, tags: { ...args.tags } },
                { parent: this, dependsOn: args.dependsOn },
            );
        }
        this.roleArn = role.arn;
        this.serviceAccountAnnotations = mode === "irsa" ? { "eks.amazonaws.com/role-arn": role.arn } : {};
        this.registerOutputs({ roleArn: this.roleArn, serviceAccountAnnotations: this.serviceAccountAnnotations });
    }
}
