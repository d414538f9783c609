// Cross-field rules case by case, through validateConfig: each config must produce exactly the
// error paths listed (none for a config on the limit), so a rule that fires too early, too late,
// at the wrong key or not at all fails here. Paths, not wording: the messages are checked by the
// invariants at the end, over every error these cases produce.
import { strict as assert } from "assert";
import { ConfigError } from "./errors";
import { eksConfig, fargateConfig, kubernetesConfig, managedConfig, merge, validateFixture } from "../tests/harness";

type Json = Record<string, unknown>;
const BUSYBOX = "public.ecr.aws/docker/library/busybox:1.36";
/** Every case's config, for the invariants over their errors at the end. */
const CONFIGS: Json[] = [];

const errorsOf = (config: Json): ReadonlyArray<ConfigError> => {
    const r = validateFixture(config);
    return r.ok ? [] : r.errors;
};
const pathsOf = (config: Json) => errorsOf(config).map((e) => e.path);

function table(title: string, cases: ReadonlyArray<[string, Json, string[]]>): void {
    CONFIGS.push(...cases.map(([, config]) => config));
    describe(title, () => {
        for (const [what, config, paths] of cases) it(`${what}: ${paths.length ? paths.join(", ") : "accepted"}`, () => assert.deepEqual(pathsOf(config), paths));
    });
}

const web = (svc: Json, base = fargateConfig()) => merge(base, { "berth:services": { web: svc } });
const step = (steps: Json[], extra: Json = {}) => ({ name: "backlog", metric: { namespace: "AWS/SQS", name: "Backlog", dimensions: {} }, threshold: 1, comparison: "GreaterThanOrEqualToThreshold", steps, ...extra });
const scaled = (scaling: Json, svc: Json = {}, base = fargateConfig()) => web({ ...svc, scaling: { min: 1, max: 4, cpu: 60, ...scaling } }, base);
const S = "berth:services.web.scaling";

table("step scaling bounds (Application Auto Scaling: no overlap, no gap, lower below upper)", [
    [
        "two steps that meet",
        scaled({
            steps: [
                step([
                    { lower: 0, upper: 10, adjustment: 1 },
                    { lower: 10, adjustment: 2 },
                ]),
            ],
        }),
        [],
    ],
    [
        "steps written out of order, that meet",
        scaled({
            steps: [
                step([
                    { lower: 10, adjustment: 2 },
                    { upper: 0, adjustment: -1 },
                    { lower: 0, upper: 10, adjustment: 1 },
                ]),
            ],
        }),
        [],
    ],
    [
        "an overlap, written out of order",
        scaled({
            steps: [
                step([
                    { lower: 5, adjustment: 2 },
                    { lower: 0, upper: 10, adjustment: 1 },
                ]),
            ],
        }),
        [`${S}.steps.0.steps.0.lower`],
    ],
    [
        "a gap",
        scaled({
            steps: [
                step([
                    { lower: 0, upper: 10, adjustment: 1 },
                    { lower: 11, adjustment: 2 },
                ]),
            ],
        }),
        [`${S}.steps.0.steps.1.lower`],
    ],
    [
        "two steps open below",
        scaled({
            steps: [
                step([
                    { upper: 0, adjustment: -1 },
                    { upper: 5, adjustment: -2 },
                ]),
            ],
        }),
        [`${S}.steps.0.steps.1.lower`],
    ],
    ["a lower bound equal to its upper bound", scaled({ steps: [step([{ lower: 5, upper: 5, adjustment: 1 }])] }), [`${S}.steps.0.steps.0.upper`]],
    ["a step open on both sides", scaled({ steps: [step([{ adjustment: 1 }])] }), []],
    [
        "only an upper bound, then only a lower bound",
        scaled({
            steps: [
                step([
                    { upper: 3, adjustment: -1 },
                    { lower: 3, adjustment: 1 },
                ]),
            ],
        }),
        [],
    ],
]);

