// The plan CLI as CI meets it (issue 20): the JSON on stdout arrives whole through a slow pipe,
// command-line mistakes get a plain message and never a stack trace, a diff across stacks calls a
// renamed log group a change, and the bench prints the figures docs/plan.md no longer types.
import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { parseArgs } from "../plan/args";
import { markdownTable, servicesLabel } from "../plan/bench-table";
import { byStackName, diffPlans, renderDiff } from "../plan/diff";
import { PlanError, PROJECT_DIR } from "../plan/engine";
import { writeScaleStack } from "../plan/generate";
import { planStackOk, runPlanCli } from "./harness";

/** Reads one chunk, then nothing for a second, then the rest: the reader CI's capture is at its worst. */
const SLOW_READER = `
const chunks = [];
process.stdin.once("data", () => { process.stdin.pause(); setTimeout(() => process.stdin.resume(), 1000); });
process.stdin.on("data", (d) => chunks.push(d));
process.stdin.on("end", () => process.stdout.write(Buffer.concat(chunks)));
`;

/** `npm run plan -- ARGS | READER`: what the reader got, the plan's stderr, and the plan's own exit code. */
function planThroughPipe(reader: string, ...args: string[]): Promise<{ status: number; bytes: Buffer; stderr: string }> {
    const cli = [process.execPath, path.join(PROJECT_DIR, "plan/launch.js"), path.join(PROJECT_DIR, "plan/cli.ts"), ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    const script = `{ ${cli}; echo "plan-exit=$?" >&2; } | ${reader}`;
    return new Promise((resolve) => {
        const child = spawn("sh", ["-c", script], { cwd: PROJECT_DIR, env: { ...process.env, NODE: process.execPath, SLOW_READER } });
        const out: Buffer[] = [];
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => out.push(d));
        child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
        child.on("close", () => resolve({ status: Number(/plan-exit=(\d+)/.exec(stderr)?.[1] ?? NaN), bytes: Buffer.concat(out), stderr }));
    });
}

const scale = writeScaleStack(10);
const slowRun = planThroughPipe(`"$NODE" -e "$SLOW_READER"`, "--stack", scale.stack, "--dir", scale.dir, "--json", "-", "--quiet");
const headRun = planThroughPipe("head -c 10", "--stack", scale.stack, "--dir", scale.dir, "--json", "-", "--quiet");
const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-nopulumi-"));
/** Command-line mistakes, each a CLI run in this process (plan/cli-run.ts): the message, exit 1, no stack frame. */
const MISTAKES: Array<[string[], RegExp]> = [
    [["acme"], /unknown argument acme: did you forget `--`\?/],
    [["--compare", "dev"], /--compare needs two stack names/],
    [["--dir", emptyDir], /no Pulumi\.yaml in .*berth-nopulumi-/],
    [["--json", path.join(emptyDir, "no/such/folder/plan.json"), "--quiet"], /cannot write .*plan\.json/],
    [["--diff", path.join(emptyDir, "missing.json")], /cannot read .*missing\.json as a plan/],
    [["--stack", "Pulumi.nope.yaml"], /no stack file Pulumi\.nope\.yaml/],
];
const mistakeRuns = MISTAKES.map(([argv]) => runPlanCli(...argv));

/**
 * Random argument lists ending in one mistake (last, so that no later flag overrides it): run in this
 * process, started as the file loads.
 */
const FLAGS = ["stack", "s", "json", "quiet", "q", "strict", "dir", "diff", "exit-code", "compare", "help", "h"];
const randomMistakes = fc.sample(
    fc
        .tuple(
            fc.array(fc.constantFrom(["--quiet"], ["--strict"], ["-q"], ["--json", "-"], ["--stack", "dev"], ["--stack", "Pulumi.dev.yaml"], ["--dir", "."]), { maxLength: 4 }),
            fc.oneof(
                fc.constantFrom(["acme"], ["--bogus"], ["--compare", "dev"], ["--exit-code"], ["--dir", emptyDir], ["--diff", emptyDir], ["--stack", "Pulumi.nope.yaml"], ["--json"]),
                fc
                    .string({ minLength: 1, maxLength: 8 })
                    .filter((w) => !FLAGS.includes(w.split("=")[0]))
                    .map((w) => [`--${w}`]),
            ),
        )
        .map(([ok, bad]) => [...ok.flat(), ...bad]),
    { numRuns: 6 },
);
const randomRuns = randomMistakes.map((argv) => runPlanCli(...argv));

