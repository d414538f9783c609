// "Did you mean": the nearest of the allowed words to what the user wrote, for unknown keys, enum
// values and names. Only a close match is suggested; a far one would be noise.

/** Edits (insert, delete, substitute, swap two neighbours) between a and b: optimal string alignment. */
export function editDistance(a: string, b: string): number {
    // Row 0 and column 0 count the edits from an empty prefix (j and i); the loop overwrites the rest.
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => i + j));
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            // A swap needs two characters on each side: at i or j = 1, a[-1] or b[-1] is undefined and equals no character.
            if (a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}

const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, "");

/** Words other tools use for berth's keys: Kubernetes, Compose, CDK (normalized: lowercase, no separators). */
const SYNONYMS: Readonly<Record<string, string>> = {
    replicas: "desiredCount",
    count: "desiredCount",
    instances: "desiredCount",
    env: "environment",
    ports: "port",
    containerport: "port",
    mem: "memory",
    memorylimitmib: "memory",
    probe: "healthCheck",
    autoscaling: "scaling",
    args: "command",
    entrypoint: "command",
};

/**
 * The candidate the user most likely meant, or undefined: another tool's word for it; then a
 * candidate that contains what was written or is contained in it (`fargate` for `ecs-fargate`);
 * then the fewest edits, at most a third of the word. A match ignoring case and separators
 * (`desiredcount`, `load_balancer`) wins either way: it contains itself, and is 0 edits away.
 */
export function closest(written: string, candidates: ReadonlyArray<string>): string | undefined {
    const w = norm(written);
    if (!w) return undefined;
    const synonym = SYNONYMS[w];
    if (synonym && candidates.includes(synonym)) return synonym;
    const containing = candidates.filter((c) => w.length >= 3 && (norm(c).includes(w) || w.includes(norm(c))));
    if (containing.length === 1) return containing[0];
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const c of candidates) {
        const d = editDistance(w, norm(c));
        if (d < bestDistance) [best, bestDistance] = [c, d];
    }
    return bestDistance <= Math.max(1, Math.floor(w.length / 3)) ? best : undefined;
}

/** "Did you mean X?", or nothing. */
export function didYouMean(written: string, candidates: ReadonlyArray<string>, quote = false): string | undefined {
    const c = closest(written, candidates);
    return c === undefined || c === written ? undefined : `did you mean ${quote ? JSON.stringify(c) : c}?`;
}
