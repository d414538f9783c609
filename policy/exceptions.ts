// Where a control is advisory instead of mandatory: one line per exception, with its reason. Prod has
// none. docs/policy.md shows this table (a test keeps it in step).
import type { Environment } from "./types";

export interface PolicyException {
    readonly policy: string;
    readonly environments: ReadonlyArray<Exclude<Environment, "prod">>;
    readonly reason: string;
}

export const EXCEPTIONS: ReadonlyArray<PolicyException> = [];
