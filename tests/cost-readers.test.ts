// GIVEN handmade resources with the odd shapes a plan records (JSON text, numbers as strings, absent
// fields), WHEN the cost readers and the node and data line builders read them, THEN each returns the
// exact value: whole lines priced from cost/prices.ts and cost/ec2-prices.ts at 730 hours a month.
import { strict as assert } from "node:assert";
import { ec2Hourly } from "../cost/ec2-prices";
import { invocationsPerMonth, dataLines } from "../cost/lines-data";
import { appRunnerLines, autoScalingLines, eksClusterLines, karpenterLines, managedNodeLines, selfManagedNodeLines } from "../cost/lines-nodes";
import { PRICES } from "../cost/prices";
import { arr, cents, cpuQuantity, hourly, memoryQuantity, nameOfUrn, num, obj, priced, round4, str } from "../cost/read";
import type { CostLine } from "../cost/types";
import type { Usage } from "../cost/usage";
import type { PlannedResource } from "../start/types";
import { costContext } from "./cost-context";

const H = 730;

function res(type: string, name: string, inputs: Record<string, unknown>, id: string | null = null): PlannedResource {
    return { urn: `urn:pulumi:s::berth::${type}::${name}`, type, name, parent: null, inputs, dependencies: [], id, arn: null, component: false, retainOnDelete: false, protect: false, ignoreChanges: [], aliases: [] } as PlannedResource;
}

/** A context over `resources`, and the notes it gathers. */
const ctxOf = (resources: PlannedResource[], usage: Partial<Usage> = {}) => costContext(resources, { usage });

/** The on-demand line of `count` instances of `type`. */
function instanceLine(r: PlannedResource, label: string, type: string, count: number, fixed = true, madeBy?: string): CostLine {
    const price = ec2Hourly(type)!;
    const quantity = round4(count * H);
    return { urn: r.urn, type: r.type, description: `${label}: ${count} × ${type} on demand`, quantity, unit: `${type} instance-hour`, unitPrice: price, monthly: round4(quantity * price), fixed, ...(madeBy ? { madeBy } : {}) };
}

function diskLine(r: PlannedResource, label: string, count: number, gb: number): CostLine {
    return { urn: r.urn, type: r.type, description: `${label}: ${gb} GB gp3 root volume per instance`, quantity: count * gb, unit: PRICES.ebsGp3GbMonth.unit, unitPrice: 0.08, monthly: round4(count * gb * 0.08), fixed: true };
}

const unpriced = (label: string, type: string) => `${label}: instance type ${type} has no price in cost/ec2-prices.ts, so its instances are not priced.`;

