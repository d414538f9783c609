// The VPCs a plan records and what each subnet is. awsx.ec2.Vpc is a remote component: the plan
// records its inputs only, so its subnet ids and the private route tables (looked up by subnet, see
// components/network/Network.ts) are recomputed here with the plan's own fakes, exactly as the
// engine computed them while planning.
import { FAKE_ACCOUNT, fakeResource, INVOKES, partitionOfRegion } from "../plan/fakes";
import type { PlanIndex, PlannedResource } from "./types";

export type SubnetKind = "public" | "private" | "isolated";

/** awsx's NAT gateway strategy. */
export type NatGatewayStrategy = "None" | "Single" | "OnePerAz";

export interface RecordedVpc {
    readonly resource: PlannedResource;
    readonly vpcId: string;
    readonly natGateways: NatGatewayStrategy;
    readonly subnets: ReadonlyMap<string, SubnetKind>;
}

export interface Subnet {
    readonly id: string;
    readonly kind: SubnetKind;
    readonly vpc: RecordedVpc;
    /** The subnet's route table: awsx makes one per subnet. */
    readonly routeTableId: string;
}

/**
 * awsx's default: one NAT gateway per AZ when the VPC has both public and private subnets, else none
 * (the natGateways field of awsx.ec2.VpcArgs).
 */
function strategyOf(vpc: PlannedResource): NatGatewayStrategy {
    const given = (vpc.inputs.natGateways as { strategy?: unknown } | undefined)?.strategy;
    if (given === "None" || given === "Single" || given === "OnePerAz") return given;
    const specs = Array.isArray(vpc.inputs.subnetSpecs) ? (vpc.inputs.subnetSpecs as Array<{ type?: unknown }>) : [];
    const types = new Set(specs.map((s) => s.type));
    return specs.length === 0 || (types.has("Public") && types.has("Private")) ? "OnePerAz" : "None";
}

export function recordedVpcs(index: PlanIndex, region: string): RecordedVpc[] {
    const ctx = { region, account: FAKE_ACCOUNT, partition: partitionOfRegion(region) };
    return index.ofType("awsx:ec2:Vpc").map((resource) => {
        const { state } = fakeResource({ type: resource.type, name: resource.name, inputs: resource.inputs }, ctx);
        const subnets = new Map<string, SubnetKind>();
        // The fake hands out all three lists, of ids.
        for (const kind of ["public", "private", "isolated"] as const) for (const id of state[`${kind}SubnetIds`] as string[]) subnets.set(id, kind);
        return { resource, vpcId: String(state.vpcId), natGateways: strategyOf(resource), subnets };
    });
}

/** The subnet `id` of a recorded VPC, or undefined for a subnet the plan does not create (an existing VPC's). */
export function subnetOf(vpcs: ReadonlyArray<RecordedVpc>, region: string, id: string): Subnet | undefined {
    const vpc = vpcs.find((v) => v.subnets.has(id));
    if (!vpc) return undefined;
    const ctx = { region, account: FAKE_ACCOUNT, partition: partitionOfRegion(region) };
    const routeTableId = String(INVOKES["aws:ec2/getRouteTable:getRouteTable"]({ subnetId: id }, ctx).id);
    return { id, kind: vpc.subnets.get(id)!, vpc, routeTableId };
}

/** A default route (0.0.0.0/0) the plan records in `routeTableId`, and what it leads to. */
export interface DefaultRoute {
    readonly route: PlannedResource;
    readonly kind: "nat-instance" | "nat-gateway" | "internet-gateway";
    /** The route and the resources behind its target that must exist before traffic flows. */
    readonly via: string[];
}

/**
 * berth's NAT instance: routes name a fixed interface, which each instance of an Auto Scaling group
 * attaches at boot, so the group (whose creation waits for the launch hook) and any plain instance
 * carrying the interface are what the route needs.
 */
function behindInterface(index: PlanIndex, eniId: string): string[] {
    const eni = index.find(eniId, "aws:ec2/networkInterface:NetworkInterface");
    if (!eni) return [];
    const groups = index.ofType("aws:autoscaling/group:Group").filter((g) => g.parent === eni.parent && g.dependencies.includes(eni.urn));
    const instances = index
        .ofType("aws:ec2/instance:Instance")
        .filter((i) => Array.isArray(i.inputs.networkInterfaces) && i.inputs.networkInterfaces.some((n: unknown) => (n as { networkInterfaceId?: unknown } | null)?.networkInterfaceId === eniId));
    return [...groups, ...instances].map((r) => r.urn);
}

export function defaultRoutes(index: PlanIndex, routeTableId: string): DefaultRoute[] {
    return index
        .ofType("aws:ec2/route:Route")
        .filter((r) => r.inputs.routeTableId === routeTableId && r.inputs.destinationCidrBlock === "0.0.0.0/0")
        .flatMap((route): DefaultRoute[] => {
            const eni = typeof route.inputs.networkInterfaceId === "string" ? route.inputs.networkInterfaceId : undefined;
            if (eni) return [{ route, kind: "nat-instance", via: [route.urn, ...behindInterface(index, eni)] }];
            const instance = typeof route.inputs.instanceId === "string" ? index.find(route.inputs.instanceId) : undefined;
            if (instance || route.inputs.instanceId) return [{ route, kind: "nat-instance", via: [route.urn, ...(instance ? [instance.urn] : [])] }];
            const nat = typeof route.inputs.natGatewayId === "string" ? route.inputs.natGatewayId : undefined;
            if (nat) return [{ route, kind: "nat-gateway", via: [route.urn, ...[index.find(nat)?.urn].filter((u): u is string => !!u)] }];
            if (typeof route.inputs.gatewayId === "string") return [{ route, kind: "internet-gateway", via: [route.urn] }];
            return [];
        });
}

/** The VPC endpoints the plan records in `vpcId`. */
export function endpointsIn(index: PlanIndex, vpcId: string): PlannedResource[] {
    return index.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) => e.inputs.vpcId === vpcId);
}
