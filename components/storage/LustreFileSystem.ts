import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { protectOpts, Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";

/**
 * Lustre's ports, all TCP: LNet on 988 and 1018-1023. The file system's group must admit them from
 * itself (its servers talk to each other) and from its clients, or FSx refuses to create it (FSx for
 * Lustre user guide, "File system access control with Amazon VPC", limit-access-security-groups.html,
 * and "Creating an FSx for Lustre file system fails", cannot-create-fs.html).
 */
export const LUSTRE_PORTS: ReadonlyArray<readonly [number, number]> = [
    [988, 988],
    [1018, 1023],
];

export interface LustreFileSystemArgs {
    readonly vpcId: pulumi.Input<string>;
    /** One private subnet: a Lustre file system lives in one Availability Zone. Required. */
    readonly subnetId: pulumi.Input<string>;
    /** Security groups of the clients (the EKS cluster security group): the only sources admitted; each admits LNet back from the file system. Required. */
    readonly clientSecurityGroupIds: ReadonlyArray<pulumi.Input<string>>;
    /** SSD capacity, GiB: 1200 or a multiple of 2400. Required. */
    readonly storageCapacityGiB: number;
    /** @default "PERSISTENT_2" */
    readonly deploymentType?: "PERSISTENT_1" | "PERSISTENT_2";
    /** MB/s per TiB. @default 125: the cheapest PERSISTENT_2 tier */
    readonly perUnitStorageThroughput?: number;
    /** Days of daily automatic backups; FSx takes none at 0. @default 7 */
    readonly backupRetentionDays?: number;
    /** KMS key for data at rest. @default FSx's AWS managed key (aws/fsx): encrypted, with no key policy to run */
    readonly kmsKeyId?: pulumi.Input<string>;
    /** Keep the file system when the stack is destroyed. @default false (true in prod) */
    readonly protect?: boolean;
    /** Tags merge with the component's own (Name), never replacing them. */
    readonly tags?: Tags;
    readonly transform?: { readonly fileSystem?: Transform<aws.fsx.LustreFileSystemArgs>; readonly securityGroup?: Transform<aws.ec2.SecurityGroupArgs> };
}

/**
 * An encrypted, persistent FSx for Lustre file system with daily backups, in one private subnet,
 * behind a security group that admits Lustre only from its clients' groups and itself (and opens
 * those groups to LNet from it).
 */
export class LustreFileSystem extends pulumi.ComponentResource {
    readonly fileSystemId: pulumi.Output<string>;
    readonly fileSystemArn: pulumi.Output<string>;
    /** What clients mount: `DNS_NAME@tcp:/MOUNT_NAME`. */
    readonly dnsName: pulumi.Output<string>;
    readonly mountName: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;

    constructor(name: string, args: LustreFileSystemArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:storage:LustreFileSystem", name, {}, opts);
        const sg = new aws.ec2.SecurityGroup(
            `${name}-sg`,
            applyTransform<aws.ec2.SecurityGroupArgs>({ vpcId: args.vpcId, description: `FSx for Lustre ${name}: LNet from its clients and itself`, tags: { ...args.tags } }, args.transform?.securityGroup),
            { parent: this },
        );
        const peers: Array<[string, pulumi.Input<string>]> = [["self", sg.id], ...args.clientSecurityGroupIds.map((id, i): [string, pulumi.Input<string>] => [`client${i}`, id])];
        for (const [peer, source] of peers) {
            for (const [from, to] of LUSTRE_PORTS) {
                const rule = { securityGroupId: sg.id, referencedSecurityGroupId: source, ipProtocol: "tcp", fromPort: from, toPort: to };
                const what = peer === "self" ? "between the file system's servers" : "with its clients";
                new aws.vpc.SecurityGroupIngressRule(`${name}-${peer}-${from}-in`, { ...rule, description: `Lustre ${from}-${to} ${what}` }, { parent: this });
                new aws.vpc.SecurityGroupEgressRule(`${name}-${peer}-${from}-out`, { ...rule, description: `Lustre ${from}-${to} ${what}` }, { parent: this });
                // LNet runs both ways: the servers also connect to the clients, whose groups admit them
                // ("Lustre client VPC security group rules" in the same guide).
                if (peer !== "self") {
                    new aws.vpc.SecurityGroupIngressRule(
                        `${name}-${peer}-${from}-to-client`,
                        { securityGroupId: source, referencedSecurityGroupId: sg.id, ipProtocol: "tcp", fromPort: from, toPort: to, description: `Lustre ${from}-${to} from FSx for Lustre ${name}` },
                        { parent: this },
                    );
                }
            }
        }
        const deploymentType = args.deploymentType ?? "PERSISTENT_2";
        const fs = new aws.fsx.LustreFileSystem(
            `${name}-fs`,
            applyTransform<aws.fsx.LustreFileSystemArgs>(
                {
                    storageType: "SSD",
                    storageCapacity: args.storageCapacityGiB,
                    deploymentType,
                    perUnitStorageThroughput: args.perUnitStorageThroughput ?? (deploymentType === "PERSISTENT_2" ? 125 : 50),
                    // Persistent deployment types are always encrypted at rest; the key is FSx's own unless given.
                    ...(args.kmsKeyId ? { kmsKeyId: args.kmsKeyId } : {}),
                    automaticBackupRetentionDays: args.backupRetentionDays ?? 7,
                    copyTagsToBackups: true,
                    // A last backup before deletion: the data outlives a mistaken destroy.
                    skipFinalBackup: false,
                    fileSystemTypeVersion: "2.15",
                    subnetIds: args.subnetId,
                    securityGroupIds: [sg.id],
                    tags: { ...args.tags, Name: name },
                },
                args.transform?.fileSystem,
            ),
            protectOpts(this, args.protect ?? false),
        );
        this.fileSystemId = fs.id;
        this.fileSystemArn = fs.arn;
        this.dnsName = fs.dnsName;
        this.mountName = fs.mountName;
        this.securityGroupId = sg.id;
        this.registerOutputs({ fileSystemId: this.fileSystemId, fileSystemArn: this.fileSystemArn, dnsName: this.dnsName, mountName: this.mountName, securityGroupId: this.securityGroupId });
    }
}
