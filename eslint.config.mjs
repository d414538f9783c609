// ESLint for berth (`npm run lint` runs it with the formatter and dependency-cruiser: tools/lint.js).
// TypeScript gets typescript-eslint's type-aware rules (recommendedTypeChecked: floating and
// misused promises, unsafe `any`, ...) with the types of the root tsconfig.json; the few plain
// JavaScript files (launchers, mocha/Stryker hooks, configs) get ESLint's recommended rules only.
// Formatting is Biome's job (biome.json), so no stylistic rules here.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
    globalIgnores(["node_modules/", "reports/", ".stryker-tmp/", "bin/", "tests/stryker/incremental.json"]),
    {
        linterOptions: { reportUnusedDisableDirectives: "error" },
    },
    {
        files: ["**/*.ts"],
        extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
        rules: {
            // `const { key: _, ...rest } = o` is how the code leaves a key out of a copy.
            "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
        },
        languageOptions: {
            parserOptions: {
                // Every .ts file is in the root tsconfig.json (index.ts, components/, config/, stacks/, plan/, tests/).
                projectService: true,
                tsconfigRootDir: import.meta.dirname,
                // JSDoc only where it carries types (JavaScript): the SDKs' declarations are mostly
                // doc comments, and skipping them saves a tenth of the run. Only no-deprecated (not
                // in recommendedTypeChecked) would need them.
                jsDocParsingMode: "type-info",
            },
        },
    },
    {
        // Tests read what the plan recorded: each resource's resolved inputs, arbitrary JSON that the
        // harness hands over as `any` (tests/harness.ts, inputs() and json()). The assertions that
        // follow compare exact values, so a wrong shape fails the test; typing every step of the way
        // to each asserted value would only restate the assertion. The rest of the type-aware rules,
        // floating promises first, apply to tests as to the program.
        files: ["**/*.test.ts", "tests/**/*.ts"],
        rules: {
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-unsafe-argument": "off",
            "@typescript-eslint/no-unsafe-assignment": "off",
            "@typescript-eslint/no-unsafe-call": "off",
            "@typescript-eslint/no-unsafe-member-access": "off",
            "@typescript-eslint/no-unsafe-return": "off",
        },
    },
    {
        files: ["**/*.js", "**/*.cjs"],
        extends: [js.configs.recommended],
        languageOptions: { sourceType: "commonjs", globals: globals.node },
    },
    {
        files: ["**/*.mjs"],
        extends: [js.configs.recommended],
        languageOptions: { sourceType: "module", globals: globals.node },
    },
);
