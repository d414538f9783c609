// `npm run fuzz [-- --cases N] [--seed S] [--plan-every K] [--cli M]`: issue 21's fuzzer at length.
// Every case is validated as `npm run plan` validates it; every K-th case's config is also planned in
// process (the ARNs, host names and tags of its resources held to AWS's rules); M cases run through
// the real CLI, whose exit code and stderr keep the README's promise. Exits 1 on any violation,
// printing the seed and the case that reproduce it.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { PROJECT_DIR } from "../../plan/engine";
import { parseStackSource } from "../../plan/stackfile";
import { caseArb, caseSource, FuzzCase } from "./cases";
import { planCase, validateCase } from "./oracle";

function option(name: string, fallback: number): number {
    const i = process.argv.indexOf(`--${name}`);
    const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
    if (!Number.isInteger(n) || n < 0) {
        process.stderr.write(`berth fuzz: --${name} takes a whole number, not ${process.argv[i + 1]}\n`);
        process.exit(1);
    }
    return n;
}

/** One case through `npm run plan`'s own entry point: exit 0 or 2, and never a stack trace. */
function cliCase(c: FuzzCase): string[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-fuzz-"));
    try {
        fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        fs.writeFileSync(
            path.join(dir, `Pulumi.${c.stack}.yaml`),
            caseSource(c, (s) => parseStackSource(s, c.stack)),
        );
        const run = spawnSync(process.execPath, [path.join(PROJECT_DIR, "plan/launch.js"), path.join(PROJECT_DIR, "plan/cli.ts"), "--stack", c.stack, "--dir", dir, "--quiet"], { cwd: PROJECT_DIR, encoding: "utf8", timeout: 120_000 });
        const out: string[] = [];
        if (run.status !== 0 && run.status !== 2) out.push(`the CLI exited ${run.status}: ${run.stderr.slice(0, 2000)}`);
        if (/^\s+at .+:\d+:\d+\)?$/m.test(run.stderr)) out.push(`the CLI printed a stack trace: ${run.stderr.slice(0, 2000)}`);
        if (run.status === 2 && !/^berth: .* has \d+ (config )?errors?/m.test(run.stderr)) out.push(`the CLI exited 2 without its config errors' heading: ${run.stderr.slice(0, 500)}`);
        return out;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

async function main(): Promise<void> {
    const total = option("cases", 10_000);
    const seed = option("seed", 21);
    const planEvery = option("plan-every", 20);
    const cliRuns = option("cli", Math.max(1, Math.floor(total / 500)));
    const cliEvery = cliRuns ? Math.max(1, Math.floor(total / cliRuns)) : Infinity;
    const cases = fc.sample(caseArb, { seed, numRuns: total });
    const counts = { validated: 0, planned: 0, cli: 0 };
    const kinds: Record<string, number> = {};
    const failures: string[] = [];
    const started = Date.now();
    for (const [i, c] of cases.entries()) {
        const outcome = validateCase(c);
        counts.validated++;
        kinds[outcome.kind] = (kinds[outcome.kind] ?? 0) + 1;
        const violations = [...outcome.violations];
        if (planEvery && i % planEvery === 0 && outcome.config) {
            violations.push(...(await planCase(c, outcome.config)));
            counts.planned++;
        }
        if (i % cliEvery === 0 && counts.cli < cliRuns) {
            violations.push(...cliCase(c));
            counts.cli++;
        }
        if (violations.length) failures.push(`case ${i} ${JSON.stringify(c)}:\n${violations.map((v) => `  - ${v}`).join("\n")}`);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`berth fuzz: ${counts.validated} cases validated, ${counts.planned} planned in process, ${counts.cli} through the CLI; seed ${seed}; ${seconds} s`);
    console.log(
        `  outcomes: ${Object.entries(kinds)
            .map(([k, n]) => `${n} ${k}`)
            .join(", ")}`,
    );
    if (failures.length) {
        console.log(`${failures.length} case(s) broke the oracle (reproduce with --seed ${seed} --cases ${total}):\n${failures.slice(0, 20).join("\n")}`);
        process.exit(1);
    }
}

main().catch((e) => {
    console.error(`berth fuzz: ${String((e as Error)?.stack ?? e)}`);
    process.exit(1);
});
