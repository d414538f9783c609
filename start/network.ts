// The network model (issue 23): from what the plan records (subnet kinds, the NAT strategy or the NAT
// instance's routes, VPC endpoints, public IPs, security group rules), whether a workload's subnets
// reach the AWS services it needs to start.
//
// The rules, per subnet of the placement, first match wins:
// 1. A subnet no recorded awsx Vpc owns belongs to an existing VPC: its routes are invisible, so the
//    answer is `assumed`, with what must exist there (a NAT, or the service's VPC endpoints).
// 2. An Interface endpoint for the service in the subnet's VPC with private DNS on: the service's
//    name resolves to it from every subnet of the VPC ("vpc-endpoint"), so it wins over any NAT; it
//    holds if the endpoint's groups admit tcp/443 from the placement's (`allows`).
// 3. A Gateway endpoint for the service listing the subnet's route table ("gateway-endpoint"): its
//    prefix-list route is more specific than any default route.
// 4. A public subnet routes to the internet gateway: with a public IP that is a path ("public-ip"),
//    without one it is none (Fargate tasks in public subnets need assignPublicIp).
// 5. A private subnet: awsx NAT gateways (natGateways.strategy Single/OnePerAz, awsx's default
//    OnePerAz) ("nat-gateway"), or a recorded 0.0.0.0/0 aws:ec2/route in its route table to a network
//    interface or instance ("nat-instance") or a NAT gateway. Otherwise, and for isolated subnets,
//    `broken`. `via` lists the route and the NAT's Auto Scaling group/instance (or the VPC, or the
//    endpoint), so the caller can check the workload waits for them.
// 6. Paths through a NAT, a public IP or a gateway endpoint also need the placement's groups to allow
//    egress on tcp/443 to 0.0.0.0/0, when the placement names groups the plan records.
// Subnets with different answers: the worst answer wins (a task may land in any of them).
//
// What it does NOT model: NACLs; route tables other than awsx's one per subnet (the ids are the
// plan's fakes, recomputed from the subnet ids); routes awsx itself makes other than through its NAT
// strategy (public subnets are taken to have their internet gateway route); DNS settings of the VPC
// beyond an endpoint's privateDnsEnabled; endpoint policies; the S3 prefix list in egress rules
// (only 0.0.0.0/0 proves egress); IPv6 and egress-only gateways; Transit Gateway, peering, proxies;
// whether a NAT instance actually forwards (that is its launch hook's job, hence `via`); and
// on-premises hosts (ECS Anywhere) or a cluster berth does not build, whose placements have no
// subnets (answered `assumed`).
import { endpointsIn, defaultRoutes, type DefaultRoute, recordedVpcs, subnetOf, type RecordedVpc, type Subnet } from "./network-vpc";
import { securityGroupRules, securityGroupsOf, sgAllows, sgEgressAnywhere } from "./network-sg";
import type { PlanIndex, StepResult } from "./types";

export { securityGroupsOf, securityGroupRules, groupName, type SgRule } from "./network-sg";
export { recordedVpcs, subnetOf, type RecordedVpc, type Subnet, type SubnetKind } from "./network-vpc";

/** What a workload reaches to start: ECR's two APIs and S3 (image layers), CloudWatch Logs, Secrets Manager, SSM, KMS, STS, or the internet (another registry). */
export type AwsService = "ecr.api" | "ecr.dkr" | "s3" | "logs" | "secretsmanager" | "ssm" | "kms" | "sts" | "eks-auth" | "internet";

/** Where a workload's traffic leaves from. */
export interface Placement {
    /** The subnet ids its network interfaces are in (for ECS on EC2 and EKS nodes: the instances'). */
    readonly subnets: ReadonlyArray<string>;
    /** Whether it gets a public IP there. */
    readonly publicIp: boolean;
    /** Its security groups. */
    readonly securityGroups: ReadonlyArray<string>;
}

export interface Reach {
    readonly result: StepResult;
    /** "nat-gateway", "nat-instance", "public-ip", "vpc-endpoint", "gateway-endpoint", or "none". */
    readonly route: string;
    readonly reason: string;
    /** URNs of the resources the route depends on (the NAT instance's routes and Auto Scaling group, an endpoint): the workload must wait for them. */
    readonly via: ReadonlyArray<string>;
}

