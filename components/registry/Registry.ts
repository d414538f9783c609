import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { protectOpts, Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";

/**
 * The upstream registry each pull-through cache rule serves, by the repository prefix berth gives it.
 * The image references that resolve to each prefix are config's (config/images.ts, PULL_THROUGH_HOSTS).
 */
export const PULL_THROUGH_UPSTREAMS = { "ecr-public": "public.ecr.aws", "docker-hub": "registry-1.docker.io" } as const;
export type PullThroughPrefix = keyof typeof PULL_THROUGH_UPSTREAMS;

export interface ImageBuild {
    /** Docker build context. */
    readonly context: string;
    readonly dockerfile?: string;
    /** @default "linux/amd64" */
    readonly platform?: string;
}

export interface RegistryArgs {
    /** Tagged images to keep; older ones expire. @default 20 */
    readonly keepLast?: number;
    /** Days before untagged images expire. @default 7 */
    readonly untaggedExpiryDays?: number;
    /** Customer-managed KMS key. @default AES-256 with an AWS-owned key, which costs nothing. */
    readonly kmsKeyArn?: string;
    /** Keep the repository and its images: no force-delete, retain on delete. @default false */
    readonly protect?: boolean;
    /** Images to build from a Dockerfile and push here, keyed by service name. @default none */
    readonly builds?: Readonly<Record<string, ImageBuild>>;
    /**
     * Pull-through cache rules: `ecrPublic` caches public.ecr.aws, `dockerHub` caches Docker Hub with
     * the given Secrets Manager credential. @default none
     */
    readonly pullThroughCache?: { readonly ecrPublic?: boolean; readonly dockerHub?: { readonly credentialArn: string } };
    /** An ECR Public repository to publish the stack's images to, in us-east-1 (ECR Public's only region). @default none */
    readonly publicRepository?: { readonly repositoryName: string; readonly description?: string };
    readonly tags?: Tags;
    readonly transform?: {
        readonly repository?: Transform<aws.ecr.RepositoryArgs>;
        readonly lifecyclePolicy?: Transform<aws.ecr.LifecyclePolicyArgs>;
    };
}

/** The lifecycle rules as ECR expects them: untagged images expire first, then all but the newest N. */
export function lifecycleRules(keepLast: number, untaggedExpiryDays: number) {
    return {
        rules: [
            {
                rulePriority: 1,
                description: `expire untagged images after ${untaggedExpiryDays} days`,
                selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: untaggedExpiryDays },
                action: { type: "expire" },
            },
            {
                rulePriority: 2,
                description: `keep the last ${keepLast} images`,
                selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: keepLast },
                action: { type: "expire" },
            },
        ],
    };
}

/** The stack's ECR repository: scanned on push, immutable tags, encrypted, with lifecycle rules. */
export class Registry extends pulumi.ComponentResource {
    readonly repositoryUrl: pulumi.Output<string>;
    readonly repositoryArn: pulumi.Output<string>;
    /** Pushed image URIs of `builds`, keyed like `builds`. */
    readonly images: Record<string, pulumi.Output<string>>;
    /** Repository prefixes of the pull-through cache rules, e.g. ["ecr-public"]. */
    readonly pullThroughPrefixes: PullThroughPrefix[];
    /** The cache rules and their creation templates: a task pulling through a rule must not start before it. */
    readonly pullThroughRules: pulumi.Resource[] = [];
    /** The ECR Public repository's URI, when `publicRepository` is set. */
    readonly publicRepositoryUri?: pulumi.Output<string>;

