// ECS's own roles, statement by statement: inputs arrive in any order and with repeats, and the
// policy must not depend on either (a reordered list would show as a change in every plan).
import { strict as assert } from "assert";
import { containerInstancePolicy, executionRolePolicy, secretDecryptStatements } from "./ecs-policies";
import { assumeRolePolicy, ecrPullPolicy, secretReadPolicy } from "./policies";

const REPO = (name: string) => `arn:aws:ecr:eu-west-1:123456789012:repository/${name}`;
const CACHE = "arn:aws:ecr:eu-west-1:123456789012:repository/ecr-public/*";
const KEY = (id: string) => `arn:aws:kms:eu-west-1:123456789012:key/${id}`;
const SECRET = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}`;
const LOGS = "arn:aws:logs:eu-west-1:123456789012:log-group:/berth/p/s/web";

describe("executionRolePolicy", () => {
    it("writes its own log streams only, and pulls nothing for a public image", () => {
        assert.deepEqual(executionRolePolicy({ logGroupArn: LOGS, region: "eu-west-1" }), {
            Version: "2012-10-17",
            Statement: [{ Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${LOGS}:*` }],
        });
    });

    it("pulls from its repositories and pull-through caches, each listed once and sorted, whatever order they come in", () => {
        const doc = executionRolePolicy({ logGroupArn: LOGS, region: "eu-west-1", repositoryArns: [REPO("web"), REPO("api"), REPO("web")], pullThroughArns: [CACHE, CACHE] });
        assert.deepEqual(doc.Statement.slice(1), [
            { Sid: "EcrToken", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
            { Sid: "EcrPull", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], Resource: [REPO("api"), CACHE, REPO("web")] },
            { Sid: "EcrPullThroughCache", Effect: "Allow", Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"], Resource: [CACHE] },
        ]);
    });

    it("sorts pull-through caches too", () => {
        const other = "arn:aws:ecr:eu-west-1:123456789012:repository/docker-hub/*";
        const doc = executionRolePolicy({ logGroupArn: LOGS, region: "eu-west-1", pullThroughArns: [other, CACHE] });
        assert.deepEqual(doc.Statement[3].Resource, [other, CACHE]);
        assert.deepEqual(doc.Statement[2].Resource, [other, CACHE]);
    });

    it("reads exactly its secrets, then decrypts with their customer-managed keys (sorted, once each) only through Secrets Manager and SSM in its region", () => {
        const doc = executionRolePolicy({ logGroupArn: LOGS, region: "eu-west-1", secretRefs: [SECRET("db-AbCdEf")], secretKmsKeyArns: [KEY("b"), KEY("a"), KEY("b")] });
        assert.deepEqual(doc.Statement.slice(1), [
            { Sid: "ReadSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [SECRET("db-AbCdEf"), `${SECRET("db-AbCdEf")}-??????`] },
            {
                Sid: "DecryptSecrets",
                Effect: "Allow",
                Action: ["kms:Decrypt"],
                Resource: [KEY("a"), KEY("b")],
                Condition: { StringEquals: { "kms:ViaService": ["secretsmanager.eu-west-1.amazonaws.com", "ssm.eu-west-1.amazonaws.com"] } },
            },
        ]);
    });

    it("names the endpoints of each key's own region in kms:ViaService, not the stack's (a secret in another region)", () => {
        const west = "arn:aws:kms:eu-west-1:123456789012:key/1111aaaa-1111-1111-1111-111111111111";
        const east = "arn:aws:kms:us-east-1:123456789012:key/2222bbbb-2222-2222-2222-222222222222";
        assert.deepEqual(secretDecryptStatements([west, east], "eu-west-1")[0].Condition, {
            StringEquals: { "kms:ViaService": ["secretsmanager.eu-west-1.amazonaws.com", "ssm.eu-west-1.amazonaws.com", "secretsmanager.us-east-1.amazonaws.com", "ssm.us-east-1.amazonaws.com"] },
        });
        assert.deepEqual(secretDecryptStatements(["alias/app"], "eu-west-1")[0].Condition, { StringEquals: { "kms:ViaService": ["secretsmanager.eu-west-1.amazonaws.com", "ssm.eu-west-1.amazonaws.com"] } });
    });

    it("secretDecryptStatements sorts and deduplicates on its own, and gives nothing without keys", () => {
        assert.deepEqual(secretDecryptStatements([KEY("z"), KEY("y"), KEY("z")], "us-east-1")[0].Resource, [KEY("y"), KEY("z")]);
        assert.deepEqual(secretDecryptStatements([], "us-east-1"), []);
    });
});

