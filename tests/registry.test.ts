// The stack's ECR: pull-through caches for ECR Public and Docker Hub, the ECR Public repository,
// and the execution roles' pull rights that follow the images.
import { strict as assert } from "assert";
import { PULL_THROUGH_UPSTREAMS } from "../components/registry/Registry";
import { parseImageRef, PULL_THROUGH_HOSTS, pullThroughImage } from "../config/images";
import { Plan } from "../plan/engine";
import { fargateConfig, inputs, json, ofType, planOk } from "./harness";

const HUB_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf";
const HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

describe("image references", () => {
    const cases: Array<[string, ReturnType<typeof parseImageRef>]> = [
        ["nginx", { registry: "docker.io", repository: "library/nginx" }],
        ["nginx:1.27", { registry: "docker.io", repository: "library/nginx", tag: "1.27" }],
        ["bitnami/redis:7", { registry: "docker.io", repository: "bitnami/redis", tag: "7" }],
        ["public.ecr.aws/nginx/nginx:1.27-alpine", { registry: "public.ecr.aws", repository: "nginx/nginx", tag: "1.27-alpine" }],
        ["localhost:5000/app@sha256:abc", { registry: "localhost:5000", repository: "app", digest: "sha256:abc" }],
        [`${HOST}/team/api:v2`, { registry: HOST, repository: "team/api", tag: "v2" }],
        ["localhost/app", { registry: "localhost", repository: "app" }],
        ["localhost:5000/team/app:1.0@sha256:abc", { registry: "localhost:5000", repository: "team/app", tag: "1.0", digest: "sha256:abc" }],
        ["library/nginx@sha256:abc", { registry: "docker.io", repository: "library/nginx", digest: "sha256:abc" }],
    ];
    for (const [ref, parsed] of cases) it(`parses ${ref}`, () => assert.deepEqual(parseImageRef(ref), parsed));

    it("rewrites only images whose registry a cache rule serves", () => {
        assert.deepEqual(pullThroughImage("nginx:1.27", ["docker-hub"], HOST), { uri: `${HOST}/docker-hub/library/nginx:1.27`, repository: "docker-hub/library/nginx" });
        assert.equal(pullThroughImage("nginx:1.27", ["ecr-public"], HOST), undefined);
        assert.equal(pullThroughImage("quay.io/prometheus/node-exporter:v1.8.0", ["ecr-public", "docker-hub"], HOST), undefined);
    });

    it("knows the same cache prefixes as the Registry component, each serving its own upstream's images", () => {
        assert.deepEqual(Object.keys(PULL_THROUGH_HOSTS), Object.keys(PULL_THROUGH_UPSTREAMS));
        assert.deepEqual(PULL_THROUGH_UPSTREAMS, { "ecr-public": "public.ecr.aws", "docker-hub": "registry-1.docker.io" });
        for (const [prefix, upstream] of Object.entries(PULL_THROUGH_UPSTREAMS)) assert.ok((PULL_THROUGH_HOSTS[prefix as keyof typeof PULL_THROUGH_HOSTS] as ReadonlyArray<string>).includes(upstream), prefix);
    });

    it("keeps the tag, the digest, both or neither", () => {
        const uri = (image: string) => pullThroughImage(image, ["ecr-public"], HOST)?.uri;
        assert.deepEqual(["public.ecr.aws/nginx/nginx", "public.ecr.aws/nginx/nginx:1.27", "public.ecr.aws/nginx/nginx@sha256:abc", "public.ecr.aws/nginx/nginx:1.27@sha256:abc"].map(uri), [
            `${HOST}/ecr-public/nginx/nginx`,
            `${HOST}/ecr-public/nginx/nginx:1.27`,
            `${HOST}/ecr-public/nginx/nginx@sha256:abc`,
            `${HOST}/ecr-public/nginx/nginx:1.27@sha256:abc`,
        ]);
    });
});

