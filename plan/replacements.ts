// The inputs that replace a stateful resource when they change: AWS cannot update them in place, so
// the provider deletes the resource and creates another (an empty file system, a new cluster, a table
// without its items). `--diff` flags them, and each shipped stack's URN snapshot (tests/urns) records them.
//
// Sources. @pulumi/aws is bridged from the Terraform AWS provider, whose schema marks these `ForceNew`
// (the Pulumi schema's `replaceOnChanges`/"forces new resource" comes from the same flag); the
// .d.ts files do not say. Paths are in hashicorp/terraform-provider-aws, internal/service/. Read in that
// source for this table: efs/file_system.go, ecr/repository.go, elbv2/load_balancer.go and
// dynamodb/table.go; the EKS, FSx, S3 and RDS rows follow the same flag as the provider's docs mark
// ("Forces new resource") and are worth a re-read when the provider is upgraded.
import type { PlannedResource } from "./engine";

export interface ReplaceOnlyRule {
    /** Top-level input names (as the plan records them) whose change forces a replacement. */
    readonly inputs: readonly string[];
    /** Where the provider says so. */
    readonly source: string;
}

/** Per resource type, the inputs that force a replacement. Only the stateful types users fear losing. */
export const REPLACE_ONLY: Readonly<Record<string, ReplaceOnlyRule>> = {
    // pulumi-eks passes these to aws.eks.Cluster (name, encryption_config, role_arn,
    // kubernetes_network_config.service_ipv4_cidr / ip_family are ForceNew).
    "eks:index:Cluster": { inputs: ["name", "encryptionConfigKeyArn", "serviceRole", "kubernetesServiceIpAddressRange", "ipFamily"], source: "eks/cluster.go (aws_eks_cluster), via pulumi-eks nodejs/eks/cluster" },
    "aws:eks/cluster:Cluster": { inputs: ["name", "encryptionConfig", "roleArn", "kubernetesNetworkConfig"], source: "eks/cluster.go (aws_eks_cluster)" },
    "aws:efs/fileSystem:FileSystem": { inputs: ["availabilityZoneName", "creationToken", "encrypted", "kmsKeyId", "performanceMode"], source: "efs/file_system.go (aws_efs_file_system)" },
    "aws:fsx/lustreFileSystem:LustreFileSystem": {
        inputs: ["deploymentType", "storageType", "subnetIds", "securityGroupIds", "kmsKeyId", "fileSystemTypeVersion", "backupId", "driveCacheType", "importPath", "exportPath"],
        source: "fsx/lustre_file_system.go (aws_fsx_lustre_file_system)",
    },
    "aws:fsx/ontapFileSystem:OntapFileSystem": {
        inputs: ["deploymentType", "storageType", "subnetIds", "preferredSubnetId", "securityGroupIds", "kmsKeyId", "endpointIpAddressRange"],
        source: "fsx/ontap_file_system.go (aws_fsx_ontap_file_system)",
    },
    "aws:fsx/ontapStorageVirtualMachine:OntapStorageVirtualMachine": { inputs: ["fileSystemId", "name", "rootVolumeSecurityStyle"], source: "fsx/ontap_storage_virtual_machine.go (aws_fsx_ontap_storage_virtual_machine)" },
    "aws:fsx/ontapVolume:OntapVolume": { inputs: ["storageVirtualMachineId", "name", "volumeStyle", "volumeType"], source: "fsx/ontap_volume.go (aws_fsx_ontap_volume)" },
    "aws:fsx/openZfsFileSystem:OpenZfsFileSystem": { inputs: ["deploymentType", "storageType", "subnetIds", "securityGroupIds", "kmsKeyId"], source: "fsx/openzfs_file_system.go (aws_fsx_openzfs_file_system)" },
    "aws:dynamodb/table:Table": { inputs: ["name", "hashKey", "rangeKey", "localSecondaryIndexes"], source: "dynamodb/table.go (aws_dynamodb_table)" },
    "aws:s3/bucket:Bucket": { inputs: ["bucket", "bucketPrefix", "objectLockEnabled"], source: "s3/bucket.go (aws_s3_bucket)" },
    "aws:s3/bucketV2:BucketV2": { inputs: ["bucket", "bucketPrefix", "objectLockEnabled"], source: "s3/bucket.go (aws_s3_bucket)" },
    "aws:ecr/repository:Repository": { inputs: ["name", "encryptionConfigurations"], source: "ecr/repository.go (aws_ecr_repository)" },
    "aws:lb/loadBalancer:LoadBalancer": { inputs: ["name", "namePrefix", "internal", "loadBalancerType", "customerOwnedIpv4Pool"], source: "elbv2/load_balancer.go (aws_lb)" },
    "aws:rds/instance:Instance": { inputs: ["identifier", "identifierPrefix", "engine", "dbName", "kmsKeyId", "storageEncrypted", "availabilityZone", "characterSetName"], source: "rds/instance.go (aws_db_instance)" },
    "aws:rds/cluster:Cluster": { inputs: ["clusterIdentifier", "clusterIdentifierPrefix", "engine", "databaseName", "kmsKeyId", "storageEncrypted", "availabilityZones"], source: "rds/cluster.go (aws_rds_cluster)" },
};

