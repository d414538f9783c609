// The resolved EKS spec and the placement rules shared by validation and composition: which pods a
// Fargate profile takes, and whether a cluster has EC2 nodes at all.
import type { Environment } from "../schema";
import type { EksConfig } from "./schema";
import { EKS_AMI_RELEASE } from "../facts/eks";

/** The label every pod of a service carries; Fargate selectors and the Service select on it. */
export const APP_LABEL = "app.kubernetes.io/name";

export interface FargateSelector {
    readonly namespace: string;
    readonly labels: Readonly<Record<string, string>>;
}

export type EksNodeGroupSpec =
    | {
          readonly type: "managed" | "self-managed";
          readonly instanceTypes: ReadonlyArray<string>;
          readonly spot: boolean;
          readonly minSize: number;
          readonly maxSize: number;
          readonly desiredSize: number;
          readonly rootVolumeGiB: number;
          readonly labels: Readonly<Record<string, string>>;
      }
    | {
          readonly type: "karpenter";
          readonly instanceTypes: ReadonlyArray<string>;
          readonly spot: boolean;
          /** The most nodes the NodePool may run at once. */
          readonly maxSize: number;
          readonly rootVolumeGiB: number;
          readonly labels: Readonly<Record<string, string>>;
      }
    | { readonly type: "fargate"; readonly selectors: ReadonlyArray<FargateSelector> };

export interface EksSpec extends Omit<EksConfig, "nodeGroups" | "amiRelease"> {
    readonly nodeGroups: Readonly<Record<string, EksNodeGroupSpec>>;
    /** The AMI release self-managed and Karpenter nodes run. */
    readonly amiRelease: string;
}

/** Pods of service `name` match a selector when it names their namespace and all its labels are theirs. */
export function selects(selector: FargateSelector, service: string): boolean {
    return selector.namespace === service && Object.entries(selector.labels).every(([k, v]) => k === APP_LABEL && v === service);
}

/** A node group as config or as spec: what placement needs of it. */
export interface GroupLike {
    readonly type: string;
    readonly selectors?: ReadonlyArray<FargateSelector>;
}

/** True when the service's pods land on Fargate: some Fargate profile selects them. */
export function runsOnFargate(groups: Readonly<Record<string, GroupLike>>, service: string, services: ReadonlyArray<string>): boolean {
    return Object.values(groups).some((g) => g.type === "fargate" && fargateSelectors(g, services).some((s) => selects(s, service)));
}

/** A Fargate group's selectors: the configured ones, or every service's namespace. */
export function fargateSelectors(g: Pick<GroupLike, "selectors">, services: ReadonlyArray<string>): FargateSelector[] {
    return g.selectors ? g.selectors.map((s) => ({ namespace: s.namespace, labels: s.labels })) : services.map((namespace) => ({ namespace, labels: {} }));
}

/** True when some capacity is EC2 (managed, self-managed or Karpenter's nodes). */
export function hasNodes(groups: Readonly<Record<string, GroupLike>>): boolean {
    return Object.values(groups).some((g) => g.type !== "fargate");
}

/** Node group defaults: on-demand t3.medium, 1-3 nodes (2-3 in prod, one per AZ to lose). */
export function resolveEks(eks: EksConfig, environment: Environment, services: ReadonlyArray<string>): EksSpec {
    const nodeGroups = Object.fromEntries(
        Object.entries(eks.nodeGroups).map(([name, g]): [string, EksNodeGroupSpec] => {
            if (g.type === "fargate") return [name, { type: "fargate", selectors: fargateSelectors(g, services) }];
            if (g.type === "karpenter") {
                const { instanceTypes = ["t3.medium"], spot = false, maxSize = 3, rootVolumeGiB = 20, labels = {} } = g;
                return [name, { type: "karpenter", instanceTypes, spot, maxSize, rootVolumeGiB, labels }];
            }
            const minSize = g.minSize ?? Math.min(environment === "prod" ? 2 : 1, g.maxSize ?? 3);
            return [
                name,
                {
                    type: g.type,
                    instanceTypes: g.instanceTypes ?? ["t3.medium"],
                    spot: g.spot ?? false,
                    minSize,
                    maxSize: g.maxSize ?? Math.max(3, minSize),
                    desiredSize: g.desiredSize ?? minSize,
                    rootVolumeGiB: g.rootVolumeGiB ?? 20,
                    labels: g.labels ?? {},
                },
            ];
        }),
    );
    return { ...eks, amiRelease: eks.amiRelease ?? EKS_AMI_RELEASE, nodeGroups };
}
