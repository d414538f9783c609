import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { applyTransform, Transform } from "../common/transform";
import { CommandCheck, container, HealthCheck, hpaSpec, networkPolicySpec, NetworkPolicyPeer, podSecurityContext, PodSpec, RunAs, ScalingOptions, scratchVolumes, topologySpread, Volume, VolumeMount } from "./manifests";

type Args<T extends abstract new (...a: never[]) => unknown> = NonNullable<ConstructorParameters<T>[1]>;
type PvSpec = k8s.types.input.core.v1.PersistentVolumeSpec;

/** A PersistentVolumeClaim mounted into the container; with `volume`, bound to that pre-provisioned PersistentVolume. */
export interface ClaimArgs {
    /** Claim name within the namespace, and the pod's volume name. Required. */
    readonly name: string;
    readonly mountPath: string;
    readonly readOnly: boolean;
    /** GiB requested. Required. */
    readonly sizeGiB: number;
    /** @default the cluster's default StorageClass */
    readonly storageClassName?: string;
    /** @default ["ReadWriteOnce"] */
    readonly accessModes?: ReadonlyArray<string>;
    /** A static PersistentVolume (cluster-scoped) created for this claim alone. @default none: provisioned dynamically */
    readonly volume?: pulumi.Input<PvSpec>;
}

/** A namespaced object of any kind that the workload needs before it starts (e.g. a secret-provider class). */
export interface ExtraManifest {
    readonly apiVersion: string;
    readonly kind: string;
    /** Name within the namespace; the child is named `${service}-${name}`. */
    readonly name: string;
    readonly spec: pulumi.Input<Record<string, unknown>>;
}

export interface KubernetesServiceArgs {
    /** Image reference. Required. */
    readonly image: pulumi.Input<string>;
    /** "service" runs continuously; "task" is a CronJob, suspended and started on demand unless `schedule` fires it. @default "service" */
    readonly kind?: "service" | "task";
    /** TCP port the container listens on. @default none: no Service, probes or inbound traffic */
    readonly port?: number;
    /** CPU request and limit, millicores. Required. */
    readonly cpuMillis: number;
    /** Memory request and limit, MiB. Required. */
    readonly memoryMiB: number;
    /** Replicas when not autoscaled. @default 1 */
    readonly replicas?: number;
    /** HorizontalPodAutoscaler bounds and targets; the Deployment then leaves replicas to it. @default none */
    readonly scaling?: ScalingOptions;
    /** HTTP probes. @default none */
    readonly healthCheck?: HealthCheck;
    /** A command that proves the container alive: the liveness probe, in place of the HTTP one. @default none */
    readonly livenessCommand?: CommandCheck;
    /**
     * Arguments that replace the image's CMD (the container's `args`), as ECS `command` does; the
     * image's ENTRYPOINT stays. @default the image's CMD
     */
    readonly args?: ReadonlyArray<string>;
    /** Plain environment variables; never secrets. @default none */
    readonly environment?: Readonly<Record<string, string>>;
    /** Environment variables from keys of a Secret that another controller fills. @default none */
    readonly secretEnv?: { readonly secretName: string; readonly keys: ReadonlyArray<string> };
    /** Mount the root file system read-only (berth's compositions do, by default). @default false, as EcsTask */
    readonly readOnlyRootFilesystem?: boolean;
    /** UID and GID to run as; never root. Required. */
    readonly user: RunAs;
    /** Empty scratch directories (emptyDir) the container may write to. @default none */
    readonly writablePaths?: ReadonlyArray<string>;
    /** Persistent volume claims. @default none */
    readonly claims?: ReadonlyArray<ClaimArgs>;
    /** More pod volumes and their mounts (e.g. a CSI secrets volume). @default none */
    readonly volumes?: ReadonlyArray<{ readonly volume: Volume; readonly mount: VolumeMount }>;
    /** Namespaced objects created before the workload. @default none */
    readonly manifests?: ReadonlyArray<ExtraManifest>;
    /** Annotations on the service account (e.g. the IAM role it stands for). @default none */
    readonly serviceAccountAnnotations?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Labels added to the pods (and to the namespace), e.g. for Fargate profile selection. @default none */
    readonly podLabels?: Readonly<Record<string, string>>;
    /** Public HTTP routing through an Ingress. @default none */
    readonly ingress?: { readonly className?: string; readonly annotations: pulumi.Input<Record<string, pulumi.Input<string>>>; readonly path: string; readonly pathType: string };
    /** A Service of type LoadBalancer instead of ClusterIP. @default none */
    readonly loadBalancer?: { readonly port: number; readonly annotations: pulumi.Input<Record<string, pulumi.Input<string>>>; readonly sourceRanges: ReadonlyArray<string> };
    /** Namespaces whose pods may call the service on its port (its callers'), for the NetworkPolicy. @default none */
    readonly callers?: ReadonlyArray<string>;
    /** Where load-balancer traffic comes from, for the NetworkPolicy. @default none */
    readonly loadBalancerPeers?: ReadonlyArray<NetworkPolicyPeer>;
    /** For a task: the CronJob fires on this 5-field cron, read in this IANA time zone. @default none: the CronJob is suspended, for runs by hand */
    readonly schedule?: CronSchedule;
    /** Deployment update strategy; Recreate for a ReadWriteOnce disk. @default "RollingUpdate" */
    readonly strategy?: "RollingUpdate" | "Recreate";
    /**
     * What the workload, its claims, Service, Ingress and custom resources wait for: capacity, and the
     * controllers that install their CRDs or reconcile their load balancers, which therefore outlive
     * them on destroy. @default none
     */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
    readonly transform?: {
        readonly deployment?: Transform<Args<typeof k8s.apps.v1.Deployment>>;
        readonly service?: Transform<Args<typeof k8s.core.v1.Service>>;
        readonly ingress?: Transform<Args<typeof k8s.networking.v1.Ingress>>;
        readonly cronJob?: Transform<Args<typeof k8s.batch.v1.CronJob>>;
    };
}

