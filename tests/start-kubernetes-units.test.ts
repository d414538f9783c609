// The Kubernetes derivers of start/ (kubernetes.ts, kubernetes-pods.ts, kubernetes-health.ts,
// kubernetes-checks.ts) one by one, on small handmade plans: pods, compute and identities, image
// sources, health ports, secrets and logs.
import { strict as assert } from "node:assert";
import { imageSource, kubernetesWorkloads } from "../start/kubernetes";
import { logsNeed, secretNeeds } from "../start/kubernetes-checks";
import { healthNeed } from "../start/kubernetes-health";
import { accountOf, type Compute, computeOf, fargateOf, identityOf, list, nodesOf, obj, type Pod, podOf, policiesOf, roleOf, str, strings } from "../start/kubernetes-pods";
import { indexPlan } from "../start/plan-index";
import type { PlannedResource } from "../start/types";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const arn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

function res(type: string, name: string, inputs: Record<string, unknown>, extra: Partial<PlannedResource> = {}): PlannedResource {
    return { urn: `urn:${name}`, type, name, parent: null, inputs, dependencies: [], id: null, arn: null, component: false, ...extra };
}
const roleRes = (name: string) => res("aws:iam/role:Role", name, { name }, { arn: arn(name), id: name });
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
/** A workload of `type` whose pod template has `spec` and `labels`, in `namespace`. */
const workloadRes = (name: string, spec: Record<string, unknown>, opts: { type?: string; namespace?: string; labels?: Record<string, unknown> } = {}) => {
    const template = { metadata: { labels: opts.labels ?? { app: name } }, spec };
    const type = opts.type ?? DEPLOYMENT;
    return res(type, name, { metadata: opts.namespace ? { namespace: opts.namespace } : {}, spec: type === "kubernetes:batch/v1:CronJob" ? { jobTemplate: { spec: { template } } } : { template } });
};
const pod = (spec: Record<string, unknown>, over: Partial<Pod> = {}): Pod => ({
    namespace: "web",
    labels: { app: "web" },
    spec,
    containers: [...list(spec.initContainers), ...list(spec.containers)],
    serviceAccount: "web",
    ...over,
});

describe("kubernetes-pods: reading manifests", () => {
    it("reads objects, lists, strings and string lists, and nothing else as them", () => {
        assert.deepEqual([obj({ a: 1 }), obj([1]), obj(null), obj("x"), obj(undefined)], [{ a: 1 }, {}, {}, {}, {}]);
        assert.deepEqual([list([{ a: 1 }, 2, null]), list({ a: 1 }), list(undefined)], [[{ a: 1 }, {}, {}], [], []]);
        assert.deepEqual([str("a"), str(1), str(undefined)], ["a", undefined, undefined]);
        assert.deepEqual([strings(["a", 1, "b"]), strings("a"), strings(undefined)], [["a", "b"], [], []]);
    });

    it("finds a Deployment's and a CronJob's pod template, init containers first, with Kubernetes' defaults", () => {
        const spec = { serviceAccountName: "api", initContainers: [{ name: "init" }], containers: [{ name: "app" }] };
        const expected = { namespace: "api", labels: { app: "api" }, spec, containers: [{ name: "init" }, { name: "app" }], serviceAccount: "api" };
        assert.deepEqual(podOf(workloadRes("api", spec, { namespace: "api", labels: { app: "api", n: 3 } })), expected);
        assert.deepEqual(podOf(workloadRes("api", spec, { namespace: "api", labels: { app: "api" }, type: "kubernetes:batch/v1:CronJob" })), expected);
        assert.deepEqual(podOf(workloadRes("job", {}, { type: "kubernetes:batch/v1:Job", labels: {} })), { namespace: "default", labels: {}, spec: {}, containers: [], serviceAccount: "default" });
        // A CronJob's spec.template is not its pods'.
        const cron = res("kubernetes:batch/v1:CronJob", "c", { spec: { template: { spec: { containers: [{ name: "x" }] } } } });
        assert.deepEqual(podOf(cron).containers, []);
    });

    it("takes the plan's account from its first ARN that has one", () => {
        const index = (...arns: (string | null)[]) => indexPlan(arns.map((a, i) => res("x:y:Z", `r${i}`, {}, { arn: a })));
        assert.equal(accountOf(index(null, "arn:aws:s3:::bucket", `arn:aws:iam::${ACCOUNT}:role/x`, "arn:aws:iam::999999999999:role/y")), ACCOUNT);
        assert.equal(accountOf(index(null, "arn:aws:s3:::bucket")), "ACCOUNT");
    });

    it("finds a role by URN, ARN or name, and the policies that grant it", () => {
        const index = indexPlan([
            roleRes("app"),
            res("aws:iam/rolePolicy:RolePolicy", "p", { role: "app" }),
            res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", { role: arn("app") }),
            res("aws:iam/rolePolicy:RolePolicy", "other", { role: "other" }),
            res("aws:iam/rolePolicy:RolePolicy", "none", {}),
        ]);
        assert.deepEqual(
            ["urn:app", arn("app"), "app", "nope", undefined, ""].map((ref) => roleOf(index, ref)?.name),
            ["app", "app", "app", undefined, undefined, undefined],
        );
        assert.deepEqual(
            policiesOf(index, roleOf(index, "app")).map((p) => p.name),
            ["p", "a"],
        );
        assert.deepEqual(policiesOf(index, undefined), []);
        // A role without id, ARN or name matches no policy, not one without a role.
        assert.deepEqual(policiesOf(index, res("aws:iam/role:Role", "bare", {})), []);
    });
});

