// The Helm charts berth installs, pinned: a chart version is part of what a plan shows, and an
// upgrade is a reviewed one-line change. Check a new version with `helm search repo NAME --versions`
// (an HTTP repository) or `helm show chart oci://... --version V` (an OCI one).
import type * as k8s from "@pulumi/kubernetes";

export interface Chart {
    /** The chart's name in its repository, or its full `oci://` reference. */
    readonly chart: string;
    readonly version: string;
    /** The HTTP repository. @default none: `chart` is an OCI reference */
    readonly repo?: string;
}

export const CHARTS = {
    /** AWS Load Balancer Controller (controller v2.14). */
    loadBalancerController: { chart: "aws-load-balancer-controller", version: "1.14.0", repo: "https://aws.github.io/eks-charts" },
    /** Secrets Store CSI Driver: mounts secrets as files and syncs them to a Kubernetes Secret. */
    secretsStoreCsiDriver: { chart: "secrets-store-csi-driver", version: "1.4.8", repo: "https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts" },
    /** The AWS provider (ASCP) of the Secrets Store CSI Driver, with Pod Identity support. */
    secretsStoreAwsProvider: { chart: "secrets-store-csi-driver-provider-aws", version: "0.3.11", repo: "https://aws.github.io/secrets-store-csi-driver-provider-aws" },
    /** External Secrets Operator: the way to Secrets Manager from Fargate, where CSI drivers cannot run. */
    externalSecrets: { chart: "external-secrets", version: "0.20.3", repo: "https://charts.external-secrets.io" },
    /**
     * AWS Node Termination Handler, in queue mode: drains self-managed nodes before their Auto
     * Scaling group terminates them. Published to ECR Public only since chart 0.22
     * (aws/aws-node-termination-handler, README "Installation and Configuration").
     */
    nodeTerminationHandler: { chart: "oci://public.ecr.aws/aws-ec2/helm/aws-node-termination-handler", version: "0.27.6" },
    /**
     * Karpenter 1.14.1, the newest release on 2026-08-21 (aws/karpenter-provider-aws tags,
     * charts/karpenter/Chart.yaml), from its OCI registry: check a new one with
     * `helm show chart oci://public.ecr.aws/karpenter/karpenter --version X`, and compare its
     * getting-started cloudformation.yaml with karpenterPolicy.ts. Its CRDs come with the chart.
     */
    karpenter: { chart: "oci://public.ecr.aws/karpenter/karpenter", version: "1.14.1" },
} as const satisfies Record<string, Chart>;

/** The release's name: the chart's own, also for an OCI reference. */
export const chartName = (c: Chart) => c.chart.split("/").pop()!;

/** Release args common to every chart berth installs: pinned, and atomic (a failed install rolls back). */
export function chartRelease(c: Chart, namespace: string, values: k8s.helm.v3.ReleaseArgs["values"]): k8s.helm.v3.ReleaseArgs {
    return { name: chartName(c), chart: c.chart, version: c.version, ...(c.repo ? { repositoryOpts: { repo: c.repo } } : {}), namespace, createNamespace: namespace !== "kube-system", atomic: true, values };
}
