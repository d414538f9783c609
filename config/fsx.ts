// FSx file systems of berth:storage (`lustre`, `ontap`): their shape, the limits the FSx API sets,
// and their defaults per environment. Built on eks only, for pods on EC2 nodes (validate-fsx.ts).
import { z } from "zod";
import { localName } from "./formats";

/**
 * Lustre deployment types berth builds: the persistent ones, which keep data across server
 * failures and take automatic backups. SCRATCH file systems take no backups and are left out.
 */
export const LUSTRE_DEPLOYMENT_TYPES = ["PERSISTENT_2", "PERSISTENT_1"] as const;
export type LustreDeploymentType = (typeof LUSTRE_DEPLOYMENT_TYPES)[number];

/**
 * Throughput per TiB (MB/s) each SSD deployment type offers (FSx API reference,
 * CreateFileSystemLustreConfiguration.PerUnitStorageThroughput, read 2026-12-07). The first is the default.
 */
export const LUSTRE_THROUGHPUT: Readonly<Record<LustreDeploymentType, ReadonlyArray<number>>> = { PERSISTENT_2: [125, 250, 500, 1000], PERSISTENT_1: [50, 100, 200] };

/**
 * SSD Lustre capacity: 1200 GiB, or a multiple of 2400 GiB (FSx API reference,
 * CreateFileSystem.StorageCapacity, for PERSISTENT_1 and PERSISTENT_2 on SSD).
 */
export const lustreCapacityAllowed = (gib: number) => gib === 1200 || (gib > 0 && gib % 2400 === 0);

/** ONTAP throughput capacities (MBps) of SINGLE_AZ_1 and MULTI_AZ_1 (FSx API reference, CreateFileSystemOntapConfiguration.ThroughputCapacity). */
export const ONTAP_THROUGHPUT = [128, 256, 512, 1024, 2048, 4096] as const;
export const ONTAP_DEPLOYMENT_TYPES = ["SINGLE_AZ_1", "MULTI_AZ_1"] as const;
export type OntapDeploymentType = (typeof ONTAP_DEPLOYMENT_TYPES)[number];
/** SSD capacity of a first-generation ONTAP file system, GiB (FSx API reference). */
export const ONTAP_CAPACITY = { min: 1024, max: 196608 } as const;
/** A FlexVol volume holds 20 MiB to 300 TiB (FSx for ONTAP user guide, "Volume size"). */
export const ONTAP_VOLUME_MIB = { min: 20, max: 300 * 1024 * 1024 } as const;

const backupDays = z.number().int().min(1, { message: "at least 1: berth keeps automatic backups on" }).max(90);

export const lustreSchema = z.strictObject({
    /** SSD capacity: 1200, or a multiple of 2400. Required: Lustre is billed by what is provisioned. */
    storageCapacityGiB: z.number().int(),
    /** @default "PERSISTENT_2": the current generation, with metadata and throughput scaled separately */
    deploymentType: z.enum(LUSTRE_DEPLOYMENT_TYPES).default("PERSISTENT_2"),
    /** MB/s per TiB. @default 125 on PERSISTENT_2 (50 on PERSISTENT_1): the cheapest tier */
    perUnitStorageThroughput: z.number().int().optional(),
    /** Days of automatic backups (1-90). @default 7 (30 in prod) */
    backupRetentionDays: backupDays.optional(),
});

export const ontapVolumeSchema = z.strictObject({
    /** Size of the FlexVol volume in MiB (20 MiB to 300 TiB); thinly provisioned from the file system's SSD. */
    sizeMiB: z.number().int().min(ONTAP_VOLUME_MIB.min).max(ONTAP_VOLUME_MIB.max),
});

export const ontapSchema = z.strictObject({
    /** SSD capacity, GiB (1024-196608). */
    storageCapacityGiB: z.number().int().min(ONTAP_CAPACITY.min).max(ONTAP_CAPACITY.max),
    /** MBps: 128, 256, 512, 1024, 2048 or 4096. @default 128 */
    throughputCapacity: z.number().int().default(128),
    /** @default "SINGLE_AZ_1" ("MULTI_AZ_1" in prod) */
    deploymentType: z.enum(ONTAP_DEPLOYMENT_TYPES).optional(),
    /** Days of automatic backups (1-90). @default 7 (30 in prod) */
    backupRetentionDays: backupDays.optional(),
    /** Volumes (FlexVols) services mount, by name. @default none */
    volumes: z.record(localName, ontapVolumeSchema).default({}),
});

export type LustreConfig = z.output<typeof lustreSchema>;
export type OntapConfig = z.output<typeof ontapSchema>;

export interface LustreSpec {
    readonly storageCapacityGiB: number;
    readonly deploymentType: LustreDeploymentType;
    readonly perUnitStorageThroughput: number;
    readonly backupRetentionDays: number;
}

export interface OntapSpec {
    readonly storageCapacityGiB: number;
    readonly throughputCapacity: number;
    readonly deploymentType: OntapDeploymentType;
    readonly backupRetentionDays: number;
    readonly volumes: Readonly<Record<string, { readonly sizeMiB: number }>>;
}

/** The environment's defaults (ENVIRONMENT_DEFAULTS in spec.ts) that FSx takes. */
export interface FsxDefaults {
    readonly fsxBackupDays: number;
    readonly ontapDeployment: OntapDeploymentType;
}

export function resolveLustre(c: LustreConfig, env: FsxDefaults): LustreSpec {
    return {
        storageCapacityGiB: c.storageCapacityGiB,
        deploymentType: c.deploymentType,
        perUnitStorageThroughput: c.perUnitStorageThroughput ?? LUSTRE_THROUGHPUT[c.deploymentType][0],
        backupRetentionDays: c.backupRetentionDays ?? env.fsxBackupDays,
    };
}

export function resolveOntap(c: OntapConfig, env: FsxDefaults): OntapSpec {
    return {
        storageCapacityGiB: c.storageCapacityGiB,
        throughputCapacity: c.throughputCapacity,
        deploymentType: c.deploymentType ?? env.ontapDeployment,
        backupRetentionDays: c.backupRetentionDays ?? env.fsxBackupDays,
        volumes: c.volumes,
    };
}

/** Which kind of file system a name under berth:storage is, if any. */
export type FileSystemKind = "efs" | "lustre" | "ontap";
export function fileSystemKind(storage: { readonly fileSystems: object; readonly lustre: object; readonly ontap: object }, name: string | undefined): FileSystemKind | undefined {
    if (name === undefined) return undefined;
    if (Object.hasOwn(storage.fileSystems, name)) return "efs";
    if (Object.hasOwn(storage.lustre, name)) return "lustre";
    if (Object.hasOwn(storage.ontap, name)) return "ontap";
    return undefined;
}
