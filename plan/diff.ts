// `npm run plan -- --diff OLD.json`: what would change against an earlier plan's JSON. Resources are
// matched by URN; per changed resource, the paths that differ. Values that are JSON in a string
// (container definitions, IAM policy documents) are compared as JSON. Differences in tags, and values
// that differ only because a referenced resource's fake id or ARN changed, are kept apart: they are
// not what a reviewer is looking for.
import * as fs from "fs";
import { Plan, PlanError, PlannedResource } from "./engine";
import { replacingInputs } from "./replacements";

/** One difference at a path into a resource (`inputs.cpu`, `retainOnDelete`) or into the outputs (`outputs.url`). */
export interface Change {
    readonly path: string;
    /** Absent when the path is new. */
    readonly before?: unknown;
    /** Absent when the path is gone. */
    readonly after?: unknown;
}

export interface ResourceRef {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
}

export interface ChangedResource extends ResourceRef {
    /** Differences that change what is deployed. */
    readonly changes: Change[];
    /** Differences in tags: `tags`, `tagsAll`, tag lists such as an Auto Scaling group's, launch template `tagSpecifications`. */
    readonly tags: Change[];
    /** Values that differ only because a referenced resource's fake id or ARN changed. */
    readonly fakeIds: Change[];
    /** The replace-only inputs (plan/replacements.ts) among the real changes: AWS replaces the resource. */
    readonly replace: string[];
}

export interface PlanDiff {
    /** The earlier plan. */
    readonly against: { readonly stack: string; readonly project: string; readonly platform: string | null };
    readonly summary: {
        readonly added: number;
        readonly removed: number;
        /** Resources with at least one real change. */
        readonly changed: number;
        /** Of those, the ones a replace-only input change replaces. */
        readonly replaced: number;
        /** Resources that differ only in tags or fake ids. */
        readonly tagOrIdOnly: number;
        readonly unchanged: number;
    };
    readonly added: ResourceRef[];
    readonly removed: ResourceRef[];
    /** Every resource that differs at all, real changes or not; in the new plan's order. */
    readonly changed: ChangedResource[];
    readonly outputs: { readonly changes: Change[]; readonly fakeIds: Change[] };
}

/** Real differences: the diff's exit status under `--exit-code`. */
export function hasRealChanges(d: PlanDiff): boolean {
    return d.summary.added + d.summary.removed + d.summary.changed > 0 || d.outputs.changes.length > 0;
}

/** Reads a plan JSON written by `--json`; fails (exit 1) on anything else. */
export function readPlanFile(file: string): Plan {
    let doc: unknown;
    try {
        doc = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new PlanError(`cannot read ${file} as a plan: ${(e as Error).message}`);
    }
    const resources = (doc as Plan | null)?.resources;
    if (!Array.isArray(resources) || !resources.every((r) => typeof r?.urn === "string" && typeof r.type === "string" && r.inputs && typeof r.inputs === "object")) {
        throw new PlanError(`${file} is not a plan: expected the JSON that npm run plan -- --json writes, with a resources list`);
    }
    return doc as Plan;
}

/**
 * The URN without its stack, so that a plan diffs against another stack's plan of the same project.
 * `urn:pulumi:dev::berth::aws:ecs/service:Service::web` becomes `berth::aws:ecs/service:Service::web`.
 */
function key(urn: string): string {
    return urn.split("::").slice(1).join("::");
}

const ref = (r: PlannedResource): ResourceRef => ({ urn: r.urn, type: r.type, name: r.name });

/**
 * The URNs a resource was known by: its own aliases, and those its parent's aliases give it, as the
 * engine derives them (a parent moved from `A` to `B` moves each child from `A$child` to `B$child`).
 */
export function formerUrns(r: PlannedResource, byUrn: ReadonlyMap<string, PlannedResource>): string[] {
    const own = r.aliases ?? [];
    const parent = r.parent ? byUrn.get(r.parent) : undefined;
    const inherited = parent
        ? formerUrns(parent, byUrn).map((p) => {
              // urn:pulumi:STACK::PROJECT::TYPE$CHAIN::NAME
              const [stack, project, chain] = p.split("::");
              return [stack, project, `${chain}$${r.type}`, r.name].join("::");
          })
        : [];
    return [...own, ...inherited];
}

