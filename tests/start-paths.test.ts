// Issue 23's proof: the start paths catch the failures that reviews found by reading plans by hand,
// each rebuilt as a config or as an altered plan, and every shipped stack starts (proven, or assumed
// for a documented reason).
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path_ from "path";
import { FAKE_ACCOUNT } from "../plan/fakes";
import type { Plan, PlannedResource } from "../plan/engine";
import { brokenReport, brokenSteps, renderStartPaths, startSummary } from "../plan/start-report";
import { pathResult, startPaths, StartPath, StartStep } from "../start";
import { PROJECT_DIR } from "../plan/engine";
import { loadStackConfig } from "../plan/stackfile";
import { fargateConfig, planOk, planStackOk } from "./harness";

const REGION = "us-east-1";
const analyse = (plan: Plan, resources: ReadonlyArray<PlannedResource> = plan.resources, region = REGION) => startPaths(resources, { platform: plan.platform!, account: FAKE_ACCOUNT, region });
const path = (paths: ReadonlyArray<StartPath>, workload: string) => paths.find((p) => p.workload === workload)!;
const open = (p: StartPath) => p.steps.filter((s) => s.result !== "proven");
/** A resource's JSON-string input, changed. */
const withPolicy = (r: PlannedResource, change: (doc: { Statement: { Action: string[] | string }[] }) => void): PlannedResource => {
    const doc = JSON.parse(r.inputs.policy as string);
    change(doc);
    return { ...r, inputs: { ...r.inputs, policy: JSON.stringify(doc) } };
};
const replace = (resources: ReadonlyArray<PlannedResource>, name: string, f: (r: PlannedResource) => PlannedResource) => resources.map((r) => (r.name === name ? f(r) : r));
const dropActions = (actions: string[]) => (doc: { Statement: { Action: string[] | string }[] }) => {
    for (const s of doc.Statement) s.Action = ([] as string[]).concat(s.Action).filter((a) => !actions.includes(a));
};
const brief = (s: StartStep) => [s.kind, s.result, s.action, s.resource];

