// The plan CLI's work, apart from the process it runs in (plan/cli.ts): what `npm run plan` prints
// and the exit code it returns, written to an io that tests may hold in memory.
import * as fs from "fs";
import { formatConfigError } from "../config/errors";
import { formatWarning } from "../config/warnings";
import { CliArgs, parseArgs, USAGE } from "./args";
import { comparePlans, renderComparison, renderComparisonSummary } from "./compare";
import { diffPlans, hasRealChanges, readPlanFile, renderDiff, renderDiffSummary } from "./diff";
import { Plan, PlanError, planJson, planStack, projectName } from "./engine";
import { renderPlan, renderSummary } from "./render";
import { brokenReport, startSummary } from "./start-report";
import { policySummary, violationReport } from "./policy-report";
import { costSummary } from "./cost-report";
import { compareParity, renderParityComparison, renderParitySummary } from "./parity";

/** Where the CLI writes: stdout and stderr, or two strings when a test runs it in-process. */
export interface CliIo {
    readonly out: (text: string) => void;
    readonly err: (text: string) => void;
}

/** The process's own streams. */
export const PROCESS_IO: CliIo = { out: (text) => void process.stdout.write(text), err: (text) => void process.stderr.write(text) };

/** Line writers over an io: each text and a newline, as console.log and console.error write them. */
function lines(io: CliIo) {
    return { log: (text: string) => io.out(`${text}\n`), error: (text: string) => io.err(`${text}\n`) };
}

/** Plans one stack, printing its config errors and warnings on stderr; undefined when it must exit 2. */
async function planReported(stack: string, args: CliArgs, io: CliIo): Promise<Plan | undefined> {
    const print = lines(io);
    const result = await planStack(stack, args.dir);
    if (!result.ok) {
        print.error(`berth: Pulumi.${stack}.yaml has ${result.errors.length} config error${result.errors.length === 1 ? "" : "s"}:`);
        for (const e of result.errors) print.error(`  - ${formatConfigError(e)}`);
        return undefined;
    }
    const warnings = result.plan.warnings;
    if (warnings.length) {
        const what = args.strict ? `error${warnings.length === 1 ? "" : "s"} (--strict)` : `warning${warnings.length === 1 ? "" : "s"}`;
        print.error(`berth: Pulumi.${stack}.yaml has ${warnings.length} ${what}:`);
        for (const w of warnings) print.error(`  - ${formatWarning(w)}`);
        if (args.strict) return undefined;
    }
    return result.plan;
}

/** Human output, and the JSON where `--json` asks for it. With the JSON on stdout, everything for people goes to stderr so stdout stays parseable. */
function emit(args: CliArgs, human: string, json: string, io: CliIo): void {
    const print = lines(io);
    const say = args.json === "-" ? print.error : print.log;
    say(human);
    if (args.json === "-") io.out(json);
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
function reportBroken(plan: Plan, io: CliIo): boolean {
    const found = [...brokenReport(plan), ...violationReport(plan)];
    for (const line of found) lines(io).error(line);
    return found.length > 0;
}

// The cost clause goes before the policies': scripts and tests read the policy counts at the line's end.
const summary = (plan: Plan) => [renderSummary(plan), startSummary(plan), costSummary(plan), policySummary(plan)].filter(Boolean).join("; ");

async function planOne(args: CliArgs, io: CliIo): Promise<number> {
    // Read the earlier plan first: a wrong file name fails before the plan runs.
    const before = args.diff ? readPlanFile(args.diff) : undefined;
    const plan = await planReported(args.stack, args, io);
    if (!plan) return 2;
    if (!before || !args.diff) {
        emit(args, args.quiet ? summary(plan) : renderPlan(plan), planJson(plan), io);
        return reportBroken(plan, io) ? 2 : 0;
    }
    const diff = diffPlans(before, plan);
    const human = args.quiet ? `${summary(plan)}; ${renderDiffSummary(diff, args.diff)}` : renderDiff(diff, args.diff, plan.stack);
    emit(args, human, planJson({ ...plan, diff } as Plan), io);
    if (reportBroken(plan, io)) return 2;
    return args.exitCode && hasRealChanges(diff) ? 3 : 0;
}

async function compareStacks(args: CliArgs, [a, b]: [string, string], io: CliIo): Promise<number> {
    const plans = [await planReported(a, args, io), await planReported(b, args, io)];
    if (!plans[0] || !plans[1]) return 2;
    const comparison = comparePlans(plans[0], plans[1]);
    // Parity only tells platforms apart: two stacks on one platform have nothing to show there.
    const parity = compareParity(plans[0], plans[1]);
    const sideBySide = parity ? renderParityComparison(parity, comparison.stacks) : [];
    const human = args.quiet ? `${renderComparisonSummary(comparison)}${parity ? `; ${renderParitySummary(parity)}` : ""}` : [renderComparison(comparison), ...(sideBySide.length ? ["", ...sideBySide] : [])].join("\n");
    emit(args, human, JSON.stringify(parity ? { ...comparison, parity } : comparison, null, 2) + "\n", io);
    const broken = plans.map((p) => reportBroken(p!, io));
    return broken.some(Boolean) ? 2 : 0;
}

async function main(argv: ReadonlyArray<string>, io: CliIo): Promise<number> {
    const args = parseArgs([...argv]);
    if (args.help) {
        lines(io).log(USAGE);
        return 0;
    }
    projectName(args.dir); // no Pulumi.yaml there: a plain message before anything else
    return args.compare ? await compareStacks(args, args.compare, io) : await planOne(args, io);
}

/**
 * `npm run plan -- ARGV`, writing to `io`, resolving to its exit code. A PlanError is the user's to fix
 * (a command-line mistake, a missing file): its message alone. Anything else is a bug in the program
 * or berth, and its stack trace points at the line.
 */
export function runCli(argv: ReadonlyArray<string>, io: CliIo = PROCESS_IO): Promise<number> {
    return main(argv, io).catch((e) => {
        lines(io).error(`berth plan failed: ${e instanceof PlanError ? e.message : ((e as Error)?.stack ?? e)}`);
        return 1;
    });
}
