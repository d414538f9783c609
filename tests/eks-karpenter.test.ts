// Node autoscaling on EKS (issue 17, item 8): a karpenter group plans Karpenter (its Pod Identity
// role, interruption queue and rules, the Helm release on the managed system nodes), a node role
// joined through an EC2_LINUX access entry, and one EC2NodeClass and NodePool per group.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { hex } from "../plan/fakes";
import { eksConfig, find, inputs, json, merge, ofType, planOk, planStackOk } from "./harness";

const ROLE = "aws:iam/role:Role";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const NODE_CLASS = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";
const NODE_POOL = "kubernetes:karpenter.sh/v1:NodePool";
const QUEUE = "aws:sqs/queue:Queue";
const burst = (over: Record<string, unknown> = {}) => eksConfig({ "berth:eks": { nodeGroups: { burst: { type: "karpenter", ...over } } } });
/** Physical names are the last segment of the fake ARN. */
const nameOf = (arn: string | null, sep = "/") => String(arn).split(sep).pop();
const ENDPOINT = `https://${hex("berth-test", 32).toUpperCase()}.gr7.eu-west-1.eks.amazonaws.com`;
const CLUSTER_SG = `sg-${hex("berth-testcluster-sg", 17)}`;
const BURST = burst({ instanceTypes: ["m7g.large", "m7g.xlarge"], spot: true, maxSize: 5, rootVolumeGiB: 40, labels: { pool: "burst" } });

