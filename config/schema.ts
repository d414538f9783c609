// The shape of the `berth:` stack config. Zod checks types, ranges and unknown keys here;
// rules that span several fields live in validate.ts as pure functions.
import { z } from "zod";
import { anyCidr, bucketName, cidr, dockerHubCredential, iamPrincipalArn, keyPrefix, kmsKeyArn, secretRef } from "./formats";
import { diskSchema, eksSchema, kubernetesSchema } from "./eks/schema";
import { anywhereSchema, ec2CapacitySchema, fargateCapacitySchema, grantSchema, scalingSchema, storageSchema, volumeMountSchema } from "./ecs/schema";
import { patternsSchema } from "./patterns/schema";
import { MAX_ID, MAX_WRITABLE_PATHS, userSchema, writablePathSchema } from "./identity-schema";
import { appRunnerServiceSchema, appRunnerStackSchema, expressStackSchema, sourceSchema } from "./managed/schema";
import { usageSchema } from "./usage-schema";

/** Platforms berth knows about. Only BUILT_PLATFORMS can be deployed today. */
export const PLATFORMS = ["ecs-fargate", "ecs-ec2", "ecs-anywhere", "eks", "kubernetes", "apprunner", "ecs-express"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const NAT_STRATEGIES = ["none", "single", "one-per-az", "instance"] as const;
export type NatStrategy = (typeof NAT_STRATEGIES)[number];

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
    message: "an environment variable name: letters, digits and '_', not starting with a digit",
});

export const networkSchema = z.strictObject({
    /** VPC CIDR. @default 10.0.0.0/16 */
    cidr: cidr.default("10.0.0.0/16"),
    /** Availability zones to spread subnets over. @default 2 (3 in prod) */
    azs: z.number().int().min(2).max(3).optional(),
    /** Egress for private subnets: single or one-per-az NAT gateways, or a NAT instance (cheapest, for dev). @default single (one-per-az in prod) */
    nat: z.enum(NAT_STRATEGIES).optional(),
});

export const healthCheckSchema = z.strictObject({
    /** Path the load balancer checks. @default "/" for a service routed on "/*"; required for any other route, which may not serve "/" */
    path: z.string().startsWith("/", { message: "a path starting with '/'" }).optional(),
    /** Seconds between checks (ALB allows 5-300). */
    interval: z.number().int().min(5).max(300).default(30),
    /** Seconds before a check counts as failed (ALB allows 2-120, and it must be below interval). */
    timeout: z.number().int().min(2).max(120).default(5),
    healthyThreshold: z.number().int().min(2).max(10).default(3),
    unhealthyThreshold: z.number().int().min(2).max(10).default(3),
    /** HTTP codes that count as healthy. */
    matcher: z
        .string()
        .regex(/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/, { message: "HTTP codes such as 200 or 200-399" })
        .default("200-399"),
});

/**
 * A health check the container runs itself, for services no load balancer checks: ECS replaces a
 * task whose check fails. Limits from the ECS API reference, HealthCheck.
 */
export const containerHealthCheckSchema = z.strictObject({
    /** `["CMD-SHELL", "curl -f http://localhost/ || exit 1"]` or `["CMD", "/bin/check"]`; the image must contain what it calls. */
    command: z
        .array(z.string().min(1))
        .min(2)
        .refine((c) => c[0] === "CMD" || c[0] === "CMD-SHELL", { message: 'a command starting with "CMD" or "CMD-SHELL", e.g. ["CMD-SHELL", "test -f /tmp/healthy"]' }),
    /** Seconds between checks. @default 30 */
    interval: z.number().int().min(5).max(300).default(30),
    /** Seconds before a check counts as failed. @default 5 */
    timeout: z.number().int().min(2).max(60).default(5),
    /** Failures in a row before the container is unhealthy. @default 3 */
    retries: z.number().int().min(1).max(10).default(3),
    /** Seconds after start during which failures don't count. @default 0 */
    startPeriod: z.number().int().min(0).max(300).default(0),
});

export const buildSchema = z.strictObject({
    /** Docker build context, relative to the project. */
    context: z.string().min(1),
    dockerfile: z.string().optional(),
    /** Target platform of the image. @default linux/amd64 */
    platform: z.enum(["linux/amd64", "linux/arm64"]).default("linux/amd64"),
});

