// The start-path needs of Kubernetes workloads (issue 23): derived from the golden plans of EKS
// (managed nodes with Karpenter, Fargate) and of an existing cluster, and from handmade alterations of
// them. These test the derivation (the Needs), not their evaluation against IAM and the network.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import type { PlannedResource } from "../plan/engine";
import { type KubernetesWorkload, kubernetesWorkloads } from "../start/kubernetes";
import type { Need } from "../start/needs";
import { indexPlan } from "../start/plan-index";

/** The object at a dotted path in a resource (array items by index), to alter a copy of a golden plan. */
function node(root: unknown, path: string): Record<string, unknown> {
    let at = root;
    for (const key of path.split(".")) at = (at as Record<string, unknown>)[key];
    assert.ok(at && typeof at === "object", `nothing at ${path}`);
    return at as Record<string, unknown>;
}
const items = (root: unknown, path: string) => node(root, path) as unknown as unknown[];
const golden = (stack: string): PlannedResource[] => JSON.parse(readFileSync(`${__dirname}/golden/${stack}.json`, "utf8")).resources;
const derive = (resources: PlannedResource[], platform = "eks") => kubernetesWorkloads(indexPlan(resources), platform, "us-east-1");
const workload = (ws: KubernetesWorkload[], name: string) => {
    const w = ws.find((x) => x.workload === name);
    assert.ok(w, `no workload ${name}`);
    return w;
};
const needs = (w: KubernetesWorkload, kind: Need["kind"]) => w.needs.filter((n) => n.kind === kind);
const one = (w: KubernetesWorkload, kind: Need["kind"]) => {
    const list = needs(w, kind);
    assert.equal(list.length, 1, `${w.workload}: ${list.length} ${kind} needs`);
    return list[0];
};
/** A copy of a golden plan with `edit` applied to the resource named `name`. */
function altered(stack: string, edits: Record<string, (r: PlannedResource) => void>): PlannedResource[] {
    const resources = golden(stack);
    for (const [name, edit] of Object.entries(edits)) {
        const r = resources.find((x) => x.name === name && !x.component);
        assert.ok(r, `no resource ${name} in ${stack}`);
        edit(r);
    }
    return resources;
}

const ACCOUNT = "123456789012";
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const repo = (name: string) => `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/${name}`;
const PRIVATE = ["subnet-private-a20f7adf8e3549dd5", "subnet-private-c10447479a9e3495d"];
const NGINX = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/ecr-public/nginx/nginx-unprivileged:1.27-alpine`;
const pullCalls = (repository: string) => [
    { action: "ecr:GetAuthorizationToken", resource: "*" },
    { action: "ecr:BatchGetImage", resource: repo(repository) },
    { action: "ecr:GetDownloadUrlForLayer", resource: repo(repository) },
    { action: "ecr:BatchImportUpstreamImage", resource: repo(repository) },
    { action: "ecr:CreateRepository", resource: repo(repository) },
];
const logCalls = (group: string) => ["logs:CreateLogStream", "logs:PutLogEvents"].map((action) => ({ action, resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${group}:*` }));
const urn = (stack: string, path: string) => `urn:pulumi:${stack}::berth::${path}`;

