import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as pulumi from "@pulumi/pulumi";
import { protectOpts, Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { MANAGED_POLICY, managedPolicyArn } from "../iam/policies";
import { AddonVersions, eksAddon } from "./addons";
import { ClusterScope, clusterTrust, OidcProvider } from "./trust";
import { WorkloadIdentity } from "./WorkloadIdentity";

export interface EksClusterArgs {
    /** The cluster's name; berth names it so every trust policy can be scoped to it before it exists. Required. */
    readonly clusterName: string;
    /** Kubernetes minor version. Required. */
    readonly version: string;
    /** The version of each add-on the cluster installs (the Pod Identity agent, the VPC CNI, kube-proxy). Required. */
    readonly addonVersions: AddonVersions;
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
    /** Enforce NetworkPolicies on EC2 nodes: the network policy agent of the VPC CNI add-on. @default true */
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
    /** The cluster's Kubernetes minor version. */
    readonly version: string;
    /** The add-on versions it was given, for the add-ons other components install on it. */
    readonly addonVersions: AddonVersions;
    /** The Pod Identity agent: associations are useless until it runs. */
    readonly podIdentityAgent: aws.eks.Addon;
    /** The VPC CNI add-on, whose aws-node pods assign pod addresses with a role of their own. */
    readonly vpcCni: aws.eks.Addon;
    /** What nodes must wait for: without the CNI and its credentials no node turns Ready. */
    readonly nodeNetworking: aws.eks.Addon[];
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
        this.version = args.version;
        this.addonVersions = args.addonVersions;
        this.podIdentityAgent = eksAddon(`${name}-pod-identity-agent`, { clusterName, addonName: "eks-pod-identity-agent", addonVersion: args.addonVersions("eks-pod-identity-agent"), tags: args.tags }, { parent: this });
        this.vpcCni = this.cni(name, args, clusterName);
        this.nodeNetworking = [this.podIdentityAgent, this.vpcCni];
        this.clusterName = clusterName;
        this.endpoint = this.cluster.eksCluster.endpoint;
        this.kubeconfig = pulumi.secret(this.cluster.kubeconfigJson);
        this.clusterSecurityGroupId = this.cluster.clusterSecurityGroupId;
        this.oidc = pulumi.all([this.cluster.oidcProviderArn, this.cluster.oidcIssuer]).apply(([arn, issuer]) => ({ arn, issuer }));
        this.registerOutputs({ clusterName: this.clusterName, endpoint: this.endpoint, kubeconfig: this.kubeconfig, clusterSecurityGroupId: this.clusterSecurityGroupId, oidc: this.oidc });
    }

    /**
     * The VPC CNI as berth's own add-on, so its aws-node service account gets AmazonEKS_CNI_Policy
     * through Pod Identity and the node role does without it (EKS user guide, "Amazon VPC CNI":
     * "we recommend" a role for the add-on's service account rather than the node role; the add-on
     * supports Pod Identity, "EKS add-ons that support Pod Identity"). Created before any node: a
     * node's aws-node pod then starts with its own credentials. pulumi-eks's vpcCniOptions offer only
     * an IRSA role, so its add-on is off (useDefaultVpcCni) and this one takes over EKS's bootstrap
     * DaemonSet.
     */
    private cni(name: string, args: EksClusterArgs, clusterName: pulumi.Output<string>): aws.eks.Addon {
        const role = new WorkloadIdentity(
            `${name}-vpc-cni`,
            { cluster: this.scope, namespace: "kube-system", serviceAccount: "aws-node", mode: "addon", managedPolicies: [MANAGED_POLICY.eksCni], description: `VPC CNI (aws-node) of ${args.clusterName}`, tags: args.tags },
            { parent: this },
        );
        return eksAddon(
            `${name}-vpc-cni`,
            {
                clusterName,
                addonName: "vpc-cni",
                addonVersion: args.addonVersions("vpc-cni"),
                podIdentityAssociations: [{ roleArn: role.roleArn, serviceAccount: "aws-node" }],
                // The network policy agent, without which NetworkPolicies admit everything (the
                // add-on's configuration schema: enableNetworkPolicy, a string).
                ...((args.networkPolicy ?? true) ? { configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) } : {}),
                tags: args.tags,
            },
            { parent: this, dependsOn: [this.podIdentityAgent] },
        );
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
            // berth installs the VPC CNI (cni() above) and CoreDNS itself: CoreDNS needs capacity first,
            // nodes or the Fargate profile that selects it, which pulumi-eks cannot wait for (it makes
            // CoreDNS an add-on only with its default node group or its own `fargate` profile, and
            // otherwise leaves EKS's bootstrap Deployment, which nobody upgrades).
            useDefaultVpcCni: true,
            corednsAddonOptions: { enabled: false },
            // kube-proxy needs no capacity to be created, so pulumi-eks's add-on stays, on the default
            // version for the cluster's: it moves with the control plane.
            kubeProxyAddonOptions: {
                version: args.addonVersions("kube-proxy"),
                resolveConflictsOnCreate: eks.ResolveConflictsOnCreate.Overwrite,
                resolveConflictsOnUpdate: eks.ResolveConflictsOnUpdate.Overwrite,
            },
            tags: { ...args.tags },
        };
    }
}
