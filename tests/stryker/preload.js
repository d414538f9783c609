// Loaded by StrykerJS's mocha runner before any test (`mochaOptions.require` in stryker.config.mjs).
// The plans load most of berth lazily: index.ts on the first plan, each EKS or Kubernetes
// composition on its platform's first plan. Code that runs when a module loads (a top-level
// constant, the creation of a top-level function) would then run inside whichever test planned
// first, and Stryker would charge its mutants to that test alone; with the module already loaded,
// the mutant is never switched on again, so it "survives" whatever the tests assert. Loading every
// module here, before the tests, makes such mutants what they are: static, run once per load.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..", "..");
function modules(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return modules(p);
        return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") && !e.name.endsWith(".d.ts") ? [p] : [];
    });
}
// policy/pack is the CrossGuard entry point: it builds a PolicyPack, which wants a Pulumi engine.
const skipped = path.join(root, "policy", "pack") + path.sep;
for (const dir of ["components", "config", "stacks", "start", "policy", "cost"]) for (const file of modules(path.join(root, dir)).sort()) if (!file.startsWith(skipped)) require(file);
