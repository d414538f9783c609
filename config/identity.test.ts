import { strict as assert } from "assert";
import { serviceSchema } from "./schema";
import { KUBERNETES_PLATFORMS } from "./eks/validate";
import { MANAGED_PLATFORMS } from "./managed/validate";
import { DEFAULT_USER, KUBERNETES, MANAGED, identityWarnings, MIN_TMPFS_MIB, parseUser, resolveIdentity, tmpfsMemoryWarnings, tmpfsSizeMiB, userSchema, validateIdentity, writablePathSchema } from "./identity";

const svc = (over: Record<string, unknown> = {}) => serviceSchema.parse({ image: "public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine", port: 8080, ...over });
const paths = (name: string, s: ReturnType<typeof svc>, platform: Parameters<typeof validateIdentity>[2]) => validateIdentity(name, s, platform).map((e) => [e.path, e.value]);

describe("the user key", () => {
    it("knows the managed and Kubernetes platforms as their validators do", () => {
        assert.deepEqual([MANAGED, KUBERNETES], [MANAGED_PLATFORMS, KUBERNETES_PLATFORMS]);
    });

    it("reads a UID, or UID:GID; the group follows the user when omitted", () => {
        assert.deepEqual(parseUser(101), { uid: 101, gid: 101 });
        assert.deepEqual(parseUser("101"), { uid: 101, gid: 101 });
        assert.deepEqual(parseUser("1000:2000"), { uid: 1000, gid: 2000 });
        assert.deepEqual(parseUser(0), { uid: 0, gid: 0 });
    });

    it("takes 0-2147483647 and numeric strings only", () => {
        for (const ok of [0, 2147483647, "0:0", "65534:65534"]) assert.ok(userSchema.safeParse(ok).success, String(ok));
        for (const bad of [-1, 2147483648, 1.5, "nginx", "1000:", ":1000", "1000:1000:1"]) assert.ok(!userSchema.safeParse(bad).success, String(bad));
    });

    it("takes absolute writable paths, but not / or ..", () => {
        for (const ok of ["/tmp", "/var/cache/nginx"]) assert.ok(writablePathSchema.safeParse(ok).success, ok);
        for (const bad of ["/", "tmp", "/a/../b", "/a b"]) assert.ok(!writablePathSchema.safeParse(bad).success, bad);
    });

    it("takes 1 to 5 writable paths", () => {
        const n = (k: number) => serviceSchema.safeParse({ image: "x", writablePaths: Array.from({ length: k }, (_, i) => `/w${i}`) }).success;
        assert.deepEqual([n(0), n(1), n(5), n(6)], [false, true, true, false]);
    });
});

describe("resolveIdentity: non-root and read-only by default, on every platform that can say so", () => {
    const table: Array<[string, Record<string, unknown>, string, unknown]> = [
        ["defaults on ECS", {}, "ecs-fargate", { user: DEFAULT_USER, readonlyRootFilesystem: true, writablePaths: ["/tmp"] }],
        ["defaults on Kubernetes", {}, "eks", { user: { uid: 1000, gid: 1000 }, readonlyRootFilesystem: true, writablePaths: ["/tmp"] }],
        ["ECS Exec keeps a writable root", { exec: true }, "ecs-ec2", { user: DEFAULT_USER, readonlyRootFilesystem: false, writablePaths: [] }],
        ["a writable root has no writable paths", { readonlyRootFilesystem: false }, "kubernetes", { user: DEFAULT_USER, readonlyRootFilesystem: false, writablePaths: [] }],
        ["the old runAsUser still works", { runAsUser: 65534 }, "ecs-fargate", { user: { uid: 65534, gid: 65534 }, readonlyRootFilesystem: true, writablePaths: ["/tmp"] }],
        ["user and writable paths as written", { user: "101:101", writablePaths: ["/tmp", "/var/cache/nginx"] }, "ecs-anywhere", { user: { uid: 101, gid: 101 }, readonlyRootFilesystem: true, writablePaths: ["/tmp", "/var/cache/nginx"] }],
        ["no default /tmp where a volume is mounted", { volumes: [{ fileSystem: "shared", volume: "v", mountPath: "/tmp" }] }, "ecs-fargate", { user: DEFAULT_USER, readonlyRootFilesystem: true, writablePaths: [] }],
        ["nor where a disk is", { disks: [{ name: "t", sizeGiB: 1, mountPath: "/tmp" }] }, "eks", { user: DEFAULT_USER, readonlyRootFilesystem: true, writablePaths: [] }],
        ["App Runner runs the image's user, writable", {}, "apprunner", { user: undefined, readonlyRootFilesystem: false, writablePaths: [] }],
        ["so does Express Mode", {}, "ecs-express", { user: undefined, readonlyRootFilesystem: false, writablePaths: [] }],
    ];
    for (const [what, over, platform, expected] of table) it(what, () => assert.deepEqual(resolveIdentity(svc(over), platform as never), expected));
});

