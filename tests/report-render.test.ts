// The report's Markdown and HTML over small reports written by hand inside each test, npm run
// compare's arguments, and a report built and written with a planner that plans nothing.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlanError, PROJECT_DIR } from "../plan/engine";
import { TARGETS } from "../plan/move";
import { parseCompareArgs, USAGE } from "../plan/report/args";
import { buildReport, writeReport } from "../plan/report/build";
import { escapeHtml, renderHtml } from "../plan/report/html";
import { renderMarkdown, summaryMarkdown } from "../plan/report/markdown";
import type { Column, PlatformFacts, Report } from "../plan/report/types";
import { planOf, res } from "./handmade-plans";

function facts(over: Partial<PlatformFacts> = {}): PlatformFacts {
    return { size: { cloud: 1, components: 0 }, ops: { nodes: [], amis: [], helmReleases: [], addons: [], privateEndpoint: false, natInstances: 0 }, scaling: { tasks: [], nodes: "none recorded" }, parity: [], ...over };
}

describe("the report as Markdown: cells, lines and marks", () => {
    it("escapes pipes and folds line breaks in cells and list items, and writes no marks list when nothing is marked", () => {
        const column: Column = { id: "a|b", platform: "p", ok: true, facts: facts({ scaling: { tasks: ["one\n   two"], nodes: "x | y\nz" } }), diagram: "<svg/>" };
        const md = renderMarkdown({ stack: "s", sources: [], columns: [column] });
        assert.equal(
            md,
            [
                "# Where should `s` run?",
                "",
                "The services of Pulumi.s.yaml, planned offline on 1 platforms: on each, the stack's own platform blocks are swapped for a shipped stack's (docs/compare.md). Numbers are estimates from the plans, not bills.",
                "",
                "| platform | monthly | deploy time | resources | policy | start paths | ops burden |",
                "|---|---|---|---|---|---|---|",
                "| a\\|b | not estimated | not estimated | 1 cloud + 0 components | — | — | none |",
                "",
                "**In short**: the report does not choose; it says what each choice costs.",
                "",
                "- Least to operate: a|b, with none to keep current.",
                "- a|b gives up: nothing the report measures.",
                "",
                "## a|b",
                "",
                "**Cost**: not estimated: the plan carries no cost estimate",
                "",
                "**Deploy time**: not estimated",
                "",
                "**Size**: 1 cloud resource, 0 components",
                "",
                "**Policy**: not checked",
                "",
                "**Start paths**: not analysed",
                "",
                "**What the team operates**",
                "",
                "- Nodes: none",
                "- AMIs to patch: none",
                "- Control plane: none the team upgrades",
                "- Helm releases (0): none",
                "- EKS add-ons (0): none",
                "- NAT instances: 0",
                "",
                "**Scaling**",
                "",
                "- Tasks or pods: one two",
                "- Nodes: x | y z",
                "",
                "**Parity**: every key as on ECS on Fargate",
                "",
                "The architecture diagram is in s.html.",
                "",
                "## Sources",
                "",
                "",
            ].join("\n"),
        );
        assert.equal(summaryMarkdown({ stack: "s", sources: [], columns: [] }), "| platform | monthly | deploy time | resources | policy | start paths | ops burden |\n|---|---|---|---|---|---|---|");
    });

    it("folds a line break and the spaces after it into one space in a cell, and leaves other spaces alone", () => {
        const refused: Column = { id: "r", platform: "r", ok: false, errors: [] };
        const md = summaryMarkdown({ stack: "s", sources: [], columns: [{ ...refused, id: "x\n\t y  z\nw" }] });
        assert.equal(md.split("\n")[2], "| x y  z w | cannot run here (0 config errors) | — | — | — | — | — |");
    });
});

