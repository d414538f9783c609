// EC2 instance types as berth reads them: architecture, size and network interfaces, from the EC2
// instance type tables. ECS on EC2 and EKS node groups both use them.

/** Graviton families carry a "g" after the generation digit (t4g, m7g, c8gd) or are a1. */
export function isGravitonType(instanceType: string): boolean {
    return /^(a1|[a-z]+\d+g[a-z]*)\./.test(instanceType);
}

const GIB_PER_VCPU: Record<string, number> = { m: 4, c: 2, r: 8 };
const T_SIZES: Record<string, [number, number]> = { nano: [2, 0.5], micro: [2, 1], small: [2, 2], medium: [2, 4], large: [2, 8], xlarge: [4, 16], "2xlarge": [8, 32] };

/**
 * vCPUs and GiB of memory for the t, m, c and r families whose only suffixes are a (AMD), d (local
 * disk), g (Graviton) or i (Intel), from the EC2 instance type tables; undefined for anything else
 * (c5n, m5zn, ...), which is then not checked.
 */
export function instanceSize(instanceType: string): { vcpu: number; memoryGiB: number } | undefined {
    const m = /^([tmcr])\d+[adgi]*\.(\w+)$/.exec(instanceType);
    if (!m) return undefined;
    const [, family, size] = m;
    if (family === "t") return T_SIZES[size] && { vcpu: T_SIZES[size][0], memoryGiB: T_SIZES[size][1] };
    const n = size === "large" ? 0.5 : size === "xlarge" ? 1 : Number(/^(\d+)xlarge$/.exec(size)?.[1]);
    return n > 0 ? { vcpu: 4 * n, memoryGiB: 4 * n * GIB_PER_VCPU[family] } : undefined;
}

/**
 * Network interfaces per instance, by size, for the t, m, c and r families berth sizes (instanceSize):
 * the EC2 user guide's table "Maximum number of network interfaces" per instance type.
 */
const ENIS_BY_SIZE: Record<string, number> = { nano: 2, micro: 2, small: 3, medium: 3, large: 3, xlarge: 4, "2xlarge": 4, "4xlarge": 8, "8xlarge": 8, "9xlarge": 8, "12xlarge": 8, "16xlarge": 15, "18xlarge": 15, "24xlarge": 15 };

/** The instance type's network interfaces, or undefined where berth does not know them. */
export function networkInterfaces(instanceType: string): number | undefined {
    if (!instanceSize(instanceType)) return undefined;
    return ENIS_BY_SIZE[instanceType.split(".")[1]];
}