/** Load balancer kinds berth builds. Classic is rejected in validate.ts with the reason. */
export const LOAD_BALANCER_TYPES = ["alb", "nlb"] as const;

export const serviceSchema = z.strictObject({
    /** "service" runs continuously; "task" is a batch job started on demand. @default "service" */
    kind: z.enum(["service", "task"]).default("service"),
    /** A registry URI. Exactly one of image or build. */
    image: z.string().min(1).optional(),
    /** Build from a Dockerfile and push to the stack's ECR repository. */
    build: buildSchema.optional(),
    /** App Runner only: build from source code in a GitHub repository instead of an image. */
    source: sourceSchema.optional(),
    /** Container port. Required for public services. */
    port: z.number().int().min(1).max(65535).optional(),
    /** CPU units (1024 = 1 vCPU). @default 256 */
    cpu: z.number().int().default(256),
    /** Memory in MiB. @default 512 */
    memory: z.number().int().default(512),
    /** Task count. @default 1 (2 in prod) */
    desiredCount: z.number().int().min(0).max(1000).optional(),
    /** Load balancer health check. @default GET / every 30 s, 3 to pass or fail */
    healthCheck: healthCheckSchema.prefault({}),
    /** The container's own health check. @default none, except a wget probe of the port for Alpine and BusyBox images no load balancer checks */
    containerHealthCheck: containerHealthCheckSchema.optional(),
    /**
     * Publish this private service to other VPCs and accounts through AWS PrivateLink: an internal NLB
     * of its own and a VPC endpoint service. @default none
     */
    privateLink: z
        .strictObject({
            /** Principals that may create endpoints to the service. */
            allowedPrincipals: z.array(iamPrincipalArn).min(1),
            /** Each new endpoint waits for your acceptance. @default true */
            acceptanceRequired: z.boolean().default(true),
            /** Port consumers connect to. @default the container port */
            listenerPort: z.number().int().min(1).max(65535).optional(),
        })
        .optional(),
    /** ECS Exec: shell access to running tasks through SSM. @default false */
    exec: z.boolean().default(false),
    /** Behind the public load balancer. @default false */
    public: z.boolean().default(false),
    /** ALB listener-rule priority (1-50000, lower wins). @default derived from path length and name, stable as services come and go */
    priority: z.number().int().min(1).max(50000).optional(),
    /** ALB path pattern routed to this service. @default /* */
    path: z.string().startsWith("/", { message: "a path pattern starting with '/'" }).max(128).optional(),
    environment: z.record(envName, z.string()).default({}),
    /**
     * Name -> secret ARN, injected as container secrets, never as plain environment values. A secret
     * encrypted with a customer-managed KMS key names it: `{ arn: ..., kmsKey: ... }`, and the
     * execution role may decrypt with that key, through Secrets Manager or SSM only. `{ create: true }`
     * (issue 22): berth creates the secret in the stack, with a generated first value, readable by this
     * service's role only; its `kmsKey` is optional (the AWS managed key by default).
     */
    secrets: z
        .record(
            envName,
            z.union([secretRef, z.strictObject({ arn: secretRef, kmsKey: kmsKeyArn }), z.strictObject({ create: z.literal(true), kmsKey: kmsKeyArn.optional() })], {
                error: "a secret ARN, { arn: ARN, kmsKey: KEY_ARN } for a secret under a customer-managed key, or { create: true } (optionally with kmsKey) for a secret berth creates",
            }),
        )
        .default({}),
    /**
     * The user the container runs as: a numeric UID, or "UID:GID" (the GID follows the UID when omitted).
     * Read alike on ECS (the container's user) and Kubernetes (runAsUser/runAsGroup/fsGroup). 0 is root:
     * a warning on ECS, refused on Kubernetes; App Runner and Express Mode have no such setting.
     * @default 1000:1000, the UID of berth's EFS access points
     */
    user: userSchema.optional(),
    /** Mount the root file system read-only; the container writes only to writablePaths, volumes and disks. @default true (false with exec: true, whose agent writes in the container) */
    readonlyRootFilesystem: z.boolean().optional(),
    /** Empty writable directories on a read-only root file system: a tmpfs each on ECS (a quarter of the task memory each), an emptyDir on Kubernetes. @default ["/tmp"] */
    writablePaths: z.array(writablePathSchema).min(1).max(MAX_WRITABLE_PATHS).optional(),
    command: z.array(z.string()).optional(),
    /** alb or nlb, overriding berth:loadBalancer.type. */
    loadBalancer: z.string().optional(),
    /** NLB listener port. @default 443 with a certificate, else the container port */
    listenerPort: z.number().int().min(1).max(65535).optional(),
    /** Service auto scaling. @default none: desiredCount is fixed */
    scaling: scalingSchema.optional(),
    /** EFS volumes to mount. */
    volumes: z.array(volumeMountSchema).default([]),
    /** Least-privilege grants for the task role. @default none */
    grants: z.array(grantSchema).default([]),
    /** App Runner only: custom domain. @default none */
    apprunner: appRunnerServiceSchema.optional(),
    /** Kubernetes platforms: persistent disks (EBS gp3 on EKS), one replica only. @default none */
    disks: z.array(diskSchema).default([]),
    /** The old name of `user` (a UID, with the same GID); it still works, with a warning. @deprecated write user */
    runAsUser: z.number().int().min(1).max(MAX_ID).optional(),
    // Issue 19 item 4: schedules
    /** Tasks only: start the task on this schedule, in berth:patterns.scheduledBatch's grammar (rate(...), cron(...) or at(...)); Kubernetes platforms take what a 5-field cron can repeat. @default none: the task runs when started by hand */
    schedule: z.string().optional(),
    /** With schedule: the IANA time zone its cron or at expression reads in. @default "UTC" */
    timezone: z.string().min(1).optional(),
    // Issue 19 item 5: names and internal load balancers
    /** Other services of the stack this one calls by name (`http://NAME:PORT`); only they get in on the callee's port. @default none */
    calls: z.array(z.string()).default([]),
    /**
     * Behind the stack's internal load balancer, reachable only from the VPC or the CIDRs given (an
     * admin UI for the VPN); not with `public`. @default none
     */
    internal: z
        .strictObject({
            /** CIDRs that may reach this service through the internal load balancer. @default the VPC CIDR */
            allowedCidrs: z.array(cidr).min(1).optional(),
        })
        .optional(),
});

