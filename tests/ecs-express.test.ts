// GIVEN an ECS Express Mode stack, WHEN it is planned, THEN each Express service, its roles, security
// group and log group get exactly these inputs.
import { strict as assert } from "assert";
import { expressUrl } from "../components/express/ExpressService";
import { Plan } from "../plan/engine";
import { besidesPlaceholders, fakeSubnets, find, inputs, json, managedConfig, ofType, planOk, planStackOk } from "./harness";

const EXPRESS = "aws:ecs/expressGatewayService:ExpressGatewayService";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ATTACH = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";
const TABLE = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders";
const TAGS = { "berth:project": "berth", "berth:stack": "test", "berth:environment": "dev" };

describe("ecs-express composition", () => {
    let p: Plan;
    beforeEach(async () => {
        p = await planOk(
            managedConfig("ecs-express", {
                "berth:services": {
                    web: { environment: { MODE: "web" }, secrets: { DB: SECRET }, grants: [{ table: TABLE, access: "read" }], command: ["node", "server.js"], scaling: { min: 2, max: 8, requests: 500 } },
                    api: { build: { context: "./tests/fixtures/app" }, port: 3000, public: true, cpu: 1024, memory: 2048, desiredCount: 3, healthCheck: { path: "/health" } },
                },
            }),
        );
    });

    it("hands Express the container, roles, size, health check, scaling target, network and log group", () => {
        const cluster = find(p, "aws:ecs/cluster:Cluster", "ecs-cluster");
        assert.deepEqual(inputs(p, EXPRESS, "web-service"), {
            // The cluster by name; its fake id is its name.
            cluster: cluster.id,
            cpu: "512",
            memory: "1024",
            executionRoleArn: find(p, ROLE, "web-exec-role").arn,
            taskRoleArn: find(p, ROLE, "web-task-role").arn,
            infrastructureRoleArn: find(p, ROLE, "express-infra-role").arn,
            healthCheckPath: "/healthz",
            primaryContainer: {
                image: "public.ecr.aws/nginx/nginx:1.27",
                containerPort: 8080,
                commands: ["node", "server.js"],
                environments: [{ name: "MODE", value: "web" }],
                secrets: [{ name: "DB", valueFrom: SECRET }],
                awsLogsConfigurations: [{ logGroup: find(p, "aws:cloudwatch/logGroup:LogGroup", "web-logs").id, logStreamPrefix: "web" }],
            },
            // The private subnets by default: Express gives tasks no public IP, so they pull images through NAT.
            networkConfigurations: [{ subnets: fakeSubnets("private"), securityGroups: [find(p, "aws:ec2/securityGroup:SecurityGroup", "web-sg").id] }],
            scalingTargets: [{ autoScalingMetric: "REQUEST_COUNT_PER_TARGET", autoScalingTargetValue: 500, minTaskCount: 2, maxTaskCount: 8 }],
            waitForSteadyState: true,
            tags: TAGS,
        });
    });

    it("runs a built image at a fixed count when there is no scaling", () => {
        const api = inputs(p, EXPRESS, "api-service");
        assert.match(api.primaryContainer.image, new RegExp(`^${inputs(p, "awsx:ecr:Image", "registry-api-image").repositoryUrl}@sha256:`));
        assert.deepEqual(api.scalingTargets, [{ autoScalingMetric: "AVERAGE_CPU", autoScalingTargetValue: 60, minTaskCount: 3, maxTaskCount: 3 }]);
        assert.equal(api.healthCheckPath, "/health");
        assert.equal(api.primaryContainer.commands, undefined);
        assert.deepEqual(api.primaryContainer.secrets, []);
    });

    it("gives Express an infrastructure role with the managed policy for Express gateway services, trusted by ECS with the ECS guide's trust policy (no condition)", () => {
        // The ECS guide's infrastructure role trust policy carries no Condition; ECS documents no source key it sends.
        assert.deepEqual(json(inputs(p, ROLE, "express-infra-role").assumeRolePolicy), {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "ecs.amazonaws.com" }, Action: "sts:AssumeRole" }],
        });
        // The task and execution roles keep theirs.
        assert.deepEqual(json(inputs(p, ROLE, "web-task-role").assumeRolePolicy).Statement[0].Condition, {
            StringEquals: { "aws:SourceAccount": "123456789012" },
            ArnLike: { "aws:SourceArn": "arn:aws:ecs:eu-west-1:123456789012:*" },
        });
        assert.equal(inputs(p, ATTACH, "express-infra-managed-0").policyArn, "arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRoleforExpressGatewayServices");
        assert.equal(ofType(p, ROLE).filter((r) => r.name.startsWith("express-infra")).length, 1);
    });

    it("reuses ECS's execution and task roles: the execution role reads exactly the secrets, the task role holds exactly the grants", () => {
        assert.equal(json(inputs(p, ROLE, "web-task-role").assumeRolePolicy).Statement[0].Principal.Service, "ecs-tasks.amazonaws.com");
        assert.deepEqual(json(inputs(p, ROLE_POLICY, "web-exec-policy").policy).Statement, [
            { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "arn:aws:logs:eu-west-1:123456789012:log-group:/berth/berth/test/web:*" },
            { Sid: "ReadSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [SECRET, `${SECRET}-??????`] },
        ]);
        // A built image: the execution role may pull from the stack's repository only.
        const repo = find(p, "aws:ecr/repository:Repository", "registry-repo").arn;
        assert.deepEqual(json(inputs(p, ROLE_POLICY, "api-exec-policy").policy).Statement[2], {
            Sid: "EcrPull",
            Effect: "Allow",
            Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
            Resource: [repo],
        });
        assert.equal(inputs(p, "aws:cloudwatch/logGroup:LogGroup", "web-logs").name, "/berth/berth/test/web");
        assert.deepEqual(json(inputs(p, ROLE_POLICY, "web-task-policy").policy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "Grant0",
                    Effect: "Allow",
                    Action: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"],
                    Resource: [TABLE, `${TABLE}/index/*`],
                },
            ],
        });
        assert.deepEqual(
            ofType(p, ROLE_POLICY)
                .filter((r) => r.name.startsWith("api-"))
                .map((r) => r.name),
            ["api-exec-policy"],
        );
    });

    it("creates a service only after its roles' policies and the cluster's capacity, so it is deleted before them", () => {
        const deps = find(p, EXPRESS, "web-service").dependencies;
        for (const [type, name] of [
            [ROLE_POLICY, "web-task-policy"],
            [ROLE_POLICY, "web-exec-policy"],
            [ATTACH, "express-infra-managed-0"],
            ["aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "ecs-providers"],
        ]) {
            assert.ok(deps.includes(find(p, type, name).urn), name);
        }
    });

    it("runs on on-demand Fargate, keeps logs for the environment's retention, and admits nothing berth did not ask for", () => {
        assert.deepEqual(inputs(p, "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "ecs-providers").defaultCapacityProviderStrategies, [{ capacityProvider: "FARGATE", base: 0, weight: 1 }]);
        assert.equal(inputs(p, "aws:cloudwatch/logGroup:LogGroup", "web-logs").retentionInDays, 14);
        assert.deepEqual(ofType(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"), []);
        assert.equal(inputs(p, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "web-egress").securityGroupId, find(p, "aws:ec2/securityGroup:SecurityGroup", "web-sg").id);
    });

    it("builds the environment's NAT gateway, through which the tasks in the private subnets egress, and warns only that the load balancers are internal", () => {
        assert.deepEqual(inputs(p, "awsx:ec2:Vpc", "net-vpc").natGateways, { strategy: "Single" });
        // The one warning: the default subnets make both public services' load balancers internal.
        assert.deepEqual(
            besidesPlaceholders(p.warnings).map((w) => w.path),
            ["berth:express.subnets"],
        );
    });

    it("outputs each service's URL and no single `url` when there are two, with the cluster, services, repository and VPC", () => {
        const o = p.outputs;
        assert.deepEqual(Object.keys(o), ["urls", "platform", "clusterName", "services", "logs", "repositoryUrl", "pushCommands", "vpcId"]);
        const services = o.services as Record<string, string>;
        assert.deepEqual(o.urls, { web: `https://${services.web}.ecs.eu-west-1.on.aws`, api: `https://${services.api}.ecs.eu-west-1.on.aws` });
    });
});

describe("ecs-express with berth:express.subnets public, chosen explicitly", () => {
    it("places the service in the public subnets, builds no NAT, and warns that the tasks need egress of the account's own", async () => {
        const p = await planOk(managedConfig("ecs-express", { "berth:express": { subnets: "public" } }));
        assert.deepEqual(inputs(p, EXPRESS, "web-service").networkConfigurations[0].subnets, fakeSubnets("public"));
        assert.deepEqual(inputs(p, "awsx:ec2:Vpc", "net-vpc").natGateways, { strategy: "None" });
        assert.deepEqual(
            besidesPlaceholders(p.warnings).map((w) => w.path),
            ["berth:express.subnets"],
        );
        assert.match(p.warnings[0].message, /no public IP.*interface VPC endpoints for ecr\.api, ecr\.dkr, logs and secretsmanager; berth builds none/);
    });
});

describe("the ecs-express example stack (Pulumi.ecs-express.yaml)", () => {
    const ROUTE = "aws:ec2/route:Route";
    let p: Plan;
    beforeEach(async () => (p = await planStackOk("ecs-express")));

    it("runs dev's web service with `url`, and no warning", () => {
        assert.deepEqual(Object.keys(p.outputs.services as object), ["web"]);
        assert.match(String(p.outputs.url), /^https:\/\/.+\.ecs\.us-east-1\.on\.aws$/);
        assert.deepEqual(p.warnings, []);
    });

    it("places the tasks in the private subnets, which route to the internet through the NAT instance, and starts them only once the routes exist", () => {
        assert.deepEqual(inputs(p, EXPRESS, "web-service").networkConfigurations[0].subnets, fakeSubnets("private"));
        assert.deepEqual(inputs(p, "awsx:ec2:Vpc", "net-vpc").natGateways, { strategy: "None" });
        const eni = find(p, "aws:ec2/networkInterface:NetworkInterface", "net-nat-eni").id;
        const routes = ofType(p, ROUTE);
        assert.deepEqual(
            routes.map((r) => [r.name, r.inputs.destinationCidrBlock, r.inputs.networkInterfaceId]),
            [
                ["net-nat-route-0", "0.0.0.0/0", eni],
                ["net-nat-route-1", "0.0.0.0/0", eni],
            ],
        );
        // The NAT instance sits in a public subnet; the routes belong to the private subnets' tables.
        assert.ok(fakeSubnets("public").includes(inputs(p, "aws:ec2/networkInterface:NetworkInterface", "net-nat-eni").subnetId));
        const deps = find(p, EXPRESS, "web-service").dependencies;
        for (const r of routes) assert.ok(deps.includes(r.urn), r.name);
    });
});

describe("expressUrl", () => {
    const cases: Array<[Array<{ accessType: string; endpoint: string }> | undefined, string | undefined]> = [
        [[{ accessType: "PUBLIC", endpoint: "web.ecs.eu-west-1.on.aws" }], "https://web.ecs.eu-west-1.on.aws"],
        [
            [
                { accessType: "PRIVATE", endpoint: "a.internal" },
                { accessType: "PUBLIC", endpoint: "https://b.on.aws" },
            ],
            "https://b.on.aws",
        ],
        [[{ accessType: "PRIVATE", endpoint: "a.internal" }], "https://a.internal"],
        [[], undefined],
        [undefined, undefined],
    ];
    for (const [paths, url] of cases) it(`${JSON.stringify(paths)} -> ${url}`, () => assert.equal(expressUrl(paths), url));
});
