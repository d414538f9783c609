// The validated, fully defaulted spec that compositions and components consume.
import type { ContainerHealthCheck, Environment, HealthCheck, NatStrategy, ParsedConfig, Platform, ServiceConfig } from "./schema";
import { Ec2CapacityConfig, instanceTypesOf } from "./ecs/schema";
import { needsContainerInsights, PatternsSpec, resolvePatterns, TASK_TIMEZONE, withWorkerScaling } from "./patterns/spec";
import type { KubernetesConfig } from "./eks/schema";
import { EksSpec, resolveEks } from "./eks/spec";
import { Identity, resolveIdentity } from "./identity";
import { FileSystemKind, fileSystemKind, LustreSpec, OntapDeploymentType, OntapSpec, resolveLustre, resolveOntap } from "./fsx";

/** Defaults that depend on the environment: cheap in dev, highly available and protected in prod. */
export const ENVIRONMENT_DEFAULTS: Readonly<Record<Environment, EnvironmentDefaults>> = {
    dev: {
        azs: 2,
        nat: "single",
        desiredCount: 1,
        logRetentionDays: 14,
        protect: false,
        fargate: { onDemandBase: 0, onDemandWeight: 1, spotWeight: 3 },
        ec2MinSize: 1,
        containerInsights: "disabled",
        detailedMonitoring: false,
        efsBackups: false,
        fsxBackupDays: 7,
        ontapDeployment: "SINGLE_AZ_1",
    },
    staging: {
        azs: 2,
        nat: "single",
        desiredCount: 2,
        logRetentionDays: 30,
        protect: false,
        fargate: { onDemandBase: 1, onDemandWeight: 1, spotWeight: 1 },
        ec2MinSize: 1,
        containerInsights: "enabled",
        detailedMonitoring: false,
        efsBackups: true,
        fsxBackupDays: 7,
        ontapDeployment: "SINGLE_AZ_1",
    },
    prod: {
        azs: 3,
        nat: "one-per-az",
        desiredCount: 2,
        logRetentionDays: 90,
        protect: true,
        fargate: { onDemandBase: 2, onDemandWeight: 1, spotWeight: 0 },
        ec2MinSize: 2,
        containerInsights: "enabled",
        detailedMonitoring: true,
        efsBackups: true,
        fsxBackupDays: 30,
        ontapDeployment: "MULTI_AZ_1",
    },
};

export interface EnvironmentDefaults {
    readonly azs: 2 | 3;
    readonly nat: NatStrategy;
    readonly desiredCount: number;
    readonly logRetentionDays: number;
    /** Deletion protection on load balancers, retain-on-delete on data and logs, no force-delete. */
    readonly protect: boolean;
    /** FARGATE / FARGATE_SPOT mix: dev mostly spot (interruptions are cheap there), prod on-demand only. */
    readonly fargate: FargateCapacity;
    /** Smallest Auto Scaling group for ecs-ec2: two in prod so one AZ can fail. */
    readonly ec2MinSize: number;
    /** CloudWatch Container Insights, billed per metric: off in dev, where nobody is paged. */
    readonly containerInsights: "enabled" | "disabled";
    /** One-minute EC2 metrics, billed per metric: prod only. */
    readonly detailedMonitoring: boolean;
    /** AWS Backup of EFS file systems, billed per GB-month: not for dev's throwaway data. */
    readonly efsBackups: boolean;
    /** Days FSx keeps its daily automatic backups (FSx keeps backups on everywhere: the policy pack checks them): a week, a month in prod. */
    readonly fsxBackupDays: number;
    /** FSx for ONTAP in one AZ outside prod; prod fails over to a standby file server in a second AZ. */
    readonly ontapDeployment: OntapDeploymentType;
}

export interface FargateCapacity {
    readonly onDemandBase: number;
    readonly onDemandWeight: number;
    readonly spotWeight: number;
}

/** berth:storage with the FSx file systems' defaults resolved for the environment. */
export interface StorageSpec {
    readonly fileSystems: ParsedConfig["storage"]["fileSystems"];
    readonly lustre: Readonly<Record<string, LustreSpec>>;
    readonly ontap: Readonly<Record<string, OntapSpec>>;
}

/** A public service's route when it names none: everything. */
export const DEFAULT_PATH = "/*";