table("scaling ranges, counts and names", [
    ["max equal to min", scaled({ min: 2, max: 2 }), []],
    ["max one below min", scaled({ min: 3, max: 2 }), [`${S}.max`]],
    ["a desired count equal to min, and to max", scaled({ min: 2, max: 4 }, { desiredCount: 2 }), []],
    ["a desired count equal to max", scaled({ min: 2, max: 4 }, { desiredCount: 4 }), []],
    ["a desired count one below min", scaled({ min: 2, max: 4 }, { desiredCount: 1 }), ["berth:services.web.desiredCount"]],
    ["a desired count one above max", scaled({ min: 2, max: 4 }, { desiredCount: 5 }), ["berth:services.web.desiredCount"]],
    ["request-count scaling on a private service", scaled({ requests: 100 }, { public: false }), [`${S}.requests`]],
    ["request-count scaling behind the NLB", scaled({ requests: 100 }, { loadBalancer: "nlb" }), [`${S}.requests`]],
    ["request-count scaling behind the ALB", scaled({ requests: 100 }), []],
    [
        "the ALB's placeholders in a step's dimensions, behind the ALB",
        scaled({
            steps: [
                step([{ lower: 0, adjustment: 1 }], {
                    metric: { namespace: "AWS/ApplicationELB", name: "TargetResponseTime", dimensions: { LoadBalancer: "$loadBalancer", TargetGroup: "$targetGroup", ClusterName: "$cluster", ServiceName: "$service" } },
                }),
            ],
        }),
        [],
    ],
    [
        "the ALB's placeholders on a private service",
        scaled(
            { steps: [step([{ lower: 0, adjustment: 1 }], { metric: { namespace: "AWS/ECS", name: "CPUUtilization", dimensions: { LoadBalancer: "$loadBalancer", ClusterName: "$cluster", ServiceName: "$service", Literal: "x$" } } })] },
            { public: false },
        ),
        [`${S}.steps.0.metric.dimensions.LoadBalancer`],
    ],
    ["an unknown placeholder", scaled({ steps: [step([{ lower: 0, adjustment: 1 }], { metric: { namespace: "AWS/ECS", name: "CPU", dimensions: { ServiceName: "$svc" } } })] }), [`${S}.steps.0.metric.dimensions.ServiceName`]],
    ...(["cpu", "memory", "requests", "target"] as const).map((name): [string, Json, string[]] => [`a step named ${name}`, scaled({ steps: [step([{ lower: 0, adjustment: 1 }], { name })] }), [`${S}.steps.0.name`]]),
    ["two steps of one name", scaled({ steps: [step([{ lower: 0, adjustment: 1 }]), step([{ upper: 0, adjustment: -1 }])] }), [`${S}.steps.1.name`]],
]);

const schedule = (s: Json) => ({ name: "night", schedule: "cron(0 20 * * ? *)", ...s });
table("scheduled scaling (inside scaling.min..max, which pulumi up puts back)", [
    ["a schedule on the envelope's edges", scaled({ min: 1, max: 4, schedules: [schedule({ min: 1, max: 4 })] }), []],
    ["a schedule with neither min nor max", scaled({ schedules: [schedule({})] }), [`${S}.schedules.0`]],
    ["a schedule with only a max", scaled({ schedules: [schedule({ max: 2 })] }), []],
    ["a schedule whose max is below its min", scaled({ schedules: [schedule({ min: 3, max: 2 })] }), [`${S}.schedules.0.max`]],
    ["a schedule whose max equals its min", scaled({ schedules: [schedule({ min: 2, max: 2 })] }), []],
    ["a schedule's min below scaling.min", scaled({ min: 2, max: 4, schedules: [schedule({ min: 1 })] }), [`${S}.schedules.0.min`]],
    ["a schedule's max above scaling.max", scaled({ min: 2, max: 4, schedules: [schedule({ max: 5 })] }), [`${S}.schedules.0.max`]],
    ["two schedules of one name", scaled({ schedules: [schedule({ max: 2 }), schedule({ max: 3 })] }), [`${S}.schedules.1.name`]],
]);

