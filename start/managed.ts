// Start paths on the platforms that run the containers themselves: ECS Express Mode (berth's task
// roles, AWS's load balancer) and App Runner (AWS's network for the pull, the secrets and the logs).
import type { PlannedResource } from "./types";
import type { Workload, Scope } from "./ecs";
import { imageNeed } from "./images";
import { arnStart, type Need, orderNeed, roleWaits } from "./needs";
import type { Placement } from "./network";
import { secretNeeds } from "./secrets";

interface ExpressContainer {
    readonly image: string;
    readonly containerPort?: number;
    readonly secrets?: ReadonlyArray<{ readonly name: string; readonly valueFrom: string }>;
    readonly awsLogsConfigurations?: ReadonlyArray<{ readonly logGroup: string; readonly logStreamPrefix?: string }>;
}

function expressWorkload(scope: Scope, r: PlannedResource): Workload {
    const c = r.inputs.primaryContainer as ExpressContainer;
    const exec = r.inputs.executionRoleArn as string | undefined;
    const network = (r.inputs.networkConfigurations as { subnets?: string[]; securityGroups?: string[] }[] | undefined)?.[0];
    // Express runs tasks without a public IP in the subnets it is given (ECS Developer Guide, "Amazon ECS Express Mode").
    const from: Placement | undefined = network?.subnets ? { subnets: network.subnets, securityGroups: network.securityGroups ?? [], publicIp: false } : undefined;
    const service = r.name.replace(/-service$/, "");
    // Without a network configuration Express uses the default VPC's subnets, which the plan cannot see.
    const unseen = from
        ? undefined
        : {
              result: "assumed" as const,
              reason: "no networkConfigurations: Express uses the default VPC's subnets, which must reach ECR (ecr.api, ecr.dkr, S3), CloudWatch Logs and Secrets Manager through a NAT, public IPs or VPC endpoints",
          };
    const needs: Need[] = [{ ...imageNeed(c.image, scope.index, scope.account, scope.region, exec, from), ...(unseen ? { outcome: unseen } : {}) }];
    needs.push(
        ...secretNeeds(
            scope,
            service,
            (c.secrets ?? []).map((s) => ({ name: s.name, ref: s.valueFrom })),
            exec,
            from,
        ).map((n) => (unseen && !n.outcome ? { ...n, outcome: unseen } : n)),
    );
    for (const l of c.awsLogsConfigurations ?? []) {
        const group = scope.index.ofType("aws:cloudwatch/logGroup:LogGroup").find((g) => g.inputs.name === l.logGroup);
        const stream = `${arnStart(scope.region)}:logs:${scope.region}:${scope.account}:log-group:${l.logGroup}:log-stream:${l.logStreamPrefix ?? service}/main/TASK_ID`;
        needs.push({
            kind: "logs",
            subject: l.logGroup,
            identity: exec,
            calls: [
                { action: "logs:CreateLogStream", resource: stream },
                { action: "logs:PutLogEvents", resource: stream },
            ],
            from,
            reach: from ? ["logs"] : undefined,
            outcome: group ? unseen : { result: "broken", reason: `log group ${l.logGroup} is not in this stack: the tasks cannot start; let berth create it` },
            waitFor: group ? [{ urn: group.urn, what: `the log group ${l.logGroup}` }] : [],
        });
    }
    const port = c.containerPort ?? 80;
    needs.push({
        kind: "health",
        subject: `${typeof r.inputs.healthCheckPath === "string" ? r.inputs.healthCheckPath : "/"} on ${port}`,
        // Express takes no container user: the image's own decides whether it may bind a port below 1024.
        outcome:
            port < 1024
                ? { result: "assumed", reason: `the container listens on ${port} (below 1024) as the image's own user: the image must run as root, or listen on 8080` }
                : { result: "proven", reason: "Express builds the target group and its health check from the container's port and this path (the path itself must answer with a success code)" },
    });
    return { workload: r.name, kind: "express", service, urn: r.urn, needs: [...needs, orderNeed(needs, roleWaits(scope.index, exec, "the execution role"))] };
}

