// The switch matrix (issue 19): every shipped stack's services, moved to every other platform by
// swapping only the platform blocks, either plan or fail with config errors that name keys. When they
// plan, the invariants that make a move safe hold on the plan: non-root containers, pullers that may
// fill the cache their images point at, logs routed to a log group, a trigger for every schedule.
import { strict as assert } from "assert";
import * as fs from "fs";
import { Platform, PLATFORMS } from "../config/schema";
import { NEVER } from "../components/kubernetes/KubernetesService";
import { Plan, PlannedResource, PROJECT_DIR } from "../plan/engine";
import { moved, settle } from "../plan/move";
import { loadStackConfig } from "../plan/stackfile";
import { besidesPlaceholders, json, ofType, planOk, SHIPPED_STACK_OF } from "./harness";
import { planOf as handmadePlan, res as handmade } from "./handmade-plans";

type Json = Record<string, any>;

/** The shipped stack whose platform blocks stand for each platform. */
const DONOR = SHIPPED_STACK_OF;

const STACKS = fs
    .readdirSync(PROJECT_DIR)
    .flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? [])
    .sort();

/** A user's move of `source` to `target` (plan/move.ts, as `npm run compare` makes it): the target's platform blocks, then what the platform names as unused deleted. */
const movedTo = (source: Json, target: Platform) => settle(moved(source, loadStackConfig(DONOR[target], PROJECT_DIR)), "test");

const podOf = (r: PlannedResource): Json => {
    const spec = r.inputs.spec as Json | undefined;
    return spec?.template?.spec ?? spec?.jobTemplate?.spec?.template?.spec;
};
const containersOf = (r: PlannedResource): Json[] => podOf(r)?.containers ?? [];
const WORKLOADS = ["kubernetes:apps/v1:Deployment", "kubernetes:batch/v1:CronJob"];
const TASKDEF = "aws:ecs/taskDefinition:TaskDefinition";

/** Every container berth writes runs as a non-root user: no exception, since ECS's writable paths are tmpfs mounts owned by that user. */
export function rootContainers(p: Plan): string[] {
    const ecs = ofType(p, TASKDEF).flatMap((td) =>
        json(td.inputs.containerDefinitions)
            .filter((c: Json) => !(typeof c.user === "string" && !/^0(:|$)/.test(c.user)))
            .map((c: Json) => `${td.name}/${c.name}: user ${c.user}`),
    );
    const k8s = WORKLOADS.flatMap((t) => ofType(p, t)).flatMap((w) => {
        const pod = podOf(w);
        const podOk = pod.securityContext?.runAsNonRoot === true && pod.securityContext?.runAsUser > 0;
        return containersOf(w)
            .filter((c) => !podOk || c.securityContext?.runAsNonRoot !== true)
            .map((c) => `${w.name}/${c.name}`);
    });
    return [...ecs, ...k8s];
}

/** Fill statements (ecr:BatchImportUpstreamImage) of a policy document, as their resources. */
const fillResources = (policy: unknown): string[] => (json(policy).Statement as Json[]).filter((s) => [s.Action].flat().includes("ecr:BatchImportUpstreamImage")).flatMap((s) => [s.Resource].flat() as string[]);
const covers = (resources: string[], repo: string) => resources.some((r) => r === repo || (r.endsWith("/*") && repo.startsWith(r.slice(0, -1))));

/** The repository ARN a cached image is pulled from: `HOST/ecr-public/nginx/nginx:1` → `arn:aws:ecr:REGION:ACCOUNT:repository/ecr-public/nginx/nginx`. */
function cachedRepository(image: string): string | undefined {
    const m = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/((?:ecr-public|docker-hub)\/[^:@]+)/.exec(image);
    return m ? `arn:aws:ecr:${m[2]}:${m[1]}:repository/${m[3]}` : undefined;
}