    constructor(name: string, args: RegistryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:registry:Registry", name, {}, opts);
        const protect = args.protect ?? false;
        const repository = new aws.ecr.Repository(
            `${name}-repo`,
            applyTransform<aws.ecr.RepositoryArgs>(
                {
                    imageScanningConfiguration: { scanOnPush: true },
                    // Immutable tags: a tag always names the image that was tested. awsx.ecr.Image pushes a fresh random tag.
                    imageTagMutability: "IMMUTABLE",
                    encryptionConfigurations: [args.kmsKeyArn ? { encryptionType: "KMS", kmsKey: args.kmsKeyArn } : { encryptionType: "AES256" }],
                    forceDelete: !protect,
                    tags: { ...args.tags },
                },
                args.transform?.repository,
            ),
            protectOpts(this, protect),
        );
        new aws.ecr.LifecyclePolicy(
            `${name}-lifecycle`,
            applyTransform<aws.ecr.LifecyclePolicyArgs>({ repository: repository.name, policy: JSON.stringify(lifecycleRules(args.keepLast ?? 20, args.untaggedExpiryDays ?? 7)) }, args.transform?.lifecyclePolicy),
            { parent: this },
        );
        this.images = Object.fromEntries(
            Object.entries(args.builds ?? {}).map(([key, build]) => {
                const image = new awsx.ecr.Image(`${name}-${key}-image`, { repositoryUrl: repository.repositoryUrl, context: build.context, dockerfile: build.dockerfile, platform: build.platform ?? "linux/amd64" }, { parent: this });
                return [key, image.imageUri];
            }),
        );
        this.pullThroughPrefixes = this.cacheRules(name, args);
        if (args.publicRepository) {
            const pub = new aws.ecrpublic.Repository(
                `${name}-public`,
                {
                    repositoryName: args.publicRepository.repositoryName,
                    // ECR Public exists only in us-east-1, whatever the stack's region.
                    region: "us-east-1",
                    catalogData: args.publicRepository.description ? { description: args.publicRepository.description } : undefined,
                    forceDestroy: !protect,
                    tags: { ...args.tags },
                },
                protectOpts(this, protect),
            );
            this.publicRepositoryUri = pub.repositoryUri;
        }
        this.repositoryUrl = repository.repositoryUrl;
        this.repositoryArn = repository.arn;
        this.registerOutputs({ repositoryUrl: this.repositoryUrl, repositoryArn: this.repositoryArn, images: this.images, publicRepositoryUri: this.publicRepositoryUri });
    }

    /**
     * One rule per upstream, and a creation template so the repositories ECR creates on first pull
     * are encrypted and cleaned up like the stack's own (their tags stay mutable: upstream moves them).
     */
    private cacheRules(name: string, args: RegistryArgs): PullThroughPrefix[] {
        const cache = args.pullThroughCache;
        const prefixes: PullThroughPrefix[] = [...(cache?.ecrPublic ? ["ecr-public" as const] : []), ...(cache?.dockerHub ? ["docker-hub" as const] : [])];
        for (const prefix of prefixes) {
            const rule = new aws.ecr.PullThroughCacheRule(
                `${name}-${prefix}`,
                { ecrRepositoryPrefix: prefix, upstreamRegistryUrl: PULL_THROUGH_UPSTREAMS[prefix], credentialArn: prefix === "docker-hub" ? cache!.dockerHub!.credentialArn : undefined },
                { parent: this },
            );
            const template = new aws.ecr.RepositoryCreationTemplate(
                `${name}-${prefix}-template`,
                {
                    prefix,
                    appliedFors: ["PULL_THROUGH_CACHE"],
                    description: `Repositories ECR creates when pulling through ${PULL_THROUGH_UPSTREAMS[prefix]}`,
                    imageTagMutability: "MUTABLE",
                    encryptionConfigurations: [{ encryptionType: "AES256" }],
                    lifecyclePolicy: JSON.stringify(lifecycleRules(args.keepLast ?? 20, args.untaggedExpiryDays ?? 7)),
                    // The repositories ECR creates on first pull carry the stack's tags, so cost reports and
                    // the cleanup after `pulumi destroy` (which leaves them: Pulumi never created them) find them.
                    resourceTags: { ...args.tags },
                },
                { parent: this },
            );
            this.pullThroughRules.push(rule, template);
        }
        return prefixes;
    }
}
