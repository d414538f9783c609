// The vocabulary of the parity table (parity.ts): a cell per key and platform, and a builder that
// fills the seven platforms from their three families, so a row reads as what differs between them.
import { Platform } from "./schema";

export type ParityStatus = "honoured" | "differently" | "refused";

/** A verdict that holds only for some values as written (`user: 0`, `readonlyRootFilesystem: true`). */
export interface ParityCase {
    /** What the value is, for people: "true", "0", "steps set". */
    readonly when: string;
    readonly test: (value: unknown) => boolean;
    readonly status: ParityStatus;
    readonly note: string;
}

/** A key on one platform: the verdict for any value, unless one of its cases holds first. */
export interface ParityCell {
    readonly status: ParityStatus;
    readonly note: string;
    readonly cases: ReadonlyArray<ParityCase>;
}

type Case = Omit<ParityCase, "when" | "test">;

const cell =
    (status: ParityStatus) =>
    (note: string, ...cases: ParityCase[]): ParityCell => ({ status, note, cases });

export const honoured = cell("honoured");
export const differently = cell("differently");
export const refused = cell("refused");

/** A case: `when(label, test, refused("why"))`. */
export const when = (label: string, test: (value: unknown) => boolean, verdict: Case): ParityCase => ({ when: label, test, status: verdict.status, note: verdict.note });

/** The object a value is, or an empty one. */
export const fields = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
/** Whether the value (an object as written) sets any of these keys. */
export const sets =
    (...keys: string[]) =>
    (v: unknown): boolean =>
        keys.some((k) => fields(v)[k] !== undefined && !(Array.isArray(fields(v)[k]) && (fields(v)[k] as unknown[]).length === 0));

export type ManagedPlatform = "apprunner" | "ecs-express";
/** How a note names each managed platform. */
const MANAGED_NAMES: Record<ManagedPlatform, string> = { apprunner: "App Runner", "ecs-express": "Express Mode" };

/**
 * One row. `ecs` covers ecs-fargate, ecs-ec2 and ecs-anywhere, `k8s` covers eks and kubernetes,
 * `managed` covers apprunner and ecs-express (a cell, or one made per platform from its name, as its
 * validator words it); a platform named on its own overrides its family.
 */
export interface RowSpec {
    readonly ecs: ParityCell;
    readonly k8s?: ParityCell;
    readonly managed?: ParityCell | ((name: string, platform: ManagedPlatform) => ParityCell);
    readonly platforms?: Partial<Record<Platform, ParityCell>>;
}

export function row(spec: RowSpec): Record<Platform, ParityCell> {
    const managed = (p: ManagedPlatform) => (typeof spec.managed === "function" ? spec.managed(MANAGED_NAMES[p], p) : spec.managed);
    const family = (p: Platform): ParityCell | undefined => (p.startsWith("ecs-") && p !== "ecs-express" ? spec.ecs : p === "eks" || p === "kubernetes" ? spec.k8s : managed(p as ManagedPlatform));
    const platforms: Platform[] = ["ecs-fargate", "ecs-ec2", "ecs-anywhere", "eks", "kubernetes", "apprunner", "ecs-express"];
    return Object.fromEntries(platforms.map((p) => [p, spec.platforms?.[p] ?? family(p)])) as Record<Platform, ParityCell>;
}
