// Rules for the Kubernetes platforms (eks, kubernetes): the cluster's version and capacity, where each
// service's pods can run, and the service keys Kubernetes has no faithful counterpart for.
import { ConfigError, keyPath } from "../errors";
import { ParsedConfig, Platform, ServiceConfig } from "../schema";
import { EksNodeGroupConfig } from "./schema";
import { BerthSpec, ENVIRONMENT_DEFAULTS } from "../spec";
import { hasNodes, runsOnFargate } from "./spec";
import { ConfigWarning } from "../warnings";
import { EKS_VERSIONS, EKS_VERSIONS_AS_OF, eksSupport, eksVersionsIn } from "../facts/eks";
import { isGravitonType } from "../facts/ec2";
import { FARGATE_POD_MAX } from "../facts/fargate";

export const KUBERNETES_PLATFORMS: ReadonlyArray<Platform> = ["eks", "kubernetes"];

/**
 * Scaling keys the HorizontalPodAutoscaler cannot honour as written. The HPA scales on pod metrics
 * towards a target; it has no CloudWatch alarms, no step adjustments, no schedule and no ALB request
 * count without an external metrics adapter, and it cannot scale to zero (alpha HPAScaleToZero).
 */
export function validateKubernetesScaling(name: string, svc: ServiceConfig): ConfigError[] {
    const s = svc.scaling;
    if (!s) return [];
    const at = (...k: string[]) => keyPath("services", name, "scaling", ...k);
    const errors: ConfigError[] = [];
    if (s.steps.length)
        errors.push({
            path: at("steps"),
            value: s.steps.map((x) => x.name),
            allowed: "no step scaling on Kubernetes: the HorizontalPodAutoscaler tracks a metric target and has no CloudWatch alarms or step adjustments; use cpu or memory targets",
        });
    if (s.schedules.length) errors.push({ path: at("schedules"), value: s.schedules.map((x) => x.name), allowed: "no scheduled scaling on Kubernetes: the HorizontalPodAutoscaler has no schedule, and berth installs no KEDA to add one" });
    if (s.requests !== undefined)
        errors.push({ path: at("requests"), value: s.requests, allowed: "no request-count scaling on Kubernetes: the HorizontalPodAutoscaler cannot read ALBRequestCountPerTarget without an external metrics adapter; use cpu or memory" });
    if (s.min === 0) errors.push({ path: at("min"), value: 0, allowed: "at least 1 on Kubernetes: scaling to zero needs the alpha HPAScaleToZero feature gate" });
    if (s.cpu === undefined && s.memory === undefined) errors.push({ path: at("cpu"), value: undefined, allowed: "a cpu or memory target: the HorizontalPodAutoscaler needs a metric to track" });
    return errors;
}

/** A disk is one EBS volume, attachable to one node: its service runs one replica. */
export function validateDisks(name: string, svc: ServiceConfig, cfg: ParsedConfig): ConfigError[] {
    if (!svc.disks.length) return [];
    const replicas = svc.scaling?.max ?? svc.desiredCount ?? ENVIRONMENT_DEFAULTS[cfg.environment].desiredCount;
    const errors: ConfigError[] = [];
    if (svc.kind === "service" && replicas > 1) {
        errors.push({
            path: keyPath("services", name, "disks"),
            value: svc.disks.map((d) => d.name),
            allowed: `no disks on a service of ${replicas} replicas: a disk (ReadWriteOnce) attaches to one node, so set desiredCount 1 and no scaling, or share data through an EFS volume`,
        });
    }
    const names = new Set<string>();
    svc.disks.forEach((d, i) => {
        if (names.has(d.name)) errors.push({ path: keyPath("services", name, "disks", i, "name"), value: d.name, allowed: "a name not used by another disk of this service" });
        names.add(d.name);
    });
    return errors;
}

/** Service keys that only Kubernetes platforms build. */
export function validateKubernetesOnlyKeys(name: string, svc: ServiceConfig, platform: Platform): ConfigError[] {
    if (KUBERNETES_PLATFORMS.includes(platform)) return [];
    const errors: ConfigError[] = [];
    if (svc.disks.length) errors.push({ path: keyPath("services", name, "disks"), value: svc.disks.map((d) => d.name), allowed: `nothing on ${platform}: disks are built on eks and kubernetes; ECS services share data through EFS volumes` });
    return errors;
}

