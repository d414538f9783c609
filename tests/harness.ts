// One fixture builder and one way to plan, shared by every test: the same engine as `npm run plan`.
import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as path from "path";
import { ConfigError } from "../config/errors";
import type { Platform } from "../config/schema";
import { plan, Plan, PlannedResource, PlanResult, planStack, PROJECT_DIR } from "../plan/engine";
import { runCli } from "../plan/cli-run";
import { buildReport } from "../plan/report/build";
import type { Report } from "../plan/report/types";
import { hex } from "../plan/fakes";
import { validateConfig, ValidationResult } from "../config/validate";

type Json = Record<string, unknown>;

/** The shipped stack (Pulumi.NAME.yaml) that stands for each platform. */
export const SHIPPED_STACK_OF: Readonly<Record<Platform, string>> = {
    "ecs-fargate": "dev",
    "ecs-ec2": "ecs-ec2",
    "ecs-anywhere": "ecs-anywhere",
    eks: "eks-managed",
    kubernetes: "kubernetes",
    apprunner: "apprunner",
    "ecs-express": "ecs-express",
};

/** A valid ecs-fargate config with one public web service; `overrides` are deep-merged over it. */
export function fargateConfig(overrides: Json = {}): Json {
    const base: Json = {
        "aws:region": "eu-west-1",
        "berth:platform": "ecs-fargate",
        "berth:environment": "dev",
        "berth:loadBalancer": { allowedCidrs: ["198.51.100.0/24"] },
        "berth:services": {
            web: { image: "public.ecr.aws/nginx/nginx:1.27", port: 8080, cpu: 512, memory: 1024, public: true, healthCheck: { path: "/healthz" } },
        },
    };
    return merge(base, overrides);
}

/**
 * A valid ecs-fargate config with every pattern on: a private api that sends to the thumbs worker's
 * queue, tasks ingest (object processing) and report (scheduled batch), and stopped-task alerts.
 */
export function patternsConfig(overrides: Json = {}): Json {
    const image = "public.ecr.aws/docker/library/busybox:1.36";
    const base: Json = {
        "aws:region": "eu-west-1",
        "berth:platform": "ecs-fargate",
        "berth:services": { api: { image, port: 8080 }, thumbs: { image }, ingest: { kind: "task", image }, report: { kind: "task", image } },
        "berth:patterns": {
            objectProcessing: { ingest: { prefix: "incoming/" } },
            scheduledBatch: { report: {} },
            queueWorker: { thumbs: { processingSeconds: 30, acceptableLatencySeconds: 300, maxTasks: 10, senders: ["api"] } },
            stoppedTaskAlerts: { emails: ["oncall@example.com"] },
        },
    };
    return merge(base, overrides);
}

/**
 * A valid config for a fully managed platform (apprunner or ecs-express): fargateConfig's public web
 * service, with the audience written as those platforms require and, on apprunner, the statement that
 * the account already uses App Runner (closed to new customers); `overrides` are deep-merged over it.
 */
export function managedConfig(platform: "apprunner" | "ecs-express", overrides: Json = {}): Json {
    const existing = platform === "apprunner" ? { "berth:apprunner": { existingCustomer: true } } : {};
    return merge(fargateConfig({ "berth:platform": platform, "berth:loadBalancer": { allowedCidrs: ["0.0.0.0/0"] }, ...existing }), overrides);
}

/** The same service on EKS, on one managed node group; `overrides` are deep-merged over it. */
export function eksConfig(overrides: Json = {}): Json {
    return merge(fargateConfig({ "berth:platform": "eks", "berth:eks": { nodeGroups: { general: { type: "managed" } }, adminRoleArns: ["arn:aws:iam::123456789012:role/platform-admin"] } }), overrides);
}

/**
 * The same service on an existing cluster (no AWS), with a secret kubeconfig and an ingress
 * controller that enforces source ranges from ingress-nginx's annotation; `overrides` are deep-merged over it.
 */
export function kubernetesConfig(overrides: Json = {}): Json {
    const ingress = { ingressClass: "nginx", sourceRangeAnnotation: "nginx.ingress.kubernetes.io/whitelist-source-range" };
    return merge(fargateConfig({ "aws:region": null, "berth:platform": "kubernetes", "berth:kubeconfig": { secure: "v1:kubeconfig-ciphertext" }, "berth:kubernetes": ingress }), overrides);
}

/** Deep merge of plain objects; `null` in the override deletes the key. */
export function merge(base: Json, over: Json): Json {
    const out: Json = { ...base };
    for (const [k, v] of Object.entries(over)) {
        if (v === null) delete out[k];
        else if (isPlain(v) && isPlain(out[k])) out[k] = merge(out[k], v);
        else out[k] = v;
    }
    return out;
}
const isPlain = (v: unknown): v is Json => !!v && typeof v === "object" && !Array.isArray(v);