describe("containerInstancePolicy", () => {
    const cluster = "arn:aws:ecs:eu-west-1:123456789012:cluster/berth-dev";
    const base = { clusterArn: cluster, repositoryArns: [REPO("web")], logGroupArnPattern: "arn:aws:logs:eu-west-1:123456789012:log-group:/berth/p/s/*" };

    it("registers with this cluster only, polls it, and writes the stack's logs", () => {
        assert.deepEqual(containerInstancePolicy(base), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "RegisterWithThisCluster",
                    Effect: "Allow",
                    Action: ["ecs:DeregisterContainerInstance", "ecs:RegisterContainerInstance", "ecs:SubmitAttachmentStateChanges", "ecs:SubmitContainerStateChange", "ecs:SubmitTaskStateChange"],
                    Resource: cluster,
                },
                { Sid: "PollThisCluster", Effect: "Allow", Action: ["ecs:Poll", "ecs:StartTelemetrySession"], Resource: "*", Condition: { ArnEquals: { "ecs:cluster": cluster } } },
                { Sid: "DiscoverEndpoint", Effect: "Allow", Action: ["ecs:DiscoverPollEndpoint"], Resource: "*" },
                { Sid: "EcrToken", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
                { Sid: "EcrPull", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], Resource: [REPO("web")] },
                { Sid: "WriteStackLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "arn:aws:logs:eu-west-1:123456789012:log-group:/berth/p/s/*:*" },
            ],
        });
    });

    it("lets the agent drain its own instance only with spot draining on", () => {
        const poll = containerInstancePolicy({ ...base, spotDraining: true }).Statement[1];
        assert.deepEqual(poll.Action, ["ecs:Poll", "ecs:StartTelemetrySession", "ecs:UpdateContainerInstancesState"]);
        assert.deepEqual(containerInstancePolicy({ ...base, spotDraining: false }).Statement[1].Action, ["ecs:Poll", "ecs:StartTelemetrySession"]);
    });
});

describe("secretReadPolicy and ecrPullPolicy", () => {
    it("lists secrets sorted whatever order they are referenced in", () => {
        const doc = secretReadPolicy([SECRET("b-AbCdEf"), SECRET("a-AbCdEf")])!;
        assert.equal(doc.Version, "2012-10-17");
        assert.deepEqual(doc.Statement, [
            { Sid: "ReadSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [SECRET("a-AbCdEf"), `${SECRET("a-AbCdEf")}-??????`, SECRET("b-AbCdEf"), `${SECRET("b-AbCdEf")}-??????`] },
        ]);
    });

    it("reads parameters under their own statement", () => {
        const param = "arn:aws:ssm:eu-west-1:123456789012:parameter/app/token";
        assert.deepEqual(secretReadPolicy([param])!.Statement, [{ Sid: "ReadParameters", Effect: "Allow", Action: ["ssm:GetParameters"], Resource: [param] }]);
    });

    it("pulls one repository for App Runner: a token anywhere, the image only from that repository", () => {
        assert.deepEqual(ecrPullPolicy(REPO("web")), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "EcrAuth", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
                { Sid: "EcrPull", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:DescribeImages", "ecr:GetDownloadUrlForLayer"], Resource: REPO("web") },
            ],
        });
    });
});

describe("assumeRolePolicy", () => {
    it("trusts one service principal, with no condition when given no scope", () => {
        assert.deepEqual(JSON.parse(assumeRolePolicy("ecs-tasks.amazonaws.com")), {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
        });
    });

    it("pins the account, and the source ARN when one is given", () => {
        const [account] = JSON.parse(assumeRolePolicy("ecs-tasks.amazonaws.com", { account: "123456789012" })).Statement;
        assert.deepEqual(account.Condition, { StringEquals: { "aws:SourceAccount": "123456789012" } });
        const [both] = JSON.parse(assumeRolePolicy("ecs-tasks.amazonaws.com", { account: "123456789012", sourceArn: "arn:aws:ecs:eu-west-1:123456789012:*" })).Statement;
        assert.deepEqual(both.Condition, { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:ecs:eu-west-1:123456789012:*" } });
    });

    it("lists several actions as an array (EKS Pod Identity also tags the session)", () => {
        const [s] = JSON.parse(assumeRolePolicy("pods.eks.amazonaws.com", undefined, ["sts:AssumeRole", "sts:TagSession"])).Statement;
        assert.deepEqual(s.Action, ["sts:AssumeRole", "sts:TagSession"]);
    });
});
