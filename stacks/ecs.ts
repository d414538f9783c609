// What every ECS platform shares once its capacity exists: storage, load balancers, and per service
// the roles, task definition, service and auto scaling. ecs-fargate/ecs-ec2/ecs-anywhere supply
// only the capacity.
import * as pulumi from "@pulumi/pulumi";
import { Placement, withoutSpot } from "../components/ecs/capacity";
import { EcsCluster } from "../components/ecs/EcsCluster";
import { EcsService } from "../components/ecs/EcsService";
import { EcsTask, EfsMount, TaskCompatibility } from "../components/ecs/EcsTask";
import { efsStatement, grantStatements, policyDocument } from "../components/iam/grants";
import { TaskRoles } from "../components/iam/TaskRoles";
import { AppLoadBalancer } from "../components/loadbalancer/AppLoadBalancer";
import { NetworkLoadBalancer } from "../components/loadbalancer/NetworkLoadBalancer";
import { ServiceScaling } from "../components/scaling/ServiceScaling";
import { EfsFileSystem } from "../components/storage/EfsFileSystem";
import { StackOutputs } from "./outputs";
import { family, Foundation } from "./shared";
import { BerthSpec, ServiceSpec } from "./spec";

export interface EcsCapacity {
    readonly compatibility: TaskCompatibility;
    readonly placement: Placement;
    /** What services wait for (the cluster's capacity association). */
    readonly dependsOn: pulumi.Resource[];
}

export interface RunTask {
    readonly cluster: string;
    readonly family: string;
    readonly region: string;
    /** Capacity provider strategy; none means EXTERNAL. */
    readonly strategy?: ReadonlyArray<{ readonly capacityProvider: string; readonly weight: number; readonly base?: number }>;
    readonly subnets: string[];
    readonly securityGroups: string[];
}

/** A ready `aws ecs run-task` command for a one-off task, with the service's capacity and network. */
export function runTaskCommand(a: RunTask): string {
    const how = a.strategy
        ? `--capacity-provider-strategy ${a.strategy.map((s) => `capacityProvider=${s.capacityProvider},weight=${s.weight},base=${s.base ?? 0}`).join(" ")}`
        : "--launch-type EXTERNAL";
    const network = a.strategy ? ` --network-configuration 'awsvpcConfiguration={subnets=[${a.subnets.join(",")}],securityGroups=[${a.securityGroups.join(",")}],assignPublicIp=DISABLED}'` : "";
    return `aws ecs run-task --region ${a.region} --cluster ${a.cluster} --task-definition ${a.family} --count 1 ${how}${network}`;
}

/** Where this service's tasks go: the platform's placement, minus Fargate Spot for ARM64 tasks. */
function placementOf(ctx: EcsContext, svc: ServiceSpec): Placement {
    const p = ctx.capacity.placement;
    return p.kind === "fargate" && svc.build?.platform === "linux/arm64" ? { kind: "fargate", strategy: withoutSpot(p.strategy) } : p;
}

export function fileSystems(spec: BerthSpec, base: Foundation): Record<string, EfsFileSystem> {
    return Object.fromEntries(
        Object.entries(spec.storage.fileSystems).map(([name, fs]) => [
            name,
            new EfsFileSystem(`efs-${name}`, {
                vpcId: base.network!.vpcId,
                subnetIds: base.network!.privateSubnetIds,
                subnetCount: spec.network.azs,
                volumes: fs.volumes,
                throughputMode: fs.throughputMode,
                transitionToIa: fs.transitionToIa,
                protect: spec.protect,
                tags: spec.tags,
            }),
        ]),
    );
}

