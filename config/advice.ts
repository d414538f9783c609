// Advice: config that deploys, but that a careful engineer would want to hear about. Pure functions
// over the resolved spec (and, where it matters what the user wrote, the raw config), like the
// validators; they never fail a plan, except under `npm run plan -- --strict`.
import { keyPath } from "./errors";
import { Environment, ENVIRONMENTS, Platform } from "./schema";
import { BerthSpec } from "./spec";
import { didYouMean } from "./suggest";
import { kubernetesWarnings } from "./eks/validate";
import { runsOnFargate } from "./eks/spec";
import { ConfigWarning } from "./warnings";
import { identityWarnings, tmpfsMemoryWarnings } from "./identity";
import { networkInterfaces } from "./facts/ec2";
import { imageProblems } from "./images";
import { placeholderWarnings } from "./placeholders";

/** Everything worth a word about this stack. */
export function configWarnings(spec: BerthSpec, raw: Record<string, unknown> = {}): ConfigWarning[] {
    return [
        ...platformWarnings(spec.platform),
        ...placeholderWarnings(raw),
        ...imageWarnings(spec),
        ...expressSubnetWarnings(spec, raw),
        ...kubernetesWarnings(spec),
        ...unusedKeyWarnings(spec, raw),
        ...secretNameWarnings(spec),
        ...deploymentHeadroomWarnings(spec),
        ...alertWarnings(spec),
        ...identityWarnings(spec.services, raw, spec.platform),
        ...tmpfsMemoryWarnings(spec.services, spec.platform),
        ...movedKeyWarnings(spec, raw),
        ...(spec.environment === "prod" ? prodWarnings(spec) : []),
    ];
}

/** Images that move under the stack (a mutable or missing tag), and anonymous Docker Hub pulls. */
export function imageWarnings(spec: Pick<BerthSpec, "environment" | "registry" | "services">): ConfigWarning[] {
    const ctx = { environment: spec.environment, dockerHubCredential: spec.registry.pullThroughCache?.dockerHub !== undefined };
    return Object.values(spec.services).flatMap((svc) => (svc.image === undefined || svc.build ? [] : imageProblems(svc.image, ctx).map((p) => ({ ...p, path: keyPath("services", svc.name, "image") }))));
}

/** Platforms that still deploy but that AWS no longer offers to new customers. */
export function platformWarnings(platform: Platform): ConfigWarning[] {
    const closed = PLATFORM_NOTICES[platform];
    return closed ? [{ code: "platform-closed", path: keyPath("platform"), message: closed }] : [];
}

/** Notices per platform, printed with every plan of a stack on it. */
export const PLATFORM_NOTICES: Partial<Record<Platform, string>> = {
    // App Runner developer guide, "AWS App Runner availability change"; release notes banner: "no longer
    // be open to new customers starting April 30, 2026".
    apprunner:
        "AWS App Runner has been closed to new customers since 30 April 2026; existing customers can keep using it, but it gets no new features. AWS points new workloads to Amazon ECS Express Mode: berth:platform: ecs-express deploys the same services there.",
};

/**
 * Express Mode in public subnets: the load balancer is internet-facing, but Express gives the tasks no
 * public IP (its API has no assignPublicIp), so they cannot reach ECR, CloudWatch Logs or Secrets
 * Manager through the internet gateway, and the first deployment waits for steady state until it
 * times out with ResourceInitializationError (aws/integrations-on-dotnet-aspire-for-aws#200 reports
 * it and adds VPC endpoints). The choice is the user's: it deploys once the account brings egress.
 */
export function expressSubnetWarnings(spec: Pick<BerthSpec, "platform" | "express" | "services">, raw: Record<string, unknown> = {}): ConfigWarning[] {
    if (spec.platform !== "ecs-express") return [];
    const written = (raw.express as { subnets?: unknown } | undefined)?.subnets !== undefined;
    const open = Object.values(spec.services)
        .filter((s) => s.public)
        .map((s) => s.name);
    // Express places its load balancer in the service's subnets, and the scheme follows them: internal
    // in private subnets (AWS's API reference is silent; an AWS maintainer says so in
    // aws/integrations-on-dotnet-aspire-for-aws#200). A public service there reaches no one outside:
    // said once, until the stack writes `subnets: private` itself, meaning it.
    if (spec.express.subnets === "private")
        return open.length && !written
            ? [
                  {
                      code: "express-subnets",
                      path: keyPath("express", "subnets"),
                      message: `private (the default): ${open.join(", ")} ${open.length === 1 ? "is" : "are"} public, but Express builds an internal load balancer in private subnets, so the URL answers only from inside the VPC (a VPN, a peered network). Write subnets: private to keep it so and silence this; for the internet, choose subnets: public and add the egress it needs (see that choice's warning)`,
                  },
              ]
            : [];
    return spec.express.subnets === "public"
        ? [
              {
                  code: "express-subnets",
                  path: keyPath("express", "subnets"),
                  message:
                      "public: Express Mode gives tasks no public IP, so in public subnets they pull images, ship logs and read secrets only through egress you add to those subnets (interface VPC endpoints for ecr.api, ecr.dkr, logs and secretsmanager; berth builds none). Without it the deployment hangs and its tasks stop with ResourceInitializationError. The default, private, egresses through NAT (its load balancer is internal).",
              },
          ]
        : [];
}

