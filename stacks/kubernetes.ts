// Any existing Kubernetes cluster, from a kubeconfig held in secret config: the same services as on
// EKS, with nothing created in AWS.
import { StackOutputs } from "./outputs";
import { BerthSpec } from "./spec";

export function kubernetes(spec: BerthSpec): StackOutputs {
    throw new Error(`platform ${spec.platform}: not yet`);
}
