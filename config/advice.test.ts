// The warnings a newcomer gets: a prod stack made the README's way (dev copied, environment: prod)
// hears about everything dev pinned, and keys that do nothing are named.
import { strict as assert } from "assert";
import { loadStackConfig } from "../plan/stackfile";
import { PROJECT_DIR } from "../plan/engine";
import { besidesPlaceholders, eksConfig, errorAt, fargateConfig, fixtureErrors, kubernetesConfig, managedConfig, merge, patternsConfig, validateFixture } from "../tests/harness";
import { movedKeyWarnings, alertWarnings, deploymentHeadroomWarnings, expressSubnetWarnings, otherEnvironments, prodWarnings, regionWarnings, secretNameWarnings, unusedKeyWarnings } from "./advice";
import { Platform } from "./schema";
import { BerthSpec } from "./spec";

const warningsOf = (config: Record<string, unknown>) => {
    const r = validateFixture(config);
    if (!r.ok) assert.fail(JSON.stringify(r.errors));
    // The fixtures' untagged Docker Hub images (busybox, api) have their own tests (config/images.test.ts).
    return besidesPlaceholders(r.warnings)
        .filter((w) => w.code !== "image-tag" && w.code !== "docker-hub")
        .map((w) => `${w.path}: ${w.message}`);
};

