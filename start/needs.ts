// What a workload needs to start, declared per platform (start/ecs.ts, start/kubernetes.ts, ...), and
// the one evaluator that turns each need into a step: its IAM calls against the recorded policies,
// its network path against the network model, and its order against the dependency graph.
import { partitionOfRegion } from "../plan/fakes";
import { evaluate, evaluateResourcePolicy, IamRequest, policiesOfRole, resourcePolicies } from "./iam";
import type { AwsService, NetworkModel, Placement } from "./network";
import type { PlanIndex, StartStep, StepKind, StepResult } from "./types";

/** One API call the start makes on the identity's behalf. */
export interface Call extends IamRequest {
    /** Whether the resource's own policy must allow it too (a secret or key in another account, or one whose policy the plan records). */
    readonly resourcePolicy?: boolean;
}

export interface Need {
    readonly kind: StepKind;
    readonly subject: string;
    /** The role (ARN) that makes the calls. */
    readonly identity?: string;
    /** Each must be allowed; the first one that is not decides the step. */
    readonly calls?: ReadonlyArray<Call>;
    /** Where the calls leave from, and the services they reach. */
    readonly from?: Placement;
    readonly reach?: ReadonlyArray<AwsService>;
    /** A check the platform's deriver made itself (a port mismatch, a missing log group). */
    readonly outcome?: { readonly result: StepResult; readonly reason: string };
    /** Resources the workload must wait for, each with what it is, for an `order` need. */
    readonly waits?: ReadonlyArray<{ readonly urn: string; readonly what: string }>;
    /** The step's result when it has calls but no identity (an ECS task definition without an execution role): assumed unless the deriver knows better. */
    readonly missingIdentity?: { readonly result: StepResult; readonly reason: string };
    /** What to tell the user when proven, instead of the generic reason. */
    readonly proof?: string;
    /** Resources this step needs to exist first (a cache rule, a log group, a secret's value): the workload's `order` step checks it waits for them. */
    readonly waitFor?: ReadonlyArray<{ readonly urn: string; readonly what: string }>;
    /** The route to name when the platform carries the traffic itself (App Runner). */
    readonly route?: string;
    /** A load balancer path: security groups `from` must reach `to` on `port`. */
    readonly connect?: { readonly from: ReadonlyArray<string>; readonly to: ReadonlyArray<string>; readonly port: number };
}

export interface Context {
    readonly index: PlanIndex;
    readonly network: NetworkModel;
    /** The account and region the plan deploys into. */
    readonly account: string;
    readonly region: string;
    /** The workload's URN: `order` needs are checked from it. */
    readonly workload: string;
}

/** The results worse than proven, worst first. */
const WORSE: ReadonlyArray<StepResult> = ["broken", "assumed"];
export const worst = (results: ReadonlyArray<StepResult>): StepResult => WORSE.find((r) => results.includes(r)) ?? "proven";

/** `arn:PARTITION` for a region: berth's own grants name the partition (aws, aws-cn, aws-us-gov), so the ARNs the analysis asks about must too. */
export const arnStart = (region: string): string => `arn:${partitionOfRegion(region)}`;

/** The account and region in an ARN (`arn:PARTITION:SERVICE:REGION:ACCOUNT:...`). */
export function arnParts(arn: string): { service: string; region: string; account: string } | undefined {
    const p = arn.split(":");
    return p.length >= 6 && p[0] === "arn" ? { service: p[2], region: p[3], account: p[4] } : undefined;
}

const short = (arn: string) => arn.split(":").slice(5).join(":") || arn;

/** Whether a resource's own policy must allow the call: KMS key policies always (a key's policy is its root of trust), others only across accounts. */
const resourcePolicyMust = (arn: string, account: string): boolean => arnParts(arn)?.service === "kms" || (arnParts(arn)?.account ?? account) !== account;

