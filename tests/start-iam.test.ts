// berth's IAM evaluator (start/iam.ts, issue 23): the matching rules on small documents, then the
// roles and policies of the shipped stacks' golden plans.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { PlannedResource } from "../plan/engine";
import { type Decision, evaluate, evaluateResourcePolicy, type IamRequest, type PolicyDocument, type PolicyStatement, parseDocument, policiesOfRole, resourcePolicies, type SourcedPolicy, unknownActions } from "../start/iam";
import { conditionHolds, parseOperator } from "../start/iam-match";
import { conditionKeyKnown, iamAction } from "../start/iam-data";
import { MANAGED_POLICY } from "../components/iam/policies";
import { MANAGED_POLICIES } from "../start/managed-policies";
import { res as handmade } from "./handmade-plans";
import { indexPlan } from "../start/plan-index";

const GOLDEN = path.join(__dirname, "golden");
const golden = (stack: string): PlannedResource[] => JSON.parse(fs.readFileSync(path.join(GOLDEN, `${stack}.json`), "utf8")).resources;
const policy = (...Statement: PolicyStatement[]): SourcedPolicy[] => [{ source: "p", document: { Version: "2012-10-17", Statement } }];
const verdict = (d: Decision): string => d.decision;

const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbCdEf";
const get = (resource: string, context?: IamRequest["context"]): IamRequest => ({ action: "secretsmanager:GetSecretValue", resource, context });

