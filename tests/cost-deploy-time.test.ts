// GIVEN small handmade dependency graphs, WHEN the deploy time is estimated, THEN it is the longest
// chain of creation times (cost/deploy-times.ts): parallel branches overlap, a child waits for its
// component's dependencies, and one cluster's Fargate profiles are created one at a time.
import { strict as assert } from "node:assert";
import { estimateDeployTime } from "../cost";
import { CREATION_SECONDS, DEFAULT_CREATION_SECONDS } from "../cost/deploy-times";
import { LB, NAT, PROFILE, ROLE, SERVICE, urnOf as urn } from "./cost-context";
import { res } from "./handmade-plans";

const seconds = (type: string) => CREATION_SECONDS[type].seconds;

describe("deploy time: the critical path", () => {
    it("parallel branches overlap: the longer one is the path", () => {
        const resources = [res(ROLE, "role", {}), res(LB, "lb", {}, { dependencies: [urn(ROLE, "role")] }), res(NAT, "nat", {}), res(SERVICE, "svc", {}, { dependencies: [urn(LB, "lb"), urn(NAT, "nat")] })];
        const t = estimateDeployTime(resources);
        assert.equal(t.criticalPathSeconds, DEFAULT_CREATION_SECONDS + seconds(LB) + seconds(SERVICE));
        assert.deepEqual(t.path, [urn(ROLE, "role"), urn(LB, "lb"), urn(SERVICE, "svc")]);
    });

    it("a child waits for its component's dependencies; the component itself takes no time and is not on the path", () => {
        const component = res("berth:ecs:EcsService", "web", {}, { component: true, dependencies: [urn(NAT, "nat")] });
        const child = res(SERVICE, "web-service", {}, { parent: component.urn });
        const t = estimateDeployTime([res(NAT, "nat", {}), component, child]);
        assert.equal(t.criticalPathSeconds, seconds(NAT) + seconds(SERVICE));
        assert.deepEqual(t.path, [urn(NAT, "nat"), child.urn]);
    });

    it("depending on a berth component waits for all its children", () => {
        const group = res("berth:loadbalancer:AppLoadBalancer", "alb", {}, { component: true });
        const lb = res(LB, "alb-lb", {}, { parent: group.urn });
        const svc = res(SERVICE, "svc", {}, { dependencies: [group.urn] });
        const t = estimateDeployTime([group, lb, svc]);
        assert.equal(t.criticalPathSeconds, seconds(LB) + seconds(SERVICE));
        assert.deepEqual(t.path, [lb.urn, svc.urn]);
    });

    it("one cluster's Fargate profiles are created one at a time; another cluster's alongside", () => {
        const profile = (name: string, cluster: string) => res(PROFILE, name, { clusterName: cluster });
        const one = estimateDeployTime([profile("a", "c1"), profile("b", "c1"), profile("c", "c1")]);
        assert.equal(one.criticalPathSeconds, 3 * seconds(PROFILE));
        assert.deepEqual(one.path, [urn(PROFILE, "a"), urn(PROFILE, "b"), urn(PROFILE, "c")]);
        assert.equal(estimateDeployTime([profile("a", "c1"), profile("b", "c2")]).criticalPathSeconds, seconds(PROFILE));
    });

    it("remote components take their own figure; an empty plan takes none", () => {
        const t = estimateDeployTime([res("eks:index:Cluster", "eks", {}, { component: true }), res("eks:index:ManagedNodeGroup", "ng", {}, { component: true, dependencies: [urn("eks:index:Cluster", "eks")] })]);
        assert.equal(t.criticalPathSeconds, seconds("eks:index:Cluster") + seconds("eks:index:ManagedNodeGroup"));
        assert.equal(t.path.length, 2);
        assert.deepEqual(estimateDeployTime([]), { criticalPathSeconds: 0, path: [] });
    });
});