function loadBalancers(spec: BerthSpec, base: Foundation) {
    const behind = (kind: "alb" | "nlb") => Object.values(spec.services).filter((s) => s.loadBalancer === kind);
    const common = {
        vpcId: base.network!.vpcId,
        vpcCidr: spec.network.cidr,
        subnetIds: base.network!.publicSubnetIds,
        allowedCidrs: spec.loadBalancer.allowedCidrs,
        certificateArn: spec.loadBalancer.certificateArn,
        deregistrationDelay: spec.loadBalancer.deregistrationDelay,
        protect: spec.protect,
        tags: spec.tags,
    };
    const albServices = behind("alb");
    const nlbServices = behind("nlb");
    const alb = albServices.length
        ? new AppLoadBalancer("alb", {
              ...common,
              idleTimeout: spec.loadBalancer.idleTimeout,
              accessLogs: spec.loadBalancer.accessLogs,
              targets: Object.fromEntries(albServices.map((s) => [s.name, { port: s.port!, path: s.path, priority: s.priority, healthCheck: s.healthCheck }])),
          })
        : undefined;
    const nlb = nlbServices.length
        ? new NetworkLoadBalancer("nlb", {
              ...common,
              targets: Object.fromEntries(
                  nlbServices.map((s) => [s.name, { port: s.port!, listenerPort: s.listenerPort ?? (spec.loadBalancer.certificateArn ? 443 : s.port!), healthCheck: s.healthCheck }]),
              ),
          })
        : undefined;
    return { alb, nlb };
}

/** The task role's policy: the configured grants plus EFS client access for each mounted volume. */
function taskPolicy(svc: ServiceSpec, efs: Record<string, EfsFileSystem>, partition: pulumi.Output<string>) {
    if (!svc.grants.length && !svc.volumes.length) return undefined;
    const volumes = svc.volumes.map((v) => pulumi.all([efs[v.fileSystem].fileSystemArn, efs[v.fileSystem].accessPointArns[v.volume]]));
    return pulumi.all([partition, pulumi.all(volumes)]).apply(([p, arns]) =>
        policyDocument([
            ...svc.grants.flatMap((g, i) => grantStatements(g, `Grant${i}`, p)),
            ...arns.map(([fs, ap], i) => efsStatement(fs, ap, svc.volumes[i].readOnly, `Efs${i}`)),
        ])!,
    );
}

interface EcsContext {
    readonly spec: BerthSpec;
    readonly base: Foundation;
    readonly cluster: EcsCluster;
    readonly capacity: EcsCapacity;
    readonly efs: Record<string, EfsFileSystem>;
    readonly alb?: AppLoadBalancer;
    readonly nlb?: NetworkLoadBalancer;
}

/** The service's roles and task definition, and the file systems it mounts. */
function taskFor(ctx: EcsContext, svc: ServiceSpec): { task: EcsTask; mounted: EfsFileSystem[] } {
    const { spec, base, efs } = ctx;
    const roles = new TaskRoles(svc.name, { secretArns: Object.values(svc.secrets), taskPolicy: taskPolicy(svc, efs, base.partition), trust: base.trust("ecs"), tags: spec.tags });
    const mounts: EfsMount[] = svc.volumes.map((v, i) => ({
        name: `${v.fileSystem}-${v.volume}-${i}`,
        fileSystemId: efs[v.fileSystem].fileSystemId,
        accessPointId: efs[v.fileSystem].accessPointIds[v.volume],
        containerPath: v.mountPath,
        readOnly: v.readOnly,
    }));
    const task = new EcsTask(svc.name, {
        family: family(spec, svc.name),
        image: base.imageOf(svc),
        port: svc.port,
        cpu: svc.cpu,
        memory: svc.memory,
        environment: svc.environment,
        secrets: svc.secrets,
        readonlyRootFilesystem: svc.readonlyRootFilesystem,
        command: svc.command,
        compatibility: ctx.capacity.compatibility,
        cpuArchitecture: svc.build?.platform === "linux/arm64" ? "ARM64" : "X86_64",
        vpcId: base.network?.vpcId,
        efs: mounts,
        executionRoleArn: roles.executionRoleArn,
        taskRoleArn: roles.taskRoleArn,
        region: base.region,
        logRetentionDays: spec.logs.retentionDays,
        protect: spec.protect,
        tags: spec.tags,
    });
    return { task, mounted: [...new Set(svc.volumes.map((v) => v.fileSystem))].map((f) => efs[f]) };
}

