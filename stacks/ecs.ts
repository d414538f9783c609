// What every ECS platform shares once its capacity exists: storage, load balancers, and per service
// the roles, task definition, service and auto scaling. ecs-fargate/ecs-ec2/ecs-anywhere supply
// only the capacity.
import * as pulumi from "@pulumi/pulumi";
import { firstTaskOnDemand, Placement, withoutSpot } from "../components/ecs/capacity";
import { EcsCluster } from "../components/ecs/EcsCluster";
import { EcsService } from "../components/ecs/EcsService";
import { ServiceGroup } from "../components/ecs/ServiceGroup";
import { EcsTask, EfsMount, TaskCompatibility } from "../components/ecs/EcsTask";
import { RunnableTask } from "../components/events/targets";
import { containerInstancePolicy, executionRolePolicy } from "../components/iam/ecs-policies";
import { efsStatement, execLogStatements, execStatement, grantStatements, policyDocument } from "../components/iam/grants";
import { PolicyStatement } from "../components/iam/policies";
import { TaskRoles } from "../components/iam/TaskRoles";
import { AppLoadBalancer } from "../components/loadbalancer/AppLoadBalancer";
import { DnsValidatedCertificate } from "../components/dns/DnsValidatedCertificate";
import { DomainAlias } from "../components/dns/DomainAlias";
import { NetworkLoadBalancer } from "../components/loadbalancer/NetworkLoadBalancer";
import { PrivateLinkService } from "../components/loadbalancer/PrivateLinkService";
import { ServiceScaling } from "../components/scaling/ServiceScaling";
import { EfsFileSystem } from "../components/storage/EfsFileSystem";
import { StackOutputs } from "./outputs";
import { EcsRecord, PatternResources, patternResources, patternTriggers } from "./patterns";
import { family, fileSystems, Foundation, logGroupName, logGroupPrefix, logOutputs, registryOutputs } from "./shared";
import { BerthSpec, ServiceSpec } from "../config/spec";
import { tmpfsSizeMiB } from "../config/identity";
import { accessLogTarget, webAclFor } from "./edge";
import { callerRules, callOrder, ecsEndpoints, internalLoadBalancer, internalUrls, SERVICE_CONNECT_PORT, serviceConnectFor, servesByName } from "./ecs-names";
import { createdArnsOf, CreatedSecretArns, createServiceSecrets, secretRefsOf, secretsOutput } from "./service-secrets";

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
    /** Start the task with ECS Exec on (`exec: true`). @default false */
    readonly exec?: boolean;
}

/** A ready `aws ecs run-task` command for a one-off task, with the service's capacity and network. */
export function runTaskCommand(a: RunTask): string {
    const how = a.strategy ? `--capacity-provider-strategy ${a.strategy.map((s) => `capacityProvider=${s.capacityProvider},weight=${s.weight},base=${s.base ?? 0}`).join(" ")}` : "--launch-type EXTERNAL";
    const network = a.strategy ? ` --network-configuration 'awsvpcConfiguration={subnets=[${a.subnets.join(",")}],securityGroups=[${a.securityGroups.join(",")}],assignPublicIp=DISABLED}'` : "";
    return `aws ecs run-task --region ${a.region} --cluster ${a.cluster} --task-definition ${a.family} --count 1 ${how}${network}${a.exec ? " --enable-execute-command" : ""}`;
}

/** A ready `aws ecs execute-command` into the service's first running task, for a service with `exec: true`. */
export function execCommand(region: string, cluster: string, service: string, container: string): string {
    const task = `$(aws ecs list-tasks --region ${region} --cluster ${cluster} --service-name ${service} --desired-status RUNNING --query 'taskArns[0]' --output text)`;
    return `aws ecs execute-command --region ${region} --cluster ${cluster} --container ${container} --interactive --command /bin/sh --task ${task}`;
}

