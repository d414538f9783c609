// The ALBs' edge, shared by the ECS and EKS compositions: the access-log bucket both ALBs write to,
// and the WAF web ACL in front of the public one (config/load-balancer.ts resolves the defaults).
import * as pulumi from "@pulumi/pulumi";
import { SecureBucket } from "../components/storage/SecureBucket";
import { WebAcl } from "../components/loadbalancer/WebAcl";
import { elbLogWriter } from "../config/facts/elb";
import { accessLogsOf, wafOf } from "../config/load-balancer";
import { BerthSpec } from "../config/spec";
import { Foundation } from "./shared";

/** Where an ALB writes its access logs, and what must exist before it may (the bucket policy). */
export interface AccessLogTarget {
    readonly bucket: pulumi.Input<string>;
    readonly prefix?: string;
    readonly after?: pulumi.Resource;
}

/**
 * The stack's access-log target: the bucket the user names, or one berth creates (`lb-logs`), whose
 * policy lets the region's ELB writer put objects under PREFIX/AWSLogs/ACCOUNT/ only (ELB guide,
 * "Enable access logs for your Application Load Balancer", step 2; config/facts/elb.ts). SecureBucket
 * encrypts with SSE-S3, the only encryption ELB access logs support (same guide, step 1).
 */
export function accessLogTarget(spec: BerthSpec, base: Pick<Foundation, "region" | "account">): AccessLogTarget | undefined {
    const logs = accessLogsOf(spec);
    if (!logs) return undefined;
    if (!logs.create) return { bucket: logs.bucket, prefix: logs.prefix };
    const keys = logs.prefix ? `${logs.prefix}/AWSLogs` : "AWSLogs";
    const writers = pulumi.all([base.region, base.account]).apply(([region, account]) => [{ sid: "ElbAccessLogs", principal: elbLogWriter(region), keyPattern: `${keys}/${account}/*` }]);
    const bucket = new SecureBucket("lb-logs", { encryption: "AES256", writers, expirationDays: logs.expirationDays, protect: spec.protect, tags: spec.tags });
    return { bucket: bucket.bucketName, prefix: logs.prefix, after: bucket.policy };
}

/** The log group WAF writes to: WAF requires the `aws-waf-logs-` prefix; the rest names the stack. */
export const wafLogGroupName = (spec: Pick<BerthSpec, "project" | "stack">) => `aws-waf-logs-${spec.project}-${spec.stack}`;

/** The public ALB's web ACL (`waf`), associated with `albArn` when given (ECS); on EKS the controller associates it. */
export function webAclFor(spec: BerthSpec, albArn?: pulumi.Input<string>): WebAcl | undefined {
    const waf = wafOf(spec);
    if (!waf) return undefined;
    return new WebAcl("waf", {
        rateLimit: waf.rateLimit,
        logGroupName: wafLogGroupName(spec),
        logRetentionDays: spec.logs.retentionDays,
        associate: albArn ? { alb: albArn } : {},
        tags: spec.tags,
    });
}

/**
 * The EKS counterpart: the same bucket and web ACL, handed to the Ingress annotations resolved, and
 * what the Ingresses wait for (the bucket policy: the controller sets the ALB's log attribute, which
 * ELB checks against it).
 */
export function eksEdge(spec: BerthSpec, base: Pick<Foundation, "region" | "account">): { edge: { accessLogs?: pulumi.Output<{ bucket: string; prefix?: string }>; webAclArn?: pulumi.Output<string> }; waits: pulumi.Resource[] } {
    const routed = Object.values(spec.services).some((s) => s.loadBalancer === "alb" || s.internal);
    const logs = routed ? accessLogTarget(spec, base) : undefined;
    const acl = Object.values(spec.services).some((s) => s.loadBalancer === "alb") ? webAclFor(spec) : undefined;
    return {
        edge: { accessLogs: logs && pulumi.output(logs.bucket).apply((bucket) => ({ bucket, prefix: logs.prefix })), webAclArn: acl?.webAclArn },
        waits: logs?.after ? [logs.after] : [],
    };
}
