// Every policy, in the order reports list them. Each area's file exports its own list.
import type { Policy } from "../types";

export const POLICIES: ReadonlyArray<Policy> = [];