export interface NetworkModel {
    /** Whether traffic from `placement` reaches `service` (in the stack's region). */
    reach(placement: Placement, service: AwsService): Reach;
    /** Whether security groups `from` may open a TCP connection to `to` on `port` (egress of one side and ingress of the other). */
    allows(from: ReadonlyArray<string>, to: ReadonlyArray<string>, port: number): { readonly result: StepResult; readonly reason: string };
}

/** Stands for the subnet list in a per-subnet reason, so subnets with the same answer merge into one. */
const WHO = "\u0000subnets\u0000";
const RANK: Record<StepResult, number> = { proven: 0, assumed: 1, broken: 2 };
/** What a default route leads to, as reasons name it. */
const target0 = (i: Record<string, unknown>): string => String(i.networkInterfaceId ?? i.instanceId ?? i.natGatewayId ?? i.gatewayId);
const ROUTE_TARGET: Record<DefaultRoute["kind"], string> = { "nat-instance": "NAT instance", "nat-gateway": "NAT gateway", "internet-gateway": "internet gateway" };
const NAT_FIX = 'Fix: set berth:network.nat to "single", "one-per-az" or "instance"';

/** `vpcs`: the plan's VPCs; a test may hand in one the plan's fakes never make (isolated subnets). */
export function networkModel(index: PlanIndex, region: string, vpcs: ReadonlyArray<RecordedVpc> = recordedVpcs(index, region)): NetworkModel {
    const rules = securityGroupRules(index, region);
    const allows = (from: ReadonlyArray<string>, to: ReadonlyArray<string>, port: number) => sgAllows(index, rules, from, to, port);
    const endpointName = (service: AwsService) => `com.amazonaws.${region}.${service}`;
    const target = (service: AwsService) => (service === "internet" ? "the internet (a registry outside AWS)" : `${service} (${endpointName(service)})`);
    const need = (service: AwsService): string =>
        service === "internet"
            ? "a NAT (a default route to a NAT gateway or instance), or public subnets and a public IP"
            : service === "s3"
              ? `a NAT, or an S3 gateway endpoint (${endpointName("s3")}) on their route tables`
              : service.startsWith("ecr.")
                ? `a NAT, or VPC endpoints for ecr.api and ecr.dkr (private DNS on) and the S3 gateway endpoint on their route tables (image layers live in S3)`
                : `a NAT, or a VPC endpoint for ${endpointName(service)} with private DNS on`;

    /** Egress on tcp/443 to anywhere, for (proven) paths that leave through a NAT, a public IP or a gateway endpoint. */
    const egress = (placement: Placement, path: Reach): Reach => {
        if (!placement.securityGroups.length) return path;
        const v = sgEgressAnywhere(index, rules, placement.securityGroups, 443);
        return v.result === "proven" ? path : { ...path, result: v.result, reason: `${path.reason}, but ${v.reason}` };
    };

    const endpointPath = (subnet: Subnet, placement: Placement, service: AwsService): Reach | undefined => {
        if (service === "internet") return undefined;
        const eps = endpointsIn(index, subnet.vpc.vpcId).filter((e) => e.inputs.serviceName === endpointName(service));
        const iface = eps.find((e) => e.inputs.vpcEndpointType === "Interface" && e.inputs.privateDnsEnabled === true);
        if (iface) {
            const sg = allows(placement.securityGroups, securityGroupsOf(iface), 443);
            const via = [iface.urn];
            if (sg.result === "proven") return { result: "proven", route: "vpc-endpoint", via, reason: `${subnet.kind} subnets ${WHO} reach ${target(service)} through the interface endpoint ${iface.name} (private DNS): ${sg.reason}` };
            return { result: sg.result, route: "vpc-endpoint", via, reason: `${subnet.kind} subnets ${WHO} resolve ${target(service)} to the interface endpoint ${iface.name} (private DNS), but ${sg.reason}` };
        }
        const gateway = eps.find((e) => e.inputs.vpcEndpointType === "Gateway" && Array.isArray(e.inputs.routeTableIds) && e.inputs.routeTableIds.includes(subnet.routeTableId));
        if (gateway)
            return egress(placement, { result: "proven", route: "gateway-endpoint", via: [gateway.urn], reason: `${subnet.kind} subnets ${WHO} reach ${target(service)} through the gateway endpoint ${gateway.name} on their route tables` });
        return undefined;
    };

    /**
     * An endpoint wins where there is one. When the subnet also has a route out (a NAT, a public IP),
     * traffic takes that route until the endpoint exists, so the workload need wait only for the
     * route: `via` names the route's resources, not the endpoint.
     */
    const subnetReach = (subnet: Subnet, placement: Placement, service: AwsService): Reach => {
        const viaEndpoint = endpointPath(subnet, placement, service);
        const routed = routedPath(subnet, placement, service);
        if (!viaEndpoint) return routed;
        return viaEndpoint.result === routed.result ? { ...viaEndpoint, via: routed.via } : viaEndpoint;
    };

    const routedPath = (subnet: Subnet, placement: Placement, service: AwsService): Reach => {
        const vpc: RecordedVpc = subnet.vpc;
        const subnets = `${subnet.kind} subnets ${WHO}`;
        if (subnet.kind === "public") {
            if (placement.publicIp) return egress(placement, { result: "proven", route: "public-ip", via: [vpc.resource.urn], reason: `${subnets} reach ${target(service)} through the internet gateway with a public IP` });
            return {
                result: "broken",
                route: "none",
                via: [],
                reason: `${subnets} route to the internet gateway, which carries only traffic from public IPs, and the workload gets none: ${target(service)} is unreachable. Fix: place it in the private subnets, or give it a public IP (assignPublicIp)`,
            };
        }
        if (subnet.kind === "private" && vpc.natGateways !== "None")
            return egress(placement, { result: "proven", route: "nat-gateway", via: [vpc.resource.urn], reason: `${subnets} reach ${target(service)} through ${vpc.resource.name}'s NAT gateways (${vpc.natGateways})` });
        const [route] = defaultRoutes(index, subnet.routeTableId).filter((r) => r.kind !== "internet-gateway" || placement.publicIp);
        if (route) {
            const name = route.kind === "internet-gateway" ? "public-ip" : route.kind;
            return egress(placement, {
                result: "proven",
                route: name,
                via: route.via,
                reason: `${subnets} reach ${target(service)} through the ${ROUTE_TARGET[route.kind]} that their route tables' default routes lead to (${target0(route.route.inputs)})`,
            });
        }
        const missing = service === "internet" ? "" : `, and no VPC endpoint for ${endpointName(service)}`;
        const fix = subnet.kind === "private" ? NAT_FIX : "Fix: place the workload in the private subnets";
        return {
            result: "broken",
            route: "none",
            via: [],
            reason: `${subnets} of ${vpc.resource.name} (natGateways.strategy ${vpc.natGateways}) have no route to ${target(service)}: no NAT gateway, no NAT instance route in their route tables${missing}. ${fix}`,
        };
    };

    const reach = (placement: Placement, service: AwsService): Reach => {
        if (!placement.subnets.length)
            return { result: "assumed", route: "none", via: [], reason: `the workload runs in no subnet the plan records (on-premises hosts or a cluster berth does not build): its network must reach ${target(service)}` };
        const groups = new Map<string, { reach: Reach; subnets: string[]; via: string[] }>();
        for (const id of placement.subnets) {
            const subnet = subnetOf(vpcs, region, id);
            const r: Reach = subnet
                ? subnetReach(subnet, placement, service)
                : { result: "assumed", route: "none", via: [], reason: `subnets ${WHO} are not in a VPC this plan creates (an existing VPC), so their routes are invisible: they need ${need(service)} to reach ${target(service)}` };
            const key = `${r.result}|${r.route}|${r.reason}`;
            // Subnets with the same answer share a reason; each brings its own route (one per route table).
            const group = groups.get(key) ?? { reach: r, subnets: [], via: [] };
            group.subnets.push(id);
            group.via.push(...r.via);
            groups.set(key, group);
        }
        const all = [...groups.values()].map((g) => ({ ...g.reach, via: g.via, reason: g.reach.reason.replace(WHO, g.subnets.join(", ")) }));
        const worst = all.reduce((a, b) => (RANK[b.result] > RANK[a.result] ? b : a));
        const shown = worst.result === "proven" ? all : all.filter((r) => r.result !== "proven");
        return { result: worst.result, route: worst.route, reason: shown.map((r) => r.reason).join("; "), via: [...new Set(all.flatMap((r) => r.via))] };
    };

    return { reach, allows };
}
