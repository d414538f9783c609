// Issue 21's policies for storage, load balancers, EC2, messaging and data, and berth's reliability
// rules. Each area's file holds its own; the pack and the plan read this list.
import type { Policy } from "../types";
import { DATA_POLICIES } from "./b-data";
import { NETWORK_POLICIES } from "./b-network";
import { RELIABILITY_POLICIES } from "./b-reliability";
import { STORAGE_POLICIES } from "./b-storage";

export const POLICIES_B: ReadonlyArray<Policy> = [...STORAGE_POLICIES, ...NETWORK_POLICIES, ...DATA_POLICIES, ...RELIABILITY_POLICIES];
