// The pure parts of the event components, case by case: what EventBridge matches and which task
// revisions a rule may start.
import { strict as assert } from "assert";
import { clusterParts, consoleLinks, deploymentFailedPattern, runTaskFailedPattern } from "./alert-rules";
import { deliveryPolicy } from "./DeadLetterQueue";
import { objectCreatedPattern } from "./ObjectProcessing";
import { familyRevisions } from "./targets";

describe("objectCreatedPattern", () => {
    const base = { source: ["aws.s3"], "detail-type": ["Object Created"] };
    const cases: Array<[string, string | undefined, string | undefined, unknown]> = [
        ["every key", undefined, undefined, undefined],
        ["a prefix", "in/", undefined, [{ prefix: "in/" }]],
        ["a suffix", undefined, ".csv", [{ suffix: ".csv" }]],
        // One condition: two in a list would match either.
        ["a prefix and a suffix, as one wildcard", "in/", ".csv", [{ wildcard: "in/*.csv" }]],
        // EventBridge wildcards treat a backslash as an escape, so a literal one is doubled.
        ["a backslash in either, escaped", "in\\", "\\x.csv", [{ wildcard: "in\\\\*\\\\x.csv" }]],
    ];
    for (const [what, prefix, suffix, key] of cases) {
        it(`matches ${what}`, () => {
            assert.deepEqual(objectCreatedPattern("uploads", prefix, suffix), { ...base, detail: { bucket: { name: ["uploads"] }, ...(key ? { object: { key } } : {}) } });
        });
    }
});

describe("familyRevisions", () => {
    for (const [arn, family] of [
        ["arn:aws:ecs:eu-west-1:123456789012:task-definition/berth-dev-report:1", "arn:aws:ecs:eu-west-1:123456789012:task-definition/berth-dev-report:*"],
        ["arn:aws:ecs:eu-west-1:123456789012:task-definition/berth-dev-report:42", "arn:aws:ecs:eu-west-1:123456789012:task-definition/berth-dev-report:*"],
    ]) {
        it(`${arn.split("/").pop()} -> every revision of the family`, () => assert.equal(familyRevisions(arn), family));
    }
});

describe("alert rules", () => {
    const cluster = "arn:aws-cn:ecs:cn-north-1:123456789012:cluster/berth-prod";

    it("read the partition, region, account and name out of the cluster ARN", () => {
        assert.deepEqual(clusterParts(cluster), { partition: "aws-cn", region: "cn-north-1", account: "123456789012", name: "berth-prod" });
    });

    it("scope failed deployments to this cluster's services in that partition and region", () => {
        assert.deepEqual(deploymentFailedPattern(cluster).resources, [{ prefix: "arn:aws-cn:ecs:cn-north-1:123456789012:service/berth-prod/" }]);
    });

    it("accept the cluster by ARN or by name in a RunTask call", () => {
        assert.deepEqual(runTaskFailedPattern(cluster).detail.requestParameters, { cluster: [cluster, "berth-prod"] });
    });

    it("link to the cluster's pages on its partition's console, in its region", () => {
        assert.deepEqual(consoleLinks(cluster), {
            tasks: "https://console.amazonaws.cn/ecs/v2/clusters/berth-prod/tasks?region=cn-north-1",
            services: "https://console.amazonaws.cn/ecs/v2/clusters/berth-prod/services?region=cn-north-1",
            runTaskCalls: "https://console.amazonaws.cn/cloudtrail/home?region=cn-north-1#/events?EventName=RunTask",
        });
        assert.equal(consoleLinks("arn:aws:ecs:eu-west-1:123456789012:cluster/c").tasks, "https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/c/tasks?region=eu-west-1");
    });
});

describe("deliveryPolicy", () => {
    it("admits one source as a plain ARN and several as a list", () => {
        const condition = (source: string | string[]) => deliveryPolicy("arn:aws:sqs:eu-west-1:123456789012:q", "events.amazonaws.com", source).Statement[0].Condition;
        assert.deepEqual(condition("arn:r1"), { ArnEquals: { "aws:SourceArn": "arn:r1" } });
        assert.deepEqual(condition(["arn:r1", "arn:r2"]), { ArnEquals: { "aws:SourceArn": ["arn:r1", "arn:r2"] } });
    });
});
