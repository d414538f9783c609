// The fuzzer's cases (issue 21): a shipped stack file, damaged by a few operators a user's hand (or
// a copy from another stack) might apply. fast-check draws them from a seed, so a failure names
// the seed and the path that reproduces it.
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { stringify } from "yaml";
import { PLATFORMS, ENVIRONMENTS } from "../../config/schema";
import { PROJECT_DIR } from "../../plan/engine";

type Json = Record<string, unknown>;

/** Every shipped stack file, by stack name, as text. */
export const SHIPPED: ReadonlyArray<{ stack: string; source: string }> = fs
    .readdirSync(PROJECT_DIR)
    .filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f))
    .sort()
    .map((f) => ({ stack: f.split(".")[1], source: fs.readFileSync(path.join(PROJECT_DIR, f), "utf8") }));

/** One operator, as drawn: its kind, the numbers that pick where and what, and for YAML its damage. */
export interface Op {
    readonly kind: "delete" | "typo" | "type-swap" | "extreme" | "unicode" | "move" | "platform" | "environment" | "yaml";
    readonly at: number;
    readonly pick: number;
    readonly damage?: YamlDamage;
}

export type YamlDamage = "anchor-merge" | "alias" | "dedent" | "tab" | "truncate" | "unclose" | "quote-number";

export interface FuzzCase {
    readonly stack: string;
    readonly ops: ReadonlyArray<Op>;
}

const at = fc.nat({ max: 1_000_000 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constantFrom("delete", "typo", "type-swap", "extreme", "unicode", "move"), at, pick: at }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom("platform", "environment"), at, pick: at }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("yaml"), damage: fc.constantFrom<YamlDamage>("anchor-merge", "alias", "dedent", "tab", "truncate", "unclose", "quote-number"), at, pick: at }) },
);

/** A shipped stack and one to three operators. */
export const caseArb: fc.Arbitrary<FuzzCase> = fc.record({ stack: fc.constantFrom(...SHIPPED.map((s) => s.stack)), ops: fc.array(opArb, { minLength: 1, maxLength: 3 }) });

const isMap = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** Every path into the config, for an operator to pick one of: [parent, key]. */
function slots(root: Json): Array<[Json | unknown[], string | number]> {
    const out: Array<[Json | unknown[], string | number]> = [];
    const walk = (v: unknown) => {
        if (Array.isArray(v)) {
            v.forEach((x, i) => {
                out.push([v, i]);
                walk(x);
            });
        } else if (isMap(v)) {
            for (const k of Object.keys(v)) {
                out.push([v, k]);
                walk(v[k]);
            }
        }
    };
    walk(root);
    return out;
}

const EXTREMES: ReadonlyArray<unknown> = [0, -1, 1e308, -1e308, 2 ** 53, 0.5, 65536, 4294967296, "", " ", "1e3", "0x10", 1_000_000];
const UNICODE: ReadonlyArray<string> = ["wéb", "web\u200b", "ωεβ", "🚀", "we b", "WEB", "web\n", "\u202eweb", "aws:web", "a".repeat(300), "", "ẞ"];
const SWAPS = (v: unknown): unknown[] => [typeof v === "string" ? 42 : "42", true, null, [v], { value: v }, typeof v === "number" ? String(v) : 7];

/** Keys a hand moves: a service key up to the top, a top key into a service, a key beside the services. */
function move(config: Json, slot: [Json | unknown[], string | number], pick: number): void {
    const [parent, key] = slot;
    if (Array.isArray(parent) || typeof key !== "string") return;
    const value = parent[key];
    delete parent[key];
    const services = config["berth:services"];
    const targets: Json[] = [config, ...(isMap(services) ? [services, ...Object.values(services).filter(isMap)] : [])];
    const into = targets[pick % targets.length];
    into[into === config && !key.includes(":") ? `berth:${key}` : key.replace(/^berth:/, "")] = value;
}

function rename(parent: Json, key: string, pick: number): void {
    const chars = [...key];
    const i = pick % Math.max(1, chars.length);
    const variants = [chars.filter((_, j) => j !== i).join(""), [...chars.slice(0, i), chars[i], ...chars.slice(i)].join(""), key.toLowerCase(), key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), `${key}s`];
    const renamed = variants[pick % variants.length];
    if (renamed === key || renamed in parent) return;
    parent[renamed] = parent[key];
    delete parent[key];
}

