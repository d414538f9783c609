// `npm test`: the type check (tsc --noEmit) and the mocha suite run side by side, one per core,
// so the wall time is the longer of the two rather than their sum. Both must pass. The type
// check's output is printed after mocha's, so the two never interleave.
"use strict";
const { spawn } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..");
// The type check keeps what it learned between runs (a third of its time on this machine, most of
// it in the SDKs' declarations); a fresh clone checks everything.
const TSBUILDINFO = path.join(root, "node_modules", ".cache", "berth-tsc", "tsbuildinfo");
const bin = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [root] })), file);

function run(args, capture) {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, args, { cwd: root, stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" });
        let output = "";
        if (capture) {
            child.stdout.on("data", (d) => (output += d));
            child.stderr.on("data", (d) => (output += d));
        }
        child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
    });
}

(async () => {
    const started = Date.now();
    const [tsc, mocha] = await Promise.all([run([bin("typescript", "bin/tsc"), "--noEmit", "-p", ".", "--incremental", "--tsBuildInfoFile", TSBUILDINFO], true), run([bin("mocha", "bin/mocha.js"), ...process.argv.slice(2)], false)]);
    if (tsc.output.trim()) process.stdout.write(`\n${tsc.output}`);
    console.log(`type check: ${tsc.code === 0 ? "passed" : "FAILED"}; tests: ${mocha.code === 0 ? "passed" : "FAILED"}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.exit(tsc.code || mocha.code);
})();
