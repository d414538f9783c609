// GIVEN an App Runner stack with every way in (ECR Public, a built image, a private ECR image, GitHub
// source) and every option on, WHEN it is planned, THEN each child gets exactly these inputs.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { validationRecordsToWrite } from "../components/apprunner/AppRunnerService";
import { boundedName, shellJoin } from "../stacks/apprunner";
import { fakeSubnets, find, inputs, json, managedConfig, ofType, planOk, planStackOk } from "./harness";

const SERVICE = "aws:apprunner/service:Service";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ATTACH = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";
const PARAM = "arn:aws:ssm:eu-west-1:123456789012:parameter/app/token";
const ZONE = "Z0123456789ABCDEFGHIJ";
const RECORD = "aws:route53/record:Record";
const KMS = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const TRUST = (principal: string) => ({
    Version: "2012-10-17",
    Statement: [
        {
            Effect: "Allow",
            Principal: { Service: principal },
            Action: "sts:AssumeRole",
            // No Condition: App Runner's guide shows none on these roles and documents no source key it sends.
        },
    ],
});

describe("apprunner composition", () => {
    let p: Plan;
    beforeEach(async () => {
        p = await planOk(
            managedConfig("apprunner", {
                "berth:apprunner": { tracing: true, kmsKeyArn: KMS },
                "berth:services": {
                    web: {
                        environment: { MODE: "web" },
                        secrets: { DB: SECRET },
                        grants: [{ bucket: "assets", prefix: "img/", access: "read" }],
                        command: ["node", "server.js", "--name", "a b"],
                        scaling: { min: 2, max: 10, concurrency: 50 },
                        apprunner: { domain: "web.example.com", wwwSubdomain: true, hostedZoneId: ZONE },
                    },
                    api: { build: { context: "./tests/fixtures/app" }, port: 3000, public: true, cpu: 1024, memory: 3072 },
                    tool: { image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/tool:v1", port: 8000, public: true, secrets: { TOKEN: { arn: PARAM, kmsKey: KMS } } },
                    site: {
                        source: { repository: "https://github.com/acme/site", branch: "release", directory: "/app", runtime: "NODEJS_22", build: "npm ci", start: "npm start" },
                        port: 8080,
                        public: true,
                    },
                },
            }),
        );
    });

    it("runs an ECR Public image with no access role, its size, health check, secrets and start command", () => {
        const svc = inputs(p, SERVICE, "web-service");
        assert.equal(svc.serviceName, "berth-test-web");
        assert.deepEqual(svc.sourceConfiguration, {
            autoDeploymentsEnabled: false,
            imageRepository: {
                imageIdentifier: "public.ecr.aws/nginx/nginx:1.27",
                imageRepositoryType: "ECR_PUBLIC",
                imageConfiguration: { port: "8080", runtimeEnvironmentVariables: { MODE: "web" }, runtimeEnvironmentSecrets: { DB: SECRET }, startCommand: "node server.js --name 'a b'" },
            },
        });
        assert.deepEqual(svc.instanceConfiguration, { cpu: "512", memory: "1024", instanceRoleArn: find(p, ROLE, "web-instance-role").arn });
        // berth's ALB default interval (30 s) is brought within App Runner's 20 s.
        assert.deepEqual(svc.healthCheckConfiguration, { protocol: "HTTP", path: "/healthz", interval: 20, timeout: 5, healthyThreshold: 3, unhealthyThreshold: 3 });
        assert.equal(
            ofType(p, ROLE).find((r) => r.name === "web-access-role"),
            undefined,
        );
    });

    it("scales on concurrency between scaling.min and max, in a configuration of the service's own", () => {
        assert.deepEqual(inputs(p, "aws:apprunner/autoScalingConfigurationVersion:AutoScalingConfigurationVersion", "web-scaling"), {
            autoScalingConfigurationName: "berth-test-web",
            minSize: 2,
            maxSize: 10,
            maxConcurrency: 50,
            tags: { "berth:project": "berth", "berth:stack": "test", "berth:environment": "dev" },
        });
        const fixed = inputs(p, "aws:apprunner/autoScalingConfigurationVersion:AutoScalingConfigurationVersion", "api-scaling");
        assert.deepEqual([fixed.minSize, fixed.maxSize, fixed.maxConcurrency], [1, 1, 100]);
        assert.equal(inputs(p, SERVICE, "web-service").autoScalingConfigurationArn, find(p, "aws:apprunner/autoScalingConfigurationVersion:AutoScalingConfigurationVersion", "web-scaling").arn);
    });

    it("sends outbound traffic through one VPC connector in the private subnets, with an egress-only security group", () => {
        const connector = inputs(p, "aws:apprunner/vpcConnector:VpcConnector", "apprunner-connector");
        const sg = find(p, "aws:ec2/securityGroup:SecurityGroup", "apprunner-connector-sg");
        assert.equal(connector.vpcConnectorName, "berth-test");
        assert.deepEqual(connector.securityGroups, [sg.id]);
        assert.deepEqual(connector.subnets, fakeSubnets("private"));
        assert.deepEqual(ofType(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"), []);
        assert.equal(inputs(p, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "apprunner-connector-egress").securityGroupId, sg.id);
        for (const name of ["web", "api", "tool", "site"]) {
            assert.deepEqual(inputs(p, SERVICE, `${name}-service`).networkConfiguration, {
                egressConfiguration: { egressType: "VPC", vpcConnectorArn: find(p, "aws:apprunner/vpcConnector:VpcConnector", "apprunner-connector").arn },
                ingressConfiguration: { isPubliclyAccessible: true },
                ipAddressType: "IPV4",
            });
        }
    });

    it("gives the instance role the service's grants and exactly its secrets, trusted by App Runner tasks in this account only", () => {
        const role = inputs(p, ROLE, "web-instance-role");
        assert.deepEqual(json(role.assumeRolePolicy), TRUST("tasks.apprunner.amazonaws.com"));
        assert.deepEqual(json(inputs(p, ROLE_POLICY, "web-instance-policy").policy), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "Grant0Objects", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: "arn:aws:s3:::assets/img/*" },
                { Sid: "Grant0List", Effect: "Allow", Action: ["s3:ListBucket"], Resource: "arn:aws:s3:::assets", Condition: { StringLike: { "s3:prefix": ["img/*"] } } },
                { Sid: "ReadSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [SECRET, `${SECRET}-??????`] },
            ],
        });
        assert.deepEqual(json(inputs(p, ROLE_POLICY, "tool-instance-policy").policy).Statement, [
            { Sid: "ReadParameters", Effect: "Allow", Action: ["ssm:GetParameters"], Resource: [PARAM] },
            { Sid: "DecryptSecrets", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [KMS], Condition: { StringEquals: { "kms:ViaService": ["secretsmanager.eu-west-1.amazonaws.com", "ssm.eu-west-1.amazonaws.com"] } } },
        ]);
        assert.equal(
            ofType(p, ROLE_POLICY).find((r) => r.name === "api-instance-policy"),
            undefined,
        );
    });

    it("pulls a built image through an access role limited to the stack's repository", () => {
        const repo = find(p, "aws:ecr/repository:Repository", "registry-repo");
        const access = find(p, ROLE, "api-access-role");
        assert.deepEqual(json(access.inputs.assumeRolePolicy), TRUST("build.apprunner.amazonaws.com"));
        assert.deepEqual(json(inputs(p, ROLE_POLICY, "api-access-policy").policy), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "EcrAuth", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
                { Sid: "EcrPull", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:DescribeImages", "ecr:GetDownloadUrlForLayer"], Resource: repo.arn },
            ],
        });
        const src = inputs(p, SERVICE, "api-service").sourceConfiguration;
        assert.deepEqual(src.authenticationConfiguration, { accessRoleArn: access.arn });
        assert.equal(src.imageRepository.imageRepositoryType, "ECR");
        assert.match(src.imageRepository.imageIdentifier, new RegExp(`^${inputs(p, "awsx:ecr:Image", "registry-api-image").repositoryUrl}@sha256:`));
        // App Runner checks the roles when it creates the service: their policies come first.
        const deps = find(p, SERVICE, "api-service").dependencies;
        for (const urn of [find(p, ROLE_POLICY, "api-access-policy").urn, find(p, ATTACH, "api-instance-managed-0").urn]) assert.ok(deps.includes(urn), urn);
    });

    it("scopes a private ECR image's access role to the repository named in its URI", () => {
        const policy = json(inputs(p, ROLE_POLICY, "tool-access-policy").policy);
        assert.equal(policy.Statement[1].Resource, "arn:aws:ecr:eu-west-1:123456789012:repository/team/tool");
    });

    it("builds from GitHub through a connection berth creates, redeploying on push", () => {
        const connection = find(p, "aws:apprunner/connection:Connection", "apprunner-github");
        assert.deepEqual(connection.inputs, { connectionName: "berth-test", providerType: "GITHUB", tags: { "berth:project": "berth", "berth:stack": "test", "berth:environment": "dev" } });
        assert.deepEqual(inputs(p, SERVICE, "site-service").sourceConfiguration, {
            autoDeploymentsEnabled: true,
            authenticationConfiguration: { connectionArn: connection.arn },
            codeRepository: {
                repositoryUrl: "https://github.com/acme/site",
                sourceCodeVersion: { type: "BRANCH", value: "release" },
                sourceDirectory: "/app",
                codeConfiguration: {
                    configurationSource: "API",
                    codeConfigurationValues: { runtime: "NODEJS_22", buildCommand: "npm ci", startCommand: "npm start", port: "8080", runtimeEnvironmentVariables: {}, runtimeEnvironmentSecrets: {} },
                },
            },
        });
        assert.equal(
            ofType(p, ROLE).find((r) => r.name === "site-access-role"),
            undefined,
        );
    });

    it("traces with X-Ray: one observability configuration, and the instance roles may write traces", () => {
        const tracing = find(p, "aws:apprunner/observabilityConfiguration:ObservabilityConfiguration", "apprunner-tracing");
        assert.deepEqual(tracing.inputs.traceConfiguration, { vendor: "AWSXRAY" });
        assert.deepEqual(inputs(p, SERVICE, "web-service").observabilityConfiguration, { observabilityEnabled: true, observabilityConfigurationArn: tracing.arn });
        assert.equal(inputs(p, ATTACH, "web-instance-managed-0").policyArn, "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess");
    });

    it("encrypts with the configured KMS key", () => {
        for (const name of ["web", "api", "tool", "site"]) assert.deepEqual(inputs(p, SERVICE, `${name}-service`).encryptionConfiguration, { kmsKey: KMS });
    });

    it("associates the custom domain and outputs the records DNS needs", () => {
        assert.deepEqual(inputs(p, "aws:apprunner/customDomainAssociation:CustomDomainAssociation", "web-domain"), {
            domainName: "web.example.com",
            serviceArn: find(p, SERVICE, "web-service").arn,
            enableWwwSubdomain: true,
        });
        const domains = p.outputs.domains as Record<string, { domain: string; dnsTarget: string; validationRecords: Array<{ name: string; type: string; value: string }> }>;
        assert.deepEqual(Object.keys(domains), ["web"]);
        assert.equal(domains.web.domain, "web.example.com");
        assert.match(domains.web.dnsTarget, /\.eu-west-1\.awsapprunner\.com$/);
        // ACM's record for each name the certificate covers, and the one App Runner names `_x.RANDOM.DOMAIN.`.
        assert.deepEqual(
            domains.web.validationRecords.map((r) => [r.type, r.name.split(".").slice(1).join(".")]),
            [
                ["CNAME", "web.example.com."],
                ["CNAME", "www.web.example.com."],
                ["CNAME", `${domains.web.validationRecords[2].name.split(".")[1]}.web.example.com.`],
            ],
        );
    });

    it("writes every validation record App Runner returns, and a CNAME to its target for the domain and its www name, into the hosted zone", () => {
        const domains = p.outputs.domains as Record<string, { dnsTarget: string; validationRecords: Array<{ name: string; type: string; value: string }> }>;
        const target = domains.web.dnsTarget;
        const validation = (r: { name: string; value: string }) => ({ zoneId: ZONE, name: r.name, type: "CNAME", records: [r.value], ttl: 300, allowOverwrite: true });
        const records = Object.fromEntries(ofType(p, RECORD).map((r) => [r.name, r.inputs]));
        assert.deepEqual(records, {
            ...Object.fromEntries(validationRecordsToWrite(domains.web.validationRecords).map((r, i) => [`web-domain-validation-${i}`, validation(r)])),
            "web-domain-cname": { zoneId: ZONE, name: "web.example.com", type: "CNAME", records: [target], ttl: 300 },
            "web-domain-www-cname": { zoneId: ZONE, name: "www.web.example.com", type: "CNAME", records: [target], ttl: 300 },
        });
        assert.equal(Object.keys(records).length, 5);
        for (const r of ofType(p, RECORD)) assert.equal(find(p, "berth:apprunner:AppRunnerService", "web").urn, r.parent, r.name);
    });

    it("outputs each service's URL and name, the repository and the VPC, and no cluster", () => {
        const o = p.outputs;
        assert.deepEqual(Object.keys(o), ["urls", "platform", "services", "domains", "githubConnectionArn", "repositoryUrl", "pushCommands", "logs", "vpcId"]);
        assert.deepEqual(o.services, { web: "berth-test-web", api: "berth-test-api", tool: "berth-test-tool", site: "berth-test-site" });
        const urls = o.urls as Record<string, string>;
        assert.ok(
            Object.values(urls).every((u) => /^https:\/\/[0-9a-f]{10}\.eu-west-1\.awsapprunner\.com$/.test(u)),
            JSON.stringify(urls),
        );
    });
});