/**
 * Plans are computed once per test run and shared: the same config (or stack file) planned by
 * several test files costs one plan. Tests only read plans, which are plain data. Plan in
 * `beforeEach` or in the test, not in `before`: a shared plan costs a lookup, and StrykerJS then
 * charges each test with the code its plan ran (a `before` hook's work is charged to whichever test
 * ran last, so a mutant there would be tested by the wrong tests).
 */
const plans = new Map<string, Promise<PlanResult>>();
let plansScope = "";

/**
 * How widely plans may be shared. Under StrykerJS (`npm run mutate`) the worker keeps its modules
 * between mutants, so a plan is shared only within one mutant's run (a plan made with another
 * mutant active would hide this one); and, in the coverage run before any mutant is active, only
 * within one test, so each test is charged with all the code its plans run.
 */
function shareScope(): string {
    const stryker = (globalThis as { __stryker__?: { activeMutant?: string; currentTestId?: string } }).__stryker__;
    if (!stryker) return "";
    return stryker.activeMutant === undefined ? `test ${stryker.currentTestId}` : `mutant ${stryker.activeMutant}`;
}

function once(key: string, run: () => Promise<PlanResult>): Promise<PlanResult> {
    const scope = shareScope();
    if (scope !== plansScope) {
        plans.clear();
        plansScope = scope;
    }
    let p = plans.get(key);
    if (!p) plans.set(key, (p = run()));
    return p;
}

/**
 * The layout every plan keeps (STYLE: children are `{ parent: this }` and named `${name}-<role>`):
 * a child is named after its parent component, and a resource at the top is never named like the
 * child of a component, which is what a child that lost its parent looks like. Checked on every
 * plan a test makes, so a dropped `parent` fails whichever test plans that component.
 */
export function layoutProblems(p: Plan): string[] {
    const byUrn = new Map(p.resources.map((r) => [r.urn, r]));
    const components = p.resources.filter((r) => r.component).map((r) => r.name);
    return p.resources.flatMap((r) => {
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        if (parent) return r.name === parent.name || r.name.startsWith(`${parent.name}-`) ? [] : [`${r.type} ${r.name} is not named after its parent ${parent.name}`];
        if (TOP_LEVEL_BY_DESIGN.some(([type, re]) => r.type === type && re.test(r.name))) return [];
        const owner = components.find((c) => r.name.startsWith(`${c}-`));
        return owner ? [`${r.type} ${r.name} is named like a child of ${owner} but has no parent`] : [];
    });
}
/** What compositions create at the top on purpose, though its name starts with a component's. */
const TOP_LEVEL_BY_DESIGN: ReadonlyArray<readonly [string, RegExp]> = [
    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", /^efs-.+-from-eks$/],
    // Each event pattern's bucket and table sit beside the pattern's own component.
    ["berth:storage:SecureBucket", /-(uploads|batch)$/],
    ["berth:storage:ItemTable", /-results$/],
    // A Fargate group of more selectors than one profile holds continues in GROUP-1, GROUP-2, ...
    ["berth:eks:FargateProfile", /-\d+$/],
];

/**
 * Every AWS resource that takes tags carries the stack's own (berth:project, berth:stack,
 * berth:environment), whatever component made it: cost reports and cleanup find resources by them.
 * Checked on every plan of a stack config (fixture programs pass no tags on purpose).
 */
export function untagged(p: Plan): string[] {
    const hasStackTag = (tags: unknown) => (Array.isArray(tags) ? tags.some((t) => t?.key === "berth:stack" && t.value === p.stack) : !!tags && typeof tags === "object" && (tags as Json)["berth:stack"] === p.stack);
    return p.resources.filter((r) => r.type.startsWith("aws:") && "tags" in r.inputs && !hasStackTag(r.inputs.tags)).map((r) => `${r.type} ${r.name} lacks the stack's tags`);
}

function checkedPlan(result: PlanResult, what: string, tagged = true): Plan {
    if (!result.ok) assert.fail(`${what}, got errors:\n${JSON.stringify(result.errors, null, 2)}`);
    const problems = [...layoutProblems(result.plan), ...(tagged ? untagged(result.plan) : [])];
    if (problems.length) assert.fail(`the plan breaks berth's layout:\n${problems.join("\n")}`);
    return result.plan;
}

export async function planOk(config: Json, stack = "test"): Promise<Plan> {
    return checkedPlan(await once(`config\0${stack}\0${JSON.stringify(config)}`, () => plan({ stack, config, project: "berth" })), "expected the config to plan");
}

