// The IAM evaluator's parts (start/iam-match.ts, start/iam.ts, start/iam-data.ts) one by one, on
// small documents and handmade plans: wildcards, operators, statements, decisions, and where a role's
// and a resource's policies come from.
import { strict as assert } from "node:assert";
import { evaluate, evaluateResourcePolicy, managedPolicyName, parseDocument, policiesOfRole, principalMatches, resourcePolicies, type SourcedPolicy, statementApplies, statementsOf, unknownActions } from "../start/iam";
import { conditionKeyKnown, forgetServiceFiles, iamAction, serviceActions } from "../start/iam-data";
import { actionMatches, conditionHolds, conditionsHold, list, parseOperator, resourceMatches, wildcardMatch, wildcardRegExp } from "../start/iam-match";
import { MANAGED_POLICIES } from "../start/managed-policies";
import { indexPlan } from "../start/plan-index";
import type { PlannedResource } from "../start/types";

const ACCOUNT = "123456789012";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;
const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf`;
const GET = "secretsmanager:GetSecretValue";

function res(type: string, name: string, inputs: Record<string, unknown>, extra: Partial<PlannedResource> = {}): PlannedResource {
    return { urn: `urn:${name}`, type, name, parent: null, inputs, dependencies: [], id: null, arn: null, component: false, ...extra };
}
const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });

describe("iam-match: wildcards", () => {
    const cases: ReadonlyArray<[string, string, boolean, boolean]> = [
        ["a*c", "abbbc", false, true],
        ["a*c", "ac", false, true],
        ["a*c", "abd", false, false],
        ["a?c", "abc", false, true],
        ["a?c", "ac", false, false],
        ["a?c", "abbc", false, false],
        // Nothing but * and ? is special: dots, pluses, brackets and the rest match themselves.
        ["a.c", "abc", false, false],
        ["a.c", "a.c", false, true],
        ["a+", "aa", false, false],
        ["a+", "a+", false, true],
        ["(a|b)", "a", false, false],
        ["(a|b)", "(a|b)", false, true],
        ["[ab]", "a", false, false],
        ["[ab]", "[ab]", false, true],
        ["a{2}", "aa", false, false],
        ["a{2}", "a{2}", false, true],
        ["^a$", "^a$", false, true],
        ["a\\d", "a\\d", false, true],
        ["a\\d", "a1", false, false],
        // The whole value, not a part of it.
        ["bc", "abcd", false, false],
        ["b*", "ab", false, false],
        // * spans lines too.
        ["a*b", "a\nb", false, true],
        ["a?b", "a\nb", false, true],
        // Case.
        ["ABC", "abc", false, false],
        ["ABC", "abc", true, true],
        ["A*", "abc", true, true],
    ];
    for (const [pattern, value, ignoreCase, expected] of cases) {
        it(`${JSON.stringify(pattern)} ${expected ? "matches" : "does not match"} ${JSON.stringify(value)}${ignoreCase ? " ignoring case" : ""}`, () => {
            // Compiled afresh, and through the cache.
            assert.deepEqual([wildcardRegExp(pattern, ignoreCase).test(value), wildcardMatch(pattern, value, ignoreCase)], [expected, expected]);
        });
    }

    it("compiles a pattern to an anchored expression, escaping everything but * and ?", () => {
        const re = (pattern: string, ignoreCase = false) => [wildcardRegExp(pattern, ignoreCase).source, wildcardRegExp(pattern, ignoreCase).flags];
        assert.deepEqual(re("a*b?c"), ["^a.*b.c$", "s"]);
        assert.deepEqual(re("a.+^${}()|[]\\z", true), ["^a\\.\\+\\^\\$\\{\\}\\(\\)\\|\\[\\]\\\\z$", "is"]);
    });

    it("never mistakes a case-sensitive pattern for a case-insensitive one it has compiled", () => {
        // Keys "i" + "Zq" and "s" + "iZq" must stay apart.
        assert.deepEqual([wildcardMatch("Zq", "zq", true), wildcardMatch("iZq", "zq", false), wildcardMatch("iZq", "izq", false), wildcardMatch("iZq", "iZq", false)], [true, false, false, true]);
        // And keys "s" + "Qw" and "i" + "sQw".
        assert.deepEqual([wildcardMatch("Qw", "qw", false), wildcardMatch("sQw", "SQW", true)], [false, true]);
    });

    it("keeps case-sensitive and case-insensitive patterns apart once compiled", () => {
        assert.deepEqual([wildcardMatch("Xyz", "xyz", true), wildcardMatch("Xyz", "xyz", false), wildcardMatch("Xyz", "xyz", true)], [true, false, true]);
        assert.deepEqual([resourceMatches("Qrs", "qrs"), actionMatches("Qrs", "qrs"), resourceMatches("Qrs", "qrs")], [false, true, false]);
    });

    it("lists a value, a list, or nothing", () => {
        assert.deepEqual([list(undefined), list("a"), list(["a", "b"]), list([])], [[], ["a"], ["a", "b"], []]);
    });
});

describe("iam-match: operators", () => {
    const parsed: ReadonlyArray<[string, object]> = [
        ["StringEquals", { set: undefined, base: "StringEquals", ifExists: false }],
        ["StringEqualsIfExists", { set: undefined, base: "StringEquals", ifExists: true }],
        ["ForAllValues:StringLike", { set: "ForAllValues", base: "StringLike", ifExists: false }],
        ["ForAnyValue:ArnNotLikeIfExists", { set: "ForAnyValue", base: "ArnNotLike", ifExists: true }],
        ["Null", { set: undefined, base: "Null", ifExists: false }],
        ["Bool", { set: undefined, base: "Bool", ifExists: false }],
    ];
    for (const [operator, expected] of parsed) it(`parses ${operator}`, () => assert.deepEqual(parseOperator(operator), expected));

    for (const operator of ["NumericEquals", "ForAnyValue:Null", "ForAllValues:NullIfExists", "NullIfExists", "ForSomeValues:StringEquals", "stringequals", "", "IfExists"]) {
        it(`refuses ${JSON.stringify(operator)}`, () => assert.throws(() => parseOperator(operator), { message: `IAM condition operator ${operator} is not one berth's evaluator knows` }));
    }

    const ctx = { "aws:SourceAccount": "123456789012", "aws:PrincipalTag/Team": "Blue", "aws:TagKeys": ["team", "env"], "aws:Empty": [] };
    const cases: ReadonlyArray<[string, string, string | string[] | boolean, boolean]> = [
        ["StringEqualsIgnoreCase", "aws:PrincipalTag/Team", "blue", true],
        ["StringEqualsIgnoreCase", "aws:PrincipalTag/Team", "BLUE", true],
        ["StringEqualsIgnoreCase", "aws:PrincipalTag/Team", "green", false],
        ["StringNotEqualsIgnoreCase", "aws:PrincipalTag/Team", "blue", false],
        ["StringNotEqualsIgnoreCase", "aws:PrincipalTag/Team", "green", true],
        ["StringEquals", "aws:PrincipalTag/Team", "blue", false],
        ["StringEquals", "AWS:PRINCIPALTAG/TEAM", "Blue", true],
        ["StringLike", "aws:PrincipalTag/Team", "bl*", false],
        ["StringNotLike", "aws:PrincipalTag/Team", ["G*", "B*"], false],
        ["StringNotLike", "aws:PrincipalTag/Team", ["G*", "R*"], true],
        ["ArnNotEquals", "aws:SourceArn", "arn:aws:s3:::b", true],
        // ARNs keep their case, in every ARN operator.
        ["ArnEquals", "aws:SourceAccount", "123456789012", true],
        ["ArnEquals", "aws:PrincipalTag/Team", "blue", false],
        ["ArnLike", "aws:PrincipalTag/Team", "b*", false],
        ["ArnLike", "aws:PrincipalTag/Team", "B*", true],
        ["ArnNotEquals", "aws:SourceAccount", "123456789012", false],
        ["ArnNotEquals", "aws:SourceAccount", "1234*", false],
        ["Bool", "aws:PrincipalTag/Team", "BLUE", true],
        ["Null", "aws:Absent", ["false", "true"], true],
        ["Null", "aws:Absent", "TRUE", true],
        ["Null", "aws:SourceAccount", "False", true],
        // A negated operator on a multivalued key holds only when no value matches.
        ["StringNotEquals", "aws:TagKeys", "env", false],
        ["StringNotEquals", "aws:TagKeys", "owner", true],
        ["StringEquals", "aws:TagKeys", "env", true],
        // Absent keys: IfExists holds, a negated operator holds, a plain one does not.
        ["StringNotLikeIfExists", "aws:Absent", "x", true],
        ["StringLikeIfExists", "aws:Absent", "x", true],
        ["StringLike", "aws:Absent", "*", false],
        // Set operators on an empty key: every value holds, none exists.
        ["ForAllValues:StringEquals", "aws:Empty", "x", true],
        ["ForAnyValue:StringEquals", "aws:Empty", "x", false],
        ["ForAnyValue:StringNotEquals", "aws:TagKeys", ["team"], true],
        ["ForAnyValue:StringNotEquals", "aws:TagKeys", ["team", "env"], false],
        ["ForAllValues:StringLike", "aws:TagKeys", ["t*", "e*"], true],
        ["ForAllValues:StringLike", "aws:TagKeys", ["t*"], false],
        ["ForAllValues:StringNotLike", "aws:Absent", ["t*"], true],
        ["ForAnyValue:StringNotLike", "aws:Absent", ["t*"], false],
    ];
    for (const [op, key, values, expected] of cases) {
        it(`${op} ${key} ${JSON.stringify(values)} is ${expected}`, () => assert.equal(conditionHolds(op, key, values, ctx), expected));
    }

    it("ANDs a block: no block holds, an empty one holds, one failing key fails it", () => {
        assert.equal(conditionsHold(undefined, {}), true);
        assert.equal(conditionsHold({}, {}), true);
        assert.equal(conditionsHold({ StringEquals: {} }, {}), true);
        assert.equal(conditionsHold({ StringEquals: { "aws:SourceAccount": "123456789012" } }, ctx), true);
        assert.equal(conditionsHold({ StringEquals: { "aws:SourceAccount": "123456789012", "aws:Absent": "x" } }, ctx), false);
        assert.equal(conditionsHold({ StringEquals: { "aws:SourceAccount": "123456789012" }, Null: { "aws:Absent": "false" } }, ctx), false);
    });
});

