// How each service key lands on each platform: honoured as on ECS, done differently (and how), or
// refused (and why). The table lives in parity-table.ts (keys in the schema today) and
// parity-incoming.ts (keys on their way); this module holds the shape and reads it. Pure: the plan
// reports it, the docs page is generated from it, and tests hold it to the schema and the validators.
import { Platform, PLATFORMS } from "./schema";
import { SHIPPED_ROWS } from "./parity-table";
import { INCOMING_ROWS } from "./parity-incoming";
import { ParityCell, ParityStatus } from "./parity-cells";

export type { ParityCase, ParityCell, ParityStatus } from "./parity-cells";

/** One service key on the chosen platform, as the plan JSON's `parity` field lists it. */
export interface ParityEntry {
    readonly service: string;
    readonly key: string;
    readonly status: ParityStatus;
    readonly note: string;
}

/** Every service key, every platform. Keys the schema does not have yet may be listed; every key it has must be. */
export const PARITY: Readonly<Record<string, Readonly<Record<Platform, ParityCell>>>> = { ...SHIPPED_ROWS, ...INCOMING_ROWS };

/**
 * Keys that matter on a platform even when the stack file leaves them to their defaults: every pod on
 * Kubernetes gets a size and, with a port, probes, and neither works as on ECS.
 */
export const ALWAYS_REPORTED: Readonly<Partial<Record<Platform, ReadonlyArray<{ readonly key: string; readonly applies: (svc: Readonly<Record<string, unknown>>) => boolean }>>>> = {
    eks: [
        { key: "cpu", applies: () => true },
        { key: "memory", applies: () => true },
        { key: "healthCheck", applies: (svc) => svc.port !== undefined },
    ],
    kubernetes: [
        { key: "cpu", applies: () => true },
        { key: "memory", applies: () => true },
        { key: "healthCheck", applies: (svc) => svc.port !== undefined },
    ],
};

/** The cell's verdict for one value as written: the first case that holds, else the cell's own. */
export function parityOf(platform: Platform, key: string, value: unknown): { status: ParityStatus; note: string } | undefined {
    const cell = PARITY[key]?.[platform];
    if (!cell) return undefined;
    const hit = cell.cases.find((c) => c.test(value));
    return hit ? { status: hit.status, note: hit.note } : { status: cell.status, note: cell.note };
}

const isPlatform = (p: unknown): p is Platform => (PLATFORMS as ReadonlyArray<unknown>).includes(p);

/**
 * What happens to each key each service sets, as the stack file writes it (defaults are filled in
 * later, and a default is no choice of the user's), plus the keys ALWAYS_REPORTED for the platform.
 * Keys the table does not know are left to the schema to reject. Sorted by service, then key.
 */
export function serviceParity(platform: string | null, services: unknown): ParityEntry[] {
    if (!isPlatform(platform) || !services || typeof services !== "object" || Array.isArray(services)) return [];
    const entries: ParityEntry[] = [];
    for (const [service, raw] of Object.entries(services as Record<string, unknown>)) {
        const svc = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
        const always = (ALWAYS_REPORTED[platform] ?? []).filter((a) => a.applies(svc)).map((a) => a.key);
        const keys = new Set([...Object.keys(svc).filter((k) => svc[k] !== undefined), ...always]);
        for (const key of keys) {
            const verdict = parityOf(platform, key, svc[key]);
            if (verdict) entries.push({ service, key, ...verdict });
        }
    }
    const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return entries.sort((a, b) => order(a.service, b.service) || order(a.key, b.key));
}