describe("pull-through cache and ECR Public (berth:registry)", () => {
    let p: Plan;
    beforeEach(async () => {
        p = await planOk(
            fargateConfig({
                "berth:registry": { pullThroughCache: { ecrPublic: true, dockerHub: { credentialArn: HUB_SECRET } }, public: { repositoryName: "acme/web", description: "Acme's web image" } },
                "berth:services": {
                    web: { image: "public.ecr.aws/nginx/nginx:1.27" },
                    hub: { image: "redis:7.4", cpu: 256, memory: 512 },
                    other: { image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v2", cpu: 256, memory: 512 },
                    quay: { image: "quay.io/prometheus/node-exporter:v1.8.0", cpu: 256, memory: 512 },
                },
            }),
        );
    });

    it("creates one rule per upstream, Docker Hub's with its credential", () => {
        assert.deepEqual(
            ofType(p, "aws:ecr/pullThroughCacheRule:PullThroughCacheRule").map((r) => [r.name, r.inputs.ecrRepositoryPrefix, r.inputs.upstreamRegistryUrl, r.inputs.credentialArn]),
            [
                ["registry-ecr-public", "ecr-public", "public.ecr.aws", undefined],
                ["registry-docker-hub", "docker-hub", "registry-1.docker.io", HUB_SECRET],
            ],
        );
    });

    it("starts no service before the cache rules exist: its first pull goes through them", () => {
        const rules = [...ofType(p, "aws:ecr/pullThroughCacheRule:PullThroughCacheRule"), ...ofType(p, "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate")].map((r) => r.urn);
        assert.equal(rules.length, 4);
        for (const svc of ["web", "hub", "other", "quay"]) {
            const deps = p.resources.find((r) => r.name === `${svc}-service`)!.dependencies;
            assert.deepEqual(
                rules.filter((u) => !deps.includes(u)),
                [],
                svc,
            );
        }
    });

    it("gives the repositories ECR creates on first pull encryption and the stack's lifecycle rules", () => {
        const t = inputs(p, "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate", "registry-docker-hub-template");
        assert.deepEqual([t.prefix, t.appliedFors, t.imageTagMutability, t.encryptionConfigurations], ["docker-hub", ["PULL_THROUGH_CACHE"], "MUTABLE", [{ encryptionType: "AES256" }]]);
        assert.deepEqual(
            json(t.lifecyclePolicy).rules.map((r: any) => r.selection.countNumber),
            [7, 20],
        );
    });

    it("runs ECR Public and Docker Hub images through the cache, and leaves other registries alone", () => {
        const image = (svc: string) => json(inputs(p, "aws:ecs/taskDefinition:TaskDefinition", `${svc}-taskdef`).containerDefinitions)[0].image;
        assert.equal(image("web"), `${HOST}/ecr-public/nginx/nginx:1.27`);
        assert.equal(image("hub"), `${HOST}/docker-hub/library/redis:7.4`);
        assert.equal(image("other"), `${HOST}/team/api:v2`);
        assert.equal(image("quay"), "quay.io/prometheus/node-exporter:v1.8.0");
    });

    it("lets each execution role pull its own image only, creating and importing the cached repository on first pull", () => {
        const statements = (svc: string) => json(inputs(p, "aws:iam/rolePolicy:RolePolicy", `${svc}-exec-policy`).policy).Statement;
        const ecr = (svc: string) => statements(svc).filter((s: any) => s.Sid.startsWith("Ecr"));
        const pull = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"];
        const token = { Sid: "EcrToken", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" };
        // Each role pulls its service's image and nothing else: no helper image rides along (writable paths are tmpfs mounts).
        const nginx = ["arn:aws:ecr:eu-west-1:123456789012:repository/ecr-public/nginx/nginx"];
        assert.deepEqual(ecr("web"), [
            token,
            { Sid: "EcrPull", Effect: "Allow", Action: pull, Resource: nginx },
            { Sid: "EcrPullThroughCache", Effect: "Allow", Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"], Resource: nginx },
        ]);
        assert.deepEqual(ecr("other"), [token, { Sid: "EcrPull", Effect: "Allow", Action: pull, Resource: ["arn:aws:ecr:eu-west-1:123456789012:repository/team/api"] }]);
        // Quay is no ECR registry: nothing of ECR to allow.
        assert.deepEqual(ecr("quay"), []);
        assert.equal(JSON.stringify(["web", "hub", "other", "quay"].map(statements)).includes("busybox"), false);
    });

    it("creates the ECR Public repository in us-east-1, whatever the stack's region", () => {
        const pub = inputs(p, "aws:ecrpublic/repository:Repository", "registry-public");
        assert.deepEqual([pub.repositoryName, pub.region, pub.catalogData, pub.forceDestroy], ["acme/web", "us-east-1", { description: "Acme's web image" }, true]);
        assert.match(String(p.outputs.publicRepositoryUri), /^public\.ecr\.aws\/[a-z0-9]+\/acme\/web$/);
    });
});
