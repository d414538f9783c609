// What the report says, as text (plan/report/outline.ts): money, durations, the summary table and
// each platform's blocks, over facts written by hand inside each test.
import { strict as assert } from "assert";
import { columnBlocks, duration, money, SLOW_STEP_SECONDS, summaryTable } from "../plan/report/outline";
import type { Column, DeployStep, PlatformFacts } from "../plan/report/types";

/** The facts of a platform with nothing on it, and `over` on top. */
function facts(over: Partial<PlatformFacts> = {}): PlatformFacts {
    return { size: { cloud: 0, components: 0 }, ops: { nodes: [], amis: [], helmReleases: [], addons: [], privateEndpoint: false, natInstances: 0 }, scaling: { tasks: [], nodes: "none recorded" }, parity: [], ...over };
}
const planned = (f: PlatformFacts): Column => ({ id: "p", platform: "p", ok: true, facts: f });
const block = (f: PlatformFacts, heading: string) => columnBlocks(planned(f)).find((b) => b.heading === heading);
const step = (name: string, type: string, seconds: number): DeployStep => ({ name, type, seconds });

describe("the report's money and durations", () => {
    it("prints dollars before the amount and any other currency after it, to the cent", () => {
        assert.equal(money(3.5, "USD"), "$3.50");
        assert.equal(money(1234.567, "EUR"), "1234.57 EUR");
    });

    it("prints seconds under a minute, then minutes and the seconds left, rounded", () => {
        assert.deepEqual([0, 59.4, 59.5, 60, 61, 125, 3600].map(duration), ["0 s", "59 s", "1 min", "1 min", "1 min 1 s", "2 min 5 s", "60 min"]);
    });
});

