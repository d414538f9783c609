// The other kinds of EKS capacity (self-managed nodes, Fargate), the platform that creates nothing in
// AWS, and the promise behind both: the same services block plans with the same sizes, probes and
// scaling bounds on ECS and on EKS.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { hardenLaunchTemplate } from "../components/eks/SelfManagedNodes";
import { millicores } from "../stacks/workloads";
import { eksConfig, fargateConfig, find, inputs, json, ofType, planOk, planStackOk } from "./harness";

const ROLE = "aws:iam/role:Role";
const K = (kind: string) => `kubernetes:${kind}`;
const trustOf = (p: Plan, role: string) => json(inputs(p, ROLE, role).assumeRolePolicy).Statement;

describe("self-managed nodes (Pulumi.eks-selfmanaged.yaml)", () => {
    let p: Plan;
    beforeEach(async () => (p = await planStackOk("eks-selfmanaged")));

    it("run an eks.NodeGroupV2 of AL2023 instances with an encrypted gp3 root volume, no public IP, in the cluster's security group", () => {
        const g = inputs(p, "eks:index:NodeGroupV2", "general");
        const cluster = find(p, "eks:index:Cluster", "eks");
        assert.equal(g.cluster, cluster.urn);
        assert.equal(g.operatingSystem, "AL2023");
        assert.equal(g.instanceType, "t3.medium");
        assert.deepEqual([g.minSize, g.maxSize, g.desiredCapacity], [2, 4, 2]);
        assert.deepEqual([g.nodeRootVolumeType, g.nodeRootVolumeEncrypted, g.nodeRootVolumeSize, g.nodeRootVolumeDeleteOnTermination], ["gp3", true, 30, true]);
        assert.equal(g.nodeAssociatePublicIpAddress, false);
        assert.equal(g.instanceProfileName, find(p, "aws:iam/instanceProfile:InstanceProfile", "general-instance-profile").id);
        assert.match(g.nodeSecurityGroupId, /^sg-/);
        assert.deepEqual(g.nodeSubnetIds, (cluster.inputs as any).privateSubnetIds);
    });

    it("join through an EC2_LINUX access entry for their role, which exists before the cluster", () => {
        const role = find(p, ROLE, "general-node-role");
        const c = inputs(p, "eks:index:Cluster", "eks");
        assert.deepEqual(c.accessEntries["nodes-0"], { principalArn: role.arn, type: "EC2_LINUX" });
        assert.equal(inputs(p, "aws:iam/instanceProfile:InstanceProfile", "general-instance-profile").role, role.id);
        assert.ok(p.resources.indexOf(role) < p.resources.indexOf(find(p, "eks:index:Cluster", "eks")));
    });

    it("get IMDSv2 with one hop through a transform on the launch template NodeGroupV2 builds", () => {
        const props = { imageId: "ami-1", metadataOptions: { httpTokens: "optional" } };
        const out = hardenLaunchTemplate({ type: "aws:ec2/launchTemplate:LaunchTemplate", name: "lt", props, opts: {} } as never);
        assert.deepEqual(out!.props, { imageId: "ami-1", metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" } });
        assert.equal(hardenLaunchTemplate({ type: "aws:autoscaling/group:Group", name: "asg", props: {}, opts: {} } as never), undefined);
    });
});

describe("Fargate only (Pulumi.eks-fargate.yaml)", () => {
    let p: Plan;
    beforeEach(async () => (p = await planStackOk("eks-fargate")));

    it("selects CoreDNS, the load balancer controller, External Secrets Operator and every service in one profile, in private subnets", () => {
        const profile = inputs(p, "aws:eks/fargateProfile:FargateProfile", "serverless-profile");
        assert.deepEqual(profile.selectors, [
            { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } },
            { namespace: "kube-system", labels: { "app.kubernetes.io/name": "aws-load-balancer-controller" } },
            { namespace: "external-secrets" },
            { namespace: "web" },
            { namespace: "worker" },
        ]);
        assert.deepEqual(profile.subnetIds, inputs(p, "eks:index:Cluster", "eks").privateSubnetIds);
        assert.equal(profile.podExecutionRoleArn, find(p, ROLE, "serverless-pod-execution-role").arn);
    });

    it("installs CoreDNS on Fargate only once the profile selecting it exists, and creates the OIDC provider IRSA needs", () => {
        const c = inputs(p, "eks:index:Cluster", "eks");
        // eks.Cluster's own CoreDNS add-on would follow only a profile of its `fargate` argument, not berth's.
        assert.equal(c.corednsAddonOptions.enabled, false);
        assert.equal(c.fargate, undefined);
        const coreDns = find(p, "aws:eks/addon:Addon", "serverless-coredns");
        assert.deepEqual(coreDns.inputs, {
            clusterName: "berth-eks-fargate",
            addonName: "coredns",
            addonVersion: "v1.14.3-eksbuild.3",
            configurationValues: JSON.stringify({ computeType: "Fargate" }),
            resolveConflictsOnCreate: "OVERWRITE",
            resolveConflictsOnUpdate: "OVERWRITE",
            tags: (coreDns.inputs as any).tags,
        });
        assert.ok(coreDns.dependencies.includes(find(p, "aws:eks/fargateProfile:FargateProfile", "serverless-profile").urn));
        // berth's controllers wait for DNS, not just for the profile.
        assert.ok(find(p, K("helm.sh/v3:Release"), "lb-controller-release").dependencies.includes(coreDns.urn));
        assert.equal(c.createOidcProvider, true);
    });

    it("gives pods an execution role Fargate may assume only for this cluster's profiles", () => {
        assert.deepEqual(trustOf(p, "serverless-pod-execution-role"), [
            {
                Effect: "Allow",
                Principal: { Service: "eks-fargate-pods.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:eks:us-east-1:123456789012:fargateprofile/berth-eks-fargate/*" } },
            },
        ]);
        assert.deepEqual(
            ofType(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
                .filter((r) => r.name.startsWith("serverless"))
                .map((r) => (r.inputs as any).policyArn),
            ["arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy"],
        );
    });

    it("binds roles through IRSA, each trusting exactly one service account's token for STS", () => {
        const issuer = /^oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/;
        for (const [role, subject] of [
            ["worker-role", "system:serviceaccount:worker:worker"],
            ["lb-controller-role", "system:serviceaccount:kube-system:aws-load-balancer-controller"],
        ]) {
            const [s] = trustOf(p, role);
            const [sub, aud] = Object.keys(s.Condition.StringEquals);
            assert.match(s.Principal.Federated, /^arn:aws:iam::123456789012:oidc-provider\/oidc\.eks\./);
            assert.equal(s.Action, "sts:AssumeRoleWithWebIdentity");
            assert.match(sub.replace(/:sub$/, ""), issuer);
            assert.deepEqual(s.Condition.StringEquals, { [sub]: subject, [aud]: "sts.amazonaws.com" });
        }
        assert.deepEqual(inputs(p, K("core/v1:ServiceAccount"), "worker-sa").metadata.annotations, { "eks.amazonaws.com/role-arn": find(p, ROLE, "worker-role").arn });
        assert.deepEqual(inputs(p, K("helm.sh/v3:Release"), "lb-controller-release").values.serviceAccount.annotations, { "eks.amazonaws.com/role-arn": find(p, ROLE, "lb-controller-role").arn });
        assert.deepEqual(ofType(p, "aws:eks/podIdentityAssociation:PodIdentityAssociation"), []);
    });

    it("restarts the worker through dev's heartbeat check, now its liveness probe", () => {
        const c = inputs(p, K("apps/v1:Deployment"), "worker-deployment").spec.template.spec.containers[0];
        assert.deepEqual(c.livenessProbe.exec, { command: ["sh", "-c", "test $(( $(date +%s) - $(stat -c %Y /tmp/heartbeat) )) -lt 180"] });
        assert.deepEqual([c.livenessProbe.periodSeconds, c.livenessProbe.initialDelaySeconds], [60, 30]);
    });

    it("reads secrets through External Secrets Operator as the pod's own service account", () => {
        const store = inputs(p, K("external-secrets.io/v1:SecretStore"), "worker-secrets-manager");
        assert.deepEqual(store.spec, { provider: { aws: { service: "SecretsManager", region: "us-east-1", auth: { jwt: { serviceAccountRef: { name: "worker" } } } } } });
        const es = inputs(p, K("external-secrets.io/v1:ExternalSecret"), "worker-secrets");
        assert.deepEqual(es.spec.target, { name: "worker-secrets", creationPolicy: "Owner" });
        assert.deepEqual(es.spec.data, [{ secretKey: "API_TOKEN", sourceRef: { storeRef: { kind: "SecretStore", name: "secrets-manager" } }, remoteRef: { key: "berth/berth/eks-fargate/worker/API_TOKEN" } }]);
        assert.deepEqual(
            ofType(p, K("helm.sh/v3:Release"))
                .map((r) => (r.inputs as any).chart)
                .sort(),
            ["aws-load-balancer-controller", "external-secrets"],
        );
        // The operator's release installs the SecretStore and ExternalSecret CRDs.
        const operator = find(p, K("helm.sh/v3:Release"), "secrets-external-secrets").urn;
        assert.ok(find(p, K("external-secrets.io/v1:SecretStore"), "worker-secrets-manager").dependencies.includes(operator));
        assert.ok(find(p, K("external-secrets.io/v1:ExternalSecret"), "worker-secrets").dependencies.includes(operator));
    });

    it("installs no EBS driver, gp3 class or network policy agent: Fargate has no nodes to run them", () => {
        assert.deepEqual(
            ofType(p, "aws:eks/addon:Addon")
                .map((r) => r.name)
                .sort(),
            ["eks-pod-identity-agent", "eks-vpc-cni", "serverless-coredns"],
        );
        // The CNI add-on stays, idle, so nodes added later start with aws-node's own role.
        assert.equal(inputs(p, "aws:eks/addon:Addon", "eks-vpc-cni").configurationValues, undefined);
        assert.deepEqual(ofType(p, K("storage.k8s.io/v1:StorageClass")), []);
    });
});

describe("an EFS volume on Fargate", () => {
    let p: Plan;
    beforeEach(async () => {
        p = await planOk(
            eksConfig({
                "berth:eks": { nodeGroups: { general: null, serverless: { type: "fargate" } } },
                "berth:storage": { fileSystems: { shared: { volumes: { data: { path: "/data" } } } } },
                "berth:services": { web: { volumes: [{ fileSystem: "shared", volume: "data", mountPath: "/data", readOnly: true }], scaling: { max: 3, cpu: 60 } } },
            }),
            "eksfargate",
        );
    });

    it("is a static PersistentVolume bound to the volume's own access point, mounted with TLS and IAM", () => {
        const fs = find(p, "aws:efs/fileSystem:FileSystem", "efs-shared-fs");
        const ap = find(p, "aws:efs/accessPoint:AccessPoint", "efs-shared-data-ap");
        const pv = inputs(p, K("core/v1:PersistentVolume"), "web-shared-data-0-pv");
        assert.deepEqual(pv.metadata, { name: "web-shared-data-0" });
        assert.deepEqual(pv.spec, {
            persistentVolumeReclaimPolicy: "Retain",
            mountOptions: ["tls", "iam"],
            csi: { driver: "efs.csi.aws.com", volumeHandle: `${fs.id}::${ap.id}` },
            capacity: { storage: "5Gi" },
            accessModes: ["ReadWriteMany"],
            storageClassName: "",
            claimRef: { namespace: "web", name: "shared-data-0" },
        });
        const claim = inputs(p, K("core/v1:PersistentVolumeClaim"), "web-shared-data-0-pvc");
        assert.equal(claim.spec.volumeName, "web-shared-data-0");
        assert.equal(claim.spec.storageClassName, "");
    });

    it("lets the pod's role mount that access point read-only, like the ECS task role", () => {
        const fs = find(p, "aws:efs/fileSystem:FileSystem", "efs-shared-fs");
        const ap = find(p, "aws:efs/accessPoint:AccessPoint", "efs-shared-data-ap");
        assert.deepEqual(json(inputs(p, "aws:iam/rolePolicy:RolePolicy", "web-policy").policy).Statement, [
            { Sid: "Efs0", Effect: "Allow", Action: ["elasticfilesystem:ClientMount"], Resource: fs.arn, Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": ap.arn } } },
        ]);
        assert.deepEqual(
            ofType(p, "aws:eks/addon:Addon")
                .map((r) => r.name)
                .sort(),
            ["eks-pod-identity-agent", "eks-vpc-cni", "metrics-server", "serverless-coredns"],
        );
    });

    it("runs the metrics-server add-on of a scaled service on Fargate too", () => {
        assert.deepEqual(inputs(p, "aws:eks/fargateProfile:FargateProfile", "serverless-profile").selectors, [
            { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } },
            { namespace: "kube-system", labels: { "app.kubernetes.io/name": "aws-load-balancer-controller" } },
            { namespace: "kube-system", labels: { "app.kubernetes.io/name": "metrics-server" } },
            { namespace: "web" },
        ]);
        assert.ok(find(p, "aws:eks/addon:Addon", "metrics-server").dependencies.includes(find(p, "aws:eks/addon:Addon", "serverless-coredns").urn));
    });
});

describe("platform kubernetes (Pulumi.kubernetes.yaml)", () => {
    let p: Plan;
    beforeEach(async () => (p = await planStackOk("kubernetes")));

    it("registers no AWS resource, no IAM and no remote AWS component", () => {
        assert.deepEqual(
            p.resources.filter((r) => /^(aws|awsx|eks):/.test(r.type)).map((r) => r.type),
            [],
        );
        assert.ok(p.resources.every((r) => r.type.startsWith("kubernetes:") || r.type.startsWith("berth:kubernetes:") || r.type === "pulumi:pulumi:Stack"));
    });

    it("routes the public service through the configured ingress class, admitting only the allowed CIDRs", () => {
        const ing = inputs(p, K("networking.k8s.io/v1:Ingress"), "web-ingress");
        assert.equal(ing.spec.ingressClassName, "nginx");
        assert.deepEqual(ing.metadata.annotations, { "nginx.ingress.kubernetes.io/whitelist-source-range": "203.0.113.0/24" });
        assert.deepEqual(ing.spec.rules[0].http.paths[0], { path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 8080 } } } });
        const np = inputs(p, K("networking.k8s.io/v1:NetworkPolicy"), "web-netpol");
        // No callers: the controller's pods are the only way in (issue 19 item 5 closed the other namespaces).
        assert.equal(np.spec.ingress.length, 1);
        assert.deepEqual(np.spec.ingress[0].from, [{ namespaceSelector: {}, podSelector: { matchLabels: { "app.kubernetes.io/component": "controller" } } }]);
    });

    it("passes the worker's command as the container's args, keeping the image's ENTRYPOINT as ECS does", () => {
        const c = inputs(p, K("apps/v1:Deployment"), "worker-deployment").spec.template.spec.containers[0];
        assert.deepEqual(c.args, ["sh", "-c", "while true; do echo working; touch /tmp/heartbeat; sleep 60; done"]);
        assert.equal(c.command, undefined);
    });

    it("keeps the kubeconfig secret and outputs what the other platforms output", () => {
        assert.equal(p.outputs.kubeconfig, "[secret]");
        assert.equal(p.outputs.clusterName, "on-prem-dev");
        assert.deepEqual(Object.keys(p.outputs).sort(), ["clusterName", "ingressHostname", "kubeconfig", "logs", "platform", "services", "url", "urls"]);
        assert.match(String(p.outputs.ingressHostname), /^198\.51\.100\.\d+$/);
        assert.deepEqual(p.outputs.urls, { web: `http://${String(p.outputs.ingressHostname)}/` });
        assert.doesNotMatch(JSON.stringify(p), /v1:placeholder/);
    });
});

