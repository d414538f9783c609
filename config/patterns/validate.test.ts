import { strict as assert } from "assert";
import fc from "fast-check";
import { formatConfigError } from "../errors";
import { DLQ_RETENTION_SECONDS } from "../../components/events/DeadLetterQueue";
import { backlogPerTask, DLQ_RETENTION_DAYS, flexibleWindow, maxMessageAge, visibilityTimeout } from "./spec";
import { errorAt, fixtureErrors, patternsConfig, validateFixture } from "../../tests/harness";

const errorsOf = (overrides: Record<string, unknown>) => fixtureErrors(patternsConfig(overrides));
const patterns = (p: Record<string, unknown>) => ({ "berth:patterns": p });
const worker = (w: Record<string, unknown>) => patterns({ queueWorker: { thumbs: w } });
const batch = (b: Record<string, unknown>) => patterns({ scheduledBatch: { report: b } });
const accepts = (overrides: Record<string, unknown>) => {
    const r = validateFixture(patternsConfig(overrides));
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors.map(formatConfigError)));
    return r.spec;
};

describe("validatePatterns: the platform", () => {
    it("accepts every pattern on ecs-fargate and ecs-ec2", () => {
        accepts({});
        accepts({ "berth:platform": "ecs-ec2" });
    });

    for (const platform of ["eks", "kubernetes", "apprunner", "ecs-express"]) {
        it(`refuses the patterns on ${platform}, which creates no ECS cluster`, () => {
            const e = errorAt(errorsOf({ "berth:platform": platform }), "berth:patterns");
            assert.deepEqual(e.value, ["objectProcessing.ingest", "scheduledBatch.report", "queueWorker.thumbs", "stoppedTaskAlerts"]);
            assert.match(formatConfigError(e), new RegExp(`expected nothing on platform ${platform}: the event-driven patterns run on the stack's ECS cluster, which only ecs-fargate and ecs-ec2 create`));
        });
    }

    it("keeps stopped-task alerts on ecs-anywhere and refuses the three patterns that start tasks there", () => {
        const errors = errorsOf({ "berth:platform": "ecs-anywhere" });
        assert.deepEqual(
            errors.filter((e) => e.path.startsWith("berth:patterns")).map((e) => e.path),
            ["berth:patterns.objectProcessing", "berth:patterns.scheduledBatch", "berth:patterns.queueWorker"],
        );
        assert.match(errorAt(errors, "berth:patterns.queueWorker").allowed, /external hosts have no capacity provider .* stoppedTaskAlerts works here/);
        accepts({ "berth:platform": "ecs-anywhere", "berth:patterns": { objectProcessing: null, scheduledBatch: null, queueWorker: null } });
    });
});

