// IAM evaluation over the plan's recorded policy documents (issue 23): berth's own evaluator for the
// subset of IAM that berth writes. STUB: the signatures are the contract; the implementation lands
// with the IAM helper's branch.
import type { PlanIndex } from "./types";

export interface PolicyStatement {
    readonly Sid?: string;
    readonly Effect: "Allow" | "Deny";
    readonly Action?: string | string[];
    readonly NotAction?: string | string[];
    readonly Resource?: string | string[];
    readonly NotResource?: string | string[];
    readonly Principal?: unknown;
    readonly Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export interface PolicyDocument {
    readonly Version?: string;
    readonly Statement: PolicyStatement | PolicyStatement[];
}

/** A policy document and where it came from: the URN of the resource that carries it, or a managed policy's ARN. */
export interface SourcedPolicy {
    readonly source: string;
    readonly document: PolicyDocument;
}

/** One API call: the action, the resource ARN it acts on ("*" for actions without resource-level permissions), and the request context. */
export interface IamRequest {
    readonly action: string;
    readonly resource: string;
    /** Condition keys and their values in this request (e.g. `kms:ViaService`). Keys not given are absent. */
    readonly context?: Readonly<Record<string, string | string[]>>;
}

export type Decision =
    | { readonly decision: "allow"; readonly by: string }
    | { readonly decision: "explicit-deny"; readonly by: string }
    | { readonly decision: "implicit-deny"; readonly reason: string };

/** Identity-policy evaluation: an explicit Deny wins, then any Allow, else implicitly denied. `by` names the source and the statement's Sid or index. */
export function evaluate(_policies: ReadonlyArray<SourcedPolicy>, _req: IamRequest): Decision {
    throw new Error("start/iam.ts: evaluate is not implemented yet");
}

export interface RolePolicies {
    /** The role's ARN as asked. */
    readonly role: string;
    /** Whether the plan records the role at all (a role from outside the stack is not). */
    readonly recorded: boolean;
    /** Inline policies, customer policies attached, and AWS managed policies attached whose documents berth keeps as data. */
    readonly policies: SourcedPolicy[];
    /** Attached policies whose documents neither the plan nor berth's data hold (their ARNs). */
    readonly unknown: string[];
}

/** Every identity policy of the role named by `roleRef` (its ARN or name), as the plan records them. */
export function policiesOfRole(_index: PlanIndex, _roleRef: string): RolePolicies {
    throw new Error("start/iam.ts: policiesOfRole is not implemented yet");
}

/** The resource policies the plan records for `resourceArn` (secret, KMS key, bucket, repository policies). */
export function resourcePolicies(_index: PlanIndex, _resourceArn: string): SourcedPolicy[] {
    throw new Error("start/iam.ts: resourcePolicies is not implemented yet");
}

/** Resource-policy evaluation for `principalArn`'s request: Allow needs a statement naming the principal (or its account). */
export function evaluateResourcePolicy(_policies: ReadonlyArray<SourcedPolicy>, _principalArn: string, _req: IamRequest): Decision {
    throw new Error("start/iam.ts: evaluateResourcePolicy is not implemented yet");
}