describe("kubernetes-pods: where pods run", () => {
    const profile = (name: string, selectors: unknown[], more: Record<string, unknown> = {}) => res("aws:eks/fargateProfile:FargateProfile", name, { selectors, podExecutionRoleArn: arn("pod-exec"), subnetIds: ["subnet-a", 3], ...more });
    const web = pod({}, { labels: { app: "web", tier: "front" } });

    it("puts a pod on the Fargate profile whose selector takes its namespace and all its labels", () => {
        const cases: ReadonlyArray<[unknown[], boolean]> = [
            [[{ namespace: "web" }], true],
            [[{ namespace: "web", labels: { app: "web" } }], true],
            [[{ namespace: "web", labels: { app: "web", tier: "front" } }], true],
            [[{ namespace: "web", labels: { app: "api" } }], false],
            [[{ namespace: "web", labels: { app: "web", zone: "a" } }], false],
            [[{ namespace: "api" }], false],
            [[{}], false],
            [[{ namespace: "api" }, { namespace: "web" }], true],
            [[], false],
        ];
        for (const [selectors, expected] of cases) assert.equal(!!fargateOf(indexPlan([profile("fp", selectors)]), web), expected, JSON.stringify(selectors));
        const index = indexPlan([roleRes("pod-exec"), profile("other", [{ namespace: "api" }]), profile("fp", [{ namespace: "web" }])]);
        assert.deepEqual(fargateOf(index, web), {
            kind: "fargate",
            what: "Fargate profile fp",
            urn: "urn:fp",
            role: roleOf(index, "pod-exec"),
            roleArn: arn("pod-exec"),
            placement: { subnets: ["subnet-a"], publicIp: false, securityGroups: [] },
            awaited: true,
        });
        assert.deepEqual(computeOf(index, web), [fargateOf(index, web)]);
    });

    it("knows managed and self-managed node groups and Karpenter node classes, with their roles and placement", () => {
        const index = indexPlan([
            roleRes("node"),
            res("aws:ec2/launchTemplate:LaunchTemplate", "lt", { vpcSecurityGroupIds: ["sg-lt"] }, { id: "lt-1" }),
            res("eks:index:ManagedNodeGroup", "general", { nodeRole: "node", subnetIds: ["subnet-a"], launchTemplate: { id: "lt-1" } }),
            res("eks:index:ManagedNodeGroup", "by-arn", { nodeRoleArn: arn("node") }),
            res("eks:index:ManagedNodeGroup", "outside", { nodeRoleArn: arn("elsewhere") }),
            res("eks:index:ManagedNodeGroup", "named", { nodeRole: "elsewhere" }),
            res("aws:iam/instanceProfile:InstanceProfile", "ip", { name: "node-profile", role: "node" }),
            res("eks:index:NodeGroupV2", "self", { instanceProfileName: "node-profile", nodeSubnetIds: ["subnet-b"], nodeAssociatePublicIpAddress: true, nodeSecurityGroupId: "sg-node" }),
            res("eks:index:NodeGroupV2", "self-bare", { instanceProfileName: "missing", nodeAssociatePublicIpAddress: "true" }),
            res("eks:index:NodeGroupV2", "self-none", {}),
            res("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "class", {
                metadata: { name: "default" },
                spec: { role: "node", subnetSelectorTerms: [{ id: "subnet-c" }, { tags: { a: "b" } }], securityGroupSelectorTerms: [{ id: "sg-k" }] },
            }),
            res("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "class-2", { spec: { role: "elsewhere" } }),
        ]);
        const node = roleOf(index, "node");
        const none = { subnets: [], publicIp: false, securityGroups: [] };
        assert.deepEqual(nodesOf(index), [
            { kind: "nodes", what: "managed node group general", urn: "urn:general", role: node, roleArn: arn("node"), placement: { subnets: ["subnet-a"], publicIp: false, securityGroups: ["sg-lt"] }, awaited: true },
            { kind: "nodes", what: "managed node group by-arn", urn: "urn:by-arn", role: node, roleArn: arn("node"), placement: none, awaited: true },
            { kind: "nodes", what: "managed node group outside", urn: "urn:outside", role: undefined, roleArn: arn("elsewhere"), placement: none, awaited: true },
            { kind: "nodes", what: "managed node group named", urn: "urn:named", role: undefined, roleArn: "elsewhere", placement: none, awaited: true },
            { kind: "nodes", what: "self-managed node group self", urn: "urn:self", role: node, roleArn: arn("node"), placement: { subnets: ["subnet-b"], publicIp: true, securityGroups: ["sg-node"] }, awaited: true },
            { kind: "nodes", what: "self-managed node group self-bare", urn: "urn:self-bare", role: undefined, roleArn: "missing", placement: none, awaited: true },
            { kind: "nodes", what: "self-managed node group self-none", urn: "urn:self-none", role: undefined, roleArn: undefined, placement: none, awaited: true },
            { kind: "nodes", what: "Karpenter node class default", urn: "urn:class", role: node, roleArn: arn("node"), placement: { subnets: ["subnet-c"], publicIp: false, securityGroups: ["sg-k"] }, awaited: false },
            { kind: "nodes", what: "Karpenter node class class-2", urn: "urn:class-2", role: undefined, roleArn: "elsewhere", placement: none, awaited: false },
        ]);
        assert.deepEqual(computeOf(index, pod({})), nodesOf(index));
        const ip = indexPlan([res("aws:iam/instanceProfile:InstanceProfile", "ip", { name: "p", role: "r" }), res("eks:index:NodeGroupV2", "g", { instanceProfileName: "p" })]);
        assert.equal(nodesOf(ip)[0].roleArn, "r");
    });

    it("finds a service account's role through Pod Identity first, then IRSA, with what grants it", () => {
        const assoc = (name: string, namespace: string, serviceAccount: string, roleArn?: string) => res("aws:eks/podIdentityAssociation:PodIdentityAssociation", name, { namespace, serviceAccount, roleArn });
        const sa = (name: string, namespace: string, role?: string) => res("kubernetes:core/v1:ServiceAccount", `sa-${name}`, { metadata: { name, namespace, annotations: role ? { "eks.amazonaws.com/role-arn": role } : {} } });
        const index = indexPlan([
            roleRes("web"),
            res("aws:iam/rolePolicy:RolePolicy", "web-policy", { role: "web" }),
            assoc("wrong-ns", "api", "web", arn("x")),
            assoc("wrong-sa", "web", "api", arn("x")),
            assoc("web-assoc", "web", "web", arn("web")),
            assoc("no-role", "web", "norole"),
            sa("web", "web", arn("x")),
            sa("irsa", "web", arn("web")),
            sa("irsa", "api", arn("y")),
            sa("outside", "web", arn("elsewhere")),
            sa("plain", "web"),
        ]);
        assert.deepEqual(identityOf(index, "web", "web"), {
            roleArn: arn("web"),
            how: "pod-identity",
            waits: [
                { urn: "urn:web-assoc", what: "Pod Identity association web-assoc" },
                { urn: "urn:web-policy", what: "role policy web-policy" },
            ],
        });
        assert.deepEqual(identityOf(index, "web", "norole"), { roleArn: "", how: "pod-identity", waits: [{ urn: "urn:no-role", what: "Pod Identity association no-role" }] });
        assert.deepEqual(identityOf(index, "web", "irsa"), {
            roleArn: arn("web"),
            how: "irsa",
            waits: [
                { urn: "urn:web", what: "IRSA role web" },
                { urn: "urn:web-policy", what: "role policy web-policy" },
            ],
        });
        assert.deepEqual(identityOf(index, "api", "irsa"), { roleArn: arn("y"), how: "irsa", waits: [] });
        assert.deepEqual(identityOf(index, "web", "outside"), { roleArn: arn("elsewhere"), how: "irsa", waits: [] });
        assert.equal(identityOf(index, "web", "plain"), undefined);
        assert.equal(identityOf(index, "web", "missing"), undefined);
    });
});

