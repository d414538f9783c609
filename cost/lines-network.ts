// The network: load balancers (berth's own, and those the AWS Load Balancer Controller makes for
// Ingress groups and LoadBalancer Services), NAT gateways (inside awsx's VPC component, counted from
// its inputs), public IPv4 addresses, interface endpoints, and data out to the internet.
import { lbCapacityLines } from "./lines-ecs";
import { arr, hourly, num, obj, priced, str } from "./read";
import type { CostContext, CostLine } from "./types";
import type { PlannedResource } from "../start/types";

const CONTROLLER = "AWS Load Balancer Controller";
/** An internet-facing ALB reached over IPv6 has private IPv4 addresses only: none is billed (VPC pricing, public IPv4). */
const NO_PUBLIC_IPV4 = "dualstack-without-public-ipv4";

function lbLines(ctx: CostContext, r: PlannedResource, kind: "application" | "network", label: string, publicIps: number, madeBy?: string): CostLine[] {
    const name = kind === "application" ? "Application" : "Network";
    return [
        hourly(r, kind === "application" ? "albHour" : "nlbHour", 1, `${label}: ${name} Load Balancer`, madeBy),
        ...(publicIps > 0 ? [hourly(r, "publicIpv4Hour", publicIps, `${label}: the load balancer's public IPv4 addresses, one per AZ`, madeBy)] : []),
        ...lbCapacityLines(ctx, r, kind, `${label}: the load balancer's`, madeBy),
    ];
}

/** berth's own load balancers; a gateway load balancer is not priced. */
export function loadBalancerLines(ctx: CostContext): CostLine[] {
    return ctx.ofType("aws:lb/loadBalancer:LoadBalancer").flatMap((lb) => {
        const kind = str(lb.inputs.loadBalancerType) ?? "application";
        if (kind !== "application" && kind !== "network") return [];
        const ips = lb.inputs.internal === true || lb.inputs.internal === "true" || lb.inputs.ipAddressType === NO_PUBLIC_IPV4 ? 0 : arr(lb.inputs.subnets).length || arr(lb.inputs.subnetMappings).length;
        return lbLines(ctx, lb, kind, lb.name, ips);
    });
}

/**
 * What the AWS Load Balancer Controller makes on EKS: one ALB per Ingress group (Ingresses without
 * a group get one each), and one NLB per `type: LoadBalancer` Service. On an existing cluster
 * (`kubernetes`) its own controller decides, and the estimate does not guess.
 */
export function controllerLoadBalancerLines(ctx: CostContext): CostLine[] {
    if (ctx.platform !== "eks") return [];
    const groups = new Map<string, PlannedResource[]>();
    for (const ing of ctx.ofType("kubernetes:networking.k8s.io/v1:Ingress")) {
        const annotations = obj(obj(ing.inputs.metadata)?.annotations) ?? {};
        const group = str(annotations["alb.ingress.kubernetes.io/group.name"]) ?? `ingress:${ing.urn}`;
        groups.set(group, [...(groups.get(group) ?? []), ing]);
    }
    const albs = [...groups.entries()].flatMap(([group, members]) => {
        const first = members[0];
        const annotations = obj(obj(first.inputs.metadata)?.annotations) ?? {};
        const billed = annotations["alb.ingress.kubernetes.io/scheme"] === "internet-facing" && annotations["alb.ingress.kubernetes.io/ip-address-type"] !== NO_PUBLIC_IPV4;
        const publicIps = billed ? str(annotations["alb.ingress.kubernetes.io/subnets"])?.split(",").length || 2 : 0;
        const label = group.startsWith("ingress:") ? first.name : `Ingress group ${group} (${members.map((m) => m.name).join(", ")})`;
        return lbLines(ctx, first, "application", label, publicIps, CONTROLLER);
    });
    const nlbs = ctx.ofType("kubernetes:core/v1:Service").flatMap((svc) => {
        if (obj(svc.inputs.spec)?.type !== "LoadBalancer") return [];
        const annotations = obj(obj(svc.inputs.metadata)?.annotations) ?? {};
        const publicIps = annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"] === "internet-facing" ? 2 : 0;
        return lbLines(ctx, svc, "network", svc.name, publicIps, CONTROLLER);
    });
    return [...albs, ...nlbs];
}

