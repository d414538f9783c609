// validateEcsService and validateEcsStack case by case through validateConfig: every error a
// config produces, with its path, value and full message (split from validate-ecs.test.ts).
import { strict as assert } from "assert";
import { fargateConfig, merge, validateFixture } from "../../tests/harness";

const web = (svc: Record<string, unknown>) => ({ "berth:services": { web: svc } });
const step = (steps: Array<{ lower?: number; upper?: number; adjustment: number }>) => ({
    name: "backlog",
    metric: { namespace: "AWS/SQS", name: "ApproximateNumberOfMessagesVisible" },
    threshold: 100,
    comparison: "GreaterThanOrEqualToThreshold",
    steps,
});

const S3_VOLUME =
    "an EFS volume: S3 is not a file system, and ECS cannot mount a bucket. For files shared between tasks, define a file system under berth:storage.fileSystems and mount one of its volumes here; for the S3 API, add a grant instead (grants: [{ bucket: NAME, access: read }])";

describe("validateEcsService and validateEcsStack: every error of a case, exactly", () => {
    const S = "berth:services.web.scaling";
    const storage = { "berth:storage": { fileSystems: { shared: { volumes: { data: { path: "/data" }, logs: { path: "/logs" } } } } } };
    const scaled = (scaling: Record<string, unknown>, svc: Record<string, unknown> = {}) => web({ ...svc, scaling: { min: 2, max: 4, cpu: 60, ...scaling } });
    const dims = (dimensions: Record<string, string>) => [{ ...step([{ lower: 0, adjustment: 1 }]), metric: { namespace: "AWS/ECS", name: "CPUUtilization", dimensions } }];
    const cases: Array<[string, Record<string, unknown>, Array<[string, unknown, string]>]> = [
        ["an unknown load balancer type", { "berth:loadBalancer": { type: "gwlb" } }, [["berth:loadBalancer.type", "gwlb", "one of alb, nlb"]]],
        ["a desired count between min and max", scaled({}, { desiredCount: 3 }), []],
        ["a desired count one past max", scaled({}, { desiredCount: 5 }), [["berth:services.web.desiredCount", 5, "a count within scaling.min..max (2-4), or none: scaling starts at min"]]],
        ["a desired count one below min", scaled({}, { desiredCount: 1 }), [["berth:services.web.desiredCount", 1, "a count within scaling.min..max (2-4), or none: scaling starts at min"]]],
        ["an unknown placeholder behind the ALB", scaled({ steps: dims({ ServiceName: "$svc" }) }), [[`${S}.steps.0.metric.dimensions.ServiceName`, "$svc", "a literal value or one of $cluster, $service, $loadBalancer, $targetGroup"]]],
        [
            "the ALB's placeholder on a private service",
            scaled({ steps: dims({ LoadBalancer: "$loadBalancer" }) }, { public: false }),
            [[`${S}.steps.0.metric.dimensions.LoadBalancer`, "$loadBalancer", "a literal value or one of $cluster, $service ($loadBalancer and $targetGroup need a service behind the ALB)"]],
        ],
        [
            "two steps open below",
            scaled({
                steps: [
                    step([
                        { upper: 0, adjustment: -1 },
                        { upper: 5, adjustment: -2 },
                    ]),
                ],
            }),
            [[`${S}.steps.0.steps.1.lower`, null, "a range that does not overlap step 0 ([-inf, 0))"]],
        ],
        [
            "a step inside one open above",
            scaled({
                steps: [
                    step([
                        { lower: 0, adjustment: 1 },
                        { lower: 10, upper: 20, adjustment: 2 },
                    ]),
                ],
            }),
            [[`${S}.steps.0.steps.1.lower`, 10, "a range that does not overlap step 0 ([0, inf))"]],
        ],
        [
            "a gap",
            scaled({
                steps: [
                    step([
                        { lower: 0, upper: 10, adjustment: 1 },
                        { lower: 11, adjustment: 2 },
                    ]),
                ],
            }),
            [[`${S}.steps.0.steps.1.lower`, 11, "10, where step 0 ends (steps may not leave a gap)"]],
        ],
        ["a lower bound equal to its upper bound", scaled({ steps: [step([{ lower: 5, upper: 5, adjustment: 1 }])] }), [[`${S}.steps.0.steps.0.upper`, 5, "a bound above lower (5)"]]],
        ["a lower bound one below its upper bound", scaled({ steps: [step([{ lower: 4, upper: 5, adjustment: 1 }])] }), []],
        ["a schedule with only a min", scaled({ schedules: [{ name: "n", schedule: "cron(0 20 * * ? *)", min: 3 }] }), []],
        ["a schedule's max one below its min", scaled({ schedules: [{ name: "n", schedule: "cron(0 20 * * ? *)", min: 3, max: 2 }] }), [[`${S}.schedules.0.max`, 2, "at least min (3)"]]],
        [
            "a schedule's min one below scaling.min",
            scaled({ schedules: [{ name: "n", schedule: "cron(0 20 * * ? *)", min: 1 }] }),
            [[`${S}.schedules.0.min`, 1, "a count within scaling.min..max (2-4): schedules narrow the bounds that pulumi up sets, and an update during a window puts those back"]],
        ],
        [
            "two schedules of one name",
            scaled({
                schedules: [
                    { name: "n", schedule: "cron(0 20 * * ? *)", max: 3 },
                    { name: "n", schedule: "cron(0 6 * * ? *)", max: 4 },
                ],
            }),
            [[`${S}.schedules.1.name`, "n", "a name not used by another schedule of this service"]],
        ],
        ["consume on a bucket", web({ grants: [{ bucket: "assets", access: "consume" }] }), [["berth:services.web.grants.0.access", "consume", "for a bucket: one of read, write, readwrite"]]],
        ["read on a queue", web({ grants: [{ queue: "arn:aws:sqs:eu-west-1:123456789012:jobs", access: "read" }] }), [["berth:services.web.grants.0.access", "read", "for a queue: one of consume, send"]]],
        [
            "ECS Exec with a read-only root file system",
            web({ exec: true, readonlyRootFilesystem: true }),
            [["berth:services.web.exec", true, 'false with readonlyRootFilesystem: the SSM agent ECS Exec runs in the container needs to write to its file system (ECS guide, "Monitor containers with ECS Exec")']],
        ],
        [
            "a public service published through PrivateLink",
            web({ privateLink: { allowedPrincipals: ["arn:aws:iam::210987654321:root"] } }),
            [["berth:services.web.public", true, "false for a service published through PrivateLink: it gets an internal load balancer of its own; PrivateLink consumers reach it without the internet"]],
        ],
        ["a bucket as a volume", web({ volumes: [{ bucket: "assets", mountPath: "/c" }] }), [["berth:services.web.volumes.0", "assets", S3_VOLUME]]],
        ["an S3 URL as a file system", web({ volumes: [{ fileSystem: "s3://assets", mountPath: "/c" }] }), [["berth:services.web.volumes.0", "s3://assets", S3_VOLUME]]],
        [
            "a volume naming no file system, with none defined",
            web({ volumes: [{ volume: "data", mountPath: "/c" }] }),
            [["berth:services.web.volumes.0.fileSystem", undefined, "a file system defined under berth:storage.fileSystems (none is)"]],
        ],
        [
            "a volume naming no file system, beside one named undefined",
            { "berth:storage": { fileSystems: { undefined: { volumes: { data: { path: "/data" } } } } }, ...web({ volumes: [{ volume: "data", mountPath: "/c" }] }) },
            [["berth:services.web.volumes.0.fileSystem", undefined, "a file system under berth:storage.fileSystems: undefined"]],
        ],
        [
            "an unknown file system",
            { ...storage, ...web({ volumes: [{ fileSystem: "other", volume: "data", mountPath: "/c" }] }) },
            [["berth:services.web.volumes.0.fileSystem", "other", "a file system under berth:storage.fileSystems: shared"]],
        ],
        ["a file system without a volume", { ...storage, ...web({ volumes: [{ fileSystem: "shared", mountPath: "/c" }] }) }, [["berth:services.web.volumes.0.volume", undefined, "a volume of file system shared: data, logs"]]],
        ["a known volume", { ...storage, ...web({ volumes: [{ fileSystem: "shared", volume: "logs", mountPath: "/c" }] }) }, []],
        [
            "an unknown file system, with two defined",
            { "berth:storage": { fileSystems: { shared: { volumes: { data: { path: "/data" } } }, cache: { volumes: { data: { path: "/data" } } } } }, ...web({ volumes: [{ fileSystem: "other", volume: "data", mountPath: "/c" }] }) },
            [["berth:services.web.volumes.0.fileSystem", "other", "a file system under berth:storage.fileSystems: shared, cache"]],
        ],
        [
            "a volume left out, beside a volume named undefined",
            { "berth:storage": { fileSystems: { shared: { volumes: { undefined: { path: "/data" } } } } }, ...web({ volumes: [{ fileSystem: "shared", mountPath: "/c" }] }) },
            [["berth:services.web.volumes.0.volume", undefined, "a volume of file system shared: undefined"]],
        ],
        ["two private services on one port, behind the NLB type", { "berth:loadBalancer": { type: "nlb" }, "berth:services": { web: { public: false }, api: { image: "api", port: 8080 } } }, []],
        [
            "two public NLB services without a port: no listener port to share",
            { "berth:services": { web: { port: null, loadBalancer: "nlb" }, api: { image: "api", public: true, loadBalancer: "nlb" } } },
            [
                ["berth:services.web.port", undefined, "a container port (1-65535) for a public service"],
                ["berth:services.api.port", undefined, "a container port (1-65535) for a public service"],
            ],
        ],
        ["two ALB services on one port", { "berth:services": { api: { image: "api", port: 8080, public: true, path: "/api/*", healthCheck: { path: "/api/health" } } } }, []],
        [
            "no NAT on ecs-fargate",
            { "berth:network": { nat: "none" } },
            [["berth:network.nat", "none", "single, one-per-az or instance (a NAT instance, cheapest for dev) on ecs-fargate: with none, tasks in private subnets cannot pull images, ship logs or read secrets"]],
        ],
        ["on-demand weight 1 with spot weight 0 in dev", { "berth:fargate": { onDemandWeight: 1, spotWeight: 0 } }, []],
        ["on-demand weight 0 with spot weight 0 in dev", { "berth:fargate": { onDemandWeight: 0, spotWeight: 0 } }, [["berth:fargate.onDemandWeight", 0, "a weight above 0 here or in spotWeight, so tasks can be placed"]]],
        ["spot weight 0 with prod's on-demand weight", { "berth:environment": "prod", "berth:fargate": { spotWeight: 0 } }, []],
    ];
    for (const [what, overrides, expected] of cases) {
        it(`${what}: ${expected.length ? expected.map(([p]) => p).join(", ") : "accepted"}`, () => {
            const r = validateFixture(merge(fargateConfig(), overrides));
            assert.deepEqual(r.ok ? [] : r.errors.map((e) => [e.path, e.value, e.allowed]), expected);
        });
    }

    it("counts an ECS Anywhere service's tasks against the hosts only when they have a port", () => {
        const anywhere = (svc: Record<string, unknown>) => merge(fargateConfig({ "berth:platform": "ecs-anywhere", "berth:loadBalancer": null }), { "berth:services": { web: { public: false, ...svc } } });
        const errors = (svc: Record<string, unknown>) => {
            const r = validateFixture(anywhere(svc));
            return r.ok ? [] : r.errors.map((e) => [e.path, e.value, e.allowed]);
        };
        assert.deepEqual(errors({ desiredCount: 10 }), []);
        assert.deepEqual(errors({ desiredCount: 11 }), [["berth:services.web.desiredCount", 11, "at most 10 tasks (berth:anywhere.registrationLimit): each task on port 8080 needs a host of its own"]]);
        assert.deepEqual(errors({}), []);
    });
});
