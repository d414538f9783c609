// `npm run compare`: moving a stack's services onto each platform, the facts read from each plan, the
// diagram's DOT, the Markdown and the HTML, over hand-made plans; then the whole report of dev.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { PlanError, PROJECT_DIR } from "../plan/engine";
import { moved, moveTo, TARGETS } from "../plan/move";
import { loadStackConfig } from "../plan/stackfile";
import { parseCompareArgs } from "../plan/report/args";
import { diagramDot, reduce } from "../plan/report/diagram";
import { platformFacts } from "../plan/report/facts";
import { escapeHtml, renderHtml } from "../plan/report/html";
import { renderMarkdown } from "../plan/report/markdown";
import type { Report, ReportPlan } from "../plan/report/types";
import { planOf, res } from "./handmade-plans";

const target = (id: string) => TARGETS.find((t) => t.id === id)!;

describe("moving a stack's services to another platform (plan/move.ts)", () => {
    it("swaps the platform blocks for the donor's and keeps everything else", () => {
        const source = { "aws:region": "eu-west-1", "berth:platform": "ecs-ec2", "berth:ec2": { instanceType: "t3.small" }, "berth:services": { web: { image: "x" } } };
        const donor = { "aws:region": "us-east-1", "berth:platform": "eks", "berth:eks": { version: "1.36" }, "berth:services": { other: {} } };
        assert.deepEqual(moved(source, donor), { "aws:region": "eu-west-1", "berth:platform": "eks", "berth:eks": { version: "1.36" }, "berth:services": { web: { image: "x" } } });
    });

    it("names the keys that stop a move, with what is allowed: dev's created secret on an existing cluster", () => {
        const move = moveTo(loadStackConfig("dev", PROJECT_DIR), target("kubernetes"), PROJECT_DIR, "dev");
        assert.equal(move.ok, false);
        if (move.ok) return;
        assert.deepEqual(
            move.errors.map((e) => e.path),
            ["berth:services.worker.secrets", "berth:loadBalancer.ipAddressType"],
        );
        assert.match(move.errors[0].allowed, /no secrets on platform kubernetes/);
    });

    it("offers eight places, three of them EKS node kinds, each from a shipped stack", () => {
        assert.deepEqual(
            TARGETS.map((t) => `${t.id}:${t.platform}:${t.donor}`),
            [
                "ecs-fargate:ecs-fargate:dev",
                "ecs-ec2:ecs-ec2:ecs-ec2",
                "eks-managed:eks:eks-managed",
                "eks-selfmanaged:eks:eks-selfmanaged",
                "eks-fargate:eks:eks-fargate",
                "ecs-express:ecs-express:ecs-express",
                "apprunner:apprunner:apprunner",
                "kubernetes:kubernetes:kubernetes",
            ],
        );
        for (const t of TARGETS) assert.ok(fs.existsSync(path.join(PROJECT_DIR, `Pulumi.${t.donor}.yaml`)), t.donor);
    });
});

const RELEASE = "kubernetes:helm.sh/v3:Release";
const NAT = res("berth:network:NatInstance", "net-nat", {}, { component: true });
const CLUSTER = res("eks:index:Cluster", "eks", { version: "1.36", endpointPublicAccess: false }, { component: true });
const NODES = res("eks:index:ManagedNodeGroup", "general", { amiType: "AL2023_x86_64_STANDARD", releaseVersion: "1.36.2-20260714" }, { component: true });
const LB_CONTROLLER = res(RELEASE, "lb-controller-release", { chart: "aws-load-balancer-controller" });
const WEB = res("kubernetes:apps/v1:Deployment", "web-deployment", { metadata: { name: "web" }, spec: { replicas: 2 } });

