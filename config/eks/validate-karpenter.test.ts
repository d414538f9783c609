// The karpenter node group type: its keys, the managed group it needs beside it, the platforms it
// is built on, its defaults, and the warning that asks for it.
import { strict as assert } from "assert";
import { kubernetesWarnings } from "./validate";
import { hasNodes, resolveEks, runsOnFargate } from "./spec";
import { eksConfig, kubernetesConfig, validateFixture } from "../../tests/harness";

type Json = Record<string, unknown>;
const groups = (g: Json) => ({ "berth:eks": { nodeGroups: g } });
const BURST = { type: "karpenter" };
const BESIDE = "managed, self-managed or fargate, unless a managed group sits beside it: Karpenter's controller runs on a managed group (the system pool), never on the nodes it adds and removes";
const NO_FLOOR = "nothing on a karpenter group: Karpenter adds nodes for pending pods and removes empty or underused ones, with maxSize as its cap; keep a floor in a managed group";

describe("karpenter node groups: every error of a case, exactly", () => {
    const cases: Array<[string, Json, Array<[string, unknown, string]>]> = [
        ["beside the managed group", eksConfig(groups({ burst: { ...BURST, instanceTypes: ["m7i.large", "m7g.large"], spot: true, maxSize: 10, rootVolumeGiB: 50, labels: { pool: "burst" } } })), []],
        ["an AMI release pinning Karpenter's nodes", eksConfig({ "berth:eks": { amiRelease: "v20260901", nodeGroups: { burst: BURST } } }), []],
        ["two karpenter groups beside the managed group", eksConfig(groups({ burst: BURST, batch: { ...BURST, spot: true } })), []],
        ["beside a self-managed group only", eksConfig(groups({ general: { type: "self-managed" }, burst: BURST })), [["berth:eks.nodeGroups.burst.type", "karpenter", BESIDE]]],
        [
            "beside Fargate only, twice",
            eksConfig(groups({ general: { type: "fargate" }, burst: BURST, batch: BURST })),
            [
                ["berth:eks.nodeGroups.burst.type", "karpenter", BESIDE],
                ["berth:eks.nodeGroups.batch.type", "karpenter", BESIDE],
            ],
        ],
        ["alone", eksConfig(groups({ general: BURST })), [["berth:eks.nodeGroups.general.type", "karpenter", BESIDE]]],
        [
            "with a floor and a target",
            eksConfig(groups({ burst: { ...BURST, minSize: 1, desiredSize: 2 } })),
            [
                ["berth:eks.nodeGroups.burst.minSize", 1, NO_FLOOR],
                ["berth:eks.nodeGroups.burst.desiredSize", 2, NO_FLOOR],
            ],
        ],
        [
            "with Fargate selectors",
            eksConfig(groups({ burst: { ...BURST, selectors: [{ namespace: "web" }] } })),
            [["berth:eks.nodeGroups.burst.selectors", [{ namespace: "web", labels: {} }], "nothing on a karpenter group: selectors choose the pods of a fargate group"]],
        ],
        [
            "on platform kubernetes",
            kubernetesConfig(groups({ burst: BURST })),
            [
                ["berth:eks", { nodeGroups: { burst: BURST } }, "nothing on platform kubernetes: this key configures eks"],
                [
                    "berth:eks.nodeGroups.burst.type",
                    "karpenter",
                    "nothing on platform kubernetes: Karpenter needs IAM roles, an SQS queue and EC2 launches, and berth creates nothing in AWS on platform kubernetes; install your cluster's own node autoscaler",
                ],
            ],
        ],
        [
            "a service named karpenter on eks",
            eksConfig({ "berth:services": { web: null, karpenter: { image: "nginx", port: 8080, public: true } } }),
            [["berth:services.karpenter", "karpenter", "a service name other than lb-controller, storage-ebs-csi, storage-efs-csi, fsx-fsx-csi, fsx-trident, karpenter, which name berth's own controllers on eks"]],
        ],
    ];
    for (const [what, config, expected] of cases) {
        it(`${what}: ${expected.length ? expected.map(([p]) => p).join(", ") : "accepted"}`, () => {
            const r = validateFixture(config);
            assert.deepEqual(r.ok ? [] : r.errors.map((e) => [e.path, e.value, e.allowed]), expected);
        });
    }

    it("refuses an AMI release that is not a release tag, latest included", () => {
        for (const amiRelease of ["latest", "20260520", "v2026052", "v202605201"]) {
            const r = validateFixture(eksConfig({ "berth:eks": { amiRelease, nodeGroups: { burst: BURST } } }));
            assert.deepEqual(r.ok ? [] : r.errors.map((e) => [e.path, e.value]), [["berth:eks.amiRelease", amiRelease]], amiRelease);
        }
    });
});

