// The Fluent Bit routing that ships container output to berth's log groups: one group per service
// namespace, and writes only into groups berth made. The agent on EC2 nodes (LogAgent.ts) names the
// group from the record's Kubernetes namespace; Fargate's log router (FargateLogging.ts) matches
// each namespace's log files to its group.
import { PolicyDocument } from "../iam/policies";

/** Where logs go: `/PREFIX/NAMESPACE` per shipped namespace, and one group for records that name none. */
export interface LogRouting {
    /** The AWS region of the groups. Required. */
    readonly region: string;
    /** What each group's name starts with, ending in "/" (e.g. `/berth/PROJECT/STACK/`). Required. */
    readonly groupPrefix: string;
    /** The namespaces whose containers are shipped, one group each (`groupPrefix` + namespace). Required. */
    readonly namespaces: ReadonlyArray<string>;
    /** The group for records whose namespace is unknown (metadata lookup failed). Required. */
    readonly fallbackGroup: string;
}

/**
 * Fluent Bit's record accessor for the Kubernetes filter's namespace field (Fluent Bit manual,
 * "Record accessor"; the filter adds `kubernetes.namespace_name`, "Filters: Kubernetes").
 */
export const NAMESPACE_FIELD = "$kubernetes['namespace_name']";

/** The log group template: the prefix, then the record's namespace. */
export const groupTemplate = (r: Pick<LogRouting, "groupPrefix">) => `${r.groupPrefix}${NAMESPACE_FIELD}`;

/**
 * The settings of the `cloudwatch_logs` output (Fluent Bit manual, "Outputs: Amazon CloudWatch"):
 * the group from the namespace, falling back to `log_group_name` when the template cannot be filled;
 * a stream per pod and container. No auto_create_group (off by default): berth creates the groups,
 * with their retention, and the agent needs no logs:CreateLogGroup.
 */
export function cloudWatchOutput(r: LogRouting): Record<string, string> {
    return {
        region: r.region,
        log_group_name: r.fallbackGroup,
        log_group_template: groupTemplate(r),
        log_stream_prefix: "pod-",
        log_stream_template: "$kubernetes['pod_name'].$kubernetes['container_name']",
        auto_create_group: "false",
    };
}

/**
 * The container log files of the shipped namespaces on a node. The kubelet names each
 * `/var/log/containers/POD_NAMESPACE_CONTAINER-ID.log`; pod and namespace names hold no "_", so
 * `*_NS_*` matches exactly namespace NS. Fluent Bit's tail input takes comma-separated patterns.
 */
export function containerLogPaths(namespaces: ReadonlyArray<string>): string {
    return [...namespaces]
        .sort()
        .map((ns) => `/var/log/containers/*_${ns}_*.log`)
        .join(",");
}

/** Every group the routing writes to: one per namespace and the fallback, sorted. */
export const routedGroups = (r: LogRouting) => [...r.namespaces.map((ns) => `${r.groupPrefix}${ns}`), r.fallbackGroup].sort();

/**
 * What a log shipper may do: open streams and put events in the given groups, nothing else (no
 * CreateLogGroup, no PutRetentionPolicy: berth owns the groups and their retention). Both actions
 * take the log group's ARN with `:*` (Service Authorization Reference, "Amazon CloudWatch Logs"),
 * as ECS's execution role has them (components/iam/ecs-policies.ts).
 */
export function logShipperPolicy(groupArns: ReadonlyArray<string>): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "WriteServiceLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: groupArns.map((a) => `${a}:*`).sort() }],
    };
}
