import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { protectOpts, Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { PolicyDocument } from "../iam/policies";

export interface EfsVolumeArgs {
    /** Root directory of the access point; EFS creates it with `creationInfo` on first mount. */
    readonly path: string;
    readonly uid: number;
    readonly gid: number;
    /** Octal, e.g. "0750". */
    readonly permissions: string;
}

const CLIENT_ACTIONS = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"];

/**
 * The file system policy. Without one, EFS lets any client that reaches a mount target in as root,
 * and the task roles' scoped grants would restrict nothing. This one requires TLS and an access
 * point, and leaves the rest to IAM: a principal of this account may mount or write only where its
 * own policy allows it (the task roles allow one access point each). Nobody gets root access.
 */
export function efsFileSystemPolicy(fileSystemArn: string): PolicyDocument {
    const [, partition, , , account] = fileSystemArn.split(":");
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "DenyWithoutTls", Effect: "Deny", Principal: { AWS: "*" }, Action: CLIENT_ACTIONS, Resource: fileSystemArn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
            { Sid: "DenyWithoutAccessPoint", Effect: "Deny", Principal: { AWS: "*" }, Action: CLIENT_ACTIONS, Resource: fileSystemArn, Condition: { Null: { "elasticfilesystem:AccessPointArn": "true" } } },
            {
                Sid: "AllowAccountPrincipalsByIam",
                Effect: "Allow",
                Principal: { AWS: `arn:${partition}:iam::${account}:root` },
                Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
                Resource: fileSystemArn,
                Condition: { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } },
            },
        ],
    };
}

export interface EfsFileSystemArgs {
    readonly vpcId: pulumi.Input<string>;
    /** Private subnet ids: one mount target each. */
    readonly subnetIds: pulumi.Input<string[]>;
    /** How many subnets there are (one per AZ); known before the subnet ids are. */
    readonly subnetCount: number;
    /** Access points, keyed by volume name. */
    readonly volumes: Readonly<Record<string, EfsVolumeArgs>>;
    /** @default "elastic" */
    readonly throughputMode?: "elastic" | "bursting";
    /** @default "AFTER_30_DAYS" */
    readonly transitionToIa?: string;
    /** Daily AWS Backup of the file system (the EFS backup policy), billed per GB-month. @default true */
    readonly backups?: boolean;
    /** Keep the file system when the stack is destroyed. @default false (true in prod) */
    readonly protect?: boolean;
    readonly tags?: Tags;
    readonly transform?: { readonly fileSystem?: Transform<aws.efs.FileSystemArgs> };
}

/**
 * An encrypted EFS file system with automatic backups, a mount target in every private subnet, and
 * an access point per volume. NFS is admitted only from the `clientSecurityGroupId`, which tasks
 * that mount the file system carry, and only over TLS through an access point (efsFileSystemPolicy).
 */
export class EfsFileSystem extends pulumi.ComponentResource {
    readonly fileSystemId: pulumi.Output<string>;
    readonly fileSystemArn: pulumi.Output<string>;
    readonly accessPointIds: Record<string, pulumi.Output<string>>;
    readonly accessPointArns: Record<string, pulumi.Output<string>>;
    /** Attach to tasks that mount this file system; it is the only source the file system admits. */
    readonly clientSecurityGroupId: pulumi.Output<string>;
    /** The mount targets' own group, for callers that admit NFS from a group of their own (EKS nodes). */
    readonly securityGroupId: pulumi.Output<string>;
    /** Mount targets: tasks must not start before they exist. */
    readonly mountTargets: aws.efs.MountTarget[];

    constructor(name: string, args: EfsFileSystemArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:storage:EfsFileSystem", name, {}, opts);
        const fs = new aws.efs.FileSystem(
            `${name}-fs`,
            applyTransform<aws.efs.FileSystemArgs>(
                {
                    encrypted: true,
                    performanceMode: "generalPurpose",
                    throughputMode: args.throughputMode ?? "elastic",
                    lifecyclePolicies: [{ transitionToIa: args.transitionToIa ?? "AFTER_30_DAYS" }, { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }],
                    tags: { ...args.tags, Name: name },
                },
                args.transform?.fileSystem,
            ),
            protectOpts(this, args.protect ?? false),
        );
        new aws.efs.BackupPolicy(`${name}-backup`, { fileSystemId: fs.id, backupPolicy: { status: (args.backups ?? true) ? "ENABLED" : "DISABLED" } }, { parent: this });
        new aws.efs.FileSystemPolicy(`${name}-policy`, { fileSystemId: fs.id, policy: fs.arn.apply((arn) => JSON.stringify(efsFileSystemPolicy(arn))) }, { parent: this });

        const client = new aws.ec2.SecurityGroup(`${name}-client-sg`, { vpcId: args.vpcId, description: `Clients of EFS ${name}`, tags: { ...args.tags } }, { parent: this });
        const server = new aws.ec2.SecurityGroup(`${name}-sg`, { vpcId: args.vpcId, description: `EFS ${name}: NFS from its clients only`, tags: { ...args.tags } }, { parent: this });
        new aws.vpc.SecurityGroupIngressRule(`${name}-nfs-in`, { securityGroupId: server.id, referencedSecurityGroupId: client.id, ipProtocol: "tcp", fromPort: 2049, toPort: 2049, description: "NFS from clients" }, { parent: this });
        new aws.vpc.SecurityGroupEgressRule(`${name}-nfs-out`, { securityGroupId: client.id, referencedSecurityGroupId: server.id, ipProtocol: "tcp", fromPort: 2049, toPort: 2049, description: "NFS to the file system" }, { parent: this });

        this.mountTargets = Array.from(
            { length: args.subnetCount },
            (_, i) => new aws.efs.MountTarget(`${name}-mount-${i}`, { fileSystemId: fs.id, subnetId: pulumi.output(args.subnetIds).apply((ids) => ids[i]), securityGroups: [server.id] }, { parent: this }),
        );

        this.accessPointIds = {};
        this.accessPointArns = {};
        for (const [vol, v] of Object.entries(args.volumes)) {
            const ap = new aws.efs.AccessPoint(
                `${name}-${vol}-ap`,
                {
                    fileSystemId: fs.id,
                    posixUser: { uid: v.uid, gid: v.gid },
                    rootDirectory: { path: v.path, creationInfo: { ownerUid: v.uid, ownerGid: v.gid, permissions: v.permissions } },
                    tags: { ...args.tags, Name: `${name}-${vol}` },
                },
                { parent: this },
            );
            this.accessPointIds[vol] = ap.id;
            this.accessPointArns[vol] = ap.arn;
        }
        this.fileSystemId = fs.id;
        this.fileSystemArn = fs.arn;
        this.clientSecurityGroupId = client.id;
        this.securityGroupId = server.id;
        this.registerOutputs({
            securityGroupId: this.securityGroupId,
            fileSystemId: this.fileSystemId,
            fileSystemArn: this.fileSystemArn,
            accessPointIds: this.accessPointIds,
            accessPointArns: this.accessPointArns,
            clientSecurityGroupId: this.clientSecurityGroupId,
        });
    }
}
