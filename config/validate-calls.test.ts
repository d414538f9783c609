// The rules of `calls` and `internal` (issue 19 item 5), each with its key path, value and what is allowed.
import { strict as assert } from "assert";
import { errorAt, fargateConfig, fixtureErrors, managedConfig, validateFixture, eksConfig, kubernetesConfig } from "../tests/harness";

const image = "public.ecr.aws/docker/library/busybox:1.36";
const at = (name: string, ...k: Array<string | number>) => ["berth:services", name, ...k].join(".");

describe("validateCalls", () => {
    const cases: Array<[string, Record<string, unknown>, string, unknown, RegExp]> = [
        ["itself", { api: { image, port: 9000, calls: ["api"] } }, at("api", "calls", 0), "api", /^another service \(one of web\): a service reaches itself on localhost$/],
        ["an unknown service", { api: { image, port: 9000, calls: ["db"] } }, at("api", "calls", 0), "db", /^the name of another service of this stack \(one of web\)$/],
        ["a service without a port", { api: { image, calls: ["worker"] }, worker: { image } }, at("api", "calls", 0), "worker", /^a service with a port \(one of web\): worker has none, so nothing can call it$/],
        ["a one-off task", { api: { image, calls: ["job"] }, job: { kind: "task", image, port: 80 } }, at("api", "calls", 0), "job", /^a long-running service \(one of web\): job is a one-off task, which has no address$/],
        ["a name twice", { api: { image, calls: ["web", "web"] } }, at("api", "calls", 1), "web", /^a name listed once: web is already at calls\.0$/],
    ];
    for (const [what, services, path, value, allowed] of cases) {
        it(`refuses ${what}`, () => {
            const e = errorAt(fixtureErrors(fargateConfig({ "berth:services": services })), path);
            assert.equal(e.value, value);
            assert.match(e.allowed, allowed);
        });
    }

    it("refuses two calls whose security group rules would share a name", () => {
        const services = { a: { image, port: 1 }, "a-calls-from-b": { image, port: 2 }, "b-calls-from-c": { image, calls: ["a"] }, c: { image, calls: ["a-calls-from-b"] } };
        const e = errorAt(fixtureErrors(fargateConfig({ "berth:services": services })), at("c", "calls", 0));
        assert.equal(e.value, "a-calls-from-b");
        assert.match(e.allowed, /^a call whose security group rule is not also named a-calls-from-b-calls-from-c \(a called by b-calls-from-c\)/);
    });

    it("lists as callable only the long-running services with a port, or says there are none", () => {
        const named = (services: Record<string, unknown>) => errorAt(fixtureErrors(fargateConfig({ "berth:services": services })), at("worker", "calls", 0)).allowed;
        const stack = { web: null, api: { image, port: 9000 }, job: { kind: "task", image, port: 9100 }, worker: { image, calls: ["db"] } };
        assert.equal(named(stack), "the name of another service of this stack (one of api)");
        assert.equal(named({ web: null, worker: { image, calls: ["db"] } }), "the name of another service of this stack (none here: no other service of this stack has a port)");
    });

    it("accepts a call to a public service, and from a service without a port", () => {
        assert.ok(validateFixture(fargateConfig({ "berth:services": { worker: { image, calls: ["web"] } } })).ok);
    });

    it("reports every bad entry at once", () => {
        const errors = fixtureErrors(fargateConfig({ "berth:services": { api: { image, calls: ["api", "nope", "web"] } } }));
        assert.deepEqual(
            errors.map((e) => e.path),
            [at("api", "calls", 0), at("api", "calls", 1)],
        );
    });

    it("refuses calls from a one-off task on ECS (Service Connect joins only services), allows it on Kubernetes", () => {
        const services = { job: { kind: "task", image, calls: ["web"] } };
        assert.match(errorAt(fixtureErrors(fargateConfig({ "berth:services": services })), at("job", "calls")).allowed, /^nothing on a one-off task \(kind: task\) on ecs-fargate: ECS Service Connect joins only ECS services/);
        assert.ok(validateFixture(eksConfig({ "berth:services": services })).ok);
    });

    for (const platform of ["apprunner", "ecs-express"] as const) {
        it(`refuses calls on ${platform}, which has no private names`, () => {
            const e = errorAt(fixtureErrors(managedConfig(platform, { "berth:services": { web: { calls: ["web"] } } })), at("web", "calls"));
            assert.deepEqual(e.value, ["web"]);
            assert.match(e.allowed, new RegExp(`^nothing on platform ${platform}: .*no private names between them`));
        });
    }

    it("refuses calls on ecs-anywhere, where Service Connect does not run", () => {
        const cfg = { "aws:region": "eu-west-1", "berth:platform": "ecs-anywhere", "berth:services": { api: { image, port: 9000 }, worker: { image, calls: ["api"] } } };
        assert.match(errorAt(fixtureErrors(cfg), at("worker", "calls")).allowed, /^nothing on platform ecs-anywhere: ECS Service Connect.* does not run on external instances/);
    });
});

