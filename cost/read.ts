// Reading the recorded inputs: the plan keeps some (container definitions, Kubernetes specs) as the
// JSON strings the provider takes, and numbers may arrive as strings ("256").
import { HOURS_PER_MONTH, PRICES, PriceKey } from "./prices";
import type { CostLine } from "./types";
import type { PlannedResource } from "../start/types";

export type Json = Record<string, unknown>;

/** An object input, parsing it when recorded as JSON text. */
export function obj(v: unknown): Json | undefined {
    if (typeof v === "string") {
        try {
            return obj(JSON.parse(v));
        } catch {
            // Text that is not JSON is no object: on to the answer below.
        }
    }
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined;
}

export function arr(v: unknown): unknown[] {
    if (typeof v === "string") {
        try {
            return arr(JSON.parse(v));
        } catch {
            // Text that is not JSON is no array: on to the answer below.
        }
    }
    return Array.isArray(v) ? v : [];
}

/** A number, from a number or numeric text; undefined otherwise. */
export function num(v: unknown): number | undefined {
    const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
    return Number.isFinite(n) ? n : undefined;
}

export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** A quantity as text: a number or a string; anything else reads as "undefined", no quantity. */
const text = (v: unknown): string => String(typeof v === "number" ? v : str(v));

/** Kubernetes CPU ("250m", "1") in vCPU. */
export function cpuQuantity(v: unknown): number {
    const s = text(v);
    if (s.endsWith("m")) return (num(s.slice(0, -1)) ?? 0) / 1000;
    return num(s) ?? 0;
}

const MEMORY_UNITS: Record<string, number> = { Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 * 1024, k: 1e3 / 2 ** 20, M: 1e6 / 2 ** 20, G: 1e9 / 2 ** 20 };

/** Kubernetes memory ("512Mi", "1Gi", bytes) in MiB. */
export function memoryQuantity(v: unknown): number {
    const m = /^([\d.]+)([A-Za-z]*)$/.exec(text(v));
    if (!m) return 0;
    const n = Number(m[1]);
    if (!m[2]) return n / 2 ** 20;
    return n * (MEMORY_UNITS[m[2]] ?? 0);
}

/** Rounds away float noise, keeping a tenth of a cent. */
export const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
export const cents = (x: number) => Math.round(x * 100) / 100;

/** A line priced from PRICES: `quantity` of the price's unit a month. */
export function priced(r: Pick<PlannedResource, "urn" | "type">, key: PriceKey, quantity: number, description: string, fixed: boolean, madeBy?: string, factor = 1): CostLine {
    const price = PRICES[key];
    const unitPrice = Number((price.usd * factor).toPrecision(10));
    return {
        urn: r.urn,
        type: r.type,
        description,
        quantity: round4(quantity),
        unit: price.unit,
        unitPrice,
        monthly: round4(quantity * unitPrice),
        fixed,
        ...(madeBy ? { madeBy } : {}),
    };
}

/** A resource billed by the hour all month: `count` of them. */
export const hourly = (r: Pick<PlannedResource, "urn" | "type">, key: PriceKey, count: number, description: string, madeBy?: string): CostLine => priced(r, key, count * HOURS_PER_MONTH, description, true, madeBy);

/** The logical name of a resource's parent component, from its URN (`...::web` → `web`); text without `::` whole. */
export function nameOfUrn(urn: string): string {
    const at = urn.lastIndexOf("::");
    return at < 0 ? urn : urn.slice(at + 2);
}
