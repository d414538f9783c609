// Behaviours that only the golden plans protected: each gets an assertion of its own here, on a real
// plan, so that `npm run golden` cannot take one away unnoticed. Also what no test reached before:
// settings that must reach a child (a KMS key, a redrive count), the pod roles of a mixed EKS cluster,
// and the `--diff` exit codes.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { plan, Plan, PlannedResource, planJson, PROJECT_DIR } from "../plan/engine";
import { loadStackConfig } from "../plan/stackfile";
import { eksConfig, fargateConfig, find, inputs, json, ofType, patternsConfig, runPlanCli, planOk, planStackOk } from "./harness";

const KMS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("guards: defaults that only the golden plans held", () => {
    it("Container Insights is on by default in prod and staging, off in dev (ECS.12)", async () => {
        const setting = async (environment: string) => inputs(await planOk(fargateConfig({ "berth:environment": environment })), "aws:ecs/cluster:Cluster", "ecs-cluster").settings;
        assert.deepEqual(
            [await setting("prod"), await setting("staging"), await setting("dev")],
            [[{ name: "containerInsights", value: "enabled" }], [{ name: "containerInsights", value: "enabled" }], [{ name: "containerInsights", value: "disabled" }]],
        );
    });

    it("port 80 redirects to HTTPS on 443 with a 301 behind a certificate, and answers 404 without one (ELB.1)", async () => {
        const http = async (stack: string) => inputs(await planStackOk(stack), "aws:lb/listener:Listener", "alb-http");
        const prod = await http("prod");
        assert.deepEqual([prod.port, prod.protocol, prod.defaultActions], [80, "HTTP", [{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } }]]);
        assert.deepEqual((await http("dev")).defaultActions, [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "not found", statusCode: "404" } }]);
    });

    it("scales in after a 300-second cooldown and out after 60 by default", async () => {
        const p = await planOk(fargateConfig({ "berth:services": { web: { scaling: { min: 1, max: 3, cpu: 60 } } } }));
        const cpu = inputs(p, "aws:appautoscaling/policy:Policy", "web-cpu").targetTrackingScalingPolicyConfiguration;
        assert.deepEqual([cpu.scaleInCooldown, cpu.scaleOutCooldown], [300, 60]);
    });

    it("the VPC resolves DNS and gives instances DNS hostnames (VPC endpoints and EFS mount by name need both)", async () => {
        const vpc = inputs(await planStackOk("dev"), "awsx:ec2:Vpc", "net-vpc");
        assert.deepEqual([vpc.enableDnsHostnames, vpc.enableDnsSupport], [true, true]);
    });

    it("the AWS Load Balancer Controller runs 2 replicas, in dev too: Ingress changes keep flowing while a node drains", async () => {
        const replicas = async (p: Promise<Plan>) => inputs(await p, "kubernetes:helm.sh/v3:Release", "lb-controller-release").values.replicaCount;
        assert.deepEqual([await replicas(planOk(eksConfig())), await replicas(planStackOk("eks-managed"))], [2, 2]);
    });

    it("a managed node group with spot: true runs on Spot capacity, and on-demand without it", async () => {
        const capacity = async (spot?: boolean) =>
            inputs(await planOk(eksConfig({ "berth:eks": { nodeGroups: { general: { type: "managed", ...(spot === undefined ? {} : { spot }) } } } })), "eks:index:ManagedNodeGroup", "general").capacityType;
        assert.deepEqual([await capacity(true), await capacity(false), await capacity()], ["SPOT", "ON_DEMAND", "ON_DEMAND"]);
    });
});

