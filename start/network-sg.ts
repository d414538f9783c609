// Security group reachability over the rules the plan records: inline ingress/egress on
// aws:ec2/securityGroup, aws:vpc/securityGroup{Ingress,Egress}Rule and aws:ec2/securityGroupRule.
// Rules are a union over all of a side's groups, so one recorded rule that admits the traffic proves
// the direction; groups the plan does not record (made by eks.Cluster or awsx, or existing ones)
// turn "no rule admits it" into "assumed", since their rules are invisible here.
import { FAKE_ACCOUNT, fakeResource, partitionOfRegion } from "../plan/fakes";
import type { PlanIndex, PlannedResource, StepResult } from "./types";

const SG = "aws:ec2/securityGroup:SecurityGroup";

/** One direction's rule, normalised from whichever resource type recorded it. */
export interface SgRule {
    readonly direction: "ingress" | "egress";
    /** The group the rule belongs to. */
    readonly group: string;
    /** "-1" (all), "tcp", "udp", "icmp" or a protocol number. */
    readonly protocol: string;
    readonly fromPort: number;
    readonly toPort: number;
    /** The peer group, for rules that name one (a `self` rule names its own group). */
    readonly peerGroup?: string;
    readonly cidr?: string;
    /** The URN of the resource that records the rule. */
    readonly source: string;
}

const str = (x: unknown): string | undefined => (typeof x === "string" ? x : undefined);
const strs = (x: unknown): string[] => (Array.isArray(x) ? x.filter((v): v is string => typeof v === "string") : []);
const num = (x: unknown, d: number): number => (typeof x === "number" ? x : d);
/** A protocol as either rule type writes it: a name, "-1", or a number; absent means all. */
const protocolOf = (x: unknown): string => (typeof x === "string" ? x : typeof x === "number" ? String(x) : "-1");

/** An inline ingress/egress block of aws:ec2/securityGroup (or an aws:ec2/securityGroupRule's inputs): one rule per peer. */
function classicRules(direction: SgRule["direction"], group: string, block: Record<string, unknown>, source: string): SgRule[] {
    const base = { direction, group, protocol: protocolOf(block.protocol), fromPort: num(block.fromPort, 0), toPort: num(block.toPort, 65535), source };
    const peers = [...strs(block.securityGroups), ...(str(block.sourceSecurityGroupId) ? [String(block.sourceSecurityGroupId)] : []), ...(block.self === true ? [group] : [])];
    return [...peers.map((peerGroup) => ({ ...base, peerGroup })), ...strs(block.cidrBlocks).map((cidr) => ({ ...base, cidr }))];
}

/** Every rule the plan records, by the group it belongs to. */
export function securityGroupRules(index: PlanIndex, region: string): ReadonlyMap<string, ReadonlyArray<SgRule>> {
    const rules: SgRule[] = [...eksDefaultEgress(index, region)];
    for (const sg of index.ofType(SG)) {
        if (!sg.id) continue;
        for (const direction of ["ingress", "egress"] as const) {
            const blocks = sg.inputs[direction];
            // A block that is not an object names no peer: only null would break the reading.
            if (Array.isArray(blocks)) for (const b of blocks) if (b) rules.push(...classicRules(direction, sg.id, b as Record<string, unknown>, sg.urn));
        }
    }
    for (const [type, direction] of [
        ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "ingress"],
        ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "egress"],
    ] as const) {
        for (const r of index.ofType(type)) {
            const group = str(r.inputs.securityGroupId);
            if (!group) continue;
            const peer = str(r.inputs.referencedSecurityGroupId);
            const cidr = str(r.inputs.cidrIpv4) ?? str(r.inputs.cidrIpv6);
            const protocol = protocolOf(r.inputs.ipProtocol);
            // ipProtocol "-1" takes no ports: it covers them all.
            const [fromPort, toPort] = protocol === "-1" ? [0, 65535] : [num(r.inputs.fromPort, 0), num(r.inputs.toPort, 65535)];
            rules.push({ direction, group, protocol, fromPort, toPort, ...(peer ? { peerGroup: peer } : {}), ...(cidr ? { cidr } : {}), source: r.urn });
        }
    }
    for (const r of index.ofType("aws:ec2/securityGroupRule:SecurityGroupRule")) {
        const group = str(r.inputs.securityGroupId);
        const direction = r.inputs.type === "egress" ? "egress" : "ingress";
        if (group) rules.push(...classicRules(direction, group, r.inputs, r.urn));
    }
    const byGroup = new Map<string, SgRule[]>();
    for (const rule of rules) byGroup.set(rule.group, [...(byGroup.get(rule.group) ?? []), rule]);
    return byGroup;
}

/**
 * The groups eks.Cluster hands back (remote: the plan records none of their rules). EKS creates the
 * cluster security group with one outbound rule allowing all traffic to 0.0.0.0/0 (EKS User Guide,
 * "View Amazon EKS security group requirements for clusters", default rules), and @pulumi/eks's node
 * security group likewise allows all egress. Their ids are the fake outputs the plan handed out.
 */
function eksDefaultEgress(index: PlanIndex, region: string): SgRule[] {
    const ctx = { region, account: FAKE_ACCOUNT, partition: partitionOfRegion(region) };
    return index.ofType("eks:index:Cluster").flatMap((cluster) => {
        const { state } = fakeResource({ type: cluster.type, name: cluster.name, inputs: cluster.inputs }, ctx);
        // The fake hands out both ids (the same group).
        const groups = new Set([state.clusterSecurityGroupId, state.nodeSecurityGroupId] as string[]);
        return [...groups].map((group): SgRule => ({ direction: "egress", group, protocol: "-1", fromPort: 0, toPort: 65535, cidr: "0.0.0.0/0", source: cluster.urn }));
    });
}

