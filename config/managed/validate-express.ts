// ECS Express Mode's rules: Fargate task sizes within what the Express API takes, one scaling metric,
// and a network its tasks can leave. Pure functions over the parsed config.
import { ConfigError, keyPath } from "../errors";
import { ParsedConfig, ServiceConfig } from "../schema";
import { validateFargateSize, validateVpcCidr } from "../ecs/validate";
import { validateManagedAudience, validateManagedCounts, validateManagedService } from "./validate";
import { EXPRESS_LIMITS, EXPRESS_METRICS, EXPRESS_TASKS } from "../facts/express";

export function validateExpressSize(service: string, cpu: number, memory: number): ConfigError[] {
    const at = (k: string) => keyPath("services", service, k);
    if (!(EXPRESS_LIMITS.cpu as ReadonlyArray<number>).includes(cpu)) return [{ path: at("cpu"), value: cpu, allowed: `one of ${EXPRESS_LIMITS.cpu.join(", ")} on Express Mode` }];
    if (memory > EXPRESS_LIMITS.maxMemory) return [{ path: at("memory"), value: memory, allowed: `at most ${EXPRESS_LIMITS.maxMemory} MiB on Express Mode` }];
    return validateFargateSize(service, cpu, memory);
}

function validateExpressService(name: string, svc: ServiceConfig): ConfigError[] {
    const errors = [...validateManagedService("ecs-express", name, svc), ...validateExpressSize(name, svc.cpu, svc.memory), ...validateManagedCounts(name, svc, { ...EXPRESS_TASKS, what: "tasks" })];
    const s = svc.scaling;
    const metrics = (Object.keys(EXPRESS_METRICS) as Array<keyof typeof EXPRESS_METRICS>).filter((m) => s?.[m] !== undefined);
    for (const m of metrics.slice(1)) {
        errors.push({ path: keyPath("services", name, "scaling", m), value: s![m], allowed: `nothing besides scaling.${metrics[0]}: Express Mode tracks one metric per service` });
    }
    for (const key of ["steps", "schedules"] as const) {
        if (s && s[key].length) {
            errors.push({
                path: keyPath("services", name, "scaling", key),
                value: s[key],
                allowed: `none on Express Mode: it scales with the one target-tracking policy it owns; ${key === "steps" ? "step" : "scheduled"} scaling needs ecs-fargate`,
            });
        }
    }
    return errors;
}

/** Tasks in private subnets reach ECR, CloudWatch Logs and Secrets Manager only through NAT. */
function validateExpressEgress(cfg: ParsedConfig): ConfigError[] {
    return cfg.express.subnets === "private" && cfg.network.nat === "none"
        ? [
              {
                  path: keyPath("network", "nat"),
                  value: "none",
                  allowed: "single, one-per-az or instance with berth:express.subnets private (the default): tasks in private subnets cannot pull images, ship logs or read secrets without NAT",
              },
          ]
        : [];
}

/** Every Express Mode rule over a config that has the right shape. */
export function validateExpress(cfg: ParsedConfig): ConfigError[] {
    return [...Object.entries(cfg.services).flatMap(([name, svc]) => validateExpressService(name, svc)), ...(cfg.express.subnets === "public" ? validateManagedAudience(cfg) : []), ...validateExpressEgress(cfg), ...validateVpcCidr(cfg)];
}
