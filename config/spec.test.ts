import { strict as assert } from "assert";
import { assignRulePriorities, defaultContainerHealthCheck, defaultRulePriority } from "./spec";
import { fargateConfig, patternsConfig, validateFixture } from "../tests/harness";

type Json = Record<string, unknown>;

/** The spec of a config that must validate. */
function specOf(config: Json) {
    const r = validateFixture(config);
    if (!r.ok) assert.fail(`expected the config to validate:\n${r.errors.map((e) => `${e.path}: ${e.allowed}`).join("\n")}`);
    return r.spec;
}

describe("assignRulePriorities", () => {
    it("moves a derived priority past every explicit one, whatever the explicit service's name sorts as", () => {
        const derived = defaultRulePriority("/*", "b");
        // "z" sorts after "b", so its explicit number must be taken before "b" is placed.
        assert.deepEqual(
            assignRulePriorities([
                { name: "b", path: "/*" },
                { name: "z", path: "/z", priority: derived },
            ]),
            { b: derived + 1, z: derived },
        );
        assert.deepEqual(
            assignRulePriorities([
                { name: "a", path: "/a", priority: derived },
                { name: "b", path: "/*" },
            ]),
            { a: derived, b: derived + 1 },
        );
    });
});

describe("defaultContainerHealthCheck", () => {
    const busybox = "public.ecr.aws/docker/library/busybox:1.36";
    const svc = (o: Json) => ({ kind: "service", public: false, port: 8080, image: busybox, healthCheck: {}, ...o }) as never;
    const probe = (url: string) => ({ command: ["CMD-SHELL", `wget -q -O /dev/null ${url} || exit 1`], interval: 30, timeout: 5, retries: 3, startPeriod: 10 });
    const cases: Array<[string, Json, string, ReturnType<typeof probe> | undefined]> = [
        ["a private service on a BusyBox image", {}, "ecs-fargate", probe("http://127.0.0.1:8080/")],
        ["a private service on an Alpine image, on its health-check path", { image: "alpine:3.20", port: 3000, healthCheck: { path: "/healthz" } }, "ecs-ec2", probe("http://127.0.0.1:3000/healthz")],
        ["a public service on ecs-anywhere, which has no load balancer to check it", { public: true }, "ecs-anywhere", probe("http://127.0.0.1:8080/")],
        ["a public service behind a load balancer", { public: true }, "ecs-fargate", undefined],
        ["a task, even with a port", { kind: "task" }, "ecs-fargate", undefined],
        ["a service without a port", { port: undefined }, "ecs-fargate", undefined],
        ["a service without an image", { image: undefined }, "ecs-fargate", undefined],
        ["an image not known to ship wget", { image: "public.ecr.aws/nginx/nginx:1.27" }, "ecs-fargate", undefined],
    ];
    for (const [what, o, platform, want] of cases) {
        it(`${want ? "probes" : "leaves alone"} ${what} (${platform})`, () => assert.deepEqual(defaultContainerHealthCheck(svc(o), { platform } as never), want));
    }
    it("reaches the spec: the private BusyBox api is probed, the public web service is not", () => {
        assert.deepEqual(specOf(patternsConfig()).services.api.containerHealthCheck, probe("http://127.0.0.1:8080/"));
        assert.equal(specOf(fargateConfig()).services.web.containerHealthCheck, undefined);
    });
});

describe("resolveSpec", () => {
    it("numbers only public ALB services' listener rules; private and NLB services get 0", () => {
        const image = "public.ecr.aws/nginx/nginx:1.27";
        const spec = specOf(
            fargateConfig({
                "berth:services": {
                    internal: { image, port: 8080, cpu: 256, memory: 512 },
                    tcp: { image, port: 9000, cpu: 256, memory: 512, public: true, loadBalancer: "nlb" },
                },
            }),
        );
        const got = Object.fromEntries(Object.values(spec.services).map((s) => [s.name, [s.loadBalancer, s.priority]]));
        // "web" hashes to (119*31*31 + 101*31 + 98) mod 390 = 198; "/*" is 2 characters long, 126 short of 128.
        assert.deepEqual(got, { web: ["alb", 390 * 126 + 198 + 1], internal: [undefined, 0], tcp: ["nlb", 0] });
    });
    it("lists each secret's customer-managed KMS key once, sorted", () => {
        const key = (id: string) => `arn:aws:kms:eu-west-1:123456789012:key/${id}`;
        const param = (n: string) => `arn:aws:ssm:eu-west-1:123456789012:parameter/web/${n}`;
        const secrets = { A: { arn: param("a"), kmsKey: key("zz") }, B: { arn: param("b"), kmsKey: key("aa") }, C: { arn: param("c"), kmsKey: key("zz") }, D: param("d") };
        const web = specOf(fargateConfig({ "berth:services": { web: { secrets } } })).services.web;
        assert.deepEqual(web.secretKmsKeys, [key("aa"), key("zz")]);
        assert.deepEqual(web.secrets, { A: param("a"), B: param("b"), C: param("c"), D: param("d") });
    });
});
