import { strict as assert } from "assert";
import fc from "fast-check";
import { ConfigError, formatConfigError } from "./errors";
import { BUILT_PLATFORMS, orderErrors, suggestServiceName, validateParsed, validatePlatform, validatePlatformKeys, validatePublicRouting, validateService, validateServiceName } from "./validate";
import { configSchema, Platform, PLATFORMS, serviceSchema } from "./schema";
import { assignRulePriorities, defaultRulePriority } from "./spec";
import { FARGATE_DOCS, FARGATE_PAIRS } from "../tests/fargate-sizes";
import { errorAt, fargateConfig, fixtureErrors, merge, validateFixture } from "../tests/harness";
import { validateFargateSize } from "./ecs/validate";

const validate = (overrides: Record<string, unknown> = {}) => validateFixture(fargateConfig(overrides));
const errorsOf = (overrides: Record<string, unknown>) => fixtureErrors(fargateConfig(overrides));

describe("validateFargateSize", () => {
    it("accepts every pair AWS documents (property)", () => {
        fc.assert(fc.property(fc.constantFrom(...FARGATE_PAIRS), ([cpu, memory]) => assert.deepEqual(validateFargateSize("web", cpu, memory), [])));
    });

    it("rejects any other memory for a documented cpu, at the memory key, naming the cpu (property)", () => {
        fc.assert(
            fc.property(fc.constantFrom(...FARGATE_DOCS), fc.integer({ min: 1, max: 200_000 }), ([cpu, memories], memory) => {
                fc.pre(!memories.includes(memory));
                const [e, ...more] = validateFargateSize("web", cpu, memory);
                assert.deepEqual([e.path, e.value, more], ["berth:services.web.memory", memory, []]);
                assert.match(e.allowed, new RegExp(`with cpu ${cpu} on Fargate`));
            }),
        );
    });

    const table: Array<[number, number, string | null]> = [
        [256, 512, null],
        [256, 1536, "berth:services.web.memory"],
        [512, 4096, null],
        [4096, 30720, null],
        [4096, 9216, null],
        [4096, 8704, "berth:services.web.memory"],
        [8192, 20480, null],
        [8192, 18432, "berth:services.web.memory"],
        [16384, 122880, null],
        [300, 512, "berth:services.web.cpu"],
    ];
    for (const [cpu, memory, path] of table) {
        it(`cpu ${cpu} / memory ${memory}: ${path ? "rejected at " + path : "accepted"}`, () => {
            const errors = validateFargateSize("web", cpu, memory);
            assert.deepEqual(
                errors.map((e) => e.path),
                path ? [path] : [],
            );
        });
    }
});

describe("validateService", () => {
    const svc = (over: Record<string, unknown>) => serviceSchema.parse({ image: "nginx", port: 8080, ...over });
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
        ["neither image nor build", { image: undefined }, "berth:services.s.image", /exactly one of image .* or build/],
        ["both image and build", { build: { context: "./app" } }, "berth:services.s.image", /exactly one/],
        ["public without a port", { port: undefined, public: true }, "berth:services.s.port", /container port/],
        ["timeout not below interval", { healthCheck: { interval: 10, timeout: 10 } }, "berth:services.s.healthCheck.timeout", /fewer seconds than healthCheck.interval \(10\)/],
        ["a secret also set as plain environment", { environment: { TOKEN: "x" }, secrets: { TOKEN: "arn:aws:ssm:us-east-1:123456789012:parameter/t" } }, "berth:services.s.secrets.TOKEN", /never be a plain environment value/],
    ];
    for (const [what, over, path, allowed] of cases) {
        it(`rejects ${what}`, () => {
            const e = errorAt(validateService("s", svc(over)), path);
            assert.match(e.allowed, allowed);
        });
    }
    it("accepts a plain private service", () => assert.deepEqual(validateService("s", svc({})), []));
});

describe("defaultRulePriority", () => {
    it("puts a longer path before a shorter one whatever the names, within ALB's 1-50000", () => {
        fc.assert(
            fc.property(fc.string({ minLength: 1, maxLength: 398 }), fc.string({ minLength: 1, maxLength: 5 }), fc.string(), fc.string(), (p, extra, a, b) => {
                const long = defaultRulePriority(`/${p}${extra}`, a);
                const short = defaultRulePriority(`/${p}`, b);
                assert.ok(long < short, `${long} !< ${short}`);
                assert.ok(long >= 1 && short <= 50000);
            }),
        );
    });
});

