// Cross-field rules for ECS capacity, scaling, load balancer kinds, EFS volumes and grants.
// Pure functions over parsed config; each returns every problem it finds.
import { ConfigError, keyPath } from "./errors";
import { LOAD_BALANCER_TYPES, ParsedConfig, ServiceConfig } from "./schema";
import { GrantConfig, ScalingConfig, StepPolicyConfig } from "./schema-ecs";
import { ENVIRONMENT_DEFAULTS } from "./spec";

const CLASSIC = ["classic", "clb", "elb"];

/**
 * alb or nlb. A Classic Load Balancer is refused on purpose: Fargate tasks cannot register with it
 * (awsvpc needs IP targets), and it has none of the newer features (path routing, TLS 1.3, SGs on NLB).
 */
export function validateLoadBalancerType(path: string, value: string): ConfigError[] {
    if ((LOAD_BALANCER_TYPES as ReadonlyArray<string>).includes(value)) return [];
    const why = CLASSIC.includes(value.toLowerCase())
        ? "alb or nlb: a Classic Load Balancer cannot target Fargate or awsvpc tasks (no IP targets) and lacks the advanced features (path routing, modern TLS policies), so berth does not build one"
        : `one of ${LOAD_BALANCER_TYPES.join(", ")}`;
    return [{ path, value, allowed: why }];
}

/**
 * Application Auto Scaling rejects step adjustments that overlap or leave a gap, and at most one
 * step may be open below and one open above. Bounds are relative to the alarm threshold.
 */
export function validateStepBounds(path: string, steps: StepPolicyConfig["steps"]): ConfigError[] {
    const errors: ConfigError[] = [];
    steps.forEach((s, i) => {
        if (s.lower !== undefined && s.upper !== undefined && s.lower >= s.upper) {
            errors.push({ path: `${path}.${i}.upper`, value: s.upper, allowed: `a bound above lower (${s.lower})` });
        }
    });
    const sorted = steps.map((s, i) => ({ ...s, i })).sort((a, b) => (a.lower ?? -Infinity) - (b.lower ?? -Infinity));
    for (let k = 1; k < sorted.length; k++) {
        const prev = sorted[k - 1];
        const cur = sorted[k];
        const prevUpper = prev.upper ?? Infinity;
        const curLower = cur.lower ?? -Infinity;
        if (curLower < prevUpper) {
            errors.push({ path: `${path}.${cur.i}.lower`, value: cur.lower ?? null, allowed: `a range that does not overlap step ${prev.i} ([${prev.lower ?? "-inf"}, ${prev.upper ?? "inf"}))` });
        } else if (curLower > prevUpper) {
            errors.push({ path: `${path}.${cur.i}.lower`, value: cur.lower, allowed: `${prevUpper}, where step ${prev.i} ends (steps may not leave a gap)` });
        }
    }
    return errors;
}

