// The one evaluator of start/needs.ts on small handmade plans: each need's calls against a role's
// recorded policies and the resource's own policy, its network path against a stub network model,
// its order against the dependency graph; then start/index.ts's fallbacks.
import { strict as assert } from "node:assert";
import { pathResult, startPaths } from "../start";
import type { NetworkModel, Reach } from "../start/network";
import { arnParts, arnStart, type Context, evaluateNeed, evaluateWorkload, type Need, orderNeed, roleWaits, worst } from "../start/needs";
import { indexPlan } from "../start/plan-index";
import type { PlannedResource, StartPath, StepResult } from "../start/types";

const ACCOUNT = "123456789012";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;
const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf`;
const OTHER_SECRET = "arn:aws:secretsmanager:us-east-1:222233334444:secret:shared-AbCdEf";
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`;
const GET = "secretsmanager:GetSecretValue";

function res(type: string, name: string, inputs: Record<string, unknown>, extra: Partial<PlannedResource> = {}): PlannedResource {
    return { urn: `urn:${name}`, type, name, parent: null, inputs, dependencies: [], id: null, arn: null, component: false, ...extra };
}
const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const allow = (Action: string | string[], Resource = "*", more: object = {}) => ({ Effect: "Allow", Action, Resource, ...more });
const role = (...statements: object[]): PlannedResource[] => [res("aws:iam/role:Role", "app", { name: "app" }, { arn: ROLE, id: "app" }), res("aws:iam/rolePolicy:RolePolicy", "app-policy", { role: "app", policy: doc(...statements) })];

const reachOf: Record<string, Reach> = {
    "ecr.api": { result: "proven", route: "nat-gateway", reason: "ok", via: ["urn:nat"] },
    s3: { result: "proven", route: "gateway-endpoint", reason: "ok", via: ["urn:s3-endpoint", "urn:nat"] },
    logs: { result: "assumed", route: "none", reason: "the VPC is not recorded", via: [] },
    sts: { result: "broken", route: "none", reason: "no route out", via: [] },
    kms: { result: "broken", route: "nat-gateway", reason: "no NAT", via: [] },
};
const network: NetworkModel = {
    reach: (_from, service) => reachOf[service],
    allows: (from, to, port) => ({ result: port === 80 ? "proven" : "broken", reason: `${from.join("+")} to ${to.join("+")} on ${port}` }),
};
const context = (resources: PlannedResource[], workload = "urn:w"): Context => ({ index: indexPlan(resources), network, account: ACCOUNT, region: "us-east-1", workload });
const secretNeed = (calls: Need["calls"], more: Partial<Need> = {}): Need => ({ kind: "secret", subject: "db", identity: ROLE, calls, ...more });
const FROM = { subnets: ["subnet-a"], publicIp: false, securityGroups: [] };