/** ELB appends AWSLogs/ACCOUNT/... itself, and refuses a prefix that holds it (ELB guide, "Enable access logs for your Application Load Balancer", bucket requirements). */
// ELB writes PREFIX/AWSLogs/ACCOUNT/...: a slash at either end would put the objects elsewhere than the bucket policy allows.
const accessLogPrefix = keyPrefix.refine((p) => !p.includes("AWSLogs") && !p.startsWith("/") && !p.endsWith("/"), {
    message: "a key prefix without AWSLogs (ELB adds AWSLogs/ACCOUNT/ after it), '*' or '?', and no '/' at either end",
});

export const loadBalancerSchema = z.strictObject({
    /** alb (HTTP routing by path) or nlb (TCP/TLS). @default "alb" */
    type: z.string().default("alb"),
    /** Seconds a deregistering target drains. @default 30: the ALB default of 300 slows every deploy */
    deregistrationDelay: z.number().int().min(0).max(3600).default(30),
    /**
     * ALB access logs: `{ create: true }` (berth creates the bucket, SSE-S3, with the policy the region
     * needs, expiring logs after `expirationDays`), `{ bucket }` (an existing bucket of yours, whose
     * policy already lets ELB write), or `false` (none). @default created in prod; none in dev and staging
     */
    accessLogs: z
        .union(
            [
                z.strictObject({ bucket: bucketName, prefix: accessLogPrefix.optional() }),
                z.strictObject({ create: z.literal(true), prefix: accessLogPrefix.optional(), expirationDays: z.number().int().min(1).max(3650).optional() }),
                z.literal(false),
            ],
            { message: "{ create: true } (berth creates the bucket), { bucket: NAME, prefix } (an existing bucket whose policy lets ELB write), or false" },
        )
        .optional(),
    /**
     * An AWS WAF web ACL in front of the public ALB (AWS managed rules and a per-IP rate limit, logged
     * to CloudWatch): `true`, `false`, or `{ rateLimit }` (requests per client IP per 5 minutes).
     * @default on in prod; off in dev and staging
     */
    waf: z.union([z.boolean(), z.strictObject({ rateLimit: z.number().int().min(10).max(2_000_000_000) })], { message: "true, false, or { rateLimit: N } (requests per client IP per 5 minutes, 10 or more)" }).optional(),
    /**
     * CIDRs that may reach the load balancer. Required when any service is public. IPv6 ranges
     * (2001:db8::/32) only with a dual-stack ALB (ipAddressType).
     */
    allowedCidrs: z.array(anyCidr).default([]),
    /**
     * The public ALB's addresses: "ipv4"; "dualstack" (IPv4 and IPv6); or
     * "dualstack-without-public-ipv4": reached over IPv6 from the internet, with no public IPv4
     * address to pay for. A dual-stack ALB gives the VPC an IPv6 range and its public subnets a /64
     * each. ecs-fargate, ecs-ec2 and eks. @default "ipv4"
     */
    ipAddressType: z.enum(["ipv4", "dualstack", "dualstack-without-public-ipv4"]).default("ipv4"),
    /** ACM certificate ARN: adds HTTPS on 443 and redirects 80 to it. */
    certificateArn: z
        .string()
        .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/.+$/, { message: "an ACM certificate ARN" })
        .optional(),
    /** Idle timeout in seconds. @default 60 */
    idleTimeout: z.number().int().min(1).max(4000).default(60),
    /**
     * A name of your own for the load balancer, in a Route 53 hosted zone: an alias record, and
     * without certificateArn a DNS-validated ACM certificate for HTTPS. @default none: the load balancer's own name
     */
    domain: z
        .strictObject({
            name: z.string().regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { message: "a lowercase DNS name such as app.example.com" }),
            hostedZoneId: z.string().regex(/^Z[A-Z0-9]{1,31}$/, { message: "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ" }),
        })
        .optional(),
});

