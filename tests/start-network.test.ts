// GIVEN a golden plan (or a handmade variant of one), WHEN the network model is asked whether a
// workload's subnets reach a service, or whether one group may connect to another, THEN the answer,
// its route, its reason and the resources it depends on are exactly the ones written below.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Plan, PlannedResource } from "../plan/engine";
import { networkModel, recordedVpcs, securityGroupsOf, type NetworkModel, type Placement } from "../start/network";
import { indexPlan } from "../start/plan-index";

const ROUTE = "aws:ec2/route:Route";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

function golden(stack: string): PlannedResource[] {
    return (JSON.parse(fs.readFileSync(path.join(__dirname, "golden", `${stack}.json`), "utf8")) as Plan).resources;
}

const model = (resources: PlannedResource[], region = "us-east-1"): NetworkModel => networkModel(indexPlan(resources), region);
const named = (resources: PlannedResource[], name: string): PlannedResource => resources.find((r) => r.name === name)!;

/** A workload's placement as its ECS service records it. */
function placementOf(service: PlannedResource): Placement {
    const nc = service.inputs.networkConfiguration as { subnets: string[]; assignPublicIp: boolean };
    return { subnets: nc.subnets, publicIp: nc.assignPublicIp, securityGroups: securityGroupsOf(service) };
}

/** `resources` with the resource called `name` given other inputs. */
function patched(resources: PlannedResource[], name: string, inputs: Record<string, unknown>): PlannedResource[] {
    return resources.map((r) => (r.name === name ? { ...r, inputs: { ...r.inputs, ...inputs } } : r));
}

const devUrn = (type: string, name: string) => `urn:pulumi:dev::berth::${type}::${name}`;
const NAT = "berth:network:NatInstance";