/** The case's config after its operators; YAML damage works on the text, the rest on the parsed map. */
export function applyOps(config: Json, ops: ReadonlyArray<Op>): Json {
    const c = structuredClone(config);
    for (const op of ops) {
        if (op.kind === "yaml") continue;
        if (op.kind === "platform") {
            c["berth:platform"] = [...PLATFORMS, "ecs", "fargate", "EKS"][op.pick % (PLATFORMS.length + 3)];
            continue;
        }
        if (op.kind === "environment") {
            c["berth:environment"] = [...ENVIRONMENTS, "production", "Prod", ""][op.pick % (ENVIRONMENTS.length + 3)];
            continue;
        }
        {
            const all = slots(c);
            if (!all.length) continue;
            const slot = all[op.at % all.length];
            const [parent, key] = slot;
            const get = () => (parent as Record<string | number, unknown>)[key];
            const set = (v: unknown) => ((parent as Record<string | number, unknown>)[key] = v);
            if (op.kind === "delete") {
                if (Array.isArray(parent)) parent.splice(key as number, 1);
                else delete parent[key as string];
            } else if (op.kind === "typo" && !Array.isArray(parent)) rename(parent, key as string, op.pick);
            else if (op.kind === "type-swap") set(SWAPS(get())[op.pick % 6]);
            else if (op.kind === "extreme") set(EXTREMES[op.pick % EXTREMES.length]);
            else if (op.kind === "unicode") {
                const u = UNICODE[op.pick % UNICODE.length];
                // Half the time the key, half the value: names are where unicode hurts.
                if (op.pick % 2 && !Array.isArray(parent) && typeof key === "string") {
                    parent[u] = get();
                    delete parent[key];
                } else set(u);
            } else if (op.kind === "move") move(c, slot, op.pick);
        }
    }
    return c;
}

/** A YAML-level damage on a stack file's text (after the map's operators are written back). */
export function damageYaml(source: string, damage: YamlDamage, pick: number): string {
    const lines = source.split("\n");
    const content = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s+\S/.test(l) && !/^\s*#/.test(l));
    const [line, i] = content[pick % Math.max(1, content.length)] ?? ["", 0];
    switch (damage) {
        case "anchor-merge": {
            // Two services sharing a base through an anchor and a merge key, as Pulumi users write them.
            const m = /^(\s+)([a-z][a-z0-9-]*):\s*$/.exec(lines.find((l) => /^ {4}[a-z][a-z0-9-]*:\s*$/.test(l)) ?? "");
            if (!m) return source;
            const first = lines.findIndex((l) => l === m[0]);
            lines[first] = `${m[1]}${m[2]}: &base`;
            lines.splice(first, 0, `${m[1]}${m[2]}-copy:`, `${m[1]}  <<: *base`, `${m[1]}  desiredCount: 1`);
            return lines.join("\n");
        }
        case "alias":
            return source.replace(/^( {2}berth:platform: )(\S+)/m, "$1&p $2").replace(/^( {2}berth:environment: )\S+/m, "$1*p");
        case "dedent":
            lines[i] = line.replace(/^ {2}/, "");
            return lines.join("\n");
        case "tab":
            lines[i] = line.replace(/^ {2}/, "\t");
            return lines.join("\n");
        case "truncate":
            return source.slice(0, Math.floor(source.length * ((pick % 97) / 97)));
        case "unclose":
            lines[i] = line.replace(/: (\S.*)$/, ": [$1");
            return lines.join("\n");
        case "quote-number":
            lines[i] = line.replace(/: (\d+)\s*$/, ': "$1"');
            return lines.join("\n");
    }
}

const parsed = new Map<string, Json>();

/** A shipped stack's config map, parsed once (applyOps clones it). */
export function shippedConfig(stack: string, parse: (source: string) => Json): Json {
    if (!parsed.has(stack)) parsed.set(stack, parse(SHIPPED.find((s) => s.stack === stack)!.source));
    return parsed.get(stack)!;
}

/** Whether the case damages the text: only then does it go through YAML (the rest is the same map either way). */
export const damagesText = (c: FuzzCase) => c.ops.some((o) => o.kind === "yaml");

/** The case as a stack file's text: the shipped file when no map operator applies (its comments and anchors intact). */
export function caseSource(fc_: FuzzCase, parse: (source: string) => Json): string {
    const shipped = SHIPPED.find((s) => s.stack === fc_.stack)!.source;
    const mapOps = fc_.ops.filter((o) => o.kind !== "yaml");
    let source = mapOps.length ? stringify({ config: applyOps(shippedConfig(fc_.stack, parse), mapOps) }) : shipped;
    for (const op of fc_.ops) if (op.kind === "yaml" && op.damage) source = damageYaml(source, op.damage, op.at);
    return source;
}