/** The security groups a workload's resource names: an ECS service's awsvpc configuration, an App Runner VPC connector, a launch template's interfaces, a network interface. */
export function securityGroupsOf(r: PlannedResource): string[] {
    type WithGroups = { readonly securityGroups?: unknown } | null | undefined;
    const fromNc = strs((r.inputs.networkConfiguration as WithGroups)?.securityGroups);
    const fromInterfaces = Array.isArray(r.inputs.networkInterfaces) ? r.inputs.networkInterfaces.flatMap((i: unknown) => strs((i as WithGroups)?.securityGroups)) : [];
    return [...new Set([...fromNc, ...strs(r.inputs.securityGroups), ...strs(r.inputs.vpcSecurityGroupIds), ...strs(r.inputs.securityGroupIds), ...fromInterfaces])];
}

const coversPort = (rule: SgRule, port: number): boolean => ["-1", "all"].includes(rule.protocol) || (["tcp", "6"].includes(rule.protocol) && rule.fromPort <= port && port <= rule.toPort);

/** `ruleSummary(rule)`: how a reason names a rule, e.g. "tcp 8080 from alb-sg". */
function ruleSummary(index: PlanIndex, rule: SgRule): string {
    const ports = ["-1", "all"].includes(rule.protocol) ? "all traffic" : `${rule.protocol} ${rule.fromPort === rule.toPort ? rule.fromPort : `${rule.fromPort}-${rule.toPort}`}`;
    const peer = rule.peerGroup ? groupName(index, rule.peerGroup) : rule.cidr;
    return `${ports} ${rule.direction === "ingress" ? "from" : "to"} ${peer}`;
}

/** A group as reasons name it: its resource name and id, or the id alone when the plan does not record it. */
export function groupName(index: PlanIndex, id: string): string {
    const sg = index.find(id, SG);
    return sg ? `${sg.name} (${id})` : id;
}

type Verdict = { readonly result: StepResult; readonly reason: string };

/**
 * One direction: does some group of `own` have a rule of `direction` covering tcp/`port` whose peer is
 * one of `peers` (or an address range)? Only 0.0.0.0/0 is certain to cover a peer: the plan does
 * not know which addresses the peer's interfaces get, so any other range is assumed.
 */
function side(index: PlanIndex, rules: ReadonlyMap<string, ReadonlyArray<SgRule>>, own: ReadonlyArray<string>, peers: ReadonlyArray<string>, direction: SgRule["direction"], port: number): Verdict {
    const mine = own.flatMap((g) => (rules.get(g) ?? []).filter((r) => r.direction === direction));
    const fitting = mine.filter((r) => coversPort(r, port));
    const proof = fitting.find((r) => (r.peerGroup && peers.includes(r.peerGroup)) || r.cidr === "0.0.0.0/0" || r.cidr === "::/0");
    const what = direction === "egress" ? `egress of ${own.map((g) => groupName(index, g)).join(", ")} to` : `ingress of ${own.map((g) => groupName(index, g)).join(", ")} from`;
    const target = peers.map((g) => groupName(index, g)).join(", ");
    if (proof) return { result: "proven", reason: `${what} ${target} on tcp/${port}: ${ruleSummary(index, proof)}` };
    const ranged = fitting.find((r) => r.cidr);
    if (ranged) return { result: "assumed", reason: `${what} ${target} on tcp/${port}: only ${ruleSummary(index, ranged)}, which covers the peer only if its addresses are in ${ranged.cidr}` };
    const unseen = own.filter((g) => !index.find(g, SG));
    if (unseen.length)
        return { result: "assumed", reason: `${what} ${target} on tcp/${port}: no recorded rule allows it, and the plan cannot see the rules of ${unseen.join(", ")} (made by eks.Cluster or awsx, or existing); they must allow it` };
    const have = mine.length ? `its rules: ${mine.map((r) => ruleSummary(index, r)).join("; ")}` : "it has no rules";
    return { result: "broken", reason: `${what} ${target} on tcp/${port}: no rule allows it (${have})` };
}

const RANK: Record<StepResult, number> = { proven: 0, assumed: 1, broken: 2 };

/** Whether groups `from` may open a TCP connection to groups `to` on `port`: egress of one side and ingress of the other. */
export function sgAllows(index: PlanIndex, rules: ReadonlyMap<string, ReadonlyArray<SgRule>>, from: ReadonlyArray<string>, to: ReadonlyArray<string>, port: number): Verdict {
    if (!from.length || !to.length) return { result: "assumed", reason: `no security groups recorded on the ${from.length ? "target" : "source"}: the VPC's default group applies, whose rules the plan cannot see` };
    const verdicts = [side(index, rules, from, to, "egress", port), side(index, rules, to, from, "ingress", port)];
    // Stryker disable next-line EqualityOperator: of two sides with the same result either is the worst; the reason is built from both.
    const worst = verdicts.reduce((a, b) => (RANK[b.result] > RANK[a.result] ? b : a));
    return {
        result: worst.result,
        reason: verdicts
            .filter((v) => worst.result === "proven" || v.result !== "proven")
            .map((v) => v.reason)
            .join("; "),
    };
}

/** Whether groups `own` allow egress on tcp/`port` to anywhere (paths out through a NAT, a public IP or a gateway endpoint). */
export function sgEgressAnywhere(index: PlanIndex, rules: ReadonlyMap<string, ReadonlyArray<SgRule>>, own: ReadonlyArray<string>, port: number): Verdict {
    return side(index, rules, own, ["0.0.0.0/0"], "egress", port);
}
