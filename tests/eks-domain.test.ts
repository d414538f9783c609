// GIVEN berth:loadBalancer.domain on EKS (issue 20, item 2), WHEN planned, THEN ExternalDNS points the
// name at the public Ingress group's ALB with a role scoped to that zone, and without a certificateArn
// the name gets a DNS-validated certificate that the Ingress serves; other platforms still refuse it.
import { strict as assert } from "assert";
import { validateDomain } from "../config/validate-context";
import { Plan } from "../plan/engine";
import { besidesPlaceholders, eksConfig, errorAt, find, fixtureErrors, inputs, json, kubernetesConfig, managedConfig, merge, planOk } from "./harness";

const DOMAIN = { name: "app.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" };
const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const web = { image: "public.ecr.aws/nginx/nginx:1.27", port: 8080, public: true, loadBalancer: "alb", path: "/*" };
const api = { image: "public.ecr.aws/nginx/nginx:1.27", port: 9000, public: true, loadBalancer: "alb", path: "/api/*", healthCheck: { path: "/api/health" } };
const config = (lb: Record<string, unknown> = { domain: DOMAIN }) => eksConfig({ "berth:services": { web, api }, "berth:loadBalancer": lb });

describe("EKS: a domain of your own (berth:loadBalancer.domain)", () => {
    let p: Plan;
    let own: Plan;
    before(async () => {
        p = await planOk(config());
        own = await planOk(config({ domain: DOMAIN, certificateArn: CERT }));
    });

    it("installs the pinned ExternalDNS chart, watching Ingresses for that domain only, upsert-only, owned by the cluster", () => {
        const r = inputs(p, RELEASE, "external-dns-release");
        assert.deepEqual([r.chart, r.version, r.repositoryOpts.repo, r.namespace, r.atomic], ["external-dns", "1.21.1", "https://kubernetes-sigs.github.io/external-dns/", "external-dns", true]);
        assert.deepEqual(r.values, {
            provider: { name: "aws" },
            sources: ["ingress"],
            domainFilters: ["app.example.com"],
            policy: "upsert-only",
            registry: "txt",
            txtOwnerId: p.outputs.clusterName,
            extraArgs: ["--aws-zone-type=public"],
            serviceAccount: { create: true, name: "external-dns", annotations: {} },
        });
    });

    it("gives ExternalDNS its own Pod Identity role, which may change that hosted zone only", () => {
        const assoc = inputs(p, "aws:eks/podIdentityAssociation:PodIdentityAssociation", "external-dns-association");
        assert.deepEqual([assoc.namespace, assoc.serviceAccount], ["external-dns", "external-dns"]);
        assert.equal(assoc.roleArn, find(p, "aws:iam/role:Role", "external-dns-role").arn);
        assert.deepEqual(json(inputs(p, "aws:iam/rolePolicy:RolePolicy", "external-dns-policy").policy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "Zone",
                    Effect: "Allow",
                    Action: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:ListTagsForResources"],
                    Resource: "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
                },
                { Sid: "Zones", Effect: "Allow", Action: ["route53:ListHostedZones"], Resource: "*" },
            ],
        });
    });

    it("issues a DNS-validated certificate in the zone when the stack names none", () => {
        const cert = inputs(p, "aws:acm/certificate:Certificate", "domain-cert");
        assert.deepEqual([cert.domainName, cert.validationMethod], ["app.example.com", "DNS"]);
        const record = inputs(p, "aws:route53/record:Record", "domain-validation");
        assert.deepEqual([record.zoneId, record.type, record.ttl], [DOMAIN.hostedZoneId, "CNAME", 300]);
        assert.match(record.name, /^_[0-9a-f]{32}\.app\.example\.com\.$/);
        assert.equal(inputs(p, "aws:acm/certificateValidation:CertificateValidation", "domain-validated").certificateArn, find(p, "aws:acm/certificate:Certificate", "domain-cert").arn);
        assert.equal(own.resources.filter((r) => r.type === "aws:acm/certificate:Certificate").length, 0);
    });

    it("every public Ingress carries the hostname for ExternalDNS and serves the issued certificate, or the stack's own", () => {
        const issued = find(p, "aws:acm/certificate:Certificate", "domain-cert").arn;
        for (const name of ["web-ingress", "api-ingress"]) {
            const a = inputs(p, INGRESS, name).metadata.annotations;
            assert.equal(a["external-dns.alpha.kubernetes.io/hostname"], "app.example.com");
            assert.equal(a["alb.ingress.kubernetes.io/certificate-arn"], issued);
            assert.equal(a["alb.ingress.kubernetes.io/listen-ports"], '[{"HTTP":80},{"HTTPS":443}]');
            assert.equal(a["alb.ingress.kubernetes.io/ssl-redirect"], "443");
            assert.equal(inputs(own, INGRESS, name).metadata.annotations["alb.ingress.kubernetes.io/certificate-arn"], CERT);
        }
    });

    it("makes https://DOMAIN the stack's url, and each ALB service's under it, as on ECS", () => {
        for (const plan of [p, own]) {
            assert.equal(plan.outputs.url, "https://app.example.com");
            assert.deepEqual(plan.outputs.urls, { api: "https://app.example.com/api/", web: "https://app.example.com/" });
        }
    });

    it("on a cluster of Fargate only, ExternalDNS gets its role through IRSA and a Fargate profile selects its namespace", async () => {
        const fg = await planOk(eksConfig({ "berth:eks": { nodeGroups: { general: { type: "fargate" } } }, "berth:services": { web }, "berth:loadBalancer": { domain: DOMAIN } }));
        const sa = inputs(fg, RELEASE, "external-dns-release").values.serviceAccount;
        assert.equal(sa.annotations["eks.amazonaws.com/role-arn"], find(fg, "aws:iam/role:Role", "external-dns-role").arn);
        assert.equal(fg.resources.filter((r) => r.type === "aws:eks/podIdentityAssociation:PodIdentityAssociation" && r.name.startsWith("external-dns")).length, 0);
        const selectors = fg.resources.filter((r) => r.type === "aws:eks/fargateProfile:FargateProfile").flatMap((r) => r.inputs.selectors as Array<{ namespace: string }>);
        assert.ok(selectors.some((s) => s.namespace === "external-dns"));
    });

    it("without a domain, no ExternalDNS and no certificate", async () => {
        const none = await planOk(config({ certificateArn: CERT }));
        assert.equal(none.resources.filter((r) => r.name.startsWith("external-dns") || r.type === "aws:acm/certificate:Certificate").length, 0);
    });

    it("a prod EKS stack with a domain and a certificate plans with no warning but placeholders", async () => {
        const prodOf = (lb: Record<string, unknown>) => merge(config(lb), { "berth:environment": "prod", "berth:eks": { publicAccessCidrs: ["198.51.100.0/24"] } });
        const prod = await planOk(prodOf({ domain: DOMAIN, certificateArn: CERT }), "prod");
        assert.deepEqual(besidesPlaceholders(prod.warnings), []);
        // Without the domain, the prod warning that asks for it (config/advice.ts) is what remains.
        const asked = await planOk(prodOf({ certificateArn: CERT }), "prod");
        assert.deepEqual(
            besidesPlaceholders(asked.warnings).map((w) => w.path),
            ["berth:loadBalancer.domain"],
        );
    });
});

