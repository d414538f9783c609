// ECS Express Mode: each public service becomes one ExpressGatewayService, for which ECS builds the
// load balancer, HTTPS certificate, target-tracking scaling and alarms. berth brings the VPC, the
// cluster, the roles (execution and task roles as on ECS, and the infrastructure role Express acts with)
// and the tasks' security group and log group.
import { EcsCluster } from "../components/ecs/EcsCluster";
import { ExpressScaling, ExpressService } from "../components/express/ExpressService";
import { grantsPolicy } from "../components/iam/grants";
import { MANAGED_POLICY } from "../components/iam/policies";
import { ServiceRole } from "../components/iam/ServiceRole";
import { TaskRoles } from "../components/iam/TaskRoles";
import { executionRolePolicy } from "../components/iam/ecs-policies";
import { ecrRepositoryArn } from "../config/images";
import * as pulumi from "@pulumi/pulumi";
import { serviceUrls, StackOutputs } from "./outputs";
import { createdArnsOf, CreatedSecretArns, createServiceSecrets, secretRefsOf, secretsOutput } from "./service-secrets";
import { Foundation, foundation, logGroupName, logOutputs, registryOutputs } from "./shared";
import { BerthSpec, ServiceSpec } from "../config/spec";
import { EXPRESS_METRICS } from "../config/facts/express";

/** Express Mode's default target for its scaling metric (ExpressGatewayServiceScalingTarget, "Defaults to 60"). */
export const EXPRESS_DEFAULT_TARGET = 60;

/** The one metric a service scales on (validation allows at most one); without scaling, a fixed count. */
export function expressScaling(svc: ServiceSpec): ExpressScaling {
    const s = svc.scaling;
    if (!s) return { metric: EXPRESS_METRICS.cpu, target: EXPRESS_DEFAULT_TARGET, min: svc.desiredCount, max: svc.desiredCount };
    const key = (Object.keys(EXPRESS_METRICS) as Array<keyof typeof EXPRESS_METRICS>).find((k) => s[k] !== undefined);
    return { metric: EXPRESS_METRICS[key ?? "cpu"], target: key ? s[key]! : EXPRESS_DEFAULT_TARGET, min: s.min, max: s.max };
}

/** The execution role's policy: the service's own log group, the ECR repository of its image, its secrets. */
function executionPolicy(base: Foundation, svc: ServiceSpec, logGroup: string, created: CreatedSecretArns) {
    const repository = svc.build ? base.registry.repositoryArn : base.partition.apply((p) => ecrRepositoryArn(svc.image!, p));
    return pulumi
        .all([base.logGroupArn(logGroup), repository, base.region, createdArnsOf(svc, created)])
        .apply(([logGroupArn, repo, region, createdSecretArns]) =>
            executionRolePolicy({ logGroupArn, repositoryArns: repo ? [repo] : [], secretRefs: Object.values(svc.secrets), createdSecretArns, secretKmsKeyArns: svc.secretKmsKeys, region }),
        );
}

export function ecsExpress(spec: BerthSpec): StackOutputs {
    const base = foundation(spec, { network: true });
    const network = base.network!;
    // Express Mode runs tasks on on-demand Fargate; the cluster's default strategy says so for anything else started there.
    const cluster = new EcsCluster("ecs", { fargate: { onDemandBase: 0, onDemandWeight: 1, spotWeight: 0 }, tags: spec.tags });
    const infra = new ServiceRole("express-infra", {
        principal: "ecs.amazonaws.com",
        // No confused-deputy condition: the ECS developer guide's trust policy for this role ("Amazon ECS
        // infrastructure IAM role", "Creating the Amazon ECS infrastructure role") has no Condition, and
        // neither that page nor the Express Mode pages say that ECS sends aws:SourceArn or
        // aws:SourceAccount when it assumes it. A condition on a key that is absent would deny the
        // assumption, and Express could build no load balancer. (The task and execution roles keep
        // theirs: the ECS guide's "Amazon ECS task IAM role" page shows both keys for ecs-tasks.amazonaws.com.)
        description: "ECS Express Mode infrastructure role: build and manage the load balancers, security groups, certificates and scaling of this stack's services",
        managedPolicies: [MANAGED_POLICY.ecsExpressInfrastructure],
        tags: spec.tags,
    });
    // Private by default: Express gives tasks no public IP, so only the private subnets' NAT lets them pull images.
    const privateSubnets = spec.express.subnets === "private";
    const subnetIds = privateSubnets ? network.privateSubnetIds : network.publicSubnetIds;
    const created = createServiceSecrets(spec);
    const services = Object.values(spec.services).map((svc) => {
        const logGroup = logGroupName(spec, svc.name);
        const roles = new TaskRoles(svc.name, { executionPolicy: executionPolicy(base, svc, logGroup, created), taskPolicy: grantsPolicy(svc.grants, base.partition), trust: base.trust("ecs"), tags: spec.tags });
        const service = new ExpressService(svc.name, {
            clusterName: cluster.clusterName,
            image: base.imageOf(svc),
            port: svc.port!,
            cpu: svc.cpu,
            memory: svc.memory,
            environment: svc.environment,
            secrets: secretRefsOf(svc, created),
            command: svc.command,
            healthCheckPath: svc.healthCheck.path,
            scaling: expressScaling(svc),
            vpcId: network.vpcId,
            subnetIds,
            executionRoleArn: roles.executionRoleArn,
            taskRoleArn: roles.taskRoleArn,
            infrastructureRoleArn: infra.roleArn,
            logGroupName: logGroup,
            logRetentionDays: spec.logs.retentionDays,
            protect: spec.protect,
            // The provider's advice: a service whose roles lose their policies first gets stuck DRAINING on delete.
            // And its tasks start only once the private subnets' egress exists (a NAT instance's routes).
            dependsOn: [roles, infra, ...(cluster.association ? [cluster.association] : []), ...(privateSubnets ? network.egress : [])],
            waitForSteadyState: spec.deploy.waitForSteadyState,
            tags: spec.tags,
        });
        return [svc.name, service] as const;
    });
    return {
        ...serviceUrls(Object.fromEntries(services.map(([name, s]) => [name, s.url]))),
        platform: spec.platform,
        clusterName: cluster.clusterName,
        services: Object.fromEntries(services.map(([name, s]) => [name, s.serviceName])),
        logs: logOutputs(spec, base.region),
        ...secretsOutput(created, base.region),
        ...registryOutputs(base),
        vpcId: network.vpcId,
    };
}
