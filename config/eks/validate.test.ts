import { strict as assert } from "assert";
import { readBerthConfig } from "../../stacks/program";
import { kubernetesWarnings, STANDARD_SUPPORT_NOTICE_DAYS, validateEksVersion, validateNodeGroup } from "./validate";
import { besidesPlaceholders, eksConfig, errorAt, fargateConfig, fixtureErrors, kubernetesConfig, validateFixture } from "../../tests/harness";
import { EKS_DEFAULT_VERSION, EKS_VERSIONS, EKS_VERSIONS_AS_OF, eksSupport, eksVersionsIn } from "../facts/eks";

type Json = Record<string, unknown>;
const eksErrors = (o: Json) => fixtureErrors(eksConfig(o));
const groups = (g: Json) => ({ "berth:eks": { nodeGroups: g } });
const fargateOnly = groups({ general: null, serverless: { type: "fargate" } });
const web = (svc: Json) => ({ "berth:services": { web: svc } });

/** The day before an ISO date. */
const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe("eksSupport", () => {
    for (const v of EKS_VERSIONS) {
        it(`${v.version}: standard until the day before ${v.endOfStandardSupport}, extended from it until the day before ${v.endOfExtendedSupport}, ended from then`, () => {
            assert.equal(eksSupport(v.version, dayBefore(v.endOfStandardSupport)), "standard");
            assert.equal(eksSupport(v.version, v.endOfStandardSupport), "extended");
            assert.equal(eksSupport(v.version, dayBefore(v.endOfExtendedSupport)), "extended");
            assert.equal(eksSupport(v.version, v.endOfExtendedSupport), "ended");
        });
    }
    it("knows no version outside the table", () => assert.equal(eksSupport("1.29"), undefined));
    it("ends extended support exactly a year after standard support, for every version", () => {
        for (const v of EKS_VERSIONS) assert.equal(v.endOfExtendedSupport, `${Number(v.endOfStandardSupport.slice(0, 4)) + 1}${v.endOfStandardSupport.slice(4)}`, v.version);
    });
});

describe("validateEksVersion", () => {
    const check = (version: string, upgradePolicy: "STANDARD" | "EXTENDED", asOf?: string) => validateEksVersion({ version, upgradePolicy } as never, asOf);
    it(`on ${EKS_VERSIONS_AS_OF}, accepts 1.36, 1.35 and 1.34 on STANDARD, and 1.33 and 1.32 only on EXTENDED`, () => {
        assert.deepEqual(eksVersionsIn("standard"), ["1.36", "1.35", "1.34"]);
        assert.deepEqual(eksVersionsIn("extended"), ["1.33", "1.32"]);
        for (const v of ["1.36", "1.35", "1.34"]) assert.deepEqual(check(v, "STANDARD"), []);
        for (const v of ["1.33", "1.32"]) {
            assert.match(check(v, "STANDARD")[0].allowed, new RegExp(`standard support \\(1\\.36, 1\\.35, 1\\.34\\): ${v.replace(".", "\\.")} left it on \\d{4}-\\d\\d-\\d\\d; or upgradePolicy EXTENDED .* six times`));
            assert.deepEqual(check(v, "EXTENDED"), []);
        }
    });
    it("probes the end of standard support: 1.34 on STANDARD until 2026-12-01, not on 2026-12-02", () => {
        assert.deepEqual(check("1.34", "STANDARD", "2026-12-01"), []);
        assert.match(check("1.34", "STANDARD", "2026-12-02")[0].allowed, /1\.34 left it on 2026-12-02/);
    });
    it("probes the end of extended support: 1.31 on EXTENDED until 2026-11-25, refused from 2026-11-26 on, naming the date", () => {
        assert.deepEqual(check("1.31", "EXTENDED", "2026-11-25"), []);
        const [e] = check("1.31", "EXTENDED", "2026-11-26");
        assert.equal(e.path, "berth:eks.version");
        assert.match(e.allowed, /1\.31 left extended support on 2026-11-26, and EKS creates no cluster on it; use 1\.36, 1\.35, 1\.34 \(standard support\)/);
    });
    it("refuses a version EKS does not run, listing those it does by support", () => {
        for (const v of ["1.29", "1.37", "1.34.1", "latest"]) {
            const [e] = check(v, "EXTENDED");
            assert.equal(e.path, "berth:eks.version");
            assert.equal(e.allowed, "a Kubernetes version EKS runs: 1.36, 1.35, 1.34 (standard support), or 1.33, 1.32 (extended support, with upgradePolicy EXTENDED)");
        }
    });
    it(`defaults to ${EKS_DEFAULT_VERSION}, in standard support for at least six more months`, () => {
        assert.ok(validateFixture(eksConfig()).ok);
        const sixMonthsOn = new Date(Date.parse(`${EKS_VERSIONS_AS_OF}T00:00:00Z`) + 182 * 86_400_000).toISOString().slice(0, 10);
        assert.equal(eksSupport(EKS_DEFAULT_VERSION, sixMonthsOn), "standard");
    });
});

