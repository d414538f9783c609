// Every limit probed on the limit and one past it, against AWS's documented figures written out
// here (not read from berth's own tables), and each probe through validateConfig.
import { strict as assert } from "assert";
import { ConfigError } from "./errors";
import { fargateConfig, managedConfig, merge, patternsConfig, validateFixture, eksConfig } from "../tests/harness";
import { FARGATE_DOCS } from "../tests/fargate-sizes";
import { validateFargateSize } from "./ecs/validate";

type Json = Record<string, unknown>;

const errorsOf = (config: Json): ReadonlyArray<ConfigError> => {
    const r = validateFixture(config);
    return r.ok ? [] : r.errors;
};
const pathsOf = (config: Json) => errorsOf(config).map((e) => e.path);
/** `{ a: { b: v } }` for ["a", "b"]. */
const nested = (keys: ReadonlyArray<string>, value: unknown): Json => keys.reduceRight<unknown>((v, k) => ({ [k]: v }), value) as Json;

describe("limits: Fargate task sizes, as AWS documents them", () => {
    const size = (cpu: number, memory: number) => validateFargateSize("web", cpu, memory).map((e) => e.path);

    for (const [cpu, valid] of FARGATE_DOCS) {
        it(`cpu ${cpu}: exactly ${valid.length} memory sizes, ${valid[0]}-${valid[valid.length - 1]} MiB`, () => {
            assert.equal(valid[valid.length - 1], { 256: 2048, 512: 4096, 1024: 8192, 2048: 16384, 4096: 30720, 8192: 61440, 16384: 122880 }[cpu]);
            const accepted = [];
            for (let memory = 512; memory <= 131072; memory += 512) if (size(cpu, memory).length === 0) accepted.push(memory);
            assert.deepEqual(accepted, valid);
        });
    }

    it("refuses a cpu Fargate does not offer, just off each documented value, through validateConfig too", () => {
        for (const cpu of [255, 257, 1023, 16385, 32768]) assert.deepEqual(size(cpu, 2048), ["berth:services.web.cpu"], String(cpu));
        assert.deepEqual(pathsOf(fargateConfig({ "berth:services": { web: { cpu: 16384, memory: 122880 } } })), []);
        assert.deepEqual(pathsOf(fargateConfig({ "berth:services": { web: { cpu: 16384, memory: 131072 } } })), ["berth:services.web.memory"]);
    });
});

