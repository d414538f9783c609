// What the team operates and how each platform scales (plan/report/ops.ts), read from small
// hand-made plans built inside each test.
import { strict as assert } from "assert";
import { opsFacts, scalingFacts } from "../plan/report/ops";
import { planOf, res } from "./handmade-plans";

describe("what the team operates (opsFacts)", () => {
    it("names the EC2 capacity and images of every kind, leaving out a NAT instance's own group", () => {
        const nat = res("berth:network:NatInstance", "net-nat", {}, { component: true });
        const plan = planOf([
            nat,
            res("aws:autoscaling/group:Group", "net-nat-asg", {}, { parent: nat.urn }),
            res("aws:autoscaling/group:Group", "ecs-asg", {}),
            res("aws:autoscaling/group:Group", "other-asg", {}, { parent: "urn:pulumi:s::berth::berth:ecs:Cluster::ecs" }),
            res("aws:autoscaling/group:Group", "odd-asg", {}, { parent: "odd" }),
            res("eks:index:ManagedNodeGroup", "general", {}, { component: true }),
            res("eks:index:NodeGroupV2", "self", { amiId: "ami-123" }, { component: true }),
            res("eks:index:NodeGroupV2", "self-default", {}, { component: true }),
            res("kubernetes:karpenter.sh/v1:NodePool", "burst", {}),
            res("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "burst-class", { spec: { amiSelectorTerms: [{ alias: "al2023@latest" }, { id: "ami-9" }, {}] } }),
            res("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "bare-class", {}),
            res("aws:ec2/launchTemplate:LaunchTemplate", "ecs-lt", { imageId: "resolve:ssm:/aws/ecs/resolve:ssm:x" }),
            res("aws:ec2/launchTemplate:LaunchTemplate", "pinned-lt", { imageId: "ami-1-resolve:ssm:x" }),
            res("aws:ec2/launchTemplate:LaunchTemplate", "no-image-lt", {}),
        ]);
        const o = opsFacts(plan);
        assert.deepEqual(o.nodes, [
            "Auto Scaling group ecs-asg",
            "Auto Scaling group other-asg",
            "Auto Scaling group odd-asg",
            "managed node group general",
            "self-managed node group self",
            "self-managed node group self-default",
            "Karpenter node pool burst",
        ]);
        assert.deepEqual(o.amis, [
            "bare-class: ",
            "burst-class: al2023@latest, ami-9, ?",
            "ecs-lt: SSM /aws/ecs/resolve:ssm:x",
            "general: AL2023 latest release",
            "pinned-lt: ami-1-resolve:ssm:x",
            "self-default: the EKS-optimised AMI",
            "self: ami-123",
        ]);
        assert.equal(o.natInstances, 1);
        assert.equal(o.controlPlane, undefined);
        assert.equal(o.privateEndpoint, false);
    });

    it("reads the control plane, its endpoint, the Helm releases and the add-ons, sorted", () => {
        const plan = planOf([
            res("aws:eks/cluster:Cluster", "raw", { version: "1.35", endpointPublicAccess: true }),
            res("kubernetes:helm.sh/v3:Release", "z-release", { chart: "charts/zeta" }),
            res("kubernetes:helm.sh/v3:Release", "a-release", {}),
            res("aws:eks/addon:Addon", "vpc-cni", { addonName: "vpc-cni" }),
            res("aws:eks/addon:Addon", "b-addon", {}),
        ]);
        assert.deepEqual(opsFacts(plan), { nodes: [], amis: [], controlPlane: "EKS 1.35", helmReleases: ["a-release", "zeta"], addons: ["b-addon", "vpc-cni"], privateEndpoint: false, natInstances: 0 });
        const quiet = opsFacts(planOf([res("aws:eks/cluster:Cluster", "raw", { endpointPublicAccess: false })]));
        assert.deepEqual([quiet.controlPlane, quiet.privateEndpoint], ["EKS (default version)", true]);
        // eks:index:Cluster first: the component's version, not the raw cluster's.
        const both = opsFacts(planOf([res("aws:eks/cluster:Cluster", "raw", { version: "1.30" }), res("eks:index:Cluster", "eks", { version: "1.36" }, { component: true })]));
        assert.equal(both.controlPlane, "EKS 1.36");
    });
});

describe("how a platform scales (scalingFacts)", () => {
    it("reads each service's autoscaler and range, by service name, sorted", () => {
        const plan = planOf([
            res("aws:appautoscaling/target:Target", "web-target", { serviceNamespace: "ecs", minCapacity: 2, maxCapacity: 8 }),
            res("aws:appautoscaling/target:Target", "table-target", { serviceNamespace: "dynamodb", minCapacity: 1, maxCapacity: 2 }),
            res("aws:appautoscaling/target:Target", "bare-target-x-target", { serviceNamespace: "ecs" }),
            res("aws:ecs/service:Service", "web-service", { desiredCount: 2 }),
            res("aws:ecs/service:Service", "fixed-service-a-service", { desiredCount: 3 }),
            res("aws:ecs/service:Service", "one-service", {}),
            // Scaled by its target: no fixed count as well.
            res("aws:ecs/service:Service", "bare-target-x-service", {}),
            res("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "api-hpa-x-hpa", {}),
            res("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "other-hpa", { spec: { scaleTargetRef: { name: "front" }, minReplicas: 2, maxReplicas: 5 } }),
            res("kubernetes:apps/v1:Deployment", "front-deployment", { metadata: { name: "front" }, spec: { replicas: 2 } }),
            res("kubernetes:apps/v1:Deployment", "jobs-deployment-a-deployment", {}),
            res("kubernetes:apps/v1:Deployment", "named-deployment", { metadata: { name: "named" }, spec: { replicas: 4 } }),
            res("aws:ecs/expressGatewayService:ExpressGatewayService", "exp-service-b-service", { scalingTargets: [{ minTaskCount: 1, maxTaskCount: 3 }] }),
            res("aws:ecs/expressGatewayService:ExpressGatewayService", "plain-service", {}),
            res("aws:apprunner/autoScalingConfigurationVersion:AutoScalingConfigurationVersion", "run-scaling-c-scaling", { minSize: 1, maxSize: 25 }),
        ]);
        assert.deepEqual(scalingFacts(plan).tasks, [
            "HPA api-hpa-x 1-?",
            "service auto scaling bare-target-x 1-?",
            "Express auto scaling exp-service-b 1-3",
            "fixed-service-a fixed at 3 task(s)",
            "HPA front 2-5",
            "jobs-deployment-a fixed at 1 pod(s)",
            "named fixed at 4 pod(s)",
            "one fixed at 1 task(s)",
            "Express plain default scaling",
            "App Runner concurrency scaling run-scaling-c 1-25",
            "service auto scaling web 2-8",
        ]);
    });

    it("says what adds capacity: ECS capacity providers, Fargate, Karpenter, Cluster Autoscaler, fixed node groups, AWS", () => {
        const nodes = (...resources: ReturnType<typeof res>[]) => scalingFacts(planOf(resources)).nodes;
        const provider = (name: string, managedScaling?: object) => res("aws:ecs/capacityProvider:CapacityProvider", name, managedScaling ? { autoScalingGroupProvider: { managedScaling } } : {});
        const providers = (...capacityProviders: string[]) => res("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "cps", capacityProviders.length ? { capacityProviders } : {});
        assert.equal(
            nodes(provider("cp", { status: "ENABLED", targetCapacity: 90 }), provider("off", { status: "DISABLED" }), provider("bare"), providers("cp", "FARGATE_SPOT")),
            "ECS capacity provider cp (managed scaling, target 90%); ECS capacity provider off (no managed scaling); ECS capacity provider bare (no managed scaling); none for Fargate tasks: AWS places each task",
        );
        assert.equal(nodes(providers("cp", "X_FARGATE")), "none recorded");
        assert.equal(nodes(providers()), "none recorded");
        const group = res("eks:index:ManagedNodeGroup", "general", {}, { component: true });
        const self = res("eks:index:NodeGroupV2", "self", {}, { component: true });
        assert.equal(nodes(group, self), "nothing resizes node groups general, self: their size is fixed");
        assert.equal(nodes(group, res("kubernetes:karpenter.sh/v1:NodePool", "p", {})), "Karpenter adds and removes nodes");
        assert.equal(nodes(self, res("kubernetes:helm.sh/v3:Release", "x", {}), res("kubernetes:helm.sh/v3:Release", "ca", { chart: "autoscaler/cluster-autoscaler" })), "Cluster Autoscaler resizes node groups");
        assert.equal(nodes(self, res("kubernetes:helm.sh/v3:Release", "x", {})), "nothing resizes node groups self: their size is fixed");
        // Fargate pods beside a fixed node group: the group is still fixed.
        assert.equal(nodes(group, res("aws:eks/fargateProfile:FargateProfile", "fp", {})), "none for Fargate pods: AWS runs each pod on its own capacity; nothing resizes node groups general: their size is fixed");
        assert.equal(nodes(res("aws:eks/fargateProfile:FargateProfile", "fp", {})), "none for Fargate pods: AWS runs each pod on its own capacity");
        assert.equal(nodes(res("aws:ecs/expressGatewayService:ExpressGatewayService", "e", {})), "none: AWS runs the capacity");
        assert.equal(nodes(res("aws:apprunner/service:Service", "a", {})), "none: AWS runs the capacity");
        assert.equal(scalingFacts(planOf([], { platform: "kubernetes" })).nodes, "the existing cluster's own (outside this stack)");
        assert.equal(scalingFacts(planOf([res("aws:apprunner/service:Service", "a", {})], { platform: "kubernetes" })).nodes, "none: AWS runs the capacity");
    });
});
