// `npm run plan -- --compare dev prod`: the differences that matter between two stacks, read from
// their plans (never from config), so the comparison holds for every platform and for whatever a
// composition decides: AZs, NAT, tasks, capacity, protection, IAM policies, resources per type.
import { Plan, PlannedResource } from "./engine";
import { countsByType } from "./render";

/** One fact about one plan: a row of the comparison. */
interface Fact {
    readonly kind: Kind;
    readonly label: string;
    readonly value: string;
    /** The members behind a count (resource names, IAM actions), to say which differ. */
    readonly members?: string[];
}

export interface CompareRow {
    readonly section: string;
    /** What the row is; `MEANINGS` says what it means. */
    readonly kind: Kind;
    readonly label: string;
    /** Each stack's value, "—" where the stack has no such thing. */
    readonly values: [string, string];
    readonly differs: boolean;
    /** For rows that count members (resources, IAM actions): those only in one stack. */
    readonly detail?: string;
}

export interface Comparison {
    readonly stacks: [string, string];
    readonly rows: CompareRow[];
    /** What each kind of row means. */
    readonly meanings: Partial<Record<Kind, string>>;
}

/** What each kind of row is called and what it means. */
export const MEANINGS = {
    platform: ["platform", "the platform the stack deploys onto (the plan's `platform`)"],
    environment: ["environment", "the berth:environment tag on the stack's resources, which picks the defaults (prod: HA and protection)"],
    region: ["region", "the AWS region in the plan's ARNs"],
    azs: ["AZs", "availability zones the VPC spans: with 1, an AZ outage takes every service down"],
    nat: ["NAT", "how private subnets reach the internet: a NAT gateway per AZ survives an AZ outage; a single one or a NAT instance does not"],
    listeners: ["listeners", "load balancer listeners, protocol:port: HTTP alone means no TLS"],
    tasks: ["Tasks (per service)", "tasks (pods, App Runner instances) each service runs: the desired count, and the range its autoscaling may use"],
    capacity: ["Capacity (per service)", "where the tasks run: capacity provider weights (base: tasks placed there first), or the launch type"],
    nodes: ["Capacity (per node group)", "an EC2 Auto Scaling group or EKS node group: min-max (desired) instances, instance types, Spot or on-demand"],
    fargateProfile: ["Capacity (per Fargate profile)", "an EKS Fargate profile: pods in these namespaces run on Fargate"],
    deletionProtection: ["deletion protection", "resources whose own deletion protection is on (load balancers, tables, EKS clusters): AWS refuses to delete them"],
    retainOnDelete: ["retain on delete", "resources `pulumi destroy` leaves in the cloud (retainOnDelete): data and logs survive a mistaken destroy"],
    protect: ["protect", "resources Pulumi refuses to delete while their protect option is set"],
    forceDelete: ["deleted with contents", "resources deleted together with what they hold (an ECR repository's images, an S3 bucket's objects)"],
    policies: ["IAM and resource policies", "how many the plan has"],
    policy: ["Policies (per policy)", "an IAM or resource policy, by resource name: how many actions it allows or denies; only policies that differ are listed"],
    total: ["cloud resources and components", "what AWS or the cluster runs, and the components (berth's, awsx's, eks's) that group them"],
    type: ["Resources (per type)", "resources of that type; only types whose counts differ are listed"],
} as const;
export type Kind = keyof typeof MEANINGS;

const SECTIONS: Array<[string, Kind[]]> = [
    ["Stack", ["platform", "environment", "region"]],
    ["Network", ["azs", "nat", "listeners"]],
    ["Tasks", ["tasks"]],
    ["Capacity", ["capacity", "nodes", "fargateProfile"]],
    ["Protection", ["deletionProtection", "retainOnDelete", "protect", "forceDelete"]],
    ["Policies", ["policies", "policy"]],
    ["Resources", ["total", "type"]],
];

/** Kinds listed only where the two stacks differ: there are too many of them to read otherwise. */
const ONLY_DIFFERENCES: ReadonlySet<Kind> = new Set(["policy", "type"]);

/** An ECS capacity provider strategy item. */
interface CapacityProviderStrategy {
    readonly capacityProvider: string;
    readonly weight?: number;
    readonly base?: number;
}

/**
 * A resource's inputs. Those the comparison reads are typed as the providers' schemas type them
 * (whatever the resource type that has them); the rest stay unknown.
 */
