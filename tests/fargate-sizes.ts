/**
 * Fargate task sizes as AWS documents them, written out here so that tests check berth's table
 * against the documentation, not against itself. Source: Amazon ECS developer guide, "Task CPU and
 * memory" (Fargate): 256 -> 512, 1024 or 2048 MiB; 512 -> 1-4 GB; 1024 -> 2-8 GB; 2048 -> 4-16 GB;
 * 4096 -> 8-30 GB, all in 1 GB steps; 8192 -> 16-60 GB in 4 GB steps; 16384 -> 32-120 GB in 8 GB steps.
 */
export const FARGATE_DOCS: ReadonlyArray<readonly [number, ReadonlyArray<number>]> = [
    [256, [512, 1024, 2048]],
    [512, [1024, 2048, 3072, 4096]],
    [1024, [2048, 3072, 4096, 5120, 6144, 7168, 8192]],
    [2048, Array.from({ length: 13 }, (_, i) => 4096 + 1024 * i)],
    [4096, Array.from({ length: 23 }, (_, i) => 8192 + 1024 * i)],
    [8192, Array.from({ length: 12 }, (_, i) => 16384 + 4096 * i)],
    [16384, Array.from({ length: 12 }, (_, i) => 32768 + 8192 * i)],
];

/** Every documented (cpu, memory) pair. */
export const FARGATE_PAIRS: ReadonlyArray<readonly [number, number]> = FARGATE_DOCS.flatMap(([cpu, memories]) => memories.map((m) => [cpu, m] as const));
