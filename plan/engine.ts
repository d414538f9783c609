// The offline plan: runs the real program (index.ts) in-process under Pulumi's mock runtime and
// records every resource it registers. The CLI, the benchmark and the tests all use this one engine.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parse as parseYaml } from "yaml";
import { ConfigError, ConfigValidationError } from "../config/errors";
import { setClock } from "../config/clock";
import { collectWarnings, ConfigWarning } from "../config/warnings";
import { ParityEntry, serviceParity } from "../config/parity";
import { startPaths as analyseStart } from "../start";
import { planCost, CostReport, DeployTime } from "../cost";
import { asWritten, errorsAsWritten, secretKeysOf, usageAsWritten } from "./written";
import type { PlannedResource as RecordedResource, StartPath } from "../start/types";
import type { Policy, PolicyReport } from "../policy/types";
import { environmentOf, planPolicies } from "./policy-report";
import { loadStackConfig, PlanError, StackFileError } from "./stackfile";
import { makeOutputsOnFirstRead } from "./lazy-outputs";
import { captureNoRegistrationStacks } from "./traces";
import { rpc, settings, Struct, RegisterRequest, RegisterResponse, RegisterCallback } from "./pulumi-runtime";
import { FAKE_ACCOUNT, FakeContext, FakeInputs, partitionOfRegion, fakeResource, INVOKES, REMOTE_TYPES } from "./fakes";

export const PROJECT_DIR = path.resolve(__dirname, "..");
/** The time every plan runs at, so that time-derived defaults (the ECS Anywhere activation's expiry) are stable. */
export const PLAN_TIME = new Date("2026-01-01T00:00:00Z");
export const SECRET = "[secret]";

/** A recorded resource: what the start-path analysis reads (start/types.ts), and the options a reviewer must see. */
export interface PlannedResource extends RecordedResource {
    /** Left in the cloud on `pulumi destroy` (the retainOnDelete option). */
    readonly retainOnDelete: boolean;
    /** Pulumi refuses to delete it until the option is removed (the protect option, inherited from the parent). */
    readonly protect: boolean;
    /** Input properties later updates leave alone (the ignoreChanges option). */
    readonly ignoreChanges: string[];
    /** URNs the resource was known by before (the aliases option): `pulumi up` moves it instead of replacing it. */
    readonly aliases: string[];
}

export interface Plan {
    readonly stack: string;
    readonly project: string;
    readonly platform: string | null;
    readonly resources: PlannedResource[];
    readonly outputs: Record<string, unknown>;
    /** Config that deploys but deserves a word, e.g. a prod stack on HTTP only. Never fails a plan (but see `--strict`). */
    readonly warnings: ConfigWarning[];
    /**
     * How each service's keys, as the stack file writes them, land on the platform (config/parity.ts).
     * Every plan the engine makes has it; plans read from older JSON may not.
     */
    readonly parity?: ParityEntry[];
    /** Whether each workload can start: its image, secrets, logs, health and order (start/, issue 23). Plans read from older JSON may not have it. */
    readonly startPaths?: StartPath[];
    /** The guardrails (policy/, issue 21): the policies that passed and every violation, at its level in the stack's environment. Plans read from older JSON may not have it. */
    readonly policy?: PolicyReport;
    /** The monthly cost at list prices, fixed and usage-driven apart (cost/, issue 24). Plans read from older JSON may not have it. */
    readonly cost?: CostReport;
    /** The first `pulumi up`'s estimated length: the critical path through the dependency graph (cost/deploy-time.ts). Plans read from older JSON may not have it. */
    readonly deployTime?: DeployTime;
}

export type PlanResult = { ok: true; plan: Plan } | { ok: false; errors: ReadonlyArray<ConfigError> };

export interface PlanOptions {
    readonly stack: string;
    /** Full config map as in a stack file (`berth:platform`, `aws:region`, ...). */
    readonly config: Record<string, unknown>;
    /** @default the name in Pulumi.yaml */
    readonly project?: string;
    /** The program module to run. @default the project's index.ts */
    readonly entry?: string;
    /** The folder the program runs in, as `pulumi up` runs it in the project's: build contexts are relative to it. @default the current one */
    readonly cwd?: string;
    /** The policies to run on the resources. @default every policy (policy/rules) */
    readonly policies?: ReadonlyArray<Policy>;
}

/** The JSON contract as `--json` writes it: two-space indented, with a final newline. */
export function planJson(plan: Plan): string {
    return JSON.stringify(plan, null, 2) + "\n";
}