/** ALB path patterns are at most 128 characters; priorities run from 1 to 50000. */
export const MAX_PATH_LENGTH = 128;
const SLOTS_PER_LENGTH = 390;

/**
 * A listener-rule priority that does not change when other services are added or removed (a
 * renumbering would update rules in place and can collide mid-update). Longer, more specific paths
 * get lower numbers, so ALB tries them first; a hash of the name spreads paths of equal length.
 */
export function defaultRulePriority(path: string, name: string): number {
    let h = 0;
    for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % SLOTS_PER_LENGTH;
    return SLOTS_PER_LENGTH * (MAX_PATH_LENGTH - Math.min(path.length, MAX_PATH_LENGTH)) + h + 1;
}

/**
 * Every ALB service's priority: explicit ones as given, derived ones moved to the next free number
 * on a clash, in name order, so the result depends only on the config.
 */
export function assignRulePriorities(services: ReadonlyArray<{ name: string; path: string; priority?: number }>): Record<string, number> {
    // An undefined among the numbers never matches a candidate, so no filter is needed.
    const taken = new Set<number | undefined>(services.map((s) => s.priority));
    const out: Record<string, number> = {};
    for (const s of [...services].sort((a, b) => a.name.localeCompare(b.name))) {
        if (s.priority !== undefined) {
            out[s.name] = s.priority;
            continue;
        }
        let p = defaultRulePriority(s.path, s.name);
        while (taken.has(p)) p++;
        taken.add(p);
        out[s.name] = p;
    }
    return out;
}

/** A file system mount, once validation has made sure it names a file system (and, but for Lustre, one of its volumes). */
export interface VolumeMount {
    readonly kind: FileSystemKind;
    readonly fileSystem: string;
    /** The EFS access point or ONTAP volume; "" for Lustre, which is mounted whole. */
    readonly volume: string;
    readonly mountPath: string;
    readonly readOnly: boolean;
}

/** A secret berth creates for a service (issue 22). */
export interface CreatedSecretSpec {
    /** `berth/PROJECT/STACK/SERVICE/KEY`: under the stack's prefix, so stacks and services never share one. */
    readonly name: string;
    /** A customer-managed key; none means the AWS managed key (aws/secretsmanager). */
    readonly kmsKey?: string;
}

/** The name of a secret berth creates: the stack's prefix, the service and the variable. */
export const createdSecretName = (project: string, stack: string, service: string, key: string) => `berth/${project}/${stack}/${service}/${key}`;

export interface ServiceSpec
    extends Omit<ServiceConfig, "desiredCount" | "loadBalancer" | "priority" | "secrets" | "volumes" | "healthCheck" | "containerHealthCheck" | "path" | "user" | "runAsUser" | "readonlyRootFilesystem" | "writablePaths" | "internal">,
        Identity {
    readonly name: string;
    /** ALB path pattern routed to this service. */
    readonly path: string;
    readonly healthCheck: HealthCheck & { readonly path: string };
    /** The container's own health check: the configured one, or the default for images berth knows. */
    readonly containerHealthCheck?: ContainerHealthCheck;
    readonly volumes: ReadonlyArray<VolumeMount>;
    /** Name -> secret ARN (Secrets Manager or SSM). */
    readonly secrets: Readonly<Record<string, string>>;
    /** Customer-managed KMS keys that encrypt those secrets and the created ones. */
    readonly secretKmsKeys: ReadonlyArray<string>;
    /** Name -> a secret berth creates for this service (`{ create: true }`); its ARN exists only once created. */
    readonly createdSecrets: Readonly<Record<string, CreatedSecretSpec>>;
    readonly desiredCount: number;
    /** ALB listener-rule priority. */
    readonly priority: number;
    /** The load balancer in front of a public service; undefined for private services. */
    readonly loadBalancer?: "alb" | "nlb";
    /** Behind the internal ALB, reachable from these CIDRs only (the VPC's by default); its `priority` is on that ALB. */
    readonly internal?: { readonly allowedCidrs: ReadonlyArray<string> };
}

