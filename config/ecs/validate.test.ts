import { strict as assert } from "assert";
import fc from "fast-check";
import { formatConfigError } from "../errors";
import { validateGrant, validateLoadBalancerType, validateStepBounds } from "./validate";
import { errorAt, fargateConfig, fixtureErrors, merge, validateFixture } from "../../tests/harness";
import { instanceSize } from "../facts/ec2";

const errorsOf = (overrides: Record<string, unknown>) => fixtureErrors(merge(fargateConfig(), overrides));
const web = (svc: Record<string, unknown>) => ({ "berth:services": { web: svc } });
const step = (steps: Array<{ lower?: number; upper?: number; adjustment: number }>) => ({
    name: "backlog",
    metric: { namespace: "AWS/SQS", name: "ApproximateNumberOfMessagesVisible" },
    threshold: 100,
    comparison: "GreaterThanOrEqualToThreshold",
    steps,
});

describe("validateLoadBalancerType", () => {
    it("accepts alb and nlb", () => {
        assert.deepEqual(validateLoadBalancerType("berth:loadBalancer.type", "alb"), []);
        assert.deepEqual(validateLoadBalancerType("berth:loadBalancer.type", "nlb"), []);
    });
    for (const classic of ["classic", "clb", "elb", "CLASSIC"]) {
        it(`rejects ${classic}, saying why a classic load balancer is not built`, () => {
            const [e] = validateLoadBalancerType("berth:loadBalancer.type", classic);
            assert.equal(e.value, classic);
            assert.match(e.allowed, /cannot target Fargate .* lacks the advanced features/);
        });
    }
    it("rejects a classic load balancer at the stack and the service level alike", () => {
        const errors = errorsOf({ "berth:loadBalancer": { type: "classic" }, ...web({ loadBalancer: "classic" }) });
        assert.match(errorAt(errors, "berth:loadBalancer.type").allowed, /Classic Load Balancer/);
        assert.match(errorAt(errors, "berth:services.web.loadBalancer").allowed, /Classic Load Balancer/);
    });
});

describe("validateStepBounds", () => {
    const at = "berth:services.web.scaling.steps.0.steps";
    const cases: Array<[string, Array<{ lower?: number; upper?: number; adjustment: number }>, string[]]> = [
        [
            "contiguous steps",
            [
                { upper: 0, adjustment: -1 },
                { lower: 0, upper: 10, adjustment: 1 },
                { lower: 10, adjustment: 3 },
            ],
            [],
        ],
        [
            "overlapping steps",
            [
                { lower: 0, upper: 20, adjustment: 1 },
                { lower: 10, adjustment: 3 },
            ],
            [`${at}.1.lower`],
        ],
        [
            "two steps open below",
            [
                { upper: 0, adjustment: -1 },
                { upper: 5, adjustment: -2 },
            ],
            [`${at}.1.lower`],
        ],
        [
            "a gap",
            [
                { lower: 0, upper: 10, adjustment: 1 },
                { lower: 20, adjustment: 3 },
            ],
            [`${at}.1.lower`],
        ],
        ["lower not below upper", [{ lower: 5, upper: 5, adjustment: 1 }], [`${at}.0.upper`]],
    ];
    for (const [what, steps, paths] of cases) {
        it(`${paths.length ? "rejects" : "accepts"} ${what}`, () => {
            assert.deepEqual(
                validateStepBounds(at, steps).map((e) => e.path),
                paths,
            );
        });
    }
    it("never accepts overlapping ranges (property)", () => {
        fc.assert(
            fc.property(fc.integer({ min: -100, max: 100 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 49 }), (lo, width, back) => {
                fc.pre(back < width);
                const steps = [
                    { lower: lo, upper: lo + width, adjustment: 1 },
                    { lower: lo + width - back, adjustment: 2 },
                ];
                assert.equal(validateStepBounds(at, steps).length, 1);
            }),
        );
    });
    it("names the overlap in its message", () => {
        const [e] = validateStepBounds(at, [
            { lower: 0, upper: 20, adjustment: 1 },
            { lower: 10, adjustment: 3 },
        ]);
        assert.match(formatConfigError(e), /\.1\.lower is 10; expected a range that does not overlap step 0 \(\[0, 20\)\)/);
    });
});