/**
 * Where this service's tasks go: the platform's placement, minus Fargate Spot for ARM64 tasks, and
 * with the first task on on-demand Fargate when the service may run just one. A mix that gives
 * on-demand FARGATE no share at all (`berth:fargate` with onDemandBase and onDemandWeight 0) is
 * Spot only as written: the cheapest dev, whose single tasks wait for Spot capacity when interrupted.
 */
function placementOf(ctx: EcsContext, svc: ServiceSpec): Placement {
    const p = ctx.capacity.placement;
    if (p.kind !== "fargate") return p;
    if (svc.build?.platform === "linux/arm64") return { kind: "fargate", strategy: withoutSpot(p.strategy) };
    // A one-off task keeps the weights: rerunning an interrupted batch costs less than on-demand for every run.
    const fewest = svc.kind === "task" ? Infinity : (svc.scaling?.min ?? svc.desiredCount);
    const spot = p.strategy.some((s) => s.capacityProvider === "FARGATE_SPOT");
    const onDemand = p.strategy.some((s) => s.capacityProvider === "FARGATE" && (s.weight > 0 || (s.base ?? 0) > 0));
    return spot && onDemand && fewest <= 1 ? { kind: "fargate", strategy: firstTaskOnDemand(p.strategy) } : p;
}

function loadBalancers(spec: BerthSpec, base: Foundation) {
    const behind = (kind: "alb" | "nlb") => Object.values(spec.services).filter((s) => s.loadBalancer === kind);
    const common = {
        vpcId: base.network!.vpcId,
        subnetIds: base.network!.publicSubnetIds,
        allowedCidrs: spec.loadBalancer.allowedCidrs,
        certificateArn: spec.loadBalancer.certificateArn,
        deregistrationDelay: spec.loadBalancer.deregistrationDelay,
        protect: spec.protect,
        tags: spec.tags,
    };
    const albServices = behind("alb");
    const nlbServices = behind("nlb");
    // One bucket for both ALBs, created only when one of them exists.
    const accessLogs = albServices.length || Object.values(spec.services).some((s) => s.internal) ? accessLogTarget(spec, base) : undefined;
    const domain = spec.loadBalancer.domain;
    // Validation allows a domain only with an ALB service; without a certificate of its own, it gets one.
    const issued = domain && !spec.loadBalancer.certificateArn ? new DnsValidatedCertificate("domain", { domainName: domain.name, hostedZoneId: domain.hostedZoneId, tags: spec.tags }) : undefined;
    const alb = albServices.length
        ? new AppLoadBalancer("alb", {
              ...common,
              certificateArn: spec.loadBalancer.certificateArn ?? issued?.certificateArn,
              idleTimeout: spec.loadBalancer.idleTimeout,
              ipAddressType: spec.loadBalancer.ipAddressType,
              accessLogs,
              targets: Object.fromEntries(albServices.map((s) => [s.name, { port: s.port!, path: s.path, priority: s.priority, healthCheck: s.healthCheck }])),
          })
        : undefined;
    // The public ALB only: the internal one answers inside the VPC, where the managed rules' threats are not.
    if (alb) webAclFor(spec, alb.arn);
    const nlb = nlbServices.length
        ? new NetworkLoadBalancer("nlb", {
              ...common,
              targets: Object.fromEntries(nlbServices.map((s) => [s.name, { port: s.port!, listenerPort: s.listenerPort ?? (spec.loadBalancer.certificateArn ? 443 : s.port!), healthCheck: s.healthCheck }])),
          })
        : undefined;
    const alias = domain && alb ? new DomainAlias("domain", { domainName: domain.name, hostedZoneId: domain.hostedZoneId, target: { dnsName: alb.dnsName, zoneId: alb.zoneId } }) : undefined;
    return { alb, nlb, internalAlb: internalLoadBalancer(spec, base, accessLogs), domainUrl: alias && pulumi.interpolate`https://${alias.fqdn}` };
}