describe("start paths: the failures reviews found by hand", () => {
    it("a worker reading a secret in another account: assumed, saying what to grant there", async () => {
        const other = "arn:aws:secretsmanager:us-east-1:222233334444:secret:shared/token-AbCdEf";
        const plan = await planOk(fargateConfig({ "berth:services": { worker: { image: "public.ecr.aws/docker/library/busybox:1.37", command: ["sleep", "3600"], secrets: { TOKEN: other } } } }));
        const worker = path(plan.startPaths!, "worker-service");
        assert.equal(pathResult(worker), "assumed");
        const [secret] = open(worker);
        assert.deepEqual(brief(secret), ["secret", "assumed", "secretsmanager:GetSecretValue", other]);
        assert.equal(
            secret.reason,
            `${other} is in account 222233334444, outside this stack: unless you deploy into 222233334444, its resource policy must grant ${secret.identity} secretsmanager:GetSecretValue, and it must be encrypted with a customer-managed key whose policy grants that role kms:Decrypt (name it: secrets.NAME: { arn, kmsKey })`,
        );
    });

    it("EKS: a node role that cannot fill the pull-through cache breaks the image step", async () => {
        // AmazonEC2ContainerRegistryPullOnly grants BatchImportUpstreamImage; the first pull's CreateRepository is berth's own grant.
        const plan = await planStackOk("eks-managed");
        const resources = replace(plan.resources, "general-node-policy", (r) => withPolicy(r, dropActions(["ecr:CreateRepository"])));
        const web = path(analyse(plan, resources), "web-deployment");
        const broken = open(web).filter((s) => s.result === "broken");
        assert.deepEqual(
            broken.map((s) => [s.kind, s.action, s.resource, s.identity?.split("/").pop()]),
            [["image", "ecr:CreateRepository", "arn:aws:ecr:us-east-1:123456789012:repository/ecr-public/nginx/nginx-unprivileged", "general-node-role-abd670c"]],
        );
        assert.match(broken[0].reason, /may not call ecr:CreateRepository on arn:aws:ecr:us-east-1:123456789012:repository\/ecr-public\/nginx\/nginx-unprivileged: no policy of the role allows it$/);
        assert.equal(pathResult(path(analyse(plan), "web-deployment")), "proven");
    });

    it("Express in subnets with no route out: the image step is broken, and names the fix", async () => {
        const plan = await planStackOk("ecs-express");
        const resources = plan.resources.filter((r) => r.type !== "aws:ec2/route:Route");
        const web = path(analyse(plan, resources), "web-service");
        const image = web.steps.find((s) => s.kind === "image")!;
        assert.equal(image.result, "broken");
        const subnets = ((resources.find((r) => r.name === "web-service")!.inputs.networkConfigurations as { subnets: string[] }[])[0].subnets ?? []).join(", ");
        assert.equal(
            image.reason,
            `internet: private subnets ${subnets} of net-vpc (natGateways.strategy None) have no route to the internet (a registry outside AWS): no NAT gateway, no NAT instance route in their route tables. Fix: set berth:network.nat to "single", "one-per-az" or "instance"`,
        );
    });

    it("ESO: a role without the one SSM action its provider calls breaks the secret step", async () => {
        const param = "arn:aws:ssm:us-east-1:123456789012:parameter/berth/token";
        const plan = await planOk({ ...loadStackConfig("eks-fargate", PROJECT_DIR), "berth:services": { worker: { image: "public.ecr.aws/docker/library/busybox:1.37", command: ["sleep", "3600"], secrets: { TOKEN: param } } } });
        assert.equal(pathResult(path(analyse(plan), "worker-deployment")), "proven");
        const resources = replace(plan.resources, "worker-policy", (r) =>
            withPolicy(r, (doc) => doc.Statement.forEach((s) => (s.Action = ([] as string[]).concat(s.Action).map((a) => (a === "ssm:GetParameter" ? "ssm:GetParameters" : a))))),
        );
        const secret = path(analyse(plan, resources), "worker-deployment").steps.find((s) => s.kind === "secret")!;
        assert.deepEqual(brief(secret), ["secret", "broken", "ssm:GetParameter", param]);
    });

    it("ASCP: a role denied DescribeSecret (its rotation reconciler calls it) breaks the secret step", async () => {
        const plan = await planStackOk("eks-managed");
        const resources = replace(plan.resources, "worker-policy", (r) => withPolicy(r, dropActions(["secretsmanager:DescribeSecret"])));
        const secret = path(analyse(plan, resources), "worker-deployment").steps.find((s) => s.kind === "secret")!;
        assert.deepEqual(brief(secret), ["secret", "broken", "secretsmanager:DescribeSecret", "arn:aws:secretsmanager:us-east-1:123456789012:secret:berth/berth/eks-managed/worker/API_TOKEN-f72056"]);
    });

    it("a private subnet with no egress and no endpoints: every AWS step of the task is broken", async () => {
        const plan = await planStackOk("dev");
        const resources = plan.resources.filter((r) => r.type !== "aws:ec2/route:Route" && r.type !== "aws:ec2/vpcEndpoint:VpcEndpoint");
        const worker = path(analyse(plan, resources), "worker-service");
        assert.deepEqual(
            worker.steps.map((s) => [s.kind, s.result, s.route]),
            [
                ["image", "broken", "none"],
                ["secret", "broken", "none"],
                ["logs", "broken", "none"],
                ["order", "proven", undefined],
            ],
        );
    });

    it("a secret under a key the reader may not use: kms:Decrypt is broken", async () => {
        const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        const secretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shared/token-AbCdEf";
        const plan = await planOk(fargateConfig({ "berth:services": { worker: { image: "public.ecr.aws/docker/library/busybox:1.37", command: ["sleep", "3600"], secrets: { TOKEN: { arn: secretArn, kmsKey: key } } } } }));
        const opts = { platform: plan.platform!, account: FAKE_ACCOUNT, region: "eu-west-1", secretKeys: { worker: { TOKEN: key } } };
        const secretOf = (resources: ReadonlyArray<PlannedResource>) => path(startPaths(resources, opts), "worker-service").steps.find((s) => s.kind === "secret")!;
        // The plan's own path: assumed (the secret is external), never broken.
        assert.equal(secretOf(plan.resources).result, "assumed");
        assert.deepEqual(
            plan.startPaths,
            startPaths(plan.resources, opts).map((p) => ({ ...p })),
        );
        const resources = replace(plan.resources, "worker-exec-policy", (r) => withPolicy(r, dropActions(["kms:Decrypt"])));
        assert.deepEqual(brief(secretOf(resources)), ["secret", "broken", "kms:Decrypt", key]);
    });

    it("a log group in another stack: the logs step is broken (ECS does not create it)", async () => {
        const plan = await planStackOk("dev");
        const resources = plan.resources.filter((r) => r.name !== "web-logs");
        const logs = path(analyse(plan, resources), "web-service").steps.find((s) => s.kind === "logs")!;
        assert.deepEqual([logs.result, logs.subject], ["broken", "/berth/berth/dev/web"]);
        assert.equal(logs.reason, "log group /berth/berth/dev/web is not in this stack, and ECS does not create it: the task stops with ResourceInitializationError; let berth create it (berth:logs) or create it before the deploy");
    });

    it("a Service whose target port is not the pod's port: the health step is assumed (numeric) or broken (a name no port has)", async () => {
        const plan = await planStackOk("eks-managed");
        const target = (port: number | string) =>
            plan.resources.map((r) =>
                r.type === "kubernetes:core/v1:Service" && r.name.startsWith("web") ? { ...r, inputs: { ...r.inputs, spec: { ...(r.inputs.spec as object), ports: [{ name: "http", port: 8080, protocol: "TCP", targetPort: port }] } } } : r,
            );
        const health = (port: number | string) => path(analyse(plan, target(port)), "web-deployment").steps.find((s) => s.kind === "health")!;
        assert.deepEqual([health(8081).result, health(8081).reason.split(":")[0]], ["assumed", "Service web sends port 8080 to targetPort 8081, but web-deployment's containers listen on 8080"]);
        assert.deepEqual([health("admin").result, health("admin").reason.split(":")[0]], ["broken", "Service web sends port 8080 to targetPort admin, but web-deployment's containers listen on 8080"]);
        assert.equal(health(8080).result, "proven");
    });

    it("ECS: a load balancer that targets a port the container does not map breaks health", async () => {
        const plan = await planStackOk("dev");
        const resources = replace(plan.resources, "web-service", (r) => ({ ...r, inputs: { ...r.inputs, loadBalancers: [{ ...(r.inputs.loadBalancers as object[])[0], containerPort: 8081 }] } }));
        const health = path(analyse(plan, resources), "web-service").steps.filter((s) => s.kind === "health");
        assert.deepEqual(
            health.map((s) => [s.subject, s.result]),
            [
                ["web:8081", "broken"],
                ["load balancer → web:8081", "broken"],
            ],
        );
        assert.equal(health[0].reason, "the load balancer targets port 8081, but container web maps 8080: health checks fail and ECS replaces the tasks");
    });

    it("an event-started task whose role may not pass the execution role: the trigger step is broken", async () => {
        const plan = await planStackOk("patterns");
        const resources = replace(plan.resources, "report-scheduler-policy", (r) => withPolicy(r, dropActions(["iam:PassRole"])));
        const trigger = path(analyse(plan, resources, "eu-west-1"), "report-schedule").steps.find((s) => s.kind === "trigger")!;
        assert.deepEqual([trigger.result, trigger.action], ["broken", "iam:PassRole"]);
        assert.equal(path(analyse(plan, plan.resources, "eu-west-1"), "report-schedule").steps.find((s) => s.kind === "trigger")!.result, "proven");
    });

    it("a service that does not wait for its execution role's policy: the order step is broken", async () => {
        const plan = await planStackOk("dev");
        const resources = replace(plan.resources, "web-service", (r) => ({ ...r, dependencies: r.dependencies.filter((d) => !d.endsWith("::web-exec-policy")) }));
        const order = path(analyse(plan, resources), "web-service").steps.find((s) => s.kind === "order")!;
        assert.deepEqual([order.result, order.reason], ["broken", "does not wait for the execution role's policy web-exec-policy: it could start before it exists (a bug in berth: please report it)"]);
    });
});

