import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { chartRelease, CHARTS } from "./charts";
import { cloudWatchOutput, containerLogPaths, LogRouting, logShipperPolicy } from "./fluentBit";
import { ClusterScope } from "./trust";
import { WorkloadIdentity } from "./WorkloadIdentity";

type ReleaseArgs = k8s.helm.v3.ReleaseArgs;

export const LOG_AGENT_NAMESPACE = "kube-system";
export const LOG_AGENT_SERVICE_ACCOUNT = "aws-for-fluent-bit";

/**
 * The chart's values (aws/eks-charts, stable/aws-for-fluent-bit/values.yaml): tail only the shipped
 * namespaces' container logs, and one `cloudwatch_logs` output routed by namespace. The chart's other
 * outputs are off by default; its Kubernetes filter (on by default) adds the namespace the output
 * routes by. The Golang `cloudwatch` output stays off: `cloudwatch_logs` is the one AWS maintains.
 */
export function logAgentValues(r: LogRouting): Record<string, unknown> {
    const out = cloudWatchOutput(r);
    return {
        input: { path: containerLogPaths(r.namespaces) },
        cloudWatchLogs: {
            enabled: true,
            match: "kube.*",
            region: out.region,
            logGroupName: out.log_group_name,
            logGroupTemplate: out.log_group_template,
            logStreamPrefix: out.log_stream_prefix,
            logStreamTemplate: out.log_stream_template,
            // The chart writes auto_create_group only when this is true; Fluent Bit's default is off.
            autoCreateGroup: false,
        },
        serviceAccount: { create: true, name: LOG_AGENT_SERVICE_ACCOUNT },
        // Evicted last under node pressure: a node's logs are lost while its agent is gone.
        priorityClassName: "system-node-critical",
    };
}

export interface LogAgentArgs {
    readonly cluster: pulumi.Input<ClusterScope>;
    readonly provider: k8s.Provider;
    /** Where the logs go. Required. */
    readonly routing: pulumi.Input<LogRouting>;
    /** The ARNs of every group `routing` writes to, which the agent's role may write streams into. Required. */
    readonly groupArns: pulumi.Input<pulumi.Input<string>[]>;
    /** What the release waits for (nodes to run on, the Pod Identity agent, the groups). @default none */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
    readonly tags?: Tags;
    readonly transform?: { readonly release?: Transform<ReleaseArgs> };
}

/**
 * Container output of EC2 nodes (managed, self-managed, Karpenter's) to CloudWatch Logs: AWS for
 * Fluent Bit as a DaemonSet, with a Pod Identity role that may only write streams into the given
 * groups. Fargate pods are not its concern: DaemonSets do not run there (FargateLogging.ts).
 */
export class LogAgent extends pulumi.ComponentResource {
    readonly release: k8s.helm.v3.Release;
    readonly roleArn: pulumi.Output<string>;

    constructor(name: string, args: LogAgentArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:eks:LogAgent", name, {}, opts);
        const identity = new WorkloadIdentity(
            name,
            {
                cluster: args.cluster,
                namespace: LOG_AGENT_NAMESPACE,
                serviceAccount: LOG_AGENT_SERVICE_ACCOUNT,
                policy: pulumi.output(args.groupArns).apply((arns) => logShipperPolicy(arns)),
                description: "AWS for Fluent Bit: ships the services' container logs",
                dependsOn: args.dependsOn,
                tags: args.tags,
            },
            { parent: this },
        );
        this.release = new k8s.helm.v3.Release(`${name}-release`, applyTransform<ReleaseArgs>(chartRelease(CHARTS.awsForFluentBit, LOG_AGENT_NAMESPACE, pulumi.output(args.routing).apply(logAgentValues)), args.transform?.release), {
            parent: this,
            provider: args.provider,
            dependsOn: [identity, ...((args.dependsOn ?? []) as pulumi.Resource[])],
        });
        this.roleArn = identity.roleArn;
        this.registerOutputs({ roleArn: this.roleArn });
    }
}
