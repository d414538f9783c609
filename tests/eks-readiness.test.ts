// EKS against a real account: what a green plan used to hide. Each test here fails without its fix
// (issue 17): the calls each secrets path makes, and the Service webhook of the load balancer
// controller racing the other releases.
import { strict as assert } from "assert";
import { Plan, PROJECT_DIR } from "../plan/engine";
import { moveTo, TARGETS } from "../plan/move";
import { loadStackConfig } from "../plan/stackfile";
import { fakeAddonVersion, hex, INVOKES } from "../plan/fakes";
import { eksConfig, find, inputs, json, merge, ofType, planOk } from "./harness";

const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:berth/dev/db-AbCdEf";
const PARAM = "arn:aws:ssm:eu-west-1:123456789012:parameter/berth/dev/api-key";
const secrets = { "berth:services": { web: { secrets: { DB_PASSWORD: SECRET, API_KEY: PARAM } } } };
const statementsOf = (p: Plan, name: string) => json(inputs(p, ROLE_POLICY, name).policy).Statement;

describe("EKS secrets: each path is granted the calls it makes, and nothing more", () => {
    it("on nodes, ASCP reads with DescribeSecret too (every mount and each rotation poll) and batches parameters", async () => {
        const p = await planOk(eksConfig(secrets));
        assert.deepEqual(statementsOf(p, "web-policy"), [
            { Sid: "ReadSecrets", Effect: "Allow", Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"], Resource: [SECRET, `${SECRET}-??????`] },
            { Sid: "ReadParameters", Effect: "Allow", Action: ["ssm:GetParameters"], Resource: [PARAM] },
        ]);
        assert.equal(inputs(p, RELEASE, "secrets-csi-driver").values.enableSecretRotation, true);
        // ASCP names a parameter; an ARN fails the mount.
        const objects = json(inputs(p, "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass", "web-secrets").spec.parameters.objects);
        assert.deepEqual(
            objects.map((o: any) => [o.objectName, o.objectType]),
            [
                ["/berth/dev/api-key", "ssmparameter"],
                [SECRET, "secretsmanager"],
            ],
        );
    });

    it("on Fargate, External Secrets Operator reads one parameter at a time (ssm:GetParameter) and secrets by value only", async () => {
        const p = await planOk(eksConfig({ ...secrets, "berth:eks": { nodeGroups: { general: null, serverless: { type: "fargate" } } } }));
        assert.deepEqual(statementsOf(p, "web-policy"), [
            { Sid: "ReadSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [SECRET, `${SECRET}-??????`] },
            { Sid: "ReadParameters", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: [PARAM] },
        ]);
        assert.deepEqual(
            ofType(p, "kubernetes:external-secrets.io/v1:SecretStore").map((s) => (s.inputs as any).spec.provider.aws.service),
            ["ParameterStore", "SecretsManager"],
        );
    });

    it("on ECS, the execution role keeps the agent's calls", async () => {
        const p = await planOk(eksConfig({ ...secrets, "berth:platform": "ecs-fargate", "berth:eks": null }));
        const read = json(inputs(p, ROLE_POLICY, "web-exec-policy").policy).Statement.filter((s: any) => s.Sid.startsWith("Read"));
        assert.deepEqual(
            read.map((s: any) => [s.Sid, s.Action]),
            [
                ["ReadSecrets", ["secretsmanager:GetSecretValue"]],
                ["ReadParameters", ["ssm:GetParameters"]],
            ],
        );
    });
});

describe("the load balancer controller and the releases beside it", () => {
    const scaled = { "berth:services": { web: { secrets: { DB_PASSWORD: SECRET }, scaling: { min: 1, max: 3, cpu: 60 } } } };

    it("runs without the chart's Service webhook, which would reject every Service while its pods are down", async () => {
        const p = await planOk(eksConfig(scaled));
        assert.equal(inputs(p, RELEASE, "lb-controller-release").values.enableServiceMutatorWebhook, false);
    });

    it("installs the current chart of each controller, with the values their new majors need", async () => {
        const p = await planOk(eksConfig(scaled));
        const release = (name: string) => inputs(p, RELEASE, name);
        assert.deepEqual(
            ofType(p, RELEASE).map((r) => [r.name, (r.inputs as any).chart, (r.inputs as any).version]),
            [
                ["log-agent-release", "aws-for-fluent-bit", "0.2.0"],
                ["lb-controller-release", "aws-load-balancer-controller", "3.5.0"],
                ["secrets-csi-driver", "secrets-store-csi-driver", "1.6.0"],
                ["secrets-csi-aws-provider", "secrets-store-csi-driver-provider-aws", "3.1.1"],
            ],
        );
        // LBC 3.x: otherwise a new webhook certificate at every render.
        assert.equal(release("lb-controller-release").values.keepTLSSecret, true);
        // ASCP 3.x: the driver requests the pod's token for IRSA's and Pod Identity's audiences, and ASCP brings no driver of its own.
        assert.deepEqual(release("secrets-csi-driver").values.tokenRequests, [{ audience: "sts.amazonaws.com" }, { audience: "pods.eks.amazonaws.com" }]);
        assert.deepEqual(release("secrets-csi-aws-provider").values, { "secrets-store-csi-driver": { install: false } });
        const fargate = await planOk(eksConfig({ ...scaled, "berth:eks": { nodeGroups: { general: null, serverless: { type: "fargate" } } } }));
        assert.deepEqual(
            [inputs(fargate, RELEASE, "secrets-external-secrets").chart, inputs(fargate, RELEASE, "secrets-external-secrets").version, inputs(fargate, RELEASE, "secrets-external-secrets").values],
            ["external-secrets", "2.9.0", { installCRDs: true }],
        );
    });

    for (const [what, config] of [
        ["on nodes", {}],
        ["on Fargate", { "berth:eks": { nodeGroups: { general: null, serverless: { type: "fargate" } } } }],
    ] as const) {
        it(`installs the secrets drivers and metrics-server only after the controller, ${what}`, async () => {
            const p = await planOk(eksConfig({ ...scaled, ...config }));
            const controller = find(p, RELEASE, "lb-controller-release").urn;
            const secretReleases = ofType(p, RELEASE).filter((r) => r.name.startsWith("secrets-"));
            assert.ok(secretReleases.length > 0);
            for (const r of secretReleases) assert.ok(r.dependencies.includes(controller), `${r.name} does not wait for the controller`);
            assert.ok(find(p, "aws:eks/addon:Addon", "metrics-server").dependencies.includes(controller), "metrics-server does not wait for the controller");
        });
    }
});

describe("upgrades that reach the nodes", () => {
    const group = (p: Plan) => inputs(p, "eks:index:ManagedNodeGroup", "general");

    it("a managed group runs the cluster's version, on the AMI release AWS recommends for it (SSM, faked from the v20260714 AMI release)", async () => {
        const p = await planOk(eksConfig({}));
        assert.deepEqual([inputs(p, "eks:index:Cluster", "eks").version, group(p).version, group(p).releaseVersion], ["1.36", "1.36", "1.36.2-20260714"]);
    });

    it("one change of berth:eks.version moves the control plane and the nodes", async () => {
        const p = await planOk(eksConfig({ "berth:eks": { version: "1.35" } }));
        assert.deepEqual([inputs(p, "eks:index:Cluster", "eks").version, group(p).version, group(p).releaseVersion], ["1.35", "1.35", "1.35.6-20260714"]);
        // The group takes the cluster itself as input, so it is updated after the control plane.
        assert.equal(group(p).cluster, find(p, "eks:index:Cluster", "eks").urn);
    });
});

describe("add-ons that follow the cluster's version", () => {
    const ADDON = "aws:eks/addon:Addon";
    // An EFS volume and a scaled service, so every add-on berth installs on a node cluster is there.
    const everything = (version: string) =>
        eksConfig({
            "berth:eks": { version },
            "berth:storage": { fileSystems: { shared: { volumes: { data: { path: "/data" } } } } },
            "berth:services": { web: { scaling: { max: 3, cpu: 60 }, volumes: [{ fileSystem: "shared", volume: "data", mountPath: "/data" }] } },
        });
    const versions = (p: Plan) => Object.fromEntries(ofType(p, ADDON).map((a) => [(a.inputs as any).addonName, (a.inputs as any).addonVersion]));

    it("every add-on, kube-proxy included, runs EKS's default version for the cluster's Kubernetes version (DescribeAddonVersions, faked from a dated table)", async () => {
        const p = await planOk(everything("1.36"));
        assert.deepEqual(versions(p), {
            "eks-pod-identity-agent": "v1.3.10-eksbuild.2",
            "vpc-cni": "v1.22.3-eksbuild.1",
            coredns: "v1.14.3-eksbuild.3",
            "aws-ebs-csi-driver": "v1.66.0-eksbuild.1",
            "aws-efs-csi-driver": "v3.4.2-eksbuild.1",
            "metrics-server": "v0.8.0-eksbuild.6",
        });
        assert.deepEqual(inputs(p, "eks:index:Cluster", "eks").kubeProxyAddonOptions, { version: "v1.36.0-eksbuild.14", resolveConflictsOnCreate: "OVERWRITE", resolveConflictsOnUpdate: "OVERWRITE" });
    });

    it("one change of berth:eks.version moves CoreDNS and kube-proxy with the control plane", async () => {
        const p = await planOk(everything("1.34"));
        assert.equal(versions(p).coredns, "v1.13.2-eksbuild.11");
        assert.equal(inputs(p, "eks:index:Cluster", "eks").kubeProxyAddonOptions.version, "v1.34.6-eksbuild.13");
    });

    it("every add-on asks for the cluster's Kubernetes version: EKS's default build, or the newest for community and Marketplace add-ons", async () => {
        // A fake that answers with what it was asked, so an add-on that ignored the cluster's version would show.
        const fake = INVOKES["aws:eks/getAddonVersion:getAddonVersion"];
        INVOKES["aws:eks/getAddonVersion:getAddonVersion"] = (i) => ({ version: `${String(i.addonName)}@${String(i.kubernetesVersion)}${i.mostRecent ? " newest" : ""}` });
        try {
            // A stack name of its own: the shared plan cache must not answer with the table's versions.
            const p = await planOk(everything("1.34"), "asked");
            assert.deepEqual(versions(p), {
                "eks-pod-identity-agent": "eks-pod-identity-agent@1.34",
                "vpc-cni": "vpc-cni@1.34",
                coredns: "coredns@1.34",
                "aws-ebs-csi-driver": "aws-ebs-csi-driver@1.34",
                "aws-efs-csi-driver": "aws-efs-csi-driver@1.34",
                "metrics-server": "metrics-server@1.34 newest",
            });
            assert.equal(inputs(p, "eks:index:Cluster", "eks").kubeProxyAddonOptions.version, "kube-proxy@1.34");
        } finally {
            INVOKES["aws:eks/getAddonVersion:getAddonVersion"] = fake;
        }
    });

    it("CoreDNS on nodes is a managed add-on, created once there are nodes to run it, and pulumi-eks's own is off", async () => {
        const p = await planOk(eksConfig({}));
        const coreDns = find(p, ADDON, "coredns");
        assert.deepEqual([coreDns.inputs.clusterName, coreDns.inputs.resolveConflictsOnCreate, coreDns.inputs.resolveConflictsOnUpdate], [inputs(p, "eks:index:Cluster", "eks").name, "OVERWRITE", "OVERWRITE"]);
        assert.ok(coreDns.dependencies.includes(find(p, "eks:index:ManagedNodeGroup", "general").urn));
        assert.equal(inputs(p, "eks:index:Cluster", "eks").corednsAddonOptions.enabled, false);
    });

    it("the plan fails loudly on an add-on or a Kubernetes version its table lacks", () => {
        assert.equal(fakeAddonVersion("coredns", "1.35"), "v1.14.3-eksbuild.3");
        assert.equal(fakeAddonVersion("vpc-cni", "1.31"), "v1.22.3-eksbuild.1");
        assert.throws(() => fakeAddonVersion("coredns", "1.30"), /^Error: no fake version of the EKS add-on coredns for Kubernetes 1.30$/);
        assert.throws(() => fakeAddonVersion("vpc-cni", "1.30"), /^Error: no fake version of the EKS add-on vpc-cni for Kubernetes 1.30$/);
        assert.throws(() => fakeAddonVersion("aws-guardduty-agent", "1.36"), /no fake version of the EKS add-on aws-guardduty-agent/);
    });
});

describe("self-managed nodes: a pinned AMI, drained before each termination", () => {
    const SELF = { "berth:eks": { nodeGroups: { general: { type: "self-managed", instanceTypes: ["t3.medium"] } } } };
    const amiOf = (p: Plan) => inputs(p, "eks:index:NodeGroupV2", "general").amiId;
    const amiId = (name: string) => `ami-${hex(name, 17)}`;
    let p: Plan;
    before(async () => {
        p = await planOk(eksConfig(SELF));
    });

    it("run the AMI of the pinned release (EKS_AMI_RELEASE), looked up by its published name, not the newest recommended one", () => {
        assert.equal(amiOf(p), amiId("amazon-eks-node-al2023-x86_64-standard-1.36-v20260714"));
    });

    it("move to another AMI only when berth:eks.amiRelease, the version or the architecture does", async () => {
        const bumped = await planOk(eksConfig(merge(SELF, { "berth:eks": { amiRelease: "v20260901" } })));
        assert.equal(amiOf(bumped), amiId("amazon-eks-node-al2023-x86_64-standard-1.36-v20260901"));
        const older = await planOk(eksConfig(merge(SELF, { "berth:eks": { version: "1.35" } })));
        assert.equal(amiOf(older), amiId("amazon-eks-node-al2023-x86_64-standard-1.35-v20260714"));
        const graviton = await planOk(eksConfig(merge(SELF, { "berth:eks": { nodeGroups: { general: { instanceTypes: ["t4g.medium"] } } } })));
        assert.equal(amiOf(graviton), amiId("amazon-eks-node-al2023-arm64-standard-1.36-v20260714"));
    });

    it("hold each terminating instance for its drain (a lifecycle hook of five minutes that then continues)", () => {
        const group = `general-${hex("general-asg", 7)}`;
        assert.deepEqual(inputs(p, "aws:autoscaling/lifecycleHook:LifecycleHook", "node-termination-drain-0"), {
            autoscalingGroupName: group,
            lifecycleTransition: "autoscaling:EC2_INSTANCE_TERMINATING",
            heartbeatTimeout: 300,
            defaultResult: "CONTINUE",
        });
    });

    it("send the group's terminations, stopping instances and scheduled maintenance to an encrypted queue that keeps a notice five minutes", () => {
        assert.deepEqual(
            ofType(p, "aws:cloudwatch/eventRule:EventRule").map((r) => r.name),
            ["node-termination-notices-asg-termination", "node-termination-notices-state-change", "node-termination-notices-scheduled-change"],
        );
        const rule = (role: string) => json(inputs(p, "aws:cloudwatch/eventRule:EventRule", `node-termination-notices-${role}`).eventPattern);
        assert.deepEqual(rule("asg-termination"), { source: ["aws.autoscaling"], "detail-type": ["EC2 Instance-terminate Lifecycle Action"], detail: { AutoScalingGroupName: [`general-${hex("general-asg", 7)}`] } });
        assert.deepEqual(rule("state-change"), { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"], detail: { state: ["stopping", "stopped", "shutting-down", "terminated"] } });
        assert.deepEqual(rule("scheduled-change"), { source: ["aws.health"], "detail-type": ["AWS Health Event"], detail: { service: ["EC2"], eventTypeCategory: ["scheduledChange"] } });
        const queue = find(p, "aws:sqs/queue:Queue", "node-termination-notices-queue");
        assert.deepEqual([queue.inputs.sqsManagedSseEnabled, queue.inputs.messageRetentionSeconds], [true, 300]);
        for (const role of ["asg-termination", "state-change", "scheduled-change"]) assert.equal(inputs(p, "aws:cloudwatch/eventTarget:EventTarget", `node-termination-notices-${role}-target`).arn, queue.arn);
        const rules = ["asg-termination", "state-change", "scheduled-change"].map((r) => find(p, "aws:cloudwatch/eventRule:EventRule", `node-termination-notices-${r}`).arn);
        assert.deepEqual(json(inputs(p, "aws:sqs/queuePolicy:QueuePolicy", "node-termination-notices-policy").policy).Statement, [
            { Sid: "NoticesFromRules", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: ["sqs:SendMessage"], Resource: queue.arn, Condition: { ArnEquals: { "aws:SourceArn": rules } } },
            { Sid: "DenyWithoutTls", Effect: "Deny", Principal: { AWS: "*" }, Action: "sqs:*", Resource: queue.arn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ]);
    });

    it("run the termination handler in queue mode, with a Pod Identity role that may release only its own groups' hooks", () => {
        const group = `general-${hex("general-asg", 7)}`;
        const groupArn = `arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:${hex(group, 8)}-${hex(group + "uuid", 4)}:autoScalingGroupName/${group}`;
        const queue = find(p, "aws:sqs/queue:Queue", "node-termination-notices-queue");
        assert.deepEqual(statementsOf(p, "node-termination-policy"), [
            { Sid: "Notices", Effect: "Allow", Action: ["sqs:DeleteMessage", "sqs:ReceiveMessage"], Resource: queue.arn },
            { Sid: "Describe", Effect: "Allow", Action: ["autoscaling:DescribeAutoScalingInstances", "autoscaling:DescribeTags", "ec2:DescribeInstances"], Resource: "*" },
            { Sid: "ReleaseHook", Effect: "Allow", Action: ["autoscaling:CompleteLifecycleAction"], Resource: [groupArn] },
        ]);
        const association = inputs(p, "aws:eks/podIdentityAssociation:PodIdentityAssociation", "node-termination-association");
        assert.deepEqual([association.namespace, association.serviceAccount], ["kube-system", "aws-node-termination-handler"]);
        const release = inputs(p, RELEASE, "node-termination-release");
        assert.deepEqual([release.chart, release.version, release.repositoryOpts, release.namespace], ["oci://public.ecr.aws/aws-ec2/helm/aws-node-termination-handler", "0.27.6", undefined, "kube-system"]);
        assert.deepEqual(release.values, {
            enableSqsTerminationDraining: true,
            queueURL: `https://sqs.eu-west-1.amazonaws.com/123456789012/${queue.arn!.split(":").pop()}`,
            awsRegion: "eu-west-1",
            checkTagBeforeDraining: true,
            managedTag: "aws-node-termination-handler/managed",
            serviceAccount: { create: true, name: "aws-node-termination-handler" },
        });
    });

    it("tag the instances and their group as the handler's to drain, and no other instance", () => {
        const g = inputs(p, "eks:index:NodeGroupV2", "general");
        assert.equal(g.autoScalingGroupTags["aws-node-termination-handler/managed"], "true");
        assert.deepEqual(
            g.launchTemplateTagSpecifications.map((t: any) => [t.resourceType, t.tags["aws-node-termination-handler/managed"]]),
            [["instance", "true"]],
        );
    });

    it("are faked only as EKS-optimized AMIs of Amazon's, by name: any other lookup fails the plan", () => {
        const getAmi = INVOKES["aws:ec2/getAmi:getAmi"];
        const ctx = { region: "eu-west-1", account: "123456789012", partition: "aws" };
        const name = "amazon-eks-node-al2023-arm64-standard-1.36-v20260714";
        assert.deepEqual(getAmi({ owners: ["amazon"], filters: [{ name: "name", values: [name] }] }, ctx), { id: amiId(name), imageId: amiId(name), name, architecture: "arm64", ownerId: "602401143452", mostRecent: undefined });
        assert.throws(() => getAmi({ owners: ["123456789012"], filters: [{ name: "name", values: [name] }] }, ctx), /not amazon-eks-node-al2023-arm64-standard-1.36-v20260714 \(owned by 123456789012\)/);
        assert.throws(() => getAmi({ owners: ["amazon"] }, ctx), /not a lookup without a name \(owned by amazon\)/);
        assert.throws(() => getAmi({ filters: [{ name: "name", values: [`${name}-rc`] }] }, ctx), /\(owned by anyone\)/);
    });

    it("leave managed node groups to EKS, which drains them itself", async () => {
        const managed = await planOk(eksConfig({}));
        assert.deepEqual(ofType(managed, "berth:eks:NodeTerminationHandler"), []);
        assert.deepEqual(ofType(managed, "aws:autoscaling/lifecycleHook:LifecycleHook"), []);
    });
});

describe("EKS capacity waits for the VPC's egress (found by the start-path analysis on dev moved to EKS)", () => {
    for (const target of ["eks-managed", "eks-selfmanaged", "eks-fargate"]) {
        it(`${target}: with dev's NAT instance, every node group or Fargate profile waits for its routes and group, and every workload can start`, async () => {
            const move = moveTo(loadStackConfig("dev", PROJECT_DIR), TARGETS.find((t) => t.id === target)!, PROJECT_DIR, "dev");
            assert.ok(move.ok);
            const p = await planOk(move.config, "matrix-dev");
            const egress = [...ofType(p, "aws:ec2/route:Route").filter((r) => r.name.startsWith("net-nat-")), ...ofType(p, "aws:autoscaling/group:Group").filter((g) => g.name === "net-nat-asg")].map((r) => r.urn).sort();
            assert.equal(egress.length, 3, "dev's NAT instance: one route per private route table and its group");
            const capacity = p.resources.filter((r) => ["eks:index:ManagedNodeGroup", "eks:index:NodeGroupV2", "aws:eks/nodeGroup:NodeGroup", "aws:eks/fargateProfile:FargateProfile"].includes(r.type));
            assert.ok(capacity.length > 0);
            for (const c of capacity)
                assert.deepEqual(
                    egress.filter((u) => !c.dependencies.includes(u)),
                    [],
                    `${c.type} ${c.name}`,
                );
            assert.deepEqual(
                (p.startPaths ?? []).flatMap((w) => w.steps.filter((s) => s.result === "broken").map((s) => `${w.workload}: ${s.reason}`)),
                [],
            );
        });
    }
});
