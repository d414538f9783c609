// Issue 22, items 7, 8, 9 and 11: what a fresh account needs at the ALB's edge and at teardown. The
// ALB's access-log bucket berth creates (its policy's principal per region, against the ELB guide's
// table in config/facts/elb.ts), the WAF web ACL in front of a prod public ALB, the EC2 capacity that
// `pulumi destroy` can delete, and the tags on the repositories the pull-through cache creates.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { FAKE_ACCOUNT } from "../plan/fakes";
import { eksConfig, errorAt, fargateConfig, find, fixtureErrors, inputs, json, kubernetesConfig, merge, ofType, planOk, planStackOk, validateFixture } from "./harness";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const ACL = "aws:wafv2/webAcl:WebAcl";
const ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";

const prodConfig = (overrides: Record<string, unknown> = {}) => merge(fargateConfig({ "berth:environment": "prod" }), overrides);
const statementsOf = (p: Plan) => json(inputs(p, BUCKET_POLICY, "lb-logs-policy").policy).Statement;
/** The created bucket's physical name, from its fake ARN. */
const logBucket = (p: Plan) => find(p, BUCKET, "lb-logs-bucket").arn!.split(":::")[1];

describe("ALB access logs into a bucket berth creates (issue 22, item 7)", () => {
    let p: Plan;
    before(async () => (p = await planOk(prodConfig({ "aws:region": "us-east-1" }), "edge-prod")));

    it("creates the bucket in prod without a key, and points the ALB at it once its policy exists", () => {
        const lb = find(p, LB, "alb-lb");
        assert.deepEqual(lb.inputs.accessLogs, { bucket: logBucket(p), enabled: true });
        assert.ok(lb.dependencies.includes(find(p, BUCKET_POLICY, "lb-logs-policy").urn), "ELB checks the bucket policy when logging is turned on");
    });

    it("encrypts with SSE-S3, the only encryption ELB access logs support", () => {
        const sse = inputs(p, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "lb-logs-encryption");
        assert.deepEqual(sse.rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    });

    it("expires the logs with the stack's log retention (90 days in prod)", () => {
        const rules = inputs(p, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "lb-logs-lifecycle").rules;
        assert.deepEqual(rules, [{ id: "expire", status: "Enabled", filter: {}, expiration: { days: 90 }, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }]);
    });

    it("keeps the prod bucket on destroy and its objects with it", () => {
        const bucket = find(p, BUCKET, "lb-logs-bucket");
        assert.deepEqual([bucket.inputs.forceDestroy, bucket.retainOnDelete], [false, true]);
    });

    it("lets ELB's us-east-1 account (127311923021) put objects under AWSLogs/ACCOUNT/ only, over TLS", () => {
        const [tls, elb] = statementsOf(p);
        assert.equal(tls.Sid, "DenyWithoutTls");
        assert.deepEqual(elb, {
            Sid: "ElbAccessLogs",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::127311923021:root" },
            Action: "s3:PutObject",
            Resource: `arn:aws:s3:::${logBucket(p)}/AWSLogs/${FAKE_ACCOUNT}/*`,
        });
    });

    const regions: Array<[string, Record<string, string>]> = [
        ["eu-west-1", { AWS: "arn:aws:iam::156460612806:root" }],
        ["ap-southeast-3", { AWS: "arn:aws:iam::589379963580:root" }],
        // Regions available from August 2022 on: the log delivery service, not an account.
        ["ap-southeast-5", { Service: "logdelivery.elasticloadbalancing.amazonaws.com" }],
        ["eu-central-2", { Service: "logdelivery.elasticloadbalancing.amazonaws.com" }],
    ];
    for (const [region, principal] of regions) {
        it(`names the principal the ELB guide's table gives ${region}`, async () => {
            const r = await planOk(prodConfig({ "aws:region": region }), `edge-${region}`);
            assert.deepEqual(statementsOf(r)[1].Principal, principal);
        });
    }

    it("writes under the prefix, and expires when told, with { create: true } in dev", async () => {
        const r = await planOk(fargateConfig({ "berth:loadBalancer": { accessLogs: { create: true, prefix: "alb", expirationDays: 30 } } }), "edge-dev-create");
        assert.deepEqual(inputs(r, LB, "alb-lb").accessLogs, { bucket: logBucket(r), prefix: "alb", enabled: true });
        assert.equal(statementsOf(r)[1].Resource, `arn:aws:s3:::${logBucket(r)}/alb/AWSLogs/${FAKE_ACCOUNT}/*`);
        assert.equal(inputs(r, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "lb-logs-lifecycle").rules[0].expiration.days, 30);
        assert.equal(find(r, BUCKET, "lb-logs-bucket").inputs.forceDestroy, true);
    });

    it("creates nothing in dev by default, nor in prod with accessLogs: false or an existing bucket", async () => {
        const dev = await planOk(fargateConfig(), "edge-dev");
        const off = await planOk(prodConfig({ "berth:loadBalancer": { accessLogs: false } }), "edge-prod-off");
        const existing = await planOk(prodConfig({ "berth:loadBalancer": { accessLogs: { bucket: "acme-logs", prefix: "berth" } } }), "edge-prod-existing");
        for (const r of [dev, off, existing]) assert.deepEqual(ofType(r, BUCKET), []);
        assert.deepEqual([inputs(dev, LB, "alb-lb").accessLogs, inputs(off, LB, "alb-lb").accessLogs], [undefined, undefined]);
        assert.deepEqual(inputs(existing, LB, "alb-lb").accessLogs, { bucket: "acme-logs", prefix: "berth", enabled: true });
    });

    it("serves the internal ALB from the same bucket", async () => {
        const svc = { image: "public.ecr.aws/nginx/nginx:1.27", port: 8080, internal: {} };
        const r = await planOk(prodConfig({ "berth:services": { api: svc } }), "edge-internal");
        assert.equal(ofType(r, BUCKET).length, 1);
        assert.deepEqual(inputs(r, LB, "int-lb").accessLogs, inputs(r, LB, "alb-lb").accessLogs);
    });

    it("hands EKS's Ingress the created bucket, after its policy", async () => {
        const r = await planOk(merge(eksConfig({ "berth:environment": "prod", "aws:region": "us-east-1" }), { "berth:loadBalancer": { waf: false } }), "edge-eks-logs");
        const ingress = find(r, INGRESS, "web-ingress");
        const annotations = inputs(r, INGRESS, "web-ingress").metadata.annotations;
        assert.ok(annotations["alb.ingress.kubernetes.io/load-balancer-attributes"].endsWith(`,access_logs.s3.enabled=true,access_logs.s3.bucket=${logBucket(r)}`));
        assert.ok(ingress.dependencies.includes(find(r, BUCKET_POLICY, "lb-logs-policy").urn));
        // WAF off: "none", which detaches an ACL the group's ALB may still carry (LBC annotations, wafv2-acl-arn).
        assert.equal(annotations["alb.ingress.kubernetes.io/wafv2-acl-arn"], "none");
    });

    it("refuses access logs on ecs-anywhere, which has no ALB", () => {
        const cfg = merge(fargateConfig({ "berth:platform": "ecs-anywhere", "berth:services": { web: { public: false } } }), { "berth:loadBalancer": { accessLogs: { create: true } } });
        assert.match(errorAt(fixtureErrors(cfg), "berth:loadBalancer.accessLogs").allowed, /^false or unset on platform ecs-anywhere/);
    });
});

describe("a WAF web ACL in front of a prod public ALB (issue 22, item 8)", () => {
    let p: Plan;
    before(async () => (p = await planOk(prodConfig(), "edge-waf")));

    it("runs AWS's managed rule groups and a per-IP rate limit, allowing the rest", () => {
        const acl = inputs(p, ACL, "waf-acl");
        assert.deepEqual([acl.scope, acl.defaultAction], ["REGIONAL", { allow: {} }]);
        const vis = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
        const managed = (name: string, priority: number) => ({ name, priority, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: "AWS", name } }, visibilityConfig: vis(name) });
        assert.deepEqual(acl.rules, [
            managed("AWSManagedRulesAmazonIpReputationList", 0),
            { name: "RateLimitPerIp", priority: 1, action: { block: {} }, statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP", evaluationWindowSec: 300 } }, visibilityConfig: vis("RateLimitPerIp") },
            managed("AWSManagedRulesCommonRuleSet", 2),
            managed("AWSManagedRulesKnownBadInputsRuleSet", 3),
        ]);
    });

    it("is associated with the public ALB, not the internal one", () => {
        assert.deepEqual(
            ofType(p, ASSOCIATION).map((a) => [a.name, a.inputs.resourceArn, a.inputs.webAclArn]),
            [["waf-alb", find(p, LB, "alb-lb").arn, find(p, ACL, "waf-acl").arn]],
        );
    });

    it("logs to a CloudWatch group named aws-waf-logs-..., kept as long as the stack's logs", () => {
        const group = find(p, "aws:cloudwatch/logGroup:LogGroup", "waf-logs");
        assert.deepEqual([group.inputs.name, group.inputs.retentionInDays], ["aws-waf-logs-berth-edge-waf", 90]);
        assert.deepEqual(inputs(p, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "waf-logging"), { resourceArn: find(p, ACL, "waf-acl").arn, logDestinationConfigs: [group.arn] });
    });

    it("takes a rate limit of the stack's own, and dev may opt in", async () => {
        const dev = await planOk(fargateConfig({ "berth:loadBalancer": { waf: { rateLimit: 500 } } }), "edge-waf-dev");
        assert.equal(inputs(dev, ACL, "waf-acl").rules[1].statement.rateBasedStatement.limit, 500);
        assert.equal(ofType(dev, ASSOCIATION).length, 1);
    });

    it("is absent in dev by default, and in prod with waf: false, which warns", async () => {
        const dev = await planOk(fargateConfig(), "edge-waf-none");
        const off = await planOk(prodConfig({ "berth:loadBalancer": { waf: false } }), "edge-waf-off");
        for (const r of [dev, off]) assert.deepEqual([ofType(r, ACL), ofType(r, ASSOCIATION)], [[], []]);
        const r = validateFixture(prodConfig({ "berth:loadBalancer": { waf: false } }));
        assert.ok(r.ok);
        assert.ok(r.warnings.some((w) => w.path === "berth:loadBalancer.waf" && w.message.startsWith("is false: the public prod ALB has no web application firewall")));
    });

    it("is absent where no public ALB is, though the stack is prod", async () => {
        const nlb = await planOk(prodConfig({ "berth:services": { web: { loadBalancer: "nlb" } } }), "edge-waf-nlb");
        assert.deepEqual(ofType(nlb, ACL), []);
    });

    it("on EKS, the Ingress names the ACL and the controller may associate it", async () => {
        const r = await planOk(eksConfig({ "berth:environment": "prod" }), "edge-waf-eks");
        const annotations = inputs(r, INGRESS, "web-ingress").metadata.annotations;
        assert.equal(annotations["alb.ingress.kubernetes.io/wafv2-acl-arn"], find(r, ACL, "waf-acl").arn);
        assert.deepEqual(ofType(r, ASSOCIATION), [], "the controller associates it, not berth");
        assert.equal(inputs(r, "kubernetes:helm.sh/v3:Release", "lb-controller-release").values.enableWafv2, true);
        const policy = json(inputs(r, "aws:iam/rolePolicy:RolePolicy", "lb-controller-policy").policy).Statement;
        assert.deepEqual(
            policy.filter((s: { Sid: string }) => s.Sid.startsWith("Waf")).map((s: { Action: string[] }) => s.Action),
            [["wafv2:GetWebACL"], ["wafv2:GetWebACLForResource", "wafv2:AssociateWebACL", "wafv2:DisassociateWebACL"], ["elasticloadbalancing:SetWebAcl"]],
        );
    });

    it("refuses waf on platforms without berth's ALB, each with the reason", () => {
        const k8s = fixtureErrors(kubernetesConfig({ "berth:loadBalancer": { waf: true } }));
        assert.match(errorAt(k8s, "berth:loadBalancer.waf").allowed, /^false or unset on platform kubernetes/);
        for (const platform of ["ecs-express", "apprunner"] as const) {
            const cfg = merge(fargateConfig({ "berth:platform": platform, "berth:apprunner": platform === "apprunner" ? { existingCustomer: true } : undefined }), { "berth:loadBalancer": { allowedCidrs: ["0.0.0.0/0"], waf: true } });
            assert.match(errorAt(fixtureErrors(cfg), "berth:loadBalancer.waf").allowed, new RegExp(`^nothing on platform ${platform}`));
        }
    });
});

