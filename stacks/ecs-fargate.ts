// ECS on Fargate: network, registry, a cluster, an ALB for public services, and one ECS service each.
import * as pulumi from "@pulumi/pulumi";
import { EcsCluster } from "../components/ecs/EcsCluster";
import { EcsService } from "../components/ecs/EcsService";
import { EcsTask } from "../components/ecs/EcsTask";
import { TaskRoles } from "../components/iam/TaskRoles";
import { AppLoadBalancer } from "../components/loadbalancer/AppLoadBalancer";
import { family, foundation } from "./shared";
import { BerthSpec } from "./spec";
import { StackOutputs } from "./outputs";

export function ecsFargate(spec: BerthSpec): StackOutputs {
    const base = foundation(spec);
    const { network } = base;
    const cluster = new EcsCluster("ecs", { tags: spec.tags });
    const services = Object.values(spec.services);
    const publicServices = services.filter((s) => s.public);

    const alb = publicServices.length
        ? new AppLoadBalancer("public", {
              vpcId: network.vpcId,
              vpcCidr: spec.network.cidr,
              subnetIds: network.publicSubnetIds,
              allowedCidrs: spec.loadBalancer.allowedCidrs,
              certificateArn: spec.loadBalancer.certificateArn,
              idleTimeout: spec.loadBalancer.idleTimeout,
              protect: spec.protect,
              targets: Object.fromEntries(
                  publicServices.map((s) => [s.name, { port: s.port!, path: s.path, healthCheck: s.healthCheck }]),
              ),
              tags: spec.tags,
          })
        : undefined;

    const serviceNames: Record<string, pulumi.Output<string>> = {};
    for (const svc of services) {
        const roles = new TaskRoles(svc.name, { secretArns: Object.values(svc.secrets), tags: spec.tags });
        const task = new EcsTask(svc.name, {
            family: family(spec, svc.name),
            image: base.imageOf(svc),
            port: svc.port,
            cpu: svc.cpu,
            memory: svc.memory,
            environment: svc.environment,
            secrets: svc.secrets,
            readonlyRootFilesystem: svc.readonlyRootFilesystem,
            command: svc.command,
            cpuArchitecture: svc.build?.platform === "linux/arm64" ? "ARM64" : "X86_64",
            executionRoleArn: roles.executionRoleArn,
            taskRoleArn: roles.taskRoleArn,
            region: base.region,
            logRetentionDays: spec.logs.retentionDays,
            protect: spec.protect,
            tags: spec.tags,
        });
        const service = new EcsService(svc.name, {
            clusterArn: cluster.clusterArn,
            taskDefinitionArn: task.taskDefinitionArn,
            desiredCount: svc.desiredCount,
            vpcId: network.vpcId,
            subnetIds: network.privateSubnetIds,
            loadBalancing:
                alb && svc.public
                    ? { targetGroupArn: alb.targetGroupArns[svc.name], securityGroupId: alb.securityGroupId, containerName: task.containerName, containerPort: svc.port!, dependsOn: alb.routing }
                    : undefined,
            tags: spec.tags,
        });
        serviceNames[svc.name] = service.serviceName;
    }

    return {
        url: alb?.url,
        platform: spec.platform,
        clusterName: cluster.clusterName,
        services: serviceNames,
        repositoryUrl: base.registry.repositoryUrl,
        vpcId: network.vpcId,
    };
}