/** Whatever pulls a cached image may fill the cache: ECS's execution role per task; on EKS every node role and pod execution role. */
export function unfillable(p: Plan): string[] {
    const policies = new Map(ofType(p, "aws:iam/rolePolicy:RolePolicy").map((r) => [r.name, fillResources(r.inputs.policy)]));
    const out: string[] = [];
    for (const td of ofType(p, TASKDEF)) {
        const svc = td.name.replace(/-taskdef$/, "");
        for (const c of json(td.inputs.containerDefinitions) as Json[]) {
            const repo = cachedRepository(c.image);
            if (repo && !covers(policies.get(`${svc}-exec-policy`) ?? [], repo)) out.push(`${svc}-exec-role cannot fill ${repo}`);
        }
    }
    const pullers = [...policies.keys()].filter((n) => n.endsWith("-node-policy") || n.endsWith("-pod-execution-policy"));
    const images = WORKLOADS.flatMap((t) => ofType(p, t)).flatMap((w) => containersOf(w).map((c) => c.image as string));
    for (const repo of images.flatMap((i) => cachedRepository(i) ?? [])) {
        if (!pullers.length) out.push(`nothing on the cluster may fill ${repo}`);
        for (const n of pullers.filter((n) => !covers(policies.get(n)!, repo))) out.push(`${n} cannot fill ${repo}`);
    }
    return out;
}

/** Every container's output reaches a log group of the plan: awslogs on ECS; on EKS a group per workload namespace, and the agent (nodes) or aws-logging (Fargate). */
export function unlogged(p: Plan, platform: Platform): string[] {
    const groups = new Set(ofType(p, "aws:cloudwatch/logGroup:LogGroup").map((g) => g.inputs.name as string));
    const ecs = ofType(p, TASKDEF).flatMap((td) =>
        (json(td.inputs.containerDefinitions) as Json[]).filter((c) => c.logConfiguration?.logDriver !== "awslogs" || !groups.has(c.logConfiguration.options["awslogs-group"])).map((c) => `${td.name}/${c.name}`),
    );
    if (platform !== "eks") return ecs;
    const shipper = ofType(p, "kubernetes:helm.sh/v3:Release").some((r) => r.name === "log-agent-release") || ofType(p, "kubernetes:core/v1:ConfigMap").some((c) => c.name.startsWith("fargate-logging"));
    const namespaces = WORKLOADS.flatMap((t) => ofType(p, t)).map((w) => (w.inputs.metadata as Json).namespace as string);
    return [...ecs, ...(shipper ? [] : ["no log agent and no Fargate log router"]), ...namespaces.filter((ns) => ![...groups].some((g) => g.endsWith(`/${ns}`))).map((ns) => `${ns}: no log group`)];
}

/** Every task with a schedule (its own, or a scheduled batch's) has what fires it: a Scheduler schedule on ECS, an unsuspended CronJob on Kubernetes. */
export function untriggered(p: Plan, config: Json): string[] {
    const scheduled = [
        ...Object.entries<Json>(config["berth:services"])
            .filter(([, s]) => s.schedule !== undefined)
            .map(([n]) => n),
        ...Object.keys(config["berth:patterns"]?.scheduledBatch ?? {}),
    ];
    const arns = new Set(ofType(p, "aws:scheduler/schedule:Schedule").map((s) => (s.inputs.target as Json).ecsParameters?.taskDefinitionArn));
    return scheduled.filter((task) => {
        const td = ofType(p, TASKDEF).find((t) => t.name === `${task}-taskdef`);
        if (td) return !arns.has(td.arn);
        const job = ofType(p, "kubernetes:batch/v1:CronJob").find((c) => c.name === `${task}-cronjob`);
        return !job || (job.inputs.spec as Json).suspend !== false || (job.inputs.spec as Json).schedule === NEVER;
    });
}

/** Who calls each service, as the config declares it (`calls`). */
function callersOf(config: Json): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [caller, svc] of Object.entries<Json>(config["berth:services"])) for (const callee of svc.calls ?? []) out.set(callee, [...(out.get(callee) ?? []), caller].sort());
    return out;
}

/** The load balancers' own security groups, which may reach the services behind them. */
const LB_GROUPS = /^(alb|nlb|int)-sg$|-pl-sg$/;

/**
 * Every private service with a port is reachable from the services that declare they call it, and
 * from nothing else but its load balancer: on ECS its task security group admits exactly the callers'
 * groups on its port; on Kubernetes its NetworkPolicy admits exactly the callers' namespaces.
 */