describe("validateInternal", () => {
    const admin = (internal: unknown, more: Record<string, unknown> = {}) => ({ "berth:services": { admin: { image, port: 3000, internal, ...more } } });

    it("refuses internal with public", () => {
        const e = errorAt(fixtureErrors(fargateConfig(admin({}, { public: true }))), at("admin", "internal"));
        assert.match(e.allowed, /^nothing with public: true: a service sits behind the public load balancer or the internal one, not both$/);
    });

    it("refuses internal with privateLink, on a task, and without a port", () => {
        const pl = { allowedPrincipals: ["arn:aws:iam::123456789012:root"] };
        assert.match(errorAt(fixtureErrors(fargateConfig(admin({}, { privateLink: pl }))), at("admin", "internal")).allowed, /^nothing with privateLink/);
        assert.match(errorAt(fixtureErrors(fargateConfig(admin({}, { kind: "task" }))), at("admin", "internal")).allowed, /^nothing on a one-off task/);
        assert.match(errorAt(fixtureErrors(fargateConfig({ "berth:services": { admin: { image, internal: {} } } })), at("admin", "port")).allowed, /internal load balancer/);
    });

    it("refuses an NLB and a listener port: the internal load balancer is an ALB on 80", () => {
        const errors = fixtureErrors(fargateConfig(admin({}, { loadBalancer: "nlb", listenerPort: 8443 })));
        assert.match(errorAt(errors, at("admin", "loadBalancer")).allowed, /^alb or nothing: the internal load balancer is an ALB/);
        assert.equal(errorAt(errors, at("admin", "listenerPort")).value, 8443);
    });

    it("takes at most 3 CIDRs, the values of one source-ip condition, whatever the path (5 values in all per rule)", () => {
        const cidrs = (n: number) => Array.from({ length: n }, (_, i) => `10.${i}.0.0/16`);
        assert.ok(validateFixture(fargateConfig(admin({ allowedCidrs: cidrs(3) }))).ok);
        const e = errorAt(fixtureErrors(fargateConfig(admin({ allowedCidrs: cidrs(4) }))), at("admin", "internal", "allowedCidrs"));
        assert.equal(e.allowed, "at most 3 CIDRs: an ALB rule's source-ip condition takes 3 values, and the rule 5 in all, with the path");
        // A bare prefix takes two of the rule's values (/admin and /admin/*): three are left, as many as the condition takes.
        const bare = (n: number) => fargateConfig(admin({ allowedCidrs: cidrs(n) }, { path: "/admin", healthCheck: { path: "/admin/health" } }));
        assert.ok(validateFixture(bare(3)).ok);
        assert.match(errorAt(fixtureErrors(bare(4)), at("admin", "internal", "allowedCidrs")).allowed, /^at most 3 CIDRs/);
    });

    it("raises no unused-key warning for an internal service's path and health check, which its ALB uses", () => {
        const r = validateFixture(fargateConfig(admin({}, { path: "/admin/*", healthCheck: { path: "/admin/health" } })));
        assert.ok(r.ok);
        assert.deepEqual(
            r.warnings.filter((w) => w.path.startsWith(at("admin"))),
            [],
        );
    });

    it("refuses two internal services on the same path, as on the public ALB, but not an internal and a public one", () => {
        const errors = fixtureErrors(fargateConfig({ "berth:services": { admin: { image, port: 3000, internal: {} }, ops: { image, port: 4000, internal: {} } } }));
        assert.match(errorAt(errors, at("ops", "path")).allowed, /^a path of its own, such as \/ops\/\*: service admin is routed on \/\*/);
        assert.ok(validateFixture(fargateConfig({ "berth:services": { admin: { image, port: 3000, internal: {} } } })).ok);
    });

    for (const [platform, cfg, why] of [
        ["apprunner", managedConfig("apprunner", admin({})), /App Runner serves every service on its own public URL/],
        ["ecs-express", managedConfig("ecs-express", admin({})), /Express Mode owns its load balancer/],
        ["kubernetes", kubernetesConfig(admin({})), /berth:kubernetes names one ingress class and no internal one/],
        ["ecs-anywhere", { "aws:region": "eu-west-1", "berth:platform": "ecs-anywhere", ...admin({}) }, /its tasks run on your hosts, outside any VPC/],
    ] as const) {
        it(`refuses internal on ${platform}`, () => {
            const e = errorAt(fixtureErrors(cfg), at("admin", "internal"));
            assert.deepEqual(e.value, {});
            assert.match(e.allowed, new RegExp(`^nothing on platform ${platform}: `));
            assert.match(e.allowed, why);
        });
    }
});
