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
    /** The policies' median time inside the plan (policy/, issue 21). */
    readonly policiesMs?: number;
    /** The cost and deploy-time estimate's median time inside the plan (cost/, issue 24); in the JSON lines, not the table. */
    readonly costMs?: number;
}

/** The analysis's share of the plan's time: the target is at most 25 %. */
export const startShare = (m: Measured): number | undefined => (m.startPathsMs === undefined ? undefined : m.startPathsMs / (m.medianWallMs - m.startPathsMs));

/** The policies' share of the plan's time: the target is at most 20 %. */
export const policyShare = (m: Measured): number | undefined => (m.policiesMs === undefined ? undefined : m.policiesMs / (m.medianWallMs - m.policiesMs));

/** The label of a generated stack: "1 service", "50 services". */
export function servicesLabel(n: number): string {
    return `${n} service${n === 1 ? "" : "s"}`;
}

/** The measurements as a Markdown table, ready for docs/plan.md: the figures there come from here, never typed. */
export function markdownTable(results: readonly Measured[]): string[] {
    return [
        "| stack | resources | median wall | peak RSS | ms per resource | start paths | policies |",
        "|---|---|---|---|---|---|---|",
        ...results.map((m) => {
            const phase = (ms: number | undefined, share: number | undefined) => (share === undefined ? "" : `${ms} ms (${(share * 100).toFixed(1)} %)`);
            return `| ${m.label} | ${m.resources.toLocaleString("en-US")} | ${(m.medianWallMs / 1000).toFixed(2)} s | ${m.maxPeakRssMb.toLocaleString("en-US")} MB | ${m.msPerResource} | ${phase(m.startPathsMs, startShare(m))} | ${phase(m.policiesMs, policyShare(m))} |`;
        }),
    ];
}
