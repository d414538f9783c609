// GIVEN an EKS cluster with Fargate only, whose system and service selectors outnumber what one
// Fargate profile holds, and ALB services listed out of their priority order, WHEN planned, THEN
// the selectors are split over profiles of at most five in order, CoreDNS moves to Fargate once,
// after the first profile, and each Ingress takes its place in the IngressGroup by priority.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { eksConfig, find, inputs, ofType, planOk } from "./harness";

const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";
const PROFILE = "aws:eks/fargateProfile:FargateProfile";
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";

describe("EKS on Fargate with more selectors than one profile holds", () => {
    let p: Plan;
    beforeEach(async () => {
        p = await planOk(
            eksConfig({
                "berth:eks": { nodeGroups: { general: null, serverless: { type: "fargate", selectors: ["web", "api", "c", "d", "e"].map((namespace) => ({ namespace })) } } },
                // web is listed first but ranks second: the group order follows priorities, not the config.
                "berth:services": {
                    web: { scaling: { min: 1, max: 3, cpu: 60 }, secrets: { DB: SECRET }, priority: 20 },
                    api: { image: "public.ecr.aws/nginx/nginx:1.27", port: 8080, public: true, path: "/api/*", healthCheck: { path: "/api/health" }, priority: 10 },
                },
            }),
            "selectors",
        );
    });

    it("fills profiles of five selectors in order, the system's first: CoreDNS, the controller, metrics-server, External Secrets", () => {
        assert.deepEqual(
            ofType(p, PROFILE)
                .map((r) => [r.name, r.inputs.selectors])
                .sort(([a], [b]) => String(a).localeCompare(String(b))),
            [
                ["serverless-1-profile", [{ namespace: "api" }, { namespace: "c" }, { namespace: "d" }, { namespace: "e" }]],
                [
                    "serverless-profile",
                    [
                        { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } },
                        { namespace: "kube-system", labels: { "app.kubernetes.io/name": "aws-load-balancer-controller" } },
                        { namespace: "kube-system", labels: { "app.kubernetes.io/name": "metrics-server" } },
                        { namespace: "external-secrets" },
                        { namespace: "web" },
                    ],
                ],
            ],
        );
    });

    it("moves CoreDNS to Fargate once, after the profile that selects it", () => {
        const addons = ofType(p, "aws:eks/addon:Addon").filter((a) => a.inputs.addonName === "coredns");
        assert.deepEqual(
            addons.map((a) => a.name),
            ["serverless-coredns"],
        );
        assert.ok(addons[0].dependencies.includes(find(p, PROFILE, "serverless-profile").urn));
        assert.ok(!addons[0].dependencies.includes(find(p, PROFILE, "serverless-1-profile").urn));
    });

    it("orders the IngressGroup by listener-rule priority: api (10) first, web (20) second", () => {
        const order = (name: string) => inputs(p, INGRESS, `${name}-ingress`).metadata.annotations["alb.ingress.kubernetes.io/group.order"];
        assert.deepEqual([order("api"), order("web")], ["1", "2"]);
    });

    it("runs External Secrets Operator for the Fargate service with a secret, and no Secrets Store CSI driver: no service runs on nodes", () => {
        assert.deepEqual(
            ofType(p, "kubernetes:helm.sh/v3:Release")
                .map((r) => r.name)
                .sort(),
            ["lb-controller-release", "secrets-external-secrets"],
        );
    });
});