describe("Karpenter: the controller's identity and interruption queue", () => {
    let p: Plan;
    beforeEach(async () => (p = await planOk(BURST)));

    it("gets its role through Pod Identity, trusted only for kube-system/karpenter of this cluster", () => {
        const role = find(p, ROLE, "karpenter-role");
        assert.deepEqual(json((role.inputs as any).assumeRolePolicy).Statement[0].Condition.StringEquals, {
            "aws:RequestTag/eks-cluster-arn": "arn:aws:eks:eu-west-1:123456789012:cluster/berth-test",
            "aws:RequestTag/kubernetes-namespace": "kube-system",
            "aws:RequestTag/kubernetes-service-account": "karpenter",
        });
        const a = inputs(p, "aws:eks/podIdentityAssociation:PodIdentityAssociation", "karpenter-association");
        assert.deepEqual([a.clusterName, a.namespace, a.serviceAccount, a.roleArn], ["berth-test", "kube-system", "karpenter", role.arn]);
        assert.ok(find(p, "aws:eks/podIdentityAssociation:PodIdentityAssociation", "karpenter-association").dependencies.includes(find(p, "aws:eks/addon:Addon", "eks-pod-identity-agent").urn));
    });

    it("may pass only the Karpenter node role, read only its own queue, and tag as this cluster", () => {
        const doc = json(inputs(p, "aws:iam/rolePolicy:RolePolicy", "karpenter-policy").policy);
        const sid = (s: string) => doc.Statement.find((x: any) => x.Sid === s);
        assert.equal(sid("PassNodeRoleToEc2").Resource, find(p, ROLE, "karpenter-node-role").arn);
        assert.equal(sid("ReadInterruptionQueue").Resource, find(p, QUEUE, "karpenter-interruptions-queue").arn);
        assert.equal(sid("CreateTaggedAsNodePool").Condition.StringEquals["aws:RequestTag/kubernetes.io/cluster/berth-test"], "owned");
        assert.ok(doc.Statement.every((s: any) => [s.Action].flat().every((a: string) => !a.includes("*"))));
        // The managed policies of the old template (SSM, ECR read) are not attached to the controller.
        assert.deepEqual(
            ofType(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((x) => x.inputs.role === find(p, ROLE, "karpenter-role").id),
            [],
        );
    });

    it("keeps interruption messages five minutes, encrypted, writable by EventBridge only, and only over TLS", () => {
        const q = find(p, QUEUE, "karpenter-interruptions-queue");
        const dlq = find(p, QUEUE, "karpenter-interruptions-dlq-queue");
        assert.deepEqual({ ...(q.inputs as any), tags: undefined }, { messageRetentionSeconds: 300, sqsManagedSseEnabled: true, redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }), tags: undefined });
        const policy = inputs(p, "aws:sqs/queuePolicy:QueuePolicy", "karpenter-interruptions-policy");
        assert.equal(policy.queueUrl, `https://sqs.eu-west-1.amazonaws.com/123456789012/${nameOf(q.arn, ":")}`);
        const [send, deny] = json(policy.policy).Statement;
        // Only these rules may send: tighter than Karpenter's template, which admits any rule or queue.
        const rules = ofType(p, RULE)
            .filter((r) => r.name.startsWith("karpenter-"))
            .map((r) => r.arn);
        assert.deepEqual(send, { Sid: "NoticesFromRules", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: ["sqs:SendMessage"], Resource: q.arn, Condition: { ArnEquals: { "aws:SourceArn": rules } } });
        assert.equal(rules.length, 5);
        assert.deepEqual(deny.Condition, { Bool: { "aws:SecureTransport": "false" } });
        assert.equal(deny.Effect, "Deny");
    });

    it("forwards Spot warnings, rebalance recommendations, state changes, Health events and reservation reclaims to the queue", () => {
        const rules = ofType(p, RULE).filter((r) => r.name.startsWith("karpenter-"));
        assert.deepEqual(
            rules.map((r) => [r.name, json((r.inputs as any).eventPattern)]),
            [
                ["karpenter-interruptions-spot-interruption", { source: ["aws.ec2"], "detail-type": ["EC2 Spot Instance Interruption Warning"] }],
                ["karpenter-interruptions-rebalance", { source: ["aws.ec2"], "detail-type": ["EC2 Instance Rebalance Recommendation"] }],
                ["karpenter-interruptions-state-change", { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] }],
                ["karpenter-interruptions-scheduled-change", { source: ["aws.health"], "detail-type": ["AWS Health Event"] }],
                ["karpenter-interruptions-reservation-interruption", { source: ["aws.ec2"], "detail-type": ["EC2 Capacity Reservation Instance Interruption Warning"] }],
            ],
        );
        for (const r of rules) {
            const t = inputs(p, TARGET, `${r.name}-target`);
            assert.deepEqual([t.rule, t.arn, t.deadLetterConfig], [(r as any).id, find(p, QUEUE, "karpenter-interruptions-queue").arn, { arn: find(p, QUEUE, "karpenter-interruptions-dlq-queue").arn }]);
        }
    });

    it("dead-letters the notices EventBridge cannot deliver and those Karpenter keeps failing on, for these rules only and with no alarm", () => {
        const dlq = find(p, QUEUE, "karpenter-interruptions-dlq-queue");
        assert.deepEqual({ ...(dlq.inputs as any), tags: undefined }, { messageRetentionSeconds: 14 * 86400, sqsManagedSseEnabled: true, tags: undefined });
        const rules = ofType(p, RULE)
            .filter((r) => r.name.startsWith("karpenter-"))
            .map((r) => r.arn);
        assert.deepEqual(json(inputs(p, "aws:sqs/queuePolicy:QueuePolicy", "karpenter-interruptions-dlq-policy").policy).Statement, [
            { Sid: "DeadLetterFromSource", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: ["sqs:SendMessage"], Resource: dlq.arn, Condition: { ArnEquals: { "aws:SourceArn": rules } } },
        ]);
        assert.deepEqual(
            ofType(p, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.name.startsWith("karpenter-")),
            [],
        );
    });
});

