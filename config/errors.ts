import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { closest, didYouMean } from "./suggest";

/** One config mistake: where it is, what was there, and what would have been accepted. */
export interface ConfigError {
    /** Full key path, e.g. `berth:services.web.cpu`. */
    readonly path: string;
    /** The value found there (`undefined` when the key is missing). */
    readonly value: unknown;
    /** What is allowed, phrased to finish "expected ...". */
    readonly allowed: string;
    /** Replaces "is VALUE; expected ALLOWED" where that reads badly (a YAML error, a misplaced key). */
    readonly text?: string;
    /** More lines to show under the message, such as the stack file's line with a caret. */
    readonly detail?: string;
}

export const NAMESPACE = "berth";

/** Why a secret value in berth config is refused, and what to do instead. */
export const NO_SECRETS_IN_CONFIG = "no secret values in berth config: store the secret in Secrets Manager or SSM Parameter Store and reference its ARN under services.NAME.secrets";

/** Builds the `berth:a.b.c` key path from path segments. */
export function keyPath(...segments: ReadonlyArray<PropertyKey>): string {
    // A map key that is empty, or holds a dot or a space (a tag key), is quoted so the path still reads.
    const [head, ...rest] = segments.map((k) => (typeof k === "string" && (k === "" || /[.\s]/.test(k)) ? JSON.stringify(k) : String(k)));
    return [`${NAMESPACE}:${head}`, ...rest].join(".");
}

/** Longest value a message quotes in full; a whole services map on one line hides the sentence after it. */
export const MAX_SHOWN = 80;

/**
 * A value as a message shows it: JSON, or when longer than MAX_SHOWN characters, cut with an
 * ellipsis and followed by its size ("{"web": …, "worker": …} (2 keys)"), so the words after it stay in view.
 */
export function showValue(value: unknown, max = MAX_SHOWN): string {
    const text = JSON.stringify(value) ?? String(value);
    if (text.length <= max) return text;
    const cut = (s: string, room: number) => `${s.slice(0, Math.max(0, room - 1))}…`;
    if (Array.isArray(value)) return `${cut(text, max)} (${value.length} item${value.length === 1 ? "" : "s"})`;
    if (value !== null && typeof value === "object") {
        const keys = Object.keys(value);
        // The keys say what the map is; as many as fit, each with its value elided.
        const shown: string[] = [];
        for (const k of keys) {
            const entry = `${JSON.stringify(k)}: …`;
            if ([...shown, entry, "…"].join(", ").length + 2 > max) break;
            shown.push(entry);
        }
        return `{${[...shown, ...(shown.length < keys.length ? ["…"] : [])].join(", ")}} (${keys.length} key${keys.length === 1 ? "" : "s"})`;
    }
    return typeof value === "string" ? `${cut(text, max)}" (${value.length} characters)` : cut(text, max);
}

export function formatConfigError(e: ConfigError): string {
    const found = e.value === undefined ? "is missing" : `is ${showValue(e.value)}`;
    const line = e.text ? `${e.path}: ${e.text}` : `${e.path} ${found}; expected ${e.allowed}`;
    return e.detail ? `${line}\n${e.detail.replace(/^/gm, "      ")}` : line;
}

/**
 * Thrown by the program when the config is invalid. A RunError, so `pulumi up` prints the
 * messages without a stack trace; the plan engine reports them and exits with code 2.
 */
export class ConfigValidationError extends pulumi.RunError {
    constructor(readonly errors: ReadonlyArray<ConfigError>) {
        super(`invalid berth config (${errors.length} problem${errors.length === 1 ? "" : "s"}):\n` + errors.map((e) => "  - " + formatConfigError(e)).join("\n"));
        this.name = "ConfigValidationError";
    }
}

type AnySchema = z.core.$ZodType;

/** The keys an object schema accepts at `path`, unwrapping optional/default/record layers. */
function allowedKeysAt(schema: AnySchema, path: ReadonlyArray<PropertyKey>): string[] {
    let node: AnySchema | undefined = schema;
    const unwrap = (n: AnySchema): AnySchema => {
        let cur = n;
        for (let def = cur._zod.def as { innerType?: AnySchema }; def.innerType; def = cur._zod.def as { innerType?: AnySchema }) cur = def.innerType;
        return cur;
    };
    for (const seg of path) {
        if (!node) return [];
        const def = unwrap(node)._zod.def as { type: string; shape?: Record<string, AnySchema>; valueType?: AnySchema; element?: AnySchema };
        node = def.shape ? def.shape[String(seg)] : def.type === "record" ? def.valueType : def.type === "array" ? def.element : undefined;
    }
    // Only an object schema has a shape.
    const shape = node && (unwrap(node)._zod.def as { shape?: Record<string, unknown> }).shape;
    return shape ? Object.keys(shape) : [];
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
    return path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined), root);
}

