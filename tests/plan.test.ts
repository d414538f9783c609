// The plan as a product: the CLI contract (exit codes, JSON shape) and the engine's guarantees.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "../plan/args";
import { plan, PlanError } from "../plan/engine";
import { errorsAsWritten } from "../plan/written";
import { PLATFORMS } from "../config/schema";
import { fargateConfig, planCli as cli, planStackOk, runPlanCli } from "./harness";

function tempProject(stackFile: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-plan-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: berth\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "Pulumi.broken.yaml"), stackFile);
    return dir;
}

/**
 * The stacks berth ships are the ones with a golden plan (tests/golden). A stack file of the user's
 * own (Pulumi.mystack.yaml) is none of the tests' business: it never makes `npm test` fail.
 */
const EXAMPLE_STACKS = fs.readdirSync(path.join(__dirname, "golden")).flatMap((f) => /^(.+)\.json$/.exec(f)?.[1] ?? []);

describe("every example stack", () => {
    it("covers every platform, and the dev and prod stacks the README starts from", async () => {
        const platforms = new Set<string>();
        for (const stack of EXAMPLE_STACKS) platforms.add(String((await planStackOk(stack)).platform));
        assert.deepEqual([...platforms].sort(), [...PLATFORMS].sort());
        for (const stack of ["dev", "prod"]) assert.ok(EXAMPLE_STACKS.includes(stack), stack);
    });

    it("plans with placeholder warnings only, but for App Runner's closure notice: prod is production-grade once they are replaced", async () => {
        for (const stack of EXAMPLE_STACKS) {
            const { warnings } = await planStackOk(stack);
            assert.deepEqual(
                warnings.filter((w) => w.code !== "placeholder").map((w) => w.path),
                stack === "apprunner" ? ["berth:platform"] : [],
                stack,
            );
        }
    });

    for (const stack of EXAMPLE_STACKS) {
        it(`${stack} plans, with a unique id for every resource and unique, realistic ARNs`, async () => {
            const { resources, outputs } = await planStackOk(stack);
            const ids = resources.map((r) => r.id);
            assert.deepEqual(
                ids.filter((id, i) => ids.indexOf(id) !== i),
                [],
            );
            const arns = resources.flatMap((r) => r.arn ?? []);
            assert.deepEqual(
                arns.filter((a, i) => arns.indexOf(a) !== i),
                [],
            );
            assert.deepEqual(
                arns.filter((a) => !/^arn:aws:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+/.test(a)),
                [],
            );
            // App Runner has no cluster; every other platform names its ECS cluster.
            for (const key of ["platform", "services", ...(outputs.platform === "apprunner" ? [] : ["clusterName"])]) assert.ok(key in outputs, `no ${key} output`);
        });
    }

    it("dev outputs the URL, platform, cluster and per-service names", async () => {
        const { outputs, platform } = await planStackOk("dev");
        assert.equal(platform, "ecs-fargate");
        assert.deepEqual(Object.keys(outputs).sort(), ["clusterName", "logs", "platform", "pushCommands", "repositoryUrl", "secrets", "services", "url", "urls", "vpcId"]);
        assert.deepEqual(Object.keys(outputs.services as object).sort(), ["web", "worker"]);
        assert.match(String(outputs.url), /^http:\/\/alb-lb-/);
    });

    it("dev's worker proves it is alive with its configured container health check; web, behind the ALB, has none", async () => {
        const p = await planStackOk("dev");
        const container = (name: string) => JSON.parse(String(p.resources.find((r) => r.name === `${name}-taskdef`)!.inputs.containerDefinitions))[0];
        assert.deepEqual(container("worker").healthCheck, {
            command: ["CMD-SHELL", "test $(( $(date +%s) - $(stat -c %Y /tmp/heartbeat) )) -lt 180"],
            interval: 60,
            timeout: 5,
            retries: 3,
            startPeriod: 30,
        });
        assert.equal(container("web").healthCheck, undefined);
        // dev leaves EFS backups, Container Insights and detailed monitoring off: they cost money nobody reads in dev.
        assert.deepEqual((p.resources.find((r) => r.name === "ecs-cluster")!.inputs as any).settings, [{ name: "containerInsights", value: "disabled" }]);
    });
});

// The CLI runs start as this file loads and run beside the rest of the suite; each test awaits its own.
// Two are the real command in a process of its own (exit 0 and exit 2 through plan/cli.ts); the rest
// run plan/cli-run.ts in this process, the same text and code without a second load of the SDK.
const jsonFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "berth-json-")), "plan.json");
const CLI_RUNS = {
    json: cli("--stack", "dev", "--json", jsonFile, "--quiet"),
    tree: runPlanCli("--stack", "dev"),
    invalid: cli("--stack", "broken", "--dir", tempProject("config:\n  berth:platform: ecs-fargate\n  berth:services:\n    web:\n      image: nginx\n      cpu: 256\n      memory: 4096\n      bogus: 1\n")),
    strict: runPlanCli(
        "--stack",
        "broken",
        "--dir",
        tempProject("config:\n  aws:region: eu-west-1\n  berth:platform: ecs-fargate\n  berth:services:\n    jobs:\n      image: public.ecr.aws/docker/library/busybox:1.36\n      path: /jobs/*\n"),
        "--strict",
        "--quiet",
    ),
    yaml: runPlanCli("--stack", "broken", "--dir", tempProject("config:\n  berth:platform: [ecs-fargate\n")),
    missing: runPlanCli("--stack", "nope"),
};