describe("guards: settings that reach their child", () => {
    it("berth:registry.kmsKeyArn encrypts the repository with that key (ECR.3's KMS variant)", async () => {
        const repo = inputs(await planOk(fargateConfig({ "berth:registry": { kmsKeyArn: KMS_KEY } })), "aws:ecr/repository:Repository", "registry-repo");
        assert.deepEqual(repo.encryptionConfigurations, [{ encryptionType: "KMS", kmsKey: KMS_KEY }]);
        assert.deepEqual(inputs(await planOk(fargateConfig()), "aws:ecr/repository:Repository", "registry-repo").encryptionConfigurations, [{ encryptionType: "AES256" }]);
    });

    it("a queue worker's maxReceiveCount reaches its queue's redrive policy, toward its own DLQ", async () => {
        const p = await planOk(patternsConfig({ "berth:patterns": { queueWorker: { thumbs: { maxReceiveCount: 7 } } } }));
        const dlq = find(p, "aws:sqs/queue:Queue", "thumbs-dlq-queue");
        assert.deepEqual(json(inputs(p, "aws:sqs/queue:Queue", "thumbs-queue").redrivePolicy), { deadLetterTargetArn: dlq.arn, maxReceiveCount: 7 });
    });

    it("on a cluster of managed nodes and a Fargate profile, a service on Fargate gets an IRSA role, its service account annotation, and a pod execution role that pulls and logs", async () => {
        const p = await planOk(
            eksConfig({
                "berth:eks": { nodeGroups: { general: { type: "managed" }, serverless: { type: "fargate", selectors: [{ namespace: "web" }] } } },
                "berth:services": { web: { secrets: { API_TOKEN: { create: true } } } },
            }),
        );
        // Pod Identity does not run on Fargate: the role must trust the cluster's OIDC provider for web's service account.
        const role = find(p, "aws:iam/role:Role", "web-role");
        const [statement] = json(role.inputs.assumeRolePolicy).Statement;
        const issuer = String(statement.Principal.Federated).replace(/^arn:aws:iam::123456789012:oidc-provider\//, "");
        assert.match(issuer, /^oidc\.eks\.eu-west-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
        assert.deepEqual([statement.Action, statement.Condition.StringEquals], ["sts:AssumeRoleWithWebIdentity", { [`${issuer}:sub`]: "system:serviceaccount:web:web", [`${issuer}:aud`]: "sts.amazonaws.com" }]);
        assert.deepEqual(inputs(p, "kubernetes:core/v1:ServiceAccount", "web-sa").metadata.annotations, { "eks.amazonaws.com/role-arn": role.arn });
        const secret = ofType(p, "aws:secretsmanager/secret:Secret").find((s) => s.inputs.name === "berth/berth/test/web/API_TOKEN");
        assert.deepEqual(json(inputs(p, "aws:iam/rolePolicy:RolePolicy", "web-policy").policy).Statement, [{ Sid: "ReadSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [secret?.arn] }]);
        const execRole = find(p, "aws:iam/role:Role", "serverless-pod-execution-role");
        assert.deepEqual(inputs(p, "aws:eks/fargateProfile:FargateProfile", "serverless-profile").podExecutionRoleArn, execRole.arn);
        assert.equal(inputs(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "serverless-pod-execution").policyArn, "arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy");
        assert.deepEqual(json(inputs(p, "aws:iam/rolePolicy:RolePolicy", "serverless-pod-logs").policy).Statement, [
            { Sid: "WriteServiceLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: ["arn:aws:logs:eu-west-1:123456789012:log-group:/berth/berth/test/web:*"] },
        ]);
    });
});

describe("guards: npm run plan -- --diff exit codes (README's promise)", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-guards-"));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    /** dev's plan as JSON, edited by `edit`, written where --diff reads it. */
    async function oldPlan(file: string, edit: (doc: { resources: PlannedResource[]; outputs: Record<string, unknown> }) => void): Promise<string> {
        const doc = JSON.parse(planJson(await planStackOk("dev")));
        edit(doc);
        const at = path.join(tmp, file);
        fs.writeFileSync(at, JSON.stringify(doc));
        return at;
    }

    it("--diff without --exit-code exits 0 even when a resource is replaced, and says replace", async () => {
        const file = await oldPlan("internal.json", (doc) => {
            doc.resources.find((r) => r.name === "alb-lb")!.inputs.internal = true;
        });
        const run = await runPlanCli("--diff", file);
        assert.equal(run.status, 0, run.stderr);
        const lines = run.stdout.split("\n");
        assert.deepEqual(lines.slice(lines.indexOf(`Against ${file} (berth/dev, platform ecs-fargate):`)).slice(0, 7), [
            `Against ${file} (berth/dev, platform ecs-fargate):`,
            "    + 0 to add, - 0 to remove, ~ 1 to change, 63 unchanged",
            "    -/+ 1 of the changes replaces its resource: an input AWS cannot update in place changed",
            "",
            "  -/+ aws:lb/loadBalancer:LoadBalancer  alb-lb  (replace: internal)",
            "        inputs.internal: true → false",
            "",
        ]);
    });

    it("--diff --exit-code exits 3 when only the outputs change", async () => {
        const file = await oldPlan("outputs.json", (doc) => {
            doc.outputs.clusterName = "ecs-cluster-0000000";
        });
        const run = await runPlanCli("--diff", file, "--exit-code", "--json", "-", "--quiet");
        assert.equal(run.status, 3, run.stderr);
        const { diff } = JSON.parse(run.stdout);
        assert.deepEqual(
            [diff.summary, diff.outputs.changes],
            [{ added: 0, removed: 0, changed: 0, replaced: 0, tagOrIdOnly: 0, unchanged: 64 }, [{ path: "outputs.clusterName", before: "ecs-cluster-0000000", after: "ecs-cluster-6b3969b" }]],
        );
    });
});

describe("guards: secret config stays secret in the outputs", () => {
    // Offline, the engine hands the program "[secret]" for an encrypted value, which a leaked plain value
    // and the redacted secret would both print as. Here the program gets a real kubeconfig under a
    // sentinel token instead, still marked secret: a leak then shows the token.
    const TOKEN = "berth-sentinel-9c1e7a52d4";
    const KUBECONFIG = [
        "apiVersion: v1",
        "kind: Config",
        "current-context: main",
        "contexts: [{ name: main, context: { cluster: onprem, user: deployer } }]",
        'clusters: [{ name: onprem, cluster: { server: "https://10.9.8.7:6443" } }]',
        `users: [{ name: deployer, user: { token: ${TOKEN} } }]`,
    ].join("\n");

    async function planWithSentinel(config: Record<string, unknown>): Promise<Plan> {
        const runtime = pulumi.runtime as { setAllConfig: (c: Record<string, string>, secretKeys?: string[]) => void };
        const original = runtime.setAllConfig;
        runtime.setAllConfig = (c, secretKeys = []) => original(Object.fromEntries(Object.entries(c).map(([k, v]) => [k, secretKeys.includes(k) ? KUBECONFIG : v])), secretKeys);
        try {
            const result = await plan({ stack: "secrets", config, project: "berth" });
            if (!result.ok) assert.fail(JSON.stringify(result.errors));
            return result.plan;
        } finally {
            runtime.setAllConfig = original;
        }
    }

    it("the kubeconfig output is [secret], the endpoint derived from it is shown, and the token is nowhere in the plan", async () => {
        const p = await planWithSentinel(loadStackConfig("kubernetes", PROJECT_DIR));
        assert.deepEqual([p.outputs.kubeconfig, p.outputs.endpoint], ["[secret]", "https://10.9.8.7:6443"]);
        const leaks = [
            ...p.resources.filter((r) => JSON.stringify(r.inputs).includes(TOKEN)).map((r) => `${r.type} ${r.name}`),
            ...Object.keys(p.outputs)
                .filter((k) => JSON.stringify(p.outputs[k]).includes(TOKEN))
                .map((k) => `outputs.${k}`),
        ];
        assert.deepEqual(leaks, []);
    });
});