const G = "berth:services.web.grants.0";
const TABLE = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders";
const QUEUE = "arn:aws:sqs:eu-west-1:123456789012:jobs";
table("grants (each kind takes its own access levels)", [
    ...(["read", "write", "readwrite"] as const).map((access): [string, Json, string[]] => [`a bucket, ${access}`, web({ grants: [{ bucket: "assets", access }] }), []]),
    ...(["read", "write", "readwrite"] as const).map((access): [string, Json, string[]] => [`a table, ${access}`, web({ grants: [{ table: TABLE, access }] }), []]),
    ...(["consume", "send"] as const).map((access): [string, Json, string[]] => [`a queue, ${access}`, web({ grants: [{ queue: QUEUE, access }] }), []]),
    ["a bucket, consume", web({ grants: [{ bucket: "assets", access: "consume" }] }), [`${G}.access`]],
    ["a table, send", web({ grants: [{ table: TABLE, access: "send" }] }), [`${G}.access`]],
    ["a queue, read", web({ grants: [{ queue: QUEUE, access: "read" }] }), [`${G}.access`]],
    ["a prefix on a table", web({ grants: [{ table: TABLE, prefix: "x/", access: "read" }] }), [`${G}.prefix`]],
    ["a prefix on a bucket", web({ grants: [{ bucket: "assets", prefix: "x/", access: "read" }] }), []],
    [
        "a second, bad grant",
        web({
            grants: [
                { bucket: "assets", access: "read" },
                { queue: QUEUE, access: "write" },
            ],
        }),
        ["berth:services.web.grants.1.access"],
    ],
]);

const anywhere = (svc: Json, over: Json = {}) => merge(fargateConfig({ "berth:platform": "ecs-anywhere", "berth:loadBalancer": null, "berth:services": { web: { public: false, ...svc } } }), over);
table("ECS Anywhere services", [
    ["a public service", anywhere({ public: true }), ["berth:services.web.public"]],
    ["a load balancer type without public", anywhere({ loadBalancer: "alb" }), ["berth:services.web.loadBalancer"]],
    ["an EFS volume", anywhere({ volumes: [{ fileSystem: "shared", volume: "data", mountPath: "/data" }] }, {}), ["berth:services.web.volumes", "berth:services.web.volumes.0.fileSystem"]],
    ["a scaling maximum of as many tasks as hosts", anywhere({ scaling: { min: 1, max: 10, cpu: 60 } }), []],
    ["a scaling maximum one past the hosts", anywhere({ scaling: { min: 1, max: 11, cpu: 60 } }), ["berth:services.web.scaling.max"]],
    ["more tasks than hosts, without a port (no host port to share)", anywhere({ port: null, desiredCount: 11 }), []],
]);

table("one-off tasks", [
    ...(["public", "desiredCount", "loadBalancer", "listenerPort", "priority"] as const).map((key): [string, Json, string[]] => [
        `a task with ${key}`,
        fargateConfig({ "berth:services": { job: { kind: "task", image: BUSYBOX, [key]: key === "public" ? true : key === "loadBalancer" ? "alb" : key === "desiredCount" ? 2 : 80 } } }),
        [`berth:services.job.${key}`],
    ]),
    ["a task with scaling", fargateConfig({ "berth:services": { job: { kind: "task", image: BUSYBOX, scaling: { min: 1, max: 2, cpu: 50 } } } }), ["berth:services.job.scaling"]],
    [
        "a task published through PrivateLink",
        fargateConfig({ "berth:services": { job: { kind: "task", image: BUSYBOX, port: 8080, privateLink: { allowedPrincipals: ["arn:aws:iam::210987654321:root"] } } } }),
        ["berth:services.job.privateLink"],
    ],
    [
        "a private service published through PrivateLink without a port",
        fargateConfig({ "berth:services": { web: { public: false, port: null, privateLink: { allowedPrincipals: ["arn:aws:iam::210987654321:root"] } } } }),
        ["berth:services.web.port"],
    ],
]);

const shared = { fileSystems: { shared: { volumes: { data: { path: "/data" }, logs: { path: "/logs" } } } } };
const V = "berth:services.web.volumes";
table("EFS volumes", [
    [
        "two volumes of one file system",
        web(
            {
                volumes: [
                    { fileSystem: "shared", volume: "data", mountPath: "/data" },
                    { fileSystem: "shared", volume: "logs", mountPath: "/logs" },
                ],
            },
            fargateConfig({ "berth:storage": shared }),
        ),
        [],
    ],
    [
        "two volumes on one mount path",
        web(
            {
                volumes: [
                    { fileSystem: "shared", volume: "data", mountPath: "/data" },
                    { fileSystem: "shared", volume: "logs", mountPath: "/data" },
                ],
            },
            fargateConfig({ "berth:storage": shared }),
        ),
        [`${V}.1.mountPath`],
    ],
    ["a volume the file system lacks", web({ volumes: [{ fileSystem: "shared", volume: "cache", mountPath: "/c" }] }, fargateConfig({ "berth:storage": shared })), [`${V}.0.volume`]],
    ["a file system without a volume", web({ volumes: [{ fileSystem: "shared", mountPath: "/c" }] }, fargateConfig({ "berth:storage": shared })), [`${V}.0.volume`]],
    ["an undefined file system, with others defined", web({ volumes: [{ fileSystem: "other", volume: "data", mountPath: "/c" }] }, fargateConfig({ "berth:storage": shared })), [`${V}.0.fileSystem`]],
    ["a bucket", web({ volumes: [{ bucket: "assets", mountPath: "/c" }] }), [`${V}.0`]],
    ["an S3 URL as a file system", web({ volumes: [{ fileSystem: "s3://assets", mountPath: "/c" }] }), [`${V}.0`]],
    ["an S3 ARN as a file system", web({ volumes: [{ fileSystem: "arn:aws-cn:s3:::assets", mountPath: "/c" }] }), [`${V}.0`]],
    ["a file system named like an S3 ARN inside", web({ volumes: [{ fileSystem: "my-arn:aws:s3:", volume: "data", mountPath: "/c" }] }, fargateConfig({ "berth:storage": shared })), [`${V}.0.fileSystem`]],
]);

