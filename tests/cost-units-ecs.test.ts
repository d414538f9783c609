// GIVEN handmade ECS services, task definitions, capacity provider strategies, scaling targets and
// Express Mode services, WHEN the Fargate line builders read them, THEN each gives its exact lines:
// descriptions, quantities, Spot shares and the notes said.
import { strict as assert } from "node:assert";
import { ecsServiceLines, expressLines, fargateLines, lbCapacityLines, spotTasks } from "../cost/lines-ecs";
import { hourly, priced } from "../cost/read";
import type { Usage } from "../cost/usage";
import type { PlannedResource } from "../start/types";
import { res } from "./handmade-plans";
import { costContext } from "./cost-context";

const ctxOf = (resources: PlannedResource[], usage: Partial<Usage> = {}) => costContext(resources, { usage, platform: "ecs-fargate" });

const SERVICE = "aws:ecs/service:Service";
const TASKDEF = "aws:ecs/taskDefinition:TaskDefinition";
const taskDef = (inputs: Record<string, unknown> = {}) => res(TASKDEF, "td", { family: "s-web", ...inputs });
const service = (inputs: Record<string, unknown> = {}, name = "web", extra: Partial<PlannedResource> = {}) => res(SERVICE, name, { taskDefinition: "arn:aws:ecs:us-east-1:1:task-definition/s-web:3", ...inputs }, extra);
/** What an ECS service's lines describe and count: [description, quantity]. */
const described = (resources: PlannedResource[], usage: Partial<Usage> = {}) => ecsServiceLines(ctxOf(resources, usage).ctx).map((l) => [l.description, l.quantity]);

describe("cost units: Fargate lines", () => {
    it("on demand and Spot, with exact descriptions, quantities and unit prices", () => {
        const r = service();
        assert.deepStrictEqual(fargateLines(r, "web", { vcpu: 0.25, gb: 0.5, arm: false }, 3, 1.5, "Maker"), [
            priced(r, "fargateVcpuHourX86", 1.5 * 0.25 * 730, "web: 1.5 tasks × 0.25 vCPU / 0.5 GB on Fargate (x86), vCPU", true, "Maker"),
            priced(r, "fargateGbHourX86", 1.5 * 0.5 * 730, "web: 1.5 tasks × 0.25 vCPU / 0.5 GB on Fargate (x86), memory", true, "Maker"),
            priced(r, "fargateVcpuHourX86", 1.5 * 0.25 * 730, "web: 1.5 tasks × 0.25 vCPU / 0.5 GB on Fargate Spot (x86), vCPU at 33 % of on-demand", true, "Maker", 0.33),
            priced(r, "fargateGbHourX86", 1.5 * 0.5 * 730, "web: 1.5 tasks × 0.25 vCPU / 0.5 GB on Fargate Spot (x86), memory at 33 % of on-demand", true, "Maker", 0.33),
        ]);
        assert.deepStrictEqual(
            fargateLines(r, "p", { vcpu: 1, gb: 2, arm: true }, 1, 0, undefined, "pod").map((l) => [l.description, l.unitPrice, l.quantity]),
            [
                ["p: 1 pod × 1 vCPU / 2 GB on Fargate (ARM), vCPU", 0.03238, 730],
                ["p: 1 pod × 1 vCPU / 2 GB on Fargate (ARM), memory", 0.00356, 1460],
            ],
        );
        assert.deepStrictEqual(
            fargateLines(r, "s", { vcpu: 1, gb: 2, arm: false }, 1 / 3, 1 / 3).map((l) => l.description),
            ["s: 0.33 tasks × 1 vCPU / 2 GB on Fargate Spot (x86), vCPU at 33 % of on-demand", "s: 0.33 tasks × 1 vCPU / 2 GB on Fargate Spot (x86), memory at 33 % of on-demand"],
        );
        assert.deepStrictEqual(fargateLines(r, "z", { vcpu: 1, gb: 2, arm: false }, 0, 0), []);
    });

    it("spotTasks: no strategy none; bases in order, capped by the tasks; weights share the rest; no weight none", () => {
        const s = (capacityProvider: string, base: number, weight: number) => ({ capacityProvider, base, weight });
        assert.equal(spotTasks(5, []), 0);
        assert.equal(spotTasks(5, [s("FARGATE_SPOT", 2, 0), s("FARGATE", 0, 0)]), 2);
        assert.equal(spotTasks(1, [s("FARGATE_SPOT", 2, 1)]), 1);
        assert.equal(spotTasks(2, [s("FARGATE", 1, 0), s("FARGATE_SPOT", 5, 0)]), 1);
        assert.equal(spotTasks(6, [s("FARGATE", 0, 1), s("FARGATE_SPOT", 0, 2)]), 4);
        assert.equal(spotTasks(4, [s("FARGATE_SPOT", 0, 0), s("FARGATE", 0, 0)]), 0);
    });

    it("lbCapacityLines takes the larger dimension: connections or bytes", () => {
        const r = service();
        const { ctx } = ctxOf([], { requestsPerSecond: 1, lbGbPerMonth: 1460 });
        assert.deepStrictEqual(lbCapacityLines(ctx, r, "application", "web: its", "M"), [priced(r, "albLcuHour", 1460, "web: its capacity units at 1 requests/s and 1460 GB a month", false, "M")]);
        const busy = ctxOf([], { requestsPerSecond: 1600, lbGbPerMonth: 10 }).ctx;
        assert.deepStrictEqual(lbCapacityLines(busy, r, "network", "n"), [priced(r, "nlbNlcuHour", 1460, "n capacity units at 1600 requests/s and 10 GB a month", false)]);
    });
});

