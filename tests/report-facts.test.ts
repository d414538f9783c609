// The report's facts, one function at a time (plan/report/facts.ts), over small hand-made plans:
// each fixture is built inside its test, so that StrykerJS credits the code it runs to that test.
import { strict as assert } from "assert";
import { costFacts, deployFacts, opsSummary, platformFacts, policyFacts, startFacts } from "../plan/report/facts";
import type { OpsFacts, PlatformFacts } from "../plan/report/types";
import { planOf, res } from "./handmade-plans";

type Line = NonNullable<ReturnType<typeof planOf>["cost"]>["lines"][number];
const line = (description: string, monthly: number): Line => ({ urn: "u", type: "t", description, quantity: 1, unit: "month", unitPrice: monthly, monthly, fixed: true });

describe("the report's cost facts", () => {
    it("rounds to cents and names the five largest lines, largest first, ties by description", () => {
        const lines = [line("b", 1), line("a", 1), line("big", 9.999), line("c", 0.5), line("d", 0.25), line("e", 0.1)];
        const plan = { ...planOf([]), cost: { notes: [], currency: "USD" as const, region: "eu-west-1", priceDate: "2026-01-02", monthly: 12.345, fixed: 10.004, usage: 2.341, lines } };
        assert.deepEqual(costFacts(plan), {
            currency: "USD",
            priceDate: "2026-01-02",
            monthly: 12.35,
            fixed: 10,
            usage: 2.34,
            largest: [
                { description: "big", monthly: 10 },
                { description: "a", monthly: 1 },
                { description: "b", monthly: 1 },
                { description: "c", monthly: 0.5 },
                { description: "d", monthly: 0.25 },
            ],
        });
        // The plan's own order of lines is left as it was.
        assert.deepEqual(
            lines.map((l) => l.description),
            ["b", "a", "big", "c", "d", "e"],
        );
        assert.equal(costFacts(planOf([])), undefined);
    });
});

describe("the report's deploy facts", () => {
    it("times each step of the critical path with the deploy-time model's figure for its type", () => {
        const cluster = res("eks:index:Cluster", "eks", {}, { component: true });
        const role = res("aws:iam/role:Role", "eks-role", {});
        const web = res("berth:ecs:Service", "web", {}, { component: true });
        // The plan's name and type, not the URN's: a resource read from the plan, whatever its URN says.
        const renamed = res("aws:ec2/natGateway:NatGateway", "nat", {}, { urn: "urn:pulumi:s::berth::berth:x:Y::old-name" });
        const plan = { ...planOf([role, cluster, web, renamed]), deployTime: { criticalPathSeconds: 544.6, path: [role.urn, cluster.urn, web.urn, renamed.urn] } };
        assert.deepEqual(deployFacts(plan), {
            seconds: 545,
            path: [
                { name: "eks-role", type: "aws:iam/role:Role", seconds: 5 },
                { name: "eks", type: "eks:index:Cluster", seconds: 540 },
                // A berth component only groups its children: it takes no time of its own.
                { name: "web", type: "berth:ecs:Service", seconds: 0 },
                { name: "nat", type: "aws:ec2/natGateway:NatGateway", seconds: 120 },
            ],
        });
        assert.equal(deployFacts(planOf([])), undefined);
        assert.deepEqual(deployFacts({ ...planOf([]), deployTime: { criticalPathSeconds: 0, path: [] } }), { seconds: 0, path: [] });
    });

    it("reads a step the plan no longer holds from its URN: the last type of its chain, and a name that may hold '::'", () => {
        const path = ["urn:pulumi:s::berth::berth:network:Network$aws:ec2/natGateway:NatGateway::net::nat-a", "urn:pulumi:s::berth::berth:web:Web::web", "urn:pulumi:s::berth::aws:iam/role:Role::", "odd"];
        assert.deepEqual(deployFacts({ ...planOf([]), deployTime: { criticalPathSeconds: 130, path } })?.path, [
            { name: "net::nat-a", type: "aws:ec2/natGateway:NatGateway", seconds: 120 },
            { name: "web", type: "berth:web:Web", seconds: 0 },
            // No name at all: the URN stands for it.
            { name: "urn:pulumi:s::berth::aws:iam/role:Role::", type: "aws:iam/role:Role", seconds: 5 },
            { name: "odd", type: "", seconds: 5 },
        ]);
    });
});