describe("kubernetes: image sources", () => {
    const ECR = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
    const index = indexPlan([
        res("aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "cache", { ecrRepositoryPrefix: "ecr-public" }),
        res("aws:ecr/repository:Repository", "app", { name: "app" }, { arn: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/app` }),
    ]);
    const cache = index.resources[0];
    const cases: ReadonlyArray<[string, object]> = [
        [`${ECR}/app:1`, { from: "stack-ecr", repository: "app", registryAccount: ACCOUNT }],
        [`${ECR}/app@sha256:abc`, { from: "stack-ecr", repository: "app", registryAccount: ACCOUNT }],
        [`${ECR}/team/app:1.2@sha256:abc`, { from: "ecr", repository: "team/app", registryAccount: ACCOUNT }],
        [`${ECR}/app`, { from: "stack-ecr", repository: "app", registryAccount: ACCOUNT }],
        ["999999999999.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1", { from: "stack-ecr", repository: "app", registryAccount: "999999999999" }],
        [`${ECR}/ecr-public/nginx/nginx:1`, { from: "pull-through-cache", repository: "ecr-public/nginx/nginx", cacheRule: cache, registryAccount: ACCOUNT }],
        [`${ECR}/ecr-publicx/nginx:1`, { from: "ecr", repository: "ecr-publicx/nginx", registryAccount: ACCOUNT }],
        [`${ECR}/ecr-public`, { from: "ecr", repository: "ecr-public", registryAccount: ACCOUNT }],
        [`x${ECR}/app:1`, { from: "other" }],
        [`${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.comx/app:1`, { from: "other" }],
        ["public.ecr.aws/nginx/nginx:1", { from: "ecr-public" }],
        ["nginx", { from: "docker-hub" }],
        ["nginx:1.27", { from: "docker-hub" }],
        ["library/nginx:1.27", { from: "docker-hub" }],
        ["docker.io/library/nginx", { from: "docker-hub" }],
        ["registry-1.docker.io/library/nginx", { from: "docker-hub" }],
        ["index.docker.io/library/nginx", { from: "docker-hub" }],
        ["localhost/app", { from: "other" }],
        ["localhost:5000/app", { from: "other" }],
        ["ghcr.io/acme/app:1", { from: "other" }],
    ];
    for (const [image, expected] of cases) it(`reads ${image}`, () => assert.deepEqual(imageSource(index, image), expected));
});

describe("kubernetes: a workload's needs", () => {
    const ECR = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
    const APP = `${ECR}/app:1`;
    const CACHED = `${ECR}/ecr-public/nginx/nginx:1`;
    const OUTSIDE = `999999999999.dkr.ecr.${REGION}.amazonaws.com/other:1`;
    const repo = (account: string, name: string) => `arn:aws:ecr:${REGION}:${account}:repository/${name}`;
    const pull = (resource: string) => [
        { action: "ecr:GetAuthorizationToken", resource: "*" },
        { action: "ecr:BatchGetImage", resource },
        { action: "ecr:GetDownloadUrlForLayer", resource },
    ];
    const base = [
        roleRes("node"),
        res("eks:index:ManagedNodeGroup", "general", { nodeRole: "node", subnetIds: ["subnet-a"] }),
        res("aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "cache", { ecrRepositoryPrefix: "ecr-public" }),
        res("aws:ecr/repository:Repository", "app", { name: "app" }, { arn: repo(ACCOUNT, "app") }),
        res("berth:kubernetes:KubernetesService", "web", {}, { component: true }),
        res("berth:other:Component", "other", {}, { component: true }),
    ];
    const web = (containers: unknown[], extra: Partial<PlannedResource> = {}) => ({ ...workloadRes("web-deployment", { containers }, { namespace: "web" }), parent: "urn:web", ...extra });
    const FROM = { subnets: ["subnet-a"], publicIp: false, securityGroups: [] };
    const BY = `the node role of managed node group general (${arn("node")})`;

    it("pulls each distinct ECR image as each node role, from the stack's repository, another account's, or through the cache", () => {
        const ws = kubernetesWorkloads(indexPlan([...base, web([{ name: "a", image: APP }, { name: "b", image: CACHED }, { name: "c", image: APP }, { name: "d", image: OUTSIDE }, { name: "e" }])]), "eks-managed", REGION);
        assert.equal(ws.length, 1);
        const [w] = ws;
        assert.deepEqual([w.workload, w.kind, w.service, w.urn], ["web-deployment", "deployment", "web", "urn:web-deployment"]);
        const cached = repo(ACCOUNT, "ecr-public/nginx/nginx");
        assert.deepEqual(
            w.needs.filter((n) => n.kind === "image"),
            [
                { kind: "image", subject: APP, identity: arn("node"), calls: pull(repo(ACCOUNT, "app")), from: FROM, reach: ["ecr.api", "ecr.dkr", "s3"], proof: `${BY} may pull ${APP} from ECR: app is this stack's repository` },
                {
                    kind: "image",
                    subject: CACHED,
                    identity: arn("node"),
                    calls: [...pull(cached), { action: "ecr:BatchImportUpstreamImage", resource: cached }, { action: "ecr:CreateRepository", resource: cached }],
                    from: FROM,
                    reach: ["ecr.api", "ecr.dkr", "s3"],
                    proof: `${BY} may pull ${CACHED} from ECR: the pull-through cache cache (prefix ecr-public) fills ecr-public/nginx/nginx on first pull`,
                },
                {
                    kind: "image",
                    subject: OUTSIDE,
                    identity: arn("node"),
                    calls: pull(repo("999999999999", "other")),
                    from: FROM,
                    reach: ["ecr.api", "ecr.dkr", "s3"],
                    proof: `${BY} may pull ${OUTSIDE} from ECR: other is an ECR repository outside this stack`,
                },
            ],
        );
        assert.deepEqual(w.needs.at(-1), {
            kind: "order",
            subject: "web-deployment",
            waits: [
                { urn: "urn:general", what: "managed node group general" },
                { urn: "urn:cache", what: "pull-through cache rule cache" },
            ],
        });
    });

    it("pulls other registries' images over the internet, as a Fargate profile's pods", () => {
        const profile = res("aws:eks/fargateProfile:FargateProfile", "fp", { selectors: [{ namespace: "web" }], podExecutionRoleArn: arn("pod-exec"), subnetIds: ["subnet-f"] });
        const images = ["public.ecr.aws/nginx/nginx:1", "busybox:1.36", "ghcr.io/acme/app:1"];
        const [w] = kubernetesWorkloads(indexPlan([...base, profile, web(images.map((image) => ({ image })))]), "eks-fargate", REGION);
        const tail = "; to pull through ECR instead, reference it under the stack's pull-through cache prefix";
        assert.deepEqual(
            w.needs.filter((n) => n.kind === "image"),
            [
                ["ECR Public (anonymous pull over the internet)", images[0]],
                ["Docker Hub (over the internet, subject to its anonymous pull rate limit)", images[1]],
                ["ghcr.io (over the internet)", images[2]],
            ].map(([where, image]) => ({ kind: "image", subject: image, from: { subnets: ["subnet-f"], publicIp: false, securityGroups: [] }, reach: ["internet"], proof: `Fargate profile fp pulls ${image} from ${where}${tail}` })),
        );
        const [app] = kubernetesWorkloads(indexPlan([...base, profile, web([{ image: APP }])]), "eks-fargate", REGION);
        assert.equal(app.needs[0].proof, `the pod execution role of Fargate profile fp (${arn("pod-exec")}) may pull ${APP} from ECR: app is this stack's repository`);
        assert.deepEqual(app.needs.at(-1)?.waits, [{ urn: "urn:fp", what: "Fargate profile fp" }]);
    });

    it("assumes every pull on an existing cluster, or with no nodes in the plan, naming the registry's host", () => {
        const reason = (image: string, host: string) => `the cluster's nodes must be able to pull ${image}: berth does not manage this cluster's nodes, so their registry credentials and network path to ${host} are outside the plan`;
        const containers = [{ image: CACHED }, { image: "busybox" }];
        for (const [resources, platform] of [
            [[...base, web(containers)], "kubernetes"],
            [[...base.slice(2), web(containers)], "eks-managed"],
        ] as const) {
            const [w] = kubernetesWorkloads(indexPlan(resources), platform, REGION);
            assert.deepEqual(
                w.needs.filter((n) => n.kind === "image"),
                [
                    { kind: "image", subject: CACHED, outcome: { result: "assumed", reason: reason(CACHED, ECR) } },
                    { kind: "image", subject: "busybox", outcome: { result: "assumed", reason: reason("busybox", "docker.io") } },
                ],
                platform,
            );
            // No nodes to wait for; on an existing cluster not even the cache rule.
            assert.deepEqual(w.needs.at(-1)?.waits, platform === "kubernetes" ? [] : [{ urn: "urn:cache", what: "pull-through cache rule cache" }]);
        }
    });

    it("finds Deployments, CronJobs and Jobs, and names the berth service only under a KubernetesService", () => {
        const resources = [
            ...base,
            web([]),
            { ...workloadRes("nightly", {}, { type: "kubernetes:batch/v1:CronJob" }), parent: "urn:other" },
            { ...workloadRes("once", {}, { type: "kubernetes:batch/v1:Job" }), parent: "urn:missing" },
            workloadRes("daemon", {}, { type: "kubernetes:apps/v1:DaemonSet" }),
        ];
        assert.deepEqual(
            kubernetesWorkloads(indexPlan(resources), "kubernetes", REGION).map((w) => [w.workload, w.kind, w.service, w.needs.map((n) => n.kind)]),
            [
                ["web-deployment", "deployment", "web", ["logs", "health", "order"]],
                ["nightly", "cronjob", undefined, ["logs", "health", "order"]],
                ["once", "job", undefined, ["logs", "health", "order"]],
            ],
        );
        assert.equal("service" in kubernetesWorkloads(indexPlan(resources), "kubernetes", REGION)[1], false);
    });
});

describe("kubernetes-health: ports", () => {
    const NONROOT = "a non-root process cannot bind a port below 1024 (fix: use an image listening on 1024 or above, e.g. 8080, and set the service's port to it)";
    const PROBE = "which is not one of its container ports: the kubelet fails the probe (fix: probe the port the image listens on)";
    const DOUBT = " (a port the containers do not declare may still be open: the image must listen on it)";
    const w = res(DEPLOYMENT, "web-deployment", {});
    const service = (name: string, ports: unknown[], more: { namespace?: string; selector?: Record<string, string> } = {}) =>
        res("kubernetes:core/v1:Service", `svc-${name}`, { metadata: { name, namespace: more.namespace ?? "web" }, spec: { selector: more.selector ?? { app: "web" }, ports } });
    const ingress = (name: string, spec: Record<string, unknown>, namespace = "web") => res("kubernetes:networking.k8s.io/v1:Ingress", name, { metadata: { namespace }, spec });
    const backend = (name: string, port: Record<string, unknown>) => ({ service: { name, port } });
    const health = (resources: PlannedResource[], containers: unknown[], podSpec: Record<string, unknown> = {}) => healthNeed(indexPlan(resources), w, pod({ containers, ...podSpec }));
    const outcome = (result: string, reason: string) => ({ kind: "health", subject: "web-deployment", outcome: { result, reason } });
    const app = {
        name: "web",
        ports: [
            { containerPort: 8080, name: "http" },
            { containerPort: "9090", name: "metrics" },
        ],
    };

    it("proves nothing to check, and a workload whose Service, Ingress and probes land on declared ports", () => {
        assert.deepEqual(health([], []), outcome("proven", "no Service, Ingress or port probe to check"));
        const probes = { readinessProbe: { httpGet: { port: "http" } }, livenessProbe: { tcpSocket: { port: 8080 } }, startupProbe: { grpc: { port: 9090 } } };
        const resources = [
            service("web", [{ port: 80, targetPort: "http", name: "web" }, { port: 9090 }]),
            ingress("web-ingress", { defaultBackend: backend("web", { number: 80 }), rules: [{ http: { paths: [{ backend: backend("web", { name: "web" }) }, { backend: backend("other", { number: 1 }) }] } }, {}] }),
            ingress("elsewhere", { defaultBackend: backend("web", { number: 1 }) }, "api"),
            service("other-ns", [{ port: 1 }], { namespace: "api" }),
            service("other-app", [{ port: 1 }], { selector: { app: "api" } }),
            service("no-selector", [{ port: 1 }], { selector: {} }),
            service("more-labels", [{ port: 1 }], { selector: { app: "web", tier: "x" } }),
        ];
        assert.deepEqual(
            health(
                resources,
                [
                    { ...app, ...probes },
                    { name: "sidecar", readinessProbe: { exec: {} } },
                ],
                { initContainers: [{ name: "init", ports: [{ containerPort: 1 }] }] },
            ),
            outcome("proven", "Service web port 80 → http, Service web port 9090 → 9090, Ingress web-ingress → web:80, Ingress web-ingress → web:web, readinessProbe port http, livenessProbe port 8080, startupProbe port 9090"),
        );
    });

    it("doubts numeric ports the containers do not declare, and breaks names no port has", () => {
        assert.deepEqual(
            health([service("web", [{ port: 80, targetPort: 8081 }])], [app, { name: "side", livenessProbe: { tcpSocket: { port: 7000 } } }]),
            outcome(
                "assumed",
                `Service web sends port 80 to targetPort 8081, but web-deployment's containers listen on 8080, 9090: set the service's port to the one the image listens on; container side's livenessProbe checks port 7000, ${PROBE}${DOUBT}`,
            ),
        );
        assert.deepEqual(
            health(
                [
                    service("web", [
                        { port: 80, targetPort: "admin" },
                        { port: 81, targetPort: { x: 1 } },
                    ]),
                ],
                [{ name: "bare" }],
            ),
            outcome(
                "broken",
                `Service web sends port 80 to targetPort admin, but web-deployment's containers listen on no port: set the service's port to the one the image listens on; Service web sends port 81 to targetPort {"x":1}, but web-deployment's containers listen on no port: set the service's port to the one the image listens on`,
            ),
        );
        // A broken part outweighs a doubt, and both are reported only as the worst.
        assert.deepEqual(health([service("web", [{ port: 80, targetPort: 8081 }])], [{ ...app, startupProbe: { httpGet: { port: "admin" } } }]), outcome("broken", `container web's startupProbe checks port admin, ${PROBE}`));
    });

    it("names a Service without metadata.name by its plan name", () => {
        const unnamed = res("kubernetes:core/v1:Service", "svc-plan-name", { metadata: { namespace: "web" }, spec: { selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080 }] } });
        assert.deepEqual(health([unnamed], [app]), outcome("proven", "Service svc-plan-name port 80 → 8080"));
    });

    it("breaks an Ingress that routes to a port its Service lacks, by number or by name", () => {
        const resources = [
            service("web", [{ port: 80, name: "web" }, { port: 81 }], { selector: { app: "web" } }),
            ingress("ing", { rules: [{ http: { paths: [{ backend: backend("web", { number: 8080 }) }, { backend: backend("web", { name: "admin" }) }] } }] }),
        ];
        assert.deepEqual(
            health(resources, [{ name: "web", ports: [{ containerPort: 80 }, { containerPort: 81 }] }]),
            outcome("broken", "Ingress ing routes to port 8080 of Service web, which has 80, 81: the load balancer finds no target; Ingress ing routes to port admin of Service web, which has 80, 81: the load balancer finds no target"),
        );
    });

    it("breaks a port below 1024 for a non-root user without NET_BIND_SERVICE, at 1023 and not at 1024", () => {
        const listen = (port: number, securityContext?: object) => ({ name: "web", ports: [{ containerPort: port }], ...(securityContext ? { securityContext } : {}) });
        const asUser = { securityContext: { runAsUser: 1000 } };
        const ok = outcome("proven", "no Service, Ingress or port probe to check");
        const cases: ReadonlyArray<[unknown, Record<string, unknown>, object]> = [
            [listen(1023), asUser, outcome("broken", `container web listens on port 1023 as user 1000: ${NONROOT}`)],
            [listen(1024), asUser, ok],
            [listen(80), {}, ok],
            [listen(80), { securityContext: { runAsUser: 0 } }, ok],
            [listen(80, { runAsUser: 0 }), asUser, ok],
            [listen(80, { runAsUser: 2000 }), {}, outcome("broken", `container web listens on port 80 as user 2000: ${NONROOT}`)],
            [listen(80, { runAsUser: "1000" }), {}, ok],
            [listen(80, { capabilities: { add: ["NET_BIND_SERVICE"] } }), asUser, ok],
            [listen(80, { capabilities: { add: ["NET_ADMIN"], drop: ["NET_BIND_SERVICE"] } }), asUser, outcome("broken", `container web listens on port 80 as user 1000: ${NONROOT}`)],
        ];
        for (const [container, podSpec, expected] of cases) assert.deepEqual(health([], [container], podSpec), expected, JSON.stringify([container, podSpec]));
    });
});

