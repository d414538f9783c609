// How long a first `pulumi up` of the plan takes (issue 24): the longest chain through the recorded
// dependency graph, each resource taking its typical creation time (cost/deploy-times.ts). Pulumi
// creates independent resources in parallel, so the chain, not the sum, is the deploy time.
import { CREATION_SECONDS, DEFAULT_CREATION_SECONDS } from "./deploy-times";
import { str } from "./read";
import type { PlannedResource } from "../start/types";

export interface DeployTime {
    readonly criticalPathSeconds: number;
    /** The critical path's cloud resources (and remote components, which create cloud resources), first to last. */
    readonly path: string[];
}

/** Remote components without a figure of their own, timed as what they mostly wait on. */
const TIMED_AS: Readonly<Record<string, string>> = {
    "eks:index:NodeGroupV2": "aws:autoscaling/group:Group",
    "eks:index:NodeGroup": "aws:autoscaling/group:Group",
};

/**
 * A resource's own creation time. berth's components take none (they only group their children);
 * remote components (awsx, eks) create cloud resources the plan does not see, and take theirs.
 */
export function creationSeconds(r: Pick<PlannedResource, "type" | "component">): number {
    const figure = CREATION_SECONDS[TIMED_AS[r.type] ?? r.type];
    if (figure) return figure.seconds;
    return r.component && r.type.startsWith("berth:") ? 0 : DEFAULT_CREATION_SECONDS;
}

const isBerthComponent = (r: PlannedResource) => r.component && r.type.startsWith("berth:");

/** The cluster a serial-per-cluster resource (a Fargate profile) belongs to. */
// Stryker disable next-line StringLiteral: no cluster is a cluster name like any other
const clusterOf = (r: PlannedResource) => str(r.inputs.clusterName) ?? str(r.inputs.cluster) ?? "";

export function estimateDeployTime(resources: ReadonlyArray<PlannedResource>): DeployTime {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    // A resource of a serial type waits for the one before it on the same cluster, in plan order.
    const previousSerial = new Map<string, string>();
    const lastOfCluster = new Map<string, string>();
    for (const r of resources) {
        if (!CREATION_SECONDS[r.type]?.serialPerCluster) continue;
        const key = `${r.type}|${clusterOf(r)}`;
        const before = lastOfCluster.get(key);
        if (before) previousSerial.set(r.urn, before);
        lastOfCluster.set(key, r.urn);
    }
    const children = new Map<string, PlannedResource[]>();
    for (const r of resources) if (r.parent && byUrn.has(r.parent)) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);

    const finish = new Map<string, number>();
    const cause = new Map<string, string | undefined>();
    const visiting = new Set<string>();

    /** What `r` waits for: its dependencies, its ancestors' dependencies, and the serial resource before it. */
    const waitsFor = (r: PlannedResource): string[] => {
        const deps = [...r.dependencies];
        for (let p = r.parent ? byUrn.get(r.parent) : undefined; p; p = p.parent ? byUrn.get(p.parent) : undefined) deps.push(...p.dependencies);
        const serial = previousSerial.get(r.urn);
        if (serial) deps.push(serial);
        // A dependency on itself is a cycle like any other, ended in doneAt.
        return deps.filter((d) => byUrn.has(d));
    };

    // A berth component is done when its children are; depending on one waits for all of them.
    const doneAt = (urn: string): number => {
        const known = finish.get(urn);
        if (known !== undefined) return known;
        if (visiting.has(urn)) return 0; // a cycle the engine would refuse; never hangs the plan
        visiting.add(urn);
        const r = byUrn.get(urn)!;
        // The cause is the first of the latest dependencies; one done at 0 (a berth component, left off the path) is none.
        let start = 0;
        let by: string | undefined;
        for (const d of waitsFor(r)) {
            const t = doneAt(d);
            if (t > start) [start, by] = [t, d];
        }
        let end = start + creationSeconds(r);
        if (isBerthComponent(r)) {
            for (const c of children.get(urn) ?? []) {
                const t = doneAt(c.urn);
                if (t > end) [end, by] = [t, c.urn];
            }
        }
        visiting.delete(urn);
        finish.set(urn, end);
        cause.set(urn, by);
        return end;
    };

    let last: string | undefined;
    let longest = 0;
    for (const r of resources) {
        const t = doneAt(r.urn);
        if (t > longest) [longest, last] = [t, r.urn];
    }
    // A cause finished before what it caused, so the chain of causes never loops.
    const chain: string[] = [];
    for (let u = last; u !== undefined; u = cause.get(u)) chain.push(u);
    // Every resource but a berth component takes time, so a path of 0 seconds is empty.
    return { criticalPathSeconds: longest, path: chain.reverse().filter((u) => !isBerthComponent(byUrn.get(u)!)) };
}
