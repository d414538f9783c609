// Each validation rule once through validateConfig, the way a stack file reaches it: a config that
// breaks that rule alone must fail with exactly that error. The rules' own tests call them
// directly, so a rule dropped from validateParsed (or from the aggregate that calls it) would pass
// them; it fails here. The last test keeps the table complete: every exported validator is listed.
import { strict as assert } from "assert";
import { eksConfig, fargateConfig, kubernetesConfig, managedConfig, merge, patternsConfig, validateFixture } from "../tests/harness";
import * as validateModule from "./validate";
import * as validateApprunnerModule from "./managed/validate-apprunner";
import * as validateEc2Module from "./ecs/validate-ec2";
import * as validateEcsModule from "./ecs/validate";
import * as validateEksModule from "./eks/validate";
import * as validateExpressModule from "./managed/validate-express";
import * as validateManagedModule from "./managed/validate";
import * as validateNamesModule from "./validate-names";
import * as validatePatternsModule from "./patterns/validate";
import * as identityModule from "./identity";

type Json = Record<string, unknown>;

interface Row {
    /** The exported validator the row reaches. */
    readonly rule: string;
    readonly what: string;
    readonly config: Json;
    /** The only error paths the config may produce. */
    readonly paths: string[];
}

const BUSYBOX = "public.ecr.aws/docker/library/busybox:1.36";
const ec2 = (over: Json = {}) => merge(fargateConfig({ "berth:platform": "ecs-ec2" }), over);
const web = (svc: Json, base = fargateConfig()) => merge(base, { "berth:services": { web: svc } });
const step = (name: string, steps: Json[]) => ({
    name,
    metric: { namespace: "AWS/SQS", name: "Backlog", dimensions: {}, statistic: "Average", period: 60 },
    threshold: 1,
    comparison: "GreaterThanOrEqualToThreshold",
    evaluationPeriods: 1,
    steps,
});

