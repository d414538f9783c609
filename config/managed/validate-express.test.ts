import { strict as assert } from "assert";
import fc from "fast-check";
import { errorAt, fixtureErrors, managedConfig, validateFixture } from "../../tests/harness";
import { validateExpressSize } from "./validate-express";
import { FARGATE_DOCS } from "../../tests/fargate-sizes";

const web = (svc: Record<string, unknown>) => ({ "berth:services": { web: svc } });
const errorsOf = (overrides: Record<string, unknown>) => fixtureErrors(managedConfig("ecs-express", overrides));
const pathsOf = (overrides: Record<string, unknown>) => {
    const r = validateFixture(managedConfig("ecs-express", overrides));
    return r.ok ? [] : r.errors.map((e) => e.path);
};

describe("validateExpressSize", () => {
    it("accepts exactly the documented Fargate pairs with cpu 256-4096 and memory up to 8192 (property)", () => {
        fc.assert(
            fc.property(fc.constantFrom(...FARGATE_DOCS), fc.integer({ min: 1, max: 40 }), ([cpu, memories], k) => {
                const memory = k * 512;
                const ok = memories.includes(memory) && cpu <= 4096 && memory <= 8192;
                assert.equal(validateExpressSize("web", cpu, memory).length === 0, ok, `${cpu}/${memory}`);
            }),
        );
    });

    const cases: Array<[number, number, string | null]> = [
        [256, 512, null],
        [256, 2048, null],
        [256, 3072, "berth:services.web.memory"],
        [4096, 8192, null],
        [4096, 9216, "berth:services.web.memory"],
        [8192, 16384, "berth:services.web.cpu"],
        [128, 512, "berth:services.web.cpu"],
    ];
    for (const [cpu, memory, path] of cases) {
        it(`cpu ${cpu} / memory ${memory}: ${path ? `refused at ${path}` : "accepted"}`, () => {
            assert.deepEqual(
                validateExpressSize("web", cpu, memory).map((e) => e.path),
                path ? [path] : [],
            );
        });
    }
    it("names Express's memory limit before Fargate's pairs", () => {
        assert.match(validateExpressSize("web", 4096, 9216)[0].allowed, /^at most 8192 MiB on Express Mode$/);
    });
});

describe("Express Mode scaling and network", () => {
    const cases: Array<[string, Record<string, unknown>, string[]]> = [
        ["one metric", web({ scaling: { max: 4, requests: 500 } }), []],
        ["two metrics", web({ scaling: { max: 4, cpu: 60, memory: 70 } }), ["berth:services.web.scaling.memory"]],
        ["three metrics", web({ scaling: { max: 4, cpu: 60, memory: 70, requests: 100 } }), ["berth:services.web.scaling.memory", "berth:services.web.scaling.requests"]],
        [
            "step scaling",
            web({ scaling: { max: 4, steps: [{ name: "backlog", metric: { namespace: "AWS/SQS", name: "Depth" }, threshold: 10, comparison: "GreaterThanThreshold", steps: [{ lower: 0, adjustment: 1 }] }] } }),
            ["berth:services.web.scaling.steps"],
        ],
        ["scheduled scaling", web({ scaling: { max: 4, schedules: [{ name: "night", schedule: "cron(0 22 * * ? *)", min: 1 }] } }), ["berth:services.web.scaling.schedules"]],
        ["the default, private subnets, with NAT", {}, []],
        ["private subnets, written out, with NAT", { "berth:express": { subnets: "private" } }, []],
        ["private subnets without NAT", { "berth:network": { nat: "none" } }, ["berth:network.nat"]],
        ["private subnets with a NAT instance", { "berth:network": { nat: "instance" } }, []],
        ["public subnets without NAT", { "berth:express": { subnets: "public" }, "berth:network": { nat: "none" } }, []],
        ["public subnets with a restricted CIDR list", { "berth:express": { subnets: "public" }, "berth:loadBalancer": { allowedCidrs: ["198.51.100.0/24"] } }, ["berth:loadBalancer.allowedCidrs"]],
        ["a VPC too small for its subnets", { "berth:network": { cidr: "10.0.0.0/18" } }, ["berth:network.cidr"]],
        ["any image registry", web({ image: "ghcr.io/acme/web:1" }), []],
    ];
    for (const [what, over, paths] of cases) {
        it(`${what}: ${paths.length ? `refused at ${paths.join(", ")}` : "accepted"}`, () => assert.deepEqual(pathsOf(over), paths));
    }
    it("says why a second metric is refused", () => {
        assert.match(errorAt(errorsOf(web({ scaling: { max: 4, cpu: 60, memory: 70 } })), "berth:services.web.scaling.memory").allowed, /besides scaling\.cpu: Express Mode tracks one metric/);
    });
    it("keeps the environment's NAT with the default private subnets, and drops it with public ones", () => {
        const pub = validateFixture(managedConfig("ecs-express", { "berth:express": { subnets: "public" } }));
        const priv = validateFixture(managedConfig("ecs-express"));
        assert.ok(pub.ok && priv.ok);
        assert.equal(priv.spec.express.subnets, "private");
        assert.equal(pub.spec.network.nat, "none");
        assert.equal(priv.spec.network.nat, "single");
    });
});

