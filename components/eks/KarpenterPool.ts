import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";

type CustomResourceArgs = k8s.apiextensions.CustomResourceArgs;

export interface KarpenterPoolArgs {
    /** The name of the nodes' IAM role (Karpenter makes the instance profile). Required. */
    readonly nodeRoleName: pulumi.Input<string>;
    /** Private subnets the nodes go into. Required. */
    readonly subnetIds: pulumi.Input<string[]>;
    /** The cluster security group, shared with the managed nodes and Fargate pods. Required. */
    readonly securityGroupId: pulumi.Input<string>;
    /** Instance types Karpenter chooses among. Required. */
    readonly instanceTypes: ReadonlyArray<string>;
    /** Kubernetes architectures of those types (arm64 for Graviton). @default ["amd64"] */
    readonly architectures?: ReadonlyArray<"amd64" | "arm64">;
    /** Spot capacity only; Karpenter drains a node on its two-minute warning. @default false (on-demand) */
    readonly spot?: boolean;
    /** The most nodes the pool runs at once. @default 3 */
    readonly maxNodes?: number;
    /** The most vCPUs the pool runs at once. @default none: maxNodes alone caps it */
    readonly maxCpu?: number;
    /** Encrypted gp3 root volume, GiB. @default 20 (the AL2023 AMI's size) */
    readonly rootVolumeGiB?: number;
    /** Kubernetes labels on the nodes. @default none */
    readonly labels?: Readonly<Record<string, string>>;
    /** The EKS-optimized AL2023 AMI release, e.g. v20260520: the nodes change only when it does. Required. */
    readonly amiVersion: string;
    /** The Kubernetes provider of the cluster. Required. */
    readonly provider: k8s.Provider;
    /** What creates the CRDs: the Karpenter release. @default none */
    readonly dependsOn?: pulumi.Resource[];
    /** Tags on the instances, volumes and network interfaces Karpenter launches. @default none */
    readonly tags?: Tags;
    readonly transform?: { readonly nodeClass?: Transform<CustomResourceArgs>; readonly nodePool?: Transform<CustomResourceArgs> };
}

/**
 * One Karpenter pool: an EC2NodeClass (AMI, subnets, security group, IMDS, root volume, node role)
 * and the NodePool that launches its nodes when pods are pending, within its limits, and removes
 * nodes that are empty or whose pods fit elsewhere. Both are named after the component.
 */
export class KarpenterPool extends pulumi.ComponentResource {
    readonly nodePool: k8s.apiextensions.CustomResource;
    readonly nodeClass: k8s.apiextensions.CustomResource;

    constructor(name: string, args: KarpenterPoolArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:eks:KarpenterPool", name, {}, opts);
        const child = { parent: this, provider: args.provider, dependsOn: args.dependsOn };
        this.nodeClass = new k8s.apiextensions.CustomResource(
            `${name}-node-class`,
            applyTransform<CustomResourceArgs>(
                {
                    apiVersion: "karpenter.k8s.aws/v1",
                    kind: "EC2NodeClass",
                    metadata: { name },
                    spec: {
                        role: args.nodeRoleName,
                        // A pinned alias: `latest` would replace every node whenever AWS publishes an AMI.
                        amiSelectorTerms: [{ alias: `al2023@${args.amiVersion}` }],
                        // By id rather than by discovery tags: exactly the stack's private subnets and the
                        // cluster's security group, with nothing to tag on resources other components own.
                        subnetSelectorTerms: pulumi.output(args.subnetIds).apply((ids) => ids.map((id) => ({ id }))),
                        securityGroupSelectorTerms: [{ id: args.securityGroupId }],
                        // IMDSv2 only, one hop: pods cannot reach the node role's credentials.
                        metadataOptions: { httpEndpoint: "enabled", httpProtocolIPv6: "disabled", httpPutResponseHopLimit: 1, httpTokens: "required" },
                        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: `${args.rootVolumeGiB ?? 20}Gi`, volumeType: "gp3", encrypted: true, deleteOnTermination: true } }],
                        tags: { ...args.tags },
                    },
                },
                args.transform?.nodeClass,
            ),
            child,
        );
        const limits = { nodes: String(args.maxNodes ?? 3), ...(args.maxCpu !== undefined ? { cpu: String(args.maxCpu) } : {}) };
        this.nodePool = new k8s.apiextensions.CustomResource(
            `${name}-node-pool`,
            applyTransform<CustomResourceArgs>(
                {
                    apiVersion: "karpenter.sh/v1",
                    kind: "NodePool",
                    metadata: { name },
                    spec: {
                        template: {
                            metadata: { labels: { ...args.labels } },
                            spec: {
                                nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name },
                                requirements: [
                                    { key: "node.kubernetes.io/instance-type", operator: "In", values: [...args.instanceTypes] },
                                    { key: "kubernetes.io/arch", operator: "In", values: [...(args.architectures ?? ["amd64"])] },
                                    { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
                                    { key: "karpenter.sh/capacity-type", operator: "In", values: [args.spot ? "spot" : "on-demand"] },
                                ],
                                // Nodes are replaced after 30 days, so none runs an old AMI or kernel for long.
                                expireAfter: "720h",
                            },
                        },
                        limits,
                        // Karpenter's default budget (10% of nodes at a time) paces the removals; PodDisruptionBudgets hold.
                        disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "1m" },
                    },
                },
                args.transform?.nodePool,
            ),
            { ...child, dependsOn: [...(args.dependsOn ?? []), this.nodeClass] },
        );
        this.registerOutputs({});
    }
}
