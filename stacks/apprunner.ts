// App Runner: each public service becomes one App Runner service, pulling its image from the stack's
// ECR repository (or ECR Public) or building from GitHub, with egress into the stack's VPC.
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { AppRunnerEnvironment } from "../components/apprunner/AppRunnerEnvironment";
import { AppRunnerCode, AppRunnerImage, AppRunnerService } from "../components/apprunner/AppRunnerService";
import { grantsPolicy } from "../components/iam/grants";
import { secretDecryptStatements } from "../components/iam/ecs-policies";
import { PolicyDocument, secretReadPolicy } from "../components/iam/policies";
import { serviceUrls, StackOutputs } from "./outputs";
import { createdArnsOf, CreatedSecretArns, createServiceSecrets, secretRefsOf, secretsOutput } from "./service-secrets";
import { Foundation, foundation, LogOutput, registryOutputs } from "./shared";
import { BerthSpec, ServiceSpec } from "../config/spec";
import { ecrRepositoryArn, imageRepositoryType } from "../config/images";
import { APPRUNNER_HEALTH_MAX } from "../config/facts/apprunner";

/** App Runner's default: concurrent requests one instance takes before another starts (CreateAutoScalingConfiguration). */
export const APPRUNNER_DEFAULT_CONCURRENCY = 100;

/**
 * An App Runner resource name from its parts, within `max` characters and App Runner's alphabet
 * (letters, digits, '-', '_'). Names are account-wide, so they carry the project and stack; a name too
 * long keeps its start and gains a hash of the whole, which stays unique and stable.
 */
export function boundedName(parts: ReadonlyArray<string>, max: number): string {
    const name = parts.join("-").replace(/[^A-Za-z0-9_-]/g, "-");
    if (name.length <= max) return name;
    const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
    return `${name.slice(0, max - 9)}-${hash}`;
}