/** A schedule that never fires (there is no 31 February): the CronJob exists only to be run by hand. */
export const NEVER = "0 0 31 2 *";

/** A CronJob's schedule: `spec.schedule` and `spec.timeZone` (stable since Kubernetes 1.27). */
export interface CronSchedule {
    readonly cron: string;
    readonly timeZone: string;
}

/**
 * Finished Jobs a scheduled CronJob keeps, each with its pod and logs. Successful: 3, the Kubernetes
 * default. Failed: 3 rather than the default 1, so a task that fails night after night still shows
 * the first failure next to the latest (a Job here never retries: backoffLimit 0, one pod per run).
 * Source: Kubernetes documentation, "CronJob" (Jobs history limits).
 */
export const JOBS_HISTORY = { successful: 3, failed: 3 } as const;

/**
 * How late a run may still start, when the controller was down or the previous run still held the
 * Forbid slot: an hour, the age past which Scheduler gives up on a start on ECS (the retry's
 * maxEventAgeSeconds). Bounded, because without a deadline the controller counts missed runs since the
 * last one and stops scheduling the CronJob after 100 misses; an hour holds at most 60 of the most
 * frequent (every-minute) runs. Source: Kubernetes documentation, "CronJob" (Deadline for delayed Job
 * start; CronJob limitations).
 */
export const STARTING_DEADLINE_SECONDS = 3600;

/** The CronJob spec's timing: the schedule, or never (suspended) for a task that runs by hand only. */
export function cronTiming(schedule: CronSchedule | undefined) {
    if (!schedule) return { schedule: NEVER, suspend: true };
    return {
        schedule: schedule.cron,
        timeZone: schedule.timeZone,
        suspend: false,
        startingDeadlineSeconds: STARTING_DEADLINE_SECONDS,
        successfulJobsHistoryLimit: JOBS_HISTORY.successful,
        failedJobsHistoryLimit: JOBS_HISTORY.failed,
    };
}

/**
 * One containerized service on any Kubernetes cluster: its own namespace and service account, a
 * Deployment (or a CronJob for a task, suspended unless scheduled), a Service, an HPA, a PodDisruptionBudget, claims,
 * and a NetworkPolicy that admits only its port. Takes its provider through `opts`.
 */
export class KubernetesService extends pulumi.ComponentResource {
    readonly namespace: pulumi.Output<string>;
    /** The Deployment's (or CronJob's) name. */
    readonly workloadName: pulumi.Output<string>;
    /** The load balancer's hostname (or IP, where the controller publishes one), once it is known. */
    readonly hostname?: pulumi.Output<string | undefined>;
    /** For a task: the ready `kubectl create job` command. */
    readonly runCommand?: pulumi.Output<string>;
    /** For a scheduled task: the CronJob's schedule and time zone. */
    readonly schedule?: CronSchedule;

