// GIVEN small handmade dependency graphs at their edges (ties, cycles, dependencies outside the
// plan, parents and grandparents, remote components), WHEN the deploy time is estimated, THEN the
// critical path and its seconds are exact, and the first of equal branches is the one named.
import { strict as assert } from "node:assert";
import { creationSeconds, estimateDeployTime } from "../cost/deploy-time";
import { CREATION_SECONDS, DEFAULT_CREATION_SECONDS } from "../cost/deploy-times";
import { ASG, LB, NAT, PROFILE, ROLE, SERVICE, urnOf as urn } from "./cost-context";
import { res } from "./handmade-plans";

const seconds = (type: string) => CREATION_SECONDS[type].seconds;

describe("cost units: a resource's own creation time", () => {
    it("eks node groups are timed as Auto Scaling groups; berth components take none; the rest their figure or the default", () => {
        assert.equal(creationSeconds({ type: "eks:index:NodeGroupV2", component: true }), seconds(ASG));
        assert.equal(creationSeconds({ type: "eks:index:NodeGroup", component: true }), seconds(ASG));
        assert.equal(creationSeconds({ type: "berth:ecs:EcsService", component: true }), 0);
        assert.equal(creationSeconds({ type: "berth:ecs:EcsService", component: false }), DEFAULT_CREATION_SECONDS);
        assert.equal(creationSeconds({ type: "awsx:lb:ApplicationLoadBalancer", component: true }), DEFAULT_CREATION_SECONDS);
        assert.equal(creationSeconds({ type: "x:berth:Thing", component: true }), DEFAULT_CREATION_SECONDS);
        assert.equal(creationSeconds({ type: ROLE, component: false }), DEFAULT_CREATION_SECONDS);
        assert.equal(creationSeconds({ type: LB, component: false }), seconds(LB));
        assert.equal(creationSeconds({ type: "toString", component: false }), DEFAULT_CREATION_SECONDS);
    });
});

