// `npm run plan -- --diff OLD.json`: the diff over small hand-made plans, then over real ones, then
// the one CLI run that holds the exit code and the JSON on stdout. Also the tree's flags and counts.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "../plan/args";
import { describeChange, diffPlans, hasRealChanges, readPlanFile, renderDiff, renderDiffSummary } from "../plan/diff";
import { Plan, PlanError, PlannedResource, planJson, PROJECT_DIR } from "../plan/engine";
import { renderPlan } from "../plan/render";
import { devAndProd, devAsProd, planOf, res } from "./handmade-plans";
import { runPlanCli, planOk, planStackOk } from "./harness";

const TASKDEF = "aws:ecs/taskDefinition:TaskDefinition";
const ROLE = "aws:iam/role:Role";
const containers = (image: string, env: Record<string, string>) =>
    JSON.stringify([
        { name: "web", image, environment: Object.entries(env).map(([name, value]) => ({ name, value })) },
        { name: "log-router", image: "fluent-bit:3" },
    ]);

describe("diffPlans", () => {
    it("matches resources by URN: added, removed, changed and unchanged", () => {
        const keep = res("aws:s3/bucket:Bucket", "keep", { acl: "private" });
        const d = diffPlans(planOf([keep, res(TASKDEF, "web", { cpu: "256" }), res("aws:sqs/queue:Queue", "old", {})]), planOf([keep, res(TASKDEF, "web", { cpu: "512" }), res("aws:sqs/queue:Queue", "new", {})]));
        assert.deepEqual(d.summary, { added: 1, removed: 1, changed: 1, replaced: 0, tagOrIdOnly: 0, unchanged: 1 });
        assert.deepEqual(
            d.added.map((r) => r.name),
            ["new"],
        );
        assert.deepEqual(
            d.removed.map((r) => r.name),
            ["old"],
        );
        assert.deepEqual(d.changed, [{ urn: `urn:pulumi:s::berth::${TASKDEF}::web`, type: TASKDEF, name: "web", changes: [{ path: "inputs.cpu", before: "256", after: "512" }], tags: [], fakeIds: [], replace: [] }]);
        assert.ok(hasRealChanges(d));
    });

    it("follows a resource moved under an alias, and its children with it: moved, not removed and added", () => {
        const roles = "berth:iam:TaskRoles";
        const role = "aws:iam/role:Role";
        const before = planOf([res(roles, "web", {}, { component: true }), res(role, "web-exec-role", { description: "x" }, { urn: `urn:pulumi:s::berth::${roles}$${role}::web-exec-role`, parent: `urn:pulumi:s::berth::${roles}::web` })]);
        const group = "urn:pulumi:s::berth::berth:ecs:Service::web";
        const moved = `urn:pulumi:s::berth::berth:ecs:Service$${roles}::web`;
        const after = planOf([
            res("berth:ecs:Service", "web", {}, { component: true }),
            res(roles, "web", {}, { urn: moved, parent: group, component: true, aliases: [`urn:pulumi:s::berth::${roles}::web`] }),
            res(role, "web-exec-role", { description: "x" }, { urn: `urn:pulumi:s::berth::berth:ecs:Service$${roles}$${role}::web-exec-role`, parent: moved }),
        ]);
        const d = diffPlans(before, after);
        assert.deepEqual(
            d.added.map((r) => r.urn),
            [group],
        );
        assert.deepEqual(d.removed, []);
        assert.deepEqual(
            d.changed.map((c) => [c.name, c.changes.map((x) => x.path)]),
            [
                ["web", ["parent"]],
                ["web-exec-role", ["parent"]],
            ],
        );
    });

    it("compares containerDefinitions as JSON, each container and variable by its name, whatever the order", () => {
        const before = res(TASKDEF, "web", { containerDefinitions: containers("nginx:1.27", { LOG_LEVEL: "info", A: "1" }) });
        const after = res(TASKDEF, "web", { containerDefinitions: containers("nginx:1.28", { A: "1", LOG_LEVEL: "debug", DEBUG: "1" }) });
        assert.deepEqual(diffPlans(planOf([before]), planOf([after])).changed[0].changes, [
            { path: "inputs.containerDefinitions[name=web].image", before: "nginx:1.27", after: "nginx:1.28" },
            { path: "inputs.containerDefinitions[name=web].environment[name=LOG_LEVEL].value", before: "info", after: "debug" },
            { path: "inputs.containerDefinitions[name=web].environment[name=DEBUG]", after: { name: "DEBUG", value: "1" } },
        ]);
    });

    it("compares an IAM policy document as JSON, statement by Sid, an action list as one value", () => {
        const policy = (actions: string[]) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Read", Effect: "Allow", Action: actions, Resource: "arn:aws:s3:::b/*" }] });
        const d = diffPlans(planOf([res("aws:iam/rolePolicy:RolePolicy", "p", { policy: policy(["s3:GetObject"]) })]), planOf([res("aws:iam/rolePolicy:RolePolicy", "p", { policy: policy(["s3:GetObject", "s3:PutObject"]) })]));
        const [change] = d.changed[0].changes;
        assert.deepEqual(change, { path: "inputs.policy.Statement[Sid=Read].Action", before: ["s3:GetObject"], after: ["s3:GetObject", "s3:PutObject"] });
        assert.equal(describeChange(change), `inputs.policy.Statement[Sid=Read].Action: +"s3:PutObject"`);
    });

    it("keeps tags apart: tag maps, tagsAll, an Auto Scaling group's tag list, launch template tag specifications", () => {
        const inputs = (team: string) => ({
            tags: { team },
            tagsAll: { team, "berth:stack": "s" },
            tagSpecifications: [{ resourceType: "instance", tags: { team } }],
        });
        const asg = (team: string) => ({
            maxSize: 1,
            tags: [
                { key: "berth:stack", value: "s", propagateAtLaunch: true },
                { key: "team", value: team, propagateAtLaunch: true },
            ],
        });
        const d = diffPlans(planOf([res("t:lt", "lt", inputs("a")), res("t:asg", "asg", asg("a"))]), planOf([res("t:lt", "lt", inputs("b")), res("t:asg", "asg", asg("b"))]));
        assert.deepEqual(d.summary, { added: 0, removed: 0, changed: 0, replaced: 0, tagOrIdOnly: 2, unchanged: 0 });
        assert.deepEqual(
            d.changed.map((c) => [c.changes.length, c.tags.map((t) => t.path)]),
            [
                [0, ["inputs.tags.team", "inputs.tagsAll.team", "inputs.tagSpecifications[0].tags.team"]],
                [0, ["inputs.tags[key=team].value"]],
            ],
        );
        assert.ok(!hasRealChanges(d));
    });

    it("keeps apart values that differ only because a referenced resource's fake id or ARN changed", () => {
        const role = (name: string) => res(ROLE, "exec", { name }, { id: name, arn: `arn:aws:iam::123456789012:role/${name}` });
        const other = res(ROLE, "other", { name: "other-role" }, { id: "other-role", arn: "arn:aws:iam::123456789012:role/other-role" });
        const user = (roleArn: string, resource: string) => res(TASKDEF, "web", { executionRoleArn: roleArn, policy: JSON.stringify({ Statement: [{ Sid: "Pass", Action: "iam:PassRole", Resource: resource }] }) });
        const before = planOf([role("berth-dev-exec"), other, user("arn:aws:iam::123456789012:role/berth-dev-exec", "arn:aws:iam::123456789012:role/berth-dev-exec/*")]);
        const renamed = planOf([role("berth-prod-exec"), other, user("arn:aws:iam::123456789012:role/berth-prod-exec", "arn:aws:iam::123456789012:role/berth-prod-exec/*")]);
        const d = diffPlans(before, renamed);
        assert.deepEqual(
            d.changed.map((c) => [c.name, c.changes.map((x) => x.path), c.fakeIds.map((x) => x.path)]),
            [
                // The role's own name is a real change; its users only follow it.
                ["exec", ["inputs.name"], []],
                ["web", [], ["inputs.executionRoleArn", "inputs.policy.Statement[Sid=Pass].Resource"]],
            ],
        );
        // Pointing at another resource is a real change.
        const repointed = diffPlans(before, planOf([role("berth-dev-exec"), other, user("arn:aws:iam::123456789012:role/other-role", "arn:aws:iam::123456789012:role/berth-dev-exec/*")]));
        assert.deepEqual(
            repointed.changed[0].changes.map((x) => x.path),
            ["inputs.executionRoleArn"],
        );
    });

    it("compares resource options; a plan written before `protect` existed reads it as false", () => {
        const { protect: _, ...older } = res("t:log", "logs", {});
        const d = diffPlans(planOf([older as PlannedResource]), planOf([res("t:log", "logs", {}, { retainOnDelete: true })]));
        assert.deepEqual(d.changed[0].changes, [{ path: "retainOnDelete", before: false, after: true }]);
    });

    it("diffs the outputs too, and matches a plan of another stack by URN without the stack", () => {
        const d = diffPlans(planOf([res("t:a", "a", {})], { stack: "dev", outputs: { url: "http://a" } }), planOf([{ ...res("t:a", "a", {}), urn: "urn:pulumi:prod::berth::t:a::a" }], { stack: "prod", outputs: { url: "https://a" } }));
        assert.deepEqual([d.summary.unchanged, d.outputs.changes], [1, [{ path: "outputs.url", before: "http://a", after: "https://a" }]]);
        assert.match(renderDiff(d, "dev.json", "prod"), /dev\.json is a plan of stack dev: resources are matched by URN without the stack name/);
    });

    it("describes a list of plain values by what left and what came, or says that only the order changed", () => {
        assert.equal(describeChange({ path: "inputs.subnets", before: ["a", "b"], after: ["b", "c"] }), `inputs.subnets: -"a" +"c"`);
        assert.equal(describeChange({ path: "inputs.subnets", before: ["a", "b"], after: ["b", "a"] }), "inputs.subnets: same values, new order");
    });

    it("refuses a file that is not a plan, naming it (exit 1)", () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "berth-diff-")), "old.json");
        fs.writeFileSync(file, JSON.stringify({ stack: "dev" }));
        assert.throws(
            () => readPlanFile(file),
            (e: unknown) => e instanceof PlanError && e.message === `${file} is not a plan: expected the JSON that npm run plan -- --json writes, with a resources list`,
        );
    });
});

describe("diffPlans: replace-only inputs (plan/replacements.ts)", () => {
    const TABLE = "aws:dynamodb/table:Table";
    const LB = "aws:lb/loadBalancer:LoadBalancer";
    const before = planOf([res(TABLE, "results", { hashKey: "id", billingMode: "PAY_PER_REQUEST" }), res(LB, "alb", { internal: false, idleTimeout: 60 }), res(ROLE, "sg", {}, { id: "sg-1111" })]);

    it("marks a resource whose replace-only input changed as a replacement, and only that one", () => {
        const after = planOf([res(TABLE, "results", { hashKey: "key", billingMode: "PROVISIONED" }), res(LB, "alb", { internal: false, idleTimeout: 120 }), res(ROLE, "sg", {}, { id: "sg-1111" })]);
        const d = diffPlans(before, after);
        assert.deepEqual(
            d.changed.map((c) => [c.name, c.changes.map((x) => x.path), c.replace]),
            [
                ["results", ["inputs.hashKey", "inputs.billingMode"], ["hashKey"]],
                ["alb", ["inputs.idleTimeout"], []],
            ],
        );
        assert.deepEqual(d.summary, { added: 0, removed: 0, changed: 2, replaced: 1, tagOrIdOnly: 0, unchanged: 1 });
        assert.equal(
            renderDiff(d, "old.json", "s"),
            [
                "Against old.json (berth/s, platform ecs-fargate):",
                "    + 0 to add, - 0 to remove, ~ 2 to change, 1 unchanged",
                "    -/+ 1 of the changes replaces its resource: an input AWS cannot update in place changed",
                "",
                `  -/+ ${TABLE}  results  (replace: hashKey)`,
                '        inputs.hashKey: "id" → "key"',
                '        inputs.billingMode: "PAY_PER_REQUEST" → "PROVISIONED"',
                `  ~ ${LB}  alb`,
                "        inputs.idleTimeout: 60 → 120",
            ].join("\n"),
        );
        assert.equal(renderDiffSummary(d, "old.json"), "against old.json: +0 -0 ~2 (1 replaced) (0 more in tags or fake ids only), outputs unchanged");
    });

    it("counts a replace-only input that appears or goes, and not one that only follows a referenced resource's new ARN (reported at that resource)", () => {
        const FS = "aws:efs/fileSystem:FileSystem";
        const KEY = "aws:kms/key:Key";
        const withKey = (arn: string, encrypted?: boolean) => planOf([res(KEY, "data", {}, { arn }), res(FS, "shared", { encrypted, kmsKeyId: arn })]);
        const rekeyed = diffPlans(withKey("arn:aws:kms:eu-west-1:123456789012:key/1111", true), withKey("arn:aws:kms:eu-west-1:123456789012:key/2222", true));
        assert.deepEqual(
            rekeyed.changed.map((c) => [c.name, c.changes, c.fakeIds.map((x) => x.path), c.replace]),
            [["shared", [], ["inputs.kmsKeyId"], []]],
        );
        const unencrypted = diffPlans(withKey("arn:aws:kms:eu-west-1:123456789012:key/1111", true), withKey("arn:aws:kms:eu-west-1:123456789012:key/1111"));
        assert.deepEqual(
            unencrypted.changed.map((c) => [c.name, c.replace]),
            [["shared", ["encrypted"]]],
        );
    });
});

describe("diffPlans over real plans: dev, then dev made prod", () => {
    let dev: Plan;
    let prod: Plan;
    before(async () => {
        [dev, prod] = await devAndProd();
    });

    it("finds nothing between a plan and itself read back from its JSON", () => {
        const d = diffPlans(JSON.parse(planJson(dev)), dev);
        assert.deepEqual(
            [d.summary, d.outputs],
            [
                { added: 0, removed: 0, changed: 0, replaced: 0, tagOrIdOnly: 0, unchanged: dev.resources.length },
                { changes: [], fakeIds: [] },
            ],
        );
    });

    it("shows prod's protection and task count as real changes, its environment tag apart, and the task definition ARN as a fake id", () => {
        const d = diffPlans(dev, prod);
        const at = (name: string) => d.changed.find((c) => c.name === name)!;
        assert.deepEqual(
            at("web-logs").changes.find((c) => c.path === "retainOnDelete"),
            { path: "retainOnDelete", before: false, after: true },
        );
        assert.deepEqual(
            at("web-service").changes.find((c) => c.path === "inputs.desiredCount"),
            { path: "inputs.desiredCount", before: 1, after: 2 },
        );
        assert.ok(at("web-service").tags.some((c) => c.path === 'inputs.tags["berth:environment"]'));
        assert.ok(at("web-service").fakeIds.some((c) => c.path === "inputs.taskDefinition"));
        assert.deepEqual(
            at("web-taskdef").changes.find((c) => c.path === "inputs.family"),
            { path: "inputs.family", before: "berth-dev-web", after: "berth-prod-web" },
        );
        assert.ok(d.removed.some((r) => r.type === "berth:network:NatInstance"));
        // Across stacks, parents and resources passed as inputs are matched without the stack name, as resources are.
        assert.deepEqual(
            d.changed.flatMap((c) => c.changes.filter((x) => x.path === "parent")),
            [],
        );
    });
});

describe("the plan tree and its counts", () => {
    it("flags retained and protected resources, and explains the flags", async () => {
        const text = renderPlan(await planOk(devAsProd(), "prod"));
        assert.match(text, /aws:cloudwatch\/logGroup:LogGroup\s+web-logs {2}\[retain\]\n/);
        assert.match(text, /\n\[retain\]: `pulumi destroy` leaves it in the cloud \(retainOnDelete\)\. \[protect\]: Pulumi refuses to delete it until the option is removed\.\n/);
        assert.doesNotMatch(renderPlan(await planStackOk("dev")), /\[retain\]|\[protect\]/);
    });

    it("counts cloud resources and components apart in By type", async () => {
        const text = renderPlan(await planStackOk("dev"));
        const section = (title: string) =>
            text
                .split(`${title}\n`)[1]
                .split("\n\n")[0]
                .split("\n")
                .map((l) => l.trim().split(/\s+/)[1]);
        assert.ok(section("By type, cloud resources:").every((t) => !t.startsWith("berth:")));
        // awsx's Vpc is a remote component: one opaque resource under mocks, many in the cloud.
        assert.deepEqual(section("By type, components:"), [
            "awsx:ec2:Vpc",
            "berth:ecs:EcsCluster",
            "berth:ecs:EcsService",
            "berth:ecs:EcsTask",
            "berth:ecs:Service",
            "berth:iam:TaskRoles",
            "berth:loadbalancer:AppLoadBalancer",
            "berth:network:NatInstance",
            "berth:network:Network",
            "berth:registry:Registry",
            "berth:secrets:CreatedSecret",
        ]);
    });
});

describe("npm run plan arguments for --diff and --compare", () => {
    it("reads --diff with --exit-code, and --compare in both spellings", () => {
        assert.deepEqual(parseArgs(["--diff", "old.json", "--exit-code", "--json", "-", "--quiet"]), { stack: "dev", diff: "old.json", exitCode: true, json: "-", quiet: true, strict: false });
        assert.deepEqual(parseArgs(["--compare", "dev", "prod", "--json=-"]), { stack: "dev", compare: ["dev", "prod"], json: "-", quiet: false, strict: false });
        assert.deepEqual(parseArgs(["--compare=dev,prod"]).compare, ["dev", "prod"]);
    });

    const refused: Array<[string[], RegExp]> = [
        [["--diff", "old.json", "--json"], /^--json needs a value\n/],
        [["--compare", "dev", "prod", "--json"], /^--json needs a value\n/],
        [["--diff", "--quiet"], /^--diff needs a value\n/],
        [["--compare", "dev"], /^--compare needs two stack names, as in --compare dev prod\n/],
        [["--compare", "dev", "--quiet"], /^--compare needs two stack names, as in --compare dev prod\n/],
        [["--compare=dev"], /^--compare needs two stack names, as in --compare dev prod\n/],
        [["--compare", "dev", "prod", "--stack", "x"], /^--compare plans the two stacks it names; it takes no --stack or --diff\n/],
        [["--exit-code"], /^--exit-code goes with --diff OLD\.json\n/],
    ];
    for (const [argv, message] of refused) {
        it(`refuses ${argv.join(" ")}`, () => {
            assert.throws(
                () => parseArgs(argv),
                (e: unknown) => e instanceof PlanError && message.test(e.message),
            );
        });
    }
});

describe("npm run plan -- --diff (CLI)", () => {
    it("exits 3 under --exit-code when something really changed, with the JSON and its diff on stdout and the one-line summary on stderr", async () => {
        const old = JSON.parse(planJson(await planStackOk("dev")));
        old.resources.find((r: PlannedResource) => r.name === "web-taskdef").inputs.cpu = "1024";
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "berth-diff-")), "old.json");
        fs.writeFileSync(file, JSON.stringify(old));
        const run = await runPlanCli("--diff", file, "--exit-code", "--json", "-", "--quiet");
        assert.equal(run.status, 3, run.stderr);
        const doc = JSON.parse(run.stdout);
        assert.deepEqual(Object.keys(doc), ["stack", "project", "platform", "resources", "outputs", "warnings", "parity", "startPaths", "cost", "deployTime", "policy", "diff"]);
        assert.deepEqual(
            doc.diff.changed.map((c: { name: string; changes: unknown }) => [c.name, c.changes]),
            [["web-taskdef", [{ path: "inputs.cpu", before: "1024", after: "256" }]]],
        );
        assert.match(
            run.stderr,
            new RegExp(
                `^berth: Pulumi\\.dev\\.yaml has 1 warning:\\n  - berth:loadBalancer\\.allowedCidrs\\.0: is 2001:db8::/32, .*\\nPlanned berth/dev \\(platform ecs-fargate\\): 64 resources .*; against ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: \\+0 -0 ~1 \\(0 more in tags or fake ids only\\), outputs unchanged\\n$`,
            ),
        );
    });
});

describe("docs/plan.md", () => {
    it("shows the example test for your own stack exactly as npm test runs it", () => {
        const example = fs.readFileSync(path.join(PROJECT_DIR, "tests/example-user.test.ts"), "utf8");
        assert.ok(fs.readFileSync(path.join(PROJECT_DIR, "docs/plan.md"), "utf8").includes("```ts\n" + example + "```\n"), "copy tests/example-user.test.ts into docs/plan.md");
    });
});