/** The replace-only inputs a resource has, by name in the table's order; undefined for a type outside the table. Absent inputs are left out. */
export function replaceOnlyInputs(r: Pick<PlannedResource, "type" | "inputs">): Record<string, unknown> | undefined {
    const rule = REPLACE_ONLY[r.type];
    if (!rule) return undefined;
    return Object.fromEntries(rule.inputs.filter((k) => r.inputs[k] !== undefined).map((k) => [k, r.inputs[k]]));
}

/** The replace-only inputs that differ between two versions of one resource (one absent in either counts). */
export function replacingInputs(type: string, before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): string[] {
    const rule = REPLACE_ONLY[type];
    if (!rule) return [];
    return rule.inputs.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** What tests/urns/<stack>.json holds: every URN, sorted, and per stateful resource its replace-only inputs. */
export interface UrnSnapshot {
    readonly urns: string[];
    /** By URN, for the types in REPLACE_ONLY. */
    readonly replaceOnly: Record<string, Record<string, unknown>>;
}

export function urnSnapshot(resources: ReadonlyArray<Pick<PlannedResource, "urn" | "type" | "inputs">>): UrnSnapshot {
    const urns = resources.map((r) => r.urn).sort();
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const replaceOnly = Object.fromEntries(
        urns.flatMap((u) => {
            const inputs = replaceOnlyInputs(byUrn.get(u)!);
            return inputs ? [[u, inputs]] : [];
        }),
    );
    return { urns, replaceOnly };
}

/** How a plan moved from a snapshot: URNs gone without an alias to them, URNs new that alias none, and replace-only inputs changed. */
export interface SnapshotMoves {
    readonly removed: string[];
    readonly added: string[];
    readonly replaced: { readonly urn: string; readonly inputs: string[] }[];
}

/**
 * Compares a plan with its snapshot. A resource whose aliases (its own, or its parent's, as `formerUrns`
 * derives them) name a snapshot URN is that resource, moved: neither removed nor added.
 */
export function snapshotMoves(old: UrnSnapshot, resources: ReadonlyArray<PlannedResource>, formerUrns: (r: PlannedResource) => string[]): SnapshotMoves {
    const was = new Set(old.urns);
    const now = new Set(resources.map((r) => r.urn));
    const previous = new Map(resources.map((r) => [r.urn, now.has(r.urn) && was.has(r.urn) ? r.urn : formerUrns(r).find((u) => was.has(u))]));
    const kept = new Set([...previous.values()].filter((u): u is string => !!u));
    const replaced = resources.flatMap((r) => {
        const before = previous.get(r.urn);
        const recorded = before ? old.replaceOnly[before] : undefined;
        const inputs = recorded ? replacingInputs(r.type, recorded, r.inputs) : [];
        return inputs.length ? [{ urn: r.urn, inputs }] : [];
    });
    return {
        removed: old.urns.filter((u) => !kept.has(u)),
        added: resources
            .filter((r) => !previous.get(r.urn))
            .map((r) => r.urn)
            .sort(),
        replaced,
    };
}
