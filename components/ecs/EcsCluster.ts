import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { FargateMix, fargateStrategy } from "./capacity";

export interface EcsClusterArgs {
    /** CloudWatch Container Insights. @default "enabled": per-task metrics are what on-call needs first. */
    readonly containerInsights?: "enabled" | "enhanced" | "disabled";
    /** Associate FARGATE and FARGATE_SPOT with this default mix. @default none (EC2 and external capacity bring their own) */
    readonly fargate?: FargateMix;
    /**
     * A Cloud Map HTTP namespace of this name, the cluster's Service Connect default, in which the
     * services find each other by name. @default none
     */
    readonly serviceConnectNamespace?: string;
    readonly tags?: Tags;
    readonly transform?: { readonly cluster?: Transform<aws.ecs.ClusterArgs>; readonly namespace?: Transform<aws.servicediscovery.HttpNamespaceArgs> };
}

/** An ECS cluster with Container Insights on, and optionally Fargate capacity providers. */
export class EcsCluster extends pulumi.ComponentResource {
    readonly clusterArn: pulumi.Output<string>;
    readonly clusterName: pulumi.Output<string>;
    /** The Fargate capacity association, when `fargate` is set: services wait for it. */
    readonly association?: aws.ecs.ClusterCapacityProviders;
    /** The Service Connect namespace's ARN, when `serviceConnectNamespace` is set. */
    readonly namespaceArn?: pulumi.Output<string>;

    constructor(name: string, args: EcsClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:ecs:EcsCluster", name, {}, opts);
        // An HTTP namespace: Service Connect needs no Route 53 zone, so no DNS records leak the services' addresses.
        const namespace = args.serviceConnectNamespace
            ? new aws.servicediscovery.HttpNamespace(
                  `${name}-namespace`,
                  applyTransform<aws.servicediscovery.HttpNamespaceArgs>({ name: args.serviceConnectNamespace, description: "Service Connect names of the stack's services", tags: { ...args.tags } }, args.transform?.namespace),
                  { parent: this },
              )
            : undefined;
        const cluster = new aws.ecs.Cluster(
            `${name}-cluster`,
            applyTransform<aws.ecs.ClusterArgs>(
                { settings: [{ name: "containerInsights", value: args.containerInsights ?? "enabled" }], ...(namespace ? { serviceConnectDefaults: { namespace: namespace.arn } } : {}), tags: { ...args.tags } },
                args.transform?.cluster,
            ),
            { parent: this },
        );
        if (args.fargate) {
            this.association = new aws.ecs.ClusterCapacityProviders(
                `${name}-providers`,
                { clusterName: cluster.name, capacityProviders: ["FARGATE", "FARGATE_SPOT"], defaultCapacityProviderStrategies: fargateStrategy(args.fargate) },
                { parent: this },
            );
        }
        this.clusterArn = cluster.arn;
        this.clusterName = cluster.name;
        this.namespaceArn = namespace?.arn;
        this.registerOutputs({ clusterArn: this.clusterArn, clusterName: this.clusterName, namespaceArn: this.namespaceArn });
    }
}
