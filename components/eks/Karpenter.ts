import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { chartRelease, CHARTS } from "./charts";
import { InterruptionQueue } from "./InterruptionQueue";
import { INTERRUPTION_EVENTS, karpenterControllerPolicy } from "./karpenterPolicy";
import { ClusterScope } from "./trust";
import { WorkloadIdentity } from "./WorkloadIdentity";

type ReleaseArgs = k8s.helm.v3.ReleaseArgs;

/** The namespace and service account of the Karpenter getting-started guide (KARPENTER_NAMESPACE=kube-system). */
export const KARPENTER_NAMESPACE = "kube-system";
export const KARPENTER_SERVICE_ACCOUNT = "karpenter";
/** The label EKS puts on every node of a managed node group; Karpenter runs only there. */
export const MANAGED_NODE_LABEL = "eks.amazonaws.com/nodegroup";

export interface KarpenterArgs {
    /** The cluster, for the trust, the policy's scope and the chart's settings. Required. */
    readonly cluster: pulumi.Input<ClusterScope>;
    /** The API server endpoint, named so the controller need not look it up. Required. */
    readonly clusterEndpoint: pulumi.Input<string>;
    /** The role of the nodes Karpenter launches: the one role it may pass to EC2. Required. */
    readonly nodeRoleArn: pulumi.Input<string>;
    /** The Kubernetes provider of the cluster. Required. */
    readonly provider: k8s.Provider;
    /** Two replicas (leader election, one per node) keep nodes coming while a system node drains. @default 2 */
    readonly replicas?: number;
    /** What the release waits for: the system node group, the Pod Identity agent. @default none */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
    readonly tags?: Tags;
    readonly transform?: { readonly queue?: Transform<aws.sqs.QueueArgs>; readonly release?: Transform<ReleaseArgs> };
}

/**
 * Karpenter: the controller (a Helm release on the managed system nodes) with its own Pod Identity
 * role, and the SQS queue onto which EventBridge forwards Spot interruptions, rebalance
 * recommendations, instance state changes and scheduled maintenance, so that Karpenter drains a
 * node before EC2 takes it away. NodePools and EC2NodeClasses come from KarpenterPool.
 */
export class Karpenter extends pulumi.ComponentResource {
    readonly release: k8s.helm.v3.Release;
    readonly queueName: pulumi.Output<string>;

    constructor(name: string, args: KarpenterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:eks:Karpenter", name, {}, opts);
        // The notices, kept five minutes as Karpenter documents (a message is useless once EC2 has
        // acted), and accepted only from these rules.
        const patterns = Object.fromEntries(INTERRUPTION_EVENTS.map((e) => [e.name, { source: [e.source], "detail-type": [e.detailType] }]));
        const queue = new InterruptionQueue(`${name}-interruptions`, { patterns, tags: args.tags, transform: { queue: args.transform?.queue } }, { parent: this });
        const scope = pulumi.all([args.cluster, queue.queueArn, args.nodeRoleArn]).apply(([c, queueArn, nodeRoleArn]) => ({ ...c, queueArn, nodeRoleArn }));
        const identity = new WorkloadIdentity(
            name,
            {
                cluster: args.cluster,
                namespace: KARPENTER_NAMESPACE,
                serviceAccount: KARPENTER_SERVICE_ACCOUNT,
                policy: scope.apply(karpenterControllerPolicy),
                dependsOn: args.dependsOn,
                description: "Karpenter controller: nodes of this cluster's NodePools only",
                tags: args.tags,
            },
            { parent: this },
        );
        const c = CHARTS.karpenter;
        const cluster = pulumi.output(args.cluster);
        this.release = new k8s.helm.v3.Release(
            `${name}-release`,
            applyTransform<ReleaseArgs>(
                {
                    ...chartRelease(c, KARPENTER_NAMESPACE, {}),
                    values: {
                        settings: { clusterName: cluster.clusterName, clusterEndpoint: args.clusterEndpoint, interruptionQueue: queue.queueName },
                        serviceAccount: { create: true, name: KARPENTER_SERVICE_ACCOUNT },
                        replicas: args.replicas ?? 2,
                        // Named, not looked up from instance metadata: pods cannot reach IMDS (one hop).
                        controller: {
                            env: [{ name: "AWS_REGION", value: cluster.region }],
                            // The getting-started guide's figures (step08-apply-helm-chart.sh); the chart sets none.
                            resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
                        },
                        // Never on a node Karpenter manages (it could remove the node it runs on): only on
                        // managed node groups, one replica per node.
                        affinity: {
                            nodeAffinity: {
                                requiredDuringSchedulingIgnoredDuringExecution: {
                                    nodeSelectorTerms: [
                                        {
                                            matchExpressions: [
                                                { key: "karpenter.sh/nodepool", operator: "DoesNotExist" },
                                                { key: MANAGED_NODE_LABEL, operator: "Exists" },
                                            ],
                                        },
                                    ],
                                },
                            },
                            podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname" }] },
                        },
                    },
                },
                args.transform?.release,
            ),
            { parent: this, provider: args.provider, dependsOn: [identity, ...((args.dependsOn ?? []) as pulumi.Resource[])] },
        );
        this.queueName = queue.queueName;
        this.registerOutputs({ queueName: this.queueName });
    }
}
