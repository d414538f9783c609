import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as pulumi from "@pulumi/pulumi";
import { protectOpts, Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { MANAGED_POLICY, managedPolicyArn } from "../iam/policies";
import { ClusterScope, clusterTrust, OidcProvider } from "./trust";

export interface EksClusterArgs {
    /** The cluster's name; berth names it so every trust policy can be scoped to it before it exists. Required. */
    readonly clusterName: string;
    /** Kubernetes minor version. Required. */
    readonly version: string;
    /** @default "STANDARD": extended support costs six times as much per cluster hour */
    readonly upgradePolicy?: "STANDARD" | "EXTENDED";
    readonly vpcId: pulumi.Input<string>;
    /** Where the control plane's network interfaces, the nodes and Fargate pods live. */
    readonly privateSubnetIds: pulumi.Input<string[]>;
    /** Where internet-facing load balancers go. */
    readonly publicSubnetIds: pulumi.Input<string[]>;
    /** CIDRs that may reach the public endpoint. @default none: the endpoint is private only */
    readonly publicAccessCidrs?: ReadonlyArray<string>;
    /** IAM roles given AmazonEKSClusterAdminPolicy through access entries. @default none */
    readonly adminRoleArns?: ReadonlyArray<string>;
    /** Node roles of self-managed groups: EC2_LINUX access entries let their instances join. @default none */
    readonly nodeRoleArns?: ReadonlyArray<pulumi.Input<string>>;
    /** @default ["api", "audit", "authenticator"] */
    readonly logTypes?: ReadonlyArray<string>;
    /** Control-plane log retention, days. @default 14 */
    readonly logRetentionDays?: number;
    /** The cluster has no EC2 nodes: CoreDNS runs on Fargate, installed by the profile that selects it. @default false */
    readonly fargateOnly?: boolean;
    /** Enforce NetworkPolicies on EC2 nodes: the network policy agent of the VPC CNI add-on that eks.Cluster installs. @default true */
    readonly networkPolicy?: boolean;
    /** An IAM OIDC provider, for IRSA (Fargate pods have no Pod Identity). @default false */
    readonly oidc?: boolean;
    /** Deletion protection, and the KMS key and logs kept on destroy. @default false (true in prod) */
    readonly protect?: boolean;
    readonly partition: pulumi.Input<string>;
    readonly region: pulumi.Input<string>;
    readonly account: pulumi.Input<string>;
    readonly tags?: Tags;
    readonly transform?: { readonly cluster?: Transform<eks.ClusterArgs>; readonly key?: Transform<aws.kms.KeyArgs> };
}

export const ADMIN_POLICY = "AmazonEKSClusterAdminPolicy";

/**
 * An EKS cluster (eks.Cluster) in the stack's private subnets: API authentication with access
 * entries and no aws-auth ConfigMap, secrets encrypted with a rotating KMS key, audit and
 * authenticator logs, the STANDARD upgrade policy, and the Pod Identity agent. No node group of its
 * own: capacity comes from ManagedNodes, SelfManagedNodes and FargateProfile.
 */
export class EksCluster extends pulumi.ComponentResource {
    readonly clusterName: pulumi.Output<string>;
    readonly endpoint: pulumi.Output<string>;
    /** Secret: it carries the cluster's CA and the exec command that signs in. */
    readonly kubeconfig: pulumi.Output<string>;
    /** The EKS-created security group of the control plane, managed nodes and Fargate pods. */
    readonly clusterSecurityGroupId: pulumi.Output<string>;
    readonly scope: pulumi.Output<ClusterScope>;
    readonly oidc: pulumi.Output<OidcProvider>;
    /** The Pod Identity agent: associations are useless until it runs. */
    readonly podIdentityAgent: aws.eks.Addon;
    /** The remote component, for node groups that take it as their `cluster`. */
    readonly cluster: eks.Cluster;

    constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:eks:EksCluster", name, {}, opts);
        const protect = args.protect ?? false;
        this.scope = pulumi.all([args.partition, args.region, args.account]).apply(([partition, region, account]) => ({ partition, region, account, clusterName: args.clusterName }));
        const role = new aws.iam.Role(`${name}-cluster-role`, { assumeRolePolicy: clusterTrust(this.scope), description: `EKS control plane of ${args.clusterName}`, tags: { ...args.tags } }, { parent: this });
        new aws.iam.RolePolicyAttachment(`${name}-cluster-policy`, { role: role.name, policyArn: managedPolicyArn(role.arn, MANAGED_POLICY.eksCluster) }, { parent: this });
        const key = new aws.kms.Key(
            `${name}-secrets-key`,
            applyTransform<aws.kms.KeyArgs>(
                { description: `Envelope encryption of Kubernetes secrets in ${args.clusterName}`, enableKeyRotation: true, rotationPeriodInDays: 365, deletionWindowInDays: protect ? 30 : 7, tags: { ...args.tags } },
                args.transform?.key,
            ),
            protectOpts(this, protect),
        );
        // EKS would create this group itself with no expiry; created first, it keeps the stack's retention.
        const logs = new aws.cloudwatch.LogGroup(`${name}-logs`, { name: `/aws/eks/${args.clusterName}/cluster`, retentionInDays: args.logRetentionDays ?? 14, tags: { ...args.tags } }, protectOpts(this, protect));
        this.cluster = new eks.Cluster(name, applyTransform<eks.ClusterArgs>(this.clusterArgs(args, role, key.arn), args.transform?.cluster), { parent: this, dependsOn: [logs] });
        const clusterName = this.cluster.eksCluster.name;
        this.podIdentityAgent = new aws.eks.Addon(`${name}-pod-identity-agent`, { clusterName, addonName: "eks-pod-identity-agent", resolveConflictsOnCreate: "OVERWRITE", tags: { ...args.tags } }, { parent: this });
        this.clusterName = clusterName;
        this.endpoint = this.cluster.eksCluster.endpoint;
        this.kubeconfig = pulumi.secret(this.cluster.kubeconfigJson);
        this.clusterSecurityGroupId = this.cluster.clusterSecurityGroupId;
        this.oidc = pulumi.all([this.cluster.oidcProviderArn, this.cluster.oidcIssuer]).apply(([arn, issuer]) => ({ arn, issuer }));
        this.registerOutputs({ clusterName: this.clusterName, endpoint: this.endpoint, kubeconfig: this.kubeconfig, clusterSecurityGroupId: this.clusterSecurityGroupId, oidc: this.oidc });
    }

    private clusterArgs(args: EksClusterArgs, role: aws.iam.Role, keyArn: pulumi.Output<string>): eks.ClusterArgs {
        const cidrs = args.publicAccessCidrs ?? [];
        const admins = Object.fromEntries(
            (args.adminRoleArns ?? []).map((arn, i) => [
                `admin-${i}`,
                { principalArn: arn, accessPolicies: { admin: { policyArn: pulumi.output(args.partition).apply((p) => `arn:${p}:eks::aws:cluster-access-policy/${ADMIN_POLICY}`), accessScope: { type: "cluster" } } } },
            ]),
        );
        const nodes = Object.fromEntries((args.nodeRoleArns ?? []).map((arn, i) => [`nodes-${i}`, { principalArn: arn, type: eks.AccessEntryType.EC2Linux }]));
        return {
            name: args.clusterName,
            version: args.version,
            upgradePolicy: { supportType: args.upgradePolicy ?? "STANDARD" },
            serviceRole: role,
            vpcId: args.vpcId,
            privateSubnetIds: args.privateSubnetIds,
            publicSubnetIds: args.publicSubnetIds,
            endpointPrivateAccess: true,
            endpointPublicAccess: cidrs.length > 0,
            ...(cidrs.length ? { publicAccessCidrs: [...cidrs] } : {}),
            authenticationMode: eks.AuthenticationMode.Api,
            accessEntries: { ...admins, ...nodes },
            encryptionConfigKeyArn: keyArn,
            enabledClusterLogTypes: [...(args.logTypes ?? ["api", "audit", "authenticator"])],
            // Capacity is berth's own (node groups and Fargate profiles), and every node and Fargate pod
            // shares the security group EKS creates for the cluster.
            skipDefaultNodeGroup: true,
            skipDefaultSecurityGroups: true,
            createInstanceRole: false,
            nodeAssociatePublicIpAddress: false,
            createOidcProvider: args.oidc ?? false,
            deletionProtection: args.protect ?? false,
            // pulumi-eks installs the vpc-cni add-on itself unless useDefaultVpcCni is set (a second one
            // would fail CreateAddon); its options turn on the network policy agent, without which
            // NetworkPolicies admit everything.
            ...((args.networkPolicy ?? true) ? { vpcCniOptions: { enableNetworkPolicy: true } } : {}),
            // pulumi-eks orders its CoreDNS add-on only after a profile of its own `fargate` argument;
            // on a cluster without nodes the FargateProfile that selects CoreDNS installs it instead.
            ...(args.fargateOnly ? { corednsAddonOptions: { enabled: false } } : {}),
            tags: { ...args.tags },
        };
    }
}
