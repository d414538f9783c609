// GIVEN the patterns example stack (and two variants), WHEN planned, THEN every wire of the four
// event-driven patterns carries exactly these values.
import { strict as assert } from "assert";
import { plan, Plan, PlannedResource } from "../plan/engine";
import { objectTestCommand } from "../stacks/patterns";
import { find, inputs, json, ofType, patternsConfig, planOk, planStackOk } from "./harness";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/rolePolicy:RolePolicy";
const QUEUE = "aws:sqs/queue:Queue";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TASKDEF = "aws:ecs/taskDefinition:TaskDefinition";

const arnOf = (p: Plan, type: string, name: string) => find(p, type, name).arn!;
const policyOf = (p: Plan, name: string) => json(inputs(p, POLICY, name).policy);
const envOf = (p: Plan, task: string) => json(inputs(p, TASKDEF, `${task}-taskdef`).containerDefinitions)[0].environment;
const trustOf = (p: Plan, role: string) => json(inputs(p, ROLE, role).assumeRolePolicy).Statement;
/** The URL SQS gives a queue, as the plan fakes it. */
const urlOf = (p: Plan, name: string) => `https://sqs.eu-west-1.amazonaws.com/123456789012/${find(p, QUEUE, name).id}`;
const dependsOn = (r: PlannedResource, on: PlannedResource) => assert.ok(r.dependencies.includes(on.urn), `${r.name} does not wait for ${on.name}`);