describe("cost readers (cost/read.ts)", () => {
    it("obj takes objects and JSON object text, nothing else", () => {
        const o = { a: 1 };
        assert.equal(obj(o), o);
        assert.deepStrictEqual(obj('{"a":1,"b":"2"}'), { a: 1, b: "2" });
        assert.deepStrictEqual(obj(JSON.stringify('{"a":2}')), { a: 2 });
        assert.equal(obj("[1,2]"), undefined);
        assert.equal(obj([1, 2]), undefined);
        assert.equal(obj("not json"), undefined);
        assert.equal(obj(""), undefined);
        assert.equal(obj(null), undefined);
        assert.equal(obj(undefined), undefined);
        assert.equal(obj(0), undefined);
        assert.equal(obj(true), undefined);
    });

    it("arr takes arrays and JSON array text, [] otherwise", () => {
        const a = [1, "x"];
        assert.equal(arr(a), a);
        assert.deepStrictEqual(arr('["m5.large","t3.medium"]'), ["m5.large", "t3.medium"]);
        assert.deepStrictEqual(arr(JSON.stringify("[3]")), [3]);
        assert.deepStrictEqual(arr('{"a":1}'), []);
        assert.deepStrictEqual(arr("not json"), []);
        assert.deepStrictEqual(arr({ length: 1, 0: "a" }), []);
        assert.deepStrictEqual(arr(undefined), []);
        assert.deepStrictEqual(arr(null), []);
        assert.deepStrictEqual(arr(5), []);
    });

    it("num reads numbers and numeric text, undefined for blanks and non-finite values", () => {
        assert.equal(num(5), 5);
        assert.equal(num(0), 0);
        assert.equal(num(-2.5), -2.5);
        assert.equal(num("256"), 256);
        assert.equal(num(" 256 "), 256);
        assert.equal(num("1e3"), 1000);
        assert.equal(num("0"), 0);
        assert.equal(num(""), undefined);
        assert.equal(num("   "), undefined);
        assert.equal(num("abc"), undefined);
        assert.equal(num("12px"), undefined);
        assert.equal(num(Number.NaN), undefined);
        assert.equal(num(Number.POSITIVE_INFINITY), undefined);
        assert.equal(num("Infinity"), undefined);
        assert.equal(num(null), undefined);
        assert.equal(num(true), undefined);
        assert.equal(num([1]), undefined);
    });

    it("str keeps strings only", () => {
        assert.equal(str("t3.medium"), "t3.medium");
        assert.equal(str(""), "");
        assert.equal(str(1), undefined);
        assert.equal(str(undefined), undefined);
        assert.equal(str(["a"]), undefined);
    });

    it("cpuQuantity reads millicores, cores and numbers; 0 otherwise", () => {
        assert.equal(cpuQuantity("250m"), 0.25);
        assert.equal(cpuQuantity("1000m"), 1);
        assert.equal(cpuQuantity("1"), 1);
        assert.equal(cpuQuantity("1.5"), 1.5);
        assert.equal(cpuQuantity(2), 2);
        assert.equal(cpuQuantity("m"), 0);
        assert.equal(cpuQuantity("abc"), 0);
        assert.equal(cpuQuantity(""), 0);
        assert.equal(cpuQuantity(undefined), 0);
        assert.equal(cpuQuantity({ cpu: 1 }), 0);
    });

    it("memoryQuantity reads binary and decimal suffixes and bytes, in MiB; 0 otherwise", () => {
        assert.equal(memoryQuantity("512Mi"), 512);
        assert.equal(memoryQuantity("1Gi"), 1024);
        assert.equal(memoryQuantity("1.5Gi"), 1536);
        assert.equal(memoryQuantity("1Ti"), 1024 * 1024);
        assert.equal(memoryQuantity("1024Ki"), 1);
        assert.equal(memoryQuantity("1048576"), 1);
        assert.equal(memoryQuantity(2097152), 2);
        assert.equal(memoryQuantity("1M"), 1e6 / 2 ** 20);
        assert.equal(memoryQuantity("1G"), 1e9 / 2 ** 20);
        assert.equal(memoryQuantity("1k"), 1e3 / 2 ** 20);
        assert.equal(memoryQuantity("1Xi"), 0);
        assert.equal(memoryQuantity("1 Gi"), 0);
        assert.equal(memoryQuantity("-1Gi"), 0);
        assert.equal(memoryQuantity(""), 0);
        assert.equal(memoryQuantity(undefined), 0);
    });

    it("round4 keeps four decimals and cents two", () => {
        assert.equal(round4(1.23456), 1.2346);
        assert.equal(round4(1.23454), 1.2345);
        assert.equal(round4(0.00004), 0);
        assert.equal(round4(30.368000000000002), 30.368);
        assert.equal(cents(36.0401), 36.04);
        assert.equal(cents(36.046), 36.05);
        assert.equal(cents(0.004), 0);
    });

    it("priced gives the whole line, with madeBy only when given and the factor applied to the unit price", () => {
        const r = res("aws:s3/bucketV2:BucketV2", "b", {});
        assert.deepStrictEqual(priced(r, "s3StandardGbMonth", 10, "ten GB", false), {
            urn: r.urn,
            type: r.type,
            description: "ten GB",
            quantity: 10,
            unit: PRICES.s3StandardGbMonth.unit,
            unitPrice: 0.023,
            monthly: 0.23,
            fixed: false,
        });
        assert.deepStrictEqual(priced(r, "fargateVcpuHourX86", 730, "spot", true, "ECS", 0.33), {
            urn: r.urn,
            type: r.type,
            description: "spot",
            quantity: 730,
            unit: PRICES.fargateVcpuHourX86.unit,
            unitPrice: 0.0133584,
            monthly: round4(730 * 0.0133584),
            fixed: true,
            madeBy: "ECS",
        });
        assert.equal(priced(r, "kmsKeyMonth", 1.234567, "k", true).quantity, 1.2346);
        assert.equal("madeBy" in priced(r, "kmsKeyMonth", 1, "k", true, ""), false);
    });

    it("hourly prices `count` of a resource all month, fixed", () => {
        const r = res("aws:ec2/natGateway:NatGateway", "nat", {});
        assert.deepStrictEqual(hourly(r, "natGatewayHour", 2, "two NAT gateways", "VPC"), {
            urn: r.urn,
            type: r.type,
            description: "two NAT gateways",
            quantity: 1460,
            unit: PRICES.natGatewayHour.unit,
            unitPrice: 0.045,
            monthly: 65.7,
            fixed: true,
            madeBy: "VPC",
        });
    });

    it("nameOfUrn takes what follows the last ::", () => {
        assert.equal(nameOfUrn("urn:pulumi:s::berth::berth:index:Service::web"), "web");
        assert.equal(nameOfUrn("urn:pulumi:s::berth::a$b::c::d-e"), "d-e");
    });
});

