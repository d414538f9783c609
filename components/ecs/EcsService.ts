import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { EC2_PLACEMENT, Placement } from "./capacity";

export interface ServiceLoadBalancing {
    readonly targetGroupArn: pulumi.Input<string>;
    /** The load balancer's security group: the only source the tasks admit. */
    readonly securityGroupId: pulumi.Input<string>;
    readonly containerName: string;
    readonly containerPort: number;
    /** Listeners and rules that must exist before ECS registers targets. */
    readonly dependsOn?: pulumi.Resource[];
}

export interface EcsServiceArgs {
    readonly clusterArn: pulumi.Input<string>;
    readonly taskDefinitionArn: pulumi.Input<string>;
    readonly desiredCount: number;
    /** Where tasks run: Fargate capacity providers, an EC2 capacity provider, or external hosts. */
    readonly placement: Placement;
    /** Private subnets for awsvpc tasks. */
    readonly subnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** The task's own security group (from EcsTask); required unless placement is external. */
    readonly taskSecurityGroupId?: pulumi.Input<string>;
    /** More security groups for the tasks, e.g. an EFS client group. @default none */
    readonly extraSecurityGroupIds?: ReadonlyArray<pulumi.Input<string>>;
    /** @default none: the service admits no inbound traffic */
    readonly loadBalancing?: ServiceLoadBalancing;
    /** Seconds ECS ignores failing health checks after a task starts. @default 60 with a load balancer */
    readonly healthCheckGracePeriod?: number;
    /**
     * One task per host, for tasks on a fixed host port (ECS Anywhere). Deployments then stop an old
     * task before starting its replacement (50 % / 100 %), since two cannot share a port. @default false
     */
    readonly distinctHosts?: boolean;
    /** ECS Exec: `aws ecs execute-command` into running tasks (the task role needs the SSM channel grant). @default false */
    readonly enableExecuteCommand?: boolean;
    /**
     * ECS Service Connect: the namespace and, for a service others call, its named port and the alias
     * they call it by. @default none
     */
    readonly serviceConnect?: aws.types.input.ecs.ServiceServiceConnectConfiguration;
    /**
     * `pulumi up` waits until the service runs its desired count healthy, so a service whose tasks
     * cannot start fails the update under its own name instead of ending green. The wait is the AWS
     * provider's (the `aws ecs wait services-stable` poll) and gives up after its default 20-minute
     * create/update timeout (terraform-provider-aws, internal/service/ecs/service.go, Timeouts); a
     * broken task definition fails sooner, once the circuit breaker rolls back. @default true
     */
    readonly waitForSteadyState?: boolean;
    /** Auto scaling owns the task count, so `pulumi up` must not reset it to desiredCount. @default false */
    readonly scaled?: boolean;
    /** Resources to exist first, such as the cluster's capacity association or EFS mount targets. */
    readonly dependsOn?: ReadonlyArray<pulumi.Resource>;
    readonly tags?: Tags;
    readonly transform?: { readonly service?: Transform<aws.ecs.ServiceArgs> };
}

function placementArgs(p: Placement): Partial<aws.ecs.ServiceArgs> {
    switch (p.kind) {
        case "fargate":
            return { capacityProviderStrategies: p.strategy.map((s) => ({ ...s })), platformVersion: "LATEST" };
        case "ec2":
            return { capacityProviderStrategies: p.strategy.map((s) => ({ ...s })), orderedPlacementStrategies: EC2_PLACEMENT };
        case "external":
            return { launchType: "EXTERNAL" };
    }
}

/**
 * A long-running ECS service: awsvpc tasks in private subnets with no public IP that admit traffic
 * only from their load balancer (and, wired by the composition, from the services that call them),
 * and deployments that roll back when the circuit breaker trips.
 */
export class EcsService extends pulumi.ComponentResource {
    readonly serviceName: pulumi.Output<string>;

    constructor(name: string, args: EcsServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:ecs:EcsService", name, {}, opts);
        const lb = args.loadBalancing;
        const external = args.placement.kind === "external";
        if (lb && args.taskSecurityGroupId) {
            // The pair of rules is all the load balancer and the tasks may exchange: its health checks and traffic, on the container port.
            const port = { ipProtocol: "tcp", fromPort: lb.containerPort, toPort: lb.containerPort };
            new aws.vpc.SecurityGroupIngressRule(`${name}-from-lb`, { securityGroupId: args.taskSecurityGroupId, referencedSecurityGroupId: lb.securityGroupId, ...port, description: "From the load balancer only" }, { parent: this });
            new aws.vpc.SecurityGroupEgressRule(`${name}-lb-to-tasks`, { securityGroupId: lb.securityGroupId, referencedSecurityGroupId: args.taskSecurityGroupId, ...port, description: `To the tasks of ${name} only` }, { parent: this });
        }
        const service = new aws.ecs.Service(
            `${name}-service`,
            applyTransform<aws.ecs.ServiceArgs>(
                {
                    cluster: args.clusterArn,
                    taskDefinition: args.taskDefinitionArn,
                    desiredCount: args.desiredCount,
                    ...placementArgs(args.placement),
                    networkConfiguration: external ? undefined : { subnets: args.subnetIds!, securityGroups: [args.taskSecurityGroupId!, ...(args.extraSecurityGroupIds ?? [])], assignPublicIp: false },
                    deploymentCircuitBreaker: { enable: true, rollback: true },
                    waitForSteadyState: args.waitForSteadyState ?? true,
                    // ECS and the AWS provider refuse a change of capacity provider strategy without a new
                    // deployment, and berth changes it with the environment, the Fargate mix or the CPU architecture.
                    forceNewDeployment: external ? undefined : true,
                    // ECS rounds the minimum up: 50 % of one task is one, which would leave no room to replace it.
                    deploymentMinimumHealthyPercent: args.distinctHosts ? (args.desiredCount <= 1 ? 0 : 50) : 100,
                    deploymentMaximumPercent: args.distinctHosts ? 100 : 200,
                    placementConstraints: args.distinctHosts ? [{ type: "distinctInstance" }] : undefined,
                    loadBalancers: lb ? [{ targetGroupArn: lb.targetGroupArn, containerName: lb.containerName, containerPort: lb.containerPort }] : [],
                    healthCheckGracePeriodSeconds: lb ? (args.healthCheckGracePeriod ?? 60) : undefined,
                    enableEcsManagedTags: true,
                    propagateTags: "SERVICE",
                    // ECS Exec opens a shell into tasks: only where it was asked for.
                    enableExecuteCommand: args.enableExecuteCommand ?? false,
                    ...(args.serviceConnect ? { serviceConnectConfiguration: args.serviceConnect } : {}),
                    tags: { ...args.tags },
                },
                args.transform?.service,
            ),
            {
                parent: this,
                dependsOn: [...(lb?.dependsOn ?? []), ...(args.dependsOn ?? [])],
                ignoreChanges: args.scaled ? ["desiredCount"] : undefined,
            },
        );
        this.serviceName = service.name;
        this.registerOutputs({ serviceName: this.serviceName });
    }
}