/** What changed from `before` to `after`. Pure: two plans in, the differences out. */
export function diffPlans(before: Plan, after: Plan): PlanDiff {
    const old = new Map(before.resources.map((r) => [key(r.urn), r]));
    const byUrn = new Map(after.resources.map((r) => [r.urn, r]));
    // A resource moved under an alias is the same resource: matched, not removed and added.
    const wasOf = new Map(
        after.resources.map((r) => [
            r.urn,
            old.get(key(r.urn)) ??
                formerUrns(r, byUrn)
                    .map((u) => old.get(key(u)))
                    .find((x) => x),
        ]),
    );
    const matched = new Set([...wasOf.values()].filter((x): x is PlannedResource => !!x).map((r) => key(r.urn)));
    const fakes = { before: fakeIdTable(before), after: fakeIdTable(after) };
    const changed = after.resources.flatMap((r) => {
        const was = wasOf.get(r.urn);
        return was ? diffResource(was, r, fakes) : [];
    });
    // A resource's input that follows another's rename is reported at the rename; an output is what
    // people read (a log group to tail), so a renamed resource there is a real change.
    const outputFakes = { before: fakeIdTable(before, true), after: fakeIdTable(after, true) };
    const outputChanges = classify(compare(before.outputs ?? {}, after.outputs ?? {}, "outputs"), outputFakes, "");
    const real = changed.filter((c) => c.changes.length).length;
    const added = after.resources.filter((r) => !wasOf.get(r.urn)).map(ref);
    const removed = before.resources.filter((r) => !matched.has(key(r.urn))).map(ref);
    return {
        against: { stack: before.stack, project: before.project, platform: before.platform ?? null },
        summary: {
            added: added.length,
            removed: removed.length,
            changed: real,
            replaced: changed.filter((c) => c.replace.length).length,
            tagOrIdOnly: changed.length - real,
            unchanged: after.resources.length - added.length - changed.length,
        },
        added,
        removed,
        changed,
        outputs: { changes: outputChanges.changes, fakeIds: outputChanges.fakeIds },
    };
}

/** A fake id or ARN: the stand-in that replaces it, and whose it is. */
interface Fake {
    readonly token: string;
    readonly owner: string;
}

interface FakeIds {
    readonly before: Map<string, Fake>;
    readonly after: Map<string, Fake>;
}

function diffResource(was: PlannedResource, now: PlannedResource, fakes: FakeIds): ChangedResource[] {
    // Plans written before a field existed lack it; read it as its default.
    const options = (r: PlannedResource) => ({ parent: r.parent ? key(r.parent) : null, retainOnDelete: r.retainOnDelete ?? false, protect: r.protect ?? false, ignoreChanges: r.ignoreChanges ?? [] });
    const found = [...compare(options(was), options(now), ""), ...compare(was.inputs, now.inputs, "inputs")];
    if (!found.length) return [];
    const sorted = classify(found, fakes, key(now.urn));
    // Only a real change replaces: an input that follows a referenced resource's fake id is the same value.
    const touched = (k: string) => sorted.changes.some((c) => c.path === `inputs.${k}` || c.path.startsWith(`inputs.${k}.`) || c.path.startsWith(`inputs.${k}[`));
    return [{ ...ref(now), ...sorted, replace: replacingInputs(now.type, was.inputs, now.inputs).filter(touched) }];
}

