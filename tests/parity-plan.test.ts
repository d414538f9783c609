// Parity in the plan: the `parity` field of the plan JSON, the notes under the tree, the side-by-side
// rows of `--compare`, and the generated page docs/moving-between-platforms.md.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { Plan, planJson, PROJECT_DIR } from "../plan/engine";
import { loadStackConfig } from "../plan/stackfile";
import { renderPlan } from "../plan/render";
import { compareParity, renderParityComparison, renderParityNotes, renderParitySummary } from "../plan/parity";
import { PARITY_PAGE, renderParityPage } from "../plan/parity-doc";
import { planStackOk, runPlanCli } from "./harness";

const STACKS = fs
    .readdirSync(PROJECT_DIR)
    .map((f) => /^Pulumi\.([^.]+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => !!s)
    .sort();

/** `--compare` across platforms, started as the suite loads so it runs beside the rest. */
const compareRun = runPlanCli("--compare", "dev", "kubernetes", "--json", "-");

const PROBES =
    "becomes a readiness probe (a failing pod leaves the Service's endpoints) and a liveness probe (the kubelet restarts the container after unhealthyThreshold failures, after a 60 s grace), where ECS only replaces a task its load balancer finds unhealthy";
const EKS_PROBES = `${PROBES}; the ALB checks the same path too`;

describe("parity in the plan JSON", () => {
    it("lists, per shipped stack, exactly the keys each service writes, plus cpu, memory and healthCheck on Kubernetes", async () => {
        for (const stack of STACKS) {
            const plan = await planStackOk(stack);
            const services = loadStackConfig(stack, PROJECT_DIR)["berth:services"] as Record<string, Record<string, unknown>>;
            const kubernetes = plan.platform === "eks" || plan.platform === "kubernetes";
            const expected = Object.entries(services)
                .flatMap(([name, svc]) => [...new Set([...Object.keys(svc), ...(kubernetes ? ["cpu", "memory", ...(svc.port !== undefined ? ["healthCheck"] : [])] : [])])].map((k) => `${name}/${k}`))
                .sort();
            assert.deepEqual(
                plan.parity!.map((e) => `${e.service}/${e.key}`),
                expected,
                stack,
            );
            // A plan exists only for a config that validated: nothing in it can be refused.
            assert.deepEqual(
                plan.parity!.filter((e) => e.status === "refused"),
                [],
                stack,
            );
        }
    });

    it("writes `parity` at the top level, each entry with exactly service, key, status and note", async () => {
        const json = JSON.parse(planJson(await planStackOk("eks-managed"))) as Record<string, unknown>;
        assert.deepEqual(Object.keys(json), ["stack", "project", "platform", "resources", "outputs", "warnings", "parity", "startPaths", "cost", "deployTime", "policy"]);
        const parity = json.parity as Array<Record<string, unknown>>;
        assert.deepEqual([...new Set(parity.map((e) => Object.keys(e).join(",")))], ["service,key,status,note"]);
        assert.deepEqual(
            parity.find((e) => e.service === "web" && e.key === "healthCheck"),
            { service: "web", key: "healthCheck", status: "differently", note: EKS_PROBES },
        );
        // Any cluster: the probes, and no ALB of berth's to check the path besides.
        assert.equal((await planStackOk("kubernetes")).parity!.find((e) => e.service === "web" && e.key === "healthCheck")?.note, PROBES);
    });

    it("reads each platform as the table has it: the same dev services honoured on ecs-fargate, done differently on eks", async () => {
        const status = (p: Plan, key: string) => p.parity!.find((e) => e.service === "web" && e.key === key)?.status;
        const [dev, eks, apprunner] = await Promise.all([planStackOk("dev"), planStackOk("eks-managed"), planStackOk("apprunner")]);
        assert.deepEqual(
            dev.parity!.filter((e) => e.status !== "honoured"),
            [],
        );
        assert.deepEqual(
            ["cpu", "memory", "desiredCount", "healthCheck", "public", "environment"].map((k) => [status(eks, k), status(apprunner, k)]),
            [
                ["differently", "honoured"],
                ["differently", "honoured"],
                ["differently", "differently"],
                ["differently", "differently"],
                ["differently", "differently"],
                ["honoured", "honoured"],
            ],
        );
    });
});

describe("parity under the tree", () => {
    it("prints nothing on ecs-fargate", async () => {
        const dev = await planStackOk("dev");
        assert.deepEqual(renderParityNotes(dev), []);
        assert.ok(!renderPlan(dev).includes("Works differently"));
    });

    it("prints each service once, then its `differently` keys, once each", async () => {
        const plan = await planStackOk("eks-managed");
        const text = renderPlan(plan);
        const notes = renderParityNotes(plan);
        assert.equal(text.split("Works differently on eks than on ecs-fargate").length, 2);
        assert.ok(text.includes(`\n\n${notes.join("\n")}\n\nStart paths`));
        const different = plan.parity!.filter((e) => e.status === "differently");
        const services = [...new Set(different.map((e) => e.service))];
        assert.deepEqual(
            notes.slice(1),
            services.flatMap((s) => [`  ${s}`, ...different.filter((e) => e.service === s).map((e) => `    ${e.key}: ${e.note}`)]),
        );
        assert.ok(notes.includes(`    healthCheck: ${EKS_PROBES}`));
    });

    it("prints nothing when no key works differently", () => {
        assert.deepEqual(renderParityNotes({ platform: "apprunner", parity: [{ service: "web", key: "port", status: "honoured", note: "n" }] }), []);
    });
});

describe("parity side by side, with --compare", () => {
    it("has no rows for two stacks on one platform", async () => {
        assert.equal(compareParity(await planStackOk("dev"), await planStackOk("prod")), undefined);
    });

    it("puts each service key's status on both platforms in a row, with the notes of what is not honoured", async () => {
        const c = compareParity(await planStackOk("dev"), await planStackOk("eks-managed"))!;
        const row = (id: string) => c.rows.find((r) => `${r.service}/${r.key}` === id);
        assert.deepEqual(c.platforms, ["ecs-fargate", "eks"]);
        assert.deepEqual(row("web/healthCheck"), { service: "web", key: "healthCheck", statuses: ["honoured", "differently"], notes: ["the load balancer target group's health check", EKS_PROBES], differs: true });
        assert.deepEqual([row("web/environment")?.statuses, row("web/environment")?.differs], [["honoured", "honoured"], false]);
        // A key one stack writes and the other does not: kubernetes's worker has no secret.
        const other = compareParity(await planStackOk("dev"), await planStackOk("kubernetes"))!;
        assert.deepEqual(other.rows.find((r) => `${r.service}/${r.key}` === "worker/secrets")?.statuses, ["honoured", "—"]);
        const lines = renderParityComparison(c, ["dev", "eks-managed"]);
        const at = lines.findIndex((l) => /^ {2}≠ web\/healthCheck +honoured +differently$/.test(l));
        assert.ok(at > 0, lines.join("\n"));
        assert.equal(lines[at + 1], `        eks: ${EKS_PROBES}`);
        assert.match(lines.find((l) => l.includes("web/environment"))!, /^ {4}web\/environment +honoured +honoured$/);
        const differ = c.rows.filter((r) => r.differs).length;
        assert.ok(differ > 0 && differ < c.rows.length);
        assert.equal(renderParitySummary(c), `parity on ecs-fargate vs eks: ${differ} of ${c.rows.length} service keys differ`);
    });

    it("adds them to `npm run plan -- --compare` across platforms, in the text and in the JSON", async () => {
        const run = await compareRun;
        assert.equal(run.status, 0, run.stderr);
        const json = JSON.parse(run.stdout) as { parity: { platforms: string[]; rows: Array<{ service: string; key: string; statuses: string[] }> } };
        assert.deepEqual(json.parity.platforms, ["ecs-fargate", "kubernetes"]);
        assert.deepEqual(json.parity.rows.find((r) => r.service === "worker" && r.key === "containerHealthCheck")?.statuses, ["honoured", "differently"]);
        assert.match(run.stderr, /\nParity, per service key/);
        assert.match(run.stderr, /\n {2}≠ worker\/containerHealthCheck +honoured +differently\n/);
    });
});

describe("docs/moving-between-platforms.md", () => {
    it("is the page the parity table generates (npm run docs:parity)", () => {
        assert.equal(fs.readFileSync(path.join(PROJECT_DIR, PARITY_PAGE), "utf8"), renderParityPage());
    });

    it("has a row for every key of the table and a section per key", () => {
        const page = renderParityPage();
        for (const key of ["kind", "healthCheck", "runAsUser", "user", "internal"]) {
            assert.match(page, new RegExp(`\\n\\| \`${key}\` \\|`));
            assert.match(page, new RegExp(`\\n### \`${key}\``));
        }
    });
});