/** The `aws ecs run-task` command of a one-off task, with its network configuration filled in. */
function runTaskOutput(ctx: EcsContext, svc: ServiceSpec, task: EcsTask, mounted: EfsFileSystem[]): pulumi.Output<string> {
    const placement = placementOf(ctx, svc);
    const securityGroups = [task.securityGroupId, ...mounted.map((f) => f.clientSecurityGroupId)].filter((x): x is pulumi.Output<string> => x !== undefined);
    return pulumi
        .all([ctx.cluster.clusterName, task.family, ctx.base.region, placement.kind === "external" ? undefined : placement.strategy, ctx.base.network?.privateSubnetIds ?? [], pulumi.all(securityGroups)])
        .apply(([cluster, family, region, strategy, subnets, sgs]) => runTaskCommand({ cluster, family, region, strategy, subnets, securityGroups: sgs }));
}

/** A long-running service behind its load balancer, with auto scaling when configured. */
function serviceFor(ctx: EcsContext, svc: ServiceSpec, task: EcsTask, mounted: EfsFileSystem[]): EcsService {
    const { spec, cluster, alb } = ctx;
    const lb = svc.loadBalancer === "alb" ? alb : svc.loadBalancer === "nlb" ? ctx.nlb : undefined;
    const service = new EcsService(svc.name, {
        clusterArn: cluster.clusterArn,
        taskDefinitionArn: task.taskDefinitionArn,
        desiredCount: svc.desiredCount,
        placement: placementOf(ctx, svc),
        subnetIds: ctx.base.network?.privateSubnetIds,
        taskSecurityGroupId: task.securityGroupId,
        extraSecurityGroupIds: mounted.map((f) => f.clientSecurityGroupId),
        loadBalancing: lb
            ? { targetGroupArn: lb.targetGroupArns[svc.name], securityGroupId: lb.securityGroupId, containerName: task.containerName, containerPort: svc.port!, dependsOn: lb.routing }
            : undefined,
        distinctHosts: ctx.capacity.placement.kind === "external" && svc.port !== undefined,
        scaled: svc.scaling !== undefined,
        dependsOn: [...ctx.capacity.dependsOn, ...mounted.flatMap((f) => f.mountTargets)],
        tags: spec.tags,
    });
    const s = svc.scaling;
    if (s) {
        // Validation guarantees request-count scaling only on services behind the ALB.
        const requests = s.requests !== undefined && alb ? { target: s.requests, loadBalancerArnSuffix: alb.arnSuffix, targetGroupArnSuffix: alb.targetGroupArnSuffixes[svc.name] } : undefined;
        const placeholders = lb === alb && alb ? { $loadBalancer: alb.arnSuffix, $targetGroup: alb.targetGroupArnSuffixes[svc.name] } : undefined;
        new ServiceScaling(svc.name, { ...s, clusterName: cluster.clusterName, serviceName: service.serviceName, requests, placeholders, tags: spec.tags });
    }
    return service;
}

export function composeEcs(spec: BerthSpec, base: Foundation, cluster: EcsCluster, capacity: EcsCapacity): StackOutputs {
    const lbs = base.network ? loadBalancers(spec, base) : {};
    const ctx: EcsContext = { spec, base, cluster, capacity, efs: base.network ? fileSystems(spec, base) : {}, ...lbs };
    const services: Record<string, pulumi.Output<string>> = {};
    const tasks: Record<string, pulumi.Output<string>> = {};
    for (const svc of Object.values(spec.services)) {
        const { task, mounted } = taskFor(ctx, svc);
        if (svc.kind === "task") tasks[svc.name] = runTaskOutput(ctx, svc, task, mounted);
        else services[svc.name] = serviceFor(ctx, svc, task, mounted).serviceName;
    }
    return {
        url: ctx.alb?.url ?? ctx.nlb?.dnsName,
        platform: spec.platform,
        clusterName: cluster.clusterName,
        services,
        ...(Object.keys(tasks).length ? { tasks } : {}),
        repositoryUrl: base.registry.repositoryUrl,
        ...(base.network ? { vpcId: base.network.vpcId } : {}),
    };
}
