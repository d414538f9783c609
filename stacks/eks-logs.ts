// Container output on EKS, to the same CloudWatch log groups as on ECS (/berth/PROJECT/STACK/SERVICE,
// with berth:logs.retentionDays): berth makes the groups; AWS for Fluent Bit ships what runs on EC2
// nodes, and Fargate's own log router what runs on Fargate. Each service runs in a namespace of its
// name, so both route by namespace.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { EksCluster } from "../components/eks/EksCluster";
import { FARGATE_LOGGING_MAX_CHARS, FargateLogging, fargateLoggingSize } from "../components/eks/FargateLogging";
import { LogRouting, routedGroups } from "../components/eks/fluentBit";
import { LogAgent } from "../components/eks/LogAgent";
import { LogGroups } from "../components/eks/LogGroups";
import { BerthSpec } from "../config/spec";
import { hasNodes } from "../config/eks/spec";
import { Foundation, logGroupName, logGroupPrefix } from "./shared";

/** Where records go whose namespace Fluent Bit could not read: a group of the stack no service can be named ("_" is not allowed in a namespace). */
export const unroutedGroupName = (spec: Pick<BerthSpec, "project" | "stack">) => `${logGroupPrefix(spec)}_unrouted`;

export interface EksLogging {
    /** The ARNs of every group the node agent writes to: the services' and the fallback. */
    readonly groupArns: pulumi.Output<string[]>;
    /** The ARNs of the services' groups, which Fargate's router writes to (it has no fallback: a record of another namespace is dropped). */
    readonly serviceGroupArns: pulumi.Output<string[]>;
    /** The log groups, which the shippers wait for. */
    readonly groups: LogGroups;
    readonly routing: pulumi.Output<LogRouting>;
}

const hasFargate = (spec: BerthSpec) => Object.values(spec.eks.nodeGroups).some((g) => g.type === "fargate");

/**
 * Fargate's log router takes an aws-logging ConfigMap of at most 5,300 characters (EKS user guide,
 * "Start AWS Fargate logging for your cluster"), and berth's grows by one output per service: refuse
 * the stack before anything is created. Checked here rather than in config/, which cannot see the
 * component's text.
 */
export function checkFargateLogging(spec: BerthSpec): void {
    if (!hasFargate(spec)) return;
    const size = fargateLoggingSize({ groupPrefix: logGroupPrefix(spec), namespaces: Object.keys(spec.services), fallbackGroup: unroutedGroupName(spec) });
    if (size > FARGATE_LOGGING_MAX_CHARS) {
        throw new Error(`berth:services: ${Object.keys(spec.services).length} services make Fargate's logging ConfigMap ${size} characters, past its ${FARGATE_LOGGING_MAX_CHARS}: split the stack, or run some services on nodes`);
    }
}

/** The stack's log groups and their routing: made before the capacity, whose Fargate roles name them. */
export function eksLogGroups(spec: BerthSpec, base: Foundation): EksLogging {
    const names = Object.keys(spec.services);
    const groups = new LogGroups("logs", {
        // Only the node agent falls back; Fargate's router drops what matches no service.
        groups: { ...Object.fromEntries(names.map((n) => [n, logGroupName(spec, n)])), ...(hasNodes(spec.eks.nodeGroups) ? { _unrouted: unroutedGroupName(spec) } : {}) },
        retentionDays: spec.logs.retentionDays,
        protect: spec.protect,
        tags: spec.tags,
    });
    const routing = base.region.apply((region): LogRouting => ({ region, groupPrefix: logGroupPrefix(spec), namespaces: names, fallbackGroup: unroutedGroupName(spec) }));
    const groupArns = routing.apply((r) => pulumi.all(routedGroups(r).map(base.logGroupArn)));
    const serviceGroupArns = pulumi.all([...names].sort().map((n) => base.logGroupArn(logGroupName(spec, n))));
    return { groupArns, serviceGroupArns, groups, routing };
}

/**
 * The shippers: the Fluent Bit DaemonSet where the cluster has nodes, and the Fargate log router's
 * ConfigMap where it has Fargate profiles. Returns what the services wait for (Fargate reads its
 * ConfigMap only when a pod starts).
 */
export function eksLogShippers(spec: BerthSpec, logging: EksLogging, cluster: EksCluster, provider: k8s.Provider, capacity: pulumi.Resource[]): pulumi.Resource[] {
    const { groups, routing, groupArns } = logging;
    // The services wait for their log groups, and on nodes for Fluent Bit, so that their first lines have a shipper and a destination.
    const agent = hasNodes(spec.eks.nodeGroups) ? [new LogAgent("log-agent", { cluster: cluster.scope, provider, routing, groupArns, dependsOn: [...capacity, cluster.podIdentityAgent, groups], tags: spec.tags })] : [];
    if (!hasFargate(spec)) return [groups, ...agent];
    const fargate = new FargateLogging("fargate-logging", { provider, routing, dependsOn: [cluster.cluster, groups] });
    return [groups, ...agent, fargate.configMap];
}
