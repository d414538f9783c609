// Issue 21's policies for EFS, FSx, load balancers, EC2 and Auto Scaling, messaging and data, and
// berth's reliability rules: one resource that passes and one that fails per policy, limits on and
// past the limit, and the exact violations of every shipped stack's golden plan.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { PlannedResource } from "../plan/engine";
import { POLICIES_B } from "../policy/rules/b";
import { runPolicies } from "../policy/run";
import type { Environment, Policy } from "../policy/types";
import { res } from "./handmade-plans";

const EFS = "aws:efs/fileSystem:FileSystem";
const AP = "aws:efs/accessPoint:AccessPoint";
const LUSTRE = "aws:fsx/lustreFileSystem:LustreFileSystem";
const ONTAP = "aws:fsx/ontapFileSystem:OntapFileSystem";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const ASG = "aws:autoscaling/group:Group";
const QUEUE = "aws:sqs/queue:Queue";
const BUCKET = "aws:s3/bucket:Bucket";
const TABLE = "aws:dynamodb/table:Table";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const SCHEDULE = "aws:scheduler/schedule:Schedule";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";

function policy(name: string): Policy {
    const found = POLICIES_B.find((p) => p.name === name);
    assert.ok(found, `no policy ${name}`);
    return found;
}

/** What `name` finds in `resources`, as `resource: message`; every message ends with the policy's fix. */
function found(name: string, resources: PlannedResource[], environment: Environment = "dev"): string[] {
    const p = policy(name);
    const suffix = `. Fix: ${p.fix}`;
    return runPolicies(resources, "ecs-fargate", environment, [p]).violations.map((v) => {
        assert.ok(v.message.endsWith(suffix), v.message);
        return `${v.urn.split("::").pop()}: ${v.message.slice(0, -suffix.length)}`;
    });
}

