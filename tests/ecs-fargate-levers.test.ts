// The levers dev pulls for its cost (issue 24), on ECS on Fargate: a Fargate mix with no on-demand
// share runs every task on Spot, and a dual-stack ALB admits IPv6 ranges.
import { strict as assert } from "assert";
import { fargateConfig, inputs, ofType, planOk } from "./harness";

const SVC = "aws:ecs/service:Service";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

describe("Spot only (berth:fargate with no on-demand share, as Pulumi.dev.yaml writes it)", () => {
    it("puts even a one-task service wholly on FARGATE_SPOT, while any on-demand share keeps the first task on demand", async () => {
        const only = await planOk(fargateConfig({ "berth:fargate": { onDemandWeight: 0, spotWeight: 1 } }));
        const spotOnly = [
            { capacityProvider: "FARGATE", base: 0, weight: 0 },
            { capacityProvider: "FARGATE_SPOT", base: 0, weight: 1 },
        ];
        assert.deepEqual(inputs(only, SVC, "web-service").capacityProviderStrategies, spotOnly);
        assert.deepEqual(inputs(only, "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "ecs-providers").defaultCapacityProviderStrategies, spotOnly);
        // A base of one on-demand task is a share too: the mix stays as written.
        const based = await planOk(fargateConfig({ "berth:fargate": { onDemandBase: 1, onDemandWeight: 0, spotWeight: 1 } }));
        assert.deepEqual(inputs(based, SVC, "web-service").capacityProviderStrategies, [
            { capacityProvider: "FARGATE", base: 1, weight: 1 },
            { capacityProvider: "FARGATE_SPOT", base: 0, weight: 1 },
        ]);
    });
});

describe("a dual-stack ALB (berth:loadBalancer.ipAddressType)", () => {
    it("hands ELB the type, admits IPv6 ranges by cidrIpv6 in rules named after them, and keeps the internal ALB IPv4", async () => {
        const v6 = await planOk(
            fargateConfig({
                "berth:loadBalancer": { ipAddressType: "dualstack", allowedCidrs: ["198.51.100.0/24", "2001:db8::/32"] },
                "berth:services": { admin: { image: "admin", port: 8080, internal: {} } },
            }),
        );
        assert.equal(inputs(v6, "aws:lb/loadBalancer:LoadBalancer", "alb-lb").ipAddressType, "dualstack");
        assert.equal(inputs(v6, "aws:lb/loadBalancer:LoadBalancer", "int-lb").ipAddressType, "ipv4");
        const rules = ofType(v6, INGRESS).filter((r) => r.name.startsWith("alb-in-"));
        assert.deepEqual(
            rules.map((r) => [r.name, r.inputs.cidrIpv4, r.inputs.cidrIpv6, r.inputs.fromPort]),
            [
                ["alb-in-80-198-51-100-0-24", "198.51.100.0/24", undefined, 80],
                ["alb-in-80-2001-db8---32", undefined, "2001:db8::/32", 80],
            ],
        );
        assert.equal(inputs(await planOk(fargateConfig()), "aws:lb/loadBalancer:LoadBalancer", "alb-lb").ipAddressType, "ipv4");
    });
});
