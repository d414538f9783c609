// Issue 19 item 5 on ECS: the names services call each other by (ECS Service Connect in a Cloud Map
// namespace), the security group rules that let only declared callers in, and the internal ALB.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AppLoadBalancer } from "../components/loadbalancer/AppLoadBalancer";
import { callersOf } from "./names";
import { Foundation } from "./shared";
import { AccessLogTarget } from "./edge";
import { BerthSpec, ServiceSpec } from "../config/spec";

/** The name of each Service Connect server's port mapping (EcsTask `portName`). */
export const SERVICE_CONNECT_PORT = "http";

/**
 * The stack's Service Connect namespace, `PROJECT-STACK`, when some service calls another. Without
 * `calls` no task could get past the callee's security group anyway, so no service pays for the
 * Service Connect proxy in its task for a name nobody may use.
 */
export function serviceConnectNamespace(spec: BerthSpec): string | undefined {
    const calls = Object.values(spec.services).some((s) => s.calls.length > 0);
    // Validation refuses `calls` on ECS Anywhere: Service Connect does not run on external instances.
    return calls && spec.platform !== "ecs-anywhere" ? `${spec.project}-${spec.stack}` : undefined;
}

/** A Service Connect server: a long-running service with a port, in a stack that has a namespace. */
export function servesByName(spec: BerthSpec, svc: ServiceSpec): boolean {
    return serviceConnectNamespace(spec) !== undefined && svc.kind === "service" && svc.port !== undefined;
}

/**
 * The service's Service Connect configuration: a server answers `http://NAME:PORT` on its named port;
 * a service that only calls is a client. The proxy (Envoy) logs to the service's own log group, which
 * the execution role may already write to.
 */
export function serviceConnectFor(spec: BerthSpec, svc: ServiceSpec, namespaceArn: pulumi.Input<string> | undefined, logGroup: string, region: pulumi.Input<string>): aws.types.input.ecs.ServiceServiceConnectConfiguration | undefined {
    const server = servesByName(spec, svc);
    if (!namespaceArn || (!server && !svc.calls.length)) return undefined;
    return {
        enabled: true,
        namespace: namespaceArn,
        services: server ? [{ portName: SERVICE_CONNECT_PORT, discoveryName: svc.name, clientAlias: [{ dnsName: svc.name, port: svc.port! }] }] : [],
        logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": logGroup, "awslogs-region": region, "awslogs-stream-prefix": "service-connect" } },
    };
}

/**
 * The services in an order where each callee comes before its callers, so a caller's service can
 * wait for its callees': Service Connect resolves only the endpoints that existed when a task
 * started (ECS guide, "Service Connect components"). In a cycle the service met first waits for none.
 */
export function callOrder(spec: BerthSpec): ServiceSpec[] {
    const out: ServiceSpec[] = [];
    const visiting = new Set<string>();
    const visit = (svc: ServiceSpec) => {
        if (visiting.has(svc.name)) return;
        visiting.add(svc.name);
        for (const callee of svc.calls) visit(spec.services[callee]);
        out.push(svc);
    };
    Object.values(spec.services).forEach(visit);
    return out;
}

/**
 * The callee's port opened to each declared caller's task security group, and to nothing else: the
 * only way in besides its load balancer.
 */
export function callerRules(spec: BerthSpec, securityGroups: Record<string, pulumi.Output<string> | undefined>, parents: Record<string, pulumi.Resource>): void {
    for (const callee of Object.values(spec.services)) {
        const target = securityGroups[callee.name];
        if (callee.port === undefined || !target) continue;
        for (const caller of callersOf(spec, callee.name)) {
            const port = { ipProtocol: "tcp", fromPort: callee.port, toPort: callee.port };
            new aws.vpc.SecurityGroupIngressRule(
                `${callee.name}-calls-from-${caller}`,
                { securityGroupId: target, referencedSecurityGroupId: securityGroups[caller]!, ...port, description: `From the tasks of ${caller}, which calls ${callee.name}` },
                { parent: parents[callee.name] },
            );
        }
    }
}

/**
 * The internal ALB in the private subnets, when a service asks for one: its security group admits
 * every internal service's CIDRs on port 80, and each service's rule forwards only its own CIDRs.
 * HTTP only: the stack's certificate names its public domain, which the internal ALB does not answer.
 */
export function internalLoadBalancer(spec: BerthSpec, base: Foundation, accessLogs?: AccessLogTarget): AppLoadBalancer | undefined {
    const internal = Object.values(spec.services).filter((s) => s.internal);
    if (!internal.length || !base.network) return undefined;
    // "int": target groups are named "int-NAME-tg", as long as the public ALB's "alb-NAME-tg" (SERVICE_NAME_MAX).
    return new AppLoadBalancer("int", {
        internal: true,
        vpcId: base.network.vpcId,
        subnetIds: base.network.privateSubnetIds,
        allowedCidrs: [...new Set(internal.flatMap((s) => s.internal!.allowedCidrs))].sort(),
        idleTimeout: spec.loadBalancer.idleTimeout,
        // The stack's access-log bucket serves both ALBs, as on EKS (albAnnotations).
        accessLogs,
        deregistrationDelay: spec.loadBalancer.deregistrationDelay,
        protect: spec.protect,
        targets: Object.fromEntries(internal.map((s) => [s.name, { port: s.port!, path: s.path, priority: s.priority, healthCheck: s.healthCheck, sourceCidrs: s.internal!.allowedCidrs }])),
        tags: spec.tags,
    });
}

/** The URL path a route pattern starts with: /api/* → /api/, /* → /. */
const prefix = (path: string) => path.replace(/\*.*$/, "");

/** Where each internal service answers on the internal ALB. */
export function internalUrls(spec: BerthSpec, alb: AppLoadBalancer | undefined): Record<string, pulumi.Output<string>> {
    if (!alb) return {};
    return Object.fromEntries(Object.values(spec.services).flatMap((s) => (s.internal ? [[s.name, pulumi.interpolate`${alb.url}${prefix(s.path)}`]] : [])));
}

/**
 * The `endpoints` output: where the stack's other services reach each private service. Behind the
 * internal ALB, its URL there; else, where Service Connect names it, `http://NAME:PORT`.
 */
export function ecsEndpoints(spec: BerthSpec, alb: AppLoadBalancer | undefined): { endpoints?: Record<string, pulumi.Output<string>> } {
    const internal = internalUrls(spec, alb);
    const named = Object.values(spec.services).filter((s) => !s.loadBalancer && !s.internal && servesByName(spec, s));
    const out = { ...internal, ...Object.fromEntries(named.map((s) => [s.name, pulumi.output(`http://${s.name}:${s.port}`)])) };
    return Object.keys(out).length ? { endpoints: out } : {};
}
