import { strict as assert } from "assert";
import { validateIpAddressType } from "./validate-edge";
import { fargateConfig, validateFixture } from "../tests/harness";
import type { ParsedConfig, Platform } from "./schema";

type Lb = Pick<ParsedConfig["loadBalancer"], "ipAddressType" | "allowedCidrs" | "type">;

/** Just the keys validateIpAddressType reads: a public web service on the stack's type, and `extra` services. */
function cfg(platform: Platform, lb: Partial<Lb>, extra: Record<string, { public: boolean; loadBalancer?: string }> = {}) {
    const loadBalancer = { type: "alb", ipAddressType: "ipv4", allowedCidrs: [], ...lb } as unknown as ParsedConfig["loadBalancer"];
    const services = { web: { public: true }, ...extra } as unknown as ParsedConfig["services"];
    return { platform, loadBalancer, services };
}

const at = (errors: ReturnType<typeof validateIpAddressType>) => errors.map((e) => [e.path, e.value, e.allowed]);

describe("validateIpAddressType (berth:loadBalancer.ipAddressType)", () => {
    it("takes each type on ecs-fargate, ecs-ec2 and eks with ranges of the families it serves", () => {
        const ok: Array<[Platform, Partial<Lb>]> = [
            ["ecs-fargate", { ipAddressType: "ipv4", allowedCidrs: ["203.0.113.0/24"] }],
            ["ecs-ec2", { ipAddressType: "dualstack", allowedCidrs: ["203.0.113.0/24", "2001:db8::/32"] }],
            ["eks", { ipAddressType: "dualstack-without-public-ipv4", allowedCidrs: ["2001:db8::/32", "::/0"] }],
            ["ecs-fargate", { ipAddressType: "dualstack-without-public-ipv4", allowedCidrs: ["2001:db8::/32"] }],
        ];
        for (const [platform, lb] of ok) assert.deepEqual(validateIpAddressType(cfg(platform, lb)), [], `${platform} ${JSON.stringify(lb)}`);
        // The NLB rule looks at public services only.
        assert.deepEqual(validateIpAddressType(cfg("ecs-fargate", { ipAddressType: "dualstack" }, { queue: { public: false, loadBalancer: "nlb" } })), []);
    });

    it("refuses an IPv6 range on an IPv4 ALB, and an IPv4 range on one without public IPv4, at each index", () => {
        assert.deepEqual(at(validateIpAddressType(cfg("ecs-fargate", { allowedCidrs: ["203.0.113.0/24", "2001:db8::/32"] }))), [
            ["berth:loadBalancer.allowedCidrs.1", "2001:db8::/32", "an IPv4 range: an ALB with ipAddressType ipv4 has no IPv6 address; set berth:loadBalancer.ipAddressType to dualstack for IPv6 clients"],
        ]);
        assert.deepEqual(at(validateIpAddressType(cfg("eks", { ipAddressType: "dualstack-without-public-ipv4", allowedCidrs: ["2001:db8::/32", "0.0.0.0/0"] }))), [
            ["berth:loadBalancer.allowedCidrs.1", "0.0.0.0/0", "an IPv6 range such as 2001:db8::/32: with ipAddressType dualstack-without-public-ipv4 the ALB has no public IPv4 address, so no IPv4 client reaches it"],
        ]);
    });

    it("refuses a dual-stack type where berth has no ALB or VPC of its own, or beside a public NLB service", () => {
        assert.deepEqual(at(validateIpAddressType(cfg("kubernetes", { ipAddressType: "dualstack", allowedCidrs: ["203.0.113.0/24"] }))), [
            ["berth:loadBalancer.ipAddressType", "dualstack", "ipv4 on platform kubernetes: berth does not manage the cluster's VPC, whose subnets would need IPv6 ranges"],
        ]);
        assert.deepEqual(at(validateIpAddressType(cfg("ecs-anywhere", { ipAddressType: "dualstack" }))), [
            ["berth:loadBalancer.ipAddressType", "dualstack", "ipv4 on platform ecs-anywhere: its tasks run on your hosts, behind no load balancer of berth's"],
        ]);
        assert.deepEqual(validateIpAddressType(cfg("kubernetes", { ipAddressType: "ipv4" })), []);
        const nlb = "ipv4 while service mqtt is behind the NLB: berth makes only the ALB dual-stack, and allowedCidrs admit clients to both";
        assert.deepEqual(at(validateIpAddressType(cfg("ecs-ec2", { ipAddressType: "dualstack" }, { mqtt: { public: true, loadBalancer: "nlb" } }))), [["berth:loadBalancer.ipAddressType", "dualstack", nlb]]);
        assert.deepEqual(at(validateIpAddressType(cfg("ecs-ec2", { type: "nlb", ipAddressType: "dualstack" }, { mqtt: { public: true } }))), [
            ["berth:loadBalancer.ipAddressType", "dualstack", "ipv4 while service web is behind the NLB: berth makes only the ALB dual-stack, and allowedCidrs admit clients to both"],
        ]);
        assert.deepEqual(validateIpAddressType(cfg("ecs-ec2", { ipAddressType: "ipv4" }, { mqtt: { public: true, loadBalancer: "nlb" } })), []);
    });
});

// Through validateConfig, as the program runs it: the rule fires at exactly these paths, and the schema refuses an unknown type.
const lb = (loadBalancer: Record<string, unknown>, base = fargateConfig()) => ({ ...base, "berth:loadBalancer": loadBalancer });
const ADDRESS_TYPE_CASES: ReadonlyArray<[string, Record<string, unknown>, string[]]> = [
    ["IPv4 ranges on an IPv4 ALB", lb({ allowedCidrs: ["198.51.100.0/24"] }), []],
    ["an IPv6 range on an IPv4 ALB", lb({ allowedCidrs: ["198.51.100.0/24", "2001:db8::/32"] }), ["berth:loadBalancer.allowedCidrs.1"]],
    ["both families on a dual-stack ALB", lb({ ipAddressType: "dualstack", allowedCidrs: ["198.51.100.0/24", "2001:db8::/32"] }), []],
    ["IPv6 only without public IPv4", lb({ ipAddressType: "dualstack-without-public-ipv4", allowedCidrs: ["2001:db8::/32"] }), []],
    ["an IPv4 range without public IPv4", lb({ ipAddressType: "dualstack-without-public-ipv4", allowedCidrs: ["198.51.100.0/24"] }), ["berth:loadBalancer.allowedCidrs.0"]],
    ["a type ELB does not have", lb({ ipAddressType: "ipv6", allowedCidrs: ["2001:db8::/32"] }), ["berth:loadBalancer.ipAddressType"]],
    ["an IPv6 range not at its network address", lb({ ipAddressType: "dualstack", allowedCidrs: ["2001:db8::1/32"] }), ["berth:loadBalancer.allowedCidrs.0"]],
];

describe("berth:loadBalancer.ipAddressType through validateConfig", () => {
    for (const [what, config, paths] of ADDRESS_TYPE_CASES) {
        it(`${what}: ${paths.length ? paths.join(", ") : "accepted"}`, () => {
            const r = validateFixture(config);
            assert.deepEqual(r.ok ? [] : r.errors.map((e) => e.path), paths);
        });
    }
});