describe("validateConfig", () => {
    it("resolves environment defaults into the spec", () => {
        const r = validate();
        assert.ok(r.ok);
        assert.equal(r.spec.services.web.desiredCount, 1);
        assert.deepEqual(r.spec.network, { cidr: "10.0.0.0/16", azs: 2, nat: "single" });
        assert.equal(r.spec.protect, false);
    });

    it("makes prod highly available and protected by default", () => {
        const r = validate({ "berth:environment": "prod" });
        assert.ok(r.ok);
        assert.deepEqual(r.spec.network, { cidr: "10.0.0.0/16", azs: 3, nat: "one-per-az" });
        assert.equal(r.spec.services.web.desiredCount, 2);
        assert.equal(r.spec.logs.retentionDays, 90);
        assert.equal(r.spec.protect, true);
    });

    it("reports every mistake at once, each with key path, value and what is allowed", () => {
        const errors = errorsOf({
            "berth:platform": "ecs-fargat",
            "berth:network": { azs: 5, nat: "double", bogus: true },
            "berth:services": { web: { cpu: "lots" }, Bad_Name: { image: "x" } },
        });
        const messages = errors.map(formatConfigError);
        assert.deepEqual(errors.map((e) => e.path).sort(), ["berth:network.azs", "berth:network.bogus", "berth:network.nat", "berth:platform", "berth:services.Bad_Name", "berth:services.web.cpu"]);
        assert.match(messages.find((m) => m.startsWith("berth:platform"))!, /is "ecs-fargat"; expected one of "ecs-fargate", "ecs-ec2"/);
        assert.match(messages.find((m) => m.startsWith("berth:network.azs"))!, /is 5; expected at most 3/);
        assert.match(messages.find((m) => m.startsWith("berth:network.bogus"))!, /no such key; known keys here are cidr, azs, nat/);
        assert.match(messages.find((m) => m.startsWith("berth:services.web.cpu"))!, /is "lots"; expected a number of CPU units, 1024 per vCPU \(256 is a quarter vCPU\)$/);
        assert.match(messages.find((m) => m.startsWith("berth:services.Bad_Name"))!, /1-17 lowercase letters/);
    });

    it("builds every platform it names, and lists them for an unknown one", () => {
        assert.deepEqual([...BUILT_PLATFORMS].sort(), [...PLATFORMS].sort());
        const e = errorAt(errorsOf({ "berth:platform": "fargate" }), "berth:platform");
        assert.equal(e.value, "fargate");
        assert.equal(e.allowed, 'one of "ecs-fargate", "ecs-ec2", "ecs-anywhere", "eks", "kubernetes", "apprunner", "ecs-express": did you mean "ecs-fargate"?');
    });

    it("requires an explicit audience for a public load balancer", () => {
        const e = errorAt(errorsOf({ "berth:loadBalancer": { allowedCidrs: [] } }), "berth:loadBalancer.allowedCidrs");
        assert.match(e.allowed, /0\.0\.0\.0\/0 explicitly/);
    });

    it("rejects two public services on the same path, saying only what the user wrote", () => {
        const both = errorAt(fixtureErrors(merge(fargateConfig(), { "berth:services": { api: { image: "api", port: 8080, public: true } } })), "berth:services.api.path");
        // Neither wrote a path: the value is missing, and the message says why (the default routes every path).
        assert.deepEqual([both.value, both.allowed], [undefined, "a path of its own, such as /api/*: service web is routed on /* (every path)"]);
        const written = errorAt(
            fixtureErrors(
                merge(fargateConfig(), { "berth:services": { web: { path: "/app/*", healthCheck: { path: "/app/health" } }, api: { image: "api", port: 8080, public: true, path: "/app/*", healthCheck: { path: "/app/health" } } } }),
            ),
            "berth:services.api.path",
        );
        assert.deepEqual([written.value, written.allowed], ["/app/*", "a path of its own, such as /api/*: service web is routed on it"]);
    });

    it("says nothing of the route of a public service without a port: the missing port is the mistake", () => {
        const errors = fixtureErrors(merge(fargateConfig(), { "berth:services": { worker: { image: "busybox", public: true } } }));
        assert.deepEqual(
            errors.map((e) => e.path),
            ["berth:services.worker.port"],
        );
    });

    it("rejects two ALB services with the same listener-rule priority", () => {
        const errors = fixtureErrors(merge(fargateConfig(), { "berth:services": { web: { priority: 7 }, api: { image: "api", port: 8080, public: true, path: "/api/*", priority: 7 } } }));
        assert.match(errorAt(errors, "berth:services.api.priority").allowed, /not used by service web/);
    });

    it("moves a derived priority that clashes to the next free number, in name order", () => {
        const services = [
            { name: "cart", path: "/cart/*" },
            { name: "chat", path: "/chat/*" },
            { name: "web", path: "/*", priority: defaultRulePriority("/cart/*", "cart") },
        ];
        const p = assignRulePriorities(services);
        assert.equal(new Set(Object.values(p)).size, 3);
        assert.equal(p.web, defaultRulePriority("/cart/*", "cart"));
        assert.ok(p.cart < defaultRulePriority("/*", "x") && p.chat < defaultRulePriority("/*", "x"));
    });

    it("does not mistake a secret named like an object property for an environment variable", () => {
        assert.deepEqual(validateService("s", serviceSchema.parse({ image: "i", secrets: { valueOf: "arn:aws:ssm:us-east-1:123456789012:parameter/p" } })), []);
    });

    it("rejects a secret that is not a Secrets Manager or SSM ARN", () => {
        const e = errorAt(errorsOf({ "berth:services": { web: { secrets: { DB: "plaintext-password" } } } }), "berth:services.web.secrets.DB");
        assert.equal(e.value, "plaintext-password");
        assert.match(e.allowed, /Secrets Manager secret ARN/);
    });

    it("rejects a log retention CloudWatch does not offer", () => {
        const e = errorAt(errorsOf({ "berth:logs": { retentionDays: 10 } }), "berth:logs.retentionDays");
        assert.match(e.allowed, /one of 1, 3, 5, 7, 14/);
    });

    it("rejects an unknown top-level key under berth:, suggesting the key meant", () => {
        const e = errorAt(errorsOf({ "berth:platfrom": "ecs-fargate" }), "berth:platfrom");
        assert.equal(e.allowed, "no such key: did you mean berth:platform?");
    });
});

