// `count` seeded validation cases held to the oracle, as npm test runs them (tests/fuzz.test.ts, in a
// worker thread: tests/fuzz/worker.js). Returns how many of each kind ran and, on a violation,
// fast-check's report of the smallest failing case.
import fc from "fast-check";
import { caseArb } from "./cases";
import { validateCase } from "./oracle";

export interface CasesRun {
    readonly kinds: Record<string, number>;
    readonly failure?: string;
    readonly ms: number;
}

export function validateCases(seed: number, count: number): CasesRun {
    const kinds: Record<string, number> = {};
    const started = Date.now();
    const details = fc.check(
        fc.property(caseArb, (c) => {
            const outcome = validateCase(c);
            kinds[outcome.kind] = (kinds[outcome.kind] ?? 0) + 1;
            if (outcome.violations.length) throw new Error(`${outcome.violations.join("\n")}\n${JSON.stringify(c)}`);
        }),
        { seed, numRuns: count },
    );
    return { kinds, ms: Date.now() - started, ...(details.failed ? { failure: fc.defaultReportMessage(details) ?? "failed" } : {}) };
}
