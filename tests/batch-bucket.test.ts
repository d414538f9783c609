// GIVEN berth:patterns.scheduledBatch.TASK.bucket, WHEN planned or validated, THEN bucket: false runs
// the task on its schedule with no bucket, no BATCH_* variables and no S3 grant; the default keeps the
// bucket; prefix or access beside bucket: false are refused at their own key.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { errorAt, find, fixtureErrors, inputs, json, ofType, patternsConfig, planOk } from "./harness";

const TASKDEF = "aws:ecs/taskDefinition:TaskDefinition";
const POLICY = "aws:iam/rolePolicy:RolePolicy";
const envOf = (p: Plan, task: string) => json(inputs(p, TASKDEF, `${task}-taskdef`).containerDefinitions)[0].environment;
/** Every statement of the task's task-role policies (none when it has none). */
const taskStatements = (p: Plan, task: string) =>
    ofType(p, POLICY)
        .filter((r) => r.name.startsWith(`${task}-task`))
        .flatMap((r) => json(r.inputs.policy).Statement);
const s3Actions = (statements: Array<{ Action: string | string[] }>) => statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith("s3:"));

describe("berth:patterns.scheduledBatch.TASK.bucket", () => {
    describe("bucket: false", () => {
        let p: Plan;
        beforeEach(async () => {
            p = await planOk(patternsConfig({ "berth:patterns": { scheduledBatch: { report: { bucket: false } } } }));
        });

        it("creates no bucket for the batch (only object processing's remains)", () => {
            assert.deepEqual(
                ofType(p, "aws:s3/bucket:Bucket").map((b) => b.name),
                ["ingest-uploads-bucket"],
            );
        });

        it("grants the task role no S3 action and sets no BATCH_BUCKET or BATCH_PREFIX", () => {
            assert.deepEqual(s3Actions(taskStatements(p, "report")), []);
            assert.deepEqual(envOf(p, "report") ?? [], []);
        });

        it("still runs the task on its schedule, and the output names no bucket", () => {
            const s = inputs(p, "aws:scheduler/schedule:Schedule", "report-schedule");
            assert.equal(s.scheduleExpression, "cron(0 * * * ? *)");
            assert.deepEqual(Object.keys((p.outputs.patterns as any).scheduledBatch.report), ["schedule", "deadLetterQueue"]);
        });
    });

    describe("bucket: true, as by default", () => {
        it("plans exactly what the default plans", async () => {
            const byDefault = await planOk(patternsConfig());
            const on = await planOk(patternsConfig({ "berth:patterns": { scheduledBatch: { report: { bucket: true } } } }));
            assert.deepEqual(on.resources, byDefault.resources);
            assert.deepEqual(on.outputs, byDefault.outputs);
            const bucket = find(on, "aws:s3/bucket:Bucket", "report-batch-bucket");
            assert.deepEqual(envOf(on, "report"), [
                { name: "BATCH_BUCKET", value: bucket.id },
                { name: "BATCH_PREFIX", value: "" },
            ]);
            assert.deepEqual(s3Actions(taskStatements(on, "report")), ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"]);
        });
    });

    describe("prefix or access with bucket: false", () => {
        for (const [key, value] of [
            ["prefix", "daily/"],
            ["access", "read"],
            ["access", "readwrite"],
        ] as const) {
            it(`refuses ${key}: ${value} at its own key, naming bucket`, () => {
                const errors = fixtureErrors(patternsConfig({ "berth:patterns": { scheduledBatch: { report: { bucket: false, [key]: value } } } }));
                const e = errorAt(errors, `berth:patterns.scheduledBatch.report.${key}`);
                assert.equal(e.value, value);
                assert.match(e.allowed, /berth:patterns\.scheduledBatch\.report\.bucket is false/);
            });
        }
    });
});
