import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";

/**
 * The AWS managed rule groups every berth web ACL runs, in evaluation order: known-bad source
 * addresses first (the cheapest verdict), then the OWASP-style core rule set, then request patterns
 * known to exploit (Log4j, Java deserialization). Source: AWS WAF developer guide, "AWS Managed Rules
 * rule groups list" (Baseline rule groups: core rule set, known bad inputs; IP reputation rule groups).
 */
export const MANAGED_RULE_GROUPS = ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"] as const;

export interface WebAclArgs {
    /** Requests one client IP may send in 5 minutes before it is blocked. Required. */
    readonly rateLimit: number;
    /**
     * The CloudWatch log group of the ACL's traffic logs. WAF accepts only names that start with
     * `aws-waf-logs-` (AWS WAF developer guide, "Sending web ACL traffic logs to a CloudWatch Logs
     * log group", "Log group naming"). Required.
     */
    readonly logGroupName: string;
    /** Days the traffic logs are kept. Required. */
    readonly logRetentionDays: number;
    /** Regional resources (ALBs) to associate the ACL with, by a short name for the association (`NAME-KEY`). @default none: another party (the EKS load balancer controller) associates it */
    readonly associate?: Readonly<Record<string, pulumi.Input<string>>>;
    /** Tags for every child that takes them. Tags merge with, never replace, the component's. @default none */
    readonly tags?: Tags;
    /** Overrides for the main children's args, applied just before each is created. @default none */
    readonly transform?: {
        readonly webAcl?: Transform<aws.wafv2.WebAclArgs>;
        readonly logGroup?: Transform<aws.cloudwatch.LogGroupArgs>;
    };
}

const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

/** The ACL's rules: the rate limit after IP reputation, then the other managed groups; their actions stay AWS's (overrideAction none). */
export function webAclRules(rateLimit: number): aws.types.input.wafv2.WebAclRule[] {
    const managed = (vendorName: string, name: string, priority: number): aws.types.input.wafv2.WebAclRule => ({
        name,
        priority,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName, name } },
        visibilityConfig: visibility(name),
    });
    const [reputation, common, badInputs] = MANAGED_RULE_GROUPS;
    return [
        managed("AWS", reputation, 0),
        {
            name: "RateLimitPerIp",
            priority: 1,
            action: { block: {} },
            // 300 s is WAF's default window; the limit counts requests per client IP within it.
            statement: { rateBasedStatement: { limit: rateLimit, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
            visibilityConfig: visibility("RateLimitPerIp"),
        },
        managed("AWS", common, 2),
        managed("AWS", badInputs, 3),
    ];
}

/**
 * A regional AWS WAF web ACL for an ALB: AWS managed rules and a per-IP rate limit, allowing what no
 * rule blocks, with every request logged to a CloudWatch log group of its own.
 */
export class WebAcl extends pulumi.ComponentResource {
    readonly webAclArn: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;

    constructor(name: string, args: WebAclArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:loadbalancer:WebAcl", name, {}, opts);
        const child = { parent: this };
        const acl = new aws.wafv2.WebAcl(
            `${name}-acl`,
            applyTransform<aws.wafv2.WebAclArgs>(
                {
                    scope: "REGIONAL",
                    description: "berth: AWS managed rules and a per-IP rate limit in front of the public ALB",
                    defaultAction: { allow: {} },
                    rules: webAclRules(args.rateLimit),
                    visibilityConfig: visibility(`${name}-acl`),
                    tags: { ...args.tags },
                },
                args.transform?.webAcl,
            ),
            child,
        );
        const logs = new aws.cloudwatch.LogGroup(`${name}-logs`, applyTransform<aws.cloudwatch.LogGroupArgs>({ name: args.logGroupName, retentionInDays: args.logRetentionDays, tags: { ...args.tags } }, args.transform?.logGroup), child);
        // No resource policy of berth's own: WAF is a vended-logs source, so enabling logging adds the
        // delivery's statement to the account's CloudWatch Logs resource policy, given the deployer's
        // logs:PutResourcePolicy (CloudWatch Logs user guide, "Enable logging from AWS services", "Logs
        // sent to CloudWatch Logs"). One policy per stack would spend the region's quota of 10.
        new aws.wafv2.WebAclLoggingConfiguration(`${name}-logging`, { resourceArn: acl.arn, logDestinationConfigs: [logs.arn] }, child);
        for (const [key, resourceArn] of Object.entries(args.associate ?? {})) new aws.wafv2.WebAclAssociation(`${name}-${key}`, { resourceArn, webAclArn: acl.arn }, child);
        this.webAclArn = acl.arn;
        this.logGroupName = logs.name;
        this.registerOutputs({ webAclArn: this.webAclArn, logGroupName: this.logGroupName });
    }
}
