// The comparison report as Markdown: the summary table, then a section per platform.
import { Block, columnBlocks, summaryTable } from "./outline";
import type { Report } from "./types";
import { verdictBlock } from "./verdict";

/** A table cell: pipes would end the cell, newlines the row. */
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n\s*/g, " ");

function table(head: string[], rows: string[][]): string[] {
    return [`| ${head.map(cell).join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

function block(b: Block): string[] {
    const lead = `**${b.heading}**${b.text ? `: ${b.text}` : ""}`;
    return [lead, ...(b.items.length ? ["", ...b.items.map((i) => `- ${i.replace(/\n\s*/g, " ")}`)] : []), ""];
}

/** The summary table alone, as the CLI prints it. */
export function summaryMarkdown(r: Report): string {
    const summary = summaryTable(r);
    return table(summary.head, summary.rows).join("\n");
}

export function renderMarkdown(r: Report): string {
    const lines = [
        `# Where should \`${r.stack}\` run?`,
        "",
        `The services of Pulumi.${r.stack}.yaml, planned offline on ${r.columns.length} platforms: on each, the stack's own platform blocks are swapped for a shipped stack's (docs/compare.md). Numbers are estimates from the plans, not bills.`,
        "",
        summaryMarkdown(r),
        "",
    ];
    const marked = r.columns.filter((c) => c.mark);
    if (marked.length) lines.push(...marked.map((c) => `- **${c.id}**: ${c.mark}`), "");
    lines.push(...block(verdictBlock(r.columns)));
    for (const c of r.columns) {
        lines.push(`## ${c.id}`, "", ...(c.mark ? [`> ${c.mark}`, ""] : []));
        for (const b of columnBlocks(c)) lines.push(...block(b));
        if (c.ok && c.diagram !== undefined) lines.push(`The architecture diagram is in ${r.stack}.html.`, "");
    }
    lines.push("## Sources", "", ...r.sources.map((s) => `- [${s.title}](${s.url})`), "");
    return lines.join("\n");
}