describe("domain elsewhere is still refused, with the reason", () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
        ["kubernetes", kubernetesConfig({ "berth:loadBalancer": { domain: DOMAIN } }), /ingress controller/],
        ["apprunner", managedConfig("apprunner", { "berth:loadBalancer": { domain: DOMAIN } }), /App Runner fronts each service itself/],
        ["ecs-express", managedConfig("ecs-express", { "berth:loadBalancer": { domain: DOMAIN } }), /Express Mode provisions and owns/],
    ];
    for (const [platform, cfg, reason] of cases) {
        it(platform, () => {
            const e = errorAt(fixtureErrors(cfg), "berth:loadBalancer.domain");
            assert.match(e.allowed, new RegExp(`^nothing on platform ${platform}: `));
            assert.match(e.allowed, reason);
        });
    }
    it("ecs-anywhere", () => {
        const [e] = validateDomain({ platform: "ecs-anywhere", services: {}, loadBalancer: { domain: DOMAIN } } as never);
        assert.match(e.allowed, /^nothing on platform ecs-anywhere: .*your own hosts/);
    });
    it("eks takes it, with a public ALB service to point it at", () => {
        assert.deepEqual(validateDomain({ platform: "eks", services: { web: { public: true, loadBalancer: "alb" } }, loadBalancer: { type: "alb", domain: DOMAIN } } as never), []);
        assert.match(validateDomain({ platform: "eks", services: {}, loadBalancer: { type: "alb", domain: DOMAIN } } as never)[0].allowed, /a public service behind the ALB/);
    });
});
