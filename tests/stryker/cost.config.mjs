// `npm run mutate:cost`: StrykerJS on the cost model (cost/, issue 24) with the cost tests. Every
// plan runs the estimate, so under the main config each surviving mutant of cost/ would rerun the
// whole plan suite; the cost tests price handmade plans to the cent, walk handmade graphs, and
// recompute every golden plan's estimate.
// @ts-check
import base from "../../stryker.config.mjs";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
    ...base,
    mochaOptions: { ...base.mochaOptions, spec: ["tests/cost-*.test.ts"] },
    mutate: ["cost/**/*.ts"],
    disableTypeChecks: "{components,config,stacks,start,policy,cost}/**/*.ts",
    incrementalFile: "tests/stryker/incremental-cost.json",
    htmlReporter: { fileName: "reports/mutation/cost.html" },
    jsonReporter: { fileName: "reports/mutation/cost.json" },
};
