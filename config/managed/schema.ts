// Config for the fully managed platforms, App Runner (`berth:apprunner`, `services.NAME.apprunner`,
// `services.NAME.source`) and ECS Express Mode (`berth:express`). Everything else a service says
// (image, cpu, memory, port, health check, scaling, grants) is the shared `berth:services` block.
import { z } from "zod";

const githubRepo = z.string().regex(/^https:\/\/github\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, { message: "a GitHub repository URL such as https://github.com/OWNER/REPO" });
const appRunnerArn = (resource: string) => new RegExp(String.raw`^arn:aws[a-z-]*:apprunner:[a-z0-9-]+:\d{12}:${resource}/.+$`);
const kmsKeyArn = z.string().regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, { message: "a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/ID" });

/**
 * App Runner's managed runtimes, from the API reference (CodeConfigurationValues.Runtime). Node.js
 * 12-18 are left out: App Runner ended their support on 1 December 2025 ("Using the Node.js platform").
 */
export const APPRUNNER_RUNTIMES = ["PYTHON_3", "PYTHON_311", "NODEJS_22", "CORRETTO_8", "CORRETTO_11", "GO_1", "DOTNET_6", "PHP_81", "RUBY_31"] as const;

/** A service App Runner builds from source code in a GitHub repository, instead of an image. */
export const sourceSchema = z.strictObject({
    /** The repository, reached through berth:apprunner.githubConnectionArn or a connection berth creates. */
    repository: githubRepo,
    /** App Runner builds the latest commit of this branch. @default "main" */
    branch: z.string().min(1).max(51200).default("main"),
    /** Directory of the code within the repository. @default the repository root */
    directory: z.string().startsWith("/", { message: "an absolute path within the repository, such as /app" }).optional(),
    runtime: z.enum(APPRUNNER_RUNTIMES),
    /** Shell command that builds the application. @default none */
    build: z
        .string()
        .regex(/^[^\n\r]+$/, { message: "one line of shell" })
        .optional(),
    /** Shell command that starts the application. */
    start: z.string().regex(/^[^\n\r]+$/, { message: "one line of shell" }),
    /** Redeploy on every push to the branch. @default true */
    autoDeploy: z.boolean().default(true),
});

/** Per-service App Runner settings that have no counterpart in the shared service block. */
export const appRunnerServiceSchema = z.strictObject({
    /** A custom domain (e.g. api.example.com) associated with the service; its DNS records are stack outputs. @default none */
    domain: z
        .string()
        .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { message: "a lowercase domain name such as api.example.com" })
        .optional(),
    /** Also associate www.DOMAIN. @default false: only the name you asked for */
    wwwSubdomain: z.boolean().default(false),
    /**
     * The Route 53 hosted zone that holds `domain`: berth then writes the certificate validation
     * records and a CNAME to the service there. @default none: add the `domains` output's records yourself
     */
    hostedZoneId: z
        .string()
        .regex(/^Z[A-Z0-9]{1,31}$/, { message: "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ" })
        .optional(),
});

/** Stack-wide App Runner settings. */
export const appRunnerStackSchema = z.strictObject({
    /**
     * The account already uses App Runner. AWS closed App Runner to new customers on 30 April 2026, so
     * berth plans an apprunner stack only when the config says so. @default unset: refused
     */
    existingCustomer: z.boolean().optional(),
    /** An existing App Runner GitHub connection for services built from source. @default berth creates one (complete its handshake in the console) */
    githubConnectionArn: z.string().regex(appRunnerArn("connection"), { message: "an App Runner connection ARN" }).optional(),
    /** Customer-managed KMS key for the source copy and logs App Runner keeps. Replacing it replaces the services. @default an AWS-managed key */
    kmsKeyArn: kmsKeyArn.optional(),
    /** Trace requests with AWS X-Ray. @default false */
    tracing: z.boolean().default(false),
});

/** Stack-wide ECS Express Mode settings. */
export const expressStackSchema = z.strictObject({
    /**
     * Where Express Mode places the load balancer and tasks. Express makes the load balancer
     * internet-facing in public subnets and internal in private ones, and gives tasks no public IP,
     * so tasks in public subnets reach ECR, CloudWatch Logs and Secrets Manager only through egress
     * the account adds there (berth builds none, and warns). @default "private": the tasks egress
     * through the stack's NAT, so they can pull their images
     */
    subnets: z.enum(["public", "private"]).default("private"),
});

export type SourceConfig = z.output<typeof sourceSchema>;
export type AppRunnerStackConfig = z.output<typeof appRunnerStackSchema>;
export type ExpressStackConfig = z.output<typeof expressStackSchema>;
