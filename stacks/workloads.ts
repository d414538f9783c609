// What the two Kubernetes compositions (eks, kubernetes) share: a berth service as the arguments of a
// KubernetesService, and the outputs every platform names the same way.
import * as pulumi from "@pulumi/pulumi";
import { KubernetesService, KubernetesServiceArgs } from "../components/kubernetes/KubernetesService";
import { prefixPath } from "../components/kubernetes/manifests";
import { BerthSpec, ServiceSpec } from "../config/spec";
import { cronJobSchedule } from "../config/patterns/cron";
import { ScheduleOutput } from "./outputs";

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
        livenessCommand: svc.containerHealthCheck,
        // ECS `command` overrides the image's CMD, which on Kubernetes is `args`.
        args: svc.command,
        environment: svc.environment,
        readOnlyRootFilesystem: svc.readonlyRootFilesystem,
        // Validation refuses App Runner and Express here, the only platforms without a user.
        user: svc.user!,
        writablePaths: svc.writablePaths,
        strategy: svc.disks.length ? "Recreate" : "RollingUpdate",
        // Issue 19 item 4: a task's own schedule fires its CronJob; validation refused what does not convert.
        schedule: svc.schedule === undefined ? undefined : cronJobSchedule(svc.schedule, svc.timezone!),
    };
}

/** An Ingress path for controllers that take prefixes, from the service's ALB path pattern. */
export const ingressPath = (svc: ServiceSpec) => prefixPath(svc.path);

/** The outputs that mean the same on every platform, from the deployed workloads. */
export function workloadOutputs(workloads: Record<string, KubernetesService>, runPrefix: pulumi.Input<string>) {
    const services: Record<string, pulumi.Output<string>> = {};
    const tasks: Record<string, pulumi.Output<string>> = {};
    const schedules: Record<string, ScheduleOutput> = {};
    for (const [name, w] of Object.entries(workloads)) {
        if (w.runCommand) tasks[name] = pulumi.interpolate`${runPrefix}${w.runCommand}`;
        else services[name] = pulumi.interpolate`${w.namespace}/${w.workloadName}`;
        if (w.schedule) schedules[name] = { expression: w.schedule.cron, timezone: w.schedule.timeZone, schedule: pulumi.interpolate`${w.namespace}/${w.workloadName}` };
    }
    return { services, ...(Object.keys(tasks).length ? { tasks } : {}), ...(Object.keys(schedules).length ? { schedules } : {}) };
}

/** Where a public service answers: its load balancer's address, with the port an NLB listens on or the ALB path it owns. */
function serviceUrl(svc: ServiceSpec, host: string, tls: boolean, nlbPort: number): string {
    const scheme = tls ? "https" : "http";
    if (svc.loadBalancer === "nlb") return `${scheme}://${host}:${nlbPort}`;
    return `${scheme}://${host}${svc.path.replace(/\*$/, "")}`;
}

/**
 * The addresses of the public services: `url` (the root service's ALB address, else the first ALB's, else the first NLB's),
 * `ingressHostname` (the ALB's or ingress controller's address) and `urls` (one per public service).
 */
export function publicOutputs(spec: BerthSpec, workloads: Record<string, KubernetesService>, tls: boolean, domain?: string) {
    const exposed = Object.values(spec.services)
        .filter((s) => s.loadBalancer && workloads[s.name]?.hostname)
        .sort((a, b) => (a.loadBalancer === b.loadBalancer ? a.name.localeCompare(b.name) : a.loadBalancer === "alb" ? -1 : 1));
    if (!exposed.length) return {};
    const nlbPort = (s: ServiceSpec) => s.listenerPort ?? (spec.loadBalancer.certificateArn && tls ? 443 : s.port!);
    // Under berth:loadBalancer.domain (EKS), the ALB's services answer at the domain, over HTTPS, as on ECS.
    const host = (s: ServiceSpec, h: string) => (domain && s.loadBalancer === "alb" ? domain : h);
    const urls = Object.fromEntries(exposed.map((s) => [s.name, workloads[s.name].hostname!.apply((h) => (h ? serviceUrl(s, host(s, h), tls, nlbPort(s)) : ""))]));
    const ingress = exposed.find((s) => s.loadBalancer === "alb");
    // As on ECS, `url` is the front door that `urls` agrees with: the service at the site root (`/*`) when
    // one is public on the ALB, since each Ingress may get an address of its own; else the first in order.
    const first = exposed.find((s) => s.loadBalancer === "alb" && s.path === "/*") ?? exposed[0];
    return {
        url: workloads[first.name].hostname!.apply((h) => (h ? `${tls ? "https" : "http"}://${host(first, h)}${first.loadBalancer === "nlb" ? `:${nlbPort(first)}` : ""}` : "")),
        ...(ingress ? { ingressHostname: workloads[ingress.name].hostname! } : {}),
        urls,
    };
}