interface AppRunnerSource {
    readonly imageRepository?: {
        readonly imageIdentifier: string;
        readonly imageRepositoryType: string;
        readonly imageConfiguration?: { readonly port?: string; readonly runtimeEnvironmentSecrets?: Record<string, string> };
    };
    readonly codeRepository?: {
        readonly repositoryUrl: string;
        readonly codeConfiguration?: { readonly codeConfigurationValues?: { readonly port?: string; readonly runtimeEnvironmentSecrets?: Record<string, string> } };
    };
    readonly authenticationConfiguration?: { readonly accessRoleArn?: string; readonly connectionArn?: string };
}

/**
 * App Runner pulls the image, reads the secrets and writes the logs from its own network, whatever the
 * service's egress (App Runner Developer Guide, "Enabling VPC access for outgoing traffic": the VPC
 * connector carries the application's outbound traffic only).
 */
function appRunnerWorkload(scope: Scope, r: PlannedResource): Workload {
    const src = r.inputs.sourceConfiguration as AppRunnerSource;
    const repo = src.imageRepository;
    const service = r.name.replace(/-service$/, "");
    const instance = (r.inputs.instanceConfiguration as { instanceRoleArn?: string } | undefined)?.instanceRoleArn;
    const managed = { result: "proven" as const, reason: "App Runner's own network" };
    const needs: Need[] = [];
    if (repo) {
        const image = imageNeed(repo.imageIdentifier, scope.index, scope.account, scope.region, src.authenticationConfiguration?.accessRoleArn, undefined);
        needs.push({ ...image, outcome: image.outcome ?? (image.calls ? undefined : { ...managed, reason: `pulled from ECR Public over ${managed.reason}` }), route: "app-runner" });
    } else {
        // A source repository: App Runner builds the image through the account's connection, which a person completes in the console once (App Runner Developer Guide, "Managing App Runner connections").
        needs.push({
            kind: "image",
            subject: src.codeRepository?.repositoryUrl ?? "source",
            route: "app-runner",
            outcome: {
                result: "assumed",
                reason: `App Runner builds it from ${src.codeRepository?.repositoryUrl ?? "the repository"}: the connection ${src.authenticationConfiguration?.connectionArn ?? ""} must have completed its handshake (status AVAILABLE)`,
            },
        });
    }
    const values = repo?.imageConfiguration ?? src.codeRepository?.codeConfiguration?.codeConfigurationValues;
    const secrets = Object.entries(values?.runtimeEnvironmentSecrets ?? {}).map(([name, ref]) => ({ name, ref }));
    needs.push(...secretNeeds(scope, service, secrets, instance, undefined));
    needs.push({ kind: "logs", subject: `/aws/apprunner/${String(r.inputs.serviceName)}`, outcome: { result: "proven", reason: "App Runner creates its log groups and writes to them itself" } });
    const health = r.inputs.healthCheckConfiguration as { protocol?: string; path?: string } | undefined;
    needs.push({
        kind: "health",
        subject: `${health?.protocol ?? "TCP"} ${health?.protocol === "HTTP" ? (health.path ?? "/") : ""} on ${values?.port ?? 8080}`.replace("  ", " "),
        outcome: { result: "proven", reason: "App Runner checks the port the image configuration names" },
    });
    const access = src.authenticationConfiguration?.accessRoleArn;
    return { workload: r.name, kind: "apprunner", service, urn: r.urn, needs: [...needs, orderNeed(needs, roleWaits(scope.index, access, "the access role"), roleWaits(scope.index, instance, "the instance role"))] };
}

export function managedWorkloads(scope: Scope): Workload[] {
    return [...scope.index.ofType("aws:ecs/expressGatewayService:ExpressGatewayService").map((r) => expressWorkload(scope, r)), ...scope.index.ofType("aws:apprunner/service:Service").map((r) => appRunnerWorkload(scope, r))];
}
