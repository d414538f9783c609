// App Runner's limits: instance sizes, instance counts and health-check bounds, read by validation
// and by the App Runner composition alike.

/**
 * The instance sizes App Runner offers, as cpu units -> memory (MiB):
 *
 * | vCPU | memory (GB)  |
 * |------|--------------|
 * | 0.25 | 0.5 or 1     |
 * | 0.5  | 1            |
 * | 1    | 2, 3 or 4    |
 * | 2    | 4 or 6       |
 * | 4    | 8, 10 or 12  |
 *
 * Sources: the App Runner API reference, InstanceConfiguration (cpu 256|512|1024|2048|4096, memory
 * 512|1024|2048|3072|4096|6144|8192|10240|12288), and the pairing in the AWS CDK App Runner module's
 * Memory docs ("0.5 GB (for 0.25 vCPU)", "1 GB (for 0.25 or 0.5 vCPU)", "2 GB (for 1 vCPU)", "3 GB (for
 * 1 vCPU)", "4 GB (for 1 or 2 vCPU)", "6 GB (for 2 vCPU)", "8/10/12 GB (for 4 vCPU)").
 */
export const APPRUNNER_SIZES: Readonly<Record<number, ReadonlyArray<number>>> = {
    256: [512, 1024],
    512: [1024],
    1024: [2048, 3072, 4096],
    2048: [4096, 6144],
    4096: [8192, 10240, 12288],
};

/** App Runner's auto scaling configuration: 1-25 instances (CreateAutoScalingConfiguration, MinSize and MaxSize). */
export const APPRUNNER_INSTANCES = { min: 1, max: 25 } as const;

/** App Runner's health check takes 1-20 (API reference, HealthCheckConfiguration); berth's schema allows more for the ALB. */
export const APPRUNNER_HEALTH_MAX = 20;