describe("start paths: every shipped stack starts", () => {
    // Every assumed step of a shipped stack, as (stack, workload, kind): each for a reason docs/plan.md
    // ("Start paths") documents. Anything else assumed, and anything broken, fails here.
    const ASSUMED: Record<string, string[]> = {
        "ecs-anywhere": ["edge-service image", "edge-service logs", "sync-taskdef image", "sync-taskdef logs"],
        kubernetes: ["worker-deployment image", "worker-deployment logs", "web-deployment image", "web-deployment logs"],
    };
    for (const stack of ["dev", "prod", "patterns", "ecs-ec2", "ecs-anywhere", "ecs-express", "apprunner", "eks-managed", "eks-selfmanaged", "eks-fargate", "eks-storage", "kubernetes"]) {
        it(`${stack}: nothing broken, and only the documented assumptions`, async () => {
            const plan = await planStackOk(stack);
            assert.ok(plan.startPaths!.length > 0);
            const steps = plan.startPaths!.flatMap((p) => p.steps.map((s) => ({ p, s })));
            assert.deepEqual(
                steps.filter(({ s }) => s.result === "broken").map(({ p, s }) => `${p.workload} ${s.kind}: ${s.reason}`),
                [],
            );
            assert.deepEqual(
                steps.filter(({ s }) => s.result === "assumed").map(({ p, s }) => `${p.workload} ${s.kind}`),
                ASSUMED[stack] ?? [],
            );
        });
    }
});

