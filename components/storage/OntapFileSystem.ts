import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { protectOpts, Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";

/**
 * What clients reach an ONTAP SVM on (FSx for ONTAP user guide, "File System Access Control with
 * Amazon VPC", limit-access-security-groups.html): NFS (rpcbind 111, mountd 635, nfsd 2049, lock
 * manager 4045 and status monitor 4046, over TCP and UDP), iSCSI on TCP 3260, and the ONTAP REST API
 * on TCP 443, which Trident's controller calls on the SVM's management endpoint.
 */
export const ONTAP_CLIENT_PORTS: ReadonlyArray<{ readonly protocol: "tcp" | "udp"; readonly from: number; readonly to: number; readonly what: string }> = [
    { protocol: "tcp", from: 111, to: 111, what: "NFS rpcbind" },
    { protocol: "udp", from: 111, to: 111, what: "NFS rpcbind" },
    { protocol: "tcp", from: 635, to: 635, what: "NFS mountd" },
    { protocol: "udp", from: 635, to: 635, what: "NFS mountd" },
    { protocol: "tcp", from: 2049, to: 2049, what: "NFS" },
    { protocol: "udp", from: 2049, to: 2049, what: "NFS" },
    { protocol: "tcp", from: 4045, to: 4046, what: "NFS lock manager and status monitor" },
    { protocol: "udp", from: 4045, to: 4046, what: "NFS lock manager and status monitor" },
    { protocol: "tcp", from: 3260, to: 3260, what: "iSCSI" },
    { protocol: "tcp", from: 443, to: 443, what: "ONTAP REST API (Trident)" },
];

/** The SVM's own administrator: what Trident signs in as (NetApp recommends vsadmin over fsxadmin). */
export const SVM_ADMIN_USER = "vsadmin";

export interface OntapVolumeArgs {
    /** MiB. */
    readonly sizeMiB: number;
}

export interface OntapFileSystemArgs {
    readonly vpcId: pulumi.Input<string>;
    /** Private subnets: the first is the preferred one; MULTI_AZ_1 takes the second as standby. Required. */
    readonly subnetIds: pulumi.Input<string[]>;
    /** Route tables of the clients' subnets, where MULTI_AZ_1 puts its floating endpoint addresses. Required for MULTI_AZ_1. */
    readonly routeTableIds?: pulumi.Input<string[]>;
    /** Security groups of the clients (the EKS cluster security group): the only sources admitted. Required. */
    readonly clientSecurityGroupIds: ReadonlyArray<pulumi.Input<string>>;
    /**
     * The SVM's vsadmin password, kept in the component's secret. Only its first value is used: the
     * secret and the SVM ignore later ones, so a new value each run rotates nothing. Required.
     */
    readonly svmAdminPassword: pulumi.Input<string>;
    /** SSD capacity, GiB (1024-196608). Required. */
    readonly storageCapacityGiB: number;
    /** MBps. @default 128 */
    readonly throughputCapacity?: number;
    /** @default "SINGLE_AZ_1" */
    readonly deploymentType?: "SINGLE_AZ_1" | "MULTI_AZ_1";
    /** Days of daily automatic backups. @default 7 */
    readonly backupRetentionDays?: number;
    /** KMS key for data at rest. @default FSx's AWS managed key (aws/fsx) */
    readonly kmsKeyId?: pulumi.Input<string>;
    /** FlexVol volumes by name, each junctioned at /NAME. @default none */
    readonly volumes?: Readonly<Record<string, OntapVolumeArgs>>;
    /** Keep the file system and its volumes when the stack is destroyed. @default false (true in prod) */
    readonly protect?: boolean;
    /** Tags merge with the component's own (Name), never replacing them. */
    readonly tags?: Tags;
    readonly transform?: {
        readonly fileSystem?: Transform<aws.fsx.OntapFileSystemArgs>;
        readonly svm?: Transform<aws.fsx.OntapStorageVirtualMachineArgs>;
        readonly volume?: Transform<aws.fsx.OntapVolumeArgs>;
        readonly securityGroup?: Transform<aws.ec2.SecurityGroupArgs>;
    };
}

/**
 * An encrypted FSx for NetApp ONTAP file system with daily backups, one storage virtual machine
 * (SVM) whose vsadmin password berth generates and keeps in Secrets Manager, and a FlexVol volume
 * per berth volume. Its security group admits NFS, iSCSI and the ONTAP API from its clients only.
 */
export class OntapFileSystem extends pulumi.ComponentResource {
    readonly fileSystemId: pulumi.Output<string>;
    readonly fileSystemArn: pulumi.Output<string>;
    readonly svmId: pulumi.Output<string>;
    readonly svmArn: pulumi.Output<string>;
    readonly svmName: pulumi.Output<string>;
    /** The SVM's management endpoint (the ONTAP REST API), for Trident's backend. */
    readonly managementDnsName: pulumi.Output<string>;
    /** The SVM's NFS endpoint, which clients mount volumes from. */
    readonly nfsDnsName: pulumi.Output<string>;
    /** The secret holding `{"username":"vsadmin","password":...}`, the form Trident reads. */
    readonly adminSecretArn: pulumi.Output<string>;
    readonly volumeIds: Record<string, pulumi.Output<string>>;
    /** Where each volume sits in the SVM's namespace: what an NFS client mounts. */
    readonly junctionPaths: Record<string, string>;
    readonly securityGroupId: pulumi.Output<string>;

    constructor(name: string, args: OntapFileSystemArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:storage:OntapFileSystem", name, {}, opts);
        const sg = new aws.ec2.SecurityGroup(
            `${name}-sg`,
            applyTransform<aws.ec2.SecurityGroupArgs>({ vpcId: args.vpcId, description: `FSx for ONTAP ${name}: NFS, iSCSI and the ONTAP API from its clients only`, tags: { ...args.tags } }, args.transform?.securityGroup),
            { parent: this },
        );
        args.clientSecurityGroupIds.forEach((client, i) => {
            for (const p of ONTAP_CLIENT_PORTS) {
                new aws.vpc.SecurityGroupIngressRule(
                    `${name}-client${i}-${p.protocol}${p.from}-in`,
                    { securityGroupId: sg.id, referencedSecurityGroupId: client, ipProtocol: p.protocol, fromPort: p.from, toPort: p.to, description: `${p.what} from clients` },
                    { parent: this },
                );
            }
        });

        // Set once: a secret's value and the SVM's password ignore later values (a generator answers
        // anew on every run). Rotation is a deliberate act (docs/eks.md).
        const password = pulumi.secret(args.svmAdminPassword);
        const secret = new aws.secretsmanager.Secret(`${name}-svm-admin`, { description: `vsadmin of the FSx for ONTAP SVM ${name} (Trident's backend credentials)`, tags: { ...args.tags } }, { parent: this });
        new aws.secretsmanager.SecretVersion(`${name}-svm-admin-value`, { secretId: secret.id, secretString: pulumi.jsonStringify({ username: SVM_ADMIN_USER, password }) }, { parent: this, ignoreChanges: ["secretString"] });

        const deploymentType = args.deploymentType ?? "SINGLE_AZ_1";
        const multiAz = deploymentType === "MULTI_AZ_1";
        const subnets = pulumi.output(args.subnetIds).apply((ids) => ids.slice(0, multiAz ? 2 : 1));
        const fs = new aws.fsx.OntapFileSystem(
            `${name}-fs`,
            applyTransform<aws.fsx.OntapFileSystemArgs>(
                {
                    storageType: "SSD",
                    storageCapacity: args.storageCapacityGiB,
                    throughputCapacity: args.throughputCapacity ?? 128,
                    deploymentType,
                    subnetIds: subnets,
                    preferredSubnetId: subnets.apply((ids) => ids[0]),
                    ...(multiAz ? { routeTableIds: args.routeTableIds } : {}),
                    securityGroupIds: [sg.id],
                    // FSx for ONTAP always encrypts at rest; the key is FSx's own unless given.
                    ...(args.kmsKeyId ? { kmsKeyId: args.kmsKeyId } : {}),
                    automaticBackupRetentionDays: args.backupRetentionDays ?? 7,
                    tags: { ...args.tags, Name: name },
                },
                args.transform?.fileSystem,
            ),
            protectOpts(this, args.protect ?? false),
        );
        const svm = new aws.fsx.OntapStorageVirtualMachine(
            `${name}-svm`,
            applyTransform<aws.fsx.OntapStorageVirtualMachineArgs>(
                { fileSystemId: fs.id, name: name.replace(/-/g, "_"), rootVolumeSecurityStyle: "UNIX", svmAdminPassword: password, tags: { ...args.tags, Name: name } },
                args.transform?.svm,
            ),
            { ...protectOpts(this, args.protect ?? false), ignoreChanges: ["svmAdminPassword"] },
        );

        this.volumeIds = {};
        this.junctionPaths = {};
        for (const [vol, v] of Object.entries(args.volumes ?? {})) {
            const junctionPath = `/${vol}`;
            const volume = new aws.fsx.OntapVolume(
                `${name}-${vol}`,
                applyTransform<aws.fsx.OntapVolumeArgs>(
                    {
                        storageVirtualMachineId: svm.id,
                        name: vol.replace(/-/g, "_"),
                        junctionPath,
                        sizeInMegabytes: v.sizeMiB,
                        securityStyle: "UNIX",
                        storageEfficiencyEnabled: true,
                        // Cold blocks move to capacity-pool storage after 31 days: cheaper, and ONTAP's default policy.
                        tieringPolicy: { name: "AUTO", coolingPeriod: 31 },
                        copyTagsToBackups: true,
                        skipFinalBackup: false,
                        tags: { ...args.tags, Name: `${name}-${vol}` },
                    },
                    args.transform?.volume,
                ),
                protectOpts(this, args.protect ?? false),
            );
            this.volumeIds[vol] = volume.id;
            this.junctionPaths[vol] = junctionPath;
        }
        const endpoint = (kind: "managements" | "nfs") => svm.endpoints.apply((e) => e[0][kind][0].dnsName);
        this.fileSystemId = fs.id;
        this.fileSystemArn = fs.arn;
        this.svmId = svm.id;
        this.svmArn = svm.arn;
        this.svmName = svm.name;
        this.managementDnsName = endpoint("managements");
        this.nfsDnsName = endpoint("nfs");
        this.adminSecretArn = secret.arn;
        this.securityGroupId = sg.id;
        this.registerOutputs({
            fileSystemId: this.fileSystemId,
            fileSystemArn: this.fileSystemArn,
            svmId: this.svmId,
            svmArn: this.svmArn,
            svmName: this.svmName,
            managementDnsName: this.managementDnsName,
            nfsDnsName: this.nfsDnsName,
            adminSecretArn: this.adminSecretArn,
            volumeIds: this.volumeIds,
            junctionPaths: this.junctionPaths,
            securityGroupId: this.securityGroupId,
        });
    }
}