/** Keys of one node group that its type does not use are mistakes, not no-ops. */
export function validateNodeGroup(name: string, g: EksNodeGroupConfig): ConfigError[] {
    const at = (...k: Array<string | number>) => keyPath("eks", "nodeGroups", name, ...k);
    const errors: ConfigError[] = [];
    const ec2Keys = ["instanceTypes", "spot", "minSize", "maxSize", "desiredSize", "rootVolumeGiB", "labels"] as const;
    if (g.type === "fargate") {
        for (const k of ec2Keys.filter((k) => g[k] !== undefined)) errors.push({ path: at(k), value: g[k], allowed: "nothing on a fargate group: Fargate sizes each pod from its requests and has no instances" });
        return errors;
    }
    if (g.selectors !== undefined) errors.push({ path: at("selectors"), value: g.selectors, allowed: `nothing on a ${g.type} group: selectors choose the pods of a fargate group` });
    if (g.type === "karpenter") {
        // Karpenter sizes the pool from pending pods: it keeps no floor and no target. Types of both
        // architectures are fine, since the AMI alias resolves per architecture.
        for (const k of ["minSize", "desiredSize"] as const) {
            if (g[k] !== undefined)
                errors.push({ path: at(k), value: g[k], allowed: "nothing on a karpenter group: Karpenter adds nodes for pending pods and removes empty or underused ones, with maxSize as its cap; keep a floor in a managed group" });
        }
        return errors;
    }
    if (g.type === "self-managed" && g.instanceTypes && g.instanceTypes.length !== 1) {
        errors.push({ path: at("instanceTypes"), value: g.instanceTypes, allowed: "exactly one instance type on a self-managed group (its launch template names one); use a managed group to mix types" });
    }
    if (g.type === "self-managed" && g.spot) errors.push({ path: at("spot"), value: true, allowed: "false on a self-managed group (eks.NodeGroupV2 buys spot only at a fixed maximum price); use a managed group for spot" });
    const min = g.minSize ?? 1;
    const max = g.maxSize ?? Math.max(3, min);
    if (max < min) errors.push({ path: at("maxSize"), value: max, allowed: `at least minSize (${min})` });
    if (g.desiredSize !== undefined && !(g.desiredSize >= min && g.desiredSize <= max)) errors.push({ path: at("desiredSize"), value: g.desiredSize, allowed: `between minSize and maxSize (${min}-${max})` });
    const arches = new Set(g.instanceTypes?.map(isGravitonType));
    if (arches.size > 1) errors.push({ path: at("instanceTypes"), value: g.instanceTypes, allowed: "instance types of one architecture (all Graviton or all x86_64): a group boots one AMI" });
    return errors;
}

/** The table's dates of one version. */
const datesOf = (version: string) => EKS_VERSIONS.find((v) => v.version === version)!;

/**
 * The version must be one EKS still runs on `asOf`; one past standard support needs the EXTENDED
 * policy it costs (on STANDARD, EKS would upgrade the cluster at once).
 */
export function validateEksVersion(eks: ParsedConfig["eks"], asOf: string = EKS_VERSIONS_AS_OF): ConfigError[] {
    const at = keyPath("eks", "version");
    const standard = eksVersionsIn("standard", asOf).join(", ");
    const supported = `${standard} (standard support)${eksVersionsIn("extended", asOf).length ? `, or ${eksVersionsIn("extended", asOf).join(", ")} (extended support, with upgradePolicy EXTENDED)` : ""}`;
    const support = eksSupport(eks.version, asOf);
    if (support === undefined) return [{ path: at, value: eks.version, allowed: `a Kubernetes version EKS runs: ${supported}` }];
    if (support === "ended") {
        return [{ path: at, value: eks.version, allowed: `a version EKS still runs: ${eks.version} left extended support on ${datesOf(eks.version).endOfExtendedSupport}, and EKS creates no cluster on it; use ${supported}` }];
    }
    if (support === "extended" && eks.upgradePolicy === "STANDARD") {
        return [
            {
                path: at,
                value: eks.version,
                allowed: `a version in standard support (${standard}): ${eks.version} left it on ${datesOf(eks.version).endOfStandardSupport}; or upgradePolicy EXTENDED for ${eks.version}, which costs six times as much per cluster hour`,
            },
        ];
    }
    return [];
}

