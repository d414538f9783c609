// What `npm run bench` prints, apart from the measuring (bench.ts runs on import), so tests can call it.

export interface Measured {
    readonly label: string;
    readonly services?: number;
    readonly resources: number;
    readonly medianWallMs: number;
    readonly minWallMs: number;
    readonly maxPeakRssMb: number;
    readonly msPerResource: number;
    /** The start-path analysis's median time inside the plan (start/, issue 23). */
    readonly startPathsMs?: number;
}

/** The analysis's share of the plan's time: the target is at most 25 %. */
export const startShare = (m: Measured): number | undefined => (m.startPathsMs === undefined ? undefined : m.startPathsMs / (m.medianWallMs - m.startPathsMs));

/** The label of a generated stack: "1 service", "50 services". */
export function servicesLabel(n: number): string {
    return `${n} service${n === 1 ? "" : "s"}`;
}

/** The measurements as a Markdown table, ready for docs/plan.md: the figures there come from here, never typed. */
export function markdownTable(results: readonly Measured[]): string[] {
    return [
        "| stack | resources | median wall | peak RSS | ms per resource | start paths |",
        "|---|---|---|---|---|---|",
        ...results.map((m) => {
            const share = startShare(m);
            const start = share === undefined ? "" : `${m.startPathsMs} ms (${(share * 100).toFixed(1)} %)`;
            return `| ${m.label} | ${m.resources.toLocaleString("en-US")} | ${(m.medianWallMs / 1000).toFixed(2)} s | ${m.maxPeakRssMb.toLocaleString("en-US")} MB | ${m.msPerResource} | ${start} |`;
        }),
    ];
}