describe("kubernetesWarnings", () => {
    type Spec = Parameters<typeof kubernetesWarnings>[0];
    const eks = (over: Partial<Spec["eks"]> = {}): Spec => ({ platform: "eks", eks: { version: "1.36", upgradePolicy: "STANDARD", publicAccessCidrs: ["198.51.100.0/24"], nodeGroups: {}, ...over } as never, services: {} });
    const paths = (spec: Spec, asOf?: string) => kubernetesWarnings(spec, asOf).map((w) => w.path);

    it("warns that a private-only endpoint must be reached from inside the VPC, and says how", () => {
        const [w] = kubernetesWarnings(eks({ publicAccessCidrs: [] }));
        assert.equal(w.path, "berth:eks.publicAccessCidrs");
        assert.match(w.message, /API endpoint is private: `pulumi up` creates every Kubernetes object .* through it.*times out.*inside the VPC.*berth:eks\.publicAccessCidrs/);
        assert.deepEqual(paths(eks()), []);
    });

    it("reaches the plan's warnings through configWarnings", () => {
        const r = validateFixture(eksConfig());
        assert.ok(r.ok);
        assert.deepEqual(
            besidesPlaceholders(r.warnings).map((w) => w.path),
            ["berth:eks.publicAccessCidrs"],
        );
    });

    it(`warns of a version leaving standard support within ${STANDARD_SUPPORT_NOTICE_DAYS} days: on the limit, not one day before it`, () => {
        const v = eks({ version: "1.34" });
        assert.deepEqual(paths(v, "2026-09-03"), ["berth:eks.version"]);
        assert.deepEqual(paths(v, "2026-09-02"), []);
        const [w] = kubernetesWarnings(v);
        assert.equal(w.message, "1.34 leaves EKS standard support on 2026-12-02 (in 5 days): then EKS upgrades the control plane itself (upgradePolicy STANDARD). 1.36 is in standard support until 2027-08-02");
        assert.match(kubernetesWarnings(eks({ version: "1.34", upgradePolicy: "EXTENDED" }))[0].message, /billed for extended support, six times the hourly price/);
    });

    it("warns on platform kubernetes that the cluster must serve the Metrics API the HPAs read", () => {
        const services = { web: { name: "web", scaling: { min: 1, max: 3 } }, api: { name: "api", scaling: { min: 1, max: 3 } }, db: { name: "db" } } as never;
        const [w] = kubernetesWarnings({ platform: "kubernetes", eks: eks().eks, services });
        assert.equal(w.path, "berth:services.web.scaling");
        assert.match(w.message, /^web, api scale with a HorizontalPodAutoscaler, which reads the Metrics API .* metrics-server/);
        assert.deepEqual(kubernetesWarnings({ platform: "kubernetes", eks: eks().eks, services: { db: { name: "db" } } as never }), []);
        assert.deepEqual(kubernetesWarnings({ ...eks(), services }), []);
    });
});

describe("EKS cluster access", () => {
    it("refuses a cluster without an admin role, naming the key, the empty list and why", () => {
        const e = errorAt(fixtureErrors(eksConfig({ "berth:eks": { adminRoleArns: [] } })), "berth:eks.adminRoleArns");
        assert.deepEqual(e, {
            path: "berth:eks.adminRoleArns",
            value: [],
            allowed:
                "at least one IAM role ARN such as arn:aws:iam::123456789012:role/platform-admin: cluster-admin comes only from this list, and the identity that runs pulumi up should not be the cluster's only way in (docs/eks.md, Cluster access)",
        });
    });
});