describe("validatePatterns: the service each pattern drives", () => {
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
        ["a missing task", patterns({ objectProcessing: { nope: {} } }), "berth:patterns.objectProcessing.nope", /a task \(kind: task\) under berth:services: ingest, report/],
        ["a service for object processing", patterns({ objectProcessing: { api: {} } }), "berth:patterns.objectProcessing.api", /api is kind: service, which runs continuously/],
        ["a service for a scheduled batch", patterns({ scheduledBatch: { thumbs: {} } }), "berth:patterns.scheduledBatch.thumbs", /thumbs is kind: service/],
        [
            "a task for a queue worker",
            patterns({ queueWorker: { ingest: { processingSeconds: 1, acceptableLatencySeconds: 1, maxTasks: 1 } } }),
            "berth:patterns.queueWorker.ingest",
            /a long-running service \(kind: service\) under berth:services \(api, thumbs\); ingest is kind: task/,
        ],
        [
            "a public queue worker",
            { "berth:loadBalancer": { allowedCidrs: ["198.51.100.0/24"] }, "berth:services": { thumbs: { public: true, port: 8080 } } },
            "berth:services.thumbs.public",
            /false: a queue worker \(berth:patterns.queueWorker.thumbs\) .* has no load balancer/,
        ],
        ["a queue worker with its own scaling", { "berth:services": { thumbs: { scaling: { max: 3, cpu: 50 } } } }, "berth:services.thumbs.scaling", /scales this service on backlog per task between minTasks and maxTasks/],
        ["a queue worker's desiredCount above maxTasks", { "berth:services": { thumbs: { desiredCount: 11 } } }, "berth:services.thumbs.desiredCount", /within berth:patterns.queueWorker.thumbs.minTasks..maxTasks \(1-10\)/],
        ["an unknown sender", worker({ senders: ["api", "web"] }), "berth:patterns.queueWorker.thumbs.senders.1", /a service under berth:services: api, thumbs, ingest, report/],
        ["a sender listed twice", worker({ senders: ["api", "api"] }), "berth:patterns.queueWorker.thumbs.senders.1", /not already listed/],
        ["a variable the pattern sets", { "berth:services": { ingest: { environment: { S3_KEY: "x" } } } }, "berth:services.ingest.environment.S3_KEY", /berth:patterns.objectProcessing.ingest sets S3_KEY/],
        [
            "a secret named like a sender's queue variable",
            { "berth:services": { api: { secrets: { THUMBS_QUEUE_URL: "arn:aws:ssm:eu-west-1:123456789012:parameter/q" } } } },
            "berth:services.api.secrets.THUMBS_QUEUE_URL",
            /berth:patterns.queueWorker.thumbs.senders sets THUMBS_QUEUE_URL/,
        ],
        ["a sort key equal to the partition key", patterns({ objectProcessing: { ingest: { table: { partitionKey: "id", sortKey: "id" } } } }), "berth:patterns.objectProcessing.ingest.table.sortKey", /other than partitionKey \(id\)/],
        ["a duplicate email", patterns({ stoppedTaskAlerts: { emails: ["ops@example.com", "OPS@example.com"] } }), "berth:patterns.stoppedTaskAlerts.emails.1", /not already listed/],
        ["a malformed email", patterns({ stoppedTaskAlerts: { emails: ["oncall"] } }), "berth:patterns.stoppedTaskAlerts.emails.0", /an email address/],
        ["a prefix with a wildcard", patterns({ objectProcessing: { ingest: { prefix: "in/*" } } }), "berth:patterns.objectProcessing.ingest.prefix", /without '\*' or '\?'/],
        ["an unknown pattern", patterns({ fanOut: {} }), "berth:patterns.fanOut", /no such key; known keys here are objectProcessing, scheduledBatch, queueWorker, stoppedTaskAlerts/],
    ];
    for (const [what, overrides, path, allowed] of cases) {
        it(`rejects ${what} at ${path}`, () => assert.match(errorAt(errorsOf(overrides), path).allowed, allowed));
    }

    it("rejects a backlog policy whose name collides with another service's step policy", () => {
        const step = { name: "b-backlog", metric: { namespace: "AWS/SQS", name: "Age" }, threshold: 1, comparison: "GreaterThanThreshold", steps: [{ lower: 0, adjustment: 1 }] };
        const image = "public.ecr.aws/docker/library/busybox:1.36";
        const errors = errorsOf({ "berth:services": { a: { image, scaling: { max: 2, steps: [step] } }, "a-b": { image } }, ...patterns({ queueWorker: { "a-b": { processingSeconds: 1, acceptableLatencySeconds: 1, maxTasks: 1 } } }) });
        assert.match(errorAt(errors, "berth:services.a.scaling.steps.0.name").allowed, /scaling policy \(a-b-backlog\) does not collide with the one from berth:patterns.queueWorker.a-b/);
    });
});