describe("an EKS service with an EFS volume, a disk, and ALB access logs", () => {
    let p: Plan;
    beforeEach(async () => {
        p = await planOk(
            eksConfig({
                "berth:storage": { fileSystems: { shared: { volumes: { data: { path: "/data" } } } } },
                "berth:loadBalancer": { accessLogs: { bucket: "my-logs", prefix: "alb" } },
                "berth:services": {
                    web: { desiredCount: 1, volumes: [{ fileSystem: "shared", volume: "data", mountPath: "/data" }], disks: [{ name: "cache", sizeGiB: 10, mountPath: "/cache" }] },
                    plain: { image: "public.ecr.aws/nginx/nginx:1.27", port: 8080, public: false },
                },
            }),
            "efswaits",
        );
    });
    const names = (urns: ReadonlyArray<string>) => urns.map((u) => u.split("::").pop()).sort();

    // The log groups and Fluent Bit (its role, policy, association and release): a service's first lines need both (stacks/eks-logs.ts).
    const LOGS = ["log-agent-association", "log-agent-policy", "log-agent-release", "log-agent-role", "logs-_unrouted", "logs-plain", "logs-web"];

    it("waits for the nodes, the controller, the EFS driver, the gp3 class and every mount target of its file system", () => {
        const waits = ["coredns", "efs-shared-mount-0", "efs-shared-mount-1", "general", "lb-controller-release", ...LOGS, "storage-efs-csi-driver", "storage-gp3"];
        assert.deepEqual(names(find(p, "kubernetes:apps/v1:Deployment", "web-deployment").dependencies), [...waits, "web-cache-pvc", "web-ns", "web-sa", "web-shared-data-0-pvc"].sort());
        assert.deepEqual(names(find(p, "kubernetes:core/v1:PersistentVolumeClaim", "web-cache-pvc").dependencies), [...waits, "web-ns"].sort());
    });

    it("lets a service without volumes or disks start without waiting for storage", () => {
        assert.deepEqual(names(find(p, "kubernetes:apps/v1:Deployment", "plain-deployment").dependencies), ["coredns", "general", "lb-controller-release", ...LOGS, "plain-ns", "plain-sa"].sort());
    });

    it("installs the EFS CSI driver with a role per service account in kube-system, each trusted only by this cluster", () => {
        const driver = inputs(p, "aws:eks/addon:Addon", "storage-efs-csi-driver");
        const roles = [
            ["storage-efs-csi-role", "efs-csi-controller-sa"],
            ["storage-efs-csi-node-role", "efs-csi-node-sa"],
        ];
        assert.deepEqual(
            driver.podIdentityAssociations,
            roles.map(([role, serviceAccount]) => ({ roleArn: find(p, "aws:iam/role:Role", role).arn, serviceAccount })),
        );
        for (const [role, serviceAccount] of roles) {
            const trust = JSON.parse(inputs(p, "aws:iam/role:Role", role).assumeRolePolicy).Statement[0];
            assert.deepEqual(trust.Condition, {
                StringEquals: {
                    "aws:RequestTag/eks-cluster-arn": "arn:aws:eks:eu-west-1:123456789012:cluster/berth-efswaits",
                    "aws:RequestTag/kubernetes-namespace": "kube-system",
                    "aws:RequestTag/kubernetes-service-account": serviceAccount,
                },
            });
        }
    });

    it("gives the volume a storage class that mounts with TLS and IAM, binds at once, and deletes only the access point with the claim, after the driver", () => {
        const cls = find(p, "kubernetes:storage.k8s.io/v1:StorageClass", "storage-efs-shared-data");
        const { parameters, ...rest } = cls.inputs;
        assert.deepEqual(rest, {
            apiVersion: "storage.k8s.io/v1",
            kind: "StorageClass",
            metadata: { name: "efs-shared-data" },
            mountOptions: ["tls", "iam"],
            provisioner: "efs.csi.aws.com",
            reclaimPolicy: "Delete",
            volumeBindingMode: "Immediate",
        });
        assert.equal((parameters as Record<string, string>).fileSystemId, find(p, "aws:efs/fileSystem:FileSystem", "efs-shared-fs").id);
        assert.deepEqual(names(cls.dependencies), ["efs-shared-fs", "storage-efs-csi-driver"]);
    });

    it("has the ALB write access logs to the bucket, under the prefix", () => {
        const attributes = inputs(p, INGRESS, "web-ingress").metadata.annotations["alb.ingress.kubernetes.io/load-balancer-attributes"];
        assert.equal(
            attributes,
            "idle_timeout.timeout_seconds=60,routing.http.drop_invalid_header_fields.enabled=true,routing.http.desync_mitigation_mode=defensive,deletion_protection.enabled=false,access_logs.s3.enabled=true,access_logs.s3.bucket=my-logs,access_logs.s3.prefix=alb",
        );
    });
});

describe("EKS in prod, with a Graviton managed group and a labelled self-managed group", () => {
    let p: Plan;
    beforeEach(async () => {
        p = await planOk(
            eksConfig({ "berth:environment": "prod", "berth:eks": { nodeGroups: { general: { type: "managed", instanceTypes: ["m7g.large"], labels: { tier: "web" } }, legacy: { type: "self-managed", labels: { tier: "batch" } } } } }),
            "prodeks",
        );
    });

    it("runs the Graviton group on AL2023's ARM64 image, with its labels, two nodes at least over three AZs", () => {
        const g = inputs(p, "eks:index:ManagedNodeGroup", "general");
        assert.deepEqual([g.amiType, g.instanceTypes, g.labels, g.scalingConfig, g.subnetIds.length], ["AL2023_ARM_64_STANDARD", ["m7g.large"], { tier: "web" }, { desiredSize: 2, maxSize: 3, minSize: 2 }, 3]);
    });

    it("labels the self-managed nodes as configured", () => {
        assert.deepEqual(inputs(p, "eks:index:NodeGroupV2", "legacy").labels, { tier: "batch" });
    });

    it("keeps a claim's EBS volume when the claim goes: the gp3 class retains in prod", () => {
        assert.equal(inputs(p, "kubernetes:storage.k8s.io/v1:StorageClass", "storage-gp3").reclaimPolicy, "Retain");
    });
});
