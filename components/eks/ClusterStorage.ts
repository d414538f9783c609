import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { MANAGED_POLICY, PolicyDocument } from "../iam/policies";
import { AddonVersions, eksAddon } from "./addons";
import { ClusterScope } from "./trust";
import { WorkloadIdentity, WorkloadIdentityArgs } from "./WorkloadIdentity";

export const EBS_CONTROLLER_SA = "ebs-csi-controller-sa";
export const EFS_CONTROLLER_SA = "efs-csi-controller-sa";
export const EFS_NODE_SA = "efs-csi-node-sa";

/** The default StorageClass for disks. */
export const GP3_CLASS = "gp3";

/** One access point's directory and owner, as berth:storage declares it. */
export interface EfsVolumeClass {
    readonly path: string;
    readonly uid: number;
    readonly gid: number;
    readonly permissions: string;
}

export interface EfsClassArgs {
    readonly fileSystemId: pulumi.Input<string>;
    readonly fileSystemArn: pulumi.Input<string>;
    readonly volumes: Readonly<Record<string, EfsVolumeClass>>;
}

export interface ClusterStorageArgs {
    readonly cluster: pulumi.Input<ClusterScope>;
    /** The EKS cluster's name as an output, so add-ons wait for the cluster. Required. */
    readonly clusterName: pulumi.Input<string>;
    /** The version of each driver add-on, for the cluster's Kubernetes version. Required. */
    readonly addonVersions: AddonVersions;
    readonly provider: k8s.Provider;
    /** Install the EBS CSI driver and the gp3 class (EC2 nodes only: Fargate cannot attach EBS). @default true */
    readonly ebs?: boolean;
    /** File systems by name: the EFS CSI driver and a class per volume. @default none */
    readonly fileSystems?: Readonly<Record<string, EfsClassArgs>>;
    /** Keep dynamically provisioned EBS volumes when their claim is deleted. @default false (true in prod) */
    readonly retain?: boolean;
    /** What the add-ons wait for (nodes to run on, the Pod Identity agent). @default none */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
    readonly tags?: Tags;
    readonly transform?: { readonly addon?: Transform<aws.eks.AddonArgs>; readonly gp3Class?: Transform<k8s.storage.v1.StorageClassArgs> };
}

/** The class name of one berth volume: one class per access point, so its directory and owner hold. */
export const efsClassName = (fileSystem: string, volume: string) => `efs-${fileSystem}-${volume}`;

/** EFS CSI dynamic provisioning that lands on exactly the volume's directory, owned as declared. */
export function efsClassParameters(fileSystemId: string, v: EfsVolumeClass): Record<string, string> {
    const cut = v.path.lastIndexOf("/");
    return {
        provisioningMode: "efs-ap",
        fileSystemId,
        // The schema allows 750 or 0750; the driver takes the three digits.
        directoryPerms: v.permissions.slice(-3),
        uid: String(v.uid),
        gid: String(v.gid),
        basePath: cut > 0 ? v.path.slice(0, cut) : "/",
        subPathPattern: v.path.slice(cut + 1) || ".",
        // The same directory for every claim, like the ECS access point, not one per claim.
        ensureUniqueDirectory: "false",
    };
}

/** Mount and write through an access point of these file systems (no root); the EFS CSI node driver mounts with IAM. */
export function efsMountPolicy(fileSystemArns: string[]): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "MountThroughAccessPoints",
                Effect: "Allow",
                Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
                Resource: fileSystemArns,
                Condition: { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } },
            },
        ],
    };
}

/**
 * Storage for Kubernetes on EKS: the EBS and EFS CSI driver add-ons, each with its own IAM role bound
 * through Pod Identity, the default gp3 class (encrypted, WaitForFirstConsumer, expandable), and
 * one EFS class per berth volume, provisioning through access points.
 */
export class ClusterStorage extends pulumi.ComponentResource {
    /** The EFS driver add-on: claims of EFS classes wait for it. */
    readonly efsDriver?: aws.eks.Addon;
    readonly ebsDriver?: aws.eks.Addon;
    /** The default class (it waits for the EBS driver): disks' claims wait for it, and go before it on destroy. */
    readonly gp3Class?: k8s.storage.v1.StorageClass;

