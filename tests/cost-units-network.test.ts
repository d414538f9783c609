// GIVEN handmade network resources (load balancers of each kind and scheme, Ingress groups,
// LoadBalancer Services, awsx VPCs, NAT gateways, Elastic IPs, endpoints), WHEN the network line
// builders read them, THEN each gives its exact lines: descriptions, quantities and who makes them.
import { strict as assert } from "node:assert";
import { controllerLoadBalancerLines, eipLines, endpointLines, internetOutLines, loadBalancerLines, natLines } from "../cost/lines-network";
import { hourly, priced } from "../cost/read";
import type { CostLine } from "../cost/types";
import type { Usage } from "../cost/usage";
import type { PlannedResource } from "../start/types";
import { res } from "./handmade-plans";
import { costContext } from "./cost-context";

const CONTROLLER = "AWS Load Balancer Controller";

const ctxOf = (resources: PlannedResource[], platform = "eks", usage: Partial<Usage> = {}) => costContext(resources, { platform, usage }).ctx;

/** A load balancer's lines at the default usage: its hours, its addresses (if any), its capacity units. */
function lb(r: PlannedResource, kind: "application" | "network", label: string, ips: number, madeBy?: string): CostLine[] {
    const name = kind === "application" ? "Application" : "Network";
    const capacity =
        kind === "application"
            ? priced(r, "albLcuHour", 29.2, `${label}: the load balancer's capacity units at 1 requests/s and 10 GB a month`, false, madeBy)
            : priced(r, "nlbNlcuHour", 10, `${label}: the load balancer's capacity units at 1 requests/s and 10 GB a month`, false, madeBy);
    return [
        hourly(r, kind === "application" ? "albHour" : "nlbHour", 1, `${label}: ${name} Load Balancer`, madeBy),
        ...(ips ? [hourly(r, "publicIpv4Hour", ips, `${label}: the load balancer's public IPv4 addresses, one per AZ`, madeBy)] : []),
        capacity,
    ];
}

const LB = "aws:lb/loadBalancer:LoadBalancer";
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";

describe("cost units: berth's load balancers", () => {
    it("an ALB by default, public in each subnet or subnet mapping; internal has no addresses; a gateway one is not priced", () => {
        const alb = res(LB, "alb", { subnets: ["a", "b", "c"] });
        assert.deepStrictEqual(loadBalancerLines(ctxOf([alb])), lb(alb, "application", "alb", 3));
        const nlb = res(LB, "nlb", { loadBalancerType: "network", subnetMappings: JSON.stringify([{ subnetId: "a" }]) });
        assert.deepStrictEqual(loadBalancerLines(ctxOf([nlb])), lb(nlb, "network", "nlb", 1));
        const internal = res(LB, "int", { loadBalancerType: "application", internal: true, subnets: ["a", "b"] });
        assert.deepStrictEqual(loadBalancerLines(ctxOf([internal])), lb(internal, "application", "int", 0));
        // internal written as text is internal too.
        const text = res(LB, "text", { internal: "true", subnets: ["a", "b"] });
        assert.deepStrictEqual(loadBalancerLines(ctxOf([text])), lb(text, "application", "text", 0));
        const bare = res(LB, "bare", { internal: "true" });
        assert.deepStrictEqual(loadBalancerLines(ctxOf([bare])), lb(bare, "application", "bare", 0));
        assert.deepStrictEqual(loadBalancerLines(ctxOf([res(LB, "gw", { loadBalancerType: "gateway", subnets: ["a"] })])), []);
        const sum = loadBalancerLines(ctxOf([alb])).map((l) => l.monthly);
        assert.deepStrictEqual(sum, [16.425, 10.95, 0.2336]);
    });
});