describe("start path, Kubernetes: EKS with managed nodes and Karpenter (eks-managed)", () => {
    const ws = derive(golden("eks-managed"));

    it("finds each Deployment with its berth service", () => {
        assert.deepEqual(
            ws.map((w) => [w.workload, w.kind, w.service]),
            [
                ["web-deployment", "deployment", "web"],
                ["worker-deployment", "deployment", "worker"],
            ],
        );
    });

    it("pulls through the ECR Public cache as each node role a pod may land on (the node group's and Karpenter's)", () => {
        const images = needs(workload(ws, "web-deployment"), "image");
        assert.deepEqual(
            images.map((n) => [n.subject, n.identity, n.from]),
            [
                [NGINX, role("general-node-role-abd670c"), { subnets: PRIVATE, publicIp: false, securityGroups: [] }],
                [NGINX, role("karpenter-node-role-8b1d827"), { subnets: PRIVATE, publicIp: false, securityGroups: ["sg-ce863d823e23634e9"] }],
            ],
        );
        for (const n of images) {
            assert.deepEqual(n.calls, pullCalls("ecr-public/nginx/nginx-unprivileged"));
            assert.deepEqual(n.reach, ["ecr.api", "ecr.dkr", "s3"]);
        }
    });

    it("reads the worker's secret through ASCP as its Pod Identity role, with DescribeSecret", () => {
        const secret = one(workload(ws, "worker-deployment"), "secret");
        const arn = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:berth/berth/eks-managed/worker/API_TOKEN-f72056`;
        assert.equal(secret.subject, arn);
        assert.equal(secret.identity, role("worker-role-fda2bd6"));
        assert.deepEqual(secret.calls, [
            { action: "secretsmanager:GetSecretValue", resource: arn, resourcePolicy: true },
            { action: "secretsmanager:DescribeSecret", resource: arn, resourcePolicy: true },
        ]);
        assert.deepEqual(secret.reach, ["secretsmanager", "eks-auth"]);
        assert.deepEqual(needs(workload(ws, "web-deployment"), "secret"), []);
    });

    it("ships logs with Fluent Bit's Pod Identity role into the service's group", () => {
        const logs = one(workload(ws, "web-deployment"), "logs");
        assert.equal(logs.subject, "/berth/berth/eks-managed/web");
        assert.equal(logs.identity, role("log-agent-role-2fd42cd"));
        assert.deepEqual(logs.calls, logCalls("/berth/berth/eks-managed/web"));
        assert.deepEqual(logs.reach, ["logs"]);
        assert.equal(logs.outcome, undefined);
    });

    it("proves the web's Service, Ingress and probe ports", () => {
        assert.deepEqual(one(workload(ws, "web-deployment"), "health").outcome, {
            result: "proven",
            reason: "Service web port 8080 → 8080, Ingress web-ingress → web:8080, readinessProbe port 8080, livenessProbe port 8080",
        });
    });

    it("waits for the node group, the Pod Identity association and its policy, the cache rule and the log group", () => {
        const s = "eks-managed";
        assert.deepEqual(one(workload(ws, "worker-deployment"), "order").waits, [
            { urn: urn(s, "berth:eks:ManagedNodes$eks:index:ManagedNodeGroup::general"), what: "managed node group general" },
            { urn: urn(s, "berth:eks:WorkloadIdentity$aws:eks/podIdentityAssociation:PodIdentityAssociation::worker-association"), what: "Pod Identity association worker-association" },
            { urn: urn(s, "berth:eks:WorkloadIdentity$aws:iam/rolePolicy:RolePolicy::worker-policy"), what: "role policy worker-policy" },
            { urn: urn(s, "berth:registry:Registry$aws:ecr/pullThroughCacheRule:PullThroughCacheRule::registry-ecr-public"), what: "pull-through cache rule registry-ecr-public" },
            { urn: urn(s, "berth:eks:LogGroups$aws:cloudwatch/logGroup:LogGroup::logs-worker"), what: "log group /berth/berth/eks-managed/worker" },
        ]);
    });
});

describe("start path, Kubernetes: EKS on Fargate (eks-fargate)", () => {
    const ws = derive(golden("eks-fargate"));
    const worker = workload(ws, "worker-deployment");
    const exec = role("serverless-pod-execution-role-2f43c61");

    it("pulls as the Fargate profile's pod execution role, from the profile's subnets", () => {
        const image = one(worker, "image");
        assert.equal(image.identity, exec);
        assert.deepEqual(image.calls, pullCalls("ecr-public/docker/library/busybox"));
        assert.deepEqual(image.from, { subnets: PRIVATE, publicIp: false, securityGroups: [] });
    });

    it("reads the worker's secret through ESO as its IRSA role: GetSecretValue only", () => {
        const secret = one(worker, "secret");
        const arn = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:berth/berth/eks-fargate/worker/API_TOKEN-cfce1e`;
        assert.equal(secret.identity, role("worker-role-fda2bd6"));
        assert.deepEqual(secret.calls, [{ action: "secretsmanager:GetSecretValue", resource: arn, resourcePolicy: true }]);
        assert.deepEqual(secret.reach, ["secretsmanager", "sts"]);
    });

    it("ships logs through Fargate's log router as the pod execution role", () => {
        const logs = one(worker, "logs");
        assert.equal(logs.identity, exec);
        assert.deepEqual(logs.calls, logCalls("/berth/berth/eks-fargate/worker"));
    });

    it("waits for the Fargate profile, the IRSA role and its policy, the cache rule and the log group", () => {
        const s = "eks-fargate";
        assert.deepEqual(
            one(worker, "order").waits?.map((w) => w.urn),
            [
                urn(s, "berth:eks:FargateProfile$aws:eks/fargateProfile:FargateProfile::serverless-profile"),
                urn(s, "berth:eks:WorkloadIdentity$aws:iam/role:Role::worker-role"),
                urn(s, "berth:eks:WorkloadIdentity$aws:iam/rolePolicy:RolePolicy::worker-policy"),
                urn(s, "berth:registry:Registry$aws:ecr/pullThroughCacheRule:PullThroughCacheRule::registry-ecr-public"),
                urn(s, "berth:eks:LogGroups$aws:cloudwatch/logGroup:LogGroup::logs-worker"),
            ],
        );
    });
});

