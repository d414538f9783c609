// The pure parts of the event components, case by case: what EventBridge matches and which task
// revisions a rule may start.
import { strict as assert } from "assert";
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
