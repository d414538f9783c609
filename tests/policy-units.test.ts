// Issue 21's policies, the branches the pass/fail tables of tests/policy-rules-a and -b leave out:
// Fargate by capacity provider, bucket policies in every shape a plan records, the encryption and log
// bucket variants. Each case names the exact finding, or none.
import { strict as assert } from "assert";
import type { PlannedResource } from "../plan/engine";
import { POLICIES } from "../policy/rules";
import { runPolicies } from "../policy/run";
import { res } from "./handmade-plans";

/** What policy `name` finds in `resources`, as `resource: message` without the fix. */
function found(name: string, resources: PlannedResource[]): string[] {
    const p = POLICIES.find((x) => x.name === name);
    assert.ok(p, name);
    return runPolicies(resources, "ecs-fargate", "prod", [p]).violations.map((v) => `${v.urn.split("::").pop()}: ${v.message.slice(0, -`. Fix: ${p.fix}`.length)}`);
}

const SERVICE = "aws:ecs/service:Service";
const BUCKET = "aws:s3/bucket:Bucket";
const bucket = res(BUCKET, "b", {}, { id: "b-1" });
const companion = (type: string, name: string, inputs: Record<string, unknown>) => res(`aws:s3/${type}`, name, { bucket: "b-1", ...inputs });
const bucketPolicy = (policy: unknown) => companion("bucketPolicy:BucketPolicy", "b-policy", { policy });
const sse = (...algorithms: string[]) =>
    companion("bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "b-sse", { rules: algorithms.map((sseAlgorithm) => ({ applyServerSideEncryptionByDefault: { sseAlgorithm } })) });
const ingress = (attributes: string) => res("kubernetes:networking.k8s.io/v1:Ingress", "web", { metadata: { annotations: { "alb.ingress.kubernetes.io/load-balancer-attributes": attributes } } });

describe("ECS.10: a Fargate service, however it reaches Fargate, runs the LATEST platform", () => {
    const service = (inputs: Record<string, unknown>) => res(SERVICE, "web", inputs);
    const pinned = ["web: Fargate service web is pinned to platform version 1.3.0"];
    const cases: Array<[string, Record<string, unknown>, string[]]> = [
        ["launch type FARGATE, pinned", { launchType: "FARGATE", platformVersion: "1.3.0" }, pinned],
        ["FARGATE capacity provider, pinned", { capacityProviderStrategies: [{ capacityProvider: "FARGATE", weight: 1 }], platformVersion: "1.3.0" }, pinned],
        ["FARGATE_SPOT capacity provider after an EC2 one, pinned", { capacityProviderStrategies: [{ capacityProvider: "ec2-cp" }, { capacityProvider: "FARGATE_SPOT" }], platformVersion: "1.3.0" }, pinned],
        ["an EC2 capacity provider only, pinned", { capacityProviderStrategies: [{ capacityProvider: "ec2-cp" }], platformVersion: "1.3.0" }, []],
        ["launch type EC2, pinned", { launchType: "EC2", platformVersion: "1.3.0" }, []],
        ["launch type FARGATE, LATEST", { launchType: "FARGATE", platformVersion: "LATEST" }, []],
        ["launch type FARGATE, unset", { launchType: "FARGATE" }, []],
    ];
    for (const [title, inputs, expected] of cases) it(title, () => assert.deepEqual(found("ECS.10", [service(inputs)]), expected));
});

describe("S3.5: the bucket policy's TLS Deny, in every shape a plan records it", () => {
    const none = ["b: no bucket policy denies requests with aws:SecureTransport false"];
    const statement = (Effect: string, value: unknown) => ({ Effect, Principal: { AWS: "*" }, Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": value } } });
    const cases: Array<[string, unknown, string[]]> = [
        ["JSON text, Deny on the text false", JSON.stringify({ Statement: [statement("Deny", "false")] }), []],
        ["an object, Deny on the boolean false", { Statement: [statement("Deny", false)] }, []],
        ["a single statement, not a list", JSON.stringify({ Statement: statement("Deny", "false") }), []],
        ["an Allow on SecureTransport false", JSON.stringify({ Statement: [statement("Allow", "false")] }), none],
        ["a Deny on SecureTransport true", JSON.stringify({ Statement: [statement("Deny", "true")] }), none],
        ["a Deny on the boolean true", { Statement: [statement("Deny", true)] }, none],
        ["text that is not JSON", "{not json", none],
        ["an Allow first, the Deny second", JSON.stringify({ Statement: [statement("Allow", "false"), statement("Deny", "false")] }), []],
    ];
    for (const [title, policy, expected] of cases) it(title, () => assert.deepEqual(found("S3.5", [bucket, bucketPolicy(policy)]), expected));

    it("two policies for the bucket: one with the Deny is enough", () =>
        assert.deepEqual(found("S3.5", [bucket, bucketPolicy("{}"), { ...bucketPolicy(JSON.stringify({ Statement: [statement("Deny", "false")] })), name: "b-policy-2", urn: "urn:b-policy-2" }]), []));
});

describe("S3.17: KMS encryption among the rules, and the ALB log buckets an Ingress names", () => {
    const cases: Array<[string, PlannedResource[], string[]]> = [
        ["DSSE-KMS", [bucket, sse("aws:kms:dsse")], []],
        ["SSE-S3 then SSE-KMS", [bucket, sse("AES256", "aws:kms")], []],
        ["two SSE-S3 rules", [bucket, sse("AES256", "AES256")], [`b: sseAlgorithm is "AES256", "AES256"`]],
        ["no encryption configuration", [bucket], ["b: sseAlgorithm is unset"]],
        ["an Ingress naming the bucket first", [bucket, sse("AES256"), ingress("access_logs.s3.bucket=b-1,access_logs.s3.enabled=true")], []],
        ["an Ingress naming it after a space", [bucket, sse("AES256"), ingress("access_logs.s3.enabled=true, access_logs.s3.bucket=b-1")], []],
        ["an Ingress naming another bucket", [bucket, sse("AES256"), ingress("access_logs.s3.bucket=b-2")], [`b: sseAlgorithm is "AES256"`]],
        ["an Ingress with a prefix key that ends in the bucket's name", [bucket, sse("AES256"), ingress("xaccess_logs.s3.bucket=b-1")], [`b: sseAlgorithm is "AES256"`]],
        ["an Ingress without the annotation", [bucket, sse("AES256"), res("kubernetes:networking.k8s.io/v1:Ingress", "web", { metadata: {} })], [`b: sseAlgorithm is "AES256"`]],
    ];
    for (const [title, resources, expected] of cases) it(title, () => assert.deepEqual(found("S3.17", resources), expected));
});