/** A command as one shell line: App Runner's start command is a string, berth's an argument list. */
export function shellJoin(args: ReadonlyArray<string>): string {
    return args.map((a) => (/^[A-Za-z0-9_/.:=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
}

/** The instance role's policy: the service's grants, and read access to exactly its secrets (decrypting with their keys). */
export function instancePolicy(svc: ServiceSpec, base: Foundation, created: CreatedSecretArns = {}): pulumi.Output<PolicyDocument> | undefined {
    if (!svc.grants.length && !Object.keys(secretRefsOf(svc, created)).length) return undefined;
    return pulumi
        .all([base.region, createdArnsOf(svc, created)])
        .apply(([region, createdArns]) => grantsPolicy(svc.grants, base.partition, [...(secretReadPolicy(Object.values(svc.secrets), "ecs", createdArns)?.Statement ?? []), ...secretDecryptStatements(svc.secretKmsKeys, region)])!);
}

function sourceOf(svc: ServiceSpec, base: Foundation, githubConnectionArn: pulumi.Input<string> | undefined): AppRunnerImage | AppRunnerCode {
    const src = svc.source;
    if (src) {
        return {
            kind: "code",
            repositoryUrl: src.repository,
            branch: src.branch,
            directory: src.directory,
            runtime: src.runtime,
            buildCommand: src.build,
            startCommand: src.start,
            connectionArn: githubConnectionArn!,
            autoDeploy: src.autoDeploy,
        };
    }
    if (svc.build) return { kind: "image", image: base.registry.images[svc.name], repositoryType: "ECR", repositoryArn: base.registry.repositoryArn };
    const image = svc.image!;
    const repositoryType = imageRepositoryType(image)!;
    return { kind: "image", image, repositoryType, ...(repositoryType === "ECR" ? { repositoryArn: base.partition.apply((p) => ecrRepositoryArn(image, p)!) } : {}) };
}

function serviceFor(spec: BerthSpec, base: Foundation, env: AppRunnerEnvironment, svc: ServiceSpec, created: CreatedSecretArns): AppRunnerService {
    const hc = svc.healthCheck;
    const s = svc.scaling;
    return new AppRunnerService(svc.name, {
        serviceName: boundedName([spec.project, spec.stack, svc.name], 40),
        source: sourceOf(svc, base, spec.apprunner.githubConnectionArn ?? env.githubConnectionArn),
        port: svc.port!,
        cpu: svc.cpu,
        memory: svc.memory,
        environment: svc.environment,
        secrets: secretRefsOf(svc, created),
        startCommand: svc.command && !svc.source ? shellJoin(svc.command) : undefined,
        // Validation refuses an interval above App Runner's 20 s that the stack sets; only berth's ALB default (30) is left to fit.
        healthCheck: { path: hc.path, interval: Math.min(hc.interval, APPRUNNER_HEALTH_MAX), timeout: hc.timeout, healthyThreshold: hc.healthyThreshold, unhealthyThreshold: hc.unhealthyThreshold },
        scaling: {
            configurationName: boundedName([spec.project, spec.stack, svc.name], 32),
            min: s?.min ?? svc.desiredCount,
            max: s?.max ?? svc.desiredCount,
            concurrency: s?.concurrency ?? APPRUNNER_DEFAULT_CONCURRENCY,
        },
        vpcConnectorArn: env.vpcConnectorArn,
        observabilityConfigurationArn: env.observabilityConfigurationArn,
        kmsKeyArn: spec.apprunner.kmsKeyArn,
        instancePolicy: instancePolicy(svc, base, created),
        // No confused-deputy condition on either role. The App Runner developer guide ("How App Runner
        // works with IAM", "App Runner IAM roles") gives the access role's (build.apprunner) and the
        // instance role's (tasks.apprunner) trust policies with no Condition, and documents neither
        // aws:SourceAccount nor aws:SourceArn in App Runner's requests to STS. A condition on a key the
        // service does not send fails closed: App Runner could not assume the role and the service
        // would not start. iam:PassRole (the caller's) is what limits who can hand these roles over.
        domain: svc.apprunner?.domain ? { name: svc.apprunner.domain, www: svc.apprunner.wwwSubdomain, hostedZoneId: svc.apprunner.hostedZoneId } : undefined,
        tags: spec.tags,
    });
}

/**
 * App Runner names a service's application log group by the service's name and id
 * (`/aws/apprunner/NAME/ID/application`, App Runner developer guide, "Viewing App Runner logs streamed
 * to CloudWatch Logs"); both are the last two parts of the service's ARN, known once it exists.
 */
export function appRunnerLogGroup(serviceArn: string): string {
    const [name, id] = serviceArn.split("/").slice(-2);
    return `/aws/apprunner/${name}/${id}/application`;
}

function appRunnerLogs(services: ReadonlyArray<readonly [string, AppRunnerService]>, region: pulumi.Output<string>): pulumi.Output<Record<string, LogOutput>> {
    return pulumi.all([region, ...services.map(([, s]) => s.serviceArn)]).apply(([r, ...arns]) =>
        Object.fromEntries(
            services.map(([name], i) => {
                const group = appRunnerLogGroup(arns[i]);
                return [name, { group, tail: `aws logs tail ${group} --region ${r} --follow` }];
            }),
        ),
    );
}

export function appRunner(spec: BerthSpec): StackOutputs {
    const base = foundation(spec, { network: true });
    const network = base.network!;
    const fromSource = Object.values(spec.services).some((s) => s.source);
    const env = new AppRunnerEnvironment("apprunner", {
        vpcId: network.vpcId,
        subnetIds: network.privateSubnetIds,
        connectorName: boundedName([spec.project, spec.stack], 40),
        tracingName: spec.apprunner.tracing ? boundedName([spec.project, spec.stack], 32) : undefined,
        githubConnectionName: fromSource && !spec.apprunner.githubConnectionArn ? boundedName([spec.project, spec.stack], 32) : undefined,
        tags: spec.tags,
    });
    const created = createServiceSecrets(spec);
    const services = Object.values(spec.services).map((svc) => [svc.name, serviceFor(spec, base, env, svc, created)] as const);
    const domains = services.filter(([, s]) => s.domain).map(([name, s]) => [name, s.domain!] as const);
    return {
        ...serviceUrls(Object.fromEntries(services.map(([name, s]) => [name, s.url]))),
        platform: spec.platform,
        services: Object.fromEntries(services.map(([name, s]) => [name, s.serviceName])),
        ...(domains.length ? { domains: Object.fromEntries(domains) } : {}),
        ...(env.githubConnectionArn ? { githubConnectionArn: env.githubConnectionArn } : {}),
        ...secretsOutput(created, base.region),
        ...registryOutputs(base),
        logs: appRunnerLogs(services, base.region),
        vpcId: network.vpcId,
    };
}
