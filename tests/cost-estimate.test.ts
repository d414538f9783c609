// GIVEN handmade resource sets, WHEN the cost estimate reads them, THEN each line is the exact
// figure from cost/prices.ts (730 hours a month), fixed and usage apart, and what AWS or a
// controller makes at run time is counted from its cause and marked madeBy.
import { strict as assert } from "node:assert";
import { estimateCost, CostReport, DEFAULT_USAGE, usageOf } from "../cost";
import { UNKNOWN_CLUSTER_NOTE } from "../cost/estimate";
import { ec2Hourly } from "../cost/ec2-prices";
import { PRICES } from "../cost/prices";
import { fargatePodSize } from "../cost/lines-nodes";
import { spotTasks } from "../cost/lines-ecs";
import type { PlannedResource } from "../plan/engine";
import { res } from "./handmade-plans";

const H = 730;
const near = (actual: number, expected: number, what = "") => assert.ok(Math.abs(actual - expected) < 1e-3, `${what}: ${actual} is not ${expected}`);
const estimate = (resources: PlannedResource[], platform = "ecs-fargate", usage = DEFAULT_USAGE): CostReport => estimateCost(resources, { region: "us-east-1", platform, usage });
const total = (r: CostReport, pred: (l: CostReport["lines"][number]) => boolean) => r.lines.filter(pred).reduce((s, l) => s + l.monthly, 0);

/** A Fargate service of `cpu` units and `memory` MiB, with its task definition. */
function fargateService(opts: { cpu?: number; memory?: number; count?: number; arm?: boolean; strategy?: unknown[]; publicIp?: boolean } = {}): PlannedResource[] {
    return [
        res("aws:ecs/taskDefinition:TaskDefinition", "web-taskdef", {
            family: "s-web",
            cpu: String(opts.cpu ?? 512),
            memory: String(opts.memory ?? 1024),
            requiresCompatibilities: ["FARGATE"],
            runtimePlatform: { cpuArchitecture: opts.arm ? "ARM64" : "X86_64", operatingSystemFamily: "LINUX" },
        }),
        res("aws:ecs/service:Service", "web-service", {
            desiredCount: opts.count ?? 2,
            taskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/s-web:1",
            capacityProviderStrategies: opts.strategy ?? [{ capacityProvider: "FARGATE", base: 0, weight: 1 }],
            networkConfiguration: { assignPublicIp: opts.publicIp ?? false },
        }),
    ];
}

describe("cost estimate: ECS on Fargate", () => {
    it("a service of 0.5 vCPU / 1 GB × 2 tasks costs exactly 2 × 730 × (0.5 × vCPU + 1 × GB)", () => {
        const r = estimate(fargateService());
        const expected = 2 * H * (0.5 * PRICES.fargateVcpuHourX86.usd + 1 * PRICES.fargateGbHourX86.usd);
        near(expected, 36.0401, "the figure itself");
        near(
            total(r, () => true),
            expected,
            "lines",
        );
        assert.equal(r.monthly, 36.04);
        assert.equal(r.fixed, 36.04);
        assert.equal(r.usage, 0);
        assert.deepEqual(
            r.lines.map((l) => [l.unit, l.quantity, l.unitPrice, l.fixed]),
            [
                [PRICES.fargateVcpuHourX86.unit, 730, 0.04048, true],
                [PRICES.fargateGbHourX86.unit, 1460, 0.004445, true],
            ],
        );
        assert.deepEqual(Object.keys(r), ["currency", "region", "priceDate", "monthly", "fixed", "usage", "lines", "notes"]);
    });

    it("ARM tasks take the ARM prices", () => {
        const r = estimate(fargateService({ arm: true }));
        near(
            total(r, () => true),
            2 * H * (0.5 * PRICES.fargateVcpuHourArm.usd + PRICES.fargateGbHourArm.usd),
        );
        assert.ok(r.lines.every((l) => l.description.includes("(ARM)")));
    });

    it("the Spot share follows the strategy: base first, then the weights; Spot at 33 % of on-demand", () => {
        assert.equal(
            spotTasks(4, [
                { capacityProvider: "FARGATE", base: 1, weight: 1 },
                { capacityProvider: "FARGATE_SPOT", base: 0, weight: 2 },
            ]),
            2,
        );
        assert.equal(
            spotTasks(1, [
                { capacityProvider: "FARGATE", base: 1, weight: 1 },
                { capacityProvider: "FARGATE_SPOT", base: 0, weight: 3 },
            ]),
            0,
        );
        const strategy = [
            { capacityProvider: "FARGATE", base: 1, weight: 1 },
            { capacityProvider: "FARGATE_SPOT", base: 0, weight: 2 },
        ];
        const r = estimate(fargateService({ count: 4, strategy }));
        const perTask = H * (0.5 * PRICES.fargateVcpuHourX86.usd + PRICES.fargateGbHourX86.usd);
        near(
            total(r, (l) => !l.description.includes("Spot")),
            2 * perTask,
            "on demand",
        );
        near(
            total(r, (l) => l.description.includes("Spot")),
            2 * perTask * (1 - PRICES.fargateSpotDiscount.usd),
            "Spot",
        );
    });

    it("an autoscaled service runs its minimum by default, the midpoint when berth:usage says so", () => {
        const target = res("aws:appautoscaling/target:Target", "web-target", { serviceNamespace: "ecs", resourceId: "service/c/web-service", minCapacity: 1, maxCapacity: 5 });
        const perTask = H * (0.5 * PRICES.fargateVcpuHourX86.usd + PRICES.fargateGbHourX86.usd);
        near(
            total(estimate([...fargateService(), target]), () => true),
            perTask,
        );
        near(
            total(estimate([...fargateService(), target], "ecs-fargate", usageOf({ scaledTasks: "midpoint" })), () => true),
            3 * perTask,
        );
    });

    it("a task with a public IP pays for its address; a service on EC2 is billed as its instances", () => {
        const r = estimate(fargateService({ publicIp: true }));
        near(
            total(r, (l) => l.unit === PRICES.publicIpv4Hour.unit),
            2 * H * 0.005,
        );
        assert.deepEqual(estimate(fargateService({ strategy: [{ capacityProvider: "ec2-cp", base: 0, weight: 1 }] })).lines, []);
    });
});

