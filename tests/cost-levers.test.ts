// GIVEN handmade resources that use the cost levers the dev stacks pull (Spot nodes, Karpenter Spot
// pools, an ALB reached over IPv6 only), WHEN the node and network lines price them, THEN the Spot
// share and the absent public IPv4 addresses show in the exact lines.
import { strict as assert } from "node:assert";
import { karpenterLines } from "../cost/lines-nodes";
import { controllerLoadBalancerLines, loadBalancerLines } from "../cost/lines-network";
import { PRICES } from "../cost/prices";
import type { PlannedResource } from "../start/types";
import { res } from "./handmade-plans";
import { costContext } from "./cost-context";

const ctxOf = (resources: PlannedResource[]) => costContext(resources).ctx;

const describeLines = (lines: ReadonlyArray<{ description: string; unitPrice: number; monthly: number }>) => lines.map((l) => [l.description, l.unitPrice, l.monthly]);

describe("cost levers: Spot EC2 and IPv6-only load balancers", () => {
    it("takes EC2 Spot at 70 % off, an assumption its note says is one", () => {
        assert.equal(PRICES.ec2SpotDiscount.usd, 0.7);
        assert.match(PRICES.ec2SpotDiscount.note, /^An assumption, not a documented average/);
    });

    it("prices a Karpenter pool that allows Spot at 30 % of on-demand, and one that does not on demand", () => {
        const pool = (capacity: string[]) =>
            res("kubernetes:karpenter.sh/v1:NodePool", `p-${capacity.join("-")}`, {
                spec: {
                    limits: { nodes: 4 },
                    template: {
                        spec: {
                            requirements: [
                                { key: "node.kubernetes.io/instance-type", operator: "In", values: ["t3.medium"] },
                                { key: "karpenter.sh/capacity-type", operator: "In", values: capacity },
                            ],
                        },
                    },
                },
            });
        assert.deepEqual(describeLines(karpenterLines(ctxOf([pool(["spot"]), pool(["on-demand"]), pool(["spot", "on-demand"])]))), [
            ["p-spot: Karpenter nodes, 1 on average (at most 4): 1 × t3.medium on Spot at 30 % of on-demand", 0.0125, 9.125],
            ["p-on-demand: Karpenter nodes, 1 on average (at most 4): 1 × t3.medium on demand", 0.0416, 30.368],
            ["p-spot-on-demand: Karpenter nodes, 1 on average (at most 4): 1 × t3.medium on Spot at 30 % of on-demand", 0.0125, 9.125],
        ]);
    });

    it("bills no public IPv4 address for an internet-facing ALB of dualstack-without-public-ipv4, and two for a dualstack one", () => {
        const alb = (name: string, ipAddressType?: string) => res("aws:lb/loadBalancer:LoadBalancer", name, { loadBalancerType: "application", subnets: ["a", "b"], ...(ipAddressType ? { ipAddressType } : {}) });
        const lines = loadBalancerLines(ctxOf([alb("v6", "dualstack-without-public-ipv4"), alb("dual", "dualstack"), alb("v4")]));
        const ipv4 = lines.filter((l) => l.unit === PRICES.publicIpv4Hour.unit).map((l) => [l.description, l.quantity]);
        assert.deepEqual(ipv4, [
            ["dual: the load balancer's public IPv4 addresses, one per AZ", 1460],
            ["v4: the load balancer's public IPv4 addresses, one per AZ", 1460],
        ]);
        assert.equal(lines.filter((l) => l.urn.endsWith("::v6") && l.unit === PRICES.albHour.unit).length, 1);
    });

    it("bills no public IPv4 address for an Ingress group annotated dualstack-without-public-ipv4", () => {
        const a = "alb.ingress.kubernetes.io";
        const ingress = (name: string, type?: string) =>
            res("kubernetes:networking.k8s.io/v1:Ingress", name, {
                metadata: { annotations: { [`${a}/group.name`]: name, [`${a}/scheme`]: "internet-facing", [`${a}/subnets`]: "s1,s2,s3", ...(type ? { [`${a}/ip-address-type`]: type } : {}) } },
            });
        const lines = controllerLoadBalancerLines(ctxOf([ingress("v6", "dualstack-without-public-ipv4"), ingress("dual", "dualstack"), ingress("v4")]));
        assert.deepEqual(
            lines.filter((l) => l.unit === PRICES.publicIpv4Hour.unit).map((l) => [l.description, l.quantity]),
            [
                ["Ingress group dual (dual): the load balancer's public IPv4 addresses, one per AZ", 2190],
                ["Ingress group v4 (v4): the load balancer's public IPv4 addresses, one per AZ", 2190],
            ],
        );
    });
});