describe("patterns stack (Pulumi.patterns.yaml)", () => {
    let p: Plan;
    let cluster: string;
    let topic: string;
    beforeEach(async () => {
        p = await planStackOk("patterns");
        cluster = arnOf(p, "aws:ecs/cluster:Cluster", "ecs-cluster");
        topic = arnOf(p, "aws:sns/topic:Topic", "task-alerts-topic");
    });

    describe("1. object processing", () => {
        it("keeps the uploads bucket private, encrypted, TLS-only and publishing to EventBridge", () => {
            const bucket = find(p, "aws:s3/bucket:Bucket", "ingest-uploads-bucket");
            assert.deepEqual(inputs(p, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "ingest-uploads-public-access"), {
                bucket: bucket.id,
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            });
            assert.deepEqual(inputs(p, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "ingest-uploads-ownership").rule, { objectOwnership: "BucketOwnerEnforced" });
            assert.deepEqual(inputs(p, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "ingest-uploads-encryption").rules, [
                { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true },
            ]);
            assert.deepEqual(json(inputs(p, "aws:s3/bucketPolicy:BucketPolicy", "ingest-uploads-policy").policy).Statement, [
                { Sid: "DenyWithoutTls", Effect: "Deny", Principal: { AWS: "*" }, Action: "s3:*", Resource: [bucket.arn, `${bucket.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
            ]);
            dependsOn(find(p, "aws:s3/bucketPolicy:BucketPolicy", "ingest-uploads-policy"), find(p, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "ingest-uploads-public-access"));
            assert.equal(inputs(p, "aws:s3/bucketNotification:BucketNotification", "ingest-uploads-events").eventbridge, true);
            assert.equal(bucket.inputs.forceDestroy, true);
            assert.equal(bucket.retainOnDelete, false);
        });

        it("matches Object Created events of that bucket under incoming/ ending in .csv", () => {
            assert.deepEqual(json(inputs(p, RULE, "ingest-rule").eventPattern), {
                source: ["aws.s3"],
                "detail-type": ["Object Created"],
                detail: { bucket: { name: [find(p, "aws:s3/bucket:Bucket", "ingest-uploads-bucket").id] }, object: { key: [{ wildcard: "incoming/*.csv" }] } },
            });
        });

        it("runs the task definition on the task's own capacity and network, with the bucket and key as environment overrides", () => {
            const target = inputs(p, TARGET, "ingest-target");
            const subnets = inputs(p, "aws:ecs/service:Service", "thumbs-service").networkConfiguration.subnets;
            assert.equal(subnets.length, 2);
            assert.equal(target.arn, cluster);
            assert.equal(target.roleArn, arnOf(p, ROLE, "ingest-events-role"));
            assert.deepEqual(target.ecsTarget, {
                taskDefinitionArn: arnOf(p, TASKDEF, "ingest-taskdef"),
                taskCount: 1,
                // On demand: nothing starts an interrupted run again (targets.ts).
                capacityProviderStrategies: [{ capacityProvider: "FARGATE", base: 0, weight: 1 }],
                networkConfiguration: { subnets, securityGroups: [find(p, "aws:ec2/securityGroup:SecurityGroup", "ingest-sg").id], assignPublicIp: false },
                platformVersion: "LATEST",
                enableEcsManagedTags: true,
                propagateTags: "TASK_DEFINITION",
            });
            assert.deepEqual(target.inputTransformer.inputPaths, { bucket: "$.detail.bucket.name", key: "$.detail.object.key" });
            const filled = target.inputTransformer.inputTemplate.replace("<bucket>", '"uploads"').replace("<key>", '"incoming/a b.csv"');
            assert.deepEqual(JSON.parse(filled), {
                containerOverrides: [
                    {
                        name: "ingest",
                        environment: [
                            { name: "S3_BUCKET", value: "uploads" },
                            { name: "S3_KEY", value: "incoming/a b.csv" },
                        ],
                    },
                ],
            });
            assert.deepEqual(target.retryPolicy, { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 3600 });
            assert.deepEqual(target.deadLetterConfig, { arn: arnOf(p, QUEUE, "ingest-dlq-queue") });
            dependsOn(find(p, TARGET, "ingest-target"), find(p, POLICY, "ingest-events-policy"));
        });

        it("lets EventBridge assume the role only for this rule, to run only that task definition and pass only its two roles", () => {
            assert.deepEqual(trustOf(p, "ingest-events-role"), [
                {
                    Effect: "Allow",
                    Principal: { Service: "events.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": arnOf(p, RULE, "ingest-rule") } },
                },
            ]);
            assert.deepEqual(policyOf(p, "ingest-events-policy").Statement, [
                { Sid: "RunTask", Effect: "Allow", Action: ["ecs:RunTask"], Resource: "arn:aws:ecs:eu-west-1:123456789012:task-definition/berth-patterns-ingest:*", Condition: { ArnEquals: { "ecs:cluster": cluster } } },
                { Sid: "TagStartedTask", Effect: "Allow", Action: ["ecs:TagResource"], Resource: `${cluster.replace(":cluster/", ":task/")}/*`, Condition: { StringEquals: { "ecs:CreateAction": "RunTask" } } },
                {
                    Sid: "PassTaskRoles",
                    Effect: "Allow",
                    Action: ["iam:PassRole"],
                    Resource: [arnOf(p, ROLE, "ingest-exec-role"), arnOf(p, ROLE, "ingest-task-role")],
                    Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
                },
            ]);
        });

        it("lets the task get only that bucket's matching objects and write items into its table (BatchWriteItem too), nothing else", () => {
            const bucket = find(p, "aws:s3/bucket:Bucket", "ingest-uploads-bucket").arn;
            const table = arnOf(p, "aws:dynamodb/table:Table", "ingest-results-table");
            assert.deepEqual(policyOf(p, "ingest-task-policy").Statement, [
                { Sid: "UploadsObjects", Effect: "Allow", Action: ["s3:GetObject"], Resource: `${bucket}/incoming/*.csv` },
                {
                    Sid: "Results",
                    Effect: "Allow",
                    Action: ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:DescribeTable"],
                    Resource: [table, `${table}/index/*`],
                },
            ]);
            assert.deepEqual(envOf(p, "ingest"), [{ name: "TABLE_NAME", value: find(p, "aws:dynamodb/table:Table", "ingest-results-table").id }]);
        });

        it("writes to a pay-per-request table with point-in-time recovery and encryption, unprotected in dev", () => {
            const table = inputs(p, "aws:dynamodb/table:Table", "ingest-results-table");
            assert.deepEqual(
                [table.billingMode, table.hashKey, table.rangeKey, table.attributes, table.pointInTimeRecovery, table.serverSideEncryption, table.deletionProtectionEnabled],
                [
                    "PAY_PER_REQUEST",
                    "objectKey",
                    "row",
                    [
                        { name: "objectKey", type: "S" },
                        { name: "row", type: "S" },
                    ],
                    { enabled: true },
                    { enabled: true },
                    false,
                ],
            );
        });

        it("dead-letters to an encrypted queue only this rule may write to, alarmed to the alert topic", () => {
            const dlq = find(p, QUEUE, "ingest-dlq-queue");
            assert.deepEqual([dlq.inputs.sqsManagedSseEnabled, dlq.inputs.messageRetentionSeconds], [true, 1209600]);
            assert.deepEqual(json(inputs(p, "aws:sqs/queuePolicy:QueuePolicy", "ingest-dlq-policy").policy).Statement, [
                { Sid: "DeadLetterFromSource", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: ["sqs:SendMessage"], Resource: dlq.arn, Condition: { ArnEquals: { "aws:SourceArn": arnOf(p, RULE, "ingest-rule") } } },
            ]);
            const alarm = inputs(p, ALARM, "ingest-dlq-alarm");
            assert.deepEqual(
                [alarm.namespace, alarm.metricName, alarm.dimensions, alarm.statistic, alarm.period, alarm.threshold, alarm.comparisonOperator, alarm.treatMissingData, alarm.alarmActions],
                ["AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: dlq.id }, "Maximum", 60, 0, "GreaterThanThreshold", "notBreaching", [topic]],
            );
        });
    });

    describe("2. scheduled batch", () => {
        it("runs the batch every hour on the hour in Europe/Dublin, without a flexible window, on its capacity and network, with retries and a DLQ", () => {
            const s = inputs(p, "aws:scheduler/schedule:Schedule", "report-schedule");
            assert.equal(s.groupName, find(p, "aws:scheduler/scheduleGroup:ScheduleGroup", "report-group").id);
            assert.deepEqual([s.scheduleExpression, s.scheduleExpressionTimezone, s.flexibleTimeWindow, s.state], ["cron(0 * * * ? *)", "Europe/Dublin", { mode: "OFF" }, "ENABLED"]);
            assert.equal(s.target.arn, cluster);
            assert.equal(s.target.roleArn, arnOf(p, ROLE, "report-scheduler-role"));
            assert.equal(s.target.ecsParameters.taskDefinitionArn, arnOf(p, TASKDEF, "report-taskdef"));
            assert.deepEqual(s.target.ecsParameters.networkConfiguration.securityGroups, [find(p, "aws:ec2/securityGroup:SecurityGroup", "report-sg").id]);
            assert.equal(s.target.ecsParameters.networkConfiguration.assignPublicIp, false);
            assert.equal(s.target.ecsParameters.placementStrategies, undefined);
            assert.equal(s.target.input, undefined);
            assert.deepEqual(s.target.retryPolicy, { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 3600 });
            assert.deepEqual(s.target.deadLetterConfig, { arn: arnOf(p, QUEUE, "report-dlq-queue") });
            dependsOn(find(p, "aws:scheduler/schedule:Schedule", "report-schedule"), find(p, POLICY, "report-scheduler-policy"));
        });

        it("scopes the scheduler's role to its schedule group, that task definition, its two roles and its DLQ", () => {
            assert.deepEqual(trustOf(p, "report-scheduler-role")[0].Condition, {
                StringEquals: { "aws:SourceAccount": "123456789012" },
                ArnLike: { "aws:SourceArn": arnOf(p, "aws:scheduler/scheduleGroup:ScheduleGroup", "report-group") },
            });
            assert.equal(trustOf(p, "report-scheduler-role")[0].Principal.Service, "scheduler.amazonaws.com");
            const statements = policyOf(p, "report-scheduler-policy").Statement;
            assert.deepEqual(
                statements.map((s: any) => [s.Sid, s.Action, s.Resource]),
                [
                    ["RunTask", ["ecs:RunTask"], "arn:aws:ecs:eu-west-1:123456789012:task-definition/berth-patterns-report:*"],
                    ["TagStartedTask", ["ecs:TagResource"], `${cluster.replace(":cluster/", ":task/")}/*`],
                    ["PassTaskRoles", ["iam:PassRole"], [arnOf(p, ROLE, "report-exec-role"), arnOf(p, ROLE, "report-task-role")]],
                    ["DeadLetter", ["sqs:SendMessage"], arnOf(p, QUEUE, "report-dlq-queue")],
                ],
            );
            assert.deepEqual(
                ofType(p, "aws:sqs/queuePolicy:QueuePolicy")
                    .map((q) => q.name)
                    .sort(),
                ["ingest-dlq-policy", "task-alerts-dlq-policy"],
            );
        });

        it("lets the batch read its bucket under the prefix, and tells it where", () => {
            const bucket = find(p, "aws:s3/bucket:Bucket", "report-batch-bucket");
            assert.deepEqual(policyOf(p, "report-task-policy").Statement, [
                { Sid: "BatchObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: `${bucket.arn}/daily/*` },
                { Sid: "BatchList", Effect: "Allow", Action: ["s3:ListBucket"], Resource: bucket.arn, Condition: { StringLike: { "s3:prefix": ["daily/*"] } } },
            ]);
            assert.deepEqual(envOf(p, "report"), [
                { name: "BATCH_BUCKET", value: bucket.id },
                { name: "BATCH_PREFIX", value: "daily/" },
            ]);
            assert.equal(ofType(p, "aws:s3/bucketNotification:BucketNotification").length, 1);
        });
    });

    describe("3. queue worker", () => {
        it("encrypts the queue, hides a message for twice a batch of 10's processing time, and redrives to the DLQ after 5 receives", () => {
            const q = inputs(p, QUEUE, "thumbs-queue");
            const dlq = find(p, QUEUE, "thumbs-dlq-queue");
            // 2 x 30 s x 10 messages per receive
            assert.deepEqual([q.sqsManagedSseEnabled, q.visibilityTimeoutSeconds, q.messageRetentionSeconds, q.receiveWaitTimeSeconds], [true, 600, 345600, 20]);
            assert.deepEqual(json(q.redrivePolicy), { deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 });
            const allow = inputs(p, "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy", "thumbs-redrive-allow");
            assert.equal(allow.queueUrl, urlOf(p, "thumbs-dlq-queue"));
            assert.deepEqual(json(allow.redriveAllowPolicy), { redrivePermission: "byQueue", sourceQueueArns: [arnOf(p, QUEUE, "thumbs-queue")] });
            assert.deepEqual(inputs(p, ALARM, "thumbs-dlq-alarm").alarmActions, [topic]);
        });

        it("alarms to the alert topic when the oldest message has waited longer than 300 s plus a batch (300 s) for 5 minutes", () => {
            const alarm = inputs(p, ALARM, "thumbs-age-alarm");
            assert.deepEqual(
                [alarm.namespace, alarm.metricName, alarm.dimensions, alarm.statistic, alarm.period, alarm.evaluationPeriods, alarm.threshold, alarm.comparisonOperator, alarm.treatMissingData, alarm.alarmActions],
                ["AWS/SQS", "ApproximateAgeOfOldestMessage", { QueueName: find(p, QUEUE, "thumbs-queue").id }, "Maximum", 60, 5, 600, "GreaterThanThreshold", "notBreaching", [topic]],
            );
        });

        it("consumes with a private service that starts at minTasks (2) and leaves its count to auto scaling", () => {
            const svc = find(p, "aws:ecs/service:Service", "thumbs-service");
            assert.deepEqual(svc.inputs.loadBalancers, []);
            assert.equal(svc.inputs.desiredCount, 2);
            assert.deepEqual(svc.ignoreChanges, ["desiredCount"]);
            assert.deepEqual(envOf(p, "thumbs"), [
                { name: "QUEUE_URL", value: urlOf(p, "thumbs-queue") },
                { name: "QUEUE_BATCH_SIZE", value: "10" },
            ]);
            assert.deepEqual(policyOf(p, "thumbs-task-policy").Statement, [
                { Sid: "WorkQueue", Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"], Resource: arnOf(p, QUEUE, "thumbs-queue") },
            ]);
        });

        it("lets each sender send, and tells it the queue URL", () => {
            assert.deepEqual(policyOf(p, "api-task-policy").Statement, [{ Sid: "SendToThumbs", Effect: "Allow", Action: ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"], Resource: arnOf(p, QUEUE, "thumbs-queue") }]);
            assert.deepEqual(envOf(p, "api"), [{ name: "THUMBS_QUEUE_URL", value: urlOf(p, "thumbs-queue") }]);
        });

        it("scales 2-10 tasks to hold visible messages / running tasks at 300 s / 30 s = 10, by metric math", () => {
            const target = inputs(p, "aws:appautoscaling/target:Target", "thumbs-target");
            const service = find(p, "aws:ecs/service:Service", "thumbs-service").id!;
            const clusterName = find(p, "aws:ecs/cluster:Cluster", "ecs-cluster").id!;
            assert.deepEqual([target.minCapacity, target.maxCapacity], [2, 10]);
            const c = inputs(p, "aws:appautoscaling/policy:Policy", "thumbs-backlog").targetTrackingScalingPolicyConfiguration;
            assert.deepEqual([c.targetValue, c.scaleInCooldown, c.scaleOutCooldown, c.predefinedMetricSpecification], [10, 300, 60, undefined]);
            assert.deepEqual(c.customizedMetricSpecification.metrics, [
                {
                    id: "visible",
                    label: "Messages waiting in the queue",
                    metricStat: { metric: { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: [{ name: "QueueName", value: find(p, QUEUE, "thumbs-queue").id }] }, stat: "Sum" },
                    returnData: false,
                },
                {
                    id: "tasks",
                    label: "Running tasks of the service",
                    metricStat: {
                        metric: {
                            namespace: "ECS/ContainerInsights",
                            metricName: "RunningTaskCount",
                            dimensions: [
                                { name: "ClusterName", value: clusterName },
                                { name: "ServiceName", value: service },
                            ],
                        },
                        stat: "Average",
                    },
                    returnData: false,
                },
                { id: "backlog", label: "Backlog per task", expression: "visible / tasks", returnData: true },
            ]);
            assert.deepEqual(ofType(p, "aws:lambda/function:Function"), []);
            // RunningTaskCount comes from Container Insights.
            assert.deepEqual(inputs(p, "aws:ecs/cluster:Cluster", "ecs-cluster").settings, [{ name: "containerInsights", value: "enabled" }]);
        });
    });

    describe("4. stopped-task alerts", () => {
        it("matches this cluster's stopped tasks with a non-zero exit code or a failed start", () => {
            assert.deepEqual(json(inputs(p, RULE, "task-alerts-rule").eventPattern), {
                source: ["aws.ecs"],
                "detail-type": ["ECS Task State Change"],
                detail: { clusterArn: [cluster], lastStatus: ["STOPPED"], $or: [{ stopCode: ["EssentialContainerExited"], containers: { exitCode: [{ "anything-but": 0 }] } }, { stopCode: ["TaskFailedToStart"] }] },
            });
        });

        it("publishes one readable line: service, task, stop reason and exit code", () => {
            const t = inputs(p, TARGET, "task-alerts-target");
            assert.equal(t.arn, topic);
            assert.deepEqual(t.inputTransformer.inputPaths, {
                group: "$.detail.group",
                task: "$.detail.taskArn",
                stopCode: "$.detail.stopCode",
                reason: "$.detail.stoppedReason",
                container: "$.detail.containers[0].name",
                exitCode: "$.detail.containers[0].exitCode",
                cluster: "$.detail.clusterArn",
                time: "$.time",
            });
            const line = JSON.parse(t.inputTransformer.inputTemplate);
            assert.equal(
                line,
                `ECS task stopped: <group> (task <task>). Stop code <stopCode>: <reason>. Container <container> exit code: <exitCode>. Cluster <cluster>, <time>. Stopped tasks: https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/${cluster.split("/")[1]}/tasks?region=eu-west-1`,
            );
            assert.deepEqual([t.retryPolicy, t.deadLetterConfig], [{ maximumRetryAttempts: 10, maximumEventAgeInSeconds: 3600 }, { arn: arnOf(p, QUEUE, "task-alerts-dlq-queue") }]);
        });

        it("encrypts the topic with a rotating key that EventBridge and this account's alarms may use", () => {
            const key = find(p, "aws:kms/key:Key", "task-alerts-key");
            assert.equal(inputs(p, "aws:sns/topic:Topic", "task-alerts-topic").kmsMasterKeyId, key.arn);
            assert.deepEqual([key.inputs.enableKeyRotation, key.inputs.deletionWindowInDays], [true, 7]);
            assert.deepEqual(json(key.inputs.policy).Statement, [
                {
                    Sid: "AccountAdministersKey",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::123456789012:root" },
                    Action: [
                        "kms:CancelKeyDeletion",
                        "kms:Create*",
                        "kms:Decrypt",
                        "kms:Delete*",
                        "kms:Describe*",
                        "kms:Disable*",
                        "kms:Enable*",
                        "kms:Encrypt",
                        "kms:GenerateDataKey*",
                        "kms:Get*",
                        "kms:List*",
                        "kms:Put*",
                        "kms:ReEncrypt*",
                        "kms:Revoke*",
                        "kms:RotateKeyOnDemand",
                        "kms:ScheduleKeyDeletion",
                        "kms:TagResource",
                        "kms:UntagResource",
                        "kms:Update*",
                    ],
                    Resource: "*",
                },
                { Sid: "EventBridgePublishes", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*" },
                {
                    Sid: "CloudWatchAlarmsPublish",
                    Effect: "Allow",
                    Principal: { Service: "cloudwatch.amazonaws.com" },
                    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                    Resource: "*",
                    Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:*" } },
                },
            ]);
        });

        it("lets only the four alert rules and this account's alarms publish, and subscribes the configured email", () => {
            const rules = ["task-alerts-rule", "task-alerts-runtask-rule", "task-alerts-deployment-rule", "task-alerts-start-impaired-rule"].map((r) => arnOf(p, RULE, r));
            assert.deepEqual(
                json(inputs(p, "aws:sns/topicPolicy:TopicPolicy", "task-alerts-topic-policy").policy).Statement.map((s: any) => [s.Principal.Service, s.Action, s.Resource, s.Condition]),
                [
                    ["events.amazonaws.com", ["sns:Publish"], topic, { ArnEquals: { "aws:SourceArn": rules } }],
                    ["cloudwatch.amazonaws.com", ["sns:Publish"], topic, { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:*" } }],
                ],
            );
            assert.deepEqual(
                ofType(p, "aws:sns/topicSubscription:TopicSubscription").map((s) => [s.name, s.inputs.protocol, s.inputs.endpoint, s.inputs.topic]),
                [["task-alerts-email-oncall@example.com", "email", "oncall@example.com", topic]],
            );
        });
    });

    it("outputs each pattern's bucket, table, schedule, queue and dead-letter queue", () => {
        const out = p.outputs.patterns as any;
        assert.deepEqual(Object.keys(out), ["objectProcessing", "scheduledBatch", "queueWorker", "stoppedTaskAlerts"]);
        assert.deepEqual(out.objectProcessing.ingest, {
            bucket: find(p, "aws:s3/bucket:Bucket", "ingest-uploads-bucket").id,
            table: find(p, "aws:dynamodb/table:Table", "ingest-results-table").id,
            deadLetterQueue: urlOf(p, "ingest-dlq-queue"),
            testCommand: objectTestCommand({
                region: "eu-west-1",
                bucket: find(p, "aws:s3/bucket:Bucket", "ingest-uploads-bucket").id!,
                table: find(p, "aws:dynamodb/table:Table", "ingest-results-table").id!,
                logGroup: find(p, "aws:cloudwatch/logGroup:LogGroup", "ingest-logs").inputs.name as string,
                prefix: "incoming/",
                suffix: ".csv",
            }),
        });
        assert.deepEqual(out.scheduledBatch.report, {
            bucket: find(p, "aws:s3/bucket:Bucket", "report-batch-bucket").id,
            schedule: find(p, "aws:scheduler/schedule:Schedule", "report-schedule").id,
            deadLetterQueue: urlOf(p, "report-dlq-queue"),
        });
        assert.deepEqual(out.queueWorker.thumbs, { queueUrl: urlOf(p, "thumbs-queue"), deadLetterQueue: urlOf(p, "thumbs-dlq-queue") });
        assert.deepEqual(out.stoppedTaskAlerts, {
            topicArn: topic,
            deadLetterQueue: urlOf(p, "task-alerts-dlq-queue"),
            emails: { "oncall@example.com": "pending: confirm from your inbox (the link in AWS's email is valid for 3 days)" },
        });
    });
});

describe("patterns on EC2 capacity in prod", () => {
    let p: Plan;
    beforeEach(async () => {
        p = await planOk(patternsConfig({ "berth:platform": "ecs-ec2", "berth:environment": "prod", "berth:patterns": { stoppedTaskAlerts: { stops: "all" }, objectProcessing: { ingest: { prefix: null, suffix: ".json" } } } }));
    });

    it("starts tasks on the EC2 capacity provider, spread over AZs then binpacked, without a Fargate platform version", () => {
        const provider = find(p, "aws:ecs/capacityProvider:CapacityProvider", "ec2-cp").id;
        const ecsTarget = inputs(p, TARGET, "ingest-target").ecsTarget;
        const params = inputs(p, "aws:scheduler/schedule:Schedule", "report-schedule").target.ecsParameters;
        const placement = [
            { type: "spread", field: "attribute:ecs.availability-zone" },
            { type: "binpack", field: "memory" },
        ];
        assert.deepEqual([ecsTarget.capacityProviderStrategies, ecsTarget.orderedPlacementStrategies, ecsTarget.platformVersion], [[{ capacityProvider: provider, base: 0, weight: 1 }], placement, undefined]);
        assert.deepEqual([params.capacityProviderStrategies, params.placementStrategies, params.platformVersion], [[{ capacityProvider: provider, base: 0, weight: 1 }], placement, undefined]);
    });

    it("protects the data in prod: deletion protection and retained table and buckets, a 30-day key window", () => {
        const table = find(p, "aws:dynamodb/table:Table", "ingest-results-table");
        assert.deepEqual([table.inputs.deletionProtectionEnabled, table.retainOnDelete], [true, true]);
        for (const b of ofType(p, "aws:s3/bucket:Bucket")) assert.deepEqual([b.inputs.forceDestroy, b.retainOnDelete], [false, true], b.name);
        assert.equal(inputs(p, "aws:kms/key:Key", "task-alerts-key").deletionWindowInDays, 30);
    });

    it("filters on the suffix alone, and alerts on every stop when asked", () => {
        assert.deepEqual(json(inputs(p, RULE, "ingest-rule").eventPattern).detail.object, { key: [{ suffix: ".json" }] });
        assert.equal(policyOf(p, "ingest-task-policy").Statement[0].Resource, `${find(p, "aws:s3/bucket:Bucket", "ingest-uploads-bucket").arn}/*.json`);
        const detail = json(inputs(p, RULE, "task-alerts-rule").eventPattern).detail;
        assert.deepEqual(Object.keys(detail), ["clusterArn", "lastStatus"]);
    });
});

describe("patterns on other platforms", () => {
    it("keep stopped-task alerts on ecs-anywhere, with nothing that starts tasks", async () => {
        const p = await planOk(patternsConfig({ "berth:platform": "ecs-anywhere", "berth:services": { api: { port: null } }, "berth:patterns": { objectProcessing: null, scheduledBatch: null, queueWorker: null } }));
        assert.deepEqual(json(inputs(p, RULE, "task-alerts-rule").eventPattern).detail.clusterArn, [find(p, "aws:ecs/cluster:Cluster", "ecs-cluster").arn]);
        assert.deepEqual(
            ofType(p, TARGET).map((t) => t.name),
            ["task-alerts-deployment-target", "task-alerts-start-impaired-target", "task-alerts-runtask-target", "task-alerts-target"],
        );
        for (const type of ["aws:scheduler/schedule:Schedule", "aws:s3/bucket:Bucket", "aws:appautoscaling/policy:Policy"]) assert.deepEqual(ofType(p, type), [], type);
    });

    it("are refused with a clear message on a platform without an ECS cluster, before anything is created", async () => {
        const result = await plan({ stack: "eks", config: patternsConfig({ "berth:platform": "eks" }), project: "berth" });
        assert.ok(!result.ok);
        const e = result.errors.find((x) => x.path === "berth:patterns");
        assert.match(e!.allowed, /^nothing on platform eks: the event-driven patterns run on the stack's ECS cluster/);
    });
});