describe("validateEcsService", () => {
    it("rejects scaling.max below scaling.min", () => {
        const e = errorAt(errorsOf(web({ scaling: { min: 4, max: 2, cpu: 50 } })), "berth:services.web.scaling.max");
        assert.equal(e.value, 2);
        assert.match(e.allowed, /at least min \(4\)/);
    });

    it("rejects overlapping step bounds through the whole config", () => {
        const errors = errorsOf(
            web({
                scaling: {
                    max: 4,
                    steps: [
                        step([
                            { lower: 0, upper: 20, adjustment: 1 },
                            { lower: 10, adjustment: 3 },
                        ]),
                    ],
                },
            }),
        );
        errorAt(errors, "berth:services.web.scaling.steps.0.steps.1.lower");
    });

    it("rejects request-count scaling on a service behind an NLB", () => {
        const e = errorAt(errorsOf(web({ loadBalancer: "nlb", scaling: { max: 4, requests: 100 } })), "berth:services.web.scaling.requests");
        assert.match(e.allowed, /ALBRequestCountPerTarget.*behind an NLB/);
    });

    it("rejects request-count scaling on a private service", () => {
        const errors = errorsOf({ "berth:services": { worker: { image: "w", scaling: { max: 3, requests: 100 } } } });
        assert.match(errorAt(errors, "berth:services.worker.scaling.requests").allowed, /not public/);
    });

    it("rejects a volume on an unknown file system, listing the known ones", () => {
        const errors = errorsOf({
            "berth:storage": { fileSystems: { shared: { volumes: { data: { path: "/data" } } } } },
            ...web({ volumes: [{ fileSystem: "sharde", volume: "data", mountPath: "/data" }] }),
        });
        const e = errorAt(errors, "berth:services.web.volumes.0.fileSystem");
        assert.equal(e.value, "sharde");
        assert.match(e.allowed, /berth:storage.fileSystems: shared/);
    });

    it("rejects an unknown volume of a known file system", () => {
        const errors = errorsOf({
            "berth:storage": { fileSystems: { shared: { volumes: { data: { path: "/data" } } } } },
            ...web({ volumes: [{ fileSystem: "shared", volume: "logs", mountPath: "/logs" }] }),
        });
        assert.match(errorAt(errors, "berth:services.web.volumes.0.volume").allowed, /a volume of file system shared: data/);
    });

    describe("scheduled bounds stay within scaling.min..max, which pulumi up owns", () => {
        const schedule = (bounds: { min?: number; max?: number }) => web({ scaling: { min: 2, max: 10, cpu: 50, schedules: [{ name: "night", schedule: "cron(0 20 * * ? *)", ...bounds }] } });
        const cases: Array<[string, { min?: number; max?: number }, string[]]> = [
            ["min on scaling.min", { min: 2 }, []],
            ["min one below scaling.min", { min: 1 }, ["berth:services.web.scaling.schedules.0.min"]],
            ["max on scaling.max", { max: 10 }, []],
            ["max one past scaling.max", { max: 11 }, ["berth:services.web.scaling.schedules.0.max"]],
            ["both inside", { min: 3, max: 6 }, []],
        ];
        for (const [what, bounds, paths] of cases) {
            it(`${paths.length ? "rejects" : "accepts"} ${what}`, () => {
                const r = validateFixture(merge(fargateConfig(), schedule(bounds)));
                assert.deepEqual(r.ok ? [] : r.errors.map((e) => e.path), paths);
            });
        }
        it("says why: schedules narrow what pulumi up sets back", () => {
            assert.equal(
                errorAt(errorsOf(schedule({ min: 1 })), "berth:services.web.scaling.schedules.0.min").allowed,
                "a count within scaling.min..max (2-10): schedules narrow the bounds that pulumi up sets, and an update during a window puts those back",
            );
        });
    });

    it("requires the health-check path of a service routed on a path other than /*, and suggests one", () => {
        const e = errorAt(errorsOf({ "berth:services": { api: { image: "api", port: 8080, public: true, path: "/api/*" } } }), "berth:services.api.healthCheck.path");
        assert.equal(e.value, undefined);
        assert.equal(e.allowed, 'the path the load balancer checks, e.g. /api/health: the service is routed on /api/*, so "/" may not reach it');
        assert.ok(validateFixture(merge(fargateConfig(), { "berth:services": { api: { image: "api", port: 8080, public: true, path: "/api/*", healthCheck: { path: "/api/ping" } } } })).ok);
    });

    it("suggests a health path under a bare route prefix, with its slash", () => {
        const e = errorAt(errorsOf({ "berth:services": { api: { image: "api", port: 8080, public: true, path: "/api" } } }), "berth:services.api.healthCheck.path");
        assert.equal(e.allowed, 'the path the load balancer checks, e.g. /api/health: the service is routed on /api, so "/" may not reach it');
    });

    it("offers every egress that works when NAT is none", () => {
        const e = errorAt(errorsOf({ "berth:network": { nat: "none" } }), "berth:network.nat");
        assert.equal(e.allowed, "single, one-per-az or instance (a NAT instance, cheapest for dev) on ecs-fargate: with none, tasks in private subnets cannot pull images, ship logs or read secrets");
    });

    it("refuses ECS Exec on a read-only root file system, which the SSM agent cannot run on", () => {
        const e = errorAt(errorsOf(web({ exec: true, readonlyRootFilesystem: true })), "berth:services.web.exec");
        assert.match(e.allowed, /^false with readonlyRootFilesystem: the SSM agent ECS Exec runs in the container needs to write/);
        assert.ok(validateFixture(merge(fargateConfig(), web({ exec: true }))).ok);
    });

    for (const volume of [
        { bucket: "berth-assets", mountPath: "/assets" },
        { fileSystem: "s3://berth-assets", volume: "x", mountPath: "/assets" },
    ]) {
        it(`explains that S3 is not a file system: ${JSON.stringify(volume)}`, () => {
            const e = errorAt(errorsOf(web({ volumes: [volume] })), "berth:services.web.volumes.0");
            assert.match(e.allowed, /^an EFS volume: S3 is not a file system, and ECS cannot mount a bucket\. .* berth:storage\.fileSystems .* add a grant instead \(grants: \[\{ bucket: NAME, access: read \}\]\)$/);
        });
    }

    it("refuses two volumes on one mount path", () => {
        const errors = errorsOf({
            "berth:storage": { fileSystems: { shared: { volumes: { a: { path: "/a" }, b: { path: "/b" } } } } },
            ...web({
                volumes: [
                    { fileSystem: "shared", volume: "a", mountPath: "/data" },
                    { fileSystem: "shared", volume: "b", mountPath: "/data" },
                ],
            }),
        });
        assert.equal(errorAt(errors, "berth:services.web.volumes.1.mountPath").allowed, "a path not already mounted by volumes.0");
    });

    it("rejects an EXTERNAL (ecs-anywhere) service that asks for a load balancer", () => {
        const errors = errorsOf({ "berth:platform": "ecs-anywhere", "berth:services": { web: { public: true }, api: { image: "api", loadBalancer: "nlb" } } });
        assert.match(errorAt(errors, "berth:services.web.public").allowed, /ECS Anywhere \(launch type EXTERNAL\) has no load balancer/);
        assert.match(errorAt(errors, "berth:services.api.loadBalancer").allowed, /no load balancer/);
    });

    it("rejects scaling and public on a one-off task", () => {
        const errors = errorsOf(web({ kind: "task", scaling: { max: 2 } }));
        errorAt(errors, "berth:services.web.public");
        errorAt(errors, "berth:services.web.scaling");
    });

    it("rejects platform-specific keys on another platform", () => {
        const e = errorAt(errorsOf({ "berth:ec2": { maxSize: 3 } }), "berth:ec2");
        assert.match(e.allowed, /nothing on platform ecs-fargate: this key configures ecs-ec2/);
    });

    it("rejects an EC2 group whose maxSize is below minSize", () => {
        const errors = errorsOf({ "berth:platform": "ecs-ec2", "berth:ec2": { minSize: 3, maxSize: 2 } });
        assert.match(errorAt(errors, "berth:ec2.maxSize").allowed, /at least minSize \(3\)/);
    });

    it("rejects NAT none where tasks live in private subnets", () => {
        assert.match(errorAt(errorsOf({ "berth:network": { nat: "none" } }), "berth:network.nat").allowed, /ecs-fargate: with none, tasks in private subnets cannot pull images/);
        assert.match(errorAt(errorsOf({ "berth:platform": "ecs-ec2", "berth:network": { nat: "none" } }), "berth:network.nat").allowed, /on ecs-ec2/);
    });

    it("rejects network settings on ecs-anywhere, which creates no VPC", () => {
        const e = errorAt(errorsOf({ "berth:platform": "ecs-anywhere", "berth:network": { nat: "none" }, "berth:services": { web: { public: false } } }), "berth:network");
        assert.match(e.allowed, /creates no VPC/);
        const fine = validateFixture(merge(fargateConfig(), { "berth:platform": "ecs-anywhere", "berth:loadBalancer": null, "berth:services": { web: { public: false } } }));
        assert.ok(fine.ok, JSON.stringify(!fine.ok && fine.errors));
    });

    it("rejects a step policy named like another policy of the service", () => {
        const errors = errorsOf(web({ scaling: { max: 4, cpu: 50, steps: [{ ...step([{ lower: 0, adjustment: 1 }]), name: "cpu" }, step([{ lower: 0, adjustment: 1 }]), step([{ lower: 0, adjustment: 2 }])] } }));
        assert.match(errorAt(errors, "berth:services.web.scaling.steps.0.name").allowed, /not cpu, memory, requests or target/);
        assert.equal(errorAt(errors, "berth:services.web.scaling.steps.2.name").value, "backlog");
    });

    it("rejects ALB placeholders in step dimensions of a service not behind the ALB", () => {
        const policy = { ...step([{ lower: 0, adjustment: 1 }]), metric: { namespace: "AWS/NetworkELB", name: "ActiveFlowCount", dimensions: { LoadBalancer: "$loadBalancer", Cluster: "$cluster" } } };
        const e = errorAt(errorsOf(web({ loadBalancer: "nlb", scaling: { max: 4, steps: [policy] } })), "berth:services.web.scaling.steps.0.metric.dimensions.LoadBalancer");
        assert.match(e.allowed, /one of \$cluster, \$service \(\$loadBalancer and \$targetGroup need a service behind the ALB\)/);
    });

    it("rejects a desiredCount outside the scaling range", () => {
        const e = errorAt(errorsOf(web({ desiredCount: 9, scaling: { min: 1, max: 4 } })), "berth:services.web.desiredCount");
        assert.match(e.allowed, /within scaling.min..max \(1-4\)/);
    });

    it("rejects instance types that cannot boot the AMI's architecture", () => {
        const errors = errorsOf({ "berth:platform": "ecs-ec2", "berth:ec2": { architecture: "arm64", instanceTypes: ["t4g.medium", "t3.medium"] } });
        assert.deepEqual(
            errors.filter((e) => e.path.startsWith("berth:ec2")).map((e) => e.path),
            ["berth:ec2.instanceTypes.1"],
        );
        const x86 = errorsOf({ "berth:platform": "ecs-ec2", "berth:ec2": { instanceTypes: ["m7g.large"] } });
        assert.match(errorAt(x86, "berth:ec2.instanceTypes.0").allowed, /or set architecture: arm64/);
    });

    it("knows the size of common instance types, and no others", () => {
        const table: Array<[string, { vcpu: number; memoryGiB: number } | undefined]> = [
            ["t3.medium", { vcpu: 2, memoryGiB: 4 }],
            ["t4g.xlarge", { vcpu: 4, memoryGiB: 16 }],
            ["m6i.large", { vcpu: 2, memoryGiB: 8 }],
            ["c7g.4xlarge", { vcpu: 16, memoryGiB: 32 }],
            ["r6i.2xlarge", { vcpu: 8, memoryGiB: 64 }],
            ["p4d.24xlarge", undefined],
            ["m7i.metal-24xl", undefined],
        ];
        for (const [type, size] of table) assert.deepEqual(instanceSize(type), size, type);
    });

    it("rejects a task larger than every EC2 instance type", () => {
        const errors = errorsOf({ "berth:platform": "ecs-ec2", "berth:ec2": { instanceTypes: ["t3.medium", "t3a.medium"] }, ...web({ cpu: 4096, memory: 30000 }) });
        assert.match(errorAt(errors, "berth:services.web.cpu").allowed, /at most 2048, the largest of berth:ec2.instanceTypes \(t3.medium, t3a.medium\)/);
        assert.match(errorAt(errors, "berth:services.web.memory").allowed, /less than 4096 MiB/);
    });

    it("rejects Fargate weights that are all zero, counting the environment's defaults", () => {
        errorAt(errorsOf({ "berth:fargate": { onDemandWeight: 0, spotWeight: 0 } }), "berth:fargate.onDemandWeight");
        errorAt(errorsOf({ "berth:environment": "prod", "berth:fargate": { onDemandWeight: 0 } }), "berth:fargate.onDemandWeight");
        assert.ok(validateFixture(merge(fargateConfig(), { "berth:fargate": { onDemandWeight: 0 } })).ok, "dev's default spot weight carries the tasks");
    });

    it("rejects an image built for the other architecture than the EC2 instances", () => {
        const errors = errorsOf({ "berth:platform": "ecs-ec2", "berth:ec2": { architecture: "arm64", instanceTypes: ["t4g.large"] }, ...web({ image: null, build: { context: "./app" } }) });
        assert.match(errorAt(errors, "berth:services.web.build.platform").allowed, /linux\/arm64, to match berth:ec2.architecture/);
    });

    it("rejects more fixed-port ECS Anywhere tasks than hosts may register", () => {
        const errors = errorsOf({ "berth:platform": "ecs-anywhere", "berth:loadBalancer": null, "berth:anywhere": { registrationLimit: 2 }, ...web({ public: false, desiredCount: 3 }) });
        assert.match(errorAt(errors, "berth:services.web.desiredCount").allowed, /at most 2 tasks .* needs a host of its own/);
    });

    it("rejects load balancer settings on a one-off task", () => {
        errorAt(errorsOf({ "berth:services": { web: { public: false }, job: { image: "j", kind: "task", loadBalancer: "nlb" } } }), "berth:services.job.loadBalancer");
    });

    it("reports names that are properties of every object as unknown, not as a crash", () => {
        const errors = errorsOf({
            "berth:storage": { fileSystems: { data: { volumes: { files: { path: "/f" } } } } },
            ...web({
                volumes: [
                    { fileSystem: "constructor", volume: "files", mountPath: "/a" },
                    { fileSystem: "data", volume: "tostring", mountPath: "/b" },
                ],
            }),
        });
        errorAt(errors, "berth:services.web.volumes.0.fileSystem");
        errorAt(errors, "berth:services.web.volumes.1.volume");
    });

    it("rejects a VPC block too small for berth's subnets", () => {
        const e = errorAt(errorsOf({ "berth:network": { cidr: "10.0.0.0/20" } }), "berth:network.cidr");
        assert.match(e.allowed, /\/16 or \/17 block with 2 AZs/);
        assert.match(errorAt(errorsOf({ "berth:environment": "prod", "berth:network": { cidr: "10.0.0.0/17" } }), "berth:network.cidr").allowed, /\/16 block with 3 AZs/);
        errorAt(errorsOf({ "berth:network": { cidr: "10.0.0.0/8" } }), "berth:network.cidr");
        assert.ok(validateFixture(merge(fargateConfig(), { "berth:network": { cidr: "10.0.0.0/17" } })).ok);
    });

    it("rejects storage on ecs-anywhere", () => {
        const errors = errorsOf({ "berth:platform": "ecs-anywhere", "berth:storage": { fileSystems: {} }, "berth:services": { web: { public: false } } });
        assert.match(errorAt(errors, "berth:storage").allowed, /no file systems/);
    });

    it("rejects two NLB services on one listener port", () => {
        const errors = errorsOf({
            "berth:services": { web: { loadBalancer: "nlb" }, api: { image: "api", port: 8080, public: true, loadBalancer: "nlb" } },
        });
        assert.match(errorAt(errors, "berth:services.api.listenerPort").allowed, /already used by service web/);
    });
});

describe("validateGrant", () => {
    const cases: Array<[string, Record<string, unknown>, string | null]> = [
        ["a bucket read", { bucket: "b", access: "read" }, null],
        ["a queue consume", { queue: "arn:aws:sqs:us-east-1:123456789012:q", access: "consume" }, null],
        ["two targets", { bucket: "b", table: "arn:aws:dynamodb:us-east-1:123456789012:table/t", access: "read" }, "g"],
        ["no target", { access: "read" }, "g"],
        ["consume on a table", { table: "arn:aws:dynamodb:us-east-1:123456789012:table/t", access: "consume" }, "g.access"],
        ["a prefix on a queue", { queue: "arn:aws:sqs:us-east-1:123456789012:q", access: "send", prefix: "x/" }, "g.prefix"],
    ];
    for (const [what, grant, path] of cases) {
        it(`${path ? "rejects" : "accepts"} ${what}`, () => {
            assert.deepEqual(
                validateGrant("g", grant as never).map((e) => e.path),
                path ? [path] : [],
            );
        });
    }
});
