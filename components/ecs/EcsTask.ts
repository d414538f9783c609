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
    /** Containers that must have exited with 0 before this one starts. @default none */
    readonly after?: ReadonlyArray<string>;
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
        ...(c.after?.length ? { dependsOn: c.after.map((containerName) => ({ containerName, condition: "SUCCESS" })) } : {}),
        portMappings: c.port ? [{ containerPort: c.port, ...(c.fixedHostPort ? { hostPort: c.port } : {}), protocol: "tcp", ...(c.portName ? { name: c.portName, appProtocol: "http" } : {}) }] : [],
        environment: Object.entries(c.environment).map(([name, value]) => ({ name, value })),
        secrets: Object.entries(c.secrets).map(([name, valueFrom]) => ({ name, valueFrom })),
        mountPoints: (c.mounts ?? []).map((m) => ({ ...m })),
        ...(c.healthCheck ? { healthCheck: { ...c.healthCheck, command: [...c.healthCheck.command] } } : {}),
        logConfiguration: {
            logDriver: "awslogs",
            options: { "awslogs-group": c.logGroup, "awslogs-region": c.region, "awslogs-stream-prefix": c.name },
        },
    };
}

/** Whether a task gets the scratch container: writable paths, for a user other than root (root writes to the root-owned volumes as they are). */
export function needsScratchInit(user: { readonly uid: number } | undefined, writablePaths: ReadonlyArray<string> | undefined): boolean {
    return (writablePaths ?? []).length > 0 && user !== undefined && user.uid !== 0;
}

/** The container that hands the scratch volumes to the task's user, and exits, before the application starts. */
export const SCRATCH_CONTAINER = "scratch-init";

/**
 * Docker's default capabilities (moby, oci/caps/defaults.go) but CHOWN: the scratch container may
 * change an owner and nothing else. Fargate accepts any capability in `drop` (ECS task definition
 * parameters, "linuxParameters").
 */
export const ALL_BUT_CHOWN = ["AUDIT_WRITE", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"];

/**
 * A task volume with no host path is an empty bind mount, owned by root with mode 0755 (ECS developer
 * guide, "Use bind mounts with Amazon ECS", which states it beside its Dockerfile VOLUME example; the
 * init-container chown is the pattern of aws/containers-roadmap#938), and Fargate takes no tmpfs
 * (task definition parameters, linuxParameters.tmpfs). So a non-root
 * container could not write to it: this short-lived container, root but with CHOWN alone, gives each
 * scratch directory to the task's user and exits, and the application waits for its success.
 */
export function scratchInitDefinition(o: { readonly image: string; readonly user: string; readonly paths: ReadonlyArray<string>; readonly logGroup: string; readonly region: string }) {
    return {
        name: SCRATCH_CONTAINER,
        image: o.image,
        essential: false,
        privileged: false,
        user: "0",
        readonlyRootFilesystem: true,
        command: ["chown", o.user, ...o.paths],
        linuxParameters: { capabilities: { drop: [...ALL_BUT_CHOWN] } },
        mountPoints: scratchMounts(o.paths),
        logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": o.logGroup, "awslogs-region": o.region, "awslogs-stream-prefix": SCRATCH_CONTAINER } },
    };
}

/** The scratch volumes' mount points, at the same paths in both containers. */
function scratchMounts(paths: ReadonlyArray<string>) {
    return paths.map((containerPath, i) => ({ sourceVolume: `scratch-${i}`, containerPath, readOnly: false }));
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
    /** Empty directories the container may write to, each a task volume given to `user` by the scratch container. @default none */
    readonly writablePaths?: ReadonlyArray<string>;
    /** The image of the scratch container (it needs `chown`). Required with writablePaths. */
    readonly scratchImage?: pulumi.Input<string>;
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
                        ...(args.writablePaths ?? []).map((_, i) => ({ name: `scratch-${i}` })),
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

/** The task's container (then its scratch container, with writable paths), as the JSON string a task definition takes. */
function containerDefinitionsJson(name: string, args: EcsTaskArgs, logGroupName: pulumi.Input<string>, awsvpc: boolean): pulumi.Output<string> {
    const paths = args.writablePaths ?? [];
    const user = args.user && `${args.user.uid}:${args.user.gid}`;
    const init = needsScratchInit(args.user, paths);
    return pulumi.all([args.image, logGroupName, args.region, pulumi.output(args.environment ?? {}), args.scratchImage, pulumi.output(args.secrets ?? {})]).apply(([image, logGroup, region, environment, scratchImage, secrets]) =>
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
                after: init ? [SCRATCH_CONTAINER] : [],
                mounts: [...scratchMounts(paths), ...(args.efs ?? []).map((v) => ({ sourceVolume: v.name, containerPath: v.containerPath, readOnly: v.readOnly }))],
            }),
            ...(init ? [scratchInitDefinition({ image: scratchImage!, user: user!, paths, logGroup, region })] : []),
        ]),
    );
}
