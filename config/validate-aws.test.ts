// Issue 21: config that planned although AWS would refuse it (D1-D8), and the messages that misled.
// Each limit is tested on it and one past it, with the exact message the user reads.
import { strict as assert } from "assert";
import { formatConfigError } from "./errors";
import { formatWarning } from "./warnings";
import { ACTIVATION_MAX_DAYS, validateActivationExpiry, validateBuildFiles, validateLoadBalancerQuotas } from "./validate-aws";
import { fargateConfig, merge, validateFixture } from "../tests/harness";
import { parseStackSource, StackFileError } from "../plan/stackfile";

type Json = Record<string, unknown>;

/** The messages `npm run plan` prints for a config, or [] when it validates. */
const messages = (config: Json): string[] => {
    const r = validateFixture(config);
    return r.ok ? [] : r.errors.map(formatConfigError);
};
const warnings = (config: Json, code: string): string[] => {
    const r = validateFixture(config);
    assert.ok(r.ok, r.ok ? "" : r.errors.map(formatConfigError).join("\n"));
    return r.warnings.filter((w) => w.code === code).map(formatWarning);
};
const tags = (t: Json) => fargateConfig({ "berth:tags": t });
const KEY_RULE = "a tag key of 1-128 characters, not starting with aws: (AWS reserves that prefix)";

describe("D1: berth:tags as AWS tags them", () => {
    it("takes a key of 128 characters and a value of 256; refuses 129 and 257", () => {
        assert.deepEqual(messages(tags({ ["k".repeat(128)]: "v".repeat(256) })), []);
        const long = "k".repeat(129);
        assert.deepEqual(messages(tags({ [long]: "v" })), [`berth:tags.${long} is "${"k".repeat(78)}…" (129 characters); expected ${KEY_RULE}`]);
        assert.deepEqual(messages(tags({ team: "v".repeat(257) })), [`berth:tags.team is "${"v".repeat(78)}…" (257 characters); expected at most 256 characters`]);
    });

    it("refuses an empty key and AWS's prefix, in any case", () => {
        assert.deepEqual(messages(tags({ "": "x", "aws:team": "a", "AWS:cost": "b", "team:aws": "c" })), [
            `berth:tags."" is ""; expected ${KEY_RULE}`,
            `berth:tags.aws:team is "aws:team"; expected ${KEY_RULE}`,
            `berth:tags.AWS:cost is "AWS:cost"; expected ${KEY_RULE}`,
        ]);
    });

    it("takes 47 tags, the 50 AWS allows less berth's 3; refuses 48", () => {
        const n = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`t${i}`, "x"]));
        assert.deepEqual(messages(tags(n(47))), []);
        assert.deepEqual(
            messages(tags(n(48))).map((m) => m.replace(/ is .*; expected/, " is …; expected")),
            ["berth:tags is …; expected at most 47 tags: AWS allows 50 a resource, and berth adds 3 (berth:project, berth:stack, berth:environment)"],
        );
    });
});

describe("D2: CloudWatch dimensions", () => {
    const step = (dimensions: Json) =>
        fargateConfig({
            "berth:services": {
                web: { scaling: { min: 1, max: 3, steps: [{ name: "queue", metric: { namespace: "App", name: "Depth", dimensions }, threshold: 10, comparison: "GreaterThanThreshold", steps: [{ lower: 0, adjustment: 1 }] }] } },
            },
        });

    it("refuses an empty dimension name, and takes one of a character", () => {
        assert.deepEqual(messages(step({ Q: "jobs" })), []);
        assert.deepEqual(messages(step({ "": "jobs" })), ['berth:services.web.scaling.steps.0.metric.dimensions."" is ""; expected a dimension name of 1-255 characters (CloudWatch refuses an empty one)']);
    });
});

describe("D3: aws:region", () => {
    it('refuses "" (it planned into dkr.ecr..amazonaws.com), and takes a region', () => {
        assert.deepEqual(messages(fargateConfig({ "aws:region": "" })), ['aws:region is ""; expected an AWS region such as us-east-1 (lowercase, as in every ARN and endpoint), or no aws:region key at all']);
        assert.deepEqual(messages(fargateConfig({ "aws:region": "eu-west-1" })), []);
    });
});

