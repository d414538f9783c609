// The report's verdict (plan/report/verdict.ts): the cheapest, fastest and least-operated places and
// what each gives up, over columns written by hand inside each test.
import { strict as assert } from "assert";
import { burden, verdictBlock } from "../plan/report/verdict";
import type { Column, CostFacts, OpsFacts, PlatformFacts } from "../plan/report/types";

const NO_OPS: OpsFacts = { nodes: [], amis: [], helmReleases: [], addons: [], privateEndpoint: false, natInstances: 0 };

function cost(monthly: number, fixed: number, largest: string[] = []): CostFacts {
    return { currency: "USD", priceDate: "2026-12-07", monthly, fixed, usage: monthly - fixed, largest: largest.map((description) => ({ description, monthly: 1 })) };
}

function facts(over: Partial<PlatformFacts> = {}): PlatformFacts {
    return { size: { cloud: 1, components: 0 }, ops: NO_OPS, scaling: { tasks: [], nodes: "none" }, parity: [], ...over };
}

const col = (id: string, f: PlatformFacts, platform = id, mark?: string): Column => ({ id, platform, ok: true, facts: f, ...(mark ? { mark } : {}) });
const refused = (id: string): Column => ({ id, platform: id, ok: false, errors: [{ path: "berth:x", value: 1, allowed: "nothing" }] });
const deploy = (seconds: number) => ({ seconds, path: [] });

