// Reading `Pulumi.<stack>.yaml` as Pulumi does, and saying precisely what is wrong with one that
// cannot be read: the line, with a caret under the key at fault.
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { ConfigError, NO_SECRETS_IN_CONFIG } from "../config/errors";
import { closest, didYouMean } from "../config/suggest";

/** The one berth: key that is a secret (stacks/program.ts reads it). */
const KUBECONFIG = "kubeconfig";

/** Raised for a missing stack file, or for any other failure that is not about the config. */
export class PlanError extends Error {}

/** A stack file that cannot be read as config: reported like config errors, without a stack trace. */
export class StackFileError extends Error {
    constructor(readonly errors: ConfigError[]) {
        super(errors.map((e) => e.allowed).join("; "));
    }
}

/** The top-level keys of a stack file, besides `config` (Pulumi's project and stack settings reference). */
const STACK_FILE_KEYS = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];

/** Lines `from`..`to` (1-based) of the source, numbered, with a caret under column `col` of line `at`. */
export function codeFrame(source: string, at: number, col: number): string {
    const lines = source.split("\n");
    const from = Math.max(1, at - 1);
    const width = String(at).length;
    const out: string[] = [];
    for (let n = from; n <= at; n++) out.push(`${String(n).padStart(width)} | ${lines[n - 1] ?? ""}`);
    out.push(`${" ".repeat(width)} | ${" ".repeat(Math.max(0, col - 1))}^`);
    return out.join("\n");
}

/**
 * Where a YAML mistake really is. The parser notices an unclosed `[` or `{` only on a later line; the
 * mistake is the line that opened it. Elsewhere it is the key that starts the line it names.
 */