export function unreachable(p: Plan, config: Json): string[] {
    const callers = callersOf(config);
    const out: string[] = [];
    const sgName = new Map(ofType(p, "aws:ec2/securityGroup:SecurityGroup").map((g) => [g.id, g.name]));
    const rules = ofType(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    for (const [name, svc] of Object.entries<Json>(config["berth:services"])) {
        if (svc.port === undefined || svc.kind === "task") continue;
        const expected = callers.get(name) ?? [];
        const own = ofType(p, "aws:ec2/securityGroup:SecurityGroup").find((g) => g.name === `${name}-sg`);
        const policy = ofType(p, "kubernetes:networking.k8s.io/v1:NetworkPolicy").find((n) => n.name === `${name}-netpol`);
        // A service berth runs in the VPC or on a cluster has one or the other: a renamed child must not make this check pass.
        const guarded = ofType(p, TASKDEF).some((t) => t.name === `${name}-taskdef` && t.inputs.networkMode === "awsvpc") || WORKLOADS.some((t) => ofType(p, t).some((w) => w.name.startsWith(`${name}-`)));
        if (guarded && !own && !policy) out.push(`${name}: neither a task security group nor a NetworkPolicy`);
        if (own) {
            const from = rules.filter((r) => r.inputs.securityGroupId === own.id).map((r) => [sgName.get(r.inputs.referencedSecurityGroupId as string) ?? String(r.inputs.cidrIpv4), r.inputs.fromPort] as const);
            const admitted = from.filter(([g]) => !LB_GROUPS.test(g)).map(([g, port]) => `${g.replace(/-sg$/, "")}:${String(port)}`);
            const want = expected.map((c) => `${c}:${svc.port}`);
            if (JSON.stringify(admitted.sort()) !== JSON.stringify(want)) out.push(`${name} admits ${admitted.join(", ") || "nobody"}, callers are ${want.join(", ") || "none"}`);
        }
        if (policy) {
            const peers = ((policy.inputs.spec as Json).ingress as Json[])
                .flatMap((i) => i.from as Json[])
                // An ingress controller's pods (a podSelector in any namespace) are the load balancer, not a caller.
                .filter((f) => f.namespaceSelector && !f.podSelector);
            const namespaces = peers.map((f) => f.namespaceSelector.matchLabels?.["kubernetes.io/metadata.name"] ?? "any namespace").sort();
            if (JSON.stringify(namespaces) !== JSON.stringify(expected)) out.push(`${name} admits ${namespaces.join(", ") || "no namespace"}, callers are ${expected.join(", ") || "none"}`);
        }
    }
    return out;
}

const distinct = new Map<string, string>();
for (const stack of STACKS) {
    const services = JSON.stringify(loadStackConfig(stack, PROJECT_DIR)["berth:services"]);
    if (![...distinct.values()].includes(services)) distinct.set(stack, services);
}

describe("the switch matrix: each shipped stack's services on every other platform", function () {
    this.timeout(120000);
    const outcomes: Array<{ from: string; to: Platform; planned: boolean; refusedAt: string[] }> = [];

    for (const stack of distinct.keys()) {
        const source = loadStackConfig(stack, PROJECT_DIR) as Json;
        for (const target of PLATFORMS.filter((t) => t !== source["berth:platform"])) {
            it(`${stack} → ${target}: plans with the invariants, or names the keys that stop it`, async () => {
                const outcome = movedTo(source, target);
                outcomes.push({ from: stack, to: target, planned: outcome.ok, refusedAt: outcome.ok ? [] : outcome.errors.map((e) => e.path) });
                if (!outcome.ok) {
                    for (const e of outcome.errors) {
                        assert.match(e.path, /^berth:[A-Za-z]+(\.[\w-]+)*$/, `an error that names no key: ${JSON.stringify(e)}`);
                        assert.ok(e.allowed.length > 10, `an error that says nothing of what is allowed: ${JSON.stringify(e)}`);
                    }
                    return;
                }
                const p = await planOk(outcome.config, `matrix-${stack}`);
                assert.deepEqual(rootContainers(p), [], "root containers");
                assert.deepEqual(unfillable(p), [], "pullers that cannot fill the cache");
                assert.deepEqual(unlogged(p, target), [], "output routed nowhere");
                assert.deepEqual(untriggered(p, outcome.config), [], "schedules that nothing fires");
                assert.deepEqual(unreachable(p, outcome.config), [], "services reachable from others than their callers");
            });
        }
    }

    it("moves the shipped services, not just refuses them, and refuses only what the target cannot do", () => {
        const outcome = (from: string, to: Platform) => outcomes.find((o) => o.from === from && o.to === to);
        for (const [from, to] of [
            ["dev", "ecs-ec2"],
            ["dev", "eks"],
            ["prod", "ecs-ec2"],
            ["patterns", "eks"],
            ["patterns", "kubernetes"],
            ["ecs-ec2", "ecs-fargate"],
            ["kubernetes", "eks"],
            ["kubernetes", "ecs-fargate"],
        ] as const)
            assert.equal(outcome(from, to)?.planned, true, `${from} → ${to}: ${outcome(from, to)?.refusedAt.join(", ")}`);
        // Secrets Manager ARNs mean nothing on a cluster outside AWS; request-count scaling has no EKS counterpart yet
        // (a Route 53 domain now has one, ExternalDNS: issue 20, item 2).
        assert.deepEqual(outcome("dev", "kubernetes")?.refusedAt, ["berth:services.worker.secrets", "berth:loadBalancer.ipAddressType"]);
        assert.deepEqual(outcome("prod", "eks")?.refusedAt, ["berth:services.web.scaling.requests"]);
        assert.ok(outcomes.filter((o) => o.planned).length >= 15, `${outcomes.filter((o) => o.planned).length} moves planned`);
    });
});

describe("dev on EKS", () => {
    it("plans with zero warnings once the platform and an EKS block of one node group are set, and keeps the invariants", async () => {
        const dev = loadStackConfig("dev", PROJECT_DIR) as Json;
        // berth:fargate is ECS's capacity mix: a user moving dev deletes it, as its error says.
        const { "berth:fargate": _fargate, ...ecsFree } = dev;
        const config = {
            ...ecsFree,
            "berth:platform": "eks",
            // One node group, and the two keys every EKS block needs: who administers the cluster, and where pulumi up reaches its API from.
            "berth:eks": { nodeGroups: { general: { type: "managed" } }, adminRoleArns: ["arn:aws:iam::123456789012:role/platform-admin"], publicAccessCidrs: ["203.0.113.0/24"] },
        };
        const p = await planOk(config, "dev-on-eks");
        // The dev stack's documentation CIDR and the example admin role are placeholders, and say so.
        assert.deepEqual(besidesPlaceholders(p.warnings), []);
        assert.deepEqual([rootContainers(p), unfillable(p), unlogged(p, "eks"), untriggered(p, config), unreachable(p, config)], [[], [], [], [], []]);
        // The cache dev's images point at is the one the nodes may fill.
        assert.ok(ofType(p, "kubernetes:apps/v1:Deployment").every((d) => containersOf(d).every((c) => cachedRepository(c.image) !== undefined)));
    });
});

describe("the switch matrix's invariants catch what they guard", () => {
    const res = (type: string, name: string, inputs: Json, arn: string | null = null) => handmade(type, name, inputs, { urn: `urn:${name}`, arn });
    const planOf = (...resources: PlannedResource[]): Plan => handmadePlan(resources, { platform: null });
    const image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ecr-public/nginx/nginx:1";
    const container = (over: Json) => ({ name: "web", image, user: "1000:1000", logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/g" } }, ...over });
    const taskdef = (...containers: Json[]) => res(TASKDEF, "web-taskdef", { containerDefinitions: JSON.stringify(containers) }, "arn:td");
    const fill = (resource: string) => res("aws:iam/rolePolicy:RolePolicy", "web-exec-policy", { policy: JSON.stringify({ Statement: [{ Action: ["ecr:BatchImportUpstreamImage"], Resource: [resource] }] }) });

    it("a root or user-less container, whatever its name (a helper that chowns a volume counts too)", () => {
        const p = planOf(taskdef(container({ user: "0:0" }), container({ name: "side", user: undefined }), container({ name: "scratch-init", user: "0" }), container({ name: "ok" })));
        assert.deepEqual(rootContainers(p), ["web-taskdef/web: user 0:0", "web-taskdef/side: user undefined", "web-taskdef/scratch-init: user 0"]);
        const pod = { securityContext: { runAsNonRoot: true, runAsUser: 0 }, containers: [{ name: "web", securityContext: { runAsNonRoot: true } }] };
        assert.deepEqual(rootContainers(planOf(res(WORKLOADS[0], "web-deployment", { spec: { template: { spec: pod } } }))), ["web-deployment/web"]);
    });

    it("a puller without the fill right on the image's repository, or one beside it", () => {
        assert.deepEqual(unfillable(planOf(taskdef(container({})), fill("arn:aws:ecr:eu-west-1:123456789012:repository/ecr-public/nginx/nginx"))), []);
        assert.deepEqual(unfillable(planOf(taskdef(container({})), fill("arn:aws:ecr:eu-west-1:123456789012:repository/ecr-public/*"))), []);
        assert.deepEqual(unfillable(planOf(taskdef(container({})), fill("arn:aws:ecr:eu-west-1:123456789012:repository/docker-hub/*"))), ["web-exec-role cannot fill arn:aws:ecr:eu-west-1:123456789012:repository/ecr-public/nginx/nginx"]);
        const deployment = res(WORKLOADS[0], "web-deployment", { spec: { template: { spec: { containers: [{ name: "web", image }] } } } });
        assert.deepEqual(unfillable(planOf(deployment)), ["nothing on the cluster may fill arn:aws:ecr:eu-west-1:123456789012:repository/ecr-public/nginx/nginx"]);
    });

    it("output to a group the plan lacks, or a cluster with no shipper", () => {
        assert.deepEqual(unlogged(planOf(taskdef(container({}))), "ecs-fargate"), ["web-taskdef/web"]);
        assert.deepEqual(unlogged(planOf(taskdef(container({})), res("aws:cloudwatch/logGroup:LogGroup", "web-logs", { name: "/g" })), "ecs-fargate"), []);
        const deployment = res(WORKLOADS[0], "web-deployment", { metadata: { namespace: "web" }, spec: { template: { spec: { containers: [] } } } });
        assert.deepEqual(unlogged(planOf(deployment), "eks"), ["no log agent and no Fargate log router", "web: no log group"]);
    });

    it("a schedule nothing fires: no Scheduler schedule for the task, or a suspended CronJob", () => {
        const config = { "berth:services": { job: { kind: "task", schedule: "cron(0 2 * * ? *)" } } };
        assert.deepEqual(untriggered(planOf(res(TASKDEF, "job-taskdef", {}, "arn:job")), config), ["job"]);
        assert.deepEqual(untriggered(planOf(res(TASKDEF, "job-taskdef", {}, "arn:job"), res("aws:scheduler/schedule:Schedule", "job-schedule", { target: { ecsParameters: { taskDefinitionArn: "arn:job" } } })), config), []);
        assert.deepEqual(untriggered(planOf(res("kubernetes:batch/v1:CronJob", "job-cronjob", { spec: { schedule: NEVER, suspend: true } })), config), ["job"]);
        assert.deepEqual(untriggered(planOf(res("kubernetes:batch/v1:CronJob", "job-cronjob", { spec: { schedule: "0 2 * * *", suspend: false } })), config), []);
    });

    it("a service reachable from more than its callers, or not from a caller", () => {
        const config = { "berth:services": { api: { port: 8080 }, web: { port: 8080, calls: ["api"] }, job: { kind: "task" } } };
        const sg = (name: string) => ({ ...res("aws:ec2/securityGroup:SecurityGroup", name, {}), id: `sg-${name}` });
        const rule = (to: string, from: string) => res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", `${to}-from-${from}`, { securityGroupId: `sg-${to}-sg`, referencedSecurityGroupId: `sg-${from}-sg`, fromPort: 8080 });
        const groups = [sg("api-sg"), sg("web-sg"), sg("alb-sg")];
        assert.deepEqual(unreachable(planOf(...groups, rule("api", "web"), rule("web", "alb")), config), []);
        assert.deepEqual(unreachable(planOf(...groups), config), ["api admits nobody, callers are web:8080"]);
        assert.deepEqual(unreachable(planOf(...groups, rule("api", "web"), rule("web", "api")), config), ["web admits api:8080, callers are none"]);
        const netpol = (name: string, from: Json[]) => res("kubernetes:networking.k8s.io/v1:NetworkPolicy", `${name}-netpol`, { spec: { ingress: [{ from }] } });
        const ns = (n: string) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": n } } });
        assert.deepEqual(unreachable(planOf(netpol("api", [ns("web")]), netpol("web", [{ namespaceSelector: {}, podSelector: {} }])), config), []);
        assert.deepEqual(unreachable(planOf(netpol("api", [{ namespaceSelector: {} }]), netpol("web", [])), config), ["api admits any namespace, callers are web"]);
    });
});
