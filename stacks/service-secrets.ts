// The secrets berth creates for services (`secrets.KEY: { create: true }`, issue 22): one Secrets
// Manager secret each, under the stack's prefix, with a generated first value. Every composition
// that runs services on AWS makes them here, then hands each service its own ARNs: in its container's
// secrets and in its role's policy, which names exactly those ARNs.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CreatedSecret } from "../components/secrets/CreatedSecret";
import type { BerthSpec, ServiceSpec } from "../config/spec";

/** Service -> variable -> the ARN of the secret berth created for it. */
export type CreatedSecretArns = Readonly<Record<string, Readonly<Record<string, pulumi.Output<string>>>>>;

/**
 * Days a deleted secret stays restorable: none in dev (the name is free again at once, so a destroyed
 * stack deploys again), a week in staging, the most Secrets Manager allows (30) in prod, which also
 * keeps the secret when the stack is destroyed.
 */
// Secrets Manager refuses to create a name that is scheduled for deletion, and these names are fixed:
// a stack that is not protected (dev, staging) deletes at once, so it can be deployed again after a destroy.
const RECOVERY_WINDOW_DAYS = { dev: 0, staging: 0, prod: 30 } as const;

/** Creates every service's `create: true` secrets. */
export function createServiceSecrets(spec: BerthSpec): CreatedSecretArns {
    return Object.fromEntries(
        Object.values(spec.services)
            .filter((svc) => Object.keys(svc.createdSecrets).length)
            .map((svc) => [
                svc.name,
                Object.fromEntries(
                    Object.entries(svc.createdSecrets).map(([key, c]) => {
                        const secret = new CreatedSecret(`secret-${svc.name}-${key}`, {
                            secretName: c.name,
                            description: `${key} of service ${svc.name} in stack ${spec.stack}: set its value with the secrets output's command`,
                            // Secrets Manager's own generator (no provider beyond AWS's): 32 letters and digits.
                            initialValue: aws.secretsmanager.getRandomPasswordOutput({ passwordLength: 32, excludePunctuation: true }).randomPassword,
                            kmsKeyArn: c.kmsKey,
                            recoveryWindowInDays: RECOVERY_WINDOW_DAYS[spec.environment],
                            protect: spec.protect,
                            tags: spec.tags,
                        });
                        return [key, secret.arn];
                    }),
                ),
            ]),
    );
}

/** The service's secrets as its container reads them: referenced ARNs, and the ARNs of those berth created. */
export function secretRefsOf(svc: ServiceSpec, created: CreatedSecretArns): Record<string, pulumi.Input<string>> {
    return { ...svc.secrets, ...created[svc.name] };
}

/**
 * The service's secrets by name for pods on EKS: referenced ARNs, and the names of those berth created.
 * Both of EKS's readers take a secret's name as well as its ARN (ASCP's `objectName`: the
 * secrets-store-csi-driver-provider-aws README, "SecretProviderClass options"; External Secrets
 * Operator's `remoteRef.key`: external-secrets.io, "AWS Secrets Manager"), and a name is known before
 * the secret exists, so the manifests need no ARN; the pod's role still names the exact ARN.
 */
export function secretNamesOf(svc: ServiceSpec): Record<string, string> {
    return { ...svc.secrets, ...Object.fromEntries(Object.entries(svc.createdSecrets).map(([key, c]) => [key, c.name])) };
}

/** Whether the service reads any secret, referenced or created. */
export const hasSecrets = (svc: ServiceSpec) => Object.keys(svc.secrets).length + Object.keys(svc.createdSecrets).length > 0;

/** The ARNs of the secrets berth created for the service (none when it created none). */
export function createdArnsOf(svc: ServiceSpec, created: CreatedSecretArns): pulumi.Output<string[]> {
    return pulumi.all(Object.values(created[svc.name] ?? {}));
}

/** The command that sets a created secret's real value (the value stays on the reader's machine). */
/** The value comes from a file, so it stays out of the shell's history (write it with your editor, then delete the file). */
export const putSecretValueCommand = (arn: string, region: string) => `aws secretsmanager put-secret-value --secret-id ${arn} --secret-string file://secret.txt --region ${region}`;

/** The `secrets` output: service -> variable -> its ARN and the command that sets its value; absent when berth created none. */
export function secretsOutput(created: CreatedSecretArns, region: pulumi.Output<string>): { secrets?: Record<string, Record<string, pulumi.Output<{ arn: string; set: string }>>> } {
    if (!Object.keys(created).length) return {};
    return {
        secrets: Object.fromEntries(
            Object.entries(created).map(([svc, keys]) => [svc, Object.fromEntries(Object.entries(keys).map(([key, arn]) => [key, pulumi.all([arn, region]).apply(([a, r]) => ({ arn: a, set: putSecretValueCommand(a, r) }))]))]),
        ),
    };
}
