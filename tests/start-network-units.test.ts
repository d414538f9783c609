// GIVEN small handmade plans, WHEN the plan index, the VPC reader and the security group model are
// asked about them, THEN each answer is exactly the one written below: the units that
// tests/start-network.test.ts exercises only through dev's and prod's plans.
import { strict as assert } from "assert";
import { defaultRoutes, endpointsIn, recordedVpcs, subnetOf } from "../start/network-vpc";
import { groupName, securityGroupRules, securityGroupsOf, sgAllows, sgEgressAnywhere } from "../start/network-sg";
import { type AwsService, networkModel } from "../start/network";
import { indexPlan } from "../start/plan-index";
import type { PlannedResource } from "../start/types";
import { res } from "./start-plans";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const ROUTE = "aws:ec2/route:Route";
const ENI = "aws:ec2/networkInterface:NetworkInterface";
const ASG = "aws:autoscaling/group:Group";
const INSTANCE = "aws:ec2/instance:Instance";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";

/** An awsx VPC called `v` with two AZs: the ids below are the plan's fakes for it. */
const vpc = (inputs: Record<string, unknown> = {}) => res("awsx:ec2:Vpc", "v", { numberOfAvailabilityZones: 2, ...inputs }, { component: true });
const VPC_ID = "vpc-0017f62974f751691";
const [PUB_A, PUB_B, PRIV_A, PRIV_B] = ["subnet-public-28c02f1465d84e092", "subnet-public-da7e9a020192f5b47", "subnet-private-611508a0c1d36f7ea", "subnet-private-46285baaaef9d6849"];
const [RTB_PRIV_A, RTB_PRIV_B] = ["rtb-eb2fefbf279df6e08", "rtb-1a51df90ce8694163"];

describe("start/plan-index", () => {
    const a = res("t:a", "a", { name: "alpha" }, { arn: "arn:a", id: "id-a", dependencies: ["urn:b"] });
    const b = res("t:b", "b", { name: 7 }, { urn: "urn:b", id: "id-b", dependencies: ["urn:c"] });
    const c = res("t:comp", "c", {}, { urn: "urn:c", component: true, dependencies: ["urn:outside"] });
    const child = res("t:b", "child", {}, { urn: "urn:child", parent: "urn:c", dependencies: ["urn:leaf"] });
    const leaf = res("t:b", "leaf", { name: "alpha" }, { urn: "urn:leaf", dependencies: ["urn:child"] });
    const parentOnly = res("t:a", "p", {}, { urn: "urn:p", parent: "urn:b" });
    const plan = [a, b, c, child, leaf, parentOnly];

    it("finds a resource by its ARN, its id or its physical name, of any type or of the one asked", () => {
        const index = indexPlan(plan);
        assert.deepStrictEqual(
            [index.find("arn:a"), index.find("id-a"), index.find("alpha"), index.find("alpha", "t:b"), index.find("id-b"), index.find("7"), index.find("alpha", "t:none"), index.find("nothing")].map((r) => r?.name),
            ["a", "a", "a", "leaf", "b", undefined, undefined, undefined],
        );
    });

    it("lists resources by type in plan order, and none for a type it does not have", () => {
        const index = indexPlan(plan);
        assert.deepStrictEqual(
            ["t:a", "t:b", "t:none"].map((t) => index.ofType(t).map((r) => r.name)),
            [["a", "p"], ["b", "child", "leaf"], []],
        );
        assert.deepStrictEqual([index.resources.length, index.byUrn.get("urn:b")?.name], [6, "b"]);
    });

    // waitsFor(from, to) for every pair that matters: transitive, through a component's children, never through a parent.
    const waits: [string, string, boolean][] = [
        [a.urn, "urn:b", true],
        [a.urn, "urn:c", true],
        [a.urn, "urn:outside", true],
        [a.urn, "urn:child", true],
        [a.urn, "urn:leaf", true],
        ["urn:b", a.urn, false],
        ["urn:c", "urn:child", true],
        ["urn:c", a.urn, false],
        ["urn:child", "urn:outside", false],
        ["urn:child", "urn:child", true],
        ["urn:leaf", "urn:c", false],
        ["urn:p", "urn:c", false],
        ["urn:b", "urn:p", false],
        ["urn:missing", "urn:b", false],
    ];
    for (const [from, to, expected] of waits) {
        it(`${from.split("::").pop()} ${expected ? "waits" : "does not wait"} for ${to.split("::").pop()}`, () => {
            const index = indexPlan(plan);
            assert.equal(index.waitsFor(from, to), expected);
            // The second answer comes from the cache: it must be the same.
            assert.equal(index.waitsFor(from, to), expected);
        });
    }
});

