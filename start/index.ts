// The start-path analysis (issue 23): for every workload the plan records, the path it needs to
// start (its image, secrets, logs, health and order), each step proven, assumed or broken against
// what the plan itself records. docs/plan.md, "Start paths", says what it proves and what it cannot.
import { ecsWorkloads, Scope, Workload } from "./ecs";
import { kubernetesWorkloads } from "./kubernetes";
import { managedWorkloads } from "./managed";
import { evaluateWorkload } from "./needs";
import { networkModel } from "./network";
import { indexPlan } from "./plan-index";
import type { SecretKeys } from "./secrets";
import type { StartPath, StepResult, PlannedResource } from "./types";

export type { StartPath, StartStep, StepResult } from "./types";

export interface StartOptions {
    readonly platform: string;
    /** The account the plan's own ARNs carry, and the region it deploys to. */
    readonly account: string;
    readonly region: string;
    readonly secretKeys?: SecretKeys;
}

/**
 * A derivation or evaluation that throws (a plan shape berth's analysis does not know) must not take
 * the plan down: it becomes one assumed step saying what could not be checked.
 */
function safely<T>(what: string, run: () => T, fallback: (reason: string) => T): T {
    try {
        return run();
    } catch (e) {
        return fallback(`the start-path analysis could not check ${what}: ${(e as Error).message}; please report it`);
    }
}

export function startPaths(resources: ReadonlyArray<PlannedResource>, opts: StartOptions): StartPath[] {
    const index = indexPlan(resources);
    const network = networkModel(index, opts.region);
    const scope: Scope = { index, account: opts.account, region: opts.region, secretKeys: opts.secretKeys ?? {} };
    const unchecked =
        (workload: string) =>
        (reason: string): Workload[] => [{ workload, kind: "ecs-task", urn: "", needs: [{ kind: "order", subject: workload, outcome: { result: "assumed", reason } }] }];
    const workloads: Workload[] = [
        ...safely("the ECS workloads", () => ecsWorkloads(scope), unchecked("ECS workloads")),
        ...safely("the Express and App Runner services", () => managedWorkloads(scope), unchecked("Express and App Runner services")),
        ...safely("the Kubernetes workloads", () => kubernetesWorkloads(index, opts.platform, opts.region), unchecked("Kubernetes workloads")),
    ];
    return workloads.map((w) => ({
        workload: w.workload,
        kind: w.kind,
        ...(w.service ? { service: w.service } : {}),
        urn: w.urn,
        platform: opts.platform,
        steps: safely(
            w.workload,
            () => evaluateWorkload(w.needs, { index, network, account: opts.account, region: opts.region, workload: w.urn }),
            (reason) => [{ kind: "order", subject: w.workload, result: "assumed", reason }],
        ),
    }));
}

/** A workload's result: the worst of its steps. */
export function pathResult(path: StartPath): StepResult {
    return path.steps.some((s) => s.result === "broken") ? "broken" : path.steps.some((s) => s.result === "assumed") ? "assumed" : "proven";
}
