// Application Load Balancer limits that berth's validation and compositions share.

/**
 * Condition values per listener rule, across all its conditions (path patterns and source IPs
 * together): 5, not adjustable. Source: Elastic Load Balancing, "Quotas for your Application Load
 * Balancers", Rules table, "Condition values per rule"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html).
 */
export const ALB_CONDITION_VALUES_PER_RULE = 5;

/**
 * Match evaluations (values) per condition: 3, so a rule's one source-ip condition takes at most 3
 * CIDRs. Source: Elastic Load Balancing, "Condition types for listener rules"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html).
 */
export const ALB_VALUES_PER_CONDITION = 3;
