// The CrossGuard pack (issue 21): policy/pack-policies.ts turns each policy into a @pulumi/policy
// ResourceValidationPolicy, and policy/pack/index.ts only wraps it. Tested without an engine: the
// validations are called with handmade arguments, and index.ts is loaded with PolicyPack stubbed
// (the real constructor starts the analyzer's gRPC server).
import { strict as assert } from "assert";
import * as fs from "fs";
import Module from "module";
import * as path from "path";
import type { PolicyPackArgs, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { parse as parseYaml } from "yaml";
import { PROJECT_DIR } from "../plan/engine";
import { PACK_NAME, packConfig, packPolicies, packPolicyName } from "../policy/pack-policies";
import { EXCEPTIONS } from "../policy/exceptions";
import { POLICIES } from "../policy/rules";
import type { Environment, Policy } from "../policy/types";

const QUEUE = "aws:sqs/queue:Queue";
const BUCKET = "aws:s3/bucket:Bucket";

/** GIVEN handmade policies: one on a queue's encryption, one named with a slash, one that reads another resource, one for prod only. */
const encrypted: Policy = { name: "SQS.1", description: "Queues are encrypted.", fix: "set berth:queues.NAME.kmsKey", types: [QUEUE], check: (r) => (r.inputs.sqsManagedSseEnabled === true ? [] : [`queue ${r.name} is not encrypted`]) };
const slashed: Policy = { name: "S3.1/S3.8", description: "Buckets block public access.", fix: "berth's code must add the block", types: [BUCKET], check: (r) => (r.inputs.public ? ["public"] : []) };
const redrive: Policy = {
    name: "berth.dlq",
    description: "Queues have a dead-letter queue.",
    fix: "set maxReceiveCount",
    types: [QUEUE],
    check: (r, ctx) => (typeof r.inputs.redriveTarget !== "string" || ctx.find(r.inputs.redriveTarget, QUEUE) ? [] : [`its DLQ ${r.inputs.redriveTarget} is not in the stack`]),
};
const prodOnly: Policy = { name: "berth.prod", description: "Prod only.", fix: "nothing", types: [QUEUE], check: () => ["always"], environments: ["prod"] };
const HANDMADE = [encrypted, slashed, redrive, prodOnly];

/** WHEN the engine calls a validation: the arguments it passes, for one resource. */
function validate(policy: ResourceValidationPolicy, type: string, name: string, props: Record<string, unknown>, config: { environment?: Environment } = {}): string[] {
    const reported: string[] = [];
    const args = {
        type,
        name,
        urn: `urn:pulumi:prod::berth::${type}::${name}`,
        props,
        opts: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } },
        stackTags: new Map<string, string>(),
        getConfig: <T extends object>() => config as T,
        isType: () => false,
        asType: () => undefined,
        notApplicable: (reason?: string): never => {
            throw new Error(`not applicable: ${reason}`);
        },
    } as unknown as ResourceValidationArgs;
    const validations = policy.validateResource;
    for (const v of Array.isArray(validations) ? validations : validations ? [validations] : []) void v(args, (message) => reported.push(message));
    return reported;
}

const byName = (policies: ResourceValidationPolicy[], name: string) => policies.find((p) => p.name === name)!;

