// Trust policies of the roles EKS adds, each with confused-deputy conditions: the cluster's own role,
// Fargate's pod execution role, and the two ways a pod gets an IAM role (Pod Identity and IRSA).
import * as pulumi from "@pulumi/pulumi";
import { assumeRolePolicy } from "../iam/policies";

/** Where the cluster lives: every trust below is scoped to it. */
export interface ClusterScope {
    readonly partition: string;
    readonly region: string;
    readonly account: string;
    readonly clusterName: string;
}

export const clusterArn = (c: ClusterScope) => `arn:${c.partition}:eks:${c.region}:${c.account}:cluster/${c.clusterName}`;

/** The EKS service may assume the cluster role only for this cluster (EKS user guide, "Cluster IAM role"). */
export function clusterTrust(c: pulumi.Input<ClusterScope>): pulumi.Output<string> {
    return pulumi.output(c).apply((s) => assumeRolePolicy("eks.amazonaws.com", { account: s.account, sourceArn: clusterArn(s) }, ["sts:AssumeRole", "sts:TagSession"]));
}

/** Fargate may assume the pod execution role only for this cluster's Fargate profiles (EKS user guide, "Pod execution IAM role"). */
export function fargateTrust(c: pulumi.Input<ClusterScope>): pulumi.Output<string> {
    return pulumi.output(c).apply((s) => assumeRolePolicy("eks-fargate-pods.amazonaws.com", { account: s.account, sourceArn: `arn:${s.partition}:eks:${s.region}:${s.account}:fargateprofile/${s.clusterName}/*` }));
}

/**
 * EKS Pod Identity: EKS Auth assumes the role for a pod and tags the session with where the pod runs.
 * The trust admits only sessions tagged with this cluster's ARN, this namespace and this service
 * account, so no other association, in this cluster or another, can use the role. These session
 * tags are the conditions the EKS user guide documents ("Create IAM role with trust policy required
 * by EKS Pod Identity", and "Enable or disable session tags" for the list: eks-cluster-arn,
 * kubernetes-namespace, kubernetes-service-account among them). No aws:SourceArn or
 * aws:SourceAccount: the guide does not say EKS Auth sends them, and if it does not, every pod role
 * fails at once. The tags are on unless an association sets disableSessionTags, which berth never does.
 */
export function podIdentityTrust(c: pulumi.Input<ClusterScope>, namespace: string, serviceAccount: string): pulumi.Output<string> {
    return pulumi.output(c).apply((s) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "pods.eks.amazonaws.com" },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                    Condition: {
                        StringEquals: {
                            "aws:RequestTag/eks-cluster-arn": clusterArn(s),
                            "aws:RequestTag/kubernetes-namespace": namespace,
                            "aws:RequestTag/kubernetes-service-account": serviceAccount,
                        },
                    },
                },
            ],
        }),
    );
}

/** The cluster's OIDC provider: its ARN, and its issuer without "https://". */
export interface OidcProvider {
    readonly arn: string;
    readonly issuer: string;
}

/**
 * IAM roles for service accounts (IRSA), for pods on Fargate, where Pod Identity does not run: only
 * a token of exactly this service account, minted for STS, may assume the role.
 */
export function irsaTrust(oidc: pulumi.Input<OidcProvider>, namespace: string, serviceAccount: string): pulumi.Output<string> {
    return pulumi.output(oidc).apply((o) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Federated: o.arn },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: { StringEquals: { [`${o.issuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`, [`${o.issuer}:aud`]: "sts.amazonaws.com" } },
                },
            ],
        }),
    );
}
