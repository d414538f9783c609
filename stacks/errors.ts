import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";

/** One config mistake: where it is, what was there, and what would have been accepted. */
export interface ConfigError {
    /** Full key path, e.g. `berth:services.web.cpu`. */
    readonly path: string;
    /** The value found there (`undefined` when the key is missing). */
    readonly value: unknown;
    /** What is allowed, phrased to finish "expected ...". */
    readonly allowed: string;
}

export const NAMESPACE = "berth";

/** Builds the `berth:a.b.c` key path from path segments. */
export function keyPath(...segments: ReadonlyArray<PropertyKey>): string {
    const [head, ...rest] = segments.map(String);
    return [`${NAMESPACE}:${head}`, ...rest].join(".");
}

export function formatConfigError(e: ConfigError): string {
    const found = e.value === undefined ? "is missing" : `is ${JSON.stringify(e.value)}`;
    return `${e.path} ${found}; expected ${e.allowed}`;
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
        node = def.type === "object" ? def.shape?.[String(seg)] : def.type === "record" ? def.valueType : def.type === "array" ? def.element : undefined;
    }
    const def = node ? (unwrap(node)._zod.def as { type: string; shape?: Record<string, unknown> }) : undefined;
    return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
    return path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined), root);
}

/** Turns zod issues into ConfigErrors with a key path, the bad value and what is allowed. */
export function fromZodIssues(issues: ReadonlyArray<z.core.$ZodIssue>, schema: AnySchema, raw: unknown): ConfigError[] {
    const out: ConfigError[] = [];
    for (const issue of issues) {
        const path = issue.path;
        const value = valueAt(raw, path);
        switch (issue.code) {
            case "unrecognized_keys": {
                const allowed = allowedKeysAt(schema, path);
                for (const key of issue.keys) {
                    out.push({ path: keyPath(...path, key), value: valueAt(raw, [...path, key]), allowed: `no such key; known keys here are ${allowed.join(", ")}` });
                }
                break;
            }
            case "invalid_type":
                out.push({ path: keyPath(...path), value, allowed: `a${/^[aeiou]/.test(issue.expected) ? "n" : ""} ${issue.expected}` });
                break;
            case "invalid_value":
                out.push({ path: keyPath(...path), value, allowed: `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}` });
                break;
            case "too_small":
            case "too_big": {
                const bound = issue.code === "too_small" ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
                const unit = issue.origin === "string" ? " characters" : issue.origin === "array" ? " items" : "";
                out.push({ path: keyPath(...path), value, allowed: `${bound}${unit}` });
                break;
            }
            case "invalid_key":
                // A bad map key (e.g. a service name): report the key itself.
                out.push({ path: keyPath(...path), value: path[path.length - 1], allowed: issue.issues[0]?.message ?? issue.message });
                break;
            default:
                out.push({ path: keyPath(...path), value, allowed: issue.message });
        }
    }
    return out;
}