/** Plans a committed example stack (`Pulumi.<stack>.yaml`), failing with its errors if it does not plan. */
export async function planStackOk(stack: string): Promise<Plan> {
    return checkedPlan(await once(`stack\0${stack}`, () => planStack(stack)), `Pulumi.${stack}.yaml did not plan`);
}

/** Plans a program other than index.ts (a fixture under tests/fixtures), with `config` as its stack config. */
export async function planProgramOk(entry: string, config: Json = { "aws:region": "eu-west-1" }): Promise<Plan> {
    return checkedPlan(await once(`program\0${entry}\0${JSON.stringify(config)}`, () => plan({ stack: "test", config, project: "berth", entry })), `${entry} did not plan`, false);
}

/** Runs validation alone (no engine) over a stack-file-shaped config. */
/**
 * The warnings a test is about: without `placeholder` ones, which the fixtures' documentation CIDRs
 * and example accounts raise on purpose (config/placeholders.test.ts tests those).
 */
export function besidesPlaceholders<W extends { readonly code: string }>(warnings: ReadonlyArray<W>): W[] {
    return warnings.filter((w) => w.code !== "placeholder");
}

export function validateFixture(config: Json): ValidationResult {
    // An encrypted top-level value reaches validation as text, as the engine hands it over (berth:kubeconfig).
    const text = (v: unknown) => (isPlain(v) && Object.keys(v).length === 1 && "secure" in v ? "[secret]" : v);
    const raw = Object.fromEntries(
        Object.entries(config)
            .filter(([k]) => k.startsWith("berth:"))
            .map(([k, v]) => [k.slice("berth:".length), text(v)]),
    );
    return validateConfig(raw, { project: "berth", stack: "test", region: typeof config["aws:region"] === "string" ? config["aws:region"] : undefined });
}

/** The errors of an invalid config; fails if it validates. */
export function fixtureErrors(config: Json): ReadonlyArray<ConfigError> {
    const r = validateFixture(config);
    if (r.ok) assert.fail("expected config errors, but the config validated");
    return r.errors;
}

export function ofType(p: Plan, type: string): PlannedResource[] {
    return p.resources.filter((r) => r.type === type);
}

/** The single resource of `type` named `name`; fails if it is missing. */
export function find(p: Plan, type: string, name: string): PlannedResource {
    const r = p.resources.find((x) => x.type === type && x.name === name);
    if (!r)
        assert.fail(
            `no ${type} named ${name}; have: ${
                ofType(p, type)
                    .map((x) => x.name)
                    .join(", ") || "none of that type"
            }`,
        );
    return r;
}

/** The resource's inputs, typed loosely for assertions. */
export function inputs(p: Plan, type: string, name: string): any {
    return find(p, type, name).inputs;
}

export function json(value: unknown): any {
    return JSON.parse(String(value));
}

/** The error at `path`, failing with the full list when absent. */
export function errorAt(errors: ReadonlyArray<ConfigError>, path: string): ConfigError {
    const e = errors.find((x) => x.path === path);
    if (!e) assert.fail(`no error at ${path}; got:\n${errors.map((x) => `${x.path}: ${x.allowed}`).join("\n")}`);
    return e;
}

/** The subnet ids the plan's fake VPC hands out to the Network component ("net", two AZs). */
export function fakeSubnets(kind: "public" | "private"): string[] {
    return [0, 1].map((i) => `subnet-${kind}-${hex(`net-vpc-${kind}-${i}`, 17)}`);
}

export interface CliRun {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/**
 * `npm run plan -- ARGS` in this process (plan/cli-run.ts, what plan/cli.ts runs), its output held
 * in memory: the same text and exit code without a child's second load of the SDK. Only the process
 * around it (exit after flushing, a closed stdout) needs planCli.
 */
export async function runPlanCli(...args: string[]): Promise<CliRun> {
    let stdout = "";
    let stderr = "";
    const status = await runCli(args, { out: (text) => (stdout += text), err: (text) => (stderr += text) });
    return { status, stdout, stderr };
}

/** `npm run plan -- ARGS` as its script runs it (plan/launch.js), in a child process of its own. */
export function planCli(...args: string[]): Promise<CliRun> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [path.join(PROJECT_DIR, "plan/launch.js"), path.join(PROJECT_DIR, "plan/cli.ts"), ...args], { cwd: PROJECT_DIR });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
        child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
        child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
}

let devReport: Promise<Report> | undefined;
/**
 * `npm run compare -- --stack dev`'s report, built once per run through the shared plans: dev on
 * ecs-ec2 and on eks-managed are the switch matrix's moves of dev (the same donors, under its stack
 * name), so the suite plans each once.
 */
export function sharedDevReport(): Promise<Report> {
    devReport ??= buildReport("dev", { planner: async (config) => ({ ok: true, plan: await planOk(config, "matrix-dev") }) });
    return devReport;
}
