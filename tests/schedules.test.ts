// GIVEN a kind: task with `schedule` and `timezone` under berth:services, WHEN planned on each platform
// family, THEN ECS starts it from an EventBridge Scheduler schedule wired like scheduledBatch's, and
// Kubernetes fires its CronJob on the converted cron; an unscheduled task stays one-off everywhere.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { besidesPlaceholders, eksConfig, fakeSubnets, fargateConfig, find, inputs, json, kubernetesConfig, ofType, planOk, planStackOk } from "./harness";

const IMAGE = "public.ecr.aws/docker/library/busybox:1.36";
const SCHEDULE = "aws:scheduler/schedule:Schedule";
const ROLE = "aws:iam/role:Role";
const QUEUE = "aws:sqs/queue:Queue";
const CRONJOB = "kubernetes:batch/v1:CronJob";
const arnOf = (p: Plan, type: string, name: string) => find(p, type, name).arn!;

/** A scheduled task nightly, an unscheduled task adhoc, and stopped-task alerts so the DLQ alarm has a topic. */
const scheduled = (nightly: Record<string, unknown> = {}) => ({
    "berth:services": {
        nightly: Object.fromEntries(Object.entries({ kind: "task", image: IMAGE, schedule: "cron(0 2 * * ? *)", timezone: "Europe/Berlin", ...nightly }).filter(([, v]) => v !== null)),
        adhoc: { kind: "task", image: IMAGE },
    },
});

describe("a task's own schedule on ECS (ecs-fargate)", () => {
    let p: Plan;
    beforeEach(async () => {
        p = await planOk(fargateConfig({ ...scheduled(), "berth:patterns": { stoppedTaskAlerts: { emails: ["oncall@example.com"] } } }));
    });

    it("runs the task from a Scheduler schedule at 02:00 Berlin time, no window, on on-demand Fargate in private subnets, with scheduledBatch's retries and DLQ", () => {
        const s = inputs(p, SCHEDULE, "nightly-schedule");
        assert.deepEqual(
            [s.groupName, s.scheduleExpression, s.scheduleExpressionTimezone, s.flexibleTimeWindow, s.state, s.description],
            [find(p, "aws:scheduler/scheduleGroup:ScheduleGroup", "nightly-group").id, "cron(0 2 * * ? *)", "Europe/Berlin", { mode: "OFF" }, "ENABLED", "Runs task nightly"],
        );
        assert.equal(s.target.arn, arnOf(p, "aws:ecs/cluster:Cluster", "ecs-cluster"));
        assert.equal(s.target.roleArn, arnOf(p, ROLE, "nightly-scheduler-role"));
        assert.deepEqual(s.target.retryPolicy, { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 3600 });
        assert.deepEqual(s.target.deadLetterConfig, { arn: arnOf(p, QUEUE, "nightly-dlq-queue") });
        assert.deepEqual(s.target.ecsParameters, {
            taskDefinitionArn: arnOf(p, "aws:ecs/taskDefinition:TaskDefinition", "nightly-taskdef"),
            taskCount: 1,
            capacityProviderStrategies: [{ capacityProvider: "FARGATE", base: 0, weight: 1 }],
            networkConfiguration: { subnets: fakeSubnets("private"), securityGroups: [find(p, "aws:ec2/securityGroup:SecurityGroup", "nightly-sg").id], assignPublicIp: false },
            platformVersion: "LATEST",
            enableEcsManagedTags: true,
            propagateTags: "TASK_DEFINITION",
        });
    });

    it("gives the schedule a role that trusts only its group and may run only that task, pass its two roles and dead-letter", () => {
        const trust = json(inputs(p, ROLE, "nightly-scheduler-role").assumeRolePolicy).Statement[0];
        assert.equal(trust.Principal.Service, "scheduler.amazonaws.com");
        assert.deepEqual(trust.Condition.ArnLike, { "aws:SourceArn": arnOf(p, "aws:scheduler/scheduleGroup:ScheduleGroup", "nightly-group") });
        assert.deepEqual(
            json(inputs(p, "aws:iam/rolePolicy:RolePolicy", "nightly-scheduler-policy").policy).Statement.map((st: { Sid: string; Resource: unknown }) => [st.Sid, st.Resource]),
            [
                ["RunTask", "arn:aws:ecs:eu-west-1:123456789012:task-definition/berth-test-nightly:*"],
                ["TagStartedTask", `${arnOf(p, "aws:ecs/cluster:Cluster", "ecs-cluster").replace(":cluster/", ":task/")}/*`],
                ["PassTaskRoles", [arnOf(p, ROLE, "nightly-exec-role"), arnOf(p, ROLE, "nightly-task-role")]],
                ["DeadLetter", arnOf(p, QUEUE, "nightly-dlq-queue")],
            ],
        );
    });

    it("alarms on the dead-letter queue to the stopped-task alert topic, and creates no bucket", () => {
        const alarm = inputs(p, "aws:cloudwatch/metricAlarm:MetricAlarm", "nightly-dlq-alarm");
        assert.deepEqual(
            [alarm.metricName, alarm.dimensions, alarm.threshold, alarm.alarmActions],
            ["ApproximateNumberOfMessagesVisible", { QueueName: find(p, QUEUE, "nightly-dlq-queue").id }, 0, [arnOf(p, "aws:sns/topic:Topic", "task-alerts-topic")]],
        );
        assert.deepEqual(ofType(p, "aws:s3/bucket:Bucket"), []);
        assert.deepEqual(json(inputs(p, "aws:ecs/taskDefinition:TaskDefinition", "nightly-taskdef").containerDefinitions)[0].environment, []);
    });

    it("schedules only the scheduled task: the other stays one-off; both keep their run commands, and `schedules` names the schedule", () => {
        assert.deepEqual(
            ofType(p, SCHEDULE).map((r) => r.name),
            ["nightly-schedule"],
        );
        assert.deepEqual(Object.keys(p.outputs.tasks as object).sort(), ["adhoc", "nightly"]);
        assert.deepEqual(p.outputs.schedules, { nightly: { expression: "cron(0 2 * * ? *)", timezone: "Europe/Berlin", schedule: find(p, SCHEDULE, "nightly-schedule").id } });
        // The patterns output stays the patterns': the task's schedule is not a scheduledBatch.
        assert.deepEqual(Object.keys(p.outputs.patterns as object), ["stoppedTaskAlerts"]);
    });
});

