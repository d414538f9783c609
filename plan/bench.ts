// `npm run bench`: how long plans take and how much memory they need, as a user runs them.
// Each run is a fresh `npm run plan` process; the figures are the median wall time and the peak RSS
// of the plan process. Targets on this 2-core machine, which the issue on plan speed set:
//   - the dev stack: <= 1500 ms and <= 300 MB;
//   - a generated stack of 50 services: <= 4000 ms;
//   - linear growth: t(200) / t(50) <= 4.4, and <= 500 MB at 200 services;
//   - the start-path analysis (issue 23) adds at most 25 % to the plan, on dev and at 200 services;
//   - the policies (issue 21) add at most 20 % to the plan, on dev and at 200 services;
//   - `npm run compare -- --stack dev` (issue 24: every platform, in one process) takes at most 3
//     times one plan of dev.
//
//   npm run bench                        dev, then generated stacks of 1, 50 and 200 services
//   npm run bench -- --stack NAME        one stack file
//   npm run bench -- --services N        one generated stack of N services
//   npm run bench -- --runs K            runs per stack (default: 5, and 3 from 100 services up)
//   npm run bench -- --markdown          only the table, in Markdown, for docs/plan.md
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "./engine";
import { Measured, markdownTable, policyShare, servicesLabel, startShare } from "./bench-table";
import { writeScaleStack } from "./generate";

interface Case {
    readonly label: string;
    readonly stack: string;
    readonly dir?: string;
    readonly services?: number;
}