export const registrySchema = z.strictObject({
    /** Tagged images to keep. @default 20 */
    keepLast: z.number().int().min(1).max(1000).default(20),
    /** Days after which untagged images expire. @default 7 */
    untaggedExpiryDays: z.number().int().min(1).max(365).default(7),
    /** KMS key for the repository; AES-256 when unset. */
    kmsKeyArn: z
        .string()
        .regex(/^arn:aws[a-z-]*:kms:/, { message: "a KMS key ARN" })
        .optional(),
    /**
     * Pull-through cache rules: images from ECR Public or Docker Hub are pulled through the account's
     * ECR (cached, scanned, no Docker Hub rate limits on the tasks). @default none
     */
    pullThroughCache: z
        .strictObject({
            /** Cache public.ecr.aws under the prefix ecr-public/. @default false */
            ecrPublic: z.boolean().default(false),
            /** Cache Docker Hub under docker-hub/, logged in with this Secrets Manager secret (ECR requires the name prefix ecr-pullthroughcache/). */
            dockerHub: z.strictObject({ credentialArn: dockerHubCredential }).optional(),
        })
        .optional(),
    /** Publish: an ECR Public repository (in us-east-1, the only region that has ECR Public) for the stack's images. @default none */
    public: z
        .strictObject({
            /** 2-205 characters: lowercase letters, digits, and . _ - / as separators. */
            repositoryName: z
                .string()
                .regex(/^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/, { message: "an ECR repository name: lowercase letters and digits, separated by '.', '_', '-' or '/'" })
                .min(2)
                .max(205),
            /** Shown in the ECR Public Gallery. */
            description: z.string().max(1024).optional(),
        })
        .optional(),
});

/** The retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export const logsSchema = z.strictObject({
    /** CloudWatch retention in days. @default 14 (90 in prod) */
    retentionDays: z
        .number()
        .int()
        .refine((n) => LOG_RETENTION_DAYS.includes(n), { message: `one of ${LOG_RETENTION_DAYS.join(", ")} (the periods CloudWatch Logs accepts)` })
        .optional(),
});

/**
 * AWS's rules for a resource's tags ("Tag naming limits and requirements", Tagging AWS resources and
 * Tag Editor user guide): a key of 1-128 characters, a value of 0-256, no key starting with `aws:` in
 * any case (reserved for AWS), and at most 50 tags a resource. berth adds BERTH_TAGS of its own.
 */