const ECS_PLATFORMS: ReadonlyArray<Platform> = ["ecs-fargate", "ecs-ec2", "ecs-anywhere"];

/**
 * Keys the user wrote that do nothing for this service: a route (`path`) anywhere but behind the ALB,
 * and on ECS a load-balancer health check that nothing runs. (It does something on Kubernetes, where
 * it becomes the pod's probes; behind a PrivateLink load balancer; and where berth's own container
 * check probes its path.)
 */
export function unusedKeyWarnings(spec: BerthSpec, raw: Record<string, unknown>): ConfigWarning[] {
    const services = (raw.services ?? {}) as Record<string, Record<string, unknown> | undefined>;
    const out: ConfigWarning[] = [];
    for (const svc of Object.values(spec.services)) {
        const written = services[svc.name] ?? {};
        if (written.path !== undefined && svc.loadBalancer !== "alb" && !svc.internal) {
            const why = svc.loadBalancer === "nlb" ? "on an NLB service: the NLB forwards a port, with no paths" : "on a private service: only public services are routed by path on the load balancer";
            out.push({ code: "unused-key", path: keyPath("services", svc.name, "path"), message: `does nothing ${why}` });
        }
        const routed = svc.loadBalancer === "alb" || svc.internal !== undefined;
        if (written.priority !== undefined && (!routed || spec.platform === "kubernetes")) {
            const why = routed ? "on kubernetes: an Ingress has no rule priority; the ingress controller orders the paths itself" : "on a service no ALB routes: it orders the ALB's listener rules";
            out.push({ code: "unused-key", path: keyPath("services", svc.name, "priority"), message: `does nothing ${why}` });
        }
        if (written.listenerPort !== undefined && svc.loadBalancer !== "nlb") {
            out.push({ code: "unused-key", path: keyPath("services", svc.name, "listenerPort"), message: `does nothing on ${spec.platform} for a service without an NLB: only an NLB listens on a port of each service's own` });
        }
        const probedByBerth = written.containerHealthCheck === undefined && svc.containerHealthCheck !== undefined;
        if (written.healthCheck !== undefined && !svc.loadBalancer && !svc.internal && !svc.privateLink && !probedByBerth && ECS_PLATFORMS.includes(spec.platform)) {
            out.push({
                code: "unused-key",
                path: keyPath("services", svc.name, "healthCheck"),
                message: "does nothing on a private service: it configures the load balancer's check; for a check inside the container, use containerHealthCheck",
            });
        }
    }
    return out;
}

/**
 * Keys that plan but do not do all they say on this platform (issue 19: nothing silent): `calls` to a
 * service on EKS Fargate, whose pods no NetworkPolicy guards (EKS user guide, "Fargate considerations":
 * network policies are not applied to Fargate pods), and a `timezone` beside a rate(), which counts
 * from the schedule's start (Scheduler) or runs in UTC (a CronJob): no time zone moves it.
 */
export function movedKeyWarnings(spec: BerthSpec, raw: Record<string, unknown>): ConfigWarning[] {
    const written = (raw.services ?? {}) as Record<string, Record<string, unknown> | undefined>;
    const names = Object.keys(spec.services);
    const out: ConfigWarning[] = [];
    for (const svc of Object.values(spec.services)) {
        const unguarded = spec.platform === "eks" ? (svc.calls ?? []).filter((callee) => runsOnFargate(spec.eks.nodeGroups, callee, names)) : [];
        if (unguarded.length) {
            out.push({
                code: "no-effect",
                path: keyPath("services", svc.name, "calls"),
                message: `reaches ${unguarded.join(", ")} on eks Fargate, where no NetworkPolicy is enforced: any pod of the cluster may reach ${unguarded.length > 1 ? "them" : "it"} too`,
            });
        }
        if (typeof written[svc.name]?.timezone === "string" && String(written[svc.name]?.schedule).startsWith("rate(")) {
            out.push({
                code: "no-effect",
                path: keyPath("services", svc.name, "timezone"),
                message: `does nothing on ${spec.platform} beside a rate(): a rate counts from when the schedule starts, in no time zone; use cron(...) to run at a local time`,
            });
        }
    }
    return out;
}