describe("pulumi destroy on ecs-ec2 completes (issue 22, item 9)", () => {
    it("force-deletes the Auto Scaling group, whose instances are protected from scale-in", async () => {
        const asg = inputs(await planStackOk("ecs-ec2"), "aws:autoscaling/group:Group", "ec2-asg");
        assert.deepEqual([asg.protectFromScaleIn, asg.forceDelete], [true, true]);
    });

    it("force-deletes it with cpu scaling too", async () => {
        const r = await planOk(fargateConfig({ "berth:platform": "ecs-ec2", "berth:ec2": { scaling: "cpu" } }), "edge-ec2-cpu");
        const asg = inputs(r, "aws:autoscaling/group:Group", "ec2-asg");
        assert.deepEqual([asg.protectFromScaleIn, asg.forceDelete], [false, true]);
    });
});

describe("repositories the pull-through cache creates (issue 22, item 11)", () => {
    it("carry the stack's tags through the creation template", async () => {
        const r = await planOk(fargateConfig({ "berth:registry": { pullThroughCache: { ecrPublic: true } }, "berth:tags": { team: "edge" } }), "edge-cache");
        const template = inputs(r, "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate", "registry-ecr-public-template");
        assert.deepEqual(template.resourceTags, { "berth:project": "berth", "berth:stack": "edge-cache", "berth:environment": "dev", team: "edge" });
    });
});

