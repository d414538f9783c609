// ECS start paths: services, tasks started by EventBridge or Scheduler, and Express services. On
// Fargate the task's own interface pulls the image, reads the secrets and writes the logs; on EC2 and
// ECS Anywhere the container agent on the host does (ECS Developer Guide, "Amazon ECS task execution
// IAM role"), so the host's network is the one that must reach them.
import { imageNeed, registryHost } from "./images";
import { arnStart, type Need, orderNeed, roleWaits } from "./needs";
import { recordedVpcs, type Placement } from "./network";
import { secretNeeds, SecretKeys } from "./secrets";
import type { PlanIndex, WorkloadKind, PlannedResource } from "./types";

export interface Workload {
    readonly workload: string;
    readonly kind: WorkloadKind;
    readonly service?: string;
    readonly urn: string;
    readonly needs: Need[];
}

export interface Scope {
    readonly index: PlanIndex;
    readonly account: string;
    readonly region: string;
    /** Each service's secrets' customer-managed keys, as the stack config names them. */
    readonly secretKeys: SecretKeys;
}

interface ContainerDefinition {
    readonly name: string;
    readonly image: string;
    readonly essential?: boolean;
    readonly user?: string;
    readonly portMappings?: ReadonlyArray<{ readonly containerPort: number }>;
    readonly secrets?: ReadonlyArray<{ readonly name: string; readonly valueFrom: string }>;
    readonly repositoryCredentials?: { readonly credentialsParameter: string };
    readonly logConfiguration?: { readonly logDriver: string; readonly options?: Record<string, string> };
}

interface NetworkConfiguration {
    readonly subnets?: string[];
    readonly securityGroups?: string[];
    readonly assignPublicIp?: boolean | string;
}

/** Where the pulls and reads leave from: the task's interface on Fargate, the instances' on EC2, unknown on ECS Anywhere. */
/** `instanceRole`: the EC2 instances' role, which pulls images and writes awslogs for a task without an execution role. */
type Host = { readonly kind: "fargate"; readonly placement?: Placement } | { readonly kind: "ec2"; readonly placement?: Placement; readonly instanceRole?: string } | { readonly kind: "external" };

const placementOf = (n: NetworkConfiguration | undefined): Placement | undefined =>
    n?.subnets ? { subnets: n.subnets, securityGroups: n.securityGroups ?? [], publicIp: n.assignPublicIp === true || n.assignPublicIp === "true" || n.assignPublicIp === "ENABLED" } : undefined;

/** The instances an EC2 capacity provider launches: its Auto Scaling group's subnets and its launch template's interface. */
function instancesOf(index: PlanIndex, providerName: string): (Placement & { readonly instanceRole?: string }) | undefined {
    const provider = index.ofType("aws:ecs/capacityProvider:CapacityProvider").find((p) => p.inputs.name === providerName || p.id === providerName || p.name === providerName) ?? index.find(providerName);
    const asgArn = (provider?.inputs.autoScalingGroupProvider as { autoScalingGroupArn?: string } | undefined)?.autoScalingGroupArn;
    const asg = asgArn ? index.find(asgArn, "aws:autoscaling/group:Group") : index.ofType("aws:autoscaling/group:Group").find((g) => (g.inputs.tags as { key: string }[] | undefined)?.some((t) => t.key === "AmazonECSManaged"));
    if (!asg) return undefined;
    type Spec = { readonly launchTemplateId?: string; readonly id?: string };
    const mixed = (asg.inputs.mixedInstancesPolicy as { launchTemplate?: { launchTemplateSpecification?: Spec } } | undefined)?.launchTemplate?.launchTemplateSpecification;
    const spec: Spec | undefined = mixed ?? (asg.inputs.launchTemplate as Spec | undefined);
    const templateId = spec?.launchTemplateId ?? spec?.id;
    const template = templateId ? index.find(templateId, "aws:ec2/launchTemplate:LaunchTemplate") : undefined;
    const nic = (template?.inputs.networkInterfaces as { associatePublicIpAddress?: string | boolean; securityGroups?: string[] }[] | undefined)?.[0];
    const instanceProfile = template?.inputs.iamInstanceProfile as { arn?: string; name?: string } | undefined;
    const profileRef = instanceProfile?.arn ?? instanceProfile?.name;
    const profile = profileRef ? index.find(profileRef, "aws:iam/instanceProfile:InstanceProfile") : undefined;
    const role = typeof profile?.inputs.role === "string" ? index.find(profile.inputs.role, "aws:iam/role:Role") : undefined;
    return {
        instanceRole: role?.arn ?? undefined,
        subnets: (asg.inputs.vpcZoneIdentifiers as string[] | undefined) ?? [],
        publicIp: nic?.associatePublicIpAddress === true || nic?.associatePublicIpAddress === "true",
        securityGroups: nic?.securityGroups ?? (template?.inputs.vpcSecurityGroupIds as string[] | undefined) ?? [],
    };
}

