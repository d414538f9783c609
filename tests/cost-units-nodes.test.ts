// GIVEN handmade node groups, Auto Scaling groups, Karpenter pools, Deployments on EKS Fargate
// profiles and App Runner services at their edges, WHEN the node line builders read them, THEN each
// gives its exact lines and notes.
import { strict as assert } from "node:assert";
import { appRunnerLines, autoScalingLines, eksFargateLines, fargatePodSize, karpenterLines, selfManagedNodeLines } from "../cost/lines-nodes";
import type { Usage } from "../cost/usage";
import type { PlannedResource } from "../start/types";
import { res } from "./handmade-plans";
import { costContext } from "./cost-context";

const ctxOf = (resources: PlannedResource[], usage: Partial<Usage> = {}) => costContext(resources, { usage });

const summary = (lines: ReadonlyArray<{ description: string; quantity: number }>) => lines.map((l) => [l.description, l.quantity]);

describe("cost units: instances", () => {
    it("a fractional count is written to two decimals; no disk without a size or without instances", () => {
        const pool = res("kubernetes:karpenter.sh/v1:NodePool", "p", { spec: { template: { spec: { requirements: [{ key: "node.kubernetes.io/instance-type", values: ["t3.medium"] }] } } } });
        assert.deepStrictEqual(summary(karpenterLines(ctxOf([pool], { karpenterNodes: 1 / 3 }).ctx)), [["p: Karpenter nodes, 0.33 on average: 0.33 × t3.medium on demand", 243.3333]]);
        const g = res("eks:index:NodeGroupV2", "g", { desiredCapacity: 2, nodeRootVolumeSize: 0 });
        assert.deepStrictEqual(summary(selfManagedNodeLines(ctxOf([g]).ctx)), [["g: 2 × t3.medium on demand", 1460]]);
    });

    it("a mixed instances policy without a type or template is noted as such, and not priced", () => {
        const asg = res("aws:autoscaling/group:Group", "m", { desiredCapacity: 1, mixedInstancesPolicy: { launchTemplate: {} } });
        const { ctx, notes } = ctxOf([asg]);
        assert.deepStrictEqual(autoScalingLines(ctx), []);
        assert.deepStrictEqual(notes, ["m: its instances are priced on demand at their first type; a Spot share would cost less.", "m: instance type (unknown) has no price in cost/ec2-prices.ts, so its instances are not priced."]);
    });

    it("a mixed policy without overrides takes its template's type", () => {
        const lt = res("aws:ec2/launchTemplate:LaunchTemplate", "lt", { instanceType: "t3.small" }, { id: "lt-1" });
        const asg = res("aws:autoscaling/group:Group", "m", { minSize: 2, mixedInstancesPolicy: JSON.stringify({ launchTemplate: { launchTemplateSpecification: { launchTemplateId: "lt-1" } } }) });
        const { ctx, notes } = ctxOf([lt, asg]);
        assert.deepStrictEqual(summary(autoScalingLines(ctx)), [["m: 2 × t3.small on demand", 1460]]);
        assert.deepStrictEqual(notes, ["m: its instances are priced on demand at t3.small; a Spot share would cost less."]);
    });
});

