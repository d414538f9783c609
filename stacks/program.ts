// The top of the program: the only place that reads stack config.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { appRunner } from "./apprunner";
import { ConfigError, ConfigValidationError, keyPath, NAMESPACE, NO_SECRETS_IN_CONFIG } from "../config/errors";
import { ecsAnywhere } from "./ecs-anywhere";
import { ecsEc2 } from "./ecs-ec2";
import { ecsExpress } from "./ecs-express";
import { ecsFargate } from "./ecs-fargate";
import { StackOutputs } from "./outputs";
import { Platform } from "../config/schema";
import { BerthSpec } from "../config/spec";
import { validateConfig } from "../config/validate";
import { reportWarnings } from "../config/warnings";

const COMPOSITIONS: Partial<Record<Platform, (spec: BerthSpec) => StackOutputs>> = {
    "ecs-fargate": ecsFargate,
    "ecs-ec2": ecsEc2,
    "ecs-anywhere": ecsAnywhere,
    apprunner: appRunner,
    "ecs-express": ecsExpress,
    // Loaded on first use: @pulumi/eks and @pulumi/kubernetes take ~0.1 s to load, which ECS plans need not pay.
    // An import() would make the program async, so these two stay require()s, typed by their modules.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (above)
    eks: (spec) => (require("./eks") as typeof import("./eks")).eks(spec),
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (above)
    kubernetes: (spec) => (require("./kubernetes") as typeof import("./kubernetes")).kubernetes(spec),
};

// Pulumi's own record of which keys hold secrets (`pulumi config set --secret`, with or without --path).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module of @pulumi/pulumi, not exported from its index
const { isConfigSecret } = require("@pulumi/pulumi/runtime/config") as { isConfigSecret: (key: string) => boolean };

/**
 * The one key berth accepts as a secret, and only as one: the kubeconfig of `platform: kubernetes`
 * is a credential for the target cluster, not an application secret. The composition keeps it
 * secret (pulumi.secret) wherever it goes.
 */
export const KUBECONFIG_KEY = "kubeconfig";

/**
 * Reads every `berth:` key. Pulumi hands structured values over as JSON text; a value that is not
 * valid JSON is reported like any other config mistake. berth keeps no secrets in config: a secret
 * would flow into task definitions and state in plain text, so it is refused (without echoing it).
 * The kubeconfig is the exception, and is refused the other way round: in plain text.
 */
export function readBerthConfig(all: Record<string, string>, isSecret: (key: string) => boolean = () => false): { raw: Record<string, unknown>; errors: ConfigError[] } {
    const raw: Record<string, unknown> = {};
    const errors: ConfigError[] = [];
    for (const [key, text] of Object.entries(all)) {
        if (!key.startsWith(`${NAMESPACE}:`)) continue;
        const name = key.slice(NAMESPACE.length + 1);
        if (name === KUBECONFIG_KEY) {
            if (isSecret(key)) raw[name] = text;
            else errors.push({ path: keyPath(name), value: "[not shown]", allowed: "a secret: a kubeconfig holds credentials for the cluster, so set it with `pulumi config set --secret berth:kubeconfig`" });
            continue;
        }
        if (isSecret(key)) {
            errors.push({
                path: keyPath(name),
                value: "[secret]",
                allowed: NO_SECRETS_IN_CONFIG,
            });
            continue;
        }
        // An empty key (`berth:services:` with its map dedented below it) arrives as the text "null".
        if (text.trim() === "null") {
            raw[name] = null;
            continue;
        }
        if (!/^[[{]/.test(text.trim())) {
            raw[name] = text;
            continue;
        }
        try {
            raw[name] = JSON.parse(text);
        } catch {
            errors.push({ path: keyPath(name), value: text, allowed: "a valid YAML map or list" });
        }
    }
    return { raw, errors };
}

/** aws:allowedAccountIds, a JSON list in the stack file; anything else names no account. */
function allowedAccounts(text: string | undefined): string[] {
    try {
        const ids: unknown = text === undefined ? [] : JSON.parse(text);
        return Array.isArray(ids) ? ids.map(String) : [];
    } catch {
        return [];
    }
}

/** Validates the stack's config, then composes the chosen platform. Throws ConfigValidationError on bad config. */
export function program(): StackOutputs {
    const all = pulumi.runtime.allConfig();
    const { raw, errors } = readBerthConfig(all, isConfigSecret);
    // Build contexts are relative to the project, which is where Pulumi (and the plan) runs the program.
    const result = validateConfig(raw, { project: pulumi.getProject(), stack: pulumi.getStack(), region: all["aws:region"], accounts: allowedAccounts(all["aws:allowedAccountIds"]), fileExists: (p) => fs.existsSync(path.resolve(p)) });
    // A key refused while reading is absent from `raw`; don't report it missing as well.
    const refused = new Set(errors.map((e) => e.path));
    const later = result.ok ? [] : result.errors.filter((e) => !refused.has(e.path));
    if (errors.length || !result.ok) throw new ConfigValidationError([...errors, ...later]);
    reportWarnings(result.warnings);
    const compose = COMPOSITIONS[result.spec.platform]!;
    return compose(result.spec);
}