describe("cost units: ECS services", () => {
    it("defaults: one task of 0.25 vCPU / 0.5 GB, from the task definition its ARN names", () => {
        const lines = ecsServiceLines(ctxOf([taskDef({ requiresCompatibilities: '["FARGATE"]' }), service()]).ctx);
        assert.deepStrictEqual(
            lines.map((l) => [l.description, l.quantity, l.fixed]),
            [
                ["web: 1 task × 0.25 vCPU / 0.5 GB on Fargate (x86), vCPU", 182.5, true],
                ["web: 1 task × 0.25 vCPU / 0.5 GB on Fargate (x86), memory", 365, true],
            ],
        );
    });

    it("on Fargate by launch type or compatibility; not on EC2, nor without its task definition", () => {
        const td = taskDef({ cpu: "1024", memory: "2048", runtimePlatform: { cpuArchitecture: "ARM64" } });
        assert.equal(described([td, service({ launchType: "FARGATE", desiredCount: "2" })])[0][0], "web: 2 tasks × 1 vCPU / 2 GB on Fargate (ARM), vCPU");
        assert.deepStrictEqual(described([td, service({ launchType: "EC2" })]), []);
        assert.deepStrictEqual(described([taskDef({ requiresCompatibilities: ["EC2"] }), service()]), []);
        assert.deepStrictEqual(described([taskDef({ family: "other", requiresCompatibilities: ["FARGATE"] }), service()]), []);
        assert.deepStrictEqual(described([taskDef({ requiresCompatibilities: ["FARGATE"] }), service({ taskDefinition: "s-web" })]), []);
    });

    it("a strategy all on FARGATE* is Fargate whatever the launch type; a capacity provider without a name is dropped", () => {
        const td = taskDef();
        const strategy = [{ capacityProvider: "FARGATE_SPOT", weight: "1" }, { weight: 5 }];
        assert.deepStrictEqual(described([td, service({ capacityProviderStrategies: strategy, desiredCount: 2 })]), [
            ["web: 2 tasks × 0.25 vCPU / 0.5 GB on Fargate Spot (x86), vCPU at 33 % of on-demand", 365],
            ["web: 2 tasks × 0.25 vCPU / 0.5 GB on Fargate Spot (x86), memory at 33 % of on-demand", 730],
        ]);
        const mixed = [
            { capacityProvider: "FARGATE", base: 1 },
            { capacityProvider: "ec2-cp", weight: 1 },
        ];
        assert.deepStrictEqual(described([td, service({ capacityProviderStrategies: mixed, launchType: "FARGATE" })]), []);
    });

    it("without its own strategy, the cluster's default one applies, matched by the cluster's name", () => {
        const defaults = (clusterName: string) => res("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", clusterName, { clusterName, defaultCapacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }] });
        const svc = service({ cluster: "arn:aws:ecs:us-east-1:1:cluster/main", desiredCount: 1 });
        assert.match(String(described([taskDef(), defaults("other"), defaults("main"), svc])[0][0]), /on Fargate Spot/);
        assert.deepStrictEqual(described([taskDef(), defaults("other"), svc]), []);
        // The whole name: cluster main is not cluster ain; a bare name matches itself.
        assert.deepStrictEqual(described([taskDef(), defaults("ain"), svc]), []);
        assert.match(String(described([taskDef(), defaults("main"), service({ cluster: "main", desiredCount: 1 })])[0][0]), /on Fargate Spot/);
        assert.deepStrictEqual(described([taskDef({ requiresCompatibilities: ["FARGATE"] }), defaults("main"), service({ desiredCount: 1 })]).length, 2);
    });

    it("a scaling target sets the task count: by the service's name, id or logical name; ecs only; the minimum or the midpoint", () => {
        const target = (resourceId: string, inputs: Record<string, unknown> = {}) => res("aws:appautoscaling/target:Target", resourceId, { serviceNamespace: "ecs", resourceId, minCapacity: "2", maxCapacity: 6, ...inputs });
        const td = taskDef({ requiresCompatibilities: ["FARGATE"] });
        const count = (resources: PlannedResource[], usage: Partial<Usage> = {}) => described([td, ...resources], usage)[0][1];
        // The vCPU line's quantity: tasks × 0.25 vCPU × 730 h.
        assert.equal(count([service({ desiredCount: 9, name: "svc-name" }), target("service/c/svc-name")]), 365);
        assert.equal(count([service({ desiredCount: 9 }, "web", { id: "svc-id" }), target("service/c/svc-id")]), 365);
        assert.equal(count([service({ desiredCount: 9 }), target("service/c/web")]), 365);
        assert.equal(count([service({ desiredCount: 9 }), target("service/c/web")], { scaledTasks: "midpoint" }), 730);
        assert.equal(count([service({ desiredCount: 9 }), target("service/c/web", { maxCapacity: undefined })], { scaledTasks: "midpoint" }), 365);
        assert.equal(count([service({ desiredCount: 9 }), target("service/c/web", { minCapacity: undefined })], { scaledTasks: "midpoint" }), 547.5);
        assert.deepStrictEqual(described([td, service({ desiredCount: 9 }), target("service/c/web", { minCapacity: undefined })]), []);
        assert.equal(count([service({ desiredCount: 4 }), target("service/c/web", { serviceNamespace: "dynamodb" })]), 730);
        assert.equal(count([service({ desiredCount: 4 }), target("service/c/xweb")]), 730);
    });

    it("a public IP per task when assignPublicIp is true, none for zero tasks", () => {
        const td = taskDef({ requiresCompatibilities: ["FARGATE"] });
        const svc = service({ desiredCount: 3, networkConfiguration: JSON.stringify({ assignPublicIp: true }) });
        assert.deepStrictEqual(ecsServiceLines(ctxOf([td, svc]).ctx)[2], hourly(svc, "publicIpv4Hour", 3, "web: a public IPv4 address per task (assignPublicIp)"));
        assert.deepStrictEqual(ecsServiceLines(ctxOf([td, service({ desiredCount: 0, networkConfiguration: { assignPublicIp: true } })]).ctx), []);
        assert.equal(ecsServiceLines(ctxOf([td, service({ desiredCount: 3, networkConfiguration: { assignPublicIp: "true" } })]).ctx).length, 2);
    });
});

