// `npm run plan -- [--stack NAME] [--json FILE|-] [--quiet] [--strict] [--dir DIR]`
// Exit codes: 0 planned; 2 invalid config, or warnings under --strict (messages on stderr, nothing
// created); 1 any other failure.
import * as fs from "fs";
import { formatConfigError } from "../stacks/errors";
import { formatWarning } from "../stacks/warnings";
import { parseArgs } from "./args";
import { PlanError, planJson, planStack } from "./engine";
import { renderPlan, renderSummary } from "./render";

async function main() {
    const args = parseArgs(process.argv.slice(2));
    const result = await planStack(args.stack, args.dir);
    if (!result.ok) {
        console.error(`berth: Pulumi.${args.stack}.yaml has ${result.errors.length} config error${result.errors.length === 1 ? "" : "s"}:`);
        for (const e of result.errors) console.error(`  - ${formatConfigError(e)}`);
        process.exit(2);
    }
    const { plan } = result;
    const warnings = plan.warnings;
    if (warnings.length) {
        const what = args.strict ? `error${warnings.length === 1 ? "" : "s"} (--strict)` : `warning${warnings.length === 1 ? "" : "s"}`;
        console.error(`berth: Pulumi.${args.stack}.yaml has ${warnings.length} ${what}:`);
        for (const w of warnings) console.error(`  - ${formatWarning(w)}`);
        if (args.strict) process.exit(2);
    }
    // With the JSON on stdout, everything for people goes to stderr so stdout stays parseable.
    const say = args.json === "-" ? console.error : console.log;
    say(args.quiet ? renderSummary(plan) : renderPlan(plan));
    if (args.json === "-") process.stdout.write(planJson(plan));
    else if (args.json) {
        fs.writeFileSync(args.json, planJson(plan));
        if (!args.quiet) say(`\nWrote ${args.json}`);
    }
    process.exit(0);
}

main().catch((e) => {
    console.error(`berth plan failed: ${e instanceof PlanError ? e.message : ((e as Error)?.stack ?? e)}`);
    process.exit(1);
});