export { PlanError, StackFileError } from "./stackfile";

export function projectName(dir = PROJECT_DIR): string {
    const file = path.join(dir, "Pulumi.yaml");
    // A command-line mistake (--dir at the wrong folder), not a bug: a plain message, no stack trace.
    if (!fs.existsSync(file)) throw new PlanError(`no Pulumi.yaml in ${dir}: --dir names the folder of a Pulumi project, with its Pulumi.yaml and stack files`);
    const doc = parseYaml(fs.readFileSync(file, "utf8")) as { name: string };
    return doc.name;
}

const isSecure = (v: unknown): boolean => !!v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && "secure" in v;

/** Replaces `{ secure: ... }` leaves with "[secret]", saying whether there were any. */
function stripSecure(v: unknown): { value: unknown; secret: boolean } {
    if (isSecure(v)) return { value: SECRET, secret: true };
    if (v && typeof v === "object") {
        let secret = false;
        const walk = (x: unknown) => {
            const r = stripSecure(x);
            secret ||= r.secret;
            return r.value;
        };
        const value = Array.isArray(v) ? v.map(walk) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
        return { value, secret };
    }
    return { value: v, secret: false };
}

/**
 * The stack file's config as Pulumi hands it to a program: strings, with structured values as JSON.
 * Encrypted values cannot be decrypted offline; like Pulumi, a key holding any is a secret key.
 */
function toConfigMap(project: string, config: Record<string, unknown>): { values: Record<string, string>; secretKeys: string[] } {
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [rawKey, raw] of Object.entries(config)) {
        const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
        const { value, secret } = stripSecure(raw);
        values[key] = typeof value === "string" ? value : JSON.stringify(value);
        if (secret) secretKeys.push(key);
    }
    return { values, secretKeys };
}

function isSecretValue(v: unknown): v is { value: unknown } {
    return !!v && typeof v === "object" && (v as Record<string, unknown>)[rpc.specialSigKey] === rpc.specialSecretSig;
}

/** Replaces secrets with a marker and drops undefined, so the JSON never carries a secret value. */
export function redact(v: unknown): unknown {
    if (isSecretValue(v)) return SECRET;
    if (Array.isArray(v)) return v.map(redact);
    if (v && typeof v === "object") {
        return Object.fromEntries(
            Object.entries(v)
                .filter(([, x]) => x !== undefined)
                .map(([k, x]) => [k, redact(x)]),
        );
    }
    return v;
}

async function resolveOutput(v: unknown): Promise<unknown> {
    const out = pulumi.output(v) as pulumi.Output<unknown>;
    if (await pulumi.isSecret(out)) return SECRET;
    return new Promise((resolve) => out.apply((x) => resolve(x)));
}

/** The plan needs a region for its fake ARNs and picks one; `pulumi up` would take AWS_REGION, or fail. */
const NO_REGION: ConfigWarning = {
    code: "region-unset",
    path: "aws:region",
    message: "is not set: the plan assumes us-east-1, and pulumi up would use AWS_REGION or fail; set it with pulumi config set aws:region REGION",
};

let queue: Promise<unknown> = Promise.resolve();

/** Plans one stack config. Plans run one at a time: Pulumi's runtime state is process-global. */
export function plan(opts: PlanOptions): Promise<PlanResult> {
    const run = queue.then(() => inFolder(opts.cwd, () => planNow(opts)));
    queue = run.catch(() => undefined);
    return run;
}

async function inFolder<T>(dir: string | undefined, run: () => Promise<T>): Promise<T> {
    const cwd = process.cwd();
    if (dir) process.chdir(dir);
    try {
        return await run();
    } finally {
        process.chdir(cwd);
    }
}

