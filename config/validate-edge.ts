// The ALB's edge keys (berth:loadBalancer.waf, .accessLogs) on platforms with no ALB of berth's.
// ecs-express and apprunner refuse every loadBalancer key but allowedCidrs already
// (config/managed/validate.ts), and kubernetes refuses accessLogs (config/eks/validate.ts).
import { ConfigError, keyPath } from "./errors";
import type { ParsedConfig, Platform } from "./schema";

const NO_ALB: Partial<Record<Platform, string>> = {
    kubernetes: "berth creates no AWS resources in an existing cluster; put a web ACL in front of its ingress controller's load balancer yourself",
    "ecs-anywhere": "its tasks run on your hosts, behind no load balancer of berth's",
};

/** A web ACL or access logs asked of a platform that has no ALB to put them on. */
export function validateEdge(cfg: Pick<ParsedConfig, "platform" | "loadBalancer">): ConfigError[] {
    const why = NO_ALB[cfg.platform];
    if (!why) return [];
    const errors: ConfigError[] = [];
    const { waf, accessLogs } = cfg.loadBalancer;
    if (waf !== undefined && waf !== false) errors.push({ path: keyPath("loadBalancer", "waf"), value: waf, allowed: `false or unset on platform ${cfg.platform}: ${why}` });
    if (cfg.platform === "ecs-anywhere" && accessLogs !== undefined && accessLogs !== false) {
        errors.push({ path: keyPath("loadBalancer", "accessLogs"), value: accessLogs, allowed: `false or unset on platform ecs-anywhere: ${why}` });
    }
    return errors;
}

// ELB's IpAddressType: "dualstack-without-public-ipv4" is an internet-facing ALB's only (ELB API
// reference, SetIpAddressType; AWS What's New, 2024-05-16, "Application Load Balancer launches
// IPv6 only for internet clients"). berth makes only the public ALB dual-stack.
const NO_DUAL_STACK: Partial<Record<Platform, string>> = {
    kubernetes: "berth does not manage the cluster's VPC, whose subnets would need IPv6 ranges",
    "ecs-anywhere": NO_ALB["ecs-anywhere"],
};

/** berth:loadBalancer.ipAddressType against the platform, the load balancer types and allowedCidrs. */
export function validateIpAddressType(cfg: Pick<ParsedConfig, "platform" | "loadBalancer" | "services">): ConfigError[] {
    const { ipAddressType: type, allowedCidrs } = cfg.loadBalancer;
    const errors: ConfigError[] = [];
    const why = NO_DUAL_STACK[cfg.platform];
    if (type !== "ipv4" && why) errors.push({ path: keyPath("loadBalancer", "ipAddressType"), value: type, allowed: `ipv4 on platform ${cfg.platform}: ${why}` });
    const nlb = Object.entries(cfg.services).find(([, s]) => s.public && (s.loadBalancer ?? cfg.loadBalancer.type) === "nlb");
    if (type !== "ipv4" && nlb) {
        errors.push({ path: keyPath("loadBalancer", "ipAddressType"), value: type, allowed: `ipv4 while service ${nlb[0]} is behind the NLB: berth makes only the ALB dual-stack, and allowedCidrs admit clients to both` });
    }
    allowedCidrs.forEach((block, i) => {
        const v6 = block.includes(":");
        if (v6 && type === "ipv4") {
            errors.push({ path: keyPath("loadBalancer", "allowedCidrs", i), value: block, allowed: "an IPv4 range: an ALB with ipAddressType ipv4 has no IPv6 address; set berth:loadBalancer.ipAddressType to dualstack for IPv6 clients" });
        }
        if (!v6 && type === "dualstack-without-public-ipv4") {
            errors.push({
                path: keyPath("loadBalancer", "allowedCidrs", i),
                value: block,
                allowed: "an IPv6 range such as 2001:db8::/32: with ipAddressType dualstack-without-public-ipv4 the ALB has no public IPv4 address, so no IPv4 client reaches it",
            });
        }
    });
    return errors;
}
