// GIVEN an EKS config, WHEN it is planned through the shared engine, THEN the cluster, its capacity,
// its add-ons and every Kubernetes object carry these inputs.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { eksConfig, find, inputs, json, ofType, planOk } from "./harness";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/rolePolicy:RolePolicy";
const ATTACH = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const ADDON = "aws:eks/addon:Addon";
const ASSOC = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
const K = (kind: string) => `kubernetes:${kind}`;
const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";
const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";
const CLUSTER_ARN = "arn:aws:eks:eu-west-1:123456789012:cluster/berth-eks";

const trustOf = (p: Plan, role: string) => json(inputs(p, ROLE, role).assumeRolePolicy).Statement;
const policyOf = (p: Plan, name: string) => json(inputs(p, POLICY, name).policy).Statement;
const attached = (p: Plan, prefix: string) =>
    ofType(p, ATTACH)
        .filter((r) => r.name.startsWith(prefix))
        .map((r) => (r.inputs as any).policyArn)
        .sort();
const clusterTrust = [
    {
        Effect: "Allow",
        Principal: { Service: "eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": CLUSTER_ARN } },
    },
];
/** Pod Identity may assume the role only for this cluster, and only for sessions tagged with this namespace and service account(s). */
const podIdentityTrust = (namespace: string, serviceAccount: string) => [
    {
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        // Only the session tags EKS Pod Identity documents (components/eks/trust.ts, podIdentityTrust).
        Condition: {
            StringEquals: { "aws:RequestTag/eks-cluster-arn": CLUSTER_ARN, "aws:RequestTag/kubernetes-namespace": namespace, "aws:RequestTag/kubernetes-service-account": serviceAccount },
        },
    },
];

