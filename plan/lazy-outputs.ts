// A resource's output properties, made when the program first reads them.
//
// When the SDK registers a resource it gives it one Output per property its class declares (an ECS
// service has about thirty), each built from eight promises and a dozen closures, and holds them
// until the registration returns. A Pulumi program constructs every resource before the first
// registration returns, so a plan of 4,000 resources held some 60,000 Outputs at once, though the
// program reads only a few of them (an ARN, a name). They were most of a large plan's memory and of
// its garbage-collection time.
//
// Here each property is a getter that builds the SDK's own Output on first read, with the same
// promises; the registration's result settles it whenever it is made. A property read before the
// registration returns (every read while the program runs) behaves exactly as before. One read
// afterwards gets an Output that is already settled, as it would have been. A property never read
// costs one small record. The plan's JSON is byte-identical either way: the golden tests hold that.
//
// `pulumi up` does not load this file.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module of @pulumi/pulumi, typed here with only what the engine uses
const rpc = require("@pulumi/pulumi/runtime/rpc") as { transferProperties: TransferProperties };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module of @pulumi/pulumi, typed here with only what the engine uses
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: <T>(p: Promise<T>, ctx: string) => Promise<T> };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module of @pulumi/pulumi, typed here with only what the engine uses
const { Output } = require("@pulumi/pulumi/output") as { Output: new (...args: unknown[]) => unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module of @pulumi/pulumi, typed here with only what the engine uses
const { isGrpcError } = require("@pulumi/pulumi/errors") as { isGrpcError: (err: unknown) => boolean };

type Resolver = (value: unknown, isKnown: boolean, isSecret: boolean, deps?: unknown[], err?: Error) => void;
type TransferProperties = (onto: Record<string, unknown>, label: string, props: Record<string, unknown>) => Record<string, Resolver>;

/** What the registration said about one property. */
type Settled = { readonly value: unknown; readonly isKnown: boolean; readonly isSecret: boolean; readonly deps: unknown[] } | { readonly err: Error };

/** The SDK's four promises for one property, and how to settle them. */
function promisesFor(): { readonly promises: Promise<unknown>[]; readonly settle: (s: Settled) => void } {
    const resolves: ((v: unknown) => void)[] = [];
    const rejects: ((e: unknown) => void)[] = [];
    const promises = [0, 1, 2, 3].map(() =>
        debuggable.debuggablePromise(
            new Promise((resolve, reject) => {
                resolves.push(resolve);
                rejects.push(reject);
            }),
            "",
        ),
    );
    const settle = (s: Settled) => {
        if ("err" in s) rejects.forEach((reject) => reject(s.err));
        else [s.value, s.isKnown, s.isSecret, s.deps].forEach((v, i) => resolves[i](v));
    };
    return { promises, settle };
}

/** The SDK's transferProperties, with each Output made on first read. */
const lazyTransferProperties: TransferProperties = (onto, label, props) => {
    const resolvers: Record<string, Resolver> = {};
    for (const k of Object.keys(props)) {
        if (k === "id" || k === "urn") continue; // the SDK makes these itself
        if (Object.prototype.hasOwnProperty.call(onto, k)) throw new Error(`Property '${k}' is already initialized on target '${label}`);
        let settled: Settled | undefined;
        let settle: ((s: Settled) => void) | undefined;
        resolvers[k] = (value, isKnown, isSecret, deps = [], err) => {
            if (err && isGrpcError(err)) return; // as the SDK: the engine reports these itself
            const s: Settled = err ? { err } : { value, isKnown, isSecret, deps };
            if (settle) settle(s);
            else settled = s;
        };
        const define = (value: unknown) => Object.defineProperty(onto, k, { value, writable: true, enumerable: true, configurable: true });
        Object.defineProperty(onto, k, {
            enumerable: true,
            configurable: true,
            get() {
                const made = promisesFor();
                const output = new Output(onto, ...made.promises);
                define(output);
                if (settled) made.settle(settled);
                else settle = made.settle;
                return output;
            },
            set: define,
        });
    }
    return resolvers;
};

let done = false;

/** Output properties made on first read, for every resource registered from now on. Idempotent. */
export function makeOutputsOnFirstRead(): void {
    if (done) return;
    done = true;
    rpc.transferProperties = lazyTransferProperties;
}