describe("Express Mode: every error of a case, exactly", () => {
    const exact = (overrides: Record<string, unknown>) => {
        const r = validateFixture(managedConfig("ecs-express", overrides));
        return r.ok ? [] : r.errors.map((e) => [e.path, e.value, e.allowed]);
    };
    const step = { name: "backlog", metric: { namespace: "AWS/SQS", name: "Visible" }, threshold: 10, comparison: "GreaterThanThreshold", steps: [{ adjustment: 1 }] };
    const night = { name: "night", schedule: "cron(0 22 * * ? *)", max: 1 };
    const cases: Array<[string, Record<string, unknown>, unknown[][]]> = [
        ["a cpu Express Mode does not take", web({ cpu: 8192, memory: 16384 }), [["berth:services.web.cpu", 8192, "one of 256, 512, 1024, 2048, 4096 on Express Mode"]]],
        [
            "step scaling",
            web({ scaling: { min: 1, max: 3, cpu: 60, steps: [step] } }),
            [
                [
                    "berth:services.web.scaling.steps",
                    [{ ...step, metric: { ...step.metric, dimensions: {}, statistic: "Average", period: 60 }, evaluationPeriods: 2, adjustmentType: "ChangeInCapacity", cooldown: 60 }],
                    "none on Express Mode: it scales with the one target-tracking policy it owns; step scaling needs ecs-fargate",
                ],
            ],
        ],
        [
            "scheduled scaling",
            web({ scaling: { min: 1, max: 3, cpu: 60, schedules: [night] } }),
            [["berth:services.web.scaling.schedules", [{ ...night, timezone: "UTC" }], "none on Express Mode: it scales with the one target-tracking policy it owns; scheduled scaling needs ecs-fargate"]],
        ],
        ["two metrics", web({ scaling: { min: 1, max: 3, cpu: 60, memory: 70 } }), [["berth:services.web.scaling.memory", 70, "nothing besides scaling.cpu: Express Mode tracks one metric per service"]]],
        [
            "no NAT in the default private subnets",
            { "berth:network": { nat: "none" } },
            [["berth:network.nat", "none", "single, one-per-az or instance with berth:express.subnets private (the default): tasks in private subnets cannot pull images, ship logs or read secrets without NAT"]],
        ],
        ["a restricted CIDR list in private subnets, where nothing is public", { "berth:express": { subnets: "private" }, "berth:loadBalancer": { allowedCidrs: ["198.51.100.0/24"] } }, []],
    ];
    for (const [what, overrides, expected] of cases) {
        it(`${what}: ${expected.length ? expected.map(([p]) => p).join(", ") : "accepted"}`, () => assert.deepEqual(exact(overrides), expected));
    }
});
