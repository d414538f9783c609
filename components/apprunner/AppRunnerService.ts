import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { ecrPullPolicy, MANAGED_POLICY, PolicyDocument, TrustScope } from "../iam/policies";
import { ServiceRole } from "../iam/ServiceRole";

/** An image App Runner pulls: from private ECR through an access role, or from ECR Public. */
export interface AppRunnerImage {
    readonly kind: "image";
    /** Image URI. Required. */
    readonly image: pulumi.Input<string>;
    /** "ECR" (private, pulled through an access role) or "ECR_PUBLIC". Required. */
    readonly repositoryType: "ECR" | "ECR_PUBLIC";
    /** The private repository's ARN: the access role may pull from it alone. Required with ECR. */
    readonly repositoryArn?: pulumi.Input<string>;
}

/** Source code App Runner builds itself, from a branch of a GitHub repository. */
export interface AppRunnerCode {
    readonly kind: "code";
    /** https://github.com/OWNER/REPO. Required. */
    readonly repositoryUrl: string;
    /** Required. */
    readonly branch: string;
    /** Directory of the code in the repository. @default the root */
    readonly directory?: string;
    /** A managed runtime such as PYTHON_311. Required. */
    readonly runtime: string;
    /** @default none */
    readonly buildCommand?: string;
    /** Required for code. */
    readonly startCommand: string;
    /** The App Runner connection to GitHub. Required. */
    readonly connectionArn: pulumi.Input<string>;
    /** Redeploy on every push. Required. */
    readonly autoDeploy: boolean;
}

export interface AppRunnerHealthCheck {
    readonly path: string;
    /** Seconds, 1-20. */
    readonly interval: number;
    /** Seconds, 1-20. */
    readonly timeout: number;
    readonly healthyThreshold: number;
    readonly unhealthyThreshold: number;
}

export interface AppRunnerServiceArgs {
    /** App Runner service name (4-40 characters, unique in the account and region). Required. */
    readonly serviceName: string;
    /** Image or source code. Required. */
    readonly source: AppRunnerImage | AppRunnerCode;
    /** Port the application listens on. Required. */
    readonly port: number;
    /** CPU units (256 = 0.25 vCPU). Required. */
    readonly cpu: number;
    /** MiB; App Runner accepts only certain pairs with cpu. Required. */
    readonly memory: number;
    /** Plain environment variables; never secrets. @default none */
    readonly environment?: Readonly<Record<string, string>>;
    /** Name -> Secrets Manager or SSM parameter ARN, resolved by App Runner with the instance role. @default none */
    readonly secrets?: Readonly<Record<string, pulumi.Input<string>>>;
    /** Start command for an image, overriding its CMD. @default the image's */
    readonly startCommand?: string;
    /** HTTP health check. Required. */
    readonly healthCheck: AppRunnerHealthCheck;
    /** Instances and the concurrent requests one takes before App Runner adds another. Required. */
    readonly scaling: { readonly configurationName: string; readonly min: number; readonly max: number; readonly concurrency: number };
    /** Connector for outbound traffic into the VPC. Required. */
    readonly vpcConnectorArn: pulumi.Input<string>;
    /** X-Ray observability configuration; the instance role then may write traces. @default none: no tracing */
    readonly observabilityConfigurationArn?: pulumi.Input<string>;
    /** Customer-managed KMS key for the source copy and logs. @default an AWS-managed key */
    readonly kmsKeyArn?: string;
    /** Policy of the instance role: the application's grants and its secrets. @default none: the role is empty */
    readonly instancePolicy?: pulumi.Input<PolicyDocument>;
    /** Confused-deputy conditions on both roles' trust. @default none */
    readonly trust?: pulumi.Input<TrustScope>;
    /**
     * A custom domain, whether www.DOMAIN comes with it, and the Route 53 zone that holds it: with a
     * zone, its certificate validation records and a CNAME to the service are written there. The name
     * must be below the zone's apex (DNS allows no CNAME at the apex). @default none
     */
    readonly domain?: { readonly name: string; readonly www: boolean; readonly hostedZoneId?: string };
    readonly tags?: Tags;
    readonly transform?: {
        readonly service?: Transform<aws.apprunner.ServiceArgs>;
        readonly autoScaling?: Transform<aws.apprunner.AutoScalingConfigurationVersionArgs>;
        readonly instanceRole?: Transform<aws.iam.RoleArgs>;
        readonly accessRole?: Transform<aws.iam.RoleArgs>;
    };
}

