// Reading the plan's recorded inputs for policies/rules/a*.ts: the inputs are JSON-like values, so
// every reader narrows `unknown` and answers "absent" for a shape it does not recognise.
import type { PlannedResource } from "../../start/types";

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function obj(v: unknown): Json {
    return isObject(v) ? v : {};
}

export function list(v: unknown): unknown[] {
    return Array.isArray(v) ? v : [];
}

export function objects(v: unknown): Json[] {
    return list(v).filter(isObject);
}

export function str(v: unknown): string | undefined {
    return typeof v === "string" ? v : undefined;
}

export function strings(v: unknown): string[] {
    return typeof v === "string" ? [v] : list(v).filter((x): x is string => typeof x === "string");
}

/** A recorded value as a message shows it: strings bare, others as JSON, absent as "unset". */
export function shown(v: unknown): string {
    if (v === undefined) return "unset";
    return typeof v === "string" ? v : JSON.stringify(v);
}

/** A JSON document recorded as a string (a policy, containerDefinitions) or already an object. */
export function parsed(v: unknown): unknown {
    if (typeof v !== "string") return v;
    try {
        return JSON.parse(v) as unknown;
    } catch {
        return undefined;
    }
}

/** Where a field is reached through nested objects: `at(r.inputs, "a", "b")`. */
export function at(v: unknown, ...path: string[]): unknown {
    return path.reduce<unknown>((cur, key) => obj(cur)[key], v);
}

/** The plan's mark for a Pulumi secret (plan/engine.ts `SECRET`). */
export const SECRET_MARK = "[secret]";

// ---- ECS task definitions --------------------------------------------------------------------

export const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";

/** A task definition's containers (containerDefinitions is recorded as a JSON string). */
export function containers(r: PlannedResource): Json[] {
    return objects(parsed(r.inputs.containerDefinitions));
}

export function containerName(c: Json): string {
    return str(c.name) ?? "(unnamed)";
}

/** One message per container that `bad` describes (it returns the problem, or undefined). */
export function perContainer(r: PlannedResource, bad: (c: Json) => string | undefined): string[] {
    return containers(r).flatMap((c) => {
        const problem = bad(c);
        return problem ? [`container ${containerName(c)}: ${problem}`] : [];
    });
}

// ---- Secret-looking values -------------------------------------------------------------------

/** Environment variable names that hold AWS or ECS agent credentials (ECS.8's own list). */
export const CREDENTIAL_NAMES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"];

const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;
/** Names that point at a secret rather than hold one (`DB_SECRET_ARN`, `TOKEN_FILE`, `API_KEY_NAME`). */
const REFERENCE_NAME = /_(ARN|FILE|PATH|NAME|ID|REGION|TTL|HEADER)$/i;
const SECRET_VALUE = [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/, /\bgh[pousr]_[A-Za-z0-9]{36}\b/, /\bxox[abposr]-[A-Za-z0-9-]{10,}/, /:\/\/[^/\s:@]+:[^/\s@]+@/];

/**
 * Why a plain environment variable looks like a secret, or undefined. A name that says secret counts
 * only with a value (an empty placeholder or an ARN is not one) and unless it names a reference (an
 * ARN, a file); a value counts by its shape (an AWS key id, a PEM private key, a GitHub or Slack
 * token, a URL with a password).
 */
export function secretLooking(name: string, value: string): string | undefined {
    if (CREDENTIAL_NAMES.includes(name)) return "holds AWS credentials";
    if (value === SECRET_MARK) return "holds a Pulumi secret in plain text";
    if (SECRET_VALUE.some((re) => re.test(value))) return "has a value shaped like a credential";
    if (SECRET_NAME.test(name) && !REFERENCE_NAME.test(name) && value.trim() !== "" && !value.startsWith("arn:")) return "is named like a secret and has a plain value";
    return undefined;
}

/** Every string leaf under `v`, with its path (`a.b[0]`). */
export function leaves(v: unknown, path = ""): Array<[string, string]> {
    if (typeof v === "string") return [[path, v]];
    if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, `${path}[${i}]`));
    if (isObject(v)) return Object.entries(v).flatMap(([k, x]) => leaves(x, path ? `${path}.${k}` : k));
    return [];
}
