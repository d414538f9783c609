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

/** Upstream registries an ECR pull-through cache rule can serve, and the repository prefix berth gives each. */
export const PULL_THROUGH = {
    "ecr-public": { upstream: "public.ecr.aws", hosts: ["public.ecr.aws"] },
    "docker-hub": { upstream: "registry-1.docker.io", hosts: ["docker.io", "index.docker.io", "registry-1.docker.io"] },
} as const;
export type PullThroughPrefix = keyof typeof PULL_THROUGH;

/**
 * The same image pulled through the account's ECR, when a cache rule serves its registry:
 * `public.ecr.aws/nginx/nginx:1.27` becomes `ACCOUNT.dkr.ecr.REGION.amazonaws.com/ecr-public/nginx/nginx:1.27`,
 * and Docker Hub's `nginx:1.27` becomes `.../docker-hub/library/nginx:1.27`.
 */
export function pullThroughImage(image: string, prefixes: ReadonlyArray<PullThroughPrefix>, registryHost: string): { uri: string; repository: string } | undefined {
    const ref = parseImageRef(image);
    const prefix = prefixes.find((p) => (PULL_THROUGH[p].hosts as ReadonlyArray<string>).includes(ref.registry));
    if (!prefix) return undefined;
    const repository = `${prefix}/${ref.repository}`;
    return { uri: `${registryHost}/${repository}${ref.tag !== undefined ? `:${ref.tag}` : ""}${ref.digest ? `@${ref.digest}` : ""}`, repository };
}
