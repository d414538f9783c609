// Rules for FSx file systems (berth:storage.lustre, berth:storage.ontap): only EKS nodes mount them,
// and the FSx API accepts only certain sizes and throughputs.
import { ConfigError, keyPath } from "../errors";
import { ParsedConfig, Platform } from "../schema";
import { hasNodes, runsOnFargate } from "./spec";
import { fileSystemKind, LUSTRE_THROUGHPUT, lustreCapacityAllowed, ONTAP_THROUGHPUT } from "../fsx";

/** Why a platform other than eks mounts no FSx, in its own terms. */
const WHY_NO_FSX: Readonly<Record<Exclude<Platform, "eks">, string>> = {
    "ecs-fargate": "ECS mounts only FSx for Windows File Server, which berth does not build (and Fargate tasks not even that); share files through berth:storage.fileSystems (EFS)",
    "ecs-ec2": "ECS mounts only FSx for Windows File Server, which berth does not build; share files through berth:storage.fileSystems (EFS)",
    "ecs-anywhere": "ECS mounts only FSx for Windows File Server, which berth does not build, and ECS Anywhere hosts are outside the VPC",
    apprunner: "App Runner services mount no file systems",
    "ecs-express": "Express Mode services mount no file systems",
    kubernetes: "berth creates nothing in AWS on platform kubernetes; use disks, which claim the cluster's default StorageClass",
};

const FSX_KEYS = ["lustre", "ontap"] as const;
const KIND_NAME = { lustre: "FSx for Lustre", ontap: "FSx for NetApp ONTAP" } as const;

/**
 * FSx exists for pods on EKS nodes: on any other platform it is a mistake. Checked on the raw config,
 * since the platforms that create no file systems at all refuse berth:storage before it is parsed.
 */
export function validateFsxPlatform(raw: Record<string, unknown>, platform: Platform): ConfigError[] {
    if (platform === "eks" || !raw.storage || typeof raw.storage !== "object") return [];
    const storage = raw.storage as Record<string, unknown>;
    return FSX_KEYS.filter((key) => storage[key] !== undefined).map((key) => ({
        path: keyPath("storage", key),
        value: storage[key] && typeof storage[key] === "object" ? Object.keys(storage[key]) : storage[key],
        allowed: `nothing on platform ${platform}: ${KIND_NAME[key]} is built on eks only, for pods on EC2 nodes (managed, self-managed or Karpenter's); ${WHY_NO_FSX[platform]}`,
    }));
}

/** On eks, a cluster of Fargate alone has nothing that could mount FSx. */
export function validateFsxPlacement(cfg: Pick<ParsedConfig, "platform" | "storage" | "eks">): ConfigError[] {
    if (cfg.platform !== "eks" || !Object.keys(cfg.eks.nodeGroups).length || hasNodes(cfg.eks.nodeGroups)) return [];
    return FSX_KEYS.filter((key) => Object.keys(cfg.storage[key]).length).map((key) => ({
        path: keyPath("storage", key),
        value: Object.keys(cfg.storage[key]),
        allowed: `nothing on a cluster of Fargate alone: Fargate pods cannot mount ${KIND_NAME[key]}; add a managed or self-managed node group`,
    }));
}

/** Sizes and throughputs the FSx API accepts, and one name per file system across the three kinds. */
export function validateFsxFileSystems(storage: ParsedConfig["storage"]): ConfigError[] {
    const errors: ConfigError[] = [];
    for (const [name, l] of Object.entries(storage.lustre)) {
        const at = (k: string) => keyPath("storage", "lustre", name, k);
        if (!lustreCapacityAllowed(l.storageCapacityGiB)) {
            const down = Math.max(2400, Math.floor(l.storageCapacityGiB / 2400) * 2400);
            errors.push({ path: at("storageCapacityGiB"), value: l.storageCapacityGiB, allowed: `1200, or a multiple of 2400 (such as ${down} or ${down + 2400}): the sizes FSx for Lustre SSD storage comes in` });
        }
        const throughputs = LUSTRE_THROUGHPUT[l.deploymentType];
        if (l.perUnitStorageThroughput !== undefined && !throughputs.includes(l.perUnitStorageThroughput)) {
            errors.push({ path: at("perUnitStorageThroughput"), value: l.perUnitStorageThroughput, allowed: `one of ${throughputs.join(", ")} (MB/s per TiB) on ${l.deploymentType}` });
        }
    }
    for (const [name, o] of Object.entries(storage.ontap)) {
        if (!(ONTAP_THROUGHPUT as ReadonlyArray<number>).includes(o.throughputCapacity)) {
            errors.push({ path: keyPath("storage", "ontap", name, "throughputCapacity"), value: o.throughputCapacity, allowed: `one of ${ONTAP_THROUGHPUT.join(", ")} (MBps)` });
        }
    }
    // A service's volume names its file system by name alone, so the name must say which one.
    const efs = new Set(Object.keys(storage.fileSystems));
    for (const name of Object.keys(storage.lustre))
        if (efs.has(name)) errors.push({ path: keyPath("storage", "lustre", name), value: name, allowed: "a name no EFS file system under berth:storage.fileSystems has: volumes name file systems by name alone" });
    const taken = new Set([...efs, ...Object.keys(storage.lustre)]);
    for (const name of Object.keys(storage.ontap))
        if (taken.has(name)) errors.push({ path: keyPath("storage", "ontap", name), value: name, allowed: "a name no EFS or Lustre file system under berth:storage has: volumes name file systems by name alone" });
    return errors;
}

/** Fargate pods mount EFS only: the FSx CSI driver and Trident do not run there. */
export function validateFsxMounts(cfg: Pick<ParsedConfig, "platform" | "services" | "storage" | "eks">): ConfigError[] {
    if (cfg.platform !== "eks") return [];
    const names = Object.keys(cfg.services);
    const errors: ConfigError[] = [];
    for (const [name, svc] of Object.entries(cfg.services)) {
        if (!runsOnFargate(cfg.eks.nodeGroups, name, names)) continue;
        svc.volumes.forEach((v, i) => {
            const kind = fileSystemKind(cfg.storage, v.fileSystem);
            if (kind === "lustre" || kind === "ontap") {
                errors.push({
                    path: keyPath("services", name, "volumes", i, "fileSystem"),
                    value: v.fileSystem,
                    allowed: `an EFS file system (berth:storage.fileSystems) on Fargate: Fargate pods cannot mount ${KIND_NAME[kind]}; run ${name} on a managed or self-managed group (a Fargate profile selects it now)`,
                });
            }
        });
    }
    return errors;
}

/** Every FSx rule for one config. */
export function validateFsx(cfg: ParsedConfig): ConfigError[] {
    return [...validateFsxPlacement(cfg), ...validateFsxFileSystems(cfg.storage), ...validateFsxMounts(cfg)];
}
