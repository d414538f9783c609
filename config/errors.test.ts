// What a newcomer reads when the config is wrong: the nearest key or value they meant, the unit a
// size is in, and plain words for types. Each test asserts the exact message.
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ConfigError, ConfigValidationError, formatConfigError, fromZodIssues, keyPath, showValue, unitHint } from "./errors";
import { errorAt, fargateConfig, fixtureErrors, merge } from "../tests/harness";
import { closest, editDistance } from "./suggest";
import { suggestServiceName } from "./validate";

const errorsOf = (overrides: Record<string, unknown>) => fixtureErrors(merge(fargateConfig(), overrides));
const web = (svc: Record<string, unknown>) => ({ "berth:services": { web: svc } });

describe("did you mean", () => {
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
        ["a key in the wrong case", web({ desiredcount: 2 }), "berth:services.web.desiredcount", "no such key: did you mean desiredCount?"],
        ["a top-level key in the wrong case", { "berth:loadbalancer": { allowedCidrs: ["198.51.100.0/24"] } }, "berth:loadbalancer", "no such key: did you mean berth:loadBalancer?"],
        ["a misspelt key", web({ helthCheck: { path: "/" } }), "berth:services.web.helthCheck", "no such key: did you mean healthCheck?"],
        ["another tool's word for a key", web({ replicas: 2 }), "berth:services.web.replicas", "no such key: did you mean desiredCount?"],
        ["a platform by half its name", { "berth:platform": "fargate" }, "berth:platform", 'one of "ecs-fargate", "ecs-ec2", "ecs-anywhere", "eks", "kubernetes", "apprunner", "ecs-express": did you mean "ecs-fargate"?'],
        ["an environment misspelt", { "berth:environment": "production" }, "berth:environment", 'one of "dev", "staging", "prod": did you mean "prod"?'],
        ["a key with nothing near it, among few", { "berth:network": { bogus: true } }, "berth:network.bogus", "no such key; known keys here are cidr, azs, nat"],
        ["a key with nothing near it, among many", web({ zzzzzz: 1 }), "berth:services.web.zzzzzz", "no such key in berth:services.NAME; see docs/config.md for the keys there"],
    ];
    for (const [what, overrides, path, allowed] of cases) it(`${what}: ${path}`, () => assert.equal(errorAt(errorsOf(overrides), path).allowed, allowed));

    it("names the service name meant: lowercase, '-' for anything else", () => {
        const e = errorAt(fixtureErrors(merge(fargateConfig({ "berth:services": { web: null } }), { "berth:services": { Web: { image: "nginx" } } })), "berth:services.Web");
        assert.match(e.allowed, /: did you mean web\?$/);
        assert.deepEqual(["Web", "my_service", "API Gateway", "1st-service", "a-very-long-service-name"].map(suggestServiceName), ["web", "my-service", "api-gateway", "st-service", "a-very-long-servi"]);
    });

    it("suggests only what is close: a third of the word at most", () => {
        assert.equal(closest("desiredcount", ["desiredCount", "port"]), "desiredCount");
        assert.equal(closest("prot", ["port", "path"]), "port");
        assert.equal(closest("xyz", ["port", "path"]), undefined);
        assert.equal(editDistance("ab", "ba"), 1);
        assert.equal(editDistance("kitten", "sitting"), 3);
    });
});