async function planNow(opts: PlanOptions): Promise<PlanResult> {
    const project = opts.project ?? projectName();
    const { values, secretKeys } = toConfigMap(project, opts.config);
    const region = values["aws:region"] ?? "us-east-1";
    const ctx: FakeContext = { region, account: FAKE_ACCOUNT, partition: partitionOfRegion(region) };
    const failures: string[] = [];
    await installMocks(project, opts.stack, ctx, failures);
    pulumi.runtime.setAllConfig(values, secretKeys);
    const { records, order } = recordRegistrations(failures);

    const onRejection = (reason: unknown) => failures.push(String((reason as Error)?.stack ?? reason));
    process.on("unhandledRejection", onRejection);
    const warnings: ConfigWarning[] = [];
    collectWarnings((w) => warnings.push(w));
    setClock(() => PLAN_TIME);
    try {
        const result = await runProgram(require.resolve(opts.entry ?? path.join(PROJECT_DIR, "index")), order, failures);
        if (!result.ok) return { ok: false, errors: errorsAsWritten(result.errors, opts.config) };
        const { outputs } = result;
        // Providers are plumbing, not something `pulumi up` asks you to approve.
        const resources = order.map((u) => records.get(u)!).filter((r) => !r.type.startsWith("pulumi:providers:"));
        const platform = (outputs.platform as string) ?? values[`berth:platform`] ?? null;
        if (values["aws:region"] === undefined && platform !== "kubernetes") warnings.unshift(NO_REGION);
        const written = asWritten(values["berth:services"]);
        const parity = serviceParity(platform, written);
        const started = performance.now();
        const startPaths = analyseStart(resources, { platform: platform ?? "", account: FAKE_ACCOUNT, region, secretKeys: secretKeysOf(written) });
        // `npm run bench` reads the analysis's share of the plan from here.
        if (process.env.BERTH_BENCH_PHASES === "1") process.stderr.write(`start-paths-ms=${(performance.now() - started).toFixed(1)}\n`);
        const policy = planPolicies(resources, platform ?? "", environmentOf(values["berth:environment"]), opts.policies);
        const costStarted = performance.now();
        const { cost, deployTime } = planCost(resources, { region, platform: platform ?? "", usage: usageAsWritten(values["berth:usage"]) });
        if (process.env.BERTH_BENCH_PHASES === "1") process.stderr.write(`cost-ms=${(performance.now() - costStarted).toFixed(1)}\n`);
        return { ok: true, plan: { stack: opts.stack, project, platform, resources, outputs, warnings, parity, startPaths, cost, deployTime, policy } };
    } finally {
        collectWarnings(undefined);
        setClock(undefined);
        process.off("unhandledRejection", onRejection);
    }
}

/** Puts Pulumi's runtime in mock mode: fake resources, and fake invokes that record a failure when none exists. */
async function installMocks(project: string, stack: string, ctx: FakeContext, failures: string[]): Promise<void> {
    captureNoRegistrationStacks();
    makeOutputsOnFirstRead();
    await pulumi.runtime.setMocks(
        {
            // Pulumi types a resource's and an invoke's inputs `any`: they are its input properties, resolved, as its schema has them.
            newResource: (args) => fakeResource({ type: args.type, name: args.name, inputs: args.inputs as FakeInputs }, ctx),
            call: (args) => {
                const fake = INVOKES[args.token];
                if (!fake) {
                    failures.push(`invoke ${args.token} has no fake in plan/fakes.ts; the plan cannot answer it offline`);
                    throw new PlanError(`unmocked invoke ${args.token}`);
                }
                try {
                    return fake(args.inputs as FakeInputs, ctx);
                } catch (e) {
                    failures.push(`invoke ${args.token}: ${(e as Error).message}`);
                    throw e;
                }
            },
        },
        project,
        stack,
        false,
    );
}

/** What the wrapped monitor saw: each registered resource by URN, and the URNs in registration order. */
interface Registrations {
    readonly records: Map<string, PlannedResource>;
    readonly order: string[];
}

/** Wraps the mock monitor's registerResource so every registration is recorded with its parent, dependencies and options. */
function recordRegistrations(failures: string[]): Registrations {
    const records = new Map<string, PlannedResource>();
    const order: string[] = [];
    const monitor = settings.getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: RegisterRequest, callback: RegisterCallback) => {
        const type = req.getType();
        if (req.getRemote() && !REMOTE_TYPES.includes(type)) {
            failures.push(`remote component ${type} has no fake outputs in plan/fakes.ts`);
        }
        register(req, (err, resp) => {
            if (!err && resp) {
                const urn = resp.getUrn();
                // The mock monitor accepts a second registration of a URN; the real engine does not.
                if (records.has(urn)) failures.push(`duplicate resource URN ${urn}: two children share a type and name`);
                records.set(urn, plannedResource(urn, type, req, resp));
                order.push(urn);
            }
            callback(err, resp);
        });
    };
    return { records, order };
}

