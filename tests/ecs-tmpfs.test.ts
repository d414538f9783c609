// GIVEN EcsTask with two writable paths on each launch type (tests/fixtures/ecs-tmpfs.ts), with the
// default user and without one, WHEN planned, THEN each path is a tmpfs on the one container, owned by
// the user (or open to all, sticky, without one), and no helper container or scratch volume is left.
import { strict as assert } from "assert";
import * as path from "path";
import { tmpfsMounts } from "../components/ecs/EcsTask";
import { Plan } from "../plan/engine";
import { fargateConfig, inputs, json, ofType, planOk, planProgramOk } from "./harness";

const PROGRAM = path.join(__dirname, "fixtures", "ecs-tmpfs.ts");
const TASKDEF = "aws:ecs/taskDefinition:TaskDefinition";
const IMAGE = "public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine";
const PATHS = ["/tmp", "/var/cache/nginx"];

/** The whole container definition the fixture's task NAME should receive. */
function expected(name: string, owner: ReadonlyArray<string>, user?: string) {
    return {
        name,
        image: IMAGE,
        essential: true,
        privileged: false,
        ...(user ? { user } : {}),
        readonlyRootFilesystem: true,
        portMappings: [],
        environment: [],
        secrets: [],
        mountPoints: [],
        linuxParameters: { tmpfs: PATHS.map((containerPath) => ({ containerPath, size: 128, mountOptions: ["nosuid", "nodev", "exec", ...owner] })) },
        logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": `/berth/${name}`, "awslogs-region": "eu-west-1", "awslogs-stream-prefix": name } },
    };
}

describe("writable paths as tmpfs mounts on every ECS launch type", () => {
    let p: Plan;
    before(async () => (p = await planProgramOk(PROGRAM)));

    for (const [launch, compatibility, networkMode] of [
        ["fargate", "FARGATE", "awsvpc"],
        ["ec2", "EC2", "awsvpc"],
        ["external", "EXTERNAL", "bridge"],
    ] as const) {
        it(`${compatibility}: a tmpfs per path owned by 1000:1000, mode 0700, on the one container`, () => {
            const td = inputs(p, TASKDEF, `${launch}-user-taskdef`);
            assert.deepEqual([td.requiresCompatibilities, td.networkMode, td.volumes], [[compatibility], networkMode, []]);
            assert.deepEqual(json(td.containerDefinitions), [expected(`${launch}-user`, ["uid=1000", "gid=1000", "mode=0700"], "1000:1000")]);
        });

        it(`${compatibility}: without a user, a tmpfs per path open to all, sticky (mode 1777), with no uid or gid`, () => {
            const td = inputs(p, TASKDEF, `${launch}-nouser-taskdef`);
            assert.deepEqual([td.requiresCompatibilities, td.volumes], [[compatibility], []]);
            assert.deepEqual(json(td.containerDefinitions), [expected(`${launch}-nouser`, ["mode=1777"])]);
        });
    }

    it("runs no container as root, adds no helper container, and leaves no scratch- volume on any task", () => {
        const tasks = ofType(p, TASKDEF);
        assert.equal(tasks.length, 6);
        const users = tasks.map((td) => [td.name, json(td.inputs.containerDefinitions).map((c: { name: string; user?: string; dependsOn?: unknown }) => [c.name, c.user ?? "the image's", c.dependsOn])]);
        assert.deepEqual(
            users.sort(),
            ["ec2", "external", "fargate"]
                .flatMap((l) => [
                    [`${l}-nouser-taskdef`, [[`${l}-nouser`, "the image's", undefined]]],
                    [`${l}-user-taskdef`, [[`${l}-user`, "1000:1000", undefined]]],
                ])
                .sort(),
        );
        for (const td of tasks) assert.equal(JSON.stringify(td.inputs).includes("scratch-"), false, td.name);
    });
});

describe("tmpfsMounts", () => {
    it("gives root its own tmpfs like any other user, and nothing for no paths", () => {
        assert.deepEqual(tmpfsMounts(["/tmp"], 16, { uid: 0, gid: 0 }), [{ containerPath: "/tmp", size: 16, mountOptions: ["nosuid", "nodev", "exec", "uid=0", "gid=0", "mode=0700"] }]);
        assert.deepEqual(tmpfsMounts([], 128, { uid: 1000, gid: 1000 }), []);
    });
});

describe("the tmpfs memory warning, through the plan", () => {
    it("names berth:services.NAME.writablePaths when five quarter-memory paths could outgrow the task, and stays quiet at one", async () => {
        const svc = (writablePaths: string[]) => ({ image: "public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine", port: 8080, cpu: 256, memory: 512, writablePaths });
        const p = await planOk(fargateConfig({ "berth:services": { web: null, many: svc(["/a", "/b", "/c", "/d", "/e"]), one: svc(["/tmp"]) } }), "tmpfs-warning");
        assert.deepEqual(
            p.warnings.filter((w) => w.code === "tmpfs-memory").map((w) => w.path),
            ["berth:services.many.writablePaths"],
        );
        assert.deepEqual(json(inputs(p, TASKDEF, "many-taskdef").containerDefinitions)[0].linuxParameters.tmpfs.length, 5);
    });
});