/** The custom domain's DNS records: a CNAME to `dnsTarget`, and the certificate validation records. */
export interface DomainRecords {
    readonly domain: string;
    readonly dnsTarget: pulumi.Output<string>;
    readonly validationRecords: pulumi.Output<Array<{ name?: string; type?: string; value?: string }>>;
}

/**
 * One App Runner service: an instance role (the task role's counterpart) holding only the given
 * policy, an access role that may pull exactly its ECR repository, its own auto scaling
 * configuration, egress through the VPC connector, and optionally a custom domain.
 */
export class AppRunnerService extends pulumi.ComponentResource {
    readonly serviceArn: pulumi.Output<string>;
    readonly serviceName: pulumi.Output<string>;
    /** https:// and the domain App Runner assigned. */
    readonly url: pulumi.Output<string>;
    readonly instanceRoleArn: pulumi.Output<string>;
    readonly domain?: DomainRecords;

    constructor(name: string, args: AppRunnerServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:apprunner:AppRunnerService", name, {}, opts);
        const instance = new ServiceRole(
            `${name}-instance`,
            {
                principal: "tasks.apprunner.amazonaws.com",
                trust: args.trust,
                description: "App Runner instance role: what this service's code may call; grants are added explicitly",
                managedPolicies: args.observabilityConfigurationArn ? [MANAGED_POLICY.xrayWrite] : [],
                policy: args.instancePolicy,
                tags: args.tags,
                transform: { role: args.transform?.instanceRole },
            },
            { parent: this },
        );
        const access = this.accessRole(name, args);
        const scaling = new aws.apprunner.AutoScalingConfigurationVersion(
            `${name}-scaling`,
            applyTransform<aws.apprunner.AutoScalingConfigurationVersionArgs>(
                { autoScalingConfigurationName: args.scaling.configurationName, minSize: args.scaling.min, maxSize: args.scaling.max, maxConcurrency: args.scaling.concurrency, tags: { ...args.tags } },
                args.transform?.autoScaling,
            ),
            { parent: this },
        );
        const service = new aws.apprunner.Service(
            `${name}-service`,
            applyTransform<aws.apprunner.ServiceArgs>(
                {
                    serviceName: args.serviceName,
                    sourceConfiguration: sourceConfiguration(args, access?.roleArn),
                    instanceConfiguration: { cpu: String(args.cpu), memory: String(args.memory), instanceRoleArn: instance.roleArn },
                    autoScalingConfigurationArn: scaling.arn,
                    healthCheckConfiguration: { protocol: "HTTP", ...args.healthCheck },
                    networkConfiguration: { egressConfiguration: { egressType: "VPC", vpcConnectorArn: args.vpcConnectorArn }, ingressConfiguration: { isPubliclyAccessible: true }, ipAddressType: "IPV4" },
                    ...(args.observabilityConfigurationArn ? { observabilityConfiguration: { observabilityEnabled: true, observabilityConfigurationArn: args.observabilityConfigurationArn } } : {}),
                    ...(args.kmsKeyArn ? { encryptionConfiguration: { kmsKey: args.kmsKeyArn } } : {}),
                    tags: { ...args.tags },
                },
                args.transform?.service,
            ),
            // App Runner checks the roles when it creates the service, and deleting them first would strand it.
            { parent: this, dependsOn: [instance, ...(access ? [access] : [])] },
        );
        if (args.domain) this.domain = this.customDomain(name, args.domain, service.arn);
        this.serviceArn = service.arn;
        this.serviceName = service.serviceName;
        this.url = pulumi.interpolate`https://${service.serviceUrl}`;
        this.instanceRoleArn = instance.roleArn;
        this.registerOutputs({ serviceArn: this.serviceArn, serviceName: this.serviceName, url: this.url, instanceRoleArn: this.instanceRoleArn, domain: this.domain });
    }

    /** The role App Runner's build side assumes to pull a private ECR image; ECR Public and source code need none. */
    private accessRole(name: string, args: AppRunnerServiceArgs): ServiceRole | undefined {
        const src = args.source;
        if (src.kind !== "image" || src.repositoryType !== "ECR") return undefined;
        return new ServiceRole(
            `${name}-access`,
            {
                principal: "build.apprunner.amazonaws.com",
                trust: args.trust,
                description: "App Runner access role: pull this service's image from its ECR repository",
                policy: pulumi.output(src.repositoryArn!).apply(ecrPullPolicy),
                tags: args.tags,
                transform: { role: args.transform?.accessRole },
            },
            { parent: this },
        );
    }

