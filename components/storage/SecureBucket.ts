import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { protectOpts, Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { PolicyDocument, PolicyStatement } from "../iam/policies";

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

/** The bucket's default encryption rule: SSE-KMS with a Bucket Key (AWS managed key), or SSE-S3. */
export function encryptionRule(algorithm: "aws:kms" | "AES256") {
    return algorithm === "aws:kms" ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true } : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } };
}

/** A principal that may put objects under one key pattern of the bucket (an AWS service's log delivery, say). */
export interface BucketWriter {
    /** The statement's Sid. */
    readonly sid: string;
    readonly principal: { readonly AWS: string } | { readonly Service: string };
    /** Keys it may write, below the bucket: `logs/AWSLogs/123456789012/*`. */
    readonly keyPattern: string;
}

/** The bucket's policy: TLS only, and `s3:PutObject` for each writer on its keys alone. */
export function bucketPolicy(bucketArn: string, writers: ReadonlyArray<BucketWriter> = []): PolicyDocument {
    const allow = writers.map((w): PolicyStatement => ({ Sid: w.sid, Effect: "Allow", Principal: { ...w.principal }, Action: "s3:PutObject", Resource: `${bucketArn}/${w.keyPattern}` }));
    return { ...tlsOnlyBucketPolicy(bucketArn), Statement: [...tlsOnlyBucketPolicy(bucketArn).Statement, ...allow] };
}

export interface SecureBucketArgs {
    /** Send every event of the bucket to EventBridge (object created, deleted, ...). @default false */
    readonly eventBridge?: boolean;
    /** Keep the bucket and its objects when the stack is destroyed; otherwise `pulumi destroy` empties it. @default false (true in prod) */
    readonly protect?: boolean;
    /** Principals that may write into the bucket, each under its own keys. @default none: only the account, through IAM */
    readonly writers?: pulumi.Input<ReadonlyArray<BucketWriter>>;
    /** Days after which every object expires (and incomplete uploads are aborted). @default none: objects stay */
    readonly expirationDays?: number;
    /**
     * Default encryption. "aws:kms" uses the account's AWS managed key for S3 (aws/s3) with an S3 Bucket
     * Key: its key policy lets every principal of the account that may use S3 encrypt and decrypt through
     * S3, so readers need no KMS grant (KMS developer guide, "AWS managed keys"; S3 user guide, "Reducing
     * the cost of SSE-KMS with Amazon S3 Bucket Keys"), and Security Hub's S3.17 passes. "AES256" (SSE-S3)
     * is for an ALB's access logs, which ALBs can write with SSE-S3 only (ELB user guide, "Enable access
     * logs for your Application Load Balancer"). @default "aws:kms"
     */
    readonly encryption?: "aws:kms" | "AES256";
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
    /** The bucket policy: a writer (an ALB enabling access logs) must not start before it. */
    readonly policy: aws.s3.BucketPolicy;

    constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:storage:SecureBucket", name, {}, opts);
        const protect = args.protect ?? false;
        const bucket = new aws.s3.Bucket(`${name}-bucket`, applyTransform<aws.s3.BucketArgs>({ forceDestroy: !protect, tags: { ...args.tags } }, args.transform?.bucket), protectOpts(this, protect));
        const child = { parent: this };
        const block = new aws.s3.BucketPublicAccessBlock(`${name}-public-access`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, child);
        new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
        new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, { bucket: bucket.id, rules: [encryptionRule(args.encryption ?? "aws:kms")] }, child);
        // Writing the policy and the public access block at once fails with OperationAborted (a conflicting operation).
        const policy = pulumi.all([bucket.arn, args.writers ?? []]).apply(([arn, writers]) => JSON.stringify(bucketPolicy(arn, writers)));
        this.policy = new aws.s3.BucketPolicy(`${name}-policy`, { bucket: bucket.id, policy }, { parent: this, dependsOn: [block] });
        if (args.expirationDays !== undefined) {
            new aws.s3.BucketLifecycleConfiguration(
                `${name}-lifecycle`,
                { bucket: bucket.id, rules: [{ id: "expire", status: "Enabled", filter: {}, expiration: { days: args.expirationDays }, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }] },
                child,
            );
        }
        if (args.eventBridge) new aws.s3.BucketNotification(`${name}-events`, { bucket: bucket.id, eventbridge: true }, child);
        this.bucketName = bucket.bucket;
        this.bucketArn = bucket.arn;
        this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
    }
}
