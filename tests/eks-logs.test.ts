// Logs on every platform (issue 19, item 3): on EKS, container output reaches the same CloudWatch log
// groups as on ECS (/berth/PROJECT/STACK/SERVICE), with berth:logs' retention. berth makes the groups;
// AWS for Fluent Bit ships what runs on nodes, Fargate's log router what runs on Fargate; neither may
// create a group. The `logs` output names the group, its `aws logs tail` and a `kubectl logs`.
import { strict as assert } from "assert";
import { Plan, plan } from "../plan/engine";
import { eksConfig, find, inputs, json, kubernetesConfig, managedConfig, ofType, planOk, planStackOk } from "./harness";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
const PREFIX = "/berth/berth/test/";
const ARN = "arn:aws:logs:eu-west-1:123456789012:log-group:/berth/berth/test/";
const image = "public.ecr.aws/docker/library/busybox:1.36";
/** Two services and a task, beside fargateConfig's web. */
const services = { "berth:services": { worker: { image }, migrate: { kind: "task", image } } };
const fargateOnly = { "berth:eks": { nodeGroups: { general: null, serverless: { type: "fargate" } } } };

/** Streams into the stack's service groups and its fallback group, and nothing else. */
const WRITE_SERVICE_LOGS = {
    Sid: "WriteServiceLogs",
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: [`${ARN}_unrouted:*`, `${ARN}migrate:*`, `${ARN}web:*`, `${ARN}worker:*`],
};

const groups = (p: Plan) => Object.fromEntries(ofType(p, LOG_GROUP).map((r) => [(r.inputs as any).name, [(r.inputs as any).retentionInDays, r.retainOnDelete]]));

describe("EKS logs: berth's groups, with berth's retention", () => {
    it("makes each service's group under the ECS name, and the fallback group, for two weeks in dev", async () => {
        const p = await planOk(eksConfig(services));
        assert.deepEqual(groups(p), {
            "/aws/eks/berth-test/cluster": [14, false],
            [`${PREFIX}web`]: [14, false],
            [`${PREFIX}worker`]: [14, false],
            [`${PREFIX}migrate`]: [14, false],
            [`${PREFIX}_unrouted`]: [14, false],
        });
    });

    it("keeps a service named unrouted apart from the fallback group", async () => {
        const p = await planOk(eksConfig({ "berth:services": { web: null, unrouted: { image: "public.ecr.aws/docker/library/busybox:1.37" } } }), "logs-unrouted");
        assert.deepEqual(Object.keys(groups(p)).sort(), ["/aws/eks/berth-logs-unrouted/cluster", "/berth/berth/logs-unrouted/_unrouted", "/berth/berth/logs-unrouted/unrouted"]);
    });

    it("keeps them for 90 days in prod, and keeps them when the stack is destroyed", async () => {
        const p = await planOk(eksConfig({ ...services, "berth:environment": "prod" }));
        for (const name of ["web", "worker", "migrate", "_unrouted"]) assert.deepEqual(groups(p)[`${PREFIX}${name}`], [90, true], name);
    });

    it("makes no fallback group on a cluster without nodes, where nothing falls back", async () => {
        const p = await planOk(eksConfig({ ...services, ...fargateOnly }));
        assert.deepEqual(Object.keys(groups(p)).sort(), ["/aws/eks/berth-test/cluster", `${PREFIX}migrate`, `${PREFIX}web`, `${PREFIX}worker`]);
    });

    it("follows berth:logs.retentionDays", async () => {
        const p = await planOk(eksConfig({ "berth:logs": { retentionDays: 30 } }));
        assert.deepEqual(groups(p)[`${PREFIX}web`], [30, false]);
    });

    it("lets nothing create a log group or set its retention", async () => {
        for (const config of [eksConfig(services), eksConfig({ ...services, ...fargateOnly })]) {
            const p = await planOk(config);
            assert.doesNotMatch(JSON.stringify(p.resources), /CreateLogGroup|PutRetentionPolicy|auto_create_group true|"autoCreateGroup":true/);
        }
    });
});