function callStep(need: Need, ctx: Context): StartStep | undefined {
    if (!need.calls?.length) return undefined;
    if (!need.identity) {
        const c = need.calls[0];
        const missing = need.missingIdentity ?? { result: "assumed" as const, reason: `no role is recorded for it: whatever makes these calls must be allowed ${need.calls.map((x) => x.action).join(", ")}` };
        return { kind: need.kind, subject: need.subject, action: c.action, resource: c.resource, ...missing };
    }
    const base = { kind: need.kind, subject: need.subject, identity: need.identity };
    const role = policiesOfRole(ctx.index, need.identity);
    if (!role.recorded) {
        const c = need.calls[0];
        return { ...base, action: c.action, resource: c.resource, result: "assumed", reason: `role ${need.identity} is not in this stack: it must allow ${need.calls.map((x) => x.action).join(", ")} on ${c.resource}` };
    }
    const outside: string[] = [];
    for (const c of need.calls) {
        const d = evaluate(role.policies, c);
        if (d.decision !== "allow") {
            const why =
                d.decision === "explicit-deny"
                    ? `${d.by} denies it`
                    : d.decision === "indeterminate"
                      ? d.reason
                      : role.unknown.length
                        ? `no recorded policy allows it (and berth does not hold ${role.unknown.join(", ")})`
                        : "no policy of the role allows it";
            const result: StepResult = d.decision === "indeterminate" || (d.decision === "implicit-deny" && role.unknown.length) ? "assumed" : "broken";
            return { ...base, action: c.action, resource: c.resource, result, reason: `${short(need.identity)} may not call ${c.action} on ${c.resource}: ${why}` };
        }
        const recorded = c.resourcePolicy ? resourcePolicies(ctx.index, c.resource) : [];
        const must = resourcePolicyMust(c.resource, ctx.account);
        if (recorded.length) {
            // IAM User Guide, "Policy evaluation logic": within one account the identity policy's Allow
            // suffices unless the resource policy denies; a KMS key policy, and any policy across
            // accounts, must allow the call itself.
            const r = evaluateResourcePolicy(recorded, need.identity, c);
            const fails = r.decision === "explicit-deny" || (must && r.decision !== "allow");
            if (fails)
                return {
                    ...base,
                    action: c.action,
                    resource: c.resource,
                    result: r.decision === "indeterminate" ? "assumed" : "broken",
                    reason: `the resource policy of ${c.resource} does not let ${short(need.identity)} call ${c.action}${"reason" in r ? `: ${r.reason}` : ""}`,
                };
        } else if (must && c.resourcePolicy && !ctx.index.find(c.resource)) {
            const where = arnParts(c.resource)?.account;
            outside.push(`${c.action} on ${c.resource}${where && where !== ctx.account ? ` in account ${where}` : ""}`);
        }
    }
    const first = need.calls[0];
    const all = need.calls.map((c) => c.action).join(", ");
    // A need with an outcome of its own (an external secret) already says what must hold outside the stack.
    if (outside.length && !need.outcome) return { ...base, action: all, resource: first.resource, result: "assumed", reason: `outside this stack: the resource policies must grant ${need.identity} ${outside.join(" and ")}` };
    return { ...base, action: all, resource: first.resource, result: "proven", reason: need.proof ?? `${short(need.identity)} may call ${all}` };
}

function reachStep(need: Need, ctx: Context, via: Set<string>): StartStep | undefined {
    if (!need.from || !need.reach?.length) return undefined;
    const reaches = need.reach.map((s) => ({ service: s, ...ctx.network.reach(need.from!, s) }));
    for (const r of reaches) for (const u of r.via) via.add(u);
    const result = worst(reaches.map((r) => r.result));
    const bad = reaches.filter((r) => r.result === result);
    const route = [...new Set(reaches.map((r) => r.route))].join(", ");
    const reason = result === "proven" ? `reaches ${reaches.map((r) => `${r.service} (${r.route})`).join(", ")}` : bad.map((r) => `${r.service}: ${r.reason}`).join("; ");
    return { kind: need.kind, subject: need.subject, route, result, reason };
}