describe("cost units: EKS Fargate pods", () => {
    const profile = (selectors: unknown[]) => res("aws:eks/fargateProfile:FargateProfile", "fp", { clusterName: "c", selectors });
    const deployment = (name: string, namespace: string, opts: { labels?: Record<string, string>; replicas?: unknown; containers?: unknown[] } = {}) =>
        res("kubernetes:apps/v1:Deployment", `${name}-deployment`, {
            metadata: { name, namespace },
            spec: {
                ...(opts.replicas === undefined ? {} : { replicas: opts.replicas }),
                template: {
                    metadata: { labels: opts.labels ?? {} },
                    spec: { containers: opts.containers ?? [{ resources: { requests: { cpu: "250m", memory: "256Mi" } } }, { resources: { limits: { cpu: "0.25", memory: "256Mi" } } }] },
                },
            },
        });
    const label = (name: string, vcpu: number, mib: number) => `${name}-deployment (pods of ${vcpu} vCPU / ${mib} MiB + 256 MiB)`;
    const hpa = (name: string, namespace: string, spec: Record<string, unknown>) => res("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", `${name}-hpa`, { metadata: { namespace }, spec: { scaleTargetRef: { name }, ...spec } });

    it("containers' requests (or limits) summed, plus 256 MiB, at the next Fargate size; replicas or one pod", () => {
        const d = deployment("web", "web", { replicas: "2" });
        assert.deepStrictEqual(summary(eksFargateLines(ctxOf([profile([{ namespace: "web" }]), d]).ctx)), [
            [`${label("web", 0.5, 512)}: 2 pods × 0.5 vCPU / 1 GB on Fargate (x86), vCPU`, 730],
            [`${label("web", 0.5, 512)}: 2 pods × 0.5 vCPU / 1 GB on Fargate (x86), memory`, 1460],
        ]);
        const one = deployment("one", "web", { containers: [{ resources: { requests: { cpu: "1" }, limits: { memory: "4Gi" } } }] });
        assert.deepStrictEqual(summary(eksFargateLines(ctxOf([profile([{ namespace: "web" }]), one]).ctx))[0], [`${label("one", 1, 0)}: 1 pod × 1 vCPU / 2 GB on Fargate (x86), vCPU`, 730]);
    });

    it("a selector takes its namespace and all its labels; no profile, no pods priced", () => {
        const d = deployment("web", "web", { labels: { app: "web", tier: "front" } });
        const count = (selectors: unknown[]) => eksFargateLines(ctxOf([profile(selectors), d]).ctx).length;
        assert.equal(count([{ namespace: "web", labels: { app: "web" } }]), 2);
        assert.equal(count([{ namespace: "web", labels: { app: "web", tier: "front" } }]), 2);
        assert.equal(count([{ namespace: "web", labels: { app: "api" } }]), 0);
        assert.equal(count([{ namespace: "api" }]), 0);
        assert.equal(count([{ namespace: "api" }, { namespace: "web" }]), 2);
        assert.equal(count([]), 0);
        assert.deepStrictEqual(eksFargateLines(ctxOf([d]).ctx), []);
    });

    it("a HorizontalPodAutoscaler of the same name and namespace sets the pods: its minimum, or the midpoint", () => {
        const d = deployment("web", "web", { replicas: 5 });
        const p = profile([{ namespace: "web" }]);
        const pods = (resources: PlannedResource[], usage: Partial<Usage> = {}) => eksFargateLines(ctxOf([p, d, ...resources], usage).ctx)[0].quantity / (0.5 * 730);
        assert.equal(pods([]), 5);
        assert.equal(pods([hpa("web", "web", { minReplicas: 2, maxReplicas: "6" })]), 2);
        assert.equal(pods([hpa("web", "web", { minReplicas: 2, maxReplicas: 6 })], { scaledTasks: "midpoint" }), 4);
        assert.equal(pods([hpa("web", "web", { maxReplicas: 3 })], { scaledTasks: "midpoint" }), 2);
        assert.equal(pods([hpa("web", "web", { minReplicas: 3 })], { scaledTasks: "midpoint" }), 3);
        assert.equal(pods([hpa("web", "web", {})]), 1);
        assert.equal(pods([hpa("web", "other", { minReplicas: 2 })]), 5);
        assert.equal(pods([hpa("api", "web", { minReplicas: 2 })]), 5);
    });

    it("pods larger than Fargate's largest are noted, not priced", () => {
        const big = deployment("big", "web", { containers: [{ resources: { requests: { cpu: "5", memory: "1Gi" } } }] });
        const { ctx, notes } = ctxOf([profile([{ namespace: "web" }]), big]);
        assert.deepStrictEqual(eksFargateLines(ctx), []);
        assert.deepStrictEqual(notes, ["big-deployment: its pods ask for more than Fargate's largest pod, so they are not priced."]);
        assert.equal(fargatePodSize(4.01, 1024), undefined);
        assert.deepStrictEqual(fargatePodSize(0, 0), { vcpu: 0.25, gb: 0.5 });
        assert.deepStrictEqual(fargatePodSize(1, 512), { vcpu: 1, gb: 2 });
        assert.deepStrictEqual(fargatePodSize(0.26, 512), { vcpu: 0.5, gb: 1 });
        assert.deepStrictEqual(fargatePodSize(0.5, 4096), { vcpu: 0.5, gb: 4 });
        assert.deepStrictEqual(fargatePodSize(0.5, 4097), { vcpu: 1, gb: 5 });
    });
});

describe("cost units: App Runner", () => {
    const SERVICE = "aws:apprunner/service:Service";
    const CONFIG = "aws:apprunner/autoScalingConfigurationVersion:AutoScalingConfigurationVersion";

    it("the scaling configuration is matched by its whole name in the ARN", () => {
        const cfg = res(CONFIG, "c", { autoScalingConfigurationName: "web", minSize: 3 });
        const other = res(SERVICE, "s", { autoScalingConfigurationArn: "arn:aws:apprunner:us-east-1:1:autoscalingconfiguration/web-scale/1/abc" });
        assert.equal(appRunnerLines(ctxOf([cfg, other]).ctx)[0].description, "s: 1 instance × 1 vCPU / 1 GB, memory (provisioned or active)");
        const mine = res(SERVICE, "s", { autoScalingConfigurationArn: "arn:aws:apprunner:us-east-1:1:autoscalingconfiguration/web/1/abc" });
        assert.equal(appRunnerLines(ctxOf([cfg, mine]).ctx)[0].description, "s: 3 instances × 1 vCPU / 1 GB, memory (provisioned or active)");
    });

    it("sizes as '0.25 vCPU' / '2 GB', as units or MB, or odd text", () => {
        const size = (cpu: unknown, memory: unknown) => appRunnerLines(ctxOf([res(SERVICE, "s", { instanceConfiguration: { cpu, memory } })]).ctx)[0].description;
        assert.equal(size("0.25 vCPU", "2 GB"), "s: 1 instance × 0.25 vCPU / 2 GB, memory (provisioned or active)");
        assert.equal(size(2048, "3072"), "s: 1 instance × 2 vCPU / 3 GB, memory (provisioned or active)");
        assert.equal(size("vCPU", "lots"), "s: 1 instance × 0 vCPU / 1 GB, memory (provisioned or active)");
        assert.equal(size("1vCPU", " 4 GB "), "s: 1 instance × 1 vCPU / 4 GB, memory (provisioned or active)");
    });
});