describe("cost lines: Auto Scaling groups", () => {
    const lt = (volume?: unknown) =>
        res("aws:ec2/launchTemplate:LaunchTemplate", "lt", { instanceType: "t3.small", ...(volume === undefined ? {} : { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: volume } }] }) }, "lt-1");

    it("prices the desired capacity (text) at the launch template's type, and its root volumes", () => {
        const asg = res("aws:autoscaling/group:Group", "asg", { desiredCapacity: "2", minSize: 1, launchTemplate: { id: "lt-1" } });
        const { ctx, notes } = ctxOf([lt(30), asg]);
        assert.deepStrictEqual(autoScalingLines(ctx), [
            { urn: asg.urn, type: asg.type, description: "asg: 2 × t3.small on demand", quantity: 1460, unit: "t3.small instance-hour", unitPrice: 0.0208, monthly: 30.368, fixed: true },
            diskLine(asg, "asg", 2, 30),
        ]);
        assert.equal(autoScalingLines(ctx)[1].monthly, 4.8);
        assert.deepStrictEqual(notes, []);
    });

    it("falls back to the minimum, then to none: no instances and no disk", () => {
        const min = res("aws:autoscaling/group:Group", "min", { minSize: "1", launchTemplate: { id: "lt-1" } });
        assert.deepStrictEqual(autoScalingLines(ctxOf([lt("8"), min]).ctx), [instanceLine(min, "min", "t3.small", 1), diskLine(min, "min", 1, 8)]);
        const none = res("aws:autoscaling/group:Group", "none", { launchTemplate: { id: "lt-1" } });
        assert.deepStrictEqual(autoScalingLines(ctxOf([lt(30), none]).ctx), [{ ...instanceLine(none, "none", "t3.small", 0), quantity: 0, monthly: 0 }]);
        const zero = res("aws:autoscaling/group:Group", "zero", { desiredCapacity: 0, minSize: 3, launchTemplate: { id: "lt-1" } });
        assert.equal(autoScalingLines(ctxOf([lt(30), zero]).ctx).length, 1);
    });

    it("a mixed instances policy takes its first override and notes the Spot share; a template without a volume adds no disk", () => {
        const asg = res("aws:autoscaling/group:Group", "mixed", {
            desiredCapacity: 3,
            mixedInstancesPolicy: { launchTemplate: { launchTemplateSpecification: { launchTemplateId: "lt-1" }, overrides: [{ instanceType: "m5.large" }, { instanceType: "t3.nano" }] } },
        });
        const { ctx, notes } = ctxOf([lt(), asg]);
        assert.deepStrictEqual(autoScalingLines(ctx), [instanceLine(asg, "mixed", "m5.large", 3)]);
        assert.equal(autoScalingLines(ctx)[0].monthly, 210.24);
        assert.deepStrictEqual(notes, ["mixed: its instances are priced on demand at m5.large; a Spot share would cost less."]);
    });

    it("an unknown launch template or instance type is noted; the root volume is still priced", () => {
        const lost = res("aws:autoscaling/group:Group", "lost", { desiredCapacity: 1, launchTemplate: { id: "lt-404" } });
        const a = ctxOf([lt(30), lost]);
        assert.deepStrictEqual(autoScalingLines(a.ctx), []);
        assert.deepStrictEqual(a.notes, [unpriced("lost", "(unknown)")]);
        const odd = res("aws:ec2/launchTemplate:LaunchTemplate", "odd", { instanceType: "x9.huge", blockDeviceMappings: JSON.stringify([{ ebs: { volumeSize: "40" } }]) }, "lt-9");
        const asg = res("aws:autoscaling/group:Group", "asg", { desiredCapacity: 2, launchTemplate: { id: "lt-9" } });
        const b = ctxOf([odd, asg]);
        assert.deepStrictEqual(autoScalingLines(b.ctx), [diskLine(asg, "asg", 2, 40)]);
        assert.deepStrictEqual(b.notes, [unpriced("asg", "x9.huge")]);
    });
});

describe("cost lines: EKS control plane", () => {
    it("standard support, extended support past its end, and no version", () => {
        const std = res("aws:eks/cluster:Cluster", "std", { version: "1.35" });
        const ext = res("eks:index:Cluster", "ext", { version: "1.34" });
        const bare = res("aws:eks/cluster:Cluster", "bare", {});
        const lines = eksClusterLines(ctxOf([std, ext, bare]).ctx);
        assert.deepStrictEqual(lines, [
            hourly(ext, "eksExtendedSupportHour", 1, "ext: EKS control plane (Kubernetes 1.34, extended support)"),
            hourly(std, "eksControlPlaneHour", 1, "std: EKS control plane (Kubernetes 1.35, standard support)"),
            hourly(bare, "eksControlPlaneHour", 1, "bare: EKS control plane"),
        ]);
        assert.deepStrictEqual(
            lines.map((l) => l.monthly),
            [438, 73, 73],
        );
    });

    it("past extended support (1.31 on the price date): the extended rate, with a note; not in the table: standard", () => {
        const ended = res("aws:eks/cluster:Cluster", "ended", { version: "1.31" });
        const unknown = res("aws:eks/cluster:Cluster", "unknown", { version: "1.99" });
        const { ctx, notes } = ctxOf([ended, unknown]);
        assert.deepStrictEqual(eksClusterLines(ctx), [
            hourly(ended, "eksExtendedSupportHour", 1, "ended: EKS control plane (Kubernetes 1.31)"),
            hourly(unknown, "eksControlPlaneHour", 1, "unknown: EKS control plane (Kubernetes 1.99, standard support)"),
        ]);
        assert.deepStrictEqual(notes, ["ended: Kubernetes 1.31 is past extended support on the price date, and EKS upgrades such a cluster; priced at the extended-support rate, an upper bound."]);
    });
});

