import { strict as assert } from "assert";
import { patternEnvironment, rateMinutes, senderQueueEnv, taskSchedules, withWorkerScaling } from "./spec";
import type { PatternsConfig } from "./schema";
import { eksConfig, patternsConfig, validateFixture } from "../../tests/harness";

describe("senderQueueEnv", () => {
    const cases: Array<[string, string]> = [
        ["thumbs", "THUMBS_QUEUE_URL"],
        ["image-resize", "IMAGE_RESIZE_QUEUE_URL"],
        ["a-b-c", "A_B_C_QUEUE_URL"],
    ];
    for (const [worker, want] of cases) it(`names worker ${worker}'s queue ${want}`, () => assert.equal(senderQueueEnv(worker), want));
});

describe("patternEnvironment", () => {
    // patternsConfig's patterns as parsed: ingest processes objects, report is a batch, thumbs a worker api sends to.
    const worker = { processingSeconds: 30, acceptableLatencySeconds: 300, batchSize: 10, maxReceiveCount: 5, retentionDays: 4, minTasks: 1, maxTasks: 10, scaleInCooldown: 300, scaleOutCooldown: 60 };
    const patterns = {
        objectProcessing: { ingest: { prefix: "incoming/" } },
        scheduledBatch: { report: { schedule: "rate(1 hour)", timezone: "UTC" } },
        queueWorker: { thumbs: { ...worker, senders: ["api"] }, "pdf-render": { ...worker, senders: ["api", "thumbs"] } },
    } as unknown as PatternsConfig;
    const from = (...k: string[]) => ["berth:patterns", ...k].join(".");
    const cases: Array<[string, Array<{ name: string; from: string }>]> = [
        ["ingest", ["S3_BUCKET", "S3_KEY", "TABLE_NAME"].map((name) => ({ name, from: from("objectProcessing", "ingest") }))],
        ["report", ["BATCH_BUCKET", "BATCH_PREFIX"].map((name) => ({ name, from: from("scheduledBatch", "report") }))],
        [
            "thumbs",
            [
                { name: "QUEUE_URL", from: from("queueWorker", "thumbs") },
                { name: "QUEUE_BATCH_SIZE", from: from("queueWorker", "thumbs") },
                { name: "PDF_RENDER_QUEUE_URL", from: from("queueWorker", "pdf-render", "senders") },
            ],
        ],
        [
            "api",
            [
                { name: "THUMBS_QUEUE_URL", from: from("queueWorker", "thumbs", "senders") },
                { name: "PDF_RENDER_QUEUE_URL", from: from("queueWorker", "pdf-render", "senders") },
            ],
        ],
        ["web", []],
        // A name every object inherits is no pattern's own service.
        ["constructor", []],
    ];
    for (const [service, want] of cases) it(`sets ${want.map((v) => v.name).join(", ") || "nothing"} on ${service}`, () => assert.deepEqual(patternEnvironment(patterns, service), want));
});

describe("rateMinutes", () => {
    // EventBridge Scheduler rate expressions: rate(value unit), unit minute(s), hour(s) or day(s);
    // https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#rate-based
    const cases: Array<[string, number | undefined]> = [
        ["rate(1 minute)", 1],
        ["rate(15 minutes)", 15],
        ["rate(1 hour)", 60],
        ["rate(2 hours)", 120],
        ["rate(1 day)", 1440],
        ["rate(3 days)", 4320],
        ["rate(2 weeks)", undefined],
        ["rate(minutes)", undefined],
        [" rate(5 minutes)", undefined],
        ["rate(5 minutes) ", undefined],
        ["cron(0 6 * * ? *)", undefined],
        ["at(2026-12-01T06:00:00)", undefined],
    ];
    for (const [expression, want] of cases) it(`reads ${JSON.stringify(expression)} as ${want ?? "no rate"}`, () => assert.equal(rateMinutes(expression), want));
});

describe("withWorkerScaling", () => {
    const worker = { processingSeconds: 30, acceptableLatencySeconds: 300, minTasks: 2, maxTasks: 8, scaleInCooldown: 600, scaleOutCooldown: 30, senders: [] };
    const patterns = { objectProcessing: {}, scheduledBatch: {}, queueWorker: { thumbs: worker, own: worker } } as unknown as PatternsConfig;
    const ownScaling = { min: 1, max: 3, scaleInCooldown: 300, scaleOutCooldown: 60, steps: [], schedules: [] };
    const services = { web: { image: "web" }, thumbs: { image: "thumbs" }, own: { image: "own", scaling: ownScaling } };
    const out = withWorkerScaling<{ image: string; scaling?: typeof ownScaling }>(services, patterns);
    it("fills in a worker's scaling from its pattern", () => {
        assert.deepEqual(out.thumbs, { image: "thumbs", scaling: { min: 2, max: 8, scaleInCooldown: 600, scaleOutCooldown: 30, steps: [], schedules: [] } });
    });
    it("hands back other services untouched, without a scaling key", () => {
        assert.equal(out.web, services.web);
        assert.deepEqual(Object.keys(out.web), ["image"]);
    });
    it("keeps a scaling block the service already has (validation refuses one on a worker)", () => assert.equal(out.own, services.own));
    it("reaches the spec: patternsConfig's thumbs starts at minTasks with the pattern's defaults; api has no scaling", () => {
        const r = validateFixture(patternsConfig());
        if (!r.ok) assert.fail(r.errors.map((e) => `${e.path}: ${e.allowed}`).join("\n"));
        assert.deepEqual(r.spec.services.thumbs.scaling, { min: 1, max: 10, scaleInCooldown: 300, scaleOutCooldown: 60, steps: [], schedules: [] });
        assert.equal(r.spec.services.thumbs.desiredCount, 1);
        assert.equal(r.spec.services.api.scaling, undefined);
    });
});

describe("taskSchedules", () => {
    it("resolves each service's own schedule with scheduledBatch's defaults: UTC, no window, 10 retries within an hour", () => {
        assert.deepEqual(taskSchedules({ web: {}, a: { schedule: "rate(1 day)" }, b: { schedule: "cron(0 2 * * ? *)", timezone: "Europe/Berlin" } }), {
            a: { schedule: "rate(1 day)", timezone: "UTC", flexibleWindowMinutes: 0, retry: { attempts: 10, maxEventAgeSeconds: 3600 } },
            b: { schedule: "cron(0 2 * * ? *)", timezone: "Europe/Berlin", flexibleWindowMinutes: 0, retry: { attempts: 10, maxEventAgeSeconds: 3600 } },
        });
    });
    it("carries them into the spec's patterns, and the defaulted time zone into the service", () => {
        const r = validateFixture(patternsConfig({ "berth:services": { ingest: { schedule: "rate(1 day)" } }, "berth:patterns": { objectProcessing: null } }));
        assert.ok(r.ok);
        assert.deepEqual(Object.keys(r.spec.patterns.scheduledTasks), ["ingest"]);
        assert.deepEqual([r.spec.services.ingest.timezone, r.spec.services.report.timezone], ["UTC", undefined]);
    });
    it("leaves them out of the patterns on Kubernetes, where the task's CronJob fires instead", () => {
        const r = validateFixture(eksConfig({ "berth:services": { nightly: { kind: "task", image: "public.ecr.aws/docker/library/busybox:1.36", schedule: "rate(1 day)" } } }));
        assert.ok(r.ok);
        assert.deepEqual([r.spec.patterns.scheduledTasks, r.spec.services.nightly.timezone], [{}, "UTC"]);
    });
});
