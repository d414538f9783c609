// The stack file's values as the user wrote them, beside what Pulumi's config map hands the program:
// structured keys parsed back from their JSON, and config errors shown with the values as written.
import type { ConfigError } from "../config/errors";
import type { UsageOverrides } from "../config/usage-schema";
import type { SecretKeys } from "../start/secrets";

/** A structured key (`berth:services`, `berth:usage`) as the stack file writes it, before defaults: the config map holds it as JSON. */
export function asWritten(value: string | undefined): unknown {
    try {
        return value === undefined ? undefined : JSON.parse(value);
    } catch {
        return undefined;
    }
}

/** `berth:usage` as the stack file writes it (validated before the program ran); the config map holds it as JSON. */
export function usageAsWritten(value: string | undefined): Partial<UsageOverrides> | undefined {
    const parsed = asWritten(value);
    return parsed && typeof parsed === "object" ? parsed : undefined;
}

/** Each service's secrets' customer-managed keys as the stack file names them (`secrets.NAME: { arn, kmsKey }`): the plan records no other link from a secret to its key. */
export function secretKeysOf(services: unknown): SecretKeys {
    if (!services || typeof services !== "object") return {};
    const keys: Record<string, Record<string, string>> = {};
    for (const [service, spec] of Object.entries(services as Record<string, { secrets?: unknown }>)) {
        const secrets = spec && typeof spec === "object" ? spec.secrets : undefined;
        if (!secrets || typeof secrets !== "object") continue;
        for (const [name, ref] of Object.entries(secrets as Record<string, { kmsKey?: unknown }>)) {
            if (ref && typeof ref === "object" && typeof ref.kmsKey === "string") (keys[service] ??= {})[name] = ref.kmsKey;
        }
    }
    return keys;
}

/**
 * Errors with each top-level value as the stack file wrote it. Pulumi hands the program every top-level
 * value as text, so `berth:replicas: 3` reaches validation as "3"; the user wrote a number.
 */
export function errorsAsWritten(errors: ReadonlyArray<ConfigError>, config: Readonly<Record<string, unknown>>): ConfigError[] {
    return errors.map((e) => {
        const written = Object.hasOwn(config, e.path) ? config[e.path] : undefined;
        return typeof e.value === "string" && (typeof written === "number" || typeof written === "boolean") && String(written) === e.value ? { ...e, value: written } : e;
    });
}