describe("Karpenter: the release and the nodes it launches", () => {
    let p: Plan;
    beforeEach(async () => (p = await planOk(BURST)));

    it("installs the pinned chart from its OCI registry with the cluster, its queue, sized replicas, and only on managed nodes", () => {
        const r = inputs(p, RELEASE, "karpenter-release");
        assert.deepEqual([r.chart, r.version, r.namespace, r.name, r.atomic, r.repositoryOpts], ["oci://public.ecr.aws/karpenter/karpenter", "1.14.1", "kube-system", "karpenter", true, undefined]);
        assert.deepEqual(r.values.settings, { clusterName: "berth-test", clusterEndpoint: ENDPOINT, interruptionQueue: nameOf(find(p, QUEUE, "karpenter-interruptions-queue").arn, ":") });
        assert.equal(r.values.replicas, 1);
        assert.deepEqual(r.values.serviceAccount, { create: true, name: "karpenter" });
        assert.deepEqual(r.values.controller, { env: [{ name: "AWS_REGION", value: "eu-west-1" }], resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } } });
        assert.deepEqual(r.values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms, [
            {
                matchExpressions: [
                    { key: "karpenter.sh/nodepool", operator: "DoesNotExist" },
                    { key: "eks.amazonaws.com/nodegroup", operator: "Exists" },
                ],
            },
        ]);
        assert.deepEqual(r.values.affinity.podAntiAffinity, { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname" }] });
    });

    it("waits for the system node group, its role and the Pod Identity agent", () => {
        const deps = find(p, RELEASE, "karpenter-release").dependencies;
        for (const [type, name] of [
            ["eks:index:ManagedNodeGroup", "general"],
            ["aws:eks/addon:Addon", "eks-pod-identity-agent"],
            ["aws:eks/podIdentityAssociation:PodIdentityAssociation", "karpenter-association"],
            ["aws:iam/rolePolicy:RolePolicy", "karpenter-policy"],
        ])
            assert.ok(deps.includes(find(p, type, name).urn), `${type} ${name}`);
    });

    it("joins its nodes through an EC2_LINUX access entry for a node role with the two node policies (the CNI has its own role)", async () => {
        const role = find(p, ROLE, "karpenter-node-role");
        assert.equal((role.inputs as any).description, "EKS nodes that Karpenter launches");
        assert.deepEqual(inputs(p, "eks:index:Cluster", "eks").accessEntries["nodes-0"], { principalArn: role.arn, type: "EC2_LINUX" });
        assert.ok(p.resources.indexOf(role) < p.resources.indexOf(find(p, "eks:index:Cluster", "eks")));
        const attached = ofType(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((x) => x.inputs.role === role.id);
        assert.deepEqual(attached.map((x) => String(x.inputs.policyArn).split("/").pop()).sort(), ["AmazonEC2ContainerRegistryPullOnly", "AmazonEKSWorkerNodePolicy"]);
        // Without a karpenter group: no node role, no access entry, no Karpenter.
        const plain = await planOk(eksConfig());
        assert.equal(inputs(plain, "eks:index:Cluster", "eks").accessEntries["nodes-0"], undefined);
        assert.deepEqual(
            plain.resources.filter((x) => /karpenter/i.test(x.type + x.name)),
            [],
        );
    });

    it("describes its nodes: a pinned AL2023 alias, the private subnets and cluster security group by id, IMDSv2 with one hop, an encrypted gp3 root", () => {
        const c = find(p, NODE_CLASS, "burst-node-class");
        const cluster = inputs(p, "eks:index:Cluster", "eks");
        assert.deepEqual((c.inputs as any).metadata, { name: "burst" });
        const spec = (c.inputs as any).spec;
        assert.deepEqual(spec.amiSelectorTerms, [{ alias: "al2023@v20260714" }]);
        assert.equal(spec.role, nameOf(find(p, ROLE, "karpenter-node-role").arn));
        assert.deepEqual(
            spec.subnetSelectorTerms,
            cluster.privateSubnetIds.map((id: string) => ({ id })),
        );
        assert.deepEqual(spec.securityGroupSelectorTerms, [{ id: CLUSTER_SG }]);
        assert.deepEqual(spec.metadataOptions, { httpEndpoint: "enabled", httpProtocolIPv6: "disabled", httpPutResponseHopLimit: 1, httpTokens: "required" });
        assert.deepEqual(spec.blockDeviceMappings, [{ deviceName: "/dev/xvda", ebs: { volumeSize: "40Gi", volumeType: "gp3", encrypted: true, deleteOnTermination: true } }]);
        assert.deepEqual(spec.tags, { "berth:environment": "dev", "berth:project": "berth", "berth:stack": "test" });
    });

    it("launches spot Graviton nodes of the listed types, labelled, up to maxSize nodes and maxSize times the largest type's vCPUs, consolidated", () => {
        const pool = find(p, NODE_POOL, "burst-node-pool");
        assert.deepEqual((pool.inputs as any).metadata, { name: "burst" });
        assert.deepEqual((pool.inputs as any).spec, {
            template: {
                metadata: { labels: { pool: "burst" } },
                spec: {
                    nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "burst" },
                    requirements: [
                        { key: "node.kubernetes.io/instance-type", operator: "In", values: ["m7g.large", "m7g.xlarge"] },
                        { key: "kubernetes.io/arch", operator: "In", values: ["arm64"] },
                        { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
                        { key: "karpenter.sh/capacity-type", operator: "In", values: ["spot"] },
                    ],
                    expireAfter: "720h",
                },
            },
            limits: { nodes: "5", cpu: "20" },
            disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "1m" },
        });
        // The CRDs come with the release; the pool needs its class.
        assert.ok(pool.dependencies.includes(find(p, RELEASE, "karpenter-release").urn));
        assert.ok(pool.dependencies.includes(find(p, NODE_CLASS, "burst-node-class").urn));
        assert.ok(find(p, NODE_CLASS, "burst-node-class").dependencies.includes(find(p, RELEASE, "karpenter-release").urn));
    });
});