describe("a task's own schedule on ecs-ec2 and ecs-anywhere", () => {
    it("runs on the EC2 capacity provider, spread then binpacked, in UTC by default", async () => {
        const p = await planOk(fargateConfig({ "berth:platform": "ecs-ec2", ...scheduled({ timezone: null, schedule: "rate(1 day)" }) }));
        const s = inputs(p, SCHEDULE, "nightly-schedule");
        assert.deepEqual([s.scheduleExpression, s.scheduleExpressionTimezone], ["rate(1 day)", "UTC"]);
        assert.deepEqual(s.target.ecsParameters.capacityProviderStrategies, [{ capacityProvider: find(p, "aws:ecs/capacityProvider:CapacityProvider", "ec2-cp").id, base: 0, weight: 1 }]);
        assert.deepEqual(s.target.ecsParameters.placementStrategies, [
            { type: "spread", field: "attribute:ecs.availability-zone" },
            { type: "binpack", field: "memory" },
        ]);
        assert.deepEqual(p.outputs.schedules, { nightly: { expression: "rate(1 day)", timezone: "UTC", schedule: find(p, SCHEDULE, "nightly-schedule").id } });
    });

    it("warns, as for scheduledBatch, that the dead-letter alarm notifies nobody without stopped-task alerts", async () => {
        const p = await planOk(fargateConfig({ "berth:platform": "ecs-ec2", ...scheduled({ timezone: null, schedule: "rate(1 day)" }) }));
        assert.deepEqual(
            besidesPlaceholders(p.warnings).map((w) => [w.path, w.message]),
            [
                [
                    "berth:patterns.stoppedTaskAlerts",
                    "is not set: the alarms of services.nightly.schedule (dead letters, and a work queue's oldest message) notify nobody, and failed task starts go unreported; set stoppedTaskAlerts.emails to hear of them",
                ],
            ],
        );
    });

    it("runs on external hosts with the EXTERNAL launch type: no capacity provider, no network configuration", async () => {
        const p = await planOk(fargateConfig({ "berth:platform": "ecs-anywhere", "berth:loadBalancer": null, "berth:services": { web: null, ...scheduled()["berth:services"] } }));
        const s = inputs(p, SCHEDULE, "nightly-schedule");
        assert.deepEqual(s.target.ecsParameters, {
            taskDefinitionArn: arnOf(p, "aws:ecs/taskDefinition:TaskDefinition", "nightly-taskdef"),
            taskCount: 1,
            launchType: "EXTERNAL",
            enableEcsManagedTags: true,
            propagateTags: "TASK_DEFINITION",
        });
        assert.deepEqual(s.target.retryPolicy, { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 3600 });
        // No alert topic here: the DLQ alarm notifies nobody, as scheduledBatch's does without stoppedTaskAlerts.
        assert.deepEqual(inputs(p, "aws:cloudwatch/metricAlarm:MetricAlarm", "nightly-dlq-alarm").alarmActions, []);
    });
});