    constructor(name: string, args: ClusterStorageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:eks:ClusterStorage", name, {}, opts);
        const k8sOpts = { parent: this, provider: args.provider };
        if (args.ebs ?? true) {
            const role = new WorkloadIdentity(
                `${name}-ebs-csi`,
                { cluster: args.cluster, namespace: "kube-system", serviceAccount: EBS_CONTROLLER_SA, mode: "addon", managedPolicies: [MANAGED_POLICY.ebsCsiDriver], description: "EBS CSI driver", tags: args.tags },
                { parent: this },
            );
            this.ebsDriver = this.addon(`${name}-ebs-csi-driver`, "aws-ebs-csi-driver", args, [{ roleArn: role.roleArn, serviceAccount: EBS_CONTROLLER_SA }]);
            this.gp3Class = new k8s.storage.v1.StorageClass(
                `${name}-gp3`,
                applyTransform<k8s.storage.v1.StorageClassArgs>(
                    {
                        metadata: { name: GP3_CLASS, annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
                        provisioner: "ebs.csi.aws.com",
                        // The CSI-wide key, the one the driver documents (kubernetes-sigs/aws-ebs-csi-driver,
                        // docs/parameters.md); `fsType` is the deprecated spelling.
                        parameters: { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" },
                        volumeBindingMode: "WaitForFirstConsumer",
                        allowVolumeExpansion: true,
                        reclaimPolicy: args.retain ? "Retain" : "Delete",
                    },
                    args.transform?.gp3Class,
                ),
                { ...k8sOpts, dependsOn: [this.ebsDriver] },
            );
        }
        const fileSystems = Object.entries(args.fileSystems ?? {});
        if (fileSystems.length) this.efsDriver = this.efs(name, args, fileSystems);
        this.registerOutputs({});
    }

    /**
     * The EFS CSI driver and a class per volume, with a role for each of its two service accounts:
     * the controller's manages access points (AWS's AmazonEFSCSIDriverPolicy), the node agent's only
     * mounts through the file systems' mount targets. The node needs no describe calls: the VPC
     * resolves the file system's DNS name, so the mount helper never falls back to looking up a mount
     * target's address.
     */
    private efs(name: string, args: ClusterStorageArgs, fileSystems: Array<[string, EfsClassArgs]>): aws.eks.Addon {
        const arns = pulumi.all(fileSystems.map(([, f]) => f.fileSystemArn));
        const identity = (role: string, serviceAccount: string, access: Pick<WorkloadIdentityArgs, "managedPolicies" | "policy" | "description">) =>
            new WorkloadIdentity(`${name}-${role}`, { cluster: args.cluster, namespace: "kube-system", serviceAccount, mode: "addon", tags: args.tags, ...access }, { parent: this });
        const controller = identity("efs-csi", EFS_CONTROLLER_SA, { managedPolicies: [MANAGED_POLICY.efsCsiDriver], description: "EFS CSI driver controller: creates and deletes access points" });
        const node = identity("efs-csi-node", EFS_NODE_SA, { policy: arns.apply(efsMountPolicy), description: "EFS CSI driver node agent: mounts through access points" });
        const driver = this.addon(`${name}-efs-csi-driver`, "aws-efs-csi-driver", args, [
            { roleArn: controller.roleArn, serviceAccount: EFS_CONTROLLER_SA },
            { roleArn: node.roleArn, serviceAccount: EFS_NODE_SA },
        ]);
        for (const [fs, f] of fileSystems) {
            for (const [vol, v] of Object.entries(f.volumes)) {
                new k8s.storage.v1.StorageClass(
                    `${name}-${efsClassName(fs, vol)}`,
                    {
                        metadata: { name: efsClassName(fs, vol) },
                        provisioner: "efs.csi.aws.com",
                        parameters: pulumi.output(f.fileSystemId).apply((id) => efsClassParameters(id, v)),
                        mountOptions: ["tls", "iam"],
                        // The access point goes with the claim; the data stays on the file system.
                        reclaimPolicy: "Delete",
                        volumeBindingMode: "Immediate",
                    },
                    { parent: this, provider: args.provider, dependsOn: [driver] },
                );
            }
        }
        return driver;
    }

    private addon(name: string, addonName: string, args: ClusterStorageArgs, podIdentityAssociations: Array<{ roleArn: pulumi.Input<string>; serviceAccount: string }>): aws.eks.Addon {
        return eksAddon(
            name,
            { clusterName: args.clusterName, addonName, addonVersion: args.addonVersions(addonName), podIdentityAssociations, tags: args.tags, transform: args.transform?.addon },
            { parent: this, dependsOn: args.dependsOn },
        );
    }
}