describe("cost lines: managed node groups", () => {
    const group = (name: string, inputs: Record<string, unknown>, type = "eks:index:ManagedNodeGroup") => res(type, name, inputs);

    it("without sizes or types: 2 × t3.medium with EKS's 20 GB disks", () => {
        const g = group("ng", {});
        const { ctx, notes } = ctxOf([g]);
        assert.deepStrictEqual(managedNodeLines(ctx), [
            { urn: g.urn, type: g.type, description: "ng: 2 × t3.medium on demand", quantity: 1460, unit: "t3.medium instance-hour", unitPrice: 0.0416, monthly: 60.736, fixed: true },
            { urn: g.urn, type: g.type, description: "ng: 20 GB gp3 root volume per instance", quantity: 40, unit: PRICES.ebsGp3GbMonth.unit, unitPrice: 0.08, monthly: 3.2, fixed: true },
        ]);
        assert.deepStrictEqual(notes, []);
    });

    it("the desired size (text) beats the minimum; the minimum stands alone; a desired 0 prices nothing but the empty line", () => {
        const d = group("d", { scalingConfig: { desiredSize: "3", minSize: 1, maxSize: 5 }, instanceTypes: ["m5.large", "t3.nano"], diskSize: 50 }, "aws:eks/nodeGroup:NodeGroup");
        assert.deepStrictEqual(managedNodeLines(ctxOf([d]).ctx), [instanceLine(d, "d", "m5.large", 3), diskLine(d, "d", 3, 50)]);
        const m = group("m", { scalingConfig: '{"minSize":1}', instanceTypes: '["t3a.medium"]' });
        assert.deepStrictEqual(managedNodeLines(ctxOf([m]).ctx), [instanceLine(m, "m", "t3a.medium", 1), diskLine(m, "m", 1, 20)]);
        const z = group("z", { scalingConfig: { desiredSize: 0, minSize: 0 } });
        assert.deepStrictEqual(managedNodeLines(ctxOf([z]).ctx), [{ ...instanceLine(z, "z", "t3.medium", 0), quantity: 0, monthly: 0 }]);
    });

    it("a launch template's volume beats diskSize", () => {
        const lt = res("aws:ec2/launchTemplate:LaunchTemplate", "lt", { blockDeviceMappings: [{ ebs: { volumeSize: 100 } }] }, "lt-7");
        const g = group("g", { scalingConfig: { desiredSize: 1 }, diskSize: 50, launchTemplate: { id: "lt-7", version: "1" } });
        assert.deepStrictEqual(managedNodeLines(ctxOf([lt, g]).ctx), [instanceLine(g, "g", "t3.medium", 1), diskLine(g, "g", 1, 100)]);
    });

    it("Spot is priced at 30 % of on-demand (0.0416 -> 0.0125 an hour); an unknown type is noted and only its disks are priced", () => {
        const spot = group("spot", { capacityType: "SPOT", scalingConfig: { desiredSize: 1 } });
        const a = ctxOf([spot]);
        const spotLine = { ...instanceLine(spot, "spot", "t3.medium", 1), description: "spot: 1 × t3.medium on Spot at 30 % of on-demand", unitPrice: 0.0125, monthly: 9.125 };
        assert.deepStrictEqual(managedNodeLines(a.ctx), [spotLine, diskLine(spot, "spot", 1, 20)]);
        assert.deepStrictEqual(a.notes, []);
        const onDemand = ctxOf([group("od", { capacityType: "ON_DEMAND" })]);
        managedNodeLines(onDemand.ctx);
        assert.deepStrictEqual(onDemand.notes, []);
        const odd = group("odd", { instanceTypes: ["x9.huge"], scalingConfig: { desiredSize: 2 } });
        const b = ctxOf([odd]);
        assert.deepStrictEqual(managedNodeLines(b.ctx), [diskLine(odd, "odd", 2, 20)]);
        assert.deepStrictEqual(b.notes, [unpriced("odd", "x9.huge")]);
    });
});