describe("start path, Kubernetes: an existing cluster (kubernetes)", () => {
    const ws = derive(golden("kubernetes"), "kubernetes");

    it("assumes the pull and the logs, saying what must be true", () => {
        const web = workload(ws, "web-deployment");
        assert.deepEqual(one(web, "image").outcome, {
            result: "assumed",
            reason: "the cluster's nodes must be able to pull public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine: berth does not manage this cluster's nodes, so their registry credentials and network path to public.ecr.aws are outside the plan",
        });
        assert.equal(one(web, "image").identity, undefined);
        assert.deepEqual(one(web, "logs").outcome, { result: "assumed", reason: "the cluster's own log collection must pick up namespace web: berth installs no log agent on an existing cluster" });
        assert.deepEqual(one(web, "order").waits, []);
    });
});

describe("start path, Kubernetes: handmade alterations", () => {
    it("doubts health when the Service's numeric targetPort is not a declared port, and breaks it for a name no port has", () => {
        const ws = derive(altered("eks-managed", { "web-service": (r) => (node(r, "inputs.spec.ports.0").targetPort = 9090) }));
        assert.deepEqual(one(workload(ws, "web-deployment"), "health").outcome, {
            result: "assumed",
            reason: "Service web sends port 8080 to targetPort 9090, but web-deployment's containers listen on 8080: set the service's port to the one the image listens on (a port the containers do not declare may still be open: the image must listen on it)",
        });
        const named = derive(altered("eks-managed", { "web-service": (r) => (node(r, "inputs.spec.ports.0").targetPort = "admin") }));
        assert.deepEqual(one(workload(named, "web-deployment"), "health").outcome, {
            result: "broken",
            reason: "Service web sends port 8080 to targetPort admin, but web-deployment's containers listen on 8080: set the service's port to the one the image listens on",
        });
    });

    it("breaks health on an Ingress port the Service lacks, a probe on another port, and port 80 as a non-root user", () => {
        const ws = derive(
            altered("eks-managed", {
                "web-ingress": (r) => (node(r, "inputs.spec.rules.0.http.paths.0.backend.service").port = { number: 80 }),
                "web-deployment": (r) => {
                    node(r, "inputs.spec.template.spec.containers.0.readinessProbe.httpGet").port = "metrics";
                    items(r, "inputs.spec.template.spec.containers.0.ports").push({ containerPort: 80, name: "legacy", protocol: "TCP" });
                },
            }),
        );
        const reason = one(workload(ws, "web-deployment"), "health").outcome?.reason ?? "";
        assert.deepEqual(reason.split("; "), [
            "Ingress web-ingress routes to port 80 of Service web, which has 8080: the load balancer finds no target",
            "container web's readinessProbe checks port metrics, which is not one of its container ports: the kubelet fails the probe (fix: probe the port the image listens on)",
            "container web listens on port 80 as user 1000: a non-root process cannot bind a port below 1024 (fix: use an image listening on 1024 or above, e.g. 8080, and set the service's port to it)",
        ]);
    });

    it("breaks logs when the plan has no log group for the service, and no longer waits for one", () => {
        const resources = golden("eks-managed").filter((r) => r.name !== "logs-web");
        const web = workload(derive(resources), "web-deployment");
        assert.deepEqual(one(web, "logs").outcome, {
            result: "broken",
            reason: "Fluent Bit (log-agent-release) writes to log group /berth/berth/eks-managed/web, which the plan does not create (and berth turns autoCreateGroup off, so the lines are dropped; fix: berth makes /berth/PROJECT/STACK/SERVICE for each service in berth:services, so keep the service's namespace equal to its name and do not transform its log group away)",
        });
        assert.equal(
            one(web, "order").waits?.some((w) => w.what.startsWith("log group")),
            false,
        );
    });

    it("reads every ASCP object: DescribeSecret for secrets, GetParameters for SSM, kms:Decrypt through Secrets Manager for a customer key", () => {
        const key = "arn:aws:kms:us-east-1:123456789012:key/8375dea4-115d-4ec6-7367-2ab1d562d9ca";
        const ws = derive(
            altered("eks-managed", {
                "worker-secrets": (r) =>
                    (node(r, "inputs.spec.parameters").objects = JSON.stringify([
                        { objectName: "berth/berth/eks-managed/worker/API_TOKEN", objectType: "secretsmanager" },
                        { objectName: "/shared/db-url", objectType: "ssmparameter" },
                    ])),
                "secret-worker-API_TOKEN": (r) => (r.inputs.kmsKeyId = "eks-secrets-key-87ec75b"),
            }),
        );
        const [sm, ssm] = needs(workload(ws, "worker-deployment"), "secret");
        const arn = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:berth/berth/eks-managed/worker/API_TOKEN-f72056`;
        assert.deepEqual(sm.calls, [
            { action: "secretsmanager:GetSecretValue", resource: arn, resourcePolicy: true },
            { action: "secretsmanager:DescribeSecret", resource: arn, resourcePolicy: true },
            { action: "kms:Decrypt", resource: key, resourcePolicy: true, context: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } },
        ]);
        assert.deepEqual(ssm.calls, [{ action: "ssm:GetParameters", resource: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/shared/db-url`, resourcePolicy: true }]);
        assert.deepEqual(ssm.reach, ["ssm", "eks-auth"]);
    });

    it("reads ESO refs by provider: GetParameter for Parameter Store, DescribeSecret alone for metadataPolicy Fetch", () => {
        const resources = altered("eks-fargate", {
            "worker-secrets": (r) => {
                items(r, "inputs.spec.data").push({ remoteRef: { key: "berth/berth/eks-fargate/worker/API_TOKEN", metadataPolicy: "Fetch" }, secretKey: "TAGS", sourceRef: { storeRef: { kind: "SecretStore", name: "secrets-manager" } } });
                items(r, "inputs.spec.data").push({ remoteRef: { key: "/shared/flag" }, secretKey: "FLAG", sourceRef: { storeRef: { kind: "SecretStore", name: "parameters" } } });
            },
        });
        const store = resources.find((r) => r.name === "worker-secrets-manager");
        assert.ok(store);
        resources.push({
            ...store,
            urn: `${store.urn}-ps`,
            name: "worker-parameters",
            inputs: { ...store.inputs, metadata: { ...node(store, "inputs.metadata"), name: "parameters" }, spec: { provider: { aws: { ...node(store, "inputs.spec.provider.aws"), service: "ParameterStore" } } } },
        });
        const secrets = needs(workload(derive(resources), "worker-deployment"), "secret");
        const arn = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:berth/berth/eks-fargate/worker/API_TOKEN-cfce1e`;
        assert.deepEqual(
            secrets.map((n) => [n.identity, n.calls, n.reach]),
            [
                [role("worker-role-fda2bd6"), [{ action: "secretsmanager:GetSecretValue", resource: arn, resourcePolicy: true }], ["secretsmanager", "sts"]],
                [role("worker-role-fda2bd6"), [{ action: "secretsmanager:DescribeSecret", resource: arn, resourcePolicy: true }], ["secretsmanager", "sts"]],
                [role("worker-role-fda2bd6"), [{ action: "ssm:GetParameter", resource: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/shared/flag`, resourcePolicy: true }], ["ssm", "sts"]],
            ],
        );
    });

    it("breaks an ESO ref whose SecretStore the plan lacks", () => {
        const resources = golden("eks-fargate").filter((r) => r.name !== "worker-secrets-manager");
        assert.deepEqual(one(workload(derive(resources), "worker-deployment"), "secret").outcome, {
            result: "broken",
            reason: `ESO (ExternalSecret worker-secrets, SecretStore secrets-manager) cannot call secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:berth/berth/eks-fargate/worker/API_TOKEN-cfce1e: ExternalSecret worker-secrets uses SecretStore secrets-manager, which the plan does not record (fix: remove the transform that drops it, or point storeRef at the service's store)`,
        });
    });

    it("breaks a secret whose service account has no Pod Identity association", () => {
        const resources = golden("eks-managed").filter((r) => r.name !== "worker-association");
        const secret = one(workload(derive(resources), "worker-deployment"), "secret");
        assert.equal(secret.calls, undefined);
        assert.equal(secret.outcome?.result, "broken");
        assert.match(
            secret.outcome?.reason ?? "",
            /^ASCP \(SecretProviderClass worker-secrets\) cannot call secretsmanager:GetSecretValue, secretsmanager:DescribeSecret on .*: service account worker in namespace worker has no Pod Identity association or IRSA role in the plan/,
        );
    });

    it("derives a CronJob's init and app images, from Docker Hub and another registry, over the internet", () => {
        const resources = golden("eks-fargate");
        const d = resources.find((r) => r.name === "worker-deployment");
        assert.ok(d);
        const template = structuredClone(node(d, "inputs.spec.template"));
        node(template, "spec").initContainers = [{ name: "init", image: "busybox:1.36" }];
        node(template, "spec.containers.0").image = "ghcr.io/acme/worker@sha256:abc";
        resources.push({
            ...d,
            urn: d.urn.replace("Deployment::worker-deployment", "CronJob::worker-cronjob"),
            type: "kubernetes:batch/v1:CronJob",
            name: "worker-cronjob",
            inputs: { ...d.inputs, kind: "CronJob", spec: { schedule: "0 3 * * *", jobTemplate: { spec: { template } } } },
        });
        const job = workload(derive(resources), "worker-cronjob");
        assert.equal(job.kind, "cronjob");
        assert.deepEqual(
            needs(job, "image").map((n) => [n.subject, n.identity, n.calls, n.reach]),
            [
                ["busybox:1.36", undefined, undefined, ["internet"]],
                ["ghcr.io/acme/worker@sha256:abc", undefined, undefined, ["internet"]],
            ],
        );
    });
});

