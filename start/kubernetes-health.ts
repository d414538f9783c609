// The health need of a Kubernetes workload (issue 23): its Services' target ports, its Ingresses'
// backends and its probes must land on ports its containers declare, and a non-root process must not
// be asked to bind a port below 1024.
import { list, obj, type Pod, str, strings } from "./kubernetes-pods";
import type { Need } from "./needs";
import type { PlanIndex, PlannedResource } from "./types";

/** A port as a manifest writes it (a number or a name), for a reason. */
const text = (x: unknown): string => (typeof x === "string" || typeof x === "number" ? String(x) : JSON.stringify(x));

/** A probe's port (httpGet, tcpSocket, grpc). */
const probePort = (p: unknown): unknown => obj(obj(p).httpGet).port ?? obj(obj(p).tcpSocket).port ?? obj(obj(p).grpc).port;

export function healthNeed(index: PlanIndex, r: PlannedResource, pod: Pod): Need {
    const app = list(pod.spec.containers);
    const ports = app.flatMap((c) => list(c.ports).map((p) => ({ container: str(c.name) ?? "", port: Number(p.containerPort), name: str(p.name), c })));
    const has = (p: unknown) => (typeof p === "number" ? ports.some((x) => x.port === p) : ports.some((x) => x.name === p));
    const problems: string[] = [];
    // A numeric port the containers do not declare may still be open: containerPort is informational
    // (Kubernetes API reference, Container.ports). A name that resolves to no port is certainly wrong.
    const doubts: string[] = [];
    const unlisted = (p: unknown) => (typeof p === "number" ? doubts : problems);
    const checked: string[] = [];
    const services = index.ofType("kubernetes:core/v1:Service").filter((s) => {
        const sel = obj(obj(s.inputs.spec).selector);
        return obj(s.inputs.metadata).namespace === pod.namespace && Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => pod.labels[k] === v);
    });
    for (const s of services) {
        const sname = str(obj(s.inputs.metadata).name) ?? s.name;
        const sports = list(obj(s.inputs.spec).ports);
        for (const sp of sports) {
            // targetPort defaults to port. Source: Kubernetes API reference, ServicePort.
            const target = sp.targetPort ?? sp.port;
            if (has(target)) checked.push(`Service ${sname} port ${text(sp.port)} → ${text(target)}`);
            else
                unlisted(target).push(
                    `Service ${sname} sends port ${text(sp.port)} to targetPort ${text(target)}, but ${r.name}'s containers listen on ${ports.map((p) => text(p.port)).join(", ") || "no port"}: set the service's port to the one the image listens on`,
                );
        }
        for (const ing of index.ofType("kubernetes:networking.k8s.io/v1:Ingress").filter((i) => obj(i.inputs.metadata).namespace === pod.namespace)) {
            const spec = obj(ing.inputs.spec);
            const backends = [obj(spec.defaultBackend), ...list(spec.rules).flatMap((rule) => list(obj(rule.http).paths).map((p) => obj(p.backend)))].map((b) => obj(b.service)).filter((b) => b.name === sname);
            for (const b of backends) {
                const port = obj(b.port);
                const ok = sports.some((sp) => (port.number !== undefined ? sp.port === port.number : sp.name === port.name));
                if (ok) checked.push(`Ingress ${ing.name} → ${sname}:${text(port.number ?? port.name)}`);
                else problems.push(`Ingress ${ing.name} routes to port ${text(port.number ?? port.name)} of Service ${sname}, which has ${sports.map((p) => text(p.port)).join(", ")}: the load balancer finds no target`);
            }
        }
    }
    for (const c of app) {
        for (const kind of ["readinessProbe", "livenessProbe", "startupProbe"]) {
            const port = probePort(c[kind]);
            if (port === undefined) continue;
            if (has(port)) checked.push(`${kind} port ${text(port)}`);
            else unlisted(port).push(`container ${str(c.name)}'s ${kind} checks port ${text(port)}, which is not one of its container ports: the kubelet fails the probe (fix: probe the port the image listens on)`);
        }
    }
    const podUser = obj(pod.spec.securityContext).runAsUser;
    for (const p of ports.filter((x) => x.port < 1024)) {
        const sc = obj(p.c.securityContext);
        const user = sc.runAsUser ?? podUser;
        // Binding below 1024 needs root or CAP_NET_BIND_SERVICE, which berth's containers drop (capabilities.drop ALL).
        const canBind = strings(obj(sc.capabilities).add).includes("NET_BIND_SERVICE");
        if (typeof user === "number" && user !== 0 && !canBind)
            problems.push(`container ${p.container} listens on port ${p.port} as user ${user}: a non-root process cannot bind a port below 1024 (fix: use an image listening on 1024 or above, e.g. 8080, and set the service's port to it)`);
    }
    if (problems.length) return { kind: "health", subject: r.name, outcome: { result: "broken", reason: problems.join("; ") } };
    if (doubts.length) return { kind: "health", subject: r.name, outcome: { result: "assumed", reason: `${doubts.join("; ")} (a port the containers do not declare may still be open: the image must listen on it)` } };
    return { kind: "health", subject: r.name, outcome: { result: "proven", reason: checked.length ? checked.join(", ") : "no Service, Ingress or port probe to check" } };
}
