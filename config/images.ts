// Image references as Docker and OCI write them (`[registry/]repository[:tag][@digest]`), and what
// berth derives from them: which ECR repository an image lives in, for least-privilege pulls.

export interface ImageRef {
    /** Registry host, e.g. `public.ecr.aws` or `123456789012.dkr.ecr.eu-west-1.amazonaws.com`; `docker.io` when omitted. */
    readonly registry: string;
    /** Repository path, e.g. `nginx/nginx`; Docker Hub's official images get their implicit `library/`. */
    readonly repository: string;
    readonly tag?: string;
    readonly digest?: string;
}

/**
 * Splits a reference. The first path component is a registry host only when it looks like one
 * (contains "." or ":", or is "localhost"), the rule Docker applies.
 */
export function parseImageRef(ref: string): ImageRef {
    const [name, digest] = ref.split("@", 2);
    const [first, ...rest] = name.split("/");
    const hasRegistry = rest.length > 0 && (first.includes(".") || first.includes(":") || first === "localhost");
    const registry = hasRegistry ? first : "docker.io";
    let path = hasRegistry ? rest.join("/") : name;
    const colon = path.lastIndexOf(":");
    const tag = colon > path.lastIndexOf("/") ? path.slice(colon + 1) : undefined;
    if (tag !== undefined) path = path.slice(0, colon);
    const repository = registry === "docker.io" && !path.includes("/") ? `library/${path}` : path;
    return { registry, repository, ...(tag !== undefined ? { tag } : {}), ...(digest ? { digest } : {}) };
}

const PRIVATE_ECR = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;

/** The ARN of the private ECR repository an image lives in, or undefined for any other registry. */
export function ecrRepositoryArn(image: string, partition: string): string | undefined {
    const ref = parseImageRef(image);
    const m = PRIVATE_ECR.exec(ref.registry);
    return m ? `arn:${partition}:ecr:${m[2]}:${m[1]}:repository/${ref.repository}` : undefined;
}

/**
 * The registry hosts an image reference may name, per pull-through cache prefix: an image on one of
 * them is pulled through the account's ECR when the stack has that prefix's rule (the rules and their
 * upstream URLs are the Registry component's: components/registry/Registry.ts, PULL_THROUGH_UPSTREAMS).
 */
export const PULL_THROUGH_HOSTS = {
    "ecr-public": ["public.ecr.aws"],
    "docker-hub": ["docker.io", "index.docker.io", "registry-1.docker.io"],
} as const;
export type PullThroughPrefix = keyof typeof PULL_THROUGH_HOSTS;

/**
 * The same image pulled through the account's ECR, when a cache rule serves its registry:
 * `public.ecr.aws/nginx/nginx:1.27` becomes `ACCOUNT.dkr.ecr.REGION.amazonaws.com/ecr-public/nginx/nginx:1.27`,
 * and Docker Hub's `nginx:1.27` becomes `.../docker-hub/library/nginx:1.27`.
 */
export function pullThroughImage(image: string, prefixes: ReadonlyArray<PullThroughPrefix>, registryHost: string): { uri: string; repository: string } | undefined {
    const ref = parseImageRef(image);
    const prefix = prefixes.find((p) => (PULL_THROUGH_HOSTS[p] as ReadonlyArray<string>).includes(ref.registry));
    if (!prefix) return undefined;
    const repository = `${prefix}/${ref.repository}`;
    return { uri: `${registryHost}/${repository}${ref.tag !== undefined ? `:${ref.tag}` : ""}${ref.digest ? `@${ref.digest}` : ""}`, repository };
}

/** Where App Runner pulls an image from: "ECR" (private, through an access role), "ECR_PUBLIC", or nowhere. */
export function imageRepositoryType(image: string): "ECR" | "ECR_PUBLIC" | undefined {
    if (parseImageRef(image).registry === "public.ecr.aws") return "ECR_PUBLIC";
    // Stryker disable next-line StringLiteral: only whether an ARN comes back matters here; the partition only shapes its text
    const privateEcr = ecrRepositoryArn(image, "aws") !== undefined;
    return privateEcr ? "ECR" : undefined;
}

/**
 * A tag that names a release: a version (`1.27-alpine`, `v2.3.1`, `20261201`) or a commit
 * (`3f2c1ab`, `sha-3f2c1ab`). Registries let any tag be pushed again, so only a digest is truly
 * immutable; but a release tag is moved only by its publisher's mistake, where `latest`, `stable`
 * or `main` move by design. No tag at all means `latest`.
 */
export function isReleaseTag(tag: string): boolean {
    return /^v?\d+([._+-][0-9A-Za-z]+)*$/.test(tag) || /^(sha-)?[0-9a-f]{7,64}$/.test(tag);
}

/** How berth warns about one image; the stack's facts it needs, as arguments. */
export interface ImageContext {
    readonly environment: string;
    /** Whether the stack's pull-through cache logs in to Docker Hub (berth:registry.pullThroughCache.dockerHub). */
    readonly dockerHubCredential: boolean;
}

/** Warnings about an image reference: the codes `image-tag` and `docker-hub` of docs/plan.md. */
export function imageProblems(image: string, ctx: ImageContext): Array<{ code: "image-tag" | "docker-hub"; message: string }> {
    const ref = parseImageRef(image);
    const out: Array<{ code: "image-tag" | "docker-hub"; message: string }> = [];
    const moving = "each task pulls whatever the tag names when it starts, so a scale-out or a replaced task can run an image nobody deployed, and a rollback cannot go back; pin a version tag, or a digest (@sha256:...)";
    if (ref.digest === undefined) {
        if (ref.tag === undefined) out.push({ code: "image-tag", message: `is ${image}, with no tag: it pulls latest, and ${moving}` });
        else if (ref.tag === "latest") out.push({ code: "image-tag", message: `is ${image}: latest is a mutable tag; ${moving}` });
        else if (ctx.environment === "prod" && !isReleaseTag(ref.tag)) {
            out.push({ code: "image-tag", message: `is ${image}: in prod, pin a digest (@sha256:...) or a release tag (a version such as 1.27.3, or a commit): ${ref.tag} reads as a tag its publisher moves` });
        }
    }
    // Docker Hub allows anonymous pulls 10 per hour per IPv4 address (docs.docker.com, "Docker Hub usage
    // and limits"), and every task behind one NAT gateway shares its address: a deployment or a
    // scale-out of a dozen tasks fails with toomanyrequests.
    if ((PULL_THROUGH_HOSTS["docker-hub"] as ReadonlyArray<string>).includes(ref.registry) && !ctx.dockerHubCredential) {
        out.push({
            code: "docker-hub",
            message: `is ${image}, pulled from Docker Hub anonymously: Docker Hub allows 10 anonymous pulls an hour per IP address, shared by every task behind the same NAT gateway, and refuses the rest (toomanyrequests); pull it from public.ecr.aws/docker/library/ (official images) or ECR, or set berth:registry.pullThroughCache.dockerHub with a Docker Hub credential`,
        });
    }
    return out;
}
