// The warnings a newcomer gets: a prod stack made the README's way (dev copied, environment: prod)
// hears about everything dev pinned, and keys that do nothing are named.
import { strict as assert } from "assert";
import { loadStackConfig } from "../plan/stackfile";
import { PROJECT_DIR } from "../plan/engine";
import { fargateConfig, merge, validateFixture } from "../tests/harness";
import { otherEnvironments, regionWarnings } from "./advice";

const warningsOf = (config: Record<string, unknown>) => {
    const r = validateFixture(config);
    if (!r.ok) assert.fail(JSON.stringify(r.errors));
    return r.warnings.map((w) => `${w.path}: ${w.message}`);
};

describe("advice", () => {
    it("tells a prod stack copied from dev everything dev pinned, each with the fix", () => {
        const copied = { ...loadStackConfig("dev", PROJECT_DIR), "berth:environment": "prod" };
        assert.deepEqual(warningsOf(copied), [
            "berth:services.worker.secrets.API_TOKEN: names another environment (dev) in a prod stack: is it the prod secret?",
            "berth:loadBalancer.certificateArn: is not set: a prod stack serves HTTP only; set a domain (berth issues its certificate) or an ACM certificate ARN to add HTTPS and redirect HTTP to it",
            "berth:loadBalancer.accessLogs: is not set: a prod load balancer keeps no access logs; name an S3 bucket whose policy lets ELB write",
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
                edge: { image: "public.ecr.aws/nginx/nginx:1.27-alpine", port: 80, healthCheck: { path: "/ping" } },
                partner: { image: "api", port: 80, healthCheck: { interval: 10 }, privateLink: { allowedPrincipals: ["arn:aws:iam::210987654321:root"] } },
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
        assert.deepEqual(regionWarnings("eu-wset-1"), [{ path: "aws:region", message: "is eu-wset-1, not a region berth knows: did you mean eu-west-1? (if AWS opened it after November 2026, ignore this)" }]);
        assert.deepEqual(regionWarnings("eu-west-1"), []);
        assert.deepEqual(regionWarnings(undefined), []);
        assert.deepEqual(warningsOf(fargateConfig({ "aws:region": "us-east-7" })).slice(0, 1), ["aws:region: is us-east-7, not a region berth knows: did you mean us-east-1? (if AWS opened it after November 2026, ignore this)"]);
    });

    it("says when EC2 capacity holds every service at its maximum but not a deployment at peak", () => {
        const ec2 = (maxSize: number) =>
            warningsOf(merge(fargateConfig(), { "berth:platform": "ecs-ec2", "berth:ec2": { instanceTypes: ["t3.large"], maxSize }, "berth:services": { web: { scaling: { min: 1, max: 4, cpu: 50 } } } }));
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