describe("EKS capacity", () => {
    it("refuses a cluster with no capacity", () => {
        const e = errorAt(eksErrors(groups({ general: null })), "berth:eks.nodeGroups");
        assert.match(e.allowed, /at least one node group .* runs no pods/);
    });
    const cases: Array<[string, Json, string, RegExp]> = [
        ["keys of EC2 groups on a fargate group", { type: "fargate", instanceTypes: ["t3.large"] }, "instanceTypes", /nothing on a fargate group/],
        ["selectors on a managed group", { type: "managed", selectors: [{ namespace: "web" }] }, "selectors", /choose the pods of a fargate group/],
        ["two instance types on a self-managed group", { type: "self-managed", instanceTypes: ["t3.medium", "t3.large"] }, "instanceTypes", /exactly one instance type/],
        ["spot on a self-managed group", { type: "self-managed", spot: true }, "spot", /fixed maximum price/],
        ["maxSize below minSize", { type: "managed", minSize: 3, maxSize: 2 }, "maxSize", /at least minSize \(3\)/],
        ["desiredSize outside the range", { type: "managed", minSize: 1, maxSize: 2, desiredSize: 3 }, "desiredSize", /between minSize and maxSize \(1-2\)/],
        ["mixed architectures", { type: "managed", instanceTypes: ["t3.medium", "t4g.medium"] }, "instanceTypes", /one architecture/],
    ];
    for (const [what, group, key, message] of cases) {
        it(`refuses ${what}`, () => {
            assert.match(errorAt(validateNodeGroup("g", group as never), `berth:eks.nodeGroups.g.${key}`).allowed, message);
        });
    }
    it("probes the limits: a 20 GiB root volume and 5 Fargate selectors, not 19 or 6", () => {
        assert.ok(validateFixture(eksConfig(groups({ general: { type: "managed", rootVolumeGiB: 20 } }))).ok);
        errorAt(eksErrors(groups({ general: { type: "managed", rootVolumeGiB: 19 } })), "berth:eks.nodeGroups.general.rootVolumeGiB");
        const selectors = (n: number) => Array.from({ length: n }, (_, i) => ({ namespace: i === 0 ? "web" : `ns${i}` }));
        assert.ok(validateFixture(eksConfig(groups({ general: null, serverless: { type: "fargate", selectors: selectors(5) } }))).ok);
        errorAt(eksErrors(groups({ general: null, serverless: { type: "fargate", selectors: selectors(6) } })), "berth:eks.nodeGroups.serverless.selectors");
    });
    it("requires the audit and authenticator logs", () => {
        const e = errorAt(eksErrors({ "berth:eks": { logTypes: ["api"] } }), "berth:eks.logTypes");
        assert.match(e.allowed, /audit and authenticator/);
    });
    it("probes the public endpoint's CIDR limit: 40, not 41", () => {
        const cidrs = (n: number) => Array.from({ length: n }, (_, i) => `198.51.${i}.0/24`);
        assert.ok(validateFixture(eksConfig({ "berth:eks": { publicAccessCidrs: cidrs(40) } })).ok);
        errorAt(eksErrors({ "berth:eks": { publicAccessCidrs: cidrs(41) } }), "berth:eks.publicAccessCidrs");
    });
    it("refuses NAT none: nodes pull images through it", () => {
        assert.match(errorAt(eksErrors({ "berth:network": { nat: "none" } }), "berth:network.nat").allowed, /on eks/);
    });
});

describe("where pods run on EKS", () => {
    it("refuses an EBS-backed disk on a Fargate-only cluster", () => {
        const errors = eksErrors({ ...fargateOnly, ...web({ desiredCount: 1, disks: [{ name: "data", sizeGiB: 10, mountPath: "/data" }] }) });
        assert.match(errorAt(errors, "berth:services.web.disks").allowed, /Fargate pods cannot attach EBS volumes/);
    });
    it("refuses a service no Fargate profile selects when the cluster has no nodes", () => {
        const errors = eksErrors(groups({ general: null, serverless: { type: "fargate", selectors: [{ namespace: "other" }] } }));
        assert.match(errorAt(errors, "berth:services.web").allowed, /some fargate group selects \(namespace web\)/);
    });
    it("probes Fargate's largest pod: 4096 cpu and 30720 MiB, and nothing above", () => {
        assert.ok(validateFixture(eksConfig({ ...fargateOnly, ...web({ cpu: 4096, memory: 30720 }) })).ok);
        const errors = eksErrors({ ...fargateOnly, ...web({ cpu: 4097, memory: 30721 }) });
        errorAt(errors, "berth:services.web.cpu");
        errorAt(errors, "berth:services.web.memory");
    });
    it("lets a service on nodes of a mixed cluster be larger than Fargate's limit", () => {
        assert.ok(validateFixture(eksConfig({ ...groups({ serverless: { type: "fargate", selectors: [{ namespace: "other" }] } }), ...web({ cpu: 8192, memory: 16384 }) })).ok);
    });
});

