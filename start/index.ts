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

export function startPaths(resources: ReadonlyArray<PlannedResource>, opts: StartOptions): StartPath[] {
    const index = indexPlan(resources);
    const network = networkModel(index, opts.region);
    const scope: Scope = { index, account: opts.account, region: opts.region, secretKeys: opts.secretKeys ?? {} };
    const workloads: Workload[] = [...ecsWorkloads(scope), ...managedWorkloads(scope), ...kubernetesWorkloads(index, opts.platform, opts.region)];
    return workloads.map((w) => ({
        workload: w.workload,
        kind: w.kind,
        ...(w.service ? { service: w.service } : {}),
        urn: w.urn,
        platform: opts.platform,
        steps: evaluateWorkload(w.needs, { index, network, account: opts.account, region: opts.region, workload: w.urn }),
    }));
}

/** A workload's result: the worst of its steps. */
export function pathResult(path: StartPath): StepResult {
    return path.steps.some((s) => s.result === "broken") ? "broken" : path.steps.some((s) => s.result === "assumed") ? "assumed" : "proven";
}
