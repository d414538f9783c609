// `berth:usage`: the traffic and volumes the cost estimate assumes (cost/usage.ts has the defaults
// and says why each is what it is). Only what a stack writes here replaces a default.
import { z } from "zod";

const amount = z.number().min(0);

export const usageSchema = z.strictObject({
    /** Requests per second each load balancer serves, on average. @default 1 */
    requestsPerSecond: amount.optional(),
    /** GB a month each load balancer processes. @default 10 */
    lbGbPerMonth: amount.optional(),
    /** GB a month through the stack's NAT gateways, all of them together. @default 10 */
    natGbPerMonth: amount.optional(),
    /** GB a month out to the internet, the whole stack. @default 10 */
    internetOutGbPerMonth: amount.optional(),
    /** Tasks an autoscaled service runs on average: its scaling minimum, or the midpoint of minimum and maximum. @default "min" */
    scaledTasks: z.enum(["min", "midpoint"]).optional(),
    /** GB of logs each log group takes in a month. @default 1 */
    logGbPerGroupMonth: amount.optional(),
    /** Messages a month through each queue (each costs a send, a receive and a delete). @default 100000 */
    queueMessagesPerMonth: amount.optional(),
    /** Publishes a month to each topic, and custom events or schedule invocations a month per rule or schedule. @default 10000 */
    eventsPerMonth: amount.optional(),
    /** GB each image repository stores. @default 1 */
    ecrGbPerRepository: amount.optional(),
    /** GB each EFS file system stores (Standard). @default 10 */
    efsGbPerFileSystem: amount.optional(),
    /** GB each S3 bucket stores. @default 10 */
    s3GbPerBucket: amount.optional(),
    /** GB each DynamoDB table stores, and read and write request units a month. @default 1 GB, 1,000,000 reads, 1,000,000 writes */
    dynamoGbPerTable: amount.optional(),
    dynamoReadsPerMonth: amount.optional(),
    dynamoWritesPerMonth: amount.optional(),
    /** Hours a month each App Runner service is active (serving requests). @default 240 (8 hours a day) */
    appRunnerActiveHoursPerMonth: amount.max(744).optional(),
    /** Nodes each Karpenter NodePool runs on average, up to its limits. @default 1 */
    karpenterNodes: amount.optional(),
});

export type UsageOverrides = z.output<typeof usageSchema>;