export interface BerthSpec {
    readonly project: string;
    readonly stack: string;
    readonly platform: Platform;
    readonly environment: Environment;
    /** Deletion protection and retain-on-delete (prod). */
    readonly protect: boolean;
    readonly network: { readonly cidr: string; readonly azs: 2 | 3; readonly nat: NatStrategy };
    readonly services: Readonly<Record<string, ServiceSpec>>;
    readonly loadBalancer: ParsedConfig["loadBalancer"];
    readonly registry: ParsedConfig["registry"];
    readonly logs: { readonly retentionDays: number };
    readonly fargate: FargateCapacity;
    readonly ec2: Omit<Ec2CapacityConfig, "minSize" | "instanceTypes"> & { readonly minSize: number; readonly instanceTypes: string[] };
    readonly anywhere: ParsedConfig["anywhere"];
    readonly containerInsights: EnvironmentDefaults["containerInsights"];
    readonly detailedMonitoring: boolean;
    readonly efsBackups: boolean;
    readonly storage: StorageSpec;
    readonly patterns: PatternsSpec;
    readonly apprunner: ParsedConfig["apprunner"];
    readonly express: ParsedConfig["express"];
    readonly eks: EksSpec;
    readonly kubernetes: KubernetesConfig;
    /** The existing cluster's kubeconfig (platform kubernetes); compositions keep it secret. */
    readonly kubeconfig?: string;
    /** Tags for every taggable resource: the user's, plus berth's own. */
    readonly tags: Readonly<Record<string, string>>;
    /** Whether `pulumi up` waits for each ECS or Express service to reach a steady state (issue 22 item 1). */
    readonly deploy: { readonly waitForSteadyState: boolean };
}

/**
 * Images known to ship BusyBox's wget (Alpine-based and BusyBox images), so a probe of the container
 * port works without anything added to the image. Matched on the repository and tag.
 */
const WGET_IMAGES = /(alpine|busybox)/;

/**
 * A container health check where berth can write one that works: a service with a port, on an image
 * known to have wget, that no load balancer checks (one that is checked is replaced by ECS anyway).
 * Elsewhere a hung container goes unnoticed unless `containerHealthCheck` is configured.
 */
export function defaultContainerHealthCheck(svc: ServiceConfig, cfg: Pick<ParsedConfig, "platform">): ContainerHealthCheck | undefined {
    const checked = (svc.public || svc.internal !== undefined) && cfg.platform !== "ecs-anywhere";
    if (svc.kind === "task" || checked || svc.port === undefined || !svc.image || !WGET_IMAGES.test(svc.image)) return undefined;
    const path = svc.healthCheck.path ?? "/";
    return { command: ["CMD-SHELL", `wget -q -O /dev/null http://127.0.0.1:${svc.port}${path} || exit 1`], interval: 30, timeout: 5, retries: 3, startPeriod: 10 };
}