describe("cost estimate: the network", () => {
    it("an internet-facing ALB in 2 AZs: its hours and addresses are fixed, its LCUs usage", () => {
        const r = estimate([res("aws:lb/loadBalancer:LoadBalancer", "alb-lb", { loadBalancerType: "application", internal: false, subnets: ["a", "b"] })]);
        near(
            total(r, (l) => l.unit === "ALB-hour"),
            H * 0.0225,
        );
        near(
            total(r, (l) => l.unit === PRICES.publicIpv4Hour.unit),
            2 * H * 0.005,
        );
        // 1 request/s is 0.04 LCU (25 new connections/s), above 10 GB a month (0.0137 GB an hour).
        near(
            total(r, (l) => l.unit === "LCU-hour"),
            (1 / 25) * H * 0.008,
        );
        assert.equal(r.lines.find((l) => l.unit === "LCU-hour")?.fixed, false);
        // The stack's data out is priced once, on the load balancer.
        near(
            total(r, (l) => l.unit.startsWith("GB out")),
            10 * 0.09,
        );
        assert.equal(r.fixed, Math.round((H * 0.0225 + 2 * H * 0.005) * 100) / 100);
    });

    it("a NAT gateway inside awsx's VPC is counted from its inputs: hourly and its address fixed, the GB it processes usage", () => {
        const vpc = (strategy: string, azs = 2) => res("awsx:ec2:Vpc", "net-vpc", { natGateways: { strategy }, numberOfAvailabilityZones: azs }, { component: true });
        const single = estimate([vpc("Single")]);
        near(
            total(single, (l) => l.unit === "NAT gateway-hour"),
            H * 0.045,
        );
        near(
            total(single, (l) => l.unit === PRICES.publicIpv4Hour.unit),
            H * 0.005,
        );
        near(
            total(single, (l) => l.unit.startsWith("GB processed by a NAT")),
            10 * 0.045,
        );
        near(
            total(estimate([vpc("OnePerAz", 3)]), (l) => l.unit === "NAT gateway-hour"),
            3 * H * 0.045,
        );
        assert.deepEqual(estimate([vpc("None")]).lines, []);
    });

    it("an interface endpoint bills per AZ; a gateway endpoint is free", () => {
        const r = estimate([
            res("aws:ec2/vpcEndpoint:VpcEndpoint", "ecr-api", { vpcEndpointType: "Interface", subnetIds: ["a", "b"], serviceName: "com.amazonaws.us-east-1.ecr.api" }),
            res("aws:ec2/vpcEndpoint:VpcEndpoint", "s3", { vpcEndpointType: "Gateway" }),
        ]);
        near(r.monthly, 2 * H * 0.01);
    });
});