/** Where each service's pods run, and what that place cannot give them. */
export function validateEksPlacement(cfg: ParsedConfig): ConfigError[] {
    const groups = cfg.eks.nodeGroups;
    const names = Object.keys(cfg.services);
    const errors: ConfigError[] = [];
    for (const [name, svc] of Object.entries(cfg.services)) {
        const at = (...k: string[]) => keyPath("services", name, ...k);
        if (!runsOnFargate(groups, name, names)) {
            if (Object.keys(groups).length && !hasNodes(groups)) errors.push({ path: at(), value: name, allowed: `a service some fargate group selects (namespace ${name}): the cluster has no nodes, so nothing else can run it` });
            continue;
        }
        if (svc.disks.length)
            errors.push({ path: at("disks"), value: svc.disks.map((d) => d.name), allowed: "no disks on Fargate: Fargate pods cannot attach EBS volumes; use an EFS volume, or run the service on a managed or self-managed group" });
        if (svc.cpu > FARGATE_POD_MAX.cpu) errors.push({ path: at("cpu"), value: svc.cpu, allowed: `at most ${FARGATE_POD_MAX.cpu} on Fargate (4 vCPU per pod)` });
        if (svc.memory > FARGATE_POD_MAX.memory) errors.push({ path: at("memory"), value: svc.memory, allowed: `at most ${FARGATE_POD_MAX.memory} MiB on Fargate (30 GiB per pod)` });
    }
    return errors;
}

/** The EKS cluster: a supported version, required logs, some capacity, and egress for the nodes. */
export function validateEksStack(cfg: ParsedConfig): ConfigError[] {
    if (cfg.platform !== "eks") return [];
    const errors: ConfigError[] = [...validateEksVersion(cfg.eks)];
    const missing = ["audit", "authenticator"].filter((t) => !cfg.eks.logTypes.includes(t as never));
    if (missing.length) errors.push({ path: keyPath("eks", "logTypes"), value: cfg.eks.logTypes, allowed: `log types including ${missing.join(" and ")}: who did what to the cluster, and who signed in` });
    if (Object.keys(cfg.eks.nodeGroups).length === 0) {
        errors.push({ path: keyPath("eks", "nodeGroups"), value: undefined, allowed: "at least one node group (type managed, self-managed or fargate): a cluster without capacity runs no pods" });
    }
    for (const [name, g] of Object.entries(cfg.eks.nodeGroups)) errors.push(...validateNodeGroup(name, g));
    if (cfg.eks.amiRelease !== undefined && !Object.values(cfg.eks.nodeGroups).some((g) => g.type === "self-managed" || g.type === "karpenter")) {
        errors.push({
            path: keyPath("eks", "amiRelease"),
            value: cfg.eks.amiRelease,
            allowed: "no amiRelease without a self-managed or karpenter node group: it pins their AMI, while managed groups take the release AWS recommends for the cluster's version and Fargate has no AMI",
        });
    }
    errors.push(...validateKarpenterBeside(cfg.eks.nodeGroups));
    if (cfg.eks.adminRoleArns.length === 0) {
        errors.push({
            path: keyPath("eks", "adminRoleArns"),
            value: [],
            allowed:
                "at least one IAM role ARN such as arn:aws:iam::123456789012:role/platform-admin: cluster-admin comes only from this list, and the identity that runs pulumi up should not be the cluster's only way in (docs/eks.md, Cluster access)",
        });
    }
    if (cfg.network.nat === "none") errors.push({ path: keyPath("network", "nat"), value: "none", allowed: "single or one-per-az on eks: nodes and Fargate pods in private subnets pull images and reach the EKS API through NAT" });
    errors.push(...validateEksPlacement(cfg));
    return errors;
}