describe("iam: statements and decisions", () => {
    const get = { action: GET, resource: SECRET };

    it("reads a statement or a list of them", () => {
        const s = { Effect: "Allow" as const, Action: GET };
        assert.deepEqual([statementsOf({ Statement: s }), statementsOf({ Statement: [s, s] })], [[s], [s, s]]);
    });

    it("applies a statement by its action, its resource and its conditions", () => {
        const cases: ReadonlyArray<[object, boolean]> = [
            [{ Effect: "Allow", Action: GET }, true],
            [{ Effect: "Allow", Action: [] }, false],
            [{ Effect: "Allow", NotAction: [] }, true],
            [{ Effect: "Allow", NotAction: ["iam:*", "secretsmanager:Get*"] }, false],
            [{ Effect: "Allow", Action: GET, Resource: [] }, false],
            [{ Effect: "Allow", Action: GET, NotResource: [] }, true],
            [{ Effect: "Allow", Action: GET, Resource: ["arn:aws:s3:::b", SECRET] }, true],
            [{ Effect: "Allow", Action: GET, NotResource: ["arn:aws:s3:::b", "arn:aws:secretsmanager:*"] }, false],
            [{ Effect: "Allow", Action: GET, Resource: "*", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }, false],
            [{ Effect: "Allow", Action: GET, Resource: "*", Condition: { StringNotEquals: { "aws:SourceAccount": ACCOUNT } } }, true],
            [{ Effect: "Allow", Action: "*", Resource: "*", Condition: {} }, true],
        ];
        assert.deepEqual(
            cases.map(([s]) => statementApplies(s as never, get)),
            cases.map(([, expected]) => expected),
        );
        assert.equal(statementApplies({ Effect: "Allow", Action: GET, Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }, { ...get, context: { "aws:SourceAccount": ACCOUNT } }), true);
    });

    const unsure = (Effect: "Allow" | "Deny", Sid?: string) => ({ Sid, Effect, Action: GET, Resource: "*", Condition: { NumericLessThan: { "aws:MultiFactorAuthAge": "1" } } });
    const why = "IAM condition operator NumericLessThan is not one berth's evaluator knows";
    const from = (source: string, ...statements: object[]): SourcedPolicy => ({ source, document: doc(...statements) as never });

    it("is indeterminate when a statement it cannot read might deny, even over an Allow", () => {
        assert.deepEqual(evaluate([from("a", { Effect: "Allow", Action: GET, Resource: "*" }), from("b", unsure("Allow"), unsure("Deny", "Mfa"))], get), { decision: "indeterminate", reason: `b#Mfa may deny it (${why})` });
        // A Deny that applies still wins.
        assert.deepEqual(evaluate([from("b", unsure("Deny")), from("c", { Effect: "Deny", Action: "*", Resource: "*" })], get), { decision: "explicit-deny", by: "c#0" });
    });

    it("allows over a statement it cannot read that might only allow, and is indeterminate without another Allow", () => {
        assert.deepEqual(evaluate([from("b", unsure("Allow")), from("a", { Effect: "Allow", Action: GET, Resource: "*" }, { Sid: "Second", Effect: "Allow", Action: "*", Resource: "*" })], get), { decision: "allow", by: "a#0" });
        assert.deepEqual(evaluate([from("b", { Effect: "Allow", Action: "s3:*", Resource: "*" }, unsure("Allow", "X"), unsure("Allow", "Y"))], get), { decision: "indeterminate", reason: `only b#X may allow it (${why})` });
    });

    it("counts the policies it read when nothing allows", () => {
        assert.deepEqual(evaluate([from("a")], get), { decision: "implicit-deny", reason: `no statement in 1 policy allows ${GET} on ${SECRET}` });
        assert.deepEqual(evaluate([from("a"), from("b")], get), { decision: "implicit-deny", reason: `no statement in 2 policies allows ${GET} on ${SECRET}` });
    });

    it("reads a resource policy's statements only for the principal they name", () => {
        const p = [from("r", { Effect: "Allow", Principal: { AWS: ROLE }, Action: GET }, { Sid: "Other", Effect: "Deny", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: GET })];
        assert.deepEqual(evaluateResourcePolicy(p, ROLE, get), { decision: "allow", by: "r#0" });
        assert.deepEqual(evaluateResourcePolicy(p, "arn:aws:iam::999999999999:role/x", get), { decision: "explicit-deny", by: "r#Other" });
    });

    const principals: ReadonlyArray<[unknown, string, boolean]> = [
        ["*", ROLE, true],
        ["arn:aws:iam::123456789012:root", ROLE, false],
        [null, ROLE, false],
        [{}, ROLE, false],
        [{ AWS: [] }, ROLE, false],
        [{ AWS: "123456789012" }, "ecs-tasks.amazonaws.com", false],
        [{ AWS: "arn:aws-cn:iam::123456789012:root" }, "arn:aws-cn:iam::123456789012:role/app", true],
        [{ AWS: "arn:aws:iam::123456789012:rootx" }, ROLE, false],
        [{ AWS: "xarn:aws:iam::123456789012:root" }, ROLE, false],
        [{ AWS: "arn:aws:iam::123456789012:user/root" }, ROLE, false],
        [{ Service: "ecs-tasks.amazonaws.com" }, "ecs-tasks.amazonaws.com", true],
        [{ Service: ["ec2.amazonaws.com"] }, "ecs-tasks.amazonaws.com", false],
        [{ AWS: "*", Service: "x" }, "ecs-tasks.amazonaws.com", true],
    ];
    for (const [principal, arn, expected] of principals) it(`Principal ${JSON.stringify(principal)} ${expected ? "names" : "does not name"} ${arn}`, () => assert.equal(principalMatches(principal, arn), expected));

    it("lists unknown actions: names without a service, and wildcards that match nothing", () => {
        const d = doc({ Effect: "Allow", Action: ["ecr", "ecr:Get*", "ECR:get?uthorizationToken", "nosuch:*", "ecr:BatchGetImage", "ecr:BatchGetImage"], NotAction: "s3:Objekt?" }, { Effect: "Deny", Action: "*" });
        assert.deepEqual(unknownActions(d as never), ["ecr", "nosuch:*", "s3:Objekt?"]);
        assert.deepEqual(unknownActions(doc({ Effect: "Allow", Action: "ecr:Get*Token" }) as never), []);
    });
});