describe("cost units: the AWS Load Balancer Controller's load balancers", () => {
    const ingress = (name: string, annotations: Record<string, string> = {}) => res(INGRESS, name, { metadata: { annotations } });

    it("one ALB per group, labelled with its members, on the first; an Ingress without a group is its own", () => {
        const a = ingress("a", { "alb.ingress.kubernetes.io/group.name": "g", "alb.ingress.kubernetes.io/scheme": "internet-facing", "alb.ingress.kubernetes.io/subnets": "s1,s2,s3" });
        const b = ingress("b", { "alb.ingress.kubernetes.io/group.name": "g" });
        const solo = ingress("solo", { "alb.ingress.kubernetes.io/scheme": "internet-facing" });
        const internal = ingress("internal", { "alb.ingress.kubernetes.io/scheme": "internal" });
        assert.deepStrictEqual(controllerLoadBalancerLines(ctxOf([a, solo, b, internal])), [
            ...lb(a, "application", "Ingress group g (a, b)", 3, CONTROLLER),
            ...lb(solo, "application", "solo", 2, CONTROLLER),
            ...lb(internal, "application", "internal", 0, CONTROLLER),
        ]);
    });

    it("a group's scheme and subnets are its first member's; metadata may be JSON text", () => {
        const first = res(INGRESS, "first", { metadata: JSON.stringify({ annotations: { "alb.ingress.kubernetes.io/group.name": "g" } }) });
        const second = ingress("second", { "alb.ingress.kubernetes.io/group.name": "g", "alb.ingress.kubernetes.io/scheme": "internet-facing" });
        assert.deepStrictEqual(controllerLoadBalancerLines(ctxOf([first, second])), lb(first, "application", "Ingress group g (first, second)", 0, CONTROLLER));
        const bare = res(INGRESS, "bare", {});
        assert.deepStrictEqual(controllerLoadBalancerLines(ctxOf([bare])), lb(bare, "application", "bare", 0, CONTROLLER));
    });

    it("an NLB per LoadBalancer Service, with two addresses when internet-facing; other Services none", () => {
        const svc = (name: string, type: string, scheme?: string) => res("kubernetes:core/v1:Service", name, { spec: { type }, metadata: scheme ? { annotations: { "service.beta.kubernetes.io/aws-load-balancer-scheme": scheme } } : {} });
        const pub = svc("pub", "LoadBalancer", "internet-facing");
        const priv = svc("priv", "LoadBalancer", "internal");
        assert.deepStrictEqual(controllerLoadBalancerLines(ctxOf([pub, priv, svc("cip", "ClusterIP"), svc("np", "NodePort", "internet-facing")])), [
            ...lb(pub, "network", "pub", 2, CONTROLLER),
            ...lb(priv, "network", "priv", 0, CONTROLLER),
        ]);
    });

    it("only on eks: elsewhere the controller is not berth's", () => {
        const ing = ingress("a", { "alb.ingress.kubernetes.io/scheme": "internet-facing" });
        for (const platform of ["kubernetes", "ecs-fargate"]) assert.deepStrictEqual(controllerLoadBalancerLines(ctxOf([ing], platform)), [], platform);
    });
});