describe("start/network: reach", () => {
    const dev = golden("dev");
    const web = placementOf(named(dev, "web-service"));
    const [privateA, privateC] = web.subnets;
    const publicSubnet = named(dev, "net-nat-eni").inputs.subnetId as string;

    it("dev: private subnets reach ECR through the NAT instance, via its routes and its Auto Scaling group", () => {
        assert.deepEqual(model(dev).reach(web, "ecr.dkr"), {
            result: "proven",
            route: "nat-instance",
            reason: `private subnets ${privateA}, ${privateC} reach ecr.dkr (com.amazonaws.us-east-1.ecr.dkr) through the NAT instance that their route tables' default routes lead to (eni-f9f7f5842546c9eb1)`,
            via: [devUrn(`${NAT}$${ROUTE}`, "net-nat-route-0"), devUrn(`${NAT}$aws:autoscaling/group:Group`, "net-nat-asg"), devUrn(`${NAT}$${ROUTE}`, "net-nat-route-1")],
        });
    });

    it("dev: S3 (image layers) goes through the gateway endpoint on the private route tables, not the NAT", () => {
        assert.deepEqual(model(dev).reach(web, "s3"), {
            result: "proven",
            route: "gateway-endpoint",
            reason: `private subnets ${privateA}, ${privateC} reach s3 (com.amazonaws.us-east-1.s3) through the gateway endpoint net-s3 on their route tables`,
            // Until the endpoint exists, S3 traffic takes the NAT instance: the route is what the workload must wait for.
            via: [devUrn(`${NAT}$${ROUTE}`, "net-nat-route-0"), devUrn(`${NAT}$aws:autoscaling/group:Group`, "net-nat-asg"), devUrn(`${NAT}$${ROUTE}`, "net-nat-route-1")],
        });
    });

    it("without a NAT, the gateway endpoint is the only way to S3, and the one to wait for", () => {
        const r = model(dev.filter((x) => x.type !== ROUTE)).reach(web, "s3");
        assert.deepEqual([r.result, r.route, r.via], ["proven", "gateway-endpoint", [devUrn(`berth:network:Network$${ENDPOINT}`, "net-s3")]]);
    });

    it("a gateway endpoint covers only the route tables it lists: the other subnet's S3 traffic takes the NAT", () => {
        const firstOnly = patched(dev, "net-s3", { routeTableIds: [(named(dev, "net-s3").inputs.routeTableIds as string[])[0]] });
        const r = model(firstOnly).reach(web, "s3");
        assert.deepEqual([r.result, r.route], ["proven", "gateway-endpoint"]);
        assert.equal(
            r.reason,
            `private subnets ${privateA} reach s3 (com.amazonaws.us-east-1.s3) through the gateway endpoint net-s3 on their route tables; private subnets ${privateC} reach s3 (com.amazonaws.us-east-1.s3) through the NAT instance that their route tables' default routes lead to (eni-f9f7f5842546c9eb1)`,
        );
    });

    it("prod: private subnets reach ECR through awsx's NAT gateways, one per AZ", () => {
        const prod = golden("prod");
        const p = placementOf(named(prod, "web-service"));
        assert.deepEqual(model(prod).reach(p, "ecr.api"), {
            result: "proven",
            route: "nat-gateway",
            reason: `private subnets ${p.subnets.join(", ")} reach ecr.api (com.amazonaws.us-east-1.ecr.api) through net-vpc's NAT gateways (OnePerAz)`,
            via: ["urn:pulumi:prod::berth::berth:network:Network$awsx:ec2:Vpc::net-vpc"],
        });
    });

    const noEgress = (subnets: string) =>
        `private subnets ${subnets} of net-vpc (natGateways.strategy None) have no route to ecr.dkr (com.amazonaws.us-east-1.ecr.dkr): no NAT gateway, no NAT instance route in their route tables, and no VPC endpoint for com.amazonaws.us-east-1.ecr.dkr. Fix: set berth:network.nat to "single", "one-per-az" or "instance"`;

    it("a NAT instance without its routes leaves the private subnets without a path", () => {
        const r = model(dev.filter((x) => x.type !== ROUTE)).reach(web, "ecr.dkr");
        assert.deepEqual(r, { result: "broken", route: "none", reason: noEgress(`${privateA}, ${privateC}`), via: [] });
    });

    it("one missing route breaks only its subnet, and the answer is the worst subnet's", () => {
        const r = model(dev.filter((x) => x.name !== "net-nat-route-1")).reach(web, "ecr.dkr");
        assert.deepEqual([r.result, r.reason], ["broken", noEgress(privateC)]);
        assert.deepEqual(r.via, [devUrn(`${NAT}$${ROUTE}`, "net-nat-route-0"), devUrn(`${NAT}$aws:autoscaling/group:Group`, "net-nat-asg")]);
    });

    it("prod with natGateways.strategy None: broken, but S3 still goes through its gateway endpoint", () => {
        const prod = patched(golden("prod"), "net-vpc", { natGateways: { strategy: "None" } });
        const p = placementOf(named(prod, "web-service"));
        assert.deepEqual(model(prod).reach(p, "internet"), {
            result: "broken",
            route: "none",
            reason: `private subnets ${p.subnets.join(", ")} of net-vpc (natGateways.strategy None) have no route to the internet (a registry outside AWS): no NAT gateway, no NAT instance route in their route tables. Fix: set berth:network.nat to "single", "one-per-az" or "instance"`,
            via: [],
        });
        assert.equal(model(prod).reach(p, "s3").route, "gateway-endpoint");
    });

    it("a public subnet without a public IP has no path; with one, it goes out through the internet gateway", () => {
        const m = model(dev);
        assert.deepEqual(m.reach({ ...web, subnets: [publicSubnet] }, "ecr.dkr"), {
            result: "broken",
            route: "none",
            reason: `public subnets ${publicSubnet} route to the internet gateway, which carries only traffic from public IPs, and the workload gets none: ecr.dkr (com.amazonaws.us-east-1.ecr.dkr) is unreachable. Fix: place it in the private subnets, or give it a public IP (assignPublicIp)`,
            via: [],
        });
        assert.deepEqual(m.reach({ ...web, subnets: [publicSubnet], publicIp: true }, "internet").route, "public-ip");
    });

    it("subnets of an existing VPC: assumed, saying what must exist there", () => {
        assert.deepEqual(model(dev).reach({ subnets: ["subnet-0a1b2c3d"], publicIp: false, securityGroups: [] }, "ecr.api"), {
            result: "assumed",
            route: "none",
            reason: "subnets subnet-0a1b2c3d are not in a VPC this plan creates (an existing VPC), so their routes are invisible: they need a NAT, or VPC endpoints for ecr.api and ecr.dkr (private DNS on) and the S3 gateway endpoint on their route tables (image layers live in S3) to reach ecr.api (com.amazonaws.us-east-1.ecr.api)",
            via: [],
        });
    });

    it("a path out needs the workload's groups to allow egress on 443", () => {
        const r = model(dev.filter((x) => x.name !== "web-egress")).reach(web, "ecr.dkr");
        assert.equal(r.result, "broken");
        assert.match(r.reason, /, but egress of web-sg \(sg-9a26c05653518a227\) to 0\.0\.0\.0\/0 on tcp\/443: no rule allows it \(it has no rules\)$/);
    });

    describe("an interface endpoint with private DNS (handmade: ecr.dkr in dev's VPC)", () => {
        const vpcId = recordedVpcs(indexPlan(dev), "us-east-1")[0].vpcId;
        const endpointSg: PlannedResource = { ...named(dev, "web-sg"), urn: devUrn("aws:ec2/securityGroup:SecurityGroup", "ecr-sg"), name: "ecr-sg", id: "sg-0e0e0e0e0e0e0e0e0", inputs: { vpcId } };
        const endpoint: PlannedResource = {
            ...named(dev, "net-s3"),
            urn: devUrn(ENDPOINT, "ecr-dkr"),
            name: "ecr-dkr",
            inputs: { vpcId, serviceName: "com.amazonaws.us-east-1.ecr.dkr", vpcEndpointType: "Interface", privateDnsEnabled: true, subnetIds: [privateA, privateC], securityGroupIds: ["sg-0e0e0e0e0e0e0e0e0"] },
        };
        const ingress: PlannedResource = {
            ...named(dev, "web-from-lb"),
            urn: devUrn(INGRESS, "ecr-in"),
            name: "ecr-in",
            inputs: { securityGroupId: "sg-0e0e0e0e0e0e0e0e0", referencedSecurityGroupId: web.securityGroups[0], ipProtocol: "tcp", fromPort: 443, toPort: 443 },
        };

        it("wins over the NAT instance when its group admits 443 from the workload's", () => {
            const r = model([...dev, endpointSg, endpoint, ingress]).reach(web, "ecr.dkr");
            // The NAT instance carries the traffic until the endpoint exists: the workload waits for the route, not the endpoint.
            assert.deepEqual([r.result, r.route, r.via], ["proven", "vpc-endpoint", [devUrn(`${NAT}$${ROUTE}`, "net-nat-route-0"), devUrn(`${NAT}$aws:autoscaling/group:Group`, "net-nat-asg"), devUrn(`${NAT}$${ROUTE}`, "net-nat-route-1")]]);
        });

        it("is broken when its group does not", () => {
            const r = model([...dev, endpointSg, endpoint]).reach(web, "ecr.dkr");
            assert.deepEqual([r.result, r.route], ["broken", "vpc-endpoint"]);
            assert.match(
                r.reason,
                /resolve ecr\.dkr .* to the interface endpoint ecr-dkr \(private DNS\), but ingress of ecr-sg \(sg-0e0e0e0e0e0e0e0e0\) from web-sg \(sg-9a26c05653518a227\) on tcp\/443: no rule allows it \(it has no rules\)$/,
            );
        });

        it("does not count without private DNS: the service's public name still resolves past it", () => {
            const r = model([...dev, endpointSg, { ...endpoint, inputs: { ...endpoint.inputs, privateDnsEnabled: false } }]).reach(web, "ecr.dkr");
            assert.equal(r.route, "nat-instance");
        });
    });

    it("a placement without subnets (on-premises hosts): assumed", () => {
        assert.equal(model(golden("ecs-anywhere")).reach({ subnets: [], publicIp: false, securityGroups: [] }, "ecr.dkr").result, "assumed");
    });
});

