// ECS on Fargate: FARGATE and FARGATE_SPOT capacity providers, mixed per environment.
import { fargateStrategy } from "../components/ecs/capacity";
import { EcsCluster } from "../components/ecs/EcsCluster";
import { serviceConnectNamespace } from "./ecs-names";
import { composeEcs } from "./ecs";
import { StackOutputs } from "./outputs";
import { foundation } from "./shared";
import { BerthSpec } from "../config/spec";

export function ecsFargate(spec: BerthSpec): StackOutputs {
    const base = foundation(spec, { network: true });
    const cluster = new EcsCluster("ecs", { fargate: spec.fargate, containerInsights: spec.containerInsights, serviceConnectNamespace: serviceConnectNamespace(spec), tags: spec.tags });
    return composeEcs(spec, base, cluster, {
        compatibility: "FARGATE",
        placement: { kind: "fargate", strategy: fargateStrategy(spec.fargate) },
        dependsOn: cluster.association ? [cluster.association] : [],
    });
}
