// The secret steps: each secret a workload reads at start, who reads it, what the read calls, and the
// key it is encrypted with.
import { arnParts, arnStart, type Call, type Need } from "./needs";
import type { Placement } from "./network";
import type { PlanIndex } from "./types";

/** Service → secret name → the customer-managed key the stack config says it is encrypted with. */
export type SecretKeys = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface SecretRef {
    readonly name: string;
    /** A Secrets Manager ARN (maybe with `:json-key:stage:version`), an SSM parameter ARN, or a parameter name. */
    readonly ref: string;
}

interface Scope {
    readonly index: PlanIndex;
    readonly account: string;
    readonly region: string;
    readonly secretKeys: SecretKeys;
}

/** A Secrets Manager ARN without the JSON key, stage and version ECS lets a `valueFrom` add (ECS Developer Guide, "Pass Secrets Manager secrets through Amazon ECS environment variables"). */
export function secretArnOf(ref: string): string {
    return ref.split(":").slice(0, 7).join(":");
}

/** An SSM parameter's ARN: a `valueFrom` may be its name when it is in the task's region and account. */
export function parameterArn(ref: string, account: string, region: string): string {
    return ref.startsWith("arn:") ? ref : `${arnStart(region)}:ssm:${region}:${account}:parameter/${ref.replace(/^\//, "")}`;
}

/**
 * One need per secret. A secret the stack creates is proven from the plan; one declared external is
 * `assumed`: the plan cannot see that it exists, nor its resource policy and key in another account.
 */
export function secretNeeds(scope: Scope, service: string | undefined, secrets: ReadonlyArray<SecretRef>, reader: string | undefined, from: Placement | undefined): Need[] {
    const { index, account, region } = scope;
    return secrets.map(({ name, ref }) => {
        const ssm = ref.startsWith("arn:") ? arnParts(ref)?.service === "ssm" : true;
        const arn = ssm ? parameterArn(ref, account, region) : secretArnOf(ref);
        const recorded = ssm ? index.ofType("aws:ssm/parameter:Parameter").find((p) => p.arn === arn) : index.find(arn, "aws:secretsmanager/secret:Secret");
        const key = recorded ? (recorded.inputs.kmsKeyId as string | undefined) : service ? scope.secretKeys[service]?.[name] : undefined;
        const owner = arn.split(":")[4];
        const calls: Call[] = [ssm ? { action: "ssm:GetParameters", resource: arn } : { action: "secretsmanager:GetSecretValue", resource: arn, resourcePolicy: true }];
        // Secrets Manager decrypts through KMS on the reader's behalf (Secrets Manager User Guide, "Secret encryption and decryption").
        // kms:ViaService names the service's endpoint in the secret's own region.
        const home = arnParts(arn)?.region || region;
        if (key) calls.push({ action: "kms:Decrypt", resource: key, resourcePolicy: true, context: { "kms:ViaService": `${ssm ? "ssm" : "secretsmanager"}.${home}.amazonaws.com` } });
        const versions = index
            .ofType(ssm ? "aws:ssm/parameter:Parameter" : "aws:secretsmanager/secretVersion:SecretVersion")
            .filter((v) => recorded && (v.urn === recorded.urn || v.inputs.secretId === recorded.arn || v.inputs.secretId === recorded.id));
        const outside = owner !== account;
        const assumed = recorded
            ? undefined
            : {
                  result: "assumed" as const,
                  reason: outside
                      ? ssm
                          ? // SSM parameters have no resource policy: another account shares an advanced-tier parameter through AWS RAM (Systems Manager User Guide, "Working with shared parameters").
                            `${arn} is in account ${owner}, outside this stack: unless you deploy into ${owner}, that account must share it (an advanced-tier parameter) with yours through AWS RAM, and ${reader ?? "the reader"} read it by its full ARN`
                          : `${arn} is in account ${owner}, outside this stack: unless you deploy into ${owner}, its resource policy must grant ${reader ?? "the reader"} ${calls[0].action}, and it must be encrypted with a customer-managed key whose policy grants that role kms:Decrypt${key ? "" : " (name it: secrets.NAME: { arn, kmsKey })"}`
                      : `${arn} is declared external: it must exist, with a value, before the deploy`,
              };
        return {
            kind: "secret",
            subject: `${name} (${arn})`,
            identity: reader,
            calls,
            from,
            // Secrets Manager and SSM call KMS themselves (kms:ViaService): the reader needs no path to KMS.
            reach: from ? [ssm ? "ssm" : "secretsmanager"] : undefined,
            outcome: assumed,
            waitFor: versions.map((v) => ({ urn: v.urn, what: `the value of secret ${name}` })),
        };
    });
}
