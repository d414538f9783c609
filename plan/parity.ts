// Parity for people: under the tree, what works differently on the plan's platform than on ECS on
// Fargate; beside `--compare`, each service key's fate on two platforms side by side.
import { ParityEntry, ParityStatus } from "../config/parity";
import { Plan } from "./engine";

/** The platform every other is told apart from: ECS on Fargate, where "honoured" is defined. */
export const REFERENCE_PLATFORM = "ecs-fargate";

/** Each service's `differently` notes, once per service: its name, then `key: note` lines. None on the reference platform. */
export function renderParityNotes(plan: Pick<Plan, "platform" | "parity">): string[] {
    if (plan.platform === REFERENCE_PLATFORM) return [];
    const different = (plan.parity ?? []).filter((e) => e.status === "differently");
    if (!different.length) return [];
    const lines = [`Works differently on ${plan.platform} than on ${REFERENCE_PLATFORM} (docs/moving-between-platforms.md):`];
    let service = "";
    for (const e of different) {
        if (e.service !== service) lines.push(`  ${(service = e.service)}`);
        lines.push(`    ${e.key}: ${e.note}`);
    }
    return lines;
}

/** One service key on both stacks' platforms; "—" where a stack's service does not set or have it. */
export interface ParityRow {
    readonly service: string;
    readonly key: string;
    readonly statuses: [ParityStatus | "—", ParityStatus | "—"];
    readonly notes: [string, string];
    readonly differs: boolean;
}

export interface ParityComparison {
    readonly platforms: [string, string];
    readonly rows: ParityRow[];
}

/** Side by side, only when the two plans run on different platforms; undefined otherwise, as there is nothing to tell apart. */
export function compareParity(a: Pick<Plan, "platform" | "parity">, b: Pick<Plan, "platform" | "parity">): ParityComparison | undefined {
    if (a.platform === b.platform) return undefined;
    const id = (e: Pick<ParityEntry, "service" | "key">) => `${e.service}\0${e.key}`;
    const [ea, eb] = [a.parity ?? [], b.parity ?? []].map((list) => new Map(list.map((e) => [id(e), e])));
    const ids = [...new Set([...ea.keys(), ...eb.keys()])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const rows = ids.map((k): ParityRow => {
        const [x, y] = [ea.get(k), eb.get(k)];
        const [service, key] = k.split("\0");
        const statuses: ParityRow["statuses"] = [x?.status ?? "—", y?.status ?? "—"];
        return { service, key, statuses, notes: [x?.note ?? "", y?.note ?? ""], differs: statuses[0] !== statuses[1] };
    });
    return { platforms: [a.platform ?? "—", b.platform ?? "—"], rows };
}

const STATUS_WIDTH = "differently".length + 2;

/**
 * The rows as a table: service/key, then each stack's status; under a row, the notes of each side
 * that does not simply honour the key, so what changes in a move is read where it happens.
 */
export function renderParityComparison(c: ParityComparison, stacks: [string, string]): string[] {
    if (!c.rows.length) return [];
    const labels = c.rows.map((r) => `${r.service}/${r.key}`);
    const width = Math.max(...labels.map((l) => l.length), 11) + 2;
    const heads = stacks.map((s, i) => `${s} (${c.platforms[i]})`);
    const lines = [`Parity, per service key (≠ marks a difference; docs/moving-between-platforms.md):`, "", `    ${"".padEnd(width)}${heads[0].padEnd(Math.max(STATUS_WIDTH, heads[0].length + 2))}${heads[1]}`];
    const col = Math.max(STATUS_WIDTH, heads[0].length + 2);
    c.rows.forEach((r, i) => {
        lines.push(`  ${r.differs ? "≠" : " "} ${labels[i].padEnd(width)}${r.statuses[0].padEnd(col)}${r.statuses[1]}`);
        r.statuses.forEach((s, side) => {
            if (s !== "honoured" && s !== "—") lines.push(`        ${c.platforms[side]}: ${r.notes[side]}`);
        });
    });
    return lines;
}

/** For `--compare --quiet`: how many service keys land differently on the two platforms. */
export function renderParitySummary(c: ParityComparison): string {
    return `parity on ${c.platforms[0]} vs ${c.platforms[1]}: ${c.rows.filter((r) => r.differs).length} of ${c.rows.length} service keys differ`;
}
