// One identity for a container on every platform (issue 19, item 1): the same user and read-only root
// file system on ECS and Kubernetes, with writable paths (a tmpfs on ECS, an emptyDir on Kubernetes),
// and nothing of the kind where the API has none.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { eksConfig, inputs, json, managedConfig, planOk, planStackOk } from "./harness";

const TASKDEF = "aws:ecs/taskDefinition:TaskDefinition";
const CACHE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-public";
/** /tmp as berth writes it for 1000:1000: a tmpfs of a quarter of the task's memory, only that user's. */
const tmp = (size: number) => ({ tmpfs: [{ containerPath: "/tmp", size, mountOptions: ["nosuid", "nodev", "exec", "uid=1000", "gid=1000", "mode=0700"] }] });
const logs = (stack: string, name: string, region: string) => ({ logDriver: "awslogs", options: { "awslogs-group": `/berth/berth/${stack}/${name}`, "awslogs-region": region, "awslogs-stream-prefix": name } });

describe("the container's identity on ECS (Pulumi.dev.yaml)", () => {
    let p: Plan;
    before(async () => (p = await planStackOk("dev")));

    it("runs every container as 1000:1000 on a read-only root, with /tmp a tmpfs of its own and no other container", () => {
        for (const svc of ["web", "worker"]) {
            const td = inputs(p, TASKDEF, `${svc}-taskdef`);
            const defs = json(td.containerDefinitions);
            assert.deepEqual(
                defs.map((c: any) => [c.name, c.user, c.readonlyRootFilesystem, c.privileged, c.mountPoints, c.linuxParameters, c.dependsOn]),
                [[svc, "1000:1000", true, false, [], tmp(128), undefined]],
                svc,
            );
            assert.deepEqual(td.volumes, [], svc);
        }
    });

    it("hands Fargate the worker's whole container definition: /tmp a tmpfs of 128 MiB (a quarter of 512), owned by the user", () => {
        assert.deepEqual(json(inputs(p, TASKDEF, "worker-taskdef").containerDefinitions), [
            {
                name: "worker",
                image: `${CACHE}/docker/library/busybox:1.36`,
                essential: true,
                privileged: false,
                user: "1000:1000",
                readonlyRootFilesystem: true,
                command: ["sh", "-c", "while true; do echo working; touch /tmp/heartbeat; sleep 60; done"],
                portMappings: [],
                environment: [],
                secrets: [{ name: "API_TOKEN", valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:berth/berth/dev/worker/API_TOKEN-4666ab" }],
                mountPoints: [],
                linuxParameters: tmp(128),
                healthCheck: { command: ["CMD-SHELL", "test $(( $(date +%s) - $(stat -c %Y /tmp/heartbeat) )) -lt 180"], interval: 60, timeout: 5, retries: 3, startPeriod: 30 },
                logConfiguration: logs("dev", "worker", "us-east-1"),
            },
        ]);
    });
});

describe("the container's identity on the other ECS launch types", () => {
    it("hands EC2 the same tmpfs (Pulumi.ecs-ec2.yaml partners, 512 MiB)", async () => {
        const td = inputs(await planStackOk("ecs-ec2"), TASKDEF, "partners-taskdef");
        assert.deepEqual([td.requiresCompatibilities, td.volumes], [["EC2"], []]);
        assert.deepEqual(json(td.containerDefinitions), [
            {
                name: "partners",
                image: "public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine",
                essential: true,
                privileged: false,
                user: "1000:1000",
                readonlyRootFilesystem: true,
                portMappings: [{ containerPort: 8080, protocol: "tcp", name: "http", appProtocol: "http" }],
                environment: [],
                secrets: [],
                mountPoints: [],
                linuxParameters: tmp(128),
                healthCheck: { command: ["CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1"], interval: 30, timeout: 5, retries: 3, startPeriod: 10 },
                logConfiguration: logs("ecs-ec2", "partners", "eu-west-1"),
            },
        ]);
    });

    it("hands ECS Anywhere the same tmpfs, at the 32 MiB a quarter of 128 MiB gives (Pulumi.ecs-anywhere.yaml sync)", async () => {
        const td = inputs(await planStackOk("ecs-anywhere"), TASKDEF, "sync-taskdef");
        assert.deepEqual([td.requiresCompatibilities, td.networkMode, td.volumes], [["EXTERNAL"], "bridge", []]);
        assert.deepEqual(json(td.containerDefinitions), [
            {
                name: "sync",
                image: "public.ecr.aws/docker/library/busybox:1.36",
                essential: true,
                privileged: false,
                user: "1000:1000",
                readonlyRootFilesystem: true,
                command: ["sh", "-c", "echo syncing"],
                portMappings: [],
                environment: [],
                secrets: [],
                mountPoints: [],
                linuxParameters: tmp(32),
                logConfiguration: logs("ecs-anywhere", "sync", "us-east-1"),
            },
        ]);
    });
});

describe("the container's identity elsewhere", () => {
    it("keeps a writable root and no tmpfs for ECS Exec (Pulumi.ecs-ec2.yaml web)", async () => {
        const p = await planStackOk("ecs-ec2");
        const defs = json(inputs(p, TASKDEF, "web-taskdef").containerDefinitions);
        assert.deepEqual(
            defs.map((c: any) => [c.name, c.user, c.readonlyRootFilesystem, c.linuxParameters, c.dependsOn]),
            [["web", "1000:1000", false, undefined, undefined]],
        );
    });

    it("gives root its /tmp the same way: a tmpfs owned by 0:0 (a quarter of the fixture's 1024 MiB)", async () => {
        const p = await planOk(eksConfig({ "berth:platform": "ecs-fargate", "berth:eks": null, "berth:services": { web: { user: 0 } } }), "identity-root");
        const defs = json(inputs(p, TASKDEF, "web-taskdef").containerDefinitions);
        assert.deepEqual(
            defs.map((c: any) => [c.name, c.user, c.readonlyRootFilesystem, c.mountPoints, c.linuxParameters]),
            [["web", "0:0", true, [], { tmpfs: [{ containerPath: "/tmp", size: 256, mountOptions: ["nosuid", "nodev", "exec", "uid=0", "gid=0", "mode=0700"] }] }]],
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
