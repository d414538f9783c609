// How a service's Secrets Manager and SSM references reach its pod without passing through berth's
// config or Pulumi's state: only the ARNs are declared here, and the pod's own IAM role reads the
// values. On EC2 nodes the Secrets Store CSI driver's AWS provider (ASCP) reads them with the pod's
// Pod Identity; on Fargate, which runs no CSI drivers, External Secrets Operator reads them with a
// token of the pod's service account (IRSA). Either way they land in one Kubernetes Secret (encrypted
// with the cluster's KMS key) that the container reads as environment variables, as on ECS.
import type * as pulumi from "@pulumi/pulumi";
import type { ExtraManifest } from "../kubernetes/KubernetesService";

/** The Secret the container's environment reads. */
export const secretName = (service: string) => `${service}-secrets`;

/** Where the CSI driver mounts the files (read-only). */
export const SECRETS_MOUNT_PATH = "/mnt/secrets";

interface ParsedRef {
    /** The secret's or parameter's ARN, without an ECS JSON-key suffix. */
    readonly arn: string;
    readonly kind: "secretsmanager" | "ssmparameter";
    /** A JSON key inside the secret (ECS's `:KEY::` suffix). */
    readonly jsonKey?: string;
}

/** An ECS secret reference (`arn:...:secret:NAME[:KEY:STAGE:VERSION]` or an SSM parameter ARN), taken apart. */
export function parseSecretRef(ref: string): ParsedRef {
    const parts = ref.split(":");
    if (parts[2] === "ssm") return { arn: ref, kind: "ssmparameter" };
    return { arn: parts.slice(0, 7).join(":"), kind: "secretsmanager", ...(parts[7] ? { jsonKey: parts[7] } : {}) };
}

/** An SSM parameter's name, from its ARN (`arn:...:parameter/app/token` is `/app/token`). */
export const parameterName = (arn: string) => arn.split(":parameter").pop()!;

/**
 * The SecretProviderClass of ASCP: one object per secret, JSON keys picked with JMESPath, all synced
 * to one Secret. A parameter goes by its name: ASCP's objectName for Parameter Store refuses an ARN
 * (aws/secrets-store-csi-driver-provider-aws, README, "SecretProviderClass options").
 */
export function secretProviderClass(service: string, secrets: Readonly<Record<string, string>>): ExtraManifest {
    const byArn = new Map<string, { ref: ParsedRef; envs: string[] }>();
    for (const [env, ref] of Object.entries(secrets).sort(([a], [b]) => a.localeCompare(b))) {
        const p = parseSecretRef(ref);
        const entry = byArn.get(p.arn) ?? { ref: p, envs: [] };
        entry.envs.push(env);
        byArn.set(p.arn, entry);
    }
    const objects = [...byArn.values()].map(({ ref, envs }, i) => {
        const keyed = envs.filter((e) => parseSecretRef(secrets[e]).jsonKey);
        const whole = envs.find((e) => !parseSecretRef(secrets[e]).jsonKey);
        return {
            objectName: ref.kind === "ssmparameter" ? parameterName(ref.arn) : ref.arn,
            objectType: ref.kind,
            objectAlias: whole ?? `object-${i}`,
            ...(keyed.length ? { jmesPath: keyed.map((e) => ({ path: parseSecretRef(secrets[e]).jsonKey!, objectAlias: e })) } : {}),
        };
    });
    return {
        apiVersion: "secrets-store.csi.x-k8s.io/v1",
        kind: "SecretProviderClass",
        name: "secrets",
        spec: {
            provider: "aws",
            parameters: { objects: JSON.stringify(objects), usePodIdentity: "true" },
            secretObjects: [
                {
                    secretName: secretName(service),
                    type: "Opaque",
                    data: Object.keys(secrets)
                        .sort()
                        .map((env) => ({ objectName: env, key: env })),
                },
            ],
        },
    };
}

/** The pod volume that makes the CSI driver fetch (and sync) the secrets when the pod starts. */
export function secretsVolume() {
    return {
        volume: { name: "secrets", csi: { driver: "secrets-store.csi.k8s.io", readOnly: true, volumeAttributes: { secretProviderClass: "secrets" } } },
        mount: { name: "secrets", mountPath: SECRETS_MOUNT_PATH, readOnly: true },
    };
}

/** External Secrets Operator: a store per AWS service, reading as the pod's own service account, and one ExternalSecret. */
export function externalSecretManifests(service: string, region: pulumi.Input<string>, secrets: Readonly<Record<string, string>>): ExtraManifest[] {
    const refs = Object.entries(secrets)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([env, ref]) => ({ env, ...parseSecretRef(ref) }));
    const stores = [...new Set(refs.map((r) => r.kind))].map((kind) => ({
        apiVersion: "external-secrets.io/v1",
        kind: "SecretStore",
        name: kind === "secretsmanager" ? "secrets-manager" : "parameter-store",
        spec: { provider: { aws: { service: kind === "secretsmanager" ? "SecretsManager" : "ParameterStore", region, auth: { jwt: { serviceAccountRef: { name: service } } } } } },
    }));
    const external: ExtraManifest = {
        apiVersion: "external-secrets.io/v1",
        kind: "ExternalSecret",
        name: "secrets",
        spec: {
            refreshInterval: "1h",
            target: { name: secretName(service), creationPolicy: "Owner" },
            data: refs.map((r) => ({
                secretKey: r.env,
                sourceRef: { storeRef: { kind: "SecretStore", name: r.kind === "secretsmanager" ? "secrets-manager" : "parameter-store" } },
                remoteRef: { key: r.kind === "ssmparameter" ? parameterName(r.arn) : r.arn, ...(r.jsonKey ? { property: r.jsonKey } : {}) },
            })),
        },
    };
    return [...stores, external];
}