describe("start/network-vpc", () => {
    it("reads the recorded VPC's id and subnets, by kind, from the plan's fakes", () => {
        const [v] = recordedVpcs(indexPlan([vpc()]), "us-east-1");
        assert.deepStrictEqual(
            { urn: v.resource.urn, vpcId: v.vpcId, natGateways: v.natGateways, subnets: [...v.subnets] },
            {
                urn: "urn:pulumi:t::berth::awsx:ec2:Vpc::v",
                vpcId: VPC_ID,
                natGateways: "OnePerAz",
                subnets: [
                    [PUB_A, "public"],
                    [PUB_B, "public"],
                    [PRIV_A, "private"],
                    [PRIV_B, "private"],
                ],
            },
        );
    });

    // awsx's natGateways.strategy as given, else its default: OnePerAz with both public and private subnets (or no specs), else None.
    const strategies: [string, Record<string, unknown>, string][] = [
        ["None given", { natGateways: { strategy: "None" } }, "None"],
        ["Single given", { natGateways: { strategy: "Single" } }, "Single"],
        ["OnePerAz given", { natGateways: { strategy: "OnePerAz" }, subnetSpecs: [{ type: "Private" }] }, "OnePerAz"],
        ["an unknown strategy, public subnets only", { natGateways: { strategy: "Two" }, subnetSpecs: [{ type: "Public" }] }, "None"],
        ["no natGateways, no subnetSpecs", {}, "OnePerAz"],
        ["subnetSpecs not a list", { subnetSpecs: "Public" }, "OnePerAz"],
        ["public and private specs", { subnetSpecs: [{ type: "Public" }, { type: "Private" }] }, "OnePerAz"],
        ["public and isolated specs", { subnetSpecs: [{ type: "Public" }, { type: "Isolated" }] }, "None"],
        ["private specs only", { subnetSpecs: [{ type: "Private" }, { type: "Isolated" }] }, "None"],
    ];
    for (const [what, inputs, expected] of strategies) {
        it(`NAT strategy with ${what}: ${expected}`, () => {
            assert.equal(recordedVpcs(indexPlan([vpc(inputs)]), "us-east-1")[0].natGateways, expected);
        });
    }

    it("a subnet of a recorded VPC has its kind and awsx's route table; another VPC's has none", () => {
        const vpcs = recordedVpcs(indexPlan([vpc()]), "us-east-1");
        const { vpc: owner, ...subnet } = subnetOf(vpcs, "us-east-1", PRIV_B)!;
        assert.deepStrictEqual([owner, subnet], [vpcs[0], { id: PRIV_B, kind: "private", routeTableId: RTB_PRIV_B }]);
        assert.deepStrictEqual({ ...subnetOf(vpcs, "us-east-1", PUB_A)!, vpc: undefined }, { id: PUB_A, kind: "public", vpc: undefined, routeTableId: "rtb-172ef9def508cbe76" });
        assert.equal(subnetOf(vpcs, "us-east-1", "subnet-0a1b2c3d"), undefined);
    });

    describe("default routes", () => {
        const eni = res(ENI, "nat-eni", {}, { id: "eni-1", parent: "urn:nat" });
        const asg = res(ASG, "nat-asg", {}, { parent: "urn:nat", dependencies: [eni.urn] });
        const otherParentAsg = res(ASG, "other-asg", {}, { parent: "urn:other", dependencies: [eni.urn] });
        const noDependencyAsg = res(ASG, "loose-asg", {}, { parent: "urn:nat" });
        const carrying = res(INSTANCE, "carrier", { networkInterfaces: [null, { networkInterfaceId: "eni-2" }, { networkInterfaceId: "eni-1" }] });
        const notCarrying = res(INSTANCE, "bystander", { networkInterfaces: [{ networkInterfaceId: "eni-2" }] });
        const bare = res(INSTANCE, "bare", {}, { id: "i-1" });
        const natGateway = res("aws:ec2/natGateway:NatGateway", "ngw", {}, { id: "nat-1" });
        const route = (name: string, inputs: Record<string, unknown>) => res(ROUTE, name, { routeTableId: RTB_PRIV_A, destinationCidrBlock: "0.0.0.0/0", ...inputs });
        const routes = [
            route("to-eni", { networkInterfaceId: "eni-1" }),
            route("to-unknown-eni", { networkInterfaceId: "eni-9" }),
            route("to-instance", { instanceId: "i-1" }),
            route("to-unknown-instance", { instanceId: "i-9" }),
            route("to-nat", { natGatewayId: "nat-1" }),
            route("to-unknown-nat", { natGatewayId: "nat-9" }),
            route("to-igw", { gatewayId: "igw-1" }),
            route("to-nothing", {}),
            route("to-a-range", { destinationCidrBlock: "10.0.0.0/8", gatewayId: "igw-1" }),
            res(ROUTE, "other-table", { routeTableId: RTB_PRIV_B, destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }),
        ];
        // Another type's resource with the interface's id comes first: only the interface counts.
        const decoy = res("t:decoy", "decoy", {}, { id: "eni-1", parent: "urn:elsewhere" });
        const plan = [decoy, eni, asg, otherParentAsg, noDependencyAsg, carrying, notCarrying, bare, natGateway, ...routes];
        const u = (r: PlannedResource) => r.urn;

        it("name what each 0.0.0.0/0 route of the table leads to, and what must exist before traffic flows", () => {
            const index = indexPlan(plan);
            assert.deepStrictEqual(
                defaultRoutes(index, RTB_PRIV_A).map((d) => [d.route.name, d.kind, d.via]),
                [
                    ["to-eni", "nat-instance", [u(routes[0]), u(asg), u(carrying)]],
                    ["to-unknown-eni", "nat-instance", [u(routes[1])]],
                    ["to-instance", "nat-instance", [u(routes[2]), u(bare)]],
                    ["to-unknown-instance", "nat-instance", [u(routes[3])]],
                    ["to-nat", "nat-gateway", [u(routes[4]), u(natGateway)]],
                    ["to-unknown-nat", "nat-gateway", [u(routes[5])]],
                    ["to-igw", "internet-gateway", [u(routes[6])]],
                ],
            );
            assert.deepStrictEqual(
                defaultRoutes(index, RTB_PRIV_B).map((d) => d.route.name),
                ["other-table"],
            );
            assert.deepStrictEqual(defaultRoutes(index, "rtb-none"), []);
        });
    });

    it("lists the endpoints of one VPC only", () => {
        const mine = res(ENDPOINT, "mine", { vpcId: VPC_ID });
        const index = indexPlan([mine, res(ENDPOINT, "theirs", { vpcId: "vpc-other" })]);
        assert.deepStrictEqual([endpointsIn(index, VPC_ID), endpointsIn(index, "vpc-none")], [[mine], []]);
    });
});

