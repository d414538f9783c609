// The Pod Security Standards' restricted profile, over the pod templates berth writes:
// https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
// (restricted includes every baseline control, so those are checked here too).
import type { PlannedResource } from "../../start/types";
import type { Policy } from "../types";
import { at, type Json, obj, objects, shown, str, strings } from "./a-read";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const CRON_JOB = "kubernetes:batch/v1:CronJob";
const JOB = "kubernetes:batch/v1:Job";

/** Volume types the restricted profile allows ("Volume Types"). */
const ALLOWED_VOLUMES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];
const SECCOMP_OK = ["RuntimeDefault", "Localhost"];
/** Baseline's "Sysctls": the safe set (as of Kubernetes 1.32). */
const SAFE_SYSCTLS = [
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
    "net.ipv4.tcp_rmem",
    "net.ipv4.tcp_wmem",
];
/** Baseline's "SELinux": these types only, and no custom user or role. */
const SELINUX_TYPES = ["container_t", "container_init_t", "container_kvm_t", "container_engine_t"];

/** Baseline's AppArmor and SELinux rules, for a pod's or a container's securityContext (`who` names it). */
function labelProblems(sc: Json, who: string): string[] {
    const problems: string[] = [];
    const apparmor = str(at(sc, "appArmorProfile", "type"));
    if (apparmor !== undefined && !SECCOMP_OK.includes(apparmor)) problems.push(`${who} appArmorProfile is ${apparmor}`);
    const selinux = obj(sc.seLinuxOptions);
    const type = str(selinux.type);
    if (type !== undefined && !SELINUX_TYPES.includes(type)) problems.push(`${who} seLinuxOptions.type is ${type}`);
    if (selinux.user !== undefined || selinux.role !== undefined) problems.push(`${who} seLinuxOptions sets a custom user or role`);
    return problems;
}

function podSpec(r: PlannedResource): Json {
    const spec = r.type === CRON_JOB ? at(r.inputs, "spec", "jobTemplate", "spec", "template", "spec") : at(r.inputs, "spec", "template", "spec");
    return obj(spec);
}

function allContainers(pod: Json): Json[] {
    return [...objects(pod.initContainers), ...objects(pod.containers), ...objects(pod.ephemeralContainers)];
}

function hostNamespaces(pod: Json): string[] {
    return ["hostNetwork", "hostPID", "hostIPC"].filter((k) => pod[k] === true).map((k) => `the pod sets ${k}: true`);
}

function volumeProblems(pod: Json): string[] {
    return objects(pod.volumes).flatMap((v) => {
        const kinds = Object.keys(v).filter((k) => k !== "name");
        const bad = kinds.filter((k) => !ALLOWED_VOLUMES.includes(k));
        return bad.length ? [`volume ${str(v.name) ?? "(unnamed)"} is of type ${bad.join(", ")}, which restricted does not allow`] : [];
    });
}

function podLevel(pod: Json): string[] {
    const sc = obj(pod.securityContext);
    const problems: string[] = [];
    if (sc.runAsUser === 0) problems.push("the pod sets runAsUser: 0");
    if (sc.runAsNonRoot === false) problems.push("the pod sets runAsNonRoot: false");
    const seccomp = str(at(sc, "seccompProfile", "type"));
    if (seccomp !== undefined && !SECCOMP_OK.includes(seccomp)) problems.push(`the pod's seccompProfile is ${seccomp}`);
    const unsafe = objects(sc.sysctls)
        .map((x) => str(x.name) ?? "")
        .filter((n) => !SAFE_SYSCTLS.includes(n));
    if (unsafe.length) problems.push(`the pod sets unsafe sysctls ${unsafe.join(", ")}`);
    return [...problems, ...labelProblems(sc, "the pod's")];
}

/** One container's problems; `pod` supplies the settings a container inherits (runAsNonRoot, seccomp). */
function containerProblems(c: Json, pod: Json): string[] {
    const sc = obj(c.securityContext);
    const podSc = obj(pod.securityContext);
    const caps = obj(sc.capabilities);
    const added = strings(caps.add).filter((cap) => cap !== "NET_BIND_SERVICE");
    const seccomp = str(at(sc, "seccompProfile", "type")) ?? str(at(podSc, "seccompProfile", "type"));
    const problems = [
        sc.privileged === true ? "privileged: true" : undefined,
        sc.allowPrivilegeEscalation === false ? undefined : `allowPrivilegeEscalation is ${shown(sc.allowPrivilegeEscalation)}, not false`,
        (sc.runAsNonRoot ?? podSc.runAsNonRoot) === true ? undefined : "runAsNonRoot is not true (neither the container nor the pod sets it)",
        sc.runAsUser === 0 ? "runAsUser: 0" : undefined,
        strings(caps.drop).includes("ALL") ? undefined : "capabilities do not drop ALL",
        added.length ? `adds capabilities ${added.join(", ")} (only NET_BIND_SERVICE may be added)` : undefined,
        seccomp !== undefined && SECCOMP_OK.includes(seccomp) ? undefined : `seccompProfile is ${seccomp ?? "unset"}, not RuntimeDefault or Localhost`,
        objects(c.ports).some((p) => typeof p.hostPort === "number" && p.hostPort !== 0) ? "uses a hostPort" : undefined,
        sc.procMount !== undefined && sc.procMount !== "Default" ? `procMount is ${shown(sc.procMount)}` : undefined,
    ];
    return [...problems.filter((p): p is string => !!p), ...labelProblems(sc, "its")].map((p) => `container ${str(c.name) ?? "(unnamed)"}: ${p}`);
}

export const PSS_POLICIES: ReadonlyArray<Policy> = [
    {
        // Pod Security Standards, restricted: https://kubernetes.io/docs/concepts/security/pod-security-standards/
        name: "PSS.restricted",
        description: "Every Deployment, CronJob and Job's pods meet the Pod Security Standards' restricted profile.",
        fix: "run as a non-root user (berth:services.NAME.user), keep berth's securityContext (no privilege escalation, drop ALL, RuntimeDefault seccomp) and use only configMap, secret, emptyDir, PVC, projected, CSI, ephemeral or downwardAPI volumes",
        types: [DEPLOYMENT, CRON_JOB, JOB],
        check: (r) => {
            const pod = podSpec(r);
            return [...hostNamespaces(pod), ...podLevel(pod), ...volumeProblems(pod), ...allContainers(pod).flatMap((c) => containerProblems(c, pod))];
        },
    },
];