describe("limits: names and numbers in the config", () => {
    it("takes a service name of 17 characters and refuses one of 18 (target group names: 32, less berth's and Pulumi's parts)", () => {
        const named = (name: string) => fargateConfig({ "berth:services": { web: null, [name]: { image: "public.ecr.aws/nginx/nginx:1.27" } } });
        assert.deepEqual(pathsOf(named("a".repeat(17))), []);
        assert.deepEqual(pathsOf(named("a".repeat(18))), [`berth:services.${"a".repeat(18)}`]);
        assert.deepEqual(pathsOf(named("a")), []);
        assert.deepEqual(pathsOf(named("a1-b")), []);
        for (const bad of ["1a", "-a", "a_b", "aB"]) assert.deepEqual(pathsOf(named(bad)), [`berth:services.${bad}`], bad);
    });

    const CHECKED = fargateConfig({ "berth:services": { web: { public: false, containerHealthCheck: { command: ["CMD", "true"] } } } });
    const ANYWHERE = fargateConfig({ "berth:platform": "ecs-anywhere", "berth:services": { web: { public: false } }, "berth:loadBalancer": null });
    // [what, key path, lowest allowed, highest allowed, the config it goes into (fargateConfig's by default)]
    const LIMITS: ReadonlyArray<[string, string[], number, number, Json?]> = [
        // As root (user: 0): a non-root container may not bind a port below 1024 (config/identity.ts).
        ["container port (TCP)", ["berth:services", "web", "port"], 1, 65535, fargateConfig({ "berth:services": { web: { user: 0 } } })],
        ["desired count", ["berth:services", "web", "desiredCount"], 0, 1000],
        ["ALB rule priority", ["berth:services", "web", "priority"], 1, 50000],
        ["ALB health check interval", ["berth:services", "web", "healthCheck", "interval"], 5, 300],
        ["ALB health check timeout", ["berth:services", "web", "healthCheck", "timeout"], 2, 120, fargateConfig({ "berth:services": { web: { healthCheck: { interval: 300 } } } })],
        ["healthy threshold", ["berth:services", "web", "healthCheck", "healthyThreshold"], 2, 10],
        ["unhealthy threshold", ["berth:services", "web", "healthCheck", "unhealthyThreshold"], 2, 10],
        ["container health check interval", ["berth:services", "web", "containerHealthCheck", "interval"], 5, 300, CHECKED],
        ["container health check timeout", ["berth:services", "web", "containerHealthCheck", "timeout"], 2, 60, CHECKED],
        ["container health check retries", ["berth:services", "web", "containerHealthCheck", "retries"], 1, 10, CHECKED],
        ["container health check start period", ["berth:services", "web", "containerHealthCheck", "startPeriod"], 0, 300, CHECKED],
        ["deregistration delay", ["berth:loadBalancer", "deregistrationDelay"], 0, 3600],
        ["ALB idle timeout", ["berth:loadBalancer", "idleTimeout"], 1, 4000],
        ["images kept", ["berth:registry", "keepLast"], 1, 1000],
        ["untagged image expiry", ["berth:registry", "untaggedExpiryDays"], 1, 365],
        ["availability zones", ["berth:network", "azs"], 2, 3],
        ["ECS Anywhere registrations", ["berth:anywhere", "registrationLimit"], 1, 1000, ANYWHERE],
        ["capacity provider target capacity", ["berth:ec2", "targetCapacity"], 1, 100, fargateConfig({ "berth:platform": "ecs-ec2" })],
        ["EC2 CPU target", ["berth:ec2", "cpuTarget"], 10, 90, fargateConfig({ "berth:platform": "ecs-ec2", "berth:ec2": { scaling: "cpu" } })],
        ["EC2 root volume (the ECS-optimized AMI's snapshot is 30 GiB)", ["berth:ec2", "rootVolumeGiB"], 30, 16384, fargateConfig({ "berth:platform": "ecs-ec2" })],
        ["App Runner concurrency", ["berth:services", "web", "scaling", "concurrency"], 1, 200, managedConfig("apprunner", { "berth:services": { web: { scaling: { min: 1, max: 2 } } } })],
        ["EventBridge retry attempts", ["berth:patterns", "scheduledBatch", "report", "retry", "attempts"], 0, 185, patternsConfig()],
        ["EventBridge maximum event age", ["berth:patterns", "scheduledBatch", "report", "retry", "maxEventAgeSeconds"], 60, 86400, patternsConfig()],
        ["Scheduler flexible window", ["berth:patterns", "scheduledBatch", "report", "flexibleWindowMinutes"], 0, 1440, patternsConfig({ "berth:patterns": { scheduledBatch: { report: { schedule: "rate(2 days)" } } } })],
        ["EKS node root volume", ["berth:eks", "nodeGroups", "general", "rootVolumeGiB"], 20, 16384, eksConfig()],
    ];

    for (const [what, [top, ...rest], lo, hi, base] of LIMITS) {
        const at = [top, ...rest].join(".");
        it(`${what}: ${lo}-${hi}, refused at ${lo - 1} and ${hi + 1}`, () => {
            const config = (v: number) => merge(base ?? fargateConfig(), { [top]: nested(rest, v) });
            for (const ok of [lo, hi]) assert.ok(!pathsOf(config(ok)).includes(at), `${at}: ${ok} refused: ${JSON.stringify(errorsOf(config(ok)))}`);
            for (const bad of [lo - 1, hi + 1]) assert.ok(pathsOf(config(bad)).includes(at), `${at}: ${bad} accepted`);
        });
    }

    it("takes an ALB path pattern of 128 characters and refuses one of 129", () => {
        const routed = (path: string) => pathsOf(fargateConfig({ "berth:services": { web: { path, healthCheck: { path: "/healthz" } } } }));
        assert.deepEqual(routed(`/${"a".repeat(127)}`), []);
        assert.deepEqual(routed(`/${"a".repeat(128)}`), ["berth:services.web.path"]);
    });

    it("takes 5 Fargate profile selectors and refuses 6", () => {
        const selectors = (n: number) => Array.from({ length: n }, (_, i) => ({ namespace: i === 0 ? "web" : `ns${i}` }));
        const eks = (n: number) => pathsOf(eksConfig({ "berth:eks": { nodeGroups: { general: null, serverless: { type: "fargate", selectors: selectors(n) } } } }));
        assert.deepEqual(eks(5), []);
        assert.deepEqual(eks(6), ["berth:eks.nodeGroups.serverless.selectors"]);
    });
});

