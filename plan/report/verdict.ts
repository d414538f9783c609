// The report's verdict: in plain words, the cheapest place, the fastest to deploy, the least to
// operate, and what each of them gives up against the others. It names the trade-offs and leaves
// the choice to the reader (issue 24).
import { opsSummary } from "./facts";
import { type Block, duration, money } from "./outline";
import type { Column, OpsFacts, PlatformFacts } from "./types";

type Planned = Extract<Column, { ok: true }>;

/** A platform whose bill the estimate cannot see whole: an existing cluster's nodes are someone else's. */
const COST_UNKNOWN = new Set(["kubernetes"]);

/**
 * What a team keeps current, heaviest first: a control plane to upgrade, node groups, Helm releases
 * and add-ons, AMIs, NAT instances, a private endpoint. Compared in that order, so one control plane
 * outweighs any number of AMIs.
 */
export function burden(o: OpsFacts): number[] {
    return [o.controlPlane ? 1 : 0, o.nodes.length, o.helmReleases.length + o.addons.length, o.amis.length, o.natInstances, o.privateEndpoint ? 1 : 0];
}

function compareBurden(a: OpsFacts, b: OpsFacts): number {
    const [x, y] = [burden(a), burden(b)];
    const i = x.findIndex((v, k) => v !== y[k]);
    return i < 0 ? 0 : x[i] - y[i];
}

/** The columns that tie for the best by `compare`, in the report's order. */
function best(columns: ReadonlyArray<Planned>, compare: (a: Planned, b: Planned) => number): Planned[] {
    const sorted = [...columns].sort(compare);
    return sorted.length ? columns.filter((c) => compare(c, sorted[0]) === 0) : [];
}

const names = (cs: ReadonlyArray<Column>) =>
    cs.length < 3
        ? cs.map((c) => c.id).join(" and ")
        : `${cs
              .slice(0, -1)
              .map((c) => c.id)
              .join(", ")} and ${cs[cs.length - 1].id}`;

/** What `c` gives up against the winners, and on its own: Spot capacity, keys that land differently, assumed starts, its mark. */
function givesUp(c: Planned, cheapest: Planned[], fastest: Planned[], lightest: Planned[]): string[] {
    const f: PlatformFacts = c.facts;
    const out: string[] = [];
    const [cheap, fast, light] = [cheapest[0], fastest[0], lightest[0]];
    if (cheap && f.cost && !cheapest.includes(c) && !COST_UNKNOWN.has(c.platform)) out.push(`costs ${money(f.cost.monthly - cheap.facts.cost!.monthly, f.cost.currency)} more a month than ${cheap.id}`);
    if (fast && f.deploy && !fastest.includes(c)) out.push(`takes ${duration(f.deploy.seconds - fast.facts.deploy!.seconds)} longer to deploy than ${fast.id}`);
    if (light && !lightest.includes(c)) out.push(`has the team run ${opsSummary(f)}, where ${light.id} has ${opsSummary(light.facts)}`);
    if (f.cost?.largest.some((l) => / Spot\b/.test(l.description))) out.push("runs on Spot capacity, which AWS can reclaim with two minutes' warning");
    if (f.parity.length) {
        const keys = [...new Set(f.parity.map((e) => `${e.service}.${e.key}`))];
        out.push(`lands ${keys.length} service key${keys.length === 1 ? "" : "s"} differently than ECS on Fargate (${keys.slice(0, 3).join(", ")}${keys.length > 3 ? ", …" : ""})`);
    }
    if (f.start && f.start.assumed + f.start.cannot > 0) out.push(`starts ${f.start.assumed + f.start.cannot} workload${f.start.assumed + f.start.cannot === 1 ? "" : "s"} only on assumptions or not at all`);
    if (c.mark) out.push(c.mark);
    return out;
}

/** The verdict block: the three bests, what each gives up, and where the services cannot run as written. */
export function verdictBlock(columns: ReadonlyArray<Column>): Block {
    const planned = columns.filter((c): c is Planned => c.ok);
    const priced = planned.filter((c) => c.facts.cost && !COST_UNKNOWN.has(c.platform));
    const cheapest = best(priced, (a, b) => a.facts.cost!.monthly - b.facts.cost!.monthly);
    const fastest = best(
        planned.filter((c) => c.facts.deploy),
        (a, b) => a.facts.deploy!.seconds - b.facts.deploy!.seconds,
    );
    const lightest = best(planned, (a, b) => compareBurden(a.facts.ops, b.facts.ops));
    const items: string[] = [];
    if (cheapest.length) {
        const c = cheapest[0].facts.cost!;
        const unknown = planned.filter((p) => COST_UNKNOWN.has(p.platform));
        items.push(`Cheapest: ${names(cheapest)}, ${money(c.monthly, c.currency)} a month, ${money(c.fixed, c.currency)} of it fixed (what it costs idle)${unknown.length ? `; ${names(unknown)} left out, its cluster's cost unknown` : ""}.`);
    }
    if (fastest.length) items.push(`Fastest to deploy: ${names(fastest)}, ${duration(fastest[0].facts.deploy!.seconds)} from nothing.`);
    if (lightest.length) items.push(`Least to operate: ${names(lightest)}, with ${opsSummary(lightest[0].facts)} to keep current.`);
    for (const c of [...new Set([...cheapest, ...fastest, ...lightest])]) {
        const lost = givesUp(c, cheapest, fastest, lightest);
        items.push(`${c.id} gives up: ${lost.length ? lost.join("; ") : "nothing the report measures"}.`);
    }
    const refused = columns.filter((c) => !c.ok);
    if (refused.length) items.push(`${names(refused)} cannot run these services as written: ${refused.length === 1 ? "its section names" : "their sections name"} each key to change.`);
    if (!planned.length) return { heading: "In short", text: "the services run on none of these platforms as written.", items };
    return { heading: "In short", text: "the report does not choose; it says what each choice costs.", items };
}
