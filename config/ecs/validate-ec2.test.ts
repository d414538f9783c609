import { strict as assert } from "assert";
import { errorAt, fargateConfig, fixtureErrors, merge, validateFixture } from "../../tests/harness";
import { instanceSize, isGravitonType, networkInterfaces } from "../facts/ec2";

/** An ecs-ec2 config with one web service that scales to `max` tasks, on `maxSize` instances of `types`. */
function ec2Config(max: number, maxSize: number, types = ["t3.large"], extra: Record<string, unknown> = {}) {
    return merge(fargateConfig(), {
        "berth:platform": "ecs-ec2",
        "berth:ec2": { instanceTypes: types, maxSize, ...extra },
        "berth:services": { web: { scaling: { min: 1, max } } },
    });
}

describe("networkInterfaces", () => {
    // The EC2 user guide's "Maximum number of network interfaces", written out here, not derived.
    const table: Array<[string, number | undefined]> = [
        ["t3.nano", 2],
        ["t3.micro", 2],
        ["t3.small", 3],
        ["t3.medium", 3],
        ["t3a.large", 3],
        ["t4g.xlarge", 4],
        ["t3.2xlarge", 4],
        ["m5.large", 3],
        ["m6i.xlarge", 4],
        ["c5.4xlarge", 8],
        ["r6g.16xlarge", 15],
        ["c5n.large", undefined],
        ["x1e.xlarge", undefined],
    ];
    for (const [type, enis] of table) it(`${type}: ${enis ?? "unknown, so not checked"}`, () => assert.equal(networkInterfaces(type), enis));
});

describe("validateTaskSlots (ecs-ec2: one network interface per awsvpc task)", () => {
    // A t3.large has 3 interfaces, one the instance's: 2 tasks each.
    it("accepts tasks that exactly fill the group: 10 tasks on 5 t3.large", () => {
        assert.ok(validateFixture(ec2Config(10, 5)).ok);
    });

    it("refuses one task more than the group holds, saying how many instances it needs and why", () => {
        const e = errorAt(fixtureErrors(ec2Config(11, 5)), "berth:ec2.maxSize");
        assert.equal(e.value, 5);
        assert.equal(
            e.allowed,
            "at least 6: each awsvpc task takes a network interface, a t3.large has 3 (one is the instance's), so 2 tasks per instance, and the services may run 11 at once (web 11); or choose instance types with more network interfaces",
        );
    });

    it("counts by the instance type with the fewest interfaces, and every service and one-off task", () => {
        const cfg = merge(ec2Config(4, 3, ["m5.xlarge", "t3.micro"]), { "berth:services": { report: { kind: "task", image: "busybox" }, jobs: { image: "busybox", desiredCount: 2 } } });
        // t3.micro: 2 interfaces, 1 task per instance; 4 + 1 + 2 = 7 tasks need 7 instances.
        assert.match(errorAt(fixtureErrors(cfg), "berth:ec2.maxSize").allowed, /^at least 7: .* a t3\.micro has 2 .* so 1 task per instance, and the services may run 7 at once \(web 4, report 1, jobs 2\)/);
    });

    it("does not guess for instance types it has no figures for", () => {
        assert.ok(validateFixture(ec2Config(100, 1, ["c5n.large"])).ok);
    });
});

describe("validateEc2Scaling", () => {
    it("accepts cpu scaling with a cpu target, and capacity-provider scaling with a target capacity", () => {
        assert.ok(validateFixture(ec2Config(4, 5, ["t3.large"], { scaling: "cpu", cpuTarget: 50 })).ok);
        assert.ok(validateFixture(ec2Config(4, 5, ["t3.large"], { targetCapacity: 80 })).ok);
    });

    it("says which scaling is in force when a key of the other one is set", () => {
        const cpu = errorAt(fixtureErrors(ec2Config(4, 5, ["t3.large"], { scaling: "cpu", targetCapacity: 80 })), "berth:ec2.targetCapacity");
        assert.match(cpu.allowed, /^nothing with berth:ec2\.scaling cpu: the group scales on its average CPU \(cpuTarget\)/);
        const cp = errorAt(fixtureErrors(ec2Config(4, 5, ["t3.large"], { cpuTarget: 50 })), "berth:ec2.cpuTarget");
        assert.match(cp.allowed, /^nothing with berth:ec2\.scaling capacity-provider \(the default\): ECS scales the group to fit the tasks/);
    });

    for (const [target, ok] of [
        [10, true],
        [9, false],
        [90, true],
        [91, false],
    ] as const) {
        it(`${ok ? "accepts" : "refuses"} a cpu target of ${target} (10-90)`, () => {
            assert.equal(validateFixture(ec2Config(4, 5, ["t3.large"], { scaling: "cpu", cpuTarget: target })).ok, ok);
        });
    }
});

