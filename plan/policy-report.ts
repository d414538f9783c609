// The guardrails in the plan (issue 21): the policies run on the recorded resources, the tree's
// "Guardrails" section, and the mandatory violations as the CLI's errors (exit 2).
import { runPolicies } from "../policy/run";
import { POLICIES } from "../policy/rules";
import type { Environment, Policy, PolicyReport, Violation } from "../policy/types";
import type { PlannedResource } from "../start/types";

/** What these functions read of a Plan (plan/engine.ts), named here because the engine imports this file. */
interface Plan {
    readonly stack: string;
    readonly resources: ReadonlyArray<PlannedResource>;
    readonly policy?: PolicyReport;
}

const ENVIRONMENTS: ReadonlyArray<Environment> = ["dev", "staging", "prod"];

/** `berth:environment` as the program read it: validation has already refused anything else, so an unknown value is dev's default. */
export function environmentOf(value: string | undefined): Environment {
    return ENVIRONMENTS.find((e) => e === value) ?? "dev";
}

/** Runs the policies on a plan's resources; under BERTH_BENCH_PHASES the time goes to stderr for `npm run bench`. */
export function planPolicies(resources: ReadonlyArray<PlannedResource>, platform: string, environment: Environment, policies: ReadonlyArray<Policy> = POLICIES): PolicyReport {
    const started = performance.now();
    const report = runPolicies(resources, platform, environment, policies);
    if (process.env.BERTH_BENCH_PHASES === "1") process.stderr.write(`policies-ms=${(performance.now() - started).toFixed(1)}\n`);
    return report;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The resource a violation names, as the tree names it: its type and name (the URN's last two parts). */
function resourceLabel(urn: string, byUrn: ReadonlyMap<string, Pick<PlannedResource, "type" | "name">>): string {
    const r = byUrn.get(urn);
    if (r) return `${r.type} ${r.name}`;
    const parts = urn.split("::");
    return parts.length >= 2 ? `${parts[parts.length - 2].split("$").pop()} ${parts[parts.length - 1]}` : urn;
}

const count = (violations: ReadonlyArray<Violation>, level: Violation["level"]) => violations.filter((v) => v.level === level).length;

/** "N policies passed, M mandatory violations, K advisory", or undefined for a plan without the field. */
export function policySummary(plan: Pick<Plan, "policy">): string | undefined {
    if (!plan.policy) return undefined;
    const { passed, violations } = plan.policy;
    return `${plural(passed.length, "policy", "policies")} passed, ${plural(count(violations, "mandatory"), "mandatory violation")}, ${count(violations, "advisory")} advisory`;
}

/** The tree's section: each resource with violations, then its `[level] POLICY: message` lines, then the summary. */
export function renderPolicies(plan: Pick<Plan, "policy" | "resources">): string[] {
    const summary = policySummary(plan);
    if (!plan.policy || !summary) return [];
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const byResource = new Map<string, Violation[]>();
    for (const v of plan.policy.violations) byResource.set(v.urn, [...(byResource.get(v.urn) ?? []), v]);
    const lines = ["Guardrails (the policy pack, docs/policy.md; [mandatory] fails the plan with exit 2, [advisory] is allowed in this environment):"];
    for (const [urn, found] of byResource) {
        lines.push(`    ${resourceLabel(urn, byUrn)}`);
        for (const v of found) lines.push(`        [${v.level}] ${v.policy}: ${v.message}`);
    }
    lines.push(`    ${summary}`);
    return lines;
}

/** What the CLI prints on stderr before exiting 2: a header naming the stack file, then one line per mandatory violation. Empty when there is none. */
export function violationReport(plan: Pick<Plan, "stack" | "policy" | "resources">): string[] {
    const mandatory = (plan.policy?.violations ?? []).filter((v) => v.level === "mandatory");
    if (!mandatory.length) return [];
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    return [
        `berth: Pulumi.${plan.stack}.yaml plans, but ${plural(mandatory.length, "mandatory policy violation")} must be fixed first (docs/policy.md):`,
        ...mandatory.map((v) => `  - ${v.policy} on ${resourceLabel(v.urn, byUrn)} (${v.urn}): ${v.message}`),
    ];
}
