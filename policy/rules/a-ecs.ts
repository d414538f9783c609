// Amazon ECS controls of AWS Security Hub's Foundational Security Best Practices (FSBP).
// Control pages: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html
import type { PlannedResource } from "../../start/types";
import type { Policy } from "../types";
import { at, type Json, objects, perContainer, secretLooking, shown, str, TASK_DEFINITION } from "./a-read";

const SERVICE = "aws:ecs/service:Service";
const CLUSTER = "aws:ecs/cluster:Cluster";
const TASK_SET = "aws:ecs/taskSet:TaskSet";
const CAPACITY_PROVIDER = "aws:ecs/capacityProvider:CapacityProvider";

function publicIp(r: PlannedResource, what: string): string[] {
    return at(r.inputs, "networkConfiguration", "assignPublicIp") === true ? [`${what} ${r.name} assigns public IP addresses (networkConfiguration.assignPublicIp: true)`] : [];
}

/** Whether a service runs on Fargate: its launch type, or a FARGATE/FARGATE_SPOT capacity provider. */
function onFargate(r: PlannedResource): boolean {
    const providers = objects(r.inputs.capacityProviderStrategies).map((s) => str(s.capacityProvider));
    return r.inputs.launchType === "FARGATE" || providers.some((p) => p === "FARGATE" || p === "FARGATE_SPOT");
}

/** Whether a task definition runs Linux containers (Windows ones have no `user` in the same sense). */
function linux(r: PlannedResource): boolean {
    return !(str(at(r.inputs, "runtimePlatform", "operatingSystemFamily")) ?? "LINUX").startsWith("WINDOWS");
}

/** root by name or by uid 0, alone or with a group (`0:0`, `root:wheel`). */
export function isRootUser(user: string): boolean {
    const who = user.split(":")[0]?.trim();
    return who === "0" || who === "root";
}

function environmentProblems(c: Json): string[] {
    return objects(c.environment).flatMap((e) => {
        const name = str(e.name) ?? "";
        const why = secretLooking(name, str(e.value) ?? "");
        return why ? [`environment variable ${name} ${why}`] : [];
    });
}