describe("cost units: ECS Express Mode", () => {
    const EXPRESS = "aws:ecs/expressGatewayService:ExpressGatewayService";
    const note = (name: string, azs: number) => `${name}: ECS Express Mode's load balancer is priced as one ALB per service, across ${azs} AZs; whether Express services share one ALB is not confirmed, so this may count it more than once.`;

    it("defaults: one task of 1 vCPU / 2 GB, an ALB with two addresses, its capacity units, all made by Express Mode", () => {
        const r = res(EXPRESS, "api", {}, { urn: "urn:pulumi:s::berth::berth:index:Service$aws:ecs/expressGatewayService:ExpressGatewayService::api-express" });
        const { ctx, notes } = ctxOf([r]);
        assert.deepStrictEqual(expressLines(ctx), [
            ...fargateLines(r, "api", { vcpu: 1, gb: 2, arm: false }, 1, 0, "ECS Express Mode"),
            hourly(r, "albHour", 1, "api: the Application Load Balancer Express Mode makes", "ECS Express Mode"),
            hourly(r, "publicIpv4Hour", 2, "api: the load balancer's public IPv4 addresses, one per AZ", "ECS Express Mode"),
            priced(r, "albLcuHour", 29.2, "api: the Express Mode load balancer's capacity units at 1 requests/s and 10 GB a month", false, "ECS Express Mode"),
        ]);
        assert.deepStrictEqual(notes, [note("api-express", 2)]);
    });

    it("its size, scaling target (minimum or midpoint) and subnets are read", () => {
        const r = res(EXPRESS, "api", { cpu: "512", memory: 1024, scalingTargets: JSON.stringify([{ minTaskCount: 2, maxTaskCount: "6" }]), networkConfigurations: [{ subnets: ["a", "b", "c"] }] });
        const min = ctxOf([r]);
        assert.deepStrictEqual(
            expressLines(min.ctx).map((l) => [l.description, l.quantity]),
            [
                ["api: 2 tasks × 0.5 vCPU / 1 GB on Fargate (x86), vCPU", 730],
                ["api: 2 tasks × 0.5 vCPU / 1 GB on Fargate (x86), memory", 1460],
                ["api: the Application Load Balancer Express Mode makes", 730],
                ["api: the load balancer's public IPv4 addresses, one per AZ", 2190],
                ["api: the Express Mode load balancer's capacity units at 1 requests/s and 10 GB a month", 29.2],
            ],
        );
        assert.deepStrictEqual(min.notes, [note("api", 3)]);
        assert.equal(expressLines(ctxOf([r], { scaledTasks: "midpoint" }).ctx)[0].quantity, 4 * 0.5 * 730);
        const onlyMin = res(EXPRESS, "m", { scalingTargets: [{ minTaskCount: 3 }] });
        assert.equal(expressLines(ctxOf([onlyMin], { scaledTasks: "midpoint" }).ctx)[0].quantity, 3 * 730);
    });
});