describe("cost estimate: EKS", () => {
    const cluster = (version: string) => res("eks:index:Cluster", "eks", { version }, { component: true });
    const nodes = res("eks:index:ManagedNodeGroup", "general", { instanceTypes: ["t3.medium"], scalingConfig: { desiredSize: 2, minSize: 2, maxSize: 4 }, launchTemplate: { id: "lt-1" } }, { component: true });
    const template = res("aws:ec2/launchTemplate:LaunchTemplate", "general-lt", { blockDeviceMappings: [{ ebs: { volumeSize: 20, volumeType: "gp3" } }] }, { id: "lt-1" });

    it("a cluster and a managed node group of 2 × t3.medium with 20 GB gp3 each", () => {
        const r = estimate([cluster("1.36"), nodes, template], "eks");
        const expected = H * 0.1 + 2 * H * ec2Hourly("t3.medium")! + 2 * 20 * 0.08;
        near(
            total(r, () => true),
            expected,
        );
        assert.equal(r.fixed, Math.round(expected * 100) / 100);
        assert.match(r.lines[0].description, /standard support/);
    });

    it("a version past standard support on the price date pays extended support; an unknown one standard", () => {
        near(estimate([cluster("1.33")], "eks").monthly, H * 0.6);
        near(estimate([cluster("9.99")], "eks").monthly, H * 0.1);
    });

    it("an EKS Fargate pod is its requests plus 256 MiB, rounded up to a Fargate size: on the limit, and one past it", () => {
        assert.deepEqual(fargatePodSize(0.25, 512), { vcpu: 0.25, gb: 0.5 });
        assert.deepEqual(fargatePodSize(0.25, 513), { vcpu: 0.25, gb: 1 });
        assert.deepEqual(fargatePodSize(0.25, 2048), { vcpu: 0.25, gb: 2 });
        assert.deepEqual(fargatePodSize(0.25, 2049), { vcpu: 0.5, gb: 3 });
        assert.deepEqual(fargatePodSize(4, 30720), { vcpu: 4, gb: 30 });
        assert.equal(fargatePodSize(4, 30721), undefined);
        const deployment = (memory: string) =>
            res("kubernetes:apps/v1:Deployment", "web-deployment", {
                metadata: { name: "web", namespace: "web" },
                spec: { replicas: 2, template: { metadata: { labels: {} }, spec: { containers: [{ resources: { requests: { cpu: "250m", memory } } }] } } },
            });
        const profile = res("aws:eks/fargateProfile:FargateProfile", "profile", { clusterName: "c", selectors: [{ namespace: "web" }] });
        const pods = (memory: string) => total(estimate([profile, deployment(memory)], "eks"), () => true);
        near(pods("256Mi"), 2 * H * (0.25 * PRICES.fargateVcpuHourX86.usd + 0.5 * PRICES.fargateGbHourX86.usd), "256Mi + 256Mi = 0.5 GB");
        near(pods("257Mi"), 2 * H * (0.25 * PRICES.fargateVcpuHourX86.usd + 1 * PRICES.fargateGbHourX86.usd), "257Mi + 256Mi rounds up to 1 GB");
        assert.deepEqual(estimate([deployment("256Mi")], "eks").lines, [], "no profile: the pods run on nodes, priced as the nodes");
    });

    it("an Ingress group is one ALB made by the AWS Load Balancer Controller, counted from its Ingresses", () => {
        const ingress = (name: string, group?: string) =>
            res("kubernetes:networking.k8s.io/v1:Ingress", name, {
                metadata: { annotations: { ...(group ? { "alb.ingress.kubernetes.io/group.name": group } : {}), "alb.ingress.kubernetes.io/scheme": "internet-facing", "alb.ingress.kubernetes.io/subnets": "a,b" } },
            });
        const r = estimate([ingress("web-ingress", "g"), ingress("api-ingress", "g"), ingress("solo-ingress")], "eks");
        const albs = r.lines.filter((l) => l.unit === "ALB-hour");
        assert.equal(albs.length, 2, "one for the group, one for the Ingress without a group");
        assert.ok(albs.every((l) => l.madeBy === "AWS Load Balancer Controller" && l.type === "kubernetes:networking.k8s.io/v1:Ingress"));
        near(
            total(r, (l) => l.unit === PRICES.publicIpv4Hour.unit),
            2 * 2 * H * 0.005,
        );
        const nlb = estimate([res("kubernetes:core/v1:Service", "tcp", { spec: { type: "LoadBalancer" } })], "eks");
        assert.equal(nlb.lines.find((l) => l.unit === "NLB-hour")?.madeBy, "AWS Load Balancer Controller");
    });

    it("Karpenter's nodes are usage: the average node count, capped by the pool's limit, at its cheapest type", () => {
        const pool = res("kubernetes:karpenter.sh/v1:NodePool", "burst", {
            spec: { limits: { nodes: "2" }, template: { spec: { requirements: [{ key: "node.kubernetes.io/instance-type", operator: "In", values: ["m5.large", "t3.medium"] }] } } },
        });
        const one = estimate([pool], "eks");
        assert.equal(one.lines[0].madeBy, "Karpenter");
        assert.equal(one.fixed, 0);
        near(
            total(one, () => true),
            H * ec2Hourly("t3.medium")!,
        );
        near(
            total(estimate([pool], "eks", usageOf({ karpenterNodes: 5 })), () => true),
            2 * H * ec2Hourly("t3.medium")!,
            "capped at 2",
        );
    });
});

