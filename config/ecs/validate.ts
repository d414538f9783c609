// Cross-field rules for ECS capacity, scaling, load balancer kinds, EFS volumes and grants.
// Pure functions over parsed config; each returns every problem it finds.
import { ConfigError, keyPath } from "../errors";
import { LOAD_BALANCER_TYPES, ParsedConfig, ServiceConfig } from "../schema";
import { GrantConfig, ScalingConfig, StepPolicyConfig } from "./schema";
import { definedOnly, ENVIRONMENT_DEFAULTS } from "../spec";
import { validateEc2Capacity, validateEc2Stack } from "./validate-ec2";
import { FARGATE_SIZES } from "../facts/fargate";
import { fileSystemKind } from "../fsx";

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
        if (s.lower !== undefined && s.upper !== undefined && !(s.lower < s.upper)) {
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

export function validateScaling(service: string, scaling: ScalingConfig, lbType: string | undefined, desiredCount?: number, internal = false): ConfigError[] {
    const at = (...k: Array<string | number>) => keyPath("services", service, "scaling", ...k);
    const errors: ConfigError[] = [];
    if (scaling.max < scaling.min) errors.push({ path: at("max"), value: scaling.max, allowed: `at least min (${scaling.min})` });
    else if (desiredCount !== undefined && !(desiredCount >= scaling.min && desiredCount <= scaling.max)) {
        errors.push({ path: keyPath("services", service, "desiredCount"), value: desiredCount, allowed: `a count within scaling.min..max (${scaling.min}-${scaling.max}), or none: scaling starts at min` });
    }
    if (scaling.requests !== undefined && lbType !== "alb") {
        errors.push({
            path: at("requests"),
            value: scaling.requests,
            allowed: `request-count scaling (ALBRequestCountPerTarget) only on a public service behind the stack's ALB; this service is ${lbType ? `behind an ${lbType.toUpperCase()}` : internal ? "behind the internal ALB, whose request counts berth does not track yet" : "not public"}; scale on cpu or memory instead`,
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
    // Pulumi owns scaling.min and scaling.max, and sets them back on every `pulumi up`; schedules
    // may only narrow them. So a schedule stays inside them, and an update mid-window can only widen
    // the bounds to scaling.min..max until the next scheduled action, never break them.
    const envelope = `scaling.min..max (${scaling.min}-${scaling.max}): schedules narrow the bounds that pulumi up sets, and an update during a window puts those back`;
    scaling.schedules.forEach((s, i) => {
        if (s.min === undefined && s.max === undefined) errors.push({ path: at("schedules", i), value: s, allowed: "min, max or both" });
        if (s.min !== undefined && s.max !== undefined && !(s.max >= s.min)) errors.push({ path: at("schedules", i, "max"), value: s.max, allowed: `at least min (${s.min})` });
        for (const key of ["min", "max"] as const) {
            const v = s[key];
            if (v !== undefined && !(v >= scaling.min && v <= scaling.max)) errors.push({ path: at("schedules", i, key), value: v, allowed: `a count within ${envelope}` });
        }
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
        if (svc.port !== undefined && most !== undefined && !(most <= limit)) {
            errors.push({ path: svc.scaling ? at("scaling", "max") : at("desiredCount"), value: most, allowed: `at most ${limit} tasks (berth:anywhere.registrationLimit): each task on port ${svc.port} needs a host of its own` });
        }
    }
    if (svc.scaling) errors.push(...validateScaling(name, svc.scaling, lbType, svc.desiredCount, svc.internal !== undefined));
    errors.push(...validateVolumes(name, svc, cfg), ...validatePrivateLink(name, svc, cfg));
    if (svc.exec && svc.readonlyRootFilesystem) {
        errors.push({ path: at("exec"), value: true, allowed: 'false with readonlyRootFilesystem: the SSM agent ECS Exec runs in the container needs to write to its file system (ECS guide, "Monitor containers with ECS Exec")' });
    }
    svc.grants.forEach((g, i) => errors.push(...validateGrant(at("grants", i), g)));
    return errors;
}

/** PrivateLink publishes a private service with a port, through a load balancer inside the stack's VPC. */
export function validatePrivateLink(name: string, svc: ServiceConfig, cfg: Pick<ParsedConfig, "platform">): ConfigError[] {
    if (!svc.privateLink) return [];
    const at = (...k: string[]) => keyPath("services", name, ...k);
    const why = "a service published through PrivateLink";
    if (cfg.platform !== "ecs-fargate" && cfg.platform !== "ecs-ec2") return [{ path: at("privateLink"), value: svc.privateLink, allowed: `nothing on ${cfg.platform}: PrivateLink needs tasks in the stack's VPC (ecs-fargate or ecs-ec2)` }];
    if (svc.kind === "task") return [{ path: at("privateLink"), value: svc.privateLink, allowed: "nothing on a one-off task, which serves no traffic" }];
    const errors: ConfigError[] = [];
    if (svc.public) errors.push({ path: at("public"), value: true, allowed: `false for ${why}: it gets an internal load balancer of its own; PrivateLink consumers reach it without the internet` });
    if (svc.port === undefined) errors.push({ path: at("port"), value: undefined, allowed: `a container port (1-65535) for ${why}` });
    return errors;
}

const S3_VOLUME =
    "an EFS volume: S3 is not a file system, and ECS cannot mount a bucket. For files shared between tasks, define a file system under berth:storage.fileSystems and mount one of its volumes here; for the S3 API, add a grant instead (grants: [{ bucket: NAME, access: read }])";

/** Each volume names a file system and one of its volumes, once per mount path. */
export function validateVolumes(name: string, svc: Pick<ServiceConfig, "volumes">, cfg: Pick<ParsedConfig, "storage">): ConfigError[] {
    const at = (...k: Array<string | number>) => keyPath("services", name, "volumes", ...k);
    const errors: ConfigError[] = [];
    const paths = new Map<string, number>();
    svc.volumes.forEach((v, i) => {
        const other = paths.get(v.mountPath);
        if (other !== undefined) errors.push({ path: at(i, "mountPath"), value: v.mountPath, allowed: `a path not already mounted by volumes.${other}` });
        paths.set(v.mountPath, i);
        if (v.bucket !== undefined || /^(s3:\/\/|arn:aws[a-z-]*:s3:)/.test(String(v.fileSystem))) {
            errors.push({ path: at(i), value: v.bucket ?? v.fileSystem, allowed: S3_VOLUME });
            return;
        }
        const kind = fileSystemKind(cfg.storage, v.fileSystem);
        if (kind === undefined) {
            const efs = Object.keys(cfg.storage.fileSystems);
            const fsx = [...Object.keys(cfg.storage.lustre), ...Object.keys(cfg.storage.ontap)];
            const known = [...efs, ...fsx].join(", ");
            const allowed = fsx.length
                ? `a file system under berth:storage (fileSystems, lustre or ontap): ${known}`
                : efs.length
                  ? `a file system under berth:storage.fileSystems: ${known}`
                  : "a file system defined under berth:storage.fileSystems (none is)";
            errors.push({ path: at(i, "fileSystem"), value: v.fileSystem, allowed });
        } else if (kind === "lustre") {
            // A Lustre file system has no volumes of its own: it is mounted whole.
            if (v.volume !== undefined) errors.push({ path: at(i, "volume"), value: v.volume, allowed: `no volume: Lustre file system ${v.fileSystem} is mounted whole` });
        } else {
            const volumes = kind === "efs" ? cfg.storage.fileSystems[v.fileSystem!].volumes : cfg.storage.ontap[v.fileSystem!].volumes;
            if (v.volume === undefined || !Object.hasOwn(volumes, v.volume)) errors.push({ path: at(i, "volume"), value: v.volume, allowed: `a volume of file system ${v.fileSystem}: ${Object.keys(volumes).join(", ") || "it has none"}` });
        }
    });
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
        errors.push({
            path: keyPath("network", "nat"),
            value: "none",
            allowed: `single, one-per-az or instance (a NAT instance, cheapest for dev) on ${cfg.platform}: with none, tasks in private subnets cannot pull images, ship logs or read secrets`,
        });
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
        ? [
              {
                  path: keyPath("network", "cidr"),
                  value: cfg.network.cidr,
                  allowed: `a ${azs === 3 ? "/16 block with 3 AZs" : "/16 or /17 block with 2 AZs"} (AWS VPCs are /16 at most; each AZ needs a /18 for its /24 public and /19 private subnets)`,
              },
          ]
        : [];
}

/** Capacity providers with weight 0 everywhere can place nothing; ECS rejects the strategy. */
export function validateFargateCapacity(fargate: ParsedConfig["fargate"], environment: ParsedConfig["environment"]): ConfigError[] {
    const { onDemandWeight, spotWeight } = { ...ENVIRONMENT_DEFAULTS[environment].fargate, ...definedOnly(fargate) };
    return onDemandWeight === 0 && spotWeight === 0 ? [{ path: keyPath("fargate", "onDemandWeight"), value: 0, allowed: "a weight above 0 here or in spotWeight, so tasks can be placed" }] : [];
}

/** Stack-wide ECS rules. */
export function validateEcsStack(cfg: ParsedConfig): ConfigError[] {
    return [
        ...validateLoadBalancerType(keyPath("loadBalancer", "type"), cfg.loadBalancer.type),
        ...validateNlbPorts(cfg),
        ...validateEgress(cfg),
        ...(cfg.platform === "ecs-ec2" ? validateEc2Stack(cfg) : validateEc2Capacity(cfg.ec2)),
        ...validateFargateCapacity(cfg.fargate, cfg.environment),
    ];
}

function describeMemory(size: (typeof FARGATE_SIZES)[number]): string {
    return size.only ? size.only.join(", ") : `${size.min}-${size.max} in steps of ${size.step}`;
}

/** Fargate accepts only fixed cpu/memory pairs; anything else fails at deploy time. */
export function validateFargateSize(service: string, cpu: number, memory: number): ConfigError[] {
    const size = FARGATE_SIZES.find((s) => s.cpu === cpu);
    if (!size) {
        return [{ path: keyPath("services", service, "cpu"), value: cpu, allowed: `one of ${FARGATE_SIZES.map((s) => s.cpu).join(", ")} on Fargate` }];
    }
    // Every row's min is a multiple of its step: the steps from min are the multiples of step.
    const ok = size.only ? size.only.includes(memory) : memory >= size.min && memory <= size.max && memory % size.step === 0;
    return ok ? [] : [{ path: keyPath("services", service, "memory"), value: memory, allowed: `${describeMemory(size)} MiB with cpu ${cpu} on Fargate` }];
}
