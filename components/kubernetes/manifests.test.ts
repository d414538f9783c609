import { strict as assert } from "assert";
import fc from "fast-check";
import { commandLiveness, containerSecurityContext, podSecurityContext, scratchVolumes, hpaSpec, networkPolicySpec, prefixPath } from "./manifests";

describe("prefixPath", () => {
    const cases: Array<[string, { path: string; pathType: string }]> = [
        ["/*", { path: "/", pathType: "Prefix" }],
        ["/api/*", { path: "/api", pathType: "Prefix" }],
        ["/health", { path: "/health", pathType: "Exact" }],
        ["/api*", { path: "/api", pathType: "Prefix" }],
        ["/v1/*/items/*", { path: "/v1/*/items", pathType: "Prefix" }],
    ];
    for (const [pattern, out] of cases) it(`${pattern} -> ${out.pathType} ${out.path}`, () => assert.deepEqual(prefixPath(pattern), out));
    it("keeps every wildcard-free path exact (property)", () => {
        fc.assert(fc.property(fc.stringMatching(/^\/[a-z0-9/-]{0,20}$/), (p) => assert.deepEqual(prefixPath(p), { path: p, pathType: "Exact" })));
    });
});

describe("hpaSpec and networkPolicySpec", () => {
    it("lists only the metrics that have a target", () => {
        const spec = hpaSpec("web", { min: 1, max: 3, memory: 80, scaleDownWindow: 300, scaleUpWindow: 60 });
        assert.deepEqual(spec.metrics, [{ type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 80 } } }]);
    });
    it("admits nothing for a workload without a port, and no load-balancer rule without peers", () => {
        assert.deepEqual(networkPolicySpec({ app: "w" }, undefined, [{ ipBlock: { cidr: "10.0.0.0/16" } }]).ingress, []);
        assert.deepEqual(networkPolicySpec({ app: "w" }, 80, []).ingress, []);
    });
    it("admits the port from exactly the callers' namespaces, by the name the API server gives each namespace", () => {
        const ports = [{ protocol: "TCP", port: 80 }];
        assert.deepEqual(networkPolicySpec({ app: "w" }, 80, [{ ipBlock: { cidr: "10.0.0.0/16" } }], ["api", "worker"]).ingress, [
            { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "api" } } }, { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "worker" } } }], ports },
            { from: [{ ipBlock: { cidr: "10.0.0.0/16" } }], ports },
        ]);
        assert.deepEqual(networkPolicySpec({ app: "w" }, undefined, [], ["api"]).ingress, []);
    });
});

describe("commandLiveness", () => {
    const timing = { interval: 30, timeout: 5, retries: 3, startPeriod: 10 };
    const probe = (command: string[]) => ({ exec: { command }, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 3, successThreshold: 1, initialDelaySeconds: 10 });

    it("runs CMD-SHELL through sh -c, as one script", () => {
        assert.deepEqual(commandLiveness({ command: ["CMD-SHELL", "wget -q -O /dev/null", "http://localhost:8080/ || exit 1"], ...timing }), probe(["sh", "-c", "wget -q -O /dev/null http://localhost:8080/ || exit 1"]));
    });

    it("runs CMD as given, with no shell", () => {
        assert.deepEqual(commandLiveness({ command: ["CMD", "/bin/check", "--port", "8080"], ...timing }), probe(["/bin/check", "--port", "8080"]));
    });
});

describe("containerSecurityContext", () => {
    const base = { runAsNonRoot: true, allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } };

    it("runs as the given user and group, with a writable root file system when asked", () => {
        assert.deepEqual(containerSecurityContext(false, { uid: 101, gid: 102 }), { ...base, readOnlyRootFilesystem: false, runAsUser: 101, runAsGroup: 102 });
    });

    it("runs as the given user, read-only", () => {
        assert.deepEqual(containerSecurityContext(true, { uid: 1000, gid: 1000 }), { ...base, readOnlyRootFilesystem: true, runAsUser: 1000, runAsGroup: 1000 });
    });
});

describe("podSecurityContext and scratchVolumes", () => {
    it("gives the pod's volumes to the user's group", () => {
        assert.deepEqual(podSecurityContext({ uid: 101, gid: 102 }), { runAsNonRoot: true, runAsUser: 101, runAsGroup: 102, fsGroup: 102, seccompProfile: { type: "RuntimeDefault" } });
    });

    it("makes one emptyDir per writable path, in order", () => {
        assert.deepEqual(scratchVolumes(["/tmp", "/var/cache/nginx"]), [
            { volume: { name: "scratch-0", emptyDir: {} }, mount: { name: "scratch-0", mountPath: "/tmp" } },
            { volume: { name: "scratch-1", emptyDir: {} }, mount: { name: "scratch-1", mountPath: "/var/cache/nginx" } },
        ]);
        assert.deepEqual(scratchVolumes([]), []);
    });
});