function connectStep(need: Need, ctx: Context): StartStep | undefined {
    if (!need.connect) return undefined;
    const { from, to, port } = need.connect;
    return { kind: need.kind, subject: need.subject, ...ctx.network.allows(from, to, port) };
}

function orderStep(need: Need, ctx: Context): StartStep | undefined {
    if (!need.waits) return undefined;
    const missing = need.waits.filter((w) => !ctx.index.waitsFor(ctx.workload, w.urn));
    if (missing.length)
        return {
            kind: need.kind,
            subject: need.subject,
            result: "broken",
            reason: `does not wait for ${missing.map((w) => w.what).join(", ")}: it could start before ${missing.length === 1 ? "it exists" : "they exist"} (a bug in berth: please report it)`,
        };
    return { kind: need.kind, subject: need.subject, result: "proven", reason: need.waits.length ? `waits for ${need.waits.map((w) => w.what).join(", ")}` : "waits for nothing it needs" };
}

/**
 * One need as one step: its own outcome, its calls, its network path and its order, the worst of
 * them deciding, with every failing part's reason.
 */
export function evaluateNeed(need: Need, ctx: Context, via = new Set<string>()): StartStep {
    const own = need.outcome ? { kind: need.kind, subject: need.subject, ...need.outcome, ...(need.route ? { route: need.route } : {}) } : undefined;
    const parts = [own, callStep(need, ctx), reachStep(need, ctx, via), connectStep(need, ctx), orderStep(need, ctx)].filter((s): s is StartStep => !!s);
    if (!parts.length) return { kind: need.kind, subject: need.subject, result: "assumed", reason: "the plan records nothing this step could be checked against" };
    const result = worst(parts.map((p) => p.result));
    const merged = Object.assign({}, ...parts) as StartStep;
    const reason = parts
        .filter((p) => p.result === result)
        .map((p) => p.reason)
        .join("; ");
    return { ...merged, result, reason };
}

/** What an egress route's resource is, for the order step's reason. */
function describe(ctx: Context, urn: string): string {
    const r = ctx.index.byUrn.get(urn);
    return r ? `${r.type.split(":").pop()} ${r.name} (the route out)` : urn;
}

/**
 * A workload's steps: each need in order, then its `order` need, which also waits for every resource
 * its network routes go through (the NAT instance's routes and group, the endpoints).
 */
export function evaluateWorkload(needs: ReadonlyArray<Need>, ctx: Context): StartStep[] {
    const via = new Set<string>();
    const steps = needs.filter((n) => n.kind !== "order").map((n) => evaluateNeed(n, ctx, via));
    for (const order of needs.filter((n) => n.kind === "order")) {
        const waits = [...(order.waits ?? [])];
        for (const urn of via) if (!waits.some((w) => w.urn === urn)) waits.push({ urn, what: describe(ctx, urn) });
        steps.push(evaluateNeed({ ...order, waits }, ctx));
    }
    return steps;
}

/** The waits that make a role usable: its inline policies and its attachments, each named for the order step's reason. */
export function roleWaits(index: PlanIndex, roleArn: string | undefined, label: string): { urn: string; what: string }[] {
    const role = roleArn ? index.find(roleArn, "aws:iam/role:Role") : undefined;
    if (!role) return [];
    const names = [role.id, role.inputs.name, role.arn].filter((x): x is string => typeof x === "string");
    const of = (type: string, what: string) => index.ofType(type).flatMap((p) => (names.includes(p.inputs.role as string) ? [{ urn: p.urn, what: `${label}'s ${what} ${p.name}` }] : []));
    return [...of("aws:iam/rolePolicy:RolePolicy", "policy"), ...of("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "attachment")];
}

/** The `order` need of a workload: its roles' waits and what each of its steps needs to exist first. */
export function orderNeed(needs: ReadonlyArray<Need>, ...roles: ReadonlyArray<{ urn: string; what: string }>[]): Need {
    const waits = [...roles.flat(), ...needs.flatMap((n) => n.waitFor ?? [])];
    return { kind: "order", subject: "deploy order", waits: [...new Map(waits.map((w) => [w.urn, w])).values()] };
}
