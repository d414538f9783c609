// An example of a mock unit test for your own stack (docs/plan.md, "Test your own stack"): copy it,
// set STACK to your stack's name, and assert what your stack must keep. It plans the stack file
// offline, through the same engine as `npm run plan`, and reads what would be created.
import { strict as assert } from "assert";
import { Plan, PlannedResource, planStack } from "../plan/engine";
import { formatConfigError } from "../config/errors";

const STACK = "dev"; // plans Pulumi.dev.yaml

describe(`stack ${STACK}`, () => {
    let plan: Plan;
    const ofType = (type: string): PlannedResource[] => plan.resources.filter((r) => r.type === type);
    const named = (type: string, name: string) => ofType(type).find((r) => r.name === name)!;

    before(async () => {
        const result = await planStack(STACK);
        if (!result.ok) assert.fail(result.errors.map(formatConfigError).join("\n"));
        plan = result.plan;
    });

    it("runs web and worker without public IPs", () => {
        const services = ofType("aws:ecs/service:Service");
        assert.deepEqual(services.map((s) => s.name).sort(), ["web-service", "worker-service"]);
        for (const s of services) assert.equal((s.inputs.networkConfiguration as { assignPublicIp: boolean }).assignPublicIp, false);
    });

    it("lets only the office's IPv6 range reach the load balancer, on port 80, and has it no public IPv4 address", () => {
        const sg = named("aws:ec2/securityGroup:SecurityGroup", "alb-sg");
        const rules = ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === sg.id);
        assert.deepEqual(
            rules.map((r) => [r.inputs.cidrIpv6, r.inputs.cidrIpv4, r.inputs.fromPort, r.inputs.toPort]),
            [["2001:db8::/32", undefined, 80, 80]],
        );
        assert.equal(named("aws:lb/loadBalancer:LoadBalancer", "alb-lb").inputs.ipAddressType, "dualstack-without-public-ipv4");
    });

    it("keeps logs for two weeks", () => {
        assert.deepEqual(
            ofType("aws:cloudwatch/logGroup:LogGroup").map((r) => r.inputs.retentionInDays),
            [14, 14],
        );
    });
});
