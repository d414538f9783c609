// One identity model for a container on every platform: the user it runs as, whether its root file
// system is read-only, and where it may write when it is. ECS reads these in the container definition,
// Kubernetes in the pod's securityContext; App Runner and Express Mode have no such settings.
import { ConfigError, keyPath } from "./errors";
import { MAX_ID, MAX_WRITABLE_PATHS, userSchema, writablePathSchema } from "./identity-schema";

export { MAX_ID, MAX_WRITABLE_PATHS, userSchema, writablePathSchema };
import type { Platform, ServiceConfig } from "./schema";
import type { ConfigWarning } from "./warnings";

export interface User {
    readonly uid: number;
    readonly gid: number;
}

/**
 * The user every container runs as unless its service says otherwise: not root, and the same UID and
 * GID as berth's EFS access points (config/ecs/schema.ts accessPointSchema), so shared files line up.
 */
export const DEFAULT_USER: User = { uid: 1000, gid: 1000 };

/** The smallest tmpfs berth gives a writable path on ECS: room for a few lock, PID and socket files and small temp files. */
export const MIN_TMPFS_MIB = 16;

/**
 * MiB of each writable path's tmpfs on ECS: a quarter of the task's memory, at least MIN_TMPFS_MIB.
 * A tmpfs keeps its files in memory, charged to the memory cgroup of the container that writes them
 * (Linux, Documentation/admin-guide/cgroup-v2.rst, "memory.stat": shmem, "such as tmpfs"), so what the
 * application writes there comes out of the same task memory its heap does, and can get the container
 * OOM-killed before the tmpfs is full. The size is a ceiling, not a reservation (an empty
 * tmpfs holds nothing), and it is a required field (ECS API reference, Tmpfs.size). A quarter leaves
 * the application three quarters when /tmp (the one default path) is full; Docker's own default of
 * half the host's RAM (mount(8), tmpfs "size") would leave half.
 */
export function tmpfsSizeMiB(memory: number): number {
    return Math.max(MIN_TMPFS_MIB, Math.floor(memory / 4));
}

/** Where a read-only container writes by default: /tmp, which most runtimes and tools expect to be writable. */
export const DEFAULT_WRITABLE_PATHS: ReadonlyArray<string> = ["/tmp"];

/** `1000` → 1000:1000 (the group follows the user, never root's group 0 by accident); `"1000:2000"` → 1000:2000. */
export function parseUser(v: number | string): User {
    if (typeof v === "number") return { uid: v, gid: v };
    const [uid, gid] = v.split(":").map(Number);
    return { uid, gid: gid ?? uid };
}

/**
 * The platforms whose APIs set no user or file system (App Runner, Express Mode), and the Kubernetes
 * ones. The same lists as MANAGED_PLATFORMS and KUBERNETES_PLATFORMS, which import spec.ts, which
 * imports this module: a test holds them equal.
 */
export const MANAGED: ReadonlyArray<Platform> = ["apprunner", "ecs-express"];
export const KUBERNETES: ReadonlyArray<Platform> = ["eks", "kubernetes"];

/** Ports below this need root or CAP_NET_BIND_SERVICE to bind. */
export const FIRST_UNPRIVILEGED_PORT = 1024;

/** The service's identity as compositions consume it. */
export interface Identity {
    /** Undefined on App Runner and Express Mode, which run the image's own user. */
    readonly user: User | undefined;
    readonly readonlyRootFilesystem: boolean;
    /** Empty writable directories (a tmpfs each on ECS, an emptyDir on Kubernetes); empty when the root file system is writable. */
    readonly writablePaths: ReadonlyArray<string>;
}

/** The written user, its `runAsUser` alias, or the default. */
function userOf(svc: Pick<ServiceConfig, "user" | "runAsUser">): User {
    if (svc.user !== undefined) return parseUser(svc.user);
    return svc.runAsUser !== undefined ? parseUser(svc.runAsUser) : DEFAULT_USER;
}

/**
 * Non-root and read-only unless the service says otherwise. ECS Exec keeps a writable root file
 * system: its SSM agent writes inside the container (ECS guide, "Monitor containers with ECS Exec").
 */
export function resolveIdentity(svc: Pick<ServiceConfig, "user" | "runAsUser" | "readonlyRootFilesystem" | "writablePaths" | "exec" | "volumes" | "disks">, platform: Platform): Identity {
    if (MANAGED.includes(platform)) return { user: undefined, readonlyRootFilesystem: false, writablePaths: [] };
    const readonlyRootFilesystem = readonlyOf(svc);
    // A default path where a volume or disk is mounted already is writable, and a second mount there would be refused.
    const mounted = mountPaths(svc);
    const paths = svc.writablePaths ?? DEFAULT_WRITABLE_PATHS.filter((p) => !mounted.has(p));
    return { user: userOf(svc), readonlyRootFilesystem, writablePaths: readonlyRootFilesystem ? [...paths] : [] };
}

/** Read-only unless written otherwise; ECS Exec's agent needs a writable one. */
const readonlyOf = (svc: Pick<ServiceConfig, "readonlyRootFilesystem" | "exec">) => svc.readonlyRootFilesystem ?? !svc.exec;

/** Where the service's volumes and disks are mounted: writable already. */
const mountPaths = (svc: Pick<ServiceConfig, "volumes" | "disks">) => new Set([...svc.volumes.map((v) => v.mountPath), ...svc.disks.map((d) => d.mountPath)]);

