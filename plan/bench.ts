// `npm run bench`: how long the dev-stack plan takes, and how much memory it needs.
// Each run is a fresh process running the plan CLI, as a user or CI would; the figures are
// the median wall time and the peak RSS. Target on a 2-core machine: <= 1.5 s and <= 300 MB.
import { spawnSync } from "child_process";
import * as path from "path";
import { PROJECT_DIR } from "./engine";

const runs = Number(process.env.BENCH_RUNS ?? 7);
const stack = process.argv[2] ?? "dev";
const cli = path.join(PROJECT_DIR, "plan/cli.ts");
const tsNode = require.resolve("ts-node/dist/bin");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const times: number[] = [];
const rss: number[] = [];
for (let i = 0; i < runs + 1; i++) {
    // /usr/bin/time would be simpler but is not on every machine; the child reports its own peak RSS.
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ["--require", path.join(__dirname, "peak-rss.js"), tsNode, "--swc", cli, "--stack", stack, "--quiet"], {
        cwd: PROJECT_DIR,
        encoding: "utf8",
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (run.status !== 0) throw new Error(`plan failed: ${run.stderr}`);
    if (i === 0) continue; // warm the file cache
    times.push(ms);
    rss.push(Number(/peak-rss-bytes=(\d+)/.exec(run.stderr)?.[1] ?? NaN) / 2 ** 20);
}
const report = { stack, runs, medianWallMs: Math.round(median(times)), minWallMs: Math.round(Math.min(...times)), medianPeakRssMb: Math.round(median(rss)), maxPeakRssMb: Math.round(Math.max(...rss)) };
console.log(JSON.stringify(report));
console.log(`plan --stack ${stack}: median ${report.medianWallMs} ms wall (min ${report.minWallMs}), peak RSS ${report.medianPeakRssMb} MB median, ${report.maxPeakRssMb} MB max, over ${runs} runs`);
console.log(`targets: <= 1500 ms and <= 300 MB: ${report.medianWallMs <= 1500 && report.maxPeakRssMb <= 300 ? "met" : "NOT met"}`);