describe("the policy pack's policies (policy/pack-policies.ts)", () => {
    it("builds one pack policy per shipped policy, with legal, unique names", () => {
        const pack = packPolicies();
        assert.equal(pack.length, POLICIES.length);
        assert.deepEqual(
            pack.map((p) => p.name),
            POLICIES.map((p) => packPolicyName(p.name)),
        );
        assert.equal(new Set(pack.map((p) => p.name)).size, pack.length);
        for (const p of pack) {
            assert.match(p.name, /^[A-Za-z0-9._-]{1,100}$/);
            assert.notEqual(p.name, "all");
            assert.equal(typeof p.validateResource, "function");
        }
    });

    it("builds one per handmade policy, mapping names outside [A-Za-z0-9._-] and keeping the FSBP id in the description", () => {
        const pack = packPolicies(HANDMADE, "prod");
        assert.deepEqual(
            pack.map((p) => [p.name, p.description, p.remediationSteps, p.enforcementLevel]),
            [
                ["SQS.1", "Queues are encrypted.", "set berth:queues.NAME.kmsKey", "mandatory"],
                ["S3.1-S3.8", "S3.1/S3.8: Buckets block public access.", "berth's code must add the block", "mandatory"],
                ["berth.dlq", "Queues have a dead-letter queue.", "set maxReceiveCount", "mandatory"],
                ["berth.prod", "Prod only.", "nothing", "mandatory"],
            ],
        );
        assert.equal(packPolicyName("all"), "berth.all");
        assert.equal(byName(packPolicies(HANDMADE, "dev"), "berth.prod").enforcementLevel, "disabled");
    });

    it("reports a handmade violation with its fix, and nothing for a passing resource or another type", () => {
        const pack = packPolicies(HANDMADE);
        assert.deepEqual(validate(byName(pack, "SQS.1"), QUEUE, "jobs", {}), ["queue jobs is not encrypted. Fix: set berth:queues.NAME.kmsKey"]);
        assert.deepEqual(validate(byName(pack, "SQS.1"), QUEUE, "jobs", { sqsManagedSseEnabled: true }), []);
        assert.deepEqual(validate(byName(pack, "SQS.1"), BUCKET, "logs", {}), []);
        assert.deepEqual(validate(byName(pack, "S3.1-S3.8"), BUCKET, "logs", { public: true }), ["public. Fix: berth's code must add the block"]);
        assert.deepEqual(validate(byName(pack, "S3.1-S3.8"), BUCKET, "logs", {}), []);
    });

    it("lets a policy find the resources the engine showed it before", () => {
        const pack = packPolicies(HANDMADE);
        const dlq = byName(pack, "berth.dlq");
        assert.deepEqual(validate(dlq, QUEUE, "jobs", { redriveTarget: "jobs-dlq" }), ["its DLQ jobs-dlq is not in the stack. Fix: set maxReceiveCount"]);
        // Another policy saw the DLQ first: the pack's policies share what the engine showed them.
        validate(byName(pack, "SQS.1"), QUEUE, "jobs-dlq", { name: "jobs-dlq", sqsManagedSseEnabled: true });
        assert.deepEqual(validate(dlq, QUEUE, "jobs", { redriveTarget: "jobs-dlq" }), []);
    });

    it("reads the environment from the policy's config, prod when unset", () => {
        const prod = byName(packPolicies(HANDMADE), "berth.prod");
        assert.deepEqual(validate(prod, QUEUE, "jobs", {}), ["always. Fix: nothing"]);
        assert.deepEqual(validate(prod, QUEUE, "jobs", {}, { environment: "dev" }), []);
        assert.deepEqual(prod.configSchema?.properties?.environment, { type: "string", enum: ["dev", "staging", "prod"], default: "prod" });
    });

    it("writes the --policy-pack-config for an environment: each policy's environment and level", () => {
        assert.deepEqual(packConfig("dev", HANDMADE), {
            "SQS.1": { environment: "dev", enforcementLevel: "mandatory" },
            "S3.1-S3.8": { environment: "dev", enforcementLevel: "mandatory" },
            "berth.dlq": { environment: "dev", enforcementLevel: "mandatory" },
            "berth.prod": { environment: "dev", enforcementLevel: "disabled" },
        });
        assert.deepEqual(
            Object.keys(packConfig("prod")),
            POLICIES.map((p) => packPolicyName(p.name)),
        );
    });
});

describe("the pack's entry point (policy/pack)", () => {
    const PACK_DIR = path.join(PROJECT_DIR, "policy/pack");

    it("builds the pack named berth with every policy, through a stubbed PolicyPack", () => {
        const built: Array<{ name: string; args: PolicyPackArgs }> = [];
        class StubPack {
            constructor(name: string, args: PolicyPackArgs) {
                built.push({ name, args });
            }
        }
        const entry = require.resolve(path.join(PACK_DIR, "index.ts"));
        const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
        const load = loader._load;
        loader._load = function (request: string, ...rest: unknown[]) {
            return request === "@pulumi/policy" ? { PolicyPack: StubPack } : load.call(this, request, ...rest);
        };
        try {
            delete require.cache[entry];
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- the entry point is loaded as Pulumi loads it, for its side effect, with PolicyPack stubbed
            require(entry);
        } finally {
            loader._load = load;
            delete require.cache[entry];
        }
        assert.equal(built.length, 1);
        assert.equal(built[0].name, PACK_NAME);
        assert.deepEqual(
            built[0].args.policies.map((p) => [p.name, p.enforcementLevel]),
            POLICIES.map((p) => [packPolicyName(p.name), p.environments && !p.environments.includes("prod") ? "disabled" : "mandatory"]),
        );
    });

    it("is a nodejs pack with a description, and a version for PolicyPack to read", () => {
        const yaml = parseYaml(fs.readFileSync(path.join(PACK_DIR, "PulumiPolicy.yaml"), "utf8")) as { runtime: string; description: string };
        assert.equal(yaml.runtime, "nodejs");
        assert.ok(yaml.description.length > 0);
        const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { version: string; dependencies?: unknown };
        assert.match(pkg.version, /^\d+\.\d+\.\d+$/);
        assert.equal(pkg.dependencies, undefined, "the pack resolves @pulumi/policy from the project's node_modules, pinned in its package.json");
        const root = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as { dependencies: Record<string, string> };
        assert.equal(root.dependencies["@pulumi/policy"], "1.21.0");
    });
});

