// Issue 19 item 5 on the Kubernetes platforms: GIVEN services that call each other, WHEN planned,
// THEN each callee's NetworkPolicy admits its port from exactly its callers' namespaces (and its load
// balancer), `endpoints` names each private service by its cluster DNS name, and an internal service
// on EKS gets an Ingress of the internal group.
import { strict as assert } from "assert";
import { eksConfig, fakeSubnets, inputs, kubernetesConfig, planOk } from "./harness";

const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const image = "public.ecr.aws/docker/library/busybox:1.36";
const services = {
    web: { calls: ["api"] },
    api: { image, port: 9000 },
    worker: { image, calls: ["api"] },
    lonely: { image, port: 7000 },
};
const fromNamespaces = (...ns: string[]) => ns.map((n) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": n } } }));

for (const [platform, config] of [
    ["eks", () => eksConfig({ "berth:services": services })],
    ["kubernetes", () => kubernetesConfig({ "berth:services": services })],
] as const) {
    describe(`names between services on ${platform}`, () => {
        it("admits the callee's port from exactly its callers' namespaces, and nothing else", async () => {
            const p = await planOk(config());
            assert.deepEqual(inputs(p, NETPOL, "api-netpol").spec.ingress, [{ from: fromNamespaces("web", "worker"), ports: [{ protocol: "TCP", port: 9000 }] }]);
        });

        it("admits no namespace into a service nobody calls", async () => {
            const p = await planOk(config());
            assert.deepEqual(inputs(p, NETPOL, "lonely-netpol").spec.ingress, []);
        });

        it("lists each private service's cluster DNS name in `endpoints`, and no public one", async () => {
            const p = await planOk(config());
            assert.deepEqual(p.outputs.endpoints, { api: "http://api.api.svc.cluster.local:9000", lonely: "http://lonely.lonely.svc.cluster.local:7000" });
        });
    });
}

describe("the internal Ingress group on EKS", () => {
    const internal = () =>
        eksConfig({
            "berth:services": {
                admin: { image, port: 3000, path: "/admin/*", healthCheck: { path: "/admin/health" }, internal: { allowedCidrs: ["10.8.0.0/16", "10.9.0.0/16"] } },
                ops: { image, port: 4000, path: "/ops/*", healthCheck: { path: "/ops/health" }, internal: {} },
            },
        });

    it("puts the service behind an internal ALB of its own group, in the private subnets, HTTP only, forwarding only its CIDRs", async () => {
        const p = await planOk(internal());
        const a = inputs(p, INGRESS, "admin-ingress").metadata.annotations;
        const k = "alb.ingress.kubernetes.io";
        assert.equal(a[`${k}/scheme`], "internal");
        assert.equal(a[`${k}/group.name`], "berth-test-internal");
        assert.equal(a[`${k}/subnets`], fakeSubnets("private").join(","));
        assert.equal(a[`${k}/inbound-cidrs`], "10.0.0.0/16,10.8.0.0/16,10.9.0.0/16");
        assert.equal(a[`${k}/listen-ports`], '[{"HTTP":80}]');
        assert.equal(a[`${k}/certificate-arn`], undefined);
        assert.deepEqual(JSON.parse(a[`${k}/conditions.admin`]), [{ field: "source-ip", sourceIpConfig: { values: ["10.8.0.0/16", "10.9.0.0/16"] } }]);
        assert.deepEqual(JSON.parse(inputs(p, INGRESS, "ops-ingress").metadata.annotations[`${k}/conditions.ops`]), [{ field: "source-ip", sourceIpConfig: { values: ["10.0.0.0/16"] } }]);
        assert.deepEqual([a[`${k}/group.order`], inputs(p, INGRESS, "ops-ingress").metadata.annotations[`${k}/group.order`]].sort(), ["1", "2"]);
    });

    it("installs the load balancer controller for it, and admits the ALB's VPC addresses into its pods", async () => {
        const p = await planOk(internal());
        assert.ok(p.resources.some((r) => r.name === "lb-controller"));
        assert.deepEqual(inputs(p, NETPOL, "admin-netpol").spec.ingress, [{ from: [{ ipBlock: { cidr: "10.0.0.0/16" } }], ports: [{ protocol: "TCP", port: 3000 }] }]);
    });

    it("lists the internal URL in `urls` and `endpoints`", async () => {
        const p = await planOk(internal());
        const endpoints = p.outputs.endpoints as Record<string, string>;
        assert.deepEqual(Object.keys(endpoints).sort(), ["admin", "ops"]);
        assert.match(endpoints.admin, /^http:\/\/.+\/admin\/$/);
        assert.equal((p.outputs.urls as Record<string, string>).admin, endpoints.admin);
    });
});