describe("units and plain words", () => {
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
        ["memory in GB", web({ memory: "1GB" }), "berth:services.web.memory", "a number of MiB, without a unit: write 1024"],
        ["memory in GiB with a space", web({ memory: "2 GiB" }), "berth:services.web.memory", "a number of MiB, without a unit: write 2048"],
        ["memory in MB", web({ memory: "512MB" }), "berth:services.web.memory", "a number of MiB, without a unit: write 512"],
        ["cpu in vCPU", web({ cpu: "0.5 vCPU" }), "berth:services.web.cpu", "CPU units, 1024 per vCPU, without a unit: write 512"],
        ["a port as text", web({ port: "8080/tcp" }), "berth:services.web.port", "a number, without a unit"],
        ["a fraction where a whole number goes", web({ port: 80.5 }), "berth:services.web.port", "a whole number"],
        ["cpu as a fraction of a vCPU", web({ cpu: 0.5 }), "berth:services.web.cpu", "a number of CPU units, 1024 per vCPU (256 is a quarter vCPU)"],
        ["memory as a fraction of a GiB", web({ memory: 0.5 }), "berth:services.web.memory", "a number of MiB (1024 is 1 GiB)"],
        ["a map written as a list", web({ environment: ["A=1"] }), "berth:services.web.environment", "a map of variable names to values"],
        ["a flag as text", web({ public: "yes" }), "berth:services.web.public", "true or false"],
        ["a command as one string", web({ command: "ls -l" }), "berth:services.web.command", "a list"],
    ];
    for (const [what, overrides, path, allowed] of cases) it(`${what}: ${path}`, () => assert.equal(errorAt(errorsOf(overrides), path).allowed, allowed));

    it("says a list of services is the mistake, not each index a bad service name", () => {
        const errors = fixtureErrors(fargateConfig({ "berth:services": [{ image: "nginx" }] }));
        assert.deepEqual(
            errors.map((e) => [e.path, e.allowed]),
            [["berth:services", "a map of service names to services"]],
        );
    });

    it("says what the services map holds when it is missing", () => {
        assert.equal(errorAt(fixtureErrors(fargateConfig({ "berth:services": null })), "berth:services").allowed, "a map of service names to services");
    });
});

describe("formatConfigError and ConfigValidationError", () => {
    const missing: ConfigError = { path: "berth:services.web.image", value: undefined, allowed: "an image" };
    const bad: ConfigError = { path: "berth:services.web.cpu", value: "lots", allowed: "a number" };

    it("says a key is missing, or shows the value as JSON", () => {
        assert.equal(formatConfigError(missing), "berth:services.web.image is missing; expected an image");
        assert.equal(formatConfigError(bad), 'berth:services.web.cpu is "lots"; expected a number');
        assert.equal(formatConfigError({ ...bad, value: null }), "berth:services.web.cpu is null; expected a number");
    });

    it("abbreviates a value past 80 characters, saying how big it is", () => {
        const services = Object.fromEntries(["web", "api", "worker", "admin", "nightly", "reports", "search"].map((n) => [n, { image: "nginx", port: 8080 }]));
        assert.equal(showValue(services), '{"web": …, "api": …, "worker": …, "admin": …, "nightly": …, "reports": …, …} (7 keys)');
        assert.equal(showValue("x".repeat(100)), `"${"x".repeat(78)}…" (100 characters)`);
        assert.equal(showValue(Array.from({ length: 30 }, (_, i) => i * 1000)), `${JSON.stringify(Array.from({ length: 30 }, (_, i) => i * 1000)).slice(0, 79)}… (30 items)`);
        assert.equal(showValue({ a: 1 }), '{"a":1}');
        assert.equal(showValue(null), "null");
        assert.equal(formatConfigError({ path: "berth:service", value: services, allowed: "no such key: did you mean berth:services?" }), `berth:service is ${showValue(services)}; expected no such key: did you mean berth:services?`);
        for (const v of [services, "x".repeat(500), Array(200).fill(1)]) assert.ok(showValue(v).length <= 100, showValue(v));
    });

    it("uses the text in place of 'is ...; expected ...', and indents each line of the detail", () => {
        assert.equal(formatConfigError({ ...bad, text: "a YAML error" }), "berth:services.web.cpu: a YAML error");
        assert.equal(formatConfigError({ ...bad, detail: "line 3\n    ^" }), 'berth:services.web.cpu is "lots"; expected a number\n      line 3\n          ^');
    });

    it("counts the problems, one line each, as a RunError named ConfigValidationError", () => {
        const one = new ConfigValidationError([missing]);
        assert.equal(one.message, "invalid berth config (1 problem):\n  - berth:services.web.image is missing; expected an image");
        assert.equal(one.name, "ConfigValidationError");
        assert.ok(pulumi.RunError.isInstance(one));
        assert.deepEqual(one.errors, [missing]);
        assert.equal(new ConfigValidationError([missing, bad]).message, 'invalid berth config (2 problems):\n  - berth:services.web.image is missing; expected an image\n  - berth:services.web.cpu is "lots"; expected a number');
        assert.equal(new ConfigValidationError([]).message, "invalid berth config (0 problems):\n");
    });
});

