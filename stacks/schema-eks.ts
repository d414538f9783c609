// Config for the Kubernetes platforms: the EKS cluster and its node capacity (`berth:eks`), the
// existing cluster of `berth:platform: kubernetes` (`berth:kubernetes`, `berth:kubeconfig`), and the
// service keys only Kubernetes builds (`disks`, `runAsUser`).
import { z } from "zod";
import { cidr, localName } from "./formats";

/**
 * The day berth's EKS version table was last checked. Support is computed from the table's dates
 * against this constant, never against the clock, so a plan never depends on the day it runs;
 * update the two together.
 */
export const EKS_VERSIONS_AS_OF = "2026-11-27";

/** A version's place in the EKS lifecycle on a given day. */
export type EksSupport = "standard" | "extended" | "ended";

/**
 * Kubernetes minor versions on EKS, with the first day (UTC) each is out of standard support and out
 * of extended support: EKS bills extended support from the start of the first date, and creates no
 * cluster on a version from the second. Standard support lasts 14 months from the EKS release, then
 * extended support (six times the hourly price) 12 more. Sources: the EKS user guide, "Understand the
 * Kubernetes version lifecycle on EKS" (release calendar: 1.31-1.35); for 1.36, on EKS since
 * 2026-06-02 (user guide, "Review release notes for Kubernetes versions on standard support"), the
 * same 14 + 12 months. EKS Distro had a 1.37 development build by September 2026, but EKS itself
 * had not released 1.37 when this table was checked.
 */
export const EKS_VERSIONS: ReadonlyArray<{ readonly version: string; readonly endOfStandardSupport: string; readonly endOfExtendedSupport: string }> = [
    { version: "1.36", endOfStandardSupport: "2027-08-02", endOfExtendedSupport: "2028-08-02" },
    { version: "1.35", endOfStandardSupport: "2027-03-27", endOfExtendedSupport: "2028-03-27" },
    { version: "1.34", endOfStandardSupport: "2026-12-02", endOfExtendedSupport: "2027-12-02" },
    { version: "1.33", endOfStandardSupport: "2026-07-29", endOfExtendedSupport: "2027-07-29" },
    { version: "1.32", endOfStandardSupport: "2026-03-23", endOfExtendedSupport: "2027-03-23" },
    { version: "1.31", endOfStandardSupport: "2025-11-26", endOfExtendedSupport: "2026-11-26" },
];

/** Where `version` stands on `asOf` (YYYY-MM-DD, UTC); undefined for a version EKS never ran. */
export function eksSupport(version: string, asOf: string = EKS_VERSIONS_AS_OF): EksSupport | undefined {
    const v = EKS_VERSIONS.find((x) => x.version === version);
    if (!v) return undefined;
    // ISO dates compare as text.
    if (asOf < v.endOfStandardSupport) return "standard";
    return asOf < v.endOfExtendedSupport ? "extended" : "ended";
}

/** The versions of the table in one lifecycle state on `asOf`, newest first. */
export const eksVersionsIn = (support: EksSupport, asOf: string = EKS_VERSIONS_AS_OF) => EKS_VERSIONS.filter((v) => eksSupport(v.version, asOf) === support).map((v) => v.version);

/**
 * The default: the newest version EKS runs (released there in June 2026), whose standard support
 * lasts longest: until 2027-08-02.
 */
export const EKS_DEFAULT_VERSION = "1.36";

export const EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

const instanceType = z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { message: "an EC2 instance type such as t3.medium" });
const labelKey = z.string().regex(/^([a-z0-9.-]+\/)?[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/, { message: "a Kubernetes label key such as team or example.com/team" });

export const fargateSelectorSchema = z.strictObject({
    /** A namespace; each service runs in the namespace named after it. */
    namespace: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, { message: "a Kubernetes namespace name" }),
    /** Pod labels that must all match. @default none: every pod of the namespace */
    labels: z.record(labelKey, z.string()).default({}),
});

/**
 * One unit of capacity. managed: an EKS managed node group; self-managed: an Auto Scaling group
 * (eks.NodeGroupV2); fargate: a Fargate profile. Keys that do not apply to the type are config errors.
 */
