// Issue 19 item 5, what every platform shares: who calls whom, and the `endpoints` output of the
// Kubernetes platforms, where each service has a namespace and a Service of its own name.
import * as pulumi from "@pulumi/pulumi";
import { BerthSpec } from "../config/spec";

/** The callers of each service, from the `calls` lists, by name. */
export function callersOf(spec: BerthSpec, name: string): string[] {
    return Object.values(spec.services)
        .filter((s) => s.calls.includes(name))
        .map((s) => s.name)
        .sort();
}

/**
 * Where the stack's other pods reach each private service: its Service's cluster DNS name,
 * `http://NAME.NAME.svc.cluster.local:PORT` (the Service and its namespace share the service's
 * name), or its internal load balancer's URL where it has one. `cluster.local` is the default
 * cluster domain; a cluster with another one (kubelet --cluster-domain) answers NAME.NAME.svc too.
 */
export function kubernetesEndpoints(spec: BerthSpec, internalUrls: Record<string, pulumi.Output<string>> = {}): { endpoints?: Record<string, pulumi.Output<string>> } {
    const named = Object.values(spec.services).filter((s) => s.kind === "service" && s.port !== undefined && !s.loadBalancer && !s.internal);
    const out = { ...internalUrls, ...Object.fromEntries(named.map((s) => [s.name, pulumi.output(`http://${s.name}.${s.name}.svc.cluster.local:${s.port}`)])) };
    return Object.keys(out).length ? { endpoints: out } : {};
}
