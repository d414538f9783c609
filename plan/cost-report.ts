// The cost and deploy time in the human plan: the "Cost" section of the tree, and the clause of
// `--quiet`'s line.
import { creationSeconds } from "../cost/deploy-time";
import type { Plan } from "./engine";

const TOP_LINES = 5;
const SLOWEST_STEPS = 3;

const dollars = (x: number) => `$${x.toFixed(2)}`;

/** Minutes, rounded, never "0 min" for a deploy that takes any time. */
export const minutes = (seconds: number) => `${seconds > 0 ? Math.max(1, Math.round(seconds / 60)) : 0} min`;

/** The tree's section: the total, fixed and usage apart, the largest lines, the notes, and the deploy time's slowest steps. */
export function renderCost(plan: Pick<Plan, "cost" | "deployTime" | "resources">): string[] {
    const { cost, deployTime } = plan;
    if (!cost) return [];
    const lines = [
        `Cost (${cost.currency} a month at ${cost.region === "us-east-1" ? "" : "us-east-1's "}list prices of ${cost.priceDate}; docs/plan.md, "Cost and deploy time"):`,
        `    ~${dollars(cost.monthly)} a month: ${dollars(cost.fixed)} fixed + ${dollars(cost.usage)} from usage (berth:usage)`,
    ];
    for (const l of cost.lines.slice(0, TOP_LINES)) {
        lines.push(`    ${dollars(l.monthly).padStart(10)}  ${l.fixed ? "fixed" : "usage"}  ${l.description}${l.madeBy ? ` [made by ${l.madeBy}]` : ""}`);
    }
    if (cost.lines.length > TOP_LINES) lines.push(`    ... and ${cost.lines.length - TOP_LINES} more lines in the JSON's cost.lines`);
    for (const n of cost.notes) lines.push(`    note: ${n}`);
    if (deployTime) {
        const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
        const slowest = deployTime.path
            .flatMap((u) => {
                const r = byUrn.get(u);
                return r ? [{ r, s: creationSeconds(r) }] : [];
            })
            .sort((a, b) => b.s - a.s)
            .slice(0, SLOWEST_STEPS);
        const steps = slowest.map(({ r, s }) => `${r.name} (${r.type}) ${minutes(s)}`).join(", ");
        lines.push(`    Deploy time: ~${minutes(deployTime.criticalPathSeconds)} (${deployTime.criticalPathSeconds} s) on the critical path of ${deployTime.path.length} steps${steps ? `; slowest: ${steps}` : ""}`);
    }
    return lines;
}

/** `--quiet`'s clause: `~$123.45/month, ~14 min to deploy`. */
export function costSummary(plan: Pick<Plan, "cost" | "deployTime">): string | undefined {
    if (!plan.cost) return undefined;
    const time = plan.deployTime ? `, ~${minutes(plan.deployTime.criticalPathSeconds)} to deploy` : "";
    return `~${dollars(plan.cost.monthly)}/month${time}`;
}
