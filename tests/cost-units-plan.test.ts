// GIVEN handmade resource sets, WHEN the whole estimate runs (cost/estimate.ts, cost/index.ts,
// cost/usage.ts), THEN its notes are exact and in order, its lines sorted by cost, URN and
// description, its totals to the cent, and a plan it cannot read a note, never a failure.
import { strict as assert } from "node:assert";
import { DEFAULT_USAGE, estimateCost, planCost, usageOf } from "../cost";
import { UNKNOWN_CLUSTER_NOTE } from "../cost/estimate";
import { PRICE_DATE } from "../cost/prices";
import type { PlannedResource } from "../start/types";
import { res } from "./handmade-plans";

const TASKS_NOTE = "Tasks that events or schedules start are not priced: they run for as long as their work takes.";
const ANYWHERE_NOTE = "ECS Anywhere's per-instance-hour charge for external instances is not priced (cost/prices.ts has no figure), nor are the hosts themselves.";
const HELM_NOTE = "Pods that Helm charts run on Fargate (CoreDNS, controllers) are not priced: the plan records the chart, not its pods' requests.";
const notesOf = (resources: PlannedResource[], platform = "ecs-fargate", region = "us-east-1") => estimateCost(resources, { region, platform, usage: DEFAULT_USAGE }).notes;

/** A copy of `base` whose fields named in `errors` cannot be read: each throws its error. */
function unreadable(errors: Partial<Record<"inputs" | "dependencies", unknown>>, base = res("aws:ecs/service:Service", "web-service", {})): PlannedResource {
    const broken = { ...base };
    for (const [field, error] of Object.entries(errors)) {
        Object.defineProperty(broken, field, {
            get() {
                throw error;
            },
        });
    }
    return broken;
}

describe("cost units: usage", () => {
    it("no overrides are the defaults; an undefined value keeps its default; a 0 replaces it", () => {
        assert.deepStrictEqual(usageOf(undefined), DEFAULT_USAGE);
        assert.deepStrictEqual(usageOf({}), DEFAULT_USAGE);
        assert.deepStrictEqual(usageOf({ natGbPerMonth: undefined, scaledTasks: undefined }), DEFAULT_USAGE);
        assert.deepStrictEqual(usageOf({ natGbPerMonth: 0, lbGbPerMonth: undefined }), { ...DEFAULT_USAGE, natGbPerMonth: 0 });
        assert.equal(DEFAULT_USAGE.scaledTasks, "min");
    });
});

describe("cost units: the estimate's notes", () => {
    it("ECS targets of event rules and schedules with ECS parameters are noted once", () => {
        const target = res("aws:cloudwatch/eventTarget:EventTarget", "t", { ecsTarget: { taskCount: 1 } });
        const schedule = res("aws:scheduler/schedule:Schedule", "s", { scheduleExpression: "cron(0 1 * * ? *)", target: JSON.stringify({ arn: "x", ecsParameters: { taskCount: 1 } }) });
        assert.deepStrictEqual(notesOf([target]), [TASKS_NOTE]);
        assert.deepStrictEqual(
            notesOf([schedule]).filter((n) => n === TASKS_NOTE),
            [TASKS_NOTE],
        );
        assert.deepStrictEqual(
            notesOf([target, schedule]).filter((n) => n === TASKS_NOTE),
            [TASKS_NOTE],
        );
        assert.deepStrictEqual(notesOf([res("aws:cloudwatch/eventTarget:EventTarget", "lambda", { arn: "x" })]), []);
        assert.deepStrictEqual(notesOf([res("aws:scheduler/schedule:Schedule", "plain", { scheduleExpression: "cron(0 1 * * ? *)", target: { arn: "x" } })]), []);
    });

    it("ECS Anywhere's instances, and Helm's pods on a Fargate profile, are noted", () => {
        assert.deepStrictEqual(notesOf([], "ecs-anywhere"), [ANYWHERE_NOTE]);
        const profile = res("aws:eks/fargateProfile:FargateProfile", "p", { clusterName: "c", selectors: [] });
        const release = res("kubernetes:helm.sh/v3:Release", "r", {});
        assert.deepStrictEqual(notesOf([profile, release], "eks"), [HELM_NOTE]);
        assert.deepStrictEqual(notesOf([profile], "eks"), []);
        assert.deepStrictEqual(notesOf([release], "eks"), []);
    });

    it("a note two resources give is said once", () => {
        const logs = (n: string) => res("aws:cloudwatch/logGroup:LogGroup", "app", {}, { urn: `urn:pulumi:s::berth::x$aws:cloudwatch/logGroup:LogGroup::${n}` });
        assert.deepStrictEqual(notesOf([logs("a"), logs("b")]), ["app: no retention, so its stored logs are priced as 12 months' worth; they grow without end."]);
    });

    it("kubernetes and another region are noted first, in that order", () => {
        assert.deepStrictEqual(notesOf([], "kubernetes", "eu-west-1"), [UNKNOWN_CLUSTER_NOTE, "Prices are us-east-1's list prices; eu-west-1's differ, most often by a few per cent."]);
        assert.deepStrictEqual(notesOf([], "ecs-fargate"), []);
    });
});