/**
 * Karpenter's controller must not run on nodes it manages (it would remove the node it runs on), and
 * it needs nodes before it can make any: a managed group is the system pool it runs on.
 */
export function validateKarpenterBeside(groups: ParsedConfig["eks"]["nodeGroups"]): ConfigError[] {
    if (Object.values(groups).some((g) => g.type === "managed")) return [];
    return Object.entries(groups)
        .filter(([, g]) => g.type === "karpenter")
        .map(([name]) => ({
            path: keyPath("eks", "nodeGroups", name, "type"),
            value: "karpenter",
            allowed: "managed, self-managed or fargate, unless a managed group sits beside it: Karpenter's controller runs on a managed group (the system pool), never on the nodes it adds and removes",
        }));
}

const NO_AWS = "berth creates nothing in AWS on platform kubernetes";

/** An existing cluster anywhere: no AWS resources, so nothing that needs IAM, ECR, EFS or ACM. */
export function validateKubernetesStack(cfg: ParsedConfig): ConfigError[] {
    if (cfg.platform !== "kubernetes") return [];
    const errors: ConfigError[] = [];
    if (cfg.kubeconfig === undefined) errors.push({ path: keyPath("kubeconfig"), value: undefined, allowed: "the target cluster's kubeconfig, set with `pulumi config set --secret berth:kubeconfig < kubeconfig.yaml`" });
    for (const [name, svc] of Object.entries(cfg.services)) {
        const at = (...k: string[]) => keyPath("services", name, ...k);
        if (svc.grants.length)
            errors.push({ path: at("grants"), value: svc.grants, allowed: `no grants on platform kubernetes: grants are IAM statements, and ${NO_AWS}; give the workload credentials through your cluster's own identity system` });
        if (Object.keys(svc.secrets).length) errors.push({ path: at("secrets"), value: Object.keys(svc.secrets), allowed: `no secrets on platform kubernetes: they are Secrets Manager or SSM ARNs, read through an IAM role, and ${NO_AWS}` });
        if (svc.volumes.length) errors.push({ path: at("volumes"), value: svc.volumes, allowed: `no EFS volumes on platform kubernetes (${NO_AWS}); use disks, which claim the cluster's default StorageClass` });
        if (svc.build) errors.push({ path: at("build"), value: svc.build, allowed: `an image instead of build on platform kubernetes: builds are pushed to ECR, and ${NO_AWS}` });
        // Ingress controllers match exact paths and prefixes; only ALB rules take globs inside a path.
        // Stryker disable next-line StringLiteral: any text without * or ? serves alike, to cut the trailing /* (only globs inside the path remain) or to stand for no path
        const inner = (svc.path ?? "").replace(/\/\*$/, "");
        if (svc.public && /[*?]/.test(inner)) errors.push({ path: at("path"), value: svc.path, allowed: "an exact path or a prefix ending in /* on platform kubernetes: Ingress paths are prefixes, not ALB globs" });
    }
    for (const [name] of Object.entries(cfg.eks.nodeGroups).filter(([, x]) => x.type === "karpenter")) {
        errors.push({
            path: keyPath("eks", "nodeGroups", name, "type"),
            value: "karpenter",
            allowed: `nothing on platform kubernetes: Karpenter needs IAM roles, an SQS queue and EC2 launches, and ${NO_AWS}; install your cluster's own node autoscaler`,
        });
    }
    const lb = cfg.loadBalancer;
    if (lb.certificateArn)
        errors.push({ path: keyPath("loadBalancer", "certificateArn"), value: lb.certificateArn, allowed: "no ACM certificate on platform kubernetes: only AWS load balancers can use one; terminate TLS in your ingress controller" });
    if (lb.accessLogs) errors.push({ path: keyPath("loadBalancer", "accessLogs"), value: lb.accessLogs, allowed: "no ALB access logs on platform kubernetes: the ingress controller's own logs take their place" });
    return [...errors, ...validateKubernetesIngress(cfg)];
}