const MANAGED_NAME: Record<string, string> = { apprunner: "App Runner", "ecs-express": "Express Mode" };

/** The identity keys of one service, on its platform. */
export function validateIdentity(name: string, svc: ServiceConfig, platform: Platform): ConfigError[] {
    const at = (...k: Array<string | number>) => keyPath("services", name, ...k);
    const errors: ConfigError[] = [];
    if (svc.user !== undefined && svc.runAsUser !== undefined) errors.push({ path: at("runAsUser"), value: svc.runAsUser, allowed: "nothing beside user: runAsUser is the old name of user; keep user" });
    if (MANAGED.includes(platform)) {
        const why = `the ${MANAGED_NAME[platform]} API has no such setting: the image's own USER runs, with a writable file system`;
        for (const key of ["user", "runAsUser", "writablePaths"] as const) if (svc[key] !== undefined) errors.push({ path: at(key), value: svc[key], allowed: `nothing on ${platform}: ${why}` });
        return errors;
    }
    const user = userOf(svc);
    const kubernetes = KUBERNETES.includes(platform);
    // Only user can say root: runAsUser starts at 1.
    if (kubernetes && user.uid === 0) errors.push({ path: at("user"), value: svc.user, allowed: `a UID other than 0 on ${platform}: berth runs no root containers on Kubernetes (runAsNonRoot, the restricted Pod Security Standard)` });
    if (svc.port !== undefined && svc.port < FIRST_UNPRIVILEGED_PORT && user.uid !== 0) {
        const where = kubernetes
            ? "every capability is dropped, so a non-root container cannot bind it"
            : "ECS leaves net.ipv4.ip_unprivileged_port_start at the kernel's 1024, so a non-root user cannot bind it (aws/containers-roadmap#1721); user: 0 would, as root";
        errors.push({ path: at("port"), value: svc.port, allowed: `1024 or above: ${where}. Listen on 8080 (e.g. nginx-unprivileged); the load balancer keeps ports 80 and 443` });
    }
    if (svc.writablePaths !== undefined) errors.push(...validateWritablePaths(name, svc.writablePaths, svc, readonlyOf(svc)));
    return errors;
}

function validateWritablePaths(name: string, paths: ReadonlyArray<string>, svc: ServiceConfig, readonly: boolean): ConfigError[] {
    const at = (...k: Array<string | number>) => keyPath("services", name, "writablePaths", ...k);
    if (!readonly) return [{ path: at(), value: paths, allowed: "nothing with a writable root file system (readonlyRootFilesystem: false, or exec: true): the whole file system is writable already" }];
    const errors: ConfigError[] = [];
    const mounted = mountPaths(svc);
    paths.forEach((p, i) => {
        if (paths.indexOf(p) !== i) errors.push({ path: at(i), value: p, allowed: "a path not listed twice" });
        if (mounted.has(p)) errors.push({ path: at(i), value: p, allowed: "a path no volume or disk of this service is mounted at (that mount is writable already)" });
    });
    return errors;
}

/** Config that deploys but should be heard of: the old key name, and a root container on ECS. */
export function identityWarnings(services: Readonly<Record<string, { readonly user?: User }>>, raw: Record<string, unknown>, platform: Platform): ConfigWarning[] {
    const written = (raw.services ?? {}) as Record<string, Record<string, unknown> | undefined>;
    const out: ConfigWarning[] = [];
    for (const [name, svc] of Object.entries(services)) {
        const w = written[name] ?? {};
        if (w.runAsUser !== undefined) out.push({ code: "renamed-key", path: keyPath("services", name, "runAsUser"), message: `is the old name of user, and works on every platform now: write user: ${JSON.stringify(w.runAsUser)}` });
        if (svc.user?.uid === 0 && !KUBERNETES.includes(platform)) {
            out.push({ code: "root-user", path: keyPath("services", name, "user"), message: "runs the container as root: Security Hub's ECS.20 fails, and an escape from the container starts with every privilege; prefer a non-root UID" });
        }
    }
    return out;
}

/**
 * ECS services whose writable paths, full, could take more than the task's memory: each path's tmpfs
 * may hold tmpfsSizeMiB(memory), and all of it is the task's memory (tmpfsSizeMiB). It deploys, and
 * paths that stay small cost nothing; but one that fills gets the task OOM-killed.
 */
export function tmpfsMemoryWarnings(services: Readonly<Record<string, { readonly writablePaths: ReadonlyArray<string>; readonly memory: number }>>, platform: Platform): ConfigWarning[] {
    if (MANAGED.includes(platform) || KUBERNETES.includes(platform)) return [];
    return Object.entries(services).flatMap(([name, svc]) => {
        const n = svc.writablePaths.length;
        const size = tmpfsSizeMiB(svc.memory);
        if (n * size <= svc.memory) return [];
        return [
            {
                code: "tmpfs-memory" as const,
                path: keyPath("services", name, "writablePaths"),
                message: `${n} writable paths of ${size} MiB each (a quarter of memory, at least ${MIN_TMPFS_MIB} MiB) could hold ${n * size} MiB, more than the task's ${svc.memory} MiB: a task that fills them is OOM-killed. List fewer paths or give the task more memory`,
            },
        ];
    });
}
