// Issue 22, "A deploy checklist test". GIVEN every shipped stack file, WHEN it is planned, THEN nothing
// in the plan points at something a fresh account lacks, unless the stack file says so:
// - an ARN in an account other than the plan's own (plan/fakes.ts FAKE_ACCOUNT) is a placeholder,
//   flagged by a comment with "Replace" just above the line that holds it (as tests/examples.test.ts
//   placeholdersMarked checks), or an account AWS itself owns that berth writes (AWS_OWNED_ACCOUNTS);
// - a Secrets Manager secret or an S3 bucket that the stack does not create is marked as existing:
//   either the comment just above its line says "existing", or it sits under a key that by definition
//   names something that already exists (`grants`: a grant opens access to a resource, it creates none).
// A first `pulumi up` in a new account then fails on nothing the stack file did not warn about.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { Plan, PROJECT_DIR } from "../plan/engine";
import { FAKE_ACCOUNT } from "../plan/fakes";
import { ELB_LOG_ACCOUNTS } from "../config/facts/elb";
import { fargateConfig, planOk, planStackOk } from "./harness";

/**
 * Accounts AWS owns that berth writes into a policy itself: principals, not resources of the user's.
 * The Elastic Load Balancing accounts that write ALB access logs (config/facts/elb.ts, from the ELB
 * user guide's table).
 */
const AWS_OWNED_ACCOUNTS = new Set(Object.values(ELB_LOG_ACCOUNTS));

/** Keys whose values name things that exist before the stack does. */
const EXISTING_BY_DEFINITION = new Set(["grants"]);

const ARN = /arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:([A-Za-z0-9/_+=.@*?:-]*)/g;

/** An S3 bucket name (S3 user guide, "Bucket naming rules"); a `bucket` input may also be an event path. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const isComment = (l: string) => l.trimStart().startsWith("#");
const indentOf = (l: string) => l.length - l.trimStart().replace(/^- /, "  ").trimStart().length;

/** The comment block just above line i (skipping up to a few lines of keys), as in tests/examples.test.ts. */
function commentAbove(lines: ReadonlyArray<string>, i: number): string {
    let j = i - 1;
    while (j >= 0 && i - j <= 6 && !isComment(lines[j])) j--;
    const block: string[] = [];
    while (j >= 0 && isComment(lines[j])) block.push(lines[j--]);
    return block.join(" ");
}

/** The keys that enclose line i, from the nearest outwards, read from the indentation. */
function enclosingKeys(lines: ReadonlyArray<string>, i: number): string[] {
    const keys: string[] = [];
    let indent = indentOf(lines[i]);
    for (let j = i - 1; j >= 0 && indent > 0; j--) {
        if (!lines[j].trim() || isComment(lines[j])) continue;
        const n = indentOf(lines[j]);
        if (n < indent) {
            const key = /^\s*(?:- )?([A-Za-z0-9_:.-]+):/.exec(lines[j])?.[1];
            if (key) keys.push(key);
            indent = n;
        }
    }
    return keys;
}

const text = (v: unknown) => (typeof v === "string" ? v : "");

/** Lines of the stack file (not comments) that hold `text`. */
const linesWith = (lines: ReadonlyArray<string>, text: string) => lines.flatMap((l, i) => (!isComment(l) && l.includes(text) ? [i] : []));

/** Every string anywhere in the plan's inputs, with the resource it is in (JSON policies included, as text). */
function inputStrings(p: Plan): Array<{ resource: string; text: string; key: string }> {
    const out: Array<{ resource: string; text: string; key: string }> = [];
    const walk = (v: unknown, resource: string, key: string) => {
        if (typeof v === "string") out.push({ resource, text: v, key });
        else if (Array.isArray(v)) v.forEach((x) => walk(x, resource, key));
        else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, resource, k);
    };
    for (const r of p.resources) if (!r.component) walk(r.inputs, `${r.type} ${r.name}`, "");
    return out;
}