const lb = (inputs: Record<string, unknown>) => res(LB, "lb", { loadBalancerType: "application", subnets: ["subnet-a", "subnet-b"], ...inputs }, { arn: "arn:lb" });
const fileSystem = res(EFS, "fs", { encrypted: true }, { id: "fs-1" });
const backup = (status: string) => res("aws:efs/backupPolicy:BackupPolicy", "fs-backup", { fileSystemId: "fs-1", backupPolicy: { status } });
const template = (httpTokens: string) => res(LT, "lt", { metadataOptions: { httpTokens } }, { id: "lt-1" });
const bucket = res(BUCKET, "b", {}, { id: "b-1" });
const companion = (type: string, name: string, inputs: Record<string, unknown>) => res(`aws:s3/${type}`, name, { bucket: "b-1", ...inputs });
const publicAccess = (restrict: boolean) => companion("bucketPublicAccessBlock:BucketPublicAccessBlock", "b-pab", { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: restrict });
const tlsOnly = JSON.stringify({ Statement: [{ Effect: "Deny", Principal: { AWS: "*" }, Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] });
const encryption = (sseAlgorithm: string) => companion("bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "b-sse", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm } }] });
const deployment = (replicas: number) => res(DEPLOYMENT, "web", { metadata: { namespace: "web" }, spec: { replicas, template: { metadata: { labels: { app: "web", tier: "front" } } } } });
const pdb = (namespace: string) => res(PDB, "web-pdb", { metadata: { namespace }, spec: { selector: { matchLabels: { app: "web" } } } });

interface Case {
    readonly policy: string;
    readonly title: string;
    readonly passes: PlannedResource[];
    readonly fails: PlannedResource[];
    readonly messages: string[];
    readonly environment?: Environment;
}

const CASES: Case[] = [
    { policy: "EFS.1", title: "encrypted", passes: [fileSystem], fails: [res(EFS, "fs", { encrypted: false })], messages: ["fs: encrypted is false"] },
    { policy: "EFS.2", title: "a backup policy ENABLED", passes: [fileSystem, backup("ENABLED")], fails: [fileSystem, backup("DISABLED")], messages: [`fs: fs-backup's backupPolicy.status is "DISABLED"`] },
    { policy: "EFS.2", title: "a backup policy at all", passes: [fileSystem, backup("ENABLED")], fails: [fileSystem], messages: ["fs: no aws:efs/backupPolicy names this file system (AWS Backup's default plan skips it)"] },
    { policy: "EFS.3", title: "a root directory below /", passes: [res(AP, "ap", { rootDirectory: { path: "/uploads" } })], fails: [res(AP, "ap", { rootDirectory: { path: "/" } })], messages: [`ap: rootDirectory.path is "/"`] },
    { policy: "EFS.3", title: "a root directory at all", passes: [res(AP, "ap", { rootDirectory: { path: "/a" } })], fails: [res(AP, "ap", {})], messages: ["ap: rootDirectory.path is unset"] },
    { policy: "EFS.4", title: "a POSIX user", passes: [res(AP, "ap", { posixUser: { uid: 1000, gid: 1000 } })], fails: [res(AP, "ap", { posixUser: { uid: 1000 } })], messages: [`ap: posixUser is {"uid":1000}`] },
    {
        policy: "EFS.6",
        title: "mount targets in private (or unknown) subnets",
        passes: [res("aws:efs/mountTarget:MountTarget", "mt", { subnetId: "subnet-private-a" }), res("aws:efs/mountTarget:MountTarget", "mt2", { subnetId: "subnet-0abc" })],
        fails: [res("aws:efs/mountTarget:MountTarget", "mt", { subnetId: "subnet-public-a" })],
        messages: [`mt: subnetId is "subnet-public-a", a public subnet`],
    },
    {
        policy: "FSx.encryption",
        title: "persistent Lustre and ONTAP, not scratch",
        passes: [res(LUSTRE, "fs", { deploymentType: "PERSISTENT_2" }), res(ONTAP, "nas", {})],
        fails: [res(LUSTRE, "fs", { deploymentType: "SCRATCH_2" })],
        messages: [`fs: deploymentType is "SCRATCH_2": scratch file systems take no KMS key`],
    },
    { policy: "FSx.encryption", title: "Lustre's default deployment is scratch", passes: [], fails: [res(LUSTRE, "fs", {})], messages: [`fs: deploymentType is "SCRATCH_1": scratch file systems take no KMS key`] },
    {
        policy: "FSx.backups",
        title: "1 day passes, 0 fails",
        passes: [res(LUSTRE, "fs", { automaticBackupRetentionDays: 1 })],
        fails: [res(LUSTRE, "fs", { automaticBackupRetentionDays: 0 })],
        messages: ["fs: automaticBackupRetentionDays is 0"],
    },
    { policy: "FSx.backups", title: "an explicit retention", passes: [res(ONTAP, "nas", { automaticBackupRetentionDays: 7 })], fails: [res(ONTAP, "nas", {})], messages: ["nas: automaticBackupRetentionDays is unset"] },
    {
        policy: "ELB.1",
        title: "HTTP redirects to HTTPS beside an HTTPS listener",
        passes: [
            res(LISTENER, "http", { loadBalancerArn: "arn:lb", port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443" } }] }),
            res(LISTENER, "https", { loadBalancerArn: "arn:lb", port: 443, protocol: "HTTPS", certificateArn: "arn:cert" }),
        ],
        fails: [
            res(LISTENER, "http", { loadBalancerArn: "arn:lb", port: 80, protocol: "HTTP", defaultActions: [{ type: "fixed-response" }] }),
            res(LISTENER, "https", { loadBalancerArn: "arn:lb", port: 443, protocol: "HTTPS", certificateArn: "arn:cert" }),
        ],
        messages: [`http: port 80 HTTP listener's defaultActions[0].type is "fixed-response", not a redirect to HTTPS`],
    },
    {
        policy: "ELB.1",
        title: "no listener rule serves HTTP beside an HTTPS listener; plain HTTP alone passes",
        passes: [
            res(LISTENER, "http", { loadBalancerArn: "arn:lb", port: 80, protocol: "HTTP", defaultActions: [{ type: "fixed-response" }] }, { arn: "arn:http" }),
            res("aws:lb/listenerRule:ListenerRule", "web-rule", { listenerArn: "arn:http", actions: [{ type: "forward" }] }),
        ],
        fails: [
            res(LISTENER, "http", { loadBalancerArn: "arn:lb", port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS" } }] }, { arn: "arn:http" }),
            res("aws:lb/listenerRule:ListenerRule", "web-rule", { listenerArn: "arn:http", actions: [{ type: "forward" }] }),
            res(LISTENER, "https", { loadBalancerArn: "arn:lb", port: 443, protocol: "HTTPS" }),
        ],
        messages: [`http: listener rule web-rule serves port 80 over HTTP (actions[0].type "forward")`],
    },
    {
        policy: "ELB.4",
        title: "ALBs drop invalid headers (NLBs are not asked)",
        passes: [lb({ dropInvalidHeaderFields: true }), res(LB, "nlb", { loadBalancerType: "network" })],
        fails: [lb({ dropInvalidHeaderFields: false })],
        messages: ["lb: dropInvalidHeaderFields is false"],
    },
    {
        policy: "ELB.5",
        title: "access logs",
        passes: [lb({ accessLogs: { bucket: "logs", enabled: true } })],
        fails: [lb({}), res(LB, "nlb", { loadBalancerType: "network", accessLogs: { enabled: false } })],
        messages: ["lb: accessLogs.enabled is unset", "nlb: accessLogs.enabled is false"],
    },
    { policy: "ELB.6", title: "deletion protection", passes: [lb({ enableDeletionProtection: true })], fails: [lb({ enableDeletionProtection: false })], messages: ["lb: enableDeletionProtection is false"] },
    { policy: "ELB.12", title: "defensive, strictest or AWS's default", passes: [lb({ desyncMitigationMode: "strictest" }), lb({})], fails: [lb({ desyncMitigationMode: "monitor" })], messages: [`lb: desyncMitigationMode is "monitor"`] },
    { policy: "ELB.13", title: "2 subnets pass, 1 fails", passes: [lb({ subnets: ["subnet-a", "subnet-b"] })], fails: [lb({ subnets: ["subnet-a"] })], messages: [`lb: subnets has 1 entry ["subnet-a"]`] },
    { policy: "EC2.8", title: "launch templates require IMDSv2", passes: [template("required")], fails: [template("optional")], messages: [`lt: metadataOptions.httpTokens is "optional"`] },
    {
        policy: "EC2.8",
        title: "instances require IMDSv2",
        passes: [res("aws:ec2/instance:Instance", "vm", { metadataOptions: { httpTokens: "required" } })],
        fails: [res("aws:ec2/instance:Instance", "vm", {})],
        messages: ["vm: metadataOptions.httpTokens is unset"],
    },
    {
        policy: "AutoScaling.3",
        title: "the group's launch template requires IMDSv2",
        passes: [template("required"), res(ASG, "asg", { launchTemplate: { id: "lt-1" } })],
        fails: [template("optional"), res(ASG, "asg", { launchTemplate: { id: "lt-1" } })],
        messages: [`asg: its launch template lt: metadataOptions.httpTokens is "optional"`],
    },
    {
        policy: "AutoScaling.3",
        title: "so does a mixed instances policy's",
        passes: [template("required"), res(ASG, "asg", { mixedInstancesPolicy: { launchTemplate: { launchTemplateSpecification: { launchTemplateId: "lt-1" } } } })],
        fails: [template("optional"), res(ASG, "asg", { mixedInstancesPolicy: { launchTemplate: { launchTemplateSpecification: { launchTemplateId: "lt-1" } } } })],
        messages: [`asg: its launch template lt: metadataOptions.httpTokens is "optional"`],
    },
    {
        policy: "EC2.launch-template-public-ip",
        title: "no public IP, except the NAT instance's",
        passes: [res(LT, "nodes", { networkInterfaces: [{ associatePublicIpAddress: "false" }] }), res(LT, "nat", { networkInterfaces: [{ associatePublicIpAddress: "true" }], tags: { "berth:nat-instance": "berth-dev-net-nat" } })],
        fails: [res(LT, "lt", { networkInterfaces: [{ associatePublicIpAddress: "true" }] })],
        messages: [`lt: networkInterfaces[0].associatePublicIpAddress is "true"`],
    },
    {
        policy: "EC2.launch-template-public-ip",
        title: "self-managed node groups ask for no public IP",
        passes: [res("eks:index:NodeGroupV2", "ng", { nodeAssociatePublicIpAddress: false })],
        fails: [res("eks:index:NodeGroupV2", "ng", { nodeAssociatePublicIpAddress: true })],
        messages: ["ng: nodeAssociatePublicIpAddress is true"],
    },
    {
        policy: "SQS.1",
        title: "SSE-SQS or a KMS key",
        passes: [res(QUEUE, "q", { sqsManagedSseEnabled: true }), res(QUEUE, "k", { kmsMasterKeyId: "alias/q" })],
        fails: [res(QUEUE, "q", { sqsManagedSseEnabled: false })],
        messages: ["q: sqsManagedSseEnabled is false and kmsMasterKeyId is unset"],
    },
    { policy: "SNS.1", title: "a KMS key", passes: [res("aws:sns/topic:Topic", "t", { kmsMasterKeyId: "arn:key" })], fails: [res("aws:sns/topic:Topic", "t", {})], messages: ["t: kmsMasterKeyId is unset"] },
    { policy: "S3.1/S3.8", title: "all four blocks on", passes: [bucket, publicAccess(true)], fails: [bucket, publicAccess(false)], messages: ["b: b-pab's restrictPublicBuckets is false"] },
    { policy: "S3.1/S3.8", title: "a block at all", passes: [bucket, publicAccess(true)], fails: [bucket], messages: ["b: no aws:s3/bucketPublicAccessBlock names this bucket"] },
    {
        policy: "S3.5",
        title: "a policy denying plain HTTP",
        passes: [bucket, companion("bucketPolicy:BucketPolicy", "b-policy", { policy: tlsOnly })],
        fails: [bucket, companion("bucketPolicy:BucketPolicy", "b-policy", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:GetObject" }] }) })],
        messages: ["b: no bucket policy denies requests with aws:SecureTransport false"],
    },
    { policy: "S3.17", title: "KMS default encryption", passes: [bucket, encryption("aws:kms")], fails: [bucket, encryption("AES256")], messages: [`b: sseAlgorithm is "AES256"`] },
    {
        policy: "S3.17",
        title: "an ALB's log bucket is exempt, an NLB's is not",
        passes: [bucket, encryption("AES256"), lb({ accessLogs: { bucket: "b-1", enabled: true } })],
        fails: [bucket, encryption("AES256"), res(LB, "nlb", { loadBalancerType: "network", accessLogs: { bucket: "b-1", enabled: true } })],
        messages: [`b: sseAlgorithm is "AES256"`],
    },
    {
        policy: "S3.17",
        title: "the log bucket of an Ingress's ALB is exempt, another Ingress attribute is not",
        passes: [
            bucket,
            encryption("AES256"),
            res("kubernetes:networking.k8s.io/v1:Ingress", "web", {
                metadata: { annotations: { "alb.ingress.kubernetes.io/load-balancer-attributes": "idle_timeout.timeout_seconds=60,access_logs.s3.bucket=b-1,access_logs.s3.enabled=true" } },
            }),
        ],
        fails: [
            bucket,
            encryption("AES256"),
            res("kubernetes:networking.k8s.io/v1:Ingress", "web", { metadata: { annotations: { "alb.ingress.kubernetes.io/load-balancer-attributes": "access_logs.s3.prefix=b-1,access_logs.s3.bucket=b-10" } } }),
        ],
        messages: [`b: sseAlgorithm is "AES256"`],
    },
    {
        policy: "DynamoDB.2",
        title: "point-in-time recovery",
        passes: [res(TABLE, "t", { pointInTimeRecovery: { enabled: true } })],
        fails: [res(TABLE, "t", { pointInTimeRecovery: { enabled: false } })],
        messages: ["t: pointInTimeRecovery.enabled is false"],
    },
    { policy: "DynamoDB.6", title: "deletion protection", passes: [res(TABLE, "t", { deletionProtectionEnabled: true })], fails: [res(TABLE, "t", {})], messages: ["t: deletionProtectionEnabled is unset"] },
    {
        policy: "berth.circuit-breaker",
        title: "enable and rollback (CODE_DEPLOY services have none)",
        passes: [res("aws:ecs/service:Service", "svc", { deploymentCircuitBreaker: { enable: true, rollback: true } }), res("aws:ecs/service:Service", "bg", { deploymentController: { type: "CODE_DEPLOY" } })],
        fails: [res("aws:ecs/service:Service", "svc", { deploymentCircuitBreaker: { enable: true, rollback: false } })],
        messages: [`svc: deploymentCircuitBreaker is {"enable":true,"rollback":false}`],
    },
    { policy: "berth.multi-az", title: "a load balancer: 2 subnets pass, 1 fails", environment: "prod", passes: [lb({})], fails: [lb({ subnets: ["subnet-a"] })], messages: [`lb: subnets has 1 entry ["subnet-a"]`] },
    {
        policy: "berth.multi-az",
        title: "a VPC: 2 AZs pass, 1 fails (awsx's default of 3 passes)",
        environment: "prod",
        passes: [res("awsx:ec2:Vpc", "vpc", { numberOfAvailabilityZones: 2 }), res("awsx:ec2:Vpc", "v3", {})],
        fails: [res("awsx:ec2:Vpc", "vpc", { numberOfAvailabilityZones: 1 }), res("awsx:ec2:Vpc", "named", { availabilityZoneNames: ["us-east-1a"] })],
        messages: ["vpc: numberOfAvailabilityZones is 1", `named: availabilityZoneNames has 1 entry ["us-east-1a"]`],
    },
    {
        policy: "berth.multi-az",
        title: "node groups: 2 subnets pass, 1 fails",
        environment: "prod",
        passes: [res("eks:index:ManagedNodeGroup", "mng", { subnetIds: ["s-a", "s-b"] }), res("eks:index:NodeGroupV2", "ng", { nodeSubnetIds: ["s-a", "s-b"] })],
        fails: [res("eks:index:ManagedNodeGroup", "mng", { subnetIds: ["s-a"] }), res("eks:index:NodeGroupV2", "ng", { nodeSubnetIds: ["s-a"] })],
        messages: [`mng: subnetIds has 1 entry ["s-a"]`, `ng: nodeSubnetIds has 1 entry ["s-a"]`],
    },
    {
        policy: "berth.multi-az",
        title: "Auto Scaling groups: 2 subnets pass, 1 fails",
        environment: "prod",
        passes: [res(ASG, "asg", { vpcZoneIdentifiers: ["s-a", "s-b"] })],
        fails: [res(ASG, "asg", { vpcZoneIdentifiers: ["s-a"] })],
        messages: [`asg: vpcZoneIdentifiers has 1 entry ["s-a"]`],
    },
    {
        policy: "berth.dead-letter",
        title: "queues have a redrive policy, unless they are the dead-letter queue",
        passes: [res(QUEUE, "work", { redrivePolicy: JSON.stringify({ deadLetterTargetArn: "arn:dlq", maxReceiveCount: 5 }) }), res(QUEUE, "dlq", {}, { arn: "arn:dlq" })],
        fails: [res(QUEUE, "q", {}, { arn: "arn:q" })],
        messages: ["q: redrivePolicy is unset"],
    },
    {
        policy: "berth.dead-letter",
        title: "EventBridge and Scheduler targets have a dead-letter queue",
        passes: [res(TARGET, "t", { deadLetterConfig: { arn: "arn:dlq" } }), res(SCHEDULE, "s", { target: { deadLetterConfig: { arn: "arn:dlq" } } }), res(QUEUE, "dlq", {}, { arn: "arn:dlq" })],
        fails: [res(TARGET, "t", {}), res(SCHEDULE, "s", { target: {} })],
        messages: ["t: deadLetterConfig is unset", "s: target.deadLetterConfig is unset"],
    },
    {
        policy: "berth.alarm-actions",
        title: "an action",
        passes: [res("aws:cloudwatch/metricAlarm:MetricAlarm", "a", { alarmActions: ["arn:topic"] })],
        fails: [res("aws:cloudwatch/metricAlarm:MetricAlarm", "a", { alarmActions: [] }), res("aws:cloudwatch/metricAlarm:MetricAlarm", "off", { alarmActions: ["arn:topic"], actionsEnabled: false })],
        messages: ["a: alarmActions is []", "off: actionsEnabled is false"],
    },
    {
        policy: "berth.pdb",
        title: "1 replica needs none, 2 need one",
        passes: [deployment(1)],
        fails: [deployment(2)],
        messages: [`web: spec.replicas is 2 and no PodDisruptionBudget in namespace "web" selects its pod labels {"app":"web","tier":"front"}`],
    },
    {
        policy: "berth.pdb",
        title: "in the same namespace",
        passes: [deployment(2), pdb("web")],
        fails: [deployment(2), pdb("other")],
        messages: [`web: spec.replicas is 2 and no PodDisruptionBudget in namespace "web" selects its pod labels {"app":"web","tier":"front"}`],
    },
    {
        policy: "berth.retain-data",
        title: "retained on delete",
        environment: "prod",
        passes: [res(BUCKET, "b", {}, { retainOnDelete: true }), res(TABLE, "t", {}, { retainOnDelete: true })],
        fails: [res(BUCKET, "b", {}), res(EFS, "fs", {})],
        messages: ["fs: retainOnDelete is false", "b: retainOnDelete is false"],
    },
];

describe("policy pack B (issue 21): EFS, FSx, ELB, EC2, messaging, data and reliability", () => {
    for (const c of CASES) {
        it(`${c.policy}: ${c.title}`, () => {
            assert.deepEqual(found(c.policy, c.passes, c.environment), []);
            assert.deepEqual(found(c.policy, c.fails, c.environment), c.messages);
        });
    }

    it("every policy has a case, a unique name, types, a description and a fix", () => {
        const names = POLICIES_B.map((p) => p.name);
        assert.deepEqual([...new Set(names)], names);
        assert.deepEqual([...new Set(CASES.map((c) => c.policy))].sort(), [...names].sort());
        for (const p of POLICIES_B) assert.ok(p.types.length && p.description && p.fix, p.name);
    });

    it("the prod-only rules leave dev alone (dev's NAT instance group sits in one AZ on purpose)", () => {
        assert.deepEqual(found("berth.multi-az", [res(ASG, "net-nat-asg", { vpcZoneIdentifiers: ["subnet-public-a"] })], "dev"), []);
        assert.deepEqual(found("berth.retain-data", [res(BUCKET, "b", {})], "staging"), []);
    });
});

/** Each shipped stack's violations, as `policy resource: message` (the fix left off). */
const GOLDEN: Record<string, string[]> = {
    apprunner: [],
    dev: ["ELB.5 alb-lb: accessLogs.enabled is unset", "ELB.6 alb-lb: enableDeletionProtection is false", "berth.alarm-actions net-nat-alarm: alarmActions is []"],
    "ecs-anywhere": [],
    "ecs-ec2": [
        "ELB.5 nlb-lb: accessLogs.enabled is unset",
        "ELB.5 partners-pl-lb: accessLogs.enabled is unset",
        "ELB.5 alb-lb: accessLogs.enabled is unset",
        "ELB.6 nlb-lb: enableDeletionProtection is false",
        "ELB.6 partners-pl-lb: enableDeletionProtection is false",
        "ELB.6 alb-lb: enableDeletionProtection is false",
    ],
    "ecs-express": ["berth.alarm-actions net-nat-alarm: alarmActions is []"],
    "eks-fargate": [],
    "eks-managed": ["berth.alarm-actions net-nat-alarm: alarmActions is []"],
    "eks-selfmanaged": [],
    "eks-storage": [`EFS.2 efs-shared-fs: efs-shared-backup's backupPolicy.status is "DISABLED"`],
    kubernetes: [],
    patterns: ["DynamoDB.6 ingest-results-table: deletionProtectionEnabled is false"],
    prod: [],
};

interface GoldenPlan {
    readonly platform: string;
    readonly resources: PlannedResource[];
}

/** The stack's environment, from its resources' `berth:environment` tag (berth's default, dev, when none has tags). */
function environmentOf(plan: GoldenPlan): Environment {
    const tagged = plan.resources.map((r) => (r.inputs.tags as Record<string, unknown> | undefined)?.["berth:environment"]).find((e) => typeof e === "string");
    return (tagged ?? "dev") as Environment;
}

describe("policy pack B on the shipped stacks' golden plans", () => {
    const dir = path.join(__dirname, "golden");
    const stacks = fs.readdirSync(dir).flatMap((f) => /^(.+)\.json$/.exec(f)?.[1] ?? []);

    it("covers every golden plan", () => assert.deepEqual([...stacks].sort(), Object.keys(GOLDEN).sort()));

    for (const stack of stacks) {
        it(`${stack}: exactly the expected violations`, () => {
            const plan = JSON.parse(fs.readFileSync(path.join(dir, `${stack}.json`), "utf8")) as GoldenPlan;
            const report = runPolicies(plan.resources, plan.platform, environmentOf(plan), POLICIES_B);
            const actual = report.violations.map((v) => `${v.policy} ${v.urn.split("::").pop()}: ${v.message.slice(0, v.message.indexOf(". Fix: "))}`);
            assert.deepEqual(actual, GOLDEN[stack]);
        });
    }

    it("prod passes every policy", () => {
        const plan = JSON.parse(fs.readFileSync(path.join(dir, "prod.json"), "utf8")) as GoldenPlan;
        assert.equal(environmentOf(plan), "prod");
        assert.deepEqual(
            runPolicies(plan.resources, plan.platform, "prod", POLICIES_B).passed,
            POLICIES_B.map((p) => p.name),
        );
    });
});