describe("start needs: the small helpers", () => {
    const worstCases: ReadonlyArray<[StepResult[], StepResult]> = [
        [[], "proven"],
        [["proven", "proven"], "proven"],
        [["proven", "assumed"], "assumed"],
        [["assumed", "proven"], "assumed"],
        [["broken", "assumed"], "broken"],
        [["assumed", "broken", "proven"], "broken"],
    ];
    for (const [results, expected] of worstCases) it(`worst of ${JSON.stringify(results)} is ${expected}`, () => assert.equal(worst(results), expected));

    it("names the partition of a region", () => {
        assert.deepEqual(["us-east-1", "cn-north-1", "us-gov-west-1"].map(arnStart), ["arn:aws", "arn:aws-cn", "arn:aws-us-gov"]);
    });

    it("splits an ARN of six parts or more, and nothing else", () => {
        assert.deepEqual(arnParts(SECRET), { service: "secretsmanager", region: "us-east-1", account: ACCOUNT });
        assert.deepEqual(arnParts("arn:aws:s3:::bucket"), { service: "s3", region: "", account: "" });
        assert.equal(arnParts("arn:aws:s3::bucket"), undefined);
        assert.equal(arnParts("urn:aws:s3:::bucket"), undefined);
    });

    it("collects a role's policies and attachments as waits, by its name, id or ARN", () => {
        const resources = [
            res("aws:iam/role:Role", "app", { name: "app-name" }, { arn: ROLE, id: "app-id" }),
            res("aws:iam/rolePolicy:RolePolicy", "by-name", { role: "app-name" }),
            res("aws:iam/rolePolicy:RolePolicy", "by-other", { role: "other" }),
            res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "by-id", { role: "app-id" }),
            res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "by-arn", { role: ROLE }),
        ];
        const index = indexPlan(resources);
        assert.deepEqual(roleWaits(index, ROLE, "the task role"), [
            { urn: "urn:by-name", what: "the task role's policy by-name" },
            { urn: "urn:by-id", what: "the task role's attachment by-id" },
            { urn: "urn:by-arn", what: "the task role's attachment by-arn" },
        ]);
        assert.deepEqual(roleWaits(index, undefined, "x"), []);
        // Only a role is a role; a role without a name matches no policy without a role.
        const decoy = res("aws:iam/instanceProfile:InstanceProfile", "decoy", { name: "decoy" }, { arn: ROLE });
        assert.deepEqual(roleWaits(indexPlan([decoy, ...resources, res("aws:iam/rolePolicy:RolePolicy", "decoy-policy", { role: "decoy" })]), ROLE, "r").length, 3);
        const bare = indexPlan([res("aws:iam/role:Role", "bare", {}, { arn: ROLE }), res("aws:iam/rolePolicy:RolePolicy", "no-role", {})]);
        assert.deepEqual(roleWaits(bare, ROLE, "r"), []);
        assert.deepEqual(roleWaits(index, `arn:aws:iam::${ACCOUNT}:role/elsewhere`, "x"), []);
    });

    it("makes one order need of the roles' waits and the steps' waitFor, each resource once", () => {
        const needs: Need[] = [
            { kind: "image", subject: "i", waitFor: [{ urn: "urn:b", what: "B from the image" }] },
            { kind: "logs", subject: "l" },
            { kind: "secret", subject: "s", waitFor: [{ urn: "urn:c", what: "C" }] },
        ];
        assert.deepEqual(orderNeed(needs, [{ urn: "urn:a", what: "A" }], [{ urn: "urn:b", what: "B" }]), {
            kind: "order",
            subject: "deploy order",
            waits: [
                { urn: "urn:a", what: "A" },
                { urn: "urn:b", what: "B from the image" },
                { urn: "urn:c", what: "C" },
            ],
        });
    });
});

