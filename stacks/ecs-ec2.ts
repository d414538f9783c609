// ECS on EC2: an Auto Scaling group of ECS-optimized instances behind a capacity provider.
import { ec2Strategy } from "../components/ecs/capacity";
import { EcsCluster } from "../components/ecs/EcsCluster";
import { Ec2Capacity } from "../components/ecs/Ec2Capacity";
import { serviceConnectNamespace } from "./ecs-names";
import { composeEcs, hostPolicy } from "./ecs";
import { StackOutputs } from "./outputs";
import { foundation } from "./shared";
import { BerthSpec } from "../config/spec";

export function ecsEc2(spec: BerthSpec): StackOutputs {
    const base = foundation(spec, { network: true });
    const network = base.network!;
    const cluster = new EcsCluster("ecs", { containerInsights: spec.containerInsights, serviceConnectNamespace: serviceConnectNamespace(spec), tags: spec.tags });
    const capacity = new Ec2Capacity("ec2", {
        clusterName: cluster.clusterName,
        instancePolicy: hostPolicy(spec, base, cluster, { spotDraining: spec.ec2.spot !== undefined }),
        vpcId: network.vpcId,
        subnetIds: network.privateSubnetIds,
        instanceTypes: spec.ec2.instanceTypes,
        architecture: spec.ec2.architecture,
        minSize: spec.ec2.minSize,
        maxSize: spec.ec2.maxSize,
        scaling: spec.ec2.scaling,
        targetCapacity: spec.ec2.targetCapacity,
        cpuTarget: spec.ec2.cpuTarget,
        detailedMonitoring: spec.detailedMonitoring,
        rootVolumeGiB: spec.ec2.rootVolumeGiB,
        spot: spec.ec2.spot,
        tags: spec.tags,
    });
    const outputs = composeEcs(spec, base, cluster, {
        compatibility: "EC2",
        placement: { kind: "ec2", strategy: ec2Strategy(capacity.capacityProviderName) },
        dependsOn: [capacity.association],
    });
    return { ...outputs, autoScalingGroupName: capacity.autoScalingGroupName, capacityProviderName: capacity.capacityProviderName };
}
