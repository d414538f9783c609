import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";

export interface ServiceLoadBalancing {
    readonly targetGroupArn: pulumi.Input<string>;
    /** The load balancer's security group: the only source the tasks admit. */
    readonly securityGroupId: pulumi.Input<string>;
    readonly containerName: string;
    readonly containerPort: number;
    /** Listeners that must exist before ECS registers targets. */
    readonly dependsOn?: pulumi.Resource[];
}

export interface EcsServiceArgs {
    readonly clusterArn: pulumi.Input<string>;
    readonly taskDefinitionArn: pulumi.Input<string>;
    readonly desiredCount: number;
    readonly vpcId: pulumi.Input<string>;
    /** Private subnets for the tasks. */
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** @default none: the service admits no inbound traffic */
    readonly loadBalancing?: ServiceLoadBalancing;
    /** Seconds ECS ignores failing health checks after a task starts. @default 60 with a load balancer */
    readonly healthCheckGracePeriod?: number;
    readonly tags?: Tags;
    readonly transform?: { readonly service?: Transform<aws.ecs.ServiceArgs>; readonly securityGroup?: Transform<aws.ec2.SecurityGroupArgs> };
}

/**
 * A long-running ECS service on Fargate in private subnets: no public IP, admits traffic only from
 * its load balancer, and rolls back a deployment that fails its circuit breaker.
 */
export class EcsService extends pulumi.ComponentResource {
    readonly serviceName: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;

    constructor(name: string, args: EcsServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:ecs:EcsService", name, {}, opts);
        const lb = args.loadBalancing;
        const sg = new aws.ec2.SecurityGroup(
            `${name}-sg`,
            applyTransform<aws.ec2.SecurityGroupArgs>({ vpcId: args.vpcId, description: `Tasks of ${name}`, tags: { ...args.tags } }, args.transform?.securityGroup),
            { parent: this },
        );
        if (lb) {
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-from-lb`,
                { securityGroupId: sg.id, referencedSecurityGroupId: lb.securityGroupId, ipProtocol: "tcp", fromPort: lb.containerPort, toPort: lb.containerPort, description: "From the load balancer only" },
                { parent: this },
            );
        }
        // Tasks reach ECR, CloudWatch Logs and Secrets Manager through NAT; their addresses are not fixed.
        new aws.vpc.SecurityGroupEgressRule(`${name}-egress`, { securityGroupId: sg.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "-1", description: "Outbound to AWS APIs and dependencies" }, { parent: this });

        const service = new aws.ecs.Service(
            `${name}-service`,
            applyTransform<aws.ecs.ServiceArgs>(
                {
                    cluster: args.clusterArn,
                    taskDefinition: args.taskDefinitionArn,
                    desiredCount: args.desiredCount,
                    launchType: "FARGATE",
                    platformVersion: "LATEST",
                    networkConfiguration: { subnets: args.subnetIds, securityGroups: [sg.id], assignPublicIp: false },
                    deploymentCircuitBreaker: { enable: true, rollback: true },
                    deploymentMinimumHealthyPercent: 100,
                    deploymentMaximumPercent: 200,
                    loadBalancers: lb ? [{ targetGroupArn: lb.targetGroupArn, containerName: lb.containerName, containerPort: lb.containerPort }] : [],
                    healthCheckGracePeriodSeconds: lb ? (args.healthCheckGracePeriod ?? 60) : undefined,
                    enableEcsManagedTags: true,
                    propagateTags: "SERVICE",
                    // ECS Exec opens a shell into tasks; enable it deliberately through transform.service.
                    enableExecuteCommand: false,
                    tags: { ...args.tags },
                },
                args.transform?.service,
            ),
            { parent: this, dependsOn: lb?.dependsOn },
        );
        this.serviceName = service.name;
        this.securityGroupId = sg.id;
        this.registerOutputs({ serviceName: this.serviceName, securityGroupId: this.securityGroupId });
    }
}