/** The task role's policy: the configured grants, EFS client access for each mounted volume, ECS Exec, and what the patterns grant. */
function taskPolicy(svc: ServiceSpec, efs: Record<string, EfsFileSystem>, base: Foundation, logGroup: string, patterns?: pulumi.Output<PolicyStatement[]>) {
    if (!svc.grants.length && !svc.volumes.length && !svc.exec && !patterns) return undefined;
    const volumes = svc.volumes.map((v) => pulumi.all([efs[v.fileSystem].fileSystemArn, efs[v.fileSystem].accessPointArns[v.volume]]));
    return pulumi
        .all([base.partition, pulumi.all(volumes), patterns ?? [], base.logGroupArn(logGroup)])
        .apply(
            ([p, arns, fromPatterns, logs]) =>
                policyDocument([
                    ...svc.grants.flatMap((g, i) => grantStatements(g, `Grant${i}`, p)),
                    ...arns.map(([fs, ap], i) => efsStatement(fs, ap, svc.volumes[i].readOnly, `Efs${i}`)),
                    ...(svc.exec ? [execStatement("EcsExec"), ...execLogStatements(logs, "EcsExec")] : []),
                    ...fromPatterns,
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
    /** The internal ALB of the services with `internal`. */
    readonly internalAlb?: AppLoadBalancer;
    /** https://NAME when berth:loadBalancer.domain is set. */
    readonly domainUrl?: pulumi.Output<string>;
    readonly patterns: PatternResources;
    /** The secrets berth created for services (stacks/service-secrets.ts). */
    readonly secrets: CreatedSecretArns;
}

/** What the ECS agent on the stack's hosts (EC2 instances or ECS Anywhere hosts) may do. */
export function hostPolicy(spec: BerthSpec, base: Foundation, cluster: EcsCluster, opts: { spotDraining: boolean }) {
    return pulumi
        .all([cluster.clusterArn, base.registry.repositoryArn, base.logGroupArn(`${logGroupPrefix(spec)}*`)])
        .apply(([clusterArn, repo, logs]) => containerInstancePolicy({ clusterArn, repositoryArns: [repo], logGroupArnPattern: logs, spotDraining: opts.spotDraining }));
}

/** The execution role's policy: the task's own log group, the ECR repository of its image, its secrets. */
function executionPolicy(ctx: EcsContext, svc: ServiceSpec, logGroup: string) {
    const { base } = ctx;
    return pulumi.all([base.logGroupArn(logGroup), base.imageRepository(svc), base.region, createdArnsOf(svc, ctx.secrets)]).apply(([logGroupArn, repo, region, createdSecretArns]) =>
        executionRolePolicy({
            logGroupArn,
            repositoryArns: repo && !repo.pullThrough ? [repo.arn] : [],
            pullThroughArns: repo?.pullThrough ? [repo.arn] : [],
            secretRefs: Object.values(svc.secrets),
            createdSecretArns,
            secretKmsKeyArns: svc.secretKmsKeys,
            region,
        }),
    );
}

/** What a service or one-off task is made of before it runs: roles, task definition, mounted file systems. */
interface TaskParts {
    readonly task: EcsTask;
    readonly roles: TaskRoles;
    readonly mounted: EfsFileSystem[];
}

/** The service's roles and task definition, and the file systems it mounts. */
function taskFor(ctx: EcsContext, svc: ServiceSpec, group: ServiceGroup): TaskParts {
    const { spec, base, efs } = ctx;
    const logGroup = logGroupName(spec, svc.name);
    const taskRolePolicy = taskPolicy(svc, efs, base, logGroup, ctx.patterns.statements[svc.name]);
    const roles = new TaskRoles(svc.name, { executionPolicy: executionPolicy(ctx, svc, logGroup), taskPolicy: taskRolePolicy, trust: base.trust("ecs"), tags: spec.tags }, group.childOptions("berth:iam:TaskRoles", svc.name));
    const mounts: EfsMount[] = svc.volumes.map((v, i) => ({
        name: `${v.fileSystem}-${v.volume}-${i}`,
        fileSystemId: efs[v.fileSystem].fileSystemId,
        accessPointId: efs[v.fileSystem].accessPointIds[v.volume],
        containerPath: v.mountPath,
        readOnly: v.readOnly,
    }));
    const task = new EcsTask(
        svc.name,
        {
            family: family(spec, svc.name),
            image: base.imageOf(svc),
            port: svc.port,
            portName: servesByName(spec, svc) ? SERVICE_CONNECT_PORT : undefined,
            cpu: svc.cpu,
            memory: svc.memory,
            environment: { ...svc.environment, ...ctx.patterns.environment[svc.name] },
            secrets: secretRefsOf(svc, ctx.secrets),
            readonlyRootFilesystem: svc.readonlyRootFilesystem,
            user: svc.user,
            writable: { paths: svc.writablePaths, sizeMiB: tmpfsSizeMiB(svc.memory) },
            command: svc.command,
            healthCheck: svc.containerHealthCheck,
            compatibility: ctx.capacity.compatibility,
            cpuArchitecture: svc.build?.platform === "linux/arm64" ? "ARM64" : "X86_64",
            vpcId: base.network?.vpcId,
            efs: mounts,
            executionRoleArn: roles.executionRoleArn,
            taskRoleArn: roles.taskRoleArn,
            region: base.region,
            logGroupName: logGroup,
            logRetentionDays: spec.logs.retentionDays,
            protect: spec.protect,
            tags: spec.tags,
        },
        group.childOptions("berth:ecs:EcsTask", svc.name),
    );
    return { task, roles, mounted: [...new Set(svc.volumes.map((v) => v.fileSystem))].map((f) => efs[f]) };
}

/** The task's security groups: its own (awsvpc tasks) and the client group of each file system it mounts. */
function securityGroupsOf(task: EcsTask, mounted: EfsFileSystem[]): pulumi.Output<string>[] {
    return [task.securityGroupId, ...mounted.map((f) => f.clientSecurityGroupId)].filter((x): x is pulumi.Output<string> => x !== undefined);
}

/** The `aws ecs run-task` command of a one-off task, with its network configuration filled in. */
function runTaskOutput(ctx: EcsContext, svc: ServiceSpec, { task, mounted }: TaskParts): pulumi.Output<string> {
    const placement = placementOf(ctx, svc);
    const securityGroups = securityGroupsOf(task, mounted);
    return pulumi
        .all([ctx.cluster.clusterName, task.family, ctx.base.region, placement.kind === "external" ? undefined : placement.strategy, ctx.base.network?.privateSubnetIds ?? [], pulumi.all(securityGroups)])
        .apply(([cluster, family, region, strategy, subnets, sgs]) => runTaskCommand({ cluster, family, region, strategy, subnets, securityGroups: sgs, exec: svc.exec }));
}

/** The internal NLB and VPC endpoint service of a service published through PrivateLink. */
function privateLinkFor(ctx: EcsContext, svc: ServiceSpec, group: ServiceGroup): PrivateLinkService | undefined {
    const pl = svc.privateLink;
    if (!pl) return undefined;
    return new PrivateLinkService(
        `${svc.name}-pl`,
        {
            vpcId: ctx.base.network!.vpcId,
            subnetIds: ctx.base.network!.privateSubnetIds,
            listenerPort: pl.listenerPort ?? svc.port!,
            port: svc.port!,
            healthCheck: svc.healthCheck,
            allowedPrincipals: pl.allowedPrincipals,
            acceptanceRequired: pl.acceptanceRequired,
            deregistrationDelay: ctx.spec.loadBalancer.deregistrationDelay,
            protect: ctx.spec.protect,
            tags: ctx.spec.tags,
        },
        group.childOptions("berth:loadbalancer:PrivateLinkService", `${svc.name}-pl`),
    );
}

/** A long-running service behind its load balancer, with auto scaling when configured. */
function serviceFor(ctx: EcsContext, svc: ServiceSpec, { task, roles, mounted }: TaskParts, group: ServiceGroup, callees: pulumi.Resource[]): { service: EcsService; privateLink?: PrivateLinkService } {
    const { spec, cluster, alb } = ctx;
    const privateLink = privateLinkFor(ctx, svc, group);
    const lb: { targetGroupArns: Record<string, pulumi.Output<string>>; securityGroupId: pulumi.Output<string>; routing: pulumi.Resource[] } | undefined = svc.internal
        ? ctx.internalAlb
        : svc.loadBalancer === "alb"
          ? alb
          : svc.loadBalancer === "nlb"
            ? ctx.nlb
            : privateLink && { targetGroupArns: { [svc.name]: privateLink.targetGroupArn }, securityGroupId: privateLink.securityGroupId, routing: privateLink.routing };
    const service = new EcsService(
        svc.name,
        {
            clusterArn: cluster.clusterArn,
            taskDefinitionArn: task.taskDefinitionArn,
            desiredCount: svc.desiredCount,
            placement: placementOf(ctx, svc),
            subnetIds: ctx.base.network?.privateSubnetIds,
            taskSecurityGroupId: task.securityGroupId,
            extraSecurityGroupIds: mounted.map((f) => f.clientSecurityGroupId),
            loadBalancing: lb ? { targetGroupArn: lb.targetGroupArns[svc.name], securityGroupId: lb.securityGroupId, containerName: task.containerName, containerPort: svc.port!, dependsOn: lb.routing } : undefined,
            distinctHosts: ctx.capacity.placement.kind === "external" && svc.port !== undefined,
            scaled: svc.scaling !== undefined,
            enableExecuteCommand: svc.exec,
            waitForSteadyState: spec.deploy.waitForSteadyState,
            serviceConnect: serviceConnectFor(spec, svc, cluster.namespaceArn, logGroupName(spec, svc.name), ctx.base.region),
            // Tasks that start before their roles' policies exist fail with ResourceInitializationError, and
            // so do tasks that cannot yet pull: no egress yet (a NAT instance), or no cache rule yet.
            dependsOn: [...ctx.capacity.dependsOn, ...mounted.flatMap((f) => f.mountTargets), ...roles.policies, ...(ctx.base.network?.egress ?? []), ...ctx.base.registry.pullThroughRules, ...callees],
            tags: spec.tags,
        },
        group.childOptions("berth:ecs:EcsService", svc.name),
    );
    const s = svc.scaling;
    if (s) {
        // Validation guarantees request-count scaling only on services behind the ALB.
        const requests = s.requests !== undefined && alb ? { target: s.requests, loadBalancerArnSuffix: alb.arnSuffix, targetGroupArnSuffix: alb.targetGroupArnSuffixes[svc.name] } : undefined;
        const placeholders = lb === alb && alb ? { $loadBalancer: alb.arnSuffix, $targetGroup: alb.targetGroupArnSuffixes[svc.name] } : undefined;
        new ServiceScaling(
            svc.name,
            { ...s, clusterName: cluster.clusterName, serviceName: service.serviceName, requests, placeholders, backlog: ctx.patterns.backlog[svc.name], tags: spec.tags },
            group.childOptions("berth:scaling:ServiceScaling", svc.name),
        );
    }
    return { service, privateLink };
}

export function composeEcs(spec: BerthSpec, base: Foundation, cluster: EcsCluster, capacity: EcsCapacity): StackOutputs {
    const lbs = base.network ? loadBalancers(spec, base) : {};
    const patterns = patternResources(spec, cluster.clusterArn);
    const ctx: EcsContext = { spec, base, cluster, capacity, efs: base.network ? fileSystems(spec, base) : {}, ...lbs, patterns, secrets: createServiceSecrets(spec) };
    const services: Record<string, pulumi.Output<string>> = {};
    const tasks: Record<string, pulumi.Output<string>> = {};
    const exec: Record<string, pulumi.Output<string>> = {};
    const endpointServices: Record<string, pulumi.Output<string>> = {};
    const workloads: Record<string, RunnableTask> = {};
    const groups: Record<string, ServiceGroup> = {};
    const taskSecurityGroups: Record<string, pulumi.Output<string> | undefined> = {};
    const created: Record<string, EcsService> = {};
    // Callees first, so that each caller's service waits for theirs (stacks/ecs-names.ts callOrder).
    for (const svc of callOrder(spec)) {
        const group = (groups[svc.name] = new ServiceGroup(svc.name));
        const parts = taskFor(ctx, svc, group);
        taskSecurityGroups[svc.name] = parts.task.securityGroupId;
        if (svc.kind === "task") tasks[svc.name] = runTaskOutput(ctx, svc, parts);
        else {
            const callees = svc.calls.flatMap((c) => (created[c] ? [created[c]] : []));
            const { service, privateLink } = serviceFor(ctx, svc, parts, group, callees);
            created[svc.name] = service;
            services[svc.name] = service.serviceName;
            if (privateLink) endpointServices[svc.name] = privateLink.serviceName;
        }
        if (svc.exec && svc.kind === "service") {
            exec[svc.name] = pulumi.all([base.region, cluster.clusterName, services[svc.name]]).apply(([region, c, service]) => execCommand(region, c, service, svc.name));
        }
        workloads[svc.name] = workloadOf(ctx, svc, parts);
    }
    callerRules(spec, taskSecurityGroups, groups);
    const ecs: EcsRecord = { clusterArn: cluster.clusterArn, workloads };
    return {
        url: ctx.domainUrl ?? ctx.alb?.url ?? ctx.nlb?.dnsName,
        ...publicUrls(ctx),
        platform: spec.platform,
        clusterName: cluster.clusterName,
        services,
        ...(Object.keys(tasks).length ? { tasks } : {}),
        ...(Object.keys(exec).length ? { execCommands: exec } : {}),
        ...(Object.keys(endpointServices).length ? { endpointServices } : {}),
        ...ecsEndpoints(spec, ctx.internalAlb),
        ...registryOutputs(base),
        logs: logOutputs(spec, base.region),
        ...secretsOutput(ctx.secrets, base.region),
        ...(base.network ? { vpcId: base.network.vpcId } : {}),
        ...patternTriggers(spec, base, patterns, ecs),
    };
}

/**
 * Where each public service answers: its route on the ALB (under the domain when there is one), or
 * host:port on the NLB; an internal service, its route on the internal ALB. `url` stays the public
 * load balancer's front door, as before.
 */
function publicUrls(ctx: EcsContext): { urls?: Record<string, pulumi.Output<string>> } {
    const urls: Record<string, pulumi.Output<string>> = internalUrls(ctx.spec, ctx.internalAlb);
    for (const svc of Object.values(ctx.spec.services)) {
        if (svc.loadBalancer === "alb" && ctx.alb) urls[svc.name] = pulumi.interpolate`${ctx.domainUrl ?? ctx.alb.url}${routePrefix(svc.path)}`;
        if (svc.loadBalancer === "nlb" && ctx.nlb) urls[svc.name] = pulumi.interpolate`${ctx.nlb.dnsName}:${svc.listenerPort ?? (ctx.spec.loadBalancer.certificateArn ? 443 : svc.port!)}`;
    }
    return Object.keys(urls).length ? { urls } : {};
}

/** The URL path a route pattern starts with: /api/* → /api/, /* → /. */
export function routePrefix(path: string): string {
    return path.replace(/\*.*$/, "");
}

/** What starting this task from a rule or a schedule takes: the same definition, roles, capacity and network as the composition uses. */
function workloadOf(ctx: EcsContext, svc: ServiceSpec, { task, roles, mounted }: TaskParts): RunnableTask {
    return {
        taskDefinitionArn: task.taskDefinitionArn,
        containerName: task.containerName,
        executionRoleArn: roles.executionRoleArn,
        taskRoleArn: roles.taskRoleArn,
        placement: placementOf(ctx, svc),
        subnetIds: ctx.base.network?.privateSubnetIds,
        securityGroupIds: securityGroupsOf(task, mounted),
        ready: [...ctx.capacity.dependsOn, ...mounted.flatMap((f) => f.mountTargets), ...roles.policies, ...(ctx.base.network?.egress ?? []), ...ctx.base.registry.pullThroughRules],
    };
}