describe("cost estimate: platforms and usage", () => {
    it("on kubernetes the cluster's cost is unknown, and said so; the controller's load balancers are not guessed", () => {
        const r = estimate([res("kubernetes:networking.k8s.io/v1:Ingress", "web-ingress", { metadata: {} })], "kubernetes");
        assert.equal(r.monthly, 0);
        assert.deepEqual(r.lines, []);
        assert.deepEqual(r.notes, [UNKNOWN_CLUSTER_NOTE]);
    });

    it("an Express service is Fargate tasks and a load balancer, all made by Express Mode", () => {
        const r = estimate([res("aws:ecs/expressGatewayService:ExpressGatewayService", "web", { cpu: "1024", memory: "2048", scalingTargets: [{ minTaskCount: 1, maxTaskCount: 3 }] })], "ecs-express");
        assert.ok(r.lines.every((l) => l.madeBy === "ECS Express Mode" || l.unit.startsWith("GB out")));
        near(
            total(r, (l) => l.unit.includes("(Linux/x86)")),
            H * (PRICES.fargateVcpuHourX86.usd + 2 * PRICES.fargateGbHourX86.usd),
        );
        near(
            total(r, (l) => l.unit === "ALB-hour"),
            H * 0.0225,
        );
    });

    it("berth:usage replaces only what it names, and moves only usage lines", () => {
        const stack = [...fargateService(), res("aws:cloudwatch/logGroup:LogGroup", "web-logs", { retentionInDays: 30 }), res("aws:sqs/queue:Queue", "jobs-queue", {}), res("aws:sqs/queue:Queue", "jobs-dlq-queue", {})];
        const base = estimate(stack);
        const more = estimate(stack, "ecs-fargate", usageOf({ logGbPerGroupMonth: 10, queueMessagesPerMonth: 1_000_000 }));
        assert.equal(more.fixed, base.fixed);
        near(
            total(more, (l) => l.unit.startsWith("GB ingested")),
            10 * 0.5,
        );
        near(
            total(more, (l) => l.unit.startsWith("million requests")),
            3 * 0.4,
            "send, receive and delete; the DLQ takes none",
        );
        assert.equal(usageOf({ logGbPerGroupMonth: 10 }).natGbPerMonth, DEFAULT_USAGE.natGbPerMonth);
    });

    it("lines are sorted by monthly cost, then URN; totals are in cents", () => {
        const r = estimate([...fargateService(), res("aws:kms/key:Key", "b-key", {}), res("aws:kms/key:Key", "a-key", {})]);
        for (let i = 1; i < r.lines.length; i++) {
            const [a, b] = [r.lines[i - 1], r.lines[i]];
            assert.ok(a.monthly > b.monthly || (a.monthly === b.monthly && a.urn <= b.urn), `${a.description} before ${b.description}`);
        }
        assert.deepEqual(
            r.lines.filter((l) => l.type === "aws:kms/key:Key").map((l) => l.urn),
            ["urn:pulumi:s::berth::aws:kms/key:Key::a-key", "urn:pulumi:s::berth::aws:kms/key:Key::b-key"],
        );
        assert.equal(r.monthly, Math.round(r.monthly * 100) / 100);
    });
});
