// Application Load Balancer limits that berth's validation and compositions share.

/**
 * Condition values per listener rule, across all its conditions (path patterns and source IPs
 * together): 5. Source: Elastic Load Balancing, "Quotas for your Application Load Balancers"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html),
 * checked 2026-12.
 */
export const ALB_CONDITION_VALUES_PER_RULE = 5;

/**
 * How many path-pattern values berth's listener rule for `path` takes: a bare prefix such as /api
 * becomes /api and /api/* (components/loadbalancer/AppLoadBalancer.ts pathPatterns), anything else one.
 */
export function pathPatternCount(path: string): number {
    return /[*?]/.test(path) || path === "/" ? 1 : 2;
}
