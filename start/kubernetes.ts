// The start-path needs of Kubernetes workloads (issue 23): for every Deployment, CronJob and Job the
// plan records, what its pods need to start (image pulls, secrets, logs, health, order) as `Need`s,
// for `evaluateNeed` to check against IAM, the network model and the dependency graph.
import { logsNeed, secretNeeds } from "./kubernetes-checks";
import { healthNeed } from "./kubernetes-health";
import { accountOf, type Compute, computeOf, identityOf, type Pod, podOf, str } from "./kubernetes-pods";
import { arnStart, type Call, type Need } from "./needs";
import type { AwsService } from "./network";
import type { PlanIndex, PlannedResource } from "./types";

export interface KubernetesWorkload {
    readonly workload: string;
    readonly kind: "deployment" | "cronjob" | "job";
    readonly service?: string;
    readonly urn: string;
    readonly needs: Need[];
}

const KINDS: Record<string, KubernetesWorkload["kind"]> = {
    "kubernetes:apps/v1:Deployment": "deployment",
    "kubernetes:batch/v1:CronJob": "cronjob",
    "kubernetes:batch/v1:Job": "job",
};

/** Where an image comes from. `repository` is the ECR repository name, for ECR sources. */
export interface ImageSource {
    readonly from: "stack-ecr" | "pull-through-cache" | "ecr" | "ecr-public" | "docker-hub" | "other";
    readonly repository?: string;
    /** The PullThroughCacheRule that fills a cache repository on first pull. */
    readonly cacheRule?: PlannedResource;
    readonly registryAccount?: string;
}

const ECR_HOST = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;

/** Splits `HOST/PATH:TAG@DIGEST`; a first segment without a dot, colon or "localhost" is a Docker Hub path. Source: distribution/reference (docker/reference normalize). */
function splitImage(image: string): { host: string; path: string } {
    const noDigest = image.split("@")[0];
    const slash = noDigest.indexOf("/");
    const first = slash < 0 ? "" : noDigest.slice(0, slash);
    const isHost = first.includes(".") || first.includes(":") || first === "localhost";
    const host = isHost ? first : "docker.io";
    const rest = isHost ? noDigest.slice(slash + 1) : noDigest;
    const colon = rest.lastIndexOf(":");
    return { host, path: colon > rest.lastIndexOf("/") ? rest.slice(0, colon) : rest };
}

export function imageSource(index: PlanIndex, image: string): ImageSource {
    const { host, path } = splitImage(image);
    const ecr = ECR_HOST.exec(host);
    if (ecr) {
        const rule = index.ofType("aws:ecr/pullThroughCacheRule:PullThroughCacheRule").find((r) => path.startsWith(`${str(r.inputs.ecrRepositoryPrefix)}/`));
        if (rule) return { from: "pull-through-cache", repository: path, cacheRule: rule, registryAccount: ecr[1] };
        const own = index.find(path, "aws:ecr/repository:Repository");
        return { from: own ? "stack-ecr" : "ecr", repository: path, registryAccount: ecr[1] };
    }
    if (host === "public.ecr.aws") return { from: "ecr-public" };
    if (host === "docker.io" || host === "registry-1.docker.io" || host === "index.docker.io") return { from: "docker-hub" };
    return { from: "other" };
}

/** ECR's pull: a token, then the manifest and the layers (from S3). Source: Amazon ECR User Guide, "Private repository policies" / AmazonEC2ContainerRegistryPullOnly. */
const ECR_REACH: AwsService[] = ["ecr.api", "ecr.dkr", "s3"];