export const eksNodeGroupSchema = z.strictObject({
    type: z.enum(["managed", "self-managed", "fargate"]),
    /** EC2 instance types (self-managed takes exactly one). @default ["t3.medium"] */
    instanceTypes: z.array(instanceType).min(1).optional(),
    /** Spot capacity (managed node groups only). @default false (on-demand) */
    spot: z.boolean().optional(),
    /** @default 1 (2 in prod) */
    minSize: z.number().int().min(0).max(1000).optional(),
    /** @default 3 */
    maxSize: z.number().int().min(1).max(1000).optional(),
    /** @default minSize */
    desiredSize: z.number().int().min(0).max(1000).optional(),
    /** Encrypted gp3 root volume. @default 20 (the EKS-optimized AL2023 AMI's size) */
    rootVolumeGiB: z.number().int().min(20).max(16384).optional(),
    /** Kubernetes labels on the nodes. @default none */
    labels: z.record(labelKey, z.string()).optional(),
    /** Fargate: which pods run here. @default every service's namespace */
    selectors: z.array(fargateSelectorSchema).min(1).max(5).optional(),
});

export const eksSchema = z.strictObject({
    /** Kubernetes minor version. @default 1.36 (EKS_DEFAULT_VERSION) */
    version: z.string().default(EKS_DEFAULT_VERSION),
    /** STANDARD: upgraded at the end of standard support. EXTENDED costs six times as much per hour. @default STANDARD */
    upgradePolicy: z.enum(["STANDARD", "EXTENDED"]).default("STANDARD"),
    /** CIDRs that may reach the public API endpoint. @default none: the endpoint is private only */
    publicAccessCidrs: z.array(cidr).max(40).default([]),
    /** IAM role ARNs given cluster-admin through access entries. @default none (the deployer keeps admin) */
    adminRoleArns: z.array(z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]+$/, { message: "an IAM role ARN such as arn:aws:iam::123456789012:role/platform-admin" })).default([]),
    /** Control-plane log types sent to CloudWatch; audit and authenticator are required. @default api, audit, authenticator */
    logTypes: z.array(z.enum(EKS_LOG_TYPES)).default(["api", "audit", "authenticator"]),
    /** Node capacity by name: at least one group. */
    nodeGroups: z.record(localName, eksNodeGroupSchema).default({}),
});

export const kubernetesSchema = z.strictObject({
    /** The name the outputs give the cluster. @default the stack name */
    clusterName: z.string().min(1).optional(),
    /**
     * IngressClass of the cluster's ingress controller (`kubectl get ingressclass`); required when a
     * public service goes through an Ingress. @default none: the class name says nothing certain
     * about the controller (the retired community ingress-nginx and F5's NGINX Ingress Controller
     * both use `nginx`)
     */
    ingressClass: z.string().regex(/^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/, { message: "an IngressClass name" }).optional(),
    /**
     * The Ingress annotation from which the controller enforces allowed source ranges, a
     * comma-separated CIDR list; berth writes `berth:loadBalancer.allowedCidrs` there. Name one only
     * if your controller documents enforcing it (ingress-nginx:
     * nginx.ingress.kubernetes.io/whitelist-source-range). @default none: restricted allowedCidrs are
     * then a config error, never silently dropped
     */
    sourceRangeAnnotation: z
        .string()
        .regex(/^([a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/, { message: "an annotation key such as nginx.ingress.kubernetes.io/whitelist-source-range" })
        .optional(),
});

/** A persistent disk per service (Kubernetes platforms): an EBS gp3 volume on EKS, the default StorageClass elsewhere. */
export const diskSchema = z.strictObject({
    name: localName,
    /** GiB. */
    sizeGiB: z.number().int().min(1).max(16384),
    mountPath: z.string().startsWith("/", { message: "an absolute path" }),
});

export type EksConfig = z.output<typeof eksSchema>;
export type EksNodeGroupConfig = z.output<typeof eksNodeGroupSchema>;
export type KubernetesConfig = z.output<typeof kubernetesSchema>;
export type DiskConfig = z.output<typeof diskSchema>;
