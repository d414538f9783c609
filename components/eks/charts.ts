// The Helm charts berth installs, pinned: a chart version is part of what a plan shows, and an
// upgrade is a reviewed one-line change. Check a new version with `helm search repo NAME --versions`.
export interface Chart {
    readonly chart: string;
    readonly version: string;
    readonly repo: string;
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
     * Karpenter 1.14.1, the newest release on 2026-08-21 (aws/karpenter-provider-aws tags,
     * charts/karpenter/Chart.yaml), from its OCI registry: check a new one with
     * `helm show chart oci://public.ecr.aws/karpenter/karpenter --version X`, and compare its
     * getting-started cloudformation.yaml with karpenterPolicy.ts. Its CRDs come with the chart.
     */
    karpenter: { chart: "karpenter", version: "1.14.1", repo: "oci://public.ecr.aws/karpenter" },
} as const satisfies Record<string, Chart>;
