// `npm run lint`: ESLint (type-aware), Biome's format check, dependency-cruiser's layering and
// cycle rules, and the runtime dependencies' licenses (tools/licenses.js). ESLint is the long one (it
// builds the whole TypeScript program, SDKs included), so it gets a core of its own while Biome,
// dependency-cruiser and the license check share the other: the wall time is ESLint's. All four must pass. Each one's output is printed whole, one after the other.
//
//   npm run lint                 check (ESLint reuses its cache in node_modules/.cache/eslint/)
//   npm run lint -- --no-cache   check from scratch: ESLint's cache keys a file on its own content,
//                                so a change elsewhere that makes it wrong (a function turning async)
//                                shows only once the file itself changes; a fresh clone has no cache
//   npm run lint -- --fix        let ESLint fix what it can and Biome rewrite the files
"use strict";
const { spawn } = require("child_process");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..");
const CACHE = path.join(root, "node_modules", ".cache");
const bin = (pkg, file) => path.join(root, "node_modules", pkg, file);
const argv = process.argv.slice(2);
const fix = argv.includes("--fix");
const cache = !argv.includes("--no-cache");

// `background` runs below ESLint's priority, so that on two cores ESLint (and its garbage collector's
// threads) never waits for the short checks.
function run(name, args, background = false) {
    return new Promise((resolve) => {
        const started = Date.now();
        const env = { ...process.env };
        if (process.stdout.isTTY) env.FORCE_COLOR = "1";
        const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], env });
        if (background && child.pid) {
            try {
                os.setPriority(child.pid, 10);
            } catch {
                // not allowed here: it only costs a little wall time
            }
        }
        let output = "";
        child.stdout.on("data", (d) => (output += d));
        child.stderr.on("data", (d) => (output += d));
        child.on("error", (e) => (output += String(e)));
        child.on("close", (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0), output, seconds: (Date.now() - started) / 1000 }));
    });
}

const cached = (...args) => (cache ? args : []);
const eslint = () => run("eslint", [bin("eslint", "bin/eslint.js"), ...cached("--cache", "--cache-strategy", "content", "--cache-location", `${CACHE}/eslint/`), ...(fix ? ["--fix"] : []), "."]);
const biome = () => run("biome", [bin("@biomejs/biome", "bin/biome"), "format", ...(fix ? ["--write"] : ["--reporter=summary"])], true);
const depcruise = () => run("dependency-cruiser", [bin("dependency-cruiser", "bin/dependency-cruise.mjs"), "--config", ".dependency-cruiser.cjs", "."], true);
const licenses = () => run("licenses", [path.join(root, "tools", "licenses.js")], true);

(async () => {
    const started = Date.now();
    const [e, [f, d, l]] = await Promise.all([eslint(), biome().then(async (f) => [f, await depcruise(), await licenses()])]);
    const results = [e, f, d, l];
    for (const r of results) {
        const out = r.output.trim();
        if (out && (r.code !== 0 || fix)) process.stdout.write(`\n--- ${r.name}\n${out}\n`);
    }
    console.log(`\n${results.map((r) => `${r.name}: ${r.code === 0 ? "passed" : "FAILED"} (${r.seconds.toFixed(1)} s)`).join("; ")}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
})();
