// The comparison report's vocabulary: the plan fields it reads, and the facts it derives for each platform.
import type { ConfigError } from "../../config/errors";
import type { ParityEntry } from "../../config/parity";
import type { Plan } from "../engine";

/** A plan's monthly cost estimate, as the engine records it (cost/, issue 24). */
export type PlanCost = NonNullable<Plan["cost"]>;
/** One priced line of it. */
export type CostLine = PlanCost["lines"][number];
/** How long `pulumi up` takes from nothing: the longest chain of creations through the dependency graph. */
export type DeployTime = NonNullable<Plan["deployTime"]>;

/** A plan as the report reads it: cost and deploy time may be absent (a plan read from older JSON). */
export type ReportPlan = Plan;

export interface CostFacts {
    readonly currency: string;
    readonly priceDate: string;
    readonly monthly: number;
    readonly fixed: number;
    readonly usage: number;
    /** The five largest lines, largest first. */
    readonly largest: ReadonlyArray<{ readonly description: string; readonly monthly: number }>;
}

/** One step of the deploy's critical path: a resource, and its typical creation time (cost/deploy-times.ts). */
export interface DeployStep {
    readonly name: string;
    readonly type: string;
    readonly seconds: number;
}

export interface DeployFacts {
    readonly seconds: number;
    /** The critical path: the resources `pulumi up` creates one after another, first to last. */
    readonly path: ReadonlyArray<DeployStep>;
}

/** What the team runs and keeps current on this platform, read from the plan. */
export interface OpsFacts {
    /** EC2 capacity the team owns: Auto Scaling groups, EKS node groups, Karpenter node pools. */
    readonly nodes: ReadonlyArray<string>;
    /** Machine images someone must roll forward: node groups and launch templates, NAT instances. */
    readonly amis: ReadonlyArray<string>;
    /** The Kubernetes control plane and its version, where the stack creates one. */
    readonly controlPlane?: string;
    readonly helmReleases: ReadonlyArray<string>;
    readonly addons: ReadonlyArray<string>;
    /** An EKS API endpoint reachable only inside the VPC: `pulumi up` needs a network path into it. */
    readonly privateEndpoint: boolean;
    readonly natInstances: number;
}

export interface ScalingFacts {
    /** How tasks or pods scale: each service's autoscaler and range, or "fixed". */
    readonly tasks: ReadonlyArray<string>;
    /** How the capacity under them scales. */
    readonly nodes: string;
}

export interface StartFacts {
    readonly can: number;
    readonly assumed: number;
    readonly cannot: number;
    /** The workloads that cannot start, each with its first broken step's kind. */
    readonly broken: ReadonlyArray<string>;
}

export interface PolicyFacts {
    readonly passed: number;
    readonly mandatory: number;
    readonly advisory: number;
}

/** Everything the report says about one platform that planned. */
export interface PlatformFacts {
    /** Absent where the plan carries no estimate. */
    readonly cost?: CostFacts;
    readonly deploy?: DeployFacts;
    readonly size: { readonly cloud: number; readonly components: number };
    readonly policy?: PolicyFacts;
    readonly start?: StartFacts;
    readonly ops: OpsFacts;
    readonly scaling: ScalingFacts;
    /** Parity entries that are not honoured as on ECS on Fargate. */
    readonly parity: ReadonlyArray<ParityEntry>;
}

/** One column of the report: a platform, and whether the services run there. */
export type Column = { readonly id: string; readonly platform: string; readonly mark?: string } & (
    | { readonly ok: true; readonly facts: PlatformFacts; readonly diagram?: string }
    | { readonly ok: false; readonly errors: ReadonlyArray<ConfigError> }
);

export interface Report {
    readonly stack: string;
    readonly columns: ReadonlyArray<Column>;
    /** Where the report's outside facts come from: title and URL. */
    readonly sources: ReadonlyArray<{ readonly title: string; readonly url: string }>;
}