for (const [platform, config, stack] of [
    ["eks", eksConfig, "sched-eks"],
    ["kubernetes", kubernetesConfig, "sched-k8s"],
] as const) {
    describe(`a task's own schedule on ${platform}`, () => {
        let p: Plan;
        beforeEach(async () => {
            p = await planOk(config(scheduled()), stack);
        });

        it("fires the CronJob on the converted cron in the configured zone: not suspended, Forbid, 3 and 3 Jobs kept, an hour's starting deadline", () => {
            const { jobTemplate, ...spec } = inputs(p, CRONJOB, "nightly-cronjob").spec;
            assert.deepEqual(spec, {
                schedule: "0 2 * * *",
                timeZone: "Europe/Berlin",
                suspend: false,
                startingDeadlineSeconds: 3600,
                successfulJobsHistoryLimit: 3,
                failedJobsHistoryLimit: 3,
                concurrencyPolicy: "Forbid",
            });
            assert.deepEqual([jobTemplate.spec.backoffLimit, jobTemplate.spec.template.spec.restartPolicy], [0, "Never"]);
        });

        it("keeps the unscheduled task's CronJob suspended on a date that never comes, without a time zone or history limits", () => {
            const { jobTemplate: _, ...spec } = inputs(p, CRONJOB, "adhoc-cronjob").spec;
            assert.deepEqual(spec, { schedule: "0 0 31 2 *", suspend: true, concurrencyPolicy: "Forbid" });
        });

        it("outputs both run commands, and the schedule as the CronJob runs it", () => {
            assert.deepEqual(Object.keys(p.outputs.tasks as object).sort(), ["adhoc", "nightly"]);
            assert.match((p.outputs.tasks as Record<string, string>).nightly, /kubectl --namespace nightly create job --from=cronjob\/nightly nightly-\$\(date \+%s\)$/);
            assert.deepEqual(p.outputs.schedules, { nightly: { expression: "0 2 * * *", timezone: "Europe/Berlin", schedule: "nightly/nightly" } });
        });
    });
}

describe("a rate on Kubernetes", () => {
    it("fires on the clock in UTC whatever the configured zone, since EventBridge reads no zone for a rate", async () => {
        const p = await planOk(kubernetesConfig(scheduled({ schedule: "rate(15 minutes)" })), "sched-k8s-rate");
        const spec = inputs(p, CRONJOB, "nightly-cronjob").spec;
        assert.deepEqual([spec.schedule, spec.timeZone, spec.suspend], ["*/15 * * * *", "Etc/UTC", false]);
        assert.deepEqual((p.outputs.schedules as Record<string, unknown>).nightly, { expression: "*/15 * * * *", timezone: "Etc/UTC", schedule: "nightly/nightly" });
    });
});

describe("the schedules output of berth:patterns.scheduledBatch", () => {
    it("lists the pattern's schedule the same way as a task's own (Pulumi.patterns.yaml)", async () => {
        const p = await planStackOk("patterns");
        assert.deepEqual(p.outputs.schedules, { report: { expression: "cron(0 * * * ? *)", timezone: "Europe/Dublin", schedule: find(p, SCHEDULE, "report-schedule").id } });
    });
});
