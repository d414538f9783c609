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

export type Placement = { readonly kind: "fargate" | "ec2"; readonly strategy: ReadonlyArray<CapacityProviderStrategy> } | { readonly kind: "external" };

/** FARGATE and FARGATE_SPOT as a capacity provider strategy; spot interruptions cost a restart, not data. */
export function fargateStrategy(mix: FargateMix): CapacityProviderStrategy[] {
    const strategy: CapacityProviderStrategy[] = [{ capacityProvider: "FARGATE", base: mix.onDemandBase, weight: mix.onDemandWeight }];
    if (mix.spotWeight > 0) strategy.push({ capacityProvider: "FARGATE_SPOT", weight: mix.spotWeight, base: 0 });
    return strategy;
}

/** All tasks on one EC2 capacity provider. */
export function ec2Strategy(capacityProvider: pulumi.Input<string>): CapacityProviderStrategy[] {
    return [{ capacityProvider, weight: 1, base: 0 }];
}

/**
 * The strategy for ARM64 tasks: "FARGATE_SPOT only supports Linux tasks with the X86_64 architecture"
 * (ECS API reference, CapacityProviderStrategyItem; ECS guide, "Fargate capacity providers"), so
 * on-demand FARGATE takes all of them.
 */
export function withoutSpot(strategy: ReadonlyArray<CapacityProviderStrategy>): CapacityProviderStrategy[] {
    return strategy.filter((s) => s.capacityProvider !== "FARGATE_SPOT").map((s) => ({ ...s, weight: Math.max(s.weight, 1) }));
}

/**
 * The strategy for a service that may run a single task: its first task on on-demand FARGATE (base
 * 1), so a spot interruption cannot take the whole service down. Tasks beyond it follow the weights.
 */
export function firstTaskOnDemand(strategy: ReadonlyArray<CapacityProviderStrategy>): CapacityProviderStrategy[] {
    return strategy.map((s) => (s.capacityProvider === "FARGATE" ? { ...s, base: Math.max(s.base ?? 0, 1), weight: Math.max(s.weight, 1) } : { ...s }));
}

/** Spread tasks across AZs first (an AZ outage takes only its share), then pack by memory (fewer instances). */
export const EC2_PLACEMENT = [
    { type: "spread", field: "attribute:ecs.availability-zone" },
    { type: "binpack", field: "memory" },
];
