import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { protectOpts, Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { PolicyDocument } from "../iam/policies";

/**
 * Refuses every request that does not use TLS. The Deny names `s3:*` on purpose: a deny must cover
 * every action, present and future, and a wildcard in a Deny narrows access rather than widening it.
 * Source: S3 user guide, "Enforce encryption in transit" (aws:SecureTransport).
 */
export function tlsOnlyBucketPolicy(bucketArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "DenyWithoutTls", Effect: "Deny", Principal: { AWS: "*" }, Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }],
    };
}

export interface SecureBucketArgs {
    /** Send every event of the bucket to EventBridge (object created, deleted, ...). @default false */
    readonly eventBridge?: boolean;
    /** Keep the bucket and its objects when the stack is destroyed; otherwise `pulumi destroy` empties it. @default false (true in prod) */
    readonly protect?: boolean;
    /** Tags for every child that takes them. @default none */
    readonly tags?: Tags;
    /** Overrides for the main children's args, applied just before each is created. @default none */
    readonly transform?: { readonly bucket?: Transform<aws.s3.BucketArgs> };
}

/**
 * A private S3 bucket: every form of public access blocked, objects owned by the bucket owner (no
 * ACLs), encrypted at rest with S3-managed keys (no KMS charge per request, and readers need no key
 * grant), reachable only over TLS, and optionally publishing its events to EventBridge.
 */
export class SecureBucket extends pulumi.ComponentResource {
    readonly bucketName: pulumi.Output<string>;
    readonly bucketArn: pulumi.Output<string>;

    constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:storage:SecureBucket", name, {}, opts);
        const protect = args.protect ?? false;
        const bucket = new aws.s3.Bucket(`${name}-bucket`, applyTransform<aws.s3.BucketArgs>({ forceDestroy: !protect, tags: { ...args.tags } }, args.transform?.bucket), protectOpts(this, protect));
        const child = { parent: this };
        const block = new aws.s3.BucketPublicAccessBlock(`${name}-public-access`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, child);
        new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
        new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, child);
        // Writing the policy and the public access block at once fails with OperationAborted (a conflicting operation).
        new aws.s3.BucketPolicy(`${name}-policy`, { bucket: bucket.id, policy: bucket.arn.apply((arn) => JSON.stringify(tlsOnlyBucketPolicy(arn))) }, { parent: this, dependsOn: [block] });
        if (args.eventBridge) new aws.s3.BucketNotification(`${name}-events`, { bucket: bucket.id, eventbridge: true }, child);
        this.bucketName = bucket.bucket;
        this.bucketArn = bucket.arn;
        this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
    }
}
