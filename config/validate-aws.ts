// Config that plans but that AWS would refuse at `pulumi up` (issue 21, D3, D5, D6), and keys written
// in the wrong place (issue 21, misleading messages). Pure functions: the program passes in the
// region, the file check and the clock.
import { ConfigError, keyPath, NAMESPACE } from "./errors";
import type { ParsedConfig } from "./schema";
import { serviceSchema } from "./schema";
import type { ConfigWarning } from "./warnings";

/** Keys a service takes: written beside the services or at the top, they are a service's key out of place. */
export const SERVICE_KEYS: ReadonlyArray<string> = Object.keys(serviceSchema.shape);

/**
 * `aws:region: ""` plans with an empty region in every ARN and host name (`dkr.ecr..amazonaws.com`).
 * An unknown but well-formed region is only a warning (advice.ts): AWS opens new ones.
 */
export function validateRegion(region: string | undefined): ConfigError[] {
    if (region === undefined || /^[a-z]{2,4}(-[a-z]+)+-\d+$/.test(region)) return [];
    return [{ path: "aws:region", value: region, allowed: "an AWS region such as us-east-1 (lowercase, as in every ARN and endpoint), or no aws:region key at all" }];
}

/** SSM API reference, CreateActivation, ExpirationDate: "You can specify a date up to 30 days in advance." */
export const ACTIVATION_MAX_DAYS = 30;

/** An activation date SSM would refuse: in the past, or more than 30 days after `now`. */
export function validateActivationExpiry(cfg: Pick<ParsedConfig, "platform" | "anywhere">, now: Date): ConfigError[] {
    // Any other platform already refuses berth:anywhere (validatePlatformKeys).
    const written = cfg.anywhere.expirationDate;
    if (written === undefined || cfg.platform !== "ecs-anywhere") return [];
    const at = Date.parse(written);
    const latest = now.getTime() + ACTIVATION_MAX_DAYS * 86_400_000;
    if (at > now.getTime() && at <= latest) return [];
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    return [
        {
            path: keyPath("anywhere", "expirationDate"),
            value: written,
            allowed: `a time after now (${new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z")}) and at most ${ACTIVATION_MAX_DAYS} days ahead, by ${day(latest)} (SSM CreateActivation's limit), or no expirationDate: berth then sets 29 days from the first deployment`,
        },
    ];
}

/**
 * A build whose context is not a folder, or whose Dockerfile is missing, fails the docker build
 * during `pulumi up`. Paths are relative to the project; `dockerfile` is found relative to the
 * project or to the context (docker's `-f` reads the former, people often mean the latter).
 * `exists("x/.")` holds for a folder only: a file has no entry `.`.
 */