describe("karpenter node groups: the spec", () => {
    it("defaults to on-demand t3.medium, three nodes at most, 20 GiB, no labels, on the cluster's pinned AMI release", () => {
        const spec = resolveEks({ nodeGroups: { burst: { type: "karpenter" } } } as never, "prod", ["web"]);
        assert.deepEqual(spec.nodeGroups.burst, { type: "karpenter", instanceTypes: ["t3.medium"], spot: false, maxSize: 3, rootVolumeGiB: 20, labels: {} });
        assert.equal(spec.amiRelease, "v20260714");
    });

    it("keeps what the group says", () => {
        const g = { type: "karpenter", instanceTypes: ["m7g.large"], spot: true, maxSize: 9, rootVolumeGiB: 40, labels: { pool: "burst" } } as const;
        assert.deepEqual(resolveEks({ nodeGroups: { burst: g } } as never, "dev", ["web"]).nodeGroups.burst, g);
    });

    it("counts as nodes: services are not placed on Fargate by it", () => {
        assert.equal(hasNodes({ burst: { type: "karpenter" } }), true);
        assert.equal(runsOnFargate({ burst: { type: "karpenter" } }, "web", ["web"]), false);
    });
});

describe("the warning that asks for a karpenter group", () => {
    type Spec = Parameters<typeof kubernetesWarnings>[0];
    const scaled = { web: { name: "web", scaling: { min: 1, max: 6 } }, api: { name: "api", scaling: { min: 1, max: 6 } }, db: { name: "db" } };
    const spec = (nodeGroups: Json, services: Json = scaled): Spec => ({ platform: "eks", eks: { version: "1.36", upgradePolicy: "STANDARD", publicAccessCidrs: ["198.51.100.0/24"], nodeGroups } as never, services: services as never });
    const notices = (s: Spec) => kubernetesWarnings(s).filter((w) => w.path === "berth:eks.nodeGroups");

    it("warns when scaled services run on EC2 nodes that nothing adds to, naming them", () => {
        assert.deepEqual(notices(spec({ general: { type: "managed" } })), [
            {
                code: "node-scaling",
                path: "berth:eks.nodeGroups",
                message: 'web, api scale out with a HorizontalPodAutoscaler, but nothing adds nodes: pods beyond today\'s nodes stay Pending; add a karpenter node group (docs/eks.md, "Node autoscaling: Karpenter")',
            },
        ]);
        assert.match(notices(spec({ general: { type: "self-managed" } }, { web: scaled.web }))[0].message, /^web scales out with/);
    });

    it("is silent with a karpenter group, without scaling, on Fargate alone, for services on Fargate, and off eks", () => {
        assert.deepEqual(notices(spec({ general: { type: "managed" }, burst: { type: "karpenter" } })), []);
        assert.deepEqual(notices(spec({ general: { type: "managed" } }, { db: scaled.db })), []);
        assert.deepEqual(
            notices(
                spec({
                    serverless: {
                        type: "fargate",
                        selectors: [
                            { namespace: "web", labels: {} },
                            { namespace: "api", labels: {} },
                        ],
                    },
                }),
            ),
            [],
        );
        assert.deepEqual(
            notices(spec({ general: { type: "managed" }, serverless: { type: "fargate", selectors: [{ namespace: "web", labels: {} }] } })).map((w) => w.message.split(" scale")[0]),
            ["api"],
        );
        assert.deepEqual(notices({ ...spec({ general: { type: "managed" } }), platform: "kubernetes" }), []);
    });

    it("reaches the plan's warnings through configWarnings", () => {
        const r = validateFixture(eksConfig({ "berth:services": { web: { scaling: { min: 1, max: 4, cpu: 60 } } } }));
        assert.ok(r.ok);
        assert.ok(r.warnings.some((w) => w.path === "berth:eks.nodeGroups"));
        const quiet = validateFixture(eksConfig({ "berth:services": { web: { scaling: { min: 1, max: 4, cpu: 60 } } }, ...groups({ burst: BURST }) }));
        assert.ok(quiet.ok && !quiet.warnings.some((w) => w.path === "berth:eks.nodeGroups"));
    });
});
