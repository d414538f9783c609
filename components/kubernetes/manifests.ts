// Pure builders for the pieces of a workload's manifests: the container, its probes and security
// context, the pod spec, and the HorizontalPodAutoscaler spec. They know nothing of any cloud.
import type { types } from "@pulumi/kubernetes";

export type Container = types.input.core.v1.Container;
export type PodSpec = types.input.core.v1.PodSpec;
export type Volume = types.input.core.v1.Volume;
export type VolumeMount = types.input.core.v1.VolumeMount;
export type NetworkPolicyPeer = types.input.networking.v1.NetworkPolicyPeer;

/** An HTTP health check, in the units the load balancer's check uses. */
export interface HealthCheck {
    readonly path: string;
    /** Seconds between checks. */
    readonly interval: number;
    /** Seconds before a check counts as failed. */
    readonly timeout: number;
    readonly healthyThreshold: number;
    readonly unhealthyThreshold: number;
}

/**
 * Seconds a new container has before liveness may restart it: the grace an ECS service gives a task
 * behind a load balancer, so a slow start is not a crash loop on one platform and fine on the other.
 */
export const LIVENESS_GRACE_SECONDS = 60;

/** Readiness gates traffic like the load balancer's check; liveness restarts a container that stopped answering. */
export function probes(hc: HealthCheck, port: number): Pick<Container, "readinessProbe" | "livenessProbe"> {
    const httpGet = { path: hc.path, port };
    const timing = { periodSeconds: hc.interval, timeoutSeconds: hc.timeout, failureThreshold: hc.unhealthyThreshold };
    return {
        readinessProbe: { httpGet, ...timing, successThreshold: hc.healthyThreshold },
        // Kubernetes requires successThreshold 1 on liveness probes.
        livenessProbe: { httpGet, ...timing, successThreshold: 1, initialDelaySeconds: LIVENESS_GRACE_SECONDS },
    };
}

/** A command the container runs to prove it is alive, as berth's `containerHealthCheck` gives it (Docker's CMD / CMD-SHELL form). */
export interface CommandCheck {
    readonly command: ReadonlyArray<string>;
    readonly interval: number;
    readonly timeout: number;
    readonly retries: number;
    readonly startPeriod: number;
}

/** The command check as a liveness probe: CMD-SHELL runs through sh -c, CMD runs as given. */
export function commandLiveness(c: CommandCheck): NonNullable<Container["livenessProbe"]> {
    const [form, ...rest] = c.command;
    const command = form === "CMD-SHELL" ? ["sh", "-c", rest.join(" ")] : rest;
    return { exec: { command }, periodSeconds: c.interval, timeoutSeconds: c.timeout, failureThreshold: c.retries, successThreshold: 1, initialDelaySeconds: c.startPeriod };
}

/** A numeric user and group, as berth's `user` key gives them. */
export interface RunAs {
    readonly uid: number;
    readonly gid: number;
}

/** No root, no privilege escalation, no capabilities, the runtime's default seccomp profile. */
export function containerSecurityContext(readOnlyRootFilesystem: boolean, user: RunAs): Container["securityContext"] {
    return {
        runAsNonRoot: true,
        runAsUser: user.uid,
        runAsGroup: user.gid,
        allowPrivilegeEscalation: false,
        privileged: false,
        readOnlyRootFilesystem,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
    };
}

/**
 * The pod's side of the same identity: its volumes (disks, emptyDir scratch) belong to the group
 * (fsGroup), so the non-root user can write to them.
 */
export function podSecurityContext(user: RunAs): PodSpec["securityContext"] {
    return { runAsNonRoot: true, runAsUser: user.uid, runAsGroup: user.gid, fsGroup: user.gid, seccompProfile: { type: "RuntimeDefault" } };
}

/** An emptyDir per writable path, for a read-only root file system; named scratch-0, scratch-1, ... */
export function scratchVolumes(paths: ReadonlyArray<string>): Array<{ volume: Volume; mount: VolumeMount }> {
    return paths.map((mountPath, i) => ({ volume: { name: `scratch-${i}`, emptyDir: {} }, mount: { name: `scratch-${i}`, mountPath } }));
}

/** Spread replicas over zones first, then hosts; ScheduleAnyway, so a small cluster still schedules them. */
export function topologySpread(labels: Record<string, string>): PodSpec["topologySpreadConstraints"] {
    return ["topology.kubernetes.io/zone", "kubernetes.io/hostname"].map((topologyKey) => ({
        maxSkew: 1,
        topologyKey,
        whenUnsatisfiable: "ScheduleAnyway",
        labelSelector: { matchLabels: labels },
    }));
}

/** cpu in millicores and memory in MiB, as both the request and the limit: the pod gets exactly its size (Guaranteed QoS). */
export function resources(cpuMillis: number, memoryMiB: number): Container["resources"] {
    const size = { cpu: `${cpuMillis}m`, memory: `${memoryMiB}Mi` };
    return { requests: size, limits: size };
}

