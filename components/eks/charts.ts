// The Helm charts berth installs, pinned: a chart version is part of what a plan shows, and an
// upgrade is a reviewed one-line change. Check a new version with `helm search repo NAME --versions`
// (an HTTP repository) or `helm show chart oci://... --version V` (an OCI one). Each was checked on
// 2026-12-07 against the newest copy of its own repository that could be read offline (its
// Chart.yaml, tags and index.yaml): the newest release there, dated below. A later release may exist.
import type * as k8s from "@pulumi/kubernetes";

export interface Chart {
    /** The chart's name in its repository, or its full `oci://` reference. */
    readonly chart: string;
    readonly version: string;
    /** The HTTP repository. @default none: `chart` is an OCI reference */
    readonly repo?: string;
}

export const CHARTS = {
    /**
     * AWS Load Balancer Controller v3.5.0 (2026-08-03; aws/eks-charts, stable/aws-load-balancer-controller).
     * From 3.0 the chart's version is the controller's; the values berth sets kept their names, and
     * the controller's iam_policy.json is the same as at v2.14.0 (loadBalancerControllerPolicy.test.ts).
     */
    loadBalancerController: { chart: "aws-load-balancer-controller", version: "3.5.0", repo: "https://aws.github.io/eks-charts" },
    /** Secrets Store CSI Driver 1.6.0 (2026-04-29; kubernetes-sigs/secrets-store-csi-driver, charts/). */
    secretsStoreCsiDriver: { chart: "secrets-store-csi-driver", version: "1.6.0", repo: "https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts" },
    /**
     * The AWS provider (ASCP) of the Secrets Store CSI Driver, 3.1.1 (2026-06-02; aws/secrets-store-csi-driver-provider-aws,
     * charts/). From 3.0 it mints no service account tokens: the driver's CSIDriver hands it one per
     * audience (SecretsDrivers.ts, tokenRequests).
     */
    secretsStoreAwsProvider: { chart: "secrets-store-csi-driver-provider-aws", version: "3.1.1", repo: "https://aws.github.io/secrets-store-csi-driver-provider-aws" },
    /**
     * External Secrets Operator 2.9.0 (2026-08-08; external-secrets/external-secrets, deploy/charts): the way to
     * Secrets Manager from Fargate, where CSI drivers cannot run. `installCRDs` and the v1 APIs are unchanged since 0.20.
     */
    externalSecrets: { chart: "external-secrets", version: "2.9.0", repo: "https://charts.external-secrets.io" },
    /**
     * AWS Node Termination Handler, in queue mode: drains self-managed nodes before their Auto
     * Scaling group terminates them. 0.27.6 (2026-04-02; aws/aws-node-termination-handler,
     * config/helm/aws-node-termination-handler/Chart.yaml), published to ECR Public only.
     */
    nodeTerminationHandler: { chart: "oci://public.ecr.aws/aws-ec2/helm/aws-node-termination-handler", version: "0.27.6" },
    /**
     * Karpenter 1.14.1, the newest tag in the repository snapshot of 2026-08-21 (aws/karpenter-provider-aws tags,
     * charts/karpenter/Chart.yaml), from its OCI registry: check a new one with
     * `helm show chart oci://public.ecr.aws/karpenter/karpenter --version X`, and compare its
     * getting-started cloudformation.yaml with karpenterPolicy.ts. Its CRDs come with the chart.
     */
    karpenter: { chart: "oci://public.ecr.aws/karpenter/karpenter", version: "1.14.1" },
    /**
     * AWS for Fluent Bit, chart 0.2.0 (2026-02-03; aws/eks-charts, stable/aws-for-fluent-bit/Chart.yaml, image
     * 3.2.1): the log agent on EC2 nodes (LogAgent.ts). Its `cloudWatchLogs` values render the
     * `cloudwatch_logs` output, with `logGroupTemplate` (templates/configmap.yaml).
     */
    awsForFluentBit: { chart: "aws-for-fluent-bit", version: "0.2.0", repo: "https://aws.github.io/eks-charts" },
    /**
     * ExternalDNS chart 1.21.1 (app 0.21.0; kubernetes-sigs/external-dns, charts/external-dns/Chart.yaml,
     * snapshot of 2026-08-22): writes the Route 53 record of berth:loadBalancer.domain from the public
     * Ingress's hostname annotation. Its IAM needs are in docs/tutorials/aws.md (ExternalDns.ts).
     */
    externalDns: { chart: "external-dns", version: "1.21.1", repo: "https://kubernetes-sigs.github.io/external-dns/" },
} as const satisfies Record<string, Chart>;

/** The release's name: the chart's own, also for an OCI reference. */
export const chartName = (c: Chart) => c.chart.split("/").pop()!;

/** Release args common to every chart berth installs: pinned, and atomic (a failed install rolls back). */
export function chartRelease(c: Chart, namespace: string, values: k8s.helm.v3.ReleaseArgs["values"]): k8s.helm.v3.ReleaseArgs {
    return { name: chartName(c), chart: c.chart, version: c.version, ...(c.repo ? { repositoryOpts: { repo: c.repo } } : {}), namespace, createNamespace: namespace !== "kube-system", atomic: true, values };
}