describe("validatePatterns: limits, on the limit and one past", () => {
    const limits: Array<[string, Record<string, unknown>, Record<string, unknown>, string]> = [
        [
            "visibility timeout vs processing time x batch size",
            worker({ processingSeconds: 60, batchSize: 10, visibilityTimeoutSeconds: 600 }),
            worker({ processingSeconds: 60, batchSize: 10, visibilityTimeoutSeconds: 599 }),
            "berth:patterns.queueWorker.thumbs.visibilityTimeoutSeconds",
        ],
        [
            "a batch's processing time (SQS's 12 h visibility)",
            worker({ processingSeconds: 4320, acceptableLatencySeconds: 4320, batchSize: 10 }),
            worker({ processingSeconds: 4321, acceptableLatencySeconds: 4321, batchSize: 10 }),
            "berth:patterns.queueWorker.thumbs.batchSize",
        ],
        ["batchSize (ReceiveMessage's 10)", worker({ batchSize: 10 }), worker({ batchSize: 11 }), "berth:patterns.queueWorker.thumbs.batchSize"],
        ["batchSize, low", worker({ batchSize: 1 }), worker({ batchSize: 0 }), "berth:patterns.queueWorker.thumbs.batchSize"],
        [
            "acceptable latency vs processing time",
            worker({ processingSeconds: 60, acceptableLatencySeconds: 60 }),
            worker({ processingSeconds: 60, acceptableLatencySeconds: 59 }),
            "berth:patterns.queueWorker.thumbs.acceptableLatencySeconds",
        ],
        [
            "processing time (SQS's 12 h visibility)",
            worker({ processingSeconds: 43200, acceptableLatencySeconds: 43200, batchSize: 1 }),
            worker({ processingSeconds: 43201, acceptableLatencySeconds: 43201, batchSize: 1 }),
            "berth:patterns.queueWorker.thumbs.processingSeconds",
        ],
        ["maxTasks vs minTasks", worker({ minTasks: 3, maxTasks: 3 }), worker({ minTasks: 3, maxTasks: 2 }), "berth:patterns.queueWorker.thumbs.maxTasks"],
        ["minTasks (no backlog per task at zero tasks)", worker({ minTasks: 1 }), worker({ minTasks: 0 }), "berth:patterns.queueWorker.thumbs.minTasks"],
        ["maxReceiveCount", worker({ maxReceiveCount: 1000 }), worker({ maxReceiveCount: 1001 }), "berth:patterns.queueWorker.thumbs.maxReceiveCount"],
        ["retentionDays, below the DLQ's 14 days", worker({ retentionDays: 13 }), worker({ retentionDays: 14 }), "berth:patterns.queueWorker.thumbs.retentionDays"],
        ["retentionDays, low", worker({ retentionDays: 1 }), worker({ retentionDays: 0 }), "berth:patterns.queueWorker.thumbs.retentionDays"],
        ["retry attempts", batch({ retry: { attempts: 185 } }), batch({ retry: { attempts: 186 } }), "berth:patterns.scheduledBatch.report.retry.attempts"],
        ["event age, low", batch({ retry: { maxEventAgeSeconds: 60 } }), batch({ retry: { maxEventAgeSeconds: 59 } }), "berth:patterns.scheduledBatch.report.retry.maxEventAgeSeconds"],
        ["event age, high", batch({ retry: { maxEventAgeSeconds: 86400 } }), batch({ retry: { maxEventAgeSeconds: 86401 } }), "berth:patterns.scheduledBatch.report.retry.maxEventAgeSeconds"],
        ["flexible window vs rate", batch({ schedule: "rate(15 minutes)", flexibleWindowMinutes: 14 }), batch({ schedule: "rate(15 minutes)", flexibleWindowMinutes: 15 }), "berth:patterns.scheduledBatch.report.flexibleWindowMinutes"],
        [
            "flexible window (Scheduler's 1440)",
            batch({ schedule: "rate(2 days)", flexibleWindowMinutes: 1440 }),
            batch({ schedule: "rate(2 days)", flexibleWindowMinutes: 1441 }),
            "berth:patterns.scheduledBatch.report.flexibleWindowMinutes",
        ],
    ];
    for (const [what, ok, bad, path] of limits) {
        it(what, () => {
            accepts(ok);
            const e = errorAt(errorsOf(bad), path);
            assert.notEqual(e.value, undefined);
        });
    }
});

