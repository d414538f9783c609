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

/** The URN tests/handmade-plans.ts's `res` gives a resource: what a handmade dependency names. */
export const urnOf = (type: string, name: string) => `urn:pulumi:s::berth::${type}::${name}`;

/** Types the deploy-time tests build graphs of. */
export const LB = "aws:lb/loadBalancer:LoadBalancer";
export const SERVICE = "aws:ecs/service:Service";
export const NAT = "aws:ec2/natGateway:NatGateway";
export const ROLE = "aws:iam/role:Role";
export const PROFILE = "aws:eks/fargateProfile:FargateProfile";
export const ASG = "aws:autoscaling/group:Group";
