// Issue 22 item 1, the secret. GIVEN a service with `secrets.KEY: { create: true }`, WHEN the stack is
// planned, THEN berth creates a Secrets Manager secret under the stack's prefix with a generated first
// value kept secret, only that service's role may read it (by its exact ARN), and the `secrets`
// output gives its ARN and the command that sets its real value; on every platform with a path.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { eksConfig, errorAt, fargateConfig, find, fixtureErrors, inputs, json, kubernetesConfig, managedConfig, ofType, planOk, planStackOk, validateFixture } from "./harness";

const SECRET = "aws:secretsmanager/secret:Secret";
const VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const OTHER = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";
const TAGS = { "berth:project": "berth", "berth:stack": "test", "berth:environment": "dev" };
const worker = (secrets: object) => ({ "berth:services": { worker: { image: "public.ecr.aws/docker/library/busybox:1.36", secrets } } });
const arnOf = (p: Plan, name: string) => String(find(p, SECRET, name).arn);
const statement = (p: Plan, policy: string, sid: string) => json(inputs(p, ROLE_POLICY, policy).policy).Statement.find((s: { Sid: string }) => s.Sid === sid);

describe("secrets berth creates (issue 22 item 1)", () => {
    describe("on ECS Fargate, in dev", () => {
        let p: Plan;
        beforeEach(async () => {
            p = await planOk(fargateConfig(worker({ API_TOKEN: { create: true }, DB: OTHER })));
        });

        it("creates the secret under the stack's prefix, with the AWS managed key and no recovery window", () => {
            assert.deepEqual(inputs(p, SECRET, "secret-worker-API_TOKEN"), {
                name: "berth/berth/test/worker/API_TOKEN",
                description: "API_TOKEN of service worker in stack test: set its value with the secrets output's command",
                recoveryWindowInDays: 0,
                tags: TAGS,
            });
            assert.equal(find(p, SECRET, "secret-worker-API_TOKEN").retainOnDelete, false);
            assert.equal(ofType(p, SECRET).length, 1);
        });

        it("gives it a generated first value that stays secret, and never overwrites a value put later, nor lets its version be deleted", () => {
            const v = find(p, VERSION, "secret-worker-API_TOKEN-value");
            assert.deepEqual([v.inputs, v.ignoreChanges], [{ secretId: "berth/berth/test/worker/API_TOKEN", secretString: "[secret]", versionStages: ["AWSCURRENT", "berth-initial"] }, ["secretString", "versionStages"]]);
        });

        it("lets only the worker's execution role read it, by its exact ARN, beside the secret it references", () => {
            const arn = arnOf(p, "secret-worker-API_TOKEN");
            assert.match(arn, /^arn:aws:secretsmanager:eu-west-1:123456789012:secret:berth\/berth\/test\/worker\/API_TOKEN-[0-9a-f]{6}$/);
            assert.deepEqual(statement(p, "worker-exec-policy", "ReadSecrets"), { Sid: "ReadSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [arn, OTHER, `${OTHER}-??????`].sort() });
            assert.equal(statement(p, "web-exec-policy", "ReadSecrets"), undefined);
        });

        it("hands the container the new ARN, after the secrets it references", () => {
            const [container] = json(inputs(p, "aws:ecs/taskDefinition:TaskDefinition", "worker-taskdef").containerDefinitions);
            assert.deepEqual(container.secrets, [
                { name: "DB", valueFrom: OTHER },
                { name: "API_TOKEN", valueFrom: arnOf(p, "secret-worker-API_TOKEN") },
            ]);
        });

        it("registers the task definition only once the secret has its first value: a task started before fails with ResourceInitializationError", () => {
            const urnOf = (type: string, name: string) => find(p, type, name).urn;
            const deps = find(p, "aws:ecs/taskDefinition:TaskDefinition", "worker-taskdef").dependencies;
            assert.ok(deps.includes(urnOf(VERSION, "secret-worker-API_TOKEN-value")), deps.join("\n"));
        });

        it("outputs the ARN and the command that sets the real value", () => {
            const arn = arnOf(p, "secret-worker-API_TOKEN");
            assert.deepEqual(p.outputs.secrets, { worker: { API_TOKEN: { arn, set: `aws secretsmanager put-secret-value --secret-id ${arn} --secret-string file://secret.txt --region eu-west-1` } } });
        });
    });

    it("a stack that creates no secret has no secrets output", async () => {
        assert.equal((await planOk(fargateConfig())).outputs.secrets, undefined);
    });

    it("encrypts with a kmsKey when one is given, and the execution role may decrypt with it through Secrets Manager only", async () => {
        const p = await planOk(fargateConfig(worker({ API_TOKEN: { create: true, kmsKey: KEY } })));
        assert.equal(inputs(p, SECRET, "secret-worker-API_TOKEN").kmsKeyId, KEY);
        assert.deepEqual(statement(p, "worker-exec-policy", "DecryptSecrets").Resource, [KEY]);
    });

    it("deletes a staging secret at once (its fixed name must be free for the next deploy), and keeps a prod one 30 days and on destroy", async () => {
        const staging = await planOk(fargateConfig({ "berth:environment": "staging", ...worker({ T: { create: true } }) }));
        assert.equal(inputs(staging, SECRET, "secret-worker-T").recoveryWindowInDays, 0);
        const prod = await planStackOk("prod");
        assert.equal(inputs(prod, SECRET, "secret-worker-API_TOKEN").recoveryWindowInDays, 30);
        assert.equal(find(prod, SECRET, "secret-worker-API_TOKEN").retainOnDelete, true);
    });

    it("dev deploys unchanged in a new account: its worker reads a secret the stack creates", async () => {
        const p = await planStackOk("dev");
        const arn = arnOf(p, "secret-worker-API_TOKEN");
        assert.deepEqual(statement(p, "worker-exec-policy", "ReadSecrets").Resource, [arn]);
        assert.deepEqual(Object.keys(p.outputs.secrets as object), ["worker"]);
    });

    it("on EKS nodes the pod's role names the ARN and ASCP reads the secret by name", async () => {
        const p = await planOk(eksConfig(worker({ API_TOKEN: { create: true } })));
        const arn = arnOf(p, "secret-worker-API_TOKEN");
        assert.deepEqual(statement(p, "worker-policy", "ReadSecrets"), { Sid: "ReadSecrets", Effect: "Allow", Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"], Resource: [arn] });
        const spc = inputs(p, "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass", "worker-secrets");
        assert.deepEqual(JSON.parse(spc.spec.parameters.objects), [{ objectName: "berth/berth/test/worker/API_TOKEN", objectType: "secretsmanager", objectAlias: "API_TOKEN" }]);
        assert.deepEqual((p.outputs.secrets as any).worker.API_TOKEN.arn, arn);
    });

    it("on EKS Fargate External Secrets Operator reads it by name, with the pod's role naming the ARN", async () => {
        const p = await planStackOk("eks-fargate");
        const arn = arnOf(p, "secret-worker-API_TOKEN");
        assert.deepEqual(statement(p, "worker-policy", "ReadSecrets").Resource, [arn]);
        assert.deepEqual(inputs(p, "kubernetes:external-secrets.io/v1:ExternalSecret", "worker-secrets").spec.data[0].remoteRef, { key: "berth/berth/eks-fargate/worker/API_TOKEN" });
    });

    it("on App Runner the instance role reads it and App Runner hands it to the service", async () => {
        const p = await planOk(managedConfig("apprunner", { "berth:services": { web: { secrets: { API_TOKEN: { create: true } } } } }));
        const arn = arnOf(p, "secret-web-API_TOKEN");
        assert.deepEqual(statement(p, "web-instance-policy", "ReadSecrets").Resource, [arn]);
        const svc = inputs(p, "aws:apprunner/service:Service", "web-service");
        assert.deepEqual(svc.sourceConfiguration.imageRepository.imageConfiguration.runtimeEnvironmentSecrets, { API_TOKEN: arn });
    });

    it("on Express Mode the execution role reads it and the container gets it", async () => {
        const p = await planOk(managedConfig("ecs-express", { "berth:services": { web: { secrets: { API_TOKEN: { create: true } } } } }));
        const arn = arnOf(p, "secret-web-API_TOKEN");
        assert.deepEqual(statement(p, "web-exec-policy", "ReadSecrets").Resource, [arn]);
        assert.deepEqual(inputs(p, "aws:ecs/expressGatewayService:ExpressGatewayService", "web-service").primaryContainer.secrets, [{ name: "API_TOKEN", valueFrom: arn }]);
    });

    it("resolves to a name under the stack's prefix, and a created secret's kmsKey joins the keys the role decrypts with", () => {
        const r = validateFixture(fargateConfig(worker({ A: { create: true }, B: { create: true, kmsKey: KEY }, C: OTHER })));
        assert.ok(r.ok);
        const svc = r.spec.services.worker;
        assert.deepEqual([svc.secrets, svc.createdSecrets, svc.secretKmsKeys], [{ C: OTHER }, { A: { name: "berth/berth/test/worker/A" }, B: { name: "berth/berth/test/worker/B", kmsKey: KEY } }, [KEY]]);
    });

    describe("what the key accepts", () => {
        it("refuses create: false, create beside an arn, and a misspelt key, saying which forms it takes", () => {
            const allowed = "a secret ARN, { arn: ARN, kmsKey: KEY_ARN } for a secret under a customer-managed key, or { create: true } (optionally with kmsKey) for a secret berth creates";
            for (const v of [{ create: false }, { create: true, arn: OTHER }, { crate: true }]) {
                assert.equal(errorAt(fixtureErrors(fargateConfig(worker({ T: v }))), "berth:services.worker.secrets.T").allowed, allowed, JSON.stringify(v));
            }
        });

        it("refuses it on platform kubernetes, which has no IAM role to read it with", () => {
            const e = errorAt(fixtureErrors(kubernetesConfig({ "berth:services": { web: { secrets: { T: { create: true } } } } })), "berth:services.web.secrets");
            assert.match(e.allowed, /no secrets on platform kubernetes/);
        });
    });
});
