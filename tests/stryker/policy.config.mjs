// `npm run mutate:policy`: StrykerJS on the guardrails (policy/, issue 21) with the policy tests. Every
// plan runs the policies, so under the main config each surviving mutant of policy/ would rerun the
// whole plan suite; the policy tests give each policy a resource that passes and one that fails, and
// hold the shipped stacks' golden plans to their findings.
// @ts-check
import base from "../../stryker.config.mjs";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
    ...base,
    mochaOptions: { ...base.mochaOptions, spec: ["tests/policy-*.test.ts"] },
    mutate: ["policy/**/*.ts", "!policy/pack/**"],
    disableTypeChecks: "{components,config,stacks,start,policy}/**/*.ts",
    incrementalFile: "tests/stryker/incremental-policy.json",
    htmlReporter: { fileName: "reports/mutation/policy.html" },
    jsonReporter: { fileName: "reports/mutation/policy.json" },
};
