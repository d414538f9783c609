// App Runner's rules: its instance sizes, where it can pull images from, its scaling limits and its
// reserved names. Pure functions over the parsed config, like every validator.
import { imageRepositoryType } from "../images";
import { ConfigError, keyPath } from "../errors";
import { ParsedConfig, ServiceConfig } from "../schema";
import { validateManagedAudience, validateManagedCounts, validateManagedService } from "./validate";
import { validateVpcCidr } from "../ecs/validate";
import { APPRUNNER_INSTANCES, APPRUNNER_SIZES } from "../facts/apprunner";

export function validateAppRunnerSize(service: string, cpu: number, memory: number): ConfigError[] {
    const sizes = APPRUNNER_SIZES[cpu];
    if (!sizes) return [{ path: keyPath("services", service, "cpu"), value: cpu, allowed: `one of ${Object.keys(APPRUNNER_SIZES).join(", ")} on App Runner (0.25, 0.5, 1, 2 or 4 vCPU)` }];
    return sizes.includes(memory) ? [] : [{ path: keyPath("services", service, "memory"), value: memory, allowed: `${sizes.join(" or ")} MiB with cpu ${cpu} on App Runner` }];
}

function validateAppRunnerService(name: string, svc: ServiceConfig): ConfigError[] {
    const path = (...k: string[]) => keyPath("services", name, ...k);
    const errors = [
        ...validateManagedService("apprunner", name, svc),
        ...validateAppRunnerSize(name, svc.cpu, svc.memory),
        ...validateManagedCounts(name, svc, { ...APPRUNNER_INSTANCES, what: "instances (App Runner's auto scaling limits)" }),
    ];
    if (svc.image && !imageRepositoryType(svc.image)) {
        errors.push({
            path: path("image"),
            value: svc.image,
            allowed: "an Amazon ECR image (ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG or @sha256:DIGEST) or an ECR Public one (public.ecr.aws/...): App Runner pulls from no other registry",
        });
    }
    for (const key of Object.keys(svc.environment).filter((k) => k.startsWith("AWSAPPRUNNER"))) {
        errors.push({ path: path("environment", key), value: key, allowed: "a name not starting with AWSAPPRUNNER, which App Runner reserves" });
    }
    return errors;
}

/** App Runner's VPC connector sends all of a service's outbound traffic into the VPC; without NAT it reaches nothing outside. */
function validateAppRunnerEgress(cfg: ParsedConfig): ConfigError[] {
    return cfg.network.nat === "none"
        ? [
              {
                  path: keyPath("network", "nat"),
                  value: "none",
                  allowed: "single or one-per-az on apprunner: the VPC connector routes every outbound request through the private subnets, so without NAT a service reaches neither the internet nor AWS APIs",
              },
          ]
        : [];
}

/** Two services cannot claim one custom domain. */
function validateDomains(cfg: ParsedConfig): ConfigError[] {
    const seen = new Map<string, string>();
    const errors: ConfigError[] = [];
    for (const [name, svc] of Object.entries(cfg.services)) {
        const domain = svc.apprunner?.domain;
        if (!domain) continue;
        const other = seen.get(domain);
        if (other) errors.push({ path: keyPath("services", name, "apprunner", "domain"), value: domain, allowed: `a domain not already associated with service ${other}` });
        seen.set(domain, name);
    }
    return errors;
}

/**
 * AWS closed App Runner to new customers on 30 April 2026 (App Runner developer guide, "AWS App Runner
 * availability change"): a new account's plan would pass and its `pulumi up` fail. So the config must
 * say that the account already uses App Runner; everyone else is sent to Express Mode.
 */
export function validateAppRunnerCustomer(cfg: Pick<ParsedConfig, "apprunner">): ConfigError[] {
    return cfg.apprunner.existingCustomer === true
        ? []
        : [
              {
                  path: keyPath("apprunner", "existingCustomer"),
                  value: cfg.apprunner.existingCustomer,
                  allowed:
                      "true, stating that this AWS account already uses App Runner: AWS has accepted no new App Runner customers since 30 April 2026. A new account: set berth:platform: ecs-express, which runs the same services on Amazon ECS Express Mode (example stack: Pulumi.ecs-express.yaml)",
              },
          ];
}

/**
 * The Route 53 records berth writes for a custom domain: a CNAME to the service, which DNS allows
 * nowhere but below a zone's apex. At the apex App Runner needs an ALIAS record (App Runner developer
 * guide, "Managing custom domain names"), which berth does not write. A zone's name is not in the
 * config (only its id), so the apex berth can know is a two-label name such as example.com: no public
 * zone sits above it. A deeper apex (example.co.uk) passes here, and Route 53 refuses the CNAME when
 * `pulumi up` creates it.
 */
export function validateAppRunnerDns(cfg: Pick<ParsedConfig, "services">): ConfigError[] {
    const errors: ConfigError[] = [];
    for (const [name, svc] of Object.entries(cfg.services)) {
        const a = svc.apprunner;
        if (!a?.hostedZoneId) continue;
        const path = (k: string) => keyPath("services", name, "apprunner", k);
        if (!a.domain) {
            errors.push({ path: path("hostedZoneId"), value: a.hostedZoneId, allowed: "nothing without services.NAME.apprunner.domain: the zone holds that domain's records" });
        } else if (a.domain.split(".").length === 2) {
            errors.push({
                path: path("domain"),
                value: a.domain,
                allowed: `a name below the zone's apex, such as www.${a.domain} or api.${a.domain}, with hostedZoneId: berth writes a CNAME, which DNS does not allow at a zone's apex, and App Runner needs an ALIAS record there, which berth does not write (drop hostedZoneId and add the records of the domains output yourself)`,
            });
        }
    }
    return errors;
}

/** Every App Runner rule over a config that has the right shape. */
export function validateAppRunner(cfg: ParsedConfig): ConfigError[] {
    return [
        ...validateAppRunnerCustomer(cfg),
        ...Object.entries(cfg.services).flatMap(([name, svc]) => validateAppRunnerService(name, svc)),
        ...validateManagedAudience(cfg),
        ...validateAppRunnerEgress(cfg),
        ...validateVpcCidr(cfg),
        ...validateDomains(cfg),
        ...validateAppRunnerDns(cfg),
    ];
}