describe("validateIdentity", () => {
    it("accepts the defaults everywhere", () => {
        for (const p of ["ecs-fargate", "ecs-ec2", "ecs-anywhere", "eks", "kubernetes", "apprunner", "ecs-express"] as const) assert.deepEqual(validateIdentity("web", svc(), p), [], p);
    });

    it("refuses a port below 1024 for a non-root user, on the limit and one past it, and names the fix", () => {
        for (const p of ["ecs-fargate", "eks", "kubernetes"] as const) {
            assert.deepEqual(paths("web", svc({ port: 1023 }), p), [["berth:services.web.port", 1023]], p);
            assert.deepEqual(paths("web", svc({ port: 1024 }), p), [], p);
        }
        const [ecs] = validateIdentity("web", svc({ port: 80 }), "ecs-fargate");
        assert.equal(
            ecs.allowed,
            "1024 or above: ECS leaves net.ipv4.ip_unprivileged_port_start at the kernel's 1024, so a non-root user cannot bind it (aws/containers-roadmap#1721); user: 0 would, as root. Listen on 8080 (e.g. nginx-unprivileged); the load balancer keeps ports 80 and 443",
        );
        const [k8s] = validateIdentity("web", svc({ port: 80 }), "eks");
        assert.equal(k8s.allowed, "1024 or above: every capability is dropped, so a non-root container cannot bind it. Listen on 8080 (e.g. nginx-unprivileged); the load balancer keeps ports 80 and 443");
        // App Runner and Express run the image's own user, which may bind what it likes.
        assert.deepEqual(validateIdentity("web", svc({ port: 80 }), "apprunner"), []);
    });

    it("lets root bind port 80 on ECS, and refuses root on Kubernetes with the reason", () => {
        assert.deepEqual(validateIdentity("web", svc({ port: 80, user: 0 }), "ecs-ec2"), []);
        const e = validateIdentity("web", svc({ port: 8080, user: "0:0" }), "kubernetes");
        assert.deepEqual(e, [{ path: "berth:services.web.user", value: "0:0", allowed: "a UID other than 0 on kubernetes: berth runs no root containers on Kubernetes (runAsNonRoot, the restricted Pod Security Standard)" }]);
        assert.deepEqual(paths("web", svc({ user: "1:0" }), "eks"), [], "group 0 with a non-root user is allowed");
    });

    it("takes user or its old name, not both", () => {
        assert.deepEqual(validateIdentity("web", svc({ user: 1000, runAsUser: 1000 }), "eks"), [{ path: "berth:services.web.runAsUser", value: 1000, allowed: "nothing beside user: runAsUser is the old name of user; keep user" }]);
        assert.deepEqual(validateIdentity("web", svc({ runAsUser: 1000 }), "eks"), []);
    });

    it("says nothing of writable paths nobody wrote, whatever the root file system", () => {
        assert.deepEqual(validateIdentity("web", svc({ exec: true }), "ecs-fargate"), []);
        assert.deepEqual(validateIdentity("web", svc({ readonlyRootFilesystem: false }), "eks"), []);
    });

    it("refuses the identity keys on App Runner and Express Mode, with the reason", () => {
        const e = validateIdentity("web", svc({ user: 1000, runAsUser: 7, writablePaths: ["/tmp"] }), "ecs-express");
        assert.deepEqual(
            e.map((x) => x.path),
            ["berth:services.web.runAsUser", "berth:services.web.user", "berth:services.web.runAsUser", "berth:services.web.writablePaths"],
        );
        assert.equal(e[1].allowed, "nothing on ecs-express: the Express Mode API has no such setting: the image's own USER runs, with a writable file system");
        assert.match(validateIdentity("web", svc({ user: 1000 }), "apprunner")[0].allowed, /^nothing on apprunner: the App Runner API has no such setting/);
    });

    it("refuses writable paths that do nothing: on a writable root, twice, or where a volume is mounted", () => {
        assert.deepEqual(paths("web", svc({ exec: true, writablePaths: ["/tmp"] }), "ecs-fargate"), [["berth:services.web.writablePaths", ["/tmp"]]]);
        assert.deepEqual(paths("web", svc({ readonlyRootFilesystem: false, writablePaths: ["/tmp"] }), "eks"), [["berth:services.web.writablePaths", ["/tmp"]]]);
        assert.deepEqual(validateIdentity("web", svc({ writablePaths: ["/tmp", "/tmp"] }), "eks"), [{ path: "berth:services.web.writablePaths.1", value: "/tmp", allowed: "a path not listed twice" }]);
        assert.equal(
            validateIdentity("web", svc({ exec: true, writablePaths: ["/tmp"] }), "ecs-fargate")[0].allowed,
            "nothing with a writable root file system (readonlyRootFilesystem: false, or exec: true): the whole file system is writable already",
        );
        const mounted = svc({ writablePaths: ["/data", "/tmp"], volumes: [{ fileSystem: "shared", volume: "v", mountPath: "/data" }] });
        assert.deepEqual(validateIdentity("web", mounted, "ecs-fargate"), [{ path: "berth:services.web.writablePaths.0", value: "/data", allowed: "a path no volume or disk of this service is mounted at (that mount is writable already)" }]);
        const disk = svc({ writablePaths: ["/d"], disks: [{ name: "d", sizeGiB: 1, mountPath: "/d" }] });
        assert.deepEqual(paths("web", disk, "eks"), [["berth:services.web.writablePaths.0", "/d"]]);
    });
});