    constructor(name: string, args: KubernetesServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:kubernetes:KubernetesService", name, {}, opts);
        const labels = { "app.kubernetes.io/name": name, "app.kubernetes.io/managed-by": "berth" };
        const select = { "app.kubernetes.io/name": name };
        const ns = new k8s.core.v1.Namespace(`${name}-ns`, { metadata: { name, labels: { ...labels, ...args.podLabels } } }, { parent: this });
        const inNs = { parent: this, dependsOn: [ns] };
        // Custom resources need their controller's CRDs; claims, Services and Ingresses need the drivers
        // and controllers that act on them, and on destroy go first, while those still run to release
        // volumes and remove the load balancer finalizers (else ALBs, NLBs and their groups are orphaned).
        const afterControllers = { parent: this, dependsOn: [ns, ...(args.dependsOn ?? [])] };
        const meta = (suffix = "") => ({ name: `${name}${suffix}`, namespace: name, labels });
        const sa = new k8s.core.v1.ServiceAccount(`${name}-sa`, { metadata: { ...meta(), annotations: args.serviceAccountAnnotations }, automountServiceAccountToken: false }, inNs);
        new k8s.networking.v1.NetworkPolicy(`${name}-netpol`, { metadata: meta("-default"), spec: networkPolicySpec(select, args.port, args.loadBalancerPeers ?? [], args.callers) }, inNs);
        const extras = (args.manifests ?? []).map(
            (m) => new k8s.apiextensions.CustomResource(`${name}-${m.name}`, { apiVersion: m.apiVersion, kind: m.kind, metadata: { name: m.name, namespace: name, labels }, spec: m.spec }, afterControllers),
        );
        const claims = this.claims(name, args, afterControllers);
        const pod = this.podSpec(name, args, sa.metadata.name);
        const before = { parent: this, dependsOn: [ns, sa, ...extras, ...claims, ...(args.dependsOn ?? [])] as pulumi.Input<pulumi.Resource>[] };
        const template = { metadata: { labels: { ...labels, ...args.podLabels } }, spec: pod };
        this.namespace = ns.metadata.name;
        if (args.kind === "task") {
            const job = new k8s.batch.v1.CronJob(
                `${name}-cronjob`,
                applyTransform<Args<typeof k8s.batch.v1.CronJob>>(
                    // A run fails rather than retries, like an ECS task: the operator (or the next scheduled run) reruns it.
                    // Forbid: a run that outlasts its interval is not joined by a second copy on the same data (on ECS, Scheduler starts every run regardless).
                    { metadata: meta(), spec: { ...cronTiming(args.schedule), concurrencyPolicy: "Forbid", jobTemplate: { spec: { backoffLimit: 0, template: { ...template, spec: { ...pod, restartPolicy: "Never" } } } } } },
                    args.transform?.cronJob,
                ),
                before,
            );
            this.workloadName = job.metadata.name;
            this.runCommand = pulumi.interpolate`kubectl --namespace ${name} create job --from=cronjob/${job.metadata.name} ${name}-$(date +%s)`;
            this.schedule = args.schedule;
            this.registerOutputs({ namespace: this.namespace, workloadName: this.workloadName, runCommand: this.runCommand, schedule: this.schedule });
            return;
        }
        const deployment = new k8s.apps.v1.Deployment(
            `${name}-deployment`,
            applyTransform<Args<typeof k8s.apps.v1.Deployment>>(
                {
                    metadata: meta(),
                    spec: {
                        // An HPA owns the replica count; declaring it here would reset the HPA's choice on every update.
                        ...(args.scaling ? {} : { replicas: args.replicas ?? 1 }),
                        selector: { matchLabels: select },
                        strategy: args.strategy === "Recreate" ? { type: "Recreate" } : { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "100%" } },
                        template,
                    },
                },
                args.transform?.deployment,
            ),
            before,
        );
        this.workloadName = deployment.metadata.name;
        // maxUnavailable, not minAvailable: with one replica a minimum would block every node drain.
        new k8s.policy.v1.PodDisruptionBudget(`${name}-pdb`, { metadata: meta(), spec: { maxUnavailable: 1, selector: { matchLabels: select } } }, inNs);
        if (args.scaling) new k8s.autoscaling.v2.HorizontalPodAutoscaler(`${name}-hpa`, { metadata: meta(), spec: hpaSpec(name, args.scaling) }, { parent: this, dependsOn: [deployment] });
        if (args.port !== undefined) this.hostname = this.expose(name, args, meta, afterControllers);
        this.registerOutputs({ namespace: this.namespace, workloadName: this.workloadName, hostname: this.hostname });
    }

    private podSpec(name: string, args: KubernetesServiceArgs, serviceAccountName: pulumi.Output<string>): PodSpec {
        const claimVolumes = (args.claims ?? []).map((c) => ({ volume: { name: c.name, persistentVolumeClaim: { claimName: c.name, readOnly: c.readOnly } }, mount: { name: c.name, mountPath: c.mountPath, readOnly: c.readOnly } }));
        const all = [...claimVolumes, ...scratchVolumes(args.writablePaths ?? []), ...(args.volumes ?? [])];
        return {
            serviceAccountName,
            // The container needs no Kubernetes API token; an IAM identity comes through its own projected token.
            automountServiceAccountToken: false,
            securityContext: podSecurityContext(args.user),
            topologySpreadConstraints: topologySpread({ "app.kubernetes.io/name": name }),
            containers: [
                pulumi.output(args.image).apply((image) =>
                    container({
                        name,
                        image,
                        port: args.port,
                        cpuMillis: args.cpuMillis,
                        memoryMiB: args.memoryMiB,
                        args: args.args,
                        environment: args.environment ?? {},
                        secretEnv: args.secretEnv,
                        healthCheck: args.healthCheck,
                        livenessCommand: args.livenessCommand,
                        readOnlyRootFilesystem: args.readOnlyRootFilesystem ?? false,
                        user: args.user,
                        mounts: all.map((v) => v.mount),
                    }),
                ),
            ],
            volumes: all.map((v) => v.volume),
        };
    }

    private claims(name: string, args: KubernetesServiceArgs, opts: pulumi.CustomResourceOptions): pulumi.Resource[] {
        return (args.claims ?? []).flatMap((c) => {
            const modes = [...(c.accessModes ?? ["ReadWriteOnce"])];
            const storage = `${c.sizeGiB}Gi`;
            // A static volume is cluster-scoped; its name carries the namespace so services cannot collide.
            const pv = c.volume
                ? new k8s.core.v1.PersistentVolume(
                      `${name}-${c.name}-pv`,
                      {
                          metadata: { name: `${name}-${c.name}` },
                          spec: pulumi.output(c.volume).apply((v) => ({ ...v, capacity: { storage }, accessModes: modes, storageClassName: c.storageClassName ?? "", claimRef: { namespace: name, name: c.name } })),
                      },
                      { parent: this },
                  )
                : undefined;
            const pvc = new k8s.core.v1.PersistentVolumeClaim(
                `${name}-${c.name}-pvc`,
                {
                    metadata: { name: c.name, namespace: name },
                    spec: {
                        accessModes: modes,
                        resources: { requests: { storage } },
                        ...(pv ? { volumeName: `${name}-${c.name}`, storageClassName: c.storageClassName ?? "" } : c.storageClassName ? { storageClassName: c.storageClassName } : {}),
                    },
                },
                { ...opts, dependsOn: [...(opts.dependsOn as pulumi.Resource[]), ...(pv ? [pv] : [])] },
            );
            return pv ? [pv, pvc] : [pvc];
        });
    }

    /** The Service, and the Ingress or load balancer in front of it; returns the load balancer's hostname. */
    private expose(name: string, args: KubernetesServiceArgs, meta: (s?: string) => k8s.types.input.meta.v1.ObjectMeta, opts: pulumi.CustomResourceOptions): pulumi.Output<string | undefined> | undefined {
        const lb = args.loadBalancer;
        const port = lb?.port ?? args.port!;
        const service = new k8s.core.v1.Service(
            `${name}-service`,
            applyTransform<Args<typeof k8s.core.v1.Service>>(
                {
                    metadata: { ...meta(), ...(lb ? { annotations: lb.annotations } : {}) },
                    spec: {
                        type: lb ? "LoadBalancer" : "ClusterIP",
                        selector: { "app.kubernetes.io/name": name },
                        ports: [{ name: "http", port, targetPort: args.port!, protocol: "TCP" }],
                        ...(lb ? { loadBalancerSourceRanges: [...lb.sourceRanges], externalTrafficPolicy: "Local" } : {}),
                    },
                },
                args.transform?.service,
            ),
            opts,
        );
        if (lb) return service.status.loadBalancer.ingress.apply((i) => i?.[0]?.hostname ?? i?.[0]?.ip);
        if (!args.ingress) return undefined;
        const ing = args.ingress;
        const ingress = new k8s.networking.v1.Ingress(
            `${name}-ingress`,
            applyTransform<Args<typeof k8s.networking.v1.Ingress>>(
                {
                    metadata: { ...meta(), annotations: ing.annotations },
                    spec: {
                        ...(ing.className ? { ingressClassName: ing.className } : {}),
                        rules: [{ http: { paths: [{ path: ing.path, pathType: ing.pathType, backend: { service: { name: service.metadata.name, port: { number: port } } } }] } }],
                    },
                },
                args.transform?.ingress,
            ),
            opts,
        );
        return ingress.status.loadBalancer.ingress.apply((i) => i?.[0]?.hostname ?? i?.[0]?.ip);
    }
}
