import { strict as assert } from "assert";
import { plan } from "../plan/engine";
import { errorAt, fargateConfig, fixtureErrors, merge, validateFixture } from "../tests/harness";
import { imageReferenceProblem, isImageReference } from "./formats";
import { secretRegionWarnings, validateBuildContexts, validateDomain } from "./validate-context";

const web = (svc: Record<string, unknown>) => ({ "berth:services": { web: svc } });

describe("image references (the OCI reference grammar)", () => {
    const valid = [
        "nginx",
        "nginx:1.27",
        "public.ecr.aws/nginx/nginx:1.27-alpine",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v2",
        "localhost:5000/app",
        "registry.example.com:8443/a/b/c:tag_1.0",
        "ghcr.io/org/image@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "my-org/my__image",
    ];
    for (const ref of valid) it(`accepts ${ref}`, () => assert.equal(isImageReference(ref), true));

    const invalid: Array<[string, string]> = [
        ["http://registry.example.com/nginx:1.27", "an image reference without a URL scheme: registry.example.com/nginx:1.27"],
        ["MyOrg/Nginx Latest", "an image reference without spaces: a tag follows ':', as in myorg/nginx:latest"],
        ["MyOrg/Nginx:latest", "an image reference with a lowercase repository: myorg/nginx:latest"],
        ["registry.example.com/Team/App:1", "an image reference with a lowercase repository: registry.example.com/team/app:1"],
        ["nginx:", "an image reference such as public.ecr.aws/nginx/nginx:1.27 or 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:v1"],
        ["nginx/-dash", "an image reference such as public.ecr.aws/nginx/nginx:1.27 or 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:v1"],
    ];
    for (const [ref, problem] of invalid) {
        it(`refuses ${ref}, saying the fix`, () => {
            assert.equal(imageReferenceProblem(ref), problem);
            assert.equal(errorAt(fixtureErrors(merge(fargateConfig(), web({ image: ref }))), "berth:services.web.image").allowed, problem);
        });
    }

    it("accepts a tag of 128 characters and refuses one of 129", () => {
        assert.equal(isImageReference(`nginx:${"a".repeat(128)}`), true);
        assert.equal(isImageReference(`nginx:${"a".repeat(129)}`), false);
    });
});

describe("build contexts", () => {
    it("names a context that does not exist, and accepts one that does", () => {
        const cfg = { services: { a: { build: { context: "./here" } }, b: { build: { context: "./nope" } } } } as any;
        const errors = validateBuildContexts(cfg, (p) => p === "./here");
        assert.deepEqual(errors, [{ path: "berth:services.b.build.context", value: "./nope", allowed: "a folder that exists, relative to the project (where Pulumi.yaml is), holding the Dockerfile" }]);
    });

    it("is checked by the program, relative to the folder it runs in", async () => {
        const result = await plan({ stack: "ctx", project: "berth", config: fargateConfig(web({ image: null, build: { context: "./nope" } })) });
        assert.ok(!result.ok);
        assert.deepEqual(
            result.errors.map((e) => e.path),
            ["berth:services.web.build.context"],
        );
    });
});

describe("certificate region", () => {
    it("refuses a certificate from another region than the stack's, and accepts one from its own", () => {
        const other = "arn:aws:acm:us-east-1:123456789012:certificate/abc";
        const e = errorAt(fixtureErrors(fargateConfig({ "berth:loadBalancer": { certificateArn: other } })), "berth:loadBalancer.certificateArn");
        assert.equal(e.allowed, "a certificate in eu-west-1, the stack's region (aws:region): ACM certificates serve load balancers of their own region only; request or import one in eu-west-1");
        assert.ok(validateFixture(fargateConfig({ "berth:loadBalancer": { certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" } })).ok);
    });
});

describe("domain", () => {
    const domain = { name: "app.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" };
    it("needs a public service behind the ALB", () => {
        const e = errorAt(fixtureErrors(fargateConfig({ "berth:loadBalancer": { domain }, "berth:services": { web: { public: false } } })), "berth:loadBalancer.domain");
        assert.match(e.allowed, /^a public service behind the ALB to point the name at/);
    });
    it("is for ECS on Fargate or EC2, and EKS (issue 20, item 2), not ECS Anywhere", () => {
        const errors = fixtureErrors(fargateConfig({ "berth:platform": "eks", "berth:eks": { nodeGroups: { g: { type: "managed" } } }, "berth:loadBalancer": { domain } }));
        assert.ok(!errors.some((e) => e.path === "berth:loadBalancer.domain"), JSON.stringify(errors));
        const [e] = validateDomain({ platform: "ecs-anywhere", services: {}, loadBalancer: { domain } } as never);
        assert.match(e.allowed, /^nothing on platform ecs-anywhere: /);
    });
    for (const [field, value] of [
        ["name", "App.Example.com"],
        ["name", "localhost"],
        ["hostedZoneId", "zone-1"],
    ] as const) {
        it(`refuses ${field} ${value}`, () => errorAt(fixtureErrors(fargateConfig({ "berth:loadBalancer": { domain: { ...domain, [field]: value } } })), `berth:loadBalancer.domain.${field}`));
    }
});

describe("secret ARNs in another region or account (issue 20 item 7)", () => {
    const secret = (region: string, account = "483920175846") => `arn:aws:secretsmanager:${region}:${account}:secret:berth/dev/token-AbCdEf`;
    const services = (arn: string) => ({ web: { name: "web", secrets: { TOKEN: arn } } });

    it("warns, at the secret's key, on a secret in another region than aws:region", () => {
        assert.deepEqual(secretRegionWarnings({ services: services(secret("us-east-1")) } as never, "eu-west-1"), [
            {
                code: "secret-region",
                path: "berth:services.web.secrets.TOKEN",
                message: "is in region us-east-1, not the stack's eu-west-1 (aws:region): ECS reads a secret there only when its resource policy (and its KMS key's) let the task's execution role in; is it an ARN copied from another stack?",
            },
        ]);
    });

    it("warns on another account only when the stack names its own (aws:allowedAccountIds)", () => {
        const other = services(secret("eu-west-1", "590183746652"));
        assert.deepEqual(secretRegionWarnings({ services: other } as never, "eu-west-1"), []);
        assert.deepEqual(
            secretRegionWarnings({ services: other } as never, "eu-west-1", ["483920175846"]).map((w) => w.message.split(":")[0]),
            ["is in account 590183746652, not the stack's 483920175846 (aws"],
        );
        assert.deepEqual(secretRegionWarnings({ services: services(secret("eu-west-1")) } as never, "eu-west-1", ["483920175846"]), []);
    });

    it("says nothing without a region, and reaches the stack's warnings", () => {
        assert.deepEqual(secretRegionWarnings({ services: services(secret("us-east-1")) } as never, undefined), []);
        const r = validateFixture(fargateConfig({ "berth:services": { web: { secrets: { TOKEN: secret("eu-central-1") } } } }));
        assert.ok(r.ok);
        assert.deepEqual(
            r.warnings.filter((w) => w.code === "secret-region").map((w) => w.path),
            ["berth:services.web.secrets.TOKEN"],
        );
    });
});