/**
 * Event patterns whose failures nobody would hear of: without stopped-task alerts, the dead-letter
 * alarms have no action (they change colour in the CloudWatch console, and that is all), and RunTask
 * calls that start nothing, crash loops and failed deployments go unreported; with them but no email,
 * the topic has no subscriber.
 */
export function alertWarnings(spec: Pick<BerthSpec, "patterns">): ConfigWarning[] {
    const p = spec.patterns;
    const alarmed = [
        ...Object.keys(p.objectProcessing).map((n) => `objectProcessing.${n}`),
        ...Object.keys(p.scheduledBatch).map((n) => `scheduledBatch.${n}`),
        ...Object.keys(p.queueWorker).map((n) => `queueWorker.${n}`),
        // Issue 19 item 4: a task's own schedule dead-letters to an alarmed queue too.
        ...Object.keys(p.scheduledTasks).map((n) => `services.${n}.schedule`),
    ];
    if (!p.stoppedTaskAlerts) {
        return alarmed.length
            ? [
                  {
                      code: "alerts-unrouted",
                      path: keyPath("patterns", "stoppedTaskAlerts"),
                      message: `is not set: the alarms of ${alarmed.join(", ")} (dead letters, and a work queue's oldest message) notify nobody, and failed task starts go unreported; set stoppedTaskAlerts.emails to hear of them`,
                  },
              ]
            : [];
    }
    return p.stoppedTaskAlerts.emails.length
        ? []
        : [
              {
                  code: "alerts-unrouted",
                  path: keyPath("patterns", "stoppedTaskAlerts", "emails"),
                  message: "is empty: the alert topic and the dead-letter alarms publish to no one; list at least one address, or subscribe to the topic yourself",
              },
          ];
}

/** The environments a secret's name mentions, other than the stack's own: `berth/dev/token` in prod. */
export function otherEnvironments(secretArn: string, own: Environment): Environment[] {
    const name = secretArn.split(":").slice(5).join(":");
    // Stryker disable next-line Regex: without the +, runs of separators only add empty words, which no alias is
    const words = new Set(name.toLowerCase().split(/[^a-z0-9]+/));
    const aliases: Record<Environment, string[]> = { dev: ["dev", "development"], staging: ["staging", "stage", "stg"], prod: ["prod", "production", "prd"] };
    return ENVIRONMENTS.filter((env) => env !== own && aliases[env].some((a) => words.has(a)));
}

/** A secret named for another environment: most often a stack file copied from dev with dev's ARNs. */
export function secretNameWarnings(spec: BerthSpec): ConfigWarning[] {
    return Object.values(spec.services).flatMap((svc) =>
        Object.entries(svc.secrets).flatMap(([name, arn]) => {
            const others = otherEnvironments(arn, spec.environment);
            return others.length
                ? [
                      {
                          code: "secret-environment" as const,
                          path: keyPath("services", svc.name, "secrets", name),
                          message: `names another environment (${others.join(", ")}) in a ${spec.environment} stack: is it the ${spec.environment} secret?`,
                      },
                  ]
                : [];
        }),
    );
}

