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