describe("kubernetes-checks: secrets", () => {
    const ROLE = arn("web");
    const SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:app/db-AbCdEf`;
    const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/k1`;
    const NODES = { subnets: ["subnet-a"], publicIp: false, securityGroups: ["sg-n"] };
    const nodes = { kind: "nodes" as const, what: "managed node group general", urn: "urn:general", roleArn: arn("node"), placement: NODES, awaited: true };
    const fargate = { ...nodes, kind: "fargate" as const, what: "Fargate profile fp" };
    const identity = { roleArn: ROLE, how: "pod-identity" as const, waits: [] };
    const NO_ROLE = "has no Pod Identity association or IRSA role in the plan (fix: declare the secret under the service's berth:services secrets, so berth gives the service its role)";
    const smArn = (name: string) => `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-*`;
    const ssmArn = (name: string) => `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/${name}`;
    const recorded = [
        res("aws:secretsmanager/secret:Secret", "db", { name: "app/db", kmsKeyId: "key-1" }, { arn: SECRET }),
        res("aws:kms/key:Key", "key", {}, { arn: KEY, id: "key-1" }),
        res("aws:ssm/parameter:Parameter", "flag", { name: "/shared/flag", keyId: "key-1", kmsKeyId: "not-an-input-of-parameters" }, { arn: ssmArn("shared/flag") }),
    ];

    describe("through ASCP", () => {
        const spc = (name: string, objects: unknown, namespace = "web") => res("kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass", `${name}-${namespace}`, { metadata: { name, namespace }, spec: { parameters: { objects } } });
        const volume = (name: string, className?: string) => ({ name, csi: { driver: "secrets-store.csi.k8s.io", volumeAttributes: className ? { secretProviderClass: className } : {} } });
        const objects = JSON.stringify([
            { objectName: "app/db", objectType: "secretsmanager" },
            { objectName: "/shared/flag", objectType: "ssmparameter" },
            { objectName: "/other/flag", objectType: "ssmparameter" },
            { objectName: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/by-arn` },
            { objectName: "missing" },
            {},
        ]);
        const podSpec = { volumes: [volume("secrets", "web-spc"), { name: "ebs", csi: { driver: "ebs.csi.aws.com" } }, { name: "empty" }] };
        const index = indexPlan([...recorded, spc("web-spc", objects), spc("web-spc", "[]", "api")]);
        const SM = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"];
        const via = "ASCP (SecretProviderClass web-spc-web)";
        const need = (name: string, subject: string, store: "secretsmanager" | "ssm", calls: object[]) => ({
            kind: "secret",
            subject,
            identity: ROLE,
            calls,
            from: NODES,
            reach: [store, "eks-auth"],
            proof: `${via} reads ${name} as ${ROLE}`,
        });
        const calls = (actions: string[], resource: string) => actions.map((action) => ({ action, resource, resourcePolicy: true }));

        it("reads every object of the class as the pod's role, with its key through the store's service", () => {
            assert.deepEqual(secretNeeds(index, REGION, ACCOUNT, pod(podSpec), identity, [nodes], "eks-managed"), [
                need("app/db", SECRET, "secretsmanager", [...calls(SM, SECRET), { action: "kms:Decrypt", resource: KEY, resourcePolicy: true, context: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } }]),
                need("/shared/flag", ssmArn("shared/flag"), "ssm", [
                    ...calls(["ssm:GetParameters"], ssmArn("shared/flag")),
                    { action: "kms:Decrypt", resource: KEY, resourcePolicy: true, context: { "kms:ViaService": "ssm.us-east-1.amazonaws.com" } },
                ]),
                need("/other/flag", ssmArn("other/flag"), "ssm", calls(["ssm:GetParameters"], ssmArn("other/flag"))),
                need(`arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/by-arn`, ssmArn("by-arn"), "ssm", calls(["ssm:GetParameters"], ssmArn("by-arn"))),
                need("missing", smArn("missing"), "secretsmanager", calls(SM, smArn("missing"))),
                need("", smArn(""), "secretsmanager", calls(SM, smArn(""))),
            ]);
        });

        it("names the key as written when the plan does not hold it, and reaches STS for IRSA", () => {
            const other = "arn:aws:kms:us-east-1:999999999999:key/x";
            const index2 = indexPlan([res("aws:secretsmanager/secret:Secret", "db", { name: "app/db", kmsKeyId: other }, { arn: SECRET }), spc("web-spc", JSON.stringify([{ objectName: "app/db" }]))]);
            assert.deepEqual(secretNeeds(index2, REGION, ACCOUNT, pod(podSpec), { ...identity, how: "irsa" }, [], "eks-managed"), [
                {
                    kind: "secret",
                    subject: SECRET,
                    identity: ROLE,
                    calls: [...calls(SM, SECRET), { action: "kms:Decrypt", resource: other, resourcePolicy: true, context: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } }],
                    reach: ["secretsmanager", "sts"],
                    proof: `${via} reads app/db as ${ROLE}`,
                },
            ]);
        });

        it("breaks a class the plan lacks, a pod on Fargate, and a pod without a role", () => {
            const missing = pod({ volumes: [volume("a", "gone"), volume("b")] });
            const reason = (volumeName: string, className: string, name = className) =>
                `ASCP cannot call ${SM.join(", ")} on ${smArn(name)}: volume ${volumeName} mounts SecretProviderClass ${className} in namespace web, which the plan does not record (fix: remove the transform that drops it, or name the class the service renders)`;
            assert.deepEqual(secretNeeds(index, REGION, ACCOUNT, missing, identity, [nodes], "eks-managed"), [
                { kind: "secret", subject: smArn("gone"), outcome: { result: "broken", reason: reason("a", "gone") } },
                { kind: "secret", subject: smArn("(unnamed)"), outcome: { result: "broken", reason: reason("b", "undefined", "(unnamed)") } },
            ]);
            const one = indexPlan([...recorded, spc("web-spc", JSON.stringify([{ objectName: "app/db" }]))]);
            assert.deepEqual(secretNeeds(one, REGION, ACCOUNT, pod(podSpec), identity, [fargate], "eks-fargate"), [
                {
                    kind: "secret",
                    subject: SECRET,
                    outcome: {
                        result: "broken",
                        reason: `${via} cannot call ${SM.join(", ")} on ${SECRET}: the pod runs on Fargate, where the ASCP driver (a DaemonSet) cannot run: the volume never mounts (fix: berth uses External Secrets for Fargate services)`,
                    },
                },
            ]);
            assert.deepEqual(secretNeeds(one, REGION, ACCOUNT, pod(podSpec), undefined, [nodes], "eks-managed"), [
                { kind: "secret", subject: SECRET, outcome: { result: "broken", reason: `${via} cannot call ${SM.join(", ")} on ${SECRET}: service account web in namespace web ${NO_ROLE}` } },
            ]);
        });

        it("reads nothing from objects that are not JSON, and assumes every read on an existing cluster", () => {
            assert.deepEqual(secretNeeds(indexPlan([spc("web-spc", "- objectName: x")]), REGION, ACCOUNT, pod(podSpec), identity, [nodes], "eks-managed"), []);
            assert.deepEqual(
                secretNeeds(indexPlan([res("kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass", "s", { metadata: { name: "web-spc", namespace: "web" } })]), REGION, ACCOUNT, pod(podSpec), identity, [nodes], "eks-managed"),
                [],
            );
            assert.deepEqual(secretNeeds(index, REGION, ACCOUNT, pod({ volumes: [volume("a", "gone")] }), undefined, [], "kubernetes"), [
                { kind: "secret", subject: "gone", outcome: { result: "assumed", reason: `the cluster's ASCP must be able to read gone with ${SM.join(", ")}: berth knows no AWS identity on an existing cluster` } },
            ]);
        });
    });

    describe("through External Secrets", () => {
        const external = (name: string, namespace: string, spec: Record<string, unknown>) => res("kubernetes:external-secrets.io/v1:ExternalSecret", name, { metadata: { name, namespace }, spec });
        const store = (kind: string, name: string, aws: Record<string, unknown>, namespace?: string) =>
            res(`kubernetes:external-secrets.io/v1:${kind}`, name, { metadata: { name, ...(namespace ? { namespace } : {}) }, spec: { provider: { aws } } }, { urn: `urn:${kind}-${name}-${namespace}` });
        const jwt = (sa: string) => ({ auth: { jwt: { serviceAccountRef: { name: sa } } } });
        const resources = [
            ...recorded,
            res("aws:eks/podIdentityAssociation:PodIdentityAssociation", "assoc", { namespace: "web", serviceAccount: "web", roleArn: ROLE }),
            res("kubernetes:helm.sh/v3:Release", "eso", { chart: "external-secrets", namespace: "eso" }),
            res("aws:eks/fargateProfile:FargateProfile", "eso-profile", { selectors: [{ namespace: "eso", labels: { "app.kubernetes.io/name": "external-secrets" } }], subnetIds: ["subnet-e"] }),
            external("web-es", "web", {
                target: { name: "web-env" },
                secretStoreRef: { name: "store" },
                data: [
                    { remoteRef: { key: "app/db" } },
                    { remoteRef: { key: "app/db", metadataPolicy: "Fetch" }, sourceRef: { storeRef: { name: "cluster", kind: "ClusterSecretStore" } } },
                    { remoteRef: { key: "/shared/flag" }, sourceRef: { storeRef: { name: "params" } } },
                    { remoteRef: {}, sourceRef: { storeRef: { name: "gone" } } },
                    { remoteRef: { key: "x" }, sourceRef: { storeRef: { name: "other-ns" } } },
                ],
            }),
            external("web-files", "web", { secretStoreRef: { name: "store" }, data: [{ remoteRef: { key: "files" } }] }),
            external("web-from", "web", { target: { name: "web-from" }, secretStoreRef: { name: "store" }, data: [{ remoteRef: { key: "from" } }] }),
            external("api-es", "api", { target: { name: "web-env" }, secretStoreRef: { name: "store" }, data: [{ remoteRef: { key: "api" } }] }),
            external("unused", "web", { target: { name: "unused" }, secretStoreRef: { name: "store" }, data: [{ remoteRef: { key: "unused" } }] }),
            store("SecretStore", "store", jwt("web"), "web"),
            store("SecretStore", "store", { role: arn("wrong") }, "api"),
            store("ClusterSecretStore", "cluster", { role: arn("cluster") }),
            store("SecretStore", "params", { service: "ParameterStore", ...jwt("nobody") }, "web"),
            store("SecretStore", "other-ns", { role: arn("x") }, "api"),
        ];
        const podSpec = {
            containers: [
                {
                    env: [
                        { name: "A", valueFrom: { secretKeyRef: { name: "web-env" } } },
                        { name: "B", value: "b" },
                    ],
                    envFrom: [{ secretRef: { name: "web-from" } }, { configMapRef: { name: "c" } }],
                },
            ],
            volumes: [{ name: "files", secret: { secretName: "web-files" } }, { name: "other" }],
        };
        const FROM = { subnets: ["subnet-e"], publicIp: false, securityGroups: [] };
        const esVia = (es: string, kind: string, name: string) => `ESO (ExternalSecret ${es}, ${kind} ${name})`;

        it("reads each remote ref as its store's role, from ESO's own pods, and breaks what it cannot authenticate", () => {
            const got = secretNeeds(indexPlan(resources), REGION, ACCOUNT, pod(podSpec), undefined, [nodes], "eks-fargate");
            assert.deepEqual(got, [
                {
                    kind: "secret",
                    subject: SECRET,
                    identity: ROLE,
                    calls: [
                        { action: "secretsmanager:GetSecretValue", resource: SECRET, resourcePolicy: true },
                        { action: "kms:Decrypt", resource: KEY, resourcePolicy: true, context: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } },
                    ],
                    from: FROM,
                    reach: ["secretsmanager", "sts"],
                    proof: `${esVia("web-es", "SecretStore", "store")} reads app/db as ${ROLE}`,
                },
                {
                    kind: "secret",
                    subject: SECRET,
                    identity: arn("cluster"),
                    calls: [
                        { action: "secretsmanager:DescribeSecret", resource: SECRET, resourcePolicy: true },
                        { action: "kms:Decrypt", resource: KEY, resourcePolicy: true, context: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } },
                    ],
                    from: FROM,
                    reach: ["secretsmanager", "sts"],
                    proof: `${esVia("web-es", "ClusterSecretStore", "cluster")} reads app/db as ${arn("cluster")}`,
                },
                {
                    kind: "secret",
                    subject: ssmArn("shared/flag"),
                    outcome: {
                        result: "broken",
                        reason: `${esVia("web-es", "SecretStore", "params")} cannot call ssm:GetParameter on ${ssmArn("shared/flag")}: SecretStore params authenticates as service account nobody in namespace web, which ${NO_ROLE}`,
                    },
                },
                {
                    kind: "secret",
                    subject: smArn(""),
                    outcome: {
                        result: "broken",
                        reason: `${esVia("web-es", "SecretStore", "gone")} cannot call secretsmanager:GetSecretValue on ${smArn("")}: ExternalSecret web-es uses SecretStore gone, which the plan does not record (fix: remove the transform that drops it, or point storeRef at the service's store)`,
                    },
                },
                {
                    kind: "secret",
                    subject: smArn("x"),
                    outcome: {
                        result: "broken",
                        reason: `${esVia("web-es", "SecretStore", "other-ns")} cannot call secretsmanager:GetSecretValue on ${smArn("x")}: ExternalSecret web-es uses SecretStore other-ns, which the plan does not record (fix: remove the transform that drops it, or point storeRef at the service's store)`,
                    },
                },
                {
                    kind: "secret",
                    subject: smArn("files"),
                    identity: ROLE,
                    calls: [{ action: "secretsmanager:GetSecretValue", resource: smArn("files"), resourcePolicy: true }],
                    from: FROM,
                    reach: ["secretsmanager", "sts"],
                    proof: `${esVia("web-files", "SecretStore", "store")} reads files as ${ROLE}`,
                },
                {
                    kind: "secret",
                    subject: smArn("from"),
                    identity: ROLE,
                    calls: [{ action: "secretsmanager:GetSecretValue", resource: smArn("from"), resourcePolicy: true }],
                    from: FROM,
                    reach: ["secretsmanager", "sts"],
                    proof: `${esVia("web-from", "SecretStore", "store")} reads from as ${ROLE}`,
                },
            ]);
        });

        it("reads without a placement when ESO's chart is not in the plan, and names ESO's own credentials", () => {
            const noRelease = resources.filter((r) => r.name !== "eso").map((r) => (r.urn === "urn:SecretStore-store-web" ? store("SecretStore", "store", {}, "web") : r));
            const got = secretNeeds(indexPlan(noRelease), REGION, ACCOUNT, pod({ containers: [{ envFrom: [{ secretRef: { name: "web-from" } }] }] }), undefined, [], "eks-managed");
            assert.deepEqual(got, [
                {
                    kind: "secret",
                    subject: smArn("from"),
                    outcome: {
                        result: "broken",
                        reason: `${esVia("web-from", "SecretStore", "store")} cannot call secretsmanager:GetSecretValue on ${smArn("from")}: SecretStore store authenticates as service account (none: ESO's own credentials) in namespace web, which ${NO_ROLE}`,
                    },
                },
            ]);
            const withRole = secretNeeds(indexPlan(resources.filter((r) => r.name !== "eso")), REGION, ACCOUNT, pod({ containers: [{ envFrom: [{ secretRef: { name: "web-from" } }] }] }), undefined, [], "eks-managed");
            assert.deepEqual(withRole, [
                {
                    kind: "secret",
                    subject: smArn("from"),
                    identity: ROLE,
                    calls: [{ action: "secretsmanager:GetSecretValue", resource: smArn("from"), resourcePolicy: true }],
                    reach: ["secretsmanager", "sts"],
                    proof: `${esVia("web-from", "SecretStore", "store")} reads from as ${ROLE}`,
                },
            ]);
        });
    });
});