describe("EKS logs on nodes: AWS for Fluent Bit", () => {
    it("tails only the services' namespaces and routes each to its group by namespace", async () => {
        const p = await planOk(eksConfig(services));
        const release = inputs(p, RELEASE, "log-agent-release");
        assert.deepEqual([release.chart, release.version, release.repositoryOpts.repo, release.namespace, release.atomic], ["aws-for-fluent-bit", "0.2.0", "https://aws.github.io/eks-charts", "kube-system", true]);
        assert.deepEqual(release.values, {
            input: { path: "/var/log/containers/*_migrate_*.log,/var/log/containers/*_web_*.log,/var/log/containers/*_worker_*.log" },
            cloudWatchLogs: {
                enabled: true,
                match: "kube.*",
                region: "eu-west-1",
                logGroupName: `${PREFIX}_unrouted`,
                logGroupTemplate: `${PREFIX}$kubernetes['namespace_name']`,
                logStreamPrefix: "pod-",
                logStreamTemplate: "$kubernetes['pod_name'].$kubernetes['container_name']",
                autoCreateGroup: false,
            },
            serviceAccount: { create: true, name: "aws-for-fluent-bit" },
            priorityClassName: "system-node-critical",
        });
    });

    it("runs with a Pod Identity role of its service account that may only write streams into those groups", async () => {
        const p = await planOk(eksConfig(services));
        assert.deepEqual(json(inputs(p, ROLE_POLICY, "log-agent-policy").policy), { Version: "2012-10-17", Statement: [WRITE_SERVICE_LOGS] });
        const association = inputs(p, "aws:eks/podIdentityAssociation:PodIdentityAssociation", "log-agent-association");
        assert.deepEqual([association.namespace, association.serviceAccount], ["kube-system", "aws-for-fluent-bit"]);
        const trust = json(inputs(p, "aws:iam/role:Role", "log-agent-role").assumeRolePolicy).Statement[0].Condition.StringEquals;
        assert.equal(trust["aws:RequestTag/kubernetes-service-account"], "aws-for-fluent-bit");
        // No managed policy: the inline one is all it may do.
        assert.deepEqual(
            ofType(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((r) => r.name.startsWith("log-agent")),
            [],
        );
    });

    it("starts once there are nodes, the Pod Identity agent and the groups", async () => {
        const p = await planOk(eksConfig(services));
        const deps = find(p, RELEASE, "log-agent-release").dependencies;
        for (const [type, name] of [
            ["eks:index:ManagedNodeGroup", "general"],
            ["aws:eks/addon:Addon", "eks-pod-identity-agent"],
            ["aws:cloudwatch/logGroup:LogGroup", "logs-web"],
        ]) {
            const r = p.resources.find((x) => x.type === type && x.name.startsWith(name));
            assert.ok(r && deps.includes(r.urn), `${type} ${name}`);
        }
    });

    it("runs on self-managed and Karpenter nodes as on managed ones", async () => {
        const p = await planOk(eksConfig({ "berth:eks": { nodeGroups: { general: { type: "managed" }, legacy: { type: "self-managed", instanceTypes: ["t3.medium"] }, burst: { type: "karpenter" } } } }));
        assert.equal(ofType(p, "berth:eks:LogAgent").length, 1);
    });

    it("is absent from a cluster without nodes", async () => {
        const p = await planOk(eksConfig({ ...services, ...fargateOnly }));
        assert.deepEqual(ofType(p, "berth:eks:LogAgent"), []);
        assert.deepEqual(
            ofType(p, RELEASE).filter((r) => (r.inputs as any).chart === "aws-for-fluent-bit"),
            [],
        );
    });

    it("and there is no Fargate logging config on a cluster without Fargate", async () => {
        const p = await planOk(eksConfig(services));
        assert.deepEqual(ofType(p, "berth:eks:FargateLogging"), []);
    });
});

describe("EKS logs on Fargate: the built-in log router", () => {
    it("is configured by the aws-logging ConfigMap of the aws-observability namespace", async () => {
        const p = await planOk(eksConfig({ ...services, ...fargateOnly }));
        assert.deepEqual(inputs(p, "kubernetes:core/v1:Namespace", "fargate-logging-ns").metadata, { name: "aws-observability", labels: { "aws-observability": "enabled" } });
        const cm = inputs(p, CONFIG_MAP, "fargate-logging-config");
        assert.deepEqual(cm.metadata, { name: "aws-logging", namespace: "aws-observability" });
        assert.deepEqual(Object.keys(cm.data).sort(), ["filters.conf", "flb_log_cw", "output.conf", "parsers.conf"]);
        assert.equal(cm.data.flb_log_cw, "false");
        // One output per service, matched on the log file's name (POD_NAMESPACE_CONTAINER-ID.log), to its group.
        const output = (ns: string) => ["[OUTPUT]", "    Name cloudwatch_logs", `    Match kube.var.log.containers.*_${ns}_*`, "    region eu-west-1", `    log_group_name ${PREFIX}${ns}`, "    log_stream_prefix fargate."].join("\n");
        assert.equal(cm.data["output.conf"], `${["migrate", "web", "worker"].map(output).join("\n")}\n`);
        assert.equal(cm.data["filters.conf"], "[FILTER]\n    Name parser\n    Match kube.*\n    Key_name log\n    Parser containerd\n");
        assert.match(cm.data["parsers.conf"], /^\[PARSER\]\n {4}Name containerd\n {4}Format regex\n {4}Regex \^\(\?<time>/);
        // No template (reported unhonoured on Fargate), no group creation, no fallback: other namespaces' records are dropped.
        assert.doesNotMatch(JSON.stringify(cm.data), /template|auto_create_group|_unrouted|Match \*\n/);
    });

    it("refuses a plan whose ConfigMap would pass Fargate's 5300 characters", async () => {
        const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`s${String(i).padStart(2, "0")}-${"x".repeat(13)}`, { image }]));
        await assert.rejects(plan({ stack: "test", config: eksConfig({ ...fargateOnly, "berth:services": many }), project: "berth" }), /berth:services: 31 services make Fargate's logging ConfigMap \d+ characters, past its 5300/);
    });

    it("writes with the pod execution role, which may only write streams into the groups", async () => {
        const p = await planOk(eksConfig({ ...services, ...fargateOnly }));
        const onlyServices = { ...WRITE_SERVICE_LOGS, Resource: [`${ARN}migrate:*`, `${ARN}web:*`, `${ARN}worker:*`] };
        assert.deepEqual(json(inputs(p, ROLE_POLICY, "serverless-pod-logs").policy), { Version: "2012-10-17", Statement: [onlyServices] });
        const policy = find(p, ROLE_POLICY, "serverless-pod-logs");
        assert.ok(find(p, "aws:eks/fargateProfile:FargateProfile", "serverless-profile").dependencies.includes(policy.urn));
    });

    it("is read before the services' pods start (Fargate reads it only when a pod starts)", async () => {
        const p = await planOk(eksConfig({ ...services, ...fargateOnly }));
        const cm = find(p, CONFIG_MAP, "fargate-logging-config");
        assert.ok(find(p, "kubernetes:apps/v1:Deployment", "web-deployment").dependencies.includes(cm.urn));
        assert.ok(find(p, "kubernetes:batch/v1:CronJob", "migrate-cronjob").dependencies.includes(cm.urn));
    });

    it("ships alongside the node agent on a cluster with both", async () => {
        const p = await planOk(eksConfig({ "berth:eks": { nodeGroups: { general: { type: "managed" }, jobs: { type: "fargate", selectors: [{ namespace: "web" }] } } } }));
        assert.equal(ofType(p, "berth:eks:LogAgent").length, 1);
        assert.equal(ofType(p, "berth:eks:FargateLogging").length, 1);
        assert.ok(find(p, ROLE_POLICY, "jobs-pod-logs"));
    });
});