export const ECS_POLICIES: ReadonlyArray<Policy> = [
    {
        // [ECS.2] ECS services should not have public IP addresses assigned automatically: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-2
        name: "ECS.2",
        description: "ECS services do not give their tasks public IP addresses.",
        fix: "run the service in private subnets (berth:network with NAT or VPC endpoints); berth's services must set assignPublicIp: false",
        types: [SERVICE],
        check: (r) => publicIp(r, "service"),
    },
    {
        // [ECS.3] ECS task definitions should not share the host's process namespace: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-3
        name: "ECS.3",
        description: "Task definitions do not share the host's process namespace (pidMode host).",
        fix: "remove pidMode: host from the task definition (berth's EcsTask never needs it)",
        types: [TASK_DEFINITION],
        check: (r) => (r.inputs.pidMode === "host" ? [`task definition ${r.name} shares the host's process namespace (pidMode: host)`] : []),
    },
    {
        // [ECS.4] ECS containers should run as non-privileged: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-4
        name: "ECS.4",
        description: "No container runs privileged.",
        fix: "drop privileged: true from the container definition",
        types: [TASK_DEFINITION],
        check: (r) => perContainer(r, (c) => (c.privileged === true ? "runs privileged (privileged: true)" : undefined)),
    },
    {
        // [ECS.5] ECS containers should be limited to read-only access to root filesystems: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-5
        name: "ECS.5",
        description: "Every container's root file system is read-only.",
        fix: "set readonlyRootFilesystem: true and list the paths the app writes under berth:services.NAME.writablePaths",
        types: [TASK_DEFINITION],
        check: (r) => perContainer(r, (c) => (c.readonlyRootFilesystem === true ? undefined : `readonlyRootFilesystem is ${shown(c.readonlyRootFilesystem)}, not true`)),
    },
    {
        // [ECS.8] Secrets should not be passed as container environment variables: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-8
        // FSBP checks the three credential names; berth also refuses values shaped like secrets.
        name: "ECS.8",
        description: "No container's plain environment holds credentials (AWS keys, ECS engine auth) or a value that looks like a secret.",
        fix: "move the value to berth:services.NAME.secrets (Secrets Manager or SSM), which the task reads at start",
        types: [TASK_DEFINITION],
        check: (r) => perContainer(r, (c) => environmentProblems(c).join("; ") || undefined),
    },
    {
        // [ECS.9] ECS task definitions should have a logging configuration: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-9
        name: "ECS.9",
        description: "Every container sends its logs somewhere (logConfiguration).",
        fix: "give the container a logConfiguration (berth's EcsTask sets awslogs for every container)",
        types: [TASK_DEFINITION],
        check: (r) => perContainer(r, (c) => (c.logConfiguration ? undefined : "has no logConfiguration")),
    },
    {
        // [ECS.10] ECS Fargate services should run on the latest Fargate platform version: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-10
        name: "ECS.10",
        description: "Fargate services run on the LATEST platform version.",
        fix: "leave platformVersion unset or LATEST",
        types: [SERVICE],
        check: (r) => {
            const version = str(r.inputs.platformVersion);
            return onFargate(r) && version !== undefined && version !== "LATEST" ? [`Fargate service ${r.name} is pinned to platform version ${version}`] : [];
        },
    },
    {
        // [ECS.12] ECS clusters should use Container Insights: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-12
        name: "ECS.12",
        description: "Clusters have Container Insights enabled (or enhanced).",
        fix: "berth turns Container Insights on in staging and prod (berth:environment); dev leaves it off to save cost",
        types: [CLUSTER],
        check: (r) => {
            const value = objects(r.inputs.settings).find((s) => s.name === "containerInsights")?.value;
            return value === "enabled" || value === "enhanced" ? [] : [`cluster ${r.name} has Container Insights ${str(value) ?? "unset"}`];
        },
    },
    {
        // [ECS.16] ECS task sets should not automatically assign public IP addresses: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-16
        name: "ECS.16",
        description: "ECS task sets do not give their tasks public IP addresses.",
        fix: "set networkConfiguration.assignPublicIp: false on the task set and use private subnets",
        types: [TASK_SET],
        check: (r) => publicIp(r, "task set"),
    },
    {
        // [ECS.17] ECS task definitions should not use host network mode: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-17
        name: "ECS.17",
        description: "Task definitions do not use the host network mode.",
        fix: "use networkMode awsvpc (berth's default) or bridge",
        types: [TASK_DEFINITION],
        check: (r) => (r.inputs.networkMode === "host" ? [`task definition ${r.name} uses networkMode host`] : []),
    },
    {
        // [ECS.18] ECS Task Definitions should use in-transit encryption for EFS volumes: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-18
        name: "ECS.18",
        description: "Every EFS volume of a task definition encrypts traffic in transit.",
        fix: "set efsVolumeConfiguration.transitEncryption: ENABLED on the volume",
        types: [TASK_DEFINITION],
        check: (r) =>
            objects(r.inputs.volumes)
                .filter((v) => v.efsVolumeConfiguration !== undefined)
                .filter((v) => at(v, "efsVolumeConfiguration", "transitEncryption") !== "ENABLED")
                .map((v) => `EFS volume ${str(v.name) ?? "(unnamed)"} has transitEncryption ${str(at(v, "efsVolumeConfiguration", "transitEncryption")) ?? "unset"}`),
    },
    {
        // [ECS.19] ECS capacity providers should have managed termination protection enabled: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-19
        name: "ECS.19",
        description: "Auto Scaling group capacity providers have managed termination protection.",
        fix: "set autoScalingGroupProvider.managedTerminationProtection: ENABLED (berth's Ec2Capacity does)",
        types: [CAPACITY_PROVIDER],
        check: (r) => {
            const value = at(r.inputs, "autoScalingGroupProvider", "managedTerminationProtection");
            return value === "ENABLED" ? [] : [`capacity provider ${r.name} has managedTerminationProtection ${str(value) ?? "unset"}`];
        },
    },
    {
        // [ECS.20] ECS task definitions should configure non-root users in Linux container definitions: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-20
        // The control (Config rule ecs-task-definition-linux-user-non-root) fails when any container has
        // root or no user, so a helper container (an init container that chowns a volume) counts too.
        name: "ECS.20",
        description: "Every Linux container names a user other than root.",
        fix: "set berth:services.NAME.user to a non-root uid (e.g. 1000:1000); berth's writable paths are tmpfs mounts owned by that user, so no container needs root",
        types: [TASK_DEFINITION],
        check: (r) =>
            linux(r)
                ? perContainer(r, (c) => {
                      const user = str(c.user);
                      if (user === undefined) return "has no user (runs as the image's, often root)";
                      return isRootUser(user) ? `runs as root (user: ${user})` : undefined;
                  })
                : [],
    },
];