describe("start/network-sg", () => {
    const sg = (name: string, id: string | null, inputs: Record<string, unknown> = {}) => res(SG, name, inputs, { id });

    it("normalises every rule type into one list per group", () => {
        const plan = [
            sg("unrecorded-id", null, { ingress: [{ protocol: "tcp", fromPort: 1, toPort: 1, cidrBlocks: ["10.0.0.0/8"] }] }),
            sg("inline", "sg-1", {
                ingress: [null, "junk", { protocol: 6, fromPort: 80, toPort: 81, securityGroups: ["sg-2", 5], sourceSecurityGroupId: "sg-3", self: true, cidrBlocks: ["10.0.0.0/8"] }, { self: "yes" }],
                egress: { protocol: "-1" },
            }),
            sg("egress-only", "sg-2", { egress: [{ protocol: "udp", cidrBlocks: ["0.0.0.0/0"] }] }),
            res(INGRESS, "all", { securityGroupId: "sg-2", ipProtocol: "-1", fromPort: 5, toPort: 6, cidrIpv4: "10.1.0.0/16" }),
            res(INGRESS, "tcp", { securityGroupId: "sg-2", ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: "sg-1" }),
            res(EGRESS, "v6", { securityGroupId: "sg-2", ipProtocol: 17, cidrIpv6: "::/0" }),
            res(EGRESS, "no-group", { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }),
            res(RULE, "classic-egress", { type: "egress", securityGroupId: "sg-3", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }),
            res(RULE, "classic-ingress", { type: "ingress", securityGroupId: "sg-3", protocol: "tcp", fromPort: 22, toPort: 22, sourceSecurityGroupId: "sg-1" }),
            res(RULE, "classic-no-group", { type: "egress", protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }),
            sg("no-protocol", "sg-4", { egress: [{ cidrBlocks: ["0.0.0.0/0"] }] }),
        ];
        const s = (name: string) => plan.find((r) => r.name === name)!.urn;
        const inline = { group: "sg-1", protocol: "6", fromPort: 80, toPort: 81, source: s("inline") };
        assert.deepStrictEqual(Object.fromEntries(securityGroupRules(indexPlan(plan), "us-east-1")), {
            "sg-1": [
                { direction: "ingress", ...inline, peerGroup: "sg-2" },
                { direction: "ingress", ...inline, peerGroup: "sg-3" },
                { direction: "ingress", ...inline, peerGroup: "sg-1" },
                { direction: "ingress", ...inline, cidr: "10.0.0.0/8" },
            ],
            "sg-2": [
                { direction: "egress", group: "sg-2", protocol: "udp", fromPort: 0, toPort: 65535, cidr: "0.0.0.0/0", source: s("egress-only") },
                { direction: "ingress", group: "sg-2", protocol: "-1", fromPort: 0, toPort: 65535, cidr: "10.1.0.0/16", source: s("all") },
                { direction: "ingress", group: "sg-2", protocol: "tcp", fromPort: 443, toPort: 443, peerGroup: "sg-1", source: s("tcp") },
                { direction: "egress", group: "sg-2", protocol: "17", fromPort: 0, toPort: 65535, cidr: "::/0", source: s("v6") },
            ],
            "sg-3": [
                { direction: "egress", group: "sg-3", protocol: "tcp", fromPort: 443, toPort: 443, cidr: "0.0.0.0/0", source: s("classic-egress") },
                { direction: "ingress", group: "sg-3", protocol: "tcp", fromPort: 22, toPort: 22, peerGroup: "sg-1", source: s("classic-ingress") },
            ],
            "sg-4": [{ direction: "egress", group: "sg-4", protocol: "-1", fromPort: 0, toPort: 65535, cidr: "0.0.0.0/0", source: s("no-protocol") }],
        });
    });

    it("gives eks.Cluster's group the all-traffic egress EKS creates it with", () => {
        const cluster = res("eks:index:Cluster", "c", { name: "c" }, { component: true });
        const rules = securityGroupRules(indexPlan([cluster]), "us-east-1");
        assert.deepStrictEqual(Object.fromEntries(rules), {
            "sg-07370393d5a108fa9": [{ direction: "egress", group: "sg-07370393d5a108fa9", protocol: "-1", fromPort: 0, toPort: 65535, cidr: "0.0.0.0/0", source: cluster.urn }],
        });
    });

    it("collects a resource's groups from every field that names them, once each", () => {
        const r = res("t", "w", {
            networkConfiguration: { securityGroups: ["sg-a", "sg-b"] },
            securityGroups: ["sg-b", "sg-c"],
            vpcSecurityGroupIds: ["sg-d"],
            securityGroupIds: ["sg-e", 7],
            networkInterfaces: [null, { securityGroups: ["sg-f", "sg-a"] }, { subnetId: "x" }],
        });
        assert.deepStrictEqual(securityGroupsOf(r), ["sg-a", "sg-b", "sg-c", "sg-d", "sg-e", "sg-f"]);
        assert.deepStrictEqual(securityGroupsOf(res("t", "none", { networkConfiguration: "sg-a", networkInterfaces: "sg-b" })), []);
    });

    it("names a group by its resource and id, or by its id alone", () => {
        const index = indexPlan([sg("web-sg", "sg-1")]);
        assert.deepStrictEqual([groupName(index, "sg-1"), groupName(index, "sg-9")], ["web-sg (sg-1)", "sg-9"]);
    });

    describe("allows", () => {
        // alb → web on a port: each case gives alb's egress and web's ingress, and the exact verdict.
        const alb = (egress: unknown[]) => sg("alb", "sg-a", { egress });
        const web = (ingress: unknown[]) => sg("web", "sg-w", { ingress });
        const verdict = (plan: PlannedResource[], port: number, from = ["sg-a"], to = ["sg-w"]) => {
            const index = indexPlan(plan);
            return sgAllows(index, securityGroupRules(index, "us-east-1"), from, to, port);
        };
        const toWeb = (protocol: unknown, fromPort: number, toPort: number) => ({ protocol, fromPort, toPort, securityGroups: ["sg-w"] });
        const fromAlb = (protocol: unknown, fromPort: number, toPort: number) => ({ protocol, fromPort, toPort, securityGroups: ["sg-a"] });
        const both = "egress of alb (sg-a) to web (sg-w) on tcp/";

        const cases: [string, PlannedResource[], number, { result: string; reason: string }][] = [
            [
                "a port range, on its lower limit",
                [alb([toWeb("tcp", 8080, 8090)]), web([fromAlb("6", 8080, 8090)])],
                8080,
                { result: "proven", reason: `${both}8080: tcp 8080-8090 to web (sg-w); ingress of web (sg-w) from alb (sg-a) on tcp/8080: 6 8080-8090 from alb (sg-a)` },
            ],
            [
                "a port range, on its upper limit",
                [alb([toWeb("tcp", 8080, 8090)]), web([fromAlb("tcp", 8090, 8090)])],
                8090,
                { result: "proven", reason: `${both}8090: tcp 8080-8090 to web (sg-w); ingress of web (sg-w) from alb (sg-a) on tcp/8090: tcp 8090 from alb (sg-a)` },
            ],
            [
                "one past the range",
                [alb([toWeb("tcp", 8080, 8090)]), web([fromAlb("tcp", 8080, 8090)])],
                8091,
                {
                    result: "broken",
                    reason: `${both}8091: no rule allows it (its rules: tcp 8080-8090 to web (sg-w)); ingress of web (sg-w) from alb (sg-a) on tcp/8091: no rule allows it (its rules: tcp 8080-8090 from alb (sg-a))`,
                },
            ],
            [
                "one below the range, and all traffic on the other side",
                [alb([toWeb("tcp", 8080, 8090)]), web([fromAlb("all", 0, 0)])],
                8079,
                { result: "broken", reason: `${both}8079: no rule allows it (its rules: tcp 8080-8090 to web (sg-w))` },
            ],
            [
                "udp covers no TCP port, and a rule of the wrong peer proves nothing",
                [alb([toWeb("udp", 0, 65535), { protocol: "tcp", fromPort: 443, toPort: 443, securityGroups: ["sg-x"] }]), web([fromAlb("-1", 0, 0), { protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["::/0"] }])],
                443,
                { result: "broken", reason: `${both}443: no rule allows it (its rules: udp 0-65535 to web (sg-w); tcp 443 to sg-x)` },
            ],
            [
                "anywhere, over IPv4 and IPv6",
                [alb([{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }]), web([{ protocol: "all", cidrBlocks: ["::/0"] }])],
                443,
                { result: "proven", reason: `${both}443: tcp 443 to 0.0.0.0/0; ingress of web (sg-w) from alb (sg-a) on tcp/443: all traffic from ::/0` },
            ],
            [
                "another address range covers the peer only if its addresses are in it",
                [alb([{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }]), web([fromAlb("-1", 0, 0)])],
                443,
                { result: "assumed", reason: `${both}443: only tcp 443 to 10.0.0.0/8, which covers the peer only if its addresses are in 10.0.0.0/8` },
            ],
            ["no rules on the egress side", [alb([]), web([fromAlb("-1", 0, 0)])], 443, { result: "broken", reason: `${both}443: no rule allows it (it has no rules)` }],
        ];
        for (const [what, plan, port, expected] of cases) {
            it(what, () => {
                assert.deepStrictEqual(verdict(plan, port), expected);
            });
        }

        it("the worst side decides, and both unproven sides are named", () => {
            const plan = [alb([{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }]), web([])];
            assert.deepStrictEqual(verdict(plan, 443), {
                result: "broken",
                reason: `${both}443: only tcp 443 to 10.0.0.0/8, which covers the peer only if its addresses are in 10.0.0.0/8; ingress of web (sg-w) from alb (sg-a) on tcp/443: no rule allows it (it has no rules)`,
            });
        });

        it("groups the plan does not record: assumed, naming them", () => {
            assert.deepStrictEqual(verdict([alb([toWeb("tcp", 443, 443)])], 443, ["sg-a"], ["sg-w", "sg-e"]), {
                result: "assumed",
                reason: "ingress of sg-w, sg-e from alb (sg-a) on tcp/443: no recorded rule allows it, and the plan cannot see the rules of sg-w, sg-e (made by eks.Cluster or awsx, or existing); they must allow it",
            });
        });

        it("without groups on one side, the VPC's default group applies", () => {
            assert.deepStrictEqual(
                [verdict([], 443, [], ["sg-w"]), verdict([], 443, ["sg-a"], []), verdict([], 443, [], [])],
                [
                    { result: "assumed", reason: "no security groups recorded on the source: the VPC's default group applies, whose rules the plan cannot see" },
                    { result: "assumed", reason: "no security groups recorded on the target: the VPC's default group applies, whose rules the plan cannot see" },
                    { result: "assumed", reason: "no security groups recorded on the source: the VPC's default group applies, whose rules the plan cannot see" },
                ],
            );
        });

        it("egress to anywhere: only a rule to 0.0.0.0/0 or ::/0 proves it", () => {
            const index = indexPlan([alb([{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }]), sg("open", "sg-o", { egress: [{ protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }] })]);
            const rules = securityGroupRules(index, "us-east-1");
            assert.deepStrictEqual(
                [sgEgressAnywhere(index, rules, ["sg-a"], 443), sgEgressAnywhere(index, rules, ["sg-o"], 443)],
                [
                    { result: "assumed", reason: "egress of alb (sg-a) to 0.0.0.0/0 on tcp/443: only tcp 443 to 10.0.0.0/8, which covers the peer only if its addresses are in 10.0.0.0/8" },
                    { result: "proven", reason: "egress of open (sg-o) to 0.0.0.0/0 on tcp/443: all traffic to 0.0.0.0/0" },
                ],
            );
        });
    });
});

