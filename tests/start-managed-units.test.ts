// GIVEN small handmade plans of ECS Express and App Runner services, WHEN the managed-platform deriver
// reads them, THEN each workload's needs are exactly the ones written below.
import { strict as assert } from "assert";
import type { Scope } from "../start/ecs";
import { managedWorkloads } from "../start/managed";
import { indexPlan } from "../start/plan-index";
import type { PlannedResource } from "../start/types";
import { res } from "./start-plans";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const ECR = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
const EXEC = `arn:aws:iam::${ACCOUNT}:role/exec`;
const scope = (plan: PlannedResource[]): Scope => ({ index: indexPlan(plan), account: ACCOUNT, region: REGION, secretKeys: {} });
const role = (name: string) => res("aws:iam/role:Role", name, { name }, { arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, id: name });
const attachment = (name: string, roleName: string) => res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", name, { role: roleName });
const PARAM = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/p`;
const pull = (repo: string) => [
    { action: "ecr:GetAuthorizationToken", resource: "*" },
    { action: "ecr:BatchGetImage", resource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/${repo}`, resourcePolicy: false },
    { action: "ecr:GetDownloadUrlForLayer", resource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/${repo}`, resourcePolicy: false },
];

describe("start/managed: ECS Express", () => {
    const express = (inputs: Record<string, unknown>, name = "web-service") => res("aws:ecs/expressGatewayService:ExpressGatewayService", name, { executionRoleArn: EXEC, ...inputs });
    const group = res("aws:cloudwatch/logGroup:LogGroup", "web-logs", { name: "/berth/web" });
    const from = { subnets: ["subnet-x"], securityGroups: ["sg-t"], publicIp: false };
    const stream = (prefix: string) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/berth/web:log-stream:${prefix}/main/TASK_ID`;
    const logCalls = (prefix: string) => [
        { action: "logs:CreateLogStream", resource: stream(prefix) },
        { action: "logs:PutLogEvents", resource: stream(prefix) },
    ];

    it("in the stack's subnets: the image, the secrets, the logs, the health check and the order", () => {
        const r = express({
            primaryContainer: { image: "nginx:1", containerPort: 8080, secrets: [{ name: "S", valueFrom: "/p" }], awsLogsConfigurations: [{ logGroup: "/berth/web", logStreamPrefix: "pre" }] },
            networkConfigurations: [{ subnets: ["subnet-x"], securityGroups: ["sg-t"] }],
            healthCheckPath: "/health",
        });
        const exec = role("exec");
        const policy = attachment("exec-policy", "exec");
        assert.deepStrictEqual(managedWorkloads(scope([r, group, exec, policy])), [
            {
                workload: "web-service",
                kind: "express",
                service: "web",
                urn: r.urn,
                needs: [
                    { kind: "image", subject: "nginx:1", from, reach: ["internet"], proof: "pulled from Docker Hub anonymously" },
                    {
                        kind: "secret",
                        subject: `S (${PARAM})`,
                        identity: EXEC,
                        calls: [{ action: "ssm:GetParameters", resource: PARAM }],
                        from,
                        reach: ["ssm"],
                        outcome: { result: "assumed", reason: `${PARAM} is declared external: it must exist, with a value, before the deploy` },
                        waitFor: [],
                    },
                    { kind: "logs", subject: "/berth/web", identity: EXEC, calls: logCalls("pre"), from, reach: ["logs"], outcome: undefined, waitFor: [{ urn: group.urn, what: "the log group /berth/web" }] },
                    {
                        kind: "health",
                        subject: "/health on 8080",
                        outcome: { result: "proven", reason: "Express builds the target group and its health check from the container's port and this path (the path itself must answer with a success code)" },
                    },
                    {
                        kind: "order",
                        subject: "deploy order",
                        waits: [
                            { urn: policy.urn, what: "the execution role's attachment exec-policy" },
                            { urn: group.urn, what: "the log group /berth/web" },
                        ],
                    },
                ],
            },
        ]);
    });

    it("without networkConfigurations: the default VPC's subnets, assumed for every step that needs a path", () => {
        const unseen = {
            result: "assumed",
            reason: "no networkConfigurations: Express uses the default VPC's subnets, which must reach ECR (ecr.api, ecr.dkr, S3), CloudWatch Logs and Secrets Manager through a NAT, public IPs or VPC endpoints",
        };
        const recorded = res("aws:ssm/parameter:Parameter", "p", {}, { arn: PARAM });
        const r = express(
            {
                primaryContainer: {
                    image: `${ECR}/web:1`,
                    secrets: [
                        { name: "S", valueFrom: "/p" },
                        { name: "T", valueFrom: "/q" },
                    ],
                    awsLogsConfigurations: [{ logGroup: "/berth/web" }, { logGroup: "/berth/gone" }],
                },
                networkConfigurations: [{ securityGroups: ["sg-t"] }],
            },
            "api-service-a-service",
        );
        const [w] = managedWorkloads(scope([r, group, recorded]));
        assert.deepStrictEqual(
            w.needs.map((n) => [n.kind, n.subject, n.from, n.reach, n.outcome]),
            [
                ["image", `${ECR}/web:1`, undefined, ["ecr.api", "ecr.dkr", "s3"], unseen],
                ["secret", `S (${PARAM})`, undefined, undefined, unseen],
                [
                    "secret",
                    `T (arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/q)`,
                    undefined,
                    undefined,
                    { result: "assumed", reason: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/q is declared external: it must exist, with a value, before the deploy` },
                ],
                ["logs", "/berth/web", undefined, undefined, unseen],
                ["logs", "/berth/gone", undefined, undefined, { result: "broken", reason: "log group /berth/gone is not in this stack: the tasks cannot start; let berth create it" }],
                ["health", "/ on 80", undefined, undefined, { result: "assumed", reason: "the container listens on 80 (below 1024) as the image's own user: the image must run as root, or listen on 8080" }],
                ["order", "deploy order", undefined, undefined, undefined],
            ],
        );
        // The stream prefix is the service's name (the resource's, without -service) when none is given.
        assert.deepStrictEqual([w.service, w.needs[3].calls, w.needs[4].waitFor], ["api-service-a", logCalls("api-service-a"), []]);
        const [grouped] = managedWorkloads(scope([express({ primaryContainer: { image: "nginx:1" }, networkConfigurations: [{ subnets: ["subnet-x"] }] })]));
        assert.deepStrictEqual(grouped.needs[0].from, { subnets: ["subnet-x"], securityGroups: [], publicIp: false });
    });

    // Whether the container may bind its port as the image's own user, on the limit and one past it.
    const ports: [number, string][] = [
        [1023, "assumed"],
        [1024, "proven"],
    ];
    for (const [port, result] of ports) {
        it(`port ${port}: ${result}`, () => {
            const [w] = managedWorkloads(scope([express({ primaryContainer: { image: "nginx:1", containerPort: port }, healthCheckPath: 7 })]));
            assert.deepStrictEqual([w.needs[1].subject, w.needs[1].outcome?.result], [`/ on ${port}`, result]);
        });
    }
});

describe("start/managed: App Runner", () => {
    const ACCESS = role("access");
    const INSTANCE = role("instance");
    const apprunner = (inputs: Record<string, unknown>) => res("aws:apprunner/service:Service", "web-service", { serviceName: "web", ...inputs });
    const logs = { kind: "logs", subject: "/aws/apprunner/web", outcome: { result: "proven", reason: "App Runner creates its log groups and writes to them itself" } };
    const health = (subject: string) => ({ kind: "health", subject, outcome: { result: "proven", reason: "App Runner checks the port the image configuration names" } });

    it("an ECR image: pulled by the access role over App Runner's network; secrets read by the instance role", () => {
        const repo = res("aws:ecr/repository:Repository", "web-repo", { name: "web" });
        const r = apprunner({
            sourceConfiguration: {
                imageRepository: { imageIdentifier: `${ECR}/web:1`, imageRepositoryType: "ECR", imageConfiguration: { port: "3000", runtimeEnvironmentSecrets: { S: PARAM } } },
                authenticationConfiguration: { accessRoleArn: ACCESS.arn },
            },
            instanceConfiguration: { instanceRoleArn: INSTANCE.arn },
            healthCheckConfiguration: { protocol: "HTTP", path: "/up" },
        });
        const plan = [r, repo, ACCESS, INSTANCE, attachment("access-pull", "access"), attachment("instance-read", "instance")];
        assert.deepStrictEqual(managedWorkloads(scope(plan)), [
            {
                workload: "web-service",
                kind: "apprunner",
                service: "web",
                urn: r.urn,
                needs: [
                    {
                        kind: "image",
                        subject: `${ECR}/web:1`,
                        identity: ACCESS.arn,
                        calls: pull("web"),
                        from: undefined,
                        reach: ["ecr.api", "ecr.dkr", "s3"],
                        waitFor: [{ urn: repo.urn, what: "the repository web" }],
                        outcome: undefined,
                        route: "app-runner",
                    },
                    {
                        kind: "secret",
                        subject: `S (${PARAM})`,
                        identity: INSTANCE.arn,
                        calls: [{ action: "ssm:GetParameters", resource: PARAM }],
                        from: undefined,
                        reach: undefined,
                        outcome: { result: "assumed", reason: `${PARAM} is declared external: it must exist, with a value, before the deploy` },
                        waitFor: [],
                    },
                    logs,
                    health("HTTP /up on 3000"),
                    {
                        kind: "order",
                        subject: "deploy order",
                        waits: [
                            { urn: plan[4].urn, what: "the access role's attachment access-pull" },
                            { urn: plan[5].urn, what: "the instance role's attachment instance-read" },
                            { urn: repo.urn, what: "the repository web" },
                        ],
                    },
                ],
            },
        ]);
    });

    it("a public image: proven over App Runner's network; an unrecorded ECR repository stays assumed", () => {
        const needsOf = (image: string, healthCheckConfiguration?: unknown) =>
            managedWorkloads(scope([apprunner({ sourceConfiguration: { imageRepository: { imageIdentifier: image, imageRepositoryType: "ECR_PUBLIC" } }, healthCheckConfiguration })]))[0].needs;
        const [image, ...rest] = needsOf("public.ecr.aws/nginx/nginx:1");
        assert.deepStrictEqual(
            [image, rest],
            [
                {
                    kind: "image",
                    subject: "public.ecr.aws/nginx/nginx:1",
                    from: undefined,
                    reach: ["internet"],
                    proof: "pulled from ECR Public anonymously",
                    outcome: { result: "proven", reason: "pulled from ECR Public over App Runner's own network" },
                    route: "app-runner",
                },
                [logs, health("TCP on 8080"), { kind: "order", subject: "deploy order", waits: [] }],
            ],
        );
        assert.deepStrictEqual(needsOf(`${ECR}/gone:1`, { protocol: "HTTP" })[0].outcome, {
            result: "assumed",
            reason: `repository gone is not in this stack: it must exist and hold ${ECR}/gone:1 before the deploy (push it, or let berth build it)`,
        });
        assert.deepStrictEqual(needsOf(`${ECR}/gone:1`, { protocol: "HTTP" })[2].subject, "HTTP / on 8080");
    });

    it("a source repository: built through the connection, which must have completed its handshake", () => {
        const CONNECTION = `arn:aws:apprunner:${REGION}:${ACCOUNT}:connection/gh/1`;
        const r = apprunner({
            sourceConfiguration: {
                codeRepository: { repositoryUrl: "https://github.com/o/r", codeConfiguration: { codeConfigurationValues: { port: "9000", runtimeEnvironmentSecrets: { S: PARAM } } } },
                authenticationConfiguration: { connectionArn: CONNECTION },
            },
        });
        const [w] = managedWorkloads(scope([r]));
        assert.deepStrictEqual(
            w.needs.map((n) => [n.kind, n.subject, n.route, n.outcome?.reason]),
            [
                ["image", "https://github.com/o/r", "app-runner", `App Runner builds it from https://github.com/o/r: the connection ${CONNECTION} must have completed its handshake (status AVAILABLE)`],
                ["secret", `S (${PARAM})`, undefined, `${PARAM} is declared external: it must exist, with a value, before the deploy`],
                ["logs", "/aws/apprunner/web", undefined, "App Runner creates its log groups and writes to them itself"],
                ["health", "TCP on 9000", undefined, "App Runner checks the port the image configuration names"],
                ["order", "deploy order", undefined, undefined],
            ],
        );
        const [bare] = managedWorkloads(scope([apprunner({ sourceConfiguration: {} })]));
        assert.deepStrictEqual(bare.needs[0], {
            kind: "image",
            subject: "source",
            route: "app-runner",
            outcome: { result: "assumed", reason: "App Runner builds it from the repository: the connection  must have completed its handshake (status AVAILABLE)" },
        });
    });
});