interface ResourceInputs {
    readonly [key: string]: unknown;
    readonly tags?: Record<string, unknown>;
    readonly protocol?: string;
    readonly port?: number;
    readonly numberOfAvailabilityZones?: number;
    readonly availabilityZoneNames?: string[];
    readonly natGateways?: { readonly strategy?: string };
    readonly desiredCount?: number;
    readonly serviceNamespace?: string;
    readonly minCapacity?: number;
    readonly maxCapacity?: number;
    readonly scalingTargets?: Array<{ readonly minTaskCount?: number; readonly maxTaskCount?: number }>;
    readonly minSize?: number;
    readonly maxSize?: number;
    readonly desiredCapacity?: number;
    readonly defaultCapacityProviderStrategies?: CapacityProviderStrategy[];
    readonly capacityProviderStrategies?: CapacityProviderStrategy[];
    readonly launchType?: string;
    readonly selectors?: Array<{ readonly namespace?: string }>;
    readonly instanceType?: string;
    readonly instanceTypes?: string[];
    readonly launchTemplate?: { readonly id?: string };
    readonly mixedInstancesPolicy?: {
        readonly launchTemplate?: { readonly overrides?: Array<{ readonly instanceType?: string }> };
        readonly instancesDistribution?: { readonly onDemandBaseCapacity?: number; readonly onDemandPercentageAboveBaseCapacity?: number };
    };
    readonly scalingConfig?: { readonly minSize?: number; readonly maxSize?: number; readonly desiredSize?: number };
    readonly capacityType?: string;
    readonly spotPrice?: string;
    readonly policyArn?: string;
    /** A Kubernetes object's. */
    readonly metadata?: { readonly name?: string };
    readonly spec?: {
        readonly replicas?: number;
        readonly scaleTargetRef?: { readonly name?: string };
        readonly minReplicas?: number;
        readonly maxReplicas?: number;
    };
}

const of = (p: Plan, type: string) => p.resources.filter((r) => r.type === type);
const input = (r: PlannedResource) => r.inputs as ResourceInputs;

/** The last segment of a URN's type chain: the type of the resource the URN names. */
function typeOfUrn(urn: string | null): string {
    return (urn ?? "").split("::")[2]?.split("$").pop() ?? "";
}

function stackFacts(p: Plan): Fact[] {
    const tagged = p.resources.map((r) => input(r).tags?.["berth:environment"]).find((v): v is string => typeof v === "string");
    const region = p.resources.map((r) => /^arn:[\w-]+:[\w-]+:([a-z]{2}(-[a-z]+)+-\d):/.exec(r.arn ?? "")?.[1]).find(Boolean);
    return [
        { kind: "platform", label: "platform", value: p.platform ?? "—" },
        { kind: "environment", label: "environment", value: tagged ?? "—" },
        { kind: "region", label: "region", value: region ?? "—" },
    ];
}

function networkFacts(p: Plan): Fact[] {
    const vpc = of(p, "awsx:ec2:Vpc")[0] as PlannedResource | undefined;
    const listeners = of(p, "aws:lb/listener:Listener").map((r) => `${input(r).protocol}:${input(r).port}`);
    const facts: Fact[] = [];
    if (vpc) {
        const azs = Number(input(vpc).numberOfAvailabilityZones ?? input(vpc).availabilityZoneNames?.length ?? 3);
        const strategy = input(vpc).natGateways?.strategy ?? "Single";
        const nat = of(p, "berth:network:NatInstance").length ? "NAT instance" : (({ None: "none", Single: "1 NAT gateway", OnePerAz: `a NAT gateway per AZ (${azs})` } as Record<string, string>)[strategy] ?? strategy);
        facts.push({ kind: "azs", label: "AZs", value: String(azs) }, { kind: "nat", label: "NAT", value: nat });
    }
    if (listeners.length) facts.push({ kind: "listeners", label: "listeners", value: [...new Set(listeners)].sort().join(", ") });
    return facts;
}

/** A service's name from its resource's: `web-service` → `web`. */
const serviceOf = (r: PlannedResource, suffix: string) => r.name.replace(new RegExp(`-${suffix}$`), "");

/** The fewest and the most tasks an autoscaler may run. */
type Range = [number | undefined, number | undefined];