function hostOf(index: PlanIndex, r: { launchType?: unknown; capacityProviderStrategies?: unknown; networkConfiguration?: unknown }): Host {
    if (r.launchType === "EXTERNAL") return { kind: "external" };
    const providers = ((r.capacityProviderStrategies as { capacityProvider: string }[] | undefined) ?? []).map((s) => s.capacityProvider);
    const network = placementOf(r.networkConfiguration as NetworkConfiguration | undefined);
    if (r.launchType === "FARGATE" || providers.some((p) => p.startsWith("FARGATE"))) return { kind: "fargate", placement: network };
    const instances = instancesOf(index, providers[0] ?? "");
    return { kind: "ec2", placement: instances, instanceRole: instances?.instanceRole };
}

/** The task definition's containers; none when the plan's record is unreadable (a redacted or unknown value). */
const containersOf = (taskDef: PlannedResource): ContainerDefinition[] => {
    const raw = taskDef.inputs.containerDefinitions;
    try {
        const parsed: unknown = typeof raw === "string" ? JSON.parse(raw) : raw;
        return Array.isArray(parsed) ? (parsed as ContainerDefinition[]).filter((c) => !!c && typeof c.image === "string") : [];
    } catch {
        return [];
    }
};

/** The needs of one task definition run on `host`: every container's image, secrets and logs. */
function taskNeeds(scope: Scope, taskDef: PlannedResource, host: Host, service: string | undefined): Need[] {
    const { index, account, region } = scope;
    const declared = taskDef.inputs.executionRoleArn as string | undefined;
    // Without an execution role, the EC2 container agent pulls and logs as the instance role; Fargate and
    // external hosts cannot, and no launch type reads secrets without one (ECS Developer Guide, "Amazon
    // ECS task execution IAM role").
    const exec = declared ?? (host.kind === "ec2" ? host.instanceRole : undefined);
    const noRole = { result: "broken" as const, reason: "the task definition has no execution role: ECS cannot pull from ECR, read secrets or write awslogs for it; berth sets one for every task (a bug in berth: please report it)" };
    const from = host.kind === "external" ? undefined : host.placement;
    const onPrem = host.kind === "external" ? (what: string) => ({ result: "assumed" as const, reason: `ECS Anywhere: the host's own network must reach ${what}` }) : undefined;
    const needs: Need[] = [];
    const images = new Set<string>();
    for (const c of containersOf(taskDef)) {
        if (!images.has(c.image)) {
            images.add(c.image);
            const need: Need = { ...imageNeed(c.image, index, account, region, exec, from), missingIdentity: noRole };
            const registry = need.calls ? `ECR (ecr.api, ecr.dkr and S3 in ${region})` : (registryHost(c.image) ?? "Docker Hub");
            needs.push(onPrem ? { ...need, from: undefined, reach: undefined, outcome: need.outcome ?? onPrem(registry) } : need);
        }
        const secrets = [...(c.secrets ?? []).map((s) => ({ name: s.name, ref: s.valueFrom })), ...(c.repositoryCredentials ? [{ name: "registry credentials", ref: c.repositoryCredentials.credentialsParameter }] : [])];
        for (const need of secretNeeds(scope, service, secrets, declared, from).map((n): Need => ({ ...n, missingIdentity: noRole })))
            needs.push(onPrem ? { ...need, from: undefined, reach: undefined, outcome: need.outcome ?? onPrem(`Secrets Manager or SSM in ${region}`) } : need);
        const found = logNeed(scope, c, exec, from);
        const logs: Need | undefined = found && { ...found, missingIdentity: noRole };
        // Containers that share a log group share its step.
        if (logs && !needs.some((n) => n.kind === "logs" && n.subject === logs.subject)) needs.push(onPrem ? { ...logs, from: undefined, reach: undefined, outcome: logs.outcome ?? onPrem(`CloudWatch Logs in ${region}`) } : logs);
    }
    return needs;
}

