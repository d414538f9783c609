// The internal modules of @pulumi/pulumi's runtime that the plan engine (engine.ts) reaches. The mock
// monitor does not pass parents or dependencies to `Mocks`, so the engine wraps the monitor's
// registerResource to see the whole request. The interfaces declare only what the engine uses of
// them (the gRPC messages are `resource_pb`'s).

/** A `google.protobuf.Struct`. */
export interface Struct {
    toJavaScript(): Record<string, unknown>;
}

/** The `RegisterResourceRequest` a program sends for each resource. */
export interface RegisterRequest {
    getType(): string;
    getName(): string;
    /** "" for a top-level resource. */
    getParent(): string;
    getRemote(): boolean;
    getCustom(): boolean;
    /** The serialized inputs: the SDK always sets it. */
    getObject(): Struct;
    getDependenciesList(): string[];
    getRetainondelete(): boolean | undefined;
    getProtect(): boolean | undefined;
    getIgnorechangesList(): string[];
    /** "" for an alias given as a spec rather than a URN. */
    getAliasesList(): Array<{ getUrn(): string }>;
}

/** The monitor's `RegisterResourceResponse`. */
export interface RegisterResponse {
    getUrn(): string;
    /** "" for a component. */
    getId(): string;
    getObject(): Struct | undefined;
}

export type RegisterCallback = (err: unknown, resp: RegisterResponse | undefined) => void;

export interface Monitor {
    registerResource(req: RegisterRequest, callback: RegisterCallback): void;
}

/** `@pulumi/pulumi/runtime/settings`. */
export interface RuntimeSettings {
    getMonitor(): Monitor;
    /** Resolves once every RPC the program started has finished. */
    waitForRPCs(): Promise<void>;
}

/** `@pulumi/pulumi/runtime/rpc`. */
export interface RuntimeRpc {
    readonly specialSigKey: string;
    readonly specialSecretSig: string;
    readonly specialResourceSig: string;
    deserializeProperty(prop: unknown): unknown;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module of @pulumi/pulumi, typed here with only what the engine uses
export const settings = require("@pulumi/pulumi/runtime/settings") as RuntimeSettings;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module of @pulumi/pulumi, typed here with only what the engine uses
export const rpc = require("@pulumi/pulumi/runtime/rpc") as RuntimeRpc;