describe("the report as HTML: the whole page", () => {
    it("writes the summary table, the marks, each platform's blocks and diagram, and the sources, escaped", () => {
        const report: Report = {
            stack: "<s>",
            sources: [
                { title: "T&C", url: "https://e.com/?a=1&b=2" },
                { title: "B", url: "https://b.example" },
            ],
            columns: [
                { id: "ok", platform: "p", ok: true, facts: facts(), diagram: '<svg id="a"><g id="graph0"/></svg>' },
                { id: "bare", platform: "p", mark: "also", ok: true, facts: facts() },
                { id: "no", platform: "p", mark: "read <this>", ok: false, errors: [], ...({ diagram: "<svg/>" } as object) },
            ],
        };
        const html = renderHtml(report);
        const blocks = (id: string) =>
            "<h3>Cost</h3><p>not estimated: the plan carries no cost estimate</p><h3>Deploy time</h3><p>not estimated</p><h3>Size</h3><p>1 cloud resource, 0 components</p><h3>Policy</h3><p>not checked</p><h3>Start paths</h3><p>not analysed</p>" +
            "<h3>What the team operates</h3><ul><li>Nodes: none</li><li>AMIs to patch: none</li><li>Control plane: none the team upgrades</li><li>Helm releases (0): none</li><li>EKS add-ons (0): none</li><li>NAT instances: 0</li></ul>" +
            `<h3>Scaling</h3><ul><li>Nodes: none recorded</li></ul><h3>Parity</h3><p>every key as on ECS on Fargate</p>${id}`;
        const row = (id: string) => `<tr><td>${id}</td><td>not estimated</td><td>not estimated</td><td>1 cloud + 0 components</td><td>—</td><td>—</td><td>none</td></tr>`;
        const lines = html.split("\n");
        assert.equal(lines[0], "<!DOCTYPE html>");
        assert.equal(lines[1], '<html lang="en"><head><meta charset="utf-8">');
        assert.equal(lines[2], "<title>berth: where should &lt;s&gt; run?</title>");
        assert.match(lines[3], /^<style>\n?$/);
        const body = html.slice(html.indexOf("</style></head><body>\n") + "</style></head><body>\n".length);
        assert.equal(
            body,
            [
                "<h1>Where should <code>&lt;s&gt;</code> run?</h1>",
                "<p>The services of Pulumi.&lt;s&gt;.yaml, planned offline on 3 platforms. Numbers are estimates from the plans, not bills.</p>",
                "<table><tr><th>platform</th><th>monthly</th><th>deploy time</th><th>resources</th><th>policy</th><th>start paths</th><th>ops burden</th></tr>",
                `${row("ok")}\n${row("bare")}\n<tr><td>no</td><td>cannot run here (0 config errors)</td><td>—</td><td>—</td><td>—</td><td>—</td><td>—</td></tr></table>`,
                "<ul><li><strong>bare</strong>: also</li><li><strong>no</strong>: read &lt;this&gt;</li></ul>",
                '<section class="verdict"><h3>In short</h3><p>the report does not choose; it says what each choice costs.</p><ul><li>Least to operate: ok and bare, with none to keep current.</li><li>ok gives up: nothing the report measures.</li><li>bare gives up: also.</li><li>no cannot run these services as written: its section names each key to change.</li></ul></section>',
                '<p class="legend">Diagrams: <span style="background:#fde2c4">public entry point</span><span style="background:#d7ecd9">data store</span><span style="background:#e4ebf7">compute and routing</span> dashed boxes are berth components; an arrow points at what a resource needs; IAM, rules, log groups and similar plumbing are folded into their component.</p>',
                `<div class="columns"><section class="platform" id="ok"><h2>ok</h2>${blocks('<h3>Architecture</h3><div class="diagram"><svg id="ok-a"><g id="ok-graph0"/></svg></div>')}</section>`,
                `<section class="platform" id="bare"><h2>bare</h2><p class="mark">also</p>${blocks("")}</section>`,
                '<section class="platform refused" id="no"><h2>no</h2><p class="mark">read &lt;this&gt;</p><h3>Cannot run here</h3><p>the services&#39; config, moved here, does not validate:</p></section></div>'.replace("&#39;", "'"),
                '<h2>Sources</h2><ul><li><a href="https://e.com/?a=1&amp;b=2">T&amp;C</a></li><li><a href="https://b.example">B</a></li></ul>',
                "</body></html>",
                "",
            ].join("\n"),
        );
        assert.equal(escapeHtml(`a&<>"'`), "a&amp;&lt;&gt;&quot;'");
    });

    it("writes no marks list when no platform is marked", () => {
        const html = renderHtml({ stack: "s", sources: [], columns: [{ id: "ok", platform: "p", ok: true, facts: facts() }] });
        assert.ok(html.includes("not bills.</p>\n<table>"), "the table follows the lead");
        assert.ok(html.includes('</table>\n\n<section class="verdict">'), "an empty line where the marks would be");
        assert.ok(html.endsWith("<h2>Sources</h2><ul></ul>\n</body></html>\n"));
    });
});