function imageNeeds(index: PlanIndex, region: string, account: string, pod: Pod, compute: Compute[], platform: string): Need[] {
    const images = [...new Set(pod.containers.map((c) => str(c.image)).filter((x): x is string => !!x))];
    const needs: Need[] = [];
    for (const image of images) {
        if (platform === "kubernetes" || !compute.length) {
            needs.push({
                kind: "image",
                subject: image,
                outcome: {
                    result: "assumed",
                    reason: `the cluster's nodes must be able to pull ${image}: berth does not manage this cluster's nodes, so their registry credentials and network path to ${splitImage(image).host} are outside the plan`,
                },
            });
            continue;
        }
        const source = imageSource(index, image);
        for (const c of compute) {
            const identity = c.roleArn;
            const by = c.kind === "fargate" ? `the pod execution role of ${c.what}` : `the node role of ${c.what}`;
            if (source.repository) {
                const repoAccount = source.registryAccount ?? account;
                const repoArn = index.find(source.repository, "aws:ecr/repository:Repository")?.arn ?? `${arnStart(region)}:ecr:${region}:${repoAccount}:repository/${source.repository}`;
                const calls: Call[] = [
                    // GetAuthorizationToken has no resource-level permissions. Source: Service Authorization Reference, Amazon ECR.
                    { action: "ecr:GetAuthorizationToken", resource: "*" },
                    { action: "ecr:BatchGetImage", resource: repoArn },
                    { action: "ecr:GetDownloadUrlForLayer", resource: repoArn },
                    // The first pull through a cache prefix creates the repository and imports the image as the puller.
                    // Source: Amazon ECR User Guide, "IAM permissions required to sync an upstream registry with an Amazon ECR private registry".
                    ...(source.cacheRule
                        ? [
                              { action: "ecr:BatchImportUpstreamImage", resource: repoArn },
                              { action: "ecr:CreateRepository", resource: repoArn },
                          ]
                        : []),
                ];
                const fix = source.cacheRule
                    ? `the pull-through cache ${source.cacheRule.name} (prefix ${str(source.cacheRule.inputs.ecrRepositoryPrefix)}) fills ${source.repository} on first pull`
                    : `${source.repository} is ${source.from === "stack-ecr" ? "this stack's repository" : "an ECR repository outside this stack"}`;
                needs.push({ kind: "image", subject: image, identity, calls, from: c.placement, reach: ECR_REACH, proof: `${by} (${identity}) may pull ${image} from ECR: ${fix}` });
            } else {
                const where =
                    source.from === "ecr-public"
                        ? "ECR Public (anonymous pull over the internet)"
                        : source.from === "docker-hub"
                          ? "Docker Hub (over the internet, subject to its anonymous pull rate limit)"
                          : `${splitImage(image).host} (over the internet)`;
                needs.push({ kind: "image", subject: image, from: c.placement, reach: ["internet"], proof: `${c.what} pulls ${image} from ${where}; to pull through ECR instead, reference it under the stack's pull-through cache prefix` });
            }
        }
    }
    return needs;
}

/** What the workload must wait for: its nodes or Fargate profile, its identity's grant, its cache rules and log group. */
function orderNeed(subject: string, waits: Array<{ urn: string; what: string }>): Need {
    const seen = new Set<string>();
    return { kind: "order", subject, waits: waits.filter((w) => !seen.has(w.urn) && !!seen.add(w.urn)) };
}

/** The berth service a workload runs: its parent KubernetesService component's name. */
function serviceOf(index: PlanIndex, r: PlannedResource): string | undefined {
    const parent = r.parent ? index.byUrn.get(r.parent) : undefined;
    return parent?.type === "berth:kubernetes:KubernetesService" ? parent.name : undefined;
}

/**
 * Every Kubernetes workload in the plan with what its pods need to start. `platform` is the stack's
 * (`eks-*` or `kubernetes`, an existing cluster where berth knows no AWS identity); `region` the stack's.
 */
export function kubernetesWorkloads(index: PlanIndex, platform: string, region: string): KubernetesWorkload[] {
    const account = accountOf(index);
    const out: KubernetesWorkload[] = [];
    for (const r of index.resources) {
        const kind = KINDS[r.type];
        if (!kind) continue;
        const pod = podOf(r);
        const compute = platform === "kubernetes" ? [] : computeOf(index, pod);
        const service = serviceOf(index, r);
        const identity = platform === "kubernetes" ? undefined : identityOf(index, pod.namespace, pod.serviceAccount);
        const images = imageNeeds(index, region, account, pod, compute, platform);
        const secrets = secretNeeds(index, region, account, pod, identity, compute, platform);
        const logs = logsNeed(index, region, account, pod, compute, platform);
        const waits: Array<{ urn: string; what: string }> = [];
        for (const c of compute.filter((x) => x.awaited)) waits.push({ urn: c.urn, what: c.what });
        if (secrets.length && identity) waits.push(...identity.waits);
        for (const image of new Set(pod.containers.map((c) => str(c.image) ?? ""))) {
            const rule = platform === "kubernetes" ? undefined : imageSource(index, image).cacheRule;
            if (rule) waits.push({ urn: rule.urn, what: `pull-through cache rule ${rule.name}` });
        }
        if (logs.logGroup) waits.push({ urn: logs.logGroup.urn, what: `log group ${str(logs.logGroup.inputs.name)}` });
        const needs = [...images, ...secrets, ...(logs.need ? [logs.need] : []), healthNeed(index, r, pod), orderNeed(r.name, waits)];
        out.push({ workload: r.name, kind, ...(service ? { service } : {}), urn: r.urn, needs });
    }
    return out;
}
