// Issue 19 item 5: which services may call which by name (`calls`), and services behind the
// stack's internal load balancer (`internal`). Pure validators over parsed config.
import { ConfigError, keyPath } from "./errors";
import { ParsedConfig, Platform } from "./schema";
import { ALB_CONDITION_VALUES_PER_RULE, ALB_VALUES_PER_CONDITION } from "./facts/alb";

type Cfg = Pick<ParsedConfig, "platform" | "services" | "loadBalancer">;

/** Why `calls` means nothing on a platform; platforms absent here give every service a private name. */
export const NO_CALLS: Partial<Record<Platform, string>> = {
    apprunner: "App Runner services have no private names between them, only their public URLs (a VPC connector reaches out of App Runner, never into another App Runner service)",
    "ecs-express": "Express Mode services have no private names between them, only the public host names of the load balancer Express Mode owns",
    // ECS developer guide, "Use Service Connect to connect Amazon ECS services with short names", considerations: external instances (ECS Anywhere) are not supported.
    "ecs-anywhere": "ECS Service Connect, which gives berth's ECS services their names, does not run on external instances (ECS Anywhere), and your hosts' own networks are outside berth's reach",
};

/** Why `internal` means nothing on a platform. */
export const NO_INTERNAL: Partial<Record<Platform, string>> = {
    apprunner: "App Runner serves every service on its own public URL and has no load balancer of berth's",
    "ecs-express": "Express Mode owns its load balancer, an internet-facing ALB",
    "ecs-anywhere": "its tasks run on your hosts, outside any VPC, with no load balancer",
    kubernetes: "berth:kubernetes names one ingress class and no internal one, and whether a class is internal is the controller's business, not the Ingress's; put the service behind an internal ingress controller yourself",
};

/** The services another may call: long-running ones with a port, by name. */
function callable(cfg: Cfg): string[] {
    return Object.entries(cfg.services)
        .filter(([, s]) => s.kind === "service" && s.port !== undefined)
        .map(([n]) => n)
        .sort();
}

/**
 * `calls`: each entry another long-running service of the stack with a port, listed once. A caller's
 * entries open the callee's port to it and nothing else, so a wrong name would open nothing silently.
 */
export function validateCalls(cfg: Cfg): ConfigError[] {
    const errors: ConfigError[] = [];
    const targets = callable(cfg);
    for (const [name, svc] of Object.entries(cfg.services)) {
        if (!svc.calls.length) continue;
        const at = (...k: Array<string | number>) => keyPath("services", name, "calls", ...k);
        const refused = NO_CALLS[cfg.platform];
        if (refused) {
            errors.push({ path: at(), value: svc.calls, allowed: `nothing on platform ${cfg.platform}: ${refused}` });
            continue;
        }
        if (svc.kind === "task" && cfg.platform.startsWith("ecs-")) {
            // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html: "Service Connect only interconnects Amazon ECS services".
            errors.push({
                path: at(),
                value: svc.calls,
                allowed: `nothing on a one-off task (kind: task) on ${cfg.platform}: ECS Service Connect joins only ECS services, and a task started with RunTask gets no Service Connect proxy to resolve the names; make the caller a service`,
            });
            continue;
        }
        const others = targets.filter((t) => t !== name);
        const seen = new Set<string>();
        svc.calls.forEach((callee, i) => {
            const other = cfg.services[callee];
            const list = others.length ? `one of ${others.join(", ")}` : "none here: no other service of this stack has a port";
            if (callee === name) errors.push({ path: at(i), value: callee, allowed: `another service (${list}): a service reaches itself on localhost` });
            else if (!other) errors.push({ path: at(i), value: callee, allowed: `the name of another service of this stack (${list})` });
            else if (other.kind === "task") errors.push({ path: at(i), value: callee, allowed: `a long-running service (${list}): ${callee} is a one-off task, which has no address` });
            else if (other.port === undefined) errors.push({ path: at(i), value: callee, allowed: `a service with a port (${list}): ${callee} has none, so nothing can call it` });
            else if (seen.has(callee)) errors.push({ path: at(i), value: callee, allowed: `a name listed once: ${callee} is already at calls.${svc.calls.indexOf(callee)}` });
            seen.add(callee);
        });
    }
    return [...errors, ...ruleNameClashes(cfg)];
}

