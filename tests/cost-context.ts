// A cost context over handmade resources, for the cost model's unit tests: the default usage with
// `usage` on top, and the notes the lines leave, each once (as cost/estimate.ts keeps them).
import type { CostContext } from "../cost/types";
import { DEFAULT_USAGE, Usage } from "../cost/usage";
import type { PlannedResource } from "../start/types";

export function costContext(resources: PlannedResource[], opts: { readonly usage?: Partial<Usage>; readonly platform?: string } = {}): { ctx: CostContext; notes: string[] } {
    const notes: string[] = [];
    const ctx: CostContext = {
        region: "us-east-1",
        platform: opts.platform ?? "eks",
        usage: { ...DEFAULT_USAGE, ...opts.usage },
        resources,
        ofType: (type) => resources.filter((r) => r.type === type),
        byUrn: new Map(resources.map((r) => [r.urn, r])),
        note: (text) => {
            if (!notes.includes(text)) notes.push(text);
        },
    };
    return { ctx, notes };
}