const ROWS: Row[] = [
    // validate.ts
    { rule: "validatePlatformKeys", what: "a key of another platform", config: fargateConfig({ "berth:anywhere": { registrationLimit: 5 } }), paths: ["berth:anywhere"] },
    { rule: "validateFargateSize", what: "a cpu/memory pair Fargate does not offer", config: web({ cpu: 256, memory: 4096 }), paths: ["berth:services.web.memory"] },
    { rule: "validateServiceName", what: "a service name with capitals", config: fargateConfig({ "berth:services": { web: null, Web: { image: BUSYBOX } } }), paths: ["berth:services.Web"] },
    { rule: "validateService", what: "a public service without a port", config: web({ port: null }), paths: ["berth:services.web.port"] },
    { rule: "validatePublicRouting", what: "a public service with no audience", config: fargateConfig({ "berth:loadBalancer": { allowedCidrs: [] } }), paths: ["berth:loadBalancer.allowedCidrs"] },
    { rule: "validateParsed", what: "no service at all", config: fargateConfig({ "berth:services": { web: null } }), paths: ["berth:services"] },
    // validate-ecs.ts
    { rule: "validateLoadBalancerType", what: "a service behind a Classic Load Balancer", config: web({ loadBalancer: "elb" }), paths: ["berth:services.web.loadBalancer"] },
    {
        rule: "validateStepBounds",
        what: "overlapping step adjustments",
        config: web({
            scaling: {
                min: 1,
                max: 4,
                cpu: 60,
                steps: [
                    step("backlog", [
                        { lower: 0, upper: 10, adjustment: 1 },
                        { lower: 5, adjustment: 2 },
                    ]),
                ],
            },
        }),
        paths: ["berth:services.web.scaling.steps.0.steps.1.lower"],
    },
    { rule: "validateScaling", what: "a scaling maximum below the minimum", config: web({ scaling: { min: 3, max: 2, cpu: 60 } }), paths: ["berth:services.web.scaling.max"] },
    { rule: "validateGrant", what: "a queue's access level on a bucket", config: web({ grants: [{ bucket: "assets", access: "send" }] }), paths: ["berth:services.web.grants.0.access"] },
    { rule: "validateEcsService", what: "ECS Exec with a read-only root file system", config: web({ exec: true, readonlyRootFilesystem: true }), paths: ["berth:services.web.exec"] },
    { rule: "validatePrivateLink", what: "PrivateLink on a public service", config: web({ privateLink: { allowedPrincipals: ["arn:aws:iam::210987654321:root"] } }), paths: ["berth:services.web.public"] },
    { rule: "validateVolumes", what: "a volume on an undefined file system", config: web({ volumes: [{ fileSystem: "shared", volume: "data", mountPath: "/data" }] }), paths: ["berth:services.web.volumes.0.fileSystem"] },
    {
        rule: "validateNlbPorts",
        what: "two NLB services on one port",
        config: fargateConfig({ "berth:services": { a: { image: BUSYBOX, port: 1883, public: true, loadBalancer: "nlb" }, b: { image: BUSYBOX, port: 1883, public: true, loadBalancer: "nlb" } } }),
        paths: ["berth:services.b.listenerPort"],
    },
    { rule: "validateEgress", what: "no NAT for tasks in private subnets", config: fargateConfig({ "berth:network": { nat: "none" } }), paths: ["berth:network.nat"] },
    { rule: "validateVpcCidr", what: "a VPC too small for two AZs", config: fargateConfig({ "berth:network": { cidr: "10.0.0.0/18" } }), paths: ["berth:network.cidr"] },
    { rule: "validateFargateCapacity", what: "no weight on either capacity provider", config: fargateConfig({ "berth:fargate": { onDemandWeight: 0, spotWeight: 0 } }), paths: ["berth:fargate.onDemandWeight"] },
    { rule: "validateEcsStack", what: "a stack-wide Classic Load Balancer", config: fargateConfig({ "berth:loadBalancer": { type: "classic" } }), paths: ["berth:loadBalancer.type"] },
    // validate-ec2.ts
    { rule: "validateEc2Capacity", what: "an arm64 type on x86_64", config: ec2({ "berth:ec2": { instanceTypes: ["t4g.medium"] } }), paths: ["berth:ec2.instanceTypes.0"] },
    { rule: "validateTaskFits", what: "a task larger than every instance type", config: ec2({ "berth:services": { web: { cpu: 4096, memory: 2048 } } }), paths: ["berth:services.web.cpu"] },
    { rule: "validateTaskSlots", what: "more tasks than network interfaces", config: ec2({ "berth:ec2": { maxSize: 1 }, "berth:services": { web: { desiredCount: 3 } } }), paths: ["berth:ec2.maxSize"] },
    { rule: "validateEc2Scaling", what: "targetCapacity with cpu scaling", config: ec2({ "berth:ec2": { scaling: "cpu", targetCapacity: 90 } }), paths: ["berth:ec2.targetCapacity"] },
    { rule: "validateEc2Stack", what: "a maximum below the minimum", config: ec2({ "berth:ec2": { minSize: 3, maxSize: 2 } }), paths: ["berth:ec2.maxSize"] },
    // validate-eks.ts
    { rule: "validateKubernetesScaling", what: "an HPA without a metric", config: web({ scaling: { min: 1, max: 3 } }, eksConfig()), paths: ["berth:services.web.scaling.cpu"] },
    { rule: "validateDisks", what: "a disk on a service of two replicas", config: web({ desiredCount: 2, disks: [{ name: "data", sizeGiB: 10, mountPath: "/data" }] }, eksConfig()), paths: ["berth:services.web.disks"] },
    { rule: "validateKubernetesOnlyKeys", what: "disks on ECS", config: web({ disks: [{ name: "data", sizeGiB: 1, mountPath: "/d" }] }), paths: ["berth:services.web.disks"] },
    { rule: "validateIdentity", what: "port 80 for a non-root user on ECS", config: web({ port: 80 }), paths: ["berth:services.web.port"] },
    { rule: "validateIdentity", what: "user 0 on eks", config: eksConfig({ "berth:services": { web: { user: 0 } } }), paths: ["berth:services.web.user"] },
    { rule: "validateNodeGroup", what: "selectors on a managed group", config: eksConfig({ "berth:eks": { nodeGroups: { general: { selectors: [{ namespace: "web" }] } } } }), paths: ["berth:eks.nodeGroups.general.selectors"] },
    { rule: "validateEksVersion", what: "a version EKS does not run", config: eksConfig({ "berth:eks": { version: "1.20" } }), paths: ["berth:eks.version"] },
    {
        rule: "validateEksPlacement",
        what: "a service no Fargate profile selects, on a cluster without nodes",
        config: eksConfig({ "berth:eks": { nodeGroups: { general: null, serverless: { type: "fargate", selectors: [{ namespace: "other" }] } } } }),
        paths: ["berth:services.web"],
    },
    {
        rule: "validateKarpenterBeside",
        what: "a karpenter group with no managed group",
        config: eksConfig({ "berth:eks": { nodeGroups: { general: { type: "self-managed" }, burst: { type: "karpenter" } } } }),
        paths: ["berth:eks.nodeGroups.burst.type"],
    },
    { rule: "validateEksStack", what: "no audit logs", config: eksConfig({ "berth:eks": { logTypes: ["api"] } }), paths: ["berth:eks.logTypes"] },
    { rule: "validateKubernetesStack", what: "no kubeconfig", config: kubernetesConfig({ "berth:kubeconfig": null }), paths: ["berth:kubeconfig"] },
    { rule: "validateKubernetesIngress", what: "a public service with no ingress class", config: kubernetesConfig({ "berth:kubernetes": { ingressClass: null } }), paths: ["berth:kubernetes.ingressClass"] },
    { rule: "validateReservedName", what: "a service named like a system namespace", config: eksConfig({ "berth:services": { web: null, default: { image: BUSYBOX } } }), paths: ["berth:services.default"] },
    { rule: "validateKubernetesPlatforms", what: "ECS Exec on EKS", config: web({ exec: true }, eksConfig()), paths: ["berth:services.web.exec"] },
    // validate-apprunner.ts, validate-express.ts, validate-managed.ts
    { rule: "validateAppRunnerSize", what: "a size App Runner does not offer", config: web({ cpu: 256, memory: 2048 }, managedConfig("apprunner")), paths: ["berth:services.web.memory"] },
    { rule: "validateAppRunner", what: "an image from Docker Hub", config: web({ image: "nginx:1.27" }, managedConfig("apprunner")), paths: ["berth:services.web.image"] },
    { rule: "validateAppRunnerCustomer", what: "App Runner for an account that does not say it uses it", config: managedConfig("apprunner", { "berth:apprunner": { existingCustomer: null } }), paths: ["berth:apprunner.existingCustomer"] },
    {
        rule: "validateAppRunnerDns",
        what: "an apex domain with its hosted zone",
        config: web({ apprunner: { domain: "example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" } }, managedConfig("apprunner")),
        paths: ["berth:services.web.apprunner.domain"],
    },
    { rule: "validateExpressSize", what: "memory past Express Mode's limit", config: web({ cpu: 4096, memory: 16384 }, managedConfig("ecs-express")), paths: ["berth:services.web.memory"] },
    { rule: "validateExpress", what: "two scaling metrics", config: web({ scaling: { min: 1, max: 3, cpu: 60, memory: 70 } }, managedConfig("ecs-express")), paths: ["berth:services.web.scaling.memory"] },
    { rule: "validateManagedRawKeys", what: "a path on App Runner", config: web({ path: "/api/*" }, managedConfig("apprunner")), paths: ["berth:services.web.path"] },
    { rule: "validateAppRunnerOnlyKeys", what: "an App Runner domain on ECS", config: web({ apprunner: { domain: "web.example.com" } }), paths: ["berth:services.web.apprunner"] },
    { rule: "validateManagedService", what: "a private service on Express Mode", config: web({ public: false }, managedConfig("ecs-express")), paths: ["berth:services.web.public"] },
    { rule: "validateManagedCounts", what: "more instances than App Runner runs", config: web({ desiredCount: 26 }, managedConfig("apprunner")), paths: ["berth:services.web.desiredCount"] },
    { rule: "validateManagedAudience", what: "a CIDR list App Runner cannot enforce", config: managedConfig("apprunner", { "berth:loadBalancer": { allowedCidrs: ["203.0.113.0/24"] } }), paths: ["berth:loadBalancer.allowedCidrs"] },
    // validate-names.ts
    {
        rule: "validateChildNames",
        what: "two access points named alike across file systems",
        config: fargateConfig({ "berth:storage": { fileSystems: { "a-b": { volumes: { c: { path: "/c", uid: 1, gid: 1, permissions: "0750" } } }, a: { volumes: { "b-c": { path: "/b", uid: 1, gid: 1, permissions: "0750" } } } } } }),
        paths: ["berth:storage.fileSystems.a.volumes.b-c"],
    },
    // validate-patterns.ts
    { rule: "validatePatternPlatform", what: "patterns on App Runner", config: managedConfig("apprunner", { "berth:patterns": { stoppedTaskAlerts: { emails: ["oncall@example.com"] } } }), paths: ["berth:patterns"] },
    {
        rule: "validateScheduleExpression",
        what: "a plural unit for one hour",
        config: patternsConfig({ "berth:patterns": { scheduledBatch: { report: { schedule: "rate(1 hours)" } } } }),
        paths: ["berth:patterns.scheduledBatch.report.schedule"],
    },
    {
        rule: "validatePatterns",
        what: "one alert address twice",
        config: patternsConfig({ "berth:patterns": { stoppedTaskAlerts: { emails: ["oncall@example.com", "OnCall@example.com"] } } }),
        paths: ["berth:patterns.stoppedTaskAlerts.emails.1"],
    },
    { rule: "validateTaskSchedules", what: "a schedule on a kind: service", config: web({ schedule: "rate(1 hour)" }), paths: ["berth:services.web.schedule"] },
];