export const TAG_KEY_MAX = 128;
export const TAG_VALUE_MAX = 256;
export const TAGS_PER_RESOURCE = 50;
/** berth:project, berth:stack and berth:environment, on every resource (spec.ts). */
export const BERTH_TAGS = 3;
const TAG_KEY_RULE = `a tag key of 1-${TAG_KEY_MAX} characters, not starting with aws: (AWS reserves that prefix)`;
export const tagsSchema = z
    .record(
        z
            .string()
            .min(1, { message: TAG_KEY_RULE })
            .max(TAG_KEY_MAX, { message: TAG_KEY_RULE })
            .refine((k) => !/^aws:/i.test(k), { message: TAG_KEY_RULE }),
        z.string().max(TAG_VALUE_MAX, { message: `a tag value of at most ${TAG_VALUE_MAX} characters` }),
    )
    .refine((t) => Object.keys(t).length <= TAGS_PER_RESOURCE - BERTH_TAGS, {
        message: `at most ${TAGS_PER_RESOURCE - BERTH_TAGS} tags: AWS allows ${TAGS_PER_RESOURCE} a resource, and berth adds ${BERTH_TAGS} (berth:project, berth:stack, berth:environment)`,
    });

/** Everything under the `berth:` namespace. */
export const configSchema = z.strictObject({
    platform: z.enum(PLATFORMS),
    environment: z.enum(ENVIRONMENTS).default("dev"),
    network: networkSchema.prefault({}),
    /** Service names are checked in validate.ts so a bad name does not hide its body's errors. */
    services: z.record(z.string(), serviceSchema),
    loadBalancer: loadBalancerSchema.prefault({}),
    registry: registrySchema.prefault({}),
    logs: logsSchema.prefault({}),
    /** ECS on Fargate: FARGATE / FARGATE_SPOT weights. */
    fargate: fargateCapacitySchema.prefault({}),
    /** ECS on EC2: the Auto Scaling group behind the capacity provider. */
    ec2: ec2CapacitySchema.prefault({}),
    /** ECS Anywhere: the SSM activation for external instances. */
    anywhere: anywhereSchema.prefault({}),
    /** EFS file systems and their volumes (access points). */
    storage: storageSchema.prefault({}),
    /** The event-driven patterns (object processing, scheduled batch, queue worker, stopped-task alerts). */
    patterns: patternsSchema.prefault({}),
    /** App Runner: GitHub connection, KMS key, X-Ray tracing. */
    apprunner: appRunnerStackSchema.prefault({}),
    /** ECS Express Mode: where the load balancer and tasks go. */
    express: expressStackSchema.prefault({}),
    /** EKS: the cluster and its node capacity. */
    eks: eksSchema.prefault({}),
    /** An existing Kubernetes cluster (berth:platform: kubernetes). */
    kubernetes: kubernetesSchema.prefault({}),
    /** The existing cluster's kubeconfig: the one key berth accepts only as a secret. */
    kubeconfig: z.string().min(1).optional(),
    /** Tags merged into every resource's tags: AWS's tag rules (see tagsSchema). */
    tags: tagsSchema.default({}),
    // Issue 22 item 1: how `pulumi up` treats a deployment that does not settle.
    /** Deploy behaviour of every ECS and Express Mode service in the stack. */
    deploy: z
        .strictObject({
            /**
             * `pulumi up` waits until each service runs its desired count healthy (the ECS
             * services-stable waiter, up to the provider's 20-minute create/update timeout), so a service
             * that cannot start fails the update and names itself. false: `pulumi up` returns once ECS
             * accepts the service. @default true, but false on ecs-anywhere, whose hosts register only after the stack exists
             */
            waitForSteadyState: z.boolean().optional(),
        })
        .prefault({}),
    /** The traffic and volumes the plan's cost estimate assumes (config/usage-schema.ts; defaults in cost/usage.ts). */
    usage: usageSchema.prefault({}),
});

export type RawConfig = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
export type ServiceConfig = z.output<typeof serviceSchema>;
export type HealthCheck = z.output<typeof healthCheckSchema>;
export type ContainerHealthCheck = z.output<typeof containerHealthCheckSchema>;
