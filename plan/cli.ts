// `npm run plan -- [--stack NAME] [--json FILE] [--quiet]` (--quiet: a one-line summary instead of the tree)
// Exit codes: 0 planned; 2 invalid config (messages on stderr, nothing created); 1 any other failure.
import * as fs from "fs";
import { formatConfigError } from "../stacks/errors";
import { PlanError, planJson, planStack } from "./engine";
import { renderPlan, renderSummary } from "./render";

const USAGE = "usage: npm run plan -- [--stack NAME] [--json FILE] [--quiet] [--dir DIR]\n  --dir: where Pulumi.yaml and the stack files are (default: the project)";

interface CliArgs {
    stack: string;
    json?: string;
    quiet: boolean;
    dir?: string;
}

export function parseArgs(argv: string[]): CliArgs {
    const out: CliArgs = { stack: "dev", quiet: false };
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].split(/=(.*)/s, 2);
        const value = () => inline ?? argv[++i];
        if (flag === "--stack" || flag === "-s") out.stack = value();
        else if (flag === "--json") out.json = value();
        else if (flag === "--dir") out.dir = value();
        else if (flag === "--quiet" || flag === "-q") out.quiet = true;
        else if (flag === "--help" || flag === "-h") {
            console.log(USAGE);
            process.exit(0);
        } else throw new PlanError(`unknown argument ${argv[i]}\n${USAGE}`);
        if (!out.stack || out.json === "" || out.dir === "") throw new PlanError(`${flag} needs a value\n${USAGE}`);
    }
    return out;
}

async function main() {
    const args = parseArgs(process.argv.slice(2));
    const result = await planStack(args.stack, args.dir);
    if (!result.ok) {
        console.error(`berth: Pulumi.${args.stack}.yaml has ${result.errors.length} config error${result.errors.length === 1 ? "" : "s"}:`);
        for (const e of result.errors) console.error(`  - ${formatConfigError(e)}`);
        process.exit(2);
    }
    console.log(args.quiet ? renderSummary(result.plan) : renderPlan(result.plan));
    if (args.json) {
        fs.writeFileSync(args.json, planJson(result.plan));
        if (!args.quiet) console.log(`\nWrote ${args.json}`);
    }
    process.exit(0);
}

main().catch((e) => {
    console.error(`berth plan failed: ${e instanceof PlanError ? e.message : (e as Error)?.stack ?? e}`);
    process.exit(1);
});
