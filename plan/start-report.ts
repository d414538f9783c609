// The start paths in the human plan: one line per workload, and the broken ones as errors.
import { pathResult, StartPath } from "../start";
import type { Plan } from "./engine";

const MARK = { proven: "✓", assumed: "~", broken: "✗" } as const;

const label = (p: StartPath) => `${p.workload}${p.service && !p.workload.startsWith(p.service) ? ` (${p.service})` : ""}`;

/** A step as one clause: its kind and subject, then why. */
export const describeStep = (s: StartPath["steps"][number]) => `${s.kind} ${s.subject}: ${s.reason}`;

/** The tree's section: `✓ can start`, or each assumed and broken step. */
export function renderStartPaths(plan: Pick<Plan, "startPaths">): string[] {
    const paths = plan.startPaths ?? [];
    if (!paths.length) return [];
    const lines = ['Start paths (✓ proven from the plan, ~ assumed: make it true yourself, ✗ broken; docs/plan.md, "Start paths"):'];
    for (const p of paths) {
        const result = pathResult(p);
        if (result === "proven") {
            lines.push(`    ${MARK.proven} ${label(p)}: can start`);
            continue;
        }
        const open = p.steps.filter((s) => s.result !== "proven");
        lines.push(`    ${MARK[result]} ${label(p)}: ${result === "broken" ? "cannot start" : "can start if"}`);
        for (const s of open) lines.push(`        ${MARK[s.result]} ${describeStep(s)}`);
    }
    return lines;
}

export function startSummary(plan: Pick<Plan, "startPaths">): string | undefined {
    const paths = plan.startPaths ?? [];
    if (!paths.length) return undefined;
    const count = (r: string) => paths.filter((p) => pathResult(p) === r).length;
    return `${paths.length} workload${paths.length === 1 ? "" : "s"}: ${count("proven")} can start, ${count("assumed")} on assumptions, ${count("broken")} cannot start`;
}

/** The broken steps, as the CLI's errors (exit 2): the workload, the step, the identity, the action, the resource and the fix. */
export function brokenSteps(plan: Pick<Plan, "startPaths">): string[] {
    return (plan.startPaths ?? []).flatMap((p) =>
        p.steps
            .filter((s) => s.result === "broken")
            .map((s) => `${label(p)} cannot start: ${describeStep(s)}${s.identity && !s.reason.includes(s.identity) ? ` [identity ${s.identity}]` : ""}${s.action && !s.reason.includes(s.action) ? ` [action ${s.action}]` : ""}`),
    );
}

/** What the CLI prints on stderr before exiting 2: a header naming the stack file, then each broken step. Empty when nothing is broken. */
export function brokenReport(plan: Pick<Plan, "stack" | "startPaths">): string[] {
    const broken = brokenSteps(plan);
    if (!broken.length) return [];
    return [`berth: Pulumi.${plan.stack}.yaml plans, but ${broken.length} step${broken.length === 1 ? "" : "s"} cannot work on a real deploy:`, ...broken.map((b) => `  - ${b}`)];
}
