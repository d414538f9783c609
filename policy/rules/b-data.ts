// Queues, topics, buckets and tables (issue 21, "Messaging and data").
import type { PlannedResource } from "../../start/types";
import type { Policy, PolicyContext } from "../types";
import { at, isTrue, list, rec, referring, refsOf, shown, str } from "./b-read";
import { LB, lbType } from "./b-network";

export const QUEUE = "aws:sqs/queue:Queue";
const TOPIC = "aws:sns/topic:Topic";
export const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const BUCKET_ENCRYPTION = ["aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"];
export const TABLE = "aws:dynamodb/table:Table";

// https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html#sqs-1
const sqs1: Policy = {
    name: "SQS.1",
    description: "SQS queues are encrypted at rest (SSE-SQS or a KMS key).",
    fix: "set sqsManagedSseEnabled: true or kmsMasterKeyId on the queue (berth's queues set SSE-SQS)",
    types: [QUEUE],
    check: (r) => (isTrue(r.inputs.sqsManagedSseEnabled) || str(r.inputs.kmsMasterKeyId) ? [] : [`sqsManagedSseEnabled is ${shown(r.inputs.sqsManagedSseEnabled)} and kmsMasterKeyId is ${shown(r.inputs.kmsMasterKeyId)}`]),
};

// https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html#sns-1
const sns1: Policy = {
    name: "SNS.1",
    description: "SNS topics are encrypted at rest with a KMS key.",
    fix: "set kmsMasterKeyId on the topic (berth's alert topics use their own KMS key)",
    types: [TOPIC],
    check: (r) => (str(r.inputs.kmsMasterKeyId) ? [] : [`kmsMasterKeyId is ${shown(r.inputs.kmsMasterKeyId)}`]),
};

/** A bucket's companion resources (public access block, policy, encryption), by the bucket they name. */
function ofBucket(r: PlannedResource, ctx: PolicyContext, types: ReadonlyArray<string>): PlannedResource[] {
    return referring(ctx, types, "bucket", refsOf(r));
}

const BLOCKS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

// https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-1 (account level)
// https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-8 (bucket level)
// berth cannot see the account's setting offline, so it asks every bucket for its own block.
const s3Public: Policy = {
    name: "S3.1/S3.8",
    description: "Every S3 bucket has a public access block with all four settings on.",
    fix: "create buckets through berth's SecureBucket (it blocks public access), or add an aws:s3/bucketPublicAccessBlock with all four settings true",
    types: BUCKETS,
    check: (r, ctx) => {
        const blocks = ofBucket(r, ctx, [PUBLIC_ACCESS_BLOCK]);
        if (!blocks.length) return ["no aws:s3/bucketPublicAccessBlock names this bucket"];
        return blocks.flatMap((b) => BLOCKS.filter((k) => !isTrue(b.inputs[k])).map((k) => `${b.name}'s ${k} is ${shown(b.inputs[k])}`));
    },
};

/** A Deny statement on requests whose aws:SecureTransport is false. */
function deniesPlainHttp(statement: unknown): boolean {
    const s = rec(statement);
    const transport = rec(rec(s.Condition).Bool)["aws:SecureTransport"];
    return s.Effect === "Deny" && (transport === "false" || transport === false);
}

function policyStatements(p: PlannedResource): unknown[] {
    const text = p.inputs.policy;
    try {
        const doc: unknown = typeof text === "string" ? JSON.parse(text) : text;
        const statements = rec(doc).Statement;
        return Array.isArray(statements) ? statements : [statements];
    } catch {
        return [];
    }
}

// https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5
const s35: Policy = {
    name: "S3.5",
    description: "S3 bucket policies deny requests that do not use TLS.",
    fix: "create buckets through berth's SecureBucket (its policy denies aws:SecureTransport false), or add such a Deny statement",
    types: BUCKETS,
    check: (r, ctx) => (ofBucket(r, ctx, [BUCKET_POLICY]).some((p) => policyStatements(p).some(deniesPlainHttp)) ? [] : ["no bucket policy denies requests with aws:SecureTransport false"]),
};

const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";

/** The bucket an Ingress's ALB logs to: its load-balancer-attributes annotation's access_logs.s3.bucket (AWS Load Balancer Controller, "Ingress annotations"). */
function ingressLogBucket(ingress: PlannedResource): string | undefined {
    const attributes = rec(rec(ingress.inputs.metadata).annotations)["alb.ingress.kubernetes.io/load-balancer-attributes"];
    return typeof attributes === "string" ? /(?:^|,)\s*access_logs\.s3\.bucket=([^,\s]+)/.exec(attributes)?.[1] : undefined;
}

/** Whether an Application Load Balancer writes its access logs into this bucket: one in the plan, or one the LB controller makes from an Ingress. */
function albLogBucket(r: PlannedResource, ctx: PolicyContext): boolean {
    const refs = refsOf(r);
    const written = [...ctx.ofType(LB).flatMap((lb) => (lbType(lb) === "application" ? [String(at(lb, "accessLogs.bucket"))] : [])), ...ctx.ofType(INGRESS).flatMap((i) => ingressLogBucket(i) ?? [])];
    return written.some((bucket) => refs.includes(bucket));
}

const sseAlgorithms = (e: PlannedResource) => list(e.inputs.rules).map((rule) => rec(rec(rule).applyServerSideEncryptionByDefault).sseAlgorithm);

// https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-17
// Exempt: an ALB's access-log bucket. ALB log delivery supports SSE-S3 only, and a KMS bucket breaks it:
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
const s317: Policy = {
    name: "S3.17",
    description: "S3 buckets are encrypted at rest with KMS keys (except an ALB's access-log bucket, which ALBs can only write with SSE-S3).",
    fix: "set the bucket's default encryption to aws:kms (berth's SecureBucket uses AES256 today: its encryption must change in berth's code)",
    types: BUCKETS,
    check: (r, ctx) => {
        if (albLogBucket(r, ctx)) return [];
        const algorithms = ofBucket(r, ctx, BUCKET_ENCRYPTION).flatMap(sseAlgorithms);
        return algorithms.some((a) => a === "aws:kms" || a === "aws:kms:dsse") ? [] : [`sseAlgorithm is ${algorithms.length ? algorithms.map(shown).join(", ") : "unset"}`];
    },
};

// https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-2
const dynamo2: Policy = {
    name: "DynamoDB.2",
    description: "DynamoDB tables have point-in-time recovery.",
    fix: "set pointInTimeRecovery.enabled: true (berth's ItemTable always does; a transform must not turn it off)",
    types: [TABLE],
    check: (r) => (isTrue(at(r, "pointInTimeRecovery.enabled")) ? [] : [`pointInTimeRecovery.enabled is ${shown(at(r, "pointInTimeRecovery.enabled"))}`]),
};

// https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-6
const dynamo6: Policy = {
    name: "DynamoDB.6",
    description: "DynamoDB tables have deletion protection.",
    fix: "deploy with berth:environment: prod (berth protects tables there), or list DynamoDB.6 as a dev or staging exception",
    types: [TABLE],
    check: (r) => (isTrue(r.inputs.deletionProtectionEnabled) ? [] : [`deletionProtectionEnabled is ${shown(r.inputs.deletionProtectionEnabled)}`]),
};

export const DATA_POLICIES: ReadonlyArray<Policy> = [sqs1, sns1, s3Public, s35, s317, dynamo2, dynamo6];
