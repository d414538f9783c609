// STUB: the Kubernetes helper's branch replaces this file.
import type { Workload } from "./ecs";
import type { PlanIndex } from "./types";

export function kubernetesWorkloads(_index: PlanIndex, _platform: string, _region: string): Workload[] {
    return [];
}
