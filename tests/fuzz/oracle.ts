// The fuzzer's oracle (issue 21): the README's exit-code promise (a plan, or config errors, never a
// crash), and what AWS would refuse. Each check returns the violations it finds, as sentences; an
// empty list is a pass.
import * as fs from "fs";
import * as path from "path";
import { ConfigError, formatConfigError, isZodText } from "../../config/errors";
import { TAG_KEY_MAX, TAG_VALUE_MAX, TAGS_PER_RESOURCE } from "../../config/schema";
import { BerthSpec } from "../../config/spec";
import { validateConfig } from "../../config/validate";
import { ConfigWarning, formatWarning } from "../../config/warnings";
import { plan, PROJECT_DIR } from "../../plan/engine";
import { parseStackSource, StackFileError } from "../../plan/stackfile";
import { readBerthConfig } from "../../stacks/program";
import { applyOps, caseSource, damagesText, FuzzCase, shippedConfig } from "./cases";

type Json = Record<string, unknown>;

/** zod's words, an object printed as text, or a number gone wrong: never in a message. */
const LEAKS = /Invalid input|expected \w+, received|Too (big|small):|Unrecognized key|\[object Object\]|\bNaN\b|^\s+at .+:\d+:\d+\)?$/m;

/** Every error names a key, shows a value and says what is allowed, in berth's words; one bound per key. */
export function errorViolations(errors: ReadonlyArray<ConfigError>): string[] {
    const out: string[] = [];
    const bounds = new Map<string, number>();
    for (const e of errors) {
        const line = formatConfigError(e);
        if (!e.path || /undefined|\[object/.test(e.path)) out.push(`no key path: ${line}`);
        if (!e.text && !e.allowed.trim()) out.push(`no allowed value: ${line}`);
        if (isZodText(e.allowed) || LEAKS.test(line)) out.push(`zod's or the runtime's words: ${line}`);
        if (/^(at most|at least) /.test(e.allowed)) bounds.set(e.path, (bounds.get(e.path) ?? 0) + 1);
    }
    for (const [key, n] of bounds) if (n > 1) out.push(`${n} bounds for one key: ${key}`);
    return out;
}

/** AWS's tag rules (config/schema.ts tagsSchema), on any resource's tags. */
export function tagViolations(tags: unknown, where: string): string[] {
    if (!tags || typeof tags !== "object") return [];
    const entries = Object.entries(tags as Json);
    const out = entries.flatMap(([k, v]) => [
        ...(k.length < 1 || k.length > TAG_KEY_MAX ? [`${where}: tag key ${JSON.stringify(k)} of ${k.length} characters`] : []),
        ...(/^aws:/i.test(k) ? [`${where}: tag key ${k} in AWS's reserved prefix`] : []),
        ...(typeof v === "string" && v.length > TAG_VALUE_MAX ? [`${where}: tag ${k}'s value of ${v.length} characters`] : []),
    ]);
    return entries.length > TAGS_PER_RESOURCE ? [...out, `${where}: ${entries.length} tags`] : out;
}

/** A validated spec AWS would refuse: tags, dimension names, and warnings that print nothing. */
export function specViolations(spec: BerthSpec, warnings: ReadonlyArray<ConfigWarning>): string[] {
    const out = tagViolations(spec.tags, "berth:tags");
    for (const svc of Object.values(spec.services)) {
        for (const step of svc.scaling?.steps ?? []) {
            for (const [name, value] of Object.entries(step.metric.dimensions)) if (!name || !value) out.push(`services.${svc.name}: an empty CloudWatch dimension name or value`);
        }
    }
    for (const w of warnings) {
        const line = formatWarning(w);
        if (!w.path || !w.message.trim() || /^is [,;:]|is \s*$/.test(w.message) || LEAKS.test(line)) out.push(`a warning without its key or value: ${line}`);
    }
    return out;
}

/** The config map as Pulumi hands it to a program: text, with structured values as JSON (plan/engine.ts). */
export function asPulumiConfig(config: Json): { values: Record<string, string>; secret: Set<string> } {
    const values: Record<string, string> = {};
    const secret = new Set<string>();
    for (const [key, v] of Object.entries(config)) {
        const secure = !!v && typeof v === "object" && !Array.isArray(v) && "secure" in v;
        if (secure || JSON.stringify(v ?? null).includes('"secure"')) secret.add(key);
        values[key] = secure ? "[secret]" : typeof v === "string" ? v : JSON.stringify(v ?? null);
    }
    return { values, secret };
}

export type Outcome = { kind: "stack-file" | "config-errors" | "valid"; violations: string[]; config?: Json };

/** One case through the stack file's reading and validation, as `npm run plan` does before planning. */
export function validateCase(c: FuzzCase): Outcome {
    const name = `Pulumi.${c.stack}.yaml`;
    const read = (s: string) => parseStackSource(s, name);
    let config: Json;
    try {
        config = damagesText(c) ? read(caseSource(c, read)) : applyOps(shippedConfig(c.stack, read), c.ops);
    } catch (e) {
        if (!(e instanceof StackFileError)) return { kind: "stack-file", violations: [`the stack file's reading threw ${String((e as Error)?.stack ?? e)}`] };
        return { kind: "stack-file", violations: errorViolations(e.errors) };
    }
    try {
        const { values, secret } = asPulumiConfig(config);
        const { raw, errors } = readBerthConfig(values, (k) => secret.has(k));
        const result = validateConfig(raw, { project: "berth", stack: c.stack, region: values["aws:region"], fileExists: (p) => fs.existsSync(path.resolve(PROJECT_DIR, p)) });
        const all = [...errors, ...(result.ok ? [] : result.errors)];
        if (all.length) return { kind: "config-errors", violations: errorViolations(all), config };
        if (!result.ok) return { kind: "config-errors", violations: ["no errors, yet not valid"], config };
        return { kind: "valid", violations: specViolations(result.spec, result.warnings), config };
    } catch (e) {
        return { kind: "config-errors", violations: [`validation threw ${String((e as Error)?.stack ?? e)}`], config };
    }
}

/** Services whose ARNs may have no region: IAM, S3, Route 53, CloudFront and the like are global. */
const GLOBAL_SERVICES = new Set(["iam", "s3", "route53", "cloudfront", "organizations", "sts", "waf", "budgets", "ecr-public"]);

/** Strings in a planned resource's inputs that AWS would refuse: an ARN or a host name with an empty part. */
export function planStringViolations(text: string, where: string): string[] {
    const out: string[] = [];
    for (const m of text.matchAll(/arn:([a-z-]*):([a-z0-9-]*):([a-z0-9-]*):([0-9]*|aws):/g)) {
        if (!m[1] || !m[2]) out.push(`${where}: an ARN with an empty partition or service: ${m[0]}`);
        // AWS's own resources (arn:aws:eks::aws:cluster-access-policy/...) have no region and account "aws".
        else if (!m[3] && !GLOBAL_SERVICES.has(m[2]) && m[4] !== "aws") out.push(`${where}: an ARN with an empty region: ${m[0]}`);
    }
    if (/\.\.amazonaws\.com|\/\/\.|[a-z]\.\.[a-z]+\.amazonaws/.test(text)) out.push(`${where}: a host name with an empty part: ${/\S*\.\.\S*/.exec(text)?.[0]}`);
    if (/--region +(\||$|\s)/.test(text)) out.push(`${where}: a command with an empty --region`);
    return out;
}

/** One case, planned in process: the plan's errors as the validation's, and its resources against AWS's rules. */
export async function planCase(c: FuzzCase, config: Json): Promise<string[]> {
    let result: Awaited<ReturnType<typeof plan>>;
    try {
        result = await plan({ stack: c.stack, config, cwd: PROJECT_DIR });
    } catch (e) {
        return [`the plan threw ${String((e as Error)?.stack ?? e)}`];
    }
    if (!result.ok) return errorViolations(result.errors);
    const out: string[] = [];
    for (const r of result.plan.resources) {
        const where = `${r.type} ${r.name}`;
        out.push(...planStringViolations(JSON.stringify(r.inputs), where));
        if (r.type.startsWith("aws:")) out.push(...tagViolations((r.inputs as Json).tags, where));
    }
    out.push(...planStringViolations(JSON.stringify(result.plan.outputs), "outputs"), ...specViolations({ tags: {}, services: {} } as unknown as BerthSpec, result.plan.warnings));
    return out;
}
