// Pieces every platform composition starts from: the network, the registry, and the images.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Network } from "../components/network/Network";
import { serviceArnPattern, TrustScope } from "../components/iam/policies";
import { ecrRepositoryArn, pullThroughImage } from "../config/images";
import { Registry } from "../components/registry/Registry";
import { EfsFileSystem } from "../components/storage/EfsFileSystem";
import { BerthSpec, ServiceSpec } from "../config/spec";

export interface Foundation {
    /** Undefined where tasks run outside AWS (ecs-anywhere). */
    readonly network?: Network;
    readonly registry: Registry;
    readonly region: pulumi.Output<string>;
    /** "aws", "aws-cn" or "aws-us-gov": ARNs berth builds itself must name it. */
    readonly partition: pulumi.Output<string>;
    /** The account the stack deploys into. */
    readonly account: pulumi.Output<string>;
    /** The ARN of a log group of this stack's region and account, by name (or a name pattern ending in "*"). */
    readonly logGroupArn: (name: string) => pulumi.Output<string>;
    /** Confused-deputy conditions for a role that AWS service `service` (e.g. "ecs") assumes in this account and region. */
    readonly trust: (service: string) => pulumi.Output<TrustScope>;
    /** The image each service runs: its configured URI (through the pull-through cache when one serves its registry), or the one built and pushed for it. */
    readonly imageOf: (svc: ServiceSpec) => pulumi.Input<string>;
    /** The private ECR repository the service's image comes from, if any, for least-privilege pulls. */
    readonly imageRepository: (svc: ServiceSpec) => pulumi.Output<ImageRepository | undefined>;
}

/** Where an image is pulled from in ECR, and whether its first pull goes through a cache rule. */
export interface ImageRepository {
    readonly arn: string;
    readonly pullThrough: boolean;
}

export function foundation(spec: BerthSpec, opts: { network: boolean }): Foundation {
    const region = aws.getRegionOutput().region;
    const network = opts.network ? new Network("net", { cidr: spec.network.cidr, azs: spec.network.azs, nat: spec.network.nat, ipv6PublicSubnets: spec.loadBalancer.ipAddressType !== "ipv4", region, tags: spec.tags }) : undefined;
    const builds = Object.fromEntries(Object.values(spec.services).flatMap((s) => (s.build ? [[s.name, s.build]] : [])));
    const { public: publicRepository, ...registryConfig } = spec.registry;
    const registry = new Registry("registry", { ...registryConfig, publicRepository, protect: spec.protect, builds, tags: spec.tags });
    const partition = aws.getPartitionOutput().partition;
    const account = aws.getCallerIdentityOutput().accountId;
    const trust = (service: string) => pulumi.all([partition, region, account]).apply(([p, r, a]) => ({ account: a, sourceArn: serviceArnPattern(p, service, r, a) }));
    const logGroupArn = (name: string) => pulumi.interpolate`arn:${partition}:logs:${region}:${account}:log-group:${name}`;
    const registryHost = registry.repositoryUrl.apply((url) => url.split("/")[0]);
    const cached = (image: string) => registryHost.apply((host) => pullThroughImage(image, registry.pullThroughPrefixes, host));
    const pulledImage = (image: string): pulumi.Input<string> => (registry.pullThroughPrefixes.length ? cached(image).apply((c) => c?.uri ?? image) : image);
    const pulledRepository = (image: string): pulumi.Output<ImageRepository | undefined> =>
        pulumi.all([partition, region, account, cached(image)]).apply(([p, r, a, c]) => {
            if (c) return { arn: `arn:${p}:ecr:${r}:${a}:repository/${c.repository}`, pullThrough: true };
            const arn = ecrRepositoryArn(image, p);
            return arn ? { arn, pullThrough: false } : undefined;
        });
    const imageOf = (svc: ServiceSpec): pulumi.Input<string> => (svc.build ? registry.images[svc.name] : pulledImage(svc.image!));
    const imageRepository = (svc: ServiceSpec): pulumi.Output<ImageRepository | undefined> => (svc.build ? registry.repositoryArn.apply((arn) => ({ arn, pullThrough: false })) : pulledRepository(svc.image!));
    return { network, registry, region, partition, account, trust, logGroupArn, imageOf, imageRepository };
}

/**
 * A service's log group: named, not auto-named, so that roles can be scoped to one group (the
 * execution role) or to the stack's groups (hosts), and so `aws logs tail` needs no lookup.
 */
