// GIVEN the same services in dev, staging and prod, WHEN each is planned, THEN every environment
// default (ENVIRONMENT_DEFAULTS in config/spec.ts, documented in docs/config.md) is what the plan
// shows. The expected values are written out here, not read from the table.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { fargateConfig, find, inputs, merge, ofType, planOk } from "./harness";

const BUSYBOX = "public.ecr.aws/docker/library/busybox:1.36";
const SVC = "aws:ecs/service:Service";

/** A public ALB service, a public NLB service and a private worker with an EFS volume, in `environment`. */
function servicesIn(environment: string, platform = "ecs-fargate"): Record<string, unknown> {
    return fargateConfig({
        "berth:platform": platform,
        "berth:environment": environment,
        "berth:storage": { fileSystems: { shared: { volumes: { data: { path: "/data", uid: 1000, gid: 1000, permissions: "0750" } } } } },
        "berth:services": {
            broker: { image: BUSYBOX, port: 1883, cpu: 256, memory: 512, public: true, loadBalancer: "nlb" },
            worker: { image: BUSYBOX, cpu: 256, memory: 512, volumes: [{ fileSystem: "shared", volume: "data", mountPath: "/data" }] },
            report: { kind: "task", image: BUSYBOX, cpu: 256, memory: 512 },
        },
    });
}

const EXPECTED = {
    dev: { azs: 2, nat: "Single", desiredCount: 1, logRetentionDays: 14, protect: false, fargate: [0, 1, 3], ec2MinSize: 1, containerInsights: "disabled", detailedMonitoring: false, efsBackups: "DISABLED" },
    staging: { azs: 2, nat: "Single", desiredCount: 2, logRetentionDays: 30, protect: false, fargate: [1, 1, 1], ec2MinSize: 1, containerInsights: "enabled", detailedMonitoring: false, efsBackups: "ENABLED" },
    prod: { azs: 3, nat: "OnePerAz", desiredCount: 2, logRetentionDays: 90, protect: true, fargate: [2, 1, 0], ec2MinSize: 2, containerInsights: "enabled", detailedMonitoring: true, efsBackups: "ENABLED" },
};

