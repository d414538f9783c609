// The guardrails in the offline plan (issue 21): the `policy` field, the tree's "Guardrails" section,
// and exit 2 with one stderr line per mandatory violation. The policies here are handmade and passed
// explicitly (or preloaded into the CLI), so these tests hold whatever policy/rules ships.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PLATFORMS, Platform } from "../config/schema";
import { Plan, plan, planJson, planStack, PROJECT_DIR, projectName } from "../plan/engine";
import { environmentOf, policySummary, renderPolicies, violationReport } from "../plan/policy-report";
import { renderPlan } from "../plan/render";
import { brokenSteps } from "../plan/start-report";
import { EXCEPTIONS } from "../policy/exceptions";
import { loadStackConfig } from "../plan/stackfile";
import type { Policy, PolicyReport } from "../policy/types";
import { POLICIES } from "../policy/rules";
import { CliRun, planStackOk, runPlanCli } from "./harness";
import { devAsProd, planOf, res } from "./handmade-plans";

const CLUSTER = "aws:ecs/cluster:Cluster";
const SERVICE = "aws:ecs/service:Service";

/** GIVEN a policy that fails every ECS cluster, one that passes every service, and one for prod only. */
const failsClusters: Policy = { name: "TEST.1", description: "Clusters are not allowed.", fix: "set berth:test to false", types: [CLUSTER], check: (r) => [`cluster ${r.name} exists`] };
const passesServices: Policy = { name: "TEST.2", description: "Services are fine.", fix: "nothing", types: [SERVICE], check: () => [] };
const prodOnly: Policy = { name: "TEST.3", description: "Prod only.", fix: "nothing", types: [SERVICE], check: () => [], environments: ["prod"] };
const HANDMADE = [failsClusters, passesServices, prodOnly];

async function planned(config: Record<string, unknown>, stack: string, policies: ReadonlyArray<Policy> = HANDMADE): Promise<Plan> {
    const result = await plan({ stack, config, project: "berth", policies });
    if (!result.ok) assert.fail(JSON.stringify(result.errors));
    return result.plan;
}

describe("policies in the plan (issue 21)", () => {
    let dev: Plan;
    before(async () => {
        dev = await planned(loadStackConfig("dev", PROJECT_DIR), "dev");
    });

    it("records `policy: { passed, violations: [{ policy, urn, message, level }] }` last in the JSON", () => {
        const doc = JSON.parse(planJson(dev)) as Plan & { policy: PolicyReport };
        assert.equal(Object.keys(doc).at(-1), "policy");
        assert.deepEqual(Object.keys(doc.policy), ["passed", "violations"]);
        assert.deepEqual(doc.policy.passed, ["TEST.2"]);
        const clusters = dev.resources.filter((r) => r.type === CLUSTER);
        assert.ok(clusters.length > 0);
        assert.deepEqual(
            doc.policy.violations,
            clusters.map((c) => ({ policy: "TEST.1", urn: c.urn, message: `cluster ${c.name} exists. Fix: set berth:test to false`, level: "mandatory" })),
        );
        for (const v of doc.policy.violations) assert.deepEqual(Object.keys(v), ["policy", "urn", "message", "level"]);
    });

    it("reads the environment from berth:environment: a prod-only policy runs in prod, not in dev", async () => {
        assert.ok(!dev.policy!.passed.includes("TEST.3"));
        const prod = await planned(devAsProd(), "prod");
        assert.deepEqual(prod.policy!.passed, ["TEST.2", "TEST.3"]);
        assert.deepEqual(environmentOf("prod"), "prod");
        assert.deepEqual(environmentOf(undefined), "dev");
    });

    it("runs every shipped policy that applies by default, and a plan with none reports nothing", async () => {
        const shipped = await planStackOk("dev");
        const reported = new Set([...shipped.policy!.passed, ...shipped.policy!.violations.map((v) => v.policy)]);
        assert.deepEqual(
            [...reported].sort(),
            POLICIES.filter((p) => !p.environments || p.environments.includes("dev"))
                .map((p) => p.name)
                .sort(),
        );
        const none = await planned(loadStackConfig("dev", PROJECT_DIR), "dev", []);
        assert.deepEqual(none.policy, { passed: [], violations: [] });
    });

    it("prints the Guardrails section in the tree: the resource, each violation at its level, and the summary", () => {
        const tree = renderPlan(dev).split("\n");
        const at = tree.findIndex((l) => l.startsWith("Guardrails"));
        assert.ok(at > 0, "no Guardrails section");
        const cluster = dev.resources.find((r) => r.type === CLUSTER)!;
        assert.equal(tree[at + 1], `    ${CLUSTER} ${cluster.name}`);
        assert.equal(tree[at + 2], `        [mandatory] TEST.1: cluster ${cluster.name} exists. Fix: set berth:test to false`);
        assert.ok(tree.includes(`    1 policy passed, ${dev.policy!.violations.length} mandatory violation${dev.policy!.violations.length === 1 ? "" : "s"}, 0 advisory`));
    });
});