describe("limits that depend on other keys", () => {
    it("lets an ALB health check time out one second before its interval, and no later", () => {
        const check = (interval: number, timeout: number) => pathsOf(fargateConfig({ "berth:services": { web: { healthCheck: { interval, timeout } } } }));
        assert.deepEqual(check(10, 9), []);
        assert.deepEqual(check(10, 10), ["berth:services.web.healthCheck.timeout"]);
    });

    it("runs as many ECS Anywhere tasks on a fixed port as hosts may register, and not one more", () => {
        const anywhere = (desiredCount: number) =>
            pathsOf(fargateConfig({ "berth:platform": "ecs-anywhere", "berth:loadBalancer": null, "berth:anywhere": { registrationLimit: 4 }, "berth:services": { web: { public: false, desiredCount } } }));
        assert.deepEqual(anywhere(4), []);
        assert.deepEqual(anywhere(5), ["berth:services.web.desiredCount"]);
    });

    it("places a task exactly the size of the largest instance type (t3.large: 2 vCPU, 8 GiB), and refuses one unit more", () => {
        const ec2 = (cpu: number, memory: number) => pathsOf(fargateConfig({ "berth:platform": "ecs-ec2", "berth:ec2": { instanceTypes: ["t3.large"] }, "berth:services": { web: { cpu, memory } } }));
        assert.deepEqual(ec2(2048, 8192), []);
        assert.deepEqual(ec2(2049, 8192), ["berth:services.web.cpu"]);
        assert.deepEqual(ec2(2048, 8193), ["berth:services.web.memory"]);
    });

    it("fills every network interface of the group (t3.medium: 3, one the instance's), and refuses one task more", () => {
        // 5 instances x 2 task interfaces = 10 awsvpc tasks.
        const slots = (desiredCount: number) => pathsOf(fargateConfig({ "berth:platform": "ecs-ec2", "berth:ec2": { maxSize: 5 }, "berth:services": { web: { desiredCount } } }));
        assert.deepEqual(slots(10), []);
        assert.deepEqual(slots(11), ["berth:ec2.maxSize"]);
    });

    it("keeps a scheduled batch's flexible window below its interval: 119 minutes of a 2-hour rate, not 120", () => {
        const batch = (flexibleWindowMinutes: number) => pathsOf(patternsConfig({ "berth:patterns": { scheduledBatch: { report: { schedule: "rate(2 hours)", flexibleWindowMinutes } } } }));
        assert.deepEqual(batch(119), []);
        assert.deepEqual(batch(120), ["berth:patterns.scheduledBatch.report.flexibleWindowMinutes"]);
    });

    it("sizes a VPC for its AZs: a /17 holds 2 AZs but not 3, a /16 holds 3, nothing wider than /16", () => {
        const vpc = (cidr: string, azs: number) => pathsOf(fargateConfig({ "berth:network": { cidr, azs } }));
        assert.deepEqual(vpc("10.0.0.0/17", 2), []);
        assert.deepEqual(vpc("10.0.0.0/18", 2), ["berth:network.cidr"]);
        assert.deepEqual(vpc("10.0.0.0/17", 3), ["berth:network.cidr"]);
        assert.deepEqual(vpc("10.0.0.0/16", 3), []);
        assert.deepEqual(vpc("10.0.0.0/15", 2), ["berth:network.cidr"]);
    });
});

describe("listener-rule priorities", () => {
    const spec = (services: Json) => {
        const r = validateFixture(fargateConfig({ "berth:services": services }));
        assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
        return Object.fromEntries(
            Object.entries(r.spec.services)
                .filter(([, s]) => s.loadBalancer === "alb")
                .map(([n, s]) => [n, s.priority]),
        );
    };
    /** A service routed on a 6-character path of its own, so that only its name orders it among the others. */
    const api = (name: string) => ({ [name]: { image: "public.ecr.aws/nginx/nginx:1.27", port: 8080, public: true, path: `/${name.padEnd(3, "x").slice(0, 3)}/*`, healthCheck: { path: "/health" } } });

    it("moves derived priorities down a chain of clashes, in name order whatever order the services are written in", () => {
        // Derived priorities on 6-character paths: cart 47857, ajh 47858, aji 47859 (390 slots per path length,
        // 122 lengths below 128, then the name's hash). web claims 47857 explicitly; cart then moves
        // past ajh and aji, which come before it by name and keep theirs.
        const services = { ...api("cart"), web: { priority: 47857 }, ...api("aji"), ...api("ajh") };
        assert.deepEqual(spec(services), { web: 47857, cart: 47860, aji: 47859, ajh: 47858 });
    });

    it("reports each service that repeats an explicit priority, however many share it", () => {
        const routed = (path: string) => ({ image: "public.ecr.aws/nginx/nginx:1.27", port: 8080, public: true, path, priority: 7, healthCheck: { path: "/health" } });
        const r = validateFixture(fargateConfig({ "berth:services": { web: { priority: 7 }, cart: routed("/cart/*"), api: routed("/api/*") } }));
        assert.ok(!r.ok);
        assert.deepEqual(
            r.errors.map((e) => e.path),
            ["berth:services.cart.priority", "berth:services.api.priority"],
        );
    });
});