describe("the apprunner example stack (Pulumi.apprunner.yaml)", () => {
    let p: Plan;
    beforeEach(async () => (p = await planStackOk("apprunner")));

    it("runs dev's public web service, with `url` since it is the only one", () => {
        assert.deepEqual(Object.keys(p.outputs.services as object), ["web"]);
        assert.equal(p.outputs.url, (p.outputs.urls as Record<string, string>).web);
        assert.deepEqual(inputs(p, SERVICE, "web-service").healthCheckConfiguration, { protocol: "HTTP", path: "/", interval: 10, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 });
    });

    it("carries App Runner's closure notice in the plan's warnings", () => {
        assert.equal(p.warnings.length, 1);
        assert.equal(p.warnings[0].path, "berth:platform");
        assert.match(p.warnings[0].message, /closed to new customers since 30 April 2026.*ECS Express Mode/);
    });

    it("creates no GitHub connection, tracing or domain it was not asked for", () => {
        for (const type of [RECORD, "aws:apprunner/connection:Connection", "aws:apprunner/observabilityConfiguration:ObservabilityConfiguration", "aws:apprunner/customDomainAssociation:CustomDomainAssociation"]) {
            assert.deepEqual(ofType(p, type), [], type);
        }
        const svc = inputs(p, SERVICE, "web-service");
        assert.equal(svc.observabilityConfiguration, undefined);
        assert.equal(svc.encryptionConfiguration, undefined);
    });
});