describe("the logs output", () => {
    it("on eks: each service's group, its aws logs tail, and its kubectl logs (a task's Jobs by label)", async () => {
        const p = await planOk(eksConfig(services));
        const tail = (s: string) => `aws logs tail ${PREFIX}${s} --region eu-west-1 --follow`;
        assert.deepEqual(p.outputs.logs, {
            web: { group: `${PREFIX}web`, tail: tail("web"), kubectl: "kubectl --namespace web logs deployment/web --follow" },
            worker: { group: `${PREFIX}worker`, tail: tail("worker"), kubectl: "kubectl --namespace worker logs deployment/worker --follow" },
            migrate: { group: `${PREFIX}migrate`, tail: tail("migrate"), kubectl: "kubectl --namespace migrate logs --selector app.kubernetes.io/name=migrate --prefix --tail=-1" },
        });
    });

    it("on the eks-fargate example stack", async () => {
        const p = await planStackOk("eks-fargate");
        assert.deepEqual((p.outputs.logs as any).web, {
            group: "/berth/berth/eks-fargate/web",
            tail: "aws logs tail /berth/berth/eks-fargate/web --region us-east-1 --follow",
            kubectl: "kubectl --namespace web logs deployment/web --follow",
        });
    });

    it("on ecs-express: the group berth makes for the service, as on ECS", async () => {
        const p = await planOk(managedConfig("ecs-express"));
        assert.deepEqual(p.outputs.logs, { web: { group: `${PREFIX}web`, tail: `aws logs tail ${PREFIX}web --region eu-west-1 --follow` } });
        assert.deepEqual(groups(p)[`${PREFIX}web`], [14, false]);
    });

    it("on kubernetes: kubectl logs only, as there is no CloudWatch", async () => {
        const p = await planOk(kubernetesConfig({ "berth:services": { report: { kind: "task", image } } }));
        assert.deepEqual(p.outputs.logs, {
            web: { kubectl: "kubectl --namespace web logs deployment/web --follow" },
            report: { kubectl: "kubectl --namespace report logs --selector app.kubernetes.io/name=report --prefix --tail=-1" },
        });
        assert.deepEqual(ofType(p, LOG_GROUP), []);
    });
});