/**
 * Public ALB-type services become Ingresses of a controller berth knows nothing about: its class
 * must be named, and restricted allowedCidrs need the annotation it enforces them from, since
 * neither can be inferred from a class name: the community ingress-nginx (retired in March 2026:
 * kubernetes.io/blog/2025/11/11/ingress-nginx-retirement) and F5's NGINX Ingress Controller, whose
 * annotations are its own `nginx.org/` ones, both default to the class `nginx` (docs.nginx.com,
 * "Run multiple NGINX Ingress Controllers").
 */
export function validateKubernetesIngress(cfg: ParsedConfig): ConfigError[] {
    const lb = cfg.loadBalancer;
    const viaIngress = Object.entries(cfg.services)
        .filter(([, s]) => s.public && (s.loadBalancer ?? lb.type) === "alb")
        .map(([name]) => name);
    if (!viaIngress.length) return [];
    const errors: ConfigError[] = [];
    const who = `public service${viaIngress.length > 1 ? "s" : ""} ${viaIngress.join(", ")} ${viaIngress.length > 1 ? "go" : "goes"} through an Ingress`;
    if (cfg.kubernetes.ingressClass === undefined) {
        errors.push({
            path: keyPath("kubernetes", "ingressClass"),
            value: undefined,
            allowed: `the IngressClass of your cluster's ingress controller (kubectl get ingressclass), since ${who}: berth assumes none, as the community ingress-nginx was retired in March 2026 and other controllers (F5's NGINX Ingress Controller) use the class nginx too`,
        });
    }
    const open = lb.allowedCidrs.length === 1 && lb.allowedCidrs[0] === "0.0.0.0/0";
    if (!open && cfg.kubernetes.sourceRangeAnnotation === undefined) {
        errors.push({
            path: keyPath("loadBalancer", "allowedCidrs"),
            value: lb.allowedCidrs,
            allowed: `[0.0.0.0/0], or berth:kubernetes.sourceRangeAnnotation naming the Ingress annotation your controller enforces source ranges from (ingress-nginx: nginx.ingress.kubernetes.io/whitelist-source-range), since ${who}: berth cannot tell from a class name whether the controller would enforce them, and will not drop the restriction silently`,
        });
    }
    return errors;
}

/** Namespaces the cluster or berth's controllers own; a service named so would take them over. */
export const RESERVED_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease", "external-secrets"];
/** Components the EKS composition names itself; a service of the same name would collide with their IAM roles. */
export const RESERVED_EKS_NAMES = ["lb-controller", "storage-ebs-csi", "storage-efs-csi", "fsx-fsx-csi", "fsx-trident", "karpenter"];

export function validateReservedName(name: string, platform: Platform): ConfigError[] {
    if (RESERVED_NAMESPACES.includes(name)) return [{ path: keyPath("services", name), value: name, allowed: `a service name other than ${RESERVED_NAMESPACES.join(", ")}: each service gets a namespace of its own name` }];
    if (platform === "eks" && RESERVED_EKS_NAMES.includes(name)) return [{ path: keyPath("services", name), value: name, allowed: `a service name other than ${RESERVED_EKS_NAMES.join(", ")}, which name berth's own controllers on eks` }];
    return [];
}

/** Every rule of this file for one config. */
export function validateKubernetesPlatforms(cfg: ParsedConfig): ConfigError[] {
    const errors: ConfigError[] = [];
    for (const [name, svc] of Object.entries(cfg.services)) {
        errors.push(...validateKubernetesOnlyKeys(name, svc, cfg.platform));
        if (!KUBERNETES_PLATFORMS.includes(cfg.platform)) continue;
        errors.push(...validateReservedName(name, cfg.platform));
        errors.push(...validateKubernetesScaling(name, svc), ...validateDisks(name, svc, cfg));
        if (svc.exec)
            errors.push({ path: keyPath("services", name, "exec"), value: true, allowed: `false on ${cfg.platform}: kubectl exec opens a shell into a pod already, governed by the cluster's RBAC, with nothing for berth to turn on` });
    }
    return [...errors, ...validateEksStack(cfg), ...validateKubernetesStack(cfg)];
}

/** Days from one ISO date to another. */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A version this close to the end of its standard support plans with a warning. */
export const STANDARD_SUPPORT_NOTICE_DAYS = 90;

