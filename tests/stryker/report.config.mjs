// `npm run mutate:report`: StrykerJS on the comparison report (plan/report/) with the report tests.
// The report reads plans and draws them; its tests read handmade plans to the exact string (facts,
// outline, DOT, Markdown, HTML), and one test builds dev's whole report through the harness's
// shared plans.
//
// The checker: the base config's program (tests/stryker/tsconfig.json) leaves plan/ out, so its
// TypeScript checker passed every mutant of plan/report/ (0 compile errors; 52 of facts.ts's 142
// mutants do not compile). This config checks against the project's own program (tsconfig.json),
// which has plan/report/ and the tests that call it: slower to start and to check, but a mutant that
// would not compile is a compile error, not a survivor. The instrumented files get `// @ts-nocheck`
// (disableTypeChecks), plan/report/ added to the base config's folders.
// Static mutants (constants: the CSS, the diagram's styles and type lists, USAGE, the thresholds)
// are left to `BERTH_MUTATE_STATIC=1` as in the base config. cli.ts runs on import (it parses
// process.argv and exits): no test loads it, so it is not mutated.
// @ts-check
import base from "../../stryker.config.mjs";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
    ...base,
    // The browser test (tests/report-browser.test.ts) reads the page a person sees, not the report's
    // logic; run per mutant it would start Chromium hundreds of times, so it stays out.
    mochaOptions: { ...base.mochaOptions, spec: ["tests/compare-report.test.ts", "tests/plan-compare.test.ts", "tests/report-*.test.ts"], ignore: ["tests/report-browser.test.ts"] },
    mutate: ["plan/report/**/*.ts", "!plan/report/cli.ts"],
    disableTypeChecks: "{components,config,stacks,start,policy,cost,plan/report}/**/*.ts",
    tsconfigFile: "tsconfig.json",
    incrementalFile: "tests/stryker/incremental-report.json",
    htmlReporter: { fileName: "reports/mutation/report.html" },
    jsonReporter: { fileName: "reports/mutation/report.json" },
};
