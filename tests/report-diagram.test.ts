// The architecture diagram (plan/report/diagram.ts): which resources are drawn and how, the edges
// followed through plumbing, the clusters of nested components, and the SVG Graphviz renders.
import { strict as assert } from "assert";
import { diagramDot, isPublicEntry, reduce, renderSvg, roleOf } from "../plan/report/diagram";
import { planOf, res } from "./handmade-plans";

const HEADER = ["digraph berth {", "  rankdir=LR;", '  graph [fontname="Helvetica", fontsize=11, nodesep=0.25, ranksep=0.5];', '  node [fontname="Helvetica", fontsize=10];', '  edge [color="#7a7a7a", arrowsize=0.6];'];
const COMPUTE = 'shape=box, style="filled,rounded", fillcolor="#e4ebf7", color="#3a5a99"';
const DATA = 'shape=cylinder, style=filled, fillcolor="#d7ecd9", color="#2f7d3a"';
const ENTRY = 'shape=house, style="filled,bold", fillcolor="#fde2c4", color="#c0631a"';

describe("what the diagram draws (roleOf, isPublicEntry)", () => {
    it("takes a load balancer, an ingress and an App Runner service as public unless marked internal; Express always", () => {
        const cases: Array<[string, Record<string, unknown>, boolean]> = [
            ["aws:lb/loadBalancer:LoadBalancer", {}, true],
            ["aws:lb/loadBalancer:LoadBalancer", { internal: true }, false],
            ["kubernetes:networking.k8s.io/v1:Ingress", {}, true],
            ["kubernetes:networking.k8s.io/v1:Ingress", { metadata: {} }, true],
            ["kubernetes:networking.k8s.io/v1:Ingress", { metadata: { annotations: { "alb.ingress.kubernetes.io/scheme": "internet-facing" } } }, true],
            ["kubernetes:networking.k8s.io/v1:Ingress", { metadata: { annotations: { "alb.ingress.kubernetes.io/scheme": "internal" } } }, false],
            ["aws:apprunner/service:Service", {}, true],
            ["aws:apprunner/service:Service", { networkConfiguration: {} }, true],
            ["aws:apprunner/service:Service", { networkConfiguration: { ingressConfiguration: { isPubliclyAccessible: true } } }, true],
            ["aws:apprunner/service:Service", { networkConfiguration: { ingressConfiguration: { isPubliclyAccessible: false } } }, false],
            ["aws:ecs/expressGatewayService:ExpressGatewayService", {}, true],
            ["aws:ecs/service:Service", {}, false],
        ];
        assert.deepEqual(
            cases.map(([type, inputs]) => isPublicEntry(res(type, "r", inputs))),
            cases.map(([, , pub]) => pub),
        );
    });

    it("draws entry points, data stores and compute, and folds everything else", () => {
        const role = (type: string, inputs: Record<string, unknown> = {}) => roleOf(res(type, "r", inputs));
        assert.deepEqual(
            [
                role("aws:lb/loadBalancer:LoadBalancer"),
                role("aws:lb/loadBalancer:LoadBalancer", { internal: true }),
                role("kubernetes:networking.k8s.io/v1:Ingress", { metadata: { annotations: { "alb.ingress.kubernetes.io/scheme": "internal" } } }),
                role("aws:apprunner/service:Service", { networkConfiguration: { ingressConfiguration: { isPubliclyAccessible: false } } }),
                role("aws:s3/bucketV2:BucketV2"),
                role("aws:fsx/lustreFileSystem:LustreFileSystem"),
                role("aws:sqs/queue:Queue"),
                role("aws:sqs/queue:QueuePolicy"),
                role("aws:iam/role:Role"),
            ],
            ["entry", "compute", "compute", "compute", "data", "data", "data", undefined, undefined],
        );
    });
});

describe("the diagram's edges (reduce)", () => {
    it("keeps a direct edge unless another path reaches the same node, through cycles too", () => {
        assert.deepEqual(reduce([]), []);
        assert.deepEqual(
            reduce([
                ["a", "b"],
                ["b", "a"],
                ["a", "c"],
                ["b", "c"],
                ["c", "d"],
                ["d", "c"],
            ]),
            [
                ["a", "b"],
                ["b", "a"],
                ["b", "c"],
                ["c", "d"],
                ["d", "c"],
            ],
        );
        // Through a longer detour that comes back on itself.
        assert.deepEqual(
            reduce([
                ["x", "y"],
                ["y", "z"],
                ["z", "y"],
                ["y", "w"],
                ["x", "w"],
            ]),
            [
                ["x", "y"],
                ["y", "z"],
                ["z", "y"],
                ["y", "w"],
            ],
        );
    });
});