describe("start needs: calls against the role's policies", () => {
    it("assumes a step with nothing to check", () => {
        const expected = { kind: "secret", subject: "db", result: "assumed", reason: "the plan records nothing this step could be checked against" };
        assert.deepEqual(evaluateNeed({ kind: "secret", subject: "db" }, context([])), expected);
        assert.deepEqual(evaluateNeed(secretNeed([]), context([])), expected);
        assert.deepEqual(evaluateNeed({ kind: "secret", subject: "db", from: FROM, reach: [] }, context([])), expected);
    });

    it("assumes calls without an identity, naming every action, unless the deriver knows better", () => {
        const calls = [
            { action: GET, resource: SECRET },
            { action: "kms:Decrypt", resource: KEY },
        ];
        assert.deepEqual(evaluateNeed({ kind: "secret", subject: "db", calls }, context([])), {
            kind: "secret",
            subject: "db",
            action: GET,
            resource: SECRET,
            result: "assumed",
            reason: "no role is recorded for it: whatever makes these calls must be allowed secretsmanager:GetSecretValue, kms:Decrypt",
        });
        assert.deepEqual(evaluateNeed({ kind: "secret", subject: "db", calls, missingIdentity: { result: "broken", reason: "no execution role" } }, context([])), {
            kind: "secret",
            subject: "db",
            action: GET,
            resource: SECRET,
            result: "broken",
            reason: "no execution role",
        });
    });

    it("assumes a role outside the stack, saying what it must allow", () => {
        const calls = [
            { action: GET, resource: SECRET },
            { action: "kms:Decrypt", resource: KEY },
        ];
        assert.deepEqual(evaluateNeed(secretNeed(calls), context([])), {
            kind: "secret",
            subject: "db",
            identity: ROLE,
            action: GET,
            resource: SECRET,
            result: "assumed",
            reason: `role ${ROLE} is not in this stack: it must allow secretsmanager:GetSecretValue, kms:Decrypt on ${SECRET}`,
        });
    });

    it("proves calls the role allows, with the generic reason or the deriver's proof", () => {
        const ctx = context(role(allow([GET, "secretsmanager:DescribeSecret"], SECRET)));
        const calls = [
            { action: GET, resource: SECRET },
            { action: "secretsmanager:DescribeSecret", resource: SECRET },
        ];
        const step = { kind: "secret", subject: "db", identity: ROLE, action: `${GET}, secretsmanager:DescribeSecret`, resource: SECRET, result: "proven" };
        assert.deepEqual(evaluateNeed(secretNeed(calls), ctx), { ...step, reason: `role/app may call ${GET}, secretsmanager:DescribeSecret` });
        assert.deepEqual(evaluateNeed(secretNeed(calls, { proof: "the task reads db" }), ctx), { ...step, reason: "the task reads db" });
        // An identity that is not an ARN is named as it is.
        assert.deepEqual(evaluateNeed(secretNeed(calls.slice(0, 1), { identity: "app" }), ctx), { ...step, identity: "app", action: GET, reason: `app may call ${GET}` });
    });

    it("stops at the first call the role may not make: denied, implicitly denied, or undecidable", () => {
        const calls = [
            { action: GET, resource: SECRET },
            { action: "kms:Decrypt", resource: KEY },
        ];
        const base = { kind: "secret", subject: "db", identity: ROLE, action: "kms:Decrypt", resource: KEY };
        const denied = context(role(allow("*"), { Sid: "NoKms", Effect: "Deny", Action: "kms:*", Resource: "*" }));
        assert.deepEqual(evaluateNeed(secretNeed(calls), denied), { ...base, result: "broken", reason: `role/app may not call kms:Decrypt on ${KEY}: urn:app-policy#NoKms denies it` });
        const implicit = context(role(allow(GET)));
        assert.deepEqual(evaluateNeed(secretNeed(calls), implicit), { ...base, result: "broken", reason: `role/app may not call kms:Decrypt on ${KEY}: no policy of the role allows it` });
        const unknown = context([...role(allow(GET)), res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "att", { role: "app", policyArn: `arn:aws:iam::${ACCOUNT}:policy/elsewhere` })]);
        assert.deepEqual(evaluateNeed(secretNeed(calls), unknown), {
            ...base,
            result: "assumed",
            reason: `role/app may not call kms:Decrypt on ${KEY}: no recorded policy allows it (and berth does not hold arn:aws:iam::${ACCOUNT}:policy/elsewhere)`,
        });
        const attached = (name: string) => res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", name, { role: "app", policyArn: `arn:aws:iam::${ACCOUNT}:policy/${name}` });
        assert.deepEqual(
            evaluateNeed(secretNeed(calls), context([...role(allow(GET)), attached("x"), attached("y")])).reason,
            `role/app may not call kms:Decrypt on ${KEY}: no recorded policy allows it (and berth does not hold arn:aws:iam::${ACCOUNT}:policy/x, arn:aws:iam::${ACCOUNT}:policy/y)`,
        );
        // A Deny is broken even when berth does not hold every policy of the role.
        assert.deepEqual(evaluateNeed(secretNeed(calls), context([...role(allow("*"), { Sid: "NoKms", Effect: "Deny", Action: "kms:*", Resource: "*" }), attached("x")])), {
            ...base,
            result: "broken",
            reason: `role/app may not call kms:Decrypt on ${KEY}: urn:app-policy#NoKms denies it`,
        });
        // A role's ARN with a colon in its name part is named by all of it.
        const odd = "arn:aws:iam::123456789012:role/a:b";
        const oddRole = [res("aws:iam/role:Role", "odd", {}, { arn: odd }), res("aws:iam/rolePolicy:RolePolicy", "odd-policy", { role: odd, policy: doc(allow(GET)) })];
        assert.deepEqual(evaluateNeed(secretNeed(calls.slice(0, 1), { identity: odd }), context(oddRole)).reason, `role/a:b may call ${GET}`);
        const unsure = context(role(allow(GET), allow("kms:Decrypt", "*", { Sid: "Maybe", Condition: { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } } })));
        assert.deepEqual(evaluateNeed(secretNeed(calls), unsure), {
            ...base,
            result: "assumed",
            reason: `role/app may not call kms:Decrypt on ${KEY}: only urn:app-policy#Maybe may allow it (IAM condition operator NumericLessThan is not one berth's evaluator knows)`,
        });
    });
});