/** What a map holds, by the key it sits under, for "expected a map of ...". */
const MAP_OF: Readonly<Record<string, string>> = {
    services: "service names to services",
    environment: "variable names to values",
    secrets: "variable names to secret ARNs",
    tags: "tag names to values",
    fileSystems: "file system names to file systems",
    volumes: "volume names to access points",
    nodeGroups: "node group names to node groups",
};

/** Plain words for zod's type names: "a whole number", not "an int". */
function describeType(expected: string, path: ReadonlyArray<PropertyKey>): string {
    const last = String(path[path.length - 1]);
    switch (expected) {
        case "int":
            return "a whole number";
        case "string":
            return "text";
        case "boolean":
            return "true or false";
        case "array":
            return "a list";
        case "record":
            return `a map of ${MAP_OF[last] ?? "names to values"}`;
        case "object":
            return "a map of keys (see docs/config.md)";
        default: // "a number", "an undefined"
            return `a${/^[aeiou]/.test(expected) ? "n" : ""} ${expected}`;
    }
}

/** A map key with nothing under it: most often its entries lost their indentation. */
function emptyMapHint(expected: string, value: unknown): string {
    return value === null && (expected === "record" || expected === "object") ? " (nothing is indented under this key)" : "";
}

/**
 * A number written with a unit ("1GB", "0.5 vCPU"): berth's sizes are bare numbers, memory in MiB
 * and CPU in units of 1/1024 vCPU. Says which unit, and the number to write instead.
 */
export function unitHint(path: ReadonlyArray<PropertyKey>, value: unknown): string | undefined {
    const last = String(path[path.length - 1]);
    // A bare fraction (cpu: 0.5, memory: 0.5) is vCPU or GiB, the units other tools use.
    if (typeof value === "number" && (last === "cpu" || last === "memory")) return unitHint(path, String(value));
    if (typeof value !== "string") return undefined;
    // A whole number in quotes ("80", "512") is text to YAML: the fix is the quotes, not a unit.
    if (/^\s*\d+\s*$/.test(value)) return `a number, not text: drop the quotes (write ${value.trim()})`;
    const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(value);
    if (last === "memory") {
        const factor: Record<string, number> = { gb: 1024, gib: 1024, g: 1024, mb: 1, mib: 1, m: 1 };
        const f = m && factor[m[2].toLowerCase()];
        return f ? `a number of MiB, without a unit: write ${Math.round(Number(m[1]) * f)}` : "a number of MiB (1024 is 1 GiB)";
    }
    if (last === "cpu") {
        const vcpu = m && /^(vcpus?|cpus?|cores?)$/i.test(m[2]);
        return vcpu ? `CPU units, 1024 per vCPU, without a unit: write ${Math.round(Number(m[1]) * 1024)}` : "a number of CPU units, 1024 per vCPU (256 is a quarter vCPU)";
    }
    if (/^\s*-?\d+\.\d+\s*$/.test(value)) return `a number, not text: drop the quotes (write ${value.trim()})`;
    return /^\s*\d/.test(value) ? "a number, without a unit" : undefined;
}

/** A map with an image or a build: a service that lost its indentation under berth:services. */
function looksLikeService(value: unknown): boolean {
    return value !== null && typeof value === "object" && !Array.isArray(value) && ("image" in value || "build" in value);
}

/** An unknown key, with the known key it most likely meant; the full list would be noise. */
function unknownKey(path: ReadonlyArray<PropertyKey>, key: string, allowed: ReadonlyArray<string>): string {
    const hint = closest(key, allowed);
    if (hint !== undefined) return `no such key: did you mean ${path.length ? hint : `${NAMESPACE}:${hint}`}?`;
    if (allowed.length > 0 && allowed.length <= 6) return `no such key; known keys here are ${allowed.join(", ")}`;
    const where = path.length ? keyPath(...path.map((p, i) => (i === 1 && path[0] === "services" ? "NAME" : p))) : `the ${NAMESPACE}: namespace`;
    return `no such key in ${where}; see docs/config.md for the keys there`;
}

