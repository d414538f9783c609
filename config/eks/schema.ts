// Config for the Kubernetes platforms: the EKS cluster and its node capacity (`berth:eks`), the
// existing cluster of `berth:platform: kubernetes` (`berth:kubernetes`, `berth:kubeconfig`), and the
// service keys only Kubernetes builds (`disks`, `runAsUser`).
import { z } from "zod";
import { cidr, localName } from "../formats";
import { EKS_DEFAULT_VERSION } from "../facts/eks";

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
 * (eks.NodeGroupV2); fargate: a Fargate profile; karpenter: a Karpenter NodePool that adds nodes
 * for pods nothing else can place (beside a managed group, where Karpenter itself runs). Keys that
 * do not apply to the type are config errors.
 */
export const eksNodeGroupSchema = z.strictObject({
    type: z.enum(["managed", "self-managed", "fargate", "karpenter"]),
    /** EC2 instance types (self-managed takes exactly one; karpenter chooses among them). @default ["t3.medium"] */
    instanceTypes: z.array(instanceType).min(1).optional(),
    /** Spot capacity (managed and karpenter groups). @default false (on-demand) */
    spot: z.boolean().optional(),
    /** @default 1 (2 in prod) */
    minSize: z.number().int().min(0).max(1000).optional(),
    /** @default 3. On a karpenter group: the most nodes it may run at once (NodePool limits). */
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
    /**
     * The EKS-optimized AL2023 AMI release (vYYYYMMDD) that self-managed groups and Karpenter's nodes
     * (alias al2023@RELEASE) run. Pinned, so an AMI changes only when this does; the nodes then roll,
     * each drained first. @default EKS_AMI_RELEASE (config/facts/eks.ts)
     */
    amiRelease: z
        .string()
        .regex(/^v20\d{6}$/, { message: "an EKS AMI release such as v20260714 (awslabs/amazon-eks-ami releases)" })
        .optional(),
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
    ingressClass: z
        .string()
        .regex(/^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/, { message: "an IngressClass name" })
        .optional(),
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
    /**
     * Address ranges of the cluster's nodes, which an NLB service's NetworkPolicy admits besides
     * berth:loadBalancer.allowedCidrs. berth's LoadBalancer Services keep the client's address
     * (externalTrafficPolicy Local) and kube-proxy answers the load balancer's health checks on the
     * node, so most clusters need none; name them where the load balancer reaches or checks pods
     * from node addresses. @default none
     */
    nodeCidrs: z.array(cidr).default([]),
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
