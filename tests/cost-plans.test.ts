// GIVEN every golden plan (tests/golden/*.json), WHEN the cost and deploy time are estimated, THEN
// they run, are stable, and match what the golden recorded; GIVEN the shared dev plan, THEN the
// engine carries both and the CLI's tree and quiet line show them; a plan the model cannot read
// becomes a note, never a failed plan.
import { strict as assert } from "node:assert";
import * as fs from "fs";
import * as path from "path";
import { planCost, DEFAULT_USAGE, estimateCost, estimateDeployTime } from "../cost";
import type { Plan } from "../plan/engine";
import { renderPlan } from "../plan/render";
import { costSummary } from "../plan/cost-report";
import { planStackOk } from "./harness";
import { res } from "./handmade-plans";

const GOLDEN = path.join(__dirname, "golden");

describe("cost and deploy time on every golden plan", () => {
    for (const file of fs.readdirSync(GOLDEN).filter((f) => f.endsWith(".json"))) {
        it(`${file}: runs, is stable, and matches the golden`, () => {
            const plan = JSON.parse(fs.readFileSync(path.join(GOLDEN, file), "utf8")) as Plan;
            const region = plan.cost?.region ?? "us-east-1";
            const options = { region, platform: plan.platform ?? "", usage: DEFAULT_USAGE };
            const cost = estimateCost(plan.resources, options);
            assert.deepEqual(estimateCost(plan.resources, options), cost);
            assert.ok(
                cost.notes.every((n) => !n.includes("could not read")),
                cost.notes.join("\n"),
            );
            assert.equal(cost.monthly, Math.round((cost.fixed + cost.usage) * 100) / 100);
            assert.ok(cost.lines.every((l) => Number.isFinite(l.monthly) && l.monthly >= 0 && plan.resources.some((r) => r.urn === l.urn)));
            const time = estimateDeployTime(plan.resources);
            assert.ok(time.path.every((u) => plan.resources.some((r) => r.urn === u)));
            if (plan.platform !== "kubernetes") assert.ok(cost.monthly > 0 || plan.platform === "ecs-anywhere", `${file}: ${cost.monthly}`);
            if (plan.cost) assert.deepEqual(cost, plan.cost);
            if (plan.deployTime) assert.deepEqual(time, plan.deployTime);
        });
    }
});

describe("cost and deploy time in the plan", () => {
    it("the dev plan carries both; the tree has a Cost section and --quiet's clause reads ~$X/month, ~N min to deploy", async () => {
        const plan = await planStackOk("dev");
        assert.ok(plan.cost && plan.deployTime);
        assert.ok(plan.cost.monthly > 0 && plan.deployTime.criticalPathSeconds > 0);
        assert.match(costSummary(plan)!, /^~\$\d+\.\d{2}\/month, ~\d+ min to deploy$/);
        const tree = renderPlan(plan);
        assert.match(tree, /\nCost \(USD a month at list prices of \d{4}-\d{2}-\d{2}; /);
        assert.match(tree, /\n {4}Deploy time: ~\d+ min \(\d+ s\) on the critical path of \d+ steps; slowest: /);
    });

    it("a resource the model cannot read becomes a note, and the plan goes on", () => {
        const broken = { ...res("aws:ecs/service:Service", "web-service", {}) };
        Object.defineProperty(broken, "inputs", {
            get() {
                throw new Error("unreadable");
            },
        });
        const { cost, deployTime } = planCost([broken], { region: "us-east-1", platform: "ecs-fargate" });
        assert.equal(cost.monthly, 0);
        assert.deepEqual(cost.notes, ["The cost estimate could not read this plan (unreadable): nothing is priced. Please report it."]);
        assert.equal(deployTime.path.length, 1);
    });
});