describe("npm run plan (CLI)", () => {
    it("writes the JSON contract with --json and exits 0", async () => {
        const run = await CLI_RUNS.json;
        assert.equal(run.status, 0, run.stderr);
        const doc = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
        assert.deepEqual(Object.keys(doc), ["stack", "project", "platform", "resources", "outputs", "warnings", "parity", "startPaths", "cost", "deployTime", "policy"]);
        // dev's documentation CIDR, marked "Replace" in Pulumi.dev.yaml.
        assert.deepEqual(
            doc.warnings.map((w: { code: string; path: string }) => [w.code, w.path]),
            [["placeholder", "berth:loadBalancer.allowedCidrs.0"]],
        );
        assert.equal(doc.stack, "dev");
        assert.equal(doc.project, "berth");
        for (const r of doc.resources) {
            for (const k of ["urn", "type", "name", "parent", "inputs", "dependencies"]) assert.ok(k in r, `${r.urn} lacks ${k}`);
        }
        const svc = doc.resources.find((r: any) => r.type === "aws:ecs/service:Service" && r.name === "web-service");
        assert.equal(svc.parent, "urn:pulumi:dev::berth::berth:ecs:Service$berth:ecs:EcsService::web");
        // Grouped under the service since it was first deployed at the top: an alias moves it there.
        const component = doc.resources.find((r: any) => r.urn === svc.parent);
        assert.deepEqual(component.aliases, ["urn:pulumi:dev::berth::berth:ecs:EcsService::web"]);
        assert.deepEqual(svc.aliases, []);
    });

    it("prints the tree and the per-type summary", async () => {
        const run = await CLI_RUNS.tree;
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /pulumi:pulumi:Stack\s+berth-dev/);
        assert.match(run.stdout, /└─ aws:ecs\/service:Service\s+worker-service/);
        assert.match(run.stdout, /\n\s+2\s+aws:ecs\/service:Service\n/);
    });

    it("exits 2 with every message on stderr and no stack trace for an invalid config", async () => {
        const run = await CLI_RUNS.invalid;
        assert.equal(run.status, 2);
        assert.equal(run.stdout, "");
        assert.match(run.stderr, /berth:services\.web\.bogus is 1; expected no such key/);
        assert.doesNotMatch(run.stderr, /\n\s+at /);
    });

    it("exits 2 under --strict for a config that only has warnings, listing them as errors", async () => {
        const run = await CLI_RUNS.strict;
        assert.equal(run.status, 2);
        assert.equal(run.stdout, "");
        assert.equal(run.stderr, "berth: Pulumi.broken.yaml has 1 error (--strict):\n  - berth:services.jobs.path: does nothing on a private service: only public services are routed by path on the load balancer\n");
    });

    it("exits 2 with the parser's message, the line and a caret, and no stack trace, when the stack file is not valid YAML", async () => {
        const run = await CLI_RUNS.yaml;
        assert.equal(run.status, 2);
        assert.match(
            run.stderr,
            /Pulumi\.broken\.yaml:2:19: not valid YAML: Flow sequence .* end with a \]: close it on the same line, or write the list one item per line\n {6}1 \| config:\n {6}2 \| {3}berth:platform: \[ecs-fargate\n {6} {2}\| {19}\^/,
        );
        assert.doesNotMatch(run.stderr, /\n\s+at /);
    });

    it("exits 1 naming the stacks that exist when the stack file is missing", async () => {
        const run = await CLI_RUNS.missing;
        assert.equal(run.status, 1);
        assert.match(run.stderr, /no stack file Pulumi\.nope\.yaml; stacks here: .*dev/);
    });
});

describe("npm run plan arguments", () => {
    it("reads every flag, with a value after it or after '='", () => {
        assert.deepEqual(parseArgs(["--stack", "prod", "--json=-", "--quiet", "--strict", "--dir", "/x"]), { stack: "prod", json: "-", quiet: true, strict: true, dir: "/x" });
        assert.deepEqual(parseArgs([]), { stack: "dev", quiet: false, strict: false });
    });

    for (const argv of [["--json"], ["--json", "--quiet"], ["--stack="], ["--dir"]]) {
        it(`refuses ${argv.join(" ")}: the flag needs a value`, () => {
            assert.throws(
                () => parseArgs(argv),
                (e: unknown) => e instanceof PlanError && e.message.startsWith(`${argv[0].split("=")[0]} needs a value`),
            );
        });
    }

    it("refuses an unknown flag, with the usage", () => {
        assert.throws(
            () => parseArgs(["--stak", "dev"]),
            (e: unknown) => e instanceof PlanError && /^unknown argument --stak\nusage: npm run plan/.test(e.message),
        );
    });
});