describe("cost units: the critical path at its edges", () => {
    it("of two equal branches, the first in plan order is the path; a longer later one wins", () => {
        const equal = estimateDeployTime([res(LB, "a", {}), res(SERVICE, "b", {})]);
        assert.deepStrictEqual(equal, { criticalPathSeconds: seconds(LB), path: [urn(LB, "a")] });
        const later = estimateDeployTime([res(ROLE, "a", {}), res(LB, "b", {})]);
        assert.deepStrictEqual(later, { criticalPathSeconds: seconds(LB), path: [urn(LB, "b")] });
    });

    it("of two equal dependencies, the first is the cause; of unequal ones, the longer, wherever it is", () => {
        const tie = estimateDeployTime([res(LB, "a", {}), res(SERVICE, "b", {}), res(ROLE, "c", {}, { dependencies: [urn(LB, "a"), urn(SERVICE, "b")] })]);
        assert.deepStrictEqual(tie, { criticalPathSeconds: seconds(LB) + DEFAULT_CREATION_SECONDS, path: [urn(LB, "a"), urn(ROLE, "c")] });
        const longerLast = estimateDeployTime([res(ROLE, "a", {}), res(LB, "b", {}), res(ROLE, "c", {}, { dependencies: [urn(ROLE, "a"), urn(LB, "b")] })]);
        assert.deepStrictEqual(longerLast, { criticalPathSeconds: seconds(LB) + DEFAULT_CREATION_SECONDS, path: [urn(LB, "b"), urn(ROLE, "c")] });
        const longerFirst = estimateDeployTime([res(LB, "a", {}), res(ROLE, "b", {}), res(ROLE, "c", {}, { dependencies: [urn(LB, "a"), urn(ROLE, "b")] })]);
        assert.deepStrictEqual(longerFirst, { criticalPathSeconds: seconds(LB) + DEFAULT_CREATION_SECONDS, path: [urn(LB, "a"), urn(ROLE, "c")] });
    });

    it("a dependency outside the plan, or on itself, is ignored", () => {
        const t = estimateDeployTime([res(ROLE, "r", {}, { dependencies: [urn(LB, "elsewhere"), urn(ROLE, "r")], parent: urn("berth:x:Gone", "gone") })]);
        assert.deepStrictEqual(t, { criticalPathSeconds: DEFAULT_CREATION_SECONDS, path: [urn(ROLE, "r")] });
    });

    it("a cycle (which the engine refuses) ends, counting each of its resources once", () => {
        const a = res(ROLE, "a", {}, { dependencies: [urn(ROLE, "b")] });
        const b = res(ROLE, "b", {}, { dependencies: [urn(ROLE, "a")] });
        assert.deepStrictEqual(estimateDeployTime([a, b]), { criticalPathSeconds: 2 * DEFAULT_CREATION_SECONDS, path: [b.urn, a.urn] });
    });

    it("a child waits for its grandparent's dependencies too", () => {
        const outer = res("berth:x:Outer", "outer", {}, { component: true, dependencies: [urn(LB, "lb")] });
        const inner = res("berth:x:Inner", "inner", {}, { component: true, parent: outer.urn });
        const leaf = res(ROLE, "leaf", {}, { parent: inner.urn });
        const t = estimateDeployTime([res(LB, "lb", {}), outer, inner, leaf]);
        assert.deepStrictEqual(t, { criticalPathSeconds: seconds(LB) + DEFAULT_CREATION_SECONDS, path: [urn(LB, "lb"), leaf.urn] });
    });

    it("depending on a berth component waits for its slowest child, the first of equal ones", () => {
        const group = res("berth:x:Group", "g", {}, { component: true });
        const kids = [res(LB, "k1", {}, { parent: group.urn }), res(SERVICE, "k2", {}, { parent: group.urn }), res(ROLE, "k3", {}, { parent: group.urn })];
        const after = res(ROLE, "after", {}, { dependencies: [group.urn] });
        const t = estimateDeployTime([group, ...kids, after]);
        assert.deepStrictEqual(t, { criticalPathSeconds: seconds(LB) + DEFAULT_CREATION_SECONDS, path: [kids[0].urn, after.urn] });
    });

    it("depending on a resource that is not a berth component waits for it alone, not for its children", () => {
        const vpc = res("awsx:ec2:Vpc", "vpc", {}, { component: true });
        const nat = res(NAT, "nat", {}, { parent: vpc.urn });
        const slow = res(LB, "slow", {}, { parent: urn(ROLE, "plain") });
        const plain = res(ROLE, "plain", {});
        const t = estimateDeployTime([vpc, nat, plain, slow, res(ROLE, "after-vpc", {}, { dependencies: [vpc.urn] }), res(ROLE, "after-plain", {}, { dependencies: [plain.urn] })]);
        assert.deepStrictEqual(t, { criticalPathSeconds: seconds(LB), path: [slow.urn] });
    });

    it("a plan of berth components only takes no time and has no path", () => {
        const group = res("berth:x:Group", "g", {}, { component: true });
        const inner = res("berth:x:Inner", "i", {}, { component: true, parent: group.urn });
        assert.deepStrictEqual(estimateDeployTime([group, inner]), { criticalPathSeconds: 0, path: [] });
    });

    it("Fargate profiles are serial per cluster, read from clusterName, else cluster, else all together", () => {
        const byCluster = estimateDeployTime([res(PROFILE, "a", { cluster: "c1" }), res(PROFILE, "b", { cluster: "c1" }), res(PROFILE, "c", { cluster: "c2" })]);
        assert.deepStrictEqual(byCluster, { criticalPathSeconds: 2 * seconds(PROFILE), path: [urn(PROFILE, "a"), urn(PROFILE, "b")] });
        const named = estimateDeployTime([res(PROFILE, "a", { clusterName: "c1", cluster: "x" }), res(PROFILE, "b", { clusterName: "c2", cluster: "x" })]);
        assert.equal(named.criticalPathSeconds, seconds(PROFILE));
        const none = estimateDeployTime([res(PROFILE, "a", {}), res(PROFILE, "b", {})]);
        assert.deepStrictEqual(none, { criticalPathSeconds: 2 * seconds(PROFILE), path: [urn(PROFILE, "a"), urn(PROFILE, "b")] });
        const other = estimateDeployTime([res(LB, "a", { clusterName: "c1" }), res(LB, "b", { clusterName: "c1" })]);
        assert.equal(other.criticalPathSeconds, seconds(LB));
    });
});
