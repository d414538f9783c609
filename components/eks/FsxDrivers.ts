import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { PolicyDocument } from "../iam/policies";
import { AddonVersions, eksAddon } from "./addons";
import { ClusterScope } from "./trust";
import { WorkloadIdentity } from "./WorkloadIdentity";

/** The FSx for Lustre CSI driver's controller (EKS user guide, "Deploy the FSx for Lustre driver"). */
export const FSX_CONTROLLER_SA = "fsx-csi-controller-sa";
/** Where the NetApp Trident add-on runs its controller, the only Trident pod that calls AWS (NetApp, "Create an IAM role and AWS Secret"). */
export const TRIDENT_NAMESPACE = "trident";
export const TRIDENT_CONTROLLER_SA = "trident-controller";
export const LUSTRE_DRIVER = "fsx.csi.aws.com";
export const TRIDENT_DRIVER = "csi.trident.netapp.io";

export const lustreClassName = (fileSystem: string) => `fsx-lustre-${fileSystem}`;
export const ontapClassName = (fileSystem: string) => `fsx-ontap-${fileSystem}`;
/** The Trident backend of one ONTAP file system; its class selects it by name. */
export const ontapBackendName = (fileSystem: string) => `fsx-ontap-${fileSystem}`;

export interface LustreDriverArgs {
    readonly fileSystemArn: pulumi.Input<string>;
}

export interface OntapBackendArgs {
    readonly fileSystemId: pulumi.Input<string>;
    readonly svmName: pulumi.Input<string>;
    readonly managementDnsName: pulumi.Input<string>;
    /** Secrets Manager secret of `{"username","password"}` for the SVM's vsadmin. */
    readonly adminSecretArn: pulumi.Input<string>;
}

export interface FsxDriversArgs {
    readonly cluster: pulumi.Input<ClusterScope>;
    /** The EKS cluster's name as an output, so add-ons wait for the cluster. Required. */
    readonly clusterName: pulumi.Input<string>;
    /** The version of each driver add-on, for the cluster's Kubernetes version. Required. */
    readonly addonVersions: AddonVersions;
    readonly provider: k8s.Provider;
    /** FSx for Lustre file systems: the CSI driver add-on and a class per file system. @default none */
    readonly lustre?: Readonly<Record<string, LustreDriverArgs>>;
    /** FSx for ONTAP file systems: the Trident add-on, a backend and a class per file system. @default none */
    readonly ontap?: Readonly<Record<string, OntapBackendArgs>>;
    /** Keep volumes Trident provisions when their claim is deleted. @default false (true in prod) */
    readonly retain?: boolean;
    /** What the add-ons wait for (nodes to run on, the Pod Identity agent). @default none */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
    readonly tags?: Tags;
    readonly transform?: {
        readonly addon?: Transform<aws.eks.AddonArgs>;
        readonly storageClass?: Transform<k8s.storage.v1.StorageClassArgs>;
        readonly backend?: Transform<k8s.apiextensions.CustomResourceArgs>;
    };
}

/**
 * What the Lustre driver's controller needs for statically provisioned volumes: to look the file
 * systems up. It creates none (berth does), so none of AmazonFSxFullAccess's create, delete or IAM
 * rights, which the driver's docs/install.md attaches for dynamic provisioning. FSx's Describe
 * calls take no narrower resource than "*" when they list (as the driver's and NetApp's policies grant them).
 */
export function lustreDriverPolicy(): PolicyDocument {
    return { Version: "2012-10-17", Statement: [{ Sid: "DescribeFileSystems", Effect: "Allow", Action: ["fsx:DescribeFileSystems"], Resource: "*" }] };
}

/**
 * Trident's controller on FSx for ONTAP: it discovers the file system and SVM through the FSx API and
 * reads the vsadmin credentials from Secrets Manager (credentials type awsarn); it creates volumes
 * through the SVM's ONTAP API, so it gets none of the fsx:CreateVolume/DeleteVolume rights of NetApp's
 * example policy (NetApp Trident docs, "Create an IAM role and AWS Secret", trident-fsx-iam-role.html).
 */
export function tridentPolicy(secretArns: string[]): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "DescribeOntap", Effect: "Allow", Action: ["fsx:DescribeFileSystems", "fsx:DescribeStorageVirtualMachines", "fsx:DescribeVolumes"], Resource: "*" },
            { Sid: "ReadSvmCredentials", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: secretArns },
        ],
    };
}

/** The Trident class of one ONTAP file system: NFS volumes (ontap-nas) from its own backend only. */
export function ontapClassParameters(fileSystem: string): Record<string, string> {
    return { backendType: "ontap-nas", storagePools: `${ontapBackendName(fileSystem)}:.*` };
}

/**
 * The CSI drivers for FSx on EKS nodes, each an EKS add-on bound to its own IAM role through Pod
 * Identity: the FSx for Lustre CSI driver (aws-fsx-csi-driver), and NetApp Trident
 * (netapp_trident-operator) with a TridentBackendConfig per ONTAP file system. Every file system
 * gets a StorageClass: Lustre's takes statically provisioned volumes only, ONTAP's provisions
 * FlexVols through Trident.
 */
