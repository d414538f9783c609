// EFS and FSx: encryption, backups and access points (issue 21, "EFS" and "FSx").
import type { PlannedResource } from "../../start/types";
import type { Policy, PolicyContext } from "../types";
import { at, isTrue, referring, shown, str } from "./b-read";

const EFS = "aws:efs/fileSystem:FileSystem";
const EFS_BACKUP = "aws:efs/backupPolicy:BackupPolicy";
const ACCESS_POINT = "aws:efs/accessPoint:AccessPoint";
const MOUNT_TARGET = "aws:efs/mountTarget:MountTarget";
export const LUSTRE = "aws:fsx/lustreFileSystem:LustreFileSystem";
export const ONTAP = "aws:fsx/ontapFileSystem:OntapFileSystem";

// https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-1
// `encrypted: true` without `kmsKeyId` uses the AWS managed key aws/elasticfilesystem: still KMS, so it passes.
const efs1: Policy = {
    name: "EFS.1",
    description: "EFS file systems encrypt file data at rest with a KMS key.",
    fix: "set encrypted: true on the file system (berth's EfsFileSystem always does; a transform must not turn it off)",
    types: [EFS],
    check: (r) => (isTrue(r.inputs.encrypted) ? [] : [`encrypted is ${shown(r.inputs.encrypted)}`]),
};

function efsBackupStatus(r: PlannedResource, ctx: PolicyContext): string[] {
    const policies = referring(ctx, [EFS_BACKUP], "fileSystemId", [r.id]);
    if (!policies.length) return ["no aws:efs/backupPolicy names this file system (AWS Backup's default plan skips it)"];
    return policies.filter((p) => at(p, "backupPolicy.status") !== "ENABLED").map((p) => `${p.name}'s backupPolicy.status is ${shown(at(p, "backupPolicy.status"))}`);
}

// https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-2
// berth puts file systems in AWS Backup's default plan through aws:efs/backupPolicy (status ENABLED).
const efs2: Policy = {
    name: "EFS.2",
    description: "EFS file systems are in a backup plan (automatic backups enabled).",
    fix: "berth enables EFS backups by environment (config/spec.ts efsBackups: off in dev only); deploy staging or prod, or list EFS.2 as a dev exception",
    types: [EFS],
    check: efsBackupStatus,
};

// https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-3
// Without a root directory (or with `/`) the access point exposes the whole file system.
const efs3: Policy = {
    name: "EFS.3",
    description: "EFS access points confine clients to a root directory other than the file system's root.",
    fix: "give the access point a rootDirectory.path below / (berth's EfsFileSystem sets one per access point)",
    types: [ACCESS_POINT],
    check: (r) => {
        const path = at(r, "rootDirectory.path");
        return str(path) && path !== "/" ? [] : [`rootDirectory.path is ${shown(path)}`];
    },
};

// https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-4
// The POSIX user replaces whatever identity the client claims, so one container cannot act as another.
const efs4: Policy = {
    name: "EFS.4",
    description: "EFS access points enforce a POSIX user identity (uid and gid).",
    fix: "give the access point a posixUser with uid and gid (berth's EfsFileSystem sets them per access point)",
    types: [ACCESS_POINT],
    check: (r) => {
        const uid = at(r, "posixUser.uid");
        const gid = at(r, "posixUser.gid");
        return typeof uid === "number" && typeof gid === "number" ? [] : [`posixUser is ${shown(r.inputs.posixUser)}`];
    },
};

// https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-6
// Heuristic: the plan has no subnet resources (awsx's Vpc is remote), so a subnet's
// mapPublicIpOnLaunch is unknown offline. plan/fakes.ts names awsx's subnets `subnet-public-…` and
// `subnet-private-…`, and awsx's public subnets are the ones that map public IPs on launch; an id
// from an existing VPC (`subnet-0abc…`) says nothing, so it passes here and is left to Security Hub.
const efs6: Policy = {
    name: "EFS.6",
    description: "EFS mount targets are not in subnets that assign public IP addresses on launch.",
    fix: "place mount targets in the private subnets (berth:network; berth's EfsFileSystem uses the private ones)",
    types: [MOUNT_TARGET],
    check: (r) => {
        const subnet = str(r.inputs.subnetId);
        return subnet?.startsWith("subnet-public-") ? [`subnetId is ${shown(subnet)}, a public subnet`] : [];
    },
};

// No FSBP control covers FSx encryption, hence berth's name. Persistent Lustre and ONTAP always
// encrypt at rest with KMS (the AWS managed aws/fsx key unless kmsKeyId names one); Lustre's scratch
// deployments (the default deploymentType, SCRATCH_1) use keys FSx manages and take no KMS key.
// https://docs.aws.amazon.com/fsx/latest/LustreGuide/encryption-at-rest.html
const fsxEncryption: Policy = {
    name: "FSx.encryption",
    description: "FSx file systems encrypt data at rest with a KMS key.",
    fix: "use a persistent deploymentType (berth:storage.lustre.NAME.deploymentType: PERSISTENT_2, berth's default), optionally with kmsKeyId",
    types: [LUSTRE, ONTAP],
    check: (r) => {
        if (r.type === ONTAP) return [];
        const deployment = str(r.inputs.deploymentType) ?? "SCRATCH_1";
        return deployment.startsWith("SCRATCH") ? [`deploymentType is ${shown(deployment)}: scratch file systems take no KMS key`] : [];
    },
};

// No FSBP control (FSx.1/FSx.2 are about copying tags to backups), hence berth's name. Lustre's
// default retention is 0 days (no automatic backups); the policy asks for an explicit value.
// https://docs.aws.amazon.com/fsx/latest/LustreGuide/using-backups-fsx.html
const fsxBackups: Policy = {
    name: "FSx.backups",
    description: "FSx file systems keep automatic daily backups (automaticBackupRetentionDays > 0).",
    fix: "set berth:storage.lustre.NAME.backupRetentionDays or berth:storage.ontap.NAME.backupRetentionDays to 1 or more (berth's default is 7, 30 in prod)",
    types: [LUSTRE, ONTAP],
    check: (r) => {
        const days = r.inputs.automaticBackupRetentionDays;
        return typeof days === "number" && days > 0 ? [] : [`automaticBackupRetentionDays is ${shown(days)}`];
    },
};

export const STORAGE_POLICIES: ReadonlyArray<Policy> = [efs1, efs2, efs3, efs4, efs6, fsxEncryption, fsxBackups];
