// ECS Anywhere: your own hosts join the cluster through an SSM activation; tasks run as EXTERNAL.
// No VPC: the tasks run outside AWS, so a VPC and its NAT gateways would cost money for nothing.
import { EcsAnywhere } from "../components/ecs/EcsAnywhere";
import { EcsCluster } from "../components/ecs/EcsCluster";
import { daysAfter, now } from "../config/clock";
import { composeEcs, hostPolicy } from "./ecs";
import { StackOutputs } from "./outputs";
import { foundation } from "./shared";
import { BerthSpec } from "../config/spec";

/**
 * How long hosts can register by default: SSM allows up to 30 days; one day less leaves room for the
 * time between planning and the API call. SSM's own default of 24 hours is gone before most teams
 * have their hosts ready.
 */
export const ANYWHERE_ACTIVATION_DAYS = 29;

export function ecsAnywhere(spec: BerthSpec): StackOutputs {
    const base = foundation(spec, { network: false });
    const cluster = new EcsCluster("ecs", { containerInsights: spec.containerInsights, tags: spec.tags });
    const anywhere = new EcsAnywhere("anywhere", {
        clusterName: cluster.clusterName,
        instancePolicy: hostPolicy(spec, base, cluster, { spotDraining: false }),
        region: base.region,
        registrationLimit: spec.anywhere.registrationLimit,
        expirationDate: spec.anywhere.expirationDate ?? daysAfter(now(), ANYWHERE_ACTIVATION_DAYS),
        keepExpirationDate: spec.anywhere.expirationDate === undefined,
        trust: base.trust("ssm"),
        tags: spec.tags,
    });
    const outputs = composeEcs(spec, base, cluster, { compatibility: "EXTERNAL", placement: { kind: "external" }, dependsOn: [] });
    return {
        ...outputs,
        activationId: anywhere.activationId,
        activationCode: anywhere.activationCode,
        registrationCommand: anywhere.registrationCommand,
        activationExpires: anywhere.expirationDate,
    };
}
