import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { protectOpts, Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";

/** The staging label that keeps the generated first version from being deleted once newer values are put. */
export const INITIAL_STAGE = "berth-initial";

export interface CreatedSecretArgs {
    /** The secret's name, under the stack's prefix (`berth/PROJECT/STACK/SERVICE/KEY`). Required. */
    readonly secretName: string;
    /** What the secret is for, shown in the console. Required. */
    readonly description: string;
    /**
     * The first value, until someone puts the real one. Kept secret in state; later values are ignored,
     * so `pulumi up` never overwrites what `aws secretsmanager put-secret-value` set. Required.
     */
    readonly initialValue: pulumi.Input<string>;
    /** A customer-managed KMS key. @default the account's AWS managed key for Secrets Manager (aws/secretsmanager) */
    readonly kmsKeyArn?: string;
    /**
     * Days a deleted secret can be restored. 0 deletes at once, which frees the name for the next
     * `pulumi up` of a destroyed dev stack (a secret scheduled for deletion keeps its name). @default 0
     */
    readonly recoveryWindowInDays?: number;
    /** Keep the secret when the stack is destroyed (prod). @default false */
    readonly protect?: boolean;
    readonly tags?: Tags;
    readonly transform?: { readonly secret?: Transform<aws.secretsmanager.SecretArgs> };
}

/**
 * A Secrets Manager secret that berth creates for a service (`secrets.KEY: { create: true }`), with a
 * generated first value, so a stack deploys in a fresh account before anyone has a real value to put.
 * Who may read it is the composition's business: the service's own role names its ARN.
 */
export class CreatedSecret extends pulumi.ComponentResource {
    readonly arn: pulumi.Output<string>;
    readonly secretName: pulumi.Output<string>;

    constructor(name: string, args: CreatedSecretArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:secrets:CreatedSecret", name, {}, opts);
        const secret = new aws.secretsmanager.Secret(
            name,
            applyTransform<aws.secretsmanager.SecretArgs>(
                {
                    name: args.secretName,
                    description: args.description,
                    kmsKeyId: args.kmsKeyArn,
                    recoveryWindowInDays: args.recoveryWindowInDays ?? 0,
                    tags: { ...args.tags },
                },
                args.transform?.secret,
            ),
            protectOpts(this, args.protect ?? false),
        );
        // The first value only. A value put later becomes AWSCURRENT and moves this version to
        // AWSPREVIOUS; ignoring both fields keeps `pulumi up --refresh` from moving AWSCURRENT back
        // (hashicorp/terraform-provider-aws#25168). A second put strips AWSPREVIOUS too, and Secrets
        // Manager deletes a version left with no label: a refresh would then drop it from state and
        // the next `pulumi up` would create it again, over the real value. A label of berth's own
        // keeps the version (terraform-aws-modules/terraform-aws-secrets-manager#24, and #26's fix).
        const value = new aws.secretsmanager.SecretVersion(
            `${name}-value`,
            { secretId: secret.id, secretString: pulumi.secret(args.initialValue), versionStages: ["AWSCURRENT", INITIAL_STAGE] },
            { parent: this, ignoreChanges: ["secretString", "versionStages"] },
        );
        // The ARN is handed out only once the secret has a value: a task that starts while the secret
        // has no AWSCURRENT version fails with ResourceInitializationError.
        this.arn = pulumi.all([secret.arn, value.id]).apply(([arn]) => arn);
        this.secretName = secret.name;
        this.registerOutputs({ arn: this.arn, secretName: this.secretName });
    }
}