describe("derived pattern settings", () => {
    it("runs every hour on the hour, the flexible window off unless the config asks for one", () => {
        assert.equal(accepts({}).patterns.scheduledBatch.report.schedule, "cron(0 * * * ? *)");
        assert.equal(flexibleWindow({}), 0);
        assert.equal(flexibleWindow({ flexibleWindowMinutes: 15 }), 15);
        assert.equal(accepts({}).patterns.scheduledBatch.report.flexibleWindowMinutes, 0);
    });

    it("hides a message for twice a whole batch's processing time, at least 30 s and at most SQS's 12 h", () => {
        const cases: Array<[number, number, number | undefined, number]> = [
            [30, 10, undefined, 600], // the example: 2 x 30 x 10
            [30, 1, undefined, 60],
            [10, 1, undefined, 30], // SQS's default as a floor
            [2160, 10, undefined, 43200], // 2 x 21600: on the limit
            [2161, 10, undefined, 43200], // 2 x 21610 would pass it: the margin shrinks, the batch (21610 s) still fits
            [4320, 10, undefined, 43200],
            [30, 10, 900, 900], // given explicitly
        ];
        for (const [processingSeconds, batchSize, visibilityTimeoutSeconds, want] of cases) {
            assert.equal(visibilityTimeout({ processingSeconds, batchSize, visibilityTimeoutSeconds }), want, `${processingSeconds} x ${batchSize}`);
        }
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 43200 }), fc.integer({ min: 1, max: 10 }), (p, b) => {
                fc.pre(p * b <= 43200);
                const v = visibilityTimeout({ processingSeconds: p, batchSize: b });
                assert.ok(v >= p * b && v <= 43200);
            }),
        );
    });

    it("defaults batchSize to 10 (what one receive returns at most) and hands it to the worker's container", () => {
        const spec = accepts({});
        assert.equal(spec.patterns.queueWorker.thumbs.batchSize, 10);
        assert.equal(spec.patterns.queueWorker.thumbs.visibilityTimeoutSeconds, 600);
        assert.equal(accepts(worker({ batchSize: 1 })).patterns.queueWorker.thumbs.visibilityTimeoutSeconds, 60);
    });

    it("alarms on a message older than the acceptable latency plus the batch in hand", () => {
        assert.equal(maxMessageAge({ processingSeconds: 30, batchSize: 10, acceptableLatencySeconds: 300 }), 600);
        assert.equal(maxMessageAge({ processingSeconds: 30, batchSize: 1, acceptableLatencySeconds: 300 }), 330);
        assert.equal(accepts({}).patterns.queueWorker.thumbs.maxMessageAgeSeconds, 600);
    });

    it("keeps the DLQ's retention in config equal to the component's", () => {
        assert.equal(DLQ_RETENTION_DAYS * 86400, DLQ_RETENTION_SECONDS);
    });

    it("targets latency / processing messages per task, the default stack's 300 / 30 = 10", () => {
        assert.equal(backlogPerTask({ processingSeconds: 30, acceptableLatencySeconds: 300 }), 10);
        const spec = accepts({});
        assert.equal(spec.patterns.queueWorker.thumbs.backlogPerTask, 10);
    });

    it("scales the queue worker between the pattern's bounds and starts it at minTasks", () => {
        const spec = accepts(worker({ minTasks: 2, maxTasks: 6, scaleInCooldown: 120 }));
        assert.deepEqual(spec.services.thumbs.scaling, { min: 2, max: 6, scaleInCooldown: 120, scaleOutCooldown: 60, steps: [], schedules: [] });
        assert.equal(spec.services.thumbs.desiredCount, 2);
        assert.equal(spec.services.api.scaling, undefined);
    });
});