export class FsxDrivers extends pulumi.ComponentResource {
    readonly lustreDriver?: aws.eks.Addon;
    readonly trident?: aws.eks.Addon;
    /** Classes by file system: claims wait for them. */
    readonly classes: Record<string, k8s.storage.v1.StorageClass> = {};

    constructor(name: string, args: FsxDriversArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:eks:FsxDrivers", name, {}, opts);
        const lustre = Object.keys(args.lustre ?? {});
        if (lustre.length) {
            const role = new WorkloadIdentity(
                `${name}-fsx-csi`,
                {
                    cluster: args.cluster,
                    namespace: "kube-system",
                    serviceAccount: FSX_CONTROLLER_SA,
                    mode: "addon",
                    policy: lustreDriverPolicy(),
                    description: "FSx for Lustre CSI driver controller: looks up file systems",
                    tags: args.tags,
                },
                { parent: this },
            );
            this.lustreDriver = this.addon(`${name}-fsx-csi-driver`, "aws-fsx-csi-driver", args, { roleArn: role.roleArn, serviceAccount: FSX_CONTROLLER_SA });
            for (const fs of lustre) {
                // No provisioner: a claim binds only to the PersistentVolume berth writes for it, and
                // never makes the driver create a file system of its own (a dynamic FSx class would).
                this.classes[fs] = this.storageClass(
                    `${name}-${lustreClassName(fs)}`,
                    args,
                    { metadata: { name: lustreClassName(fs) }, provisioner: "kubernetes.io/no-provisioner", reclaimPolicy: "Retain", volumeBindingMode: "WaitForFirstConsumer" },
                    this.lustreDriver,
                );
            }
        }
        const ontap = Object.entries(args.ontap ?? {});
        if (ontap.length) {
            const secrets = pulumi.all(ontap.map(([, o]) => o.adminSecretArn));
            const role = new WorkloadIdentity(
                `${name}-trident`,
                {
                    cluster: args.cluster,
                    namespace: TRIDENT_NAMESPACE,
                    serviceAccount: TRIDENT_CONTROLLER_SA,
                    mode: "addon",
                    policy: secrets.apply(tridentPolicy),
                    description: "NetApp Trident controller: FSx for ONTAP backends",
                    tags: args.tags,
                },
                { parent: this },
            );
            // NetApp's page shows the role bound by IRSA (the add-on's cloudIdentity value); berth binds it
            // through the add-on's Pod Identity association instead, like every other add-on here, on the
            // controller's service account. Not yet tried against a live cluster: see docs/eks.md.
            const trident = this.addon(`${name}-trident-operator`, "netapp_trident-operator", args, { roleArn: role.roleArn, serviceAccount: TRIDENT_CONTROLLER_SA });
            this.trident = trident;
            for (const [fs, o] of ontap) {
                const backend = new k8s.apiextensions.CustomResource(
                    `${name}-${ontapBackendName(fs)}`,
                    applyTransform<k8s.apiextensions.CustomResourceArgs>(
                        {
                            apiVersion: "trident.netapp.io/v1",
                            kind: "TridentBackendConfig",
                            metadata: { name: ontapBackendName(fs), namespace: TRIDENT_NAMESPACE },
                            spec: {
                                version: 1,
                                storageDriverName: "ontap-nas",
                                backendName: ontapBackendName(fs),
                                svm: o.svmName,
                                managementLIF: o.managementDnsName,
                                aws: { fsxFilesystemID: o.fileSystemId },
                                credentials: { name: o.adminSecretArn, type: "awsarn" },
                                // Trident keeps each volume's export policy to the nodes' own addresses.
                                autoExportPolicy: true,
                            },
                        },
                        args.transform?.backend,
                    ),
                    { parent: this, provider: args.provider, dependsOn: [trident] },
                );
                this.classes[fs] = this.storageClass(
                    `${name}-${ontapClassName(fs)}`,
                    args,
                    { metadata: { name: ontapClassName(fs) }, provisioner: TRIDENT_DRIVER, parameters: ontapClassParameters(fs), allowVolumeExpansion: true, reclaimPolicy: args.retain ? "Retain" : "Delete", volumeBindingMode: "Immediate" },
                    backend,
                );
            }
        }
        this.registerOutputs({});
    }

    private storageClass(name: string, args: FsxDriversArgs, classArgs: k8s.storage.v1.StorageClassArgs, after: pulumi.Resource): k8s.storage.v1.StorageClass {
        return new k8s.storage.v1.StorageClass(name, applyTransform(classArgs, args.transform?.storageClass), { parent: this, provider: args.provider, dependsOn: [after] });
    }

    private addon(name: string, addonName: string, args: FsxDriversArgs, association: { roleArn: pulumi.Input<string>; serviceAccount: string }): aws.eks.Addon {
        return eksAddon(
            name,
            { clusterName: args.clusterName, addonName, addonVersion: args.addonVersions(addonName), podIdentityAssociations: [association], tags: args.tags, transform: args.transform?.addon },
            { parent: this, dependsOn: args.dependsOn },
        );
    }
}
