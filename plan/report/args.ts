// The compare CLI's arguments. Kept apart from cli.ts, which runs on import, so tests can call it.
import * as path from "path";
import { PlanError, PROJECT_DIR } from "../engine";

export const USAGE = [
    "usage: npm run compare -- [--stack NAME] [--out DIR] [--dir DIR]",
    "  --stack  the stack whose services are compared: Pulumi.NAME.yaml (default: dev)",
    "  --out    where NAME.md and NAME.html are written (default: reports/compare)",
    "  --dir    where Pulumi.yaml and the stack files are (default: the project)",
].join("\n");

export interface CompareArgs {
    readonly stack: string;
    readonly out: string;
    readonly dir?: string;
    readonly help?: true;
}

export function parseCompareArgs(argv: ReadonlyArray<string>): CompareArgs {
    const args: { stack: string; out: string; dir?: string; help?: true } = { stack: "dev", out: path.join(PROJECT_DIR, "reports", "compare") };
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        if (flag === "--help" || flag === "-h") args.help = true;
        else if (flag === "--stack" || flag === "--out" || flag === "--dir") {
            const value = argv[++i];
            if (value === undefined || value.startsWith("--")) throw new PlanError(`${flag} needs a value\n${USAGE}`);
            args[flag.slice(2) as "stack" | "out" | "dir"] = value;
        } else throw new PlanError(`unknown argument ${flag}\n${USAGE}`);
    }
    return args;
}
