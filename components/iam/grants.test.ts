// Every grant kind at every access level, written out action by action: an extra write action, a
// lost read, or a resource wider than the one named fails here. Action names are those of the
// Service Authorization Reference ("Actions, resources, and condition keys for Amazon S3 / Amazon
// DynamoDB / Amazon SQS / Amazon Elastic File System / Amazon Session Manager Message Gateway Service").
import { strict as assert } from "assert";
import { bucketArn, efsStatement, execStatement, grantsPolicy, grantStatements, policyDocument } from "./grants";

const TABLE = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders";
const QUEUE = "arn:aws:sqs:eu-west-1:123456789012:jobs";

describe("grantStatements: buckets", () => {
    const cases = [
        {
            access: "read" as const,
            statements: [
                { Sid: "G0Objects", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: "arn:aws:s3:::assets/img/*" },
                { Sid: "G0List", Effect: "Allow", Action: ["s3:ListBucket"], Resource: "arn:aws:s3:::assets", Condition: { StringLike: { "s3:prefix": ["img/*"] } } },
            ],
        },
        {
            access: "write" as const,
            statements: [{ Sid: "G0Objects", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"], Resource: "arn:aws:s3:::assets/img/*" }],
        },
        {
            access: "readwrite" as const,
            statements: [
                { Sid: "G0Objects", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"], Resource: "arn:aws:s3:::assets/img/*" },
                { Sid: "G0List", Effect: "Allow", Action: ["s3:ListBucket"], Resource: "arn:aws:s3:::assets", Condition: { StringLike: { "s3:prefix": ["img/*"] } } },
            ],
        },
        // Objects only, without listing: what an event handler needs for the key it was handed.
        { access: "get" as const, statements: [{ Sid: "G0Objects", Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::assets/img/*" }] },
    ];
    for (const { access, statements } of cases) {
        it(`${access}: exactly ${statements.map((s) => s.Action.join(" ")).join(" + ")}`, () => {
            assert.deepEqual(grantStatements({ bucket: "assets", prefix: "img/", access }, "G0"), statements);
        });
    }

    it("lists the whole bucket, with no prefix condition, when the grant has no prefix", () => {
        assert.deepEqual(grantStatements({ bucket: "assets", access: "read" }, "G1"), [
            { Sid: "G1Objects", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: "arn:aws:s3:::assets/*" },
            { Sid: "G1List", Effect: "Allow", Action: ["s3:ListBucket"], Resource: "arn:aws:s3:::assets" },
        ]);
    });

    it("matches a key suffix on get, and keeps a bucket given as an ARN as it is", () => {
        assert.deepEqual(grantStatements({ bucket: "arn:aws-cn:s3:::uploads", prefix: "in/", suffix: ".jpg", access: "get" }, "U", "aws"), [
            { Sid: "UObjects", Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws-cn:s3:::uploads/in/*.jpg" },
        ]);
    });

    it("places a bare bucket name in the stack's partition", () => {
        assert.equal(bucketArn("assets"), "arn:aws:s3:::assets");
        assert.equal(bucketArn("assets", "aws-us-gov"), "arn:aws-us-gov:s3:::assets");
        assert.equal(bucketArn("arn:aws:s3:::other", "aws-cn"), "arn:aws:s3:::other");
        assert.equal(grantStatements({ bucket: "assets", access: "write" }, "G", "aws-cn")[0].Resource, "arn:aws-cn:s3:::assets/*");
    });
});

describe("grantStatements: tables", () => {
    const index = `${TABLE}/index/*`;
    const cases = [
        { access: "read" as const, actions: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"] },
        { access: "write" as const, actions: ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:DescribeTable"] },
        {
            access: "readwrite" as const,
            // DescribeTable is in both lists and appears once.
            actions: [
                "dynamodb:GetItem",
                "dynamodb:BatchGetItem",
                "dynamodb:Query",
                "dynamodb:Scan",
                "dynamodb:ConditionCheckItem",
                "dynamodb:DescribeTable",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
                "dynamodb:DeleteItem",
                "dynamodb:BatchWriteItem",
            ],
        },
    ];
    for (const { access, actions } of cases) {
        it(`${access}: exactly ${actions.join(" ")}, on the table and its indexes`, () => {
            assert.deepEqual(grantStatements({ table: TABLE, access }, "T"), [{ Sid: "T", Effect: "Allow", Action: actions, Resource: [TABLE, index] }]);
        });
    }
});

describe("grantStatements: queues", () => {
    it("consume: receive, delete, extend visibility and read the queue's attributes and URL", () => {
        assert.deepEqual(grantStatements({ queue: QUEUE, access: "consume" }, "Q"), [
            { Sid: "Q", Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"], Resource: QUEUE },
        ]);
    });

    it("send: send, and read the queue's attributes and URL; nothing that removes messages", () => {
        assert.deepEqual(grantStatements({ queue: QUEUE, access: "send" }, "S"), [{ Sid: "S", Effect: "Allow", Action: ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"], Resource: QUEUE }]);
    });

    it("grants nothing for a grant that names no resource", () => {
        assert.deepEqual(grantStatements({ access: "read" }, "N"), []);
    });
});

describe("efsStatement, execStatement and policyDocument", () => {
    const fs = "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-1";
    const ap = "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-1";

    it("mounts read-only through one access point, and adds ClientWrite only for read-write; never ClientRootAccess", () => {
        const condition = { StringEquals: { "elasticfilesystem:AccessPointArn": ap } };
        assert.deepEqual(efsStatement(fs, ap, true, "Efs0"), { Sid: "Efs0", Effect: "Allow", Action: ["elasticfilesystem:ClientMount"], Resource: fs, Condition: condition });
        assert.deepEqual(efsStatement(fs, ap, false, "Efs1"), { Sid: "Efs1", Effect: "Allow", Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], Resource: fs, Condition: condition });
    });

    it("opens ECS Exec's four SSM message channels, which take no resource-level permissions", () => {
        assert.deepEqual(execStatement("EcsExec"), {
            Sid: "EcsExec",
            Effect: "Allow",
            Action: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
            Resource: "*",
        });
    });

    it("wraps statements in a 2012-10-17 document, and gives none for no statements", () => {
        const s = execStatement("X");
        assert.deepEqual(policyDocument([s]), { Version: "2012-10-17", Statement: [s] });
        assert.equal(policyDocument([]), undefined);
    });
});

describe("grantsPolicy", () => {
    const resolve = <T>(o: { apply: (f: (v: T) => void) => unknown }) => new Promise<T>((r) => o.apply(r));

    it("numbers the grants' statements, writes them in the partition given, then appends the extra statements", async () => {
        const extra = execStatement("Extra");
        const doc = await resolve<unknown>(
            grantsPolicy(
                [
                    { bucket: "a", access: "write" },
                    { queue: QUEUE, access: "send" },
                ],
                "aws-us-gov",
                [extra],
            )!,
        );
        assert.deepEqual(doc, {
            Version: "2012-10-17",
            Statement: [
                { Sid: "Grant0Objects", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"], Resource: "arn:aws-us-gov:s3:::a/*" },
                { Sid: "Grant1", Effect: "Allow", Action: ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"], Resource: QUEUE },
                extra,
            ],
        });
    });

    it("is a policy of the extra statements alone when there are no grants, and none when there is nothing at all", async () => {
        const extra = execStatement("Extra");
        assert.deepEqual(await resolve<unknown>(grantsPolicy([], "aws", [extra])!), { Version: "2012-10-17", Statement: [extra] });
        assert.equal(grantsPolicy([], "aws"), undefined);
    });
});