/** Exported validators that no config can fail on its own, and why. */
const UNREACHABLE: Record<string, string> = {
    validatePlatform: "every platform the schema accepts is built; the fixtures below plan on each of them",
    validateConfig: "the entry point every row goes through",
};

describe("every validation rule, through validateConfig", () => {
    for (const row of ROWS) {
        it(`${row.rule}: ${row.what} -> ${row.paths.join(", ")}`, () => {
            const r = validateFixture(row.config);
            assert.equal(r.ok, false, "the config validated");
            if (!r.ok)
                assert.deepEqual(
                    r.errors.map((e) => e.path),
                    row.paths,
                );
        });
    }

    it("accepts each row's base fixture on every built platform", () => {
        for (const config of [
            fargateConfig(),
            ec2(),
            eksConfig(),
            kubernetesConfig(),
            managedConfig("apprunner"),
            managedConfig("ecs-express"),
            patternsConfig(),
            fargateConfig({ "berth:platform": "ecs-anywhere", "berth:services": { web: { public: false } }, "berth:loadBalancer": null }),
        ]) {
            const r = validateFixture(config);
            assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
        }
    });

    it("lists every exported validator, or says why it cannot fail alone", () => {
        const modules = [identityModule, validateModule, validateApprunnerModule, validateEc2Module, validateEcsModule, validateEksModule, validateExpressModule, validateManagedModule, validateNamesModule, validatePatternsModule];
        const exported = modules.flatMap((m) =>
            Object.entries(m)
                .filter(([k, v]) => /^validate[A-Z]/.test(k) && typeof v === "function")
                .map(([k]) => k),
        );
        const listed = new Set([...ROWS.map((r) => r.rule), ...Object.keys(UNREACHABLE)]);
        assert.deepEqual(exported.filter((k) => !listed.has(k)).sort(), []);
        assert.deepEqual([...listed].filter((k) => !exported.includes(k)).sort(), []);
    });
});
