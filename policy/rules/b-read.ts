// Reading a planned resource's inputs without `any`: the plan records them as JSON, so each reader
// narrows one value and says what it found, in words a violation message can quote.
import type { PlannedResource } from "../../start/types";
import type { PolicyContext } from "../types";

export type Json = Record<string, unknown>;

export function rec(v: unknown): Json {
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {};
}

export function list(v: unknown): unknown[] {
    return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string | undefined {
    return typeof v === "string" && v !== "" ? v : undefined;
}

/** A value as a message shows it: `unset`, `"text"`, `true`, `[a, b]`. */
export function shown(v: unknown): string {
    if (v === undefined || v === null) return "unset";
    return JSON.stringify(v);
}

/** The inputs at a dotted path (`metadataOptions.httpTokens`). */
export function at(r: PlannedResource, path: string): unknown {
    return path.split(".").reduce<unknown>((v, key) => rec(v)[key], r.inputs);
}

/** Booleans as the AWS provider takes them, also as strings (`"true"`). */
export function isTrue(v: unknown): boolean {
    return v === true || v === "true";
}

/** A tag from the `tags` map (most types) or the `tags` list of `{ key, value }` (Auto Scaling groups). */
export function tag(r: PlannedResource, key: string): string | undefined {
    const tags = r.inputs.tags;
    if (Array.isArray(tags)) return str(tags.map(rec).find((t) => t.key === key)?.value);
    return str(rec(tags)[key]);
}

/** The `retainOnDelete` option the plan records (plan/engine.ts); start's narrower shape lacks it. */
export function retained(r: PlannedResource): boolean {
    return "retainOnDelete" in r && r.retainOnDelete === true;
}

/** The resources of `types` whose input `field` names `ref` (a physical id, name or ARN). */
export function referring(ctx: PolicyContext, types: ReadonlyArray<string>, field: string, refs: ReadonlyArray<string | null>): PlannedResource[] {
    const wanted = refs.filter((x): x is string => !!x);
    return types.flatMap((t) => ctx.ofType(t)).filter((o) => wanted.includes(String(at(o, field))));
}

/** The ids a resource is known by in other resources' inputs: physical id, name, ARN. */
export function refsOf(r: PlannedResource): string[] {
    return [r.id, str(r.inputs.name), str(r.inputs.bucket), r.arn].filter((x): x is string => !!x);
}

/** `n entry`/`n entries` with the values, for limits (`subnets has 1 entry ["subnet-a"]`). */
export function counted(field: string, values: unknown[]): string {
    return `${field} has ${values.length} ${values.length === 1 ? "entry" : "entries"} ${shown(values)}`;
}