export function logGroupName(spec: Pick<BerthSpec, "project" | "stack">, service: string): string {
    return `${logGroupPrefix(spec)}${service}`;
}

/** What every log group of the stack starts with. */
export function logGroupPrefix(spec: Pick<BerthSpec, "project" | "stack">): string {
    return `/berth/${spec.project}/${spec.stack}/`;
}

/** A unique, readable ECS task family per stack: families are account-wide. */
export function family(spec: BerthSpec, service: string): string {
    return `${spec.project}-${spec.stack}-${service}`;
}

/** How to push an image to the stack's repository: log in, build, push. The tag is the commit, since tags are immutable. */
export function pushCommands(repositoryUrl: string, region: string, publicUri?: string): Record<string, string> {
    const tag = "$(git rev-parse --short HEAD)";
    const host = repositoryUrl.split("/")[0];
    return {
        login: `aws ecr get-login-password --region ${region} | docker login --username AWS --password-stdin ${host}`,
        build: `docker build --platform linux/amd64 -t ${repositoryUrl}:${tag} .`,
        push: `docker push ${repositoryUrl}:${tag}`,
        ...(publicUri
            ? {
                  // ECR Public signs in through us-east-1 whatever the stack's region.
                  publicLogin: "aws ecr-public get-login-password --region us-east-1 | docker login --username AWS --password-stdin public.ecr.aws",
                  publicPush: `docker tag ${repositoryUrl}:${tag} ${publicUri}:${tag} && docker push ${publicUri}:${tag}`,
              }
            : {}),
    };
}

/** The registry's outputs, named alike on every platform. */
export function registryOutputs(base: Foundation): { repositoryUrl: pulumi.Output<string>; publicRepositoryUri?: pulumi.Output<string>; pushCommands: pulumi.Output<Record<string, string>> } {
    const pub = base.registry.publicRepositoryUri;
    return {
        repositoryUrl: base.registry.repositoryUrl,
        ...(pub ? { publicRepositoryUri: pub } : {}),
        pushCommands: pulumi.all([base.registry.repositoryUrl, base.region, pub]).apply(([url, region, p]) => pushCommands(url, region, p)),
    };
}

/**
 * Where one service's output can be read, the same keys on every platform: `group` and `tail` where
 * it reaches CloudWatch Logs (ECS, EKS), `kubectl` where it runs on Kubernetes (EKS, any cluster).
 */
export interface LogOutput {
    /** The CloudWatch log group. */
    readonly group?: string;
    /** `aws logs tail` of the group, following it. */
    readonly tail?: string;
    /** `kubectl logs` of the service's pods, from the cluster itself. */
    readonly kubectl?: string;
}

/**
 * `kubectl logs` for a service, in the namespace of its name: a Deployment's pods, followed; for a
 * task, every pod of the Jobs made from its CronJob, which carry its `app.kubernetes.io/name`
 * label (components/kubernetes/KubernetesService.ts), each line prefixed with its pod.
 */
export function kubectlLogs(svc: Pick<ServiceSpec, "name" | "kind">): string {
    return svc.kind === "task" ? `kubectl --namespace ${svc.name} logs --selector app.kubernetes.io/name=${svc.name} --prefix --tail=-1` : `kubectl --namespace ${svc.name} logs deployment/${svc.name} --follow`;
}

/** Each service's log group and the command that follows it; with `kubectl`, its `kubectl logs` as well. */
export function logOutputs(spec: BerthSpec, region: pulumi.Output<string>, kubectl = false): pulumi.Output<Record<string, LogOutput>> {
    return region.apply((r) =>
        Object.fromEntries(
            Object.values(spec.services).map((svc) => [svc.name, { group: logGroupName(spec, svc.name), tail: `aws logs tail ${logGroupName(spec, svc.name)} --region ${r} --follow`, ...(kubectl ? { kubectl: kubectlLogs(svc) } : {}) }]),
        ),
    );
}

/** On a cluster without CloudWatch, each service's `kubectl logs` only. */
export function kubectlLogOutputs(spec: BerthSpec): Record<string, LogOutput> {
    return Object.fromEntries(Object.values(spec.services).map((svc) => [svc.name, { kubectl: kubectlLogs(svc) }]));
}

/** The file systems of `berth:storage`, in the stack's private subnets: the same on ECS and EKS. */
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
                backups: spec.efsBackups,
                protect: spec.protect,
                tags: spec.tags,
            }),
        ]),
    );
}