/** A small EKS plan: managed nodes and Karpenter, two Helm releases, an add-on, a private endpoint, a NAT instance. */
function eksPlan(): ReportPlan {
    const line = (description: string, monthly: number, fixed = true) => ({ urn: "u", type: "t", description, quantity: 1, unit: "month", unitPrice: monthly, monthly, fixed });
    const step = (kind: "image" | "logs", result: "proven" | "assumed" | "broken") => ({ kind, subject: "s", result, reason: "r" });
    return {
        ...planOf(
            [
                CLUSTER,
                NODES,
                res("kubernetes:karpenter.sh/v1:NodePool", "burst-node-pool", {}),
                res("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "burst-node-class", { spec: { amiSelectorTerms: [{ alias: "al2023@v20260714" }] } }),
                res(RELEASE, "karpenter-release", { chart: "oci://public.ecr.aws/karpenter/karpenter" }),
                LB_CONTROLLER,
                res("aws:eks/addon:Addon", "coredns", { addonName: "coredns" }),
                NAT,
                res("aws:autoscaling/group:Group", "net-nat-asg", {}, { parent: NAT.urn }),
                res("aws:ec2/launchTemplate:LaunchTemplate", "net-nat-lt", { imageId: "resolve:ssm:/aws/service/al2023-arm64" }, { parent: NAT.urn }),
                WEB,
                res("kubernetes:apps/v1:Deployment", "worker-deployment", { metadata: { name: "worker" }, spec: { replicas: 1 } }),
                res("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "web-hpa", { spec: { scaleTargetRef: { name: "web" }, minReplicas: 2, maxReplicas: 6 } }),
            ],
            {
                platform: "eks",
                parity: [
                    { service: "web", key: "cpu", status: "differently", note: "millicores" },
                    { service: "web", key: "image", status: "honoured", note: "the image" },
                ],
                startPaths: [
                    { workload: "web-deployment", kind: "deployment", urn: WEB.urn, platform: "eks", steps: [step("image", "proven"), step("logs", "proven")] },
                    { workload: "worker-deployment", kind: "deployment", urn: "w", platform: "eks", steps: [step("image", "assumed"), step("logs", "proven")] },
                    { workload: "job-cronjob", kind: "cronjob", urn: "j", platform: "eks", steps: [step("image", "assumed"), step("logs", "broken")] },
                ],
                policy: {
                    passed: ["EKS.1", "EKS.2", "ECR.1"],
                    violations: [
                        { policy: "EKS.8", urn: CLUSTER.urn, message: "m", level: "mandatory" },
                        { policy: "ELB.5", urn: "u", message: "m", level: "advisory" },
                        { policy: "ELB.6", urn: "u", message: "m", level: "advisory" },
                    ],
                },
            },
        ),
        cost: {
            notes: [],
            currency: "USD",
            region: "us-east-1",
            priceDate: "2026-11-01",
            monthly: 219.456,
            fixed: 200.004,
            usage: 19.452,
            lines: [
                line("EKS control plane", 73),
                line("t3.medium x2", 60.736),
                line("NAT instance t4g.nano", 3.066),
                line("ALB", 16.43),
                line("CloudWatch Logs ingestion", 10.5, false),
                line("Secrets Manager secret", 0.4),
                line("ECR storage", 0.1, false),
            ],
        },
        deployTime: { criticalPathSeconds: 912.4, path: [CLUSTER.urn, NODES.urn, LB_CONTROLLER.urn, WEB.urn, "urn:pulumi:s::berth::berth:x:Y$kubernetes:core/v1:Service::gone-svc"] },
    };
}

describe("the report's facts (plan/report/facts.ts)", () => {
    it("reads cost, deploy time, size, policy, start paths, what the team operates, scaling and parity from a plan", () => {
        assert.deepEqual(platformFacts(eksPlan()), {
            cost: {
                currency: "USD",
                priceDate: "2026-11-01",
                monthly: 219.46,
                fixed: 200,
                usage: 19.45,
                largest: [
                    { description: "EKS control plane", monthly: 73 },
                    { description: "t3.medium x2", monthly: 60.74 },
                    { description: "ALB", monthly: 16.43 },
                    { description: "CloudWatch Logs ingestion", monthly: 10.5 },
                    { description: "NAT instance t4g.nano", monthly: 3.07 },
                ],
            },
            deploy: {
                seconds: 912,
                // Each step's typical creation time is the deploy-time model's (cost/deploy-times.ts); a
                // URN the plan no longer holds is read for its name and type.
                path: [
                    { name: "eks", type: "eks:index:Cluster", seconds: 540 },
                    { name: "general", type: "eks:index:ManagedNodeGroup", seconds: 180 },
                    { name: "lb-controller-release", type: "kubernetes:helm.sh/v3:Release", seconds: 120 },
                    { name: "web-deployment", type: "kubernetes:apps/v1:Deployment", seconds: 5 },
                    { name: "gone-svc", type: "kubernetes:core/v1:Service", seconds: 5 },
                ],
            },
            size: { cloud: 10, components: 3 },
            policy: { passed: 3, mandatory: 1, advisory: 2 },
            start: { can: 1, assumed: 1, cannot: 1, broken: ["job-cronjob: logs"] },
            ops: {
                nodes: ["managed node group general", "Karpenter node pool burst-node-pool"],
                amis: ["burst-node-class: al2023@v20260714", "general: AL2023_x86_64_STANDARD 1.36.2-20260714", "net-nat-lt: SSM /aws/service/al2023-arm64"],
                controlPlane: "EKS 1.36",
                helmReleases: ["aws-load-balancer-controller", "karpenter"],
                addons: ["coredns"],
                privateEndpoint: true,
                natInstances: 1,
            },
            scaling: { tasks: ["HPA web 2-6", "worker fixed at 1 pod(s)"], nodes: "Karpenter adds and removes nodes" },
            parity: [{ service: "web", key: "cpu", status: "differently", note: "millicores" }],
        });
    });

    it("says what a plan without cost, deploy time, start paths or policy lacks by leaving those facts out", () => {
        const f = platformFacts(planOf([res("aws:ecs/service:Service", "web-service", { desiredCount: 2 }), res("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "ecs-cp", { capacityProviders: ["FARGATE"] })]));
        assert.deepEqual(Object.keys(f), ["size", "ops", "scaling", "parity"]);
        assert.deepEqual(f.scaling, { tasks: ["web fixed at 2 task(s)"], nodes: "none for Fargate tasks: AWS places each task" });
        assert.deepEqual(f.ops, { nodes: [], amis: [], helmReleases: [], addons: [], privateEndpoint: false, natInstances: 0 });
    });
});

/** A small ECS plan: a public load balancer, a service in its component, a secret, a bucket, and the plumbing between them. */
function ecsPlan(): ReportPlan {
    const web = res("berth:ecs:Service", "web", {}, { component: true });
    const lb = res("aws:lb/loadBalancer:LoadBalancer", "alb-lb", { internal: false });
    const internal = res("aws:lb/loadBalancer:LoadBalancer", "int-lb", { internal: true });
    const secret = res("aws:secretsmanager/secret:Secret", "web-secret", {});
    const bucket = res("aws:s3/bucket:Bucket", "uploads-bucket", {});
    const tg = res("aws:lb/targetGroup:TargetGroup", "web-tg", {}, { parent: web.urn, dependencies: [lb.urn] });
    const policy = res("aws:iam/rolePolicy:RolePolicy", "web-exec-policy", {}, { parent: web.urn, dependencies: [secret.urn, bucket.urn] });
    const role = res("aws:iam/role:Role", "web-exec-role", {}, { parent: web.urn, dependencies: [policy.urn] });
    const logs = res("aws:cloudwatch/logGroup:LogGroup", "web-logs", {}, { parent: web.urn });
    const service = res("aws:ecs/service:Service", "web-service", {}, { parent: web.urn, dependencies: [tg.urn, role.urn, logs.urn, lb.urn, web.urn, internal.urn] });
    return planOf([web, lb, internal, secret, bucket, tg, policy, role, logs, service]);
}

describe("the architecture diagram (plan/report/diagram.ts)", () => {
    it("draws the services, entry points and data stores by component, with needs followed through the plumbing", () => {
        const compute = 'shape=box, style="filled,rounded", fillcolor="#e4ebf7", color="#3a5a99"';
        const data = 'shape=cylinder, style=filled, fillcolor="#d7ecd9", color="#2f7d3a"';
        const lines = [
            "digraph berth {",
            "  rankdir=LR;",
            '  graph [fontname="Helvetica", fontsize=11, nodesep=0.25, ranksep=0.5];',
            '  node [fontname="Helvetica", fontsize=10];',
            '  edge [color="#7a7a7a", arrowsize=0.6];',
            '  n1 [label="alb-lb\\nlb/loadBalancer", shape=house, style="filled,bold", fillcolor="#fde2c4", color="#c0631a"];',
            `  n2 [label="int-lb\\nlb/loadBalancer", ${compute}];`,
            `  n3 [label="uploads-bucket\\ns3/bucket", ${data}];`,
            `  n4 [label="web-secret\\nsecretsmanager/secret", ${data}];`,
            "  subgraph cluster_0 {",
            '    label="web (berth:ecs:Service)"; style="rounded,dashed"; color="#9aa5b1"; fontsize=10;',
            `    n0 [label="web-service\\necs/service", ${compute}];`,
            "  }",
            '  internet [label="internet", shape=plaintext, fontsize=11];',
            '  internet -> n1 [color="#c0631a", penwidth=1.4];',
            // The service needs the public load balancer through its target group as well as directly: drawn once.
            "  n0 -> n1;",
            "  n0 -> n2;",
            // Through its execution role's policy: the bucket and the secret the role may read.
            "  n0 -> n3;",
            "  n0 -> n4;",
            "}",
        ];
        assert.equal(diagramDot(ecsPlan()), lines.join("\n") + "\n");
    });

    it("draws each need once: an edge implied by a longer path is dropped", () => {
        assert.deepEqual(
            reduce([
                ["a", "b"],
                ["a", "c"],
                ["b", "c"],
                ["c", "d"],
            ]),
            [
                ["a", "b"],
                ["b", "c"],
                ["c", "d"],
            ],
        );
    });
});

/** A two-platform report: ECS on Fargate planned and priced, App Runner refused with one error. */
function smallReport(): Report {
    const plan: ReportPlan = {
        ...planOf([res("aws:ecs/service:Service", "web-service", { desiredCount: 2 }), res("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "ecs-cp", { capacityProviders: ["FARGATE"] })], {
            parity: [],
            startPaths: [],
            policy: { passed: ["ECS.2"], violations: [] },
        }),
        cost: {
            notes: [],
            currency: "USD",
            region: "us-east-1",
            priceDate: "2026-11-01",
            monthly: 36.04,
            fixed: 36.04,
            usage: 0,
            lines: [{ urn: "u", type: "aws:ecs/service:Service", description: "web: 2 Fargate tasks, 0.25 vCPU, 0.5 GB", quantity: 1460, unit: "task-hours", unitPrice: 0.0247, monthly: 36.04, fixed: true }],
        },
        deployTime: { criticalPathSeconds: 180, path: ["urn:pulumi:s::berth::aws:ecs/service:Service::web-service"] },
    };
    return {
        stack: "s",
        sources: [{ title: "A source", url: "https://example.com/a" }],
        columns: [
            { id: "ecs-fargate", platform: "ecs-fargate", ok: true, facts: platformFacts(plan) },
            { id: "apprunner", platform: "apprunner", mark: "closed | to new customers", ok: false, errors: [{ path: "berth:services.worker.public", value: false, allowed: "true: App Runner serves every service publicly" }] },
        ],
    };
}

describe("the report as Markdown (plan/report/markdown.ts)", () => {
    it("puts the summary table first, then each platform's section, a refused one with its config errors, and the sources", () => {
        const expected = [
            "# Where should `s` run?",
            "",
            "The services of Pulumi.s.yaml, planned offline on 2 platforms: on each, the stack's own platform blocks are swapped for a shipped stack's (docs/compare.md). Numbers are estimates from the plans, not bills.",
            "",
            "| platform | monthly | deploy time | resources | policy | start paths | ops burden |",
            "|---|---|---|---|---|---|---|",
            "| ecs-fargate | $36.04 (fixed $36.04) | 3 min | 2 cloud + 0 components | 1 passed, 0 mandatory, 0 advisory | 0 can start, 0 on assumptions, 0 cannot | none |",
            "| apprunner | cannot run here (1 config error) | — | — | — | — | — |",
            "",
            "- **apprunner**: closed | to new customers",
            "",
            "**In short**: the report does not choose; it says what each choice costs.",
            "",
            "- Cheapest: ecs-fargate, $36.04 a month, $36.04 of it fixed (what it costs idle).",
            "- Fastest to deploy: ecs-fargate, 3 min from nothing.",
            "- Least to operate: ecs-fargate, with none to keep current.",
            "- ecs-fargate gives up: nothing the report measures.",
            "- apprunner cannot run these services as written: its section names each key to change.",
            "",
            "## ecs-fargate",
            "",
            "**Cost**: $36.04 a month: $36.04 fixed, $0.00 usage (prices of 2026-11-01). The largest lines:",
            "",
            "- web: 2 Fargate tasks, 0.25 vCPU, 0.5 GB: $36.04",
            "",
            "**Deploy time**: 3 min from nothing: a critical path of 1 step, each waiting for the one before; typical creation times:",
            "",
            "- web-service (aws:ecs/service:Service): 180 s",
            "",
            "**Size**: 2 cloud resources, 0 components",
            "",
            "**Policy**: 1 passed; 0 mandatory and 0 advisory violations",
            "",
            "**Start paths**: 0 can start, 0 on assumptions, 0 cannot",
            "",
            "**What the team operates**",
            "",
            "- Nodes: none",
            "- AMIs to patch: none",
            "- Control plane: none the team upgrades",
            "- Helm releases (0): none",
            "- EKS add-ons (0): none",
            "- NAT instances: 0",
            "",
            "**Scaling**",
            "",
            "- Tasks or pods: web fixed at 2 task(s)",
            "- Nodes: none for Fargate tasks: AWS places each task",
            "",
            "**Parity**: every key as on ECS on Fargate",
            "",
            "## apprunner",
            "",
            "> closed | to new customers",
            "",
            "**Cannot run here**: the services' config, moved here, does not validate:",
            "",
            "- berth:services.worker.public is false; expected true: App Runner serves every service publicly",
            "",
            "## Sources",
            "",
            "- [A source](https://example.com/a)",
        ];
        assert.equal(renderMarkdown(smallReport()), expected.join("\n") + "\n");
    });
});

describe("the report as HTML (plan/report/html.ts)", () => {
    it("is one page that loads nothing: no script, stylesheet, font or image, and links only to its sources", () => {
        const report: Report = { ...smallReport(), columns: [{ ...smallReport().columns[0], diagram: '<svg width="8pt"><g id="graph0"><text>web&amp;</text></g></svg>' } as Report["columns"][number], smallReport().columns[1]] };
        const html = renderHtml(report);
        assert.doesNotMatch(html, /<script|<link|@import|@font-face|url\(/i);
        assert.deepEqual(
            [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]),
            ["https://example.com/a"],
        );
        assert.equal(html.match(/<svg/g)?.length, 1);
        // Each diagram's ids are its platform's, so that two diagrams on the page never share one.
        assert.match(html, /<g id="ecs-fargate-graph0">/);
        // What the plan says is text, never markup.
        assert.match(html, /closed \| to new customers/);
        // The critical path's steps, each with its typical creation time.
        assert.match(html, /<h3>Deploy time<\/h3><p>3 min from nothing: a critical path of 1 step, each waiting for the one before; typical creation times:<\/p><ul><li>web-service \(aws:ecs\/service:Service\): 180 s<\/li><\/ul>/);
        assert.equal(escapeHtml('<b a="1">&'), "&lt;b a=&quot;1&quot;&gt;&amp;");
    });
});

describe("npm run compare's arguments (plan/report/args.ts)", () => {
    it("takes --stack, --out and --dir, and refuses anything else by name", () => {
        assert.deepEqual(parseCompareArgs(["--stack", "acme", "--out", "x"]), { stack: "acme", out: "x" });
        assert.equal(parseCompareArgs([]).out, path.join(PROJECT_DIR, "reports", "compare"));
        assert.throws(
            () => parseCompareArgs(["--stack"]),
            (e: Error) => e instanceof PlanError && /--stack needs a value/.test(e.message),
        );
        assert.throws(() => parseCompareArgs(["--json"]), /unknown argument --json/);
    });
});