/** awslogs: the group must exist (berth does not let the driver create groups), and the execution role writes to it. */
function logNeed(scope: Scope, c: ContainerDefinition, exec: string | undefined, from: Placement | undefined): Need | undefined {
    const options = c.logConfiguration?.options ?? {};
    if (c.logConfiguration?.logDriver !== "awslogs") return undefined;
    const group = options["awslogs-group"];
    const region = options["awslogs-region"] ?? scope.region;
    const recorded = scope.index.ofType("aws:cloudwatch/logGroup:LogGroup").find((g) => g.inputs.name === group);
    const creates = options["awslogs-create-group"] === "true";
    const stream = `${arnStart(region)}:logs:${region}:${scope.account}:log-group:${group}:log-stream:${options["awslogs-stream-prefix"] ?? c.name}/${c.name}/TASK_ID`;
    const missing =
        !recorded && !creates
            ? { result: "broken" as const, reason: `log group ${group} is not in this stack, and ECS does not create it: the task stops with ResourceInitializationError; let berth create it (berth:logs) or create it before the deploy` }
            : undefined;
    return {
        kind: "logs",
        subject: group,
        identity: exec,
        calls: [
            ...(creates && !recorded ? [{ action: "logs:CreateLogGroup", resource: `${arnStart(region)}:logs:${region}:${scope.account}:log-group:${group}` }] : []),
            { action: "logs:CreateLogStream", resource: stream },
            { action: "logs:PutLogEvents", resource: stream },
        ],
        from,
        reach: from ? ["logs"] : undefined,
        outcome: missing,
        waitFor: recorded ? [{ urn: recorded.urn, what: `the log group ${group}` }] : [],
    };
}

/** What ECS asks of the load balancer path: the target port is a container port its user may bind, and the load balancer's groups reach it. */
function healthNeeds(index: PlanIndex, service: PlannedResource, taskDef: PlannedResource): Need[] {
    const containers = containersOf(taskDef);
    const lbs = (service.inputs.loadBalancers as { containerName: string; containerPort: number; targetGroupArn?: string }[] | undefined) ?? [];
    return lbs.map((lb) => {
        const subject = `${lb.containerName}:${lb.containerPort}`;
        const c = containers.find((x) => x.name === lb.containerName);
        if (!c) return { kind: "health", subject, outcome: { result: "broken", reason: `the load balancer targets container ${lb.containerName}, which the task definition does not have` } };
        if (!(c.portMappings ?? []).some((p) => p.containerPort === lb.containerPort)) {
            return {
                kind: "health",
                subject,
                outcome: {
                    result: "broken",
                    reason: `the load balancer targets port ${lb.containerPort}, but container ${c.name} maps ${(c.portMappings ?? []).map((p) => p.containerPort).join(", ") || "no port"}: health checks fail and ECS replaces the tasks`,
                },
            };
        }
        if (lb.containerPort < 1024 && c.user === undefined)
            return {
                kind: "health",
                subject,
                outcome: { result: "assumed", reason: `container ${c.name} listens on ${lb.containerPort} (below 1024) as the image's own user, which the plan cannot see: the image must run as root, or listen on 8080` },
            };
        const uid = Number((c.user ?? "0").split(":")[0]);
        if (lb.containerPort < 1024 && uid !== 0)
            return { kind: "health", subject, outcome: { result: "broken", reason: `container ${c.name} runs as user ${uid}, which may not bind port ${lb.containerPort} (below 1024): listen on 8080` } };
        const check = lb.targetGroupArn ? (index.find(lb.targetGroupArn, "aws:lb/targetGroup:TargetGroup")?.inputs.healthCheck as { port?: string; path?: string; protocol?: string } | undefined) : undefined;
        const checkPort = check?.port;
        // A health check on another port than the traffic's must hit a port the container maps too.
        if (checkPort && checkPort !== "traffic-port" && !(c.portMappings ?? []).some((p) => String(p.containerPort) === checkPort)) {
            return { kind: "health", subject, outcome: { result: "broken", reason: `the target group checks port ${checkPort}, which container ${c.name} does not map: every check fails and ECS replaces the tasks` } };
        }
        const how = check?.path ? `${check.protocol ?? "HTTP"} ${check.path} on ${checkPort && checkPort !== "traffic-port" ? checkPort : lb.containerPort}` : `TCP on ${lb.containerPort}`;
        return {
            kind: "health",
            subject,
            outcome: { result: "proven", reason: `the target group sends to ${subject}, a port the container maps, and checks ${how}${check?.path ? " (the path itself must answer with a success code)" : ""}` },
        };
    });
}

