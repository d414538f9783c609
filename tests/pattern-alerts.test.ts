// GIVEN the patterns example stack (and variants), WHEN planned, THEN every failure of an event-driven
// run reaches someone: RunTask calls that start nothing, crash loops, failed deployments, dead letters
// (the first and every further one), and a stack that would tell no one says so.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { besidesPlaceholders, find, inputs, json, ofType, patternsConfig, planOk, planStackOk } from "./harness";

const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const QUEUE = "aws:sqs/queue:Queue";
const CONSOLE = "https://eu-west-1.console.aws.amazon.com";

describe("pattern alerts (Pulumi.patterns.yaml)", () => {
    let p: Plan;
    let cluster: string;
    let clusterName: string;
    let topic: string;
    beforeEach(async () => {
        p = await planStackOk("patterns");
        cluster = find(p, "aws:ecs/cluster:Cluster", "ecs-cluster").arn!;
        clusterName = cluster.split("/")[1];
        topic = find(p, "aws:sns/topic:Topic", "task-alerts-topic").arn!;
    });

    /** Each alert target: to the topic, with the stopped-task rule's retries and the one alerts DLQ. */
    const deliversToTopic = (name: string) => {
        const t = inputs(p, TARGET, name);
        assert.deepEqual(
            [t.rule, t.arn, t.retryPolicy, t.deadLetterConfig],
            [find(p, RULE, name.replace(/target$/, "rule")).id, topic, { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 3600 }, { arn: find(p, QUEUE, "task-alerts-dlq-queue").arn }],
        );
        return t.inputTransformer;
    };

    describe("RunTask calls that start nothing (item 4)", () => {
        it("matches CloudTrail's RunTask records on this cluster, by ARN or name, whose failures carry a reason", () => {
            assert.deepEqual(json(inputs(p, RULE, "task-alerts-runtask-rule").eventPattern), {
                source: ["aws.ecs"],
                "detail-type": ["AWS API Call via CloudTrail"],
                detail: {
                    eventSource: ["ecs.amazonaws.com"],
                    eventName: ["RunTask"],
                    requestParameters: { cluster: [cluster, clusterName] },
                    responseElements: { failures: { reason: [{ exists: true }] } },
                },
            });
        });

        it("emails the task definition, the caller, the first failure and where to find the call", () => {
            const input = deliversToTopic("task-alerts-runtask-target");
            assert.deepEqual(input.inputPaths, {
                taskDefinition: "$.detail.requestParameters.taskDefinition",
                caller: "$.detail.userIdentity.arn",
                reason: "$.detail.responseElements.failures[0].reason",
                detail: "$.detail.responseElements.failures[0].detail",
                time: "$.time",
            });
            assert.equal(
                JSON.parse(input.inputTemplate),
                `ECS RunTask started no task: <taskDefinition>, called by <caller>. Failure: <reason> (<detail>). Nothing retries it: start it again once the cause is gone. <time>. RunTask calls: ${CONSOLE}/cloudtrail/home?region=eu-west-1#/events?EventName=RunTask`,
            );
        });
    });

    describe("event-started runs and Spot (item 5)", () => {
        it("starts uploads' and schedules' runs on demand, though the services keep Fargate Spot", () => {
            const onDemand = [{ capacityProvider: "FARGATE", base: 0, weight: 1 }];
            assert.deepEqual(inputs(p, TARGET, "ingest-target").ecsTarget.capacityProviderStrategies, onDemand);
            assert.deepEqual(inputs(p, "aws:scheduler/schedule:Schedule", "report-schedule").target.ecsParameters.capacityProviderStrategies, onDemand);
            assert.ok(
                inputs(p, "aws:ecs/service:Service", "thumbs-service").capacityProviderStrategies.some((s: { capacityProvider: string }) => s.capacityProvider === "FARGATE_SPOT"),
                "the queue worker's service should keep Spot: its messages reappear after an interruption",
            );
        });
    });

    describe("crash loops and failed deployments (item 6)", () => {
        it("matches failed deployments of this cluster's services, named by service ARN prefix", () => {
            assert.deepEqual(json(inputs(p, RULE, "task-alerts-deployment-rule").eventPattern), {
                source: ["aws.ecs"],
                "detail-type": ["ECS Deployment State Change"],
                resources: [{ prefix: `arn:aws:ecs:eu-west-1:123456789012:service/${clusterName}/` }],
                detail: { eventName: ["SERVICE_DEPLOYMENT_FAILED"] },
            });
        });

        it("matches this cluster's services that cannot start tasks", () => {
            assert.deepEqual(json(inputs(p, RULE, "task-alerts-start-impaired-rule").eventPattern), {
                source: ["aws.ecs"],
                "detail-type": ["ECS Service Action"],
                detail: { clusterArn: [cluster], eventName: ["SERVICE_TASK_START_IMPAIRED"] },
            });
        });

        for (const target of ["task-alerts-deployment-target", "task-alerts-start-impaired-target"]) {
            it(`${target} emails the service, the event, its reason and the services page`, () => {
                const input = deliversToTopic(target);
                assert.deepEqual(input.inputPaths, { service: "$.resources[0]", event: "$.detail.eventName", reason: "$.detail.reason", time: "$.time" });
                assert.equal(JSON.parse(input.inputTemplate), `ECS service <service>: <event>. <reason> <time>. Services and their events: ${CONSOLE}/ecs/v2/clusters/${clusterName}/services?region=eu-west-1`);
            });
        }

        it("dead-letters all four rules into one queue that admits exactly them", () => {
            const rules = ["task-alerts-rule", "task-alerts-runtask-rule", "task-alerts-deployment-rule", "task-alerts-start-impaired-rule"].map((r) => find(p, RULE, r).arn);
            assert.deepEqual(json(inputs(p, "aws:sqs/queuePolicy:QueuePolicy", "task-alerts-dlq-policy").policy).Statement[0].Condition, { ArnEquals: { "aws:SourceArn": rules } });
            assert.deepEqual(json(inputs(p, "aws:sqs/queuePolicy:QueuePolicy", "ingest-dlq-policy").policy).Statement[0].Condition, { ArnEquals: { "aws:SourceArn": find(p, RULE, "ingest-rule").arn } });
        });
    });

    describe("dead-letter alarms (item 7)", () => {
        const dlqs = ["ingest-dlq", "report-dlq", "thumbs-dlq", "task-alerts-dlq"];

        it("has a depth and an arrivals alarm per dead-letter queue, the work queue's age alarm, and no other alarm", () => {
            assert.deepEqual(
                ofType(p, ALARM)
                    .map((a) => a.name)
                    .sort(),
                [...dlqs.flatMap((d) => [`${d}-alarm`, `${d}-arrivals-alarm`]), "thumbs-age-alarm"].sort(),
            );
            assert.deepEqual(inputs(p, ALARM, "thumbs-age-alarm").alarmActions, [topic]);
        });

        for (const dlq of dlqs) {
            it(`${dlq}: the depth alarm notifies the topic on ALARM and on OK (drained)`, () => {
                const a = inputs(p, ALARM, `${dlq}-alarm`);
                assert.deepEqual([a.alarmActions, a.okActions], [[topic], [topic]]);
            });

            it(`${dlq}: the arrivals alarm notifies the topic of each further dead letter, and is quiet on OK`, () => {
                const a = inputs(p, ALARM, `${dlq}-arrivals-alarm`);
                assert.deepEqual(a.metricQueries, [
                    { id: "visible", metric: { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: find(p, QUEUE, `${dlq}-queue`).id }, stat: "Maximum", period: 60 }, returnData: false },
                    { id: "arrivals", expression: "IF(DIFF(visible) > 0 AND visible - DIFF(visible) > 0, 1, 0)", label: "New dead letters on top of waiting ones", returnData: true },
                ]);
                assert.deepEqual([a.evaluationPeriods, a.threshold, a.comparisonOperator, a.treatMissingData, a.alarmActions, a.okActions, a.metricName], [1, 0, "GreaterThanThreshold", "notBreaching", [topic], undefined, undefined]);
            });
        }

        it("says nothing when the alerts have an address", () => {
            assert.deepEqual(
                besidesPlaceholders(p.warnings).filter((w) => w.path.startsWith("berth:patterns")),
                [],
            );
        });
    });

    describe("email subscriptions (item 10)", () => {
        it("lists each address with what to do until it confirms", () => {
            assert.deepEqual((p.outputs.patterns as any).stoppedTaskAlerts.emails, { "oncall@example.com": "pending: confirm from your inbox (the link in AWS's email is valid for 3 days)" });
        });
    });
});

