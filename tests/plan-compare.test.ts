// `npm run plan -- --compare A B`: the rows over small hand-made plans, then over real ones.
import { strict as assert } from "assert";
import { CompareRow, comparePlans, MEANINGS, renderComparison, renderComparisonSummary } from "../plan/compare";
import { Plan } from "../plan/engine";
import { devAndProd, planOf, res } from "./handmade-plans";
import { planStackOk } from "./harness";

const VPC = "awsx:ec2:Vpc";
const SERVICE = "aws:ecs/service:Service";
const ASG = "aws:autoscaling/group:Group";

/** The rows by `kind:label` (`tasks:web`, `capacity:web`). */
function rows(a: Plan, b: Plan): Record<string, CompareRow> {
    return Object.fromEntries(comparePlans(a, b).rows.map((r) => [`${r.kind}:${r.label}`, r]));
}
const values = (a: Plan, b: Plan, row: string) => rows(a, b)[row]?.values;

describe("comparePlans", () => {
    it("reads AZs and NAT from the VPC: gateways per AZ, a single one, none, or a NAT instance", () => {
        const vpc = (inputs: Record<string, unknown>, ...more: ReturnType<typeof res>[]) => planOf([res(VPC, "net-vpc", inputs, { component: true }), ...more]);
        const instance = vpc({ numberOfAvailabilityZones: 2, natGateways: { strategy: "None" } }, res("berth:network:NatInstance", "net-nat", {}, { component: true }));
        const perAz = vpc({ numberOfAvailabilityZones: 3, natGateways: { strategy: "OnePerAz" } });
        assert.deepEqual(
            [values(instance, perAz, "azs:AZs"), values(instance, perAz, "nat:NAT")],
            [
                ["2", "3"],
                ["NAT instance", "a NAT gateway per AZ (3)"],
            ],
        );
        const single = vpc({ availabilityZoneNames: ["a", "b"], natGateways: { strategy: "Single" } });
        const none = vpc({ numberOfAvailabilityZones: 1, natGateways: { strategy: "None" } });
        assert.deepEqual(
            [values(single, none, "azs:AZs"), values(single, none, "nat:NAT")],
            [
                ["2", "1"],
                ["1 NAT gateway", "none"],
            ],
        );
        // A stack without a VPC (any Kubernetes cluster) has no such rows to give.
        assert.deepEqual(values(single, planOf([]), "nat:NAT"), ["1 NAT gateway", "—"]);
    });

    it("reads each service's tasks on every platform: desired count and autoscaling range", () => {
        const ecs = planOf([
            res(SERVICE, "web-service", { desiredCount: 2 }),
            res("aws:appautoscaling/target:Target", "web-target", { serviceNamespace: "ecs", minCapacity: 2, maxCapacity: 10 }),
            res("aws:apprunner/autoScalingConfigurationVersion:AutoScalingConfigurationVersion", "site-scaling", { minSize: 1, maxSize: 1 }),
            res("aws:ecs/expressGatewayService:ExpressGatewayService", "api-service", { scalingTargets: [{ minTaskCount: 1, maxTaskCount: 4 }] }),
        ]);
        const k8s = planOf([
            res("kubernetes:apps/v1:Deployment", "web-deployment", { metadata: { name: "web" }, spec: {} }),
            res("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "web-hpa", { spec: { scaleTargetRef: { name: "web" }, minReplicas: 3, maxReplicas: 6 } }),
            res("kubernetes:apps/v1:Deployment", "site-deployment", { metadata: { name: "site" }, spec: { replicas: 1 } }),
        ]);
        const r = rows(ecs, k8s);
        assert.deepEqual(
            ["api", "site", "web"].map((s) => r[`tasks:${s}`].values),
            [
                ["scales 1-4", "—"],
                ["1", "1"],
                ["2, scales 2-10", "scales 3-6"],
            ],
        );
        assert.deepEqual(
            ["api", "site", "web"].map((s) => r[`tasks:${s}`].differs),
            [true, false, true],
        );
    });

    it("reads capacity: provider weights by provider name, EC2 groups (not a NAT instance's), EKS node groups", () => {
        const provider = res("aws:ecs/capacityProvider:CapacityProvider", "ec2-cp", {}, { id: "ec2-cp-1a2b3c4" });
        const spot = res(SERVICE, "web-service", {
            capacityProviderStrategies: [
                { capacityProvider: "FARGATE", weight: 1, base: 1 },
                { capacityProvider: "FARGATE_SPOT", weight: 3, base: 0 },
            ],
        });
        const ec2 = res(SERVICE, "web-service", { capacityProviderStrategies: [{ capacityProvider: "ec2-cp-1a2b3c4", weight: 1 }] });
        const edge = res(SERVICE, "edge-service", { launchType: "EXTERNAL" });
        const group = res(ASG, "ec2-asg", {
            minSize: 1,
            maxSize: 8,
            mixedInstancesPolicy: { instancesDistribution: { onDemandBaseCapacity: 1, onDemandPercentageAboveBaseCapacity: 25 }, launchTemplate: { overrides: [{ instanceType: "t3.large" }, { instanceType: "m6i.large" }] } },
        });
        const natGroup = res(ASG, "net-nat-asg", { minSize: 1, maxSize: 1 }, { parent: "urn:pulumi:s::berth::berth:network:Network$berth:network:NatInstance::net-nat" });
        const nodes = res("eks:index:ManagedNodeGroup", "general", { scalingConfig: { minSize: 2, maxSize: 4, desiredSize: 2 }, instanceTypes: ["t3.medium"], capacityType: "SPOT" });
        const r = rows(planOf([spot, natGroup, nodes]), planOf([provider, ec2, edge, group]));
        assert.deepEqual(r["capacity:web"].values, ["FARGATE 1 (base 1), FARGATE_SPOT 3", "ec2-cp 1"]);
        assert.deepEqual(r["capacity:edge"].values, ["—", "launch type EXTERNAL"]);
        assert.deepEqual(r["nodes:ec2-asg"].values, ["—", "1-8, t3.large/m6i.large, on-demand base 1, 25% on-demand above it"]);
        assert.deepEqual(r["nodes:general"].values, ["2-4 (desired 2), t3.medium, spot", "—"]);
        assert.equal(r["nodes:net-nat-asg"], undefined);
    });

    it("lists protection by resource, and names the resources only one stack protects", () => {
        const dev = planOf([res("t:lb", "alb-lb", { enableDeletionProtection: false }), res("t:repo", "repo", { forceDelete: true }), res("t:logs", "logs", {})]);
        const prod = planOf([
            res("t:lb", "alb-lb", { enableDeletionProtection: true }),
            res("t:table", "items", { deletionProtectionEnabled: true }, { retainOnDelete: true }),
            res("t:repo", "repo", { forceDelete: false }, { retainOnDelete: true }),
            res("t:logs", "logs", {}, { retainOnDelete: true, protect: true }),
        ]);
        const r = rows(dev, prod);
        assert.deepEqual(
            ["deletionProtection:deletion protection", "retainOnDelete:retain on delete", "protect:protect", "forceDelete:deleted with contents"].map((l) => [r[l].values, r[l].detail]),
            [
                [["none", "2"], "only in s: alb-lb, items"],
                [["none", "3"], "only in s: items, logs, repo"],
                [["none", "1"], "only in s: logs"],
                [["1", "none"], "only in s: repo"],
            ],
        );
    });

    it("compares policies by their actions, listing only those that differ", () => {
        const policy = (name: string, ...actions: string[]) =>
            res("aws:iam/rolePolicy:RolePolicy", name, {
                policy: JSON.stringify({
                    Statement: [
                        { Effect: "Allow", Action: actions },
                        { Effect: "Deny", Action: "s3:*" },
                    ],
                }),
            });
        const attach = res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "nodes-ecr", { policyArn: "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly" });
        const r = rows(planOf([policy("same", "a:X"), policy("web", "s3:GetObject"), attach]), planOf([policy("same", "a:X"), policy("web", "s3:GetObject", "s3:PutObject")]));
        assert.equal(r["policy:same"], undefined);
        assert.deepEqual([r["policy:web"].values, r["policy:web"].detail], [["2 actions", "3 actions"], "only in s: s3:PutObject"]);
        assert.deepEqual(r["policy:nodes-ecr"].values, ["managed AmazonEC2ContainerRegistryReadOnly", "—"]);
        assert.deepEqual(r["policies:IAM and resource policies"].values, ["3", "2"]);
    });

    it("counts cloud resources and components, and lists only the types whose counts differ", () => {
        const a = planOf([res("t:a", "a1", {}), res("t:a", "a2", {}), res("t:b", "b", {}), res("c:c", "c", {}, { component: true })]);
        const b = planOf([res("t:a", "a1", {}), res("t:b", "b", {}), res("c:c", "c", {}, { component: true })]);
        const r = comparePlans(a, b).rows.filter((x) => x.section === "Resources");
        assert.deepEqual(
            r.map((x) => [x.label, x.values, x.differs]),
            [
                ["cloud resources", ["3", "2"], true],
                ["components", ["1", "1"], false],
                ["t:a", ["2", "1"], true],
            ],
        );
    });
});