describe("the Guardrails section and the CLI's report, on handmade plans", () => {
    const web = res(SERVICE, "web", {});
    const report = (violations: PolicyReport["violations"], passed = ["A.1", "B.2"]): Plan => planOf([web], { stack: "dev", policy: { passed, violations } });
    const advisory = { policy: "ELB.5", urn: web.urn, message: "no access logs. Fix: set berth:loadBalancer.accessLogs", level: "advisory" as const };
    const mandatory = { policy: "ECS.2", urn: web.urn, message: "assigns a public IP. Fix: set berth:network.publicTasks to false", level: "mandatory" as const };

    it("summarises passed, mandatory and advisory", () => {
        assert.equal(policySummary(report([advisory, mandatory])), "2 policies passed, 1 mandatory violation, 1 advisory");
        assert.equal(policySummary(report([], ["A.1"])), "1 policy passed, 0 mandatory violations, 0 advisory");
        assert.equal(policySummary(planOf([])), undefined);
    });

    it("groups violations under their resource, advisory ones marked so", () => {
        assert.deepEqual(renderPolicies(report([advisory, mandatory])).slice(1), [
            `    ${SERVICE} web`,
            "        [advisory] ELB.5: no access logs. Fix: set berth:loadBalancer.accessLogs",
            "        [mandatory] ECS.2: assigns a public IP. Fix: set berth:network.publicTasks to false",
            "    2 policies passed, 1 mandatory violation, 1 advisory",
        ]);
        assert.deepEqual(renderPolicies(planOf([])), [], "an older plan without the field prints no section");
    });

    it("reports each mandatory violation on stderr with the policy, the resource and the fix; advisory ones fail nothing", () => {
        assert.deepEqual(violationReport(report([advisory, mandatory])), [
            "berth: Pulumi.dev.yaml plans, but 1 mandatory policy violation must be fixed first (docs/policy.md):",
            `  - ECS.2 on ${SERVICE} web (${web.urn}): assigns a public IP. Fix: set berth:network.publicTasks to false`,
        ]);
        assert.deepEqual(violationReport(report([advisory])), []);
        assert.deepEqual(violationReport(report([{ ...mandatory, urn: "urn:pulumi:s::berth::aws:s3/bucket:Bucket::gone" }])).slice(1), [
            "  - ECS.2 on aws:s3/bucket:Bucket gone (urn:pulumi:s::berth::aws:s3/bucket:Bucket::gone): assigns a public IP. Fix: set berth:network.publicTasks to false",
        ]);
    });
});

/** A handmade policy that fails dev's ECS cluster, so the CLI meets a mandatory violation whatever the shipped policies are. */
const TEST_POLICY: Policy = {
    name: "TEST.1",
    description: "The ECS cluster is not the test's target.",
    fix: "set berth:test.cluster to false (a test's policy)",
    types: ["aws:ecs/cluster:Cluster"],
    check: (r) => [`cluster ${r.name} is the test's target`],
};

/** The CLI (in this process) with TEST_POLICY among POLICIES for the run only. */
async function cliWithFailingPolicy(...args: string[]): Promise<CliRun> {
    // POLICIES is read-only to the program; a test may widen it for one run and must put it back.
    const policies = POLICIES as Policy[];
    policies.push(TEST_POLICY);
    try {
        return await runPlanCli(...args);
    } finally {
        policies.splice(policies.indexOf(TEST_POLICY), 1);
    }
}

