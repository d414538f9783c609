import { strict as assert } from "assert";
import fc from "fast-check";
import { hpaSpec, networkPolicySpec, prefixPath } from "./manifests";

describe("prefixPath", () => {
    const cases: Array<[string, { path: string; pathType: string }]> = [
        ["/*", { path: "/", pathType: "Prefix" }],
        ["/api/*", { path: "/api", pathType: "Prefix" }],
        ["/health", { path: "/health", pathType: "Exact" }],
    ];
    for (const [pattern, out] of cases) it(`${pattern} -> ${out.pathType} ${out.path}`, () => assert.deepEqual(prefixPath(pattern), out));
    it("keeps every wildcard-free path exact (property)", () => {
        fc.assert(fc.property(fc.stringMatching(/^\/[a-z0-9/-]{0,20}$/), (p) => assert.deepEqual(prefixPath(p), { path: p, pathType: "Exact" })));
    });
});

describe("hpaSpec and networkPolicySpec", () => {
    it("lists only the metrics that have a target", () => {
        const spec = hpaSpec("web", { min: 1, max: 3, memory: 80, scaleDownWindow: 300, scaleUpWindow: 60 });
        assert.deepEqual(spec.metrics, [{ type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 80 } } }]);
    });
    it("admits nothing for a workload without a port, and no load-balancer rule without peers", () => {
        assert.deepEqual(networkPolicySpec({ app: "w" }, undefined, [{ ipBlock: { cidr: "10.0.0.0/16" } }]).ingress, []);
        assert.equal(networkPolicySpec({ app: "w" }, 80, []).ingress.length, 1);
    });
});
