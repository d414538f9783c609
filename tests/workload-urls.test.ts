// GIVEN public services on EKS behind the shared ALB and behind NLBs of their own, listed in no
// particular order, WHEN planned, THEN `url` is the ALB's (else the first NLB's by name, as on ECS),
// each service's own URL carries its path or its NLB's port, and TLS turns NLBs without a listener
// port to 443.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { eksConfig, planOk } from "./harness";

const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";
const svc = (o: object) => ({ image: "public.ecr.aws/nginx/nginx:1.27", port: 9000, public: true, ...o });
// An NLB service listed first, so a lost sort would make it `url`; and a private worker, which has none.
const SERVICES = {
    web: null,
    beta: svc({ loadBalancer: "nlb" }),
    zeta: svc({ path: "/zeta/*", healthCheck: { path: "/zeta/h" } }),
    alpha: svc({ loadBalancer: "nlb", listenerPort: 7000 }),
    worker: { image: "busybox:1.36", public: false },
};
const out = (p: Plan) => p.outputs as { url: string; ingressHostname?: string; urls: Record<string, string> };

describe("public service URLs on EKS", () => {
    let plain: Plan;
    let tls: Plan;
    let nlbOnly: Plan;
    beforeEach(async () => {
        plain = await planOk(eksConfig({ "berth:services": SERVICES }), "urls");
        tls = await planOk(eksConfig({ "berth:loadBalancer": { certificateArn: CERT }, "berth:services": SERVICES }), "urlstls");
        nlbOnly = await planOk(eksConfig({ "berth:services": { ...SERVICES, zeta: null } }), "urlsnlb");
    });

    it("gives `url` to the ALB, and each ALB service its path without the glob", () => {
        const o = out(plain);
        assert.match(o.ingressHostname!, /^k8s-berth-urls-[0-9a-f]+-\d+\.eu-west-1\.elb\.amazonaws\.com$/);
        assert.equal(o.url, `http://${o.ingressHostname}`);
        assert.equal(o.urls.zeta, `http://${o.ingressHostname}/zeta/`);
    });

    it("gives each NLB service its own host on its listener port, or its container port without one, and the private worker none", () => {
        const o = out(plain);
        assert.deepEqual(Object.keys(o.urls).sort(), ["alpha", "beta", "zeta"]);
        assert.match(o.urls.alpha, /^http:\/\/k8s-[0-9a-f]+\.elb\.eu-west-1\.amazonaws\.com:7000$/);
        assert.match(o.urls.beta, /^http:\/\/k8s-[0-9a-f]+\.elb\.eu-west-1\.amazonaws\.com:9000$/);
        assert.notEqual(new URL(o.urls.alpha).host.split(":")[0], new URL(o.urls.beta).host.split(":")[0]);
    });

    it("with a certificate: https everywhere, 443 for an NLB without a listener port, the listener port kept otherwise", () => {
        const o = out(tls);
        assert.equal(o.url, `https://${o.ingressHostname}`);
        assert.equal(o.urls.zeta, `https://${o.ingressHostname}/zeta/`);
        assert.match(o.urls.beta, /^https:\/\/[^/]+:443$/);
        assert.match(o.urls.alpha, /^https:\/\/[^/]+:7000$/);
    });

    it("without an ALB: `url` is the first NLB service by name, with its port, and there is no ingress hostname", () => {
        const o = out(nlbOnly);
        assert.equal(o.url, o.urls.alpha);
        assert.equal(o.ingressHostname, undefined);
    });
});
