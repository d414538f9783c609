import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { applyTransform, Transform } from "../common/transform";
import { LogRouting } from "./fluentBit";

/** The namespace and ConfigMap Fargate's log router reads (EKS user guide, "Start AWS Fargate logging for your cluster"). */
export const FARGATE_LOGGING_NAMESPACE = "aws-observability";
export const FARGATE_LOGGING_CONFIGMAP = "aws-logging";

/** The ConfigMap's size limit, in characters (same page). */
export const FARGATE_LOGGING_MAX_CHARS = 5300;

/** A Fluent Bit section: the directive, then its keys indented deeper, as Fargate's validation requires. */
const section = (directive: string, keys: ReadonlyArray<[string, string]>) => [`[${directive}]`, ...keys.map(([k, v]) => `    ${k} ${v}`)].join("\n");

/**
 * Fargate's input tag for a service's log files: `kube.` + the file's path, dots for slashes (the
 * page's Input section; the stream names reported in awsdocs/amazon-eks-user-guide#1166 show it).
 */
export const fargateTag = (namespace: string) => `kube.var.log.containers.*_${namespace}_*`;

/**
 * The `aws-logging` ConfigMap's data. Fargate runs the Service and Input sections itself (input tag
 * `kube.*`, the containerd log files) and takes only `filters.conf`, `output.conf` and
 * `parsers.conf`; its outputs include `cloudwatch_logs`, several may be given, and `${VAR}`
 * references are refused. One output per service namespace, matched on the tag (the log file's
 * name holds the namespace: POD_NAMESPACE_CONTAINER-ID.log), writing to that namespace's group:
 * no `log_group_template`, which Fargate's router has been reported not to honour
 * (aws/containers-roadmap#1854), and no Kubernetes filter or API lookups. Records of other
 * namespaces (CoreDNS, controllers on Fargate) match no output and are dropped. As in the page's
 * example, a parser first splits containerd's "TIME STREAM P|F LOG" lines.
 */
export function fargateLoggingData(r: LogRouting): Record<string, string> {
    const filters = section("FILTER", [
        ["Name", "parser"],
        ["Match", "kube.*"],
        ["Key_name", "log"],
        ["Parser", "containerd"],
    ]);
    const outputs = [...r.namespaces].sort().map((ns) =>
        section("OUTPUT", [
            ["Name", "cloudwatch_logs"],
            ["Match", fargateTag(ns)],
            ["region", r.region],
            ["log_group_name", `${r.groupPrefix}${ns}`],
            // The stream is the prefix then the tag (the log file's name); auto_create_group is off by default.
            ["log_stream_prefix", "fargate."],
        ]),
    );
    const parsers = section("PARSER", [
        ["Name", "containerd"],
        ["Format", "regex"],
        ["Regex", "^(?<time>[^ ]+) (?<stream>stdout|stderr) (?<logtag>P|F) (?<log>.*)$"],
        ["Time_Key", "time"],
        ["Time_Format", "%Y-%m-%dT%H:%M:%S.%L%z"],
    ]);
    // flb_log_cw off: Fluent Bit's own process logs would need a group of their own, and cost.
    return { flb_log_cw: "false", "filters.conf": `${filters}\n`, "output.conf": `${outputs.join("\n")}\n`, "parsers.conf": `${parsers}\n` };
}

/** The ConfigMap's size for these namespaces, in characters, with the longest region name (Fargate refuses more than FARGATE_LOGGING_MAX_CHARS). */
export function fargateLoggingSize(r: Omit<LogRouting, "region">): number {
    return Object.entries(fargateLoggingData({ ...r, region: "ap-southeast-7" })).reduce((n, [k, v]) => n + k.length + v.length, 0);
}

export interface FargateLoggingArgs {
    readonly provider: k8s.Provider;
    /** Where the logs go. Required. */
    readonly routing: pulumi.Input<LogRouting>;
    /** What the namespace waits for (the cluster). @default none */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
    readonly transform?: { readonly configMap?: Transform<k8s.core.v1.ConfigMapArgs> };
}

/**
 * Container output of Fargate pods to CloudWatch Logs, through the log router Fargate runs beside
 * each pod: the `aws-observability` namespace (labelled `aws-observability: enabled`) and its
 * `aws-logging` ConfigMap. The router writes with the pod execution role (FargateProfile.ts,
 * `logGroupArns`). It reads the ConfigMap when a pod starts: create it before the pods.
 */
export class FargateLogging extends pulumi.ComponentResource {
    readonly configMap: k8s.core.v1.ConfigMap;

    constructor(name: string, args: FargateLoggingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:eks:FargateLogging", name, {}, opts);
        const ns = new k8s.core.v1.Namespace(`${name}-ns`, { metadata: { name: FARGATE_LOGGING_NAMESPACE, labels: { "aws-observability": "enabled" } } }, { parent: this, provider: args.provider, dependsOn: args.dependsOn });
        this.configMap = new k8s.core.v1.ConfigMap(
            `${name}-config`,
            applyTransform<k8s.core.v1.ConfigMapArgs>({ metadata: { name: FARGATE_LOGGING_CONFIGMAP, namespace: FARGATE_LOGGING_NAMESPACE }, data: pulumi.output(args.routing).apply(fargateLoggingData) }, args.transform?.configMap),
            { parent: this, provider: args.provider, dependsOn: [ns] },
        );
        this.registerOutputs({});
    }
}
