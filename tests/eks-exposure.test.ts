// GIVEN public services on EKS, WHEN planned, THEN the AWS Load Balancer Controller gets exactly
// these annotations: every one it reads (its docs, "Ingress annotations" and "Service annotations"),
// written out, so a dropped or renamed annotation fails here instead of silently falling back to
// the controller's default (an internal scheme, instance targets, a 300 s drain).
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { eksConfig, fakeSubnets, inputs, planOk } from "./harness";

const SERVICE = "kubernetes:core/v1:Service";
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";
const TAGS = "team=core,berth:project=berth,berth:stack=test,berth:environment=dev";
const PUBLIC = fakeSubnets("public").join(",");

const config = (over: Record<string, unknown> = {}) => eksConfig({ "berth:tags": { team: "core" }, "berth:services": { api: { image: "public.ecr.aws/nginx/nginx:1.27", port: 9000, public: true, loadBalancer: "nlb" } }, ...over });

describe("EKS exposure, annotation by annotation", () => {
    let p: Plan;
    let tls: Plan;
    beforeEach(async () => {
        p = await planOk(config());
        tls = await planOk(config({ "berth:loadBalancer": { allowedCidrs: ["198.51.100.0/24"], certificateArn: CERT } }));
    });

    it("an NLB service: an internet-facing NLB with IP targets in the public subnets, an HTTP health check, a 30 s drain and the stack's tags", () => {
        const s = "service.beta.kubernetes.io";
        assert.deepEqual(inputs(p, SERVICE, "api-service").metadata.annotations, {
            [`${s}/aws-load-balancer-type`]: "external",
            [`${s}/aws-load-balancer-nlb-target-type`]: "ip",
            [`${s}/aws-load-balancer-scheme`]: "internet-facing",
            [`${s}/aws-load-balancer-subnets`]: PUBLIC,
            [`${s}/aws-load-balancer-healthcheck-protocol`]: "http",
            [`${s}/aws-load-balancer-healthcheck-path`]: "/",
            [`${s}/aws-load-balancer-healthcheck-interval`]: "30",
            [`${s}/aws-load-balancer-healthcheck-timeout`]: "5",
            [`${s}/aws-load-balancer-healthcheck-healthy-threshold`]: "3",
            [`${s}/aws-load-balancer-healthcheck-unhealthy-threshold`]: "3",
            [`${s}/aws-load-balancer-healthcheck-success-codes`]: "200-399",
            [`${s}/aws-load-balancer-target-group-attributes`]: "deregistration_delay.timeout_seconds=30",
            [`${s}/aws-load-balancer-attributes`]: "load_balancing.cross_zone.enabled=true,deletion_protection.enabled=false",
            [`${s}/aws-load-balancer-additional-resource-tags`]: TAGS,
        });
        const spec = inputs(p, SERVICE, "api-service").spec;
        assert.deepEqual([spec.type, spec.externalTrafficPolicy, spec.loadBalancerSourceRanges, spec.ports], ["LoadBalancer", "Local", ["198.51.100.0/24"], [{ name: "http", port: 9000, protocol: "TCP", targetPort: 9000 }]]);
    });

    it("an NLB service with a certificate: TLS on 443 with the modern policy, forwarded to the container port", () => {
        const a = inputs(tls, SERVICE, "api-service").metadata.annotations;
        assert.equal(a["service.beta.kubernetes.io/aws-load-balancer-ssl-cert"], CERT);
        assert.equal(a["service.beta.kubernetes.io/aws-load-balancer-ssl-ports"], "443");
        assert.equal(a["service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy"], "ELBSecurityPolicy-TLS13-1-2-2021-06");
        assert.deepEqual(inputs(tls, SERVICE, "api-service").spec.ports, [{ name: "http", port: 443, protocol: "TCP", targetPort: 9000 }]);
    });

    it("an ALB service: one internet-facing ALB per stack (its group), IP targets in the public subnets, only the allowed CIDRs, hardened attributes", () => {
        const a = "alb.ingress.kubernetes.io";
        assert.deepEqual(inputs(p, INGRESS, "web-ingress").metadata.annotations, {
            [`${a}/group.name`]: "berth-test",
            [`${a}/group.order`]: "1",
            [`${a}/scheme`]: "internet-facing",
            [`${a}/target-type`]: "ip",
            [`${a}/subnets`]: PUBLIC,
            [`${a}/inbound-cidrs`]: "198.51.100.0/24",
            [`${a}/healthcheck-path`]: "/healthz",
            [`${a}/healthcheck-interval-seconds`]: "30",
            [`${a}/healthcheck-timeout-seconds`]: "5",
            [`${a}/healthy-threshold-count`]: "3",
            [`${a}/unhealthy-threshold-count`]: "3",
            [`${a}/success-codes`]: "200-399",
            [`${a}/target-group-attributes`]: "deregistration_delay.timeout_seconds=30",
            [`${a}/load-balancer-attributes`]: "idle_timeout.timeout_seconds=60,routing.http.drop_invalid_header_fields.enabled=true,routing.http.desync_mitigation_mode=defensive,deletion_protection.enabled=false",
            [`${a}/tags`]: TAGS,
            // No WAF outside prod: "none" detaches any web ACL, where no annotation would leave it attached.
            [`${a}/wafv2-acl-arn`]: "none",
            [`${a}/listen-ports`]: '[{"HTTP":80}]',
        });
    });

    it("an ALB reached over IPv6 only: the public group is annotated dualstack-without-public-ipv4 with IPv6 inbound CIDRs, the internal group stays IPv4", async () => {
        const v6 = await planOk(
            eksConfig({
                "berth:loadBalancer": { ipAddressType: "dualstack-without-public-ipv4", allowedCidrs: ["2001:db8::/32"] },
                "berth:services": { admin: { image: "public.ecr.aws/nginx/nginx:1.27", port: 8080, internal: {} } },
            }),
        );
        const a = "alb.ingress.kubernetes.io";
        const web = inputs(v6, INGRESS, "web-ingress").metadata.annotations;
        assert.deepEqual([web[`${a}/ip-address-type`], web[`${a}/inbound-cidrs`], web[`${a}/scheme`]], ["dualstack-without-public-ipv4", "2001:db8::/32", "internet-facing"]);
        const admin = inputs(v6, INGRESS, "admin-ingress").metadata.annotations;
        assert.deepEqual([admin[`${a}/ip-address-type`], admin[`${a}/scheme`]], [undefined, "internal"]);
        assert.equal(inputs(v6, "awsx:ec2:Vpc", "net-vpc").assignGeneratedIpv6CidrBlock, true);
    });

    it("an ALB service with a certificate: HTTPS on 443 with the modern policy, and HTTP redirected to it", () => {
        const a = inputs(tls, INGRESS, "web-ingress").metadata.annotations;
        assert.deepEqual(
            [a["alb.ingress.kubernetes.io/listen-ports"], a["alb.ingress.kubernetes.io/certificate-arn"], a["alb.ingress.kubernetes.io/ssl-redirect"], a["alb.ingress.kubernetes.io/ssl-policy"]],
            ['[{"HTTP":80},{"HTTPS":443}]', CERT, "443", "ELBSecurityPolicy-TLS13-1-2-2021-06"],
        );
    });
});
