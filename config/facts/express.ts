// ECS Express Mode's limits and the scaling metrics its API names: read by validation and by the
// Express composition alike.

/**
 * Express Mode takes cpu "powers of 2 between 256 and 4096" and memory "between 512 and 8192" MiB
 * (@pulumi/aws 7.48.0, ecs/expressGatewayService.d.ts), and runs the tasks on Fargate, whose cpu/memory
 * pairs apply as well.
 */
export const EXPRESS_LIMITS = { cpu: [256, 512, 1024, 2048, 4096], maxMemory: 8192 } as const;

/** Express Mode scales on one target-tracking metric (ExpressGatewayScalingTarget.autoScalingMetric). */
export const EXPRESS_METRICS = { cpu: "AVERAGE_CPU", memory: "AVERAGE_MEMORY", requests: "REQUEST_COUNT_PER_TARGET" } as const;

/** Tasks per service: at least one, since a web service with none is down; at most ECS's desiredCount limit in berth's schema. */
export const EXPRESS_TASKS = { min: 1, max: 1000 } as const;
