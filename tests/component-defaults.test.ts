// GIVEN each component built with its required args only (tests/fixtures/component-defaults.ts),
// WHEN planned, THEN every documented `@default` is what its children receive. The compositions
// always pass values, so without this a default could change and no stack would notice.
import { strict as assert } from "assert";
import * as path from "path";
import { Plan } from "../plan/engine";
import { find, inputs, ofType, planProgramOk } from "./harness";

const PROGRAM = path.join(__dirname, "fixtures", "component-defaults.ts");

describe("component defaults", () => {
    let p: Plan;
    beforeEach(async () => (p = await planProgramOk(PROGRAM)));

    it("Network: 10.0.0.0/16 over 2 AZs, one NAT gateway, an S3 gateway endpoint, no NAT instance", () => {
        const vpc = inputs(p, "awsx:ec2:Vpc", "net-vpc");
        assert.deepEqual([vpc.cidrBlock, vpc.numberOfAvailabilityZones, vpc.natGateways], ["10.0.0.0/16", 2, { strategy: "Single" }]);
        assert.deepEqual(vpc.tags, {});
        assert.equal(inputs(p, "aws:ec2/vpcEndpoint:VpcEndpoint", "net-s3").serviceName, "com.amazonaws.eu-west-1.s3");
        assert.deepEqual(ofType(p, "berth:network:NatInstance"), []);
    });

    it("AppLoadBalancer: HTTP only, 60 s idle timeout, 30 s drain, no access logs, no deletion protection", () => {
        const lb = inputs(p, "aws:lb/loadBalancer:LoadBalancer", "alb-lb");
        assert.deepEqual([lb.idleTimeout, lb.accessLogs, lb.enableDeletionProtection], [60, undefined, false]);
        assert.equal(inputs(p, "aws:lb/targetGroup:TargetGroup", "alb-web-tg").deregistrationDelay, 30);
        const http = inputs(p, "aws:lb/listener:Listener", "alb-http");
        assert.deepEqual(http.defaultActions, [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "not found", statusCode: "404" } }]);
        assert.equal(inputs(p, "aws:lb/listenerRule:ListenerRule", "alb-web-rule").listenerArn, find(p, "aws:lb/listener:Listener", "alb-http").arn);
        assert.deepEqual(
            ofType(p, "aws:lb/listener:Listener").filter((l) => l.name === "alb-https"),
            [],
        );
        assert.deepEqual(
            ofType(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
                .filter((r) => r.name.startsWith("alb-"))
                .map((r) => r.name),
            ["alb-in-80-203-0-113-0-24"],
        );
    });

    it("NetworkLoadBalancer: plain TCP, 30 s drain, no deletion protection", () => {
        const listener = inputs(p, "aws:lb/listener:Listener", "nlb-mqtt-listener");
        assert.deepEqual([listener.protocol, listener.certificateArn, listener.sslPolicy], ["TCP", undefined, undefined]);
        assert.equal(inputs(p, "aws:lb/loadBalancer:LoadBalancer", "nlb-lb").enableDeletionProtection, false);
        assert.equal(inputs(p, "aws:lb/targetGroup:TargetGroup", "nlb-mqtt-tg").deregistrationDelay, 30);
    });

    it("PrivateLinkService: each endpoint waits for acceptance, 30 s drain, no deletion protection", () => {
        assert.equal(inputs(p, "aws:ec2/vpcEndpointService:VpcEndpointService", "pl-endpoint-service").acceptanceRequired, true);
        assert.equal(inputs(p, "aws:lb/loadBalancer:LoadBalancer", "pl-lb").enableDeletionProtection, false);
        assert.equal(inputs(p, "aws:lb/targetGroup:TargetGroup", "pl-tg").deregistrationDelay, 30);
    });

    it("Ec2Capacity: 1-5 on-demand t3.medium x86_64 instances, 30 GiB, basic monitoring, ECS managed scaling at 100 %", () => {
        const lt = inputs(p, "aws:ec2/launchTemplate:LaunchTemplate", "ec2-lt");
        assert.deepEqual([lt.instanceType, lt.imageId, lt.blockDeviceMappings[0].ebs.volumeSize, lt.monitoring], ["t3.medium", "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id", 30, { enabled: false }]);
        const asg = inputs(p, "aws:autoscaling/group:Group", "ec2-asg");
        assert.deepEqual([asg.minSize, asg.maxSize, asg.protectFromScaleIn, asg.mixedInstancesPolicy], [1, 5, true, undefined]);
        assert.deepEqual(asg.launchTemplate, { id: find(p, "aws:ec2/launchTemplate:LaunchTemplate", "ec2-lt").id, version: "1" });
        assert.deepEqual(asg.tags, [{ key: "AmazonECSManaged", value: "true", propagateAtLaunch: true }]);
        const cp = inputs(p, "aws:ecs/capacityProvider:CapacityProvider", "ec2-cp").autoScalingGroupProvider;
        assert.deepEqual(cp.managedScaling, { status: "ENABLED", targetCapacity: 100, minimumScalingStepSize: 1, maximumScalingStepSize: 10 });
        assert.deepEqual(ofType(p, "aws:autoscaling/policy:Policy"), []);
    });

    it("WorkQueue: 4 days of retention (SQS's default), and dead-letter and age alarms that notify nobody", () => {
        assert.equal(inputs(p, "aws:sqs/queue:Queue", "queue-queue").messageRetentionSeconds, 4 * 86400);
        assert.deepEqual(inputs(p, "aws:cloudwatch/metricAlarm:MetricAlarm", "queue-dlq-alarm").alarmActions, []);
        const age = inputs(p, "aws:cloudwatch/metricAlarm:MetricAlarm", "queue-age-alarm");
        assert.deepEqual([age.metricName, age.threshold, age.evaluationPeriods, age.alarmActions], ["ApproximateAgeOfOldestMessage", 600, 5, []]);
    });

    it("ExpressService: no environment, secrets or command, an auto-named log group kept 14 days and deleted with the stack", () => {
        const c = inputs(p, "aws:ecs/expressGatewayService:ExpressGatewayService", "exp-service").primaryContainer;
        assert.deepEqual([c.environments, c.secrets, c.command], [[], [], undefined]);
        const logs = find(p, "aws:cloudwatch/logGroup:LogGroup", "exp-logs");
        assert.deepEqual([logs.inputs.name, logs.inputs.retentionInDays, logs.retainOnDelete], [undefined, 14, false]);
    });

    it("EksCluster: standard support, a private endpoint, no admins, audit and sign-in logs kept 14 days, network policies, no OIDC, no protection", () => {
        const c = inputs(p, "eks:index:Cluster", "eks");
        assert.deepEqual(c.upgradePolicy, { supportType: "STANDARD" });
        assert.deepEqual([c.endpointPublicAccess, c.endpointPrivateAccess, c.publicAccessCidrs], [false, true, undefined]);
        assert.deepEqual(c.accessEntries, {});
        assert.deepEqual(c.enabledClusterLogTypes, ["api", "audit", "authenticator"]);
        assert.deepEqual([c.createOidcProvider, c.deletionProtection], [false, false]);
        const logs = find(p, "aws:cloudwatch/logGroup:LogGroup", "eks-logs");
        assert.deepEqual([logs.inputs.retentionInDays, logs.retainOnDelete], [14, false]);
        const key = find(p, "aws:kms/key:Key", "eks-secrets-key");
        assert.deepEqual([key.inputs.deletionWindowInDays, key.retainOnDelete], [7, false]);
        // berth's own vpc-cni add-on (pulumi-eks's is off) turns its network policy agent on.
        assert.deepEqual([c.useDefaultVpcCni, c.vpcCniOptions], [true, undefined]);
        assert.equal(inputs(p, "aws:eks/addon:Addon", "eks-vpc-cni").configurationValues, JSON.stringify({ enableNetworkPolicy: "true" }));
        assert.deepEqual(
            ofType(p, "aws:eks/addon:Addon")
                .map((a) => a.name)
                .sort(),
            ["eks-pod-identity-agent", "eks-vpc-cni", "storage-ebs-csi-driver"],
        );
        assert.deepEqual(ofType(p, "aws:eks/fargateProfile:FargateProfile"), []);
    });

    it("ManagedNodes: 1-3 on-demand t3.medium x86_64 nodes starting at 1, 20 GiB, no labels", () => {
        const g = inputs(p, "eks:index:ManagedNodeGroup", "mng");
        assert.deepEqual([g.amiType, g.capacityType, g.instanceTypes, g.labels], ["AL2023_x86_64_STANDARD", "ON_DEMAND", ["t3.medium"], {}]);
        assert.deepEqual(g.scalingConfig, { minSize: 1, maxSize: 3, desiredSize: 1 });
        assert.equal(inputs(p, "aws:ec2/launchTemplate:LaunchTemplate", "mng-launch-template").blockDeviceMappings[0].ebs.volumeSize, 20);
    });

    it("SelfManagedNodes: 1-3 t3.medium nodes starting at 1, 20 GiB, no labels", () => {
        const g = inputs(p, "eks:index:NodeGroupV2", "smn");
        assert.deepEqual([g.instanceType, g.minSize, g.maxSize, g.desiredCapacity, g.nodeRootVolumeSize, g.labels], ["t3.medium", 1, 3, 1, 20, {}]);
    });

    it("ClusterStorage: the EBS CSI driver and a default gp3 class that deletes volumes with their claims; no EFS driver", () => {
        assert.equal(inputs(p, "aws:eks/addon:Addon", "storage-ebs-csi-driver").addonName, "aws-ebs-csi-driver");
        const gp3 = inputs(p, "kubernetes:storage.k8s.io/v1:StorageClass", "storage-gp3");
        assert.deepEqual([gp3.reclaimPolicy, gp3.volumeBindingMode, gp3.metadata.annotations], ["Delete", "WaitForFirstConsumer", { "storageclass.kubernetes.io/is-default-class": "true" }]);
        assert.deepEqual(
            ofType(p, "aws:eks/addon:Addon").filter((a) => (a.inputs as any).addonName === "aws-efs-csi-driver"),
            [],
        );
    });

    it("KubernetesService: a Deployment of one replica, rolling updates, a writable root file system, and no Service, probes or claims", () => {
        const d = inputs(p, "kubernetes:apps/v1:Deployment", "ks-deployment");
        assert.equal(d.spec.replicas, 1);
        assert.deepEqual(d.spec.strategy, { type: "RollingUpdate", rollingUpdate: { maxSurge: "100%", maxUnavailable: 0 } });
        const [c] = d.spec.template.spec.containers;
        assert.deepEqual([c.securityContext.readOnlyRootFilesystem, c.securityContext.runAsUser, c.ports, c.livenessProbe, c.readinessProbe, c.command], [false, 1000, undefined, undefined, undefined, undefined]);
        assert.deepEqual([c.volumeMounts, d.spec.template.spec.volumes], [[], []]);
        assert.deepEqual(ofType(p, "kubernetes:core/v1:Service"), []);
        assert.deepEqual(ofType(p, "kubernetes:batch/v1:CronJob"), []);
        assert.deepEqual(ofType(p, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler"), []);
    });

    it("ServiceScaling: target tracking scales in after 300 s and out after 60 s", () => {
        const cpu = inputs(p, "aws:appautoscaling/policy:Policy", "scaling-cpu").targetTrackingScalingPolicyConfiguration;
        assert.deepEqual([cpu.scaleInCooldown, cpu.scaleOutCooldown, cpu.targetValue], [300, 60, 50]);
    });

    it("ServiceScaling: a step policy aggregates as its alarm's statistic where Application Auto Scaling can (Minimum, Maximum), else by Average", () => {
        const aggregation = (stat: string) => inputs(p, "aws:appautoscaling/policy:Policy", `scaling-${stat}`).stepScalingPolicyConfiguration.metricAggregationType;
        assert.deepEqual(["minimum", "maximum", "average", "sum", "samplecount"].map(aggregation), ["Minimum", "Maximum", "Average", "Average", "Average"]);
        assert.equal(inputs(p, "aws:cloudwatch/metricAlarm:MetricAlarm", "scaling-sum-alarm").statistic, "Sum");
    });

    it("ServiceScaling: fills only the placeholders it has values for (cluster and service by default), and leaves every other value as written", () => {
        const alarm = inputs(p, "aws:cloudwatch/metricAlarm:MetricAlarm", "scaling-minimum-alarm");
        assert.deepEqual(alarm.dimensions, { Cluster: "c", Queue: "$queue", Literal: "x$", Dollar: "$", Mid: "a$service", Inherited: "constructor" });
    });

    const kept = (type: string, name: string) => [find(p, type, name).protect, find(p, type, name).retainOnDelete];

    it("Registry: AES-256, force-deleted with the stack, 20 tagged images and 7 days of untagged ones, builds for linux/amd64", () => {
        const repo = inputs(p, "aws:ecr/repository:Repository", "reg-repo");
        assert.deepEqual([repo.encryptionConfigurations, repo.forceDelete, kept("aws:ecr/repository:Repository", "reg-repo")], [[{ encryptionType: "AES256" }], true, [false, false]]);
        const rules = JSON.parse(inputs(p, "aws:ecr/lifecyclePolicy:LifecyclePolicy", "reg-lifecycle").policy).rules;
        assert.deepEqual(
            rules.map((r: { selection: { countNumber: number } }) => r.selection.countNumber),
            [7, 20],
        );
        const image = inputs(p, "awsx:ecr:Image", "reg-web-image");
        assert.deepEqual([image.context, image.dockerfile, image.platform], ["./app", undefined, "linux/amd64"]);
        assert.match(image.repositoryUrl, /^123456789012\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/reg-repo-[0-9a-f]{7}$/);
        assert.deepEqual(ofType(p, "aws:ecrpublic/repository:Repository"), []);
    });

    it("EfsFileSystem: elastic throughput, infrequent access after 30 days and back on first access, daily backups, not protected", () => {
        const fs = inputs(p, "aws:efs/fileSystem:FileSystem", "efs-fs");
        assert.deepEqual([fs.throughputMode, fs.lifecyclePolicies, fs.encrypted], ["elastic", [{ transitionToIa: "AFTER_30_DAYS" }, { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }], true]);
        assert.deepEqual(inputs(p, "aws:efs/backupPolicy:BackupPolicy", "efs-backup").backupPolicy, { status: "ENABLED" });
        assert.deepEqual(kept("aws:efs/fileSystem:FileSystem", "efs-fs"), [false, false]);
    });

    it("LustreFileSystem: PERSISTENT_2 SSD at 125 MB/s per TiB, FSx's own key, 7 days of backups and a final one, not protected", () => {
        const fs = find(p, "aws:fsx/lustreFileSystem:LustreFileSystem", "lustre-fs");
        const i = fs.inputs as any;
        assert.deepEqual(
            [i.storageType, i.deploymentType, i.perUnitStorageThroughput, i.kmsKeyId, i.automaticBackupRetentionDays, i.skipFinalBackup, i.subnetIds, fs.protect, fs.retainOnDelete],
            ["SSD", "PERSISTENT_2", 125, undefined, 7, false, "subnet-private-a", false, false],
        );
    });

    it("OntapFileSystem: one AZ at 128 MBps, FSx's own key, 7 days of backups, names ONTAP accepts (no hyphens), not protected", () => {
        const fs = find(p, "aws:fsx/ontapFileSystem:OntapFileSystem", "nas-1-fs");
        const i = fs.inputs as any;
        assert.deepEqual([i.deploymentType, i.throughputCapacity, i.subnetIds, i.routeTableIds, i.kmsKeyId, i.automaticBackupRetentionDays, fs.protect], ["SINGLE_AZ_1", 128, ["subnet-private-a"], undefined, undefined, 7, false]);
        const svm = find(p, "aws:fsx/ontapStorageVirtualMachine:OntapStorageVirtualMachine", "nas-1-svm");
        assert.deepEqual([(svm.inputs as any).name, svm.protect], ["nas_1", false]);
        const volume = find(p, "aws:fsx/ontapVolume:OntapVolume", "nas-1-team-data");
        assert.deepEqual([(volume.inputs as any).name, (volume.inputs as any).junctionPath, volume.protect], ["team_data", "/team-data", false]);
        // The password it was given stays secret wherever it goes: the plan shows neither value.
        assert.deepEqual([inputs(p, "aws:secretsmanager/secretVersion:SecretVersion", "nas-1-svm-admin-value").secretString, (svm.inputs as any).svmAdminPassword], ["[secret]", "[secret]"]);
    });

    it("ItemTable: a partition key only, no deletion protection, not protected", () => {
        const table = inputs(p, "aws:dynamodb/table:Table", "items-table");
        assert.deepEqual([table.attributes, table.hashKey, table.rangeKey, table.deletionProtectionEnabled], [[{ name: "pk", type: "S" }], "pk", undefined, false]);
        assert.deepEqual(kept("aws:dynamodb/table:Table", "items-table"), [false, false]);
    });

    it("SecureBucket: emptied on destroy, not protected, no EventBridge notifications", () => {
        assert.equal(inputs(p, "aws:s3/bucket:Bucket", "bucket-bucket").forceDestroy, true);
        assert.deepEqual(kept("aws:s3/bucket:Bucket", "bucket-bucket"), [false, false]);
        assert.deepEqual(ofType(p, "aws:s3/bucketNotification:BucketNotification"), []);
    });

    it("EcsTask: Fargate on X86_64, a writable root file system, no port, logs kept 14 days and deleted with the stack", () => {
        const def = inputs(p, "aws:ecs/taskDefinition:TaskDefinition", "task-taskdef");
        assert.deepEqual([def.requiresCompatibilities, def.networkMode, def.runtimePlatform], [["FARGATE"], "awsvpc", { cpuArchitecture: "X86_64", operatingSystemFamily: "LINUX" }]);
        const [container] = JSON.parse(def.containerDefinitions);
        assert.deepEqual([container.readonlyRootFilesystem, container.portMappings, container.command, container.healthCheck], [false, [], undefined, undefined]);
        // No user and no writable paths given: the image's USER, one container, no tmpfs and no volume.
        assert.deepEqual([Object.hasOwn(container, "user"), Object.hasOwn(container, "linuxParameters"), JSON.parse(def.containerDefinitions).length, def.volumes], [false, false, 1, []]);
        assert.equal(inputs(p, "aws:cloudwatch/logGroup:LogGroup", "task-logs").retentionInDays, 14);
        assert.deepEqual(kept("aws:cloudwatch/logGroup:LogGroup", "task-logs"), [false, false]);
    });

    it("EcsService: no ECS Exec, a rolling deployment at 100-200 %, no placement constraint, no grace period without a load balancer", () => {
        const svc = inputs(p, "aws:ecs/service:Service", "svc-service");
        assert.deepEqual(
            [svc.enableExecuteCommand, svc.deploymentMinimumHealthyPercent, svc.deploymentMaximumPercent, svc.placementConstraints, svc.healthCheckGracePeriodSeconds, svc.networkConfiguration],
            [false, 100, 200, undefined, undefined, { assignPublicIp: false, securityGroups: ["sg-0123456789abcdef0"], subnets: ["subnet-private-a", "subnet-private-b"] }],
        );
    });

    it("StoppedTaskAlerts: abnormal stops only, no subscriptions, a key gone 7 days after deletion", () => {
        assert.equal(inputs(p, "aws:cloudwatch/eventRule:EventRule", "alerts-rule").description, "Abnormal stopped ECS task of this cluster");
        assert.deepEqual(ofType(p, "aws:sns/topicSubscription:TopicSubscription"), []);
        assert.equal(inputs(p, "aws:kms/key:Key", "alerts-key").deletionWindowInDays, 7);
    });
});
