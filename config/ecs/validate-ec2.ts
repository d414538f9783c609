// Rules for ECS on EC2 capacity: instance types that can boot the AMI and hold the tasks, a group
// large enough for the services' maximum, and one way of scaling the group.
import { ConfigError, keyPath } from "../errors";
import { ParsedConfig } from "../schema";
import { instanceTypesOf } from "./schema";
import { ENVIRONMENT_DEFAULTS } from "../spec";
import { instanceSize, isGravitonType, networkInterfaces } from "../facts/ec2";

/** The EC2 group: a non-empty size range, and instance types that can boot the chosen AMI architecture. */
export function validateEc2Capacity(ec2: ParsedConfig["ec2"]): ConfigError[] {
    const errors: ConfigError[] = [];
    if (ec2.minSize !== undefined && !(ec2.maxSize >= ec2.minSize)) errors.push({ path: keyPath("ec2", "maxSize"), value: ec2.maxSize, allowed: `at least minSize (${ec2.minSize})` });
    const arm = ec2.architecture === "arm64";
    ec2.instanceTypes?.forEach((t, i) => {
        if (isGravitonType(t) !== arm) {
            errors.push({ path: keyPath("ec2", "instanceTypes", i), value: t, allowed: arm ? "a Graviton (arm64) type such as t4g.medium, to match architecture arm64" : "an x86_64 type such as t3.medium, or set architecture: arm64" });
        }
    });
    return errors;
}

/**
 * A task larger than every instance type can never be placed, and managed scaling cannot help.
 * Only certain cases are refused: the nominal size, although the agent and OS keep a little of it.
 */
export function validateTaskFits(cfg: ParsedConfig): ConfigError[] {
    const sizes = instanceTypesOf(cfg.ec2).map(instanceSize);
    if (sizes.some((x) => x === undefined)) return [];
    const cpu = Math.max(...sizes.map((x) => x!.vcpu * 1024));
    const memory = Math.max(...sizes.map((x) => x!.memoryGiB * 1024));
    const types = instanceTypesOf(cfg.ec2).join(", ");
    return Object.entries(cfg.services).flatMap(([name, svc]) => [
        ...(svc.cpu > cpu ? [{ path: keyPath("services", name, "cpu"), value: svc.cpu, allowed: `at most ${cpu}, the largest of berth:ec2.instanceTypes (${types})` }] : []),
        ...(svc.memory > memory ? [{ path: keyPath("services", name, "memory"), value: svc.memory, allowed: `less than ${memory} MiB, the memory of the largest of berth:ec2.instanceTypes (${types})` }] : []),
        ...(svc.build && (svc.build.platform === "linux/arm64") !== (cfg.ec2.architecture === "arm64")
            ? [{ path: keyPath("services", name, "build", "platform"), value: svc.build.platform, allowed: `${cfg.ec2.architecture === "arm64" ? "linux/arm64" : "linux/amd64"}, to match berth:ec2.architecture` }]
            : []),
    ]);
}

/** The most tasks each service may run at once: its scaling maximum, or its fixed count; a one-off task counts once. */
function mostTasks(cfg: ParsedConfig): Array<[string, number]> {
    const count = ENVIRONMENT_DEFAULTS[cfg.environment].desiredCount;
    return Object.entries(cfg.services).map(([name, s]) => [name, s.kind === "task" ? 1 : (s.scaling?.max ?? s.desiredCount ?? count)]);
}

/**
 * Each awsvpc task takes a network interface of its own, and the instance keeps one. Without ENI
 * trunking (an account-wide setting, and not offered on t3) a t3.large holds 2 tasks, however much
 * CPU and memory it has left. A group whose maxSize cannot hold every service at its maximum leaves
 * tasks in PROVISIONING, and managed scaling cannot add past maxSize.
 */
export function validateTaskSlots(cfg: ParsedConfig): ConfigError[] {
    const types = instanceTypesOf(cfg.ec2);
    const enis = types.map(networkInterfaces);
    if (enis.some((x) => x === undefined)) return [];
    const perInstance = Math.min(...(enis as number[])) - 1;
    const tasks = mostTasks(cfg);
    const total = tasks.reduce((n, [, k]) => n + k, 0);
    const slots = cfg.ec2.maxSize * perInstance;
    if (total <= slots) return [];
    const smallest = types[enis.indexOf(perInstance + 1)];
    return [
        {
            path: keyPath("ec2", "maxSize"),
            value: cfg.ec2.maxSize,
            allowed: `at least ${Math.ceil(total / perInstance)}: each awsvpc task takes a network interface, a ${smallest} has ${perInstance + 1} (one is the instance's), so ${perInstance} task${perInstance === 1 ? "" : "s"} per instance, and the services may run ${total} at once (${tasks.map(([n, k]) => `${n} ${k}`).join(", ")}); or choose instance types with more network interfaces`,
        },
    ];
}

/**
 * The group scales one way. With capacity-provider (the default), ECS adds instances when tasks
 * don't fit, aiming at targetCapacity. With cpu, the group tracks its average CPU (cpuTarget), and
 * ECS only places tasks on what runs.
 */
export function validateEc2Scaling(ec2: ParsedConfig["ec2"]): ConfigError[] {
    if (ec2.scaling === "cpu" && ec2.targetCapacity !== undefined) {
        return [
            {
                path: keyPath("ec2", "targetCapacity"),
                value: ec2.targetCapacity,
                allowed: "nothing with berth:ec2.scaling cpu: the group scales on its average CPU (cpuTarget), not through the capacity provider; remove it, or set scaling: capacity-provider",
            },
        ];
    }
    if (ec2.scaling === "capacity-provider" && ec2.cpuTarget !== undefined) {
        return [
            {
                path: keyPath("ec2", "cpuTarget"),
                value: ec2.cpuTarget,
                allowed: "nothing with berth:ec2.scaling capacity-provider (the default): ECS scales the group to fit the tasks (targetCapacity); set scaling: cpu to scale on average CPU instead",
            },
        ];
    }
    return [];
}

/** Every EC2 capacity rule, for a stack on ecs-ec2. */
export function validateEc2Stack(cfg: ParsedConfig): ConfigError[] {
    return [...validateEc2Capacity(cfg.ec2), ...validateEc2Scaling(cfg.ec2), ...validateTaskFits(cfg), ...validateTaskSlots(cfg)];
}
