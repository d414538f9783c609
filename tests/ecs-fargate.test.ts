// GIVEN a config, WHEN it is planned through the shared engine, THEN the children get these inputs.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { fargateConfig, find, inputs, json, ofType, planOk } from "./harness";

const SVC = "aws:ecs/service:Service";
const TASKDEF = "aws:ecs/taskDefinition:TaskDefinition";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const ROLE = "aws:iam/role:Role";
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("ecs-fargate composition", () => {
    let p: Plan;
    beforeEach(async () => {
        p = await planOk(
            fargateConfig({
                "berth:services": {
                    web: {
                        environment: { MODE: "web" },
                        secrets: {
                            DB_PASSWORD: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::",
                            API_KEY: { arn: "arn:aws:ssm:eu-west-1:123456789012:parameter/web/api-key", kmsKey: KEY },
                        },
                    },
                    jobs: { image: "public.ecr.aws/docker/library/busybox:1.36", cpu: 256, memory: 512, readonlyRootFilesystem: true },
                },
            }),
        );
    });

    describe("EcsService", () => {
        it("runs tasks in private subnets without a public IP", () => {
            const vpc = find(p, "awsx:ec2:Vpc", "net-vpc");
            const svc = inputs(p, SVC, "web-service");
            assert.equal(svc.networkConfiguration.assignPublicIp, false);
            assert.equal(svc.networkConfiguration.subnets.length, 2);
            assert.ok(svc.networkConfiguration.subnets.every((s: string) => s.startsWith("subnet-")));
            assert.ok(find(p, SVC, "web-service").dependencies.includes(vpc.urn));
        });

        it("rolls back a failed deployment and keeps full capacity while deploying", () => {
            const svc = inputs(p, SVC, "web-service");
            assert.deepEqual(svc.deploymentCircuitBreaker, { enable: true, rollback: true });
            assert.equal(svc.deploymentMinimumHealthyPercent, 100);
            assert.equal(svc.deploymentMaximumPercent, 200);
            assert.equal(svc.platformVersion, "LATEST");
            assert.equal(svc.enableExecuteCommand, false);
            assert.equal(svc.placementConstraints, undefined);
            assert.deepEqual(json(inputs(p, TASKDEF, "web-taskdef").containerDefinitions)[0].portMappings, [{ containerPort: 8080, protocol: "tcp" }]);
        });

        it("registers a public service with its target group, after the listener rule exists", () => {
            const svc = find(p, SVC, "web-service");
            const tg = find(p, "aws:lb/targetGroup:TargetGroup", "alb-web-tg");
            assert.deepEqual(svc.inputs.loadBalancers, [{ containerName: "web", containerPort: 8080, targetGroupArn: tg.arn }]);
            assert.ok(svc.dependencies.includes(find(p, "aws:lb/listenerRule:ListenerRule", "alb-web-rule").urn));
            assert.equal(svc.inputs.healthCheckGracePeriodSeconds, 60);
        });

        it("gives a private service no load balancer and no inbound rule", () => {
            const svc = inputs(p, SVC, "jobs-service");
            assert.deepEqual(svc.loadBalancers, []);
            assert.equal(svc.healthCheckGracePeriodSeconds, undefined);
            assert.deepEqual(
                ofType(p, INGRESS).filter((r) => r.name.startsWith("jobs-")),
                [],
            );
        });

        it("admits task traffic only from the load balancer's security group, on the container port", () => {
            const albSg = find(p, "aws:ec2/securityGroup:SecurityGroup", "alb-sg");
            const rule = inputs(p, INGRESS, "web-from-lb");
            assert.equal(rule.referencedSecurityGroupId, albSg.id);
            assert.equal(rule.fromPort, 8080);
            assert.equal(rule.toPort, 8080);
            assert.equal(rule.cidrIpv4, undefined);
        });

        it("runs a service's only task on on-demand FARGATE in dev, and the rest mostly on FARGATE_SPOT, through capacity providers", () => {
            const svc = inputs(p, SVC, "web-service");
            // web runs one task (dev's default): base 1 keeps it off spot, where an interruption would take the whole service.
            assert.deepEqual(svc.capacityProviderStrategies, [
                { capacityProvider: "FARGATE", base: 1, weight: 1 },
                { capacityProvider: "FARGATE_SPOT", base: 0, weight: 3 },
            ]);
            assert.equal(svc.launchType, undefined);
            const providers = inputs(p, "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "ecs-providers");
            assert.deepEqual(providers.capacityProviders, ["FARGATE", "FARGATE_SPOT"]);
            assert.ok(find(p, SVC, "web-service").dependencies.includes(find(p, "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "ecs-providers").urn));
        });
    });

    describe("EcsTask", () => {
        it("uses awsvpc, sizes the task and logs to its own log group", () => {
            const td = inputs(p, TASKDEF, "web-taskdef");
            assert.equal(td.networkMode, "awsvpc");
            assert.deepEqual(td.requiresCompatibilities, ["FARGATE"]);
            assert.equal(td.cpu, "512");
            assert.equal(td.memory, "1024");
            assert.equal(td.family, "berth-test-web");
            const [c] = json(td.containerDefinitions);
            const logs = find(p, "aws:cloudwatch/logGroup:LogGroup", "web-logs");
            assert.deepEqual(c.logConfiguration.options, { "awslogs-group": logs.id, "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "web" });
            assert.equal(logs.inputs.retentionInDays, 14);
        });

        it("injects secrets as container secrets and never as environment values", () => {
            const [c] = json(inputs(p, TASKDEF, "web-taskdef").containerDefinitions);
            assert.deepEqual(c.secrets, [
                { name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::" },
                { name: "API_KEY", valueFrom: "arn:aws:ssm:eu-west-1:123456789012:parameter/web/api-key" },
            ]);
            assert.deepEqual(c.environment, [{ name: "MODE", value: "web" }]);
            assert.equal(c.privileged, false);
            assert.equal(c.readonlyRootFilesystem, true);
        });

        it("makes the root file system read-only when configured", () => {
            const [c] = json(inputs(p, TASKDEF, "jobs-taskdef").containerDefinitions);
            assert.equal(c.readonlyRootFilesystem, true);
            assert.deepEqual(c.portMappings, []);
        });
    });

    describe("TaskRoles", () => {
        it("keeps execution and task roles apart, both trusted only by ECS tasks of this account and region", () => {
            const td = inputs(p, TASKDEF, "web-taskdef");
            const exec = find(p, ROLE, "web-exec-role");
            const task = find(p, ROLE, "web-task-role");
            assert.equal(td.executionRoleArn, exec.arn);
            assert.equal(td.taskRoleArn, task.arn);
            assert.notEqual(exec.arn, task.arn);
            for (const role of [exec, task]) {
                assert.deepEqual(json(role.inputs.assumeRolePolicy), {
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Service: "ecs-tasks.amazonaws.com" },
                            Action: "sts:AssumeRole",
                            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:ecs:eu-west-1:123456789012:*" } },
                        },
                    ],
                });
            }
        });

        it("lets the execution role write only its own log group and read exactly the referenced secret, with or without the random suffix", () => {
            const policy = json(inputs(p, "aws:iam/rolePolicy:RolePolicy", "web-exec-policy").policy);
            assert.deepEqual(policy.Statement, [
                { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "arn:aws:logs:eu-west-1:123456789012:log-group:/berth/berth/test/web:*" },
                {
                    Sid: "ReadSecrets",
                    Effect: "Allow",
                    Action: ["secretsmanager:GetSecretValue"],
                    Resource: ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf-??????"],
                },
                { Sid: "ReadParameters", Effect: "Allow", Action: ["ssm:GetParameters"], Resource: ["arn:aws:ssm:eu-west-1:123456789012:parameter/web/api-key"] },
                // The parameter's customer-managed key, usable only through Secrets Manager or SSM in this region.
                {
                    Sid: "DecryptSecrets",
                    Effect: "Allow",
                    Action: ["kms:Decrypt"],
                    Resource: [KEY],
                    Condition: { StringEquals: { "kms:ViaService": ["secretsmanager.eu-west-1.amazonaws.com", "ssm.eu-west-1.amazonaws.com"] } },
                },
            ]);
            assert.equal(inputs(p, "aws:cloudwatch/logGroup:LogGroup", "web-logs").name, "/berth/berth/test/web");
            // No AWS managed policy: AmazonECSTaskExecutionRolePolicy writes to every log group and pulls from every repository.
            assert.deepEqual(ofType(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment"), []);
        });

        it("leaves the task role empty by default, and gives a service without secrets only its log statement", () => {
            const taskRoleUrn = find(p, ROLE, "web-task-role").urn;
            const attached = p.resources.filter((r) => r.type.startsWith("aws:iam/rolePolicy") && r.dependencies.includes(taskRoleUrn));
            assert.deepEqual(attached, []);
            assert.deepEqual(
                json(inputs(p, "aws:iam/rolePolicy:RolePolicy", "jobs-exec-policy").policy).Statement.map((s: any) => s.Sid),
                ["WriteOwnLogs"],
            );
        });

        it("starts each service only after every policy of its roles exists", () => {
            for (const svc of ["web", "jobs"]) {
                const deps = find(p, SVC, `${svc}-service`).dependencies;
                const policies = p.resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.parent === `urn:pulumi:test::berth::berth:ecs:Service$berth:iam:TaskRoles::${svc}`);
                assert.ok(policies.length >= 1);
                for (const policy of policies) assert.ok(deps.includes(policy.urn), `${svc}-service does not wait for ${policy.name}`);
            }
        });

        it("forces a new deployment on update, which a change of capacity provider strategy requires", () => {
            for (const svc of ["web", "jobs"]) assert.equal(inputs(p, SVC, `${svc}-service`).forceNewDeployment, true);
        });

        it("has no wildcard action anywhere", () => {
            for (const r of p.resources.filter((x) => x.type === "aws:iam/rolePolicy:RolePolicy")) {
                for (const s of json(r.inputs.policy).Statement) {
                    assert.ok(![s.Action].flat().some((a: string) => a.includes("*")), `${r.name} has a wildcard action`);
                }
            }
        });
    });

    describe("AppLoadBalancer", () => {
        it("admits only the configured CIDRs, on port 80 only without a certificate, and sends only to its targets' port", () => {
            const rules = ofType(p, INGRESS).filter((r) => r.name.startsWith("alb-in-"));
            assert.deepEqual(
                rules.map((r) => [r.name, r.inputs.cidrIpv4, r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort]),
                [["alb-in-80-198-51-100-0-24", "198.51.100.0/24", "tcp", 80, 80]],
            );
            const open = ofType(p, INGRESS).filter((r) => r.inputs.cidrIpv4 === "0.0.0.0/0");
            assert.deepEqual(open, []);
            const albSg = find(p, "aws:ec2/securityGroup:SecurityGroup", "alb-sg").id;
            const egress = ofType(p, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter((r) => r.inputs.securityGroupId === albSg);
            assert.deepEqual(
                egress.map((r) => [r.name, r.inputs.referencedSecurityGroupId, r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4]),
                [["web-lb-to-tasks", find(p, "aws:ec2/securityGroup:SecurityGroup", "web-sg").id, "tcp", 8080, 8080, undefined]],
            );
        });

        it("makes one rule per distinct CIDR, named by the CIDR, so a repeated CIDR is not a second identical rule", async () => {
            const twice = await planOk(fargateConfig({ "berth:loadBalancer": { allowedCidrs: ["198.51.100.0/24", "203.0.113.0/24", "198.51.100.0/24"] } }));
            assert.deepEqual(
                ofType(twice, INGRESS)
                    .filter((r) => r.name.startsWith("alb-in-"))
                    .map((r) => r.name)
                    .sort(),
                ["alb-in-80-198-51-100-0-24", "alb-in-80-203-0-113-0-24"],
            );
        });

        it("is hardened and health-checks the service's path", () => {
            const lb = inputs(p, "aws:lb/loadBalancer:LoadBalancer", "alb-lb");
            assert.equal(lb.dropInvalidHeaderFields, true);
            assert.equal(lb.internal, false);
            assert.equal(lb.enableDeletionProtection, false);
            const tg = inputs(p, "aws:lb/targetGroup:TargetGroup", "alb-web-tg");
            assert.equal(tg.targetType, "ip");
            assert.equal(tg.port, 8080);
            assert.equal(tg.healthCheck.path, "/healthz");
            assert.equal(tg.healthCheck.matcher, "200-399");
        });

        it("keeps each rule's priority when another service is added, and tries longer paths first", async () => {
            const before = inputs(p, "aws:lb/listenerRule:ListenerRule", "alb-web-rule").priority;
            const more = await planOk(fargateConfig({ "berth:services": { api: { image: "api", port: 8080, public: true, path: "/api/*", healthCheck: { path: "/api/health" }, desiredCount: 3 } } }));
            assert.equal(inputs(more, "aws:lb/listenerRule:ListenerRule", "alb-web-rule").priority, before);
            assert.ok(inputs(more, "aws:lb/listenerRule:ListenerRule", "alb-api-rule").priority < before);
            // Three tasks: one interruption leaves two, so the dev weights apply from the first task.
            assert.deepEqual(inputs(more, SVC, "api-service").capacityProviderStrategies, [
                { capacityProvider: "FARGATE", base: 0, weight: 1 },
                { capacityProvider: "FARGATE_SPOT", base: 0, weight: 3 },
            ]);
            assert.equal(inputs(more, "aws:lb/targetGroup:TargetGroup", "alb-api-tg").healthCheck.path, "/api/health");
            assert.deepEqual(inputs(more, "aws:lb/listenerRule:ListenerRule", "alb-api-rule").conditions, [{ pathPattern: { values: ["/api/*"] } }]);
        });

        it("routes a bare prefix to itself and everything under it: /api is /api and /api/*", async () => {
            const bare = await planOk(fargateConfig({ "berth:services": { api: { image: "api", port: 8080, public: true, path: "/api", healthCheck: { path: "/api/health" } } } }));
            assert.deepEqual(inputs(bare, "aws:lb/listenerRule:ListenerRule", "alb-api-rule").conditions, [{ pathPattern: { values: ["/api", "/api/*"] } }]);
            assert.deepEqual(inputs(bare, "aws:lb/listenerRule:ListenerRule", "alb-web-rule").conditions, [{ pathPattern: { values: ["/*"] } }]);
        });

        it("serves plain HTTP on 80 with no HTTPS listener when no certificate is set", () => {
            assert.deepEqual(
                ofType(p, "aws:lb/listener:Listener").map((l) => [l.name, l.inputs.port, l.inputs.protocol]),
                [["alb-http", 80, "HTTP"]],
            );
        });

        it("adds HTTPS with a modern TLS policy and redirects 80 when a certificate is set", async () => {
            const cert = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";
            const tls = await planOk(fargateConfig({ "berth:loadBalancer": { certificateArn: cert } }));
            const https = inputs(tls, "aws:lb/listener:Listener", "alb-https");
            assert.equal(https.port, 443);
            assert.equal(https.certificateArn, cert);
            assert.match(https.sslPolicy, /^ELBSecurityPolicy-TLS13-1-2/);
            assert.deepEqual(inputs(tls, "aws:lb/listener:Listener", "alb-http").defaultActions[0].redirect, { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" });
            assert.equal(inputs(tls, "aws:lb/listenerRule:ListenerRule", "alb-web-rule").listenerArn, find(tls, "aws:lb/listener:Listener", "alb-https").arn);
            assert.match(String(tls.outputs.url), /^https:\/\/alb-lb-[0-9a-f]{7}-\d+\.eu-west-1\.elb\.amazonaws\.com$/);
        });
    });

    describe("names", () => {
        it("keep the longest valid service name's target groups within AWS's 32 characters", async () => {
            const name = "a".repeat(17);
            const svc = { image: "nginx", port: 8080, public: true };
            const long = await planOk(fargateConfig({ "berth:services": { web: null, [name]: svc, [`${name.slice(1)}b`]: { ...svc, loadBalancer: "nlb" } } }));
            const tgs = ofType(long, "aws:lb/targetGroup:TargetGroup");
            assert.equal(tgs.length, 2);
            for (const tg of tgs) assert.ok(tg.id!.length <= 32, `${tg.id} is ${tg.id!.length} characters`);
        });
    });

    describe("NetworkLoadBalancer", () => {
        it("terminates TLS with the modern policy on 443 when a certificate is set", async () => {
            const cert = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";
            const tls = await planOk(fargateConfig({ "berth:loadBalancer": { type: "nlb", certificateArn: cert } }));
            const listener = inputs(tls, "aws:lb/listener:Listener", "nlb-web-listener");
            assert.deepEqual([listener.port, listener.protocol, listener.certificateArn], [443, "TLS", cert]);
            assert.match(listener.sslPolicy, /^ELBSecurityPolicy-TLS13-1-2/);
            assert.deepEqual(
                ofType(tls, "aws:lb/loadBalancer:LoadBalancer").map((l) => l.inputs.loadBalancerType),
                ["network"],
            );
            assert.deepEqual(
                ofType(tls, INGRESS)
                    .filter((r) => r.name.startsWith("nlb-in-"))
                    .map((r) => r.inputs.fromPort),
                [443],
            );
        });
    });

    describe("ALB access logs", () => {
        it("are off unless a bucket is configured, then on with its prefix", async () => {
            assert.equal(inputs(p, "aws:lb/loadBalancer:LoadBalancer", "alb-lb").accessLogs, undefined);
            const logged = await planOk(fargateConfig({ "berth:loadBalancer": { accessLogs: { bucket: "my-elb-logs", prefix: "berth" } } }));
            assert.deepEqual(inputs(logged, "aws:lb/loadBalancer:LoadBalancer", "alb-lb").accessLogs, { bucket: "my-elb-logs", prefix: "berth", enabled: true });
        });
    });

    describe("Registry", () => {
        it("scans on push, keeps tags immutable, encrypts, and expires old images", () => {
            const repo = inputs(p, "aws:ecr/repository:Repository", "registry-repo");
            assert.deepEqual(repo.imageScanningConfiguration, { scanOnPush: true });
            assert.equal(repo.imageTagMutability, "IMMUTABLE");
            assert.deepEqual(repo.encryptionConfigurations, [{ encryptionType: "AES256" }]);
            assert.equal(repo.forceDelete, true);
            const rules = json(inputs(p, "aws:ecr/lifecyclePolicy:LifecyclePolicy", "registry-lifecycle").policy).rules;
            assert.deepEqual(
                rules.map((r: any) => [r.selection.tagStatus, r.selection.countType, r.selection.countNumber]),
                [
                    ["untagged", "sinceImagePushed", 7],
                    ["any", "imageCountMoreThan", 20],
                ],
            );
        });

        it("builds and pushes an image into the stack's repository when a service has build", async () => {
            const built = await planOk(fargateConfig({ "berth:services": { web: { image: null, build: { context: "./tests/fixtures/app", platform: "linux/arm64" } } } }));
            const repo = find(built, "aws:ecr/repository:Repository", "registry-repo");
            const image = find(built, "awsx:ecr:Image", "registry-web-image");
            assert.equal(image.inputs.repositoryUrl, `123456789012.dkr.ecr.eu-west-1.amazonaws.com/${repo.id}`);
            assert.equal(image.inputs.context, "./tests/fixtures/app");
            const td = inputs(built, TASKDEF, "web-taskdef");
            assert.match(json(td.containerDefinitions)[0].image, new RegExp(`^${image.inputs.repositoryUrl}@sha256:[0-9a-f]{64}$`));
            assert.equal(td.runtimePlatform.cpuArchitecture, "ARM64");
            // Fargate Spot runs no ARM64 tasks, so even dev's spot-heavy mix puts this service on FARGATE.
            assert.deepEqual(inputs(built, SVC, "web-service").capacityProviderStrategies, [{ capacityProvider: "FARGATE", base: 0, weight: 1 }]);
        });
    });

    describe("one-off task on Fargate", () => {
        it("starts with ECS Exec on when the task asks for it", async () => {
            const withExec = await planOk(fargateConfig({ "berth:services": { report: { kind: "task", image: "busybox", cpu: 256, memory: 512, exec: true } } }));
            assert.match((withExec.outputs.tasks as Record<string, string>).report, / --enable-execute-command$/);
            assert.equal(json(inputs(withExec, "aws:iam/rolePolicy:RolePolicy", "report-task-policy").policy).Statement[0].Sid, "EcsExec");
            // execute-command reaches into a running service's task; a one-off task has its own run command instead.
            assert.equal(withExec.outputs.execCommands, undefined);
        });

        it("runs with the stack's Fargate mix, in the task's own security group and the private subnets", async () => {
            const withTask = await planOk(fargateConfig({ "berth:services": { report: { kind: "task", image: "busybox", cpu: 256, memory: 512 } } }));
            const cmd = (withTask.outputs.tasks as Record<string, string>).report;
            const subnets = inputs(withTask, SVC, "web-service").networkConfiguration.subnets.join(",");
            const sg = find(withTask, "aws:ec2/securityGroup:SecurityGroup", "report-sg").id;
            assert.equal(
                cmd,
                `aws ecs run-task --region eu-west-1 --cluster ${find(withTask, "aws:ecs/cluster:Cluster", "ecs-cluster").id} --task-definition berth-test-report --count 1 ` +
                    "--capacity-provider-strategy capacityProvider=FARGATE,weight=1,base=0 capacityProvider=FARGATE_SPOT,weight=3,base=0 " +
                    `--network-configuration 'awsvpcConfiguration={subnets=[${subnets}],securityGroups=[${sg}],assignPublicIp=DISABLED}'`,
            );
            assert.deepEqual(
                ofType(withTask, SVC).map((s) => s.name),
                ["web-service"],
            );
        });
    });

    describe("in another partition", () => {
        it("builds the ARNs it writes itself in the region's partition", async () => {
            const gov = await planOk(
                fargateConfig({
                    "aws:region": "us-gov-west-1",
                    "berth:storage": { fileSystems: { data: { volumes: { files: { path: "/files" } } } } },
                    "berth:services": { web: { grants: [{ bucket: "assets", access: "read" }], volumes: [{ fileSystem: "data", volume: "files", mountPath: "/srv" }] } },
                }),
            );
            assert.equal(json(inputs(gov, "aws:iam/rolePolicy:RolePolicy", "web-exec-policy").policy).Statement[0].Resource, "arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:/berth/berth/test/web:*");
            assert.equal(json(inputs(gov, "aws:iam/rolePolicy:RolePolicy", "web-task-policy").policy).Statement[0].Resource, "arn:aws-us-gov:s3:::assets/*");
            assert.equal(json(inputs(gov, "aws:efs/fileSystemPolicy:FileSystemPolicy", "efs-data-policy").policy).Statement[2].Principal.AWS, "arn:aws-us-gov:iam::123456789012:root");
            // A dev file system is not backed up: AWS Backup bills per GB-month for data nobody restores.
            assert.equal(inputs(gov, "aws:efs/backupPolicy:BackupPolicy", "efs-data-backup").backupPolicy.status, "DISABLED");
        });
    });

    describe("in prod", () => {
        let prod: Plan;
        beforeEach(async () => (prod = await planOk(fargateConfig({ "berth:environment": "prod" }), "prod")));

        it("spreads over three AZs with a NAT gateway in each", () => {
            const vpc = inputs(prod, "awsx:ec2:Vpc", "net-vpc");
            assert.equal(vpc.numberOfAvailabilityZones, 3);
            assert.deepEqual(vpc.natGateways, { strategy: "OnePerAz" });
            assert.equal(inputs(prod, SVC, "web-service").networkConfiguration.subnets.length, 3);
        });

        it("protects the load balancer, the repository and the logs", () => {
            assert.equal(inputs(prod, "aws:lb/loadBalancer:LoadBalancer", "alb-lb").enableDeletionProtection, true);
            const repo = find(prod, "aws:ecr/repository:Repository", "registry-repo");
            assert.equal(repo.inputs.forceDelete, false);
            assert.equal(repo.retainOnDelete, true);
            assert.equal(find(prod, "aws:cloudwatch/logGroup:LogGroup", "web-logs").retainOnDelete, true);
            assert.equal(inputs(prod, "aws:cloudwatch/logGroup:LogGroup", "web-logs").retentionInDays, 90);
            assert.equal(inputs(prod, SVC, "web-service").desiredCount, 2);
        });

        it("keeps EFS file systems on destroy", async () => {
            const withEfs = await planOk(
                fargateConfig({
                    "berth:environment": "prod",
                    "berth:storage": { fileSystems: { data: { volumes: { files: { path: "/files" } } } } },
                    "berth:services": { web: { volumes: [{ fileSystem: "data", volume: "files", mountPath: "/srv", readOnly: true }] } },
                }),
                "prod",
            );
            assert.equal(find(withEfs, "aws:efs/fileSystem:FileSystem", "efs-data-fs").retainOnDelete, true);
            assert.equal(ofType(withEfs, "aws:efs/mountTarget:MountTarget").length, 3);
            const efs = json(inputs(withEfs, "aws:iam/rolePolicy:RolePolicy", "web-task-policy").policy).Statement[0];
            assert.deepEqual(efs.Action, ["elasticfilesystem:ClientMount"]);
            assert.equal(inputs(withEfs, "aws:efs/backupPolicy:BackupPolicy", "efs-data-backup").backupPolicy.status, "ENABLED");
        });

        it("turns on Container Insights, which dev leaves off", () => {
            assert.deepEqual(inputs(prod, "aws:ecs/cluster:Cluster", "ecs-cluster").settings, [{ name: "containerInsights", value: "enabled" }]);
            assert.deepEqual(inputs(p, "aws:ecs/cluster:Cluster", "ecs-cluster").settings, [{ name: "containerInsights", value: "disabled" }]);
        });

        it("runs on on-demand FARGATE only, with a base of two tasks", () => {
            assert.deepEqual(inputs(prod, SVC, "web-service").capacityProviderStrategies, [{ capacityProvider: "FARGATE", base: 2, weight: 1 }]);
        });
    });
});
