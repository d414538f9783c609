// The report's facts for one platform: pure functions from a plan to what the report shows.
import { creationSeconds } from "../../cost/deploy-time";
import { opsFacts, scalingFacts } from "./ops";
import type { CostFacts, DeployFacts, DeployStep, PlatformFacts, PolicyFacts, ReportPlan, StartFacts } from "./types";

/** How many cost lines the report names: the rest are in the plan's JSON. */
export const LARGEST_LINES = 5;

/** Money rounded to cents, so that sums of float prices print and compare the same everywhere. */
const cents = (x: number) => Math.round(x * 100) / 100;

export function costFacts(p: ReportPlan): CostFacts | undefined {
    const c = p.cost;
    if (!c) return undefined;
    const largest = [...c.lines]
        .sort((a, b) => b.monthly - a.monthly || a.description.localeCompare(b.description))
        .slice(0, LARGEST_LINES)
        .map((l) => ({ description: l.description, monthly: cents(l.monthly) }));
    return { currency: c.currency, priceDate: c.priceDate, monthly: cents(c.monthly), fixed: cents(c.fixed), usage: cents(c.usage), largest };
}

/**
 * One step of the critical path: the resource's name and type, from the plan or else from its URN
 * (`urn:pulumi:STACK::PROJECT::PARENT$TYPE::NAME`, where a name may itself hold `::`), and its typical
 * creation time, the deploy-time model's own figure for it.
 */
function step(p: ReportPlan, urn: string): DeployStep {
    const r = p.resources.find((x) => x.urn === urn);
    const parts = urn.split("::");
    const name = r?.name ?? (parts.slice(3).join("::") || urn);
    const type = r?.type ?? (parts[2] ?? "").split("$").pop()!;
    // A URN the plan no longer holds: timed by its type, a berth: type as the component it always is (0 s).
    return { name, type, seconds: creationSeconds(r ?? { type, component: true }) };
}

export function deployFacts(p: ReportPlan): DeployFacts | undefined {
    const d = p.deployTime;
    if (!d) return undefined;
    return { seconds: Math.round(d.criticalPathSeconds), path: d.path.map((u) => step(p, u)) };
}

/** A workload cannot start if any step is broken; it starts on assumptions if any is assumed. */
export function startFacts(p: ReportPlan): StartFacts | undefined {
    if (!p.startPaths) return undefined;
    const facts = { can: 0, assumed: 0, cannot: 0, broken: [] as string[] };
    for (const w of p.startPaths) {
        const broken = w.steps.find((s) => s.result === "broken");
        if (broken) {
            facts.cannot++;
            facts.broken.push(`${w.workload}: ${broken.kind}`);
        } else if (w.steps.some((s) => s.result === "assumed")) facts.assumed++;
        else facts.can++;
    }
    return facts;
}

export function policyFacts(p: ReportPlan): PolicyFacts | undefined {
    if (!p.policy) return undefined;
    const count = (level: string) => p.policy!.violations.filter((v) => v.level === level).length;
    return { passed: p.policy.passed.length, mandatory: count("mandatory"), advisory: count("advisory") };
}

export function platformFacts(p: ReportPlan): PlatformFacts {
    const cloud = p.resources.filter((r) => !r.component).length;
    const cost = costFacts(p);
    const deploy = deployFacts(p);
    const policy = policyFacts(p);
    const start = startFacts(p);
    return {
        ...(cost ? { cost } : {}),
        ...(deploy ? { deploy } : {}),
        size: { cloud, components: p.resources.length - cloud },
        ...(policy ? { policy } : {}),
        ...(start ? { start } : {}),
        ops: opsFacts(p),
        scaling: scalingFacts(p),
        parity: (p.parity ?? []).filter((e) => e.status !== "honoured"),
    };
}

/** The ops burden in a few words, for the summary table: what the team runs and keeps current. */
export function opsSummary(f: PlatformFacts): string {
    const o = f.ops;
    const parts = [
        o.nodes.length ? `${o.nodes.length} node group${o.nodes.length === 1 ? "" : "s"}` : "",
        o.amis.length ? `${o.amis.length} AMI${o.amis.length === 1 ? "" : "s"}` : "",
        o.controlPlane ? "a control plane" : "",
        o.helmReleases.length + o.addons.length ? `${o.helmReleases.length + o.addons.length} Helm/add-ons` : "",
        o.privateEndpoint ? "private API" : "",
        o.natInstances ? `${o.natInstances} NAT instance${o.natInstances === 1 ? "" : "s"}` : "",
    ].filter(Boolean);
    return parts.join(", ") || "none";
}
