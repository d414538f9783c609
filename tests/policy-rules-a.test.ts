// Area A's policies (issue 21): for each, one resource that passes and one that fails with its exact
// messages; then every golden plan, with the exact violations each has today.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { isRootUser } from "../policy/rules/a-ecs";
import { EKS_STANDARD_SUPPORT } from "../policy/rules/a-eks";
import { secretLooking } from "../policy/rules/a-read";
import { POLICIES_A } from "../policy/rules/a";
import { policyContext, runPolicies } from "../policy/run";
import type { Environment, Policy } from "../policy/types";
import type { PlannedResource } from "../start/types";
import { PROJECT_DIR } from "../plan/engine";
import { loadStackConfig } from "../plan/stackfile";
import { res } from "./handmade-plans";

const TD = "aws:ecs/taskDefinition:TaskDefinition";
const SECRET = "[secret]";

function policy(name: string): Policy {
    const p = POLICIES_A.find((x) => x.name === name);
    assert.ok(p, `no policy ${name}`);
    return p;
}

/** The messages `name` gives `r`, in a plan of `r` and `others`. */
function check(name: string, r: PlannedResource, others: PlannedResource[] = [], environment: Environment = "dev"): string[] {
    const p = policy(name);
    assert.ok(p.types.includes(r.type), `${name} does not check ${r.type}`);
    return p.check(r, policyContext([r, ...others], "test", environment));
}

const good = { name: "app", image: "app:1", essential: true, user: "1000:1000", readonlyRootFilesystem: true, environment: [{ name: "LOG_LEVEL", value: "info" }], logConfiguration: { logDriver: "awslogs" } };
const taskdef = (containers: object[], inputs: Record<string, unknown> = {}) => res(TD, "app-taskdef", { containerDefinitions: JSON.stringify(containers), networkMode: "awsvpc", ...inputs });
const service = (inputs: Record<string, unknown>) => res("aws:ecs/service:Service", "app-service", inputs);
const cluster = (inputs: Record<string, unknown>) =>
    res("eks:index:Cluster", "eks", {
        endpointPublicAccess: true,
        publicAccessCidrs: ["203.0.113.0/24"],
        version: "1.35",
        encryptionConfigKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
        enabledClusterLogTypes: ["api", "audit"],
        ...inputs,
    });
