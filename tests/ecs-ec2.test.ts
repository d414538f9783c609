// The ecs-ec2 example stack, planned through the shared engine: capacity, placement, scaling,
// EFS, the NLB and the one-off task.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { fargateConfig, find, inputs, json, merge, ofType, planOk, planStackOk } from "./harness";

const SVC = "aws:ecs/service:Service";
const POLICY = "aws:appautoscaling/policy:Policy";

describe("ecs-ec2 stack (Pulumi.ecs-ec2.yaml)", () => {
    let p: Plan;
    beforeEach(async () => (p = await planStackOk("ecs-ec2")));

    describe("Ec2Capacity", () => {
        it("wraps the ASG in a capacity provider with managed scaling, termination protection and draining", () => {
            const asg = find(p, "aws:autoscaling/group:Group", "ec2-asg");
            const cp = inputs(p, "aws:ecs/capacityProvider:CapacityProvider", "ec2-cp").autoScalingGroupProvider;
            assert.equal(cp.autoScalingGroupArn, asg.arn);
            assert.equal(cp.managedTerminationProtection, "ENABLED");
            assert.equal(cp.managedDraining, "ENABLED");
            assert.deepEqual(cp.managedScaling, { status: "ENABLED", targetCapacity: 90, minimumScalingStepSize: 1, maximumScalingStepSize: 10 });
            assert.equal(asg.inputs.protectFromScaleIn, true);
            assert.equal(asg.inputs.minSize, 1);
            assert.equal(asg.inputs.maxSize, 13);
            assert.deepEqual(asg.inputs.vpcZoneIdentifiers, inputs(p, SVC, "web-service").networkConfiguration.subnets);
        });

        it("mixes spot and on-demand over several instance types", () => {
            const mix = inputs(p, "aws:autoscaling/group:Group", "ec2-asg").mixedInstancesPolicy;
            assert.deepEqual(mix.instancesDistribution, { onDemandBaseCapacity: 1, onDemandPercentageAboveBaseCapacity: 25, spotAllocationStrategy: "price-capacity-optimized" });
            assert.deepEqual(
                mix.launchTemplate.overrides.map((o: any) => o.instanceType),
                ["t3.large", "t3a.large", "m6i.large"],
            );
        });

        it("launches ECS-optimized AL2023 with IMDSv2 only, no public IP, an encrypted root volume, and joins the cluster", () => {
            const lt = inputs(p, "aws:ec2/launchTemplate:LaunchTemplate", "ec2-lt");
            assert.equal(lt.imageId, "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id");
            assert.equal(lt.metadataOptions.httpTokens, "required");
            assert.equal(lt.networkInterfaces[0].associatePublicIpAddress, "false");
            assert.equal(lt.blockDeviceMappings[0].ebs.encrypted, "true");
            const cluster = find(p, "aws:ecs/cluster:Cluster", "ecs-cluster");
            assert.match(Buffer.from(lt.userData, "base64").toString(), new RegExp(`^ECS_CLUSTER=${cluster.id}$`, "m"));
            // Basic five-minute metrics in staging: detailed monitoring is billed per metric, and prod turns it on.
            assert.deepEqual(lt.monitoring, { enabled: false });
            assert.equal(inputs(p, "aws:ecs/cluster:Cluster", "ecs-cluster").settings[0].value, "enabled");
        });

        it("gives instances their own role, scoped to this cluster, the stack's repository and log groups, apart from the task roles", () => {
            const role = find(p, "aws:iam/role:Role", "ec2-instance-role");
            assert.deepEqual(json(role.inputs.assumeRolePolicy).Statement[0].Principal, { Service: "ec2.amazonaws.com" });
            const cluster = find(p, "aws:ecs/cluster:Cluster", "ecs-cluster").arn;
            const repo = find(p, "aws:ecr/repository:Repository", "registry-repo").arn;
            const policy = inputs(p, "aws:iam/rolePolicy:RolePolicy", "ec2-instance-policy");
            assert.equal(policy.role, role.id);
            assert.deepEqual(json(policy.policy).Statement, [
                {
                    Sid: "RegisterWithThisCluster",
                    Effect: "Allow",
                    Action: ["ecs:DeregisterContainerInstance", "ecs:RegisterContainerInstance", "ecs:SubmitAttachmentStateChanges", "ecs:SubmitContainerStateChange", "ecs:SubmitTaskStateChange"],
                    Resource: cluster,
                },
                // Spot instances drain themselves on an interruption notice.
                { Sid: "PollThisCluster", Effect: "Allow", Action: ["ecs:Poll", "ecs:StartTelemetrySession", "ecs:UpdateContainerInstancesState"], Resource: "*", Condition: { ArnEquals: { "ecs:cluster": cluster } } },
                { Sid: "DiscoverEndpoint", Effect: "Allow", Action: ["ecs:DiscoverPollEndpoint"], Resource: "*" },
                { Sid: "EcrToken", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
                { Sid: "EcrPull", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], Resource: [repo] },
                { Sid: "WriteStackLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "arn:aws:logs:eu-west-1:123456789012:log-group:/berth/berth/ecs-ec2/*:*" },
            ]);
            assert.deepEqual(ofType(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment"), []);
            assert.equal(inputs(p, "aws:iam/instanceProfile:InstanceProfile", "ec2-instance-profile").role, role.id);
            const td = inputs(p, "aws:ecs/taskDefinition:TaskDefinition", "web-taskdef");
            assert.ok(![td.executionRoleArn, td.taskRoleArn].includes(role.arn));
        });

        it("launches no instance before the instance role's policy exists", () => {
            assert.ok(find(p, "aws:ec2/launchTemplate:LaunchTemplate", "ec2-lt").dependencies.includes(find(p, "aws:iam/rolePolicy:RolePolicy", "ec2-instance-policy").urn));
        });

        it("starts web only after its task policy (the EFS grant the file system policy requires) exists", () => {
            assert.ok(find(p, "aws:ecs/service:Service", "web-service").dependencies.includes(find(p, "aws:iam/rolePolicy:RolePolicy", "web-task-policy").urn));
        });
    });

    describe("EcsService on EC2", () => {
        it("uses the capacity provider, spreads across AZs, then bin-packs on memory", () => {
            const svc = inputs(p, SVC, "web-service");
            assert.deepEqual(svc.capacityProviderStrategies, [{ capacityProvider: find(p, "aws:ecs/capacityProvider:CapacityProvider", "ec2-cp").id, weight: 1, base: 0 }]);
            assert.deepEqual(svc.orderedPlacementStrategies, [
                { type: "spread", field: "attribute:ecs.availability-zone" },
                { type: "binpack", field: "memory" },
            ]);
            assert.equal(svc.launchType, undefined);
            assert.equal(svc.platformVersion, undefined);
            assert.deepEqual(inputs(p, "aws:ecs/taskDefinition:TaskDefinition", "web-taskdef").requiresCompatibilities, ["EC2"]);
        });
    });

    describe("ServiceScaling", () => {
        it("targets the service's desired count between min and max", () => {
            const t = inputs(p, "aws:appautoscaling/target:Target", "web-target");
            assert.equal(t.resourceId, `service/${find(p, "aws:ecs/cluster:Cluster", "ecs-cluster").id}/${find(p, SVC, "web-service").id}`);
            assert.deepEqual([t.serviceNamespace, t.scalableDimension, t.minCapacity, t.maxCapacity], ["ecs", "ecs:service:DesiredCount", 1, 10]);
        });

        it("tracks CPU, memory and ALB requests, the last labelled by load balancer and target group", () => {
            const conf = (n: string) => inputs(p, POLICY, n).targetTrackingScalingPolicyConfiguration;
            assert.deepEqual(conf("web-cpu"), { targetValue: 60, scaleInCooldown: 300, scaleOutCooldown: 60, predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" } });
            assert.equal(conf("web-memory").predefinedMetricSpecification.predefinedMetricType, "ECSServiceAverageMemoryUtilization");
            const req = conf("web-requests");
            const lb = find(p, "aws:lb/loadBalancer:LoadBalancer", "alb-lb");
            const tg = find(p, "aws:lb/targetGroup:TargetGroup", "alb-web-tg");
            // The label is the two ARN suffixes: what follows ":loadbalancer/" and the target group's last ARN field.
            const lbSuffix = lb.arn!.split(":loadbalancer/")[1];
            const tgSuffix = tg.arn!.split(":").pop();
            assert.equal(req.predefinedMetricSpecification.predefinedMetricType, "ALBRequestCountPerTarget");
            assert.equal(req.predefinedMetricSpecification.resourceLabel, `${lbSuffix}/${tgSuffix}`);
            assert.match(req.predefinedMetricSpecification.resourceLabel, /^app\/alb-lb-[0-9a-f]+\/[0-9a-f]{16}\/targetgroup\/alb-web-tg-[0-9a-f]+\/[0-9a-f]{16}$/);
            assert.equal(req.targetValue, 500);
        });

        it("drives a step policy from a CloudWatch alarm on the named metric", () => {
            const policy = find(p, POLICY, "web-latency");
            const conf = inputs(p, POLICY, "web-latency");
            assert.equal(conf.policyType, "StepScaling");
            assert.deepEqual(conf.stepScalingPolicyConfiguration.stepAdjustments, [
                { metricIntervalLowerBound: "0", metricIntervalUpperBound: "0.5", scalingAdjustment: 1 },
                { metricIntervalLowerBound: "0.5", scalingAdjustment: 3 },
            ]);
            const alarm = inputs(p, "aws:cloudwatch/metricAlarm:MetricAlarm", "web-latency-alarm");
            assert.deepEqual([alarm.namespace, alarm.metricName, alarm.threshold, alarm.comparisonOperator], ["AWS/ApplicationELB", "TargetResponseTime", 0.5, "GreaterThanOrEqualToThreshold"]);
            assert.deepEqual(alarm.alarmActions, [policy.arn]);
            const lbArn = find(p, "aws:lb/loadBalancer:LoadBalancer", "alb-lb").arn!;
            const tgArn = find(p, "aws:lb/targetGroup:TargetGroup", "alb-web-tg").arn!;
            assert.deepEqual(alarm.dimensions, { LoadBalancer: lbArn.split(":loadbalancer/")[1], TargetGroup: tgArn.split(":").pop() });
        });

        it("schedules capacity with a cron expression in a time zone", () => {
            const s = inputs(p, "aws:appautoscaling/scheduledAction:ScheduledAction", "web-office-hours");
            assert.deepEqual([s.schedule, s.timezone, s.scalableTargetAction], ["cron(0 7 ? * MON-FRI *)", "Europe/Dublin", { minCapacity: 3, maxCapacity: 10 }]);
        });

        it("owns the task count: the scaled service ignores desiredCount changes, an unscaled one does not", () => {
            assert.deepEqual(find(p, SVC, "web-service").ignoreChanges, ["desiredCount"]);
            assert.deepEqual(find(p, SVC, "broker-service").ignoreChanges, []);
            assert.deepEqual(find(p, "aws:autoscaling/group:Group", "ec2-asg").ignoreChanges, ["desiredCapacity"]);
        });

        it("is absent for a service without scaling", () => {
            assert.deepEqual(
                ofType(p, "aws:appautoscaling/target:Target").map((t) => t.name),
                ["web-target"],
            );
        });
    });

    describe("ECS Exec", () => {
        it("turns on execute-command for web, grants its task role the SSM channels, and outputs the command", () => {
            assert.equal(inputs(p, SVC, "web-service").enableExecuteCommand, true);
            assert.equal(inputs(p, SVC, "broker-service").enableExecuteCommand, false);
            const statements = json(inputs(p, "aws:iam/rolePolicy:RolePolicy", "web-task-policy").policy).Statement;
            assert.deepEqual(
                statements.filter((x: any) => x.Sid.startsWith("EcsExec")),
                [
                    {
                        Sid: "EcsExec",
                        Effect: "Allow",
                        Action: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
                        Resource: "*",
                    },
                    // Sessions are logged to the service's own log group, with the task role.
                    { Sid: "EcsExecLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], Resource: "arn:aws:logs:eu-west-1:123456789012:log-group:/berth/berth/ecs-ec2/web:*" },
                    { Sid: "EcsExecFindLogs", Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: "*" },
                ],
            );
            const cluster = find(p, "aws:ecs/cluster:Cluster", "ecs-cluster").id;
            const service = find(p, SVC, "web-service").id;
            assert.deepEqual(p.outputs.execCommands, {
                web:
                    `aws ecs execute-command --region eu-west-1 --cluster ${cluster} --container web --interactive --command /bin/sh ` +
                    `--task $(aws ecs list-tasks --region eu-west-1 --cluster ${cluster} --service-name ${service} --desired-status RUNNING --query 'taskArns[0]' --output text)`,
            });
        });
    });

    describe("scaling the group on CPU (berth:ec2.scaling: cpu)", () => {
        let cpu: Plan;
        beforeEach(async () => {
            cpu = await planOk(merge(fargateConfig(), { "berth:platform": "ecs-ec2", "berth:ec2": { scaling: "cpu", cpuTarget: 55, instanceTypes: ["m6i.large", "m5.large"] } }));
        });

        it("tracks the group's average CPU instead of ECS managed scaling, and lets the group scale in freely", () => {
            assert.deepEqual(inputs(cpu, "aws:autoscaling/policy:Policy", "ec2-cpu").targetTrackingConfiguration, {
                predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
                targetValue: 55,
            });
            assert.equal(inputs(cpu, "aws:autoscaling/policy:Policy", "ec2-cpu").autoscalingGroupName, find(cpu, "aws:autoscaling/group:Group", "ec2-asg").id);
            const cp = inputs(cpu, "aws:ecs/capacityProvider:CapacityProvider", "ec2-cp").autoScalingGroupProvider;
            assert.deepEqual([cp.managedScaling, cp.managedTerminationProtection, cp.managedDraining], [{ status: "DISABLED" }, "DISABLED", "ENABLED"]);
            const asg = inputs(cpu, "aws:autoscaling/group:Group", "ec2-asg");
            assert.equal(asg.protectFromScaleIn, false);
            assert.deepEqual(
                asg.tags.filter((t: any) => t.key === "AmazonECSManaged"),
                [],
            );
        });

        it("offers every instance type without spot, all on-demand, the first preferred", () => {
            const asg = inputs(cpu, "aws:autoscaling/group:Group", "ec2-asg");
            assert.equal(asg.launchTemplate, undefined);
            assert.deepEqual(asg.mixedInstancesPolicy.launchTemplate.overrides, [{ instanceType: "m6i.large" }, { instanceType: "m5.large" }]);
            assert.deepEqual(asg.mixedInstancesPolicy.instancesDistribution, { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 100, onDemandAllocationStrategy: "prioritized" });
            assert.equal(asg.capacityRebalance, undefined);
        });

        it("is absent under capacity-provider scaling", () => {
            assert.deepEqual(ofType(p, "aws:autoscaling/policy:Policy"), []);
            assert.deepEqual(inputs(p, "aws:autoscaling/group:Group", "ec2-asg").tags[0], { key: "AmazonECSManaged", value: "true", propagateAtLaunch: true });
        });
    });

    describe("PrivateLink (partners)", () => {
        it("publishes the service on an internal NLB of its own, in the private subnets, to the allowed principals only", () => {
            const lb = inputs(p, "aws:lb/loadBalancer:LoadBalancer", "partners-pl-lb");
            assert.deepEqual([lb.loadBalancerType, lb.internal, lb.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic], ["network", true, "off"]);
            assert.deepEqual(lb.subnets, inputs(p, SVC, "web-service").networkConfiguration.subnets);
            const es = inputs(p, "aws:ec2/vpcEndpointService:VpcEndpointService", "partners-pl-endpoint-service");
            assert.deepEqual([es.networkLoadBalancerArns, es.acceptanceRequired, es.allowedPrincipals], [[find(p, "aws:lb/loadBalancer:LoadBalancer", "partners-pl-lb").arn], true, ["arn:aws:iam::210987654321:root"]]);
            assert.deepEqual((p.outputs.endpointServices as Record<string, string>).partners, `com.amazonaws.vpce.eu-west-1.${find(p, "aws:ec2/vpcEndpointService:VpcEndpointService", "partners-pl-endpoint-service").id}`);
        });

        it("lets nobody else in: its security group has no ingress rule, and the tasks admit only it", () => {
            const sg = find(p, "aws:ec2/securityGroup:SecurityGroup", "partners-pl-sg").id;
            assert.deepEqual(
                ofType(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === sg),
                [],
            );
            const fromLb = inputs(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "partners-from-lb");
            assert.deepEqual([fromLb.referencedSecurityGroupId, fromLb.fromPort, fromLb.toPort], [sg, 8080, 8080]);
            const svc = find(p, SVC, "partners-service");
            assert.deepEqual(svc.inputs.loadBalancers, [{ containerName: "partners", containerPort: 8080, targetGroupArn: find(p, "aws:lb/targetGroup:TargetGroup", "partners-pl-tg").arn }]);
            assert.ok(svc.dependencies.includes(find(p, "aws:lb/listener:Listener", "partners-pl-listener").urn));
            assert.equal(inputs(p, "aws:lb/listener:Listener", "partners-pl-listener").port, 8080);
        });
    });

    describe("EFS volumes", () => {
        it("encrypts the file system, backs it up, and mounts it in every private subnet", () => {
            const fs = find(p, "aws:efs/fileSystem:FileSystem", "efs-shared-fs");
            assert.equal(fs.inputs.encrypted, true);
            assert.equal(inputs(p, "aws:efs/backupPolicy:BackupPolicy", "efs-shared-backup").backupPolicy.status, "ENABLED");
            const subnets = inputs(p, SVC, "web-service").networkConfiguration.subnets;
            assert.deepEqual(
                ofType(p, "aws:efs/mountTarget:MountTarget").map((m) => m.inputs.subnetId),
                subnets,
            );
            assert.equal(fs.retainOnDelete, false);
        });

        it("gives each volume an access point with a POSIX user and a created root directory", () => {
            const ap = inputs(p, "aws:efs/accessPoint:AccessPoint", "efs-shared-uploads-ap");
            assert.deepEqual(ap.posixUser, { uid: 1000, gid: 1000 });
            assert.deepEqual(ap.rootDirectory, { path: "/uploads", creationInfo: { ownerUid: 1000, ownerGid: 1000, permissions: "0750" } });
        });

        it("mounts through the access point with TLS and IAM, and admits NFS only from the tasks", () => {
            const td = inputs(p, "aws:ecs/taskDefinition:TaskDefinition", "web-taskdef");
            const fs = find(p, "aws:efs/fileSystem:FileSystem", "efs-shared-fs");
            const ap = find(p, "aws:efs/accessPoint:AccessPoint", "efs-shared-uploads-ap");
            assert.deepEqual(td.volumes, [{ name: "shared-uploads-0", efsVolumeConfiguration: { fileSystemId: fs.id, transitEncryption: "ENABLED", authorizationConfig: { accessPointId: ap.id, iam: "ENABLED" } } }]);
            assert.deepEqual(json(td.containerDefinitions)[0].mountPoints, [{ sourceVolume: "shared-uploads-0", containerPath: "/usr/share/nginx/html/uploads", readOnly: false }]);
            const client = find(p, "aws:ec2/securityGroup:SecurityGroup", "efs-shared-client-sg");
            const nfs = inputs(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "efs-shared-nfs-in");
            assert.deepEqual([nfs.referencedSecurityGroupId, nfs.fromPort, nfs.toPort, nfs.cidrIpv4], [client.id, 2049, 2049, undefined]);
            assert.ok(inputs(p, SVC, "web-service").networkConfiguration.securityGroups.includes(client.id));
            assert.ok(!inputs(p, SVC, "broker-service").networkConfiguration.securityGroups.includes(client.id));
        });

        it("requires TLS and an access point, grants no root access, and leaves the rest to IAM", () => {
            const fs = find(p, "aws:efs/fileSystem:FileSystem", "efs-shared-fs");
            const policy = json(inputs(p, "aws:efs/fileSystemPolicy:FileSystemPolicy", "efs-shared-policy").policy);
            assert.deepEqual(
                policy.Statement.map((st: any) => [st.Sid, st.Effect, st.Condition]),
                [
                    ["DenyWithoutTls", "Deny", { Bool: { "aws:SecureTransport": "false" } }],
                    ["DenyWithoutAccessPoint", "Deny", { Null: { "elasticfilesystem:AccessPointArn": "true" } }],
                    ["AllowAccountPrincipalsByIam", "Allow", { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } }],
                ],
            );
            assert.ok(policy.Statement.every((st: any) => st.Resource === fs.arn));
            assert.deepEqual(policy.Statement[2].Principal, { AWS: "arn:aws:iam::123456789012:root" });
            assert.ok(!policy.Statement[2].Action.includes("elasticfilesystem:ClientRootAccess"));
        });

        it("lets the task role mount and write through that access point only", () => {
            const policy = json(inputs(p, "aws:iam/rolePolicy:RolePolicy", "web-task-policy").policy);
            const efs = policy.Statement.find((s: any) => s.Sid === "Efs0");
            assert.deepEqual(efs.Action, ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]);
            assert.equal(efs.Resource, find(p, "aws:efs/fileSystem:FileSystem", "efs-shared-fs").arn);
            assert.deepEqual(efs.Condition, { StringEquals: { "elasticfilesystem:AccessPointArn": find(p, "aws:efs/accessPoint:AccessPoint", "efs-shared-uploads-ap").arn } });
        });
    });

    describe("grants", () => {
        it("scopes bucket, table and queue grants to their resources with no wildcard actions", () => {
            const web = json(inputs(p, "aws:iam/rolePolicy:RolePolicy", "web-task-policy").policy).Statement;
            assert.equal(web[0].Resource, "arn:aws:s3:::berth-staging-assets/web/*");
            assert.deepEqual(web[1].Condition, { StringLike: { "s3:prefix": ["web/*"] } });
            const report = json(inputs(p, "aws:iam/rolePolicy:RolePolicy", "report-task-policy").policy).Statement;
            assert.deepEqual(report[0].Resource, ["arn:aws:dynamodb:eu-west-1:123456789012:table/orders", "arn:aws:dynamodb:eu-west-1:123456789012:table/orders/index/*"]);
            assert.ok(!report[0].Action.includes("dynamodb:PutItem"));
            assert.deepEqual(report[1].Action, ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"]);
            for (const s of [...web, ...report]) assert.ok([s.Action].flat().every((a: string) => !a.includes("*")));
        });
    });

    describe("NLB", () => {
        it("listens on TCP with cross-zone load balancing and admits only the configured CIDRs", () => {
            const nlb = inputs(p, "aws:lb/loadBalancer:LoadBalancer", "nlb-lb");
            assert.equal(nlb.loadBalancerType, "network");
            assert.equal(nlb.enableCrossZoneLoadBalancing, true);
            const listener = inputs(p, "aws:lb/listener:Listener", "nlb-broker-listener");
            assert.deepEqual([listener.port, listener.protocol, listener.sslPolicy], [1883, "TCP", undefined]);
            const rule = inputs(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "nlb-in-1883-203-0-113-0-24");
            assert.deepEqual([rule.cidrIpv4, rule.ipProtocol, rule.fromPort, rule.toPort], ["203.0.113.0/24", "tcp", 1883, 1883]);
            assert.equal(inputs(p, "aws:lb/targetGroup:TargetGroup", "nlb-broker-tg").healthCheck.protocol, "TCP");
            assert.equal(inputs(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "broker-from-lb").referencedSecurityGroupId, find(p, "aws:ec2/securityGroup:SecurityGroup", "nlb-sg").id);
        });
    });

    describe("ALB hardening", () => {
        it("drops invalid headers, mitigates desync, and drains targets for the configured delay", () => {
            const alb = inputs(p, "aws:lb/loadBalancer:LoadBalancer", "alb-lb");
            assert.equal(alb.dropInvalidHeaderFields, true);
            assert.equal(alb.desyncMitigationMode, "defensive");
            assert.equal(alb.accessLogs, undefined);
            assert.equal(inputs(p, "aws:lb/targetGroup:TargetGroup", "alb-web-tg").deregistrationDelay, 20);
        });
    });

    describe("one-off task", () => {
        it("gets a task definition and no service, and a ready run-task command", () => {
            find(p, "aws:ecs/taskDefinition:TaskDefinition", "report-taskdef");
            assert.deepEqual(
                ofType(p, SVC)
                    .map((s) => s.name)
                    .sort(),
                ["broker-service", "partners-service", "web-service"],
            );
            const cmd = (p.outputs.tasks as Record<string, string>).report;
            const sg = find(p, "aws:ec2/securityGroup:SecurityGroup", "report-sg").id;
            const subnets = inputs(p, SVC, "web-service").networkConfiguration.subnets.join(",");
            assert.equal(
                cmd,
                `aws ecs run-task --region eu-west-1 --cluster ${find(p, "aws:ecs/cluster:Cluster", "ecs-cluster").id} --task-definition berth-ecs-ec2-report --count 1 ` +
                    `--capacity-provider-strategy capacityProvider=${find(p, "aws:ecs/capacityProvider:CapacityProvider", "ec2-cp").id},weight=1,base=0 ` +
                    `--network-configuration 'awsvpcConfiguration={subnets=[${subnets}],securityGroups=[${sg}],assignPublicIp=DISABLED}'`,
            );
        });
    });
});