describe("start needs: the resource's own policy", () => {
    const secretPolicy = (...statements: object[]) => res("aws:secretsmanager/secretPolicy:SecretPolicy", "sp", { secretArn: SECRET, policy: doc(...statements) });
    const keyWith = (...statements: object[]) => res("aws:kms/key:Key", "key", { policy: doc(...statements) }, { arn: KEY });
    const get = [{ action: GET, resource: SECRET, resourcePolicy: true }];
    const decrypt = [{ action: "kms:Decrypt", resource: KEY, resourcePolicy: true }];
    const base = { kind: "secret", subject: "db", identity: ROLE };

    it("in the same account, the identity's Allow suffices unless the secret's policy denies", () => {
        const silent = context([...role(allow(GET)), secretPolicy({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: GET, Resource: "*" })]);
        assert.deepEqual(evaluateNeed(secretNeed(get), silent), { ...base, action: GET, resource: SECRET, result: "proven", reason: `role/app may call ${GET}` });
        const denies = context([...role(allow(GET)), secretPolicy({ Sid: "Nobody", Effect: "Deny", Principal: "*", Action: GET, Resource: "*" })]);
        assert.deepEqual(evaluateNeed(secretNeed(get), denies), { ...base, action: GET, resource: SECRET, result: "broken", reason: `the resource policy of ${SECRET} does not let role/app call ${GET}` });
        // Without resourcePolicy on the call, the secret's policy is not read.
        assert.equal(evaluateNeed(secretNeed([{ action: GET, resource: SECRET }]), denies).result, "proven");
    });

    it("a KMS key's policy must allow the call itself", () => {
        const grants = context([...role(allow("kms:Decrypt")), keyWith({ Effect: "Allow", Principal: { AWS: ROLE }, Action: "kms:Decrypt", Resource: "*" })]);
        assert.deepEqual(evaluateNeed(secretNeed(decrypt), grants), { ...base, action: "kms:Decrypt", resource: KEY, result: "proven", reason: "role/app may call kms:Decrypt" });
        const silent = context([...role(allow("kms:Decrypt")), keyWith({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "kms:Decrypt", Resource: "*" })]);
        assert.deepEqual(evaluateNeed(secretNeed(decrypt), silent), {
            ...base,
            action: "kms:Decrypt",
            resource: KEY,
            result: "broken",
            reason: `the resource policy of ${KEY} does not let role/app call kms:Decrypt: no statement in 1 policy allows kms:Decrypt on ${KEY}`,
        });
        const unsure = context([...role(allow("kms:Decrypt")), keyWith({ Sid: "Mfa", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: { NumericLessThan: { "aws:MultiFactorAuthAge": "1" } } })]);
        assert.deepEqual(evaluateNeed(secretNeed(decrypt), unsure), {
            ...base,
            action: "kms:Decrypt",
            resource: KEY,
            result: "assumed",
            reason: `the resource policy of ${KEY} does not let role/app call kms:Decrypt: only urn:key#Mfa may allow it (IAM condition operator NumericLessThan is not one berth's evaluator knows)`,
        });
    });

    it("assumes what another account's policies must grant, and a key outside the plan", () => {
        const ctx = context(role(allow([GET, "kms:Decrypt"])));
        const calls = [
            { action: GET, resource: OTHER_SECRET, resourcePolicy: true },
            { action: "kms:Decrypt", resource: KEY, resourcePolicy: true },
            // Another account's secret without resourcePolicy is the identity's business alone.
            { action: GET, resource: `${OTHER_SECRET}2` },
        ];
        assert.deepEqual(evaluateNeed(secretNeed(calls), ctx), {
            ...base,
            action: `${GET}, kms:Decrypt, ${GET}`,
            resource: OTHER_SECRET,
            result: "assumed",
            reason: `outside this stack: the resource policies must grant ${ROLE} ${GET} on ${OTHER_SECRET} in account 222233334444 and kms:Decrypt on ${KEY}`,
        });
        // A key the plan records without a policy is the plan's: nothing is assumed outside it.
        assert.equal(evaluateNeed(secretNeed(decrypt), context([...role(allow("kms:Decrypt")), res("aws:kms/key:Key", "key", {}, { arn: KEY })])).result, "proven");
        // A secret in the same account outside the plan needs nothing from its policy.
        assert.equal(evaluateNeed(secretNeed(get), ctx).result, "proven");
        // A need with an outcome of its own already says what must hold outside.
        assert.deepEqual(evaluateNeed(secretNeed(calls, { outcome: { result: "assumed", reason: "an external secret" } }), ctx), {
            ...base,
            action: `${GET}, kms:Decrypt, ${GET}`,
            resource: OTHER_SECRET,
            result: "assumed",
            reason: "an external secret",
        });
    });
});

