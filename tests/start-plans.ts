// Handmade plans for the start-path analysis's unit tests (start/): the recorded resource as start/
// reads it (start/types.ts), in a stack named `t`.
import type { PlannedResource } from "../start/types";

/** A resource of a handmade plan; `extra` overrides any field. */
export function res(type: string, name: string, inputs: Record<string, unknown> = {}, extra: Partial<PlannedResource> = {}): PlannedResource {
    return { urn: `urn:pulumi:t::berth::${type}::${name}`, type, name, parent: null, inputs, dependencies: [], id: null, arn: null, component: false, ...extra };
}
