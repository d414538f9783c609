// EKS against a real account: what a green plan used to hide. Each test here fails without its fix
// (issue 17): the calls each secrets path makes, and the Service webhook of the load balancer
// controller racing the other releases.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { eksConfig, find, inputs, json, ofType, planOk } from "./harness";

const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:berth/dev/db-AbCdEf";
const PARAM = "arn:aws:ssm:eu-west-1:123456789012:parameter/berth/dev/api-key";
const secrets = { "berth:services": { web: { secrets: { DB_PASSWORD: SECRET, API_KEY: PARAM } } } };
const statementsOf = (p: Plan, name: string) => json(inputs(p, ROLE_POLICY, name).policy).Statement;

describe("EKS secrets: each path is granted the calls it makes, and nothing more", () => {
    it("on nodes, ASCP reads with DescribeSecret too (every mount and each rotation poll) and batches parameters", async () => {
        const p = await planOk(eksConfig(secrets));
        assert.deepEqual(statementsOf(p, "web-policy"), [
            { Sid: "ReadSecrets", Effect: "Allow", Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"], Resource: [SECRET, `${SECRET}-??????`] },
            { Sid: "ReadParameters", Effect: "Allow", Action: ["ssm:GetParameters"], Resource: [PARAM] },
        ]);
        assert.equal(inputs(p, RELEASE, "secrets-csi-driver").values.enableSecretRotation, true);
        // ASCP names a parameter; an ARN fails the mount.
        const objects = json(inputs(p, "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass", "web-secrets").spec.parameters.objects);
        assert.deepEqual(
            objects.map((o: any) => [o.objectName, o.objectType]),
            [
                ["/berth/dev/api-key", "ssmparameter"],
                [SECRET, "secretsmanager"],
            ],
        );
    });

    it("on Fargate, External Secrets Operator reads one parameter at a time (ssm:GetParameter) and secrets by value only", async () => {
        const p = await planOk(eksConfig({ ...secrets, "berth:eks": { nodeGroups: { general: null, serverless: { type: "fargate" } } } }));
        assert.deepEqual(statementsOf(p, "web-policy"), [
            { Sid: "ReadSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [SECRET, `${SECRET}-??????`] },
            { Sid: "ReadParameters", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: [PARAM] },
        ]);
        assert.deepEqual(
            ofType(p, "kubernetes:external-secrets.io/v1:SecretStore").map((s) => (s.inputs as any).spec.provider.aws.service),
            ["ParameterStore", "SecretsManager"],
        );
    });

    it("on ECS, the execution role keeps the agent's calls", async () => {
        const p = await planOk(eksConfig({ ...secrets, "berth:platform": "ecs-fargate", "berth:eks": null }));
        const read = json(inputs(p, ROLE_POLICY, "web-exec-policy").policy).Statement.filter((s: any) => s.Sid.startsWith("Read"));
        assert.deepEqual(
            read.map((s: any) => [s.Sid, s.Action]),
            [
                ["ReadSecrets", ["secretsmanager:GetSecretValue"]],
                ["ReadParameters", ["ssm:GetParameters"]],
            ],
        );
    });
});

describe("the load balancer controller and the releases beside it", () => {
    const scaled = { "berth:services": { web: { secrets: { DB_PASSWORD: SECRET }, scaling: { min: 1, max: 3, cpu: 60 } } } };

    it("runs without the chart's Service webhook, which would reject every Service while its pods are down", async () => {
        const p = await planOk(eksConfig(scaled));
        assert.equal(inputs(p, RELEASE, "lb-controller-release").values.enableServiceMutatorWebhook, false);
    });

    for (const [what, config] of [
        ["on nodes", {}],
        ["on Fargate", { "berth:eks": { nodeGroups: { general: null, serverless: { type: "fargate" } } } }],
    ] as const) {
        it(`installs the secrets drivers and metrics-server only after the controller, ${what}`, async () => {
            const p = await planOk(eksConfig({ ...scaled, ...config }));
            const controller = find(p, RELEASE, "lb-controller-release").urn;
            const secretReleases = ofType(p, RELEASE).filter((r) => r.name.startsWith("secrets-"));
            assert.ok(secretReleases.length > 0);
            for (const r of secretReleases) assert.ok(r.dependencies.includes(controller), `${r.name} does not wait for the controller`);
            assert.ok(find(p, "aws:eks/addon:Addon", "metrics-server").dependencies.includes(controller), "metrics-server does not wait for the controller");
        });
    }
});

describe("upgrades that reach the nodes", () => {
    const group = (p: Plan) => inputs(p, "eks:index:ManagedNodeGroup", "general");

    it("a managed group runs the cluster's version, on the AMI release AWS recommends for it (SSM, faked from the v20260714 AMI release)", async () => {
        const p = await planOk(eksConfig({}));
        assert.deepEqual([inputs(p, "eks:index:Cluster", "eks").version, group(p).version, group(p).releaseVersion], ["1.36", "1.36", "1.36.2-20260714"]);
    });

    it("one change of berth:eks.version moves the control plane and the nodes", async () => {
        const p = await planOk(eksConfig({ "berth:eks": { version: "1.35" } }));
        assert.deepEqual([inputs(p, "eks:index:Cluster", "eks").version, group(p).version, group(p).releaseVersion], ["1.35", "1.35", "1.35.6-20260714"]);
        // The group takes the cluster itself as input, so it is updated after the control plane.
        assert.equal(group(p).cluster, find(p, "eks:index:Cluster", "eks").urn);
    });
});