/** zod's range check on every whole number, which no key of berth's states itself. */
function isSafeIntegerBound(issue: z.core.$ZodIssue): boolean {
    return (issue.code === "too_big" && issue.maximum === Number.MAX_SAFE_INTEGER) || (issue.code === "too_small" && issue.minimum === Number.MIN_SAFE_INTEGER);
}

/** zod's own words ("Invalid input: expected ...", "Too big: ..."), which must never reach a user. */
export function isZodText(message: string): boolean {
    return /^(Invalid|Too (big|small)|Unrecognized)\b/.test(message);
}

/** What a union without a message of its own accepts: each alternative, in plain words. */
function unionAllowed(issue: z.core.$ZodIssue & { code: "invalid_union" }): string {
    if (!isZodText(issue.message)) return issue.message;
    const words = issue.errors.map((branch) => {
        const first = branch[0];
        if (!first) return undefined;
        if (first.code === "invalid_type") return describeType(first.expected, issue.path);
        return isZodText(first.message) ? undefined : first.message;
    });
    const known = [...new Set(words.filter((w): w is string => !!w))];
    return known.length ? known.join(", or ") : "a value of the documented kind (see docs/config.md)";
}

/** Turns zod issues into ConfigErrors with a key path, the bad value and what is allowed. */
export function fromZodIssues(issues: ReadonlyArray<z.core.$ZodIssue>, schema: AnySchema, raw: unknown): ConfigError[] {
    const out: ConfigError[] = [];
    const at = (i: z.core.$ZodIssue) => i.path.map(String).join("\u0000");
    // zod checks a whole number against the safe-integer range as well as the key's own bound: one bound per key, the key's.
    const bounded = new Set(issues.filter((i) => (i.code === "too_big" || i.code === "too_small") && !isSafeIntegerBound(i)).map(at));
    for (const issue of issues.filter((i) => !(isSafeIntegerBound(i) && bounded.has(at(i))))) {
        const path = issue.path;
        const value = valueAt(raw, path);
        switch (issue.code) {
            case "unrecognized_keys": {
                const allowed = allowedKeysAt(schema, path);
                for (const key of issue.keys) {
                    const found = valueAt(raw, [...path, key]);
                    out.push({
                        path: keyPath(...path, key),
                        value: found,
                        allowed: path.length === 0 && looksLikeService(found) ? `no such key in the ${NAMESPACE}: namespace: a service? indent it under ${NAMESPACE}:services` : unknownKey(path, key, allowed),
                    });
                }
                break;
            }
            case "invalid_type":
                // Text where a whole number goes is "expected number" too; "expected int" is a fraction.
                // A fraction where a whole number goes (cpu: 0.5) is a size in other units, as "0.5" is.
                out.push({ path: keyPath(...path), value, allowed: (issue.expected === "number" || issue.expected === "int" ? unitHint(path, value) : undefined) ?? describeType(issue.expected, path) + emptyMapHint(issue.expected, value) });
                break;
            case "invalid_value": {
                const values = issue.values.map((v) => JSON.stringify(v));
                const hint = typeof value === "string" ? didYouMean(value, issue.values.map(String), true) : undefined;
                out.push({ path: keyPath(...path), value, allowed: `one of ${values.join(", ")}${hint ? `: ${hint}` : ""}` });
                break;
            }
            case "too_small":
            case "too_big": {
                if (isSafeIntegerBound(issue)) {
                    out.push({ path: keyPath(...path), value, allowed: "a whole number small enough to hold exactly (JavaScript's safe integers)" });
                    break;
                }
                const bound = issue.code === "too_small" ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
                const unit = issue.origin === "string" ? " characters" : issue.origin === "array" ? " items" : "";
                out.push({ path: keyPath(...path), value, allowed: `${bound}${unit}` });
                break;
            }
            case "invalid_union":
                out.push({ path: keyPath(...path), value, allowed: unionAllowed(issue) });
                break;
            case "invalid_key":
                // A bad map key (e.g. a service name): report the key itself.
                out.push({ path: keyPath(...path), value: path[path.length - 1], allowed: issue.issues[0]?.message ?? issue.message });
                break;
            default:
                out.push({ path: keyPath(...path), value, allowed: isZodText(issue.message) ? "a value of the documented kind (see docs/config.md)" : issue.message });
        }
    }
    return out;
}