describe("keys Kubernetes cannot honour", () => {
    const scaled = (scaling: Json) => web({ scaling: { max: 4, cpu: 60, ...scaling } });
    const step = { name: "backlog", metric: { namespace: "AWS/SQS", name: "Visible" }, threshold: 10, comparison: "GreaterThanThreshold", steps: [{ adjustment: 1 }] };
    const cases: Array<[string, Json, string, RegExp]> = [
        ["step scaling", scaled({ steps: [step] }), "scaling.steps", /no step scaling on Kubernetes: .* CloudWatch alarms/],
        ["scheduled scaling", scaled({ schedules: [{ name: "night", schedule: "cron(0 22 * * ? *)", max: 1 }] }), "scaling.schedules", /no scheduled scaling .* KEDA/],
        ["request-count scaling", scaled({ requests: 500 }), "scaling.requests", /ALBRequestCountPerTarget/],
        ["scaling to zero", scaled({ min: 0 }), "scaling.min", /HPAScaleToZero/],
        ["scaling on no metric", web({ scaling: { max: 4 } }), "scaling.cpu", /needs a metric/],
        ["a disk on several replicas", web({ desiredCount: 2, disks: [{ name: "data", sizeGiB: 10, mountPath: "/data" }] }), "disks", /one node/],
    ];
    for (const platform of ["eks", "kubernetes"]) {
        for (const [what, overrides, key, message] of cases) {
            it(`refuses ${what} on ${platform}`, () => {
                const config = platform === "eks" ? eksConfig(overrides) : kubernetesConfig(overrides);
                assert.match(errorAt(fixtureErrors(config), `berth:services.web.${key}`).allowed, message);
            });
        }
    }
    it("maps cpu and memory targets with both cooldowns, and accepts them", () => {
        assert.ok(validateFixture(eksConfig(scaled({ memory: 70, scaleInCooldown: 120 }))).ok);
    });
    it("refuses disks on ECS, naming where they are built; runAsUser, the old name of user, is no longer Kubernetes-only", () => {
        const errors = fixtureErrors(fargateConfig(web({ runAsUser: 1000, disks: [{ name: "data", sizeGiB: 1, mountPath: "/d" }] })));
        assert.match(errorAt(errors, "berth:services.web.disks").allowed, /built on eks and kubernetes/);
        assert.deepEqual(
            errors.map((e) => e.path),
            ["berth:services.web.disks"],
        );
    });
    it("refuses the other platforms' keys, and berth:eks off EKS", () => {
        errorAt(eksErrors({ "berth:fargate": { spotWeight: 1 } }), "berth:fargate");
        errorAt(fixtureErrors(fargateConfig({ "berth:eks": { version: "1.34" } })), "berth:eks");
    });
});