describe("comparePlans over real plans", () => {
    let dev: Plan;
    let prod: Plan;
    before(async () => {
        [dev, prod] = await devAndProd();
    });

    it("dev against dev made prod: the HA and protection prod adds, row by row", () => {
        const r = rows(dev, prod);
        assert.deepEqual(
            ["environment:environment", "azs:AZs", "nat:NAT", "tasks:web", "deletionProtection:deletion protection", "retainOnDelete:retain on delete", "forceDelete:deleted with contents"].map((l) => r[l].values),
            [
                ["dev", "prod"],
                ["2", "3"],
                ["NAT instance", "a NAT gateway per AZ (3)"],
                ["1", "2"],
                ["none", "1"],
                ["none", "5"],
                ["1", "none"],
            ],
        );
        assert.deepEqual(r["capacity:cluster default"].values, ["FARGATE 0, FARGATE_SPOT 1", "FARGATE 0 (base 2), FARGATE_SPOT 1"]);
        assert.equal(r["retainOnDelete:retain on delete"].detail, "only in prod: lb-logs-bucket, registry-repo, secret-worker-API_TOKEN, web-logs, worker-logs");
        assert.deepEqual([r["platform:platform"].differs, r["region:region"].values], [false, ["us-east-1", "us-east-1"]]);
    });

    it("says what every row means, in the text and in the JSON", () => {
        const c = comparePlans(dev, prod);
        const text = renderComparison(c);
        for (const kind of new Set(c.rows.map((r) => r.kind))) {
            assert.equal(c.meanings[kind], MEANINGS[kind][1]);
            assert.ok(text.includes(`  ${MEANINGS[kind][0]}: ${MEANINGS[kind][1]}\n`) || text.endsWith(`  ${MEANINGS[kind][0]}: ${MEANINGS[kind][1]}`), `no meaning for ${kind}`);
        }
        assert.match(text, /\n {2}≠ AZs {2,}2 {2,}3\n/);
        assert.match(renderComparisonSummary(c), /^dev vs prod: \d+ of \d+ rows differ, in Stack, Network, Tasks, Capacity, Protection, Policies, Resources$/);
    });

    it("works across platforms: EKS managed against self-managed nodes", async () => {
        const r = rows(await planStackOk("eks-managed"), await planStackOk("eks-selfmanaged"));
        assert.deepEqual(r["nodes:general"].values, ["2-2 (desired 2), t3.medium/t3a.medium, spot", "2-4 (desired 2), t3.medium, on-demand"]);
        assert.deepEqual([r["tasks:web"].values, r["tasks:web"].differs], [["1", "1"], false]);
    });
});
