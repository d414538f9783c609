// `npm run mutate:report`: StrykerJS on the comparison report (plan/report/) with the report tests.
// The report reads plans and draws them; its tests read handmade plans to the exact string (facts,
// outline, DOT, Markdown, HTML), and one test builds dev's whole report through the harness's
// shared plans.
//
// plan/ is not in the checker's program (tests/stryker/tsconfig.json), so the TypeScript checker
// passes every mutant of plan/report/ and those that would not compile run as any other; the
// instrumented files get `// @ts-nocheck` (disableTypeChecks) like the base config's. cli.ts runs on
// import (it parses process.argv and exits): no test loads it, so it is not mutated.
// @ts-check
import base from "../../stryker.config.mjs";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
    ...base,
    mochaOptions: { ...base.mochaOptions, spec: ["tests/compare-report.test.ts", "tests/plan-compare.test.ts", "tests/report-*.test.ts"] },
    mutate: ["plan/report/**/*.ts", "!plan/report/cli.ts"],
    disableTypeChecks: "{components,config,stacks,start,policy,cost,plan/report}/**/*.ts",
    incrementalFile: "tests/stryker/incremental-report.json",
    htmlReporter: { fileName: "reports/mutation/report.html" },
    jsonReporter: { fileName: "reports/mutation/report.json" },
};