export interface ContainerOptions {
    readonly name: string;
    readonly image: string;
    readonly port?: number;
    readonly cpuMillis: number;
    readonly memoryMiB: number;
    /** Replaces the image's CMD and keeps its ENTRYPOINT (Kubernetes `command` would replace the ENTRYPOINT). */
    readonly args?: ReadonlyArray<string>;
    readonly environment: Readonly<Record<string, string>>;
    /** Environment variables read from keys of one Kubernetes Secret. */
    readonly secretEnv?: { readonly secretName: string; readonly keys: ReadonlyArray<string> };
    readonly healthCheck?: HealthCheck;
    /** A command liveness check; it replaces the HTTP liveness probe, readiness stays HTTP. */
    readonly livenessCommand?: CommandCheck;
    readonly readOnlyRootFilesystem: boolean;
    readonly user: RunAs;
    readonly mounts: ReadonlyArray<VolumeMount>;
}

/** The workload's one container. Secrets arrive by reference to a Secret, never as literal values. */
export function container(o: ContainerOptions): Container {
    const env = [...Object.entries(o.environment).map(([name, value]) => ({ name, value })), ...(o.secretEnv?.keys ?? []).map((name) => ({ name, valueFrom: { secretKeyRef: { name: o.secretEnv!.secretName, key: name } } }))];
    return {
        name: o.name,
        image: o.image,
        ...(o.args ? { args: [...o.args] } : {}),
        ...(o.port ? { ports: [{ name: "http", containerPort: o.port, protocol: "TCP" }] } : {}),
        env,
        resources: resources(o.cpuMillis, o.memoryMiB),
        ...(o.port && o.healthCheck ? probes(o.healthCheck, o.port) : {}),
        ...(o.livenessCommand ? { livenessProbe: commandLiveness(o.livenessCommand) } : {}),
        securityContext: containerSecurityContext(o.readOnlyRootFilesystem, o.user),
        volumeMounts: [...o.mounts],
    };
}

export interface ScalingOptions {
    readonly min: number;
    readonly max: number;
    /** Target average CPU utilisation, percent of the request. */
    readonly cpu?: number;
    /** Target average memory utilisation, percent of the request. */
    readonly memory?: number;
    /** Seconds of recommendations scale-down looks back over (the counterpart of a scale-in cooldown). */
    readonly scaleDownWindow: number;
    /** Seconds of recommendations scale-up looks back over (the counterpart of a scale-out cooldown). */
    readonly scaleUpWindow: number;
}

/** autoscaling/v2 HorizontalPodAutoscaler spec for a Deployment. */
export function hpaSpec(deployment: string, s: ScalingOptions) {
    const metric = (name: "cpu" | "memory", target: number) => ({ type: "Resource", resource: { name, target: { type: "Utilization", averageUtilization: target } } });
    return {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: deployment },
        minReplicas: s.min,
        maxReplicas: s.max,
        metrics: [...(s.cpu !== undefined ? [metric("cpu", s.cpu)] : []), ...(s.memory !== undefined ? [metric("memory", s.memory)] : [])],
        behavior: {
            scaleDown: { stabilizationWindowSeconds: s.scaleDownWindow },
            scaleUp: { stabilizationWindowSeconds: s.scaleUpWindow },
        },
    };
}

/**
 * Which pods may reach this one: nothing by default; with a port, that port from the pods of the
 * callers' namespaces (each service has a namespace of its own, named after it) and from the load
 * balancer's peers. Any other namespace is refused: before issue 19 every namespace was admitted.
 */
export function networkPolicySpec(labels: Record<string, string>, port: number | undefined, loadBalancerPeers: ReadonlyArray<NetworkPolicyPeer>, callers: ReadonlyArray<string> = []) {
    const ports = [{ protocol: "TCP", port }];
    // kubernetes.io/metadata.name is set by the API server on every namespace (Kubernetes 1.22+), so it cannot be forged by a label of the user's.
    const fromCallers = callers.map((ns) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns } } }));
    return {
        podSelector: { matchLabels: labels },
        policyTypes: ["Ingress"],
        ingress: port === undefined ? [] : [...(fromCallers.length ? [{ from: fromCallers, ports }] : []), ...(loadBalancerPeers.length ? [{ from: [...loadBalancerPeers], ports }] : [])],
    };
}

/** An ALB path pattern as an Ingress path for controllers without ALB globs: "/api/*" is the prefix "/api". */
export function prefixPath(pattern: string): { path: string; pathType: "Prefix" | "Exact" } {
    if (!/[*?]/.test(pattern)) return { path: pattern, pathType: "Exact" };
    const prefix = pattern.replace(/\/?\*$/, "");
    return { path: prefix === "" ? "/" : prefix, pathType: "Prefix" };
}