describe("eks composition", () => {
    let p: Plan;
    beforeEach(async () => {
        p = await planOk(
            eksConfig({
                "berth:eks": { version: "1.35", publicAccessCidrs: ["198.51.100.0/24"], adminRoleArns: ["arn:aws:iam::123456789012:role/admin"] },
                "berth:loadBalancer": { certificateArn: CERT },
                "berth:storage": { fileSystems: { shared: { volumes: { data: { path: "/srv/data", uid: 1000, gid: 1000 } } } } },
                "berth:services": {
                    web: {
                        readonlyRootFilesystem: true,
                        scaling: { min: 2, max: 6, cpu: 60, memory: 70, scaleInCooldown: 120 },
                        grants: [{ bucket: "assets", prefix: "img/", access: "read" }],
                        volumes: [{ fileSystem: "shared", volume: "data", mountPath: "/data" }],
                        secrets: { DB_PASSWORD: `${SECRET}:password::`, DB_USER: `${SECRET}:user::` },
                    },
                    api: { image: "public.ecr.aws/nginx/nginx-unprivileged:1.27", port: 9000, public: true, loadBalancer: "nlb", listenerPort: 443 },
                    db: { image: "public.ecr.aws/docker/library/postgres:17", port: 5432, desiredCount: 1, runAsUser: 999, disks: [{ name: "pgdata", sizeGiB: 20, mountPath: "/var/lib/postgresql/data" }] },
                    migrate: { kind: "task", image: "public.ecr.aws/docker/library/busybox:1.36", command: ["true"], runAsUser: 65534 },
                },
            }),
            "eks",
        );
    });

    describe("the cluster", () => {
        it("passes eks.Cluster the version, the STANDARD upgrade policy, a private endpoint public only to the configured CIDRs, and the private subnets", () => {
            const c = inputs(p, "eks:index:Cluster", "eks");
            assert.equal(c.name, "berth-eks");
            assert.equal(c.version, "1.35");
            assert.deepEqual(c.upgradePolicy, { supportType: "STANDARD" });
            assert.equal(c.endpointPrivateAccess, true);
            assert.equal(c.endpointPublicAccess, true);
            assert.deepEqual(c.publicAccessCidrs, ["198.51.100.0/24"]);
            assert.equal(c.privateSubnetIds.length, 2);
            assert.deepEqual(inputs(p, "eks:index:ManagedNodeGroup", "general").subnetIds, c.privateSubnetIds);
            assert.deepEqual(
                c.privateSubnetIds.filter((s: string) => c.publicSubnetIds.includes(s)),
                [],
            );
            assert.ok(c.privateSubnetIds.every((s: string) => s.startsWith("subnet-")));
            assert.equal(c.nodeAssociatePublicIpAddress, false);
            assert.equal(c.skipDefaultNodeGroup, true);
            assert.equal(c.deletionProtection, false);
            // berth installs CoreDNS itself, after capacity: pulumi-eks's is off.
            assert.deepEqual(c.corednsAddonOptions, { enabled: false, resolveConflictsOnCreate: "OVERWRITE", resolveConflictsOnUpdate: "OVERWRITE" });
        });

        it("authenticates through access entries only (mode API, no aws-auth ConfigMap), with cluster-admin for the configured roles", () => {
            const c = inputs(p, "eks:index:Cluster", "eks");
            assert.equal(c.authenticationMode, "API");
            assert.deepEqual(c.accessEntries, {
                "admin-0": { principalArn: "arn:aws:iam::123456789012:role/admin", accessPolicies: { admin: { policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } } } },
            });
            assert.equal(c.roleMappings, undefined);
            assert.equal(c.userMappings, undefined);
        });

        it("encrypts secrets with a KMS key that rotates, and logs audit and authenticator events to a group with retention", () => {
            const c = inputs(p, "eks:index:Cluster", "eks");
            const key = find(p, "aws:kms/key:Key", "eks-secrets-key");
            assert.equal(c.encryptionConfigKeyArn, key.arn);
            assert.equal((key.inputs as any).enableKeyRotation, true);
            assert.deepEqual(c.enabledClusterLogTypes, ["api", "audit", "authenticator"]);
            assert.deepEqual(inputs(p, "aws:cloudwatch/logGroup:LogGroup", "eks-logs"), { name: "/aws/eks/berth-eks/cluster", retentionInDays: 14, tags: inputs(p, "aws:cloudwatch/logGroup:LogGroup", "eks-logs").tags });
        });

        it("gives the control plane a role EKS may assume only for this cluster", () => {
            assert.deepEqual(trustOf(p, "eks-cluster-role"), clusterTrust);
            assert.deepEqual(attached(p, "eks-cluster"), ["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"]);
            assert.equal(inputs(p, "eks:index:Cluster", "eks").serviceRole, find(p, ROLE, "eks-cluster-role").urn);
        });

        it("installs the Pod Identity agent, and the VPC CNI as its own add-on (pulumi-eks's is off) with its network policy agent and a role of its own", () => {
            const agent = inputs(p, ADDON, "eks-pod-identity-agent");
            assert.deepEqual([agent.addonName, agent.addonVersion], ["eks-pod-identity-agent", "v1.3.10-eksbuild.2"]);
            const c = inputs(p, "eks:index:Cluster", "eks");
            assert.equal(c.useDefaultVpcCni, true);
            assert.equal(c.vpcCniOptions, undefined);
            const cni = find(p, ADDON, "eks-vpc-cni");
            assert.deepEqual(cni.inputs, {
                clusterName: "berth-eks",
                addonName: "vpc-cni",
                addonVersion: "v1.22.3-eksbuild.1",
                podIdentityAssociations: [{ roleArn: find(p, ROLE, "eks-vpc-cni-role").arn, serviceAccount: "aws-node" }],
                configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }),
                resolveConflictsOnCreate: "OVERWRITE",
                resolveConflictsOnUpdate: "OVERWRITE",
                tags: (cni.inputs as any).tags,
            });
            assert.deepEqual(trustOf(p, "eks-vpc-cni-role"), podIdentityTrust("kube-system", "aws-node"));
            assert.deepEqual(attached(p, "eks-vpc-cni"), ["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"]);
            // aws-node needs the agent for its credentials, and nodes need both before they can turn Ready.
            assert.ok(cni.dependencies.includes(find(p, ADDON, "eks-pod-identity-agent").urn));
            const nodes = find(p, "eks:index:ManagedNodeGroup", "general").dependencies;
            assert.ok(nodes.includes(cni.urn) && nodes.includes(find(p, ADDON, "eks-pod-identity-agent").urn));
        });
    });

    describe("managed nodes", () => {
        it("run AL2023 on demand from their own launch template: IMDSv2 with one hop, an encrypted gp3 root volume", () => {
            const g = inputs(p, "eks:index:ManagedNodeGroup", "general");
            const lt = find(p, "aws:ec2/launchTemplate:LaunchTemplate", "general-launch-template");
            assert.equal(g.amiType, "AL2023_x86_64_STANDARD");
            assert.equal(g.capacityType, "ON_DEMAND");
            assert.deepEqual(g.instanceTypes, ["t3.medium"]);
            assert.deepEqual(g.scalingConfig, { minSize: 1, maxSize: 3, desiredSize: 1 });
            assert.equal(g.launchTemplate.id, lt.id);
            assert.equal(g.cluster, find(p, "eks:index:Cluster", "eks").urn);
            assert.deepEqual((lt.inputs as any).metadataOptions, { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" });
            assert.deepEqual((lt.inputs as any).blockDeviceMappings, [{ deviceName: "/dev/xvda", ebs: { volumeSize: 20, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }]);
            assert.equal((lt.inputs as any).imageId, undefined);
        });

        it("run as a role EC2 assumes, with only the worker and image-pull policies (the CNI's is aws-node's own)", () => {
            assert.deepEqual(trustOf(p, "general-node-role"), [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]);
            assert.deepEqual(attached(p, "general-"), ["arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"]);
        });
    });

    describe("storage", () => {
        it("installs the EBS CSI driver with its own Pod Identity role, and a default gp3 class: encrypted, WaitForFirstConsumer, expandable", () => {
            const role = find(p, ROLE, "storage-ebs-csi-role");
            assert.deepEqual(trustOf(p, "storage-ebs-csi-role"), podIdentityTrust("kube-system", "ebs-csi-controller-sa"));
            assert.deepEqual(attached(p, "storage-ebs-csi"), ["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"]);
            assert.deepEqual(inputs(p, ADDON, "storage-ebs-csi-driver").podIdentityAssociations, [{ roleArn: role.arn, serviceAccount: "ebs-csi-controller-sa" }]);
            const sc = inputs(p, K("storage.k8s.io/v1:StorageClass"), "storage-gp3");
            assert.deepEqual(sc.metadata, { name: "gp3", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } });
            assert.equal(sc.provisioner, "ebs.csi.aws.com");
            assert.deepEqual(sc.parameters, { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" });
            assert.equal(sc.volumeBindingMode, "WaitForFirstConsumer");
            assert.equal(sc.allowVolumeExpansion, true);
            assert.equal(sc.reclaimPolicy, "Delete");
        });

        it("installs the EFS CSI driver with a role for its controller, which manages access points, and one for its nodes, which only mount berth's file systems", () => {
            const controller = find(p, ROLE, "storage-efs-csi-role");
            const node = find(p, ROLE, "storage-efs-csi-node-role");
            const fs = find(p, "aws:efs/fileSystem:FileSystem", "efs-shared-fs");
            assert.deepEqual(trustOf(p, "storage-efs-csi-role"), podIdentityTrust("kube-system", "efs-csi-controller-sa"));
            assert.deepEqual(trustOf(p, "storage-efs-csi-node-role"), podIdentityTrust("kube-system", "efs-csi-node-sa"));
            assert.deepEqual(
                [controller, node].map((r) => (r.inputs as any).description),
                ["EFS CSI driver controller: creates and deletes access points", "EFS CSI driver node agent: mounts through access points"],
            );
            assert.deepEqual(attached(p, "storage-efs-csi-"), ["arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy"]);
            assert.equal(ofType(p, POLICY).filter((r) => r.name === "storage-efs-csi-policy").length, 0);
            assert.deepEqual(policyOf(p, "storage-efs-csi-node-policy"), [
                {
                    Sid: "MountThroughAccessPoints",
                    Effect: "Allow",
                    Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
                    Resource: [fs.arn],
                    Condition: { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } },
                },
            ]);
            assert.deepEqual(inputs(p, ADDON, "storage-efs-csi-driver").podIdentityAssociations, [
                { roleArn: controller.arn, serviceAccount: "efs-csi-controller-sa" },
                { roleArn: node.arn, serviceAccount: "efs-csi-node-sa" },
            ]);
        });

        it("provisions EFS claims through access points on the volume's own directory and owner", () => {
            const sc = inputs(p, K("storage.k8s.io/v1:StorageClass"), "storage-efs-shared-data");
            assert.equal(sc.metadata.name, "efs-shared-data");
            assert.equal(sc.provisioner, "efs.csi.aws.com");
            assert.deepEqual(sc.parameters, {
                provisioningMode: "efs-ap",
                fileSystemId: find(p, "aws:efs/fileSystem:FileSystem", "efs-shared-fs").id,
                directoryPerms: "750",
                uid: "1000",
                gid: "1000",
                basePath: "/srv",
                subPathPattern: "data",
                ensureUniqueDirectory: "false",
            });
            assert.deepEqual(sc.mountOptions, ["tls", "iam"]);
            const claim = inputs(p, K("core/v1:PersistentVolumeClaim"), "web-shared-data-0-pvc");
            assert.deepEqual(claim.spec, { accessModes: ["ReadWriteMany"], resources: { requests: { storage: "5Gi" } }, storageClassName: "efs-shared-data" });
        });

        it("opens NFS on the file system to the cluster's security group only", () => {
            const rule = inputs(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "efs-shared-from-eks");
            const nodeSg = policyOf(p, "lb-controller-policy")
                .find((s: any) => s.Sid === "OpenNodesToLoadBalancers")
                .Resource.split("/")
                .pop();
            assert.match(nodeSg, /^sg-/);
            assert.equal(rule.referencedSecurityGroupId, nodeSg);
            assert.equal(rule.securityGroupId, find(p, "aws:ec2/securityGroup:SecurityGroup", "efs-shared-sg").id);
            assert.deepEqual([rule.ipProtocol, rule.fromPort, rule.toPort, rule.cidrIpv4], ["tcp", 2049, 2049, undefined]);
        });

        it("claims a disk of the default gp3 class, and replaces a disk's pod rather than running two", () => {
            const claim = inputs(p, K("core/v1:PersistentVolumeClaim"), "db-pgdata-pvc");
            assert.deepEqual(claim.spec, { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "20Gi" } } });
            assert.deepEqual(inputs(p, K("apps/v1:Deployment"), "db-deployment").spec.strategy, { type: "Recreate" });
        });
    });

    const container = () => inputs(p, K("apps/v1:Deployment"), "web-deployment").spec.template.spec.containers[0];

    describe("workloads", () => {
        it("sizes the container from cpu and memory, as both requests and limits", () => {
            assert.deepEqual(container().resources, { requests: { cpu: "500m", memory: "1024Mi" }, limits: { cpu: "500m", memory: "1024Mi" } });
        });

        it("runs no root, no privilege escalation, no capabilities, the default seccomp profile, and the configured read-only root", () => {
            assert.deepEqual(container().securityContext, {
                runAsNonRoot: true,
                runAsUser: 1000,
                runAsGroup: 1000,
                allowPrivilegeEscalation: false,
                privileged: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ["ALL"] },
                seccompProfile: { type: "RuntimeDefault" },
            });
            const pod = inputs(p, K("apps/v1:Deployment"), "web-deployment").spec.template.spec;
            assert.deepEqual(pod.securityContext, { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } });
            assert.equal(pod.automountServiceAccountToken, false);
            assert.deepEqual(
                pod.topologySpreadConstraints.map((t: any) => [t.topologyKey, t.maxSkew, t.whenUnsatisfiable]),
                [
                    ["topology.kubernetes.io/zone", 1, "ScheduleAnyway"],
                    ["kubernetes.io/hostname", 1, "ScheduleAnyway"],
                ],
            );
            const db = inputs(p, K("apps/v1:Deployment"), "db-deployment").spec.template.spec.containers[0].securityContext;
            assert.deepEqual([db.runAsUser, db.runAsGroup, db.runAsNonRoot], [999, 999, true]);
        });

        it("probes readiness and liveness from the health check", () => {
            const httpGet = { path: "/healthz", port: 8080 };
            assert.deepEqual(container().readinessProbe, { httpGet, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 3, successThreshold: 3 });
            assert.deepEqual(container().livenessProbe, { httpGet, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 3, successThreshold: 1, initialDelaySeconds: 60 });
        });

        it("scales with an autoscaling/v2 HPA on cpu and memory, and leaves the replica count to it", () => {
            const hpa = find(p, K("autoscaling/v2:HorizontalPodAutoscaler"), "web-hpa");
            assert.deepEqual((hpa.inputs as any).spec, {
                scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
                minReplicas: 2,
                maxReplicas: 6,
                metrics: [
                    { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 60 } } },
                    { type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 70 } } },
                ],
                behavior: { scaleDown: { stabilizationWindowSeconds: 120 }, scaleUp: { stabilizationWindowSeconds: 60 } },
            });
            assert.equal(inputs(p, K("apps/v1:Deployment"), "web-deployment").spec.replicas, undefined);
            assert.equal(inputs(p, K("apps/v1:Deployment"), "api-deployment").spec.replicas, 1);
        });

        it("installs the metrics-server add-on the HPA reads, once there is capacity to run it", () => {
            const ms = find(p, ADDON, "metrics-server");
            assert.deepEqual(ms.inputs, {
                clusterName: "berth-eks",
                addonName: "metrics-server",
                addonVersion: "v0.8.0-eksbuild.6",
                resolveConflictsOnCreate: "OVERWRITE",
                resolveConflictsOnUpdate: "OVERWRITE",
                tags: (ms.inputs as any).tags,
            });
            assert.ok(ms.dependencies.includes(find(p, "eks:index:ManagedNodeGroup", "general").urn));
            assert.ok(find(p, K("apps/v1:Deployment"), "web-deployment").dependencies.includes(ms.urn));
        });

        it("lets one pod at a time be disrupted, so drains never block", () => {
            assert.deepEqual(inputs(p, K("policy/v1:PodDisruptionBudget"), "web-pdb").spec, { maxUnavailable: 1, selector: { matchLabels: { "app.kubernetes.io/name": "web" } } });
        });

        it("denies ingress by default, admitting the service port from the load balancers in the VPC only (no service calls web)", () => {
            const np = inputs(p, K("networking.k8s.io/v1:NetworkPolicy"), "web-netpol");
            const ports = [{ protocol: "TCP", port: 8080 }];
            assert.deepEqual(np.spec, {
                podSelector: { matchLabels: { "app.kubernetes.io/name": "web" } },
                policyTypes: ["Ingress"],
                ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/16" } }], ports }],
            });
            assert.deepEqual(inputs(p, K("networking.k8s.io/v1:NetworkPolicy"), "migrate-netpol").spec.ingress, []);
        });

        it("runs a task as a suspended CronJob, with the ready kubectl command in the tasks output", () => {
            const cron = inputs(p, K("batch/v1:CronJob"), "migrate-cronjob");
            assert.equal(cron.spec.suspend, true);
            assert.equal(cron.spec.schedule, "0 0 31 2 *");
            assert.equal(cron.spec.jobTemplate.spec.backoffLimit, 0);
            assert.equal(cron.spec.jobTemplate.spec.template.spec.restartPolicy, "Never");
            assert.equal((p.outputs.tasks as any).migrate, "aws eks update-kubeconfig --region eu-west-1 --name berth-eks && kubectl --namespace migrate create job --from=cronjob/migrate migrate-$(date +%s)");
            assert.deepEqual(
                ofType(p, K("apps/v1:Deployment")).filter((r) => r.name.startsWith("migrate")),
                [],
            );
            // ECS `command` replaces the image's CMD, which is Kubernetes `args`; `command` would replace its ENTRYPOINT.
            const c = cron.spec.jobTemplate.spec.template.spec.containers[0];
            assert.deepEqual(c.args, ["true"]);
            assert.equal(c.command, undefined);
        });
    });

    describe("identity and secrets", () => {
        it("gives a service with grants, secrets or volumes a Pod Identity role with the ECS task role's statements", () => {
            const role = find(p, ROLE, "web-role");
            assert.deepEqual(trustOf(p, "web-role"), podIdentityTrust("web", "web"));
            assert.deepEqual(policyOf(p, "web-policy"), [
                { Sid: "Grant0Objects", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: "arn:aws:s3:::assets/img/*" },
                { Sid: "Grant0List", Effect: "Allow", Action: ["s3:ListBucket"], Resource: "arn:aws:s3:::assets", Condition: { StringLike: { "s3:prefix": ["img/*"] } } },
                // ASCP calls DescribeSecret on every mount and rotation poll (components/iam/policies.ts, SecretReader).
                { Sid: "ReadSecrets", Effect: "Allow", Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"], Resource: [SECRET, `${SECRET}-??????`] },
            ]);
            assert.deepEqual(inputs(p, ASSOC, "web-association"), { clusterName: "berth-eks", namespace: "web", serviceAccount: "web", roleArn: role.arn, tags: inputs(p, ASSOC, "web-association").tags });
            assert.equal(
                ofType(p, ROLE).some((r) => r.name === "api-role"),
                false,
            );
        });

        it("reads secrets with the pod's identity through the Secrets Store CSI driver, into the environment, never as values", () => {
            const spc = inputs(p, K("secrets-store.csi.x-k8s.io/v1:SecretProviderClass"), "web-secrets");
            assert.equal(spc.spec.provider, "aws");
            assert.equal(spc.spec.parameters.usePodIdentity, "true");
            assert.deepEqual(json(spc.spec.parameters.objects), [
                {
                    objectName: SECRET,
                    objectType: "secretsmanager",
                    objectAlias: "object-0",
                    jmesPath: [
                        { path: "password", objectAlias: "DB_PASSWORD" },
                        { path: "user", objectAlias: "DB_USER" },
                    ],
                },
            ]);
            assert.deepEqual(
                container().env.filter((e: any) => e.valueFrom),
                [
                    { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "web-secrets", key: "DB_PASSWORD" } } },
                    { name: "DB_USER", valueFrom: { secretKeyRef: { name: "web-secrets", key: "DB_USER" } } },
                ],
            );
            assert.doesNotMatch(JSON.stringify(ofType(p, K("apps/v1:Deployment"))), /secretsmanager:/);
            const releases = ofType(p, K("helm.sh/v3:Release"))
                .map((r) => (r.inputs as any).chart)
                .sort();
            assert.deepEqual(releases, ["aws-for-fluent-bit", "aws-load-balancer-controller", "secrets-store-csi-driver", "secrets-store-csi-driver-provider-aws"]);
        });
    });

    describe("ordering against the cluster's controllers", () => {
        const dependsOn = (type: string, name: string, on: string[]) => {
            const deps = find(p, K(type), name).dependencies;
            for (const d of on) assert.ok(deps.includes(d), `${name} does not depend on ${d}`);
        };
        const release = (name: string) => find(p, K("helm.sh/v3:Release"), name).urn;

        it("creates Ingresses and LoadBalancer Services after the load balancer controller, so it outlives them on destroy and removes their finalizers", () => {
            const controller = release("lb-controller-release");
            dependsOn("networking.k8s.io/v1:Ingress", "web-ingress", [controller]);
            dependsOn("core/v1:Service", "api-service", [controller]);
            dependsOn("core/v1:Service", "web-service", [controller]);
        });

        it("creates custom resources after the releases that install their CRDs", () => {
            dependsOn("secrets-store.csi.x-k8s.io/v1:SecretProviderClass", "web-secrets", [release("secrets-csi-driver"), release("secrets-csi-aws-provider")]);
        });

        it("creates claims after the driver and class that provision them", () => {
            dependsOn("core/v1:PersistentVolumeClaim", "db-pgdata-pvc", [find(p, K("storage.k8s.io/v1:StorageClass"), "storage-gp3").urn]);
            dependsOn("core/v1:PersistentVolumeClaim", "web-shared-data-0-pvc", [find(p, ADDON, "storage-efs-csi-driver").urn]);
        });
    });

    describe("load balancing", () => {
        it("installs the AWS Load Balancer Controller from Helm with its own Pod Identity role, region and VPC named", () => {
            const rel = inputs(p, K("helm.sh/v3:Release"), "lb-controller-release");
            assert.deepEqual([rel.chart, rel.namespace, rel.repositoryOpts.repo], ["aws-load-balancer-controller", "kube-system", "https://aws.github.io/eks-charts"]);
            assert.match(rel.version, /^\d+\.\d+\.\d+$/);
            assert.deepEqual([rel.values.clusterName, rel.values.region, rel.values.vpcId, rel.values.enableWafv2], ["berth-eks", "eu-west-1", inputs(p, "eks:index:Cluster", "eks").vpcId, true]);
            assert.deepEqual(trustOf(p, "lb-controller-role"), podIdentityTrust("kube-system", "aws-load-balancer-controller"));
            assert.deepEqual(inputs(p, ASSOC, "lb-controller-association").serviceAccount, "aws-load-balancer-controller");
        });

        it("scopes the controller's policy to its own load balancers and security groups, with no wildcard actions", () => {
            const statements = policyOf(p, "lb-controller-policy");
            assert.ok(statements.every((s: any) => s.Action.every((a: string) => !a.includes("*"))));
            const bySid = Object.fromEntries(statements.map((s: any) => [s.Sid, s]));
            assert.equal(bySid.Describe.Resource, "*");
            assert.ok(bySid.Describe.Action.every((a: string) => /:(Describe|List|Get)/.test(a)));
            assert.deepEqual(bySid.ManageOwnLoadBalancers.Condition, { StringEquals: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "berth-eks" } });
            assert.deepEqual(bySid.CreateTaggedLoadBalancers.Condition, { StringEquals: { "aws:RequestTag/elbv2.k8s.aws/cluster": "berth-eks" } });
            assert.deepEqual(bySid.ManageOwnSecurityGroups.Condition, { StringEquals: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "berth-eks" } });
            assert.match(bySid.OpenNodesToLoadBalancers.Resource, /^arn:aws:ec2:eu-west-1:123456789012:security-group\/sg-[0-9a-f]+$/);
            assert.deepEqual(bySid.RegisterTargets.Resource, "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/k8s-*/*");
            assert.deepEqual(bySid.RegisterTargets.Condition, { StringEquals: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "berth-eks" } });
            assert.deepEqual(bySid.ElbServiceLinkedRole.Condition, { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } });
            const elb = "arn:aws:elasticloadbalancing:eu-west-1:123456789012";
            const ours = [`${elb}:loadbalancer/app/k8s-*/*`, `${elb}:loadbalancer/net/k8s-*/*`, `${elb}:targetgroup/k8s-*/*`];
            assert.deepEqual(bySid.CreateTaggedLoadBalancers.Resource, ours);
            assert.deepEqual(bySid.ManageOwnLoadBalancers.Resource, ours);
            assert.deepEqual(bySid.ManageOwnSecurityGroups.Action, ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup", "ec2:CreateTags", "ec2:DeleteTags"]);
            assert.deepEqual(bySid.OpenNodesToLoadBalancers.Action, ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"]);
            assert.equal(bySid.CreateSecurityGroupInVpc.Resource, `arn:aws:ec2:eu-west-1:123456789012:vpc/${inputs(p, "eks:index:Cluster", "eks").vpcId}`);
            assert.deepEqual(bySid.TagNewSecurityGroup.Condition, { StringEquals: { "ec2:CreateAction": "CreateSecurityGroup" } });
            assert.ok(bySid.ListenersAndRules.Resource.every((r: string) => r.startsWith(`${elb}:`) && r.includes("/k8s-*/")));
            assert.equal(bySid.ListenersAndRules.Action.includes("elasticloadbalancing:CreateListener"), false);
            assert.deepEqual(bySid.CreateListenersOnOwnLoadBalancers, {
                Sid: "CreateListenersOnOwnLoadBalancers",
                Effect: "Allow",
                Action: ["elasticloadbalancing:CreateListener"],
                Resource: [`${elb}:loadbalancer/app/k8s-*/*`, `${elb}:loadbalancer/net/k8s-*/*`],
                Condition: { StringEquals: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "berth-eks" } },
            });
            assert.deepEqual(Object.keys(bySid), [
                "Describe",
                "ElbServiceLinkedRole",
                "CreateSecurityGroupInVpc",
                "CreateTaggedSecurityGroup",
                "TagNewSecurityGroup",
                "ManageOwnSecurityGroups",
                "OpenNodesToLoadBalancers",
                "CreateTaggedLoadBalancers",
                "TagOnCreate",
                "ManageOwnLoadBalancers",
                "RegisterTargets",
                "CreateListenersOnOwnLoadBalancers",
                "ListenersAndRules",
                // With an ALB, always: turning WAF off must detach the web ACL (wafv2-acl-arn: none).
                "WafReadAcls",
                "WafAssociate",
                "WafOnOwnLoadBalancers",
            ]);
        });

        it("puts the ALB service behind an Ingress of the cluster's IngressGroup: HTTPS with a redirect, only from the allowed CIDRs", () => {
            const ing = inputs(p, K("networking.k8s.io/v1:Ingress"), "web-ingress");
            const a = ing.metadata.annotations;
            const subnets = a["alb.ingress.kubernetes.io/subnets"];
            assert.equal(ing.spec.ingressClassName, "alb");
            assert.deepEqual(ing.spec.rules[0].http.paths, [{ path: "/*", pathType: "ImplementationSpecific", backend: { service: { name: "web", port: { number: 8080 } } } }]);
            assert.equal(a["alb.ingress.kubernetes.io/group.name"], "berth-eks");
            assert.equal(a["alb.ingress.kubernetes.io/scheme"], "internet-facing");
            assert.equal(a["alb.ingress.kubernetes.io/target-type"], "ip");
            assert.equal(a["alb.ingress.kubernetes.io/inbound-cidrs"], "198.51.100.0/24");
            assert.equal(a["alb.ingress.kubernetes.io/listen-ports"], '[{"HTTP":80},{"HTTPS":443}]');
            assert.equal(a["alb.ingress.kubernetes.io/certificate-arn"], CERT);
            assert.equal(a["alb.ingress.kubernetes.io/ssl-redirect"], "443");
            assert.equal(a["alb.ingress.kubernetes.io/healthcheck-path"], "/healthz");
            assert.equal(a["alb.ingress.kubernetes.io/success-codes"], "200-399");
            assert.equal(subnets, inputs(p, "eks:index:Cluster", "eks").publicSubnetIds.join(","));
        });

        it("gives the NLB service a LoadBalancer Service the controller builds: IP targets, TLS on 443, the allowed CIDRs", () => {
            const svc = inputs(p, K("core/v1:Service"), "api-service");
            const a = svc.metadata.annotations;
            assert.equal(svc.spec.type, "LoadBalancer");
            assert.deepEqual(svc.spec.ports, [{ name: "http", port: 443, targetPort: 9000, protocol: "TCP" }]);
            assert.deepEqual(svc.spec.loadBalancerSourceRanges, ["198.51.100.0/24"]);
            assert.equal(a["service.beta.kubernetes.io/aws-load-balancer-type"], "external");
            assert.equal(a["service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"], "ip");
            assert.equal(a["service.beta.kubernetes.io/aws-load-balancer-ssl-cert"], CERT);
            assert.equal(a["service.beta.kubernetes.io/aws-load-balancer-ssl-ports"], "443");
            assert.equal(inputs(p, K("core/v1:Service"), "db-service").spec.type, "ClusterIP");
        });
    });

    it("outputs what ECS outputs under the same names, plus the kubeconfig as a secret and the endpoint", () => {
        assert.deepEqual(Object.keys(p.outputs).sort(), ["clusterName", "endpoint", "endpoints", "ingressHostname", "kubeconfig", "logs", "platform", "pushCommands", "repositoryUrl", "services", "tasks", "url", "urls", "vpcId"]);
        const host = String(p.outputs.ingressHostname);
        assert.match(host, /^k8s-berth-eks-[0-9a-f]+-\d+\.eu-west-1\.elb\.amazonaws\.com$/);
        assert.equal(p.outputs.url, `https://${host}`);
        assert.deepEqual(Object.keys(p.outputs.urls as object), ["web", "api"]);
        assert.equal((p.outputs.urls as any).web, `https://${host}/`);
        assert.match((p.outputs.urls as any).api, /^https:\/\/k8s-[0-9a-f]+\.elb\.eu-west-1\.amazonaws\.com:443$/);
        assert.equal(p.outputs.kubeconfig, "[secret]");
        assert.equal(p.outputs.clusterName, "berth-eks");
        assert.deepEqual(p.outputs.services, { web: "web/web", api: "api/api", db: "db/db" });
    });
});