const TAG_PATH = /(^|\.)(tags|tagsAll|tagSpecifications)(\.|\[|$)/;

/** Sorts one resource's changes; `self` is its key, whose own id is a real change (its name), never a reference. */
function classify(found: Change[], fakes: FakeIds, self: string): Omit<ChangedResource, keyof ResourceRef | "replace"> {
    const out = { changes: [] as Change[], tags: [] as Change[], fakeIds: [] as Change[] };
    for (const c of found) {
        if (TAG_PATH.test(c.path)) out.tags.push(c);
        else if ("before" in c && "after" in c && sameJson(normalize(c.before, fakes.before, self), normalize(c.after, fakes.after, self))) out.fakeIds.push(c);
        else out.changes.push(c);
    }
    return out;
}

// ---- comparing two values, path by path ----

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function child(path: string, k: string): string {
    const seg = /^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
    return path ? path + seg : seg.replace(/^\./, "");
}

/** A string holding a JSON object or array (containerDefinitions, policy documents), parsed; else undefined. */
function embeddedJson(v: unknown): object | undefined {
    if (typeof v !== "string" || !/^\s*[[{]/.test(v)) return undefined;
    try {
        const parsed: unknown = JSON.parse(v);
        return parsed && typeof parsed === "object" ? parsed : undefined;
    } catch {
        return undefined;
    }
}

/** Fields that name the elements of a list, so that the list compares element by element whatever the order. */
const ELEMENT_KEYS = ["name", "key", "Sid"];

/** The field that names every element of both lists uniquely, if any. */
function elementKey(a: unknown[], b: unknown[]): string | undefined {
    return ELEMENT_KEYS.find((k) =>
        [a, b].every((list) => {
            const names = list.map((x) => (isObject(x) ? x[k] : undefined));
            return names.every((n) => typeof n === "string") && new Set(names).size === names.length;
        }),
    );
}

/** Every path where `a` and `b` differ, leaf by leaf. */
export function compare(a: unknown, b: unknown, path: string): Change[] {
    if (sameJson(a, b)) return [];
    const ja = embeddedJson(a);
    const jb = embeddedJson(b);
    if (ja && jb) return compare(ja, jb, path);
    if (isObject(a) && isObject(b)) return compareEntries(new Map(Object.entries(a)), new Map(Object.entries(b)), (k) => child(path, k));
    if (Array.isArray(a) && Array.isArray(b)) return compareLists(a, b, path);
    return [{ path, before: a, after: b }];
}

function compareEntries(a: Map<string, unknown>, b: Map<string, unknown>, pathOf: (k: string) => string): Change[] {
    return [...new Set([...a.keys(), ...b.keys()])].flatMap((k) => {
        if (!b.has(k)) return [{ path: pathOf(k), before: a.get(k) }];
        if (!a.has(k)) return [{ path: pathOf(k), after: b.get(k) }];
        return compare(a.get(k), b.get(k), pathOf(k));
    });
}

function compareLists(a: unknown[], b: unknown[], path: string): Change[] {
    // A list of plain values (subnets, IAM actions) is one value: an insertion would shift every index.
    if (![...a, ...b].some((x) => x && typeof x === "object")) return [{ path, before: a, after: b }];
    const k = elementKey(a, b);
    if (k) {
        const named = (list: unknown[]) => new Map(list.map((x) => [String((x as Record<string, unknown>)[k]), x]));
        return compareEntries(named(a), named(b), (n) => `${path}[${k}=${n}]`);
    }
    const out: Change[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const p = `${path}[${i}]`;
        if (i >= b.length) out.push({ path: p, before: a[i] });
        else if (i >= a.length) out.push({ path: p, after: b[i] });
        else out.push(...compare(a[i], b[i], p));
    }
    return out;
}

// ---- fake ids ----

/** Every fake id and ARN in a plan, and every URN (an input holding a resource), mapped to a stand-in naming whose it is; with `onlyFake`, no resource whose name the program chose. */
function fakeIdTable(plan: Plan, onlyFake = false): Map<string, Fake> {
    const table = new Map<string, Fake>();
    for (const r of plan.resources) {
        const owner = key(r.urn);
        table.set(r.urn, { token: `<urn of ${owner}>`, owner });
        // A name the program chose (a log group's /berth/PROJECT/STACK/web) is no fake: what people read
        // in the outputs changes for real with it, as between two stacks. Only `onlyFake` leaves it out.
        if (onlyFake && [r.inputs.name, r.inputs.family].some((n) => typeof n === "string")) continue;
        // A very short id ("web") is an ordinary word too often to stand for a resource.
        if (r.id && r.id.length >= 4) table.set(r.id, { token: `<id of ${owner}>`, owner });
        if (r.arn) table.set(r.arn, { token: `<arn of ${owner}>`, owner });
    }
    return table;
}

/** `v` with every fake id or ARN of another resource than `self` replaced by its stand-in, as JSON where a string holds JSON. */
function normalize(v: unknown, table: Map<string, Fake>, self: string): unknown {
    const parsed = embeddedJson(v);
    if (parsed) return normalize(parsed, table, self);
    if (typeof v === "string") {
        const lookup = (s: string) => {
            const fake = table.get(s);
            return fake && fake.owner !== self ? fake.token : undefined;
        };
        return v.replace(/[\w:/.@+=,$-]+/g, (run) => replaceIds(run, lookup));
    }
    if (Array.isArray(v)) return v.map((x) => normalize(x, table, self));
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x, table, self)]));
    return v;
}

/**
 * Replaces ids and ARNs inside one run of id-like characters, such as `service/ecs-cluster-6b3969b/web-service-bd66278`
 * or `arn:aws:s3:::bucket-1a2b3c4/`. Ids start and end at the run's edges or at a `:` or `/`; the longest match wins.
 */
function replaceIds(run: string, lookup: (s: string) => string | undefined): string {
    const exact = lookup(run);
    if (exact) return exact;
    // Log group names start with "/", so an id may begin at a delimiter as well as after one.
    const cuts = [0, ...[...run].flatMap((ch, i) => (ch === ":" || ch === "/" ? [i, i + 1] : [])), run.length];
    let out = "";
    let i = 0;
    while (i < run.length) {
        const end = cuts
            .filter((e) => e > i)
            .reverse()
            .find((e) => lookup(run.slice(i, e)) !== undefined);
        if (end !== undefined) {
            out += lookup(run.slice(i, end));
            i = end;
        } else {
            const next = cuts.find((c) => c > i) ?? run.length;
            out += run.slice(i, next);
            i = next;
        }
    }
    return out;
}

// ---- for people ----

const MAX_VALUE = 100;