describe("fromZodIssues", () => {
    // A schema with each shape the walk through a path meets: object, record, list, a union it cannot see into.
    const member = z.strictObject({ kind: z.literal("a"), inner: z.strictObject({ deep: z.strictObject({ x: z.number() }) }) });
    const schema = z.strictObject({
        labels: z.record(z.string(), z.strictObject({ a: z.number(), b: z.number() })),
        list: z.array(z.strictObject({ first: z.number(), second: z.number() })),
        union: z.discriminatedUnion("kind", [member]),
        six: z.strictObject({ k1: z.number(), k2: z.number(), k3: z.number(), k4: z.number(), k5: z.number(), k6: z.number() }),
        seven: z.strictObject({ k1: z.number(), k2: z.number(), k3: z.number(), k4: z.number(), k5: z.number(), k6: z.number(), k7: z.number() }),
        keyed: z.record(z.string().regex(/^[a-z]+$/, { message: "lowercase letters" }), z.number()),
        name: z.string().min(3).max(5),
        items: z.array(z.number()).min(1).max(2),
        count: z.number().min(1).max(10),
        env: z.enum(["dev", "prod"]),
    });
    const valid = {
        labels: {},
        list: [],
        union: { kind: "a", inner: { deep: { x: 1 } } },
        six: { k1: 1, k2: 1, k3: 1, k4: 1, k5: 1, k6: 1 },
        seven: { k1: 1, k2: 1, k3: 1, k4: 1, k5: 1, k6: 1, k7: 1 },
        keyed: {},
        name: "abcd",
        items: [1],
        count: 5,
        env: "dev",
    };
    const errorsOf = (over: Record<string, unknown>) => {
        const raw = { ...valid, ...over };
        const r = schema.safeParse(raw);
        assert.ok(!r.success, "expected the fixture to fail");
        return fromZodIssues(r.error.issues, schema, raw).map((e) => [e.path, e.value, e.allowed]);
    };

    it("knows the keys under a record's value and a list's item", () => {
        assert.deepEqual(errorsOf({ labels: { x: { a: 1, b: 2, zzzz: 3 } } }), [["berth:labels.x.zzzz", 3, "no such key; known keys here are a, b"]]);
        assert.deepEqual(errorsOf({ list: [{ first: 1, second: 2, secnd: 3 }] }), [["berth:list.0.secnd", 3, "no such key: did you mean second?"]]);
    });

    it("knows no keys where the path leads through a union, and points to the docs without crashing", () => {
        assert.deepEqual(errorsOf({ union: { kind: "a", inner: { deep: { x: 1 }, zzzz: 1 } } }), [["berth:union.inner.zzzz", 1, "no such key in berth:union.inner; see docs/config.md for the keys there"]]);
        assert.deepEqual(errorsOf({ union: { kind: "a", inner: { deep: { x: 1, zzzz: 2 } } } }), [["berth:union.inner.deep.zzzz", 2, "no such key in berth:union.inner.deep; see docs/config.md for the keys there"]]);
    });

    it("lists up to six known keys, and points to the docs past six", () => {
        assert.deepEqual(errorsOf({ six: { ...valid.six, zzzz: 1 } }), [["berth:six.zzzz", 1, "no such key; known keys here are k1, k2, k3, k4, k5, k6"]]);
        assert.deepEqual(errorsOf({ seven: { ...valid.seven, zzzz: 1 } }), [["berth:seven.zzzz", 1, "no such key in berth:seven; see docs/config.md for the keys there"]]);
    });

    it("reports a bad map key as the key, with the key rule's own message", () => {
        assert.deepEqual(errorsOf({ keyed: { Bad: 1 } }), [["berth:keyed.Bad", "Bad", "lowercase letters"]]);
        const bare = { code: "invalid_key", origin: "record", issues: [], path: ["keyed", "Bad"], message: "Invalid key in record" } as unknown as z.core.$ZodIssue;
        assert.deepEqual(fromZodIssues([bare], schema, valid), [{ path: "berth:keyed.Bad", value: "Bad", allowed: "Invalid key in record" }]);
    });

    it("names the bound, in characters for text and items for lists, on the limit's either side", () => {
        assert.deepEqual(errorsOf({ name: "ab" }), [["berth:name", "ab", "at least 3 characters"]]);
        assert.deepEqual(errorsOf({ name: "abcdef" }), [["berth:name", "abcdef", "at most 5 characters"]]);
        assert.deepEqual(errorsOf({ items: [] }), [["berth:items", [], "at least 1 items"]]);
        assert.deepEqual(errorsOf({ items: [1, 2, 3] }), [["berth:items", [1, 2, 3], "at most 2 items"]]);
        assert.deepEqual(errorsOf({ count: 0 }), [["berth:count", 0, "at least 1"]]);
        assert.deepEqual(errorsOf({ count: 11 }), [["berth:count", 11, "at most 10"]]);
        for (const ok of [{ name: "abc" }, { name: "abcde" }, { items: [1, 2] }, { count: 1 }, { count: 10 }]) assert.ok(schema.safeParse({ ...valid, ...ok }).success, JSON.stringify(ok));
    });

    it("lists the values allowed, with a hint only for text near one of them", () => {
        assert.deepEqual(errorsOf({ env: "zzz" }), [["berth:env", "zzz", 'one of "dev", "prod"']]);
        assert.deepEqual(errorsOf({ env: "Prod" }), [["berth:env", "Prod", 'one of "dev", "prod": did you mean "prod"?']]);
        assert.deepEqual(errorsOf({ env: 3 }), [["berth:env", 3, 'one of "dev", "prod"']]);
    });

    it("finds no value under null or under text, whatever the path", () => {
        const issue = (path: PropertyKey[]) => ({ code: "invalid_type", expected: "number", path, message: "" }) as unknown as z.core.$ZodIssue;
        assert.deepEqual(
            fromZodIssues([issue(["labels", "x"]), issue(["name", 0]), issue(["name", "length"])], schema, { labels: null, name: "abc" }).map((e) => e.value),
            [undefined, undefined, undefined],
        );
        assert.deepEqual(
            fromZodIssues([issue(["gone", "x"])], schema, {}).map((e) => e.value),
            [undefined],
        );
    });

    it("describes each type in plain words", () => {
        const issue = (expected: string, path: PropertyKey[] = ["k"]) => ({ code: "invalid_type", expected, path, message: "" }) as unknown as z.core.$ZodIssue;
        const cases: Array<[string, PropertyKey[], unknown, string]> = [
            ["number", ["port"], "http", "a number"],
            ["number", ["port"], true, "a number"],
            ["int", ["port"], 80.5, "a whole number"],
            ["int", ["cpu"], 0.5, "a number of CPU units, 1024 per vCPU (256 is a quarter vCPU)"],
            ["record", ["services"], null, "a map of service names to services (nothing is indented under this key)"],
            ["string", ["image"], 5, "text"],
            ["boolean", ["public"], "1", "true or false"],
            ["array", ["command"], "1 2", "a list"],
            ["record", ["labels"], [], "a map of names to values"],
            ["record", [], [], "a map of names to values"],
            ["record", ["tags"], [], "a map of tag names to values"],
            ["object", ["loadBalancer"], "x", "a map of keys (see docs/config.md)"],
            ["undefined", ["k"], 1, "an undefined"],
            ["bigint", ["k"], 1, "a bigint"],
        ];
        for (const [expected, path, value, allowed] of cases) {
            const raw = path.length ? { [String(path[0])]: value } : value;
            assert.deepEqual(fromZodIssues([issue(expected, path)], schema, raw), [{ path: keyPath(...path), value, allowed }], `${expected} at ${String(path)}`);
        }
    });

    it("names the value of an unknown key, in the berth: namespace at the top", () => {
        assert.deepEqual(errorsOf({ zzzzzz: { a: 1 } }), [["berth:zzzzzz", { a: 1 }, "no such key in the berth: namespace; see docs/config.md for the keys there"]]);
    });

    it("takes an unknown top-level key holding an image or a build for a service that lost its indentation", () => {
        assert.deepEqual(errorsOf({ web: { image: "nginx" }, job: { build: { context: "." } } }), [
            ["berth:web", { image: "nginx" }, "no such key in the berth: namespace: a service? indent it under berth:services"],
            ["berth:job", { build: { context: "." } }, "no such key in the berth: namespace: a service? indent it under berth:services"],
        ]);
    });
});

