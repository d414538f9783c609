// Human-readable plan: a preview-like tree, the outputs, and counts per type.
import { Plan, PlannedResource } from "./engine";
import { renderParityNotes } from "./parity";
import { renderStartPaths } from "./start-report";
import { renderPolicies } from "./policy-report";
import { renderCost } from "./cost-report";

function children(plan: Plan): Map<string | null, PlannedResource[]> {
    const urns = new Set(plan.resources.map((r) => r.urn));
    const byParent = new Map<string | null, PlannedResource[]>();
    for (const r of plan.resources) {
        const parent = r.parent && urns.has(r.parent) ? r.parent : null;
        byParent.set(parent, [...(byParent.get(parent) ?? []), r]);
    }
    return byParent;
}

/** The resource options a reviewer must see before `pulumi destroy`: what it leaves behind, what it refuses to delete. */
function flags(r: PlannedResource): string {
    const on = [r.retainOnDelete && "retain", r.protect && "protect"].filter(Boolean);
    return on.length ? `  [${on.join(", ")}]` : "";
}

const FLAG_LEGEND = "[retain]: `pulumi destroy` leaves it in the cloud (retainOnDelete). [protect]: Pulumi refuses to delete it until the option is removed.";

export function renderTree(plan: Plan): string[] {
    const byParent = children(plan);
    const rows: Array<[string, string]> = [[`pulumi:pulumi:Stack`, `${plan.project}-${plan.stack}`]];
    const walk = (parent: string | null, prefix: string) => {
        const kids = byParent.get(parent) ?? [];
        kids.forEach((r, i) => {
            const last = i === kids.length - 1;
            rows.push([`${prefix}${last ? "└─ " : "├─ "}${r.type}`, r.name + flags(r)]);
            walk(r.urn, prefix + (last ? "   " : "│  "));
        });
    };
    walk(null, "");
    const width = Math.max(...rows.map(([t]) => t.length)) + 2;
    const legend = plan.resources.some((r) => r.retainOnDelete || r.protect) ? ["", FLAG_LEGEND] : [];
    return ["     Type".padEnd(width + 5) + "Name", ...rows.map(([t, n]) => ` +   ${t.padEnd(width)}${n}`), ...legend];
}

/** Resources per type, sorted by type; `component` picks cloud resources (false) or components (true), both by default. */
export function countsByType(plan: Pick<Plan, "resources">, component?: boolean): Array<[string, number]> {
    const counts = new Map<string, number>();
    for (const r of plan.resources) if (component === undefined || r.component === component) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** One line for `--quiet`: what would be created, without the tree. */
export function renderSummary(plan: Plan): string {
    const cloud = plan.resources.filter((r) => !r.component).length;
    return `Planned ${plan.project}/${plan.stack} (platform ${plan.platform}): ${plan.resources.length} resources (${cloud} cloud resources, ${plan.resources.length - cloud} components), ${Object.keys(plan.outputs).length} outputs`;
}

export function renderPlan(plan: Plan): string {
    const notes = renderParityNotes(plan);
    const start = renderStartPaths(plan);
    const guardrails = renderPolicies(plan);
    const cost = renderCost(plan);
    const lines = [
        `Planning berth stack ${plan.project}/${plan.stack} (platform ${plan.platform}), offline under mocks:`,
        "",
        ...renderTree(plan),
        ...(notes.length ? ["", ...notes] : []),
        ...(start.length ? ["", ...start] : []),
        ...(guardrails.length ? ["", ...guardrails] : []),
        ...(cost.length ? ["", ...cost] : []),
        "",
        "Outputs:",
    ];
    for (const [k, v] of Object.entries(plan.outputs)) lines.push(`    ${k}: ${JSON.stringify(v)}`);
    const cloud = plan.resources.filter((r) => !r.component).length;
    lines.push("", "Resources:", `    + ${plan.resources.length + 1} to create (${cloud} cloud resources, ${plan.resources.length - cloud} components, 1 stack)`);
    // Components (berth's own, and awsx/eks remote ones) group cloud resources; counting them together would inflate what AWS bills.
    lines.push("", "By type, cloud resources:");
    for (const [type, n] of countsByType(plan, false)) lines.push(`    ${String(n).padStart(3)}  ${type}`);
    lines.push("", "By type, components:");
    for (const [type, n] of countsByType(plan, true)) lines.push(`    ${String(n).padStart(3)}  ${type}`);
    return lines.join("\n");
}