describe("npm run compare's arguments: every flag", () => {
    it("reads help in either spelling, the defaults, and each value flag; refuses a flag as a value", () => {
        assert.deepEqual(parseCompareArgs(["--help"]), { stack: "dev", out: path.join(PROJECT_DIR, "reports", "compare"), help: true });
        assert.equal(parseCompareArgs(["-h"]).help, true);
        assert.equal(parseCompareArgs([]).help, undefined);
        assert.deepEqual(parseCompareArgs(["--dir", "d", "--stack", "x--"]), { stack: "x--", out: path.join(PROJECT_DIR, "reports", "compare"), dir: "d" });
        assert.throws(
            () => parseCompareArgs(["--out", "--stack"]),
            (e: Error) => e instanceof PlanError && e.message === `--out needs a value\n${USAGE}`,
        );
        assert.throws(
            () => parseCompareArgs(["--dir"]),
            (e: Error) => e instanceof PlanError && e.message === `--dir needs a value\n${USAGE}`,
        );
        assert.throws(
            () => parseCompareArgs(["x"]),
            (e: Error) => e instanceof PlanError && e.message === `unknown argument x\n${USAGE}`,
        );
        assert.ok(USAGE.startsWith("usage: npm run compare -- [--stack NAME] [--out DIR] [--dir DIR]\n  --stack"));
    });
});

describe("building and writing the report", () => {
    it("plans each target's moved config with the planner given, keeps the marks, and records a planner's refusal", async () => {
        const targets = TARGETS.filter((t) => ["ecs-fargate", "ecs-ec2", "apprunner", "kubernetes"].includes(t.id));
        const seen: string[] = [];
        const report = await buildReport("dev", {
            targets,
            planner: (config, stack) => {
                seen.push(`${stack}:${String(config["berth:platform"])}`);
                if (config["berth:platform"] === "ecs-ec2") return Promise.resolve({ ok: false, errors: [{ path: "berth:ec2", value: 1, allowed: "2" }] });
                return Promise.resolve({ ok: true, plan: planOf([res("aws:lb/loadBalancer:LoadBalancer", "lb", {})]) });
            },
        });
        assert.deepEqual(seen, ["dev:ecs-fargate", "dev:ecs-ec2"]);
        assert.equal(report.stack, "dev");
        assert.deepEqual(report.sources.length, 1);
        const [fargate, ec2, apprunner, kubernetes] = report.columns;
        assert.deepEqual(Object.keys(fargate), ["id", "platform", "ok", "facts", "diagram"]);
        assert.ok(fargate.ok && fargate.diagram?.startsWith("<svg") && fargate.facts.size.cloud === 1);
        assert.deepEqual(ec2, { id: "ecs-ec2", platform: "ecs-ec2", ok: false, errors: [{ path: "berth:ec2", value: 1, allowed: "2" }] });
        assert.equal(apprunner.mark, TARGETS.find((t) => t.id === "apprunner")?.mark);
        assert.equal(apprunner.ok, false);
        assert.deepEqual([kubernetes.id, kubernetes.ok, kubernetes.mark === undefined], ["kubernetes", false, false]);
    });

    it("plans with the engine in the project folder when given no planner", async function () {
        this.timeout(60000);
        const report = await buildReport("dev", { targets: TARGETS.filter((t) => t.id === "ecs-fargate") });
        const [fargate] = report.columns;
        assert.ok(fargate.ok, "dev plans on ECS on Fargate");
        assert.equal(fargate.ok && fargate.facts.ops.natInstances, 1);
    });

    it("writes NAME.md and NAME.html under a folder it makes", () => {
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "berth-report-")), "a", "b");
        const report: Report = { stack: "x", sources: [], columns: [] };
        const files = writeReport(report, out);
        assert.deepEqual(files, { markdown: path.join(out, "x.md"), html: path.join(out, "x.html") });
        assert.equal(fs.readFileSync(files.markdown, "utf8"), renderMarkdown(report));
        assert.equal(fs.readFileSync(files.html, "utf8"), renderHtml(report));
    });
});
