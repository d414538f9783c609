// The usage the cost estimate assumes where a price depends on traffic or volume. Each default is
// a small, quiet stack's month, so that the estimate's usage part is a floor to scale, not a guess
// at a busy one; `berth:usage` (config/usage-schema.ts) replaces any of them per stack.
import type { UsageOverrides } from "../config/usage-schema";

export interface Usage {
    /** Per load balancer: one request a second is a quiet service (2.6 million requests a month). */
    readonly requestsPerSecond: number;
    /** Per load balancer, GB a month. */
    readonly lbGbPerMonth: number;
    /** The whole stack's NAT gateway traffic, GB a month: image pulls and API calls from private subnets. */
    readonly natGbPerMonth: number;
    /** The whole stack's traffic out to the internet, GB a month. */
    readonly internetOutGbPerMonth: number;
    /**
     * An autoscaled service's average task count. "min", the default: a scaled service idles at its
     * minimum and scales out only under load, which is the usage part's to price.
     */
    readonly scaledTasks: "min" | "midpoint";
    readonly logGbPerGroupMonth: number;
    readonly queueMessagesPerMonth: number;
    readonly eventsPerMonth: number;
    readonly ecrGbPerRepository: number;
    readonly efsGbPerFileSystem: number;
    readonly s3GbPerBucket: number;
    readonly dynamoGbPerTable: number;
    readonly dynamoReadsPerMonth: number;
    readonly dynamoWritesPerMonth: number;
    /** App Runner bills vCPU only while a service serves requests: 8 hours a day. */
    readonly appRunnerActiveHoursPerMonth: number;
    /** Karpenter adds nodes only for pods nothing else fits, and removes them when empty: one on average. */
    readonly karpenterNodes: number;
}

export const DEFAULT_USAGE: Usage = {
    requestsPerSecond: 1,
    lbGbPerMonth: 10,
    natGbPerMonth: 10,
    internetOutGbPerMonth: 10,
    scaledTasks: "min",
    logGbPerGroupMonth: 1,
    queueMessagesPerMonth: 100_000,
    eventsPerMonth: 10_000,
    ecrGbPerRepository: 1,
    efsGbPerFileSystem: 10,
    s3GbPerBucket: 10,
    dynamoGbPerTable: 1,
    dynamoReadsPerMonth: 1_000_000,
    dynamoWritesPerMonth: 1_000_000,
    appRunnerActiveHoursPerMonth: 240,
    karpenterNodes: 1,
};

/** The defaults with what the stack's `berth:usage` writes (already validated) laid over them. */
export function usageOf(overrides: Partial<UsageOverrides> | undefined): Usage {
    const written = Object.fromEntries(Object.entries(overrides ?? {}).filter(([, v]) => v !== undefined));
    return { ...DEFAULT_USAGE, ...written };
}