describe("D4: keys that do nothing", () => {
    const svc = (web: Json) => merge(fargateConfig(), { "berth:services": { web } });
    it("listenerPort on an ALB service", () => {
        assert.deepEqual(warnings(svc({ listenerPort: 8443 }), "unused-key"), ["berth:services.web.listenerPort: does nothing on ecs-fargate for a service without an NLB: only an NLB listens on a port of each service's own"]);
    });
    it("listenerPort and priority on a private service", () => {
        assert.deepEqual(warnings(svc({ public: false, healthCheck: null, listenerPort: 8443, priority: 5 }), "unused-key"), [
            "berth:services.web.priority: does nothing on a service no ALB routes: it orders the ALB's listener rules",
            "berth:services.web.listenerPort: does nothing on ecs-fargate for a service without an NLB: only an NLB listens on a port of each service's own",
        ]);
    });
    it("priority on an NLB service", () => {
        assert.deepEqual(warnings(svc({ loadBalancer: "nlb", healthCheck: null, priority: 5 }), "unused-key"), ["berth:services.web.priority: does nothing on a service no ALB routes: it orders the ALB's listener rules"]);
    });
});

describe("D5: build settings", () => {
    const files = new Set(["app/.", "app/Dockerfile", "docker/web.Dockerfile", "notes.txt", "empty/."]);
    const exists = (p: string) => files.has(p);
    const build = (b: Json) => validateBuildFiles({ services: { web: { build: b } } } as never, exists).map(formatConfigError);

    it("takes a folder with its Dockerfile, and a dockerfile relative to the project", () => {
        assert.deepEqual(build({ context: "app" }), []);
        assert.deepEqual(build({ context: "app/" }), []);
        assert.deepEqual(build({ context: "app", dockerfile: "docker/web.Dockerfile" }), []);
        assert.deepEqual(build({ context: "app", dockerfile: "Dockerfile" }), []);
    });
    it("refuses a context that is a file, or that holds no Dockerfile", () => {
        assert.deepEqual(build({ context: "notes.txt" }), ['berth:services.web.build.context is "notes.txt"; expected a folder, not a file: the folder holding the Dockerfile, relative to the project (where Pulumi.yaml is)']);
        assert.deepEqual(build({ context: "nope" }), ['berth:services.web.build.context is "nope"; expected a folder that exists, relative to the project (where Pulumi.yaml is), holding the Dockerfile']);
        assert.deepEqual(build({ context: "empty" }), ['berth:services.web.build.context is "empty"; expected a folder holding a Dockerfile (empty/Dockerfile does not exist), or set build.dockerfile to the file to build']);
    });
    it("refuses a dockerfile that does not exist", () => {
        assert.deepEqual(build({ context: "app", dockerfile: "web.Dockerfile" }), [
            'berth:services.web.build.dockerfile is "web.Dockerfile"; expected a Dockerfile that exists, relative to the project (where Pulumi.yaml is) or to build.context',
        ]);
    });
});

describe("D6: berth:anywhere.expirationDate within SSM's 30 days", () => {
    const now = new Date("2026-12-07T12:00:00Z");
    const expiry = (expirationDate: string) => validateActivationExpiry({ platform: "ecs-anywhere", anywhere: { registrationLimit: 10, expirationDate } }, now).map(formatConfigError);
    const refused = (d: string) =>
        `berth:anywhere.expirationDate is "${d}"; expected a time after now (2026-12-07T12:00:00Z) and at most 30 days ahead, by 2027-01-06 (SSM CreateActivation's limit), or no expirationDate: berth then sets 29 days from the first deployment`;

    it(`takes ${ACTIVATION_MAX_DAYS} days ahead to the second; refuses a second more`, () => {
        assert.deepEqual(expiry("2027-01-06T12:00:00Z"), []);
        assert.deepEqual(expiry("2027-01-06T12:00:01Z"), [refused("2027-01-06T12:00:01Z")]);
    });
    it("refuses now, the past and 2099", () => {
        for (const d of ["2026-12-07T12:00:00Z", "2020-01-01T00:00:00Z", "2099-01-01T00:00:00Z"]) assert.deepEqual(expiry(d), [refused(d)]);
        assert.deepEqual(expiry("2026-12-07T12:00:01Z"), []);
    });
});

describe("D7: stack files read as Pulumi reads them", () => {
    it("applies anchors, aliases and merge keys", () => {
        const config = parseStackSource(["config:", "  berth:services:", "    web: &base", "      image: nginx:1.27", "      cpu: 256", "    api:", "      <<: *base", "      cpu: 512", ""].join("\n"), "Pulumi.s.yaml");
        assert.deepEqual(config["berth:services"], { web: { image: "nginx:1.27", cpu: 256 }, api: { image: "nginx:1.27", cpu: 512 } });
    });
    it("says what a merge of a value that is not a map needs, without a stack trace", () => {
        assert.throws(
            () => parseStackSource(["config:", "  berth:platform: &p ecs-fargate", "  berth:services:", "    web:", "      <<: *p", ""].join("\n"), "Pulumi.s.yaml"),
            (e: unknown) =>
                e instanceof StackFileError && e.errors.map(formatConfigError).join() === "Pulumi.s.yaml: not valid YAML: a merge key (<<) takes a map, or an alias of a map (<<: *base) (YAML: Merge sources must be maps or map aliases)",
        );
    });
});