describe("cost units: the estimate's lines and totals", () => {
    it("equal lines of one resource are sorted by description; fixed and usage add up apart", () => {
        const table = res("aws:dynamodb/table:Table", "t", { billingMode: "PAY_PER_REQUEST" });
        const key = res("aws:kms/key:Key", "k", {});
        const alarm = res("aws:cloudwatch/metricAlarm:MetricAlarm", "a", {});
        const r = estimateCost([table, alarm, key], { region: "us-east-1", platform: "ecs-fargate", usage: usageOf({ dynamoReadsPerMonth: 5_000_000, dynamoWritesPerMonth: 1_000_000, dynamoGbPerTable: 2.5 }) });
        assert.deepStrictEqual(
            r.lines.map((l) => [l.description, l.monthly]),
            [
                ["k: customer managed KMS key", 1],
                ["t: 1000000 write request units", 0.625],
                ["t: 2.5 GB stored (the first 25 GB a month are free, not deducted)", 0.625],
                ["t: 5000000 read request units", 0.625],
                ["a: CloudWatch alarm", 0.1],
            ],
        );
        assert.deepStrictEqual([r.fixed, r.usage, r.monthly], [1.1, 1.88, 2.98]);
        assert.deepStrictEqual([r.currency, r.region, r.priceDate], ["USD", "us-east-1", PRICE_DATE]);
    });

    it("an empty plan costs nothing and says nothing", () => {
        assert.deepStrictEqual(estimateCost([], { region: "us-east-1", platform: "ecs-fargate", usage: DEFAULT_USAGE }), {
            currency: "USD",
            region: "us-east-1",
            priceDate: PRICE_DATE,
            monthly: 0,
            fixed: 0,
            usage: 0,
            lines: [],
            notes: [],
        });
    });
});

describe("cost units: planCost", () => {
    it("prices on the usage the stack writes", () => {
        const q = res("aws:sqs/queue:Queue", "jobs", {});
        const { cost, deployTime } = planCost([q], { region: "us-east-1", platform: "ecs-fargate", usage: { queueMessagesPerMonth: 1_000_000 } });
        assert.deepStrictEqual([cost.usage, cost.lines[0].quantity, cost.notes], [1.2, 3, []]);
        assert.deepStrictEqual(deployTime, { criticalPathSeconds: 5, path: [q.urn] });
        assert.equal(planCost([q], { region: "us-east-1", platform: "ecs-fargate" }).cost.usage, 0.12);
    });

    it("a plan the deploy-time estimate cannot read: no path, a note after the estimate's own, and the cost kept", () => {
        const key = unreadable({ dependencies: new Error("no deps") }, res("aws:kms/key:Key", "k", {}));
        const { cost, deployTime } = planCost([key], { region: "eu-west-1", platform: "ecs-fargate" });
        assert.deepStrictEqual(deployTime, { criticalPathSeconds: 0, path: [] });
        assert.equal(cost.monthly, 1);
        assert.deepStrictEqual(cost.notes, ["Prices are us-east-1's list prices; eu-west-1's differ, most often by a few per cent.", "The deploy-time estimate could not read this plan (no deps). Please report it."]);
    });

    it("neither estimate can read it: both notes, in order, on an empty report in the plan's region; a thrown text is quoted as is", () => {
        const broken = unreadable({ inputs: 42, dependencies: "bad deps" });
        const { cost, deployTime } = planCost([broken], { region: "eu-west-1", platform: "ecs-fargate" });
        assert.deepStrictEqual(cost, {
            currency: "USD",
            region: "eu-west-1",
            priceDate: PRICE_DATE,
            monthly: 0,
            fixed: 0,
            usage: 0,
            lines: [],
            notes: ["The cost estimate could not read this plan (42): nothing is priced. Please report it.", "The deploy-time estimate could not read this plan (bad deps). Please report it."],
        });
        assert.deepStrictEqual(deployTime, { criticalPathSeconds: 0, path: [] });
    });
});
