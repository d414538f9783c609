// The architecture diagram of one plan: Graphviz DOT generated from the recorded graph (pure, sorted,
// so the same plan always gives the same text), rendered to SVG by Graphviz in WebAssembly.
// Plumbing (IAM, rules, log groups, attachments) is folded into its component: only the resources a
// reader asks about are drawn, grouped by the berth component that made them, with the dependencies
// between them, followed through the plumbing.
import type { PlannedResource } from "../engine";
import type { ReportPlan } from "./types";

/** How a drawn resource looks: where traffic enters, where data lives, or what runs and routes. */
export type Role = "entry" | "data" | "compute";

const DATA = [/^aws:s3\/bucket(V2)?:Bucket(V2)?$/, /^aws:dynamodb\/table:/, /^aws:efs\/fileSystem:/, /^aws:fsx\/[a-zA-Z]*FileSystem:/, /^aws:sqs\/queue:Queue$/, /^aws:secretsmanager\/secret:Secret$/, /^aws:ssm\/parameter:/];
/** What runs or routes the services: drawn, everything else is plumbing. */
const COMPUTE = new Set([
    "aws:lb/loadBalancer:LoadBalancer",
    "aws:ecs/cluster:Cluster",
    "aws:ecs/service:Service",
    "aws:autoscaling/group:Group",
    "aws:ecr/repository:Repository",
    "aws:scheduler/schedule:Schedule",
    "aws:sns/topic:Topic",
    "aws:lambda/function:Function",
    "awsx:ec2:Vpc",
    "eks:index:Cluster",
    "eks:index:ManagedNodeGroup",
    "eks:index:NodeGroupV2",
    "aws:eks/fargateProfile:FargateProfile",
    "kubernetes:apps/v1:Deployment",
    "kubernetes:batch/v1:CronJob",
    "kubernetes:batch/v1:Job",
    "kubernetes:karpenter.sh/v1:NodePool",
    "kubernetes:helm.sh/v3:Release",
    "kubernetes:networking.k8s.io/v1:Ingress",
    "aws:apprunner/service:Service",
    "aws:ecs/expressGatewayService:ExpressGatewayService",
]);

/** The inputs that say whether a resource is reachable from the internet. */
interface Inputs {
    readonly internal?: boolean;
    readonly metadata?: { readonly annotations?: Record<string, string> };
    readonly networkConfiguration?: { readonly ingressConfiguration?: { readonly isPubliclyAccessible?: boolean } };
}

/** Whether a resource takes traffic from outside the VPC or cluster. */
export function isPublicEntry(r: PlannedResource): boolean {
    const i = r.inputs as Inputs;
    switch (r.type) {
        case "aws:lb/loadBalancer:LoadBalancer":
            return i.internal !== true;
        case "kubernetes:networking.k8s.io/v1:Ingress":
            return i.metadata?.annotations?.["alb.ingress.kubernetes.io/scheme"] !== "internal";
        case "aws:apprunner/service:Service":
            return i.networkConfiguration?.ingressConfiguration?.isPubliclyAccessible !== false;
        case "aws:ecs/expressGatewayService:ExpressGatewayService":
            return true;
        default:
            return false;
    }
}

/** The role a resource is drawn in, or undefined for plumbing. */
export function roleOf(r: PlannedResource): Role | undefined {
    if (isPublicEntry(r)) return "entry";
    if (DATA.some((re) => re.test(r.type))) return "data";
    return COMPUTE.has(r.type) ? "compute" : undefined;
}

const STYLE: Record<Role, string> = {
    entry: 'shape=house, style="filled,bold", fillcolor="#fde2c4", color="#c0631a"',
    data: 'shape=cylinder, style=filled, fillcolor="#d7ecd9", color="#2f7d3a"',
    compute: 'shape=box, style="filled,rounded", fillcolor="#e4ebf7", color="#3a5a99"',
};

/** A DOT string; a line break becomes DOT's `\n`, which Graphviz centres. */
const quote = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
/** `aws:ecs/service:Service` → `ecs/service`; `kubernetes:apps/v1:Deployment` → `Deployment`, `eks:index:Cluster` → `Cluster`. */
const shortType = (t: string) => (t.startsWith("aws:") ? (t.split(":")[1] ?? t) : t.split(":").pop()!);

/**
 * Drops an edge a → c where a reaches c through another drawn node: the diagram shows each need once.
 * Edges are dropped one at a time, each against the edges still kept, so that what reaches what stays
 * as it was even through a cycle (two edges implied by each other drop only one).
 */
export function reduce(edges: ReadonlyArray<[string, string]>): Array<[string, string]> {
    const kept = [...edges];
    const reaches = (from: string, to: string) => {
        const seen = new Set<string>();
        const stack = [from];
        while (stack.length) {
            const n = stack.pop()!;
            if (n === to) return true;
            if (seen.has(n)) continue;
            seen.add(n);
            for (const [a, b] of kept) if (a === n) stack.push(b);
        }
        return false;
    };
    for (const edge of edges) {
        const at = kept.indexOf(edge);
        kept.splice(at, 1);
        if (!reaches(edge[0], edge[1])) kept.splice(at, 0, edge);
    }
    return kept;
}

