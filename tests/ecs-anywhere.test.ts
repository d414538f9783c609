// The ecs-anywhere example stack: external hosts, EXTERNAL launch type, no VPC, secret outputs.
import { strict as assert } from "assert";
import { Plan, SECRET } from "../plan/engine";
import { registrationCommand } from "../components/ecs/EcsAnywhere";
import { fargateConfig, find, inputs, json, merge, ofType, planOk, planStackOk } from "./harness";

/** A small ecs-anywhere config: one private web service on one host. */
const anywhereConfig = () => merge(fargateConfig(), { "berth:platform": "ecs-anywhere", "berth:loadBalancer": null, "berth:services": { web: { public: false, desiredCount: 1 } } });

describe("ecs-anywhere stack (Pulumi.ecs-anywhere.yaml)", () => {
    let p: Plan;
    beforeEach(async () => (p = await planStackOk("ecs-anywhere")));

    it("runs services with launch type EXTERNAL, bridge networking and no load balancer", () => {
        const svc = inputs(p, "aws:ecs/service:Service", "edge-service");
        assert.equal(svc.launchType, "EXTERNAL");
        assert.equal(svc.networkConfiguration, undefined);
        assert.equal(svc.capacityProviderStrategies, undefined);
        assert.deepEqual(svc.loadBalancers, []);
        const td = inputs(p, "aws:ecs/taskDefinition:TaskDefinition", "edge-taskdef");
        assert.deepEqual(td.requiresCompatibilities, ["EXTERNAL"]);
        assert.equal(td.networkMode, "bridge");
        assert.equal(td.runtimePlatform, undefined);
    });

    it("publishes the container port on the same host port, one task per host, replacing tasks one at a time", () => {
        const [c] = json(inputs(p, "aws:ecs/taskDefinition:TaskDefinition", "edge-taskdef").containerDefinitions);
        assert.deepEqual(c.portMappings, [{ containerPort: 8080, hostPort: 8080, protocol: "tcp" }]);
        const svc = inputs(p, "aws:ecs/service:Service", "edge-service");
        assert.deepEqual(svc.placementConstraints, [{ type: "distinctInstance" }]);
        assert.deepEqual([svc.deploymentMinimumHealthyPercent, svc.deploymentMaximumPercent], [50, 100]);
    });

    it("health-checks edge inside the container, since no load balancer does: its Alpine image has wget", () => {
        const [c] = json(inputs(p, "aws:ecs/taskDefinition:TaskDefinition", "edge-taskdef").containerDefinitions);
        assert.deepEqual(c.healthCheck, { command: ["CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1"], interval: 30, timeout: 5, retries: 3, startPeriod: 10 });
        // The one-off sync task has no port and runs to completion: no check.
        assert.equal(json(inputs(p, "aws:ecs/taskDefinition:TaskDefinition", "sync-taskdef").containerDefinitions)[0].healthCheck, undefined);
    });

    it("lets a single fixed-port task be replaced: ECS would round 50 % of one task up to one", async () => {
        const single = await planOk(anywhereConfig());
        const svc = inputs(single, "aws:ecs/service:Service", "web-service");
        assert.deepEqual([svc.desiredCount, svc.deploymentMinimumHealthyPercent, svc.deploymentMaximumPercent], [1, 0, 100]);
        assert.deepEqual(svc.deploymentCircuitBreaker, { enable: true, rollback: true });
    });

    it("creates no VPC, NAT, load balancer or task security group: the tasks run outside AWS", () => {
        for (const type of ["awsx:ec2:Vpc", "aws:lb/loadBalancer:LoadBalancer", "aws:ec2/securityGroup:SecurityGroup"]) assert.deepEqual(ofType(p, type), [], type);
    });

    it("gives external instances an SSM-trusted role with SSM core and an ECS policy for this cluster only", () => {
        const role = find(p, "aws:iam/role:Role", "anywhere-instance-role");
        assert.deepEqual(json(role.inputs.assumeRolePolicy).Statement, [
            {
                Effect: "Allow",
                Principal: { Service: "ssm.amazonaws.com" },
                Action: "sts:AssumeRole",
                // Only SSM acting for this account in this region: the confused-deputy guard.
                Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:ssm:us-east-1:123456789012:*" } },
            },
        ]);
        const policies = ofType(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
            .filter((a) => a.dependencies.includes(role.urn))
            .map((a) => a.inputs.policyArn);
        assert.deepEqual(policies, ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]);
        // The role goes to hosts outside AWS: it may join this cluster only, and nothing else of ECS's.
        const cluster = find(p, "aws:ecs/cluster:Cluster", "ecs-cluster").arn;
        const statements = json(inputs(p, "aws:iam/rolePolicy:RolePolicy", "anywhere-instance-policy").policy).Statement;
        assert.deepEqual(
            statements.map((s: any) => [s.Sid, s.Resource]),
            [
                ["RegisterWithThisCluster", cluster],
                ["PollThisCluster", "*"],
                ["DiscoverEndpoint", "*"],
                ["EcrToken", "*"],
                ["EcrPull", [find(p, "aws:ecr/repository:Repository", "registry-repo").arn]],
                ["WriteStackLogs", "arn:aws:logs:us-east-1:123456789012:log-group:/berth/berth/ecs-anywhere/*:*"],
            ],
        );
        assert.deepEqual(statements[1].Action, ["ecs:Poll", "ecs:StartTelemetrySession"]);
        assert.deepEqual(statements[1].Condition, { ArnEquals: { "ecs:cluster": cluster } });
    });

    it("creates an SSM activation with the configured registration limit, after the role's policies", () => {
        const activation = find(p, "aws:ssm/activation:Activation", "anywhere-activation");
        assert.equal(activation.inputs.registrationLimit, 5);
        assert.equal(activation.inputs.iamRole, find(p, "aws:iam/role:Role", "anywhere-instance-role").id);
        assert.ok(activation.dependencies.includes(find(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "anywhere-instance-ssm").urn));
        assert.ok(activation.dependencies.includes(find(p, "aws:iam/rolePolicy:RolePolicy", "anywhere-instance-policy").urn));
    });

    it("outputs the activation id, code and registration command as secrets", () => {
        assert.equal(p.outputs.activationId, SECRET);
        assert.equal(p.outputs.activationCode, SECRET);
        assert.equal(p.outputs.registrationCommand, SECRET);
        assert.equal(p.outputs.vpcId, undefined);
    });

    it("builds a host registration command that runs the install script only once its signature checks out", () => {
        const cmd = registrationCommand("us-east-1", "ecs-c", "act-1", "code-2");
        const gpg = "gpg --no-default-keyring --keyring /tmp/ecs-anywhere-keyring.gpg";
        assert.deepEqual(cmd.split(" && "), [
            'curl -fsS --proto "https" -o "/tmp/ecs-anywhere-install.sh" "https://amazon-ecs-agent.s3.amazonaws.com/ecs-anywhere-install-latest.sh"',
            'curl -fsS --proto "https" -o "/tmp/ecs-anywhere-install.sh.asc" "https://amazon-ecs-agent.s3.amazonaws.com/ecs-anywhere-install-latest.sh.asc"',
            // The Amazon ECS signing key, by its full fingerprint, in a keyring that holds nothing else.
            `${gpg} --keyserver hkps://keyserver.ubuntu.com --recv-keys F34C3DDAE72926B079BEAEC6BCE9D9A42D51784F`,
            `${gpg} --verify /tmp/ecs-anywhere-install.sh.asc /tmp/ecs-anywhere-install.sh`,
            'sudo bash /tmp/ecs-anywhere-install.sh --region "us-east-1" --cluster "ecs-c" --activation-id "act-1" --activation-code "code-2"',
        ]);
    });

    it("lets hosts register for 29 days from the first deployment, and keeps that date on later updates", () => {
        const activation = find(p, "aws:ssm/activation:Activation", "anywhere-activation");
        // Plans run at 2026-01-01T00:00:00Z (PLAN_TIME), so they are the same every day.
        assert.equal(activation.inputs.expirationDate, "2026-01-30T00:00:00Z");
        assert.deepEqual(activation.ignoreChanges, ["expirationDate"]);
        assert.equal(p.outputs.activationExpires, "2026-01-30T00:00:00Z");
    });

    it("takes a configured expiry as given, and replaces the activation when it changes", async () => {
        // SSM takes a date within 30 days of the real time (issue 21, D6), so the date moves with it.
        const date = new Date(Date.now() + 15 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
        const fixed = await planOk(merge(anywhereConfig(), { "berth:anywhere": { expirationDate: date } }));
        const activation = find(fixed, "aws:ssm/activation:Activation", "anywhere-activation");
        assert.equal(activation.inputs.expirationDate, date);
        assert.deepEqual(activation.ignoreChanges, []);
    });

    it("gives a one-off EXTERNAL task a run-task command without network configuration", () => {
        const cmd = (p.outputs.tasks as Record<string, string>).sync;
        assert.match(cmd, /--task-definition berth-ecs-anywhere-sync --count 1 --launch-type EXTERNAL$/);
    });
});
