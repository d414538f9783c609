// Where an ECS service's tasks run, and how that maps onto the ECS API.
import * as pulumi from "@pulumi/pulumi";

export interface FargateMix {
    /** Tasks always on on-demand FARGATE. */
    readonly onDemandBase: number;
    readonly onDemandWeight: number;
    /** 0 leaves FARGATE_SPOT out. */
    readonly spotWeight: number;
}

export interface CapacityProviderStrategy {
    readonly capacityProvider: pulumi.Input<string>;
    readonly weight: number;
    readonly base?: number;
}

export type Placement =
    | { readonly kind: "fargate"; readonly strategy: ReadonlyArray<CapacityProviderStrategy> }
    | { readonly kind: "ec2"; readonly capacityProvider: pulumi.Input<string> }
    | { readonly kind: "external" };

/** FARGATE and FARGATE_SPOT as a capacity provider strategy; spot interruptions cost a restart, not data. */
export function fargateStrategy(mix: FargateMix): CapacityProviderStrategy[] {
    const strategy: CapacityProviderStrategy[] = [{ capacityProvider: "FARGATE", base: mix.onDemandBase, weight: mix.onDemandWeight }];
    if (mix.spotWeight > 0) strategy.push({ capacityProvider: "FARGATE_SPOT", weight: mix.spotWeight, base: 0 });
    return strategy;
}

/** Spread tasks across AZs first (an AZ outage takes only its share), then pack by memory (fewer instances). */
export const EC2_PLACEMENT = [
    { type: "spread", field: "attribute:ecs.availability-zone" },
    { type: "binpack", field: "memory" },
];