describe("Fargate sizes, against AWS's table", () => {
    // "Amazon ECS task definition parameters for Fargate", task size table, memory in GiB, written out here.
    const gib = (from: number, to: number, step: number) => Array.from({ length: (to - from) / step + 1 }, (_, i) => (from + i * step) * 1024);
    const AWS: Array<[number, number[], string]> = [
        [256, [512, 1024, 2048], "512, 1024, 2048"],
        [512, gib(1, 4, 1), "1024-4096 in steps of 1024"],
        [1024, gib(2, 8, 1), "2048-8192 in steps of 1024"],
        [2048, gib(4, 16, 1), "4096-16384 in steps of 1024"],
        [4096, gib(8, 30, 1), "8192-30720 in steps of 1024"],
        [8192, gib(16, 60, 4), "16384-61440 in steps of 4096"],
        [16384, gib(32, 120, 8), "32768-122880 in steps of 8192"],
    ];
    for (const [cpu, valid, words] of AWS) {
        it(`cpu ${cpu}: memory ${words}, every other multiple of 512 up to 128 GiB rejected with those words`, () => {
            for (let memory = 512; memory <= 131072; memory += 512) {
                const errors = validateFargateSize("web", cpu, memory);
                assert.deepEqual(errors, valid.includes(memory) ? [] : [{ path: "berth:services.web.memory", value: memory, allowed: `${words} MiB with cpu ${cpu} on Fargate` }], `memory ${memory}`);
            }
        });
    }

    it("names every Fargate cpu for one it does not offer", () => {
        for (const cpu of [128, 300, 768, 32768]) {
            assert.deepEqual(validateFargateSize("web", cpu, 2048), [{ path: "berth:services.web.cpu", value: cpu, allowed: "one of 256, 512, 1024, 2048, 4096, 8192, 16384 on Fargate" }]);
        }
    });
});

describe("service names", () => {
    const rule = "a service name of 1-17 lowercase letters, digits or '-', starting with a letter (target group names allow 32 characters)";
    const cases: Array<[string, string | undefined]> = [
        ["a", undefined],
        ["a".repeat(17), undefined],
        ["web-2", undefined],
        ["a".repeat(18), "a".repeat(17)],
        ["Web", "web"],
        ["my__service", "my-service"],
        ["12web", "web"],
        ["Web--", "web"],
        ["Web-", "web"],
        [`${"a".repeat(16)}_x`, "a".repeat(16)],
        ["123", ""],
        ["", ""],
        ["wéb", "web"],
        ["Ünïcode-App", "unicode-app"],
    ];
    for (const [name, meant] of cases) {
        it(`${JSON.stringify(name)}: ${meant === undefined ? "valid" : meant ? `did you mean ${meant}?` : "no suggestion"}`, () => {
            const expected = meant === undefined ? [] : [{ path: `berth:services.${name === "" ? '""' : name}`, value: name, allowed: meant ? `${rule}: did you mean ${meant}?` : rule }];
            assert.deepEqual(validateServiceName(name), expected);
            assert.equal(suggestServiceName(name), meant === undefined ? name : meant || undefined);
        });
    }

    it("reports each bad name once, and a list or text in place of the map once", () => {
        assert.deepEqual(
            fixtureErrors(fargateConfig({ "berth:services": "web" })).map((e) => [e.path, e.allowed]),
            [["berth:services", "a map of service names to services"]],
        );
        assert.deepEqual(
            fixtureErrors(fargateConfig({ "berth:services": { web: null, Web: { image: "nginx" } } })).map((e) => e.path),
            ["berth:services.Web"],
        );
    });
});