    private customDomain(name: string, domain: { name: string; www: boolean; hostedZoneId?: string }, serviceArn: pulumi.Output<string>): DomainRecords {
        const association = new aws.apprunner.CustomDomainAssociation(`${name}-domain`, { domainName: domain.name, serviceArn, enableWwwSubdomain: domain.www }, { parent: this });
        if (domain.hostedZoneId) this.domainRecords(name, domain, domain.hostedZoneId, association);
        return {
            domain: domain.name,
            dnsTarget: association.dnsTarget,
            validationRecords: association.certificateValidationRecords.apply((rs) => rs.map((r) => ({ name: r.name, type: r.type, value: r.value }))),
        };
    }

    /**
     * The domain's records in its Route 53 zone: every validation record App Runner returns
     * (overwritable, as the ECS path writes ACM's), and each name a CNAME to the service's target.
     * App Runner returns more validation records than the certificate's names, and not all of them
     * are named after one (three for a single domain, one of them `_x.RANDOM.DOMAIN.`: aws/copilot-cli#2507,
     * aws/apprunner-roadmap#138), and only once the association exists. So they are written as they
     * come back: `pulumi up` creates them when the association answers, and a first `pulumi preview`
     * cannot list them yet (the offline plan, whose fakes answer at once, does).
     */
    private domainRecords(name: string, domain: { name: string; www: boolean }, zoneId: string, association: aws.apprunner.CustomDomainAssociation): void {
        association.certificateValidationRecords.apply((rs) =>
            validationRecordsToWrite(rs).map((r, i) => new aws.route53.Record(`${name}-domain-validation-${i}`, { zoneId, name: r.name, type: r.type, records: [r.value], ttl: 300, allowOverwrite: true }, { parent: this })),
        );
        const names: Array<[string, string]> = [[`${name}-domain`, domain.name], ...(domain.www ? [[`${name}-domain-www`, `www.${domain.name}`] as [string, string]] : [])];
        for (const [role, fqdn] of names) new aws.route53.Record(`${role}-cname`, { zoneId, name: fqdn, type: "CNAME", records: [association.dnsTarget], ttl: 300 }, { parent: this });
    }
}

/**
 * The validation records to write, once each and in a stable order (by name): their place in the
 * order names their Route 53 resource, so a reordered answer from App Runner replaces nothing.
 */
export function validationRecordsToWrite(records: ReadonlyArray<{ name: string; type: string; value: string }>): Array<{ name: string; type: string; value: string }> {
    const byName = new Map(records.map((r) => [r.name, { name: r.name, type: r.type, value: r.value }]));
    return [...byName.keys()].sort().map((name) => byName.get(name)!);
}

/** Where the service's code comes from, and how App Runner runs it. */
function sourceConfiguration(args: AppRunnerServiceArgs, accessRoleArn: pulumi.Output<string> | undefined): aws.types.input.apprunner.ServiceSourceConfiguration {
    const runtime = {
        port: String(args.port),
        runtimeEnvironmentVariables: { ...args.environment },
        runtimeEnvironmentSecrets: { ...args.secrets },
    };
    const src = args.source;
    if (src.kind === "code") {
        return {
            autoDeploymentsEnabled: src.autoDeploy,
            authenticationConfiguration: { connectionArn: src.connectionArn },
            codeRepository: {
                repositoryUrl: src.repositoryUrl,
                sourceCodeVersion: { type: "BRANCH", value: src.branch },
                ...(src.directory ? { sourceDirectory: src.directory } : {}),
                // API: berth's config is the build recipe, and an apprunner.yaml in the repository is ignored.
                codeConfiguration: { configurationSource: "API", codeConfigurationValues: { runtime: src.runtime, buildCommand: src.buildCommand, startCommand: src.startCommand, ...runtime } },
            },
        };
    }
    return {
        // berth deploys a new image by changing its URI (ECR tags are immutable); ECR Public cannot auto-deploy at all.
        autoDeploymentsEnabled: false,
        ...(accessRoleArn ? { authenticationConfiguration: { accessRoleArn } } : {}),
        imageRepository: {
            imageIdentifier: src.image,
            imageRepositoryType: src.repositoryType,
            imageConfiguration: { ...runtime, ...(args.startCommand ? { startCommand: args.startCommand } : {}) },
        },
    };
}