describe("App Runner names and commands", () => {
    it("keeps a name that fits, and shortens one that does not to a stable, distinct name within the limit", () => {
        assert.equal(boundedName(["berth", "dev", "web"], 40), "berth-dev-web");
        const long = boundedName(["berth", "a-very-long-stack-name-for-review", "checkout"], 32);
        assert.equal(long.length, 32);
        assert.equal(long, boundedName(["berth", "a-very-long-stack-name-for-review", "checkout"], 32));
        assert.notEqual(long, boundedName(["berth", "a-very-long-stack-name-for-review", "checkouts"], 32));
        assert.match(boundedName(["berth", "feature.x"], 40), /^[A-Za-z0-9][A-Za-z0-9_-]+$/);
    });
    const cases: Array<[string[], string]> = [
        [["node", "server.js"], "node server.js"],
        [["sh", "-c", "echo hi && sleep 1"], "sh -c 'echo hi && sleep 1'"],
        [["echo", "it's"], "echo 'it'\\''s'"],
        [["run", "--port=8080", "/srv/app"], "run --port=8080 /srv/app"],
    ];
    for (const [args, line] of cases) it(`${JSON.stringify(args)} -> ${line}`, () => assert.equal(shellJoin(args), line));
});

describe("an App Runner custom domain without a hosted zone", () => {
    it("associates the domain and outputs its records, but writes no DNS record", async () => {
        const p = await planOk(managedConfig("apprunner", { "berth:services": { web: { apprunner: { domain: "web.example.com" } } } }));
        assert.equal(inputs(p, "aws:apprunner/customDomainAssociation:CustomDomainAssociation", "web-domain").enableWwwSubdomain, false);
        assert.deepEqual(ofType(p, RECORD), []);
        // ACM's record for the domain, and App Runner's `_x.RANDOM.DOMAIN.` one.
        assert.equal((p.outputs.domains as Record<string, { validationRecords: unknown[] }>).web.validationRecords.length, 2);
    });
});

describe("validationRecordsToWrite", () => {
    const a = { name: "_a1.web.example.com.", type: "CNAME", value: "_v1.acm-validations.aws." };
    const b = { name: "_b2.www.web.example.com.", type: "CNAME", value: "_v2.acm-validations.aws." };
    const x = { name: "_x.2a57j77.web.example.com.", type: "CNAME", value: "_v3.acm-validations.aws." };
    it("writes each record once, in the order of its name, whatever order App Runner answers in", () => {
        assert.deepEqual(validationRecordsToWrite([x, b, a]), [a, b, x]);
        assert.deepEqual(validationRecordsToWrite([a, b, x]), [a, b, x]);
        assert.deepEqual(validationRecordsToWrite([b, a, b, { ...a, status: "PENDING_VALIDATION" } as never]), [a, b]);
        assert.deepEqual(validationRecordsToWrite([]), []);
    });
});