describe("validatePatterns: every error of a case, exactly", () => {
    const worker1 = { processingSeconds: 1, acceptableLatencySeconds: 1, maxTasks: 1 };
    const owner = "berth:patterns.queueWorker.thumbs";
    const cases: Array<[string, Record<string, unknown>, Array<[string, unknown, string]>]> = [
        [
            "object processing with no task defined at all",
            { "berth:services": { ingest: null, report: null }, ...patterns({ objectProcessing: { ingest: null, nope: {} }, scheduledBatch: null }) },
            [["berth:patterns.objectProcessing.nope", "nope", "a task (kind: task) under berth:services: none is defined"]],
        ],
        [
            "a queue worker on a task, with no service defined at all",
            { "berth:services": { api: null, thumbs: null }, ...patterns({ queueWorker: { thumbs: null, ingest: worker1 } }) },
            [["berth:patterns.queueWorker.ingest", "ingest", "a long-running service (kind: service) under berth:services (none is defined); ingest is kind: task, which runs once and cannot consume a queue"]],
        ],
        ["a queue worker on a service not defined", patterns({ queueWorker: { thumbs: null, nope: worker1 } }), [["berth:patterns.queueWorker.nope", "nope", "a long-running service (kind: service) under berth:services: api, thumbs"]]],
        [
            "a queue worker on a task that sets desiredCount: only the task's own error",
            { "berth:services": { ingest: { desiredCount: 20 } }, ...patterns({ queueWorker: { ingest: worker1 } }) },
            [
                ["berth:services.ingest.desiredCount", 20, "nothing: a task (kind: task) runs on demand and has no desiredCount"],
                ["berth:patterns.queueWorker.ingest", "ingest", "a long-running service (kind: service) under berth:services (api, thumbs); ingest is kind: task, which runs once and cannot consume a queue"],
            ],
        ],
        [
            "a public queue worker",
            { "berth:loadBalancer": { allowedCidrs: ["198.51.100.0/24"] }, "berth:services": { thumbs: { public: true, port: 8080 } } },
            [["berth:services.thumbs.public", true, `false: a queue worker (${owner}) takes its work from the queue and has no load balancer`]],
        ],
        ["a desired count equal to minTasks", { "berth:services": { thumbs: { desiredCount: 2 } }, ...worker({ minTasks: 2, maxTasks: 4 }) }, []],
        ["a desired count equal to maxTasks", { "berth:services": { thumbs: { desiredCount: 4 } }, ...worker({ minTasks: 2, maxTasks: 4 }) }, []],
        [
            "a desired count one below minTasks",
            { "berth:services": { thumbs: { desiredCount: 1 } }, ...worker({ minTasks: 2, maxTasks: 4 }) },
            [["berth:services.thumbs.desiredCount", 1, `a count within ${owner}.minTasks..maxTasks (2-4), or none: the worker starts at minTasks`]],
        ],
        [
            "a desired count one above maxTasks",
            { "berth:services": { thumbs: { desiredCount: 5 } }, ...worker({ minTasks: 2, maxTasks: 4 }) },
            [["berth:services.thumbs.desiredCount", 5, `a count within ${owner}.minTasks..maxTasks (2-4), or none: the worker starts at minTasks`]],
        ],
        [
            "a visibility timeout one below the batch's processing time",
            worker({ processingSeconds: 60, batchSize: 10, visibilityTimeoutSeconds: 599 }),
            [[`${owner}.visibilityTimeoutSeconds`, 599, "at least processingSeconds x batchSize (60 x 10 = 600 s): a message of the batch still waiting its turn would reappear and be processed twice"]],
        ],
        ["a visibility timeout equal to the batch's processing time", worker({ processingSeconds: 60, batchSize: 10, visibilityTimeoutSeconds: 600 }), []],
        [
            "a visibility timeout of 0 against a processing time of 1, one at a time",
            worker({ processingSeconds: 1, acceptableLatencySeconds: 1, batchSize: 1, visibilityTimeoutSeconds: 0 }),
            [[`${owner}.visibilityTimeoutSeconds`, 0, "at least processingSeconds x batchSize (1 x 1 = 1 s): a message of the batch still waiting its turn would reappear and be processed twice"]],
        ],
        ["a batch that takes SQS's 12 h exactly", worker({ processingSeconds: 4320, acceptableLatencySeconds: 4320, batchSize: 10 }), []],
        [
            "a batch one message-time past SQS's 12 h, whatever the visibility timeout",
            worker({ processingSeconds: 4321, acceptableLatencySeconds: 4321, batchSize: 10, visibilityTimeoutSeconds: 43200 }),
            [[`${owner}.batchSize`, 10, "at most 9: processingSeconds x batchSize (4321 x 10 = 43210 s) outlasts SQS's longest visibility timeout (43200 s), so the batch's last messages would reappear while still waiting their turn"]],
        ],
        ["a retention one day below the DLQ's", worker({ retentionDays: 13 }), []],
        [
            "a retention equal to the DLQ's 14 days",
            worker({ retentionDays: 14 }),
            [
                [
                    `${owner}.retentionDays`,
                    14,
                    "at most 13: below the dead-letter queue's 14 days, because a message's expiry counts from its first enqueue even after it is dead-lettered (a message dead-lettered on its last day would expire almost at once)",
                ],
            ],
        ],
        [
            "a variable the worker pattern sets",
            { "berth:services": { thumbs: { environment: { QUEUE_BATCH_SIZE: "1" } } } },
            [["berth:services.thumbs.environment.QUEUE_BATCH_SIZE", "QUEUE_BATCH_SIZE", "a name the patterns do not set: berth:patterns.queueWorker.thumbs sets QUEUE_BATCH_SIZE"]],
        ],
        [
            "an acceptable latency one below the processing time",
            worker({ processingSeconds: 60, acceptableLatencySeconds: 59 }),
            [[`${owner}.acceptableLatencySeconds`, 59, "at least processingSeconds (60): one message alone takes that long"]],
        ],
        ["maxTasks one below minTasks", worker({ minTasks: 3, maxTasks: 2 }), [[`${owner}.maxTasks`, 2, "at least minTasks (3)"]]],
        [
            "a desired count above maxTasks, which equals minTasks",
            { "berth:services": { thumbs: { desiredCount: 4 } }, ...worker({ minTasks: 3, maxTasks: 3 }) },
            [["berth:services.thumbs.desiredCount", 4, `a count within ${owner}.minTasks..maxTasks (3-3), or none: the worker starts at minTasks`]],
        ],
        ["maxTasks below minTasks, and a desired count between them: maxTasks alone", { "berth:services": { thumbs: { desiredCount: 3 } }, ...worker({ minTasks: 4, maxTasks: 2 }) }, [[`${owner}.maxTasks`, 2, "at least minTasks (4)"]]],
        [
            "a flexible window as long as the rate",
            batch({ schedule: "rate(15 minutes)", flexibleWindowMinutes: 15 }),
            [["berth:patterns.scheduledBatch.report.flexibleWindowMinutes", 15, "less than the schedule's interval (15 minutes), so one run cannot slide into the next; 0 turns the window off"]],
        ],
        ["a flexible window one below the rate", batch({ schedule: "rate(15 minutes)", flexibleWindowMinutes: 14 }), []],
        ["the longest flexible window on a cron schedule, which has no fixed interval", batch({ schedule: "cron(0 6 * * ? *)", flexibleWindowMinutes: 1440 }), []],
        ["two distinct emails", patterns({ stoppedTaskAlerts: { emails: ["a@example.com", "b@example.com"] } }), []],
        [
            "an email listed twice, in another case",
            patterns({ stoppedTaskAlerts: { emails: ["a@example.com", "b@example.com", "A@example.com"] } }),
            [["berth:patterns.stoppedTaskAlerts.emails.2", "A@example.com", "an address not already listed (each becomes one subscription)"]],
        ],
        ["no stopped-task alerts", patterns({ stoppedTaskAlerts: null }), []],
    ];
    for (const [what, overrides, expected] of cases) {
        it(`${what}: ${expected.length ? expected.map(([p]) => p).join(", ") : "accepted"}`, () => {
            const r = validateFixture(patternsConfig(overrides));
            assert.deepEqual(r.ok ? [] : r.errors.map((e) => [e.path, e.value, e.allowed]), expected);
        });
    }
});
