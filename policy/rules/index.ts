// Every policy, in the order reports list them. Each area's file exports its own list: a.ts the
// controls of ECS, ECR, EKS, Kubernetes, IAM, logs and the managed platforms; b.ts those of storage,
// load balancing, EC2, messaging, data and berth's reliability rules.
import type { Policy } from "../types";
import { POLICIES_A } from "./a";
import { POLICIES_B } from "./b";

export const POLICIES: ReadonlyArray<Policy> = [...POLICIES_A, ...POLICIES_B];