describe("kubernetes-checks: logs", () => {
    const NODES = { subnets: ["subnet-a"], publicIp: false, securityGroups: [] };
    const nodes = { kind: "nodes" as const, what: "managed node group general", urn: "urn:general", roleArn: arn("node"), placement: NODES, awaited: true };
    const fargate = { ...nodes, kind: "fargate" as const, what: "Fargate profile fp", roleArn: arn("pod-exec") };
    const logCalls = (group: string) => ["logs:CreateLogStream", "logs:PutLogEvents"].map((action) => ({ action, resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${group}:*` }));
    const group = (name: string) => res("aws:cloudwatch/logGroup:LogGroup", `lg${name}`, { name });
    const configMap = (conf: string, namespace = "aws-observability", name = "aws-logging") => res("kubernetes:core/v1:ConfigMap", `cm-${namespace}-${name}`, { metadata: { namespace, name }, data: { "output.conf": conf } });
    const output = (match: string, logGroup?: string) => `[OUTPUT]\n    Name cloudwatch_logs\n    Match ${match}\n${logGroup ? `    log_group_name ${logGroup}\n` : ""}`;
    const web = pod({});
    const logs = (resources: PlannedResource[], compute: Compute[], p = web) => logsNeed(indexPlan(resources), REGION, ACCOUNT, p, compute, "eks");
    const written = (agent: string, subject: string, identity: string | undefined, from?: object) => ({
        kind: "logs",
        subject,
        identity,
        calls: logCalls(subject),
        missingIdentity: { result: "assumed", reason: `${agent} has no role in the plan: it falls back to the node role through IMDS, which must allow logs:CreateLogStream and logs:PutLogEvents on ${subject}` },
        ...(from ? { from } : {}),
        reach: ["logs"],
    });
    const nowhere = (where: string) => ({
        need: { kind: "logs", subject: "web", outcome: { result: "assumed", reason: `no log destination in the plan covers namespace web: container logs stay on the ${where} unless something outside berth ships them` } },
    });

    it("assumes the cluster's own log collection on an existing cluster", () => {
        assert.deepEqual(logsNeed(indexPlan([]), REGION, ACCOUNT, web, [], "kubernetes"), {
            need: { kind: "logs", subject: "web", outcome: { result: "assumed", reason: "the cluster's own log collection must pick up namespace web: berth installs no log agent on an existing cluster" } },
        });
    });

    describe("on Fargate, through the aws-logging ConfigMap", () => {
        const AGENT = "Fargate's log router (aws-observability/aws-logging) as Fargate profile fp's pod execution role";
        const cases: ReadonlyArray<[string, string | undefined]> = [
            [output("kube.var.log.containers.*_api_*") + output("kube.var.log.containers.*_web_*", "/web"), "/web"],
            [output("*_web_*") + output("*", "/all"), "/all"],
            [output("*", "/all"), "/all"],
            [output("kube.*", "/kube"), "/kube"],
            [output("kube.var.*", "/kube"), undefined],
            [output("*_webx_*", "/x"), undefined],
            ["", undefined],
            [`Match *\n    log_group_name /before\n${output("*_api_*", "/api")}`, undefined],
            [`[OUTPUT]\n    Matchx *\n    log_group_name /x`, undefined],
            [`[OUTPUT]\n    Match *\n    log_group_namex /x`, undefined],
        ];
        for (const [conf, expected] of cases) {
            it(`${JSON.stringify(conf)} sends namespace web to ${expected ?? "nowhere"}`, () => {
                const got = logs([configMap(conf), ...(expected ? [group(expected)] : [])], [fargate]);
                assert.deepEqual(got, expected ? { need: { ...written(AGENT, expected, arn("pod-exec"), NODES), proof: `${AGENT} writes to ${expected} as ${arn("pod-exec")}` }, logGroup: group(expected) } : nowhere("Fargate pod"));
            });
        }

        it("reads only aws-observability's aws-logging, and breaks a group the plan lacks", () => {
            assert.deepEqual(logs([configMap(output("*", "/all"), "other"), configMap(output("*", "/all"), "aws-observability", "other")], [fargate]), nowhere("Fargate pod"));
            assert.deepEqual(logs([configMap(output("*", "/all"))], [fargate]), {
                need: {
                    ...written(AGENT, "/all", arn("pod-exec"), NODES),
                    outcome: {
                        result: "broken",
                        reason: `${AGENT} writes to log group /all, which the plan does not create (and berth turns autoCreateGroup off, so the lines are dropped; fix: berth makes /berth/PROJECT/STACK/SERVICE for each service in berth:services, so keep the service's namespace equal to its name and do not transform its log group away)`,
                    },
                },
            });
        });
    });

    describe("on nodes, through Fluent Bit", () => {
        const release = (values: Record<string, unknown>, namespace?: string) => res("kubernetes:helm.sh/v3:Release", "fb", { chart: "aws-for-fluent-bit", ...(namespace ? { namespace } : {}), values });
        const other = res("kubernetes:helm.sh/v3:Release", "other", { chart: "other", values: {} });
        const assoc = (namespace: string, serviceAccount: string) =>
            res("aws:eks/podIdentityAssociation:PodIdentityAssociation", `a-${namespace}-${serviceAccount}`, { namespace, serviceAccount, roleArn: arn(`${namespace}-${serviceAccount}`) });
        const TEMPLATE = "/berth/$kubernetes['namespace_name']";
        const AGENT = "Fluent Bit (fb)";

        it("writes to the namespace's group as the chart's service account's role", () => {
            const values = { cloudWatchLogs: { logGroupTemplate: TEMPLATE, logGroupName: "/fallback" }, input: { path: "/var/log/containers/*_api_*.log,/var/log/containers/*_web_*.log" }, serviceAccount: { name: "fb-sa" } };
            const resources = [other, release(values, "logging"), assoc("logging", "fb-sa"), assoc("kube-system", "aws-for-fluent-bit"), group("/berth/web")];
            assert.deepEqual(logs(resources, [nodes]), { need: { ...written(AGENT, "/berth/web", arn("logging-fb-sa"), NODES), proof: `${AGENT} writes to /berth/web as ${arn("logging-fb-sa")}` }, logGroup: group("/berth/web") });
        });

        it("defaults the chart's namespace and service account, takes logGroupName, and tails every namespace with *.log", () => {
            const resources = [release({ cloudWatchLogs: { logGroupName: "/all" }, input: { path: "/var/log/containers/*.log" } }), assoc("kube-system", "aws-for-fluent-bit"), assoc("logging", "aws-for-fluent-bit"), group("/all")];
            assert.deepEqual(logs(resources, []), { need: { ...written(AGENT, "/all", arn("kube-system-aws-for-fluent-bit")), proof: `${AGENT} writes to /all as ${arn("kube-system-aws-for-fluent-bit")}` }, logGroup: group("/all") });
            // Without a role for Fluent Bit the calls have no identity: missingIdentity says what then holds.
            assert.deepEqual(logs([release({ cloudWatchLogs: { logGroupName: "/all" }, input: { path: "/x/*.log" } }), group("/all")], [nodes]).need?.identity, undefined);
        });

        it("breaks a namespace the agent does not tail, and assumes one no release or group covers", () => {
            const values = { cloudWatchLogs: { logGroupTemplate: TEMPLATE }, input: { path: "/var/log/containers/*_api_*.log,/var/log/containers/*_webx_*.log" } };
            assert.deepEqual(logs([release(values)], [nodes]), {
                need: {
                    kind: "logs",
                    subject: "web",
                    outcome: {
                        result: "broken",
                        reason: "Fluent Bit's input.path (/var/log/containers/*_api_*.log,/var/log/containers/*_webx_*.log) does not tail namespace web: its logs are dropped; list the service in the log agent's namespaces",
                    },
                },
            });
            assert.deepEqual(logs([release({})], [nodes]).need?.outcome?.result, "broken");
            assert.deepEqual(logs([release({ input: { path: "/var/log/containers/*.log" } })], [nodes]), nowhere("node"));
            assert.deepEqual(logs([other, group("/berth/web")], [nodes]), nowhere("node"));
            assert.deepEqual(logs([], []), nowhere("node"));
        });
    });
});