describe("cost lines: self-managed node groups", () => {
    it("defaults to 2 × t3.medium with 20 GB; desired capacity beats the minimum; the root volume size is read", () => {
        const v2 = res("eks:index:NodeGroupV2", "v2", {});
        const v1 = res("eks:index:NodeGroup", "v1", { desiredCapacity: "4", minSize: 1, instanceType: "c5.large", nodeRootVolumeSize: "64" });
        const min = res("eks:index:NodeGroupV2", "min", { minSize: 1, instanceType: "t4g.medium" });
        assert.deepStrictEqual(selfManagedNodeLines(ctxOf([v1, v2, min]).ctx), [
            instanceLine(v2, "v2", "t3.medium", 2),
            diskLine(v2, "v2", 2, 20),
            instanceLine(min, "min", "t4g.medium", 1),
            diskLine(min, "min", 1, 20),
            instanceLine(v1, "v1", "c5.large", 4),
            diskLine(v1, "v1", 4, 64),
        ]);
        assert.equal(instanceLine(v1, "v1", "c5.large", 4).monthly, 248.2);
    });

    it("an unknown instance type is noted and its disks are still priced", () => {
        const g = res("eks:index:NodeGroupV2", "g", { desiredCapacity: 1, instanceType: "z1.tiny" });
        const { ctx, notes } = ctxOf([g]);
        assert.deepStrictEqual(selfManagedNodeLines(ctx), [diskLine(g, "g", 1, 20)]);
        assert.deepStrictEqual(notes, [unpriced("g", "z1.tiny")]);
    });
});

describe("cost lines: Karpenter", () => {
    const pool = (limit: unknown, values: unknown[] | null = ["m5.large", "t3.medium", "x9.huge"]) =>
        res("kubernetes:karpenter.sh/v1:NodePool", "pool", {
            spec: {
                ...(limit === undefined ? {} : { limits: { nodes: limit } }),
                template: {
                    spec: {
                        requirements: values
                            ? [
                                  { key: "kubernetes.io/arch", operator: "In", values: ["amd64"] },
                                  { key: "node.kubernetes.io/instance-type", operator: "In", values },
                              ]
                            : [],
                    },
                },
            },
        });
    const line = (p: PlannedResource, count: number, type: string, limit?: number) => instanceLine(p, `pool: Karpenter nodes, ${count} on average${limit !== undefined ? ` (at most ${limit})` : ""}`, type, count, false, "Karpenter");

    it("prices the usage's average node count at the cheapest priced type, as usage made by Karpenter", () => {
        const p = pool(5);
        const { ctx, notes } = ctxOf([p]);
        assert.deepStrictEqual(karpenterLines(ctx), [
            {
                urn: p.urn,
                type: p.type,
                description: "pool: Karpenter nodes, 1 on average (at most 5): 1 × t3.medium on demand",
                quantity: 730,
                unit: "t3.medium instance-hour",
                unitPrice: 0.0416,
                monthly: 30.368,
                fixed: false,
                madeBy: "Karpenter",
            },
        ]);
        assert.deepStrictEqual(notes, []);
    });

    it("the average is capped by limits.nodes: on the limit, one past it, and without a limit", () => {
        assert.deepStrictEqual(karpenterLines(ctxOf([pool(3)], { karpenterNodes: 3 }).ctx), [line(pool(3), 3, "t3.medium", 3)]);
        assert.deepStrictEqual(karpenterLines(ctxOf([pool("2")], { karpenterNodes: 3 }).ctx), [line(pool(2), 2, "t3.medium", 2)]);
        assert.deepStrictEqual(karpenterLines(ctxOf([pool(undefined)], { karpenterNodes: 3 }).ctx), [line(pool(undefined), 3, "t3.medium")]);
        assert.deepStrictEqual(karpenterLines(ctxOf([pool(0)]).ctx), [{ ...line(pool(0), 0, "t3.medium", 0), quantity: 0, monthly: 0 }]);
    });

    it("reads a spec recorded as JSON text, and breaks price ties by name", () => {
        const p = res("kubernetes:karpenter.sh/v1:NodePool", "pool", {
            spec: JSON.stringify({ template: { spec: { requirements: [{ key: "node.kubernetes.io/instance-type", values: ["t3.small", "t3.nano", "t3a.nano", 7] }] } } }),
        });
        assert.deepStrictEqual(karpenterLines(ctxOf([p]).ctx), [line(p, 1, "t3a.nano")]);
        const tie = res("kubernetes:karpenter.sh/v1:NodePool", "pool", { spec: { template: { spec: { requirements: [{ key: "node.kubernetes.io/instance-type", values: ["m6i.large", "m5.large"] }] } } } });
        assert.equal(ec2Hourly("m6i.large"), ec2Hourly("m5.large"));
        assert.deepStrictEqual(karpenterLines(ctxOf([tie]).ctx), [line(tie, 1, "m5.large")]);
    });

    it("no priced instance type: noted, no line", () => {
        for (const values of [null, ["x9.huge"]]) {
            const { ctx, notes } = ctxOf([pool(4, values)]);
            assert.deepStrictEqual(karpenterLines(ctx), []);
            assert.deepStrictEqual(notes, [unpriced("pool: Karpenter nodes, 1 on average (at most 4)", "(unknown)")]);
        }
    });
});