describe("the report's start-path and policy facts", () => {
    it("counts each workload once: broken before assumed before can, naming the first broken step's kind", () => {
        const step = (kind: "image" | "logs" | "secrets", result: "proven" | "assumed" | "broken") => ({ kind, subject: "s", result, reason: "r" });
        const workload = (name: string, ...steps: ReturnType<typeof step>[]) => ({ workload: name, kind: "service", urn: name, platform: "ecs-fargate", steps });
        const plan = planOf([], {
            startPaths: [
                workload("a", step("image", "proven"), step("logs", "proven")),
                workload("b", step("image", "assumed"), step("logs", "broken"), step("secrets", "broken")),
                workload("c", step("image", "proven"), step("logs", "assumed")),
                workload("d"),
                workload("e", step("secrets", "broken")),
            ] as never,
        });
        assert.deepEqual(startFacts(plan), { can: 2, assumed: 1, cannot: 2, broken: ["b: logs", "e: secrets"] });
        assert.equal(startFacts(planOf([])), undefined);
    });

    it("counts the passed policies and the violations by level", () => {
        const v = (level: string) => ({ policy: "P", urn: "u", message: "m", level });
        const plan = planOf([], { policy: { passed: ["A", "B"], violations: [v("advisory"), v("mandatory"), v("advisory"), v("disabled")] } as never });
        assert.deepEqual(policyFacts(plan), { passed: 2, mandatory: 1, advisory: 2 });
        assert.equal(policyFacts(planOf([])), undefined);
    });
});

describe("the report's size, parity and ops summary", () => {
    it("counts cloud resources and components apart and keeps only the parity entries not honoured", () => {
        const plan = planOf([res("berth:x:Y", "y", {}, { component: true }), res("aws:s3/bucket:Bucket", "b", {}), res("aws:sqs/queue:Queue", "q", {})], {
            parity: [
                { service: "web", key: "cpu", status: "honoured", note: "n" },
                { service: "web", key: "ports", status: "ignored", note: "m" },
            ],
        } as never);
        const f = platformFacts(plan);
        assert.deepEqual(f.size, { cloud: 2, components: 1 });
        assert.deepEqual(f.parity, [{ service: "web", key: "ports", status: "ignored", note: "m" }]);
        assert.deepEqual(platformFacts(planOf([])).parity, []);
    });

    it("says the ops burden in a few words, singular and plural", () => {
        const ops = (o: Partial<OpsFacts>): PlatformFacts => ({ ops: { nodes: [], amis: [], helmReleases: [], addons: [], privateEndpoint: false, natInstances: 0, ...o } }) as never;
        assert.equal(opsSummary(ops({})), "none");
        assert.equal(
            opsSummary(ops({ nodes: ["a"], amis: ["x"], controlPlane: "EKS 1.36", helmReleases: ["h"], privateEndpoint: true, natInstances: 1 })),
            "1 node group, 1 AMI, a control plane, 1 Helm/add-ons, private API, 1 NAT instance",
        );
        assert.equal(opsSummary(ops({ nodes: ["a", "b"], amis: ["x", "y"], helmReleases: ["h", "i"], addons: ["c"], natInstances: 2 })), "2 node groups, 2 AMIs, 3 Helm/add-ons, 2 NAT instances");
        assert.equal(opsSummary(ops({ addons: ["c", "d"] })), "2 Helm/add-ons");
        assert.equal(opsSummary(ops({ helmReleases: ["h"], addons: ["c"] })), "2 Helm/add-ons");
    });
});