export function validateScaling(service: string, scaling: ScalingConfig, lbType: string | undefined, desiredCount?: number): ConfigError[] {
    const at = (...k: Array<string | number>) => keyPath("services", service, "scaling", ...k);
    const errors: ConfigError[] = [];
    if (scaling.max < scaling.min) errors.push({ path: at("max"), value: scaling.max, allowed: `at least min (${scaling.min})` });
    else if (desiredCount !== undefined && (desiredCount < scaling.min || desiredCount > scaling.max)) {
        errors.push({ path: keyPath("services", service, "desiredCount"), value: desiredCount, allowed: `a count within scaling.min..max (${scaling.min}-${scaling.max}), or none: scaling starts at min` });
    }
    if (scaling.requests !== undefined && lbType !== "alb") {
        errors.push({
            path: at("requests"),
            value: scaling.requests,
            allowed: `request-count scaling (ALBRequestCountPerTarget) only on a public service behind an ALB; this service is ${lbType ? `behind an ${lbType.toUpperCase()}` : "not public"}; scale on cpu or memory instead`,
        });
    }
    scaling.steps.forEach((p, i) => errors.push(...validateStepBounds(at("steps", i, "steps"), p.steps)));
    const known = lbType === "alb" ? ["$cluster", "$service", "$loadBalancer", "$targetGroup"] : ["$cluster", "$service"];
    scaling.steps.forEach((p, i) =>
        Object.entries(p.metric.dimensions).forEach(([dim, value]) => {
            if (value.startsWith("$") && !known.includes(value)) {
                errors.push({ path: at("steps", i, "metric", "dimensions", dim), value, allowed: `a literal value or one of ${known.join(", ")}${lbType === "alb" ? "" : " ($loadBalancer and $targetGroup need a service behind the ALB)"}` });
            }
        }),
    );
    // Step policies are named after the service like the target-tracking ones, so the names must not collide.
    const stepNames = new Set<string>(["cpu", "memory", "requests", "target"]);
    scaling.steps.forEach((p, i) => {
        if (stepNames.has(p.name)) errors.push({ path: at("steps", i, "name"), value: p.name, allowed: "a name not used by another step policy and not cpu, memory, requests or target" });
        stepNames.add(p.name);
    });
    const names = new Set<string>();
    scaling.schedules.forEach((s, i) => {
        if (s.min === undefined && s.max === undefined) errors.push({ path: at("schedules", i), value: s, allowed: "min, max or both" });
        if (s.min !== undefined && s.max !== undefined && s.max < s.min) errors.push({ path: at("schedules", i, "max"), value: s.max, allowed: `at least min (${s.min})` });
        if (names.has(s.name)) errors.push({ path: at("schedules", i, "name"), value: s.name, allowed: "a name not used by another schedule of this service" });
        names.add(s.name);
    });
    return errors;
}

export function validateGrant(path: string, g: GrantConfig): ConfigError[] {
    const targets = (["bucket", "table", "queue"] as const).filter((k) => g[k] !== undefined);
    if (targets.length !== 1) return [{ path, value: g, allowed: "exactly one of bucket, table or queue" }];
    const allowed = targets[0] === "queue" ? ["consume", "send"] : ["read", "write", "readwrite"];
    const errors: ConfigError[] = [];
    if (!allowed.includes(g.access)) errors.push({ path: `${path}.access`, value: g.access, allowed: `for a ${targets[0]}: one of ${allowed.join(", ")}` });
    if (g.prefix !== undefined && targets[0] !== "bucket") errors.push({ path: `${path}.prefix`, value: g.prefix, allowed: "prefix only with bucket" });
    return errors;
}

/** Rules for one ECS service that depend on the platform, the stack's load balancer and storage. */
export function validateEcsService(name: string, svc: ServiceConfig, cfg: ParsedConfig): ConfigError[] {
    const at = (...k: Array<string | number>) => keyPath("services", name, ...k);
    const errors: ConfigError[] = [];
    const external = cfg.platform === "ecs-anywhere";
    if (svc.loadBalancer !== undefined) errors.push(...validateLoadBalancerType(at("loadBalancer"), svc.loadBalancer));
    const lbType = svc.public ? (svc.loadBalancer ?? cfg.loadBalancer.type) : undefined;

    if (svc.kind === "task") {
        for (const key of ["public", "scaling", "desiredCount", "loadBalancer", "listenerPort", "priority"] as const) {
            if (svc[key] !== undefined && svc[key] !== false) errors.push({ path: at(key), value: svc[key], allowed: `nothing: a task (kind: task) runs on demand and has no ${key}` });
        }
    }
    if (external) {
        if (svc.public || svc.loadBalancer !== undefined) {
            errors.push({ path: at(svc.public ? "public" : "loadBalancer"), value: svc.public ? svc.public : svc.loadBalancer, allowed: "no load balancer: ECS Anywhere (launch type EXTERNAL) has no load balancer integration" });
        }
        if (svc.volumes.length) errors.push({ path: at("volumes"), value: svc.volumes, allowed: "no EFS volumes: ECS Anywhere tasks cannot mount EFS through ECS" });
        // A task on a fixed host port needs a host of its own, and at most registrationLimit hosts can join.
        const limit = cfg.anywhere.registrationLimit;
        const most = svc.scaling?.max ?? svc.desiredCount;
        if (svc.port !== undefined && most !== undefined && most > limit) {
            errors.push({ path: at(svc.scaling ? "scaling" : "desiredCount"), value: most, allowed: `at most ${limit} tasks (berth:anywhere.registrationLimit): each task on port ${svc.port} needs a host of its own` });
        }
    }
    if (svc.scaling) errors.push(...validateScaling(name, svc.scaling, lbType, svc.desiredCount));
    svc.volumes.forEach((v, i) => {
        const fs = Object.hasOwn(cfg.storage.fileSystems, v.fileSystem) ? cfg.storage.fileSystems[v.fileSystem] : undefined;
        if (!fs) {
            const known = Object.keys(cfg.storage.fileSystems);
            errors.push({ path: at("volumes", i, "fileSystem"), value: v.fileSystem, allowed: known.length ? `a file system under berth:storage.fileSystems: ${known.join(", ")}` : "a file system defined under berth:storage.fileSystems (none is)" });
        } else if (!Object.hasOwn(fs.volumes, v.volume)) {
            errors.push({ path: at("volumes", i, "volume"), value: v.volume, allowed: `a volume of file system ${v.fileSystem}: ${Object.keys(fs.volumes).join(", ")}` });
        }
    });
    svc.grants.forEach((g, i) => errors.push(...validateGrant(at("grants", i), g)));
    return errors;
}