/** A Markdown cell: pipes escaped, one line. */
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
const code = (s: string) => `\`${s}\``;

/** The docs' rows, built from the tables the code reads: the doc can say nothing the code does not. */
function policyRows(policies: ReadonlyArray<Policy> = POLICIES): string[] {
    return policies.map((p) => `| ${code(p.name)} | ${code(packPolicyName(p.name))} | ${cell(p.description)} | ${cell(p.fix)} | ${p.environments ? p.environments.join(", ") : "all"} |`);
}

function exceptionRows(): string[] {
    return EXCEPTIONS.map((e) => `| ${code(e.policy)} | ${e.environments.join(", ")} | ${cell(e.reason)} |`);
}

const DOC = path.join(PROJECT_DIR, "docs/policy.md");
const UPDATE_DOCS = process.env.BERTH_UPDATE_DOCS === "1";

/** The rows between `<!-- NAME:start -->`, the header and `<!-- NAME:end -->`; with `rows`, rewrites them. */
function section(doc: string, name: string, rows?: string[]): { rows: string[]; doc: string } {
    const re = new RegExp(`(<!-- ${name}:start -->\\n\\|[^\\n]*\\n\\|[^\\n]*\\n)([\\s\\S]*?)(<!-- ${name}:end -->)`);
    const m = re.exec(doc);
    assert.ok(m, `docs/policy.md has no ${name} section`);
    return { rows: m[2].split("\n").filter(Boolean), doc: rows ? doc.replace(re, (_, head: string, _rows: string, end: string) => `${head}${rows.map((r) => `${r}\n`).join("")}${end}`) : doc };
}

describe("docs/policy.md and the pack's config files keep in step with the code", () => {
    it("lists every policy: name, name in the pack, description, fix, environments", () => {
        let doc = fs.readFileSync(DOC, "utf8");
        if (UPDATE_DOCS) doc = section(doc, "policies", policyRows()).doc;
        if (UPDATE_DOCS) doc = section(doc, "exceptions", exceptionRows()).doc;
        if (UPDATE_DOCS) fs.writeFileSync(DOC, doc);
        assert.deepEqual(section(doc, "policies").rows, policyRows(), "rewrite the table with BERTH_UPDATE_DOCS=1 (docs/policy.md says how)");
    });

    it("shows the exceptions table with its reasons", () => {
        assert.deepEqual(section(fs.readFileSync(DOC, "utf8"), "exceptions").rows, exceptionRows());
    });

    it("builds a row per handmade policy, escaping pipes", () => {
        assert.deepEqual(policyRows(HANDMADE.slice(1, 2)), ["| `S3.1/S3.8` | `S3.1-S3.8` | Buckets block public access. | berth's code must add the block | all |"]);
        assert.deepEqual(policyRows([{ ...prodOnly, fix: "a | b" }]), ["| `berth.prod` | `berth.prod` | Prod only. | a \\| b | prod |"]);
    });

    for (const environment of ["dev", "staging"] as const) {
        it(`policy/pack/${environment}.json is packConfig("${environment}")`, () => {
            const file = path.join(PROJECT_DIR, `policy/pack/${environment}.json`);
            const expected = `${JSON.stringify(packConfig(environment), null, 2)}\n`;
            if (UPDATE_DOCS) fs.writeFileSync(file, expected);
            assert.equal(fs.readFileSync(file, "utf8"), expected);
        });
    }
});