describe("unitHint", () => {
    const cases: Array<[string, unknown, string | undefined]> = [
        ["memory", "1GB", "a number of MiB, without a unit: write 1024"],
        ["memory", "1.25GB", "a number of MiB, without a unit: write 1280"],
        ["memory", "1 GB ", "a number of MiB, without a unit: write 1024"],
        ["memory", " 3 g", "a number of MiB, without a unit: write 3072"],
        ["memory", "512 mib", "a number of MiB, without a unit: write 512"],
        ["memory", "512m", "a number of MiB, without a unit: write 512"],
        ["memory", "v2GB", "a number of MiB (1024 is 1 GiB)"],
        ["memory", "2GB!", "a number of MiB (1024 is 1 GiB)"],
        ["memory", "1TB", "a number of MiB (1024 is 1 GiB)"],
        ["memory", "lots", "a number of MiB (1024 is 1 GiB)"],
        ["cpu", "1 cpu", "CPU units, 1024 per vCPU, without a unit: write 1024"],
        ["cpu", "2 CPUs", "CPU units, 1024 per vCPU, without a unit: write 2048"],
        ["cpu", "2 core", "CPU units, 1024 per vCPU, without a unit: write 2048"],
        ["cpu", "4 cores", "CPU units, 1024 per vCPU, without a unit: write 4096"],
        ["cpu", "0.25 vcpus", "CPU units, 1024 per vCPU, without a unit: write 256"],
        ["cpu", "1 xcpu", "a number of CPU units, 1024 per vCPU (256 is a quarter vCPU)"],
        ["cpu", "1 cpux", "a number of CPU units, 1024 per vCPU (256 is a quarter vCPU)"],
        ["cpu", "1 GB", "a number of CPU units, 1024 per vCPU (256 is a quarter vCPU)"],
        ["port", "8080/tcp", "a number, without a unit"],
        ["port", " 8080/tcp", "a number, without a unit"],
        ["port", "v8080", undefined],
        ["port", "http", undefined],
        ["memory", 1024.5, "a number of MiB (1024 is 1 GiB)"],
        ["cpu", 0.5, "a number of CPU units, 1024 per vCPU (256 is a quarter vCPU)"],
        ["port", 80.5, undefined],
    ];
    for (const [key, value, hint] of cases) it(`${key}: ${JSON.stringify(value)}`, () => assert.equal(unitHint(["services", "web", key], value), hint));
});

describe("zod's words never reach the user (issue 21)", () => {
    const schema = z.strictObject({ n: z.union([z.number(), z.boolean()]), cpu: z.number().int(), port: z.number().int().max(65535) });
    const errors = (raw: Record<string, unknown>) => fromZodIssues(schema.safeParse(raw).error?.issues ?? [], schema, raw).map((e) => `${e.path}: ${e.allowed}`);

    it("a union without a message of its own says each alternative in plain words", () => {
        assert.deepEqual(errors({ n: "x", cpu: 1, port: 1 }), ["berth:n: a number, or true or false"]);
    });
    it("a whole number past JavaScript's safe integers says so, once; beside a bound of the key's own, only that bound", () => {
        assert.deepEqual(errors({ n: 1, cpu: 1e308, port: 1e308 }), ["berth:cpu: a whole number small enough to hold exactly (JavaScript's safe integers)", "berth:port: at most 65535"]);
    });
});
