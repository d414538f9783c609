// Pulumi's SDK records where things came from, for the real engine's error messages: every output
// property's promises carry a captured `new Error().stack` (runtime/debuggable.js), and every
// resource captures an unlimited stack for its source position (Resource.callsites). Both serve
// `pulumi up`, whose engine reads them; the mock monitor never does. Formatting those stacks (each
// one source-mapped) was about half of a large plan's time, so the plan does not capture them.
// Errors the program throws keep their own stacks, mapped to the TypeScript lines.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module of @pulumi/pulumi, typed here with only what the engine uses
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T> };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module of @pulumi/pulumi, typed here with only what the engine uses
const { Resource } = require("@pulumi/pulumi/resource") as { Resource: { callsites: () => unknown[] } };

let done = false;
const same = <T>(value: T): T => value;

/**
 * Registration without the SDK's debugging captures. The SDK reads both through their modules at
 * each call, so replacing them here reaches every caller. Idempotent.
 */
export function captureNoRegistrationStacks(): void {
    if (done) return;
    done = true;
    // The SDK's wrapper also tracks each promise for a leak report at exit, which is for `pulumi up`.
    // Its extra step stays: registrations then finish in the same order, and the plan JSON is the same.
    debuggable.debuggablePromise = (p) => p.then(same);
    Resource.callsites = () => [];
}