/** NLB listeners are per port, so two services cannot share one. */
export function validateNlbPorts(cfg: ParsedConfig): ConfigError[] {
    const seen = new Map<number, string>();
    const errors: ConfigError[] = [];
    for (const [name, svc] of Object.entries(cfg.services)) {
        // A public service without a port already has its own error.
        if (!svc.public || svc.port === undefined || (svc.loadBalancer ?? cfg.loadBalancer.type) !== "nlb") continue;
        const port = svc.listenerPort ?? (cfg.loadBalancer.certificateArn ? 443 : svc.port);
        const other = seen.get(port);
        if (other) errors.push({ path: keyPath("services", name, "listenerPort"), value: port, allowed: `a port not already used by service ${other} on the NLB` });
        seen.set(port, name);
    }
    return errors;
}

/**
 * Tasks and instances in private subnets reach ECR, CloudWatch Logs and Secrets Manager through NAT.
 * Without it they never start, and the circuit breaker only rolls back to tasks that cannot start either.
 */
export function validateEgress(cfg: ParsedConfig): ConfigError[] {
    const inVpc = cfg.platform === "ecs-fargate" || cfg.platform === "ecs-ec2";
    const errors: ConfigError[] = [];
    if (inVpc && cfg.network.nat === "none") {
        errors.push({ path: keyPath("network", "nat"), value: "none", allowed: `single or one-per-az on ${cfg.platform}: with none, tasks in private subnets cannot pull images, ship logs or read secrets` });
    }
    return inVpc ? [...errors, ...validateVpcCidr(cfg)] : errors;
}

/**
 * awsx's "Auto" layout gives each AZ an equal, power-of-two share of the VPC, and berth's /24 public
 * plus /19 private subnets need a /18 each: a /17 holds two AZs, three need a /16. AWS VPCs are /16-/28.
 */
export function validateVpcCidr(cfg: Pick<ParsedConfig, "network" | "environment">): ConfigError[] {
    const prefix = Number(cfg.network.cidr.split("/")[1]);
    const azs = cfg.network.azs ?? ENVIRONMENT_DEFAULTS[cfg.environment].azs;
    const widest = azs === 3 ? 16 : 17;
    return prefix < 16 || prefix > widest
        ? [{ path: keyPath("network", "cidr"), value: cfg.network.cidr, allowed: `a ${azs === 3 ? "/16 block with 3 AZs" : "/16 or /17 block with 2 AZs"} (AWS VPCs are /16 at most; each AZ needs a /18 for its /24 public and /19 private subnets)` }]
        : [];
}

