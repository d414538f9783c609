// The program's one reading of the time: the default expiry of the ECS Anywhere activation is a
// window from the first deployment. The offline plan pins it (setClock), so that plans are the
// same from one day to the next; `pulumi up` reads the real time.
let clock: () => Date = () => new Date();

export function now(): Date {
    return clock();
}

/** Replaces the clock; undefined restores the real one. For the plan engine and tests. */
export function setClock(fixed?: () => Date): void {
    clock = fixed ?? (() => new Date());
}

/** `days` after `from`, as the RFC 3339 timestamp AWS APIs take (whole seconds, UTC). */
export function daysAfter(from: Date, days: number): string {
    return new Date(from.getTime() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
