import { strict as assert } from "assert";
import { APP_LABEL, resolveEks, runsOnFargate, selects } from "./spec";
import type { Environment } from "../schema";
import { eksConfig, validateFixture } from "../../tests/harness";

describe("selects", () => {
    const cases: Array<[string, { namespace: string; labels: Record<string, string> }, boolean]> = [
        ["its namespace, no labels", { namespace: "web", labels: {} }, true],
        ["its namespace and its app label", { namespace: "web", labels: { [APP_LABEL]: "web" } }, true],
        ["another namespace", { namespace: "api", labels: {} }, false],
        ["its namespace, another service's app label", { namespace: "web", labels: { [APP_LABEL]: "api" } }, false],
        ["its namespace, a label its pods lack (with its own value)", { namespace: "web", labels: { tier: "web" } }, false],
        ["its namespace, its app label and a label its pods lack", { namespace: "web", labels: { [APP_LABEL]: "web", tier: "front" } }, false],
    ];
    for (const [what, selector, want] of cases) it(`${want ? "takes" : "does not take"} service web's pods for a selector on ${what}`, () => assert.equal(selects(selector, "web"), want));
});

describe("runsOnFargate", () => {
    const fargate = { type: "fargate", selectors: [{ namespace: "web", labels: {} }] };
    it("is true when any one group is a Fargate profile selecting the service, beside node groups", () => {
        assert.equal(runsOnFargate({ nodes: { type: "managed" }, serverless: fargate }, "web", ["web", "api"]), true);
        assert.equal(runsOnFargate({ nodes: { type: "managed" }, serverless: fargate }, "api", ["web", "api"]), false);
    });
    it("takes every service when a Fargate group names no selectors, and none without a Fargate group", () => {
        assert.equal(runsOnFargate({ serverless: { type: "fargate" } }, "api", ["web", "api"]), true);
        assert.equal(runsOnFargate({ nodes: { type: "self-managed", selectors: fargate.selectors } }, "web", ["web"]), false);
    });
});

describe("resolveEks", () => {
    const node = (o: Record<string, unknown> = {}) => ({ type: "managed", instanceTypes: ["t3.medium"], spot: false, minSize: 1, maxSize: 3, desiredSize: 1, rootVolumeGiB: 20, labels: {}, ...o });
    const resolve = (g: Record<string, unknown>, env: Environment) => resolveEks({ nodeGroups: { g } } as never, env, ["web", "api"]).nodeGroups.g;
    const cases: Array<[string, Record<string, unknown>, Environment, ReturnType<typeof node>]> = [
        ["a bare group in dev: one node, up to three", { type: "managed" }, "dev", node()],
        ["a bare group in staging: as dev", { type: "self-managed" }, "staging", node({ type: "self-managed" })],
        ["a bare group in prod: two nodes, so one AZ can fail", { type: "managed" }, "prod", node({ minSize: 2, desiredSize: 2 })],
        ["prod with maxSize 1: the minimum stays within it", { type: "managed", maxSize: 1 }, "prod", node({ minSize: 1, maxSize: 1, desiredSize: 1 })],
        ["a minimum above three: the maximum rises to it", { type: "managed", minSize: 5 }, "dev", node({ minSize: 5, maxSize: 5, desiredSize: 5 })],
        [
            "every key given: kept as given",
            { type: "managed", instanceTypes: ["m7g.large"], spot: true, minSize: 1, maxSize: 6, desiredSize: 4, rootVolumeGiB: 50, labels: { tier: "batch" } },
            "prod",
            node({ instanceTypes: ["m7g.large"], spot: true, maxSize: 6, desiredSize: 4, rootVolumeGiB: 50, labels: { tier: "batch" } }),
        ],
    ];
    for (const [what, g, env, want] of cases) it(`resolves ${what}`, () => assert.deepEqual(resolve(g, env), want));

    it("gives a Fargate group without selectors one per service namespace, and copies configured ones", () => {
        assert.deepEqual(resolve({ type: "fargate" }, "dev"), {
            type: "fargate",
            selectors: [
                { namespace: "web", labels: {} },
                { namespace: "api", labels: {} },
            ],
        });
        const selectors = [{ namespace: "web", labels: { [APP_LABEL]: "web" } }];
        assert.deepEqual(resolve({ type: "fargate", selectors }, "dev"), { type: "fargate", selectors });
    });

    it("reaches the spec: eksConfig's bare managed group in prod", () => {
        const r = validateFixture(eksConfig({ "berth:environment": "prod" }));
        if (!r.ok) assert.fail(r.errors.map((e) => `${e.path}: ${e.allowed}`).join("\n"));
        assert.deepEqual(r.spec.eks.nodeGroups, { general: node({ minSize: 2, desiredSize: 2 }) });
    });
});
