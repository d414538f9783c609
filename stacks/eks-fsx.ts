// FSx on EKS: the Lustre and ONTAP file systems of berth:storage, open to the cluster's security
// group, their drivers and classes, and the static volumes services mount them through.
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { EksCluster } from "../components/eks/EksCluster";
import { FsxDrivers, LUSTRE_DRIVER, lustreClassName, ontapClassName } from "../components/eks/FsxDrivers";
import { ClaimArgs } from "../components/kubernetes/KubernetesService";
import { LustreFileSystem } from "../components/storage/LustreFileSystem";
import { OntapFileSystem } from "../components/storage/OntapFileSystem";
import { Foundation } from "./shared";
import { BerthSpec, VolumeMount } from "../config/spec";

export interface FsxFileSystems {
    readonly lustre: Readonly<Record<string, LustreFileSystem>>;
    readonly ontap: Readonly<Record<string, OntapFileSystem>>;
}

/** berth:storage.lustre and berth:storage.ontap, in the private subnets, admitting only the cluster's security group (its nodes). */
export function fsxFileSystems(spec: BerthSpec, base: Foundation, cluster: EksCluster): FsxFileSystems {
    const network = base.network!;
    const clients = [cluster.clusterSecurityGroupId];
    const lustre = Object.fromEntries(
        Object.entries(spec.storage.lustre).map(([name, l]) => [
            name,
            new LustreFileSystem(name, {
                vpcId: network.vpcId,
                subnetId: network.privateSubnetIds.apply((ids) => ids[0]),
                clientSecurityGroupIds: clients,
                ...l,
                protect: spec.protect,
                tags: spec.tags,
            }),
        ]),
    );
    const ontap = Object.fromEntries(
        Object.entries(spec.storage.ontap).map(([name, o]) => [
            name,
            new OntapFileSystem(name, {
                vpcId: network.vpcId,
                subnetIds: network.privateSubnetIds,
                routeTableIds: network.privateRouteTableIds,
                clientSecurityGroupIds: clients,
                // Secrets Manager's generator: 32 letters and digits, every kind present.
                svmAdminPassword: aws.secretsmanager.getRandomPasswordOutput({ passwordLength: 32, excludePunctuation: true, requireEachIncludedType: true }).randomPassword,
                ...o,
                protect: spec.protect,
                tags: spec.tags,
            }),
        ]),
    );
    return { lustre, ontap };
}

/** The Lustre CSI driver and Trident, when berth:storage has FSx file systems (clusters with nodes: validation sees to it). */
export function fsxDrivers(spec: BerthSpec, cluster: EksCluster, provider: k8s.Provider, fsx: FsxFileSystems, dependsOn: pulumi.Resource[]): FsxDrivers | undefined {
    if (!Object.keys(fsx.lustre).length && !Object.keys(fsx.ontap).length) return undefined;
    return new FsxDrivers("fsx", {
        cluster: cluster.scope,
        clusterName: cluster.clusterName,
        addonVersions: cluster.addonVersions,
        provider,
        lustre: Object.fromEntries(Object.entries(fsx.lustre).map(([n, l]) => [n, { fileSystemArn: l.fileSystemArn }])),
        ontap: Object.fromEntries(Object.entries(fsx.ontap).map(([n, o]) => [n, { fileSystemId: o.fileSystemId, svmName: o.svmName, managementDnsName: o.managementDnsName, adminSecretArn: o.adminSecretArn }])),
        retain: spec.protect,
        dependsOn,
        tags: spec.tags,
    });
}

/**
 * One FSx mount as a claim bound to a PersistentVolume of its own, like a Fargate pod's EFS volume:
 * Lustre through its CSI driver (static provisioning: the file system's id, DNS and mount names),
 * an ONTAP volume over NFS 4.1 from the SVM's NFS endpoint at the volume's junction path. Every
 * service's claim reaches the same data; the volume outlives the claim (Retain).
 */
export function fsxClaim(spec: BerthSpec, fsx: FsxFileSystems, v: VolumeMount, i: number): ClaimArgs {
    const common = { mountPath: v.mountPath, readOnly: v.readOnly, accessModes: ["ReadWriteMany"] };
    if (v.kind === "lustre") {
        const fs = fsx.lustre[v.fileSystem];
        const volume = pulumi.all([fs.fileSystemId, fs.dnsName, fs.mountName]).apply(([id, dnsname, mountname]) => ({
            persistentVolumeReclaimPolicy: "Retain",
            mountOptions: ["flock"],
            csi: { driver: LUSTRE_DRIVER, volumeHandle: id, volumeAttributes: { dnsname, mountname } },
        }));
        return { ...common, name: `${v.fileSystem}-${i}`, sizeGiB: spec.storage.lustre[v.fileSystem].storageCapacityGiB, storageClassName: lustreClassName(v.fileSystem), volume };
    }
    const fs = fsx.ontap[v.fileSystem];
    const path = fs.junctionPaths[v.volume];
    const volume = fs.nfsDnsName.apply((server) => ({ persistentVolumeReclaimPolicy: "Retain", mountOptions: ["nfsvers=4.1"], nfs: { server, path } }));
    const sizeGiB = Math.ceil(spec.storage.ontap[v.fileSystem].volumes[v.volume].sizeMiB / 1024);
    return { ...common, name: `${v.fileSystem}-${v.volume}-${i}`, sizeGiB, storageClassName: ontapClassName(v.fileSystem), volume };
}