export function yamlMistake(source: string, err: YAMLParseError): { line: number; col: number; message: string } {
    const message = err.message.replace(/ at line \d+, column \d+:[\s\S]*$/, "");
    const lines = source.split("\n");
    const reported = err.linePos?.[0] ?? { line: 1, col: 1 };
    const opener = (chars: string[], hint: string) => {
        for (let n = Math.min(reported.line, lines.length); n >= 1; n--) {
            const at = Math.max(...chars.map((c) => lines[n - 1].lastIndexOf(c)));
            if (at >= 0) return { line: n, col: at + 1, message: `${message}: ${hint}` };
        }
        return undefined;
    };
    // The parser notices an unclosed bracket or quote only later, often at the end of the file.
    if (/end with a [\]}]/.test(message)) return opener(["[", "{"], "close it on the same line, or write the list one item per line") ?? { ...reported, message };
    if (/Missing closing "?'?quote/.test(message)) return opener(['"', "'"], "close the quote on the same line") ?? { ...reported, message };
    const text = lines[reported.line - 1] ?? "";
    const key = text.search(/\S/);
    const where = { line: reported.line, col: key >= 0 ? key + 1 : reported.col };
    // `image nginx`: a key and its value need a colon and a space between them.
    const bare = /^\s*([A-Za-z_][\w.-]*)\s+(\S.*)$/.exec(text);
    if (err.code === "MULTILINE_IMPLICIT_KEY" && bare) return { ...where, message: `${message}: did you mean "${bare[1]}: ${bare[2]}"? (a key and its value are separated by a colon and a space)` };
    // `NOTE: see: docs`: YAML reads the second ": " as a key inside the value. The caret goes under that value.
    const pair = /^(\s*(?:-\s+)?)([^\s:#][^:#]*?):\s+(.*?)\s*$/.exec(text);
    if (err.code === "BLOCK_AS_IMPLICIT_KEY" && pair) {
        const col = text.indexOf(pair[3], pair[1].length + pair[2].length + 1) + 1;
        return {
            line: reported.line,
            col,
            message: `the value of ${pair[2]} holds ": ", which YAML reads as the start of another key; quote the value if it is text: ${pair[2]}: "${pair[3].replace(/"/g, '\\"')}" (YAML: ${message})`,
        };
    }
    const plain = PLAIN_YAML[err.code];
    return { ...where, message: plain ? `${plain} (YAML: ${message})` : message };
}

/** berth's own sentence for the parser's terms, by the parser's error code; the parser's words follow it. */
const PLAIN_YAML: Readonly<Partial<Record<string, string>>> = {
    BAD_INDENT: "this key is not lined up with the keys beside it: indent it as far as they are, or under the key it belongs to",
    TAB_AS_INDENT: "this line is indented with a tab: YAML takes spaces only",
    DUPLICATE_KEY: "this key is written twice in the same map: keep one",
};

/**
 * `{{ ... }}` in a value is a YAML map inside a map, not a template: the value the user meant is
 * text, and must be quoted. The parser accepts it silently, so it is found in the source.
 */
export function templateMistakes(source: string, name: string): ConfigError[] {
    return source.split("\n").flatMap((text, i) => {
        const m = /^(\s*[^#\s][^:#]*):\s*(\{\{.*\}\})\s*$/.exec(text);
        if (!m) return [];
        const col = text.indexOf("{{") + 1;
        return [{ path: `${name}:${i + 1}:${col}`, value: m[2], allowed: "quoted text", text: `${m[2]} is a YAML map, not a template: quote it ("${m[2].replace(/"/g, '\\"')}") if you mean the text`, detail: codeFrame(source, i + 1, col) }];
    });
}

const isSecure = (v: unknown): boolean => !!v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && "secure" in v;

/**
 * `{secure: ...}` values inside a berth: key, at their own key paths. The program learns only that
 * the whole top-level key holds a secret; the stack file still shows which leaf it is. A secret at
 * the top (berth:kubeconfig, or any other key) is left to the program, which reports it there.
 */
export function nestedSecrets(config: Record<string, unknown>): ConfigError[] {
    const found: ConfigError[] = [];
    const walk = (v: unknown, at: string) => {
        // An environment variable has a home for its secret: the same name under the service's secrets.
        const variable = /^berth:services\.([^.]+)\.environment\.([^.]+)$/.exec(at);
        const allowed = variable ? NO_SECRETS_IN_CONFIG.replace("services.NAME.secrets", `services.${variable[1]}.secrets.${variable[2]}`) : NO_SECRETS_IN_CONFIG;
        if (isSecure(v)) found.push({ path: at, value: "[secret]", allowed });
        else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`);
    };
    for (const [key, value] of Object.entries(config)) {
        // A misspelt kubeconfig, set as a secret as it should be: the spelling is the mistake, not the secret.
        const misspelt = key.startsWith("berth:") && isSecure(value) && key !== `berth:${KUBECONFIG}` && closest(key.slice("berth:".length), [KUBECONFIG]) !== undefined;
        if (misspelt) found.push({ path: key, value: "[secret]", allowed: `no such key: did you mean berth:${KUBECONFIG}?` });
        if (key.startsWith("berth:") && !isSecure(value) && value && typeof value === "object") for (const [k, x] of Object.entries(value)) walk(x, `${key}.${k}`);
    }
    return found;
}

/** Reads `Pulumi.<stack>.yaml`: its `config:` map, as written. */
export function loadStackConfig(stack: string, dir: string): Record<string, unknown> {
    const name = `Pulumi.${stack}.yaml`;
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) {
        const known = fs
            .readdirSync(dir)
            .filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f))
            .map((f) => f.split(".")[1]);
        throw new PlanError(`no stack file ${name}; stacks here: ${known.join(", ") || "none"}`);
    }
    return parseStackSource(fs.readFileSync(file, "utf8"), name);
}

/** A stack file's text, read as Pulumi reads it: its `config:` map, or a StackFileError naming each mistake. */
export function parseStackSource(source: string, name: string): Record<string, unknown> {
    let doc: unknown;
    try {
        // logLevel "error": a YAML map used as a key (`{{value}}`) is reported below, not as a Node warning.
        // merge: Pulumi reads stack files with YAML 1.1's merge keys (`<<: *base`), anchors and aliases.
        doc = parseYaml(source, { logLevel: "error", merge: true }) ?? {};
    } catch (e) {
        // The parser's other errors come from building the values: a merge key (`<<`) of a list or a
        // scalar, too many aliases. They have no position; the file is still the user's to fix.
        if (!(e instanceof YAMLParseError)) {
            const message = e instanceof Error ? e.message : String(e);
            const plain = /^Merge sources/.test(message) ? "a merge key (<<) takes a map, or an alias of a map (<<: *base)" : message;
            throw new StackFileError([{ path: name, value: undefined, allowed: "valid YAML", text: `not valid YAML: ${plain} (YAML: ${message})` }]);
        }
        const m = yamlMistake(source, e);
        throw new StackFileError([{ path: `${name}:${m.line}:${m.col}`, value: undefined, allowed: "valid YAML", text: `not valid YAML: ${m.message}`, detail: codeFrame(source, m.line, m.col) }]);
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
        throw new StackFileError([{ path: name, value: doc, allowed: "a map with a config: key" }]);
    }
    const errors: ConfigError[] = templateMistakes(source, name);
    for (const [key, value] of Object.entries(doc).filter(([k]) => !STACK_FILE_KEYS.includes(k))) {
        // A namespaced key (berth:platform) at the top: Pulumi would ignore it, and berth would report it missing.
        if (/^[A-Za-z0-9_-]+:/.test(key)) {
            errors.push({ path: key, value, allowed: "a key under config:", text: `found outside config: in ${name}; indent it under config:` });
        } else {
            const hint = didYouMean(key, STACK_FILE_KEYS);
            errors.push({ path: `${name}: ${key}`, value, allowed: `a stack file key (${STACK_FILE_KEYS.join(", ")})${hint ? `: ${hint}` : ""}` });
        }
    }
    const config = (doc as { config?: unknown }).config ?? {};
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        errors.push({ path: `${name}: config`, value: config, allowed: "a map of config keys such as berth:platform" });
    } else errors.push(...nestedSecrets(config as Record<string, unknown>));
    if (errors.length) throw new StackFileError(errors);
    return config as Record<string, unknown>;
}
