import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { applyTransform, Transform } from "../common/transform";
import { cloudWatchOutput, LogRouting, NAMESPACE_FIELD, namespacePattern } from "./fluentBit";

/** The namespace and ConfigMap Fargate's log router reads (EKS user guide, "Start AWS Fargate logging for your cluster"). */
export const FARGATE_LOGGING_NAMESPACE = "aws-observability";
export const FARGATE_LOGGING_CONFIGMAP = "aws-logging";

/** The ConfigMap's size limit, in characters (same page). */
export const FARGATE_LOGGING_MAX_CHARS = 5300;

/** A Fluent Bit section: the directive, then its keys indented deeper, as Fargate's validation requires. */
const section = (directive: string, keys: ReadonlyArray<[string, string]>) => [`[${directive}]`, ...keys.map(([k, v]) => `    ${k} ${v}`)].join("\n");

/**
 * The `aws-logging` ConfigMap's data. Fargate runs the Service and Input sections itself (input tag
 * `kube.*`, the containerd log files) and takes only `filters.conf`, `output.conf` and
 * `parsers.conf`; its filters may be grep, parser, kubernetes and a few more, its outputs include
 * `cloudwatch_logs`, and it fills the Kubernetes filter's API settings itself (Kube_URL and token
 * must not be set). No `${VAR}` references are allowed. The same page's example splits containerd's
 * "TIME STREAM P|F LOG" lines with a regex parser first, as berth does here.
 */
export function fargateLoggingData(r: LogRouting): Record<string, string> {
    const filters = [
        section("FILTER", [
            ["Name", "parser"],
            ["Match", "kube.*"],
            ["Key_name", "log"],
            ["Parser", "containerd"],
        ]),
        // Metadata from the API server, cached as long as Fargate's own default would not be: 5 minutes.
        section("FILTER", [
            ["Name", "kubernetes"],
            ["Match", "kube.*"],
            ["Merge_Log", "On"],
            ["Buffer_Size", "0"],
            ["Kube_Meta_Cache_TTL", "300s"],
        ]),
        // Only berth's service namespaces: system pods on Fargate (CoreDNS, controllers) ship nothing.
        section("FILTER", [
            ["Name", "grep"],
            ["Match", "kube.*"],
            ["Regex", `${NAMESPACE_FIELD} ${namespacePattern(r.namespaces)}`],
        ]),
    ].join("\n");
    const output = section("OUTPUT", [["Name", "cloudwatch_logs"], ["Match", "kube.*"], ...Object.entries(cloudWatchOutput(r))]);
    const parsers = section("PARSER", [
        ["Name", "containerd"],
        ["Format", "regex"],
        ["Regex", "^(?<time>[^ ]+) (?<stream>stdout|stderr) (?<logtag>P|F) (?<log>.*)$"],
        ["Time_Key", "time"],
        ["Time_Format", "%Y-%m-%dT%H:%M:%S.%L%z"],
    ]);
    // flb_log_cw off: Fluent Bit's own process logs would need a group of their own, and cost.
    return { flb_log_cw: "false", "filters.conf": `${filters}\n`, "output.conf": `${output}\n`, "parsers.conf": `${parsers}\n` };
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