/** Applies the environment's defaults to a config that has passed validation. */
export function resolveSpec(cfg: ParsedConfig, project: string, stack: string): BerthSpec {
    const env = ENVIRONMENT_DEFAULTS[cfg.environment];
    const priorities = assignRulePriorities(
        Object.entries(cfg.services)
            .filter(([, s]) => s.public && (s.loadBalancer ?? cfg.loadBalancer.type) === "alb")
            .map(([name, s]) => ({ name, path: s.path ?? DEFAULT_PATH, priority: s.priority })),
    );
    // The internal ALB's rules are numbered on their own (issue 19 item 5).
    const internalPriorities = assignRulePriorities(Object.entries(cfg.services).flatMap(([name, s]) => (s.internal ? [{ name, path: s.path ?? DEFAULT_PATH, priority: s.priority }] : [])));
    const services = Object.fromEntries(
        Object.entries(withWorkerScaling(cfg.services, cfg.patterns)).map(([name, svc]) => [
            name,
            {
                ...svc,
                ...resolveIdentity(svc, cfg.platform),
                name,
                path: svc.path ?? DEFAULT_PATH,
                healthCheck: { ...svc.healthCheck, path: svc.healthCheck.path ?? "/" },
                containerHealthCheck: svc.containerHealthCheck ?? defaultContainerHealthCheck(svc, cfg),
                volumes: svc.volumes.map((v) => ({ kind: fileSystemKind(cfg.storage, v.fileSystem)!, fileSystem: v.fileSystem!, volume: v.volume ?? "", mountPath: v.mountPath, readOnly: v.readOnly })),
                ...resolveSecrets(svc.secrets, (key) => createdSecretName(project, stack, name, key)),
                // With auto scaling the service starts at its minimum and scaling owns the count from there.
                desiredCount: svc.desiredCount ?? (svc.scaling ? Math.max(svc.scaling.min, 1) : env.desiredCount),
                loadBalancer: svc.public ? ((svc.loadBalancer ?? cfg.loadBalancer.type) as "alb" | "nlb") : undefined,
                priority: priorities[name] ?? internalPriorities[name] ?? 0,
                internal: svc.internal && { allowedCidrs: svc.internal.allowedCidrs ?? [cfg.network.cidr] },
                timezone: svc.schedule === undefined ? undefined : (svc.timezone ?? TASK_TIMEZONE),
            },
        ]),
    );
    return {
        project,
        stack,
        platform: cfg.platform,
        environment: cfg.environment,
        protect: env.protect,
        network: { cidr: cfg.network.cidr, azs: (cfg.network.azs ?? env.azs) as 2 | 3, nat: cfg.network.nat ?? defaultNat(cfg, env) },
        services,
        loadBalancer: cfg.loadBalancer,
        registry: cfg.registry,
        logs: { retentionDays: cfg.logs.retentionDays ?? env.logRetentionDays },
        fargate: { ...env.fargate, ...definedOnly(cfg.fargate) },
        ec2: { ...cfg.ec2, instanceTypes: instanceTypesOf(cfg.ec2), minSize: cfg.ec2.minSize ?? Math.min(env.ec2MinSize, cfg.ec2.maxSize) },
        anywhere: cfg.anywhere,
        containerInsights: needsContainerInsights(cfg.patterns) ? "enabled" : env.containerInsights,
        detailedMonitoring: env.detailedMonitoring,
        efsBackups: env.efsBackups,
        storage: {
            fileSystems: cfg.storage.fileSystems,
            lustre: Object.fromEntries(Object.entries(cfg.storage.lustre).map(([n, c]) => [n, resolveLustre(c, env)])),
            ontap: Object.fromEntries(Object.entries(cfg.storage.ontap).map(([n, c]) => [n, resolveOntap(c, env)])),
        },
        patterns: resolvePatterns(cfg.patterns, cfg.platform, cfg.services),
        apprunner: cfg.apprunner,
        express: cfg.express,
        eks: resolveEks(cfg.eks, cfg.environment, Object.keys(cfg.services)),
        kubernetes: cfg.kubernetes,
        kubeconfig: cfg.kubeconfig,
        tags: { ...cfg.tags, "berth:project": project, "berth:stack": stack, "berth:environment": cfg.environment },
        // ECS Anywhere's hosts join with the stack's own activation (the registrationCommand output), so on
        // the first pulumi up no task can run yet: waiting would time out after 20 minutes.
        deploy: { waitForSteadyState: cfg.deploy.waitForSteadyState ?? cfg.platform !== "ecs-anywhere" },
    };
}

/** A service's secrets, split into those it references (by ARN) and those berth creates, and the keys of both. */
function resolveSecrets(secrets: ServiceConfig["secrets"], nameOf: (key: string) => string): Pick<ServiceSpec, "secrets" | "secretKmsKeys" | "createdSecrets"> {
    const entries = Object.entries(secrets);
    return {
        secrets: Object.fromEntries(entries.flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : "arn" in v ? [[k, v.arn]] : []))),
        secretKmsKeys: [...new Set(entries.flatMap(([, v]) => (typeof v !== "string" && v.kmsKey ? [v.kmsKey] : [])))].sort(),
        createdSecrets: Object.fromEntries(entries.flatMap(([k, v]) => (typeof v !== "string" && "create" in v ? [[k, { name: nameOf(k), ...(v.kmsKey ? { kmsKey: v.kmsKey } : {}) }]] : []))),
    };
}

/** Express Mode tasks in public subnets never use a NAT gateway, so none is built unless asked for. */
function defaultNat(cfg: ParsedConfig, env: EnvironmentDefaults): NatStrategy {
    return cfg.platform === "ecs-express" && cfg.express.subnets === "public" ? "none" : env.nat;
}

export function definedOnly<T extends object>(o: T): Partial<T> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
