// `npm run plan -- [--stack NAME] [--json FILE|-] [--quiet] [--strict] [--dir DIR] [--diff OLD.json [--exit-code]]`
// `npm run plan -- --compare STACK STACK [--json FILE|-] [--quiet] [--strict] [--dir DIR]`
// Exit codes: 0 planned; 2 invalid config, or warnings under --strict (messages on stderr, nothing
// created), or a workload that cannot start (a broken start path), or a mandatory policy violation (the
// plan and its JSON still print in both cases); 3 planned, with --diff --exit-code, and something really changed; 1 any other failure
// (a command-line mistake, a missing stack file or Pulumi.yaml, an OLD.json that is not a plan).
// Every exit waits for stdout and stderr to drain (plan/exit.ts): a slow reader gets the whole JSON.
import * as fs from "fs";
import { formatConfigError } from "../config/errors";
import { formatWarning } from "../config/warnings";
import { CliArgs, parseArgs, USAGE } from "./args";
import { comparePlans, renderComparison, renderComparisonSummary } from "./compare";
import { diffPlans, hasRealChanges, readPlanFile, renderDiff, renderDiffSummary } from "./diff";
import { Plan, PlanError, planJson, planStack, projectName } from "./engine";
import { exitFlushed, failOnClosedStdout } from "./exit";
import { renderPlan, renderSummary } from "./render";
import { brokenReport, startSummary } from "./start-report";
import { policySummary, violationReport } from "./policy-report";
import { costSummary } from "./cost-report";
import { compareParity, renderParityComparison, renderParitySummary } from "./parity";

/** Plans one stack, printing its config errors and warnings on stderr; undefined when it must exit 2. */
async function planReported(stack: string, args: CliArgs): Promise<Plan | undefined> {
    const result = await planStack(stack, args.dir);
    if (!result.ok) {
        console.error(`berth: Pulumi.${stack}.yaml has ${result.errors.length} config error${result.errors.length === 1 ? "" : "s"}:`);
        for (const e of result.errors) console.error(`  - ${formatConfigError(e)}`);
        return undefined;
    }
    const warnings = result.plan.warnings;
    if (warnings.length) {
        const what = args.strict ? `error${warnings.length === 1 ? "" : "s"} (--strict)` : `warning${warnings.length === 1 ? "" : "s"}`;
        console.error(`berth: Pulumi.${stack}.yaml has ${warnings.length} ${what}:`);
        for (const w of warnings) console.error(`  - ${formatWarning(w)}`);
        if (args.strict) return undefined;
    }
    return result.plan;
}

/** Human output, and the JSON where `--json` asks for it. With the JSON on stdout, everything for people goes to stderr so stdout stays parseable. */
function emit(args: CliArgs, human: string, json: string): void {
    const say = args.json === "-" ? console.error : console.log;
    say(human);
    if (args.json === "-") process.stdout.write(json);
    else if (args.json) {
        try {
            fs.writeFileSync(args.json, json);
        } catch (e) {
            throw new PlanError(`cannot write ${args.json}: ${(e as Error).message}`);
        }
        if (!args.quiet) say(`\nWrote ${args.json}`);
    }
}

/**
 * A workload that cannot start, or a mandatory policy violation, is the user's config to change, like a
 * config error (exit 2); the plan and its JSON still print, so each can be read in context.
 */
function reportBroken(plan: Plan): boolean {
    const lines = [...brokenReport(plan), ...violationReport(plan)];
    for (const line of lines) console.error(line);
    return lines.length > 0;
}

// The cost clause goes before the policies': scripts and tests read the policy counts at the line's end.
const summary = (plan: Plan) => [renderSummary(plan), startSummary(plan), costSummary(plan), policySummary(plan)].filter(Boolean).join("; ");

async function planOne(args: CliArgs): Promise<number> {
    // Read the earlier plan first: a wrong file name fails before the plan runs.
    const before = args.diff ? readPlanFile(args.diff) : undefined;
    const plan = await planReported(args.stack, args);
    if (!plan) return 2;
    if (!before || !args.diff) {
        emit(args, args.quiet ? summary(plan) : renderPlan(plan), planJson(plan));
        return reportBroken(plan) ? 2 : 0;
    }
    const diff = diffPlans(before, plan);
    const human = args.quiet ? `${summary(plan)}; ${renderDiffSummary(diff, args.diff)}` : renderDiff(diff, args.diff, plan.stack);
    emit(args, human, planJson({ ...plan, diff } as Plan));
    if (reportBroken(plan)) return 2;
    return args.exitCode && hasRealChanges(diff) ? 3 : 0;
}

async function compareStacks(args: CliArgs, [a, b]: [string, string]): Promise<number> {
    const plans = [await planReported(a, args), await planReported(b, args)];
    if (!plans[0] || !plans[1]) return 2;
    const comparison = comparePlans(plans[0], plans[1]);
    // Parity only tells platforms apart: two stacks on one platform have nothing to show there.
    const parity = compareParity(plans[0], plans[1]);
    const sideBySide = parity ? renderParityComparison(parity, comparison.stacks) : [];
    const human = args.quiet ? `${renderComparisonSummary(comparison)}${parity ? `; ${renderParitySummary(parity)}` : ""}` : [renderComparison(comparison), ...(sideBySide.length ? ["", ...sideBySide] : [])].join("\n");
    emit(args, human, JSON.stringify(parity ? { ...comparison, parity } : comparison, null, 2) + "\n");
    const broken = plans.map((p) => reportBroken(p!));
    return broken.some(Boolean) ? 2 : 0;
}

async function main(): Promise<number> {
    failOnClosedStdout();
    const args = parseArgs(process.argv.slice(2));
    if (args.help) {
        console.log(USAGE);
        return 0;
    }
    projectName(args.dir); // no Pulumi.yaml there: a plain message before anything else
    return args.compare ? await compareStacks(args, args.compare) : await planOne(args);
}

// A PlanError is the user's to fix (a command-line mistake, a missing file): its message alone. Anything
// else is a bug in the program or berth, and its stack trace points at the line.
void main()
    .catch((e) => {
        console.error(`berth plan failed: ${e instanceof PlanError ? e.message : ((e as Error)?.stack ?? e)}`);
        return 1;
    })
    .then(exitFlushed);
