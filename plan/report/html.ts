// The comparison report as one self-contained HTML page: inline CSS and inline SVG diagrams, nothing
// fetched at view time (no script, stylesheet, font or image), so it opens from a file or an archive.
import { Block, columnBlocks, summaryTable } from "./outline";
import type { Column, Report } from "./types";
import { verdictBlock } from "./verdict";

export const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2733; margin: 2rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.15rem; margin: 0 0 .4rem; }
table { border-collapse: collapse; margin: 1rem 0; } th, td { border: 1px solid #ccd3db; padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
.columns { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(22rem, 1fr); gap: 1rem; overflow-x: auto; align-items: start; }
.platform { border: 1px solid #ccd3db; border-radius: 6px; padding: .8rem; }
.platform.refused { background: #fbf3f3; }
.mark { background: #fff4d6; border-left: 4px solid #d9a400; padding: .3rem .5rem; margin: .4rem 0; }
h3 { font-size: .95rem; margin: .8rem 0 .2rem; } ul { margin: .2rem 0; padding-left: 1.2rem; } li { margin: .1rem 0; }
.verdict { border-left: 4px solid #3b6ea8; padding: .1rem .8rem; background: #f3f7fb; }
.diagram svg { max-width: 100%; height: auto; }
.legend span { display: inline-block; padding: 0 .4rem; margin-right: .4rem; border-radius: 3px; }
`;

function blockHtml(b: Block): string {
    const items = b.items.length ? `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>` : "";
    return `<h3>${escapeHtml(b.heading)}</h3>${b.text ? `<p>${escapeHtml(b.text)}</p>` : ""}${items}`;
}

function columnHtml(c: Column): string {
    const mark = c.mark ? `<p class="mark">${escapeHtml(c.mark)}</p>` : "";
    // Graphviz numbers its ids from graph0 in every diagram: prefixed, they stay unique on the page.
    const diagram = c.ok && c.diagram ? `<h3>Architecture</h3><div class="diagram">${c.diagram.replace(/ id="/g, ` id="${c.id}-`)}</div>` : "";
    return `<section class="platform${c.ok ? "" : " refused"}" id="${escapeHtml(c.id)}"><h2>${escapeHtml(c.id)}</h2>${mark}${columnBlocks(c).map(blockHtml).join("")}${diagram}</section>`;
}

const LEGEND =
    '<p class="legend">Diagrams: <span style="background:#fde2c4">public entry point</span><span style="background:#d7ecd9">data store</span><span style="background:#e4ebf7">compute and routing</span> ' +
    "dashed boxes are berth components; an arrow points at what a resource needs; IAM, rules, log groups and similar plumbing are folded into their component.</p>";

export function renderHtml(r: Report): string {
    const s = summaryTable(r);
    const head = `<tr>${s.head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>`;
    const rows = s.rows.map((row) => `<tr>${row.map((x) => `<td>${escapeHtml(x)}</td>`).join("")}</tr>`).join("\n");
    const marks = r.columns.filter((c) => c.mark).map((c) => `<li><strong>${escapeHtml(c.id)}</strong>: ${escapeHtml(c.mark!)}</li>`);
    const sources = r.sources.map((x) => `<li><a href="${escapeHtml(x.url)}">${escapeHtml(x.title)}</a></li>`).join("");
    return [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        `<title>berth: where should ${escapeHtml(r.stack)} run?</title>`,
        `<style>${CSS}</style></head><body>`,
        `<h1>Where should <code>${escapeHtml(r.stack)}</code> run?</h1>`,
        `<p>The services of Pulumi.${escapeHtml(r.stack)}.yaml, planned offline on ${r.columns.length} platforms. Numbers are estimates from the plans, not bills.</p>`,
        `<table>${head}\n${rows}</table>`,
        marks.length ? `<ul>${marks.join("")}</ul>` : "",
        `<section class="verdict">${blockHtml(verdictBlock(r.columns))}</section>`,
        LEGEND,
        `<div class="columns">${r.columns.map(columnHtml).join("\n")}</div>`,
        `<h2>Sources</h2><ul>${sources}</ul>`,
        "</body></html>",
        "",
    ].join("\n");
}