function show(v: unknown): string {
    const s = JSON.stringify(v) ?? "undefined";
    return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

/** One line per change: `inputs.cpu: "256" → "512"`; a list of plain values shows what left and what came. */
export function describeChange(c: Change): string {
    if (!("before" in c)) return `${c.path}: added ${show(c.after)}`;
    if (!("after" in c)) return `${c.path}: removed (was ${show(c.before)})`;
    if (Array.isArray(c.before) && Array.isArray(c.after)) {
        const [was, now] = [c.before.map(show), c.after.map(show)];
        const moves = [...was.filter((x) => !now.includes(x)).map((x) => `-${x}`), ...now.filter((x) => !was.includes(x)).map((x) => `+${x}`)];
        return `${c.path}: ${moves.length ? moves.join(" ") : "same values, new order"}`;
    }
    return `${c.path}: ${show(c.before)} → ${show(c.after)}`;
}

/** A change that only swaps the stack's name (`/berth/berth/dev/web` → `/berth/berth/prod/web`) between two stacks' plans. */
export function byStackName(c: Change, from: string, to: string): boolean {
    if (from === to || !("before" in c) || !("after" in c)) return false;
    const esc = from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const swapped = JSON.stringify(c.before).replace(new RegExp(`(?<=[/:"])${esc}(?=[/:"])`, "g"), to);
    return swapped === JSON.stringify(c.after);
}

/** Paths only, for the differences kept apart: `tags: inputs.tags.team, inputs.tagsAll.team`. */
function pathsOf(label: string, changes: Change[]): string[] {
    if (!changes.length) return [];
    const shown = changes.slice(0, 4).map((c) => c.path);
    return [`${label}: ${shown.join(", ")}${changes.length > shown.length ? `, and ${changes.length - shown.length} more` : ""}`];
}

function header(d: PlanDiff, file: string, stack: string): string[] {
    const s = d.summary;
    const lines = [`Against ${file} (${d.against.project}/${d.against.stack}, platform ${d.against.platform ?? "unknown"}):`, `    + ${s.added} to add, - ${s.removed} to remove, ~ ${s.changed} to change, ${s.unchanged} unchanged`];
    if (s.replaced) lines.push(`    -/+ ${s.replaced} of the changes replace${s.replaced === 1 ? "s its resource" : " their resources"}: an input AWS cannot update in place changed`);
    if (s.tagOrIdOnly) lines.push(`    ${s.tagOrIdOnly} more differ only in tags or fake ids (listed last)`);
    if (d.against.stack !== stack) lines.push(`    ${file} is a plan of stack ${d.against.stack}: resources are matched by URN without the stack name`);
    return lines;
}

/** The diff for people: real changes first, then what differs only in tags or fake ids, then the outputs. */
export function renderDiff(d: PlanDiff, file: string, stack: string): string {
    const lines = header(d, file, stack);
    const describe = (c: Change) => describeChange(c) + (byStackName(c, d.against.stack, stack) ? `  (the stack name: ${d.against.stack} → ${stack})` : "");
    const real = d.changed.filter((c) => c.changes.length);
    const incidental = d.changed.filter((c) => !c.changes.length);
    if (d.added.length + d.removed.length + real.length) lines.push("");
    for (const r of d.added) lines.push(`  + ${r.type}  ${r.name}`);
    for (const r of d.removed) lines.push(`  - ${r.type}  ${r.name}`);
    for (const r of real) {
        lines.push(r.replace.length ? `  -/+ ${r.type}  ${r.name}  (replace: ${r.replace.join(", ")})` : `  ~ ${r.type}  ${r.name}`);
        for (const l of [...r.changes.map(describe), ...pathsOf("tags", r.tags), ...pathsOf("fake ids", r.fakeIds)]) lines.push(`        ${l}`);
    }
    if (incidental.length) {
        lines.push("", "Only tags or fake ids:");
        for (const r of incidental) lines.push(`  ~ ${r.type}  ${r.name}  (${[...pathsOf("tags", r.tags), ...pathsOf("fake ids", r.fakeIds)].join("; ")})`);
    }
    if (d.outputs.changes.length + d.outputs.fakeIds.length) {
        lines.push("", "Outputs:", ...d.outputs.changes.map((c) => `  ~ ${describe(c)}`), ...pathsOf("fake ids", d.outputs.fakeIds).map((l) => `    ${l}`));
    }
    if (!hasRealChanges(d) && !d.summary.tagOrIdOnly && !d.outputs.fakeIds.length) lines.push("", "No differences.");
    return lines.join("\n");
}

/** One line for `--quiet`. */
export function renderDiffSummary(d: PlanDiff, file: string): string {
    const s = d.summary;
    return `against ${file}: +${s.added} -${s.removed} ~${s.changed}${s.replaced ? ` (${s.replaced} replaced)` : ""} (${s.tagOrIdOnly} more in tags or fake ids only), outputs ${d.outputs.changes.length ? "changed" : "unchanged"}`;
}
