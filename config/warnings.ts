// Warnings: config that deploys, but that a careful engineer would want to hear about (a prod stack
// on HTTP only, a platform AWS has closed to new customers). They never fail a deployment. Under
// `pulumi up` they are Pulumi warnings; the offline plan collects them for its JSON and stderr.
import * as pulumi from "@pulumi/pulumi";

/** One warning: where it is (a key path such as `berth:platform`) and what to know about it. */
export interface ConfigWarning {
    readonly path: string;
    readonly message: string;
}

export function formatWarning(w: ConfigWarning): string {
    return `${w.path}: ${w.message}`;
}

let sink: ((w: ConfigWarning) => void) | undefined;

/** Sends warnings to `into` instead of Pulumi's log (the plan engine does this); undefined restores the log. */
export function collectWarnings(into?: (w: ConfigWarning) => void): void {
    sink = into;
}

export function reportWarnings(warnings: ReadonlyArray<ConfigWarning>): void {
    for (const w of warnings) {
        if (sink) sink(w);
        // Pulumi queues the log message; nothing waits for it, as with any Pulumi log call.
        else void pulumi.log.warn(formatWarning(w));
    }
}