describe("cost units: NAT gateways, Elastic IPs and endpoints", () => {
    const vpc = (inputs: Record<string, unknown>, name = "vpc") => res("awsx:ec2:Vpc", name, inputs, { component: true });
    const gb = (r: PlannedResource, n = 10) => priced(r, "natGatewayGb", n, `${r.name}: data through the NAT gateways`, false);

    it("awsx: one per AZ (3 by default, or the number given), single, or none; each with its Elastic IP", () => {
        const perAz = vpc({});
        assert.deepStrictEqual(natLines(ctxOf([perAz])), [hourly(perAz, "natGatewayHour", 3, "vpc: 3 NAT gateways"), hourly(perAz, "publicIpv4Hour", 3, "vpc: the NAT gateways' Elastic IPs"), gb(perAz)]);
        const two = vpc({ natGateways: { strategy: "OnePerAz" }, numberOfAvailabilityZones: 2 });
        assert.equal(natLines(ctxOf([two]))[0].description, "vpc: 2 NAT gateways");
        assert.equal(natLines(ctxOf([vpc({ numberOfAvailabilityZones: "2" })]))[0].description, "vpc: 2 NAT gateways");
        const single = vpc({ natGateways: JSON.stringify({ strategy: "Single" }), numberOfAvailabilityZones: 3 });
        assert.deepStrictEqual(natLines(ctxOf([single])), [hourly(single, "natGatewayHour", 1, "vpc: 1 NAT gateway"), hourly(single, "publicIpv4Hour", 1, "vpc: the NAT gateways' Elastic IPs"), gb(single)]);
        assert.deepStrictEqual(natLines(ctxOf([vpc({ natGateways: { strategy: "None" } })])), []);
    });

    it("berth's own NAT gateways: one each, their addresses in the plan; the data once, on the first owner", () => {
        const n1 = res("aws:ec2/natGateway:NatGateway", "n1", {});
        const n2 = res("aws:ec2/natGateway:NatGateway", "n2", {});
        const none = vpc({ natGateways: { strategy: "None" } }, "none");
        assert.deepStrictEqual(natLines(ctxOf([none, n1, n2], "ecs-fargate", { natGbPerMonth: 50 })), [hourly(n1, "natGatewayHour", 1, "n1: 1 NAT gateway"), hourly(n2, "natGatewayHour", 1, "n2: 1 NAT gateway"), gb(n1, 50)]);
        assert.deepStrictEqual(natLines(ctxOf([])), []);
    });

    it("an Elastic IP is a public IPv4 address all month", () => {
        const e = res("aws:ec2/eip:Eip", "nat-eip", {});
        assert.deepStrictEqual(eipLines(ctxOf([e])), [hourly(e, "publicIpv4Hour", 1, "nat-eip: Elastic IP (public IPv4)")]);
        assert.equal(eipLines(ctxOf([e]))[0].monthly, 3.65);
    });

    it("an interface endpoint bills per subnet (one without any), named by its service; a gateway one is free", () => {
        const ep = (name: string, inputs: Record<string, unknown>) => res("aws:ec2/vpcEndpoint:VpcEndpoint", name, { vpcEndpointType: "Interface", ...inputs });
        const two = ep("two", { subnetIds: ["a", "b"], serviceName: "com.amazonaws.us-east-1.ecr.api" });
        const one = ep("one", { subnetIds: '["a"]' });
        const none = ep("none", { serviceName: "logs" });
        assert.deepStrictEqual(endpointLines(ctxOf([two, one, none, res("aws:ec2/vpcEndpoint:VpcEndpoint", "s3", { vpcEndpointType: "Gateway" })])), [
            hourly(two, "interfaceEndpointHour", 2, "two: interface endpoint for ecr.api in 2 AZs"),
            hourly(one, "interfaceEndpointHour", 1, "one: interface endpoint in 1 AZ"),
            hourly(none, "interfaceEndpointHour", 1, "none: interface endpoint for logs in 1 AZ"),
        ]);
    });
});

describe("cost units: data out to the internet", () => {
    const out = (r: Pick<CostLine, "urn" | "type">, gb = 10) => priced(r, "dataTransferOutGb", gb, "the stack's data out to the internet (the first 100 GB a month across AWS are free, not deducted)", false);

    it("is priced once, on the first load balancer or NAT gateway line, else on App Runner, else not at all", () => {
        const key = hourly(res("aws:kms/key:Key", "k", {}), "kmsKeyMonth", 1, "k");
        const runner = priced(res("aws:apprunner/service:Service", "ar", {}), "appRunnerGbHourProvisioned", 1, "ar", true);
        const nlb = lb(res(LB, "nlb", {}), "network", "nlb", 0);
        const alb = lb(res(LB, "alb", {}), "application", "alb", 0);
        const nat = natLines(ctxOf([res("aws:ec2/natGateway:NatGateway", "nat", {})]));
        const ctx = ctxOf([], "ecs-fargate", { internetOutGbPerMonth: 100 });
        assert.deepStrictEqual(internetOutLines(ctx, [key, runner, ...nlb, ...alb]), [out(nlb[0], 100)]);
        assert.deepStrictEqual(internetOutLines(ctx, [key, runner, ...alb]), [out(alb[0], 100)]);
        assert.deepStrictEqual(internetOutLines(ctx, [key, runner, ...nat]), [out(nat[0], 100)]);
        assert.deepStrictEqual(internetOutLines(ctx, [key, runner]), [out(runner, 100)]);
        assert.deepStrictEqual(internetOutLines(ctx, [key]), []);
        assert.equal(internetOutLines(ctxOf([]), [runner])[0].monthly, 0.9);
    });
});
