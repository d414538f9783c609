import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { egressOnlySecurityGroup } from "../network/egress";

export interface AppRunnerEnvironmentArgs {
    /** VPC of the connector's security group. Required. */
    readonly vpcId: pulumi.Input<string>;
    /** Private subnets the connector places its network interfaces in. Required. */
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Name of the VPC connector (4-40 characters, unique in the account and region). Required. */
    readonly connectorName: string;
    /** Name of an X-Ray observability configuration (4-32 characters); none turns tracing off. @default none */
    readonly tracingName?: string;
    /** Name of a GitHub connection to create (4-32 characters), for services built from source. @default none */
    readonly githubConnectionName?: string;
    readonly tags?: Tags;
    readonly transform?: {
        readonly vpcConnector?: Transform<aws.apprunner.VpcConnectorArgs>;
        readonly securityGroup?: Transform<aws.ec2.SecurityGroupArgs>;
    };
}

/**
 * What every App Runner service of a stack shares: a VPC connector in the private subnets with its
 * own security group (egress only: App Runner's ingress never enters the VPC), and optionally an
 * X-Ray observability configuration and a GitHub connection.
 */
export class AppRunnerEnvironment extends pulumi.ComponentResource {
    readonly vpcConnectorArn: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    readonly observabilityConfigurationArn?: pulumi.Output<string>;
    /** The GitHub connection berth created. It stays PENDING_HANDSHAKE until someone completes it in the App Runner console. */
    readonly githubConnectionArn?: pulumi.Output<string>;

    constructor(name: string, args: AppRunnerEnvironmentArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:apprunner:AppRunnerEnvironment", name, {}, opts);
        // With a VPC connector every outbound request leaves through the VPC, to its resources and, via NAT, the internet.
        const sg = egressOnlySecurityGroup(
            `${name}-connector`,
            { vpcId: args.vpcId, description: "App Runner VPC connector: outbound only", egressDescription: "Outbound to the VPC and, through NAT, beyond", tags: args.tags, transform: args.transform?.securityGroup },
            this,
        );
        const connector = new aws.apprunner.VpcConnector(
            `${name}-connector`,
            applyTransform<aws.apprunner.VpcConnectorArgs>({ vpcConnectorName: args.connectorName, subnets: args.subnetIds, securityGroups: [sg.id], tags: { ...args.tags } }, args.transform?.vpcConnector),
            { parent: this },
        );
        if (args.tracingName) {
            const tracing = new aws.apprunner.ObservabilityConfiguration(`${name}-tracing`, { observabilityConfigurationName: args.tracingName, traceConfiguration: { vendor: "AWSXRAY" }, tags: { ...args.tags } }, { parent: this });
            this.observabilityConfigurationArn = tracing.arn;
        }
        if (args.githubConnectionName) {
            const github = new aws.apprunner.Connection(`${name}-github`, { connectionName: args.githubConnectionName, providerType: "GITHUB", tags: { ...args.tags } }, { parent: this });
            this.githubConnectionArn = github.arn;
        }
        this.vpcConnectorArn = connector.arn;
        this.securityGroupId = sg.id;
        this.registerOutputs({
            vpcConnectorArn: this.vpcConnectorArn,
            securityGroupId: this.securityGroupId,
            observabilityConfigurationArn: this.observabilityConfigurationArn,
            githubConnectionArn: this.githubConnectionArn,
        });
    }
}