const nlb = (name: string, svc: Json) => ({ [name]: { image: BUSYBOX, port: 1883, public: true, loadBalancer: "nlb", ...svc } });
table("NLB listener ports (one listener per port)", [
    ["two NLB services on different ports", fargateConfig({ "berth:services": { ...nlb("a", {}), ...nlb("b", { port: 1884 }) } }), []],
    ["two NLB services on one container port, apart through listenerPort", fargateConfig({ "berth:services": { ...nlb("a", {}), ...nlb("b", { listenerPort: 8883 }) } }), []],
    ["two NLB services on one listener port", fargateConfig({ "berth:services": { ...nlb("a", { listenerPort: 8883 }), ...nlb("b", { port: 8883 }) } }), ["berth:services.b.listenerPort"]],
    [
        "two TLS NLB services: both on 443",
        fargateConfig({ "berth:loadBalancer": { certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" }, "berth:services": { ...nlb("a", {}), ...nlb("b", { port: 1884 }) } }),
        ["berth:services.b.listenerPort"],
    ],
    ["a private service on the same port as an NLB service", fargateConfig({ "berth:services": { ...nlb("a", {}), b: { image: BUSYBOX, port: 1883, loadBalancer: "nlb" } } }), []],
    ["an ALB service on the same port as an NLB service", fargateConfig({ "berth:services": { ...nlb("a", { port: 8080 }) } }), []],
]);

table("egress and the VPC on each platform", [
    ["no NAT on ecs-ec2", fargateConfig({ "berth:platform": "ecs-ec2", "berth:network": { nat: "none" } }), ["berth:network.nat"]],
    ["no NAT on Express Mode in public subnets", managedConfig("ecs-express", { "berth:network": { nat: "none" }, "berth:express": { subnets: "public" } }), []],
    ["no NAT on Express Mode in its default private subnets", managedConfig("ecs-express", { "berth:network": { nat: "none" } }), ["berth:network.nat"]],
    ["no NAT on App Runner", managedConfig("apprunner", { "berth:network": { nat: "none" } }), ["berth:network.nat"]],
    ["no NAT on EKS", eksConfig({ "berth:network": { nat: "none" } }), ["berth:network.nat"]],
    ["a /17 VPC with the 3 AZs of prod", fargateConfig({ "berth:environment": "prod", "berth:network": { cidr: "10.0.0.0/17" } }), ["berth:network.cidr"]],
    ["a /17 VPC in prod with 2 AZs", fargateConfig({ "berth:environment": "prod", "berth:network": { cidr: "10.0.0.0/17", azs: 2 } }), []],
    ["Fargate weights of 0 and 0 in prod's mix (spot 0)", fargateConfig({ "berth:environment": "prod", "berth:fargate": { onDemandWeight: 0 } }), ["berth:fargate.onDemandWeight"]],
    ["on-demand weight 0 with dev's spot weight", fargateConfig({ "berth:fargate": { onDemandWeight: 0 } }), []],
]);

const ec2 = (over: Json = {}) => merge(fargateConfig({ "berth:platform": "ecs-ec2" }), over);
table("EC2 capacity", [
    ["a minimum equal to the maximum", ec2({ "berth:ec2": { minSize: 3, maxSize: 3 } }), []],
    ["a minimum above the maximum", ec2({ "berth:ec2": { minSize: 4, maxSize: 3 } }), ["berth:ec2.maxSize"]],
    ["a maximum of 1 with no minimum set", ec2({ "berth:ec2": { maxSize: 1 } }), []],
    ["Graviton types on arm64", ec2({ "berth:ec2": { architecture: "arm64", instanceTypes: ["t4g.medium", "m7g.large", "c8gd.xlarge", "a1.large"] } }), []],
    ["an x86 type among Graviton ones on arm64", ec2({ "berth:ec2": { architecture: "arm64", instanceTypes: ["t4g.medium", "m6i.large"] } }), ["berth:ec2.instanceTypes.1"]],
    ["x86 types that merely contain a g", ec2({ "berth:ec2": { instanceTypes: ["g5.xlarge", "m6gx.large".replace("gx", "i"), "t3a.large"] } }), []],
    ["cpu scaling with a cpu target", ec2({ "berth:ec2": { scaling: "cpu", cpuTarget: 50 } }), []],
    ["capacity-provider scaling with a cpu target", ec2({ "berth:ec2": { cpuTarget: 50 } }), ["berth:ec2.cpuTarget"]],
    ["an arm64 build on x86 instances", ec2({ "berth:services": { web: { image: null, build: { context: "./app", platform: "linux/arm64" } } } }), ["berth:services.web.build.platform"]],
    ["an amd64 build on arm64 instances", ec2({ "berth:ec2": { architecture: "arm64", instanceTypes: ["t4g.large"] }, "berth:services": { web: { image: null, build: { context: "./app" } } } }), ["berth:services.web.build.platform"]],
    ["an arm64 build on arm64 instances", ec2({ "berth:ec2": { architecture: "arm64", instanceTypes: ["t4g.large"] }, "berth:services": { web: { image: null, build: { context: "./app", platform: "linux/arm64" } } } }), []],
    ["a task sized by the largest of several types", ec2({ "berth:ec2": { instanceTypes: ["t3.medium", "m6i.xlarge"] }, "berth:services": { web: { cpu: 4096, memory: 16384 } } }), []],
    ["a task larger than every type, whose sizes berth knows", ec2({ "berth:ec2": { instanceTypes: ["t3.medium", "m6i.xlarge"] }, "berth:services": { web: { cpu: 4096, memory: 16385 } } }), ["berth:services.web.memory"]],
    ["a large task among types berth cannot size: not checked", ec2({ "berth:ec2": { instanceTypes: ["t3.medium", "c5n.large"] }, "berth:services": { web: { cpu: 8192, memory: 65536 } } }), []],
    ["one-off tasks count once against the interfaces", ec2({ "berth:ec2": { maxSize: 1 }, "berth:services": { web: { desiredCount: 1 }, job: { kind: "task", image: BUSYBOX } } }), []],
    ["a service at its scaling maximum fills the interfaces", ec2({ "berth:ec2": { maxSize: 2 }, "berth:services": { web: { scaling: { min: 1, max: 4, cpu: 50 } } } }), []],
    ["one task more than the interfaces", ec2({ "berth:ec2": { maxSize: 2 }, "berth:services": { web: { scaling: { min: 1, max: 5, cpu: 50 } } } }), ["berth:ec2.maxSize"]],
    ["staging's two tasks per service on one instance of 2 slots, and a second service", ec2({ "berth:environment": "staging", "berth:ec2": { maxSize: 1 }, "berth:services": { job: { image: BUSYBOX } } }), ["berth:ec2.maxSize"]],
    ["interfaces of types berth does not know: not checked", ec2({ "berth:ec2": { maxSize: 1, instanceTypes: ["c5n.large"] }, "berth:services": { web: { desiredCount: 9 } } }), []],
]);

const group = (g: Json) => eksConfig({ "berth:eks": { nodeGroups: { general: g } } });
const NG = "berth:eks.nodeGroups.general";
table("EKS node groups", [
    ["sizes 1-3 starting at 3", group({ type: "managed", minSize: 1, maxSize: 3, desiredSize: 3 }), []],
    ["a desired size one past the maximum", group({ type: "managed", minSize: 1, maxSize: 3, desiredSize: 4 }), [`${NG}.desiredSize`]],
    ["a desired size one below the minimum", group({ type: "managed", minSize: 2, maxSize: 3, desiredSize: 1 }), [`${NG}.desiredSize`]],
    ["a desired size equal to the minimum", group({ type: "managed", minSize: 2, maxSize: 3, desiredSize: 2 }), []],
    ["a maximum below the minimum", group({ type: "managed", minSize: 3, maxSize: 2 }), [`${NG}.maxSize`]],
    ["a minimum above 3 with no maximum: the maximum follows it", group({ type: "managed", minSize: 5 }), []],
    ["a maximum below the default minimum of 1", group({ type: "managed", maxSize: 1, desiredSize: 1 }), []],
    ["mixed architectures", group({ type: "managed", instanceTypes: ["t3.large", "t4g.large"] }), [`${NG}.instanceTypes`]],
    ["spot on a self-managed group", group({ type: "self-managed", spot: true }), [`${NG}.spot`]],
    ["two types on a self-managed group", group({ type: "self-managed", instanceTypes: ["t3.large", "t3a.large"] }), [`${NG}.instanceTypes`]],
    ["one type on a self-managed group", group({ type: "self-managed", instanceTypes: ["t3.large"] }), []],
    ...(["instanceTypes", "minSize", "labels"] as const).map((k): [string, Json, string[]] => [
        `${k} on a fargate group`,
        eksConfig({ "berth:eks": { nodeGroups: { general: null, serverless: { type: "fargate", selectors: [{ namespace: "web" }], [k]: k === "instanceTypes" ? ["t3.large"] : k === "labels" ? { a: "b" } : 1 } } } }),
        [`berth:eks.nodeGroups.serverless.${k}`],
    ]),
    ["no node group at all", eksConfig({ "berth:eks": { nodeGroups: { general: null } } }), ["berth:eks.nodeGroups"]],
    ["no admin role: cluster-admin would rest on the creator's bootstrap entry alone", eksConfig({ "berth:eks": { adminRoleArns: [] } }), ["berth:eks.adminRoleArns"]],
    ["one admin role", eksConfig({ "berth:eks": { adminRoleArns: ["arn:aws:iam::123456789012:role/a"] } }), []],
    ["no admin role on kubernetes, where berth creates no cluster", kubernetesConfig(), []],
    ["node ranges on kubernetes", kubernetesConfig({ "berth:kubernetes": { nodeCidrs: ["10.20.0.0/16"] } }), []],
    ["a node range that is no CIDR", kubernetesConfig({ "berth:kubernetes": { nodeCidrs: ["10.20.0.0/33"] } }), ["berth:kubernetes.nodeCidrs.0"]],
    ["a version in extended support (1.32) on STANDARD", eksConfig({ "berth:eks": { version: "1.32" } }), ["berth:eks.version"]],
    ["a version in extended support (1.32) on EXTENDED", eksConfig({ "berth:eks": { version: "1.32", upgradePolicy: "EXTENDED" } }), []],
    ["a version past extended support (1.31, ended 2026-11-26) on EXTENDED", eksConfig({ "berth:eks": { version: "1.31", upgradePolicy: "EXTENDED" } }), ["berth:eks.version"]],
]);

table("Kubernetes workloads", [
    ["an HPA on memory only", web({ scaling: { min: 1, max: 3, memory: 70 } }, eksConfig()), []],
    ["step scaling", web({ scaling: { min: 1, max: 3, cpu: 60, steps: [step([{ lower: 0, adjustment: 1 }])] } }, eksConfig()), [`${S}.steps`]],
    ["scheduled scaling", web({ scaling: { min: 1, max: 3, cpu: 60, schedules: [schedule({ max: 2 })] } }, eksConfig()), [`${S}.schedules`]],
    ["request-count scaling", web({ scaling: { min: 1, max: 3, cpu: 60, requests: 100 } }, eksConfig()), [`${S}.requests`]],
    ["scaling to zero", web({ scaling: { min: 0, max: 3, cpu: 60 } }, eksConfig()), [`${S}.min`]],
    ["a disk on a one-replica service", web({ desiredCount: 1, disks: [{ name: "data", sizeGiB: 10, mountPath: "/data" }] }, eksConfig()), []],
    ["a disk on a service of dev's one default replica", web({ disks: [{ name: "data", sizeGiB: 10, mountPath: "/data" }] }, eksConfig()), []],
    ["a disk on a service scaling to 2", web({ scaling: { min: 1, max: 2, cpu: 60 }, disks: [{ name: "data", sizeGiB: 10, mountPath: "/data" }] }, eksConfig()), ["berth:services.web.disks"]],
    [
        "a disk on a task of any count",
        eksConfig({
            "berth:services": { web: null, job: { kind: "task", image: BUSYBOX, disks: [{ name: "data", sizeGiB: 10, mountPath: "/data" }] } },
        }),
        [],
    ],
    [
        "two disks of one name",
        web(
            {
                desiredCount: 1,
                disks: [
                    { name: "data", sizeGiB: 10, mountPath: "/a" },
                    { name: "data", sizeGiB: 10, mountPath: "/b" },
                ],
            },
            eksConfig(),
        ),
        ["berth:services.web.disks.1.name"],
    ],
    ["a glob inside an Ingress path", web({ path: "/api/*/v1", healthCheck: { path: "/api/health" } }, kubernetesConfig()), ["berth:services.web.path"]],
    ["a prefix Ingress path", web({ path: "/api/*", healthCheck: { path: "/api/health" } }, kubernetesConfig()), []],
    ["a glob on a private service", web({ public: false, path: "/a?c" }, kubernetesConfig()), []],
    ["ALB access logs on an existing cluster", kubernetesConfig({ "berth:loadBalancer": { accessLogs: { bucket: "logs" } } }), ["berth:loadBalancer.accessLogs"]],
    ["a CIDR list, and no annotation to enforce it", kubernetesConfig({ "berth:kubernetes": { ingressClass: "traefik", sourceRangeAnnotation: null } }), ["berth:loadBalancer.allowedCidrs"]],
    ["a CIDR list, and an annotation of the controller's own", kubernetesConfig({ "berth:kubernetes": { ingressClass: "haproxy", sourceRangeAnnotation: "haproxy.org/allow-list" } }), []],
    ["the whole internet, and no annotation", kubernetesConfig({ "berth:kubernetes": { ingressClass: "traefik", sourceRangeAnnotation: null }, "berth:loadBalancer": { allowedCidrs: ["0.0.0.0/0"] } }), []],
    [
        "the whole internet and another CIDR, and no annotation",
        kubernetesConfig({ "berth:kubernetes": { ingressClass: "traefik", sourceRangeAnnotation: null }, "berth:loadBalancer": { allowedCidrs: ["0.0.0.0/0", "10.0.0.0/8"] } }),
        ["berth:loadBalancer.allowedCidrs"],
    ],
    ["a CIDR list and no annotation, but only NLB services", kubernetesConfig({ "berth:kubernetes": { ingressClass: "traefik", sourceRangeAnnotation: null }, "berth:services": { web: { loadBalancer: "nlb" } } }), []],
    ["a CIDR list and no annotation, and only private services", kubernetesConfig({ "berth:kubernetes": { ingressClass: "traefik", sourceRangeAnnotation: null }, "berth:services": { web: { public: false } } }), []],
    ["an ALB service and no ingress class", kubernetesConfig({ "berth:kubernetes": { ingressClass: null } }), ["berth:kubernetes.ingressClass"]],
    ["no ingress class, and only NLB services", kubernetesConfig({ "berth:kubernetes": { ingressClass: null }, "berth:services": { web: { loadBalancer: "nlb" } } }), []],
    ["a service on Fargate at Fargate's largest pod", web({ cpu: 4096, memory: 30720 }, eksConfig({ "berth:eks": { nodeGroups: { general: null, serverless: { type: "fargate", selectors: [{ namespace: "web" }] } } } })), []],
    [
        "a service on Fargate one unit past it",
        web({ cpu: 4096, memory: 30721 }, eksConfig({ "berth:eks": { nodeGroups: { general: null, serverless: { type: "fargate", selectors: [{ namespace: "web" }] } } } })),
        ["berth:services.web.memory"],
    ],
]);

describe("what every error of these cases says", () => {
    it("has a key path under berth:, and a message that names what is allowed, with no undefined, empty item or object in it", () => {
        const errors = CONFIGS.flatMap(errorsOf);
        assert.ok(errors.length > 50, `${errors.length} errors`);
        for (const e of errors) {
            assert.match(e.path, /^berth:[A-Za-z]/, e.path);
            assert.ok(e.allowed.length > 3, `${e.path}: "${e.allowed}"`);
            assert.doesNotMatch(e.allowed, /undefined|\[object Object\]|, ,|, \)|\(\)|^\s|\s$/, `${e.path}: ${e.allowed}`);
        }
    });
});
