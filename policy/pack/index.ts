// `pulumi preview --policy-pack policy/pack`: berth's policies as a CrossGuard pack. It only wraps
// policy/pack-policies.ts; the environment comes from each policy's config (`--policy-pack-config`,
// see docs/policy.md), prod when unset.
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, packPolicies } from "../pack-policies";
import { POLICIES } from "../rules";

new PolicyPack(PACK_NAME, { policies: packPolicies(POLICIES, "prod") });