describe("instance types berth reads", () => {
    const graviton: Array<[string, boolean]> = [
        ["a1.large", true],
        ["t4g.medium", true],
        ["im4gn.large", true],
        ["m10g.large", true],
        ["c8gd.xlarge", true],
        ["m6i.large", false],
        ["g5.xlarge", false],
        ["ml.m7g.large", false],
    ];
    for (const [type, arm] of graviton) it(`${type} is ${arm ? "" : "not "}Graviton`, () => assert.equal(isGravitonType(type), arm));

    const sizes: Array<[string, { vcpu: number; memoryGiB: number } | undefined]> = [
        ["m5.large", { vcpu: 2, memoryGiB: 8 }],
        ["c10.xlarge", { vcpu: 4, memoryGiB: 8 }],
        ["r6g.2xlarge", { vcpu: 8, memoryGiB: 64 }],
        ["xm5.large", undefined],
        ["m5.large.x", undefined],
        ["m5.metal", undefined],
        ["m5.x2xlarge", undefined],
        ["m5.2xlargex", undefined],
        ["m5.0xlarge", undefined],
    ];
    for (const [type, size] of sizes) it(`${type}: ${size ? `${size.vcpu} vCPU, ${size.memoryGiB} GiB` : "not sized"}`, () => assert.deepEqual(instanceSize(type), size));
});

describe("EC2 rules: every error of a case, exactly", () => {
    const ec2 = (over: Record<string, unknown>) => merge(fargateConfig({ "berth:platform": "ecs-ec2" }), over);
    const cases: Array<[string, Record<string, unknown>, unknown[][]]> = [
        ["arm64 with the default instance types, chosen for it", ec2({ "berth:ec2": { architecture: "arm64" } }), []],
        ["a minimum one above the maximum", ec2({ "berth:ec2": { minSize: 4, maxSize: 3 } }), [["berth:ec2.maxSize", 3, "at least minSize (4)"]]],
        [
            "an arm64 build on x86 instances",
            ec2({ "berth:services": { web: { image: null, build: { context: "./app", platform: "linux/arm64" } } } }),
            [["berth:services.web.build.platform", "linux/arm64", "linux/amd64, to match berth:ec2.architecture"]],
        ],
        [
            "an amd64 build on arm64 instances",
            ec2({ "berth:ec2": { architecture: "arm64", instanceTypes: ["t4g.large"] }, "berth:services": { web: { image: null, build: { context: "./app", platform: "linux/amd64" } } } }),
            [["berth:services.web.build.platform", "linux/amd64", "linux/arm64, to match berth:ec2.architecture"]],
        ],
        [
            "staging: a one-off task counts once, not as staging's two tasks per service",
            ec2({ "berth:environment": "staging", "berth:ec2": { maxSize: 2 }, "berth:services": { web: { desiredCount: 3 }, job: { kind: "task", image: "public.ecr.aws/docker/library/busybox:1.36" } } }),
            [],
        ],
    ];
    for (const [what, config, expected] of cases) {
        it(`${what}: ${expected.length ? expected.map(([p]) => p).join(", ") : "accepted"}`, () => {
            const r = validateFixture(config);
            assert.deepEqual(r.ok ? [] : r.errors.map((e) => [e.path, e.value, e.allowed]), expected);
        });
    }
});
