// The outputs a newcomer needs for the next step: where each service answers, how to push an
// image, where the logs are, and a domain of their own with a real certificate.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { fargateConfig, find, inputs, ofType, planOk, planStackOk } from "./harness";

const DOMAIN = { name: "app.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" };

describe("outputs for the next step", () => {
    let dev: Plan;
    let domain: Plan;
    before(async () => {
        dev = await planStackOk("dev");
        domain = await planOk(
            fargateConfig({
                "berth:loadBalancer": { domain: DOMAIN },
                "berth:services": { api: { image: "api", port: 8080, public: true, path: "/api/*", healthCheck: { path: "/api/health" } }, mqtt: { image: "eclipse-mosquitto:2", port: 1883, public: true, loadBalancer: "nlb" } },
            }),
        );
    });

    it("gives each public service its URL, by route on the ALB and host:port on the NLB", () => {
        const urls = domain.outputs.urls as Record<string, string>;
        assert.deepEqual(Object.keys(urls).sort(), ["api", "mqtt", "web"]);
        assert.equal(urls.web, "https://app.example.com/");
        assert.equal(urls.api, "https://app.example.com/api/");
        assert.match(urls.mqtt, /^nlb-lb-[0-9a-f]+-\d+\.eu-west-1\.elb\.amazonaws\.com:1883$/);
        assert.deepEqual(dev.outputs.urls, { web: `${String(dev.outputs.url)}/` });
    });

    it("gives the commands that log in to the repository, build and push, tagged by commit", () => {
        const repo = String(dev.outputs.repositoryUrl);
        assert.deepEqual(dev.outputs.pushCommands, {
            login: `aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin ${repo.split("/")[0]}`,
            build: `docker build --platform linux/amd64 -t ${repo}:$(git rev-parse --short HEAD) .`,
            push: `docker push ${repo}:$(git rev-parse --short HEAD)`,
        });
    });

    it("names each service's log group and the command that follows it", () => {
        assert.deepEqual(dev.outputs.logs, {
            web: { group: "/berth/berth/dev/web", tail: "aws logs tail /berth/berth/dev/web --region us-east-1 --follow" },
            worker: { group: "/berth/berth/dev/worker", tail: "aws logs tail /berth/berth/dev/worker --region us-east-1 --follow" },
        });
    });

    describe("a domain (berth:loadBalancer.domain)", () => {
        it("issues a DNS-validated certificate in the zone and serves HTTPS with it once issued", () => {
            const cert = inputs(domain, "aws:acm/certificate:Certificate", "domain-cert");
            assert.deepEqual([cert.domainName, cert.validationMethod], ["app.example.com", "DNS"]);
            const record = inputs(domain, "aws:route53/record:Record", "domain-validation");
            assert.deepEqual([record.zoneId, record.type, record.ttl], [DOMAIN.hostedZoneId, "CNAME", 300]);
            assert.match(record.name, /^_[0-9a-f]{32}\.app\.example\.com\.$/);
            const validated = find(domain, "aws:acm/certificateValidation:CertificateValidation", "domain-validated");
            assert.equal(validated.inputs.certificateArn, find(domain, "aws:acm/certificate:Certificate", "domain-cert").arn);
            const https = inputs(domain, "aws:lb/listener:Listener", "alb-https");
            assert.equal(https.certificateArn, find(domain, "aws:acm/certificate:Certificate", "domain-cert").arn);
            assert.ok(find(domain, "aws:lb/listener:Listener", "alb-https").dependencies.includes(validated.urn));
        });

        it("points the name at the ALB with an alias record, and makes it the stack's URL", () => {
            const a = inputs(domain, "aws:route53/record:Record", "domain-a");
            const alb = find(domain, "aws:lb/loadBalancer:LoadBalancer", "alb-lb");
            assert.deepEqual([a.zoneId, a.name, a.type], [DOMAIN.hostedZoneId, "app.example.com", "A"]);
            assert.equal(a.aliases.length, 1);
            assert.equal(a.aliases[0].zoneId, "Z35SXDOTRQ7X7K");
            assert.equal(a.aliases[0].evaluateTargetHealth, false);
            assert.match(a.aliases[0].name, /^alb-lb-/);
            assert.ok(find(domain, "aws:route53/record:Record", "domain-a").dependencies.includes(alb.urn));
            assert.equal(domain.outputs.url, "https://app.example.com");
        });

        it("issues no certificate when one is configured", async () => {
            const own = await planOk(fargateConfig({ "berth:loadBalancer": { domain: DOMAIN, certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" } }));
            assert.deepEqual(ofType(own, "aws:acm/certificate:Certificate"), []);
            assert.equal(inputs(own, "aws:lb/listener:Listener", "alb-https").certificateArn, "arn:aws:acm:eu-west-1:123456789012:certificate/abc");
            assert.equal(own.outputs.url, "https://app.example.com");
        });
    });
});