describe("the report's verdict", () => {
    it("names the cheapest, the fastest and the least to operate, and what each of them gives up against the others", () => {
        const fargate = col("ecs-fargate", facts({ cost: cost(32.49, 30.23, ["web: 1 task on Fargate Spot (x86)"]), deploy: deploy(495), ops: { ...NO_OPS, amis: ["nat"], natInstances: 1 } }));
        const ec2 = col("ecs-ec2", facts({ cost: cost(89.68, 87.42), deploy: deploy(495), ops: { ...NO_OPS, nodes: ["ec2"], amis: ["ec2", "nat"], natInstances: 1 } }));
        const eks = col(
            "eks-managed",
            facts({
                cost: cost(131.39, 119.73, ["general: 2 × t3.medium on Spot at 30 % of on-demand"]),
                deploy: deploy(1225),
                ops: { ...NO_OPS, controlPlane: "EKS 1.36", nodes: ["general"], helmReleases: ["a"], addons: ["b"] },
                parity: [
                    { service: "web", key: "cpu", status: "differently", note: "" },
                    { service: "web", key: "memory", status: "differently", note: "" },
                    { service: "worker", key: "cpu", status: "differently", note: "" },
                    { service: "worker", key: "cpu", status: "refused", note: "" },
                ],
                start: { can: 1, assumed: 1, cannot: 0, broken: [] },
            }),
        );
        assert.deepEqual(verdictBlock([fargate, ec2, eks, refused("apprunner")]), {
            heading: "In short",
            text: "the report does not choose; it says what each choice costs.",
            items: [
                "Cheapest: ecs-fargate, $32.49 a month, $30.23 of it fixed (what it costs idle).",
                "Fastest to deploy: ecs-fargate and ecs-ec2, 8 min 15 s from nothing.",
                "Least to operate: ecs-fargate, with 1 AMI, 1 NAT instance to keep current.",
                "ecs-fargate gives up: runs on Spot capacity, which AWS can reclaim with two minutes' warning.",
                "ecs-ec2 gives up: costs $57.19 more a month than ecs-fargate; has the team run 1 node group, 2 AMIs, 1 NAT instance, where ecs-fargate has 1 AMI, 1 NAT instance.",
                "apprunner cannot run these services as written: its section names each key to change.",
            ],
        });
        // Alone, EKS wins everything and still gives up what it has on its own.
        assert.deepEqual(verdictBlock([eks]).items.slice(3), [
            "eks-managed gives up: runs on Spot capacity, which AWS can reclaim with two minutes' warning; lands 3 service keys differently than ECS on Fargate (web.cpu, web.memory, worker.cpu); starts 1 workload only on assumptions or not at all.",
        ]);
        // Beside the others, it gives up cost, time and what the team runs too.
        const lost = verdictBlock([fargate, ec2, eks]);
        assert.equal(lost.items.length, 5);
        assert.deepEqual(verdictBlock([eks, fargate]).items.slice(3), ["ecs-fargate gives up: runs on Spot capacity, which AWS can reclaim with two minutes' warning."]);
    });

    it("says what a winner gives up when another wins elsewhere: dollars, minutes and burden, each against its winner", () => {
        const cheapSlow = col("cheap", facts({ cost: cost(10, 10), deploy: deploy(600), ops: { ...NO_OPS, nodes: ["n"] } }));
        const fastDear = col("fast", facts({ cost: cost(40, 30), deploy: deploy(120), ops: { ...NO_OPS, nodes: ["n"], amis: ["a"] } }));
        const light = col("light", facts({ cost: cost(25, 25), deploy: deploy(300) }), "light", "closed to new customers");
        assert.deepEqual(verdictBlock([cheapSlow, fastDear, light]).items, [
            "Cheapest: cheap, $10.00 a month, $10.00 of it fixed (what it costs idle).",
            "Fastest to deploy: fast, 2 min from nothing.",
            "Least to operate: light, with none to keep current.",
            "cheap gives up: takes 8 min longer to deploy than fast; has the team run 1 node group, where light has none.",
            "fast gives up: costs $30.00 more a month than cheap; has the team run 1 node group, 1 AMI, where light has none.",
            "light gives up: costs $15.00 more a month than cheap; takes 3 min longer to deploy than fast; closed to new customers.",
        ]);
    });

    it("leaves a platform whose cluster's cost is unknown out of the cheapest, and says so; one left out of several is named with the rest", () => {
        const k8s = col("kubernetes", facts({ cost: cost(1, 1), deploy: deploy(60) }));
        const fargate = col("ecs-fargate", facts({ cost: cost(30, 30), deploy: deploy(495), ops: { ...NO_OPS, natInstances: 1 } }));
        const items = verdictBlock([fargate, k8s, refused("a"), refused("b"), refused("c")]).items;
        assert.deepEqual(items, [
            "Cheapest: ecs-fargate, $30.00 a month, $30.00 of it fixed (what it costs idle); kubernetes left out, its cluster's cost unknown.",
            "Fastest to deploy: kubernetes, 1 min from nothing.",
            "Least to operate: kubernetes, with none to keep current.",
            "ecs-fargate gives up: takes 7 min 15 s longer to deploy than kubernetes; has the team run 1 NAT instance, where kubernetes has none.",
            "kubernetes gives up: nothing the report measures.",
            "a, b and c cannot run these services as written: their sections name each key to change.",
        ]);
    });

    it("counts keys and workloads: one key in the singular, more than three cut short, assumed and unstartable workloads summed", () => {
        const parity = (keys: string[]) => keys.map((key) => ({ service: "web", key, status: "differently" as const, note: "" }));
        const gives = (f: Partial<PlatformFacts>) => verdictBlock([col("p", facts(f))]).items[1];
        assert.equal(gives({ parity: parity(["cpu"]) }), "p gives up: lands 1 service key differently than ECS on Fargate (web.cpu).");
        assert.equal(gives({ parity: parity(["a", "b", "c"]) }), "p gives up: lands 3 service keys differently than ECS on Fargate (web.a, web.b, web.c).");
        assert.equal(gives({ parity: parity(["a", "b", "c", "d"]) }), "p gives up: lands 4 service keys differently than ECS on Fargate (web.a, web.b, web.c, …).");
        assert.equal(gives({ start: { can: 0, assumed: 0, cannot: 1, broken: ["w: iam"] } }), "p gives up: starts 1 workload only on assumptions or not at all.");
        assert.equal(gives({ start: { can: 0, assumed: 2, cannot: 1, broken: ["w: iam"] } }), "p gives up: starts 3 workloads only on assumptions or not at all.");
        assert.equal(gives({ start: { can: 4, assumed: 0, cannot: 0, broken: [] } }), "p gives up: nothing the report measures.");
    });

    it("says when the services run nowhere, and leaves out what no column estimates", () => {
        assert.deepEqual(verdictBlock([refused("a")]), {
            heading: "In short",
            text: "the services run on none of these platforms as written.",
            items: ["a cannot run these services as written: its section names each key to change."],
        });
        assert.deepEqual(verdictBlock([col("p", facts())]).items, ["Least to operate: p, with none to keep current.", "p gives up: nothing the report measures."]);
    });

    it("ranks what a team keeps current heaviest first: a control plane outweighs any number of node groups, AMIs or NAT instances", () => {
        assert.deepEqual(burden(NO_OPS), [0, 0, 0, 0, 0, 0]);
        assert.deepEqual(burden({ controlPlane: "EKS", nodes: ["a", "b"], helmReleases: ["h"], addons: ["x", "y"], amis: ["m"], natInstances: 2, privateEndpoint: true }), [1, 2, 3, 1, 2, 1]);
        const plane = col("plane", facts({ ops: { ...NO_OPS, controlPlane: "EKS" } }));
        const many = col("many", facts({ ops: { ...NO_OPS, nodes: ["a", "b", "c"], amis: ["1", "2", "3"], natInstances: 3, privateEndpoint: true } }));
        assert.equal(verdictBlock([plane, many]).items[0], "Least to operate: many, with 3 node groups, 3 AMIs, private API, 3 NAT instances to keep current.");
        const endpoint = col("endpoint", facts({ ops: { ...NO_OPS, privateEndpoint: true } }));
        const nat = col("nat", facts({ ops: { ...NO_OPS, natInstances: 1 } }));
        assert.equal(verdictBlock([nat, endpoint]).items[0], "Least to operate: endpoint, with private API to keep current.");
    });
});