/** The drawn resources each drawn one depends on, following dependencies through plumbing. */
function edges(p: ReportPlan, drawn: ReadonlySet<string>): Array<[string, string]> {
    const byUrn = new Map(p.resources.map((r) => [r.urn, r]));
    const out = new Set<string>();
    // Any order: the edges are sorted at the end.
    for (const from of drawn) {
        // Stryker disable next-line ArrayDeclaration: a dependency cycle back to `from` would add a self-edge, which reduce() drops
        const seen = new Set<string>([from]);
        const stack = [...byUrn.get(from)!.dependencies];
        while (stack.length) {
            const urn = stack.pop()!;
            if (seen.has(urn)) continue;
            seen.add(urn);
            const r = byUrn.get(urn);
            // A dependency on a whole component says nothing about which of its resources is needed.
            if (!r || (r.component && !drawn.has(urn))) continue;
            if (drawn.has(urn)) out.add(`${from}\0${urn}`);
            else stack.push(...r.dependencies);
        }
    }
    return [...out].sort().map((e) => e.split("\0") as [string, string]);
}

/** The berth component a resource belongs to: its nearest `berth:` ancestor. */
function ownerOf(r: PlannedResource, byUrn: ReadonlyMap<string, PlannedResource>): string | null {
    let parent = r.parent;
    while (parent) {
        const p = byUrn.get(parent);
        if (!p) return null;
        if (p.type.startsWith("berth:")) return p.urn;
        parent = p.parent;
    }
    return null;
}

/** DOT for the plan's architecture. Pure and deterministic: nodes, clusters and edges are sorted by URN. */
export function diagramDot(p: ReportPlan): string {
    const byUrn = new Map(p.resources.map((r) => [r.urn, r]));
    const kept = p.resources.filter((r) => roleOf(r) !== undefined).sort((a, b) => a.urn.localeCompare(b.urn));
    const drawn = new Set(kept.map((r) => r.urn));
    const ids = new Map(kept.map((r, i) => [r.urn, `n${i}`]));
    // Every berth component with something drawn inside it, at any depth, becomes a cluster.
    const children = new Map<string | null, string[]>();
    const place = (urn: string, owner: string | null) => children.set(owner, [...(children.get(owner) ?? []), urn]);
    const clusters = new Set<string>();
    for (const r of kept) {
        let owner = ownerOf(r, byUrn);
        place(r.urn, owner);
        while (owner && !clusters.has(owner)) {
            clusters.add(owner);
            const up = ownerOf(byUrn.get(owner)!, byUrn);
            place(owner, up);
            owner = up;
        }
    }
    const lines = ["digraph berth {", "  rankdir=LR;", '  graph [fontname="Helvetica", fontsize=11, nodesep=0.25, ranksep=0.5];', '  node [fontname="Helvetica", fontsize=10];', '  edge [color="#7a7a7a", arrowsize=0.6];'];
    let clusterNo = 0;
    const emit = (owner: string | null, indent: string) => {
        for (const urn of [...(children.get(owner) ?? [])].sort()) {
            const r = byUrn.get(urn)!;
            if (clusters.has(urn)) {
                lines.push(`${indent}subgraph cluster_${clusterNo++} {`, `${indent}  label=${quote(`${r.name} (${r.type})`)}; style="rounded,dashed"; color="#9aa5b1"; fontsize=10;`);
                emit(urn, `${indent}  `);
                lines.push(`${indent}}`);
            } else lines.push(`${indent}${ids.get(urn)} [label=${quote(`${r.name}\n${shortType(r.type)}`)}, ${STYLE[roleOf(r)!]}];`);
        }
    };
    emit(null, "  ");
    const entries = kept.filter(isPublicEntry);
    if (entries.length) {
        lines.push('  internet [label="internet", shape=plaintext, fontsize=11];');
        for (const r of entries) lines.push(`  internet -> ${ids.get(r.urn)} [color="#c0631a", penwidth=1.4];`);
    }
    for (const [from, to] of reduce(edges(p, drawn))) lines.push(`  ${ids.get(from)} -> ${ids.get(to)};`);
    lines.push("}");
    return lines.join("\n") + "\n";
}

type Viz = { renderString(dot: string, options: { format: "svg" }): string };
let viz: Promise<Viz> | undefined;

/** The diagram as inline SVG (no XML prolog or doctype, to sit inside an HTML page). */
export async function renderSvg(dot: string): Promise<string> {
    // Graphviz compiled to WebAssembly, loaded once per process (it takes a few hundred milliseconds).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package's CommonJS build, loaded only when a report is drawn
    viz ??= (require("@viz-js/viz") as { instance(): Promise<Viz> }).instance();
    const svg = (await viz).renderString(dot, { format: "svg" });
    return svg.slice(svg.indexOf("<svg"));
}