describe("iam: documents and where a role's policies come from", () => {
    it("parses a policy from a JSON string or an object, and nothing else", () => {
        const d = { Statement: [] };
        assert.deepEqual([parseDocument(JSON.stringify(d)), parseDocument(d)], [d, d]);
        for (const value of ["[secret]", "{}", "null", "3", JSON.stringify({ Version: "x" }), null, undefined, 3, { Version: "x" }]) assert.equal(parseDocument(value), undefined, JSON.stringify(value));
    });

    it("names a managed policy with its path, in any partition", () => {
        assert.deepEqual(
            ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws-cn:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy", `arn:aws:iam::${ACCOUNT}:policy/mine`, "xarn:aws:iam::aws:policy/X", "arn:aws:iam::aws:policy/"].map(
                managedPolicyName,
            ),
            ["ReadOnlyAccess", "service-role/AmazonEBSCSIDriverPolicy", undefined, undefined, undefined],
        );
        assert.equal(managedPolicyName("arn:aws:iam::aws:policy/X\nY"), undefined);
    });

    const roleRes = (inputs: Record<string, unknown> = {}) => res("aws:iam/role:Role", "app", { name: "app-name", ...inputs }, { arn: ROLE, id: "app-id" });
    const policyJson = JSON.stringify(doc({ Effect: "Allow", Action: GET, Resource: "*" }));

    it("collects inline role policies, the role's own inline and managed lists, and attachments, each once", () => {
        const customer = `arn:aws:iam::${ACCOUNT}:policy/custom`;
        const index = indexPlan([
            roleRes({ inlinePolicies: [{ name: "own", policy: policyJson }, { policy: "[secret]" }], managedPolicyArns: [customer, "arn:aws:iam::aws:policy/NoSuchManagedPolicy", 3] }),
            res("aws:iam/rolePolicy:RolePolicy", "by-name", { role: "app-name", policy: policyJson }),
            res("aws:iam/rolePolicy:RolePolicy", "by-id", { role: "app-id", policy: { Statement: [] } }),
            res("aws:iam/rolePolicy:RolePolicy", "by-arn", { role: ROLE, policy: "[secret]" }),
            res("aws:iam/rolePolicy:RolePolicy", "other", { role: "other", policy: policyJson }),
            res("aws:iam/rolePolicy:RolePolicy", "not-a-string", { role: 3, policy: policyJson }),
            res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "att", { role: "app-name", policyArn: customer }),
            res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "att-x", { role: "app-id", policyArn: 3 }),
            res("aws:iam/role:Role", "impostor", { policy: JSON.stringify(doc({ Effect: "Deny", Action: "*", Resource: "*" })) }, { arn: customer }),
            res("aws:iam/policy:Policy", "custom", { policy: policyJson }, { arn: customer }),
        ]);
        const expected = {
            role: ROLE,
            recorded: true,
            policies: [
                { source: "urn:by-name", document: JSON.parse(policyJson) },
                { source: "urn:by-id", document: { Statement: [] } },
                { source: "urn:app#inline:own", document: JSON.parse(policyJson) },
                { source: customer, document: JSON.parse(policyJson) },
            ],
            unknown: ["urn:by-arn", "urn:app#inline:", "arn:aws:iam::aws:policy/NoSuchManagedPolicy"],
        };
        assert.deepEqual(policiesOfRole(index, ROLE), expected);
        // By name, or by a path-qualified ARN whose last part is the name.
        assert.deepEqual(policiesOfRole(index, "app-name"), { ...expected, role: "app-name" });
        assert.deepEqual(policiesOfRole(index, `arn:aws:iam::${ACCOUNT}:role/path/app-name`).recorded, true);
    });

    it("finds an unrecorded role's policies by the name in its ARN", () => {
        const index = indexPlan([res("aws:iam/rolePolicy:RolePolicy", "p", { role: "ext", policy: policyJson })]);
        assert.deepEqual(policiesOfRole(index, `arn:aws:iam::${ACCOUNT}:role/ext`), {
            role: `arn:aws:iam::${ACCOUNT}:role/ext`,
            recorded: false,
            policies: [{ source: "urn:p", document: JSON.parse(policyJson) }],
            unknown: [],
        });
    });

    it("rewrites an AWS managed policy's ARNs for the role's partition", () => {
        const arn = (partition: string) => `arn:${partition}:iam::aws:policy/AmazonEKS_CNI_Policy`;
        const cn = policiesOfRole(indexPlan([roleRes({ managedPolicyArns: [arn("aws-cn")] })]), ROLE).policies;
        const aws = policiesOfRole(indexPlan([roleRes({ managedPolicyArns: [arn("aws")] })]), ROLE).policies;
        assert.equal(cn[0].source, arn("aws-cn"));
        assert.deepEqual(aws[0].document, MANAGED_POLICIES.AmazonEKS_CNI_Policy.document);
        assert.deepEqual(JSON.parse(JSON.stringify(cn[0].document).replaceAll('"arn:aws-cn:', '"arn:aws:')), aws[0].document);
        assert.notDeepEqual(cn[0].document, aws[0].document);
        assert.equal(policiesOfRole(indexPlan([roleRes({ managedPolicyArns: ["arn:aws-cn:iam::aws:policy/NoSuchOne"] })]), ROLE).unknown[0], "arn:aws-cn:iam::aws:policy/NoSuchOne");
    });

    it("finds resource policies of topics, queues and file systems by reference, and skips unreadable ones", () => {
        const topic = `arn:aws:sns:us-east-1:${ACCOUNT}:t`;
        const queue = `arn:aws:sqs:us-east-1:${ACCOUNT}:q`;
        const fs = `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:file-system/fs-1`;
        const pol = { policy: policyJson };
        const index = indexPlan([
            res("aws:sns/topic:Topic", "t", {}, { arn: topic }),
            res("aws:sqs/queue:Queue", "q", {}, { arn: queue, id: "https://sqs/q" }),
            res("aws:efs/fileSystem:FileSystem", "fs", {}, { arn: fs, id: "fs-1" }),
            res("aws:sns/topicPolicy:TopicPolicy", "tp", { arn: topic, ...pol }),
            res("aws:sqs/queuePolicy:QueuePolicy", "qp", { queueUrl: "https://sqs/q", ...pol }),
            res("aws:sqs/queuePolicy:QueuePolicy", "qp-secret", { queueUrl: "https://sqs/q", policy: "[secret]" }),
            res("aws:sqs/queuePolicy:QueuePolicy", "qp-none", { queueUrl: 3, ...pol }),
            res("aws:efs/fileSystemPolicy:FileSystemPolicy", "fp", { fileSystemId: "fs-1", ...pol }),
            res("aws:efs/fileSystemPolicy:FileSystemPolicy", "fp-other", { fileSystemId: "fs-2", ...pol }),
            res("aws:efs/fileSystemPolicy:FileSystemPolicy", "fp-app", { fileSystemId: "app", ...pol }),
            res("aws:ecr/repositoryPolicy:RepositoryPolicy", "rp", { repository: "app", ...pol }),
            res("aws:kms/key:Key", "key", pol, { arn: "arn:aws:kms:us-east-1:1:key/k" }),
            res("aws:s3/bucketPolicy:BucketPolicy", "bp", { bucket: "b", ...pol }),
            res("aws:s3/bucketPolicy:BucketPolicy", "bp-none", { bucket: 3, ...pol }),
        ]);
        const sources = (arn: string) => resourcePolicies(index, arn).map((p) => p.source);
        assert.deepEqual(
            [
                topic,
                queue,
                fs,
                `${fs}x`,
                `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/app`,
                `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/xapp`,
                "arn:aws:kms:us-east-1:1:key/k",
                "arn:aws:s3:::b",
                "arn:aws:s3:::b/k",
                "arn:aws:s3:::bb",
                "arn:aws-cn:s3:::b",
                "arn",
                "arn:aws:s3:::3",
            ].map(sources),
            [["urn:tp"], ["urn:qp"], ["urn:fp"], [], ["urn:rp"], [], ["urn:key"], ["urn:bp"], ["urn:bp"], [], ["urn:bp"], [], []],
        );
    });
});