describe("advice", () => {
    it("tells a prod stack copied from dev everything dev pinned, each with the fix", () => {
        const copied = { ...loadStackConfig("dev", PROJECT_DIR), "berth:environment": "prod" };
        assert.deepEqual(warningsOf(copied), [
            "berth:loadBalancer.certificateArn: is not set: a prod stack serves HTTP only; set a domain (berth issues its certificate) or an ACM certificate ARN to add HTTPS and redirect HTTP to it",
            "berth:network.nat: is instance: one AZ's outage cuts every private subnet's egress; use one-per-az (prod's default)",
            "berth:services.web.desiredCount: lets web run a single task: one failure or deployment takes it down; run at least 2 (prod's default)",
        ]);
    });

    it("says nothing of a dev stack's economies", () => {
        assert.deepEqual(warningsOf(loadStackConfig("dev", PROJECT_DIR)), []);
    });

    it("counts a scaled service by its minimum, and one task per AZ's worth of EC2 capacity", () => {
        const ec2 = merge(fargateConfig({ "berth:environment": "prod" }), {
            "berth:platform": "ecs-ec2",
            "berth:ec2": { minSize: 2 },
            "berth:loadBalancer": { certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc", accessLogs: { bucket: "logs-bucket" } },
            "berth:services": { web: { scaling: { min: 1, max: 4, cpu: 50 } } },
        });
        assert.deepEqual(warningsOf(ec2), [
            "berth:loadBalancer.domain: is not set: the stack's URL is the load balancer's own name, which the certificate does not cover; set a domain (name and Route 53 hosted zone) or point your name at the load balancer",
            "berth:services.web.scaling: lets web run a single task: one failure or deployment takes it down; run at least 2 (prod's default)",
            "berth:ec2.minSize: is 2 with 3 AZs: at least one AZ has no instance until scaling adds one; set it to 3",
        ]);
    });

    it("says nothing of a health check that berth's container check or a PrivateLink load balancer uses", () => {
        const cfg = fargateConfig({
            "berth:services": {
                edge: { image: "public.ecr.aws/nginx/nginx:1.27-alpine", port: 8080, healthCheck: { path: "/ping" } },
                partner: { image: "api", port: 8080, healthCheck: { interval: 10 }, privateLink: { allowedPrincipals: ["arn:aws:iam::210987654321:root"] } },
            },
        });
        assert.deepEqual(warningsOf(cfg), []);
    });

    it("names a path on an NLB service, which forwards a port", () => {
        const cfg = fargateConfig({ "berth:services": { mqtt: { image: "eclipse-mosquitto:2", port: 1883, public: true, loadBalancer: "nlb", path: "/mqtt/*" } } });
        assert.deepEqual(warningsOf(cfg), ["berth:services.mqtt.path: does nothing on an NLB service: the NLB forwards a port, with no paths"]);
    });

    it("names a route or a load-balancer health check on a private ECS service, which do nothing", () => {
        const cfg = fargateConfig({ "berth:services": { jobs: { image: "busybox", path: "/jobs/*", healthCheck: { path: "/health" } } } });
        assert.deepEqual(warningsOf(cfg), [
            "berth:services.jobs.path: does nothing on a private service: only public services are routed by path on the load balancer",
            "berth:services.jobs.healthCheck: does nothing on a private service: it configures the load balancer's check; for a check inside the container, use containerHealthCheck",
        ]);
    });

    it("names a region berth does not know, with the one most likely meant", () => {
        assert.deepEqual(regionWarnings("eu-wset-1"), [{ code: "region-unknown", path: "aws:region", message: "is eu-wset-1, not a region berth knows: did you mean eu-west-1? (if AWS opened it after November 2026, ignore this)" }]);
        assert.deepEqual(regionWarnings("eu-west-1"), []);
        assert.deepEqual(regionWarnings(undefined), []);
        assert.deepEqual(regionWarnings("zz-nowhere-9"), [{ code: "region-unknown", path: "aws:region", message: "is zz-nowhere-9, not a region berth knows (if AWS opened it after November 2026, ignore this)" }]);
        assert.deepEqual(warningsOf(fargateConfig({ "aws:region": "us-east-7" })).slice(0, 1), ["aws:region: is us-east-7, not a region berth knows: did you mean us-east-1? (if AWS opened it after November 2026, ignore this)"]);
    });

    it("says when EC2 capacity holds every service at its maximum but not a deployment at peak", () => {
        const ec2 = (maxSize: number) => warningsOf(merge(fargateConfig(), { "berth:platform": "ecs-ec2", "berth:ec2": { instanceTypes: ["t3.large"], maxSize }, "berth:services": { web: { scaling: { min: 1, max: 4, cpu: 50 } } } }));
        // web at 4 needs 2 t3.large (2 tasks each); deploying at peak starts 4 more: 4 instances.
        assert.deepEqual(ec2(3), ["berth:ec2.maxSize: is 3: it holds every service at its maximum, but a deployment of web at its maximum starts 4 more tasks, each needing a network interface; 4 instances would let it deploy at peak"]);
        assert.deepEqual(ec2(4), []);
    });

    const names: Array<[string, "dev" | "staging" | "prod", string[]]> = [
        ["arn:aws:secretsmanager:us-east-1:123456789012:secret:berth/dev/api-token-AbCdEf", "prod", ["dev"]],
        ["arn:aws:secretsmanager:us-east-1:123456789012:secret:berth/prod/api-token-AbCdEf", "prod", []],
        ["arn:aws:ssm:us-east-1:123456789012:parameter/app/staging/db", "dev", ["staging"]],
        ["arn:aws:secretsmanager:us-east-1:123456789012:secret:production-db-AbCdEf", "dev", ["prod"]],
        ["arn:aws:secretsmanager:us-east-1:123456789012:secret:devices-key-AbCdEf", "prod", []],
    ];
    for (const [arn, env, others] of names) it(`${arn} in ${env}: ${others.join(", ") || "no other environment"}`, () => assert.deepEqual(otherEnvironments(arn, env), others));
});

describe("advice, rule by rule", () => {
    const specOf = (config: Record<string, unknown>): BerthSpec => {
        const r = validateFixture(config);
        if (!r.ok) assert.fail(JSON.stringify(r.errors));
        return r.spec;
    };
    const lines = (ws: ReadonlyArray<{ path: string; message: string }>) => ws.map((w) => `${w.path}: ${w.message}`);
    const CERT = "berth:loadBalancer.certificateArn: is not set: a prod stack serves HTTP only; set a domain (berth issues its certificate) or an ACM certificate ARN to add HTTPS and redirect HTTP to it";
    const DOMAIN = "berth:loadBalancer.domain: is not set: the stack's URL is the load balancer's own name, which the certificate does not cover; set a domain (name and Route 53 hosted zone) or point your name at the load balancer";
    const LOGS = "berth:loadBalancer.accessLogs: is false: a prod load balancer keeps no access logs; remove the key (berth creates the log bucket) or name an existing bucket whose policy lets ELB write";
    const WAF = "berth:loadBalancer.waf: is false: the public prod ALB has no web application firewall; remove the key (berth adds AWS managed rules and a per-IP rate limit) or associate a web ACL of your own";
    const NAT = (nat: string) => `berth:network.nat: is ${nat}: one AZ's outage cuts every private subnet's egress; use one-per-az (prod's default)`;
    const certificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";
    const prod = (overrides: Record<string, unknown> = {}) => specOf(merge(fargateConfig({ "berth:environment": "prod" }), overrides));

    describe("prodWarnings", () => {
        const complete = { "berth:loadBalancer": { certificateArn, domain: { name: "app.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" }, accessLogs: { bucket: "logs-bucket" } } };

        it("says nothing of a stack with HTTPS, a domain, access logs, a NAT per AZ and two tasks", () => {
            const spec = prod(complete);
            assert.ok(spec.ec2.minSize < spec.network.azs, "an ecs-ec2 setting below the AZs, for ecs-ec2 only");
            assert.deepEqual(prodWarnings(spec), []);
        });

        const platforms: Array<[Platform, string[]]> = [
            ["ecs-fargate", [CERT, LOGS, WAF]],
            ["ecs-ec2", [CERT, LOGS, WAF]],
            ["eks", [CERT, LOGS, WAF]],
            ["apprunner", []],
            ["ecs-express", []],
            ["kubernetes", []],
            ["ecs-anywhere", []],
        ];
        for (const [platform, expected] of platforms) {
            it(`asks for HTTPS, access logs and a WAF of an ALB ${expected.length ? "" : "only "}where berth makes it: ${platform}`, () => {
                const spec = prod({ "berth:loadBalancer": { accessLogs: false, waf: false } });
                assert.deepEqual(lines(prodWarnings({ ...spec, platform, ec2: { ...spec.ec2, minSize: 3 } })), expected);
            });
        }

        it("asks for a domain where a certificate is set without one", () => {
            assert.deepEqual(lines(prodWarnings(prod({ "berth:loadBalancer": { certificateArn, accessLogs: { bucket: "logs-bucket" } } }))), [DOMAIN]);
            assert.deepEqual(lines(prodWarnings({ ...prod({ "berth:loadBalancer": { certificateArn, accessLogs: { bucket: "logs-bucket" } } }), platform: "apprunner" })), []);
        });

        it("asks nothing of the load balancer when no service is behind an ALB", () => {
            assert.deepEqual(lines(prodWarnings(prod({ "berth:services": { web: { loadBalancer: "nlb", healthCheck: null } } }))), []);
            assert.deepEqual(lines(prodWarnings(prod({ "berth:services": { web: { public: false } } }))), []);
        });

        it("names a single NAT or a NAT instance, only where berth makes the VPC", () => {
            for (const nat of ["single", "instance"]) {
                const spec = prod({ ...complete, "berth:network": { nat } });
                assert.deepEqual(lines(prodWarnings(spec)), [NAT(nat)]);
                assert.deepEqual(lines(prodWarnings({ ...spec, platform: "ecs-anywhere" })), []);
                assert.deepEqual(lines(prodWarnings({ ...spec, platform: "kubernetes" })), []);
            }
        });

        it("names a service that may run a single task, not a one-off task", () => {
            const dev = specOf(fargateConfig({ "berth:services": { job: { kind: "task", image: "busybox" } } }));
            assert.equal(dev.services.job.desiredCount, 1);
            assert.deepEqual(
                lines(prodWarnings(dev)).filter((l) => l.startsWith("berth:services.")),
                ["berth:services.web.desiredCount: lets web run a single task: one failure or deployment takes it down; run at least 2 (prod's default)"],
            );
        });

        it("asks for an EC2 instance in each AZ: minSize on the number of AZs, and one below it", () => {
            const ec2 = (minSize: number) => lines(prodWarnings(prod({ ...complete, "berth:platform": "ecs-ec2", "berth:ec2": { minSize } })));
            assert.deepEqual(ec2(3), []);
            assert.deepEqual(ec2(2), ["berth:ec2.minSize: is 2 with 3 AZs: at least one AZ has no instance until scaling adds one; set it to 3"]);
        });
    });

    describe("unusedKeyWarnings", () => {
        it("says nothing of a route and a health check on a public ALB service", () => {
            const cfg = fargateConfig({ "berth:services": { web: { path: "/api/*" } } });
            assert.deepEqual(unusedKeyWarnings(specOf(cfg), { services: { web: { path: "/api/*", healthCheck: { path: "/healthz" } } } }), []);
        });

        it("says nothing of a private service that has no route or health check written", () => {
            const cfg = fargateConfig({ "berth:services": { jobs: { image: "busybox" } } });
            assert.deepEqual(unusedKeyWarnings(specOf(cfg), { services: { jobs: { image: "busybox" } } }), []);
        });

        it("names a load-balancer health check beside a container check the user wrote", () => {
            const jobs = { image: "busybox", healthCheck: { path: "/health" }, containerHealthCheck: { command: ["CMD", "true"] } };
            assert.deepEqual(lines(unusedKeyWarnings(specOf(fargateConfig({ "berth:services": { jobs } })), { services: { jobs } })), [
                "berth:services.jobs.healthCheck: does nothing on a private service: it configures the load balancer's check; for a check inside the container, use containerHealthCheck",
            ]);
        });

        it("names a rule priority no ALB orders, and a listener port no NLB opens (issue 19: nothing silent)", () => {
            const jobs = { image: "busybox", port: 8080, priority: 7, listenerPort: 9000 };
            assert.deepEqual(lines(unusedKeyWarnings(specOf(fargateConfig({ "berth:services": { jobs } })), { services: { jobs } })), [
                "berth:services.jobs.priority: does nothing on a service no ALB routes: it orders the ALB's listener rules",
                "berth:services.jobs.listenerPort: does nothing on ecs-fargate for a service without an NLB: only an NLB listens on a port of each service's own",
            ]);
            const k8s = kubernetesConfig({ "berth:services": { web: { priority: 7 } } });
            assert.deepEqual(lines(unusedKeyWarnings(specOf(k8s), { services: { web: { priority: 7 } } })), [
                "berth:services.web.priority: does nothing on kubernetes: an Ingress has no rule priority; the ingress controller orders the paths itself",
            ]);
            // Where they do something: the ALB's priority on ECS and EKS, an NLB's own port.
            assert.deepEqual(unusedKeyWarnings(specOf(eksConfig({ "berth:services": { web: { priority: 7 } } })), { services: { web: { priority: 7 } } }), []);
            const nlb = { image: "eclipse-mosquitto:2", port: 1883, public: true, loadBalancer: "nlb", listenerPort: 8883 };
            assert.deepEqual(unusedKeyWarnings(specOf(fargateConfig({ "berth:services": { nlb } })), { services: { nlb } }), []);
        });
    });

    describe("movedKeyWarnings", () => {
        it("names calls to a service on EKS Fargate, which no NetworkPolicy guards, and only there", () => {
            const services = { web: { calls: ["api"] }, api: { image: "public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine", port: 8080 } };
            const fargate = eksConfig({ "berth:services": services, "berth:eks": { nodeGroups: { general: null, serverless: { type: "fargate" } } } });
            assert.deepEqual(lines(movedKeyWarnings(specOf(fargate), {})), ["berth:services.web.calls: reaches api on eks Fargate, where no NetworkPolicy is enforced: any pod of the cluster may reach it too"]);
            assert.deepEqual(movedKeyWarnings(specOf(eksConfig({ "berth:services": services })), {}), []);
            assert.deepEqual(movedKeyWarnings(specOf(fargateConfig({ "berth:services": services })), {}), []);
        });

        it("names a time zone beside a rate, not beside a cron", () => {
            const job = (schedule: string) => ({ kind: "task", image: "public.ecr.aws/docker/library/busybox:1.37", schedule, timezone: "Europe/Berlin" });
            const rate = { services: { web: null, job: job("rate(1 hour)") } };
            assert.deepEqual(lines(movedKeyWarnings(specOf(fargateConfig({ "berth:services": rate.services })), rate)), [
                "berth:services.job.timezone: does nothing on ecs-fargate beside a rate(): a rate counts from when the schedule starts, in no time zone; use cron(...) to run at a local time",
            ]);
            const cron = { services: { web: null, job: job("cron(0 2 * * ? *)") } };
            assert.deepEqual(movedKeyWarnings(specOf(fargateConfig({ "berth:services": cron.services })), cron), []);
        });
    });

    describe("secretNameWarnings", () => {
        it("names every other environment a secret mentions, in order", () => {
            const arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:berth/dev-staging/token-AbCdEf";
            assert.deepEqual(lines(secretNameWarnings(prod({ "berth:services": { web: { secrets: { TOKEN: arn } } } }))), [
                "berth:services.web.secrets.TOKEN: names another environment (dev, staging) in a prod stack: is it the prod secret?",
            ]);
        });

        const aliases: Array<[string, "dev" | "staging" | "prod"]> = [
            ["dev", "dev"],
            ["development", "dev"],
            ["staging", "staging"],
            ["stage", "staging"],
            ["stg", "staging"],
            ["prod", "prod"],
            ["production", "prod"],
            ["prd", "prod"],
        ];
        for (const [word, env] of aliases) {
            it(`reads ${word} as ${env}, and as no other environment in ${env}`, () => {
                const arn = `arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/${word}/db`;
                const own = env === "prod" ? "dev" : "prod";
                assert.deepEqual(otherEnvironments(arn, own), [env]);
                assert.deepEqual(otherEnvironments(arn, env), []);
            });
        }

        it("reads the name only, not the partition or region", () => {
            assert.deepEqual(otherEnvironments("arn:aws-prod:ssm:dev-east-1:123456789012:parameter/app/db", "staging"), []);
        });
    });

    describe("deploymentHeadroomWarnings", () => {
        const ec2 = (services: Record<string, unknown>, ec2: Record<string, unknown>, environment = "dev") =>
            specOf({ ...fargateConfig({ "berth:platform": "ecs-ec2", "berth:environment": environment, "berth:ec2": ec2 }), "berth:services": services });
        const svc = (desiredCount: number) => ({ image: "busybox", desiredCount });
        const headroom = (spec: BerthSpec) => lines(deploymentHeadroomWarnings(spec));
        const warning = (maxSize: number, name: string, tasks: number, need: number) =>
            `berth:ec2.maxSize: is ${maxSize}: it holds every service at its maximum, but a deployment of ${name} at its maximum starts ${tasks} more tasks, each needing a network interface; ${need} instances would let it deploy at peak`;

        it("names the service with the most tasks, wherever it is listed", () => {
            // 8 tasks and 5 more on t3.large (2 tasks each): 7 instances.
            assert.deepEqual(headroom(ec2({ small: svc(1), mid: svc(2), big: svc(5) }, { instanceTypes: ["t3.large"], maxSize: 6 })), [warning(6, "big", 5, 7)]);
            assert.deepEqual(headroom(ec2({ big: svc(5), mid: svc(2), small: svc(1) }, { instanceTypes: ["t3.large"], maxSize: 6 })), [warning(6, "big", 5, 7)]);
            assert.deepEqual(headroom(ec2({ mid: svc(2), big: svc(5), small: svc(1) }, { instanceTypes: ["t3.large"], maxSize: 7 })), []);
        });

        it("counts a one-off task once, and never deploys it", () => {
            const job = { image: "busybox", kind: "task" };
            // staging runs 2 of each service: 2 + 1 + 1 and 2 more fit 3 t3.large.
            assert.deepEqual(headroom(ec2({ web: svc(2), a: job, b: job }, { instanceTypes: ["t3.large"], maxSize: 3 }, "staging")), []);
            assert.deepEqual(headroom(ec2({ "a-job": job, web: svc(1) }, { instanceTypes: ["t3.large"], maxSize: 1 })), [warning(1, "web", 1, 2)]);
        });

        it("counts the instance type with the fewest network interfaces", () => {
            // t3.large has 3 ENIs and m5.xlarge 4: 2 tasks an instance, not 3.
            const spec = ec2({ web: svc(4) }, { instanceTypes: ["t3.large", "m5.xlarge"], maxSize: 3 });
            assert.deepEqual(headroom(spec), [warning(3, "web", 4, 4)]);
        });

        it("says nothing when an instance type's network interfaces are unknown", () => {
            const spec = ec2({ web: svc(4) }, { instanceTypes: ["t3.large"], maxSize: 3 });
            assert.equal(headroom(spec).length, 1);
            assert.deepEqual(headroom({ ...spec, ec2: { ...spec.ec2, instanceTypes: ["t3.large", "x99.huge"] } }), []);
            assert.deepEqual(headroom({ ...spec, ec2: { ...spec.ec2, instanceTypes: ["x99.huge"] } }), []);
            assert.deepEqual(headroom({ ...spec, platform: "ecs-fargate" }), []);
        });
    });
});

describe("alertWarnings", () => {
    const none = { objectProcessing: {}, scheduledBatch: {}, queueWorker: {}, scheduledTasks: {} };
    const alerts = (emails: string[]) => ({ stoppedTaskAlerts: { emails, stops: "abnormal" as const, retry: { attempts: 10, maxEventAgeSeconds: 3600 } } });
    const worker = { queueWorker: { thumbs: {} } } as unknown as Partial<BerthSpec["patterns"]>;
    const cases: Array<[string, Partial<BerthSpec["patterns"]>, string[]]> = [
        ["no patterns at all", {}, []],
        ["alerts with an address", { ...worker, ...alerts(["oncall@example.com"]) }, []],
        ["a worker without alerts", worker, ["berth:patterns.stoppedTaskAlerts"]],
        ["a task's own schedule without alerts", { scheduledTasks: { nightly: {} } } as unknown as Partial<BerthSpec["patterns"]>, ["berth:patterns.stoppedTaskAlerts"]],
        ["alerts alone, without an address", alerts([]), ["berth:patterns.stoppedTaskAlerts.emails"]],
    ];
    for (const [what, patterns, paths] of cases) {
        it(`${what}: ${paths.length ? paths.join(", ") : "nothing to say"}`, () => {
            const spec = { patterns: { ...none, ...patterns } } as Pick<BerthSpec, "patterns">;
            assert.deepEqual(
                alertWarnings(spec).map((w) => w.path),
                paths,
            );
        });
    }
});

describe("expressSubnetWarnings", () => {
    const EGRESS =
        "public: Express Mode gives tasks no public IP, so in public subnets they pull images, ship logs and read secrets only through egress you add to those subnets (interface VPC endpoints for ecr.api, ecr.dkr, logs and secretsmanager; berth builds none). Without it the deployment hangs and its tasks stop with ResourceInitializationError. The default, private, egresses through NAT (its load balancer is internal).";
    const cases: Array<[string, Platform, "public" | "private", string[]]> = [
        ["Express in public subnets", "ecs-express", "public", [`berth:express.subnets: ${EGRESS}`]],
        ["Express in its default private subnets", "ecs-express", "private", []],
        ["another platform, whatever the Express key says", "ecs-fargate", "public", []],
    ];
    for (const [what, platform, subnets, expected] of cases) {
        it(`${what}: ${expected.length ? "warns" : "silent"}`, () => {
            assert.deepEqual(
                expressSubnetWarnings({ platform, express: { subnets }, services: {} }, { express: { subnets } }).map((w) => `${w.path}: ${w.message}`),
                expected,
            );
        });
    }
    const INTERNAL =
        "private (the default): web is public, but Express builds an internal load balancer in private subnets, so the URL answers only from inside the VPC (a VPN, a peered network). Write subnets: private to keep it so and silence this; for the internet, choose subnets: public and add the egress it needs (see that choice's warning)";
    it("reaches the plan's warnings through the whole config: public subnets' egress, or the default's internal load balancer until the stack writes private", () => {
        assert.deepEqual(warningsOf(managedConfig("ecs-express", { "berth:express": { subnets: "public" } })), [`berth:express.subnets: ${EGRESS}`]);
        assert.deepEqual(warningsOf(managedConfig("ecs-express")), [`berth:express.subnets: ${INTERNAL}`]);
        assert.deepEqual(warningsOf(managedConfig("ecs-express", { "berth:express": { subnets: "private" } })), []);
    });
    it("names every public service, and says nothing without one", () => {
        const services = { web: { name: "web", public: true }, api: { name: "api", public: true }, job: { name: "job", public: false } } as never;
        const [w] = expressSubnetWarnings({ platform: "ecs-express", express: { subnets: "private" }, services });
        assert.match(w.message, /^private \(the default\): web, api are public, but/);
        assert.deepEqual(expressSubnetWarnings({ platform: "ecs-express", express: { subnets: "private" }, services: { job: { name: "job", public: false } } as never }), []);
    });
});

describe("a queue worker in prod (issue 20 item 3)", () => {
    const prodWorker = (thumbs: Record<string, unknown>, service: Record<string, unknown> = {}) => patternsConfig({ "berth:environment": "prod", "berth:patterns": { queueWorker: { thumbs } }, "berth:services": { thumbs: service } });

    it("names the pattern's minTasks, the key that sets the worker's floor, and nothing once it is 2", () => {
        const r = validateFixture(prodWorker({ minTasks: 1 }));
        assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
        assert.deepEqual(
            r.warnings.filter((w) => w.code === "prod-single-task"),
            [{ code: "prod-single-task", path: "berth:patterns.queueWorker.thumbs.minTasks", message: "lets thumbs run a single task: one failure or deployment takes it down; run at least 2 (prod's default)" }],
        );
        const two = validateFixture(prodWorker({ minTasks: 2 }));
        assert.ok(two.ok);
        assert.deepEqual(
            two.warnings.filter((w) => w.code === "prod-single-task"),
            [],
        );
    });

    it("refuses a scaling block of the worker's own, echoing what was written and no defaults", () => {
        const errors = fixtureErrors(prodWorker({}, { scaling: { min: 2, max: 4 } }));
        assert.deepEqual(errorAt(errors, "berth:services.thumbs.scaling").value, { min: 2, max: 4 });
    });
});
