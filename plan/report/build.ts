// The comparison report, in-process: the stack's services moved onto every target platform, each
// planned by the same engine as `npm run plan`, then read into facts and drawn.
import * as fs from "fs";
import * as path from "path";
import { plan, PlanResult, projectName, PROJECT_DIR } from "../engine";
import { moveTo, TARGETS, Target } from "../move";
import { loadStackConfig } from "../stackfile";
import { diagramDot, renderSvg } from "./diagram";
import { platformFacts } from "./facts";
import { renderHtml } from "./html";
import { renderMarkdown } from "./markdown";
import { EKS_VERSIONS } from "./outline";
import type { Column, Report } from "./types";

export interface ReportOptions {
    /** Where Pulumi.yaml and the stack files are. @default the project */
    readonly dir?: string;
    /** The places to plan the services on. @default every target (plan/move.ts) */
    readonly targets?: ReadonlyArray<Target>;
    /** Plans one moved config. @default the engine's plan(), in the project folder; the tests pass their shared, cached planner */
    readonly planner?: (config: Record<string, unknown>, stack: string) => Promise<PlanResult>;
}

type Planner = NonNullable<ReportOptions["planner"]>;

async function column(source: Record<string, unknown>, stack: string, target: Target, dir: string, planner: Planner): Promise<Column> {
    const head = { id: target.id, platform: target.platform, ...(target.mark ? { mark: target.mark } : {}) };
    const move = moveTo(source, target, dir, stack);
    if (!move.ok) return { ...head, ok: false, errors: move.errors };
    const result = await planner(move.config, stack);
    if (!result.ok) return { ...head, ok: false, errors: result.errors };
    const p = result.plan;
    return { ...head, ok: true, facts: platformFacts(p), diagram: await renderSvg(diagramDot(p)) };
}

/** Plans the stack's services on each target, one after another (plans share Pulumi's process-wide runtime). */
export async function buildReport(stack: string, opts: ReportOptions = {}): Promise<Report> {
    const dir = opts.dir ?? PROJECT_DIR;
    const source = loadStackConfig(stack, dir);
    const project = projectName(dir);
    const planner: Planner = opts.planner ?? ((config, name) => plan({ stack: name, config, project, cwd: dir }));
    const columns: Column[] = [];
    for (const target of opts.targets ?? TARGETS) columns.push(await column(source, stack, target, dir, planner));
    return { stack, columns, sources: [EKS_VERSIONS] };
}

/** Writes `<out>/<stack>.md` and `<out>/<stack>.html`, returning their paths. */
export function writeReport(report: Report, out: string): { markdown: string; html: string } {
    fs.mkdirSync(out, { recursive: true });
    const files = { markdown: path.join(out, `${report.stack}.md`), html: path.join(out, `${report.stack}.html`) };
    fs.writeFileSync(files.markdown, renderMarkdown(report));
    fs.writeFileSync(files.html, renderHtml(report));
    return files;
}