describe("cost lines: data, logs and messaging", () => {
    const one = (r: PlannedResource, usage: Partial<Usage> = {}) => {
        const { ctx, notes } = ctxOf([r], usage);
        return { lines: dataLines(ctx), notes };
    };
    const noRetention = (name: string) => `${name}: no retention, so its stored logs are priced as 12 months' worth; they grow without end.`;

    it("a log group with 30 days' retention keeps 30 / (730 / 24) of a month's intake", () => {
        const g = res("aws:cloudwatch/logGroup:LogGroup", "logs", { retentionInDays: 30 });
        const { lines, notes } = one(g);
        assert.deepStrictEqual(lines, [
            { urn: g.urn, type: g.type, description: "logs: 1 GB of logs taken in", quantity: 1, unit: PRICES.logsIngestGb.unit, unitPrice: 0.5, monthly: 0.5, fixed: false },
            { urn: g.urn, type: g.type, description: "logs: logs stored, 30 days' retention", quantity: 0.9863, unit: PRICES.logsStorageGbMonth.unit, unitPrice: 0.03, monthly: 0.0296, fixed: false },
        ]);
        assert.deepStrictEqual(notes, []);
    });

    it("retention is capped at 12 months: 364 days, 365 (on the cap), 366 (one past)", () => {
        const stored = (days: unknown) => one(res("aws:cloudwatch/logGroup:LogGroup", "logs", { retentionInDays: days })).lines[1];
        assert.deepStrictEqual([stored(364).quantity, stored(364).monthly], [11.9671, 0.359]);
        assert.deepStrictEqual([stored("365").quantity, stored("365").monthly, stored("365").description], [12, 0.36, "logs: logs stored, 365 days' retention"]);
        assert.deepStrictEqual([stored(366).quantity, stored(366).monthly, stored(366).description], [12, 0.36, "logs: logs stored, 366 days' retention"]);
    });

    it("without retention (absent, 0 or odd text) the stored logs are 12 months' worth, and noted", () => {
        for (const inputs of [{}, { retentionInDays: 0 }, { retentionInDays: "never" }]) {
            const g = res("aws:cloudwatch/logGroup:LogGroup", "app", inputs);
            const { lines, notes } = one(g, { logGbPerGroupMonth: 2 });
            assert.deepStrictEqual(lines, [
                priced(g, "logsIngestGb", 2, "app: 2 GB of logs taken in", false),
                { urn: g.urn, type: g.type, description: "app: logs stored, no retention", quantity: 24, unit: PRICES.logsStorageGbMonth.unit, unitPrice: 0.03, monthly: 0.72, fixed: false },
            ]);
            assert.equal(lines[0].monthly, 1);
            assert.deepStrictEqual(notes, [noRetention("app")]);
        }
    });

    it("a queue is three requests a message; a dead-letter queue is free", () => {
        const q = res("aws:sqs/queue:Queue", "jobs", {});
        assert.deepStrictEqual(one(q).lines, [{ urn: q.urn, type: q.type, description: "jobs: 100000 messages (send, receive, delete)", quantity: 0.3, unit: PRICES.sqsRequestsMillion.unit, unitPrice: 0.4, monthly: 0.12, fixed: false }]);
        for (const name of ["dlq", "jobs-dlq", "jobs-dlq-1", "dlq-jobs"]) assert.deepStrictEqual(one(res("aws:sqs/queue:Queue", name, {})).lines, [], name);
        for (const name of ["jobsdlq", "dlqueue", "jobs-dlqs"]) assert.equal(one(res("aws:sqs/queue:Queue", name, {})).lines.length, 1, name);
    });

    it("a topic is a publish an event", () => {
        const t = res("aws:sns/topic:Topic", "events", {});
        assert.deepStrictEqual(one(t, { eventsPerMonth: 2_000_000 }).lines, [
            { urn: t.urn, type: t.type, description: "events: 2000000 publishes", quantity: 2, unit: PRICES.snsRequestsMillion.unit, unitPrice: 0.5, monthly: 1, fixed: false },
        ]);
    });

    it("only custom event patterns on EventBridge rules are billed", () => {
        const rule = (inputs: Record<string, unknown>) => one(res("aws:cloudwatch/eventRule:EventRule", "rule", inputs)).lines;
        assert.deepStrictEqual(rule({ scheduleExpression: "rate(1 hour)" }), []);
        assert.deepStrictEqual(rule({}), []);
        assert.deepStrictEqual(rule({ eventPattern: JSON.stringify({ source: ["aws.ecs"] }) }), []);
        const custom = res("aws:cloudwatch/eventRule:EventRule", "rule", { eventPattern: JSON.stringify({ source: ["myapp.orders"] }) });
        assert.deepStrictEqual(one(custom).lines, [priced(custom, "eventBridgeEventsMillion", 0.01, "rule: 10000 custom events", false)]);
        assert.equal(one(custom).lines[0].monthly, 0.01);
    });

    it("schedules: rate() runs a month, cron() and at() take the usage", () => {
        assert.equal(invocationsPerMonth("rate(1 minute)"), 43_800);
        assert.equal(invocationsPerMonth("rate(5 minutes)"), 8760);
        assert.equal(invocationsPerMonth("rate(1 hour)"), 730);
        assert.equal(invocationsPerMonth("rate(2 hours)"), 365);
        assert.equal(invocationsPerMonth("rate(1 day)"), 30);
        assert.equal(invocationsPerMonth("rate(7 days)"), 4);
        assert.equal(invocationsPerMonth("cron(0 12 * * ? *)"), undefined);
        assert.equal(invocationsPerMonth("at(2026-12-31T00:00:00)"), undefined);
        assert.equal(invocationsPerMonth("rate(1 week)"), undefined);
        assert.equal(invocationsPerMonth(" rate(1 hour)"), undefined);
        assert.equal(invocationsPerMonth(undefined), undefined);
        const s = res("aws:scheduler/schedule:Schedule", "tick", { scheduleExpression: "rate(1 hour)" });
        assert.deepStrictEqual(one(s).lines, [priced(s, "schedulerInvocationsMillion", 0.00073, "tick: 730 invocations (14 million a month are free, not deducted)", false)]);
        const c = res("aws:scheduler/schedule:Schedule", "cron", { scheduleExpression: "cron(0 12 * * ? *)" });
        assert.deepStrictEqual(one(c).lines[0].description, "cron: 10000 invocations (14 million a month are free, not deducted)");
        assert.equal(one(c).lines[0].quantity, 0.01);
    });
});