describe("start needs: network, connections and order", () => {
    it("proves a reach with every service's route, and names only the worst services otherwise", () => {
        const via = new Set<string>();
        assert.deepEqual(evaluateNeed({ kind: "image", subject: "img", from: FROM, reach: ["ecr.api", "s3"] }, context([]), via), {
            kind: "image",
            subject: "img",
            route: "nat-gateway, gateway-endpoint",
            result: "proven",
            reason: "reaches ecr.api (nat-gateway), s3 (gateway-endpoint)",
        });
        assert.deepEqual([...via], ["urn:nat", "urn:s3-endpoint"]);
        assert.deepEqual(evaluateNeed({ kind: "image", subject: "img", from: FROM, reach: ["ecr.api", "sts", "logs", "kms"] }, context([])), {
            kind: "image",
            subject: "img",
            route: "nat-gateway, none",
            result: "broken",
            reason: "sts: no route out; kms: no NAT",
        });
        assert.deepEqual(evaluateNeed({ kind: "logs", subject: "l", from: FROM, reach: ["logs"] }, context([])), { kind: "logs", subject: "l", route: "none", result: "assumed", reason: "logs: the VPC is not recorded" });
        // Without a placement there is no network step.
        assert.deepEqual(evaluateNeed({ kind: "logs", subject: "l", reach: ["logs"], outcome: { result: "proven", reason: "own" } }, context([])), { kind: "logs", subject: "l", result: "proven", reason: "own" });
    });

    it("checks a load balancer's connection through the network model", () => {
        assert.deepEqual(evaluateNeed({ kind: "health", subject: "web", connect: { from: ["sg-lb"], to: ["sg-a", "sg-b"], port: 80 } }, context([])), {
            kind: "health",
            subject: "web",
            result: "proven",
            reason: "sg-lb to sg-a+sg-b on 80",
        });
    });

    it("waits for each resource through the dependency graph, naming what is missing", () => {
        const resources = [res("x:y:Z", "w", {}, { urn: "urn:w", dependencies: ["urn:a"] }), res("x:y:Z", "a", {}), res("x:y:Z", "b", {}), res("x:y:Z", "c", {})];
        const ctx = context(resources);
        const order = (waits: Need["waits"]) => evaluateNeed({ kind: "order", subject: "deploy order", waits }, ctx);
        assert.deepEqual(order([{ urn: "urn:a", what: "A" }]), { kind: "order", subject: "deploy order", result: "proven", reason: "waits for A" });
        assert.deepEqual(order([]), { kind: "order", subject: "deploy order", result: "proven", reason: "waits for nothing it needs" });
        assert.deepEqual(
            order([
                { urn: "urn:a", what: "A" },
                { urn: "urn:b", what: "B" },
            ]),
            {
                kind: "order",
                subject: "deploy order",
                result: "broken",
                reason: "does not wait for B: it could start before it exists (a bug in berth: please report it)",
            },
        );
        assert.deepEqual(
            order([
                { urn: "urn:b", what: "B" },
                { urn: "urn:c", what: "C" },
            ]),
            {
                kind: "order",
                subject: "deploy order",
                result: "broken",
                reason: "does not wait for B, C: it could start before they exist (a bug in berth: please report it)",
            },
        );
    });

    it("merges a need's parts: the worst decides, with every part of that result's reason, and its own route", () => {
        const need: Need = { kind: "image", subject: "img", outcome: { result: "assumed", reason: "outside" }, route: "platform", from: FROM, reach: ["logs"] };
        assert.deepEqual(evaluateNeed(need, context([])), { kind: "image", subject: "img", route: "none", result: "assumed", reason: "outside; logs: the VPC is not recorded" });
        assert.deepEqual(evaluateNeed({ kind: "image", subject: "img", outcome: { result: "proven", reason: "own" }, route: "platform" }, context([])), { kind: "image", subject: "img", route: "platform", result: "proven", reason: "own" });
        assert.deepEqual(evaluateNeed({ ...need, reach: ["sts"] }, context([])), { kind: "image", subject: "img", route: "none", result: "broken", reason: "sts: no route out" });
    });

    it("evaluates a workload's order last, waiting also for its routes' resources, named", () => {
        const resources = [res("x:y:Z", "w", {}, { urn: "urn:w", dependencies: ["urn:a", "urn:nat"] }), res("x:y:Z", "a", {}), res("aws:ec2/instance:Instance", "nat", {})];
        const needs: Need[] = [
            {
                kind: "order",
                subject: "deploy order",
                waits: [
                    { urn: "urn:a", what: "A" },
                    { urn: "urn:nat", what: "the NAT" },
                ],
            },
            { kind: "image", subject: "img", from: FROM, reach: ["ecr.api", "s3"] },
            { kind: "logs", subject: "l", outcome: { result: "proven", reason: "fine" } },
        ];
        assert.deepEqual(evaluateWorkload(needs, context(resources)), [
            { kind: "image", subject: "img", route: "nat-gateway, gateway-endpoint", result: "proven", reason: "reaches ecr.api (nat-gateway), s3 (gateway-endpoint)" },
            { kind: "logs", subject: "l", result: "proven", reason: "fine" },
            { kind: "order", subject: "deploy order", result: "broken", reason: "does not wait for urn:s3-endpoint: it could start before it exists (a bug in berth: please report it)" },
        ]);
        const recorded = [...resources, res("aws:ec2/vpcEndpoint:VpcEndpoint", "s3-endpoint", {})];
        // A route already waited for is named once, as the need names it.
        const waited = recorded.map((r) => (r.urn === "urn:w" ? { ...r, dependencies: ["urn:a", "urn:nat", "urn:s3-endpoint"] } : r));
        assert.deepEqual(evaluateWorkload(needs, context(waited))[2], { kind: "order", subject: "deploy order", result: "proven", reason: "waits for A, the NAT, VpcEndpoint s3-endpoint (the route out)" });
        assert.deepEqual(evaluateWorkload([{ kind: "order", subject: "o" }, needs[1]], context(recorded, "urn:elsewhere"))[1], {
            kind: "order",
            subject: "o",
            result: "broken",
            reason: "does not wait for Instance nat (the route out), VpcEndpoint s3-endpoint (the route out): it could start before they exist (a bug in berth: please report it)",
        });
    });
});