describe("the report's deploy-time block", () => {
    it("names each slow step with its typical creation time, in path order, and sums the quicker ones by kind", () => {
        const path = [
            step("role", "aws:iam/role:Role", 5),
            step("net-vpc", "awsx:ec2:Vpc", 120),
            step("sg", "aws:ec2/securityGroup:SecurityGroup", 5),
            step("edge", "aws:ec2/instance:Instance", SLOW_STEP_SECONDS),
            step("attach", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", 29),
            step("svc", "kubernetes:core/v1:Service", 5),
            step("role2", "aws:iam/role:Role", 5),
            step("eks", "eks:index:Cluster", 540),
        ];
        assert.deepEqual(block(facts({ deploy: { seconds: 734, path } }), "Deploy time"), {
            heading: "Deploy time",
            text: "12 min 14 s from nothing: a critical path of 8 steps, each waiting for the one before; typical creation times:",
            items: ["net-vpc (awsx:ec2:Vpc): 120 s", "edge (aws:ec2/instance:Instance): 30 s", "eks (eks:index:Cluster): 540 s", "5 quicker steps (iam/role, ec2/securityGroup, iam/rolePolicyAttachment…) totalling 49 s"],
        });
    });

    it("names every kind when there are three or fewer, says one step in the singular, and totals past a minute in minutes", () => {
        const quick = [step("a", "aws:iam/role:Role", 20), step("b", "kubernetes:core/v1:Service", 25), step("c", "aws:iam/role:Role", 20)];
        assert.deepEqual(block(facts({ deploy: { seconds: 65, path: quick } }), "Deploy time")?.items, ["3 quicker steps (iam/role, Service) totalling 1 min 5 s"]);
        assert.deepEqual(block(facts({ deploy: { seconds: 185, path: [step("lb", "aws:lb/loadBalancer:LoadBalancer", 180), step("l", "aws:lb/listener:Listener", 5)] } }), "Deploy time"), {
            heading: "Deploy time",
            text: "3 min 5 s from nothing: a critical path of 2 steps, each waiting for the one before; typical creation times:",
            items: ["lb (aws:lb/loadBalancer:LoadBalancer): 180 s", "1 quicker step (lb/listener) totalling 5 s"],
        });
        const kinds = [step("a", "aws:a/a:A", 1), step("b", "aws:b/b:B", 1), step("c", "k:c", 1)];
        assert.deepEqual(block(facts({ deploy: { seconds: 3, path: kinds } }), "Deploy time")?.items, ["3 quicker steps (a/a, b/b, c) totalling 3 s"]);
    });

    it("lists only slow steps when every step is slow, says when nothing is created, and when the plan has no estimate", () => {
        assert.deepEqual(block(facts({ deploy: { seconds: 540, path: [step("eks", "eks:index:Cluster", 540)] } }), "Deploy time")?.items, ["eks (eks:index:Cluster): 540 s"]);
        assert.deepEqual(block(facts({ deploy: { seconds: 0, path: [] } }), "Deploy time"), { heading: "Deploy time", text: "0 s from nothing: nothing to create", items: [] });
        assert.deepEqual(block(facts(), "Deploy time"), { heading: "Deploy time", text: "not estimated", items: [] });
    });
});

describe("the report's other blocks", () => {
    it("gives every block of a platform with nothing on it, in order", () => {
        assert.deepEqual(columnBlocks(planned(facts())), [
            { heading: "Cost", text: "not estimated: the plan carries no cost estimate", items: [] },
            { heading: "Deploy time", text: "not estimated", items: [] },
            { heading: "Size", text: "0 cloud resources, 0 components", items: [] },
            { heading: "Policy", text: "not checked", items: [] },
            { heading: "Start paths", text: "not analysed", items: [] },
            {
                heading: "What the team operates",
                text: "",
                items: ["Nodes: none", "AMIs to patch: none", "Control plane: none the team upgrades", "Helm releases (0): none", "EKS add-ons (0): none", "NAT instances: 0"],
            },
            { heading: "Scaling", text: "", items: ["Nodes: none recorded"] },
            { heading: "Parity", text: "every key as on ECS on Fargate", items: [] },
        ]);
    });

    it("lists what the team operates, the broken start paths, each service's scaling and the parity differences", () => {
        const f = facts({
            size: { cloud: 1, components: 1 },
            start: { can: 1, assumed: 0, cannot: 2, broken: ["a: image", "b: logs"] },
            policy: { passed: 4, mandatory: 1, advisory: 0 },
            ops: { nodes: ["n1", "n2"], amis: ["a1", "a2"], controlPlane: "EKS 1.36", helmReleases: ["h1", "h2"], addons: ["c1", "c2"], privateEndpoint: true, natInstances: 2 },
            scaling: { tasks: ["HPA web 1-4", "worker fixed at 1 pod(s)"], nodes: "Karpenter adds and removes nodes" },
            parity: [{ service: "web", key: "cpu", status: "differently", note: "millicores" }] as never,
        });
        const blocks = columnBlocks(planned(f));
        assert.deepEqual(
            blocks.map((b) => [b.heading, b.text, ...b.items]),
            [
                ["Cost", "not estimated: the plan carries no cost estimate"],
                ["Deploy time", "not estimated"],
                ["Size", "1 cloud resource, 1 component"],
                ["Policy", "4 passed; 1 mandatory and 0 advisory violations"],
                ["Start paths", "1 can start, 0 on assumptions, 2 cannot", "cannot start: a: image", "cannot start: b: logs"],
                [
                    "What the team operates",
                    "",
                    "Nodes: n1, n2",
                    "AMIs to patch: a1; a2",
                    "Control plane: EKS 1.36; a new minor version about every 4 months, each in standard support for 14 months, so an upgrade at least once a year [EKS]",
                    "Helm releases (2): h1, h2",
                    "EKS add-ons (2): c1, c2",
                    "Private API endpoint: pulumi up and kubectl need a network path into the VPC",
                    "NAT instances: 2",
                ],
                ["Scaling", "", "Tasks or pods: HPA web 1-4", "Tasks or pods: worker fixed at 1 pod(s)", "Nodes: Karpenter adds and removes nodes"],
                ["Parity", "what lands differently than on ECS on Fargate:", "web.cpu (differently): millicores"],
            ],
        );
    });

    it("prices the largest lines in the plan's currency", () => {
        const cost = { currency: "EUR", priceDate: "2026-01-02", monthly: 10, fixed: 7, usage: 3, largest: [{ description: "a", monthly: 6 }] };
        assert.deepEqual(block(facts({ cost }), "Cost"), { heading: "Cost", text: "10.00 EUR a month: 7.00 EUR fixed, 3.00 EUR usage (prices of 2026-01-02). The largest lines:", items: ["a: 6.00 EUR"] });
    });

    it("says why the services cannot run on a platform, one config error a line", () => {
        const refused: Column = { id: "r", platform: "r", ok: false, errors: [{ path: "berth:x", value: 1, allowed: "2" }] };
        assert.deepEqual(columnBlocks(refused), [{ heading: "Cannot run here", text: "the services' config, moved here, does not validate:", items: ["berth:x is 1; expected 2"] }]);
    });
});

describe("the report's summary table", () => {
    it("has a row per platform: the facts in a few words, or why it cannot run there", () => {
        const f = facts({
            cost: { currency: "USD", priceDate: "d", monthly: 12, fixed: 10, usage: 2, largest: [] },
            deploy: { seconds: 61, path: [] },
            size: { cloud: 3, components: 1 },
            policy: { passed: 2, mandatory: 1, advisory: 3 },
            start: { can: 1, assumed: 2, cannot: 0, broken: [] },
        });
        const refused = (n: number): Column => ({ id: "r", platform: "r", ok: false, errors: Array.from({ length: n }, () => ({ path: "p", value: 1, allowed: "2" })) });
        assert.deepEqual(summaryTable({ stack: "s", sources: [], columns: [planned(f), planned(facts()), refused(1), refused(2)] }), {
            head: ["platform", "monthly", "deploy time", "resources", "policy", "start paths", "ops burden"],
            rows: [
                ["p", "$12.00 (fixed $10.00)", "1 min 1 s", "3 cloud + 1 component", "2 passed, 1 mandatory, 3 advisory", "1 can start, 2 on assumptions, 0 cannot", "none"],
                ["p", "not estimated", "not estimated", "0 cloud + 0 components", "—", "—", "none"],
                ["r", "cannot run here (1 config error)", "—", "—", "—", "—", "—"],
                ["r", "cannot run here (2 config errors)", "—", "—", "—", "—", "—"],
            ],
        });
    });
});