/** Graviton families carry a "g" after the generation digit (t4g, m7g, c8gd) or are a1. */
export function isGravitonType(instanceType: string): boolean {
    return /^(a1|[a-z]+\d+g[a-z]*)\./.test(instanceType);
}

/** The EC2 group: a non-empty size range, and instance types that can boot the chosen AMI architecture. */
export function validateEc2Capacity(ec2: ParsedConfig["ec2"]): ConfigError[] {
    const errors: ConfigError[] = [];
    if (ec2.minSize !== undefined && ec2.maxSize < ec2.minSize) errors.push({ path: keyPath("ec2", "maxSize"), value: ec2.maxSize, allowed: `at least minSize (${ec2.minSize})` });
    const arm = ec2.architecture === "arm64";
    ec2.instanceTypes.forEach((t, i) => {
        if (isGravitonType(t) !== arm) {
            errors.push({ path: keyPath("ec2", "instanceTypes", i), value: t, allowed: arm ? "a Graviton (arm64) type such as t4g.medium, to match architecture arm64" : "an x86_64 type such as t3.medium, or set architecture: arm64" });
        }
    });
    return errors;
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
 * A task larger than every instance type can never be placed, and managed scaling cannot help.
 * Only certain cases are refused: the nominal size, although the agent and OS keep a little of it.
 */
export function validateTaskFits(cfg: ParsedConfig): ConfigError[] {
    const sizes = cfg.ec2.instanceTypes.map(instanceSize);
    if (cfg.platform !== "ecs-ec2" || sizes.some((x) => x === undefined)) return [];
    const cpu = Math.max(...sizes.map((x) => x!.vcpu * 1024));
    const memory = Math.max(...sizes.map((x) => x!.memoryGiB * 1024));
    const types = cfg.ec2.instanceTypes.join(", ");
    return Object.entries(cfg.services).flatMap(([name, svc]) => [
        ...(svc.cpu > cpu ? [{ path: keyPath("services", name, "cpu"), value: svc.cpu, allowed: `at most ${cpu}, the largest of berth:ec2.instanceTypes (${types})` }] : []),
        ...(svc.memory > memory ? [{ path: keyPath("services", name, "memory"), value: svc.memory, allowed: `less than ${memory} MiB, the memory of the largest of berth:ec2.instanceTypes (${types})` }] : []),
        ...(svc.build && (svc.build.platform === "linux/arm64") !== (cfg.ec2.architecture === "arm64")
            ? [{ path: keyPath("services", name, "build", "platform"), value: svc.build.platform, allowed: `${cfg.ec2.architecture === "arm64" ? "linux/arm64" : "linux/amd64"}, to match berth:ec2.architecture` }]
            : []),
    ]);
}

/** Capacity providers with weight 0 everywhere can place nothing; ECS rejects the strategy. */
export function validateFargateCapacity(fargate: ParsedConfig["fargate"], environment: ParsedConfig["environment"]): ConfigError[] {
    const defaults = ENVIRONMENT_DEFAULTS[environment].fargate;
    const onDemandWeight = fargate.onDemandWeight ?? defaults.onDemandWeight;
    const spotWeight = fargate.spotWeight ?? defaults.spotWeight;
    return onDemandWeight === 0 && spotWeight === 0
        ? [{ path: keyPath("fargate", "onDemandWeight"), value: 0, allowed: "a weight above 0 here or in spotWeight, so tasks can be placed" }]
        : [];
}

/** Stack-wide ECS rules. */
export function validateEcsStack(cfg: ParsedConfig): ConfigError[] {
    return [
        ...validateLoadBalancerType(keyPath("loadBalancer", "type"), cfg.loadBalancer.type),
        ...validateNlbPorts(cfg),
        ...validateEgress(cfg),
        ...validateEc2Capacity(cfg.ec2),
        ...validateTaskFits(cfg),
        ...validateFargateCapacity(cfg.fargate, cfg.environment),
    ];
}
