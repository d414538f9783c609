// GIVEN handmade resources at the edges the data lines once got wrong (a URN without `::`, a rate of
// 0, EventBridge patterns mixing AWS, partner and custom sources, odd log retention), WHEN the cost
// readers and data lines read them, THEN each gives the exact value, and never a negative,
// infinite or NaN figure.
import { strict as assert } from "node:assert";
import { dataLines, invocationsPerMonth, onlyAwsServiceEvents } from "../cost/lines-data";
import { PRICES } from "../cost/prices";
import { cpuQuantity, memoryQuantity, nameOfUrn, priced } from "../cost/read";
import type { CostLine } from "../cost/types";
import type { Usage } from "../cost/usage";
import type { PlannedResource } from "../start/types";
import { res } from "./handmade-plans";
import { costContext } from "./cost-context";

/** The data lines of `resources`, and the notes they gather. */
function data(resources: PlannedResource[], usage: Partial<Usage> = {}): { lines: CostLine[]; notes: string[] } {
    const { ctx, notes } = costContext(resources, { usage, platform: "ecs-fargate" });
    return { lines: dataLines(ctx), notes };
}

const RULE = "aws:cloudwatch/eventRule:EventRule";
const LOGS = "aws:cloudwatch/logGroup:LogGroup";

describe("cost units: nameOfUrn", () => {
    it("text without :: is the whole name; with it, what follows the last one", () => {
        assert.equal(nameOfUrn("web"), "web");
        assert.equal(nameOfUrn("a:b"), "a:b");
        assert.equal(nameOfUrn("x"), "x");
        assert.equal(nameOfUrn(""), "");
        assert.equal(nameOfUrn("::web"), "web");
        assert.equal(nameOfUrn("a::"), "");
        assert.equal(nameOfUrn("a:::b"), "b");
        assert.equal(nameOfUrn("urn:pulumi:s::berth::berth:index:Service::web"), "web");
    });
});

describe("cost units: quantities", () => {
    it("only numbers and text are quantities: an array of one is 0", () => {
        assert.equal(cpuQuantity(["250m"]), 0);
        assert.equal(cpuQuantity([2]), 0);
        assert.equal(memoryQuantity(["512Mi"]), 0);
        assert.equal(memoryQuantity([1048576]), 0);
    });
});

describe("cost units: FSx for Lustre", () => {
    it("no throughput written is no note", () => {
        const f = res("aws:fsx/lustreFileSystem:LustreFileSystem", "l", { storageCapacity: 1200 });
        assert.deepStrictEqual(data([f]).notes, []);
    });
});

describe("cost units: rate() schedules", () => {
    it("a rate of 0 is left to the usage, never an infinite count; a rate of 1 is counted", () => {
        for (const e of ["rate(0 minutes)", "rate(0 minute)", "rate(0 hours)", "rate(0 days)", "rate(00 minutes)"]) assert.equal(invocationsPerMonth(e), undefined, e);
        assert.equal(invocationsPerMonth("rate(1 minutes)"), 43_800);
        assert.equal(invocationsPerMonth("rate(01 hours)"), 730);
        assert.equal(invocationsPerMonth("rate(10 days)"), 3);
        assert.equal(invocationsPerMonth("rate(43800 minutes)"), 1);
        assert.equal(invocationsPerMonth("rate(100000 minutes)"), 0);
        assert.equal(invocationsPerMonth("rate(1 hour) "), undefined);
        assert.equal(invocationsPerMonth("rate(1 hour)x"), undefined);
        assert.equal(invocationsPerMonth("undefined"), undefined);
    });

    it("a schedule at rate(0 minutes) is priced on the usage's events, as a cron() one", () => {
        const s = res("aws:scheduler/schedule:Schedule", "zero", { scheduleExpression: "rate(0 minutes)" });
        const { lines, notes } = data([s], { eventsPerMonth: 20_000 });
        assert.deepStrictEqual(lines, [priced(s, "schedulerInvocationsMillion", 0.02, "zero: 20000 invocations (14 million a month are free, not deducted)", false)]);
        assert.equal(lines[0].monthly, 0.02);
        assert.deepStrictEqual(notes, []);
    });

    it("a schedule without an expression takes the usage too", () => {
        const s = res("aws:scheduler/schedule:Schedule", "bare", {});
        assert.deepStrictEqual(
            data([s]).lines.map((l) => [l.description, l.quantity, l.monthly]),
            [["bare: 10000 invocations (14 million a month are free, not deducted)", 0.01, 0.01]],
        );
    });
});

