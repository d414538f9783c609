// Fargate's task and pod sizes: what ECS on Fargate, Express Mode and EKS Fargate profiles accept.
// Validation checks services against them; the compositions and reports read the same tables.

/**
 * Fargate's valid cpu -> memory (MiB) combinations.
 * Source: AWS docs, "Amazon ECS task definition parameters for Fargate" (task size table).
 */
export const FARGATE_SIZES: ReadonlyArray<{ cpu: number; min: number; max: number; step: number; only?: number[] }> = [
    { cpu: 256, min: 512, max: 2048, step: 512, only: [512, 1024, 2048] },
    { cpu: 512, min: 1024, max: 4096, step: 1024 },
    { cpu: 1024, min: 2048, max: 8192, step: 1024 },
    { cpu: 2048, min: 4096, max: 16384, step: 1024 },
    { cpu: 4096, min: 8192, max: 30720, step: 1024 },
    { cpu: 8192, min: 16384, max: 61440, step: 4096 },
    { cpu: 16384, min: 32768, max: 122880, step: 8192 },
];

/** Fargate's largest pod: 4 vCPU and 30 GiB (EKS user guide, "Fargate Pod configuration"). */
export const FARGATE_POD_MAX = { cpu: 4096, memory: 30720 };