describe("start/network: reach, on handmade VPCs", () => {
    const V = "urn:pulumi:t::berth::awsx:ec2:Vpc::v";
    const none = vpc({ natGateways: { strategy: "None" } });
    const open = res(SG, "task-sg", { egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] }, { id: "sg-t" });
    const closed = res(SG, "closed-sg", { egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }] }, { id: "sg-c" });
    const at = (subnets: string[], publicIp = false, securityGroups: string[] = []) => ({ subnets, publicIp, securityGroups });
    const reach = (plan: PlannedResource[], placement: ReturnType<typeof at>, service: AwsService) => networkModel(indexPlan(plan), "us-east-1").reach(placement, service);
    const route = (name: string, table: string, inputs: Record<string, unknown>) => res(ROUTE, name, { routeTableId: table, destinationCidrBlock: "0.0.0.0/0", ...inputs });
    const endpoint = (name: string, service: string, inputs: Record<string, unknown>) => res(ENDPOINT, name, { vpcId: VPC_ID, serviceName: `com.amazonaws.us-east-1.${service}`, ...inputs });
    const noRoute = (subnets: string, what: string, tail: string) =>
        `private subnets ${subnets} of v (natGateways.strategy None) have no route to ${what}: no NAT gateway, no NAT instance route in their route tables${tail}. Fix: set berth:network.nat to "single", "one-per-az" or "instance"`;

    it("a placement without subnets: assumed", () => {
        assert.deepStrictEqual(reach([], at([]), "logs"), {
            result: "assumed",
            route: "none",
            via: [],
            reason: "the workload runs in no subnet the plan records (on-premises hosts or a cluster berth does not build): its network must reach logs (com.amazonaws.us-east-1.logs)",
        });
    });

    // What an existing VPC's subnets need, per service.
    const existing: [AwsService, string][] = [
        ["internet", "a NAT (a default route to a NAT gateway or instance), or public subnets and a public IP to reach the internet (a registry outside AWS)"],
        ["s3", "a NAT, or an S3 gateway endpoint (com.amazonaws.us-east-1.s3) on their route tables to reach s3 (com.amazonaws.us-east-1.s3)"],
        ["ecr.api", "a NAT, or VPC endpoints for ecr.api and ecr.dkr (private DNS on) and the S3 gateway endpoint on their route tables (image layers live in S3) to reach ecr.api (com.amazonaws.us-east-1.ecr.api)"],
        ["secretsmanager", "a NAT, or a VPC endpoint for com.amazonaws.us-east-1.secretsmanager with private DNS on to reach secretsmanager (com.amazonaws.us-east-1.secretsmanager)"],
    ];
    for (const [service, need] of existing) {
        it(`subnets of an existing VPC, for ${service}: assumed, saying what they need`, () => {
            assert.deepStrictEqual(reach([none], at(["subnet-x", "subnet-y"]), service), {
                result: "assumed",
                route: "none",
                via: [],
                reason: `subnets subnet-x, subnet-y are not in a VPC this plan creates (an existing VPC), so their routes are invisible: they need ${need}`,
            });
        });
    }

    it("public subnets with a public IP go out through the internet gateway, if the groups allow egress", () => {
        const plan = [none, open, closed];
        const proven = "public subnets " + `${PUB_A}, ${PUB_B} reach logs (com.amazonaws.us-east-1.logs) through the internet gateway with a public IP`;
        assert.deepStrictEqual(
            [reach(plan, at([PUB_A, PUB_B], true), "logs"), reach(plan, at([PUB_A], true, ["sg-t"]), "logs"), reach(plan, at([PUB_A], true, ["sg-c"]), "logs")],
            [
                { result: "proven", route: "public-ip", via: [V], reason: proven },
                { result: "proven", route: "public-ip", via: [V], reason: proven.replace(`, ${PUB_B}`, "") },
                {
                    result: "assumed",
                    route: "public-ip",
                    via: [V],
                    reason: `${proven.replace(`, ${PUB_B}`, "")}, but egress of closed-sg (sg-c) to 0.0.0.0/0 on tcp/443: only tcp 443 to 10.0.0.0/8, which covers the peer only if its addresses are in 10.0.0.0/8`,
                },
            ],
        );
    });

    it("private subnets of a VPC with awsx NAT gateways reach everything through them", () => {
        assert.deepStrictEqual(reach([vpc({ natGateways: { strategy: "Single" } })], at([PRIV_A]), "internet"), {
            result: "proven",
            route: "nat-gateway",
            via: [V],
            reason: `private subnets ${PRIV_A} reach the internet (a registry outside AWS) through v's NAT gateways (Single)`,
        });
    });

    // A recorded default route in a private subnet's table, by its target.
    const routed: [string, Record<string, unknown>, boolean, string, string][] = [
        ["a NAT gateway", { natGatewayId: "nat-1" }, false, "nat-gateway", "NAT gateway"],
        ["a NAT instance, by its instance", { instanceId: "i-1" }, false, "nat-instance", "NAT instance"],
        ["the internet gateway, with a public IP", { gatewayId: "igw-1" }, true, "public-ip", "internet gateway"],
    ];
    for (const [what, inputs, publicIp, name, via] of routed) {
        it(`private subnets whose default route leads to ${what}`, () => {
            const r = route("r", RTB_PRIV_A, inputs);
            assert.deepStrictEqual(reach([none, r], at([PRIV_A], publicIp), "ecr.api"), {
                result: "proven",
                route: name,
                via: [r.urn],
                reason: `private subnets ${PRIV_A} reach ecr.api (com.amazonaws.us-east-1.ecr.api) through the ${via} that their route tables' default routes lead to (${String(Object.values(inputs)[0] as string)})`,
            });
        });
    }

    it("the internet gateway carries nothing without a public IP, and a NAT without a route reaches nothing", () => {
        const plan = [none, route("r", RTB_PRIV_A, { gatewayId: "igw-1" })];
        assert.deepStrictEqual(
            [reach(plan, at([PRIV_A]), "internet"), reach(plan, at([PRIV_A]), "kms")],
            [
                { result: "broken", route: "none", via: [], reason: noRoute(PRIV_A, "the internet (a registry outside AWS)", "") },
                { result: "broken", route: "none", via: [], reason: noRoute(PRIV_A, "kms (com.amazonaws.us-east-1.kms)", ", and no VPC endpoint for com.amazonaws.us-east-1.kms") },
            ],
        );
    });

    const EXISTING_X =
        "subnets subnet-x are not in a VPC this plan creates (an existing VPC), so their routes are invisible: they need a NAT (a default route to a NAT gateway or instance), or public subnets and a public IP to reach the internet (a registry outside AWS)";

    it("subnets with the same answer share a reason; the worst answer leads, proven ones are left out, routes are named once", () => {
        const rA = route("ra", RTB_PRIV_A, { instanceId: "i-1" });
        const plan = [none, rA];
        assert.deepStrictEqual(reach(plan, at([PRIV_A, PRIV_B, "subnet-x"]), "internet"), {
            result: "broken",
            route: "none",
            via: [rA.urn],
            reason: `${noRoute(PRIV_B, "the internet (a registry outside AWS)", "")}; ${EXISTING_X}`,
        });
        const rB = route("rb", RTB_PRIV_B, { instanceId: "i-1" });
        assert.deepStrictEqual(reach([none, rA, rB], at([PRIV_A, PRIV_B, "subnet-x"]), "internet"), {
            result: "assumed",
            route: "none",
            via: [rA.urn, rB.urn],
            reason: EXISTING_X,
        });
        assert.deepStrictEqual(reach([none, rA, rB], at([PRIV_A, PUB_A], true), "internet"), {
            result: "proven",
            route: "nat-instance",
            via: [rA.urn, V],
            reason: `private subnets ${PRIV_A} reach the internet (a registry outside AWS) through the NAT instance that their route tables' default routes lead to (i-1); public subnets ${PUB_A} reach the internet (a registry outside AWS) through the internet gateway with a public IP`,
        });
    });

    describe("VPC endpoints", () => {
        const epSg = res(SG, "ep-sg", { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, securityGroups: ["sg-t"] }] }, { id: "sg-e" });
        const iface = endpoint("logs-ep", "logs", { vpcEndpointType: "Interface", privateDnsEnabled: true, securityGroupIds: ["sg-e"] });
        const gateway = endpoint("s3-ep", "s3", { vpcEndpointType: "Gateway", routeTableIds: [RTB_PRIV_A] });
        const nat = route("r", RTB_PRIV_A, { instanceId: "i-1" });
        const throughIface = `private subnets ${PRIV_A} reach logs (com.amazonaws.us-east-1.logs) through the interface endpoint logs-ep (private DNS): egress of task-sg (sg-t) to ep-sg (sg-e) on tcp/443: tcp 443 to 0.0.0.0/0; ingress of ep-sg (sg-e) from task-sg (sg-t) on tcp/443: tcp 443 from task-sg (sg-t)`;

        it("an interface endpoint with private DNS is the only path: the workload waits for it", () => {
            assert.deepStrictEqual(reach([none, open, epSg, iface], at([PRIV_A], false, ["sg-t"]), "logs"), { result: "proven", route: "vpc-endpoint", via: [iface.urn], reason: throughIface });
        });

        it("with a NAT too, the workload waits for the NAT's route", () => {
            assert.deepStrictEqual(reach([none, open, epSg, iface, nat], at([PRIV_A], false, ["sg-t"]), "logs"), { result: "proven", route: "vpc-endpoint", via: [nat.urn], reason: throughIface });
        });

        it("an endpoint its groups do not admit: assumed through the endpoint, even with a NAT", () => {
            assert.deepStrictEqual(reach([none, open, iface, nat], at([PRIV_A], false, ["sg-t"]), "logs"), {
                result: "assumed",
                route: "vpc-endpoint",
                via: [iface.urn],
                reason: `private subnets ${PRIV_A} resolve logs (com.amazonaws.us-east-1.logs) to the interface endpoint logs-ep (private DNS), but ingress of sg-e from task-sg (sg-t) on tcp/443: no recorded rule allows it, and the plan cannot see the rules of sg-e (made by eks.Cluster or awsx, or existing); they must allow it`,
            });
        });

        it("both broken: the endpoint's reason, with the route's (empty) via", () => {
            const shut = res(SG, "ep-sg", {}, { id: "sg-e" });
            const r = reach([none, open, shut, iface], at([PRIV_A], false, ["sg-t"]), "logs");
            assert.deepStrictEqual([r.result, r.route, r.via], ["broken", "vpc-endpoint", []]);
        });

        // Endpoints that do not count for private DNS lookups of logs from PRIV_A: the NAT-less subnet stays broken.
        const ignored: [string, PlannedResource][] = [
            ["an interface endpoint without private DNS", endpoint("e", "logs", { vpcEndpointType: "Interface", privateDnsEnabled: "true" })],
            ["an interface endpoint without private DNS, listing the route table", endpoint("e", "logs", { vpcEndpointType: "Interface", routeTableIds: [RTB_PRIV_A] })],
            ["an endpoint without a type (a Gateway, to AWS)", endpoint("e", "logs", { privateDnsEnabled: true })],
            ["another service's endpoint", endpoint("e", "ssm", { vpcEndpointType: "Interface", privateDnsEnabled: true })],
            ["another VPC's endpoint", { ...iface, inputs: { ...iface.inputs, vpcId: "vpc-other" } }],
            ["a gateway endpoint on another route table", endpoint("e", "logs", { vpcEndpointType: "Gateway", routeTableIds: [RTB_PRIV_B] })],
            ["a gateway endpoint without route tables", endpoint("e", "logs", { vpcEndpointType: "Gateway", routeTableIds: RTB_PRIV_A })],
        ];
        for (const [what, ep] of ignored) {
            it(`${what} does not count`, () => {
                assert.deepStrictEqual(reach([none, epSg, ep], at([PRIV_A]), "logs").reason, noRoute(PRIV_A, "logs (com.amazonaws.us-east-1.logs)", ", and no VPC endpoint for com.amazonaws.us-east-1.logs"));
            });
        }

        it("the internet has no endpoint", () => {
            const web = endpoint("e", "internet", { vpcEndpointType: "Gateway", routeTableIds: [RTB_PRIV_A] });
            assert.equal(reach([none, web], at([PRIV_A]), "internet").reason, noRoute(PRIV_A, "the internet (a registry outside AWS)", ""));
        });

        it("a gateway endpoint on the subnet's route table, and the groups' egress it needs", () => {
            const through = `private subnets ${PRIV_A} reach s3 (com.amazonaws.us-east-1.s3) through the gateway endpoint s3-ep on their route tables`;
            assert.deepStrictEqual(
                [reach([none, gateway, open, closed], at([PRIV_A], false, ["sg-t"]), "s3"), reach([none, gateway, open, closed], at([PRIV_A], false, ["sg-c"]), "s3")],
                [
                    { result: "proven", route: "gateway-endpoint", via: [gateway.urn], reason: through },
                    {
                        result: "assumed",
                        route: "gateway-endpoint",
                        via: [gateway.urn],
                        reason: `${through}, but egress of closed-sg (sg-c) to 0.0.0.0/0 on tcp/443: only tcp 443 to 10.0.0.0/8, which covers the peer only if its addresses are in 10.0.0.0/8`,
                    },
                ],
            );
        });
    });

    it("isolated subnets (which awsx makes but the plan's fakes do not): no NAT gateway serves them, and the fix is to move", () => {
        const single = vpc({ natGateways: { strategy: "Single" } });
        const index = indexPlan([single]);
        const [recorded] = recordedVpcs(index, "us-east-1");
        const isolated = { ...recorded, subnets: new Map([...recorded.subnets].map(([id, kind]) => [id, kind === "private" ? ("isolated" as const) : kind])) };
        assert.deepStrictEqual(networkModel(index, "us-east-1", [isolated]).reach(at([PRIV_A]), "internet"), {
            result: "broken",
            route: "none",
            via: [],
            reason: `isolated subnets ${PRIV_A} of v (natGateways.strategy Single) have no route to the internet (a registry outside AWS): no NAT gateway, no NAT instance route in their route tables. Fix: place the workload in the private subnets`,
        });
    });

    it("allows: the security group model's answer", () => {
        assert.deepStrictEqual(networkModel(indexPlan([open]), "us-east-1").allows(["sg-t"], [], 443), {
            result: "assumed",
            reason: "no security groups recorded on the target: the VPC's default group applies, whose rules the plan cannot see",
        });
    });
});