for (const [environment, want] of Object.entries(EXPECTED)) {
    describe(`environment defaults: ${environment}`, () => {
        let p: Plan;
        let ec2: Plan;
        beforeEach(async () => {
            p = await planOk(servicesIn(environment), environment);
            ec2 = await planOk(servicesIn(environment, "ecs-ec2"), environment);
        });

        it(`spreads over ${want.azs} AZs with NAT ${want.nat}`, () => {
            const vpc = inputs(p, "awsx:ec2:Vpc", "net-vpc");
            assert.deepEqual([vpc.numberOfAvailabilityZones, vpc.natGateways], [want.azs, { strategy: want.nat }]);
            assert.equal(ofType(p, "aws:efs/mountTarget:MountTarget").length, want.azs);
        });

        it(`runs ${want.desiredCount} task(s) of each service and keeps logs ${want.logRetentionDays} days`, () => {
            for (const name of ["web", "broker", "worker"]) {
                assert.equal(inputs(p, SVC, `${name}-service`).desiredCount, want.desiredCount, name);
                assert.equal(inputs(p, "aws:cloudwatch/logGroup:LogGroup", `${name}-logs`).retentionInDays, want.logRetentionDays, name);
                assert.equal(inputs(ec2, SVC, `${name}-service`).desiredCount, want.desiredCount, name);
            }
        });

        it(`mixes FARGATE and FARGATE_SPOT as base/weight ${want.fargate.join("/")}`, () => {
            const [base, onDemand, spot] = want.fargate;
            const mix = [`capacityProvider=FARGATE,weight=${onDemand},base=${base}`, ...(spot ? [`capacityProvider=FARGATE_SPOT,weight=${spot},base=0`] : [])].join(" ");
            assert.ok((p.outputs.tasks as Record<string, string>).report.includes(`--capacity-provider-strategy ${mix} --network-configuration`), (p.outputs.tasks as Record<string, string>).report);
            // A service's first task stays on on-demand FARGATE even where the mix has no base.
            assert.deepEqual(inputs(p, SVC, "worker-service").capacityProviderStrategies, [
                { capacityProvider: "FARGATE", base: Math.max(base, 1), weight: onDemand },
                ...(spot ? [{ capacityProvider: "FARGATE_SPOT", base: 0, weight: spot }] : []),
            ]);
        });

        it(`${want.protect ? "protects" : "does not protect"} load balancers, the repository, logs and the file system`, () => {
            assert.equal(inputs(p, "aws:lb/loadBalancer:LoadBalancer", "alb-lb").enableDeletionProtection, want.protect);
            assert.equal(inputs(p, "aws:lb/loadBalancer:LoadBalancer", "nlb-lb").enableDeletionProtection, want.protect);
            const repo = find(p, "aws:ecr/repository:Repository", "registry-repo");
            assert.deepEqual([repo.inputs.forceDelete, repo.retainOnDelete], [!want.protect, want.protect]);
            assert.equal(find(p, "aws:cloudwatch/logGroup:LogGroup", "web-logs").retainOnDelete, want.protect);
            assert.equal(find(p, "aws:efs/fileSystem:FileSystem", "efs-shared-fs").retainOnDelete, want.protect);
        });

        it(`has Container Insights ${want.containerInsights} and EFS backups ${want.efsBackups}`, () => {
            assert.deepEqual(inputs(p, "aws:ecs/cluster:Cluster", "ecs-cluster").settings, [{ name: "containerInsights", value: want.containerInsights }]);
            assert.deepEqual(inputs(p, "aws:efs/backupPolicy:BackupPolicy", "efs-shared-backup").backupPolicy, { status: want.efsBackups });
        });

        it(`starts ecs-ec2 with at least ${want.ec2MinSize} instance(s), detailed monitoring ${want.detailedMonitoring ? "on" : "off"}`, () => {
            assert.equal(inputs(ec2, "aws:autoscaling/group:Group", "ec2-asg").minSize, want.ec2MinSize);
            assert.deepEqual(inputs(ec2, "aws:ec2/launchTemplate:LaunchTemplate", "ec2-lt").monitoring, { enabled: want.detailedMonitoring });
        });
    });
}

describe("environment defaults give way to config", () => {
    it("takes azs, nat, desiredCount, retention, the Fargate mix and minSize from config over the environment's", async () => {
        const p = await planOk(
            merge(servicesIn("prod"), {
                "berth:network": { azs: 2, nat: "single" },
                "berth:logs": { retentionDays: 7 },
                "berth:fargate": { spotWeight: 2 },
                "berth:services": { worker: { desiredCount: 4 } },
            }),
            "prod",
        );
        const vpc = inputs(p, "awsx:ec2:Vpc", "net-vpc");
        assert.deepEqual([vpc.numberOfAvailabilityZones, vpc.natGateways], [2, { strategy: "Single" }]);
        assert.equal(inputs(p, "aws:cloudwatch/logGroup:LogGroup", "worker-logs").retentionInDays, 7);
        assert.equal(inputs(p, SVC, "worker-service").desiredCount, 4);
        assert.equal(inputs(p, SVC, "web-service").desiredCount, 2);
        // Only the weight set in config changes; base and on-demand weight stay prod's.
        assert.match((p.outputs.tasks as Record<string, string>).report, / capacityProvider=FARGATE,weight=1,base=2 capacityProvider=FARGATE_SPOT,weight=2,base=0 /);
    });

    it("keeps ecs-ec2's minimum within a maxSize below the environment's minimum", async () => {
        const p = await planOk(fargateConfig({ "berth:platform": "ecs-ec2", "berth:environment": "prod", "berth:ec2": { maxSize: 1 }, "berth:services": { web: { desiredCount: 1 } } }), "prod");
        assert.deepEqual([inputs(p, "aws:autoscaling/group:Group", "ec2-asg").minSize, inputs(p, "aws:autoscaling/group:Group", "ec2-asg").maxSize], [1, 1]);
    });
});