export function validateBuildFiles(cfg: Pick<ParsedConfig, "services">, exists: (path: string) => boolean): ConfigError[] {
    return Object.entries(cfg.services).flatMap(([name, svc]): ConfigError[] => {
        const build = svc.build;
        if (!build) return [];
        const context = build.context.replace(/\/+$/, "") || "/";
        if (!exists(`${context}/.`)) {
            const file = exists(context);
            return [
                {
                    path: keyPath("services", name, "build", "context"),
                    value: build.context,
                    allowed: file ? "a folder, not a file: the folder holding the Dockerfile, relative to the project (where Pulumi.yaml is)" : "a folder that exists, relative to the project (where Pulumi.yaml is), holding the Dockerfile",
                },
            ];
        }
        if (build.dockerfile === undefined) {
            return exists(`${context}/Dockerfile`)
                ? []
                : [{ path: keyPath("services", name, "build", "context"), value: build.context, allowed: `a folder holding a Dockerfile (${context}/Dockerfile does not exist), or set build.dockerfile to the file to build` }];
        }
        const found = exists(build.dockerfile) || exists(`${context}/${build.dockerfile}`);
        return found ? [] : [{ path: keyPath("services", name, "build", "dockerfile"), value: build.dockerfile, allowed: "a Dockerfile that exists, relative to the project (where Pulumi.yaml is) or to build.context" }];
    });
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** A service key, unless it holds a service's own body (a service may be named `image` or `port`). */
function isServiceKey(key: string, value: unknown): boolean {
    return SERVICE_KEYS.includes(key) && !(isMap(value) && ("image" in value || "build" in value || "source" in value));
}

/**
 * A service's key written among the services (`berth:services.desiredCount: 2`): the service's
 * indentation was lost. Reported once, instead of as a bad service name and a service of the wrong type.
 */
export function misplacedServiceKeys(raw: Record<string, unknown>): ConfigError[] {
    const services = raw.services;
    if (!isMap(services)) return [];
    const misplaced = Object.keys(services).filter((k) => isServiceKey(k, services[k]));
    const names = Object.keys(services).filter((k) => !misplaced.includes(k));
    const under = names.length === 1 ? names[0] : "NAME";
    return misplaced.map((k) => ({
        path: keyPath("services", k),
        value: services[k],
        allowed: `a service, not a service's key: indent ${k} under a service (${NAMESPACE}:services.${under}.${k})`,
    }));
}

/** The allowed text for a service key written at the top (`berth:port`). */
export function topLevelServiceKey(key: string): string | undefined {
    return SERVICE_KEYS.includes(key) ? `no such key in the ${NAMESPACE}: namespace: ${key} is a service's key; set it under a service, as ${NAMESPACE}:services.NAME.${key}` : undefined;
}

/**
 * Elastic Load Balancing's quotas on one load balancer (ELB guide, "Quotas for your Application Load
 * Balancers" and "… Network Load Balancers"): berth puts every public ALB service on one ALB, every
 * internal one on another, and every NLB service on one NLB, each with a target group and a
 * listener rule (ALB) or listener (NLB) of its own.
 */
export const ALB_TARGET_GROUPS_MAX = 100;
export const NLB_LISTENERS_DEFAULT = 50;

type Routed = Pick<ParsedConfig, "platform" | "services" | "loadBalancer">;

/** The services on each of the stack's load balancers, where berth builds them. */
function loadBalancerMembers(cfg: Routed): { alb: string[]; internal: string[]; nlb: string[] } {
    const onAlb = cfg.platform === "ecs-fargate" || cfg.platform === "ecs-ec2" || cfg.platform === "eks";
    const services = Object.entries(cfg.services).filter(([, s]) => onAlb && s.kind === "service");
    const type = (s: ParsedConfig["services"][string]) => s.loadBalancer ?? cfg.loadBalancer.type;
    return {
        alb: services.filter(([, s]) => s.public && type(s) === "alb").map(([n]) => n),
        internal: services.filter(([, s]) => !s.public && s.internal !== undefined).map(([n]) => n),
        nlb: services.filter(([, s]) => s.public && type(s) === "nlb").map(([n]) => n),
    };
}

/** More target groups than an ALB may have: a quota AWS does not raise, so `pulumi up` would fail. */
export function validateLoadBalancerQuotas(cfg: Routed): ConfigError[] {
    const { alb, internal } = loadBalancerMembers(cfg);
    const over = (names: string[], which: string): ConfigError[] =>
        names.length > ALB_TARGET_GROUPS_MAX
            ? [
                  {
                      path: keyPath("services"),
                      value: `${names.length} services on the ${which} ALB`,
                      allowed: `at most ${ALB_TARGET_GROUPS_MAX} services on one ALB: each has a target group and a listener rule, and "Target Groups per Application Load Balancer" is ${ALB_TARGET_GROUPS_MAX}, a quota AWS does not raise (its "Rules per Application Load Balancer", also 100, could be); split the services over more stacks`,
                  },
              ]
            : [];
    return [...over(alb, "public"), ...over(internal, "internal")];
}

/**
 * Past a default quota that can be raised: `pulumi up` fails unless the account's quota is higher.
 * (An ALB's listener rules, 100 by default, are never the first limit: each berth rule has a target
 * group, whose limit of 100 cannot be raised, and validateLoadBalancerQuotas refuses past it.)
 */
export function loadBalancerQuotaWarnings(cfg: Routed): ConfigWarning[] {
    const { nlb } = loadBalancerMembers(cfg);
    return nlb.length > NLB_LISTENERS_DEFAULT
        ? [
              {
                  code: "lb-quota",
                  path: keyPath("services"),
                  message: `put ${nlb.length} services on the NLB, one listener each: past the default quota of ${NLB_LISTENERS_DEFAULT} ("Listeners per Network Load Balancer", Elastic Load Balancing, in Service Quotas); raise it before pulumi up, or spread the services over more stacks`,
              },
          ]
        : [];
}
