// What the two Kubernetes compositions (eks, kubernetes) share: a berth service as the arguments of a
// KubernetesService, and the outputs every platform names the same way.
import * as pulumi from "@pulumi/pulumi";
import { KubernetesService, KubernetesServiceArgs } from "../components/kubernetes/KubernetesService";
import { prefixPath } from "../components/kubernetes/manifests";
import { BerthSpec, ServiceSpec } from "./spec";

/** CPU units (1024 per vCPU, as ECS counts them) as Kubernetes millicores. */
export const millicores = (cpuUnits: number) => Math.round((cpuUnits * 1000) / 1024);

/** The parts of a KubernetesService that depend only on the service's own config. */
export function workloadArgs(svc: ServiceSpec, image: pulumi.Input<string>): KubernetesServiceArgs {
    const s = svc.scaling;
    return {
        image,
        kind: svc.kind,
        port: svc.port,
        cpuMillis: millicores(svc.cpu),
        memoryMiB: svc.memory,
        replicas: svc.desiredCount,
        // Validation leaves only cpu and memory targets on Kubernetes; the cooldowns become stabilization windows.
        scaling: s ? { min: s.min, max: s.max, cpu: s.cpu, memory: s.memory, scaleDownWindow: s.scaleInCooldown, scaleUpWindow: s.scaleOutCooldown } : undefined,
        healthCheck: svc.port !== undefined ? svc.healthCheck : undefined,
        command: svc.command,
        environment: svc.environment,
        readOnlyRootFilesystem: svc.readonlyRootFilesystem,
        runAsUser: svc.runAsUser,
        strategy: svc.disks.length ? "Recreate" : "RollingUpdate",
    };
}

/** An Ingress path for controllers that take prefixes, from the service's ALB path pattern. */
export const ingressPath = (svc: ServiceSpec) => prefixPath(svc.path);

/** The outputs that mean the same on every platform, from the deployed workloads. */
export function workloadOutputs(workloads: Record<string, KubernetesService>, runPrefix: pulumi.Input<string>) {
    const services: Record<string, pulumi.Output<string>> = {};
    const tasks: Record<string, pulumi.Output<string>> = {};
    for (const [name, w] of Object.entries(workloads)) {
        if (w.runCommand) tasks[name] = pulumi.interpolate`${runPrefix}${w.runCommand}`;
        else services[name] = pulumi.interpolate`${w.namespace}/${w.workloadName}`;
    }
    return { services, ...(Object.keys(tasks).length ? { tasks } : {}) };
}

/** The first hostname any public service published: the URL people open. */
export function firstUrl(spec: BerthSpec, workloads: Record<string, KubernetesService>, tls: boolean): pulumi.Output<string> | undefined {
    const hosts = Object.values(spec.services)
        .filter((s) => s.loadBalancer && workloads[s.name]?.hostname)
        .sort((a, b) => (a.loadBalancer === b.loadBalancer ? 0 : a.loadBalancer === "alb" ? -1 : 1))
        .map((s) => workloads[s.name].hostname!);
    if (!hosts.length) return undefined;
    return hosts[0].apply((h) => (h ? `${tls ? "https" : "http"}://${h}` : ""));
}