describe("identityWarnings", () => {
    it("names the old key and the root container on ECS, and nothing else", () => {
        const w = identityWarnings({ a: { user: { uid: 7, gid: 7 } }, b: { user: { uid: 0, gid: 0 } }, c: { user: undefined } }, { services: { a: { runAsUser: 7 }, b: { user: 0 } } }, "ecs-fargate");
        assert.deepEqual(w, [
            { code: "renamed-key", path: "berth:services.a.runAsUser", message: "is the old name of user, and works on every platform now: write user: 7" },
            { code: "root-user", path: "berth:services.b.user", message: "runs the container as root: Security Hub's ECS.20 fails, and an escape from the container starts with every privilege; prefer a non-root UID" },
        ]);
        assert.deepEqual(identityWarnings({ b: { user: { uid: 1, gid: 1 } } }, {}, "eks"), []);
    });
});

describe("tmpfsSizeMiB and tmpfsMemoryWarnings", () => {
    it("sizes each tmpfs at a quarter of the task's memory, rounded down, and never below 16 MiB", () => {
        assert.deepEqual([64, 65, 128, 512, 1023, 1024, 30720].map(tmpfsSizeMiB), [16, 16, 32, 128, 255, 256, 7680]);
        assert.equal(tmpfsSizeMiB(8), MIN_TMPFS_MIB);
    });

    const warned = (paths: number, memory: number, platform: Parameters<typeof tmpfsMemoryWarnings>[1] = "ecs-fargate") =>
        tmpfsMemoryWarnings({ web: { writablePaths: Array.from({ length: paths }, (_, i) => `/w${i}`), memory } }, platform).map((w) => [w.code, w.path]);

    it("warns when the paths, full, could take more than the task's memory: five quarters, or the 16 MiB floor on a tiny task", () => {
        // Four quarters fill the task exactly: the limit, not past it.
        assert.deepEqual([warned(4, 512), warned(5, 512)], [[], [["tmpfs-memory", "berth:services.web.writablePaths"]]]);
        assert.deepEqual([warned(3, 48), warned(4, 48)], [[], [["tmpfs-memory", "berth:services.web.writablePaths"]]]);
        assert.deepEqual(warned(0, 16), []);
    });

    it("says what each path may hold and what to change", () => {
        const [w] = tmpfsMemoryWarnings({ web: { writablePaths: ["/a", "/b", "/c", "/d", "/e"], memory: 512 } }, "ecs-ec2");
        assert.equal(
            w.message,
            "5 writable paths of 128 MiB each (a quarter of memory, at least 16 MiB) could hold 640 MiB, more than the task's 512 MiB: a task that fills them is OOM-killed. List fewer paths or give the task more memory",
        );
    });

    it("warns on ECS only: Kubernetes' emptyDir is on disk, and App Runner and Express take no writable paths", () => {
        for (const p of ["ecs-fargate", "ecs-ec2", "ecs-anywhere"] as const) assert.equal(warned(5, 512, p).length, 1, p);
        for (const p of ["eks", "kubernetes", "apprunner", "ecs-express"] as const) assert.deepEqual(warned(5, 512, p), [], p);
    });
});