function flag(name: string): string | undefined {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One fresh `npm run plan` process: wall time, the plan process's peak RSS, and its resource count. */
function runOnce(c: Case): { ms: number; rssMb: number; resources: number; startMs: number; policiesMs: number; costMs: number } {
    const args = ["run", "-s", "plan", "--", "--stack", c.stack, "--quiet", ...(c.dir ? ["--dir", c.dir] : [])];
    const start = process.hrtime.bigint();
    // npm and the plan both load the preload; the plan process is the larger of the two.
    const run = spawnSync("npm", args, {
        cwd: PROJECT_DIR,
        encoding: "utf8",
        env: { ...process.env, BERTH_BENCH_PHASES: "1", NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(__dirname, "peak-rss.js")}`.trim() },
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (run.status !== 0) throw new Error(`plan of ${c.label} failed (exit ${run.status}):\n${run.stderr}`);
    const peaks = [...run.stderr.matchAll(/peak-rss-bytes=(\d+)/g)].map((m) => Number(m[1]) / 2 ** 20);
    const resources = Number(/(\d+) resources/.exec(run.stdout)?.[1] ?? NaN);
    const startMs = Number(/start-paths-ms=([\d.]+)/.exec(run.stderr)?.[1] ?? NaN);
    const policiesMs = Number(/policies-ms=([\d.]+)/.exec(run.stderr)?.[1] ?? NaN);
    const costMs = Number(/cost-ms=([\d.]+)/.exec(run.stderr)?.[1] ?? NaN);
    return { ms, rssMb: Math.max(...peaks), resources, startMs, policiesMs, costMs };
}

function measure(c: Case, runs: number): Measured {
    runOnce(c); // warm the file and compile caches
    const samples = Array.from({ length: runs }, () => runOnce(c));
    const ms = samples.map((s) => s.ms);
    const resources = samples[0].resources;
    const medianWallMs = Math.round(median(ms));
    return {
        label: c.label,
        services: c.services,
        resources,
        medianWallMs,
        minWallMs: Math.round(Math.min(...ms)),
        maxPeakRssMb: Math.round(Math.max(...samples.map((s) => s.rssMb))),
        msPerResource: Math.round((medianWallMs / resources) * 100) / 100,
        startPathsMs: Math.round(median(samples.map((s) => s.startMs))),
        // Policies run in well under a millisecond on the small stacks: a tenth keeps the share readable.
        policiesMs: Math.round(median(samples.map((s) => s.policiesMs)) * 10) / 10,
        costMs: Math.round(median(samples.map((s) => s.costMs)) * 10) / 10,
    };
}

/** The median wall time of `npm run compare -- --stack dev`, after one warming run, its report written to a temporary folder. */
function compareMs(runs: number): number {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bench-compare-"));
    try {
        const once = () => {
            const start = process.hrtime.bigint();
            const run = spawnSync("npm", ["run", "-s", "compare", "--", "--stack", "dev", "--out", out], { cwd: PROJECT_DIR, encoding: "utf8" });
            if (run.status !== 0) throw new Error(`npm run compare failed (exit ${run.status}):\n${run.stderr}`);
            return Number(process.hrtime.bigint() - start) / 1e6;
        };
        once();
        return Math.round(median(Array.from({ length: runs }, once)));
    } finally {
        fs.rmSync(out, { recursive: true, force: true });
    }
}

function cases(): Case[] {
    const stack = flag("--stack");
    const services = flag("--services");
    const generated = (n: number): Case => ({ label: servicesLabel(n), services: n, ...writeScaleStack(n) });
    if (stack) return [{ label: stack, stack }];
    if (services) return [generated(Number(services))];
    return [{ label: "dev", stack: "dev" }, generated(1), generated(50), generated(200)];
}

function verdicts(results: Measured[]): string[] {
    const by = (pred: (m: Measured) => boolean) => results.find(pred);
    const out: string[] = [];
    const ok = (good: boolean) => (good ? "met" : "NOT met");
    const dev = by((m) => m.label === "dev");
    if (dev) out.push(`dev <= 1500 ms and <= 300 MB: ${ok(dev.medianWallMs <= 1500 && dev.maxPeakRssMb <= 300)}`);
    const s50 = by((m) => m.services === 50);
    const s200 = by((m) => m.services === 200);
    if (s50) out.push(`50 services <= 4000 ms: ${ok(s50.medianWallMs <= 4000)}`);
    if (s200) out.push(`200 services <= 500 MB: ${ok(s200.maxPeakRssMb <= 500)}`);
    for (const m of [dev, s200]) {
        const share = m && startShare(m);
        if (m && share !== undefined) out.push(`start paths on ${m.label} <= 25 % of the plan: ${(share * 100).toFixed(1)} %: ${ok(share <= 0.25)}`);
        const policies = m && policyShare(m);
        if (m && policies !== undefined) out.push(`policies on ${m.label} <= 20 % of the plan: ${(policies * 100).toFixed(1)} %: ${ok(policies <= 0.2)}`);
    }
    if (s50 && s200) out.push(`t(200) / t(50) = ${(s200.medianWallMs / s50.medianWallMs).toFixed(2)} <= 4.4: ${ok(s200.medianWallMs / s50.medianWallMs <= 4.4)}`);
    return out;
}

const markdown = process.argv.includes("--markdown");
const results: Measured[] = [];
for (const c of cases()) {
    const runs = Number(flag("--runs") ?? ((c.services ?? 0) >= 100 ? 3 : 5));
    const m = measure(c, runs);
    results.push(m);
    if (!markdown) console.log(JSON.stringify(m));
}
if (markdown) console.log(markdownTable(results).join("\n"));
else {
    console.log("");
    for (const line of markdownTable(results)) console.log(line);
    console.log("");
    for (const v of verdicts(results)) console.log(`target: ${v}`);
    const dev = results.find((m) => m.label === "dev");
    if (dev && !flag("--stack") && !flag("--services")) {
        const ms = compareMs(3);
        const ratio = ms / dev.medianWallMs;
        console.log(`target: npm run compare -- --stack dev, ${(ms / 1000).toFixed(2)} s, <= 3 × the dev plan: ${ratio.toFixed(2)} ×: ${ratio <= 3 ? "met" : "NOT met"}`);
    }
}
