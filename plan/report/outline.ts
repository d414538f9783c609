// What the report says, as text, once: the summary table and each platform's blocks. The Markdown
// and the HTML page render this same outline, so they never say different things.
import { formatConfigError } from "../../config/errors";
import { opsSummary } from "./facts";
import type { Column, CostFacts, DeployFacts, PlatformFacts, Report } from "./types";

/** The EKS version lifecycle, as the EKS user guide states it. */
export const EKS_VERSIONS = { title: "Amazon EKS: Understand the Kubernetes version lifecycle on EKS", url: "https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html" };

/** A titled part of a platform's section: a sentence, and a list under it. */
export interface Block {
    readonly heading: string;
    readonly text: string;
    readonly items: ReadonlyArray<string>;
}

export function money(amount: number, currency: string): string {
    const fixed = amount.toFixed(2);
    return currency === "USD" ? `$${fixed}` : `${fixed} ${currency}`;
}

/** `45 s`, `12 min 5 s`. */
export function duration(seconds: number): string {
    const s = Math.round(seconds);
    return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ""}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function costCell(c?: CostFacts): string {
    return c ? `${money(c.monthly, c.currency)} (fixed ${money(c.fixed, c.currency)})` : "not estimated";
}

function summaryRow(c: Column): string[] {
    if (!c.ok) return [c.id, `cannot run here (${plural(c.errors.length, "config error")})`, "—", "—", "—", "—", "—"];
    const f = c.facts;
    return [
        c.id,
        costCell(f.cost),
        f.deploy ? duration(f.deploy.seconds) : "not estimated",
        `${f.size.cloud} cloud + ${plural(f.size.components, "component")}`,
        f.policy ? `${f.policy.passed} passed, ${f.policy.mandatory} mandatory, ${f.policy.advisory} advisory` : "—",
        f.start ? `${f.start.can} can start, ${f.start.assumed} on assumptions, ${f.start.cannot} cannot` : "—",
        opsSummary(f),
    ];
}

export function summaryTable(r: Report): { head: string[]; rows: string[][] } {
    return { head: ["platform", "monthly", "deploy time", "resources", "policy", "start paths", "ops burden"], rows: r.columns.map(summaryRow) };
}

function costBlock(c?: CostFacts): Block {
    if (!c) return { heading: "Cost", text: "not estimated: the plan carries no cost estimate", items: [] };
    const text = `${money(c.monthly, c.currency)} a month: ${money(c.fixed, c.currency)} fixed, ${money(c.usage, c.currency)} usage (prices of ${c.priceDate}). The largest lines:`;
    return { heading: "Cost", text, items: c.largest.map((l) => `${l.description}: ${money(l.monthly, c.currency)}`) };
}

/** A critical-path step this slow (seconds) is named; the quicker ones are summed in one line. */
export const SLOW_STEP_SECONDS = 30;
/** How many kinds of quicker step the summary line names. */
const QUICK_KINDS = 3;

/** `aws:iam/role:Role` → `iam/role`; `kubernetes:apps/v1:Deployment` → `Deployment`. */
const kind = (type: string) => (type.startsWith("aws:") ? type.split(":")[1] : type.split(":").pop()!);

/** The critical path, step by step: each slow step with its typical creation time, then the quicker ones in one line. */
function deployBlock(d?: DeployFacts): Block {
    if (!d) return { heading: "Deploy time", text: "not estimated", items: [] };
    if (!d.path.length) return { heading: "Deploy time", text: `${duration(d.seconds)} from nothing: nothing to create`, items: [] };
    const text = `${duration(d.seconds)} from nothing: a critical path of ${plural(d.path.length, "step")}, each waiting for the one before; typical creation times:`;
    const slow = d.path.filter((s) => s.seconds >= SLOW_STEP_SECONDS).map((s) => `${s.name} (${s.type}): ${s.seconds} s`);
    const quick = d.path.filter((s) => s.seconds < SLOW_STEP_SECONDS);
    if (!quick.length) return { heading: "Deploy time", text, items: slow };
    const kinds = [...new Set(quick.map((s) => kind(s.type)))];
    const named = kinds.slice(0, QUICK_KINDS).join(", ") + (kinds.length > QUICK_KINDS ? "…" : "");
    const total = quick.reduce((sum, s) => sum + s.seconds, 0);
    return { heading: "Deploy time", text, items: [...slow, `${plural(quick.length, "quicker step")} (${named}) totalling ${duration(total)}`] };
}

function opsBlock(f: PlatformFacts): Block {
    const o = f.ops;
    const items = [
        `Nodes: ${o.nodes.join(", ") || "none"}`,
        `AMIs to patch: ${o.amis.join("; ") || "none"}`,
        `Control plane: ${o.controlPlane ? `${o.controlPlane}; a new minor version about every 4 months, each in standard support for 14 months, so an upgrade at least once a year [EKS]` : "none the team upgrades"}`,
        `Helm releases (${o.helmReleases.length}): ${o.helmReleases.join(", ") || "none"}`,
        `EKS add-ons (${o.addons.length}): ${o.addons.join(", ") || "none"}`,
        ...(o.privateEndpoint ? ["Private API endpoint: pulumi up and kubectl need a network path into the VPC"] : []),
        `NAT instances: ${o.natInstances}`,
    ];
    return { heading: "What the team operates", text: "", items };
}

function detailBlocks(f: PlatformFacts): Block[] {
    const start = f.start;
    return [
        costBlock(f.cost),
        deployBlock(f.deploy),
        { heading: "Size", text: `${plural(f.size.cloud, "cloud resource")}, ${plural(f.size.components, "component")}`, items: [] },
        { heading: "Policy", text: f.policy ? `${f.policy.passed} passed; ${f.policy.mandatory} mandatory and ${f.policy.advisory} advisory violations` : "not checked", items: [] },
        { heading: "Start paths", text: start ? `${start.can} can start, ${start.assumed} on assumptions, ${start.cannot} cannot` : "not analysed", items: start?.broken.map((b) => `cannot start: ${b}`) ?? [] },
        opsBlock(f),
        { heading: "Scaling", text: "", items: [...f.scaling.tasks.map((t) => `Tasks or pods: ${t}`), `Nodes: ${f.scaling.nodes}`] },
        { heading: "Parity", text: f.parity.length ? "what lands differently than on ECS on Fargate:" : "every key as on ECS on Fargate", items: f.parity.map((e) => `${e.service}.${e.key} (${e.status}): ${e.note}`) },
    ];
}

/** A platform's section: its blocks, or why the services cannot run there. */
export function columnBlocks(c: Column): Block[] {
    if (!c.ok) return [{ heading: "Cannot run here", text: "the services' config, moved here, does not validate:", items: c.errors.map(formatConfigError) }];
    return detailBlocks(c.facts);
}