/** What a first `pulumi up` of this plan in a fresh account would trip on that the stack file (its text) does not flag. */
export function checklistProblems(p: Plan, stackFile: string): string[] {
    const lines = stackFile.split("\n");
    const secrets = p.resources.filter((r) => r.type === "aws:secretsmanager/secret:Secret");
    const createdSecrets = new Set(secrets.flatMap((r) => [r.arn ?? "", text(r.inputs.name)]));
    const createdBuckets = new Set(p.resources.filter((r) => /^aws:s3\/bucket(V2)?:Bucket(V2)?$/.test(r.type)).flatMap((r) => [r.id ?? "", text(r.inputs.bucket)]));
    const markedExisting = (name: string) => linesWith(lines, name).some((i) => /existing/i.test(commentAbove(lines, i)) || enclosingKeys(lines, i).some((k) => EXISTING_BY_DEFINITION.has(k)));
    const problems = new Set<string>();
    for (const { resource, text, key } of inputStrings(p)) {
        for (const [arn, service, , account, rest] of text.matchAll(ARN)) {
            if (account && account !== FAKE_ACCOUNT && !AWS_OWNED_ACCOUNTS.has(account)) {
                const at = linesWith(lines, account);
                if (!at.length || !at.every((i) => /[Rr]eplace/.test(commentAbove(lines, i)))) problems.add(`${resource} refers to account ${account} (${arn}), which the stack file does not flag with a "Replace" comment`);
            }
            if (service === "secretsmanager" && rest.startsWith("secret:")) {
                // A referenced secret's ARN may carry ECS's :KEY:STAGE:VERSION suffix or IAM's -?????? pattern.
                const base = arn
                    .split(":")
                    .slice(0, 7)
                    .join(":")
                    .replace(/-\?{6}$/, "");
                const name = base.split(":secret:")[1];
                if (![...createdSecrets].some((c) => c === base || c.startsWith(`${base}-`)) && !markedExisting(name))
                    problems.add(`${resource} refers to secret ${name}, which the stack does not create and the stack file does not mark as existing`);
            }
            if (service === "s3") {
                const bucket = rest.split("/")[0];
                if (bucket && !createdBuckets.has(bucket) && !markedExisting(bucket)) problems.add(`${resource} refers to bucket ${bucket}, which the stack does not create and the stack file does not mark as existing`);
            }
        }
        if (key === "bucket" && BUCKET_NAME.test(text) && !createdBuckets.has(text) && !markedExisting(text))
            problems.add(`${resource} refers to bucket ${text}, which the stack does not create and the stack file does not mark as existing`);
    }
    return [...problems].sort();
}

const STACKS = fs
    .readdirSync(PROJECT_DIR)
    .flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? [])
    .sort();
const stackText = (stack: string) => fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8");

describe("the deploy checklist of the shipped stacks (issue 22)", () => {
    it("covers every stack file", () => assert.ok(STACKS.length >= 12 && STACKS.includes("dev") && STACKS.includes("prod"), STACKS.join(", ")));

    for (const stack of STACKS) {
        it(`${stack}: nothing it points at is missing from a fresh account unless the stack file flags it`, async () => {
            assert.deepEqual(checklistProblems(await planStackOk(stack), stackText(stack)), []);
        });
    }

    describe("the checklist itself", () => {
        const OLD_DEV_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:berth/dev/api-token-AbCdEf";
        const withSecret = fargateConfig({ "berth:services": { worker: { image: "public.ecr.aws/docker/library/busybox:1.36", secrets: { API_TOKEN: OLD_DEV_SECRET } } } });
        const file = (comment: string) => `config:\n  berth:services:\n    worker:\n      secrets:\n${comment}        API_TOKEN: ${OLD_DEV_SECRET}\n`;

        it("catches dev's old worker secret, which no fresh account holds", async () => {
            assert.deepEqual(
                checklistProblems(await planOk(withSecret), file("")),
                [
                    "aws:iam/rolePolicy:RolePolicy worker-exec-policy refers to secret berth/dev/api-token-AbCdEf, which the stack does not create and the stack file does not mark as existing",
                    "aws:ecs/taskDefinition:TaskDefinition worker-taskdef refers to secret berth/dev/api-token-AbCdEf, which the stack does not create and the stack file does not mark as existing",
                ].sort(),
            );
        });

        it("passes it once the comment above says the secret exists", async () => {
            assert.deepEqual(checklistProblems(await planOk(withSecret), file("        # An existing secret of the account: create it first.\n")), []);
        });

        it("catches a foreign account unless a Replace comment flags it, and lets AWS's own accounts through", async () => {
            const partners = fargateConfig({ "berth:services": { api: { image: "public.ecr.aws/nginx/nginx:1.27", port: 8080, privateLink: { allowedPrincipals: ["arn:aws:iam::210987654321:root"] } } } });
            const p = await planOk(partners);
            const text = (comment: string) => `config:\n  berth:services:\n    api:\n      privateLink:\n${comment}        allowedPrincipals:\n          - arn:aws:iam::210987654321:root\n`;
            assert.deepEqual(checklistProblems(p, text("")), [
                'aws:ec2/vpcEndpointService:VpcEndpointService api-pl-endpoint-service refers to account 210987654321 (arn:aws:iam::210987654321:root), which the stack file does not flag with a "Replace" comment',
            ]);
            assert.deepEqual(checklistProblems(p, text("        # Replace before pulumi up: a placeholder account.\n")), []);
            // prod's log bucket policy names us-east-1's ELB account, which no comment flags and none needs.
            const prod = await planStackOk("prod");
            assert.ok(JSON.stringify(prod.resources.map((r) => r.inputs)).includes(ELB_LOG_ACCOUNTS["us-east-1"]));
            assert.deepEqual(checklistProblems(prod, stackText("prod")), []);
        });

        it("takes a bucket under grants as existing by definition, and no other bucket", async () => {
            const granted = fargateConfig({ "berth:services": { web: { grants: [{ bucket: "team-assets", access: "read" }] } } });
            const p = await planOk(granted);
            assert.deepEqual(checklistProblems(p, "config:\n  berth:services:\n    web:\n      grants:\n        - bucket: team-assets\n"), []);
            assert.deepEqual(checklistProblems(p, "config:\n  berth:services:\n    web:\n      assets: team-assets\n"), [
                "aws:iam/rolePolicy:RolePolicy web-task-policy refers to bucket team-assets, which the stack does not create and the stack file does not mark as existing",
            ]);
        });
    });
});
