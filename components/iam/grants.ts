// Least-privilege statements for the application's role (ECS task role today; the EKS pod role and
// the App Runner instance role reuse them). Actions are listed one by one, and every statement is
// scoped to the resource it names.
import * as pulumi from "@pulumi/pulumi";
import { PolicyDocument, PolicyStatement } from "./policies";

export interface Grant {
    /** Bucket name or ARN. */
    readonly bucket?: string;
    /** Key prefix; the grant covers only keys under it. */
    readonly prefix?: string;
    /** Key suffix; the grant covers only keys ending in it (with `get`, to match an event filter). */
    readonly suffix?: string;
    readonly table?: string;
    readonly queue?: string;
    /**
     * read | write | readwrite for buckets and tables; consume | send for queues. Narrower still, for
     * the event-driven patterns: get (a bucket's objects, without listing).
     */
    readonly access: "read" | "write" | "readwrite" | "consume" | "send" | "get";
}

const S3_READ = ["s3:GetObject", "s3:GetObjectVersion"];
const S3_WRITE = ["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"];
const DDB_READ = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"];
const DDB_WRITE = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:DescribeTable"];
const SQS_CONSUME = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"];
const SQS_SEND = ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"];
const S3_GET = ["s3:GetObject"];

const reads = (a: Grant["access"]) => a === "read" || a === "readwrite";
const writes = (a: Grant["access"]) => a === "write" || a === "readwrite";
const uniq = (xs: string[]) => [...new Set(xs)];

/** A bucket's ARN; a bare name is placed in `partition` ("aws", "aws-cn", "aws-us-gov"). */
export function bucketArn(bucket: string, partition = "aws"): string {
    return bucket.startsWith("arn:") ? bucket : `arn:${partition}:s3:::${bucket}`;
}

export function grantStatements(g: Grant, sid: string, partition = "aws"): PolicyStatement[] {
    if (g.bucket) {
        const arn = bucketArn(g.bucket, partition);
        const prefix = g.prefix ?? "";
        if (g.access === "get") return [{ Sid: `${sid}Objects`, Effect: "Allow", Action: S3_GET, Resource: `${arn}/${prefix}*${g.suffix ?? ""}` }];
        const actions = uniq([...(reads(g.access) ? S3_READ : []), ...(writes(g.access) ? S3_WRITE : [])]);
        const out: PolicyStatement[] = [{ Sid: `${sid}Objects`, Effect: "Allow", Action: actions, Resource: `${arn}/${prefix}*` }];
        if (reads(g.access)) {
            out.push({
                Sid: `${sid}List`,
                Effect: "Allow",
                Action: ["s3:ListBucket"],
                Resource: arn,
                ...(prefix ? { Condition: { StringLike: { "s3:prefix": [`${prefix}*`] } } } : {}),
            });
        }
        return out;
    }
    if (g.table) {
        const actions = uniq([...(reads(g.access) ? DDB_READ : []), ...(writes(g.access) ? DDB_WRITE : [])]);
        // Queries on secondary indexes are authorized against the index ARNs under the table.
        return [{ Sid: sid, Effect: "Allow", Action: actions, Resource: [g.table, `${g.table}/index/*`] }];
    }
    if (g.queue) {
        return [{ Sid: sid, Effect: "Allow", Action: g.access === "consume" ? SQS_CONSUME : SQS_SEND, Resource: g.queue }];
    }
    return [];
}

/** EFS client access through one access point: mount, plus write unless read-only. Never ClientRootAccess. */
export function efsStatement(fileSystemArn: string, accessPointArn: string, readOnly: boolean, sid: string): PolicyStatement {
    return {
        Sid: sid,
        Effect: "Allow",
        Action: readOnly ? ["elasticfilesystem:ClientMount"] : ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
        Resource: fileSystemArn,
        Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": accessPointArn } },
    };
}

/**
 * ECS Exec: the SSM agent in the container opens its control and data channels. These actions have
 * no resource-level permissions, so the resource is "*" (ECS guide, "ECS Exec permissions").
 */
export function execStatement(sid: string): PolicyStatement {
    return { Sid: sid, Effect: "Allow", Action: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"], Resource: "*" };
}

/**
 * ECS Exec logs each session with the container's own awslogs settings (the cluster's DEFAULT
 * logging), using the task role: it may write to the task's log group, and find it
 * (DescribeLogGroups has no resource-level permissions). ECS guide, "ECS Exec permissions" (logging).
 */
export function execLogStatements(logGroupArn: string, sid: string): PolicyStatement[] {
    return [
        { Sid: `${sid}Logs`, Effect: "Allow", Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], Resource: `${logGroupArn}:*` },
        { Sid: `${sid}FindLogs`, Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: "*" },
    ];
}

export function policyDocument(statements: PolicyStatement[]): PolicyDocument | undefined {
    return statements.length ? { Version: "2012-10-17", Statement: statements } : undefined;
}

/**
 * The application role's policy: its grants in the stack's partition, then `extra` statements (such as
 * secret reads). Undefined when there is nothing to allow, so the role stays empty.
 */
export function grantsPolicy(grants: ReadonlyArray<Grant>, partition: pulumi.Input<string>, extra: ReadonlyArray<PolicyStatement> = []): pulumi.Output<PolicyDocument> | undefined {
    if (!grants.length && !extra.length) return undefined;
    return pulumi.output(partition).apply((p) => policyDocument([...grants.flatMap((g, i) => grantStatements(g, `Grant${i}`, p)), ...extra])!);
}