describe("the edge keys' errors", () => {
    const errorsOf = (lb: Record<string, unknown>) => fixtureErrors(fargateConfig({ "berth:loadBalancer": lb })).map((e) => `${e.path}: ${e.allowed}`);
    const ACCESS_LOGS = "berth:loadBalancer.accessLogs: { create: true } (berth creates the bucket), { bucket: NAME, prefix } (an existing bucket whose policy lets ELB write), or false";
    const cases: Array<[string, Record<string, unknown>, string[]]> = [
        ["create: false", { accessLogs: { create: false } }, [ACCESS_LOGS]],
        ["a bucket and create at once", { accessLogs: { bucket: "ok-bucket", create: true } }, [ACCESS_LOGS]],
        ["true", { accessLogs: true }, [ACCESS_LOGS]],
        ["a prefix holding AWSLogs", { accessLogs: { create: true, prefix: "x/AWSLogs" } }, ["berth:loadBalancer.accessLogs.prefix: a key prefix without AWSLogs (ELB adds AWSLogs/ACCOUNT/ after it), '*' or '?', and no '/' at either end"]],
        ["a prefix ending in /", { accessLogs: { create: true, prefix: "alb/" } }, ["berth:loadBalancer.accessLogs.prefix: a key prefix without AWSLogs (ELB adds AWSLogs/ACCOUNT/ after it), '*' or '?', and no '/' at either end"]],
        [
            "a prefix starting with /",
            { accessLogs: { bucket: "berth-logs", prefix: "/alb" } },
            ["berth:loadBalancer.accessLogs.prefix: a key prefix without AWSLogs (ELB adds AWSLogs/ACCOUNT/ after it), '*' or '?', and no '/' at either end"],
        ],
        ["no expiry", { accessLogs: { create: true, expirationDays: 0 } }, ["berth:loadBalancer.accessLogs.expirationDays: at least 1"]],
        ["a rate limit below WAF's 10", { waf: { rateLimit: 5 } }, ["berth:loadBalancer.waf.rateLimit: at least 10"]],
        ["waf: on", { waf: "on" }, ["berth:loadBalancer.waf: true, false, or { rateLimit: N } (requests per client IP per 5 minutes, 10 or more)"]],
    ];
    for (const [what, lb, expected] of cases) it(what, () => assert.deepEqual(errorsOf(lb), expected));
});