describe("--json - through a slow pipe (issue 20, item 1)", () => {
    it("delivers the whole plan, valid JSON well past 64 KiB, and exits 0", async () => {
        const run = await slowRun;
        assert.equal(run.status, 0);
        let doc: { stack: string; resources: unknown[] } | undefined;
        assert.doesNotThrow(() => (doc = JSON.parse(run.bytes.toString("utf8"))), `the JSON stops after ${run.bytes.length} bytes`);
        // Larger than the pipe and the reader's first chunk together, or the test proves nothing.
        assert.ok(run.bytes.length > 3 * 65536, `${run.bytes.length} bytes`);
        assert.ok(doc);
        assert.equal(doc.stack, scale.stack);
        assert.equal(doc.resources.length, 10 * 20 + 14);
    });

    it("exits 1 with one line, no stack trace, when the reader closes the pipe early", async () => {
        const run = await headRun;
        assert.equal(run.bytes.length, 10);
        assert.equal(run.status, 1);
        assert.match(run.stderr, /berth plan failed: stdout was closed before everything was written to it \(EPIPE\)/);
        assert.doesNotMatch(run.stderr, /^\s+at /m);
    });
});

describe("command-line mistakes (issue 20, item 11)", () => {
    MISTAKES.forEach(([argv, message], i) => {
        it(`npm run plan -- ${argv.join(" ")}: a plain message on stderr, exit 1, no stack trace`, async () => {
            const run = await mistakeRuns[i];
            assert.equal(run.status, 1, run.stderr);
            assert.equal(run.stdout.includes("    at "), false);
            assert.match(run.stderr, message);
            assert.doesNotMatch(run.stderr, /^\s+at /m);
        });
    });

    it("property: random argument lists with a mistake in them exit 1 or 2, with no stack frame on stderr and nothing on stdout", async () => {
        for (const [i, argv] of randomMistakes.entries()) {
            const run = await randomRuns[i];
            assert.ok(run.status === 1 || run.status === 2, `${JSON.stringify(argv)} exited ${run.status}: ${run.stderr}`);
            assert.doesNotMatch(run.stderr, /^\s+at /m, JSON.stringify(argv));
            assert.equal(run.stdout, "", JSON.stringify(argv));
        }
    });

    it("reads --compare with one stack as a missing second stack, not a missing value", () => {
        for (const argv of [["--compare", "dev"], ["--compare", "dev", "--quiet"], ["--compare=dev"]]) {
            assert.throws(
                () => parseArgs(argv),
                (e: unknown) => e instanceof PlanError && e.message.startsWith("--compare needs two stack names, as in --compare dev prod"),
                argv.join(" "),
            );
        }
        assert.deepEqual(parseArgs(["--compare", "dev", "prod", "--quiet"]).compare, ["dev", "prod"]);
    });

    it("hints at the missing `--` for a bare word, and only for a bare word", () => {
        assert.throws(
            () => parseArgs(["acme"]),
            (e: unknown) => e instanceof PlanError && e.message.startsWith("unknown argument acme: did you forget `--`? npm passes on only what follows it, as in npm run plan -- --stack acme\n"),
        );
        assert.throws(
            () => parseArgs(["-"]),
            (e: unknown) => e instanceof PlanError && e.message.startsWith("unknown argument -: did you forget `--`? npm passes on only what follows it, as in npm run plan -- --json -\n"),
        );
        assert.throws(
            () => parseArgs(["--stak"]),
            (e: unknown) => e instanceof PlanError && e.message.startsWith("unknown argument --stak\n"),
        );
    });

    it("takes the stack file's name, or its path, for --stack", () => {
        assert.equal(parseArgs(["--stack", "Pulumi.acme.yaml"]).stack, "acme");
        assert.equal(parseArgs(["--stack", "Pulumi.acme.yml"]).dir, undefined);
        assert.deepEqual(
            [parseArgs(["--stack", "infra/Pulumi.acme.yaml"])].map((a) => [a.stack, a.dir]),
            [["acme", "infra"]],
        );
        // --dir, given, wins over the file's folder.
        assert.equal(parseArgs(["--stack", "infra/Pulumi.acme.yaml", "--dir", "elsewhere"]).dir, "elsewhere");
        assert.equal(parseArgs(["--stack", "acme"]).stack, "acme");
    });

    it("answers --help without exiting the process it runs in", () => {
        assert.equal(parseArgs(["--help"]).help, true);
    });

    it("property: any argument list parses or fails with a PlanError, whose message has no stack frame", () => {
        const word = fc.oneof(
            fc.constantFrom(
                "--stack",
                "-s",
                "--json",
                "--quiet",
                "-q",
                "--strict",
                "--dir",
                "--diff",
                "--exit-code",
                "--compare",
                "--help",
                "-h",
                "-",
                "--",
                "dev",
                "prod",
                "Pulumi.acme.yaml",
                "a/Pulumi.b.yml",
                "--json=-",
                "--compare=dev",
                "--compare=dev,prod",
                "--stack=",
                "=",
            ),
            fc.string({ maxLength: 12 }),
        );
        fc.assert(
            fc.property(fc.array(word, { maxLength: 8 }), (argv) => {
                try {
                    const args = parseArgs(argv);
                    assert.equal(typeof args.stack, "string");
                } catch (e) {
                    assert.ok(e instanceof PlanError, `${JSON.stringify(argv)} threw ${(e as Error)?.stack}`);
                    assert.doesNotMatch(e.message, /^\s+at /m);
                }
            }),
            { numRuns: 500 },
        );
    });
});