/** The security groups of the load balancer that sends to `targetGroupArn`: through the listener or listener rule that forwards to it. */
function loadBalancerGroups(index: PlanIndex, targetGroupArn: string): string[] | undefined {
    const forwards = (r: PlannedResource) => JSON.stringify(r.inputs.defaultActions ?? r.inputs.actions ?? []).includes(targetGroupArn);
    const rule = index.ofType("aws:lb/listenerRule:ListenerRule").find(forwards);
    const listener = rule ? index.find(String(rule.inputs.listenerArn), "aws:lb/listener:Listener") : index.ofType("aws:lb/listener:Listener").find(forwards);
    const lb = listener ? index.find(String(listener.inputs.loadBalancerArn), "aws:lb/loadBalancer:LoadBalancer") : undefined;
    return lb ? ((lb.inputs.securityGroups as string[] | undefined) ?? []) : undefined;
}

function connectNeeds(index: PlanIndex, service: PlannedResource, host: Host): Need[] {
    const lbs = (service.inputs.loadBalancers as { containerName: string; containerPort: number; targetGroupArn?: string }[] | undefined) ?? [];
    const tasks = placementOf(service.inputs.networkConfiguration as NetworkConfiguration | undefined)?.securityGroups ?? (host.kind === "ec2" ? host.placement?.securityGroups : undefined) ?? [];
    return lbs.flatMap((lb): Need[] => {
        const groups = lb.targetGroupArn ? loadBalancerGroups(index, lb.targetGroupArn) : undefined;
        if (!groups) return [];
        return [{ kind: "health", subject: `load balancer → ${lb.containerName}:${lb.containerPort}`, connect: { from: groups, to: tasks, port: lb.containerPort } }];
    });
}

function workload(scope: Scope, r: PlannedResource, kind: WorkloadKind, taskDef: PlannedResource, host: Host, extra: Need[] = []): Workload {
    const containers = containersOf(taskDef);
    if (!containers.length) {
        const unread: Need = { kind: "image", subject: taskDef.name, outcome: { result: "assumed", reason: `the plan records ${taskDef.name}'s containers in a form the analysis cannot read: nothing of this workload was checked` } };
        return { workload: r.name, kind, urn: r.urn, needs: [unread] };
    }
    const service = (containers.find((c) => c.essential !== false) ?? containers[0])?.name;
    const needs = [...taskNeeds(scope, taskDef, host, service), ...extra];
    // A task run by hand starts after the deploy has finished: there is no order to check.
    const order = kind === "ecs-task" ? [] : [orderNeed(needs, roleWaits(scope.index, taskDef.inputs.executionRoleArn as string | undefined, "the execution role"))];
    return { workload: r.name, kind, service, urn: r.urn, needs: [...needs, ...order] };
}

/**
 * An event-started task's trigger: its role may run the task definition in the target's cluster, tag
 * the task it starts when it asks for tags, and pass the task's roles to ECS (EventBridge User Guide,
 * "Amazon ECS tasks as targets": the role needs ecs:RunTask, iam:PassRole and, with tags, ecs:TagResource).
 */
