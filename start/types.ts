// The start-path analysis's vocabulary (issue 23): for each workload the plan records, the steps it
// needs to start, each proven, assumed or broken against what the plan itself records.

/** What a step checks: the image pull, one secret, the log destination, the health path, an event-started task's trigger, the deploy order. */
export type StepKind = "image" | "secret" | "logs" | "health" | "trigger" | "order";

/**
 * - `proven`: the plan records everything the step needs, and it holds.
 * - `assumed`: the step depends on something the plan cannot see (another account, an existing VPC's
 *   routes, a registry outside AWS); the reason says exactly what the user must make true.
 * - `broken`: the plan records what makes the step fail; the reason names the step, the identity,
 *   the action, the resource and the fix. A broken step fails the plan (exit 2).
 */
export type StepResult = "proven" | "assumed" | "broken";

export interface StartStep {
    readonly kind: StepKind;
    /** What the step is about: an image reference, a secret's ARN, a log group's name, a port. */
    readonly subject: string;
    /** The IAM role (ARN) that acts in this step, where one does. */
    readonly identity?: string;
    /** The IAM action in question, where one is. */
    readonly action?: string;
    /** The resource (ARN) that action is asked on. */
    readonly resource?: string;
    /** The network path the step takes: "nat-instance", "nat-gateway", "public-ip", "vpc-endpoint", ... */
    readonly route?: string;
    readonly result: StepResult;
    readonly reason: string;
}

/** What kind of thing starts. */
export type WorkloadKind = "ecs-service" | "ecs-task" | "event-task" | "deployment" | "cronjob" | "job" | "apprunner" | "express";

export interface StartPath {
    /** The workload's logical name, as the plan records it (e.g. `web-service`, `api-deployment`). */
    readonly workload: string;
    readonly kind: WorkloadKind;
    /** The berth service it runs, where it runs one. */
    readonly service?: string;
    /** The workload resource's URN. */
    readonly urn: string;
    readonly platform: string;
    readonly steps: StartStep[];
}

/**
 * A resource as the plan records it (plan/engine.ts's PlannedResource): the fields the analysis
 * reads, so that start/ depends on the plan's data, not on its engine.
 */
export interface PlannedResource {
    readonly urn: string;
    /** Pulumi type token, e.g. `aws:ecs/service:Service`. */
    readonly type: string;
    readonly name: string;
    /** URN of the parent, or null for top-level resources. */
    readonly parent: string | null;
    /** Resolved inputs; secret values are replaced by "[secret]". */
    readonly inputs: Record<string, unknown>;
    /** URNs this resource depends on. */
    readonly dependencies: string[];
    /** Fake physical id. */
    readonly id: string | null;
    /** Fake ARN, where the type has one. */
    readonly arn: string | null;
    /** A component (berth's own or a remote one) rather than a cloud resource. */
    readonly component: boolean;
}

/** The plan's resources, indexed for the questions the analysis asks. */
export interface PlanIndex {
    readonly resources: ReadonlyArray<PlannedResource>;
    readonly byUrn: ReadonlyMap<string, PlannedResource>;
    ofType(type: string): ReadonlyArray<PlannedResource>;
    /** The resource whose ARN, id or physical name is `ref` (how resources name each other in inputs). */
    find(ref: string, type?: string): PlannedResource | undefined;
    /** Whether `urn` waits for `target` through the dependency graph. */
    waitsFor(urn: string, target: string): boolean;
}
