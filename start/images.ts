// Where an image comes from, and what pulling it takes: the first step of every start path.
import type { Call, Need } from "./needs";
import type { AwsService, Placement } from "./network";
import type { PlanIndex, PlannedResource } from "./types";

export type Registry = "ecr" | "cache" | "ecr-public" | "docker-hub" | "other";

export interface ImageSource {
    readonly registry: Registry;
    /** The ECR repository's name and ARN, for `ecr` and `cache`. */
    readonly repository?: string;
    readonly repositoryArn?: string;
    /** The stack's repository or pull-through cache rule that the image comes through, where the plan records one. */
    readonly via?: PlannedResource;
    /** An ECR image in another account or region. */
    readonly foreign?: { readonly account: string; readonly region: string };
}

// ECR's registry host: ACCOUNT.dkr.ecr.REGION.amazonaws.com (".com.cn" in China). ECR User Guide,
// "Private registry concepts".
const ECR_HOST = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

/** The registry host of an image reference, as Docker reads it: a first part with a dot or a colon, or "localhost". */
export function registryHost(image: string): string | undefined {
    const first = image.split("/")[0];
    return image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost") ? first : undefined;
}

/** The repository part of an image reference: without the host, the tag and the digest. */
export function repositoryOf(image: string): string {
    const host = registryHost(image);
    const rest = host ? image.slice(host.length + 1) : image;
    return rest.split("@")[0].replace(/:[^/]*$/, "");
}

export function imageSource(image: string, index: PlanIndex, account: string, region: string): ImageSource {
    const host = registryHost(image);
    if (!host || host === "docker.io" || host === "registry-1.docker.io" || host === "index.docker.io") return { registry: "docker-hub" };
    if (host === "public.ecr.aws") return { registry: "ecr-public" };
    const ecr = ECR_HOST.exec(host);
    if (!ecr) return { registry: "other" };
    const repository = repositoryOf(image);
    const partition = host.endsWith(".cn") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    const repositoryArn = `arn:${partition}:ecr:${ecr[2]}:${ecr[1]}:repository/${repository}`;
    if (ecr[1] !== account || ecr[2] !== region) return { registry: "ecr", repository, repositoryArn, foreign: { account: ecr[1], region: ecr[2] } };
    const rule = index.ofType("aws:ecr/pullThroughCacheRule:PullThroughCacheRule").find((r) => repository.startsWith(`${String(r.inputs.ecrRepositoryPrefix)}/`));
    if (rule) return { registry: "cache", repository, repositoryArn, via: rule };
    return { registry: "ecr", repository, repositoryArn, via: index.ofType("aws:ecr/repository:Repository").find((r) => r.inputs.name === repository) };
}

/** ECR needs its API, its Docker endpoint and S3, where the layers are (ECR User Guide, "Amazon ECR interface VPC endpoints"). */
export const ECR_PATH: ReadonlyArray<AwsService> = ["ecr.api", "ecr.dkr", "s3"];

/**
 * The image step: who pulls, what they call, and the path they take. A cache image also needs the
 * fill actions on its repository (ECR User Guide, "IAM permissions required to sync an upstream
 * registry with an Amazon ECR private registry"): the first pull creates the repository and imports
 * the image.
 */
export function imageNeed(image: string, index: PlanIndex, account: string, region: string, puller: string | undefined, from: Placement | undefined): Need {
    const src = imageSource(image, index, account, region);
    if (src.registry === "ecr-public" || src.registry === "docker-hub" || src.registry === "other") {
        const where = src.registry === "ecr-public" ? "ECR Public" : src.registry === "docker-hub" ? "Docker Hub" : `${registryHost(image)}`;
        return { kind: "image", subject: image, from, reach: ["internet"], proof: `pulled from ${where} anonymously` };
    }
    if (!src.via && !src.foreign) {
        return {
            kind: "image",
            subject: image,
            outcome: { result: "assumed", reason: `repository ${src.repository} is not in this stack: it must exist and hold ${image} before the deploy (push it, or let berth build it)` },
            identity: puller,
            calls: pullCalls(src),
            from,
            reach: ECR_PATH,
        };
    }
    const what = src.registry === "cache" ? `the pull-through cache rule ${src.via?.name}` : `the repository ${src.repository}`;
    return { kind: "image", subject: image, identity: puller, calls: pullCalls(src), from, reach: ECR_PATH, waitFor: src.via ? [{ urn: src.via.urn, what }] : [] };
}

function pullCalls(src: ImageSource): Call[] {
    const arn = src.repositoryArn!;
    const calls: Call[] = [
        // GetAuthorizationToken takes no resource-level permissions (Service Authorization Reference, ECR).
        { action: "ecr:GetAuthorizationToken", resource: "*" },
        { action: "ecr:BatchGetImage", resource: arn, resourcePolicy: !!src.foreign },
        { action: "ecr:GetDownloadUrlForLayer", resource: arn, resourcePolicy: !!src.foreign },
    ];
    if (src.registry === "cache") calls.push({ action: "ecr:BatchImportUpstreamImage", resource: arn }, { action: "ecr:CreateRepository", resource: arn });
    return calls;
}