describe("service names on Kubernetes", () => {
    const named = (name: string) => ({ "berth:services": { web: null, [name]: { image: "nginx", port: 8080, public: true } } });
    it("refuses names that would take over a system namespace, on both platforms", () => {
        assert.match(errorAt(fixtureErrors(eksConfig(named("kube-system"))), "berth:services.kube-system").allowed, /namespace of its own name/);
        errorAt(fixtureErrors(kubernetesConfig(named("external-secrets"))), "berth:services.external-secrets");
    });
    it("refuses on eks the names of berth's controllers, and allows them elsewhere", () => {
        assert.match(errorAt(fixtureErrors(eksConfig(named("lb-controller"))), "berth:services.lb-controller").allowed, /berth's own controllers/);
        assert.ok(validateFixture(kubernetesConfig(named("lb-controller"))).ok);
    });
});

describe("platform kubernetes", () => {
    it("accepts the base fixture", () => assert.ok(validateFixture(kubernetesConfig()).ok));
    const cases: Array<[string, Json, string, RegExp]> = [
        ["grants", web({ grants: [{ queue: "arn:aws:sqs:eu-west-1:123456789012:jobs", access: "send" }] }), "berth:services.web.grants", /grants are IAM statements/],
        ["Secrets Manager secrets", web({ secrets: { TOKEN: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:t-AbCdEf" } }), "berth:services.web.secrets", /read through an IAM role/],
        ["EFS volumes", { "berth:services": { web: { volumes: [{ fileSystem: "fs", volume: "v", mountPath: "/d" }] } } }, "berth:services.web.volumes", /no EFS volumes/],
        ["builds", web({ image: null, build: { context: "./app" } }), "berth:services.web.build", /pushed to ECR/],
        ["an ACM certificate", { "berth:loadBalancer": { certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" } }, "berth:loadBalancer.certificateArn", /only AWS load balancers/],
        [
            "an Ingress with no class",
            { "berth:kubernetes": { ingressClass: null } },
            "berth:kubernetes.ingressClass",
            /IngressClass of your cluster's ingress controller .* since public service web goes through an Ingress: berth assumes none, as the community ingress-nginx was retired in March 2026 and other controllers \(F5's NGINX Ingress Controller\) use the class nginx too/,
        ],
        [
            "restricted CIDRs with no annotation that enforces them, even on class nginx",
            { "berth:kubernetes": { sourceRangeAnnotation: null } },
            "berth:loadBalancer.allowedCidrs",
            /^\[0\.0\.0\.0\/0\], or berth:kubernetes\.sourceRangeAnnotation .* will not drop the restriction silently$/,
        ],
        ["an annotation key that is not one", { "berth:kubernetes": { sourceRangeAnnotation: "not an annotation" } }, "berth:kubernetes.sourceRangeAnnotation", /annotation key/],
        ["a VPC", { "berth:network": { azs: 2 } }, "berth:network", /creates no VPC/],
        ["EKS settings", { "berth:eks": { version: "1.34" } }, "berth:eks", /configures eks/],
        ["an ALB glob inside a path", web({ path: "/api/*/items" }), "berth:services.web.path", /Ingress paths are prefixes/],
        ["no kubeconfig", { "berth:kubeconfig": null }, "berth:kubeconfig", /pulumi config set --secret berth:kubeconfig/],
    ];
    for (const [what, overrides, path, message] of cases) {
        it(`refuses ${what}, saying why`, () => assert.match(errorAt(fixtureErrors(kubernetesConfig(overrides)), path).allowed, message));
    }
    it("lets any ingress class through when the load balancer is open to all", () => {
        assert.ok(validateFixture(kubernetesConfig({ "berth:kubernetes": { ingressClass: "traefik", sourceRangeAnnotation: null }, "berth:loadBalancer": { allowedCidrs: ["0.0.0.0/0"] } })).ok);
    });
    it("needs neither the class nor the annotation when no service goes through an Ingress", () => {
        const nlb = { "berth:services": { web: { loadBalancer: "nlb" } }, "berth:kubernetes": { ingressClass: null, sourceRangeAnnotation: null } };
        assert.ok(validateFixture(kubernetesConfig(nlb)).ok);
    });
});

describe("readBerthConfig and the kubeconfig", () => {
    const secret = (k: string) => k === "berth:kubeconfig";
    it("takes the kubeconfig only as a secret, and keeps every other key refusing secrets", () => {
        const ok = readBerthConfig({ "berth:kubeconfig": "apiVersion: v1", "berth:platform": "kubernetes" }, secret);
        assert.deepEqual(ok, { raw: { kubeconfig: "apiVersion: v1", platform: "kubernetes" }, errors: [] });
        const plain = readBerthConfig({ "berth:kubeconfig": "apiVersion: v1" }, () => false);
        assert.deepEqual(plain.raw, {});
        assert.match(plain.errors[0].allowed, /set it with `pulumi config set --secret berth:kubeconfig`/);
        assert.doesNotMatch(JSON.stringify(plain.errors), /apiVersion/);
        const other = readBerthConfig({ "berth:tags": "{}" }, () => true);
        assert.match(other.errors[0].allowed, /no secret values in berth config/);
    });
});

describe("the Kubernetes platforms: every error of a case, exactly", () => {
    const disk = (name: string) => ({ name, sizeGiB: 10, mountPath: `/${name}` });
    const step = { name: "backlog", metric: { namespace: "AWS/SQS", name: "Visible" }, threshold: 10, comparison: "GreaterThanThreshold", steps: [{ adjustment: 1 }] };
    const night = (name: string) => ({ name, schedule: "cron(0 22 * * ? *)", max: 1 });
    const SELF = { type: "self-managed", instanceTypes: ["t3.large"] };
    const cases: Array<[string, Json, Array<[string, unknown, string]>]> = [
        [
            "two step policies",
            eksConfig(web({ scaling: { max: 4, cpu: 60, steps: [step, { ...step, name: "age" }] } })),
            [["berth:services.web.scaling.steps", ["backlog", "age"], "no step scaling on Kubernetes: the HorizontalPodAutoscaler tracks a metric target and has no CloudWatch alarms or step adjustments; use cpu or memory targets"]],
        ],
        [
            "two schedules",
            eksConfig(web({ scaling: { max: 4, cpu: 60, schedules: [night("night"), night("weekend")] } })),
            [["berth:services.web.scaling.schedules", ["night", "weekend"], "no scheduled scaling on Kubernetes: the HorizontalPodAutoscaler has no schedule, and berth installs no KEDA to add one"]],
        ],
        [
            "two disks on two replicas",
            eksConfig(web({ desiredCount: 2, disks: [disk("data"), disk("cache")] })),
            [["berth:services.web.disks", ["data", "cache"], "no disks on a service of 2 replicas: a disk (ReadWriteOnce) attaches to one node, so set desiredCount 1 and no scaling, or share data through an EFS volume"]],
        ],
        ["a disk on a task in staging, where services default to 2 replicas", eksConfig({ "berth:environment": "staging", "berth:services": { web: null, job: { kind: "task", image: "busybox", disks: [disk("data")] } } }), []],
        ["two disks of one name", eksConfig(web({ desiredCount: 1, disks: [disk("data"), { ...disk("data"), mountPath: "/other" }] })), [["berth:services.web.disks.1.name", "data", "a name not used by another disk of this service"]]],
        [
            "disks on ecs-fargate",
            fargateConfig(web({ disks: [disk("data"), disk("cache")] })),
            [["berth:services.web.disks", ["data", "cache"], "nothing on ecs-fargate: disks are built on eks and kubernetes; ECS services share data through EFS volumes"]],
        ],
        [
            "disks on Fargate pods",
            eksConfig({ ...fargateOnly, ...web({ desiredCount: 1, disks: [disk("data"), disk("cache")] }) }),
            [["berth:services.web.disks", ["data", "cache"], "no disks on Fargate: Fargate pods cannot attach EBS volumes; use an EFS volume, or run the service on a managed or self-managed group"]],
        ],
        ["cpu one past Fargate's largest pod", eksConfig({ ...fargateOnly, ...web({ cpu: 8192, memory: 16384 }) }), [["berth:services.web.cpu", 8192, "at most 4096 on Fargate (4 vCPU per pod)"]]],
        [
            "spot on a self-managed group",
            eksConfig(groups({ general: { ...SELF, spot: true } })),
            [["berth:eks.nodeGroups.general.spot", true, "false on a self-managed group (eks.NodeGroupV2 buys spot only at a fixed maximum price); use a managed group for spot"]],
        ],
        ["a desired size within the default sizes", eksConfig(groups({ general: { type: "managed", desiredSize: 3 } })), []],
        ["a desired size one past the default maximum", eksConfig(groups({ general: { type: "managed", desiredSize: 4 } })), [["berth:eks.nodeGroups.general.desiredSize", 4, "between minSize and maxSize (1-3)"]]],
        ["a self-managed group of one type", eksConfig(groups({ general: SELF })), []],
        ["a group of default types", eksConfig(groups({ general: { type: "managed" } })), []],
        ["an AMI release pinning a self-managed group", eksConfig({ "berth:eks": { amiRelease: "v20260901", nodeGroups: { general: SELF } } }), []],
        [
            "an AMI release with only managed groups",
            eksConfig({ "berth:eks": { amiRelease: "v20260901" } }),
            [["berth:eks.amiRelease", "v20260901", "no amiRelease without a self-managed or karpenter node group: it pins their AMI, while managed groups take the release AWS recommends for the cluster's version and Fargate has no AMI"]],
        ],
        [
            "an AMI release by date without its v",
            eksConfig({ "berth:eks": { amiRelease: "20260901", nodeGroups: { general: SELF } } }),
            [["berth:eks.amiRelease", "20260901", "an EKS AMI release such as v20260714 (awslabs/amazon-eks-ami releases)"]],
        ],
        ["no NAT", eksConfig({ "berth:network": { nat: "none" } }), [["berth:network.nat", "none", "single or one-per-az on eks: nodes and Fargate pods in private subnets pull images and reach the EKS API through NAT"]]],
        [
            "a glob inside an Ingress path",
            kubernetesConfig(web({ path: "/api/*/v1", healthCheck: { path: "/api/health" } })),
            [["berth:services.web.path", "/api/*/v1", "an exact path or a prefix ending in /* on platform kubernetes: Ingress paths are prefixes, not ALB globs"]],
        ],
        [
            "two services through an Ingress with no class",
            kubernetesConfig({ "berth:kubernetes": { ingressClass: null }, "berth:services": { api: { image: "nginx", port: 8080, public: true, path: "/api/*", healthCheck: { path: "/api/health" } } } }),
            [
                [
                    "berth:kubernetes.ingressClass",
                    undefined,
                    "the IngressClass of your cluster's ingress controller (kubectl get ingressclass), since public services web, api go through an Ingress: berth assumes none, as the community ingress-nginx was retired in March 2026 and other controllers (F5's NGINX Ingress Controller) use the class nginx too",
                ],
            ],
        ],
        [
            "a service named after a system namespace",
            eksConfig({ "berth:services": { web: null, default: { image: "nginx", port: 8080, public: true } } }),
            [["berth:services.default", "default", "a service name other than default, kube-system, kube-public, kube-node-lease, external-secrets: each service gets a namespace of its own name"]],
        ],
        [
            "a service named after one of berth's controllers on eks",
            eksConfig({ "berth:services": { web: null, "storage-efs-csi": { image: "nginx", port: 8080, public: true } } }),
            [["berth:services.storage-efs-csi", "storage-efs-csi", "a service name other than lb-controller, storage-ebs-csi, storage-efs-csi, fsx-fsx-csi, fsx-trident, karpenter, which name berth's own controllers on eks"]],
        ],
        ["ECS Exec", kubernetesConfig(web({ exec: true })), [["berth:services.web.exec", true, "false on kubernetes: kubectl exec opens a shell into a pod already, governed by the cluster's RBAC, with nothing for berth to turn on"]]],
    ];
    for (const [what, config, expected] of cases) {
        it(`${what}: ${expected.length ? expected.map(([p]) => p).join(", ") : "accepted"}`, () => {
            const r = validateFixture(config);
            assert.deepEqual(r.ok ? [] : r.errors.map((e) => [e.path, e.value, e.allowed]), expected);
        });
    }

    it("lists only the standard versions when none is in extended support", () => {
        assert.deepEqual(validateEksVersion({ version: "1.29", upgradePolicy: "STANDARD" } as never, "2025-06-01"), [
            { path: "berth:eks.version", value: "1.29", allowed: "a Kubernetes version EKS runs: 1.36, 1.35, 1.34, 1.33, 1.32, 1.31 (standard support)" },
        ]);
    });
});

describe("kubernetesWarnings: the edges", () => {
    type Spec = Parameters<typeof kubernetesWarnings>[0];
    const eks = (version: string): Spec => ({ platform: "eks", eks: { version, upgradePolicy: "STANDARD", publicAccessCidrs: ["198.51.100.0/24"] } as never, services: {} });
    it("warns of no version on the day it leaves standard support (extended then), nor of a version outside the table", () => {
        assert.deepEqual(
            kubernetesWarnings(eks("1.34"), "2026-12-01").map((w) => w.message),
            ["1.34 leaves EKS standard support on 2026-12-02 (in 1 days): then EKS upgrades the control plane itself (upgradePolicy STANDARD). 1.36 is in standard support until 2027-08-02"],
        );
        assert.deepEqual(kubernetesWarnings(eks("1.34"), "2026-12-02"), []);
        assert.deepEqual(kubernetesWarnings(eks("1.29"), "2026-11-27"), []);
    });
    it("says scales, in the singular, of one scaled service", () => {
        const services = { web: { name: "web", scaling: { min: 1, max: 3 } } } as never;
        const [w] = kubernetesWarnings({ platform: "kubernetes", eks: eks("1.36").eks, services });
        assert.match(w.message, /^web scales with a HorizontalPodAutoscaler, which reads the Metrics API \(metrics\.k8s\.io\): berth installs nothing/);
    });
});