const repo = (inputs: Record<string, unknown>) => res("aws:ecr/repository:Repository", "registry-repo", { imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: "IMMUTABLE", ...inputs }, { id: "registry-repo-1a2b3c4" });
const role = (statement: object) => res("aws:iam/role:Role", "app-role", { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", ...statement }] }) });
const source = { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:ecs:us-east-1:123456789012:*" } };
const restrictedContainer = { name: "web", securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } } };
const deployment = (pod: Record<string, unknown>) => res("kubernetes:apps/v1:Deployment", "web-deployment", { spec: { template: { spec: { containers: [restrictedContainer], volumes: [{ name: "tmp", emptyDir: {} }], ...pod } } } });
const apprunner = (inputs: Record<string, unknown>) =>
    res("aws:apprunner/service:Service", "web-service", { networkConfiguration: { egressConfiguration: { egressType: "VPC", vpcConnectorArn: "arn:aws:apprunner:us-east-1:123456789012:vpcconnector/c/1/x" } }, ...inputs });
const express = (inputs: Record<string, unknown>) => res("aws:ecs/expressGatewayService:ExpressGatewayService", "web-service", inputs);

interface Case {
    readonly policy: string;
    readonly pass: PlannedResource;
    readonly fail: PlannedResource;
    readonly messages: string[];
    readonly others?: PlannedResource[];
    readonly environment?: Environment;
}

const CASES: Case[] = [
    {
        policy: "ECS.2",
        pass: service({ networkConfiguration: { assignPublicIp: false } }),
        fail: service({ networkConfiguration: { assignPublicIp: true } }),
        messages: ["service app-service assigns public IP addresses (networkConfiguration.assignPublicIp: true)"],
    },
    { policy: "ECS.3", pass: taskdef([good]), fail: taskdef([good], { pidMode: "host" }), messages: ["task definition app-taskdef shares the host's process namespace (pidMode: host)"] },
    { policy: "ECS.4", pass: taskdef([{ ...good, privileged: false }]), fail: taskdef([{ ...good, privileged: true }]), messages: ["container app: runs privileged (privileged: true)"] },
    {
        policy: "ECS.5",
        pass: taskdef([good]),
        fail: taskdef([good, { ...good, name: "side", readonlyRootFilesystem: false }, { name: "bare" }]),
        messages: ["container side: readonlyRootFilesystem is false, not true", "container bare: readonlyRootFilesystem is unset, not true"],
    },
    {
        policy: "ECS.8",
        pass: taskdef([
            {
                ...good,
                environment: [
                    { name: "LOG_LEVEL", value: "info" },
                    { name: "TOKEN_FILE", value: "" },
                ],
            },
        ]),
        fail: taskdef([
            {
                ...good,
                environment: [
                    { name: "AWS_SECRET_ACCESS_KEY", value: "wJalrXUtnFEMI/K7MDENG" },
                    { name: "DB_PASSWORD", value: "hunter2" },
                    { name: "UPSTREAM", value: "AKIAIOSFODNN7EXAMPLE" },
                    { name: "API", value: SECRET },
                ],
            },
        ]),
        messages: [
            "container app: environment variable AWS_SECRET_ACCESS_KEY holds AWS credentials; environment variable DB_PASSWORD is named like a secret and has a plain value; environment variable UPSTREAM has a value shaped like a credential; environment variable API holds a Pulumi secret in plain text",
        ],
    },
    { policy: "ECS.9", pass: taskdef([good]), fail: taskdef([{ ...good, logConfiguration: undefined }]), messages: ["container app: has no logConfiguration"] },
    {
        policy: "ECS.10",
        pass: service({ capacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT" }], platformVersion: "LATEST" }),
        fail: service({ launchType: "FARGATE", platformVersion: "1.3.0" }),
        messages: ["Fargate service app-service is pinned to platform version 1.3.0"],
    },
    {
        policy: "ECS.12",
        pass: res("aws:ecs/cluster:Cluster", "ecs-cluster", { settings: [{ name: "containerInsights", value: "enhanced" }] }),
        fail: res("aws:ecs/cluster:Cluster", "ecs-cluster", { settings: [{ name: "containerInsights", value: "disabled" }] }),
        messages: ["cluster ecs-cluster has Container Insights disabled"],
    },
    {
        policy: "ECS.16",
        pass: res("aws:ecs/taskSet:TaskSet", "app-taskset", { networkConfiguration: { assignPublicIp: false } }),
        fail: res("aws:ecs/taskSet:TaskSet", "app-taskset", { networkConfiguration: { assignPublicIp: true } }),
        messages: ["task set app-taskset assigns public IP addresses (networkConfiguration.assignPublicIp: true)"],
    },
    { policy: "ECS.17", pass: taskdef([good], { networkMode: "bridge" }), fail: taskdef([good], { networkMode: "host" }), messages: ["task definition app-taskdef uses networkMode host"] },
    {
        policy: "ECS.18",
        pass: taskdef([good], { volumes: [{ name: "scratch" }, { name: "data", efsVolumeConfiguration: { fileSystemId: "fs-1", transitEncryption: "ENABLED" } }] }),
        fail: taskdef([good], { volumes: [{ name: "data", efsVolumeConfiguration: { fileSystemId: "fs-1" } }] }),
        messages: ["EFS volume data has transitEncryption unset"],
    },
    {
        policy: "ECS.19",
        pass: res("aws:ecs/capacityProvider:CapacityProvider", "ec2-cp", { autoScalingGroupProvider: { managedTerminationProtection: "ENABLED" } }),
        fail: res("aws:ecs/capacityProvider:CapacityProvider", "ec2-cp", { autoScalingGroupProvider: { managedTerminationProtection: "DISABLED" } }),
        messages: ["capacity provider ec2-cp has managedTerminationProtection DISABLED"],
    },
    {
        policy: "ECS.20",
        pass: taskdef([good, { ...good, name: "helper", essential: false, user: "65534" }]),
        fail: taskdef([good, { ...good, name: "chown-init", essential: false, user: "0" }, { ...good, name: "admin", user: "root:root" }, { ...good, name: "anon", user: undefined }]),
        messages: ["container chown-init: runs as root (user: 0)", "container admin: runs as root (user: root:root)", "container anon: has no user (runs as the image's, often root)"],
    },
    { policy: "ECR.1", pass: repo({}), fail: repo({ imageScanningConfiguration: { scanOnPush: false } }), messages: ["repository registry-repo does not scan images on push"] },
    { policy: "ECR.2", pass: repo({ imageTagMutability: "IMMUTABLE_WITH_EXCLUSION" }), fail: repo({ imageTagMutability: undefined }), messages: ["repository registry-repo has imageTagMutability MUTABLE"] },
    {
        policy: "ECR.3",
        pass: repo({}),
        others: [res("aws:ecr/lifecyclePolicy:LifecyclePolicy", "registry-lifecycle", { repository: "registry-repo-1a2b3c4", policy: "{}" })],
        fail: { ...repo({}), id: "other-repo-9z8y7x6" },
        messages: ["repository registry-repo has no lifecycle policy"],
    },
    { policy: "EKS.1", pass: cluster({}), fail: cluster({ publicAccessCidrs: ["10.0.0.0/8", "0.0.0.0/0"] }), messages: ["cluster eks's API endpoint is public to 0.0.0.0/0"] },
    { policy: "EKS.2", pass: cluster({ version: "1.36" }), fail: cluster({ version: "1.34" }), messages: ["cluster eks runs Kubernetes 1.34, not in EKS standard support as of 2026-12-07"] },
    {
        policy: "EKS.3",
        pass: cluster({ encryptionConfigKeyArn: undefined, encryptionConfig: { provider: { keyArn: "arn:aws:kms:us-east-1:123456789012:key/k" }, resources: ["secrets"] } }),
        fail: cluster({ encryptionConfigKeyArn: undefined }),
        messages: ["cluster eks does not encrypt Kubernetes secrets with KMS"],
    },
    { policy: "EKS.8", pass: cluster({}), fail: cluster({ enabledClusterLogTypes: ["api"] }), messages: ["cluster eks does not enable the audit log"] },
    {
        policy: "PSS.restricted",
        pass: deployment({
            securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
            containers: [{ name: "web", securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } } }],
        }),
        fail: deployment({
            hostNetwork: true,
            securityContext: { runAsUser: 0 },
            volumes: [{ name: "docker", hostPath: { path: "/var/run/docker.sock" } }],
            containers: [restrictedContainer, { name: "agent", ports: [{ containerPort: 80, hostPort: 80 }], securityContext: { privileged: true, capabilities: { add: ["SYS_ADMIN"] }, seccompProfile: { type: "Unconfined" } } }],
        }),
        messages: [
            "the pod sets hostNetwork: true",
            "the pod sets runAsUser: 0",
            "volume docker is of type hostPath, which restricted does not allow",
            "container agent: privileged: true",
            "container agent: allowPrivilegeEscalation is unset, not false",
            "container agent: runAsNonRoot is not true (neither the container nor the pod sets it)",
            "container agent: capabilities do not drop ALL",
            "container agent: adds capabilities SYS_ADMIN (only NET_BIND_SERVICE may be added)",
            "container agent: seccompProfile is Unconfined, not RuntimeDefault or Localhost",
            "container agent: uses a hostPort",
        ],
    },
    {
        policy: "IAM.no-wildcard-actions",
        pass: res("aws:sqs/queuePolicy:QueuePolicy", "q-policy", {
            policy: JSON.stringify({
                Statement: [
                    { Effect: "Allow", Action: ["sqs:SendMessage", "s3:Get*"] },
                    { Sid: "DenyWithoutTls", Effect: "Deny", Action: "sqs:*" },
                ],
            }),
        }),
        fail: res("aws:iam/role:Role", "app-role", {
            inlinePolicies: [
                { name: "all", policy: JSON.stringify({ Statement: { Effect: "Allow", Action: ["s3:*", "sqs:SendMessage"] } }) },
                {
                    name: "not",
                    policy: JSON.stringify({
                        Statement: [
                            { Sid: "Rest", Effect: "Allow", NotAction: "iam:*" },
                            { Effect: "Allow", Action: "*" },
                        ],
                    }),
                },
            ],
        }),
        messages: ["app-role inline policy all, statement 0 allows s3:*", "app-role inline policy not, statement Rest allows NotAction (everything but a list)", "app-role inline policy not, statement 1 allows *"],
    },
    {
        policy: "IAM.trust-conditions",
        pass: role({ Principal: { Service: "ecs-tasks.amazonaws.com" }, Condition: source }),
        fail: role({
            Principal: { Service: ["events.amazonaws.com", "ec2.amazonaws.com", "example.amazonaws.com"], Federated: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC" },
            Condition: { StringEquals: { "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:a:b" } },
        }),
        messages: [
            "role app-role trusts events.amazonaws.com without a condition on aws:SourceAccount, aws:SourceArn, aws:SourceOrgID, aws:SourceOrgPaths",
            "role app-role trusts example.amazonaws.com, which berth's table does not list: add its documented condition (or its exemption) to policy/rules/a-iam.ts",
            "role app-role trusts the OIDC provider oidc.eks.us-east-1.amazonaws.com/id/ABC without its aud condition",
        ],
    },
    {
        policy: "CloudWatch.log-retention",
        pass: res("aws:cloudwatch/logGroup:LogGroup", "web-logs", { name: "/berth/web", retentionInDays: 30 }),
        fail: res("aws:cloudwatch/logGroup:LogGroup", "web-logs", { name: "/berth/web" }),
        messages: ["log group /berth/web keeps logs forever (no retentionInDays)"],
    },
    {
        policy: "berth.no-secret-values",
        pass: res("kubernetes:core/v1:ConfigMap", "cm", { data: { LOG_LEVEL: "info" } }),
        fail: res("kubernetes:helm.sh/v3:Release", "release", { values: { auth: { password: SECRET }, list: ["a", `x${SECRET}`] } }),
        messages: ["values auth.password holds a Pulumi secret in plain text", "values list[1] holds a Pulumi secret in plain text"],
    },
    {
        policy: "AppRunner.encryption",
        environment: "prod",
        pass: apprunner({ encryptionConfiguration: { kmsKey: "arn:aws:kms:us-east-1:123456789012:key/k" } }),
        fail: apprunner({}),
        messages: ["App Runner service web-service uses the AWS-owned key (no encryptionConfiguration.kmsKey)"],
    },
    {
        policy: "AppRunner.egress",
        pass: apprunner({}),
        fail: apprunner({ networkConfiguration: { egressConfiguration: { egressType: "DEFAULT" } } }),
        messages: ["App Runner service web-service has egressType DEFAULT, not VPC through a connector"],
    },
    {
        policy: "Express.private-subnets",
        pass: express({ networkConfigurations: [{ subnets: ["subnet-private-a", "subnet-0abc"] }] }),
        others: [res("aws:ec2/subnet:Subnet", "public-b", { mapPublicIpOnLaunch: true }, { id: "subnet-0def" })],
        fail: express({ networkConfigurations: [{ subnets: ["subnet-public-a", "subnet-0def"] }] }),
        messages: ["Express service web-service runs tasks in public subnets subnet-public-a, subnet-0def"],
    },
];

describe("policy area A: one resource that passes and one that fails, per policy", () => {
    it("covers every policy of POLICIES_A exactly once, each named once", () => {
        assert.deepEqual(CASES.map((c) => c.policy).sort(), POLICIES_A.map((p) => p.name).sort());
        assert.equal(new Set(POLICIES_A.map((p) => p.name)).size, POLICIES_A.length);
    });

    for (const c of CASES) {
        it(`${c.policy}: passes ${c.pass.type.split(":").pop()} as written, fails with the exact messages`, () => {
            assert.deepEqual(check(c.policy, c.pass, c.others, c.environment), []);
            assert.deepEqual(check(c.policy, c.fail, c.others, c.environment), c.messages);
        });
    }

    it("runPolicies appends each policy's fix and skips a prod-only policy elsewhere", () => {
        const fail = apprunner({});
        assert.deepEqual(runPolicies([fail], "apprunner", "dev", POLICIES_A).violations, []);
        const [v] = runPolicies([fail], "apprunner", "prod", POLICIES_A).violations;
        assert.equal(v?.message, `App Runner service web-service uses the AWS-owned key (no encryptionConfiguration.kmsKey). Fix: ${policy("AppRunner.encryption").fix}`);
        assert.equal(v?.level, "mandatory");
    });

    it("ECS.20 leaves Windows task definitions alone; root is uid 0 or root, with or without a group", () => {
        assert.deepEqual(check("ECS.20", taskdef([{ ...good, user: undefined }], { runtimePlatform: { operatingSystemFamily: "WINDOWS_SERVER_2022_CORE" } })), []);
        assert.deepEqual(["0", "0:0", "root", "root:wheel", " 0 ", "1000", "10:0", "rootless"].map(isRootUser), [true, true, true, true, true, false, false, false]);
    });

    it("ECS.8 never prints the value it flags", () => {
        const messages = check(
            "ECS.8",
            taskdef([
                {
                    ...good,
                    environment: [
                        { name: "GITHUB", value: `ghp_${"a".repeat(36)}` },
                        { name: "DB_URL", value: "postgres://app:s3cret@db/app" },
                    ],
                },
            ]),
        );
        assert.deepEqual(messages, ["container app: environment variable GITHUB has a value shaped like a credential; environment variable DB_URL has a value shaped like a credential"]);
        assert.ok(!messages.join().includes("s3cret"));
        assert.equal(secretLooking("API_KEY", ""), undefined);
        assert.deepEqual(
            ["DB_SECRET_ARN", "TOKEN_FILE", "SESSION_TOKEN_TTL", "PASSWORD"].map((n) => secretLooking(n, n === "PASSWORD" ? "arn:aws:secretsmanager:us-east-1:123456789012:secret:db" : "x")),
            [undefined, undefined, undefined, undefined],
        );
    });

    it("EKS.1 and EKS.2 read pulumi-eks's defaults: an open public endpoint; an unset version is EKS's default", () => {
        assert.deepEqual(check("EKS.1", cluster({ publicAccessCidrs: undefined })), ["cluster eks's API endpoint is public to 0.0.0.0/0"]);
        assert.deepEqual(check("EKS.1", cluster({ endpointPublicAccess: false, publicAccessCidrs: undefined })), []);
        assert.deepEqual(check("EKS.2", cluster({ version: undefined })), []);
        assert.deepEqual(Object.keys(EKS_STANDARD_SUPPORT), ["1.35", "1.36"]);
    });

    it("ECR.1 accepts the registry's enhanced scanning for a repository without scanOnPush", () => {
        const scanning = res("aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration", "scanning", { scanType: "ENHANCED" });
        assert.deepEqual(check("ECR.1", repo({ imageScanningConfiguration: undefined }), [scanning]), []);
    });

    it("PSS.restricted holds baseline's sysctls, AppArmor and SELinux rules too", () => {
        const pod = {
            securityContext: {
                runAsNonRoot: true,
                sysctls: [
                    { name: "net.ipv4.tcp_syncookies", value: "1" },
                    { name: "kernel.msgmax", value: "1" },
                ],
                seLinuxOptions: { type: "spc_t" },
            },
        };
        const containers = [{ ...restrictedContainer, securityContext: { ...restrictedContainer.securityContext, appArmorProfile: { type: "Unconfined" }, seLinuxOptions: { user: "system_u" } } }];
        assert.deepEqual(check("PSS.restricted", deployment({ ...pod, containers })), [
            "the pod sets unsafe sysctls kernel.msgmax",
            "the pod's seLinuxOptions.type is spc_t",
            "container web: its appArmorProfile is Unconfined",
            "container web: its seLinuxOptions sets a custom user or role",
        ]);
    });

    it("PSS.restricted reads a CronJob's and a Job's pod template", () => {
        const pod = { containers: [{ name: "job" }] };
        const cron = res("kubernetes:batch/v1:CronJob", "report", { spec: { jobTemplate: { spec: { template: { spec: pod } } } } });
        const job = res("kubernetes:batch/v1:Job", "migrate", { spec: { template: { spec: pod } } });
        for (const r of [cron, job]) assert.equal(check("PSS.restricted", r).length, 4);
    });

    it("berth.no-secret-values reads task definitions, Express, App Runner, ConfigMaps and workloads' env", () => {
        assert.deepEqual(check("berth.no-secret-values", taskdef([{ ...good, environment: [{ name: "DB", value: SECRET }] }])), ["container app's environment variable DB holds a Pulumi secret in plain text"]);
        assert.deepEqual(check("berth.no-secret-values", express({ primaryContainer: { environments: [{ name: "DB", value: SECRET }] } })), ["the primary container's environment variable DB holds a Pulumi secret in plain text"]);
        const runtime = { sourceConfiguration: { imageRepository: { imageConfiguration: { runtimeEnvironmentVariables: { DB: SECRET } } } } };
        assert.deepEqual(check("berth.no-secret-values", apprunner(runtime)), ["runtime environment DB holds a Pulumi secret in plain text"]);
        assert.deepEqual(check("berth.no-secret-values", res("kubernetes:core/v1:ConfigMap", "cm", { data: { DB: SECRET } })), ["data DB holds a Pulumi secret in plain text"]);
        assert.deepEqual(check("berth.no-secret-values", deployment({ containers: [{ name: "web", env: [{ name: "DB", value: SECRET }] }] })), ["container web's env variable DB holds a Pulumi secret in plain text"]);
    });

    it("Express.private-subnets: no network configuration means the default VPC's public subnets", () => {
        assert.deepEqual(check("Express.private-subnets", express({})), ["Express service web-service has no networkConfigurations, so its tasks get the default VPC's public subnets and public IPs"]);
    });
});

// ---- The golden plans ------------------------------------------------------------------------------

const GOLDEN_DIR = path.join(__dirname, "golden");

/**
 * What area A finds in each shipped stack, as `policy resource: message` (without the fix), marked
 * `(advisory)` where policy/exceptions.ts excepts it in the stack's environment. A change here is a
 * change in posture.
 */
const GOLDEN_VIOLATIONS: Readonly<Record<string, string[]>> = {
    apprunner: [],
    dev: ["ECS.12 ecs-cluster: cluster ecs-cluster has Container Insights disabled (advisory)"],
    "ecs-anywhere": ["ECS.12 ecs-cluster: cluster ecs-cluster has Container Insights disabled (advisory)"],
    "ecs-ec2": ["ECS.5 web-taskdef: container web: readonlyRootFilesystem is false, not true (advisory)"],
    "ecs-express": [],
    "eks-fargate": [],
    "eks-managed": [],
    "eks-selfmanaged": [],
    "eks-storage": [],
    kubernetes: [],
    patterns: [],
    prod: [],
};

interface GoldenPlan {
    readonly platform: string | null;
    readonly resources: PlannedResource[];
}

/** The stack's environment: its resources' `berth:environment` tag; the kubernetes stack tags no AWS resource, so its stack file says. */
function environmentOf(stack: string, resources: ReadonlyArray<PlannedResource>): Environment {
    const tags = resources.map((r) => r.inputs.tags).find((t): t is Record<string, unknown> => typeof t === "object" && t !== null && "berth:environment" in t);
    const env = tags?.["berth:environment"] ?? loadStackConfig(stack, PROJECT_DIR)["berth:environment"];
    assert.ok(env === "dev" || env === "staging" || env === "prod", `${stack} has no environment (${String(env)})`);
    return env;
}

describe("policy area A over the golden plans of the shipped stacks", () => {
    const stacks = fs.readdirSync(GOLDEN_DIR).flatMap((f) => /^(.+)\.json$/.exec(f)?.[1] ?? []);

    it("lists every golden plan", () => assert.deepEqual(Object.keys(GOLDEN_VIOLATIONS).sort(), stacks.sort()));

    for (const stack of stacks) {
        it(`${stack}: ${GOLDEN_VIOLATIONS[stack]?.length ?? "?"} violation(s), each with its policy's fix`, () => {
            const plan = JSON.parse(fs.readFileSync(path.join(GOLDEN_DIR, `${stack}.json`), "utf8")) as GoldenPlan;
            const report = runPolicies(plan.resources, plan.platform ?? "", environmentOf(stack, plan.resources), POLICIES_A);
            const found = report.violations.map((v) => {
                const fix = `. Fix: ${policy(v.policy).fix}`;
                assert.ok(v.message.endsWith(fix), v.message);
                return `${v.policy} ${v.urn.split("::").pop()}: ${v.message.slice(0, -fix.length)}${v.level === "advisory" ? " (advisory)" : ""}`;
            });
            assert.deepEqual(found, GOLDEN_VIOLATIONS[stack]);
        });
    }
});
