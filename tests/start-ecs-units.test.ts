// GIVEN small handmade plans, WHEN the ECS deriver, the image reader and the secret reader are asked
// what a workload needs to start, THEN the needs are exactly the ones written below (before the
// evaluator turns them into steps: tests/start-paths.test.ts covers that end to end).
import { strict as assert } from "assert";
import { ecsWorkloads, type Scope } from "../start/ecs";
import { imageNeed, imageSource, registryHost, repositoryOf } from "../start/images";
import { indexPlan } from "../start/plan-index";
import { parameterArn, secretArnOf, secretNeeds } from "../start/secrets";
import type { PlannedResource } from "../start/types";
import { res } from "./start-plans";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const ECR = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
const EXEC = `arn:aws:iam::${ACCOUNT}:role/exec`;
const TD = "aws:ecs/taskDefinition:TaskDefinition";
const SVC = "aws:ecs/service:Service";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const scope = (plan: PlannedResource[], secretKeys: Scope["secretKeys"] = {}): Scope => ({ index: indexPlan(plan), account: ACCOUNT, region: REGION, secretKeys });
const repoArn = (repo: string, account = ACCOUNT, region = REGION, partition = "aws") => `arn:${partition}:ecr:${region}:${account}:repository/${repo}`;

describe("start/images", () => {
    const hosts: [string, string | undefined][] = [
        ["nginx:1.27", undefined],
        ["library/nginx", undefined],
        ["localhost/app", "localhost"],
        ["registry:5000/app", "registry:5000"],
        ["ghcr.io/org/app:1", "ghcr.io"],
        ["ghcr.io", undefined],
    ];
    for (const [image, host] of hosts) {
        it(`the registry host of ${image}: ${host}`, () => assert.equal(registryHost(image), host));
    }

    const repositories: [string, string][] = [
        [`${ECR}/app:1.0`, "app"],
        [`${ECR}/team/app@sha256:abc`, "team/app"],
        ["registry:5000/team/app:v1", "team/app"],
        ["team/app", "team/app"],
        ["app:latest", "app"],
    ];
    for (const [image, repo] of repositories) {
        it(`the repository of ${image}: ${repo}`, () => assert.equal(repositoryOf(image), repo));
    }

    const repository = res("aws:ecr/repository:Repository", "app-repo", { name: "app" });
    const cacheRule = res("aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "hub-cache", { ecrRepositoryPrefix: "docker-hub" });
    /** Built in each test, so that the coverage of each mutant is the test's own. */
    const index = () => indexPlan([repository, cacheRule]);
    const sources: [string, string, Record<string, unknown>][] = [
        ["nginx", REGION, { registry: "docker-hub" }],
        ["docker.io/library/nginx", REGION, { registry: "docker-hub" }],
        ["registry-1.docker.io/library/nginx", REGION, { registry: "docker-hub" }],
        ["index.docker.io/library/nginx", REGION, { registry: "docker-hub" }],
        ["public.ecr.aws/nginx/nginx", REGION, { registry: "ecr-public" }],
        ["quay.io/org/app", REGION, { registry: "other" }],
        [`${ECR}/app:1`, REGION, { registry: "ecr", repository: "app", repositoryArn: repoArn("app"), via: repository }],
        [`${ECR}/other:1`, REGION, { registry: "ecr", repository: "other", repositoryArn: repoArn("other"), via: undefined }],
        [`${ECR}/docker-hub/library/nginx:1`, REGION, { registry: "cache", repository: "docker-hub/library/nginx", repositoryArn: repoArn("docker-hub/library/nginx"), via: cacheRule }],
        [`${ECR}/docker-hubx/nginx:1`, REGION, { registry: "ecr", repository: "docker-hubx/nginx", repositoryArn: repoArn("docker-hubx/nginx"), via: undefined }],
        [`222233334444.dkr.ecr.${REGION}.amazonaws.com/app:1`, REGION, { registry: "ecr", repository: "app", repositoryArn: repoArn("app", "222233334444"), foreign: { account: "222233334444", region: REGION } }],
        [`${ACCOUNT}.dkr.ecr-fips.us-west-2.amazonaws.com/app`, REGION, { registry: "ecr", repository: "app", repositoryArn: repoArn("app", ACCOUNT, "us-west-2"), foreign: { account: ACCOUNT, region: "us-west-2" } }],
        [`${ACCOUNT}.dkr.ecr.cn-north-1.amazonaws.com.cn/app`, "cn-north-1", { registry: "ecr", repository: "app", repositoryArn: repoArn("app", ACCOUNT, "cn-north-1", "aws-cn"), via: repository }],
        [`${ACCOUNT}.dkr.ecr.us-gov-west-1.amazonaws.com/app`, "us-gov-west-1", { registry: "ecr", repository: "app", repositoryArn: repoArn("app", ACCOUNT, "us-gov-west-1", "aws-us-gov"), via: repository }],
        [`${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com.evil.io/app`, REGION, { registry: "other" }],
        [`x${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app`, REGION, { registry: "other" }],
    ];
    for (const [image, region, source] of sources) {
        it(`the source of ${image} in ${region}: ${String(source.registry)}`, () => assert.deepStrictEqual(imageSource(image, index(), ACCOUNT, region), source));
    }

    describe("the image need", () => {
        const from = { subnets: ["subnet-x"], publicIp: false, securityGroups: [] };
        const need = (image: string) => imageNeed(image, index(), ACCOUNT, REGION, EXEC, from);
        const pull = (arn: string, resourcePolicy = false) => [
            { action: "ecr:GetAuthorizationToken", resource: "*" },
            { action: "ecr:BatchGetImage", resource: arn, resourcePolicy },
            { action: "ecr:GetDownloadUrlForLayer", resource: arn, resourcePolicy },
        ];
        const anonymous: [string, string][] = [
            ["public.ecr.aws/nginx/nginx", "ECR Public"],
            ["nginx", "Docker Hub"],
            ["quay.io/org/app", "quay.io"],
        ];
        for (const [image, where] of anonymous) {
            it(`${image}: pulled anonymously over the internet`, () => {
                assert.deepStrictEqual(need(image), { kind: "image", subject: image, from, reach: ["internet"], proof: `pulled from ${where} anonymously` });
            });
        }

        it("a repository of the stack: the pull calls, and the repository to wait for", () => {
            assert.deepStrictEqual(need(`${ECR}/app:1`), {
                kind: "image",
                subject: `${ECR}/app:1`,
                identity: EXEC,
                calls: pull(repoArn("app")),
                from,
                reach: ["ecr.api", "ecr.dkr", "s3"],
                waitFor: [{ urn: repository.urn, what: "the repository app" }],
            });
        });

        it("a pull-through cache: the fill calls too, and the rule to wait for", () => {
            const arn = repoArn("docker-hub/library/nginx");
            assert.deepStrictEqual(need(`${ECR}/docker-hub/library/nginx:1`), {
                kind: "image",
                subject: `${ECR}/docker-hub/library/nginx:1`,
                identity: EXEC,
                calls: [...pull(arn), { action: "ecr:BatchImportUpstreamImage", resource: arn }, { action: "ecr:CreateRepository", resource: arn }],
                from,
                reach: ["ecr.api", "ecr.dkr", "s3"],
                waitFor: [{ urn: cacheRule.urn, what: "the pull-through cache rule hub-cache" }],
            });
        });

        it("another account's repository: its policy must allow the pull, and nothing to wait for", () => {
            const image = `222233334444.dkr.ecr.${REGION}.amazonaws.com/app:1`;
            assert.deepStrictEqual(need(image), { kind: "image", subject: image, identity: EXEC, calls: pull(repoArn("app", "222233334444"), true), from, reach: ["ecr.api", "ecr.dkr", "s3"], waitFor: [] });
        });

        it("a repository the stack does not make: assumed", () => {
            const image = `${ECR}/other:1`;
            assert.deepStrictEqual(need(image), {
                kind: "image",
                subject: image,
                outcome: { result: "assumed", reason: `repository other is not in this stack: it must exist and hold ${image} before the deploy (push it, or let berth build it)` },
                identity: EXEC,
                calls: pull(repoArn("other")),
                from,
                reach: ["ecr.api", "ecr.dkr", "s3"],
            });
        });
    });
});

describe("start/secrets", () => {
    it("a Secrets Manager ARN without what ECS lets a valueFrom add", () => {
        const arn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:db-AbCdEf`;
        assert.deepStrictEqual([secretArnOf(`${arn}:password:AWSCURRENT:`), secretArnOf(arn)], [arn, arn]);
    });

    it("an SSM parameter's ARN from its name, with or without the leading slash", () => {
        const arn = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/berth/token`;
        assert.deepStrictEqual(
            [parameterArn("/berth/token", ACCOUNT, REGION), parameterArn("berth/token", ACCOUNT, REGION), parameterArn(arn, "x", "y"), parameterArn("p", ACCOUNT, "cn-north-1")],
            [arn, arn, arn, `arn:aws-cn:ssm:cn-north-1:${ACCOUNT}:parameter/p`],
        );
    });

    const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/k`;
    const smArn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:db-AbCdEf`;
    const secret = res("aws:secretsmanager/secret:Secret", "db", { kmsKeyId: KEY }, { arn: smArn, id: "db-id" });
    const byArn = res("aws:secretsmanager/secretVersion:SecretVersion", "db-v1", { secretId: smArn });
    const byId = res("aws:secretsmanager/secretVersion:SecretVersion", "db-v2", { secretId: "db-id" });
    const other = res("aws:secretsmanager/secretVersion:SecretVersion", "other-v", { secretId: "other" });
    const paramArn = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/berth/token`;
    const param = res("aws:ssm/parameter:Parameter", "token", {}, { arn: paramArn });
    const otherParam = res("aws:ssm/parameter:Parameter", "other-param", {}, { arn: `${paramArn}x` });
    const plan = [secret, byArn, byId, other, param, otherParam];
    const from = { subnets: ["subnet-x"], publicIp: false, securityGroups: [] };
    /** One secret's need; `null` stands for no reader, or no placement. */
    const one = (ref: string, keys: Scope["secretKeys"] = {}, reader: string | null = EXEC, at: typeof from | null = from) => secretNeeds(scope(plan, keys), "web", [{ name: "S", ref }], reader ?? undefined, at ?? undefined)[0];

    it("a recorded secret: read through Secrets Manager, decrypted with its key, after its versions", () => {
        assert.deepStrictEqual(one(`${smArn}:password::`), {
            kind: "secret",
            subject: `S (${smArn})`,
            identity: EXEC,
            calls: [
                { action: "secretsmanager:GetSecretValue", resource: smArn, resourcePolicy: true },
                { action: "kms:Decrypt", resource: KEY, resourcePolicy: true, context: { "kms:ViaService": `secretsmanager.${REGION}.amazonaws.com` } },
            ],
            from,
            reach: ["secretsmanager"],
            outcome: undefined,
            waitFor: [
                { urn: byArn.urn, what: "the value of secret S" },
                { urn: byId.urn, what: "the value of secret S" },
            ],
        });
    });

    it("a recorded parameter by name: read through SSM, after the parameter itself", () => {
        assert.deepStrictEqual(one("/berth/token", {}, EXEC, null), {
            kind: "secret",
            subject: `S (${paramArn})`,
            identity: EXEC,
            calls: [{ action: "ssm:GetParameters", resource: paramArn }],
            from: undefined,
            reach: undefined,
            outcome: undefined,
            waitFor: [{ urn: param.urn, what: "the value of secret S" }],
        });
    });

    // Secrets the stack does not record: what the outcome says, and the key the config names.
    const external: [string, string, Scope["secretKeys"], string | null, string[], string][] = [
        [
            "an SSM parameter of this account",
            `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/ext`,
            {},
            EXEC,
            ["ssm:GetParameters"],
            `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/ext is declared external: it must exist, with a value, before the deploy`,
        ],
        [
            "an SSM parameter of another account",
            "arn:aws:ssm:eu-west-1:222233334444:parameter/ext",
            { web: { S: KEY } },
            null,
            ["ssm:GetParameters", "kms:Decrypt"],
            "arn:aws:ssm:eu-west-1:222233334444:parameter/ext is in account 222233334444, outside this stack: unless you deploy into 222233334444, that account must share it (an advanced-tier parameter) with yours through AWS RAM, and the reader read it by its full ARN",
        ],
        [
            "a secret of another account, without a key",
            "arn:aws:secretsmanager:us-east-1:222233334444:secret:x-AbCdEf",
            { web: { T: KEY }, api: { S: KEY } },
            EXEC,
            ["secretsmanager:GetSecretValue"],
            `arn:aws:secretsmanager:us-east-1:222233334444:secret:x-AbCdEf is in account 222233334444, outside this stack: unless you deploy into 222233334444, its resource policy must grant ${EXEC} secretsmanager:GetSecretValue, and it must be encrypted with a customer-managed key whose policy grants that role kms:Decrypt (name it: secrets.NAME: { arn, kmsKey })`,
        ],
        [
            "a secret of another account, with its key named",
            "arn:aws:secretsmanager:us-east-1:222233334444:secret:x-AbCdEf",
            { web: { S: KEY } },
            null,
            ["secretsmanager:GetSecretValue", "kms:Decrypt"],
            "arn:aws:secretsmanager:us-east-1:222233334444:secret:x-AbCdEf is in account 222233334444, outside this stack: unless you deploy into 222233334444, its resource policy must grant the reader secretsmanager:GetSecretValue, and it must be encrypted with a customer-managed key whose policy grants that role kms:Decrypt",
        ],
    ];
    for (const [what, ref, keys, reader, actions, reason] of external) {
        it(`${what}: assumed`, () => {
            const n = one(ref, keys, reader);
            assert.deepStrictEqual([n.calls?.map((c) => c.action), n.outcome, n.waitFor], [actions, { result: "assumed", reason }, []]);
        });
    }

    it("kms:ViaService names the secret's own region, or the stack's when the ARN has none", () => {
        const via = (ref: string) => one(ref, { web: { S: KEY } }).calls?.[1]?.context;
        assert.deepStrictEqual(
            [via("arn:aws:ssm:eu-west-1:222233334444:parameter/ext"), via("arn:aws:secretsmanager::222233334444:secret:x"), via("arn:aws:secretsmanager:x")],
            [{ "kms:ViaService": "ssm.eu-west-1.amazonaws.com" }, { "kms:ViaService": `secretsmanager.${REGION}.amazonaws.com` }, { "kms:ViaService": `secretsmanager.${REGION}.amazonaws.com` }],
        );
    });

    it("without a service, no configured key applies", () => {
        const n = secretNeeds(scope(plan, { web: { S: KEY } }), undefined, [{ name: "S", ref: "arn:aws:secretsmanager:us-east-1:222233334444:secret:x" }], EXEC, undefined)[0];
        assert.deepStrictEqual(n.calls, [{ action: "secretsmanager:GetSecretValue", resource: "arn:aws:secretsmanager:us-east-1:222233334444:secret:x", resourcePolicy: true }]);
    });
});

describe("start/ecs", () => {
    const TD_ARN = (name: string) => `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${name}:1`;
    const CLUSTER = `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/main`;
    const awslogs = (group: string, options: Record<string, string> = {}) => ({ logDriver: "awslogs", options: { "awslogs-group": group, ...options } });
    const app = { name: "app", image: "nginx:1", portMappings: [{ containerPort: 8080 }], logConfiguration: awslogs("/berth/app") };
    const taskDef = (name: string, containers: unknown, inputs: Record<string, unknown> = {}) =>
        res(TD, name, { family: name, executionRoleArn: EXEC, containerDefinitions: typeof containers === "string" ? containers : JSON.stringify(containers), ...inputs }, { arn: TD_ARN(name) });
    const network = { subnets: ["subnet-x"], securityGroups: ["sg-t"], assignPublicIp: false };
    const service = (name: string, td: PlannedResource, inputs: Record<string, unknown> = {}) => res(SVC, name, { taskDefinition: td.arn, launchType: "FARGATE", networkConfiguration: network, ...inputs });
    const group = res(LOG_GROUP, "app-logs", { name: "/berth/app" });
    const fromX = { subnets: ["subnet-x"], securityGroups: ["sg-t"], publicIp: false };
    const stream = (prefix: string, container = "app", region = REGION) => `arn:aws:logs:${region}:${ACCOUNT}:log-group:/berth/app:log-stream:${prefix}/${container}/TASK_ID`;
    const noRole = { result: "broken", reason: "the task definition has no execution role: ECS cannot pull from ECR, read secrets or write awslogs for it; berth sets one for every task (a bug in berth: please report it)" };
    const hubImage = (from: unknown) => ({ kind: "image", subject: "nginx:1", from, reach: ["internet"], proof: "pulled from Docker Hub anonymously", missingIdentity: noRole });
    const logs = (from: unknown, extra: Record<string, unknown> = {}) => ({
        kind: "logs",
        subject: "/berth/app",
        identity: EXEC,
        calls: [
            { action: "logs:CreateLogStream", resource: stream("app") },
            { action: "logs:PutLogEvents", resource: stream("app") },
        ],
        from,
        reach: from ? ["logs"] : undefined,
        outcome: undefined,
        waitFor: [{ urn: group.urn, what: "the log group /berth/app" }],
        missingIdentity: noRole,
        ...extra,
    });
    const order = (waits: unknown[] = [{ urn: group.urn, what: "the log group /berth/app" }]) => ({ kind: "order", subject: "deploy order", waits });

    it("a Fargate service: its image, its logs, its order; nothing to check for a service without a load balancer", () => {
        const td = taskDef("web", [app]);
        const svc = service("web-service", td);
        assert.deepStrictEqual(ecsWorkloads(scope([td, svc, group])), [{ workload: "web-service", kind: "ecs-service", service: "app", urn: svc.urn, needs: [hubImage(fromX), logs(fromX), order()] }]);
    });

    // Where a Fargate task's traffic leaves from, by its network configuration.
    const placements: [string, unknown, unknown][] = [
        ["assignPublicIp true", { subnets: ["s"], assignPublicIp: true }, { subnets: ["s"], securityGroups: [], publicIp: true }],
        ['assignPublicIp "true"', { subnets: ["s"], assignPublicIp: "true" }, { subnets: ["s"], securityGroups: [], publicIp: true }],
        ['assignPublicIp "ENABLED"', { subnets: ["s"], securityGroups: ["g"], assignPublicIp: "ENABLED" }, { subnets: ["s"], securityGroups: ["g"], publicIp: true }],
        ['assignPublicIp "DISABLED"', { subnets: ["s"], assignPublicIp: "DISABLED" }, { subnets: ["s"], securityGroups: [], publicIp: false }],
        ["no subnets", { securityGroups: ["g"] }, undefined],
        ["no network configuration", undefined, undefined],
    ];
    for (const [what, nc, placement] of placements) {
        it(`a Fargate task with ${what}`, () => {
            const td = taskDef("web", [{ name: "app", image: "nginx:1" }]);
            const [w] = ecsWorkloads(scope([td, service("web-service", td, { launchType: undefined, capacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT" }], networkConfiguration: nc })]));
            assert.deepStrictEqual(w.needs[0].from, placement);
        });
    }

    it("containers the analysis cannot read: one assumed need, nothing else checked", () => {
        const cases = ["{not json", JSON.stringify({ name: "app" }), [{ name: "no-image" }, null]];
        assert.deepStrictEqual(
            cases.map((c, i) => ecsWorkloads(scope([taskDef(`t${i}`, c)]))[0].needs),
            cases.map((_, i) => [{ kind: "image", subject: `t${i}`, outcome: { result: "assumed", reason: `the plan records t${i}'s containers in a form the analysis cannot read: nothing of this workload was checked` } }]),
        );
    });

    it("containers recorded as a list are read as they are; the service is the first essential one", () => {
        const td = taskDef("web", []);
        const listed = {
            ...td,
            inputs: {
                ...td.inputs,
                containerDefinitions: [null, { name: "sidecar", image: "nginx:1", essential: false }, { name: "main", image: "nginx:1" }],
            },
        };
        assert.deepStrictEqual(
            ecsWorkloads(scope([listed, service("web-service", listed)])).map((w) => [w.service, w.needs.length]),
            [["main", 2]],
        );
        const allOptional = { ...td, inputs: { ...td.inputs, containerDefinitions: [{ name: "first", image: "nginx:1", essential: false }] } };
        assert.deepStrictEqual(
            ecsWorkloads(scope([allOptional, service("web-service", allOptional)])).map((w) => w.service),
            ["first"],
        );
    });

    it("containers share an image's step and a log group's step; each container's secrets are its own", () => {
        const td = taskDef("web", [
            { ...app, secrets: [{ name: "A", valueFrom: "/p/a" }] },
            { ...app, name: "side", repositoryCredentials: { credentialsParameter: "/p/creds" } },
            { name: "other", image: "busybox:1", logConfiguration: awslogs("/berth/app", { "awslogs-stream-prefix": "x" }) },
        ]);
        const [w] = ecsWorkloads(scope([td, service("web-service", td), group]));
        assert.deepStrictEqual(
            w.needs.map((n) => [n.kind, n.subject]),
            [
                ["image", "nginx:1"],
                ["secret", `A (arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/p/a)`],
                ["logs", "/berth/app"],
                ["secret", `registry credentials (arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/p/creds)`],
                ["image", "busybox:1"],
                ["order", "deploy order"],
            ],
        );
        assert.deepStrictEqual(w.needs[1].missingIdentity, noRole);
    });

    describe("awslogs", () => {
        const logNeeds = (logConfiguration: unknown, plan: PlannedResource[] = []) => {
            const td = taskDef("web", [{ ...app, logConfiguration }]);
            return ecsWorkloads(scope([td, service("web-service", td), ...plan]))[0].needs.filter((n) => n.kind === "logs");
        };

        it("another driver, or none: no logs step", () => {
            assert.deepStrictEqual([logNeeds({ logDriver: "fluentd", options: { "awslogs-group": "/berth/app" } }), logNeeds(undefined)], [[], []]);
        });

        it("a recorded group, with the stream prefix and region the options give", () => {
            const other = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/berth/app:log-stream:pre/app/TASK_ID`;
            assert.deepStrictEqual(logNeeds(awslogs("/berth/app", { "awslogs-stream-prefix": "pre", "awslogs-region": "eu-west-1" }), [group]), [
                logs(fromX, {
                    calls: [
                        { action: "logs:CreateLogStream", resource: other },
                        { action: "logs:PutLogEvents", resource: other },
                    ],
                }),
            ]);
        });

        it("a group the stack does not make: broken, unless the driver creates it", () => {
            assert.deepStrictEqual(logNeeds(awslogs("/berth/app")), [
                logs(fromX, {
                    outcome: {
                        result: "broken",
                        reason: "log group /berth/app is not in this stack, and ECS does not create it: the task stops with ResourceInitializationError; let berth create it (berth:logs) or create it before the deploy",
                    },
                    waitFor: [],
                }),
            ]);
            assert.deepStrictEqual(logNeeds(awslogs("/berth/app", { "awslogs-create-group": "true" })), [
                logs(fromX, {
                    calls: [
                        { action: "logs:CreateLogGroup", resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/berth/app` },
                        { action: "logs:CreateLogStream", resource: stream("app") },
                        { action: "logs:PutLogEvents", resource: stream("app") },
                    ],
                    waitFor: [],
                }),
            ]);
            // A recorded group needs no CreateLogGroup, even when the driver may create it.
            assert.deepStrictEqual(logNeeds(awslogs("/berth/app", { "awslogs-create-group": "true" }), [group]), [logs(fromX)]);
        });
    });

    describe("the load balancer's target", () => {
        const TG = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/web/1`;
        const LB = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/web/1`;
        const LISTENER = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/web/1/1`;
        const targetGroup = (healthCheck: unknown) => res("aws:lb/targetGroup:TargetGroup", "web-tg", { healthCheck }, { arn: TG });
        const lb = res("aws:lb/loadBalancer:LoadBalancer", "web-lb", { securityGroups: ["sg-lb"] }, { arn: LB });
        const health = (container: Record<string, unknown>, port: number, plan: PlannedResource[] = [], name = "app") => {
            const td = taskDef("web", [{ name: "app", image: "nginx:1", ...container }]);
            const svc = service("web-service", td, { loadBalancers: [{ containerName: name, containerPort: port, targetGroupArn: TG }] });
            return ecsWorkloads(scope([td, svc, ...plan]))[0].needs.filter((n) => n.kind === "health");
        };
        const outcome = (container: Record<string, unknown>, port: number, plan: PlannedResource[] = [], name = "app") => health(container, port, plan, name).map((n) => n.outcome);
        const maps = (...ports: number[]) => ({ portMappings: ports.map((containerPort) => ({ containerPort })) });

        const cases: [string, Record<string, unknown>, number, PlannedResource[], unknown][] = [
            ["a container the task does not have", maps(80), 80, [], { result: "broken", reason: "the load balancer targets container api, which the task definition does not have" }],
            ["a port the container does not map", maps(8080, 9090), 8081, [], { result: "broken", reason: "the load balancer targets port 8081, but container app maps 8080, 9090: health checks fail and ECS replaces the tasks" }],
            ["a container that maps no port", {}, 8080, [], { result: "broken", reason: "the load balancer targets port 8080, but container app maps no port: health checks fail and ECS replaces the tasks" }],
            [
                "port 1023 as the image's user",
                maps(1023),
                1023,
                [],
                { result: "assumed", reason: "container app listens on 1023 (below 1024) as the image's own user, which the plan cannot see: the image must run as root, or listen on 8080" },
            ],
            ["port 1023 as user 1000", { ...maps(1023), user: "1000:1000" }, 1023, [], { result: "broken", reason: "container app runs as user 1000, which may not bind port 1023 (below 1024): listen on 8080" }],
            ["port 1023 as root", { ...maps(1023), user: "0:0" }, 1023, [], { result: "proven", reason: "the target group sends to app:1023, a port the container maps, and checks TCP on 1023" }],
            ["port 1024 as user 1000", { ...maps(1024), user: "1000" }, 1024, [], { result: "proven", reason: "the target group sends to app:1024, a port the container maps, and checks TCP on 1024" }],
            ["port 1024 as the image's user", maps(1024), 1024, [], { result: "proven", reason: "the target group sends to app:1024, a port the container maps, and checks TCP on 1024" }],
            [
                "a health check on an unmapped port",
                maps(8080),
                8080,
                [targetGroup({ port: "9090", path: "/health" })],
                { result: "broken", reason: "the target group checks port 9090, which container app does not map: every check fails and ECS replaces the tasks" },
            ],
            [
                "a health check on another mapped port",
                maps(8080, 9090),
                8080,
                [targetGroup({ port: "9090", path: "/health", protocol: "HTTPS" })],
                { result: "proven", reason: "the target group sends to app:8080, a port the container maps, and checks HTTPS /health on 9090 (the path itself must answer with a success code)" },
            ],
            [
                "a health check on the traffic port",
                maps(8080),
                8080,
                [targetGroup({ port: "traffic-port", path: "/" })],
                { result: "proven", reason: "the target group sends to app:8080, a port the container maps, and checks HTTP / on 8080 (the path itself must answer with a success code)" },
            ],
            [
                "a health check with a path, on no port",
                maps(8080),
                8080,
                [targetGroup({ path: "/x" })],
                { result: "proven", reason: "the target group sends to app:8080, a port the container maps, and checks HTTP /x on 8080 (the path itself must answer with a success code)" },
            ],
            ["a health check without a path", maps(8080), 8080, [targetGroup({ port: "traffic-port" })], { result: "proven", reason: "the target group sends to app:8080, a port the container maps, and checks TCP on 8080" }],
        ];
        for (const [what, container, port, plan, expected] of cases) {
            it(what, () => {
                assert.deepStrictEqual(outcome(container, port, plan, what.startsWith("a container the") ? "api" : "app"), [expected]);
            });
        }

        it("the health need names the container and port", () => {
            assert.deepStrictEqual(health(maps(8080), 8080), [{ kind: "health", subject: "app:8080", outcome: { result: "proven", reason: "the target group sends to app:8080, a port the container maps, and checks TCP on 8080" } }]);
        });

        // The load balancer's groups must reach the tasks': found through the listener (rule) that forwards to the target group.
        const forward = { type: "forward", targetGroupArn: TG };
        const connects: [string, PlannedResource[], unknown[]][] = [
            ["a listener's default action", [lb, res("aws:lb/listener:Listener", "l", { loadBalancerArn: LB, defaultActions: [forward] }, { arn: LISTENER })], [{ from: ["sg-lb"], to: ["sg-t"], port: 8080 }]],
            [
                "a listener rule's action",
                [lb, res("aws:lb/listener:Listener", "l", { loadBalancerArn: LB, defaultActions: [] }, { arn: LISTENER }), res("aws:lb/listenerRule:ListenerRule", "r", { listenerArn: LISTENER, actions: [forward] })],
                [{ from: ["sg-lb"], to: ["sg-t"], port: 8080 }],
            ],
            ["a load balancer without groups", [{ ...lb, inputs: {} }, res("aws:lb/listener:Listener", "l", { loadBalancerArn: LB, defaultActions: [forward] })], [{ from: [], to: ["sg-t"], port: 8080 }]],
            ["a listener to another target group", [lb, res("aws:lb/listener:Listener", "l", { loadBalancerArn: LB, defaultActions: [{ targetGroupArn: "tg-other" }] })], []],
            ["a listener without actions", [lb, res("aws:lb/listener:Listener", "l", { loadBalancerArn: LB })], []],
            ["a listener of a load balancer the plan does not record", [res("aws:lb/listener:Listener", "l", { loadBalancerArn: "lb-other", defaultActions: [forward] })], []],
        ];
        for (const [what, plan, expected] of connects) {
            it(`the load balancer → tasks need, through ${what}`, () => {
                const td = taskDef("web", [{ name: "app", image: "nginx:1", ...maps(8080) }]);
                const svc = service("web-service", td, { loadBalancers: [{ containerName: "app", containerPort: 8080, targetGroupArn: TG }] });
                const connect = ecsWorkloads(scope([td, svc, ...plan]))[0].needs.filter((n) => n.connect);
                assert.deepStrictEqual(
                    connect,
                    expected.map((c) => ({ kind: "health", subject: "load balancer → app:8080", connect: c })),
                );
            });
        }

        it("a target without a target group: no connect need", () => {
            const td = taskDef("web", [{ name: "app", image: "nginx:1", ...maps(8080) }]);
            const svc = service("web-service", td, { loadBalancers: [{ containerName: "app", containerPort: 8080 }] });
            assert.deepStrictEqual(
                ecsWorkloads(scope([td, svc, lb]))[0].needs.filter((n) => n.connect),
                [],
            );
        });
    });

    describe("EC2 and ECS Anywhere hosts", () => {
        const ASG_ARN = `arn:aws:autoscaling:${REGION}:${ACCOUNT}:autoScalingGroup:1:autoScalingGroupName/hosts`;
        const ROLE = `arn:aws:iam::${ACCOUNT}:role/hosts`;
        const CP_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:capacity-provider/hosts`;
        const role = res("aws:iam/role:Role", "hosts-role", {}, { arn: ROLE, id: "hosts-role-id" });
        const profile = res("aws:iam/instanceProfile:InstanceProfile", "hosts-profile", { role: "hosts-role-id", name: "hosts-profile" }, { arn: `arn:aws:iam::${ACCOUNT}:instance-profile/hosts` });
        const template = (inputs: Record<string, unknown>) => res("aws:ec2/launchTemplate:LaunchTemplate", "hosts-lt", inputs, { id: "lt-1" });
        const asg = (inputs: Record<string, unknown>) => res("aws:autoscaling/group:Group", "hosts-asg", { vpcZoneIdentifiers: ["subnet-h"], ...inputs }, { arn: ASG_ARN });
        const provider = res("aws:ecs/capacityProvider:CapacityProvider", "hosts-cp", { name: "hosts", autoScalingGroupProvider: { autoScalingGroupArn: ASG_ARN } }, { id: "hosts-cp-id", arn: CP_ARN });
        const nic = { associatePublicIpAddress: "true", securityGroups: ["sg-h"] };
        const ec2Plan = [role, profile, template({ networkInterfaces: [nic], iamInstanceProfile: { arn: profile.arn } }), asg({ launchTemplate: { id: "lt-1" } }), provider];
        const onEc2 = (plan: PlannedResource[], inputs: Record<string, unknown>, td = taskDef("web", [{ name: "app", image: "nginx:1" }])) =>
            ecsWorkloads(scope([td, service("web-service", td, { launchType: undefined, networkConfiguration: undefined, ...inputs }), ...plan]))[0].needs[0];

        // How the service names its capacity provider, and how the provider's instances are found.
        const hosts: [string, PlannedResource[], Record<string, unknown>, unknown][] = [
            ["the provider by its name", ec2Plan, { capacityProviderStrategies: [{ capacityProvider: "hosts" }] }, { instanceRole: ROLE, subnets: ["subnet-h"], publicIp: true, securityGroups: ["sg-h"] }],
            ["the provider by its id", ec2Plan, { capacityProviderStrategies: [{ capacityProvider: "hosts-cp-id" }] }, { instanceRole: ROLE, subnets: ["subnet-h"], publicIp: true, securityGroups: ["sg-h"] }],
            ["the provider by its resource name", ec2Plan, { capacityProviderStrategies: [{ capacityProvider: "hosts-cp" }] }, { instanceRole: ROLE, subnets: ["subnet-h"], publicIp: true, securityGroups: ["sg-h"] }],
            ["the provider by its ARN", ec2Plan, { capacityProviderStrategies: [{ capacityProvider: CP_ARN }] }, { instanceRole: ROLE, subnets: ["subnet-h"], publicIp: true, securityGroups: ["sg-h"] }],
            [
                "a provider whose group the plan does not record",
                [{ ...provider, inputs: { name: "hosts", autoScalingGroupProvider: { autoScalingGroupArn: "arn:none" } } }],
                { capacityProviderStrategies: [{ capacityProvider: "hosts" }] },
                undefined,
            ],
            [
                "no provider: the group ECS manages, its mixed instances' template, its groups",
                [
                    role,
                    profile,
                    template({ vpcSecurityGroupIds: ["sg-v"], networkInterfaces: [{ associatePublicIpAddress: true }] }),
                    asg({ tags: [{ key: "Name" }, { key: "AmazonECSManaged" }], mixedInstancesPolicy: { launchTemplate: { launchTemplateSpecification: { launchTemplateId: "lt-1" } } } }),
                ],
                { launchType: "EC2" },
                { instanceRole: undefined, subnets: ["subnet-h"], publicIp: true, securityGroups: ["sg-v"] },
            ],
            ["no provider, and no group ECS manages", [asg({}), asg({ tags: [{ key: "Name" }] })], {}, undefined],
            [
                "a group without a launch template",
                [{ ...asg({}), inputs: { vpcZoneIdentifiers: ["subnet-h"], tags: [{ key: "AmazonECSManaged" }] } }],
                {},
                { instanceRole: undefined, subnets: ["subnet-h"], publicIp: false, securityGroups: [] },
            ],
            [
                "a template without interfaces or groups, a group without subnets",
                [template({}), { ...asg({ launchTemplate: { launchTemplateId: "lt-1" } }), inputs: { launchTemplate: { launchTemplateId: "lt-1" } } }, provider],
                { capacityProviderStrategies: [{ capacityProvider: "hosts" }] },
                { instanceRole: undefined, subnets: [], publicIp: false, securityGroups: [] },
            ],
        ];
        for (const [what, plan, inputs, placement] of hosts) {
            it(`EC2: ${what}`, () => {
                assert.deepStrictEqual(onEc2(plan, inputs).from, placement);
            });
        }

        it("EC2 without an execution role: the instance role pulls; without either, the need says it is missing", () => {
            const bare = taskDef("web", [{ name: "app", image: `${ECR}/app:1` }], { executionRoleArn: undefined });
            const withProfile = onEc2(ec2Plan, { capacityProviderStrategies: [{ capacityProvider: "hosts" }] }, bare);
            const byName = onEc2([role, profile, template({ iamInstanceProfile: { name: "hosts-profile" } }), asg({ launchTemplate: { id: "lt-1" } }), provider], { capacityProviderStrategies: [{ capacityProvider: "hosts" }] }, bare);
            const noRole = onEc2(
                [role, { ...profile, inputs: { role: 7 } }, template({ iamInstanceProfile: { arn: profile.arn } }), asg({ launchTemplate: { id: "lt-1" } }), provider],
                { capacityProviderStrategies: [{ capacityProvider: "hosts" }] },
                bare,
            );
            const fargate = ecsWorkloads(scope([bare, service("web-service", bare)]))[0].needs[0];
            assert.deepStrictEqual([withProfile.identity, byName.identity, noRole.identity, fargate.identity], [ROLE, ROLE, undefined, undefined]);
        });

        it("the load balancer reaches the tasks of an EC2 service through the instances' groups; of ECS Anywhere, through none", () => {
            const TG = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/web/1`;
            const LB = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/web/1`;
            const edge = [res("aws:lb/loadBalancer:LoadBalancer", "lb", { securityGroups: ["sg-lb"] }, { arn: LB }), res("aws:lb/listener:Listener", "l", { loadBalancerArn: LB, defaultActions: [{ targetGroupArn: TG }] })];
            const td = taskDef("web", [{ name: "app", image: "nginx:1", portMappings: [{ containerPort: 8080 }] }]);
            const connect = (inputs: Record<string, unknown>) =>
                ecsWorkloads(scope([td, service("web-service", td, { networkConfiguration: undefined, loadBalancers: [{ containerName: "app", containerPort: 8080, targetGroupArn: TG }], ...inputs }), ...ec2Plan, ...edge]))[0].needs.find(
                    (n) => n.connect,
                )?.connect;
            assert.deepStrictEqual(
                [
                    connect({ launchType: undefined, capacityProviderStrategies: [{ capacityProvider: "hosts" }] }),
                    connect({ launchType: "EXTERNAL" }),
                    connect({ launchType: "EC2", networkConfiguration: { subnets: ["s"], securityGroups: ["sg-t"] } }),
                    connect({ launchType: "FARGATE" }),
                ],
                [
                    { from: ["sg-lb"], to: ["sg-h"], port: 8080 },
                    { from: ["sg-lb"], to: [], port: 8080 },
                    { from: ["sg-lb"], to: ["sg-t"], port: 8080 },
                    { from: ["sg-lb"], to: [], port: 8080 },
                ],
            );
        });

        it("ECS Anywhere: every need is the host network's to reach, and nothing is placed", () => {
            const td = taskDef("web", [
                { ...app, image: `${ECR}/app:1`, secrets: [{ name: "A", valueFrom: "/p/a" }] },
                { name: "hub", image: "nginx:1" },
                { name: "ghcr", image: "ghcr.io/o/a:1", logConfiguration: awslogs("/berth/missing") },
            ]);
            const [w] = ecsWorkloads(scope([td, service("web-service", td, { launchType: "EXTERNAL" }), group, res("aws:ecr/repository:Repository", "app-repo", { name: "app" })]));
            const onPrem = (what: string) => ({ result: "assumed", reason: `ECS Anywhere: the host's own network must reach ${what}` });
            assert.deepStrictEqual(
                w.needs.map((n) => [n.kind, n.subject, n.from, n.reach, n.outcome]),
                [
                    ["image", `${ECR}/app:1`, undefined, undefined, onPrem(`ECR (ecr.api, ecr.dkr and S3 in ${REGION})`)],
                    [
                        "secret",
                        `A (arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/p/a)`,
                        undefined,
                        undefined,
                        { result: "assumed", reason: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/p/a is declared external: it must exist, with a value, before the deploy` },
                    ],
                    ["logs", "/berth/app", undefined, undefined, onPrem(`CloudWatch Logs in ${REGION}`)],
                    ["image", "nginx:1", undefined, undefined, onPrem("Docker Hub")],
                    ["image", "ghcr.io/o/a:1", undefined, undefined, onPrem("ghcr.io")],
                    [
                        "logs",
                        "/berth/missing",
                        undefined,
                        undefined,
                        {
                            result: "broken",
                            reason: "log group /berth/missing is not in this stack, and ECS does not create it: the task stops with ResourceInitializationError; let berth create it (berth:logs) or create it before the deploy",
                        },
                    ],
                    ["order", "deploy order", undefined, undefined, undefined],
                ],
            );
            const recordedParam = res("aws:ssm/parameter:Parameter", "a", {}, { arn: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/p/a` });
            const [again] = ecsWorkloads(scope([td, service("web-service", td, { launchType: "EXTERNAL" }), recordedParam]));
            assert.deepStrictEqual(again.needs[1].outcome, onPrem(`Secrets Manager or SSM in ${REGION}`));
        });
    });

    describe("tasks started by EventBridge, by Scheduler, or by hand", () => {
        const TASK_ROLE = `arn:aws:iam::${ACCOUNT}:role/task`;
        const td = taskDef("job", [{ name: "job", image: "nginx:1" }], { taskRoleArn: TASK_ROLE, requiresCompatibilities: ["FARGATE"] });
        const ecsTarget = (extra: Record<string, unknown>) => ({ taskDefinitionArn: td.arn, launchType: "FARGATE", networkConfiguration: network, ...extra });
        const rule = (extra: Record<string, unknown>, name = "nightly") => res("aws:cloudwatch/eventTarget:EventTarget", name, { arn: CLUSTER, roleArn: "arn:aws:iam::1:role/events", ecsTarget: ecsTarget(extra) });
        const trigger = (plan: PlannedResource[]) => ecsWorkloads(scope([td, ...plan])).map((w) => [w.workload, w.kind, w.needs.find((n) => n.kind === "trigger")]);
        const call = (tags: boolean) => [
            { action: "ecs:RunTask", resource: td.arn, context: { "ecs:cluster": CLUSTER } },
            ...(tags ? [{ action: "ecs:TagResource", resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/main/TASK_ID`, context: { "ecs:CreateAction": "RunTask" } }] : []),
            { action: "iam:PassRole", resource: EXEC, context: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
            { action: "iam:PassRole", resource: TASK_ROLE, context: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
        ];

        // Whether the trigger asks for tags, so its role needs ecs:TagResource.
        const tagging: [string, Record<string, unknown>, boolean][] = [
            ["no tags", {}, false],
            ["enableEcsManagedTags", { enableEcsManagedTags: true }, true],
            ['enableEcsManagedTags "true"', { enableEcsManagedTags: "true" }, false],
            ["propagateTags", { propagateTags: "TASK_DEFINITION" }, true],
            ["tags", { tags: { team: "a" } }, true],
            ["empty tags", { tags: {} }, false],
            ["tags not an object", { tags: "team=a" }, false],
        ];
        for (const [what, extra, tags] of tagging) {
            it(`an EventBridge rule with ${what}`, () => {
                assert.deepStrictEqual(trigger([rule(extra)]), [["nightly", "event-task", { kind: "trigger", subject: "EventBridge rule nightly", identity: "arn:aws:iam::1:role/events", calls: call(tags) }]]);
            });
        }

        it("a task definition without an ARN is named by its family", () => {
            const unnamed = { ...td, arn: null, id: "job-id", inputs: { ...td.inputs, taskRoleArn: undefined } };
            const [w] = ecsWorkloads(scope([unnamed, { ...rule({}), inputs: { ...rule({}).inputs, ecsTarget: ecsTarget({ taskDefinitionArn: "job-id" }) } }]));
            assert.deepStrictEqual(w.needs.find((n) => n.kind === "trigger")?.calls, [
                { action: "ecs:RunTask", resource: "job", context: { "ecs:cluster": CLUSTER } },
                { action: "iam:PassRole", resource: EXEC, context: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
            ]);
        });

        it("a Scheduler schedule; targets without ECS parameters or with an unknown task definition start nothing", () => {
            const schedule = res("aws:scheduler/schedule:Schedule", "hourly", { target: { arn: CLUSTER, roleArn: "arn:aws:iam::1:role/scheduler", ecsParameters: ecsTarget({}) } });
            const lambda = res("aws:scheduler/schedule:Schedule", "lambda", { target: { arn: "arn:aws:lambda:x" } });
            const unknown = rule({ taskDefinitionArn: "arn:none" }, "unknown");
            const noEcs = res("aws:cloudwatch/eventTarget:EventTarget", "sns", { arn: "arn:aws:sns:x" });
            assert.deepStrictEqual(trigger([schedule, lambda, unknown, noEcs]), [
                ["hourly", "event-task", { kind: "trigger", subject: "EventBridge Scheduler schedule hourly", identity: "arn:aws:iam::1:role/scheduler", calls: call(false) }],
            ]);
        });

        it("a task definition a service runs is not also a task run by hand; a service whose task definition is not recorded starts nothing", () => {
            const svc = service("job-service", td);
            const lost = service("lost-service", td, { taskDefinition: "arn:none" });
            assert.deepStrictEqual(
                ecsWorkloads(scope([td, svc, lost])).map((w) => [w.workload, w.kind]),
                [["job-service", "ecs-service"]],
            );
        });

        it("by hand: in the stack's private subnets with the task's own group, and no order to check", () => {
            const vpc = res("awsx:ec2:Vpc", "v", { numberOfAvailabilityZones: 1 }, { component: true });
            const sgOf = (parent: string | null, id: string | null) => res("aws:ec2/securityGroup:SecurityGroup", `sg-${id}`, {}, { parent, id });
            const mine = { ...td, parent: "urn:job" };
            const run = (plan: PlannedResource[], t: PlannedResource = mine) => ecsWorkloads(scope([t, ...plan]))[0];
            assert.deepStrictEqual(run([vpc, sgOf("urn:other", "sg-o"), sgOf("urn:job", "sg-j")]), {
                workload: "job",
                kind: "ecs-task",
                service: "job",
                urn: td.urn,
                needs: [hubImage({ subnets: ["subnet-private-611508a0c1d36f7ea"], publicIp: false, securityGroups: ["sg-j"] })],
            });
            assert.deepStrictEqual([run([vpc, sgOf("urn:job", null)]).needs[0].from, run([]).needs[0].from], [{ subnets: ["subnet-private-611508a0c1d36f7ea"], publicIp: false, securityGroups: [] }, undefined]);
            const external = { ...mine, inputs: { ...mine.inputs, requiresCompatibilities: ["EXTERNAL"] } };
            const ec2Only = { ...mine, inputs: { ...mine.inputs, requiresCompatibilities: ["EC2"] } };
            const both = { ...mine, inputs: { ...mine.inputs, requiresCompatibilities: ["EC2", "FARGATE"] } };
            const hosts = res("aws:autoscaling/group:Group", "hosts", { vpcZoneIdentifiers: ["subnet-h"], tags: [{ key: "AmazonECSManaged" }] });
            assert.deepStrictEqual(
                [run([vpc, hosts], external).needs[0].outcome, run([vpc, hosts], ec2Only).needs[0].from, run([vpc, hosts], both).needs[0].from],
                [
                    { result: "assumed", reason: "ECS Anywhere: the host's own network must reach Docker Hub" },
                    { instanceRole: undefined, subnets: ["subnet-h"], publicIp: false, securityGroups: [] },
                    { subnets: ["subnet-private-611508a0c1d36f7ea"], publicIp: false, securityGroups: [] },
                ],
            );
        });
    });
});
