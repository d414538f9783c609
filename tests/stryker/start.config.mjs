// `npm run mutate:start`: StrykerJS on the start-path analysis (start/) with the analyzer's own
// tests. Every plan runs the analysis, so under the main config each surviving mutant of start/
// would rerun the whole plan suite; the tests that are meant to kill these mutants are the start
// tests (tests/start-*.test.ts), which rebuild every failure issue 23 names.
// @ts-check
import base from "../../stryker.config.mjs";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
    ...base,
    mochaOptions: { ...base.mochaOptions, spec: ["tests/start-*.test.ts"] },
    mutate: ["start/**/*.ts", "!start/managed-policies*.ts"],
    incrementalFile: "tests/stryker/incremental-start.json",
    htmlReporter: { fileName: "reports/mutation/start.html" },
    jsonReporter: { fileName: "reports/mutation/start.json" },
};
