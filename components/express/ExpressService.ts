import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { protectOpts, Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { egressOnlySecurityGroup } from "../network/egress";

/** Express Mode's one target-tracking policy (ExpressGatewayScalingTarget). */
export interface ExpressScaling {
    /** AVERAGE_CPU, AVERAGE_MEMORY or REQUEST_COUNT_PER_TARGET. Required. */
    readonly metric: "AVERAGE_CPU" | "AVERAGE_MEMORY" | "REQUEST_COUNT_PER_TARGET";
    /** The metric's target value. Required. */
    readonly target: number;
    /** Fewest tasks. Required. */
    readonly min: number;
    /** Most tasks. Required. */
    readonly max: number;
}

export interface ExpressServiceArgs {
    /** The ECS cluster the service runs in. Required. */
    readonly clusterName: pulumi.Input<string>;
    /** Image URI. Required. */
    readonly image: pulumi.Input<string>;
    /** Port the container serves HTTP on; the load balancer forwards to it. Required. */
    readonly port: number;
    /** CPU units. Required. */
    readonly cpu: number;
    /** MiB. Required. */
    readonly memory: number;
    /** Plain environment variables; never secrets. @default none */
    readonly environment?: Readonly<Record<string, string>>;
    /** Name -> Secrets Manager or SSM parameter ARN, read by the execution role at start. @default none */
    readonly secrets?: Readonly<Record<string, pulumi.Input<string>>>;
    /** Overrides the image's command. @default the image's CMD */
    readonly command?: ReadonlyArray<string>;
    /** Path the load balancer's health check requests. Required. */
    readonly healthCheckPath: string;
    /** Task count and the metric that moves it. Required. */
    readonly scaling: ExpressScaling;
    /** VPC of the tasks' security group. Required. */
    readonly vpcId: pulumi.Input<string>;
    /** Subnets of the load balancer and tasks (Express wants at least two). Required. */
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Role ECS uses to pull the image, ship logs and read the secrets. Required. */
    readonly executionRoleArn: pulumi.Input<string>;
    /** Role the application runs as. Required. */
    readonly taskRoleArn: pulumi.Input<string>;
    /** Role Express Mode uses to build the load balancer, security groups and scaling. Required. */
    readonly infrastructureRoleArn: pulumi.Input<string>;
    /** Name of the log group, so that a role can be scoped to it. @default auto-named */
    readonly logGroupName?: string;
    /** Log retention in days. @default 14 */
    readonly logRetentionDays?: number;
    /** Keep the log group when the stack is destroyed. @default false (true in prod) */
    readonly protect?: boolean;
    /** What must exist first and outlive the service: its roles' policies, the cluster's capacity. @default none */
    readonly dependsOn?: ReadonlyArray<pulumi.Resource>;
    /** `pulumi up` waits until the service's tasks are healthy, like an ECS service (EcsService). @default true */
    readonly waitForSteadyState?: boolean;
    readonly tags?: Tags;
    readonly transform?: {
        readonly service?: Transform<aws.ecs.ExpressGatewayServiceArgs>;
        readonly logGroup?: Transform<aws.cloudwatch.LogGroupArgs>;
        readonly securityGroup?: Transform<aws.ec2.SecurityGroupArgs>;
    };
}

/** The endpoint Express Mode hands back, as a URL: it reports a bare host name. */
export function expressUrl(paths: ReadonlyArray<{ accessType: string; endpoint: string }> | undefined): string | undefined {
    const endpoint = (paths ?? []).find((p) => p.accessType === "PUBLIC")?.endpoint ?? paths?.[0]?.endpoint;
    if (!endpoint) return undefined;
    return /^https?:\/\//.test(endpoint) ? endpoint : `https://${endpoint}`;
}

/**
 * One ECS Express Mode service: Express builds the load balancer (HTTPS, with a certificate it
 * manages), target group, scaling policy and alarms; berth gives it the log group with retention and
 * the tasks' own security group, which starts with no inbound rule (Express adds its load balancer's).
 */
export class ExpressService extends pulumi.ComponentResource {
    readonly serviceArn: pulumi.Output<string>;
    readonly serviceName: pulumi.Output<string>;
    /** The HTTPS URL Express Mode assigned. */
    readonly url: pulumi.Output<string | undefined>;
    readonly securityGroupId: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;

    constructor(name: string, args: ExpressServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:express:ExpressService", name, {}, opts);
        const logs = new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            applyTransform<aws.cloudwatch.LogGroupArgs>({ name: args.logGroupName, retentionInDays: args.logRetentionDays ?? 14, tags: { ...args.tags } }, args.transform?.logGroup),
            protectOpts(this, args.protect ?? false),
        );
        // Tasks reach ECR, CloudWatch Logs and Secrets Manager over the internet; their addresses are not fixed.
        const sg = egressOnlySecurityGroup(
            name,
            { vpcId: args.vpcId, description: `Tasks of ${name} (Express Mode adds its load balancer's ingress)`, egressDescription: "Outbound to AWS APIs and dependencies", tags: args.tags, transform: args.transform?.securityGroup },
            this,
        );
        const service = new aws.ecs.ExpressGatewayService(`${name}-service`, applyTransform<aws.ecs.ExpressGatewayServiceArgs>(serviceArgs(name, args, logs.name, sg.id), args.transform?.service), {
            parent: this,
            dependsOn: [...(args.dependsOn ?? [])],
        });
        this.serviceArn = service.serviceArn;
        this.serviceName = service.serviceName;
        this.url = service.ingressPaths.apply(expressUrl);
        this.securityGroupId = sg.id;
        this.logGroupName = logs.name;
        this.registerOutputs({ serviceArn: this.serviceArn, serviceName: this.serviceName, url: this.url, securityGroupId: this.securityGroupId, logGroupName: this.logGroupName });
    }
}

function serviceArgs(name: string, args: ExpressServiceArgs, logGroup: pulumi.Output<string>, securityGroupId: pulumi.Output<string>): aws.ecs.ExpressGatewayServiceArgs {
    return {
        cluster: args.clusterName,
        cpu: String(args.cpu),
        memory: String(args.memory),
        executionRoleArn: args.executionRoleArn,
        taskRoleArn: args.taskRoleArn,
        infrastructureRoleArn: args.infrastructureRoleArn,
        healthCheckPath: args.healthCheckPath,
        primaryContainer: {
            image: args.image,
            containerPort: args.port,
            ...(args.command ? { commands: [...args.command] } : {}),
            environments: Object.entries(args.environment ?? {}).map(([n, value]) => ({ name: n, value })),
            secrets: Object.entries(args.secrets ?? {}).map(([n, valueFrom]) => ({ name: n, valueFrom })),
            awsLogsConfigurations: [{ logGroup, logStreamPrefix: name }],
        },
        networkConfigurations: [{ subnets: args.subnetIds, securityGroups: [securityGroupId] }],
        scalingTargets: [{ autoScalingMetric: args.scaling.metric, autoScalingTargetValue: args.scaling.target, minTaskCount: args.scaling.min, maxTaskCount: args.scaling.max }],
        // Pulumi reports the service created only once its tasks are healthy, as an ECS service with a circuit breaker would.
        waitForSteadyState: args.waitForSteadyState ?? true,
        tags: { ...args.tags },
    };
}