describe("D8: load balancer quotas", () => {
    const drop = (o: Json) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));
    const many = (n: number, svc: Json) =>
        Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${i}`, drop({ image: "public.ecr.aws/nginx/nginx:1.27", port: 8080, public: true, path: `/s${i}/*`, healthCheck: { path: "/healthz" }, kind: "service", ...svc })]));
    const cfg = (n: number, svc: Json = {}) => ({ platform: "ecs-fargate", loadBalancer: { type: "alb" }, services: many(n, svc) }) as never;

    it("refuses a 101st service on one ALB (target groups per ALB: 100, not adjustable)", () => {
        assert.deepEqual(validateLoadBalancerQuotas(cfg(100)), []);
        assert.deepEqual(validateLoadBalancerQuotas(cfg(101)).map(formatConfigError), [
            'berth:services is "101 services on the public ALB"; expected at most 100 services on one ALB: each has a target group and a listener rule, and "Target Groups per Application Load Balancer" is 100, a quota AWS does not raise (its "Rules per Application Load Balancer", also 100, could be); split the services over more stacks',
        ]);
    });
    it("warns past 50 NLB services, naming the quota to raise", () => {
        const nlb = (n: number) => {
            const services = Object.entries(many(n, { loadBalancer: "nlb", healthCheck: null, path: null })).map(([name, svc], i) => [name, { ...svc, listenerPort: 10_000 + i }]);
            return warnings(fargateConfig({ "berth:services": Object.fromEntries(services) }), "lb-quota");
        };
        assert.deepEqual(nlb(50), []);
        assert.deepEqual(nlb(51), [
            'berth:services: put 51 services on the NLB, one listener each: past the default quota of 50 ("Listeners per Network Load Balancer", Elastic Load Balancing, in Service Quotas); raise it before pulumi up, or spread the services over more stacks',
        ]);
    });
});

describe("messages that misled (issue 21)", () => {
    const web = (svc: Json) => fargateConfig({ "berth:services": { web: svc } });

    it("zod's own words never reach the user: a user of the wrong type", () => {
        assert.deepEqual(messages(web({ user: true })), ['berth:services.web.user is true; expected a numeric UID such as 1000, or "UID:GID" such as "1000:1000"']);
    });
    it("one bound per key: port 1e308 gets the port's", () => {
        assert.deepEqual(messages(web({ port: 1e308 })), ["berth:services.web.port is 1e+308; expected at most 65535"]);
    });
    it("a number in quotes: drop the quotes", () => {
        assert.deepEqual(messages(web({ port: "8080" })), ['berth:services.web.port is "8080"; expected a number, not text: drop the quotes (write 8080)']);
        assert.deepEqual(messages(web({ memory: "512" })), ['berth:services.web.memory is "512"; expected a number, not text: drop the quotes (write 512)']);
    });
    it("a service key beside the services: indent it under the service", () => {
        assert.deepEqual(messages(fargateConfig({ "berth:services": { desiredCount: 2 } })), [
            "berth:services.desiredCount is 2; expected a service, not a service's key: indent desiredCount under a service (berth:services.web.desiredCount)",
        ]);
    });
    it("a step policy's key beside the services: one error, the name's", () => {
        assert.deepEqual(messages(fargateConfig({ "berth:services": { evaluationPeriods: 2 } })), [
            "berth:services.evaluationPeriods is \"evaluationPeriods\"; expected a service name of 1-17 lowercase letters, digits or '-', starting with a letter (target group names allow 32 characters): did you mean evaluationperiods?",
        ]);
    });
    it("a service key at the top: berth:services.NAME.port", () => {
        assert.deepEqual(messages(fargateConfig({ "berth:port": 8080 })), ["berth:port is 8080; expected no such key in the berth: namespace: port is a service's key; set it under a service, as berth:services.NAME.port"]);
    });
    it("a misspelt kubeconfig set as a secret: did you mean berth:kubeconfig?", () => {
        assert.throws(
            () => parseStackSource(["config:", "  berth:platform: kubernetes", "  berth:kube-config:", "    secure: v1:AAAA", ""].join("\n"), "Pulumi.s.yaml"),
            (e: unknown) => e instanceof StackFileError && e.errors.map(formatConfigError).join() === 'berth:kube-config is "[secret]"; expected no such key: did you mean berth:kubeconfig?',
        );
    });
    it("wéb suggests web", () => {
        assert.deepEqual(messages(fargateConfig({ "berth:services": { web: null, wéb: { image: "public.ecr.aws/nginx/nginx:1.27" } } })), [
            "berth:services.wéb is \"wéb\"; expected a service name of 1-17 lowercase letters, digits or '-', starting with a letter (target group names allow 32 characters): did you mean web?",
        ]);
    });
});