describe("start paths: the entry point's fallbacks", () => {
    const deployment = (inputs: Record<string, unknown>) => res("kubernetes:apps/v1:Deployment", "web-deployment", inputs, { urn: "urn:web" });
    const opts = { platform: "eks", account: ACCOUNT, region: "us-east-1" };

    it("turns a derivation that throws into one assumed step", () => {
        const broken = deployment({
            get spec(): unknown {
                throw new Error("boom");
            },
        });
        assert.deepEqual(startPaths([broken], opts), [
            {
                workload: "Kubernetes workloads",
                kind: "ecs-task",
                urn: "",
                platform: "eks",
                steps: [{ kind: "order", subject: "Kubernetes workloads", result: "assumed", reason: "the start-path analysis could not check the Kubernetes workloads: boom; please report it" }],
            },
        ]);
    });

    it("turns the ECS and the managed services' derivations that throw into one assumed step each", () => {
        const unreadable = new Proxy(
            {},
            {
                get: (_target, key) => {
                    if (key === "name") return undefined;
                    throw new Error("unreadable");
                },
            },
        );
        const step = (what: string, workload: string) => ({
            workload,
            kind: "ecs-task",
            urn: "",
            platform: "ecs-fargate",
            steps: [{ kind: "order", subject: workload, result: "assumed", reason: `the start-path analysis could not check ${what}: unreadable; please report it` }],
        });
        assert.deepEqual(startPaths([res("aws:ecs/service:Service", "svc", unreadable), res("aws:apprunner/service:Service", "runner", unreadable)], { ...opts, platform: "ecs-fargate" }), [
            step("the ECS workloads", "ECS workloads"),
            step("the Express and App Runner services", "Express and App Runner services"),
        ]);
    });

    it("turns an evaluation that throws into one assumed step for that workload", () => {
        const nodeRole = res(
            "aws:iam/role:Role",
            "node-role",
            {
                name: "node-role",
                get inlinePolicies(): unknown {
                    throw new Error("unreadable");
                },
            },
            { arn: `arn:aws:iam::${ACCOUNT}:role/node-role`, id: "node-role" },
        );
        const web = deployment({ spec: { template: { spec: { containers: [{ name: "web", image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app:1` }] } } } });
        const parent = res("berth:kubernetes:KubernetesService", "web", {}, { urn: "urn:svc", component: true });
        const group = res("eks:index:ManagedNodeGroup", "general", { nodeRole: "node-role" });
        assert.deepEqual(startPaths([parent, { ...web, parent: "urn:svc" }, nodeRole, group], { ...opts, account: "999999999999", region: "eu-west-1" }), [
            {
                workload: "web-deployment",
                kind: "deployment",
                service: "web",
                urn: "urn:web",
                platform: "eks",
                steps: [{ kind: "order", subject: "web-deployment", result: "assumed", reason: "the start-path analysis could not check web-deployment: unreadable; please report it" }],
            },
        ]);
        assert.deepEqual(startPaths([], opts), []);
    });

    const step = (result: StepResult) => ({ kind: "order" as const, subject: "s", result, reason: "r" });
    const cases: ReadonlyArray<[StepResult[], StepResult]> = [
        [[], "proven"],
        [["proven"], "proven"],
        [["proven", "assumed"], "assumed"],
        [["broken", "assumed"], "broken"],
        [["assumed", "proven", "broken"], "broken"],
    ];
    for (const [results, expected] of cases) {
        it(`a path of ${JSON.stringify(results)} is ${expected}`, () => {
            const path: StartPath = { workload: "w", kind: "job", urn: "u", platform: "eks", steps: results.map(step) };
            assert.equal(pathResult(path), expected);
        });
    }
});
