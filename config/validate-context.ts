// Rules that read what the stack file alone cannot show: whether the image references are ones a
// registry accepts, whether build contexts exist, and whether a certificate lives in the stack's
// region. Pure functions; the program passes in the file check and the region.
import { ConfigError, keyPath } from "./errors";
import { imageReferenceProblem } from "./formats";
import { ParsedConfig } from "./schema";
import { BerthSpec } from "./spec";
import { ConfigWarning } from "./warnings";

/** An image that is not a valid reference fails when ECS or Kubernetes first pulls it, long after `pulumi up`. */
export function validateImageReferences(cfg: Pick<ParsedConfig, "services">): ConfigError[] {
    return Object.entries(cfg.services).flatMap(([name, svc]) => {
        const problem = svc.image !== undefined ? imageReferenceProblem(svc.image) : undefined;
        return problem ? [{ path: keyPath("services", name, "image"), value: svc.image, allowed: problem }] : [];
    });
}

/** A build context that does not exist fails the docker build during `pulumi up`. Relative to the project. */
export function validateBuildContexts(cfg: Pick<ParsedConfig, "services">, fileExists: (path: string) => boolean): ConfigError[] {
    return Object.entries(cfg.services).flatMap(([name, svc]) =>
        svc.build && !fileExists(svc.build.context)
            ? [{ path: keyPath("services", name, "build", "context"), value: svc.build.context, allowed: "a folder that exists, relative to the project (where Pulumi.yaml is), holding the Dockerfile" }]
            : [],
    );
}

/** ACM certificates serve load balancers of their own region only. */
export function validateCertificateRegion(cfg: Pick<ParsedConfig, "loadBalancer">, region: string | undefined): ConfigError[] {
    const arn = cfg.loadBalancer.certificateArn;
    const certRegion = arn?.split(":")[3];
    if (!arn || !region || certRegion === region) return [];
    return [
        {
            path: keyPath("loadBalancer", "certificateArn"),
            value: arn,
            allowed: `a certificate in ${region}, the stack's region (aws:region): ACM certificates serve load balancers of their own region only; request or import one in ${region}`,
        },
    ];
}

/** Why a platform takes no domain: berth has no ALB of its own there to point it at. */
const DOMAIN_REFUSALS: Record<string, string> = {
    kubernetes: "berth does not know your cluster's ingress controller or DNS; point the name at ingressHostname yourself (or use platform eks, where berth runs ExternalDNS)",
    "ecs-anywhere": "services on your own hosts have no ALB from berth; point the name at your hosts yourself",
    apprunner: "App Runner serves its own domain; link a custom domain in App Runner (berth points a domain at the ALB of ECS on Fargate or EC2, or of EKS)",
    "ecs-express": "ECS Express Mode owns its load balancer and URL; berth points a domain at the ALB of ECS on Fargate or EC2, or of EKS",
};

/**
 * A domain names the public ALB: on ECS berth creates its alias record, on EKS ExternalDNS does from
 * the Ingress; either way, without a certificateArn, berth issues a DNS-validated certificate.
 */
export function validateDomain(cfg: Pick<ParsedConfig, "platform" | "services" | "loadBalancer">): ConfigError[] {
    const domain = cfg.loadBalancer.domain;
    if (!domain) return [];
    const path = keyPath("loadBalancer", "domain");
    if (cfg.platform !== "ecs-fargate" && cfg.platform !== "ecs-ec2" && cfg.platform !== "eks") {
        return [{ path, value: domain, allowed: `nothing on platform ${cfg.platform}: ${DOMAIN_REFUSALS[cfg.platform] ?? "berth points a domain at the ALB of ECS on Fargate or EC2, or of EKS"}` }];
    }
    const alb = Object.values(cfg.services).some((s) => s.public && (s.loadBalancer ?? cfg.loadBalancer.type) === "alb");
    return alb ? [] : [{ path, value: domain, allowed: "a public service behind the ALB to point the name at (the domain names the ALB; an NLB takes a certificateArn for TLS)" }];
}

/**
 * A secret in another region or account than the stack's. ECS reads it (the execution role may be
 * granted a secret anywhere), so it is no error; but it is most often a copied ARN or a typo, as a
 * certificate's region is. The account is known only when the stack names it (aws:allowedAccountIds).
 */
export function secretRegionWarnings(spec: Pick<BerthSpec, "services">, region: string | undefined, accounts: ReadonlyArray<string> = []): ConfigWarning[] {
    return Object.values(spec.services).flatMap((svc) =>
        Object.entries(svc.secrets).flatMap(([name, arn]) => {
            const [, , , arnRegion, arnAccount] = arn.split(":");
            const where = [
                ...(region && arnRegion && arnRegion !== region ? [`region ${arnRegion}, not the stack's ${region} (aws:region)`] : []),
                ...(accounts.length && arnAccount && !accounts.includes(arnAccount) ? [`account ${arnAccount}, not the stack's ${accounts.join(" or ")} (aws:allowedAccountIds)`] : []),
            ];
            return where.length
                ? [
                      {
                          code: "secret-region" as const,
                          path: keyPath("services", svc.name, "secrets", name),
                          message: `is in ${where.join(", and in ")}: ECS reads a secret there only when its resource policy (and its KMS key's) let the task's execution role in; is it an ARN copied from another stack?`,
                      },
                  ]
                : [];
        }),
    );
}
