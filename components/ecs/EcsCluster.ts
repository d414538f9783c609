import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";

export interface EcsClusterArgs {
    /** CloudWatch Container Insights. @default "enabled": per-task metrics are what on-call needs first. */
    readonly containerInsights?: "enabled" | "enhanced" | "disabled";
    readonly tags?: Tags;
    readonly transform?: { readonly cluster?: Transform<aws.ecs.ClusterArgs> };
}

/** An ECS cluster with Container Insights on. */
export class EcsCluster extends pulumi.ComponentResource {
    readonly clusterArn: pulumi.Output<string>;
    readonly clusterName: pulumi.Output<string>;

    constructor(name: string, args: EcsClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:ecs:EcsCluster", name, {}, opts);
        const cluster = new aws.ecs.Cluster(
            `${name}-cluster`,
            applyTransform<aws.ecs.ClusterArgs>(
                { settings: [{ name: "containerInsights", value: args.containerInsights ?? "enabled" }], tags: { ...args.tags } },
                args.transform?.cluster,
            ),
            { parent: this },
        );
        this.clusterArn = cluster.arn;
        this.clusterName = cluster.name;
        this.registerOutputs({ clusterArn: this.clusterArn, clusterName: this.clusterName });
    }
}
