// Details of the compositions that only show when a feature is off or configured differently from
// the example stacks: no alerts, no batch prefix, an ECR image on Express Mode, EC2 without spot.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { fargateConfig, inputs, json, managedConfig, ofType, patternsConfig, planOk } from "./harness";

describe("patterns without stopped-task alerts or a batch prefix, and a batch that starts on the minute", () => {
    let p: Plan;
    beforeEach(async () => (p = await planOk(patternsConfig({ "berth:patterns": { stoppedTaskAlerts: null, scheduledBatch: { report: { flexibleWindowMinutes: 0 } } } }))));

    it("gives every dead-letter alarm no action, since there is no topic to notify", () => {
        const alarms = ofType(p, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.name.endsWith("-dlq-alarm"));
        assert.ok(alarms.length >= 3, alarms.map((a) => a.name).join(", "));
        for (const a of alarms) assert.deepEqual((a.inputs as any).alarmActions, [], a.name);
        assert.deepEqual(ofType(p, "aws:sns/topic:Topic"), []);
    });

    it("hands the batch an empty BATCH_PREFIX: the whole bucket", () => {
        const [c] = json(inputs(p, "aws:ecs/taskDefinition:TaskDefinition", "report-taskdef").containerDefinitions);
        assert.deepEqual(
            c.environment.find((e: { name: string }) => e.name === "BATCH_PREFIX"),
            { name: "BATCH_PREFIX", value: "" },
        );
    });

    it("turns the flexible time window off at 0 minutes: EventBridge Scheduler takes no window of 0", () => {
        assert.deepEqual(inputs(p, "aws:scheduler/schedule:Schedule", "report-schedule").flexibleTimeWindow, { mode: "OFF" });
    });
});

describe("an ECR image on Express Mode", () => {
    it("lets the execution role pull from exactly that image's repository", async () => {
        const image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web:v1";
        const p = await planOk(managedConfig("ecs-express", { "berth:services": { web: { image } } }));
        const pull = json(inputs(p, "aws:iam/rolePolicy:RolePolicy", "web-exec-policy").policy).Statement.find((s: { Sid: string }) => s.Sid === "EcrPull");
        assert.deepEqual(pull.Resource, ["arn:aws:ecr:eu-west-1:123456789012:repository/team/web"]);
    });
});

describe("ECS on EC2 without spot", () => {
    it("does not let the agent change its instance's state: there are no spot interruptions to drain for", async () => {
        const p = await planOk(fargateConfig({ "berth:platform": "ecs-ec2" }));
        const poll = json(inputs(p, "aws:iam/rolePolicy:RolePolicy", "ec2-instance-policy").policy).Statement.find((s: { Sid: string }) => s.Sid === "PollThisCluster");
        assert.deepEqual(poll.Action, ["ecs:Poll", "ecs:StartTelemetrySession"]);
    });
});

describe("stopped-task alerts on every stop", () => {
    it("match every STOPPED task of the cluster, and say so", async () => {
        const p = await planOk(patternsConfig({ "berth:patterns": { stoppedTaskAlerts: { stops: "all" } } }));
        const rule = inputs(p, "aws:cloudwatch/eventRule:EventRule", "task-alerts-rule");
        assert.equal(rule.description, "Every stopped ECS task of this cluster");
        assert.deepEqual(json(rule.eventPattern).detail.$or, undefined);
        assert.deepEqual(json(rule.eventPattern).detail.lastStatus, ["STOPPED"]);
    });
});
