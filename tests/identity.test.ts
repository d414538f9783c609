// One identity for a container on every platform (issue 19, item 1): the same user and read-only root
// file system on ECS and Kubernetes, with scratch space, and nothing of the kind where the API has none.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { ALL_BUT_CHOWN } from "../components/ecs/EcsTask";
import { eksConfig, inputs, json, managedConfig, planOk, planStackOk } from "./harness";

const TASKDEF = "aws:ecs/taskDefinition:TaskDefinition";
const CACHE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-public";

describe("the container's identity on ECS (Pulumi.dev.yaml)", () => {
    let p: Plan;
    before(async () => (p = await planStackOk("dev")));

    it("runs every container as 1000:1000 on a read-only root, with /tmp as a task volume of its own", () => {
        for (const svc of ["web", "worker"]) {
            const td = inputs(p, TASKDEF, `${svc}-taskdef`);
            const [app] = json(td.containerDefinitions);
            assert.deepEqual([app.user, app.readonlyRootFilesystem, app.privileged], ["1000:1000", true, false], svc);
            assert.deepEqual(app.mountPoints, [{ sourceVolume: "scratch-0", containerPath: "/tmp", readOnly: false }], svc);
            assert.deepEqual(app.dependsOn, [{ containerName: "scratch-init", condition: "SUCCESS" }], svc);
            assert.deepEqual(td.volumes, [{ name: "scratch-0" }], svc);
        }
    });

    it("gives /tmp to that user first: a BusyBox from the cache, root with CHOWN alone, read-only, logging beside the app, not essential", () => {
        const [, init] = json(inputs(p, TASKDEF, "worker-taskdef").containerDefinitions);
        assert.deepEqual(init, {
            name: "scratch-init",
            image: `${CACHE}/docker/library/busybox:1.37`,
            essential: false,
            privileged: false,
            user: "0",
            readonlyRootFilesystem: true,
            command: ["chown", "1000:1000", "/tmp"],
            linuxParameters: { capabilities: { drop: ALL_BUT_CHOWN } },
            mountPoints: [{ sourceVolume: "scratch-0", containerPath: "/tmp", readOnly: false }],
            logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/berth/berth/dev/worker", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "scratch-init" } },
        });
        assert.equal(ALL_BUT_CHOWN.includes("CHOWN"), false);
        assert.equal(ALL_BUT_CHOWN.length, 13);
    });
});

describe("the container's identity elsewhere", () => {
    it("keeps a writable root and no scratch container for ECS Exec (Pulumi.ecs-ec2.yaml web)", async () => {
        const p = await planStackOk("ecs-ec2");
        const defs = json(inputs(p, TASKDEF, "web-taskdef").containerDefinitions);
        assert.deepEqual(
            defs.map((c: any) => [c.name, c.user, c.readonlyRootFilesystem, c.dependsOn]),
            [["web", "1000:1000", false, undefined]],
        );
    });

    it("needs no scratch container for root, which may write to the root-owned volume", async () => {
        const p = await planOk(eksConfig({ "berth:platform": "ecs-fargate", "berth:eks": null, "berth:services": { web: { user: 0 } } }), "identity-root");
        const defs = json(inputs(p, TASKDEF, "web-taskdef").containerDefinitions);
        assert.deepEqual(
            defs.map((c: any) => [c.name, c.user, c.readonlyRootFilesystem, c.mountPoints]),
            [["web", "0:0", true, [{ sourceVolume: "scratch-0", containerPath: "/tmp", readOnly: false }]]],
        );
    });

    it("sets the same user, group and scratch directory in the pod on EKS (Pulumi.eks-managed.yaml worker)", async () => {
        const p = await planStackOk("eks-managed");
        const pod = inputs(p, "kubernetes:apps/v1:Deployment", "worker-deployment").spec.template.spec;
        assert.deepEqual(pod.securityContext, { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } });
        const [c] = pod.containers;
        assert.deepEqual([c.securityContext.runAsUser, c.securityContext.runAsGroup, c.securityContext.readOnlyRootFilesystem], [1000, 1000, true]);
        // The worker also mounts its secret through the CSI driver.
        assert.deepEqual(c.volumeMounts[0], { name: "scratch-0", mountPath: "/tmp" });
        assert.deepEqual(pod.volumes[0], { name: "scratch-0", emptyDir: {} });
        assert.deepEqual(
            pod.volumes.map((v: any) => v.name),
            ["scratch-0", "secrets"],
        );
    });

    it("writes no user and a writable root on Express Mode, whose API has neither", async () => {
        const p = await planOk(managedConfig("ecs-express"), "identity-express");
        const svc = inputs(p, "aws:ecs/expressGatewayService:ExpressGatewayService", "web-service");
        assert.equal(JSON.stringify(svc).includes('"user"'), false);
        assert.equal(JSON.stringify(svc).includes("readonlyRootFilesystem"), false);
    });
});