describe("Karpenter: what the group's keys change", () => {
    const requirement = (p: Plan, key: string) => (inputs(p, NODE_POOL, "burst-node-pool").spec.template.spec.requirements as any[]).find((r) => r.key === key).values;

    it("defaults to on-demand amd64 t3.medium, three nodes and six vCPUs, 20 GiB", async () => {
        const p = await planOk(burst());
        assert.deepEqual(requirement(p, "karpenter.sh/capacity-type"), ["on-demand"]);
        assert.deepEqual(requirement(p, "kubernetes.io/arch"), ["amd64"]);
        assert.deepEqual(requirement(p, "node.kubernetes.io/instance-type"), ["t3.medium"]);
        assert.deepEqual(inputs(p, NODE_POOL, "burst-node-pool").spec.limits, { nodes: "3", cpu: "6" });
        assert.equal(inputs(p, NODE_CLASS, "burst-node-class").spec.blockDeviceMappings[0].ebs.volumeSize, "20Gi");
    });

    it("mixes architectures, caps nodes alone where berth does not know a type's size, and pins the AMI it is given", async () => {
        const p = await planOk(merge(burst({ instanceTypes: ["m7i.large", "m7g.large", "c5n.large"], maxSize: 4 }), { "berth:eks": { amiRelease: "v20260701" } }));
        assert.deepEqual(requirement(p, "kubernetes.io/arch"), ["amd64", "arm64"]);
        assert.deepEqual(inputs(p, NODE_POOL, "burst-node-pool").spec.limits, { nodes: "4" });
        assert.deepEqual(inputs(p, NODE_CLASS, "burst-node-class").spec.amiSelectorTerms, [{ alias: "al2023@v20260701" }]);
    });

    it("runs two controller replicas outside dev where the system pool keeps two nodes, and one pool per karpenter group", async () => {
        const p = await planOk(eksConfig({ "berth:environment": "prod", "berth:eks": { nodeGroups: { burst: { type: "karpenter" }, batch: { type: "karpenter", spot: true } } } }));
        assert.equal(inputs(p, RELEASE, "karpenter-release").values.replicas, 2);
        // One node to run on: a second replica could never schedule (one per node), and the atomic release would roll back.
        const staging = await planOk(eksConfig({ "berth:environment": "staging", "berth:eks": { nodeGroups: { burst: { type: "karpenter" } } } }));
        assert.equal(inputs(staging, RELEASE, "karpenter-release").values.replicas, 1);
        const twoNodes = await planOk(eksConfig({ "berth:environment": "staging", "berth:eks": { nodeGroups: { general: { minSize: 2 }, burst: { type: "karpenter" } } } }));
        assert.equal(inputs(twoNodes, RELEASE, "karpenter-release").values.replicas, 2);
        assert.deepEqual(
            ofType(p, NODE_POOL)
                .map((x) => x.name)
                .sort(),
            ["batch-node-pool", "burst-node-pool"],
        );
        assert.equal(ofType(p, "berth:eks:Karpenter").length, 1);
    });
});

describe("Karpenter in the shipped stack (Pulumi.eks-managed.yaml)", () => {
    it("bursts onto spot nodes beside a fixed managed system pool", async () => {
        const p = await planStackOk("eks-managed");
        const system = inputs(p, "eks:index:ManagedNodeGroup", "general");
        assert.deepEqual([system.scalingConfig.minSize, system.scalingConfig.maxSize], [2, 2]);
        const pool = inputs(p, NODE_POOL, "burst-node-pool").spec;
        assert.deepEqual(pool.template.spec.requirements.find((r: any) => r.key === "karpenter.sh/capacity-type").values, ["spot"]);
        assert.ok(!p.warnings.some((w) => w.path === "berth:eks.nodeGroups"));
    });
});
