// FSx on EKS (issue 17): Lustre and ONTAP file systems open to the cluster's nodes only, encrypted and
// backed up, their drivers bound to narrow roles through Pod Identity, a class per file system, and
// services mounting them through static volumes. Planned from the shipped Pulumi.eks-storage.yaml.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { eksConfig, fakeSubnets, find, inputs, json, ofType, planOk, planStackOk } from "./harness";
import { hex } from "../plan/fakes";

const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const LUSTRE = "aws:fsx/lustreFileSystem:LustreFileSystem";
const ONTAP = "aws:fsx/ontapFileSystem:OntapFileSystem";
const SVM = "aws:fsx/ontapStorageVirtualMachine:OntapStorageVirtualMachine";
const ADDON = "aws:eks/addon:Addon";
const CLASS = "kubernetes:storage.k8s.io/v1:StorageClass";
const PV = "kubernetes:core/v1:PersistentVolume";
const PVC = "kubernetes:core/v1:PersistentVolumeClaim";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
/** The EKS cluster security group of Pulumi.eks-storage.yaml's cluster, as the fake cluster hands it out. */
const CLUSTER_SG = `sg-${hex("berth-eks-storagecluster-sg", 17)}`;
const [private0] = fakeSubnets("private");

const stack = () => planStackOk("eks-storage");
const id = (p: Plan, type: string, name: string) => find(p, type, name).id;
/** A security group's rules as [protocol, from, to, source], sorted. */
const rules = (p: Plan, type: string, groupId: string | null) =>
    ofType(p, type)
        .map((r) => r.inputs as any)
        .filter((i) => i.securityGroupId === groupId)
        .map((i) => [i.ipProtocol, i.fromPort, i.toPort, i.referencedSecurityGroupId ?? i.cidrIpv4 ?? "none"])
        .sort();

describe("FSx for Lustre on EKS", () => {
    it("admits LNet (TCP 988 and 1018-1023) from the cluster security group and itself, and nothing else", async () => {
        const p = await stack();
        const sg = id(p, SG, "scratch-sg");
        assert.equal(inputs(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "efs-shared-from-eks").referencedSecurityGroupId, CLUSTER_SG);
        const expected = [
            ["tcp", 1018, 1023, CLUSTER_SG],
            ["tcp", 1018, 1023, sg],
            ["tcp", 988, 988, CLUSTER_SG],
            ["tcp", 988, 988, sg],
        ].sort();
        assert.deepEqual(rules(p, INGRESS, sg), expected);
        assert.deepEqual(rules(p, EGRESS, sg), expected);
        // The nodes' side: the cluster security group admits LNet from the file system, and only that from it.
        const back = ofType(p, INGRESS)
            .map((r) => r.inputs as any)
            .filter((i) => i.referencedSecurityGroupId === sg && i.securityGroupId === CLUSTER_SG)
            .map((i) => [i.ipProtocol, i.fromPort, i.toPort]);
        assert.deepEqual(back.sort(), [
            ["tcp", 1018, 1023],
            ["tcp", 988, 988],
        ]);
    });

    it("creates an encrypted PERSISTENT_2 file system of 1200 GiB at 125 MB/s/TiB in the first private subnet, with 7 days of backups and a final one", async () => {
        const p = await stack();
        const fs = inputs(p, LUSTRE, "scratch-fs");
        assert.deepEqual(
            [fs.storageType, fs.storageCapacity, fs.deploymentType, fs.perUnitStorageThroughput, fs.automaticBackupRetentionDays, fs.skipFinalBackup, fs.copyTagsToBackups, fs.subnetIds, fs.securityGroupIds],
            ["SSD", 1200, "PERSISTENT_2", 125, 7, false, true, private0, [id(p, SG, "scratch-sg")]],
        );
        // PERSISTENT_2 is always encrypted at rest; without a key of berth's own, FSx uses aws/fsx.
        assert.equal("kmsKeyId" in fs, false);
    });

    it("installs the FSx CSI driver add-on bound to a role that may only describe file systems", async () => {
        const p = await stack();
        const addon = inputs(p, ADDON, "fsx-fsx-csi-driver");
        assert.equal(addon.addonName, "aws-fsx-csi-driver");
        assert.deepEqual(
            addon.podIdentityAssociations.map((a: any) => a.serviceAccount),
            ["fsx-csi-controller-sa"],
        );
        assert.deepEqual(json(inputs(p, ROLE_POLICY, "fsx-fsx-csi-policy").policy).Statement, [{ Sid: "DescribeFileSystems", Effect: "Allow", Action: ["fsx:DescribeFileSystems"], Resource: "*" }]);
        assert.equal(ofType(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.name.startsWith("fsx-")).length, 0, "no managed policy (AmazonFSxFullAccess) on the FSx roles");
    });

    it("gives the file system a class without a provisioner, and the trainer a static volume of the driver", async () => {
        const p = await stack();
        const cls = inputs(p, CLASS, "fsx-fsx-lustre-scratch");
        assert.deepEqual([cls.metadata.name, cls.provisioner, cls.reclaimPolicy, cls.volumeBindingMode, cls.parameters], ["fsx-lustre-scratch", "kubernetes.io/no-provisioner", "Retain", "WaitForFirstConsumer", undefined]);
        const pv = inputs(p, PV, "trainer-scratch-0-pv").spec;
        const fsId = id(p, LUSTRE, "scratch-fs")!;
        assert.deepEqual(pv.csi, { driver: "fsx.csi.aws.com", volumeHandle: fsId, volumeAttributes: { dnsname: `${fsId}.fsx.us-east-1.amazonaws.com`, mountname: hex(fsId + "mount", 8) } });
        assert.deepEqual([pv.storageClassName, pv.persistentVolumeReclaimPolicy, pv.accessModes, pv.mountOptions, pv.capacity], ["fsx-lustre-scratch", "Retain", ["ReadWriteMany"], ["flock"], { storage: "1200Gi" }]);
        const pvc = inputs(p, PVC, "trainer-scratch-0-pvc").spec;
        assert.deepEqual([pvc.volumeName, pvc.storageClassName], ["trainer-scratch-0", "fsx-lustre-scratch"]);
        assert.ok(find(p, "kubernetes:apps/v1:Deployment", "trainer-deployment").dependencies.includes(find(p, CLASS, "fsx-fsx-lustre-scratch").urn), "the trainer waits for its class (and so for the driver)");
    });
});

