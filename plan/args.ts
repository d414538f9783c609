// The plan CLI's arguments. Kept apart from cli.ts, which runs on import, so tests can call it.
import { PlanError } from "./engine";

export const USAGE = [
    "usage: npm run plan -- [--stack NAME] [--json FILE|-] [--quiet] [--strict] [--dir DIR] [--diff OLD.json [--exit-code]]",
    "       npm run plan -- --compare STACK STACK [--json FILE|-] [--quiet] [--strict] [--dir DIR]",
    "  --stack      the stack file Pulumi.NAME.yaml: NAME, or the file name or path (default: dev)",
    "  --json       also write the plan's JSON contract to FILE, or to stdout with '-' (the tree then goes to stderr)",
    "  --quiet      a one-line summary instead of the tree",
    "  --strict     fail (exit 2) on warnings, as on config errors: for CI",
    "  --dir        where Pulumi.yaml and the stack files are (default: the project)",
    "  --diff       what would change against an earlier plan's JSON, instead of the tree; with --json, the JSON gains a `diff`",
    "  --exit-code  with --diff: exit 3 when anything really changes (tags and fake ids do not count)",
    "  --compare    the differences that matter between two stacks' plans; with --json, the comparison as JSON",
].join("\n");

export interface CliArgs {
    stack: string;
    json?: string;
    quiet: boolean;
    strict: boolean;
    dir?: string;
    /** An earlier plan's JSON to diff against. */
    diff?: string;
    /** Exit 3 when the diff has real changes. */
    exitCode?: true;
    /** Two stacks to compare. */
    compare?: [string, string];
    /** `--help`: print the usage and exit 0. */
    help?: true;
}

/** `Pulumi.acme.yaml`, or a path to it, names the stack `acme` (in the file's folder, unless --dir says otherwise). */
function stackName(v: string): { stack: string; dir?: string } {
    const file = /^(?:(.*)[\\/])?Pulumi\.(.+)\.ya?ml$/.exec(v);
    if (!file) return { stack: v };
    return { stack: file[2], ...(file[1] !== undefined ? { dir: file[1] || "/" } : {}) };
}

/** A bare word where a flag belongs: `npm run plan --stack acme` (no `--`) hands the plan only `acme`. */
function unknown(arg: string): PlanError {
    // `npm run plan --json -` hands over only `-`.
    const example = arg === "-" ? "--json -" : `--stack ${arg}`;
    const hint = arg.startsWith("-") && arg !== "-" ? "" : `: did you forget \`--\`? npm passes on only what follows it, as in npm run plan -- ${example}`;
    return new PlanError(`unknown argument ${arg}${hint}\n${USAGE}`);
}

export function parseArgs(argv: string[]): CliArgs {
    const out: CliArgs = { stack: "dev", quiet: false, strict: false };
    let stackGiven = false;
    let stackDir: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].split(/=(.*)/s, 2);
        const value = () => {
            const v = inline ?? argv[++i];
            // A flag's value is never empty, and never the next flag (`--json --quiet` forgot the file).
            if (!v || (v.startsWith("--") && inline === undefined)) throw new PlanError(`${flag} needs a value\n${USAGE}`);
            return v;
        };
        if (flag === "--stack" || flag === "-s") {
            const named = stackName(value());
            [out.stack, stackDir, stackGiven] = [named.stack, named.dir, true];
        } else if (flag === "--json") out.json = value();
        else if (flag === "--dir") out.dir = value();
        else if (flag === "--diff") out.diff = value();
        else if (flag === "--compare") {
            const next = (j: number) => (argv[j] !== undefined && !argv[j].startsWith("--") ? [argv[j]] : []);
            const pair = inline !== undefined ? inline.split(",") : [...next(i + 1), ...next(i + 2)];
            if (inline === undefined) i += pair.length;
            if (pair.length !== 2 || pair.some((s) => !s)) throw new PlanError(`--compare needs two stack names, as in --compare dev prod\n${USAGE}`);
            out.compare = [pair[0], pair[1]];
        } else if (flag === "--exit-code") out.exitCode = true;
        else if (flag === "--quiet" || flag === "-q") out.quiet = true;
        else if (flag === "--strict") out.strict = true;
        else if (flag === "--help" || flag === "-h") {
            out.help = true;
        } else throw unknown(argv[i]);
    }
    if (out.compare && (stackGiven || out.diff)) throw new PlanError(`--compare plans the two stacks it names; it takes no --stack or --diff\n${USAGE}`);
    if (stackDir !== undefined && out.dir === undefined) out.dir = stackDir;
    if (out.exitCode && !out.diff) throw new PlanError(`--exit-code goes with --diff OLD.json\n${USAGE}`);
    return out;
}
