// dependency-cruiser for berth (`npm run lint`: tools/lint.js). The layers, lowest first:
//   components/  Pulumi components: know nothing of stack files, their validation or the planner
//   config/      the stack file's schema, validation and advice: knows no resources
//   stacks/      turns a validated config into components
//   plan/        the offline planner and CLI, on top of everything
// Type-only imports count too: they couple the layers just the same.
// The layering rules hold for source files; a test beside its code may plan through plan/ and the
// harness, as every test does. Circles are refused everywhere, tests included.
const TESTS = "\\.test\\.ts$";

/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
    forbidden: [
        {
            name: "components-stay-below",
            comment: "components/ are the bottom layer: they must not import config/, stacks/ or plan/.",
            severity: "error",
            from: { path: "^components/", pathNot: TESTS },
            to: { path: "^(config|stacks|plan)/" },
        },
        {
            name: "config-knows-no-resources",
            comment: "config/ (schema, validation, advice) must not import stacks/, components/ or plan/.",
            severity: "error",
            from: { path: "^config/", pathNot: TESTS },
            to: { path: "^(stacks|components|plan)/" },
        },
        {
            name: "stacks-not-to-plan",
            comment: "stacks/ must not import plan/: the planner drives the stacks, not the other way round.",
            severity: "error",
            from: { path: "^stacks/", pathNot: TESTS },
            to: { path: "^plan/" },
        },
        {
            name: "compositions-read-no-validator",
            comment: "A composition reads the spec and config/'s facts, never a validator: only stacks/program.ts calls validation.",
            severity: "error",
            from: { path: "^stacks/", pathNot: [TESTS, "^stacks/program\\.ts$"] },
            to: { path: "^config/(.*/|)validate[a-z-]*\\.ts$" },
        },
        {
            name: "reports-read-the-plan",
            comment: "The policy pack, the cost model, the report and the start-path analysis read a plan and config/'s facts, never a composition or a component (docs/architecture.md).",
            severity: "error",
            from: { path: "^(policy|cost|report|start|plan/report)/", pathNot: TESTS },
            to: { path: "^(stacks|components)/" },
        },
        {
            name: "no-circular",
            comment: "No import cycles anywhere (tests included).",
            severity: "error",
            from: {},
            to: { circular: true },
        },
        {
            name: "not-to-unresolvable",
            comment: "An import that resolves to nothing is a typo or a missing dependency.",
            severity: "error",
            from: {},
            to: { couldNotResolve: true },
        },
    ],
    options: {
        doNotFollow: { path: "(^|/)node_modules/" },
        exclude: { path: "(^|/)node_modules/|^reports/|^\\.stryker-tmp/|^bin/|^tests/stryker/incremental\\.json$" },
        moduleSystems: ["cjs", "es6"],
        tsPreCompilationDeps: true,
        tsConfig: { fileName: "tsconfig.json" },
        enhancedResolveOptions: {
            exportsFields: ["exports"],
            conditionNames: ["import", "require", "node", "default", "types"],
            extensions: [".ts", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
        },
        skipAnalysisNotInRules: true,
    },
};