function triggerNeed(taskDef: PlannedResource, role: string | undefined, by: string, cluster: string, params: Record<string, unknown>): Need {
    const passed = [taskDef.inputs.executionRoleArn, taskDef.inputs.taskRoleArn].filter((x): x is string => typeof x === "string");
    const tags = params.enableEcsManagedTags === true || typeof params.propagateTags === "string" || (!!params.tags && typeof params.tags === "object" && Object.keys(params.tags).length > 0);
    const task = `${cluster.replace(":cluster/", ":task/")}/TASK_ID`;
    return {
        kind: "trigger",
        subject: by,
        identity: role,
        calls: [
            { action: "ecs:RunTask", resource: taskDef.arn ?? String(taskDef.inputs.family), context: { "ecs:cluster": cluster } },
            ...(tags ? [{ action: "ecs:TagResource", resource: task, context: { "ecs:CreateAction": "RunTask" } }] : []),
            // iam:PassedToService is the condition berth's grants carry (IAM User Guide, "Granting a user permissions to pass a role to an AWS service").
            ...passed.map((arn) => ({ action: "iam:PassRole", resource: arn, context: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } })),
        ],
    };
}

/**
 * A task nothing starts is run by hand, after the deploy, with the `tasks` output's command: in the
 * stack's private subnets with the task's own security group.
 */
function byHand(scope: Scope, taskDef: PlannedResource): Host {
    const compat = (taskDef.inputs.requiresCompatibilities as string[] | undefined) ?? [];
    if (compat.includes("EXTERNAL")) return { kind: "external" };
    if (compat.includes("EC2") && !compat.includes("FARGATE")) return { kind: "ec2", placement: instancesOf(scope.index, "") };
    const group = scope.index.resources.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup" && r.parent === taskDef.parent);
    const subnets = recordedVpcs(scope.index, scope.region).flatMap((v) => [...v.subnets].filter(([, kind]) => kind === "private").map(([id]) => id));
    return { kind: "fargate", placement: subnets.length ? { subnets, publicIp: false, securityGroups: group?.id ? [group.id] : [] } : undefined };
}

export function ecsWorkloads(scope: Scope): Workload[] {
    const { index } = scope;
    const out: Workload[] = [];
    const started = new Set<string>();
    for (const s of index.ofType("aws:ecs/service:Service")) {
        const taskDef = index.find(String(s.inputs.taskDefinition), "aws:ecs/taskDefinition:TaskDefinition");
        if (!taskDef) continue;
        started.add(taskDef.urn);
        const host = hostOf(index, s.inputs);
        out.push(workload(scope, s, "ecs-service", taskDef, host, [...healthNeeds(index, s, taskDef), ...connectNeeds(index, s, host)]));
    }
    const targets = [
        ...index
            .ofType("aws:cloudwatch/eventTarget:EventTarget")
            .map((t) => ({ r: t, ecs: t.inputs.ecsTarget as Record<string, unknown> | undefined, role: t.inputs.roleArn as string | undefined, cluster: String(t.inputs.arn), by: "EventBridge rule" })),
        ...index.ofType("aws:scheduler/schedule:Schedule").map((t) => {
            const target = t.inputs.target as { ecsParameters?: Record<string, unknown>; roleArn?: string; arn?: string } | undefined;
            return { r: t, ecs: target?.ecsParameters, role: target?.roleArn, cluster: String(target?.arn), by: "EventBridge Scheduler schedule" };
        }),
    ];
    for (const t of targets) {
        const taskDef = t.ecs ? index.find(String(t.ecs.taskDefinitionArn), "aws:ecs/taskDefinition:TaskDefinition") : undefined;
        if (!t.ecs || !taskDef) continue;
        started.add(taskDef.urn);
        out.push(workload(scope, t.r, "event-task", taskDef, hostOf(index, t.ecs), [triggerNeed(taskDef, t.role, `${t.by} ${t.r.name}`, t.cluster, t.ecs)]));
    }
    // A task definition nothing starts is run by hand (`aws ecs run-task`): where it runs is the caller's choice.
    for (const taskDef of index.ofType("aws:ecs/taskDefinition:TaskDefinition")) {
        if (started.has(taskDef.urn)) continue;
        out.push(workload(scope, taskDef, "ecs-task", taskDef, byHand(scope, taskDef)));
    }
    return out;
}
