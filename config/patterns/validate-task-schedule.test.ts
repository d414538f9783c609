// berth:services.NAME.schedule and .timezone: a task's own schedule, in scheduledBatch's grammar, on
// every platform that can run one, refused (by key path, with the reason) everywhere else.
import { strict as assert } from "assert";
import { validateTaskSchedules } from "./validate";
import { eksConfig, fargateConfig, fixtureErrors, kubernetesConfig, managedConfig, patternsConfig, validateFixture } from "../../tests/harness";

const image = "public.ecr.aws/docker/library/busybox:1.36";
const task = (extra: Record<string, unknown>) => ({ "berth:services": { nightly: { kind: "task", image, ...extra } } });
const errorsAt = (config: Record<string, unknown>, prefix = "berth:services.nightly") => fixtureErrors(config).filter((e) => e.path.startsWith(prefix));

describe("validateTaskSchedules", () => {
    it("accepts a task's schedule and time zone on every ECS platform and on Kubernetes", () => {
        for (const config of [
            fargateConfig(task({ schedule: "cron(0 2 * * ? *)", timezone: "Europe/Berlin" })),
            fargateConfig({ "berth:platform": "ecs-ec2", ...task({ schedule: "rate(1 hour)" }) }),
            eksConfig(task({ schedule: "cron(15 10 ? * MON-FRI *)", timezone: "UTC" })),
            kubernetesConfig(task({ schedule: "rate(5 minutes)" })),
        ]) {
            const r = validateFixture(config);
            assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
        }
    });

    it("accepts at() and a year on ECS, where Scheduler runs them as written", () => {
        for (const schedule of ["at(2026-12-01T06:00:00)", "cron(0 2 * * ? 2027)", "rate(7 minutes)", "cron(0 2 L * ? *)"]) assert.ok(validateFixture(fargateConfig(task({ schedule }))).ok, schedule);
    });

    it("refuses a schedule on a kind: service, naming the key", () => {
        assert.deepEqual(errorsAt(fargateConfig({ "berth:services": { web: { schedule: "rate(1 hour)" } } }), "berth:services.web"), [
            { path: "berth:services.web.schedule", value: "rate(1 hour)", allowed: "nothing on a kind: service, which runs continuously: set kind: task to start it on the schedule" },
        ]);
    });

    it("refuses a time zone without a schedule, on a task or a service", () => {
        assert.deepEqual(errorsAt(fargateConfig(task({ timezone: "Europe/Berlin" }))), [{ path: "berth:services.nightly.timezone", value: "Europe/Berlin", allowed: "nothing without schedule: it is the time zone the schedule reads in" }]);
        assert.deepEqual(
            errorsAt(fargateConfig({ "berth:services": { web: { timezone: "UTC" } } }), "berth:services.web").map((e) => e.path),
            ["berth:services.web.timezone"],
        );
    });

    it("refuses two schedules for one task: its own and berth:patterns.scheduledBatch's, naming both keys", () => {
        const errors = fixtureErrors(patternsConfig({ "berth:services": { report: { schedule: "rate(1 day)" } } }));
        assert.deepEqual(errors, [
            {
                path: "berth:services.report.schedule",
                value: "rate(1 day)",
                allowed: "nothing while berth:patterns.scheduledBatch.report also schedules this task (two schedules for one task): keep one of the two",
            },
        ]);
    });

    it("checks the expression and the time zone with scheduledBatch's own rules, under the service's key path", () => {
        assert.deepEqual(
            errorsAt(fargateConfig(task({ schedule: "rate(1 hours)", timezone: "Mars/Olympus" }))).map((e) => [e.path, e.value, e.allowed]),
            [
                ["berth:services.nightly.schedule", "rate(1 hours)", "rate(1 hour): the unit is singular for 1 and plural otherwise"],
                ["berth:services.nightly.timezone", "Mars/Olympus", "an IANA time zone such as UTC or Europe/Dublin"],
            ],
        );
        assert.deepEqual(
            errorsAt(fargateConfig(task({ schedule: "cron(0 2 * * *)" }))).map((e) => e.allowed),
            ["cron with 6 fields (minutes hours day-of-month month day-of-week year), not 5"],
        );
    });

    it("checks the default time zone too (UTC passes), and an empty one is zod's", () => {
        assert.deepEqual(validateTaskSchedules({ platform: "ecs-fargate", services: { t: { kind: "task", schedule: "rate(1 day)" } }, patterns: { scheduledBatch: {} } } as never), []);
        assert.deepEqual(
            errorsAt(fargateConfig(task({ schedule: "rate(1 day)", timezone: "" }))).map((e) => e.path),
            ["berth:services.nightly.timezone"],
        );
    });

    for (const platform of ["apprunner", "ecs-express"] as const) {
        it(`refuses a schedule on ${platform}, with the reason, on a task and on a web service`, () => {
            const why = platform === "apprunner" ? "App Runner runs long-lived web services and starts nothing on a schedule" : "Express Mode runs long-lived web services and starts nothing on a schedule";
            const allowed = `nothing on platform ${platform}: ${why}; run scheduled tasks on ecs-fargate (an EventBridge Scheduler schedule) or a Kubernetes platform (a CronJob)`;
            const errors = fixtureErrors(managedConfig(platform, { "berth:services": { web: { schedule: "rate(1 hour)" }, nightly: { kind: "task", image, schedule: "rate(1 day)" } } }));
            assert.deepEqual(
                errors.filter((e) => e.path.endsWith(".schedule")),
                [
                    { path: "berth:services.web.schedule", value: "rate(1 hour)", allowed },
                    { path: "berth:services.nightly.schedule", value: "rate(1 day)", allowed },
                ],
            );
            // The task itself stays refused as it always was.
            assert.ok(errors.some((e) => e.path === "berth:services.nightly.kind"));
        });
    }

    for (const [platform, config] of [
        ["eks", eksConfig],
        ["kubernetes", kubernetesConfig],
    ] as const) {
        it(`refuses on ${platform} what a CronJob cannot run, with the value and why, before any resource`, () => {
            const cases: Array<[string, RegExp]> = [
                ["at(2026-12-01T06:00:00)", /: at\(\) runs once, and a Kubernetes CronJob repeats/],
                ["cron(0 2 * * ? 2027)", /: the year field is 2027, and a Kubernetes cron has no year/],
                ["cron(0 2 L * ? *)", /: the day-of-month field L uses L \(last\)/],
                ["cron(0 2 ? * 2#1 *)", /: the day-of-week field 2#1 uses/],
                ["rate(7 minutes)", /: rate\(7 minutes\) repeats every 7 minutes, which a 5-field cron cannot repeat exactly/],
            ];
            for (const [schedule, why] of cases) {
                const errors = errorsAt(config(task({ schedule })));
                assert.deepEqual(
                    errors.map((e) => [e.path, e.value]),
                    [["berth:services.nightly.schedule", schedule]],
                    schedule,
                );
                assert.ok(errors[0].allowed.startsWith(`a schedule a Kubernetes CronJob can run (platform ${platform}): `), errors[0].allowed);
                assert.match(errors[0].allowed, why);
            }
        });
    }

    it("reports a bad expression once on Kubernetes: the grammar's error, not a conversion error too", () => {
        assert.deepEqual(
            errorsAt(eksConfig(task({ schedule: "rate(1 hours)" }))).map((e) => e.allowed),
            ["rate(1 hour): the unit is singular for 1 and plural otherwise"],
        );
    });

    it("reports every service's schedule errors at once, alongside the patterns' platform error", () => {
        const errors = fixtureErrors(
            eksConfig({
                "berth:services": { web: { schedule: "rate(1 hour)" }, a: { kind: "task", image, schedule: "rate(7 minutes)" }, b: { kind: "task", image, timezone: "UTC" } },
                "berth:patterns": { stoppedTaskAlerts: {} },
            }),
        );
        assert.deepEqual(
            errors.map((e) => e.path),
            // The platform's "nothing on platform eks" comes last, as every key a platform does not use (orderErrors).
            ["berth:services.web.schedule", "berth:services.a.schedule", "berth:services.b.timezone", "berth:patterns"],
        );
    });
});