/** awsx's NAT gateway strategies; OnePerAz makes one per AZ, awsx's default 3 AZs when none is named. */
function natGatewaysOf(vpc: PlannedResource): number {
    const strategy = str(obj(vpc.inputs.natGateways)?.strategy) ?? "OnePerAz";
    if (strategy === "None") return 0;
    if (strategy === "Single") return 1;
    return num(vpc.inputs.numberOfAvailabilityZones) ?? 3;
}

/** NAT gateways: hourly, with a public IPv4 address each (fixed), and the data they process (usage, once for the stack). */
export function natLines(ctx: CostContext): CostLine[] {
    const owners: Array<[PlannedResource, number]> = [
        ...ctx.ofType("awsx:ec2:Vpc").map((v): [PlannedResource, number] => [v, natGatewaysOf(v)]),
        ...ctx.ofType("aws:ec2/natGateway:NatGateway").map((n): [PlannedResource, number] => [n, 1]),
    ].filter(([, n]) => n > 0);
    const lines = owners.flatMap(([r, n]) => [
        hourly(r, "natGatewayHour", n, `${r.name}: ${n} NAT gateway${n === 1 ? "" : "s"}`),
        // awsx gives each NAT gateway an Elastic IP; a NAT gateway berth makes itself has its Eip in the plan.
        ...(r.type === "awsx:ec2:Vpc" ? [hourly(r, "publicIpv4Hour", n, `${r.name}: the NAT gateways' Elastic IPs`)] : []),
    ]);
    if (owners.length) lines.push(priced(owners[0][0], "natGatewayGb", ctx.usage.natGbPerMonth, `${owners[0][0].name}: data through the NAT gateways`, false));
    return lines;
}

/** Elastic IPs the plan records (the NAT instance's): billed as public IPv4 addresses. */
export function eipLines(ctx: CostContext): CostLine[] {
    return ctx.ofType("aws:ec2/eip:Eip").map((e) => hourly(e, "publicIpv4Hour", 1, `${e.name}: Elastic IP (public IPv4)`));
}

/** Interface endpoints bill per AZ (subnet); gateway endpoints (S3, DynamoDB) are free. */
export function endpointLines(ctx: CostContext): CostLine[] {
    return ctx.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").flatMap((e) => {
        if (e.inputs.vpcEndpointType !== "Interface") return [];
        const azs = arr(e.inputs.subnetIds).length || 1;
        // com.amazonaws.us-east-1.ecr.api names the service ecr.api.
        const service = str(e.inputs.serviceName)?.replace(/^com\.amazonaws\.[a-z0-9-]+\./, "");
        return [hourly(e, "interfaceEndpointHour", azs, `${e.name}: interface endpoint${service ? ` for ${service}` : ""} in ${azs} AZ${azs === 1 ? "" : "s"}`)];
    });
}

/** Data out to the internet, once for the stack, on the first thing that serves it. */
export function internetOutLines(ctx: CostContext, lines: ReadonlyArray<CostLine>): CostLine[] {
    const outward = lines.find((l) => l.unit.startsWith("ALB-hour") || l.unit.startsWith("NLB-hour") || l.unit.startsWith("NAT gateway-hour")) ?? lines.find((l) => l.type === "aws:apprunner/service:Service");
    if (!outward) return [];
    return [priced(outward, "dataTransferOutGb", ctx.usage.internetOutGbPerMonth, "the stack's data out to the internet (the first 100 GB a month across AWS are free, not deducted)", false)];
}
