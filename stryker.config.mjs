// StrykerJS for berth: `npm run mutate`. Not part of CI. What each setting is for, what a full run
// costs on a 2-core machine and how the score is read: docs/testing.md.
// @ts-check
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
    testRunner: "mocha",
    mochaOptions: {
        // Unit tests first: with mocha's bail, a mutant they kill never waits for a plan.
        spec: ["config/**/*.test.ts", "stacks/**/*.test.ts", "components/**/*.test.ts", "tests/**/*.test.ts"],
        // Every mutated module loaded before the first test: see tests/stryker/preload.js.
        require: ["tests/register.js", "tests/stryker/preload.js"],
    },
    mutate: ["components/**/*.ts", "config/**/*.ts", "stacks/**/*.ts", "start/**/*.ts", "!**/*.test.ts", "!start/managed-policies*.ts"],
    // Only the mutated files get `// @ts-nocheck`; the tests' line numbers stay as they are.
    disableTypeChecks: "{components,config,stacks,start}/**/*.ts",

    checkers: ["typescript"],
    // The program without tests and plan/: a mutant is a compile error if berth itself no longer compiles.
    tsconfigFile: "tests/stryker/tsconfig.json",
    // Keeps parsed files between checks: see tests/stryker/typescript-cached.cjs.
    checkerNodeArgs: ["--import", "./tests/stryker/checker-hooks.mjs"],

    // Each mutant runs only the tests that reached it. tests/harness.ts plans afresh for every test of
    // the coverage run and for every mutant, so coverage and results are each test's own.
    coverageAnalysis: "perTest",
    // Static mutants (module-level code: schemas, tables, constants) need a fresh test process and
    // every test each, which would take hours here; `npm run mutate:static` runs them too.
    ignoreStatic: process.env.BERTH_MUTATE_STATIC !== "1",
    incremental: true,
    incrementalFile: "tests/stryker/incremental.json",

    concurrency: 2,
    reporters: ["clear-text", "progress", "html", "json"],
    htmlReporter: { fileName: "reports/mutation/index.html" },
    jsonReporter: { fileName: "reports/mutation/mutation.json" },
    clearTextReporter: { allowColor: false, reportMutants: false, reportTests: false },
    tempDirName: ".stryker-tmp",
};
