import { strict as assert } from "assert";
import { errorAt, fargateConfig, fixtureErrors, managedConfig, merge, validateFixture } from "../../tests/harness";
import { configWarnings, platformWarnings } from "../advice";
import { validateManagedRawKeys } from "./validate";

type Platform = "apprunner" | "ecs-express";
const PLATFORMS: Platform[] = ["apprunner", "ecs-express"];
const web = (svc: Record<string, unknown>) => ({ "berth:services": { web: svc } });
const errorsOf = (platform: Platform, overrides: Record<string, unknown>) => fixtureErrors(managedConfig(platform, overrides));

describe("managed platforms: the shared service block", () => {
    for (const platform of PLATFORMS) {
        it(`${platform}: the fixture validates, so every case below fails for its own key only`, () => {
            const r = validateFixture(managedConfig(platform));
            assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
        });
    }

    // [platform, overrides, path, why]
    const cases: Array<[Platform, Record<string, unknown>, string, RegExp]> = [
        ["apprunner", web({ public: false }), "berth:services.web.public", /CPU only while it serves a request/],
        ["ecs-express", web({ public: false }), "berth:services.web.public", /private worker has no Express counterpart/],
        ["apprunner", web({ kind: "task", public: false }), "berth:services.web.kind", /long-lived, request-driven web services only/],
        ["ecs-express", web({ kind: "task", public: false }), "berth:services.web.kind", /long-lived web services only/],
        ["apprunner", web({ volumes: [{ fileSystem: "shared", volume: "data", mountPath: "/data" }] }), "berth:services.web.volumes", /only an ephemeral file system/],
        ["ecs-express", web({ volumes: [{ fileSystem: "shared", volume: "data", mountPath: "/data" }] }), "berth:services.web.volumes", /takes no volumes/],
        ["apprunner", web({ readonlyRootFilesystem: true }), "berth:services.web.readonlyRootFilesystem", /App Runner API has no read-only/],
        ["ecs-express", web({ readonlyRootFilesystem: true }), "berth:services.web.readonlyRootFilesystem", /Express Mode API has no read-only/],
        ["apprunner", web({ image: null, build: { context: "./app", platform: "linux/arm64" } }), "berth:services.web.build.platform", /no CPU architecture, so instances run x86_64/],
        ["ecs-express", web({ image: null, build: { context: "./app", platform: "linux/arm64" } }), "berth:services.web.build.platform", /no CPU architecture, so tasks run X86_64/],
        ["apprunner", web({ path: "/api/*" }), "berth:services.web.path", /URL of its own, so there is no path routing/],
        ["ecs-express", web({ priority: 10 }), "berth:services.web.priority", /host name of its own/],
        ["apprunner", web({ loadBalancer: "nlb" }), "berth:services.web.loadBalancer", /fronts each service itself/],
        ["ecs-express", web({ listenerPort: 443 }), "berth:services.web.listenerPort", /owns each service's Application Load Balancer/],
        ["apprunner", web({ healthCheck: { matcher: "200" } }), "berth:services.web.healthCheck.matcher", /no status-code matcher/],
        ["ecs-express", web({ healthCheck: { interval: 30 } }), "berth:services.web.healthCheck.interval", /takes only its path/],
        ["ecs-express", web({ healthCheck: { unhealthyThreshold: 2 } }), "berth:services.web.healthCheck.unhealthyThreshold", /takes only its path/],
        ["apprunner", web({ scaling: { max: 3, cpu: 70 } }), "berth:services.web.scaling.cpu", /only on concurrent requests per instance/],
        ["apprunner", web({ scaling: { max: 3, requests: 100 } }), "berth:services.web.scaling.requests", /scaling.concurrency/],
        ["apprunner", web({ scaling: { max: 3, scaleInCooldown: 60 } }), "berth:services.web.scaling.scaleInCooldown", /its own scaling cooldowns/],
        ["ecs-express", web({ scaling: { max: 3, scaleOutCooldown: 60 } }), "berth:services.web.scaling.scaleOutCooldown", /owns its target-tracking policy/],
        ["apprunner", { "berth:loadBalancer": { idleTimeout: 60 } }, "berth:loadBalancer.idleTimeout", /no load balancer to configure/],
        ["ecs-express", { "berth:loadBalancer": { certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" } }, "berth:loadBalancer.certificateArn", /certificate it manages/],
        ["apprunner", { "berth:loadBalancer": { allowedCidrs: ["203.0.113.0/24"] } }, "berth:loadBalancer.allowedCidrs", /no CIDR list can narrow/],
        ["ecs-express", { "berth:express": { subnets: "public" }, "berth:loadBalancer": { allowedCidrs: [] } }, "berth:loadBalancer.allowedCidrs", /\[0\.0\.0\.0\/0\], written explicitly/],
        ["apprunner", { "berth:storage": { fileSystems: {} } }, "berth:storage", /mount no file systems/],
        ["apprunner", { "berth:logs": { retentionDays: 30 } }, "berth:logs", /log groups of its own/],
        ["apprunner", web({ grants: [{ bucket: "assets", queue: "arn:aws:sqs:eu-west-1:123456789012:jobs", access: "read" }] }), "berth:services.web.grants.0", /exactly one of bucket, table or queue/],
        ["ecs-express", { "berth:anywhere": { registrationLimit: 2 } }, "berth:anywhere", /configures ecs-anywhere/],
        ["apprunner", { "berth:express": { subnets: "private" } }, "berth:express", /configures ecs-express/],
        ["ecs-express", { "berth:apprunner": { tracing: true } }, "berth:apprunner", /configures apprunner/],
    ];
    for (const [platform, over, path, why] of cases) {
        it(`${platform}: ${path} ${JSON.stringify(over).slice(0, 70)} is refused, saying why`, () => {
            const e = errorAt(errorsOf(platform, over), path);
            assert.match(e.allowed, why);
            assert.match(e.allowed, /^(nothing on platform|true|"service"|none|false|linux\/amd64|exactly one|\[0\.0\.0\.0\/0\])/);
        });
    }

    it("accepts keys a platform does act on, written out in full", () => {
        const r = validateFixture(managedConfig("apprunner", web({ healthCheck: { interval: 20, timeout: 19, healthyThreshold: 2, unhealthyThreshold: 10 }, scaling: { min: 1, max: 25, concurrency: 200 } })));
        assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    });
});

describe("managed platforms: instance and task counts", () => {
    // [platform, service overrides, error path or null]
    const cases: Array<[Platform, Record<string, unknown>, string | null]> = [
        ["apprunner", { desiredCount: 25 }, null],
        ["apprunner", { desiredCount: 26 }, "berth:services.web.desiredCount"],
        ["apprunner", { desiredCount: 1 }, null],
        ["apprunner", { desiredCount: 0 }, "berth:services.web.desiredCount"],
        ["apprunner", { scaling: { min: 1, max: 25 } }, null],
        ["apprunner", { scaling: { min: 1, max: 26 } }, "berth:services.web.scaling.max"],
        ["apprunner", { scaling: { min: 0, max: 3 } }, "berth:services.web.scaling.min"],
        ["apprunner", { scaling: { min: 4, max: 3 } }, "berth:services.web.scaling.max"],
        ["apprunner", { desiredCount: 2, scaling: { min: 1, max: 3 } }, "berth:services.web.desiredCount"],
        ["ecs-express", { desiredCount: 1 }, null],
        ["ecs-express", { desiredCount: 0 }, "berth:services.web.desiredCount"],
        ["ecs-express", { scaling: { min: 1, max: 1000 } }, null],
        ["ecs-express", { scaling: { min: 0, max: 5 } }, "berth:services.web.scaling.min"],
        ["ecs-express", { scaling: { min: 1, max: 1001 } }, "berth:services.web.scaling.max"],
    ];
    for (const [platform, svc, path] of cases) {
        it(`${platform}: ${JSON.stringify(svc)} ${path ? `is refused at ${path}` : "is accepted"}`, () => {
            const r = validateFixture(managedConfig(platform, web(svc)));
            assert.deepEqual(r.ok ? [] : r.errors.map((e) => e.path).filter((p) => /desiredCount|scaling/.test(p)), path ? [path] : []);
        });
    }
});

describe("App Runner-only keys elsewhere", () => {
    const cases: Array<[Record<string, unknown>, string]> = [
        [web({ apprunner: { domain: "api.example.com" } }), "berth:services.web.apprunner"],
        [web({ scaling: { max: 3, cpu: 60, concurrency: 50 } }), "berth:services.web.scaling.concurrency"],
        [web({ image: null, source: { repository: "https://github.com/acme/web", runtime: "NODEJS_22", start: "npm start" } }), "berth:services.web.source"],
    ];
    for (const platform of ["ecs-fargate", "ecs-express"]) {
        for (const [over, path] of cases) {
            it(`${platform}: ${path} is refused as configuring apprunner`, () => {
                const base = platform === "ecs-fargate" ? fargateConfig() : managedConfig("ecs-express");
                const e = errorAt(fixtureErrors(merge(base, over)), path);
                assert.match(e.allowed, new RegExp(`^nothing on platform ${platform}: this key configures apprunner`));
            });
        }
    }
    it("points a source repository elsewhere to build instead", () => {
        const e = errorAt(fixtureErrors(merge(fargateConfig(), web({ image: null, source: { repository: "https://github.com/acme/web", runtime: "NODEJS_22", start: "npm start" } }))), "berth:services.web.source");
        assert.match(e.allowed, /build an image from a Dockerfile with build instead/);
    });
});

describe("the App Runner notice", () => {
    it("warns every apprunner plan that App Runner is closed to new customers, pointing to ecs-express", () => {
        const r = validateFixture(managedConfig("apprunner"));
        assert.ok(r.ok);
        assert.deepEqual(
            configWarnings(r.spec).map((w) => w.path),
            ["berth:platform"],
        );
        assert.match(r.warnings[0].message, /closed to new customers since 30 April 2026/);
        assert.match(r.warnings[0].message, /berth:platform: ecs-express/);
    });
    it("says nothing on ecs-express or ECS", () => {
        assert.deepEqual(platformWarnings("ecs-express"), []);
        assert.deepEqual(platformWarnings("ecs-fargate"), []);
    });
});

describe("managed platforms: every error of a case, exactly", () => {
    const exact = (config: Record<string, unknown>) => {
        const r = validateFixture(config);
        return r.ok ? [] : r.errors.map((e) => [e.path, e.value, e.allowed]);
    };
    const RANGE = "1-25 instances (App Runner's auto scaling limits)";
    const cases: Array<[string, Record<string, unknown>, unknown[][]]> = [
        ["apprunner: a desired count inside the range", managedConfig("apprunner", web({ desiredCount: 3 })), []],
        ["apprunner: a desired count one past it", managedConfig("apprunner", web({ desiredCount: 26 })), [["berth:services.web.desiredCount", 26, RANGE]]],
        ["apprunner: a scaling minimum on the maximum", managedConfig("apprunner", web({ scaling: { min: 25, max: 25 } })), []],
        [
            "apprunner: a scaling minimum one past the maximum",
            managedConfig("apprunner", web({ scaling: { min: 26, max: 25 } })),
            [
                ["berth:services.web.scaling.min", 26, RANGE],
                ["berth:services.web.scaling.max", 25, "at least min (26)"],
            ],
        ],
        ["apprunner: a scaling maximum equal to its minimum", managedConfig("apprunner", web({ scaling: { min: 3, max: 3 } })), []],
        ["apprunner: a scaling maximum one below its minimum", managedConfig("apprunner", web({ scaling: { min: 3, max: 2 } })), [["berth:services.web.scaling.max", 2, "at least min (3)"]]],
        [
            "apprunner: a desired count beside scaling",
            managedConfig("apprunner", web({ desiredCount: 2, scaling: { min: 1, max: 3 } })),
            [["berth:services.web.desiredCount", 2, "nothing with scaling: the platform keeps between scaling.min and scaling.max running, with no desired count of its own"]],
        ],
        ["ecs-express: a desired count one below the range", managedConfig("ecs-express", web({ desiredCount: 0 })), [["berth:services.web.desiredCount", 0, "1-1000 tasks"]]],
        [
            "apprunner: a one-off task",
            managedConfig("apprunner", { "berth:services": { job: { kind: "task", image: "public.ecr.aws/docker/library/busybox:1.36" } } }),
            [["berth:services.job.kind", "task", '"service": App Runner runs long-lived, request-driven web services only; run one-off tasks on ecs-fargate']],
        ],
        [
            "ecs-express: a private service",
            managedConfig("ecs-express", web({ public: false })),
            [["berth:services.web.public", false, "true: Express Mode services are web services behind a load balancer it manages, health-checked over HTTP; a private worker has no Express counterpart, run it on ecs-fargate"]],
        ],
        [
            "apprunner: a read-only root file system",
            managedConfig("apprunner", web({ readonlyRootFilesystem: true })),
            [["berth:services.web.readonlyRootFilesystem", true, "false: the App Runner API has no read-only root file system setting"]],
        ],
        [
            "ecs-express: an arm64 build",
            managedConfig("ecs-express", web({ image: null, build: { context: "./app", platform: "linux/arm64" } })),
            [["berth:services.web.build.platform", "linux/arm64", "linux/amd64: the Express Mode API (as in @pulumi/aws 7.48.0) takes no CPU architecture, so tasks run X86_64"]],
        ],
        [
            "apprunner: a health-check interval one past 20",
            managedConfig("apprunner", web({ healthCheck: { interval: 21 } })),
            [["berth:services.web.healthCheck.interval", 21, "at most 20 seconds on App Runner (its health check allows 1-20)"]],
        ],
        ["ecs-express: berth:logs, which Express Mode honours", managedConfig("ecs-express", { "berth:logs": { retentionDays: 30 } }), []],
        [
            "apprunner: berth:logs",
            managedConfig("apprunner", { "berth:logs": { retentionDays: 30 } }),
            [["berth:logs", { retentionDays: 30 }, "nothing on platform apprunner: App Runner writes to log groups of its own, named after each service's id, whose retention berth cannot set"]],
        ],
        [
            "ecs-express in public subnets: the whole internet and another CIDR",
            managedConfig("ecs-express", { "berth:express": { subnets: "public" }, "berth:loadBalancer": { allowedCidrs: ["0.0.0.0/0", "198.51.100.0/24"] } }),
            [
                [
                    "berth:loadBalancer.allowedCidrs",
                    ["0.0.0.0/0", "198.51.100.0/24"],
                    "[0.0.0.0/0], written explicitly: ecs-express serves every service on an internet-facing URL that no CIDR list can narrow (AWS WAF could; berth builds none)",
                ],
            ],
        ],
        [
            "ecs-fargate: App Runner settings",
            merge(fargateConfig(), web({ apprunner: { domain: "api.example.com" } })),
            [["berth:services.web.apprunner", { domain: "api.example.com", wwwSubdomain: false }, "nothing on platform ecs-fargate: this key configures apprunner"]],
        ],
    ];
    for (const [what, config, expected] of cases) {
        it(`${what}: ${expected.length ? expected.map(([p]) => p).join(", ") : "accepted"}`, () => assert.deepEqual(exact(config), expected));
    }

    it("reads raw config without services or a load balancer", () => {
        assert.deepEqual(validateManagedRawKeys({}, "apprunner"), []);
        assert.deepEqual(validateManagedRawKeys({ services: { web: {} } }, "ecs-express"), []);
    });
});