/** `2`, `2, scales 2-10`, or `scales 2-10` when the count is the autoscaler's alone; a fixed range is a count. */
function taskCount(desired: number | undefined, range?: Range): string {
    if (range && range[0] !== range[1]) return [desired, `scales ${range[0]}-${range[1]}`].filter((x) => x !== undefined).join(", ");
    return String(desired ?? range?.[0] ?? "—");
}

function taskFacts(p: Plan): Fact[] {
    const desired = new Map<string, number | undefined>();
    const ranges = new Map<string, Range>();
    for (const r of of(p, "aws:ecs/service:Service")) desired.set(serviceOf(r, "service"), input(r).desiredCount ?? 1);
    for (const r of of(p, "aws:appautoscaling/target:Target")) if (input(r).serviceNamespace === "ecs") ranges.set(serviceOf(r, "target"), [input(r).minCapacity, input(r).maxCapacity]);
    for (const r of of(p, "kubernetes:apps/v1:Deployment")) desired.set(input(r).metadata?.name ?? serviceOf(r, "deployment"), input(r).spec?.replicas);
    for (const r of of(p, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler")) ranges.set(input(r).spec?.scaleTargetRef?.name ?? serviceOf(r, "hpa"), [input(r).spec?.minReplicas ?? 1, input(r).spec?.maxReplicas]);
    for (const r of of(p, "aws:ecs/expressGatewayService:ExpressGatewayService")) {
        const t = input(r).scalingTargets?.[0];
        if (t) ranges.set(serviceOf(r, "service"), [t.minTaskCount, t.maxTaskCount]);
    }
    for (const r of of(p, "aws:apprunner/autoScalingConfigurationVersion:AutoScalingConfigurationVersion")) ranges.set(serviceOf(r, "scaling"), [input(r).minSize, input(r).maxSize]);
    const names = [...new Set([...desired.keys(), ...ranges.keys()])].sort();
    return names.map((n) => ({ kind: "tasks", label: n, value: taskCount(desired.get(n), ranges.get(n)) }));
}

/** `FARGATE 1 (base 1), FARGATE_SPOT 3`, with berth's capacity providers by their resource name. */
function strategy(list: CapacityProviderStrategy[], providers: Map<string, string>): string {
    return list.map((s) => `${providers.get(s.capacityProvider) ?? s.capacityProvider} ${s.weight ?? 0}${s.base ? ` (base ${s.base})` : ""}`).join(", ");
}

function capacityFacts(p: Plan): Fact[] {
    const providers = new Map(of(p, "aws:ecs/capacityProvider:CapacityProvider").map((r) => [r.id ?? "", r.name]));
    const facts: Fact[] = [];
    for (const r of of(p, "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders")) {
        const list = input(r).defaultCapacityProviderStrategies ?? [];
        if (list.length) facts.push({ kind: "capacity", label: "cluster default", value: strategy(list, providers) });
    }
    for (const r of of(p, "aws:ecs/service:Service").sort((a, b) => a.name.localeCompare(b.name))) {
        const list = input(r).capacityProviderStrategies ?? [];
        const value = list.length ? strategy(list, providers) : input(r).launchType ? `launch type ${input(r).launchType}` : "cluster default";
        facts.push({ kind: "capacity", label: serviceOf(r, "service"), value });
    }
    return [...facts, ...nodeFacts(p), ...of(p, "aws:eks/fargateProfile:FargateProfile").map(fargateProfileFact)];
}

function fargateProfileFact(r: PlannedResource): Fact {
    const namespaces = (input(r).selectors ?? []).map((s) => s.namespace);
    return { kind: "fargateProfile", label: r.name, value: `namespaces ${[...new Set(namespaces)].join(", ")}` };
}

function sizes(min: number | undefined, max: number | undefined, desired: number | undefined): string {
    return `${min}-${max}${desired === undefined ? "" : ` (desired ${desired})`}`;
}

/** Auto Scaling groups that run tasks or pods (not a NAT instance's), and EKS node groups. */
function nodeFacts(p: Plan): Fact[] {
    // By id; a group that names its template rather than giving its id looks up `undefined`, and finds none.
    const templates = new Map<string | undefined, string | undefined>(of(p, "aws:ec2/launchTemplate:LaunchTemplate").map((r) => [r.id ?? "", input(r).instanceType]));
    const groups = of(p, "aws:autoscaling/group:Group").filter((r) => typeOfUrn(r.parent) !== "berth:network:NatInstance");
    const facts: Fact[] = groups.map((r) => {
        const i = input(r);
        const mixed = i.mixedInstancesPolicy;
        const types: Array<string | undefined> = mixed ? (mixed.launchTemplate?.overrides ?? []).map((o) => o.instanceType) : [templates.get(i.launchTemplate?.id) ?? "?"];
        const dist = mixed?.instancesDistribution;
        const market = dist ? `on-demand base ${dist.onDemandBaseCapacity ?? 0}, ${dist.onDemandPercentageAboveBaseCapacity ?? 100}% on-demand above it` : "on-demand";
        return { kind: "nodes", label: r.name, value: `${sizes(i.minSize, i.maxSize, i.desiredCapacity)}, ${types.join("/")}, ${market}` };
    });
    for (const r of of(p, "eks:index:ManagedNodeGroup")) {
        const s = input(r).scalingConfig ?? {};
        facts.push({
            kind: "nodes",
            label: r.name,
            value: `${sizes(s.minSize, s.maxSize, s.desiredSize)}, ${(input(r).instanceTypes ?? []).join("/")}, ${String(input(r).capacityType ?? "ON_DEMAND")
                .toLowerCase()
                .replace("_", "-")}`,
        });
    }
    for (const r of of(p, "eks:index:NodeGroupV2")) {
        const i = input(r);
        facts.push({ kind: "nodes", label: r.name, value: `${sizes(i.minSize, i.maxSize, i.desiredCapacity)}, ${i.instanceType ?? "?"}, ${i.spotPrice ? "spot" : "on-demand"}` });
    }
    return facts;
}

function membersFact(kind: Kind, label: string, names: string[]): Fact {
    return { kind, label, value: names.length ? String(names.length) : "none", members: [...names].sort() };
}

function protectionFacts(p: Plan): Fact[] {
    const names = (pred: (r: PlannedResource) => boolean) => p.resources.filter(pred).map((r) => r.name);
    const on = (v: unknown) => v === true || v === "true";
    return [
        membersFact(
            "deletionProtection",
            "deletion protection",
            names((r) => on(input(r).enableDeletionProtection) || on(input(r).deletionProtectionEnabled) || on(input(r).deletionProtection)),
        ),
        membersFact(
            "retainOnDelete",
            "retain on delete",
            names((r) => r.retainOnDelete),
        ),
        membersFact(
            "protect",
            "protect",
            names((r) => r.protect ?? false),
        ),
        membersFact(
            "forceDelete",
            "deleted with contents",
            names((r) => on(input(r).forceDelete) || on(input(r).forceDestroy)),
        ),
    ];
}

/** A statement of an IAM policy document: Action and NotAction are an action or a list of them. */
interface Statement {
    readonly Effect?: string;
    readonly Action?: string | string[];
    readonly NotAction?: string | string[];
}

/** The actions a policy document allows (`Deny ` before those it denies). */
function actionsOf(document: unknown): string[] | undefined {
    let doc = document;
    try {
        if (typeof doc === "string") doc = JSON.parse(doc);
    } catch {
        return undefined;
    }
    const statements = (doc as { Statement?: unknown })?.Statement;
    if (!statements) return undefined;
    const list = (Array.isArray(statements) ? statements : [statements]) as Statement[];
    return list.flatMap((s) => {
        const actions = [s.Action ?? s.NotAction ?? []].flat();
        const prefix = `${s.Effect === "Deny" ? "Deny " : ""}${s.NotAction ? "NotAction " : ""}`;
        return actions.map((a) => prefix + a);
    });
}

function policyFacts(p: Plan): Fact[] {
    const facts: Fact[] = [];
    for (const r of p.resources) {
        const actions = actionsOf(input(r).policy);
        if (actions) facts.push({ kind: "policy", label: r.name, value: `${new Set(actions).size} action${new Set(actions).size === 1 ? "" : "s"}`, members: [...new Set(actions)].sort() });
        else if (r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment") {
            const arn = String(input(r).policyArn ?? "");
            facts.push({ kind: "policy", label: r.name, value: `managed ${arn.split("/").pop()}`, members: [arn] });
        }
    }
    return [{ kind: "policies", label: "IAM and resource policies", value: String(facts.length) }, ...facts];
}

function resourceFacts(p: Plan): Fact[] {
    const cloud = p.resources.filter((r) => !r.component).length;
    return [
        { kind: "total", label: "cloud resources", value: String(cloud) },
        { kind: "total", label: "components", value: String(p.resources.length - cloud) },
        ...countsByType(p).map(([type, n]): Fact => ({ kind: "type", label: type, value: String(n) })),
    ];
}

/** Every fact the comparison reads from one plan. */
export function planFacts(p: Plan): Fact[] {
    return [...stackFacts(p), ...networkFacts(p), ...taskFacts(p), ...capacityFacts(p), ...protectionFacts(p), ...policyFacts(p), ...resourceFacts(p)];
}

function detail(stacks: [string, string], a?: Fact, b?: Fact): string | undefined {
    if (!a?.members || !b?.members) return undefined;
    const only = (x: string[], y: string[]) => x.filter((m) => !y.includes(m));
    const parts = [
        [stacks[0], only(a.members, b.members)],
        [stacks[1], only(b.members, a.members)],
    ] as const;
    const text = parts.filter(([, m]) => m.length).map(([s, m]) => `only in ${s}: ${m.join(", ")}`);
    return text.length ? text.join("; ") : undefined;
}

/** The comparison of two plans, row by row. Pure: two plans in, rows out. */
export function comparePlans(a: Plan, b: Plan): Comparison {
    const stacks: [string, string] = [a.stack, b.stack];
    const [fa, fb] = [planFacts(a), planFacts(b)];
    const id = (f: Fact) => `${f.kind}\0${f.label}`;
    const rows: CompareRow[] = [];
    for (const [section, kinds] of SECTIONS) {
        for (const kind of kinds) {
            const labels = [...new Set([...fa, ...fb].filter((f) => f.kind === kind).map((f) => f.label))];
            for (const label of labels) {
                const [x, y] = [fa, fb].map((fs) => fs.find((f) => id(f) === `${kind}\0${label}`));
                const values: [string, string] = [x?.value ?? "—", y?.value ?? "—"];
                const d = detail(stacks, x, y);
                const differs = values[0] !== values[1] || d !== undefined;
                if (differs || !ONLY_DIFFERENCES.has(kind)) rows.push({ section, kind, label, values, differs, ...(d ? { detail: d } : {}) });
            }
        }
    }
    const kinds = new Set(rows.map((r) => r.kind));
    return { stacks, rows, meanings: Object.fromEntries(Object.entries(MEANINGS).flatMap(([k, [, text]]) => (kinds.has(k as Kind) ? [[k, text]] : []))) };
}

// ---- for people ----

const MAX_LABEL = 40;
const MAX_VALUE = 48;

/** The comparison as a table, a row per fact, `≠` before those that differ; then what each kind of row means. */
export function renderComparison(c: Comparison): string {
    const labelWidth = Math.min(MAX_LABEL, Math.max(...c.rows.map((r) => r.label.length), 10)) + 2;
    const width = Math.min(MAX_VALUE, Math.max(...c.rows.map((r) => r.values[0].length), c.stacks[0].length)) + 2;
    const lines = [`Comparing stack ${c.stacks[0]} with stack ${c.stacks[1]}, from their plans (≠ marks a difference):`, "", `    ${"".padEnd(labelWidth)}${c.stacks[0].padEnd(width)}${c.stacks[1]}`];
    let section = "";
    for (const r of c.rows) {
        if (r.section !== section) lines.push((section = r.section));
        const mark = `  ${r.differs ? "≠" : " "} `;
        // A long label (a type token) gets a line of its own, so that the value columns stay aligned.
        const long = r.label.length > labelWidth - 2;
        if (long) lines.push(mark + r.label);
        lines.push(`${long ? "    " : mark}${(long ? "" : r.label).padEnd(labelWidth)}${r.values[0].padEnd(width)}${r.values[1]}`);
        if (r.detail) lines.push(`        ${r.detail}`);
    }
    lines.push("", renderComparisonSummary(c), "", "What the rows mean:");
    for (const [kind, text] of Object.entries(c.meanings)) lines.push(`  ${MEANINGS[kind as Kind][0]}: ${text}`);
    return lines.join("\n");
}

/** One line for `--quiet`. */
export function renderComparisonSummary(c: Comparison): string {
    const differ = c.rows.filter((r) => r.differs);
    const sections = [...new Set(differ.map((r) => r.section))];
    return `${c.stacks[0]} vs ${c.stacks[1]}: ${differ.length} of ${c.rows.length} rows differ${sections.length ? `, in ${sections.join(", ")}` : ""}`;
}
