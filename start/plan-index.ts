// One pass over the plan's resources, so every question the analysis asks is a lookup.
import type { PlanIndex, PlannedResource } from "./types";

/** How other resources name this one in their inputs: its ARN, its id, and its physical name. */
function refsOf(r: PlannedResource): string[] {
    const name = r.inputs.name;
    return [r.arn, r.id, typeof name === "string" ? name : null].filter((x): x is string => !!x);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

export function indexPlan(resources: ReadonlyArray<PlannedResource>): PlanIndex {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const byType = new Map<string, PlannedResource[]>();
    const byRef = new Map<string, PlannedResource[]>();
    for (const r of resources) {
        push(byType, r.type, r);
        for (const ref of refsOf(r)) push(byRef, ref, r);
    }
    const closure = new Map<string, ReadonlySet<string>>();
    /**
     * Everything `urn` waits for: its dependencies and theirs, transitively. Waiting for a component
     * is waiting for all its children (Pulumi's dependsOn on a component). A parent's dependencies
     * are not its children's: Pulumi does not pass them down.
     */
    const walk = (urn: string): ReadonlySet<string> => {
        const seen = new Set<string>();
        const stack = [urn];
        while (stack.length) {
            const r = byUrn.get(stack.pop()!);
            if (!r) continue;
            const next = r.component ? [...r.dependencies, ...resources.filter((c) => c.parent === r.urn).map((c) => c.urn)] : r.dependencies;
            for (const d of next) {
                if (seen.has(d)) continue;
                seen.add(d);
                stack.push(d);
            }
        }
        closure.set(urn, seen);
        return seen;
    };
    const waits = (urn: string): ReadonlySet<string> => closure.get(urn) ?? walk(urn);
    return {
        resources,
        byUrn,
        ofType: (type) => byType.get(type) ?? [],
        find: (ref, type) => (byRef.get(ref) ?? []).find((r) => !type || r.type === type),
        waitsFor: (urn, target) => waits(urn).has(target),
    };
}
