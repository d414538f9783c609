// GIVEN public services on an existing cluster (platform kubernetes), WHEN planned, THEN an NLB
// service is a plain LoadBalancer Service limited by loadBalancerSourceRanges, and an ALB service an
// Ingress of the configured class, restricted through the source-range annotation the stack names, and through none when it names none.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { inputs, kubernetesConfig, ofType, planOk } from "./harness";

describe("platform kubernetes: public services", () => {
    let nginx: Plan;
    let traefik: Plan;
    beforeEach(async () => {
        nginx = await planOk(kubernetesConfig({ "berth:services": { api: { image: "public.ecr.aws/nginx/nginx:1.27", port: 9000, public: true, loadBalancer: "nlb", listenerPort: 80 } } }));
        traefik = await planOk(kubernetesConfig({ "berth:loadBalancer": { allowedCidrs: ["0.0.0.0/0"] }, "berth:kubernetes": { ingressClass: "traefik", sourceRangeAnnotation: null } }));
    });

    it("an NLB service: a LoadBalancer Service on the listener port, no cloud-specific annotations, only the allowed CIDRs", () => {
        const svc = inputs(nginx, "kubernetes:core/v1:Service", "api-service");
        assert.deepEqual(svc.metadata.annotations, {});
        assert.deepEqual(svc.spec, {
            type: "LoadBalancer",
            externalTrafficPolicy: "Local",
            loadBalancerSourceRanges: ["198.51.100.0/24"],
            ports: [{ name: "http", port: 80, protocol: "TCP", targetPort: 9000 }],
            selector: { "app.kubernetes.io/name": "api" },
        });
        assert.equal((nginx.outputs.urls as Record<string, string>).api, "http://198.51.100.88:80");
    });

    it("an NLB service's NetworkPolicy admits the allowed CIDRs, since the clients keep their addresses: without them every client is dropped", () => {
        const netpol = inputs(nginx, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "api-netpol").spec;
        assert.deepEqual(netpol.ingress, [{ from: [{ ipBlock: { cidr: "198.51.100.0/24" } }], ports: [{ port: 9000, protocol: "TCP" }] }]);
    });

    it("and the nodes' ranges where the stack names them, each range once", async () => {
        const p = await planOk(
            kubernetesConfig({
                "berth:kubernetes": { nodeCidrs: ["10.20.0.0/16", "198.51.100.0/24"] },
                "berth:services": { api: { image: "public.ecr.aws/nginx/nginx:1.27", port: 9000, public: true, loadBalancer: "nlb", listenerPort: 80 } },
            }),
        );
        const netpol = inputs(p, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "api-netpol").spec;
        assert.deepEqual(netpol.ingress[0].from, [{ ipBlock: { cidr: "198.51.100.0/24" } }, { ipBlock: { cidr: "10.20.0.0/16" } }]);
    });

    it("an ALB service on ingress-nginx: an Ingress of class nginx that admits only the allowed CIDRs, and the controller's pods let in", () => {
        const ing = inputs(nginx, "kubernetes:networking.k8s.io/v1:Ingress", "web-ingress");
        assert.deepEqual(ing.metadata.annotations, { "nginx.ingress.kubernetes.io/whitelist-source-range": "198.51.100.0/24" });
        assert.equal(ing.spec.ingressClassName, "nginx");
        const netpol = inputs(nginx, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "web-netpol").spec;
        assert.deepEqual(netpol.ingress[0], { from: [{ namespaceSelector: {}, podSelector: { matchLabels: { "app.kubernetes.io/component": "controller" } } }], ports: [{ port: 8080, protocol: "TCP" }] });
    });

    it("an ALB service on another class: an Ingress of that class with no annotation when the stack names none (the audience is the whole internet, as validation demands)", () => {
        const ing = inputs(traefik, "kubernetes:networking.k8s.io/v1:Ingress", "web-ingress");
        assert.deepEqual([ing.spec.ingressClassName, ing.metadata.annotations], ["traefik", {}]);
    });
});

describe("platform kubernetes: a private service with a disk, a one-off task, and two allowed CIDRs", () => {
    let p: Plan;
    beforeEach(async () => {
        p = await planOk(
            kubernetesConfig({
                "berth:loadBalancer": { allowedCidrs: ["198.51.100.0/24", "203.0.113.0/24"] },
                "berth:services": {
                    api: { image: "public.ecr.aws/nginx/nginx:1.27", port: 9000, public: false, desiredCount: 1, disks: [{ name: "data", sizeGiB: 5, mountPath: "/data" }] },
                    job: { kind: "task", image: "public.ecr.aws/docker/library/busybox:1.36", command: ["true"] },
                },
            }),
            "k8sextra",
        );
    });

    it("writes every allowed CIDR into the annotation, comma-separated", () => {
        assert.deepEqual(inputs(p, "kubernetes:networking.k8s.io/v1:Ingress", "web-ingress").metadata.annotations, { "nginx.ingress.kubernetes.io/whitelist-source-range": "198.51.100.0/24,203.0.113.0/24" });
    });

    it("reaches the private service only inside the cluster: a ClusterIP Service, no Ingress", () => {
        assert.equal(inputs(p, "kubernetes:core/v1:Service", "api-service").spec.type, "ClusterIP");
        assert.deepEqual(
            ofType(p, "kubernetes:networking.k8s.io/v1:Ingress").map((r) => r.name),
            ["web-ingress"],
        );
    });

    it("claims the disk from the cluster's default storage class, read-write by one node", () => {
        assert.deepEqual(inputs(p, "kubernetes:core/v1:PersistentVolumeClaim", "api-data-pvc").spec, { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "5Gi" } } });
        const mounts = inputs(p, "kubernetes:apps/v1:Deployment", "api-deployment").spec.template.spec.containers[0].volumeMounts;
        assert.deepEqual(
            mounts.find((m: { mountPath: string }) => m.mountPath === "/data"),
            { name: "data", mountPath: "/data", readOnly: false },
        );
    });

    it("outputs the task's kubectl command as is: the kubeconfig is the user's own, so no login step comes first", () => {
        assert.equal((p.outputs.tasks as Record<string, string>).job, "kubectl --namespace job create job --from=cronjob/job job-$(date +%s)");
    });
});
