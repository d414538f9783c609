// Placeholders: values from documentation and berth's own examples that plan as well as real ones but
// reach nothing once deployed. A documentation CIDR admits no real client, the example account is no
// one's, an example.com name resolves nowhere useful. They warn in every environment, so `--strict`
// fails on them; the shipped stacks carry them, each with a "Replace" comment beside it.
import { keyPath } from "./errors";
import { ConfigWarning } from "./warnings";

/** The address blocks reserved for documentation: RFC 5737 (IPv4) and RFC 3849 (IPv6). */
const DOCUMENTATION_RANGES: ReadonlyArray<{ readonly pattern: RegExp; readonly range: string }> = [
    { pattern: /^192\.0\.2\.\d{1,3}(\/\d{1,2})?$/, range: "192.0.2.0/24 (RFC 5737)" },
    { pattern: /^198\.51\.100\.\d{1,3}(\/\d{1,2})?$/, range: "198.51.100.0/24 (RFC 5737)" },
    { pattern: /^203\.0\.113\.\d{1,3}(\/\d{1,2})?$/, range: "203.0.113.0/24 (RFC 5737)" },
    { pattern: /^2001:0?db8:/i, range: "2001:db8::/32 (RFC 3849)" },
];

/** The account ids of AWS's documentation (and of berth's partner example, 210987654321), in an ARN or alone. */
const EXAMPLE_ACCOUNT = /(^|[^0-9])(123456789012|111122223333|444455556666|210987654321)([^0-9]|$)/;

/** Names RFC 2606 reserves for examples: example.com, .net, .org and the .example top-level domain. */
const EXAMPLE_DOMAIN = /(^|[.@])(example\.(com|net|org)|[a-z0-9-]+\.example)$/i;

/**
 * Ids in the shape of the examples: AWS's documentation marks its ids with EXAMPLE
 * (`Z3M3LMPEXAMPLE`); berth's stacks use the hosted zone Z0123456789ABCDEFGHIJ.
 */
const EXAMPLE_ID = /EXAMPLE|^Z0123456789ABCDEFGHIJ$/;

/** What is wrong with one value, or undefined for a value that looks real. */
export function placeholderProblem(value: string): string | undefined {
    const range = DOCUMENTATION_RANGES.find((r) => r.pattern.test(value));
    if (range) return `is ${value}, in ${range.range}, a range reserved for documentation: no real client or network has it; replace it with your own`;
    const account = EXAMPLE_ACCOUNT.exec(value)?.[2];
    if (account) return `is ${value}: ${account} is an example account from the documentation, no one's; replace it with the real account's`;
    if (EXAMPLE_DOMAIN.test(value)) return `is ${value}, a name reserved for examples (RFC 2606): replace it with your own`;
    if (EXAMPLE_ID.test(value)) return `is ${value}, the example's placeholder: replace it with your own`;
    return undefined;
}

/** Every placeholder in the raw `berth:` config, at its leaf's key path (`berth:loadBalancer.allowedCidrs.0`). */
export function placeholderWarnings(raw: Record<string, unknown>): ConfigWarning[] {
    const out: ConfigWarning[] = [];
    const walk = (value: unknown, at: ReadonlyArray<PropertyKey>) => {
        if (typeof value === "string") {
            const problem = placeholderProblem(value);
            if (problem) out.push({ code: "placeholder", path: keyPath(...at), message: problem });
        } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, i]));
        else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
    };
    for (const [k, v] of Object.entries(raw)) walk(v, [k]);
    return out;
}