describe("the same services on ecs-fargate and eks", () => {
    const services = {
        web: {
            image: "public.ecr.aws/nginx/nginx-unprivileged:1.27",
            port: 8080,
            cpu: 1024,
            memory: 2048,
            public: true,
            healthCheck: { path: "/ready", interval: 15, timeout: 4, healthyThreshold: 2, unhealthyThreshold: 4, matcher: "200" },
            scaling: { min: 2, max: 8, cpu: 55, memory: 65 },
        },
    };
    let ecs: Plan;
    let eks: Plan;
    beforeEach(async () => {
        ecs = await planOk(fargateConfig({ "berth:services": services }), "parity");
        eks = await planOk(eksConfig({ "berth:services": services }), "parity");
    });

    it("gives the pod the task's size", () => {
        const task = inputs(ecs, "aws:ecs/taskDefinition:TaskDefinition", "web-taskdef");
        const c = inputs(eks, K("apps/v1:Deployment"), "web-deployment").spec.template.spec.containers[0];
        assert.deepEqual([task.cpu, task.memory], ["1024", "2048"]);
        assert.deepEqual(c.resources.requests, { cpu: `${millicores(Number(task.cpu))}m`, memory: `${task.memory}Mi` });
        assert.equal(c.resources.requests.cpu, "1000m");
    });

    it("checks health on the same path, timing and thresholds", () => {
        const hc = inputs(ecs, "aws:lb/targetGroup:TargetGroup", "alb-web-tg").healthCheck;
        const c = inputs(eks, K("apps/v1:Deployment"), "web-deployment").spec.template.spec.containers[0];
        const a = inputs(eks, K("networking.k8s.io/v1:Ingress"), "web-ingress").metadata.annotations;
        assert.deepEqual(
            [c.readinessProbe.httpGet.path, c.readinessProbe.periodSeconds, c.readinessProbe.timeoutSeconds, c.readinessProbe.successThreshold, c.readinessProbe.failureThreshold],
            [hc.path, hc.interval, hc.timeout, hc.healthyThreshold, hc.unhealthyThreshold],
        );
        assert.deepEqual(
            [a["alb.ingress.kubernetes.io/healthcheck-path"], a["alb.ingress.kubernetes.io/healthcheck-interval-seconds"], a["alb.ingress.kubernetes.io/healthcheck-timeout-seconds"], a["alb.ingress.kubernetes.io/success-codes"]],
            [hc.path, String(hc.interval), String(hc.timeout), hc.matcher],
        );
    });

    it("scales between the same bounds on the same targets", () => {
        const target = inputs(ecs, "aws:appautoscaling/target:Target", "web-target");
        const hpa = inputs(eks, K("autoscaling/v2:HorizontalPodAutoscaler"), "web-hpa").spec;
        assert.deepEqual([hpa.minReplicas, hpa.maxReplicas], [target.minCapacity, target.maxCapacity]);
        const tracked = (name: string) => inputs(ecs, "aws:appautoscaling/policy:Policy", `web-${name}`).targetTrackingScalingPolicyConfiguration.targetValue;
        assert.deepEqual(
            hpa.metrics.map((m: any) => m.resource.target.averageUtilization),
            [tracked("cpu"), tracked("memory")],
        );
    });
});