describe("the diagram's DOT (diagramDot)", () => {
    it("nests component clusters, escapes labels, and follows needs through plumbing but not through a whole component", () => {
        const outer = res("berth:app:App", "app", {}, { component: true });
        const inner = res("berth:ecs:Service", 'we"b\\x', {}, { parent: outer.urn, component: true });
        const vpc = res("awsx:ec2:Vpc", "net", {}, { component: true });
        const files = res("aws:s3/bucket:Bucket", "files", {});
        const other = res("berth:other:Other", "other", {}, { component: true, dependencies: [files.urn] });
        const hidden = res("aws:ecs/service:Service", "hidden-service", {}, { parent: other.urn });
        const role = res("aws:iam/role:Role", "role", {}, { parent: inner.urn, dependencies: [vpc.urn] });
        // Plumbing that needs itself round in a circle: followed once.
        const p1 = res("aws:iam/policy:Policy", "p1", {}, { dependencies: ["urn:pulumi:s::berth::aws:iam/policy:Policy::p2"] });
        const p2 = res("aws:iam/policy:Policy", "p2", {}, { dependencies: [p1.urn] });
        // Its nearest berth: ancestor owns it, past the role between them.
        const queue = res("aws:sqs/queue:Queue", "q", {}, { parent: role.urn });
        const service = res("aws:ecs/service:Service", "svc", {}, { parent: inner.urn, dependencies: [role.urn, role.urn, other.urn, "urn:gone", p1.urn] });
        const cluster = res("aws:ecs/cluster:Cluster", "k8s-cluster", {}, { parent: outer.urn });
        const orphan = res("kubernetes:apps/v1:Deployment", "orphan", {}, { parent: "urn:pulumi:s::berth::berth:gone:Gone::gone" });
        // Ids by URN: n0 k8s-cluster, n1 hidden-service, n2 svc, n3 files, n4 q, n5 net, n6 orphan. The
        // service needs the VPC through its role; a need of the whole "other" component names none of
        // its resources, nor what the component itself needs (files).
        assert.equal(
            diagramDot(planOf([outer, inner, vpc, files, other, hidden, role, p1, p2, queue, service, cluster, orphan])),
            [
                ...HEADER,
                `  n3 [label="files\\ns3/bucket", ${DATA}];`,
                `  n5 [label="net\\nVpc", ${COMPUTE}];`,
                "  subgraph cluster_0 {",
                '    label="app (berth:app:App)"; style="rounded,dashed"; color="#9aa5b1"; fontsize=10;',
                `    n0 [label="k8s-cluster\\necs/cluster", ${COMPUTE}];`,
                "    subgraph cluster_1 {",
                '      label="we\\"b\\\\x (berth:ecs:Service)"; style="rounded,dashed"; color="#9aa5b1"; fontsize=10;',
                `      n2 [label="svc\\necs/service", ${COMPUTE}];`,
                `      n4 [label="q\\nsqs/queue", ${DATA}];`,
                "    }",
                "  }",
                "  subgraph cluster_2 {",
                '    label="other (berth:other:Other)"; style="rounded,dashed"; color="#9aa5b1"; fontsize=10;',
                `    n1 [label="hidden-service\\necs/service", ${COMPUTE}];`,
                "  }",
                `  n6 [label="orphan\\nDeployment", ${COMPUTE}];`,
                "  n2 -> n5;",
                "}",
                "",
            ].join("\n"),
        );
    });

    it("draws an internet node only when something is public, with an arrow to each entry point", () => {
        const lb = res("aws:lb/loadBalancer:LoadBalancer", "lb", {});
        const ing = res("kubernetes:networking.k8s.io/v1:Ingress", "ing", {});
        assert.equal(
            diagramDot(planOf([lb, ing])),
            [
                ...HEADER,
                `  n0 [label="lb\\nlb/loadBalancer", ${ENTRY}];`,
                `  n1 [label="ing\\nIngress", ${ENTRY}];`,
                '  internet [label="internet", shape=plaintext, fontsize=11];',
                '  internet -> n0 [color="#c0631a", penwidth=1.4];',
                '  internet -> n1 [color="#c0631a", penwidth=1.4];',
                "}",
                "",
            ].join("\n"),
        );
        assert.equal(diagramDot(planOf([res("aws:iam/role:Role", "r", {})])), [...HEADER, "}", ""].join("\n"));
    });

    it("renders SVG without the XML prolog, twice from the same Graphviz", async () => {
        const svg = await renderSvg("digraph { a -> b; }");
        assert.ok(svg.startsWith("<svg"), svg.slice(0, 40));
        assert.match(svg, /<\/svg>\s*$/);
        assert.equal(await renderSvg("digraph { a -> b; }"), svg);
    });
});
