import { strict as assert } from "assert";
import { errorAt, fargateConfig, fixtureErrors, merge, validateFixture } from "../tests/harness";
import { networkInterfaces } from "./validate-ec2";

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

    for (const [target, ok] of [[10, true], [9, false], [90, true], [91, false]] as const) {
        it(`${ok ? "accepts" : "refuses"} a cpu target of ${target} (10-90)`, () => {
            assert.equal(validateFixture(ec2Config(4, 5, ["t3.large"], { scaling: "cpu", cpuTarget: target })).ok, ok);
        });
    }
});