describe("iam-data: the service reference", () => {
    // Each test reads the service files it asks about afresh.
    beforeEach(forgetServiceFiles);

    it("knows an action only as service:Name", () => {
        assert.deepEqual(
            ["ecr:BatchGetImage", "ecr", "ecr:BatchGetImage:x", ":BatchGetImage", "ecr:", "nosuch:Get"].map((a) => iamAction(a).exists),
            [true, false, false, false, false, false],
        );
        assert.deepEqual(iamAction("nosuch:Get"), { exists: false, resourceTypes: [], conditionKeys: [] });
    });

    it("merges an action's own condition keys with its resource types', each once", () => {
        const info = iamAction("secretsmanager:GetSecretValue");
        assert.deepEqual(info.resourceTypes, ["Secret"]);
        assert.equal(new Set(info.conditionKeys).size, info.conditionKeys.length);
        assert.deepEqual(
            ["secretsmanager:ResourceTag/tag-key", "secretsmanager:VersionId", "aws:ResourceTag/${TagKey}"].map((k) => info.conditionKeys.includes(k)),
            [true, true, true],
        );
    });

    it("keys a service's actions by lower-case name, whatever the case asked, and has none for an unknown prefix", () => {
        assert.equal(serviceActions("ECR").batchgetimage?.name, "BatchGetImage");
        assert.deepEqual(serviceActions("nosuch"), {});
    });

    const keys: ReadonlyArray<[string, boolean]> = [
        ["aws:SourceAccount", true],
        ["AWS:SOURCEACCOUNT", true],
        ["aws:RequestTag/team", true],
        ["aws:NoSuchKey", false],
        ["aws:NoSuchPrefix/team", false],
        ["aws:RequestTag", false],
        ["ecr:ResourceTag/team", true],
        ["ECR:resourcetag/Team", true],
        ["ecr:ResourceTag/", false],
        ["ecr:ResourceTag", false],
        ["kms:EncryptionContext:aws:ecs:cluster", true],
        ["xsecretsmanager:VersionId", false],
        ["secretsmanager:VersionIdx", false],
        ["SecretsManager:versionid", true],
        ["nosuch:Key", false],
        ["oidc.eks.us-east-1.amazonaws.com/id/ABC:aud", true],
        ["token.actions.githubusercontent.com:sub", true],
        ["oidc.eks.us-east-1.amazonaws.com/id/ABC:sub2", false],
        ["localhost:sub", false],
    ];
    for (const [key, known] of keys) it(`${known ? "knows" : "does not know"} condition key ${key}`, () => assert.equal(conditionKeyKnown(key), known));
});