describe("the engine", () => {
    it("registers no resource when the config is invalid (the engine fails a plan that did)", async () => {
        const result = await plan({ stack: "bad", config: fargateConfig({ "berth:platform": "nope" }), project: "berth" });
        assert.ok(!result.ok);
        assert.deepEqual(
            result.errors.map((e) => e.path),
            ["berth:platform"],
        );
    });

    it("fails a program that registers two resources with one URN", async () => {
        await assert.rejects(plan({ stack: "t", config: {}, project: "berth", entry: path.join(__dirname, "fixtures/duplicate-urn.ts") }), (e: unknown) => e instanceof PlanError && /duplicate resource URN .*::twin/.test(e.message));
    });

    it("collects the program's warnings into the plan instead of Pulumi's log", async () => {
        const result = await plan({ stack: "t", config: {}, project: "berth", entry: path.join(__dirname, "fixtures/warns.ts") });
        assert.ok(result.ok);
        assert.deepEqual(result.plan.warnings, [
            // The engine's own: the config names no region, and the plan had to pick one.
            {
                code: "region-unset",
                path: "aws:region",
                message: "is not set: the plan assumes us-east-1, and pulumi up would use AWS_REGION or fail; set it with pulumi config set aws:region REGION",
            },
            { code: "prod-https", path: "berth:loadBalancer.certificateArn", message: "a prod stack serves HTTP only" },
        ]);
    });

    it("fails loudly on an invoke it has no fake for", async () => {
        await assert.rejects(
            plan({ stack: "t", config: {}, project: "berth", entry: path.join(__dirname, "fixtures/unmocked-invoke.ts") }),
            (e: unknown) => e instanceof PlanError && /aws:rds\/getEngineVersion:getEngineVersion has no fake/.test(e.message),
        );
    });

    it("fails loudly on an AMI lookup other than an EKS-optimized AMI by name", async () => {
        const entry = path.join(__dirname, "fixtures/unmocked-ami.ts");
        await assert.rejects(
            plan({ stack: "t", config: {}, project: "berth", entry }),
            (e: unknown) => e instanceof PlanError && /getAmi: the plan fakes only EKS-optimized AL2023 AMIs owned by amazon, not al2023-ami-2023\.\* \(owned by amazon\)/.test(e.message),
        );
    });

    it("refuses secret values in berth config, top-level or nested, without echoing them", async () => {
        const config = fargateConfig({
            "berth:tags": { secure: "v1:top-level-ciphertext" },
            "berth:services": { web: { environment: { TOKEN: { secure: "v1:nested-ciphertext" } } } },
        });
        const result = await plan({ stack: "s", config, project: "berth" });
        assert.ok(!result.ok);
        assert.deepEqual(result.errors.map((e) => e.path).sort(), ["berth:services", "berth:tags"]);
        assert.match(result.errors[0].allowed, /reference its ARN under services.NAME.secrets/);
        assert.doesNotMatch(JSON.stringify(result.errors), /ciphertext/);
    });

    it("keeps secret config of other namespaces out of the plan's JSON", async () => {
        const result = await plan({ stack: "s", config: fargateConfig({ "aws:secretKey": { secure: "v1:aws-ciphertext" } }), project: "berth" });
        assert.ok(result.ok);
        assert.doesNotMatch(JSON.stringify(result.plan), /ciphertext/);
    });
});

describe("config errors show top-level values as the stack file wrote them", () => {
    const error = (path: string, value: unknown) => ({ path, value, allowed: "x" });

    it("gives back the number or boolean Pulumi turned into text, and leaves everything else", () => {
        const config = { "berth:replicas": 3, "berth:debug": false, "berth:name": "3", "berth:services": { web: { port: 80 } } };
        assert.deepEqual(errorsAsWritten([error("berth:replicas", "3"), error("berth:debug", "false"), error("berth:name", "3"), error("berth:services.web.port", "80"), error("berth:replicas", "4"), error("berth:absent", "1")], config), [
            error("berth:replicas", 3),
            error("berth:debug", false),
            error("berth:name", "3"),
            error("berth:services.web.port", "80"),
            error("berth:replicas", "4"),
            error("berth:absent", "1"),
        ]);
    });

    it("in a plan: an unknown top-level number is shown unquoted", async () => {
        const result = await plan({ stack: "test", project: "berth", config: { ...fargateConfig(), "berth:replicas": 3 } });
        assert.ok(!result.ok);
        assert.deepEqual(
            result.errors.filter((e) => e.path === "berth:replicas"),
            [{ path: "berth:replicas", value: 3, allowed: "no such key in the berth: namespace; see docs/config.md for the keys there" }],
        );
    });
});