describe("pattern alerts switched off or without an address", () => {
    it("warns that the dead-letter alarms notify nobody, naming them, and leaves the alarms without actions", async () => {
        const p = await planOk(patternsConfig({ "berth:patterns": { stoppedTaskAlerts: null } }));
        assert.deepEqual(p.warnings, [
            {
                code: "alerts-unrouted",
                path: "berth:patterns.stoppedTaskAlerts",
                message:
                    "is not set: the alarms of objectProcessing.ingest, scheduledBatch.report, queueWorker.thumbs (dead letters, and a work queue's oldest message) notify nobody, and failed task starts go unreported; set stoppedTaskAlerts.emails to hear of them",
            },
        ]);
        for (const a of ofType(p, ALARM)) assert.deepEqual([a.inputs.alarmActions, a.inputs.okActions ?? []], [[], []], a.name);
        assert.deepEqual(
            ofType(p, RULE).filter((r) => r.name.startsWith("task-alerts")),
            [],
        );
    });

    it("warns that an alert topic without emails publishes to no one", async () => {
        const p = await planOk(patternsConfig({ "berth:patterns": { stoppedTaskAlerts: { emails: [] } } }));
        assert.deepEqual(p.warnings, [
            { code: "alerts-unrouted", path: "berth:patterns.stoppedTaskAlerts.emails", message: "is empty: the alert topic and the dead-letter alarms publish to no one; list at least one address, or subscribe to the topic yourself" },
        ]);
        assert.deepEqual((p.outputs.patterns as any).stoppedTaskAlerts.emails, {});
    });

    it("says nothing of a stack without patterns", async () => {
        const p = await planOk(patternsConfig({ "berth:patterns": null, "berth:services": { ingest: null, report: null } }));
        assert.deepEqual(
            besidesPlaceholders(p.warnings).filter((w) => w.path.startsWith("berth:patterns")),
            [],
        );
    });
});