/** A warning when the version leaves standard support within STANDARD_SUPPORT_NOTICE_DAYS of `asOf`. */
function supportNotice(eks: BerthSpec["eks"], asOf: string): ConfigWarning[] {
    const v = EKS_VERSIONS.find((x) => x.version === eks.version);
    if (!v) return [];
    const left = daysBetween(asOf, v.endOfStandardSupport);
    if (left <= 0 || left > STANDARD_SUPPORT_NOTICE_DAYS) return [];
    const newest = eksVersionsIn("standard", asOf)[0];
    return [
        {
            code: "eks-support-ending",
            path: keyPath("eks", "version"),
            message: `${v.version} leaves EKS standard support on ${v.endOfStandardSupport} (in ${left} days): then ${eks.upgradePolicy === "STANDARD" ? "EKS upgrades the control plane itself (upgradePolicy STANDARD)" : "the cluster is billed for extended support, six times the hourly price"}. ${newest} is in standard support until ${datesOf(newest).endOfStandardSupport}`,
        },
    ];
}

/**
 * HPAs on EC2 nodes with no Karpenter group: replicas beyond what today's nodes hold stay Pending,
 * since nothing adds nodes (a node group's maxSize is never used). Fargate pods need no nodes.
 */
function nodeScalingNotice(spec: Pick<BerthSpec, "platform" | "eks" | "services">, scaled: string[]): ConfigWarning[] {
    if (spec.platform !== "eks" || !scaled.length) return [];
    const groups = Object.values(spec.eks.nodeGroups);
    if (groups.some((g) => g.type === "karpenter") || !groups.some((g) => g.type === "managed" || g.type === "self-managed")) return [];
    const onNodes = scaled.filter((s) => !runsOnFargate(spec.eks.nodeGroups, s, Object.keys(spec.services)));
    if (!onNodes.length) return [];
    return [
        {
            code: "node-scaling",
            path: keyPath("eks", "nodeGroups"),
            message: `${onNodes.join(", ")} scale${onNodes.length === 1 ? "s" : ""} out with a HorizontalPodAutoscaler, but nothing adds nodes: pods beyond today's nodes stay Pending; add a karpenter node group (docs/eks.md, "Node autoscaling: Karpenter")`,
        },
    ];
}

/**
 * What deploys on the Kubernetes platforms but deserves a word: a private API endpoint (`pulumi up`
 * must reach it), a version about to leave standard support, and HPAs on a cluster berth cannot
 * equip with a Metrics API.
 */
export function kubernetesWarnings(spec: Pick<BerthSpec, "platform" | "eks" | "services">, asOf: string = EKS_VERSIONS_AS_OF): ConfigWarning[] {
    const warnings: ConfigWarning[] = [];
    if (spec.platform === "eks") {
        if (spec.eks.publicAccessCidrs.length === 0) {
            warnings.push({
                code: "eks-private-endpoint",
                path: keyPath("eks", "publicAccessCidrs"),
                message:
                    "none, so the cluster's API endpoint is private: `pulumi up` creates every Kubernetes object (add-on configuration, Helm releases, workloads) through it, and from outside the VPC it times out once the cluster exists. Deploy from inside the VPC (a bastion, CI runner or VPN there), or list the CIDRs you deploy from in berth:eks.publicAccessCidrs",
            });
        }
        warnings.push(...supportNotice(spec.eks, asOf));
    }
    const scaled = Object.values(spec.services)
        .filter((s) => s.scaling)
        .map((s) => s.name);
    warnings.push(...nodeScalingNotice(spec, scaled));
    if (spec.platform === "kubernetes" && scaled.length) {
        warnings.push({
            code: "metrics-api",
            path: keyPath("services", scaled[0], "scaling"),
            message: `${scaled.join(", ")} scale${scaled.length === 1 ? "s" : ""} with a HorizontalPodAutoscaler, which reads the Metrics API (metrics.k8s.io): berth installs nothing into a cluster it does not own, so the cluster must run metrics-server (or another provider of that API), or each HPA shows <unknown> targets and never scales`,
        });
    }
    return warnings;
}