describe("start paths in the tree and on stderr", () => {
    const step = (over: Partial<StartStep>): StartStep => ({ kind: "image", subject: "img", result: "proven", reason: "ok", ...over });
    const plan = {
        startPaths: [
            { workload: "web-service", kind: "ecs-service" as const, service: "web", urn: "u1", platform: "ecs-fargate", steps: [step({})] },
            { workload: "sync-taskdef", kind: "ecs-task" as const, service: "sync", urn: "u2", platform: "ecs-fargate", steps: [step({ kind: "logs", subject: "/g", result: "assumed", reason: "the host must reach CloudWatch Logs" })] },
            {
                workload: "api-deployment",
                kind: "deployment" as const,
                service: "web",
                urn: "u3",
                platform: "eks",
                steps: [
                    step({
                        kind: "secret",
                        subject: "TOKEN",
                        result: "broken",
                        identity: "arn:aws:iam::1:role/r",
                        action: "secretsmanager:DescribeSecret",
                        resource: "arn:s",
                        reason: "r may not call secretsmanager:DescribeSecret on arn:s: no policy of the role allows it",
                    }),
                ],
            },
        ],
    };

    it("prints one line per workload: can start, can start if, cannot start with each open step", () => {
        assert.deepEqual(renderStartPaths(plan), [
            'Start paths (✓ proven from the plan, ~ assumed: make it true yourself, ✗ broken; docs/plan.md, "Start paths"):',
            "    ✓ web-service: can start",
            "    ~ sync-taskdef: can start if",
            "        ~ logs /g: the host must reach CloudWatch Logs",
            "    ✗ api-deployment (web): cannot start",
            "        ✗ secret TOKEN: r may not call secretsmanager:DescribeSecret on arn:s: no policy of the role allows it",
        ]);
        assert.deepEqual(renderStartPaths({ startPaths: [] }), []);
    });

    it("lists the broken steps with the role the reason does not name", () => {
        assert.deepEqual(brokenSteps(plan), ["api-deployment (web) cannot start: secret TOKEN: r may not call secretsmanager:DescribeSecret on arn:s: no policy of the role allows it [identity arn:aws:iam::1:role/r]"]);
        assert.equal(startSummary(plan), "3 workloads: 1 can start, 1 on assumptions, 1 cannot start");
        assert.equal(startSummary({ startPaths: [] }), undefined);
        assert.deepEqual(brokenReport({ stack: "dev", ...plan }), [
            "berth: Pulumi.dev.yaml plans, but 1 step cannot work on a real deploy:",
            "  - api-deployment (web) cannot start: secret TOKEN: r may not call secretsmanager:DescribeSecret on arn:s: no policy of the role allows it [identity arn:aws:iam::1:role/r]",
        ]);
        assert.deepEqual(brokenReport({ stack: "dev", startPaths: plan.startPaths.slice(0, 2) }), []);
    });
});