describe("cost lines: data, storage and fixed monthly", () => {
    const one = (r: PlannedResource, usage: Partial<Usage> = {}) => {
        const { ctx, notes } = ctxOf([r], usage);
        return { lines: dataLines(ctx), notes };
    };

    it("EFS, ECR and both S3 bucket types take the usage's GB", () => {
        const efs = res("aws:efs/fileSystem:FileSystem", "fs", {});
        assert.deepStrictEqual(one(efs).lines, [{ urn: efs.urn, type: efs.type, description: "fs: 10 GB on EFS Standard", quantity: 10, unit: PRICES.efsStandardGbMonth.unit, unitPrice: 0.3, monthly: 3, fixed: false }]);
        const ecr = res("aws:ecr/repository:Repository", "repo", {});
        assert.deepStrictEqual(one(ecr, { ecrGbPerRepository: 5 }).lines, [priced(ecr, "ecrStorageGbMonth", 5, "repo: 5 GB of images", false)]);
        assert.equal(one(ecr, { ecrGbPerRepository: 5 }).lines[0].monthly, 0.5);
        for (const type of ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"]) {
            const b = res(type, "b", {});
            assert.deepStrictEqual(one(b).lines, [{ urn: b.urn, type, description: "b: 10 GB on S3 Standard", quantity: 10, unit: PRICES.s3StandardGbMonth.unit, unitPrice: 0.023, monthly: 0.23, fixed: false }]);
        }
    });

    it("FSx for Lustre: its storage capacity (text or default 1200 GB), fixed; a throughput other than 125 is noted", () => {
        const f = res("aws:fsx/lustreFileSystem:LustreFileSystem", "lustre", { storageCapacity: "2400", perUnitStorageThroughput: 125 });
        const a = one(f);
        assert.deepStrictEqual(a.lines, [{ urn: f.urn, type: f.type, description: "lustre: 2400 GB FSx for Lustre (SSD, provisioned)", quantity: 2400, unit: PRICES.fsxLustreGbMonth.unit, unitPrice: 0.145, monthly: 348, fixed: true }]);
        assert.deepStrictEqual(a.notes, []);
        const d = res("aws:fsx/lustreFileSystem:LustreFileSystem", "d", { perUnitStorageThroughput: "250" });
        const b = one(d);
        assert.deepStrictEqual(b.lines, [priced(d, "fsxLustreGbMonth", 1200, "d: 1200 GB FSx for Lustre (SSD, provisioned)", true)]);
        assert.equal(b.lines[0].monthly, 174);
        assert.deepStrictEqual(b.notes, ["d: FSx for Lustre at 250 MB/s/TiB is priced at the 125 MB/s/TiB rate, the only one in cost/prices.ts."]);
    });

    it("FSx for ONTAP is noted, not priced", () => {
        const { lines, notes } = one(res("aws:fsx/ontapFileSystem:OntapFileSystem", "ontap", {}));
        assert.deepStrictEqual(lines, []);
        assert.deepStrictEqual(notes, ["FSx for NetApp ONTAP is not priced: cost/prices.ts has no ONTAP figure."]);
    });

    it("an on-demand DynamoDB table: reads, writes and storage; a provisioned (or unset) one is noted", () => {
        const t = res("aws:dynamodb/table:Table", "t", { billingMode: "PAY_PER_REQUEST" });
        const a = one(t, { dynamoReadsPerMonth: 4_000_000, dynamoWritesPerMonth: 2_000_000, dynamoGbPerTable: 30 });
        assert.deepStrictEqual(a.lines, [
            { urn: t.urn, type: t.type, description: "t: 4000000 read request units", quantity: 4, unit: PRICES.dynamoReadRequestMillion.unit, unitPrice: 0.125, monthly: 0.5, fixed: false },
            { urn: t.urn, type: t.type, description: "t: 2000000 write request units", quantity: 2, unit: PRICES.dynamoWriteRequestMillion.unit, unitPrice: 0.625, monthly: 1.25, fixed: false },
            { urn: t.urn, type: t.type, description: "t: 30 GB stored (the first 25 GB a month are free, not deducted)", quantity: 30, unit: PRICES.dynamoGbMonth.unit, unitPrice: 0.25, monthly: 7.5, fixed: false },
        ]);
        assert.deepStrictEqual(a.notes, []);
        for (const inputs of [{ billingMode: "PROVISIONED", readCapacity: 5 }, {}]) {
            const p = one(res("aws:dynamodb/table:Table", "p", inputs));
            assert.deepStrictEqual(p.lines, []);
            assert.deepStrictEqual(p.notes, ["p: a provisioned-capacity DynamoDB table is not priced."]);
        }
    });

    it("alarms, KMS keys and secrets cost a fixed sum a month", () => {
        const a = res("aws:cloudwatch/metricAlarm:MetricAlarm", "cpu", {});
        const k = res("aws:kms/key:Key", "key", {});
        const s = res("aws:secretsmanager/secret:Secret", "db", {});
        const { ctx } = ctxOf([s, k, a]);
        assert.deepStrictEqual(dataLines(ctx), [
            { urn: a.urn, type: a.type, description: "cpu: CloudWatch alarm", quantity: 1, unit: PRICES.alarmStandardMonth.unit, unitPrice: 0.1, monthly: 0.1, fixed: true },
            { urn: k.urn, type: k.type, description: "key: customer managed KMS key", quantity: 1, unit: PRICES.kmsKeyMonth.unit, unitPrice: 1, monthly: 1, fixed: true },
            { urn: s.urn, type: s.type, description: "db: Secrets Manager secret", quantity: 1, unit: PRICES.secretsManagerSecretMonth.unit, unitPrice: 0.4, monthly: 0.4, fixed: true },
        ]);
    });

    it("lines come in order: logs, messaging, storage, fixed", () => {
        const rs = [res("aws:kms/key:Key", "k", {}), res("aws:s3/bucketV2:BucketV2", "b", {}), res("aws:sns/topic:Topic", "t", {}), res("aws:cloudwatch/logGroup:LogGroup", "l", { retentionInDays: 7 })];
        assert.deepStrictEqual(
            dataLines(ctxOf(rs).ctx).map((l) => l.type),
            ["aws:cloudwatch/logGroup:LogGroup", "aws:cloudwatch/logGroup:LogGroup", "aws:sns/topic:Topic", "aws:s3/bucketV2:BucketV2", "aws:kms/key:Key"],
        );
    });
});