describe("cost units: EventBridge rules", () => {
    const billed = (r: PlannedResource, events = 10_000): CostLine[] => [priced(r, "eventBridgeEventsMillion", events / 1e6, `${r.name}: ${events} custom events`, false)];
    const rule = (pattern: unknown, extra: Record<string, unknown> = {}) => res(RULE, "rule", { eventPattern: pattern, ...extra });

    it("AWS service sources on the default bus are free, as text or as an object", () => {
        for (const pattern of [JSON.stringify({ source: ["aws.ecs"] }), { source: ["aws.ec2", "aws.s3"] }, JSON.stringify({ source: ["aws.emr-serverless"], "detail-type": ["x"] })]) {
            assert.deepStrictEqual(data([rule(pattern)]).lines, [], JSON.stringify(pattern));
        }
        for (const bus of ["default", "arn:aws:events:us-east-1:123456789012:event-bus/default"]) assert.deepStrictEqual(data([rule({ source: ["aws.ecs"] }, { eventBusName: bus })]).lines, [], bus);
    });

    it("partner sources are billed", () => {
        const r = rule(JSON.stringify({ source: ["aws.partner/example.com/123/orders"] }));
        assert.deepStrictEqual(data([r]).lines, billed(r));
        assert.equal(data([r]).lines[0].monthly, 0.01);
    });

    it("a custom source alongside an AWS one is billed for the custom events", () => {
        const r = rule(JSON.stringify({ source: ["aws.ecs", "myapp.orders"] }));
        assert.deepStrictEqual(data([r], { eventsPerMonth: 3_000_000 }).lines, billed(r, 3_000_000));
        assert.equal(data([r], { eventsPerMonth: 3_000_000 }).lines[0].monthly, 3);
    });

    it("a custom source that merely contains aws. is billed; so are a bare aws. and a prefix filter", () => {
        for (const source of [["myapp.aws.orders"], ["notaws.ecs"], ["aws."], ["AWS.ecs"], ["aws.ecs "], [{ prefix: "aws." }], ["aws.ecs", 7], []]) {
            const r = rule({ source });
            assert.deepStrictEqual(data([r]).lines, billed(r), JSON.stringify(source));
        }
    });

    it("a pattern without a source list, or unreadable, is billed; no pattern or a schedule is free", () => {
        for (const pattern of [{ "detail-type": ["Order Placed"] }, "not json", { source: "aws.ecs" }]) {
            const r = rule(pattern);
            assert.deepStrictEqual(data([r]).lines, billed(r), JSON.stringify(pattern));
        }
        assert.deepStrictEqual(data([res(RULE, "rule", {})]).lines, []);
        assert.deepStrictEqual(data([rule("")]).lines, []);
        assert.deepStrictEqual(data([rule({ source: ["myapp.orders"] }, { scheduleExpression: "rate(1 hour)" })]).lines, []);
    });

    it("AWS service sources on another bus are billed: AWS sends its own events to the default bus only", () => {
        for (const bus of ["orders", "arn:aws:events:us-east-1:123456789012:event-bus/orders", "default-orders", "defaults"]) {
            const r = rule({ source: ["aws.ecs"] }, { eventBusName: bus });
            assert.deepStrictEqual(data([r]).lines, billed(r), bus);
        }
    });

    it("onlyAwsServiceEvents reads the bus and the source list exactly", () => {
        assert.equal(onlyAwsServiceEvents({ eventPattern: { source: ["aws.ecs"] } }), true);
        assert.equal(onlyAwsServiceEvents({ eventPattern: { source: ["aws.ecs"] }, eventBusName: 5 }), true);
        assert.equal(onlyAwsServiceEvents({ eventPattern: { source: ["aws.a1.b-2"] } }), true);
        assert.equal(onlyAwsServiceEvents({ eventPattern: { source: ["aws.-x"] } }), false);
        assert.equal(onlyAwsServiceEvents({ eventPattern: { source: ["xaws.ecs"] } }), false);
        assert.equal(onlyAwsServiceEvents({ eventPattern: { source: ["aws.ecs/x"] } }), false);
        assert.equal(onlyAwsServiceEvents({ eventPattern: { source: [] } }), false);
        assert.equal(onlyAwsServiceEvents({}), false);
    });
});

describe("cost units: log retention", () => {
    const noRetention = "app: no retention, so its stored logs are priced as 12 months' worth; they grow without end.";
    const never = (g: PlannedResource): CostLine[] => [
        priced(g, "logsIngestGb", 1, "app: 1 GB of logs taken in", false),
        { urn: g.urn, type: g.type, description: "app: logs stored, no retention", quantity: 12, unit: PRICES.logsStorageGbMonth.unit, unitPrice: 0.03, monthly: 0.36, fixed: false },
    ];

    it("a negative, fractional or non-finite retention is read as none: 12 months, noted, never negative", () => {
        for (const days of [-1, -30, "-7", 7.5, "0.5", -0.5, Number.NaN, Number.POSITIVE_INFINITY, null, true]) {
            const g = res(LOGS, "app", { retentionInDays: days });
            const { lines, notes } = data([g]);
            assert.deepStrictEqual(lines, never(g), String(days));
            assert.deepStrictEqual(notes, [noRetention], String(days));
        }
    });

    it("1 day (the smallest) is kept and not noted; the line is exact", () => {
        const g = res(LOGS, "app", { retentionInDays: "1" });
        const { lines, notes } = data([g]);
        assert.deepStrictEqual(lines[1], { urn: g.urn, type: g.type, description: "app: logs stored, 1 days' retention", quantity: 0.0329, unit: PRICES.logsStorageGbMonth.unit, unitPrice: 0.03, monthly: 0.001, fixed: false });
        assert.deepStrictEqual(notes, []);
    });
});