/**
 * Each caller's security group rule is named CALLEE-calls-from-CALLER (stacks/ecs-names.ts), so names
 * that themselves hold "-calls-from-" could give two rules one name, which Pulumi refuses mid-update.
 */
function ruleNameClashes(cfg: Cfg): ConfigError[] {
    const seen = new Map<string, string>();
    const errors: ConfigError[] = [];
    for (const [caller, svc] of Object.entries(cfg.services)) {
        svc.calls.forEach((callee, i) => {
            const rule = `${callee}-calls-from-${caller}`;
            const other = seen.get(rule);
            if (other && other !== `${callee}/${caller}`)
                errors.push({
                    path: keyPath("services", caller, "calls", i),
                    value: callee,
                    allowed: `a call whose security group rule is not also named ${rule} (${other.replace("/", " called by ")}): rename a service to drop "-calls-from-"`,
                });
            seen.set(rule, `${callee}/${caller}`);
        });
    }
    return errors;
}

/**
 * `internal`: a long-running service with a port, not also public or published through PrivateLink
 * (a service sits behind one load balancer), on a platform with an internal load balancer.
 */
export function validateInternal(cfg: Cfg): ConfigError[] {
    const errors: ConfigError[] = [];
    const internal = Object.entries(cfg.services).filter(([, s]) => s.internal !== undefined);
    for (const [name, svc] of internal) {
        const at = (...k: string[]) => keyPath("services", name, ...k);
        const refused = NO_INTERNAL[cfg.platform];
        if (refused) {
            errors.push({ path: at("internal"), value: svc.internal, allowed: `nothing on platform ${cfg.platform}: ${refused}` });
            continue;
        }
        if (svc.public) errors.push({ path: at("internal"), value: svc.internal, allowed: "nothing with public: true: a service sits behind the public load balancer or the internal one, not both" });
        if (svc.privateLink) errors.push({ path: at("internal"), value: svc.internal, allowed: "nothing with privateLink: a service sits behind one load balancer, and PrivateLink brings an internal NLB of its own" });
        if (svc.loadBalancer !== undefined && svc.loadBalancer !== "alb") errors.push({ path: at("loadBalancer"), value: svc.loadBalancer, allowed: "alb or nothing: the internal load balancer is an ALB, routed by path" });
        if (svc.listenerPort !== undefined) errors.push({ path: at("listenerPort"), value: svc.listenerPort, allowed: "nothing on an internal service: the internal ALB listens on 80 and routes by path" });
        if (svc.kind === "task") errors.push({ path: at("internal"), value: svc.internal, allowed: "nothing on a one-off task (kind: task): it serves no traffic" });
        else if (svc.port === undefined) errors.push({ path: at("port"), value: undefined, allowed: "a container port (1-65535) for a service behind the internal load balancer" });
        const cidrs = svc.internal!.allowedCidrs;
        // Each service's listener rule carries its CIDRs as one source-ip condition, beside at most two
        // path patterns (a bare prefix is two): the condition's limit is the one that binds.
        if (cidrs && cidrs.length > ALB_VALUES_PER_CONDITION) {
            errors.push({
                path: at("internal", "allowedCidrs"),
                value: cidrs,
                allowed: `at most ${ALB_VALUES_PER_CONDITION} CIDRs: an ALB rule's source-ip condition takes ${ALB_VALUES_PER_CONDITION} values, and the rule ${ALB_CONDITION_VALUES_PER_RULE} in all, with the path`,
            });
        }
    }
    return errors;
}

/**
 * The internal services as public ones on an ALB of their own, for validatePublicRouting: the same
 * route rules (distinct paths and priorities, a health path off /*) among the internal services only.
 * Their audience is per service, so the stack's allowedCidrs rule is satisfied with a placeholder.
 */
export function internalRouting(cfg: Cfg): Pick<ParsedConfig, "services" | "loadBalancer"> | undefined {
    if (NO_INTERNAL[cfg.platform]) return undefined;
    const routed = Object.entries(cfg.services).filter(([, s]) => s.internal !== undefined && !s.public && s.kind === "service");
    if (!routed.length) return undefined;
    return { services: Object.fromEntries(routed.map(([n, s]) => [n, { ...s, public: true, loadBalancer: "alb" }])), loadBalancer: { ...cfg.loadBalancer, allowedCidrs: ["internal"] } };
}