/** One registration request and the monitor's response, as the plan reports it. */
function plannedResource(urn: string, type: string, req: RegisterRequest, resp: RegisterResponse): PlannedResource {
    const state = resp.getObject()?.toJavaScript() ?? {};
    const inputs = redact(deserializeInputs(req.getObject())) as Record<string, unknown>;
    return {
        urn,
        type,
        name: req.getName(),
        parent: req.getParent() || null,
        inputs,
        dependencies: [...new Set<string>(req.getDependenciesList())],
        id: resp.getId() || null,
        // An `arn` the resource was given (an event target's, a topic policy's topic) is not its own.
        arn: typeof state.arn === "string" && state.arn !== inputs.arn ? state.arn : null,
        component: !req.getCustom(),
        retainOnDelete: req.getRetainondelete() === true,
        protect: req.getProtect() === true,
        ignoreChanges: req.getIgnorechangesList(),
        aliases: req
            .getAliasesList()
            .map((a) => a.getUrn())
            .filter((u) => !!u),
    };
}

/**
 * A resource passed as an input (an eks.Cluster handed to a node group) arrives as a reference. The
 * SDK would rehydrate it into a live resource object; the plan records its URN instead, as the real
 * engine's state does.
 */
function referencesAsUrns(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(referencesAsUrns);
    if (!v || typeof v !== "object") return v;
    const o = v as Record<string, unknown>;
    if (o[rpc.specialSigKey] === rpc.specialResourceSig) return o.urn;
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, referencesAsUrns(x)]));
}

/** `rpc.deserializeProperties`, with resource references kept as URNs. */
function deserializeInputs(struct: Struct): Record<string, unknown> {
    const raw = referencesAsUrns(struct.toJavaScript()) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(raw).flatMap(([k, x]) => (x === undefined ? [] : [[k, rpc.deserializeProperty(x)]])));
}

type ProgramResult = { ok: true; outputs: Record<string, unknown> } | { ok: false; errors: ReadonlyArray<ConfigError> };

/**
 * Drops the previous run of the program module. Node also lists every module a module required in
 * its `children`, and that list outlives the require cache: each plan's exports, and through them
 * every resource it registered, would stay reachable from this module for the life of the process.
 */
function forgetModule(entry: string): void {
    const previous = require.cache[entry];
    const i = previous ? module.children.indexOf(previous) : -1;
    if (i >= 0) module.children.splice(i, 1);
    delete require.cache[entry];
}

/** Runs the program module afresh and resolves its exports; a config error comes back as errors, anything else throws. */
async function runProgram(entry: string, order: ReadonlyArray<string>, failures: string[]): Promise<ProgramResult> {
    forgetModule(entry);
    let exported: Record<string, unknown>;
    try {
        // The program's exports, or a promise of them (a program whose top level is an async function).
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program is loaded as `pulumi up` loads it, by require(), inside the mocked runtime
        exported = await (require(entry) as Record<string, unknown> | Promise<Record<string, unknown>>);
    } catch (e) {
        if (!(e instanceof ConfigValidationError)) throw e;
        await settings.waitForRPCs();
        // Validation must run before anything is registered, so a bad config creates nothing.
        if (order.length) throw new PlanError(`config was invalid, yet ${order.length} resources were registered before validation: ${order.join(", ")}`);
        return { ok: false, errors: e.errors };
    }
    return { ok: true, outputs: await resolveOutputs(exported, failures) };
}

/** The program's exports, resolved and redacted, once every registration has finished. */
async function resolveOutputs(exported: Record<string, unknown>, failures: string[]): Promise<Record<string, unknown>> {
    const outputs: Record<string, unknown> = {};
    const fail = () => new PlanError(`the program failed under the plan:\n  - ${failures.join("\n  - ")}`);
    try {
        for (const [k, v] of Object.entries(exported ?? {})) {
            const resolved = await resolveOutput(v);
            if (resolved !== undefined) outputs[k] = redact(resolved);
        }
        await settings.waitForRPCs();
    } catch (e) {
        // The failure the engine recorded says more than the error that surfaced from an Output.
        throw failures.length ? fail() : e;
    }
    if (failures.length) throw fail();
    return outputs;
}

/** Plans a stack from its `Pulumi.<stack>.yaml` in `dir` (the project's own folder by default). */
export async function planStack(stack: string, dir = PROJECT_DIR): Promise<PlanResult> {
    let config: Record<string, unknown>;
    try {
        config = loadStackConfig(stack, dir);
    } catch (e) {
        if (e instanceof StackFileError) return { ok: false, errors: e.errors };
        throw e;
    }
    return plan({ stack, config, project: projectName(dir), cwd: dir });
}