describe("FSx for NetApp ONTAP on EKS", () => {
    it("admits NFS, iSCSI and the ONTAP API from the cluster security group only", async () => {
        const p = await stack();
        const sg = id(p, SG, "shared-nas-sg");
        const tcp = [111, 635, 2049, 3260, 443].map((port) => ["tcp", port, port, CLUSTER_SG]);
        const udp = [111, 635, 2049].map((port) => ["udp", port, port, CLUSTER_SG]);
        const expected = [...tcp, ["tcp", 4045, 4046, CLUSTER_SG], ...udp, ["udp", 4045, 4046, CLUSTER_SG]].sort();
        assert.deepEqual(rules(p, INGRESS, sg), expected);
        assert.deepEqual(rules(p, EGRESS, sg), []);
    });

    it("creates a file system of 1024 GiB at 128 MBps in one private subnet (dev), backed up for 7 days", async () => {
        const p = await stack();
        const fs = inputs(p, ONTAP, "shared-nas-fs");
        assert.deepEqual(
            [fs.storageType, fs.storageCapacity, fs.throughputCapacity, fs.deploymentType, fs.subnetIds, fs.preferredSubnetId, fs.automaticBackupRetentionDays, fs.securityGroupIds],
            ["SSD", 1024, 128, "SINGLE_AZ_1", [private0], private0, 7, [id(p, SG, "shared-nas-sg")]],
        );
        assert.deepEqual(
            ["routeTableIds", "kmsKeyId", "fsxAdminPassword"].filter((k) => k in fs),
            [],
        );
    });

    it("in prod, spans two AZs with routes in all three private route tables and keeps backups 30 days", async () => {
        const p = await planOk(eksConfig({ "berth:environment": "prod", "berth:storage": { ontap: { nas: { storageCapacityGiB: 2048 } } } }));
        const fs = inputs(p, ONTAP, "nas-fs");
        assert.deepEqual([fs.deploymentType, fs.subnetIds.length, fs.routeTableIds.length, fs.automaticBackupRetentionDays], ["MULTI_AZ_1", 2, 3, 30]);
        assert.equal(find(p, ONTAP, "nas-fs").retainOnDelete, true);
    });

    it("generates the SVM's vsadmin password once, keeps it in Secrets Manager in the form Trident reads, and ignores later draws", async () => {
        const p = await stack();
        const svm = find(p, SVM, "shared-nas-svm");
        assert.deepEqual([(svm.inputs as any).svmAdminPassword, (svm.inputs as any).name, svm.ignoreChanges], ["[secret]", "shared_nas", ["svmAdminPassword"]]);
        const version = find(p, "aws:secretsmanager/secretVersion:SecretVersion", "shared-nas-svm-admin-value");
        assert.deepEqual([(version.inputs as any).secretString, version.ignoreChanges], ["[secret]", ["secretString"]]);
        assert.equal((version.inputs as any).secretId, id(p, "aws:secretsmanager/secret:Secret", "shared-nas-svm-admin"));
    });

    it("creates the reports volume in the SVM, junctioned at /reports, with storage efficiency and a final backup", async () => {
        const p = await stack();
        const vol = inputs(p, "aws:fsx/ontapVolume:OntapVolume", "shared-nas-reports");
        assert.deepEqual(
            [vol.storageVirtualMachineId, vol.name, vol.junctionPath, vol.sizeInMegabytes, vol.securityStyle, vol.storageEfficiencyEnabled, vol.skipFinalBackup],
            [id(p, SVM, "shared-nas-svm"), "reports", "/reports", 102400, "UNIX", true, false],
        );
    });

    it("installs Trident with a role that describes FSx and reads only this SVM's secret, and a backend on the SVM's management endpoint", async () => {
        const p = await stack();
        const secretArn = find(p, "aws:secretsmanager/secret:Secret", "shared-nas-svm-admin").arn;
        const addon = inputs(p, ADDON, "fsx-trident-operator");
        assert.deepEqual([addon.addonName, addon.podIdentityAssociations.map((a: any) => a.serviceAccount)], ["netapp_trident-operator", ["trident-controller"]]);
        assert.deepEqual(json(inputs(p, ROLE_POLICY, "fsx-trident-policy").policy).Statement, [
            { Sid: "DescribeOntap", Effect: "Allow", Action: ["fsx:DescribeFileSystems", "fsx:DescribeStorageVirtualMachines", "fsx:DescribeVolumes"], Resource: "*" },
            { Sid: "ReadSvmCredentials", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [secretArn] },
        ]);
        const trust = json(inputs(p, "aws:iam/role:Role", "fsx-trident-role").assumeRolePolicy);
        assert.equal(trust.Statement[0].Principal.Service, "pods.eks.amazonaws.com");
        const backend = find(p, "kubernetes:trident.netapp.io/v1:TridentBackendConfig", "fsx-fsx-ontap-shared-nas");
        const fsId = id(p, ONTAP, "shared-nas-fs");
        const svmId = id(p, SVM, "shared-nas-svm");
        assert.deepEqual((backend.inputs as any).metadata, { name: "fsx-ontap-shared-nas", namespace: "trident" });
        assert.deepEqual((backend.inputs as any).spec, {
            version: 1,
            storageDriverName: "ontap-nas",
            backendName: "fsx-ontap-shared-nas",
            svm: "shared_nas",
            managementLIF: `${svmId}.${fsId}.fsx.us-east-1.amazonaws.com`,
            aws: { fsxFilesystemID: fsId },
            credentials: { name: secretArn, type: "awsarn" },
            autoExportPolicy: true,
        });
        assert.ok(backend.dependencies.includes(find(p, ADDON, "fsx-trident-operator").urn), "the backend waits for Trident's CRDs");
    });

    it("gives the file system a Trident class on its own backend, and the reporter an NFS volume of the SVM", async () => {
        const p = await stack();
        const cls = inputs(p, CLASS, "fsx-fsx-ontap-shared-nas");
        assert.deepEqual([cls.provisioner, cls.parameters, cls.reclaimPolicy, cls.allowVolumeExpansion], ["csi.trident.netapp.io", { backendType: "ontap-nas", storagePools: "fsx-ontap-shared-nas:.*" }, "Delete", true]);
        const pv = inputs(p, PV, "reporter-shared-nas-reports-0-pv").spec;
        const host = `${id(p, SVM, "shared-nas-svm")}.${id(p, ONTAP, "shared-nas-fs")}.fsx.us-east-1.amazonaws.com`;
        assert.deepEqual([pv.nfs, pv.mountOptions, pv.storageClassName, pv.capacity, pv.persistentVolumeReclaimPolicy], [{ server: host, path: "/reports" }, ["nfsvers=4.1"], "fsx-ontap-shared-nas", { storage: "100Gi" }, "Retain"]);
        assert.equal(inputs(p, PVC, "reporter-shared-nas-reports-0-pvc").spec.volumeName, "reporter-shared-nas-reports-0");
    });
});

describe("FSx absent", () => {
    it("installs no FSx driver, role, class or file system on a cluster without FSx", async () => {
        const p = await planOk(eksConfig());
        assert.deepEqual(
            p.resources.filter((r) => r.type.startsWith("aws:fsx/") || r.name.startsWith("fsx") || r.type === "kubernetes:trident.netapp.io/v1:TridentBackendConfig").map((r) => r.name),
            [],
        );
    });
    it("installs only the Lustre driver when there is no ONTAP, and only Trident when there is no Lustre", async () => {
        const lustreOnly = await planOk(eksConfig({ "berth:storage": { lustre: { l: { storageCapacityGiB: 2400 } } } }));
        assert.deepEqual(
            ofType(lustreOnly, ADDON)
                .filter((a) => a.name.startsWith("fsx-"))
                .map((a) => a.name),
            ["fsx-fsx-csi-driver"],
        );
        const ontapOnly = await planOk(eksConfig({ "berth:storage": { ontap: { o: { storageCapacityGiB: 1024 } } } }));
        assert.deepEqual(
            ofType(ontapOnly, ADDON)
                .filter((a) => a.name.startsWith("fsx-"))
                .map((a) => a.name),
            ["fsx-trident-operator"],
        );
    });
});