describe("start paths: what the review of issue 23 found", () => {
    it("plans in GovCloud and China name their partition: nothing broken", async () => {
        for (const region of ["us-gov-west-1", "cn-north-1"]) {
            const plan = await planOk(fargateConfig({ "aws:region": region }));
            assert.deepEqual(
                plan.startPaths!.flatMap((p) => p.steps.filter((s) => s.result === "broken").map((s) => s.reason)),
                [],
                region,
            );
            const logs = path(plan.startPaths!, "web-service").steps.find((s) => s.kind === "logs")!;
            assert.equal(logs.resource!.split(":").slice(0, 4).join(":"), `arn:${region.startsWith("cn-") ? "aws-cn" : "aws-us-gov"}:logs:${region}`);
        }
    });

    it("a Fargate task definition without an execution role: image, secret and logs are broken", async () => {
        const plan = await planStackOk("dev");
        const resources = replace(plan.resources, "worker-taskdef", (r) => ({ ...r, inputs: { ...r.inputs, executionRoleArn: undefined } }));
        const worker = path(analyse(plan, resources), "worker-service");
        assert.deepEqual(
            worker.steps.filter((s) => s.kind !== "order").map((s) => [s.kind, s.result]),
            [
                ["image", "broken"],
                ["secret", "broken"],
                ["logs", "broken"],
            ],
        );
        assert.equal(worker.steps[0].reason, "the task definition has no execution role: ECS cannot pull from ECR, read secrets or write awslogs for it; berth sets one for every task (a bug in berth: please report it)");
    });

    describe("resource policies in the stack's own account", () => {
        const secretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:berth/berth/dev/worker/API_TOKEN-4666ab";
        const withSecretPolicy = async (statement: Record<string, unknown>) => {
            const plan = await planStackOk("dev");
            const policy: PlannedResource = {
                ...plan.resources.find((r) => r.name === "worker-exec-policy")!,
                urn: "urn:secret-policy",
                name: "secret-policy",
                type: "aws:secretsmanager/secretPolicy:SecretPolicy",
                inputs: { secretArn, policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }) },
            };
            return path(analyse(plan, [...plan.resources, policy]), "worker-service").steps.find((s) => s.kind === "secret")!;
        };

        it("one that names another principal does not take away what the role's own policy allows", async () => {
            const step = await withSecretPolicy({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/someone-else" }, Action: "secretsmanager:GetSecretValue", Resource: "*" });
            assert.equal(step.result, "proven");
        });

        it("one that denies the reader breaks the step", async () => {
            const step = await withSecretPolicy({ Effect: "Deny", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*" });
            assert.deepEqual([step.result, step.reason.split(":")[0]], ["broken", "the resource policy of arn"]);
        });
    });

    it("a Deny whose condition uses an operator the evaluator does not know makes the step assumed, not a crash", async () => {
        const plan = await planStackOk("dev");
        const resources = replace(plan.resources, "worker-exec-policy", (r) =>
            withPolicy(r, (doc) => (doc.Statement as unknown[]).push({ Effect: "Deny", Action: "secretsmanager:GetSecretValue", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })),
        );
        const secret = path(analyse(plan, resources), "worker-service").steps.find((s) => s.kind === "secret")!;
        assert.deepEqual([secret.result, secret.reason.includes("NotIpAddress")], ["assumed", true]);
    });

    it("Express without a network configuration: the default VPC's path is assumed, with what it needs", async () => {
        const plan = await planStackOk("ecs-express");
        const resources = replace(plan.resources, "web-service", (r) => ({ ...r, inputs: { ...r.inputs, networkConfigurations: undefined } }));
        const web = path(analyse(plan, resources), "web-service");
        assert.deepEqual(
            web.steps.filter((s) => s.result !== "proven").map((s) => [s.kind, s.result, s.reason]),
            [
                ["image", "assumed", "no networkConfigurations: Express uses the default VPC's subnets, which must reach ECR (ecr.api, ecr.dkr, S3), CloudWatch Logs and Secrets Manager through a NAT, public IPs or VPC endpoints"],
                ["logs", "assumed", "no networkConfigurations: Express uses the default VPC's subnets, which must reach ECR (ecr.api, ecr.dkr, S3), CloudWatch Logs and Secrets Manager through a NAT, public IPs or VPC endpoints"],
            ],
        );
    });

    it("ECS: a port below 1024 with no user is assumed (the image's user decides); a health check on an unmapped port is broken", async () => {
        const plan = await planStackOk("dev");
        const low = replace(
            replace(plan.resources, "web-taskdef", (r) => {
                const containers = JSON.parse(r.inputs.containerDefinitions as string) as Record<string, unknown>[];
                containers[0] = { ...containers[0], user: undefined, portMappings: [{ containerPort: 80, protocol: "tcp" }] };
                return { ...r, inputs: { ...r.inputs, containerDefinitions: JSON.stringify(containers) } };
            }),
            "web-service",
            (r) => ({ ...r, inputs: { ...r.inputs, loadBalancers: [{ ...(r.inputs.loadBalancers as object[])[0], containerPort: 80 }] } }),
        );
        const health = path(analyse(plan, low), "web-service").steps.find((s) => s.kind === "health")!;
        assert.deepEqual([health.result, health.reason], ["assumed", "container web listens on 80 (below 1024) as the image's own user, which the plan cannot see: the image must run as root, or listen on 8080"]);
        const checked = replace(plan.resources, "alb-web-tg", (r) => ({ ...r, inputs: { ...r.inputs, healthCheck: { ...(r.inputs.healthCheck as object), port: "9000" } } }));
        const check = path(analyse(plan, checked), "web-service").steps.find((s) => s.kind === "health")!;
        assert.deepEqual([check.result, check.reason], ["broken", "the target group checks port 9000, which container web does not map: every check fails and ECS replaces the tasks"]);
        assert.equal(
            path(analyse(plan), "web-service").steps.find((s) => s.kind === "health")!.reason,
            "the target group sends to web:8080, a port the container maps, and checks HTTP / on 8080 (the path itself must answer with a success code)",
        );
    });

    it("App Runner waits for its roles; EKS Fluent Bit without a role is assumed", async () => {
        const apprunner = await planStackOk("apprunner");
        assert.deepEqual(
            path(apprunner.startPaths!, "web-service").steps.map((s) => [s.kind, s.result]),
            [
                ["image", "proven"],
                ["logs", "proven"],
                ["health", "proven"],
                ["order", "proven"],
            ],
        );
        const eks = await planStackOk("eks-managed");
        const noAgentRole = eks.resources.filter((r) => !(r.type === "aws:eks/podIdentityAssociation:PodIdentityAssociation" && r.name.startsWith("log-agent")));
        const logs = path(analyse(eks, noAgentRole), "web-deployment").steps.find((s) => s.kind === "logs")!;
        assert.deepEqual([logs.result, logs.reason.split(":")[0]], ["assumed", "Fluent Bit (log-agent-release) has no role in the plan"]);
    });
});

describe("start paths never take the plan down", () => {
    it("a plan shape the analysis does not know becomes one assumed step, not an exception", async () => {
        const plan = await planStackOk("dev");
        // Containers that are not JSON, and a condition operator the evaluator does not know.
        const odd = replace(plan.resources, "web-taskdef", (r) => ({ ...r, inputs: { ...r.inputs, containerDefinitions: "{not json" } }));
        const web = path(analyse(plan, odd), "web-service");
        assert.deepEqual(
            web.steps.map((s) => [s.kind, s.result, s.reason]),
            [["image", "assumed", "the plan records web-taskdef's containers in a form the analysis cannot read: nothing of this workload was checked"]],
        );
        const broken = analyse(
            plan,
            plan.resources.map((r) =>
                r.type === "aws:iam/rolePolicy:RolePolicy"
                    ? { ...r, inputs: { ...r.inputs, policy: '{"Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}}]}' } }
                    : r,
            ),
        );
        assert.equal(path(broken, "worker-service").steps.find((s) => s.kind === "secret")!.result, "assumed");
    });
});

describe("start paths: the analysis of every golden plan, from its recorded resources alone", () => {
    // The goldens record each shipped stack's resources and its reviewed start paths. Recomputing the
    // paths from the resources is pure and takes milliseconds: any change to what the analysis derives
    // or how it words a step fails here, naming the stack (regenerate with npm run golden on purpose).
    for (const file of fs.readdirSync(path_.join(PROJECT_DIR, "tests/golden")).filter((f) => f.endsWith(".json"))) {
        const stack = file.replace(/\.json$/, "");
        it(`${stack}: the same start paths as its golden plan`, () => {
            const golden = JSON.parse(fs.readFileSync(path_.join(PROJECT_DIR, "tests/golden", file), "utf8")) as Plan;
            const configured = loadStackConfig(stack, PROJECT_DIR)["aws:region"];
            const region = typeof configured === "string" ? configured : "us-east-1";
            assert.deepEqual(startPaths(golden.resources, { platform: golden.platform!, account: FAKE_ACCOUNT, region }), golden.startPaths);
        });
    }
});