describe("IAM evaluator: actions and resources", () => {
    const cases: ReadonlyArray<[string, PolicyStatement, IamRequest, string]> = [
        ["exact action and resource", { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: SECRET }, get(SECRET), "allow"],
        ["actions ignore case", { Effect: "Allow", Action: "SecretsManager:getsecretvalue", Resource: SECRET }, get(SECRET), "allow"],
        ["resources keep case", { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: SECRET.toUpperCase() }, get(SECRET), "implicit-deny"],
        ["* in the action", { Effect: "Allow", Action: "secretsmanager:Get*", Resource: SECRET }, get(SECRET), "allow"],
        ["? is one character", { Effect: "Allow", Action: "secretsmanager:GetSecretValu?", Resource: SECRET }, get(SECRET), "allow"],
        ["? is not two", { Effect: "Allow", Action: "secretsmanager:GetSecretVal?", Resource: SECRET }, get(SECRET), "implicit-deny"],
        ["the service prefix must match", { Effect: "Allow", Action: "ecr:*", Resource: "*" }, { action: "ecr-public:BatchCheckLayerAvailability", resource: "*" }, "implicit-deny"],
        ["* in the resource spans segments", { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:us-east-1:123456789012:*" }, get(SECRET), "allow"],
        ["a resource pattern one secret short", { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbCdE" }, get(SECRET), "implicit-deny"],
        ["NotAction covers what it does not name", { Effect: "Allow", NotAction: "iam:*", Resource: "*" }, get(SECRET), "allow"],
        ["NotAction excludes what it names", { Effect: "Allow", NotAction: "secretsmanager:*", Resource: "*" }, get(SECRET), "implicit-deny"],
        ["no Action nor NotAction covers nothing", { Effect: "Allow", Resource: "*" }, get(SECRET), "implicit-deny"],
        ["NotResource covers what it does not name", { Effect: "Allow", Action: "secretsmanager:GetSecretValue", NotResource: "arn:aws:secretsmanager:*:*:secret:other-*" }, get(SECRET), "allow"],
        ["NotResource excludes what it names", { Effect: "Allow", Action: "secretsmanager:GetSecretValue", NotResource: "arn:aws:secretsmanager:*:*:secret:app/*" }, get(SECRET), "implicit-deny"],
    ];
    for (const [name, statement, req, expected] of cases) it(name, () => assert.equal(verdict(evaluate(policy(statement), req)), expected));

    it("lets an explicit Deny win over an Allow, in any order, and names the statement", () => {
        const allow: PolicyStatement = { Sid: "A", Effect: "Allow", Action: "secretsmanager:*", Resource: "*" };
        const deny: PolicyStatement = { Sid: "D", Effect: "Deny", Action: "secretsmanager:GetSecretValue", Resource: SECRET };
        assert.deepEqual(evaluate(policy(allow, deny), get(SECRET)), { decision: "explicit-deny", by: "p#D" });
        assert.deepEqual(evaluate(policy(deny, allow), get(SECRET)), { decision: "explicit-deny", by: "p#D" });
        assert.deepEqual(evaluate(policy(allow, deny), get(`${SECRET}x`)), { decision: "allow", by: "p#A" });
        assert.deepEqual(evaluate(policy({ ...allow, Sid: undefined }), get(SECRET)), { decision: "allow", by: "p#0" });
    });

    it("denies implicitly with nothing allowing, and says what was asked", () => {
        assert.deepEqual(evaluate([], get(SECRET)), { decision: "implicit-deny", reason: `no statement in 0 policies allows secretsmanager:GetSecretValue on ${SECRET}` });
    });

    it("throws on an action AWS does not have: a typo in the analysis", () => {
        assert.throws(() => evaluate([], { action: "secretsmanager:GetSecretValues", resource: SECRET }), /IAM action secretsmanager:GetSecretValues does not exist/);
    });
});

describe("IAM evaluator: condition operators", () => {
    const ctx = { "aws:SourceAccount": "123456789012", "aws:SourceArn": "arn:aws:ecs:us-east-1:123456789012:task/x", "aws:SecureTransport": "true", "aws:TagKeys": ["team", "env"] };
    const cases: ReadonlyArray<[string, string, string | string[] | boolean, boolean]> = [
        ["StringEquals", "aws:SourceAccount", "123456789012", true],
        ["StringEquals", "aws:SourceAccount", "123456789013", false],
        ["StringEquals", "aws:SourceAccount", ["1", "123456789012"], true],
        ["StringEquals", "aws:sourceaccount", "123456789012", true],
        ["StringNotEquals", "aws:SourceAccount", "123456789013", true],
        ["StringNotEquals", "aws:SourceAccount", "123456789012", false],
        ["StringLike", "aws:SourceAccount", "1234567890??", true],
        ["StringLike", "aws:SourceAccount", "1234567890?", false],
        ["StringNotLike", "aws:SourceAccount", "9*", true],
        ["StringNotLike", "aws:SourceAccount", "1*", false],
        ["ArnEquals", "aws:SourceArn", "arn:aws:ecs:us-east-1:123456789012:task/x", true],
        ["ArnEquals", "aws:SourceArn", "arn:aws:ecs:us-east-1:123456789012:task/y", false],
        ["ArnLike", "aws:SourceArn", "arn:aws:ecs:us-east-1:123456789012:*", true],
        ["ArnLike", "aws:SourceArn", "arn:aws:ecs:us-east-1:123456789013:*", false],
        ["ArnNotLike", "aws:SourceArn", "arn:aws:ecs:eu-west-1:*", true],
        ["ArnNotLike", "aws:SourceArn", "arn:aws:ecs:us-east-1:*", false],
        ["Bool", "aws:SecureTransport", "true", true],
        ["Bool", "aws:SecureTransport", true, true],
        ["Bool", "aws:SecureTransport", "false", false],
        ["Null", "aws:SourceVpc", "true", true],
        ["Null", "aws:SourceVpc", "false", false],
        ["Null", "aws:SourceAccount", "false", true],
        ["Null", "aws:SourceAccount", "true", false],
        // An absent key: false, except a negated operator, IfExists (the Condition operators page's "Important" box).
        ["StringEquals", "aws:SourceVpc", "vpc-1", false],
        ["ArnLike", "aws:SourceVpc", "*", false],
        ["StringNotEquals", "aws:SourceVpc", "vpc-1", true],
        ["StringEqualsIfExists", "aws:SourceVpc", "vpc-1", true],
        ["StringEqualsIfExists", "aws:SourceAccount", "123456789012", true],
        ["StringEqualsIfExists", "aws:SourceAccount", "123456789013", false],
        ["ArnLikeIfExists", "aws:SourceArn", "arn:aws:ecs:*", true],
        ["ArnLikeIfExists", "aws:SourceArn", "arn:aws:s3:*", false],
        // Set operators over a multivalued key.
        ["ForAllValues:StringEquals", "aws:TagKeys", ["team", "env", "owner"], true],
        ["ForAllValues:StringEquals", "aws:TagKeys", ["team"], false],
        ["ForAllValues:StringEquals", "aws:RequestTag/absent", ["team"], true],
        ["ForAnyValue:StringEquals", "aws:TagKeys", ["env"], true],
        ["ForAnyValue:StringEquals", "aws:TagKeys", ["owner"], false],
        ["ForAnyValue:StringEquals", "aws:RequestTag/absent", ["team"], false],
        ["ForAnyValue:StringLike", "aws:TagKeys", ["te*"], true],
        ["ForAllValues:StringNotEquals", "aws:TagKeys", ["owner"], true],
        ["ForAllValues:StringNotEquals", "aws:TagKeys", ["env"], false],
    ];
    for (const [op, key, values, expected] of cases) {
        it(`${op} ${key} ${JSON.stringify(values)} is ${expected}`, () => assert.equal(conditionHolds(op, key, values, ctx), expected));
    }

    it("ANDs keys and operators within a block, ORs values within a key", () => {
        const s = (Condition: PolicyStatement["Condition"]): SourcedPolicy[] => policy({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*", Condition });
        assert.equal(verdict(evaluate(s({ StringEquals: { "aws:SourceAccount": ["1", "123456789012"] }, Bool: { "aws:SecureTransport": "true" } }), get(SECRET, ctx))), "allow");
        assert.equal(verdict(evaluate(s({ StringEquals: { "aws:SourceAccount": "123456789012" }, Bool: { "aws:SecureTransport": "false" } }), get(SECRET, ctx))), "implicit-deny");
        assert.equal(verdict(evaluate(s({ StringEquals: { "aws:SourceAccount": "123456789012", "aws:SourceVpc": "vpc-1" } }), get(SECRET, ctx))), "implicit-deny");
        assert.equal(verdict(evaluate(s({ StringEquals: { "aws:SourceAccount": "123456789012" } }), get(SECRET))), "implicit-deny");
    });

    it("refuses an operator it does not know rather than guess", () => {
        assert.throws(() => conditionHolds("NumericLessThan", "aws:MultiFactorAuthAge", "3600", {}), /NumericLessThan is not one berth's evaluator knows/);
        assert.throws(() => conditionHolds("NullIfExists", "aws:SourceVpc", "true", {}), /NullIfExists/);
    });
});

describe("IAM evaluator: resource policies", () => {
    const ROLE = "arn:aws:iam::123456789012:role/app";
    const doc = (Principal: unknown, Effect: "Allow" | "Deny" = "Allow"): SourcedPolicy[] => policy({ Effect, Principal, Action: "secretsmanager:GetSecretValue", Resource: "*" });
    const cases: ReadonlyArray<[string, unknown, string]> = [
        ['"*"', "*", "allow"],
        ["AWS: *", { AWS: "*" }, "allow"],
        ["the role's ARN", { AWS: ROLE }, "allow"],
        ["another role's ARN", { AWS: "arn:aws:iam::123456789012:role/other" }, "implicit-deny"],
        ["the account id", { AWS: "123456789012" }, "allow"],
        ["another account id", { AWS: "123456789013" }, "implicit-deny"],
        ["the account root", { AWS: ["arn:aws:iam::999999999999:root", "arn:aws:iam::123456789012:root"] }, "allow"],
        ["another account's root", { AWS: "arn:aws:iam::123456789013:root" }, "implicit-deny"],
        ["a service principal", { Service: "ecs-tasks.amazonaws.com" }, "implicit-deny"],
        ["no principal", undefined, "implicit-deny"],
    ];
    for (const [name, principal, expected] of cases) it(`Principal ${name}`, () => assert.equal(verdict(evaluateResourcePolicy(doc(principal), ROLE, get(SECRET))), expected));

    it("matches a service principal by its name, and a Deny naming the principal wins", () => {
        assert.equal(verdict(evaluateResourcePolicy(doc({ Service: ["ecs-tasks.amazonaws.com"] }), "ecs-tasks.amazonaws.com", get(SECRET))), "allow");
        assert.equal(verdict(evaluateResourcePolicy([...doc("*"), ...doc({ AWS: ROLE }, "Deny")], ROLE, get(SECRET))), "explicit-deny");
        assert.equal(verdict(evaluateResourcePolicy([...doc("*"), ...doc({ AWS: "arn:aws:iam::123456789012:role/other" }, "Deny")], ROLE, get(SECRET))), "allow");
    });
});

describe("IAM evaluator on the golden plans", () => {
    const ACCOUNT_ECR = "arn:aws:ecr:us-east-1:123456789012:repository";

    it("lets dev's worker execution role read its own secret and no other", () => {
        const index = indexPlan(golden("dev"));
        const role = policiesOfRole(index, "arn:aws:iam::123456789012:role/worker-exec-role-4e2bfc0");
        assert.deepEqual([role.recorded, role.unknown, role.policies.length], [true, [], 1]);
        assert.match(role.policies[0].source, /::worker-exec-policy$/);
        const own = "arn:aws:secretsmanager:us-east-1:123456789012:secret:berth/berth/dev/worker/API_TOKEN-4666ab";
        assert.equal(evaluate(role.policies, get(own)).decision, "allow");
        assert.match((evaluate(role.policies, get(own)) as { by: string }).by, /#ReadSecrets$/);
        assert.equal(verdict(evaluate(role.policies, get("arn:aws:secretsmanager:us-east-1:123456789012:secret:berth/berth/dev/web/API_TOKEN-4666ab"))), "implicit-deny");
        const busybox = `${ACCOUNT_ECR}/ecr-public/docker/library/busybox`;
        assert.equal(verdict(evaluate(role.policies, { action: "ecr:BatchGetImage", resource: busybox })), "allow");
        assert.equal(verdict(evaluate(role.policies, { action: "ecr:BatchGetImage", resource: `${busybox}-other` })), "implicit-deny");
        assert.equal(verdict(evaluate(role.policies, { action: "logs:PutLogEvents", resource: "arn:aws:logs:us-east-1:123456789012:log-group:/berth/berth/dev/worker:log-stream:x" })), "allow");
        assert.equal(verdict(evaluate(role.policies, { action: "logs:PutLogEvents", resource: "arn:aws:logs:us-east-1:123456789012:log-group:/berth/berth/dev/web:log-stream:x" })), "implicit-deny");
    });

    it("finds the same role by name, and knows a role outside the plan is not recorded", () => {
        const index = indexPlan(golden("dev"));
        assert.equal(policiesOfRole(index, "worker-exec-role-4e2bfc0").policies.length, 1);
        assert.deepEqual(policiesOfRole(index, "arn:aws:iam::123456789012:role/elsewhere"), { role: "arn:aws:iam::123456789012:role/elsewhere", recorded: false, policies: [], unknown: [] });
    });

    it("lets eks-managed's node role pull any repository through AmazonEC2ContainerRegistryPullOnly", () => {
        const index = indexPlan(golden("eks-managed"));
        const role = policiesOfRole(index, "arn:aws:iam::123456789012:role/general-node-role-abd670c");
        assert.deepEqual(role.policies.map((p) => p.source).sort(), [
            "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
            "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
            "urn:pulumi:eks-managed::berth::berth:eks:NodeRole$aws:iam/rolePolicy:RolePolicy::general-node-policy",
        ]);
        assert.deepEqual(role.unknown, []);
        const d = evaluate(role.policies, { action: "ecr:BatchGetImage", resource: `${ACCOUNT_ECR}/registry-repo-70e40a4` });
        assert.deepEqual(d, { decision: "allow", by: "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly#0" });
        assert.equal(verdict(evaluate(role.policies, { action: "ecr:PutImage", resource: `${ACCOUNT_ECR}/registry-repo-70e40a4` })), "implicit-deny");
    });

    it("lists an attached policy whose document neither the plan nor berth's data hold as unknown", () => {
        const resources = golden("eks-managed");
        const attachment = resources.find((r) => r.name === "storage-ebs-csi-AmazonEBSCSIDriverPolicy");
        assert.ok(attachment);
        const elsewhere = { ...attachment, urn: `${attachment.urn}-x`, inputs: { ...attachment.inputs, policyArn: "arn:aws:iam::123456789012:policy/elsewhere" } };
        const role = policiesOfRole(indexPlan([...resources, elsewhere]), "storage-ebs-csi-role-7722004");
        assert.deepEqual(role.unknown, ["arn:aws:iam::123456789012:policy/elsewhere"]);
        assert.deepEqual(
            role.policies.map((p) => p.source),
            ["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"],
        );
    });

    it("keeps a document for every AWS managed policy berth attaches", () => {
        assert.deepEqual(
            Object.values(MANAGED_POLICY).filter((name) => !MANAGED_POLICIES[name]),
            [],
        );
    });

    it("finds a bucket's policy for the bucket and its objects, and a KMS key's by its ARN", () => {
        for (const stack of fs.readdirSync(GOLDEN).map((f) => f.replace(/\.json$/, ""))) {
            const index = indexPlan(golden(stack));
            for (const bp of index.ofType("aws:s3/bucketPolicy:BucketPolicy")) {
                const bucket = `arn:aws:s3:::${String(bp.inputs.bucket)}`;
                assert.deepEqual(
                    resourcePolicies(index, `${bucket}/a/key`).map((p) => p.source),
                    [bp.urn],
                    stack,
                );
                assert.deepEqual(
                    resourcePolicies(index, bucket).map((p) => p.source),
                    [bp.urn],
                    stack,
                );
                assert.deepEqual(resourcePolicies(index, `${bucket}x`), [], stack);
            }
            for (const key of index.ofType("aws:kms/key:Key").filter((k) => k.inputs.policy)) {
                assert.deepEqual(
                    resourcePolicies(index, key.arn ?? "").map((p) => p.source),
                    [key.urn],
                    stack,
                );
            }
        }
    });

    it("finds a secret policy by the secret's ARN and a repository policy by the repository's name", () => {
        const secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:s-1";
        const res = (type: string, name: string, inputs: Record<string, unknown>): PlannedResource => handmade(type, name, inputs, { urn: `urn:${name}`, id: name });
        const doc = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "ecr:BatchGetImage" }] });
        const index = indexPlan([res("aws:secretsmanager/secretPolicy:SecretPolicy", "sp", { secretArn: secret, policy: doc }), res("aws:ecr/repositoryPolicy:RepositoryPolicy", "rp", { repository: "app", policy: doc })]);
        assert.deepEqual(
            resourcePolicies(index, secret).map((p) => p.source),
            ["urn:sp"],
        );
        assert.deepEqual(
            resourcePolicies(index, `${ACCOUNT_ECR}/app`).map((p) => p.source),
            ["urn:rp"],
        );
        assert.deepEqual(resourcePolicies(index, `${ACCOUNT_ECR}/app2`), []);
    });
});

describe("iam-data: AWS's service authorization reference", () => {
    it("knows actions, their resource types, and condition keys", () => {
        assert.deepEqual(iamAction("ecr:BatchGetImage"), { exists: true, resourceTypes: ["repository"], conditionKeys: [] });
        assert.deepEqual([iamAction("kms:Decrypt").resourceTypes, iamAction("kms:Decrypt").conditionKeys.includes("kms:ViaService")], [["key"], true]);
        assert.deepEqual(iamAction("ECR:getauthorizationtoken").resourceTypes, []);
        assert.equal(iamAction("ecr:BatchGetImages").exists, false);
        assert.equal(iamAction("nosuchservice:Get").exists, false);
        assert.deepEqual([conditionKeyKnown("aws:SourceAccount"), conditionKeyKnown("aws:PrincipalTag/team"), conditionKeyKnown("kms:ViaService"), conditionKeyKnown("kms:ViaServices")], [true, true, true, false]);
        assert.deepEqual([conditionKeyKnown("oidc.eks.us-east-1.amazonaws.com/id/ABC:sub"), conditionKeyKnown("oidc.eks.us-east-1.amazonaws.com/id/ABC:subject")], [true, false]);
    });

    it("lists the actions a document names that AWS does not have; a wildcard counts if it matches one", () => {
        const doc = { Statement: [{ Effect: "Allow" as const, Action: ["ecr:BatchGetImage", "ecr:BatchGet*", "ecr:Nothing*", "s3:GetObjekt", "*"], Resource: "*" }] };
        assert.deepEqual(unknownActions(doc), ["ecr:Nothing*", "s3:GetObjekt"]);
    });

    it("knows every action in the managed policies berth keeps", () => {
        for (const [name, p] of Object.entries(MANAGED_POLICIES)) assert.deepEqual(unknownActions(p.document), [], name);
    });

    it("knows every action in every policy of every golden plan (catches typos in berth's policies)", () => {
        const typos: string[] = [];
        let documents = 0;
        for (const file of fs.readdirSync(GOLDEN)) {
            for (const r of golden(file.replace(/\.json$/, ""))) {
                for (const [input, value] of Object.entries(r.inputs)) {
                    const doc = typeof value === "string" && value.includes('"Statement"') ? parseDocument(value) : undefined;
                    if (!doc) continue;
                    documents++;
                    for (const a of unknownActions(doc)) typos.push(`${file} ${r.name}.${input}: ${a}`);
                }
            }
        }
        assert.ok(documents > 100, `only ${documents} policy documents found`);
        assert.deepEqual(typos, []);
    });

    it("knows every condition key and operator in the golden plans' and the managed policies' documents", () => {
        const docs: Array<[string, PolicyDocument]> = Object.entries(MANAGED_POLICIES).map(([name, p]) => [name, p.document]);
        for (const file of fs.readdirSync(GOLDEN)) {
            for (const r of golden(file.replace(/\.json$/, ""))) {
                for (const [input, value] of Object.entries(r.inputs)) {
                    const doc = typeof value === "string" && value.includes('"Statement"') ? parseDocument(value) : undefined;
                    if (doc) docs.push([`${file} ${r.name}.${input}`, doc]);
                }
            }
        }
        const unknown: string[] = [];
        for (const [where, doc] of docs) {
            for (const s of ([] as PolicyStatement[]).concat(doc.Statement)) {
                for (const [operator, keys] of Object.entries(s.Condition ?? {})) {
                    assert.doesNotThrow(() => parseOperator(operator), where);
                    for (const key of Object.keys(keys)) if (!conditionKeyKnown(key)) unknown.push(`${where}: ${key}`);
                }
            }
        }
        assert.deepEqual(unknown, []);
    });
});