describe("the plan CLI on a mandatory violation (issue 21)", () => {
    it("prints the plan, writes the JSON, names each violation on stderr and exits 2", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-policy-"));
        try {
            const file = path.join(dir, "plan.json");
            const run = await cliWithFailingPolicy("--stack", "dev", "--json", file);
            assert.equal(run.status, 2, run.stderr);
            assert.match(run.stdout, /^Guardrails/m);
            assert.match(run.stdout, /\[mandatory\] TEST\.1: cluster \S+ is the test's target\. Fix: set berth:test\.cluster to false/);
            const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { policy: PolicyReport };
            assert.ok(doc.policy.violations.length > 0);
            const lines = run.stderr.split("\n").filter((l) => l.startsWith("  - TEST.1 on aws:ecs/cluster:Cluster "));
            // dev's own findings are advisory there (policy/exceptions.ts): only the test's policy is mandatory.
            assert.deepEqual(
                doc.policy.violations.filter((v) => v.level === "mandatory").map((v) => v.policy),
                lines.map(() => "TEST.1"),
            );
            assert.equal(lines.length, 1);
            assert.match(run.stderr, /berth: Pulumi\.dev\.yaml plans, but \d+ mandatory policy violations? must be fixed first/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("exits 2 under --compare too, and --quiet's summary counts the violations", async () => {
        const run = await cliWithFailingPolicy("--compare", "dev", "prod", "--quiet");
        assert.equal(run.status, 2, run.stderr);
        assert.match(run.stderr, /Pulumi\.dev\.yaml plans, but/);
        assert.match(run.stderr, /Pulumi\.prod\.yaml plans, but/);
        const quiet = await cliWithFailingPolicy("--stack", "dev", "--quiet");
        assert.equal(quiet.status, 2);
        assert.match(quiet.stdout, /; \d+ policies passed, 1 mandatory violation, 4 advisory$/m);
    });
});

/** Each platform's prod example (issue 21): the root's Pulumi.prod.yaml for ecs-fargate, examples/prod/ for the rest. */
const PROD_EXAMPLES: ReadonlyArray<{ platform: Platform; stack: string; dir: string }> = [
    { platform: "ecs-fargate", stack: "prod", dir: PROJECT_DIR },
    ...(["ecs-ec2", "ecs-anywhere", "ecs-express", "eks", "apprunner", "kubernetes"] as const).map((platform) => ({ platform, stack: platform, dir: path.join(PROJECT_DIR, "examples/prod") })),
];
/** Warnings an example may carry: its placeholders (replace them before `pulumi up`) and App Runner's closure, which no config can lift. */
const EXPECTED_WARNINGS = new Set(["placeholder", "platform-closed"]);

describe("the prod examples: every platform passes every policy with no exception (issue 21)", () => {
    it("cover every platform, in examples/prod with the root's project name", () => {
        assert.deepEqual(PROD_EXAMPLES.map((e) => e.platform).sort(), [...PLATFORMS].sort());
        assert.equal(projectName(path.join(PROJECT_DIR, "examples/prod")), projectName());
        const files = fs.readdirSync(path.join(PROJECT_DIR, "examples/prod")).filter((f) => /^Pulumi\..+\.yaml$/.test(f));
        assert.deepEqual(
            files.sort(),
            PROD_EXAMPLES.filter((e) => e.dir !== PROJECT_DIR)
                .map((e) => `Pulumi.${e.stack}.yaml`)
                .sort(),
        );
    });

    for (const { platform, stack, dir } of PROD_EXAMPLES) {
        it(`${platform}: ${path.relative(PROJECT_DIR, path.join(dir, `Pulumi.${stack}.yaml`))} is prod, plans, and has no violation at all`, async () => {
            assert.equal(loadStackConfig(stack, dir)["berth:environment"], "prod");
            const result = await planStack(stack, dir);
            if (!result.ok) assert.fail(JSON.stringify(result.errors, null, 2));
            assert.equal(result.plan.platform, platform);
            assert.deepEqual(
                result.plan.warnings.filter((w) => !EXPECTED_WARNINGS.has(w.code)),
                [],
            );
            assert.deepEqual(brokenSteps(result.plan), []);
            assert.deepEqual(result.plan.policy!.violations, []);
        });
    }

    it("no exception applies in prod", () => {
        assert.deepEqual(
            EXCEPTIONS.filter((e) => (e.environments as ReadonlyArray<string>).includes("prod")),
            [],
        );
    });
});

describe("the shipped stacks: zero mandatory violations (issue 21)", () => {
    // The goldens are the shipped stacks' plans, byte for byte (tests/golden.test.ts), so reading them
    // costs no plan. Each advisory finding is one the exceptions table allows in that environment.
    const golden = (stack: string) => JSON.parse(fs.readFileSync(path.join(__dirname, "golden", `${stack}.json`), "utf8")) as Plan & { policy: PolicyReport };
    const stacks = fs
        .readdirSync(PROJECT_DIR)
        .flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? [])
        .sort();

    it("has a golden plan for every stack file", () =>
        assert.deepEqual(
            stacks,
            fs
                .readdirSync(path.join(__dirname, "golden"))
                .flatMap((f) => /^(.+)\.json$/.exec(f)?.[1] ?? [])
                .sort(),
        ));

    for (const stack of stacks) {
        it(`${stack}: no mandatory violation, and every advisory one is excepted in its environment`, () => {
            const p = golden(stack);
            const environment = (loadStackConfig(stack, PROJECT_DIR)["berth:environment"] as string | undefined) ?? "dev";
            assert.deepEqual(
                p.policy.violations.filter((v) => v.level === "mandatory"),
                [],
            );
            const excepted = new Set(EXCEPTIONS.filter((e) => (e.environments as ReadonlyArray<string>).includes(environment)).map((e) => e.policy));
            assert.deepEqual(
                p.policy.violations.filter((v) => !excepted.has(v.policy)),
                [],
            );
        });
    }
});
