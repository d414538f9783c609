import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { applyTransform, Transform } from "../common/transform";
import { Chart, chartRelease, CHARTS } from "./charts";

type ReleaseArgs = k8s.helm.v3.ReleaseArgs;

export const EXTERNAL_SECRETS_NAMESPACE = "external-secrets";

export interface SecretsDriversArgs {
    readonly provider: k8s.Provider;
    /** Install the Secrets Store CSI driver and its AWS provider (pods on EC2 nodes). @default false */
    readonly csi?: boolean;
    /** Install External Secrets Operator (pods on Fargate). @default false */
    readonly externalSecrets?: boolean;
    /** What the releases wait for (capacity). @default none */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
    readonly transform?: { readonly csiDriver?: Transform<ReleaseArgs>; readonly awsProvider?: Transform<ReleaseArgs>; readonly externalSecrets?: Transform<ReleaseArgs> };
}

/**
 * The controllers that bring Secrets Manager and SSM values into pods (see secrets.ts). They hold no
 * AWS credentials of their own: each read is made with the pod's identity.
 */
export class SecretsDrivers extends pulumi.ComponentResource {
    /** What workloads with secrets wait for. */
    readonly releases: k8s.helm.v3.Release[] = [];

    constructor(name: string, args: SecretsDriversArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:eks:SecretsDrivers", name, {}, opts);
        const release = (role: string, c: Chart, namespace: string, values: Record<string, unknown>, transform?: Transform<ReleaseArgs>, after: pulumi.Resource[] = []) =>
            new k8s.helm.v3.Release(`${name}-${role}`, applyTransform<ReleaseArgs>(chartRelease(c, namespace, values), transform), {
                parent: this,
                provider: args.provider,
                dependsOn: [...((args.dependsOn ?? []) as pulumi.Resource[]), ...after],
            });
        if (args.csi) {
            // syncSecret lets the driver fill the Secret the environment reads; rotation re-reads changed
            // values (from driver 1.5.5 the kubelet remounts, and the interval caps how often values are
            // re-read). tokenRequests: ASCP 3.x signs in with a token the driver requests for the pod,
            // one per audience it may use: IRSA's and Pod Identity's (secrets-store-csi-driver-provider-aws,
            // README, "Separate CSI Driver Installation"). Without them every mount fails.
            const driver = release(
                "csi-driver",
                CHARTS.secretsStoreCsiDriver,
                "kube-system",
                { syncSecret: { enabled: true }, enableSecretRotation: true, rotationPollInterval: "2m", tokenRequests: [{ audience: "sts.amazonaws.com" }, { audience: "pods.eks.amazonaws.com" }] },
                args.transform?.csiDriver,
            );
            // ASCP's chart brings its own copy of the driver since 2.0 (install: true): berth's release above is the one.
            const aws = release("csi-aws-provider", CHARTS.secretsStoreAwsProvider, "kube-system", { "secrets-store-csi-driver": { install: false } }, args.transform?.awsProvider, [driver]);
            this.releases.push(driver, aws);
        }
        if (args.externalSecrets) {
            this.releases.push(release("external-secrets", CHARTS.externalSecrets, EXTERNAL_SECRETS_NAMESPACE, { installCRDs: true }, args.transform?.externalSecrets));
        }
        this.registerOutputs({});
    }
}