describe("cost lines: App Runner", () => {
    it("memory all month (fixed), vCPU while active (usage), at the scaling configuration's minimum", () => {
        const cfg = res("aws:apprunner/autoScalingConfigurationVersion:AutoScalingConfigurationVersion", "scale", { autoScalingConfigurationName: "web-scale", minSize: "2" });
        const s = res("aws:apprunner/service:Service", "web", { instanceConfiguration: { cpu: "1 vCPU", memory: "2 GB" }, autoScalingConfigurationArn: "arn:aws:apprunner:us-east-1:1:autoscalingconfiguration/web-scale/1/abc" });
        const lines = appRunnerLines(ctxOf([cfg, s]).ctx);
        assert.deepStrictEqual(lines, [
            priced(s, "appRunnerGbHourProvisioned", 2 * 2 * H, "web: 2 instances × 1 vCPU / 2 GB, memory (provisioned or active)", true),
            priced(s, "appRunnerVcpuHourActive", 2 * 240, "web: 2 instances × 1 vCPU / 2 GB, vCPU while active (240 h a month)", false),
        ]);
        assert.deepStrictEqual(
            lines.map((l) => l.monthly),
            [20.44, 30.72],
        );
    });

    it("units and MB as numbers or text, defaults of 1 vCPU / 1 GB and one instance, active hours capped at 730", () => {
        const s = res("aws:apprunner/service:Service", "api", { instanceConfiguration: { cpu: 256, memory: "512" } });
        assert.deepStrictEqual(appRunnerLines(ctxOf([s], { appRunnerActiveHoursPerMonth: 731 }).ctx), [
            priced(s, "appRunnerGbHourProvisioned", 0.5 * H, "api: 1 instance × 0.25 vCPU / 0.5 GB, memory (provisioned or active)", true),
            priced(s, "appRunnerVcpuHourActive", 0.25 * H, "api: 1 instance × 0.25 vCPU / 0.5 GB, vCPU while active (730 h a month)", false),
        ]);
        const bare = res("aws:apprunner/service:Service", "bare", {});
        assert.deepStrictEqual(
            appRunnerLines(ctxOf([bare], { appRunnerActiveHoursPerMonth: 730 }).ctx).map((l) => [l.description, l.quantity]),
            [
                ["bare: 1 instance × 1 vCPU / 1 GB, memory (provisioned or active)", 730],
                ["bare: 1 instance × 1 vCPU / 1 GB, vCPU while active (730 h a month)", 730],
            ],
        );
    });
});
