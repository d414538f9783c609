// Moving a stack's services to another platform, as a user would: keep the services, swap the blocks
// that choose and shape the platform for those of a shipped stack on the target, and delete what the
// target says it does not use. The comparison report (plan/report/) plans each move.
import { ConfigError } from "../config/errors";
import type { Platform } from "../config/schema";
import { validateConfig } from "../config/validate";
import { loadStackConfig } from "./stackfile";

type Json = Record<string, unknown>;

/** A scheduled batch's timing, as `berth:patterns.scheduledBatch.NAME` writes it. */
interface Batch {
    readonly schedule?: string;
    readonly timezone?: string;
}

/** The keys that choose and shape a platform: what a user swaps to move a stack. */
export const PLATFORM_BLOCKS = ["berth:platform", "berth:eks", "berth:kubernetes", "berth:kubeconfig", "berth:express", "berth:apprunner", "berth:fargate", "berth:ec2", "berth:anywhere"] as const;

/** A place the report plans the services on: a platform, and the shipped stack whose platform blocks stand for it. */
export interface Target {
    /** The report's name for it (`eks-managed`). */
    readonly id: string;
    readonly platform: Platform;
    /** `Pulumi.<donor>.yaml` gives the platform blocks. */
    readonly donor: string;
    /** What the reader must know before choosing it, beside the numbers. */
    readonly mark?: string;
}

/** Every place the report compares, in the order of its columns. ECS Anywhere runs on your own hosts, so it is not offered as a move. */
export const TARGETS: ReadonlyArray<Target> = [
    { id: "ecs-fargate", platform: "ecs-fargate", donor: "dev" },
    { id: "ecs-ec2", platform: "ecs-ec2", donor: "ecs-ec2" },
    { id: "eks-managed", platform: "eks", donor: "eks-managed" },
    { id: "eks-selfmanaged", platform: "eks", donor: "eks-selfmanaged" },
    { id: "eks-fargate", platform: "eks", donor: "eks-fargate" },
    { id: "ecs-express", platform: "ecs-express", donor: "ecs-express" },
    { id: "apprunner", platform: "apprunner", donor: "apprunner", mark: "closed to new customers since 30 April 2026 — existing customers only" },
    { id: "kubernetes", platform: "kubernetes", donor: "kubernetes", mark: "an existing cluster: cost outside AWS unknown" },
];

/** `source` with `donor`'s platform blocks in place of its own. */
export function moved(source: Json, donor: Json): Json {
    const config: Json = structuredClone(source);
    for (const k of PLATFORM_BLOCKS) delete config[k];
    for (const k of PLATFORM_BLOCKS) if (donor[k] !== undefined) config[k] = structuredClone(donor[k]);
    return config;
}

/** Validation alone, over a stack-file-shaped config, as the program runs it. */
export function validateStackConfig(config: Json, stack: string) {
    const raw = Object.fromEntries(
        Object.entries(config)
            .filter(([k]) => k.startsWith("berth:"))
            // An encrypted value reaches validation as text, as the engine hands it over (berth:kubeconfig).
            .map(([k, v]) => [k.slice("berth:".length), v && typeof v === "object" && "secure" in v ? "[secret]" : v]),
    );
    return validateConfig(raw, { project: "berth", stack, region: typeof config["aws:region"] === "string" ? config["aws:region"] : undefined });
}

/** Top-level keys the platform says it does not use, which a user moving the stack would delete. */
const unusedBlocks = (errors: ReadonlyArray<ConfigError>) => errors.filter((e) => /^berth:[A-Za-z]+$/.test(e.path) && e.allowed.startsWith("nothing on platform ")).map((e) => e.path);

/** berth:patterns.scheduledBatch on a platform that refuses patterns: each batch's schedule moves onto its task. */
function withoutPatterns(config: Json): Json {
    const out = structuredClone(config);
    const batches = (out["berth:patterns"] as { scheduledBatch?: Record<string, Batch> } | undefined)?.scheduledBatch ?? {};
    const services = out["berth:services"] as Record<string, Json>;
    for (const [task, batch] of Object.entries(batches)) {
        const svc = services[task];
        svc.schedule = batch.schedule ?? "cron(0 * * * ? *)";
        if (batch.timezone) svc.timezone = batch.timezone;
    }
    delete out["berth:patterns"];
    return out;
}

export type Move = { ok: true; config: Json } | { ok: false; errors: ReadonlyArray<ConfigError> };

/** Validates the move, deleting what the platform names as unused, as a user would, until nothing more goes. */
export function settle(config: Json, stack: string): Move {
    let current = config;
    for (let round = 0; round < 4; round++) {
        const r = validateStackConfig(current, stack);
        if (r.ok) return { ok: true, config: current };
        const unused = unusedBlocks(r.errors);
        if (!unused.length) return { ok: false, errors: r.errors };
        current = unused.includes("berth:patterns") ? withoutPatterns(current) : structuredClone(current);
        for (const k of unused) if (k !== "berth:patterns") delete current[k];
    }
    const r = validateStackConfig(current, stack);
    return r.ok ? { ok: true, config: current } : { ok: false, errors: r.errors };
}

/** The stack's config moved onto `target`, read from the stack files in `dir`. */
export function moveTo(source: Json, target: Target, dir: string, stack: string): Move {
    return settle(moved(source, loadStackConfig(target.donor, dir)), stack);
}
