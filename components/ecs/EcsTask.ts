import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { protectOpts, Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { egressOnlySecurityGroup } from "../network/egress";

/** Where the task runs; it decides the network mode and compatibilities. */
export type TaskCompatibility = "FARGATE" | "EC2" | "EXTERNAL";

export interface ContainerArgs {
    /** Container name; also the log stream prefix. Required. */
    readonly name: string;
    /** Image URI. Required. */
    readonly image: string;
    /** TCP port the container listens on. @default none: no port mapping */
    readonly port?: number;
    /** Names the port mapping and marks it HTTP, for ECS Service Connect to serve. @default unnamed */
    readonly portName?: string;
    /** Plain environment variables; never secrets. Required. */
    readonly environment: Readonly<Record<string, string>>;
    /** Name -> Secrets Manager or SSM parameter ARN. Required. */
    readonly secrets: Readonly<Record<string, string>>;
    /** Mount the root filesystem read-only. Required. */
    readonly readonlyRootFilesystem: boolean;
    /** Overrides the image's command. @default the image's CMD */
    readonly command?: ReadonlyArray<string>;
    /** CloudWatch log group of the awslogs driver. Required. */
    readonly logGroup: string;
    /** Region of the log group. Required. */
    readonly region: string;
    /** Publish the container port on the same host port (bridge mode, where nothing else finds a random one). @default false */
    readonly fixedHostPort?: boolean;
    /** Mounted volumes; the volume names refer to the task definition's `volumes`. @default none */
    readonly mounts?: ReadonlyArray<{ readonly sourceVolume: string; readonly containerPath: string; readonly readOnly: boolean }>;
    /** The container's own health check; ECS replaces a task whose check fails. @default none */
    readonly healthCheck?: ContainerHealthCheckArgs;
    /** "UID:GID" to run as. @default the image's USER */
    readonly user?: string;
    /** In-memory file systems (linuxParameters.tmpfs). @default none */
    readonly tmpfs?: ReadonlyArray<TmpfsMount>;
}

/** A container health check as ECS takes it: the command, and seconds for interval, timeout and start period. */
export interface ContainerHealthCheckArgs {
    readonly command: ReadonlyArray<string>;
    readonly interval: number;
    readonly timeout: number;
    readonly retries: number;
    readonly startPeriod: number;
}

/**
 * The container definition ECS receives. Secrets go in `secrets` (resolved by the agent at start),
 * never in `environment`; the container is never privileged.
 */
export function containerDefinition(c: ContainerArgs) {
    return {
        name: c.name,
        image: c.image,
        essential: true,
        privileged: false,
        ...(c.user !== undefined ? { user: c.user } : {}),
        readonlyRootFilesystem: c.readonlyRootFilesystem,
        ...(c.command ? { command: [...c.command] } : {}),
        portMappings: c.port ? [{ containerPort: c.port, ...(c.fixedHostPort ? { hostPort: c.port } : {}), protocol: "tcp", ...(c.portName ? { name: c.portName, appProtocol: "http" } : {}) }] : [],
        environment: Object.entries(c.environment).map(([name, value]) => ({ name, value })),
        secrets: Object.entries(c.secrets).map(([name, valueFrom]) => ({ name, valueFrom })),
        mountPoints: (c.mounts ?? []).map((m) => ({ ...m })),
        ...(c.tmpfs?.length ? { linuxParameters: { tmpfs: c.tmpfs.map((t) => ({ ...t, mountOptions: [...t.mountOptions] })) } } : {}),
        ...(c.healthCheck ? { healthCheck: { ...c.healthCheck, command: [...c.healthCheck.command] } } : {}),
        logConfiguration: {
            logDriver: "awslogs",
            options: { "awslogs-group": c.logGroup, "awslogs-region": c.region, "awslogs-stream-prefix": c.name },
        },
    };
}

/** One tmpfs mount of a container, as the ECS API takes it (API reference, "Tmpfs"): size in MiB. */
export interface TmpfsMount {
    readonly containerPath: string;
    readonly size: number;
    readonly mountOptions: ReadonlyArray<string>;
}

/**
 * A tmpfs per writable path, on every launch type: EC2 and EXTERNAL always took `linuxParameters.tmpfs`,
 * and Fargate (and ECS Managed Instances) take it since 2026-01-06
 * (https://aws.amazon.com/about-aws/whats-new/2026/01/amazon-ecs-tmpfs-mounts-aws-fargate-managed-instances/;
 * fields and mount options: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Tmpfs.html).
 * The kernel applies `uid`, `gid` and `mode` when it mounts the tmpfs, so the directory belongs to the
 * task's user from the start: no root helper container has to chown a root-owned bind mount (which
 * Security Hub's ECS.20 fails). Without a user, mode 1777 (sticky, like /tmp) lets the image's USER write.
 * `exec` is written out because Docker mounts a tmpfs noexec unless told (docker run --tmpfs), and
 * runtimes load native libraries they extract to /tmp (Netty, snappy-java, JNA, Python wheels): the
 * bind mounts these replace, and Kubernetes' emptyDir, allow exec too, so a service behaves the same
 * on every platform. nosuid and nodev cost nothing.
 */
export function tmpfsMounts(paths: ReadonlyArray<string>, sizeMiB: number, user: { readonly uid: number; readonly gid: number } | undefined): TmpfsMount[] {
    const owner = user ? [`uid=${user.uid}`, `gid=${user.gid}`, "mode=0700"] : ["mode=1777"];
    return paths.map((containerPath) => ({ containerPath, size: sizeMiB, mountOptions: ["nosuid", "nodev", "exec", ...owner] }));
}

/** An EFS volume mounted through an access point, with TLS in transit and IAM authorization. */
export interface EfsMount {
    /** Volume name in the task definition, unique within the task. Required. */
    readonly name: string;
    /** The EFS file system. Required. */
    readonly fileSystemId: pulumi.Input<string>;
    /** The access point that fixes the mount's root directory and POSIX user. Required. */
    readonly accessPointId: pulumi.Input<string>;
    /** Where the container sees the volume. Required. */
    readonly containerPath: string;
    /** Mount read-only. Required. */
    readonly readOnly: boolean;
}

export interface EcsTaskArgs {
    /** Task definition family. Required. */
    readonly family: string;
    /** Image URI. Required. */
    readonly image: pulumi.Input<string>;
    /** TCP port the container listens on. @default none: the task serves no traffic */
    readonly port?: number;
    /** The port mapping's name, which ECS Service Connect refers to. @default unnamed */
    readonly portName?: string;
    /** CPU units (1024 = 1 vCPU). Required. */
    readonly cpu: number;
    /** MiB. Required. */
    readonly memory: number;
    /** Plain environment variables; never secrets. Values may come from other resources (a queue URL). @default none */
    readonly environment?: Readonly<Record<string, pulumi.Input<string>>>;
    /** Name -> Secrets Manager or SSM parameter ARN (an ARN may come from a secret the stack creates), resolved by the agent at start. @default none */
    readonly secrets?: Readonly<Record<string, pulumi.Input<string>>>;
    /** Mount the container's root filesystem read-only. @default false */
    readonly readonlyRootFilesystem?: boolean;
    /** The user and group the container runs as. @default the image's USER */
    readonly user?: { readonly uid: number; readonly gid: number };
    /**
     * Empty directories the container may write to, each a tmpfs owned by `user` (tmpfsMounts) of
     * `sizeMiB` (ECS requires a size; it counts against the task's memory). @default none
     */
    readonly writable?: { readonly paths: ReadonlyArray<string>; readonly sizeMiB: number };
    /** Overrides the image's command. @default the image's CMD */
    readonly command?: ReadonlyArray<string>;
    /** The container's own health check. @default none */
    readonly healthCheck?: ContainerHealthCheckArgs;
    /** Where the task runs; EXTERNAL means bridge mode and no security group. @default "FARGATE" */
    readonly compatibility?: TaskCompatibility;
    /** CPU architecture of Fargate tasks. @default "X86_64" */
    readonly cpuArchitecture?: "X86_64" | "ARM64";
    /** VPC of the task's security group (awsvpc tasks only). @default none: required unless compatibility is EXTERNAL */
    readonly vpcId?: pulumi.Input<string>;
    /** EFS volumes. @default none */
    readonly efs?: ReadonlyArray<EfsMount>;
    /** Role ECS uses to pull the image, ship logs and read the secrets. Required. */
    readonly executionRoleArn: pulumi.Input<string>;
    /** Role the application runs as. Required. */
    readonly taskRoleArn: pulumi.Input<string>;
    /** Region of the log group, for the awslogs driver. Required. */
    readonly region: pulumi.Input<string>;
    /** The log group's name; with a fixed name the execution role can be scoped to it. @default auto-named after the component */
    readonly logGroupName?: string;
    /** Log retention in days. @default 14 */
    readonly logRetentionDays?: number;
    /** Keep the log group when the stack is destroyed. @default false (true in prod) */
    readonly protect?: boolean;
    /** Tags for every child. @default none */
    readonly tags?: Tags;
    /** Overrides for the main children's args, applied just before each is created. @default none */
    readonly transform?: {
        readonly taskDefinition?: Transform<aws.ecs.TaskDefinitionArgs>;
        readonly logGroup?: Transform<aws.cloudwatch.LogGroupArgs>;
        readonly securityGroup?: Transform<aws.ec2.SecurityGroupArgs>;
    };
}

/**
 * A task definition, its log group, and (for awsvpc tasks) its security group, which admits nothing
 * until a load balancer is wired to it. Services and one-off tasks both start from this.
 */
export class EcsTask extends pulumi.ComponentResource {
    readonly taskDefinitionArn: pulumi.Output<string>;
    /** The task's own security group; undefined for bridge-mode (EXTERNAL) tasks. */
    readonly securityGroupId?: pulumi.Output<string>;
    readonly family: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;
    readonly containerName: string;

    constructor(name: string, args: EcsTaskArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:ecs:EcsTask", name, {}, opts);
        const compatibility = args.compatibility ?? "FARGATE";
        const awsvpc = compatibility !== "EXTERNAL";
        if (awsvpc) this.securityGroupId = this.securityGroup(name, args);
        const logs = new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            applyTransform<aws.cloudwatch.LogGroupArgs>({ name: args.logGroupName, retentionInDays: args.logRetentionDays ?? 14, tags: { ...args.tags } }, args.transform?.logGroup),
            protectOpts(this, args.protect ?? false),
        );
        const taskDef = new aws.ecs.TaskDefinition(
            `${name}-taskdef`,
            applyTransform<aws.ecs.TaskDefinitionArgs>(
                {
                    family: args.family,
                    // ECS Anywhere has no awsvpc mode; bridge is its default.
                    networkMode: awsvpc ? "awsvpc" : "bridge",
                    requiresCompatibilities: [compatibility],
                    cpu: String(args.cpu),
                    memory: String(args.memory),
                    executionRoleArn: args.executionRoleArn,
                    taskRoleArn: args.taskRoleArn,
                    containerDefinitions: containerDefinitionsJson(name, args, logs.name, awsvpc),
                    volumes: [
                        ...(args.efs ?? []).map((v) => ({
                            name: v.name,
                            efsVolumeConfiguration: {
                                fileSystemId: v.fileSystemId,
                                transitEncryption: "ENABLED",
                                authorizationConfig: { accessPointId: v.accessPointId, iam: "ENABLED" },
                            },
                        })),
                    ],
                    runtimePlatform: compatibility === "FARGATE" ? { operatingSystemFamily: "LINUX", cpuArchitecture: args.cpuArchitecture ?? "X86_64" } : undefined,
                    tags: { ...args.tags },
                },
                args.transform?.taskDefinition,
            ),
            { parent: this },
        );
        this.taskDefinitionArn = taskDef.arn;
        this.family = taskDef.family;
        this.logGroupName = logs.name;
        this.containerName = name;
        this.registerOutputs({ taskDefinitionArn: this.taskDefinitionArn, family: this.family, logGroupName: this.logGroupName, securityGroupId: this.securityGroupId });
    }

    /** The awsvpc task's own security group: no inbound until a load balancer is wired to it. */
    private securityGroup(name: string, args: EcsTaskArgs): pulumi.Output<string> {
        // Tasks reach ECR, CloudWatch Logs and Secrets Manager through NAT; their addresses are not fixed.
        const sg = egressOnlySecurityGroup(name, { vpcId: args.vpcId!, description: `Tasks of ${name}`, egressDescription: "Outbound to AWS APIs and dependencies", tags: args.tags, transform: args.transform?.securityGroup }, this);
        return sg.id;
    }
}

/** The task's one container, as the JSON string a task definition takes. */
function containerDefinitionsJson(name: string, args: EcsTaskArgs, logGroupName: pulumi.Input<string>, awsvpc: boolean): pulumi.Output<string> {
    const user = args.user && `${args.user.uid}:${args.user.gid}`;
    const tmpfs = args.writable ? tmpfsMounts(args.writable.paths, args.writable.sizeMiB, args.user) : [];
    return pulumi.all([args.image, logGroupName, args.region, pulumi.output(args.environment ?? {}), pulumi.output(args.secrets ?? {})]).apply(([image, logGroup, region, environment, secrets]) =>
        JSON.stringify([
            containerDefinition({
                name,
                image,
                port: args.port,
                portName: args.portName,
                environment,
                secrets,
                readonlyRootFilesystem: args.readonlyRootFilesystem ?? false,
                command: args.command,
                healthCheck: args.healthCheck,
                logGroup,
                region,
                // External hosts have no load balancer to discover a dynamic port, so the port is fixed.
                fixedHostPort: !awsvpc,
                user,
                mounts: (args.efs ?? []).map((v) => ({ sourceVolume: v.name, containerPath: v.containerPath, readOnly: v.readOnly })),
                tmpfs,
            }),
        ]),
    );
}