describe("start/network: allows", () => {
    const dev = golden("dev");
    const [alb, web] = [named(dev, "alb-sg").id!, named(dev, "web-sg").id!];
    const m = model(dev);

    it("dev: the load balancer's group reaches the web tasks' on 8080, by the rules on both sides", () => {
        assert.deepEqual(m.allows([alb], [web], 8080), {
            result: "proven",
            reason: `egress of alb-sg (${alb}) to web-sg (${web}) on tcp/8080: tcp 8080 to web-sg (${web}); ingress of web-sg (${web}) from alb-sg (${alb}) on tcp/8080: tcp 8080 from alb-sg (${alb})`,
        });
    });

    it("dev: not on 8081, and the reason names both sides' rules", () => {
        assert.deepEqual(m.allows([alb], [web], 8081), {
            result: "broken",
            reason: `egress of alb-sg (${alb}) to web-sg (${web}) on tcp/8081: no rule allows it (its rules: tcp 8080 to web-sg (${web})); ingress of web-sg (${web}) from alb-sg (${alb}) on tcp/8081: no rule allows it (its rules: tcp 8080 from alb-sg (${alb}))`,
        });
    });

    it("a group the plan does not record (eks.Cluster's, awsx's, an existing one): assumed", () => {
        assert.deepEqual(m.allows([web], ["sg-0123456789abcdef0"], 443), {
            result: "assumed",
            reason: `ingress of sg-0123456789abcdef0 from web-sg (${web}) on tcp/443: no recorded rule allows it, and the plan cannot see the rules of sg-0123456789abcdef0 (made by eks.Cluster or awsx, or existing); they must allow it`,
        });
    });

    it("inline rules of aws:ec2/securityGroup count, and ipProtocol -1 covers every port", () => {
        const inline = patched(
            dev.filter((r) => r.name !== "web-from-lb" && r.type !== EGRESS),
            "web-sg",
            { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, securityGroups: [alb] }] },
        );
        const withEgress = patched(inline, "alb-sg", { egress: [{ protocol: "tcp", fromPort: 8000, toPort: 8999, cidrBlocks: ["0.0.0.0/0"] }] });
        assert.equal(model(withEgress).allows([alb], [web], 8081).result, "proven");
        assert.equal(model(inline).allows([alb], [web], 8081).result, "broken");
    });
});