describe("--diff across two stacks (issue 20, item 14)", () => {
    it("calls log groups renamed by the stack name real changes, and says the stack name caused them", async () => {
        const [dev, prod] = [await planStackOk("dev"), await planStackOk("prod")];
        const d = diffPlans(dev, prod);
        const logPaths = (changes: ReadonlyArray<{ path: string }>) => changes.map((c) => c.path).filter((p) => p.startsWith("outputs.logs."));
        assert.deepEqual(logPaths(d.outputs.fakeIds), []);
        assert.deepEqual(logPaths(d.outputs.changes), ["outputs.logs.web.group", "outputs.logs.web.tail", "outputs.logs.worker.group", "outputs.logs.worker.tail"]);
        const text = renderDiff(d, "dev.json", "prod");
        assert.match(text, /\n {2}~ outputs\.logs\.web\.group: "\/berth\/berth\/dev\/web" → "\/berth\/berth\/prod\/web" {2}\(the stack name: dev → prod\)\n/);
        assert.doesNotMatch(text, /fake ids: outputs\.logs/);
    });

    it("tells a stack-name swap from any other change", () => {
        assert.ok(byStackName({ path: "p", before: "/berth/berth/dev/web", after: "/berth/berth/prod/web" }, "dev", "prod"));
        assert.ok(!byStackName({ path: "p", before: "/berth/berth/dev/web", after: "/berth/berth/prod/api" }, "dev", "prod"));
        assert.ok(!byStackName({ path: "p", before: "/berth/devices/web", after: "/berth/prodices/web" }, "dev", "prod"));
        assert.ok(!byStackName({ path: "p", before: "/berth/berth/dev/web", after: "/berth/berth/dev/web" }, "dev", "dev"));
    });

    it("still calls a value that differs only by another resource's fake id a fake id, within one stack", async () => {
        const dev = await planStackOk("dev");
        const d = diffPlans(dev, dev);
        assert.deepEqual([d.outputs.changes, d.outputs.fakeIds, d.changed], [[], [], []]);
    });
});

describe("the bench's figures (issue 20, item 15)", () => {
    it("labels one generated service in the singular", () => {
        assert.deepEqual([1, 2, 50].map(servicesLabel), ["1 service", "2 services", "50 services"]);
    });

    it("prints its table in Markdown with --markdown", () => {
        assert.deepEqual(markdownTable([{ label: "1 service", services: 1, resources: 3614, medianWallMs: 1234, minWallMs: 1200, maxPeakRssMb: 1097, msPerResource: 0.34, startPathsMs: 34, policiesMs: 12.5 }]), [
            "| stack | resources | median wall | peak RSS | ms per resource | start paths | policies |",
            "|---|---|---|---|---|---|---|",
            "| 1 service | 3,614 | 1.23 s | 1,097 MB | 0.34 | 34 ms (2.8 %) | 12.5 ms (1.0 %) |",
        ]);
        assert.match(fs.readFileSync(path.join(PROJECT_DIR, "plan/bench.ts"), "utf8"), /process\.argv\.includes\("--markdown"\)/);
    });

    it("leaves docs/plan.md no typed figures to go stale: no test counts or timings, no measured rows", () => {
        const doc = fs.readFileSync(path.join(PROJECT_DIR, "docs/plan.md"), "utf8");
        assert.doesNotMatch(doc, /\b\d[\d,]* tests[ ,.)]/);
        assert.doesNotMatch(doc, /\b\d+(\.\d+)? s (before|after)\b/);
        assert.deepEqual(
            doc.split("\n").filter((l) => /^\| *(dev|\d+ services?) *\| *[\d,]+ *\|/.test(l)),
            [],
        );
        assert.match(doc, /npm run bench -- --markdown/);
    });
});
