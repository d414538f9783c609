// The license check in `npm run lint`: every package berth ships with (package.json's `dependencies`
// and, transitively, what they depend on as installed) must carry a license from ALLOWED, or stand in
// EXCEPTIONS with the reason it is acceptable. Dev dependencies are not shipped, so not checked.
// Reads node_modules only: run `npm ci` first. Exit 1 lists each offender with its path.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");

/** Permissive licenses that ask nothing of berth beyond keeping the notice. */
const ALLOWED = new Set(["MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "0BSD"]);

/**
 * Packages whose declared license is not in ALLOWED but is acceptable, by name, with the license
 * they declare (a change of license makes the exception stop applying) and why.
 */
const EXCEPTIONS = {
    // Reached through @pulumi/pulumi (its `npm`-driving and plugin-install code).
    "@logdna/tail-file": { license: "SEE LICENSE IN LICENSE", reason: "its LICENSE file is the MIT license; the field just points there" },
    ...Object.fromEntries(
        ["isexe", "lru-cache", "glob", "minimatch", "minipass", "minipass-flush", "path-scurry", "graceful-fs", "tar", "chownr", "yallist", "common-ancestor-path", "jackspeak", "@isaacs/cliui", "package-json-from-dist"].map((name) => [
            name,
            { license: "BlueOak-1.0.0", reason: "Blue Oak Model License 1.0.0: OSI-approved and permissive (use, change, ship; keep the notice), like MIT" },
        ]),
    ),
    "spdx-license-ids": { license: "CC0-1.0", reason: "a list of SPDX identifiers dedicated to the public domain: asks nothing" },
    "spdx-exceptions": { license: "CC-BY-3.0", reason: "a data file of SPDX exception identifiers; attribution only, which the shipped package.json keeps" },
    argparse: { license: "Python-2.0", reason: "a port of Python's argparse under the PSF license: permissive, keep the notice" },
};

function readJson(file) {
    return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Node's lookup: `name` in the nearest node_modules at or above `from`, up to the project root. */
function locate(name, from) {
    for (let dir = from; ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, "node_modules", name, "package.json");
        if (fs.existsSync(candidate)) return candidate;
        if (dir === root || dir === path.dirname(dir)) return undefined;
    }
}

/** The license a package.json declares: the SPDX `license` field, or the legacy object and `licenses` forms. */
function declared(pkg) {
    const l = pkg.license ?? pkg.licenses;
    if (typeof l === "string") return l;
    if (Array.isArray(l)) return l.map((x) => (typeof x === "string" ? x : x.type)).join(" OR ");
    if (l && typeof l === "object") return l.type;
    return undefined;
}

/** Whether an SPDX expression lets berth use the package: an OR needs one allowed side, an AND both. */
function permitted(expression) {
    const tokens = expression.replace(/[()]/g, " $& ").trim().split(/\s+/);
    let i = 0;
    const primary = () => {
        const t = tokens[i++];
        if (t === "(") {
            const v = or();
            i++; // ")"
            return v;
        }
        // "X WITH exception" adds permissions to X; X decides.
        if (tokens[i] === "WITH") i += 2;
        return ALLOWED.has(t);
    };
    const and = () => {
        let v = primary();
        while (tokens[i] === "AND") {
            i++;
            v = primary() && v;
        }
        return v;
    };
    const or = () => {
        let v = and();
        while (tokens[i] === "OR") {
            i++;
            v = and() || v;
        }
        return v;
    };
    return or() && i === tokens.length;
}

/** Every runtime package as installed: name, version, license and package.json path, each path once. */
function runtimePackages() {
    const top = readJson(path.join(root, "package.json"));
    const seen = new Map();
    const missing = [];
    const visit = (name, from, optional) => {
        const file = locate(name, from);
        if (!file) {
            if (!optional) missing.push(`${name} (needed from ${path.relative(root, from) || "."})`);
            return;
        }
        if (seen.has(file)) return;
        const pkg = readJson(file);
        seen.set(file, { name, version: pkg.version, license: declared(pkg), file: path.relative(root, file) });
        const dir = path.dirname(file);
        for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir, false);
        // An optional dependency for another platform is not installed, and not shipped.
        for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, dir, true);
    };
    for (const dep of Object.keys(top.dependencies ?? {})) visit(dep, root, false);
    return { packages: [...seen.values()], missing };
}

function check() {
    const { packages, missing } = runtimePackages();
    const offenders = packages.filter((p) => {
        const exception = EXCEPTIONS[p.name];
        if (exception && exception.license === p.license) return false;
        return !p.license || !permitted(p.license);
    });
    for (const m of missing) console.log(`not installed: ${m} (run npm ci)`);
    for (const p of offenders) console.log(`${p.name}@${p.version}: ${p.license ?? "no license declared"} (${p.file})`);
    const failed = offenders.length > 0 || missing.length > 0;
    console.log(`${packages.length} runtime packages checked; ${offenders.length} with a license outside ${[...ALLOWED].join(", ")} and no exception`);
    return failed ? 1 : 0;
}

if (require.main === module) process.exit(check());
module.exports = { permitted, declared };