describe("start path, Kubernetes: deploy order (the races issue 23's analysis found, closed)", () => {
    // stacks/eks.ts makes the services wait for the registry's pull-through cache rules, and
    // stacks/eks-logs.ts for their log groups and, on nodes, Fluent Bit. Without either, these fail.
    for (const stack of ["eks-managed", "eks-fargate"]) {
        it(`${stack}: every Deployment waits for the pull-through cache rule its image is under`, () => {
            const resources = golden(stack);
            const index = indexPlan(resources);
            const rule = resources.find((r) => r.type === "aws:ecr/pullThroughCacheRule:PullThroughCacheRule")?.urn ?? "";
            const deployments = resources.filter((r) => r.type === "kubernetes:apps/v1:Deployment");
            assert.deepEqual(
                deployments.map((d) => index.waitsFor(d.urn, rule)),
                [true, true],
            );
        });
    }

    it("eks-managed: Deployments wait for their log groups and for Fluent Bit", () => {
        const resources = golden("eks-managed");
        const index = indexPlan(resources);
        const web = resources.find((r) => r.name === "web-deployment")?.urn ?? "";
        const fluentBit = resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.parent?.endsWith("berth:eks:LogAgent::log-agent"))?.urn ?? "none";
        assert.deepEqual([index.waitsFor(web, urn("eks-managed", "berth:eks:LogGroups$aws:cloudwatch/logGroup:LogGroup::logs-web")), index.waitsFor(web, fluentBit)], [true, true]);
    });
});
