// The plan CLI's arguments. Kept apart from cli.ts, which runs on import, so tests can call it.
import { PlanError } from "./engine";

export const USAGE = [
    "usage: npm run plan -- [--stack NAME] [--json FILE|-] [--quiet] [--strict] [--dir DIR]",
    "  --stack   the stack file Pulumi.NAME.yaml (default: dev)",
    "  --json    also write the plan's JSON contract to FILE, or to stdout with '-' (the tree then goes to stderr)",
    "  --quiet   a one-line summary instead of the tree",
    "  --strict  fail (exit 2) on warnings, as on config errors: for CI",
    "  --dir     where Pulumi.yaml and the stack files are (default: the project)",
].join("\n");

export interface CliArgs {
    stack: string;
    json?: string;
    quiet: boolean;
    strict: boolean;
    dir?: string;
}

export function parseArgs(argv: string[]): CliArgs {
    const out: CliArgs = { stack: "dev", quiet: false, strict: false };
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].split(/=(.*)/s, 2);
        const value = () => {
            const v = inline ?? argv[++i];
            // A flag's value is never empty, and never the next flag (`--json --quiet` forgot the file).
            if (!v || (v.startsWith("--") && inline === undefined)) throw new PlanError(`${flag} needs a value\n${USAGE}`);
            return v;
        };
        if (flag === "--stack" || flag === "-s") out.stack = value();
        else if (flag === "--json") out.json = value();
        else if (flag === "--dir") out.dir = value();
        else if (flag === "--quiet" || flag === "-q") out.quiet = true;
        else if (flag === "--strict") out.strict = true;
        else if (flag === "--help" || flag === "-h") {
            console.log(USAGE);
            process.exit(0);
        } else throw new PlanError(`unknown argument ${argv[i]}\n${USAGE}`);
    }
    return out;
}