describe("validatePlatformKeys", () => {
    it("names each key an existing cluster does not use", () => {
        const raw = { network: { cidr: "10.0.0.0/16" }, storage: {}, registry: {}, logs: {}, ec2: {} };
        const why = "nothing on platform kubernetes: berth deploys into your existing cluster and creates no VPC, file systems, ECR repository or log groups";
        assert.deepEqual(validatePlatformKeys(raw, "kubernetes"), [
            { path: "berth:ec2", value: {}, allowed: "nothing on platform kubernetes: this key configures ecs-ec2" },
            { path: "berth:network", value: raw.network, allowed: why },
            { path: "berth:storage", value: {}, allowed: why },
            { path: "berth:registry", value: {}, allowed: why },
            { path: "berth:logs", value: {}, allowed: why },
        ]);
    });
});

describe("validatePlatform and validateParsed", () => {
    const parsed = (config: Record<string, unknown>) =>
        configSchema.parse(
            Object.fromEntries(
                Object.entries(config)
                    .filter(([k]) => k.startsWith("berth:"))
                    .map(([k, v]) => [k.slice("berth:".length), v]),
            ),
        );

    it("lists the built platforms for one that is not, first among the errors", () => {
        const unbuilt = "ecs-lambda" as Platform;
        const error = { path: "berth:platform", value: unbuilt, allowed: `a platform that is built: ${PLATFORMS.join(", ")} (ecs-lambda is planned but not built yet)` };
        assert.deepEqual(validatePlatform(unbuilt), [error]);
        assert.deepEqual(validateParsed({ ...parsed(fargateConfig()), platform: unbuilt })[0], error);
        for (const platform of PLATFORMS) assert.deepEqual(validatePlatform(platform), []);
    });

    it("asks for at least one service", () => {
        assert.deepEqual(validateParsed({ ...parsed(fargateConfig()), services: {} }), [{ path: "berth:services", value: {}, allowed: "at least one service" }]);
    });

    it("asks for the audience of a public load balancer with the empty list written", () => {
        const e = errorAt(errorsOf({ "berth:loadBalancer": { allowedCidrs: [] } }), "berth:loadBalancer.allowedCidrs");
        assert.deepEqual(e.value, []);
    });

    it("asks no health path of a service routed on / or /*, and suggests one under any other route", () => {
        for (const path of ["/", "/*"]) assert.deepEqual(validatePublicRouting(parsed(fargateConfig({ "berth:services": { web: { path, healthCheck: null } } }))), [], path);
        const suggested = (path: string) => validatePublicRouting(parsed(fargateConfig({ "berth:services": { web: { path, healthCheck: null } } }))).map((e) => e.allowed);
        assert.deepEqual(suggested("/api/*"), ['the path the load balancer checks, e.g. /api/health: the service is routed on /api/*, so "/" may not reach it']);
        assert.deepEqual(suggested("/api*"), ['the path the load balancer checks, e.g. /api/health: the service is routed on /api*, so "/" may not reach it']);
        assert.deepEqual(suggested("/v1/*/items"), ['the path the load balancer checks, e.g. /v1/health: the service is routed on /v1/*/items, so "/" may not reach it']);
    });
});

describe("orderErrors", () => {
    const e = (path: string, allowed = "something else"): ConfigError => ({ path, value: 1, allowed });
    const leftover = (path: string) => e(path, "nothing on platform ecs-fargate: this key configures ecs-ec2");

    it("puts the platform first and keys the platform does not use last, keeping the order within each", () => {
        const [z, a, platform, ec2, anywhere] = [e("berth:services.z.cpu"), e("berth:services.a.cpu"), e("berth:platform"), leftover("berth:ec2"), leftover("berth:anywhere")];
        assert.deepEqual(orderErrors([ec2, z, anywhere, platform, a]), [platform, z, a, ec2, anywhere]);
        assert.deepEqual(orderErrors([z, a]), [z, a]);
        assert.deepEqual(orderErrors([a, z]), [a, z]);
    });

    it("drops what is wrong inside a key the platform does not use, and nothing beside it", () => {
        const inside = e("berth:ec2.minSize");
        const beside = e("berth:ec2x.minSize");
        const ends = e("berth:services.web.ec2.x");
        assert.deepEqual(orderErrors([inside, leftover("berth:ec2"), beside, ends]), [beside, ends, leftover("berth:ec2")]);
        assert.deepEqual(orderErrors([e("berth:ec2.minSize", "x nothing on platform ")]), [e("berth:ec2.minSize", "x nothing on platform ")]);
    });
});