/** What makes a prod stack less than production-grade, each with the fix. */
export function prodWarnings(spec: BerthSpec): ConfigWarning[] {
    const out: ConfigWarning[] = [];
    const inVpc = spec.platform !== "ecs-anywhere" && spec.platform !== "kubernetes";
    const albServices = Object.values(spec.services).filter((s) => s.loadBalancer === "alb");
    const awsLoadBalancer = ["ecs-fargate", "ecs-ec2", "eks"].includes(spec.platform);
    // A domain without a certificate gets one issued: HTTPS either way.
    if (awsLoadBalancer && albServices.length && !spec.loadBalancer.certificateArn && !spec.loadBalancer.domain) {
        out.push({
            code: "prod-https",
            path: keyPath("loadBalancer", "certificateArn"),
            message: "is not set: a prod stack serves HTTP only; set a domain (berth issues its certificate) or an ACM certificate ARN to add HTTPS and redirect HTTP to it",
        });
    }
    if (awsLoadBalancer && albServices.length && spec.loadBalancer.certificateArn && !spec.loadBalancer.domain) {
        out.push({
            code: "prod-domain",
            path: keyPath("loadBalancer", "domain"),
            message: "is not set: the stack's URL is the load balancer's own name, which the certificate does not cover; set a domain (name and Route 53 hosted zone) or point your name at the load balancer",
        });
    }
    // Unset, both are on in prod (config/load-balancer.ts); only turning them off is worth a word.
    if (awsLoadBalancer && albServices.length && spec.loadBalancer.accessLogs === false) {
        out.push({
            code: "prod-access-logs",
            path: keyPath("loadBalancer", "accessLogs"),
            message: "is false: a prod load balancer keeps no access logs; remove the key (berth creates the log bucket) or name an existing bucket whose policy lets ELB write",
        });
    }
    if (awsLoadBalancer && albServices.length && spec.loadBalancer.waf === false) {
        out.push({
            code: "prod-waf",
            path: keyPath("loadBalancer", "waf"),
            message: "is false: the public prod ALB has no web application firewall; remove the key (berth adds AWS managed rules and a per-IP rate limit) or associate a web ACL of your own",
        });
    }
    if (inVpc && (spec.network.nat === "single" || spec.network.nat === "instance")) {
        out.push({ code: "prod-nat", path: keyPath("network", "nat"), message: `is ${spec.network.nat}: one AZ's outage cuts every private subnet's egress; use one-per-az (prod's default)` });
    }
    for (const svc of Object.values(spec.services).filter((s) => s.kind === "service")) {
        const fewest = svc.scaling ? svc.scaling.min : svc.desiredCount;
        // A queue worker's scaling is its pattern's (validation refuses a scaling block of its own).
        const where = Object.hasOwn(spec.patterns.queueWorker, svc.name) ? keyPath("patterns", "queueWorker", svc.name, "minTasks") : keyPath("services", svc.name, svc.scaling ? "scaling" : "desiredCount");
        if (fewest <= 1) out.push({ code: "prod-single-task", path: where, message: `lets ${svc.name} run a single task: one failure or deployment takes it down; run at least 2 (prod's default)` });
    }
    if (spec.platform === "ecs-ec2" && spec.ec2.minSize < spec.network.azs) {
        out.push({ code: "prod-ec2-spread", path: keyPath("ec2", "minSize"), message: `is ${spec.ec2.minSize} with ${spec.network.azs} AZs: at least one AZ has no instance until scaling adds one; set it to ${spec.network.azs}` });
    }
    return out;
}

/**
 * The AWS regions as of November 2026 (the AWS Regions and Availability Zones reference), for a
 * typo's sake only: a region newer than the list gets a warning, never an error.
 */
export const KNOWN_REGIONS = [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "ca-west-1",
    "mx-central-1",
    "sa-east-1",
    "eu-central-1",
    "eu-central-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-south-1",
    "eu-south-2",
    "eu-north-1",
    "eusc-de-east-1",
    "af-south-1",
    "il-central-1",
    "me-south-1",
    "me-central-1",
    "ap-east-1",
    "ap-east-2",
    "ap-south-1",
    "ap-south-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "cn-north-1",
    "cn-northwest-1",
    "us-gov-east-1",
    "us-gov-west-1",
];

/** A region berth does not know: most likely a typo, which `pulumi up` would meet as an unreachable endpoint. */
export function regionWarnings(region: string | undefined): ConfigWarning[] {
    if (region === undefined || KNOWN_REGIONS.includes(region)) return [];
    const hint = didYouMean(region, KNOWN_REGIONS);
    return [{ code: "region-unknown", path: "aws:region", message: `is ${region}, not a region berth knows${hint ? `: ${hint}` : ""} (if AWS opened it after November 2026, ignore this)` }];
}

/**
 * A deployment starts new tasks before it stops old ones (maximum 200 %): at a service's maximum, it
 * needs that many network interfaces again. The group holding every service at its maximum (checked
 * by validateTaskSlots) may not hold the largest one twice; then deployments at peak wait for capacity.
 */
export function deploymentHeadroomWarnings(spec: BerthSpec): ConfigWarning[] {
    if (spec.platform !== "ecs-ec2") return [];
    const enis = spec.ec2.instanceTypes.map(networkInterfaces);
    if (enis.some((x) => x === undefined)) return [];
    const perInstance = Math.min(...(enis as number[])) - 1;
    const most = Object.values(spec.services).map((s) => ({ name: s.name, tasks: s.kind === "task" ? 1 : (s.scaling?.max ?? s.desiredCount) }));
    const total = most.reduce((n, s) => n + s.tasks, 0);
    const largest = most.filter((s) => spec.services[s.name].kind === "service").sort((a, b) => b.tasks - a.tasks)[0];
    const slots = spec.ec2.maxSize * perInstance;
    if (!largest || total + largest.tasks <= slots) return [];
    const need = Math.ceil((total + largest.tasks) / perInstance);
    return [
        {
            code: "deployment-headroom",
            path: keyPath("ec2", "maxSize"),
            message: `is ${spec.ec2.maxSize}: it holds every service at its maximum, but a deployment of ${largest.name} at its maximum starts ${largest.tasks} more tasks, each needing a network interface; ${need} instances would let it deploy at peak`,
        },
    ];
}
