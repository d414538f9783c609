// The matching rules under berth's IAM evaluator: wildcards in Action/Resource, and the condition
// operators berth writes. Semantics from AWS's IAM User Guide, "IAM JSON policy elements: Condition
// operators" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html)
// and "Single-valued vs. multivalued context keys" (set operators ForAnyValue/ForAllValues).

/** The policy language as berth writes it; start/iam.ts re-exports these (its contract). */
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

export type Context = Readonly<Record<string, string | string[]>>;
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, string | string[] | boolean>>>>;

const regexCache = new Map<string, RegExp>();

/** `*` is any run of characters, `?` exactly one; nothing else is special. */
export function wildcardRegExp(pattern: string, ignoreCase: boolean): RegExp {
    const body = pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${body}$`, ignoreCase ? "is" : "s");
}

/** Whether `value` matches the wildcard `pattern`; each pattern is compiled once. */
export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
    const cacheKey = `${ignoreCase ? "i" : "s"}${pattern}`;
    let re = regexCache.get(cacheKey);
    // Stryker disable next-line ConditionalExpression: a cache; compiling the pattern again gives the same expression
    if (!re) {
        re = wildcardRegExp(pattern, ignoreCase);
        regexCache.set(cacheKey, re);
    }
    return re.test(value);
}

/** Actions are case-insensitive; the service prefix is part of the match, so `ecr:*` never covers `ecr-public:*`. */
export const actionMatches = (pattern: string, action: string): boolean => wildcardMatch(pattern, action, true);

/** ARNs are case-sensitive. */
export const resourceMatches = (pattern: string, arn: string): boolean => wildcardMatch(pattern, arn, false);

export const list = <T>(x: T | ReadonlyArray<T> | undefined): ReadonlyArray<T> => (x === undefined ? [] : Array.isArray(x) ? (x as ReadonlyArray<T>) : [x as T]);

type Compare = (policyValue: string, contextValue: string) => boolean;

/** The positive base operators; each `...Not...` form is the negation of one of these. */
const POSITIVE: Readonly<Record<string, Compare>> = {
    StringEquals: (p, c) => p === c,
    StringEqualsIgnoreCase: (p, c) => p.toLowerCase() === c.toLowerCase(),
    StringLike: (p, c) => wildcardMatch(p, c, false),
    // ArnEquals and ArnLike behave the same: both take wildcards in any ARN segment (the page's ARN table).
    ArnEquals: (p, c) => wildcardMatch(p, c, false),
    ArnLike: (p, c) => wildcardMatch(p, c, false),
    Bool: (p, c) => p.toLowerCase() === c.toLowerCase(),
};

const NEGATED: Readonly<Record<string, string>> = {
    StringNotEquals: "StringEquals",
    StringNotEqualsIgnoreCase: "StringEqualsIgnoreCase",
    StringNotLike: "StringLike",
    ArnNotEquals: "ArnEquals",
    ArnNotLike: "ArnLike",
};

export interface ParsedOperator {
    readonly set?: "ForAnyValue" | "ForAllValues";
    readonly base: string;
    readonly ifExists: boolean;
}

/** Splits `ForAllValues:StringEqualsIfExists` into its parts; throws on an operator berth's evaluator does not know. */
export function parseOperator(operator: string): ParsedOperator {
    // Stryker disable next-line Regex: exec tries position 0 first, and the lazy group matches from there, so ^ changes nothing
    const m = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/.exec(operator);
    const base = m?.[2] ?? operator;
    if (!m || !(base in POSITIVE || base in NEGATED || base === "Null") || (base === "Null" && (m[1] || m[3]))) {
        throw new Error(`IAM condition operator ${operator} is not one berth's evaluator knows`);
    }
    return { set: m[1] as ParsedOperator["set"], base, ifExists: !!m[3] };
}

/** Condition keys are case-insensitive (the Condition element page); values are not. */
function lookup(context: Context, key: string): string[] | undefined {
    const wanted = key.toLowerCase();
    for (const [k, v] of Object.entries(context)) if (k.toLowerCase() === wanted) return Array.isArray(v) ? v : [v];
    return undefined;
}

/**
 * One operator over one key. Multiple policy values are OR'd. An absent key makes the condition
 * false, and true for a negated operator (StringNotLike, ArnNotLike, ...), true with IfExists, and for
 * Null tests the absence itself (the page's "Important" box). ForAllValues holds for an absent or
 * empty key; ForAnyValue does not.
 */
export function conditionHolds(operator: string, key: string, policyValues: string | string[] | boolean, context: Context): boolean {
    const op = parseOperator(operator);
    const values = list(policyValues).map(String);
    const present = lookup(context, key);
    if (op.base === "Null") return values.some((v) => (v.toLowerCase() === "true") === (present === undefined));
    const negated = op.base in NEGATED;
    const compare = POSITIVE[negated ? NEGATED[op.base] : op.base];
    // Whether one context value satisfies the operator: a negated one means it matches none of the values.
    const one = (c: string): boolean => values.some((p) => compare(p, c)) !== negated;
    if (op.set === "ForAllValues") return (present ?? []).every(one);
    if (op.set === "ForAnyValue") return (present ?? []).some(one);
    if (present === undefined) return op.ifExists || negated;
    return negated ? present.every(one) : present.some(one);
}

/** Every operator and every key in a Condition block must hold (AND); values within one are OR'd. */
export function conditionsHold(block: ConditionBlock | undefined, context: Context): boolean {
    if (!block) return true;
    return Object.entries(block).every(([operator, keys]) => Object.entries(keys).every(([key, values]) => conditionHolds(operator, key, values, context)));
}
