// Issue 19 item 5 on ECS: GIVEN services that call each other by name and one behind the internal
// ALB, WHEN planned, THEN Service Connect names them in the stack's namespace, only the declared
// callers' tasks get in on the callee's port, and the internal ALB admits only its CIDRs.
import { strict as assert } from "assert";
import { fakeSubnets, find, fargateConfig, inputs, json, merge, ofType, planOk } from "./harness";

const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const SERVICE = "aws:ecs/service:Service";
const image = "public.ecr.aws/docker/library/busybox:1.36";

/** web (public) calls api; worker (no port) calls api and admin; admin sits behind the internal ALB. */
const calling = (platform = "ecs-fargate") =>
    fargateConfig({
        "berth:platform": platform,
        "berth:services": {
            web: { calls: ["api"] },
            api: { image, port: 9000 },
            worker: { image, calls: ["api", "admin"] },
            admin: { image, port: 3000, internal: { allowedCidrs: ["10.8.0.0/16"] } },
            lonely: { image, port: 7000 },
        },
    });

describe("names between services on ECS (calls, Service Connect)", () => {
    it("creates one HTTP namespace named after the project and stack, the cluster's Service Connect default", async () => {
        const p = await planOk(calling());
        const ns = ofType(p, "aws:servicediscovery/httpNamespace:HttpNamespace");
        assert.deepEqual(
            ns.map((n) => [n.name, n.inputs.name]),
            [["ecs-namespace", "berth-test"]],
        );
        // plan/fakes.ts gives a namespace no ARN, so the reference shows as a dependency on the namespace.
        assert.ok("serviceConnectDefaults" in inputs(p, "aws:ecs/cluster:Cluster", "ecs-cluster"));
        assert.ok(find(p, "aws:ecs/cluster:Cluster", "ecs-cluster").dependencies.includes(ns[0].urn));
    });

    it("makes the callee a Service Connect server on its named port, answering http://api:9000", async () => {
        const p = await planOk(calling());
        const sc = inputs(p, SERVICE, "api-service").serviceConnectConfiguration;
        const ns = find(p, "aws:servicediscovery/httpNamespace:HttpNamespace", "ecs-namespace");
        assert.ok(find(p, SERVICE, "api-service").dependencies.includes(ns.urn));
        assert.deepEqual(sc, {
            enabled: true,
            services: [{ portName: "http", discoveryName: "api", clientAlias: [{ dnsName: "api", port: 9000 }] }],
            logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/berth/berth/test/api", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "service-connect" } },
        });
        const [container] = json(inputs(p, "aws:ecs/taskDefinition:TaskDefinition", "api-taskdef").containerDefinitions);
        assert.deepEqual(container.portMappings, [{ containerPort: 9000, protocol: "tcp", name: "http", appProtocol: "http" }]);
    });

    it("makes a caller without a port a client only, in the same namespace", async () => {
        const p = await planOk(calling());
        const sc = inputs(p, SERVICE, "worker-service").serviceConnectConfiguration;
        assert.equal(sc.enabled, true);
        assert.deepEqual(sc.services, []);
        assert.ok(find(p, SERVICE, "worker-service").dependencies.includes(find(p, "aws:servicediscovery/httpNamespace:HttpNamespace", "ecs-namespace").urn));
    });

    it("opens the callee's port to exactly its declared callers' task security groups, and nothing else to anyone", async () => {
        const p = await planOk(calling());
        const sgName = (id: unknown) => ofType(p, SG).find((g) => g.id === id)?.name;
        const fromTasks = ofType(p, INGRESS)
            .filter((r) => r.inputs.referencedSecurityGroupId !== undefined && !String(sgName(r.inputs.referencedSecurityGroupId)).match(/^(alb|int)-sg$/))
            .map((r) => `${String(sgName(r.inputs.securityGroupId))} ${String(r.inputs.fromPort)}-${String(r.inputs.toPort)} from ${String(sgName(r.inputs.referencedSecurityGroupId))}`)
            .sort();
        assert.deepEqual(fromTasks, ["admin-sg 3000-3000 from worker-sg", "api-sg 9000-9000 from web-sg", "api-sg 9000-9000 from worker-sg"]);
        assert.equal(inputs(p, INGRESS, "api-calls-from-web").ipProtocol, "tcp");
    });

    it("starts each caller's service after its callees' (Service Connect resolves only endpoints that exist when a task starts)", async () => {
        const p = await planOk(calling());
        const worker = find(p, SERVICE, "worker-service");
        const urnOf = (name: string) => find(p, SERVICE, name).urn;
        assert.ok(worker.dependencies.includes(urnOf("api-service")) && worker.dependencies.includes(urnOf("admin-service")), String(worker.dependencies));
        assert.ok(!find(p, SERVICE, "api-service").dependencies.includes(urnOf("worker-service")));
    });

    it("lists where the other services reach each private service in `endpoints`, the internal ALB's URL for an internal one", async () => {
        const p = await planOk(calling());
        const endpoints = p.outputs.endpoints as Record<string, string>;
        assert.deepEqual(Object.keys(endpoints).sort(), ["admin", "api", "lonely"]);
        assert.equal(endpoints.api, "http://api:9000");
        assert.equal(endpoints.lonely, "http://lonely:7000");
        assert.match(endpoints.admin, /^http:\/\/.+\/$/);
        assert.equal((p.outputs.urls as Record<string, string>).admin, endpoints.admin);
    });

    it("changes nothing for a stack without calls: no namespace, no Service Connect, unnamed ports", async () => {
        const p = await planOk(fargateConfig({ "berth:services": { api: { image, port: 9000 } } }));
        assert.equal(ofType(p, "aws:servicediscovery/httpNamespace:HttpNamespace").length, 0);
        assert.equal(inputs(p, SERVICE, "api-service").serviceConnectConfiguration, undefined);
        assert.equal(inputs(p, "aws:ecs/cluster:Cluster", "ecs-cluster").serviceConnectDefaults, undefined);
        const [container] = json(inputs(p, "aws:ecs/taskDefinition:TaskDefinition", "api-taskdef").containerDefinitions);
        assert.deepEqual(container.portMappings, [{ containerPort: 9000, protocol: "tcp" }]);
        assert.equal(p.outputs.endpoints, undefined);
    });

    it("does the same on ecs-ec2", async () => {
        const p = await planOk(calling("ecs-ec2"));
        assert.deepEqual(inputs(p, SERVICE, "api-service").serviceConnectConfiguration.services, [{ portName: "http", discoveryName: "api", clientAlias: [{ dnsName: "api", port: 9000 }] }]);
        assert.ok(find(p, INGRESS, "api-calls-from-worker"));
    });
});

describe("the internal ALB on ECS", () => {
    it("is internal, in the private subnets, and its security group admits only the internal services' CIDRs on 80", async () => {
        const p = await planOk(calling());
        const lb = inputs(p, "aws:lb/loadBalancer:LoadBalancer", "int-lb");
        assert.equal(lb.internal, true);
        assert.deepEqual(lb.subnets, fakeSubnets("private"));
        const sg = find(p, SG, "int-sg");
        assert.deepEqual(lb.securityGroups, [sg.id]);
        const into = ofType(p, INGRESS).filter((r) => r.inputs.securityGroupId === sg.id);
        assert.deepEqual(
            into.map((r) => [r.inputs.cidrIpv4, r.inputs.fromPort, r.inputs.toPort]),
            [["10.8.0.0/16", 80, 80]],
        );
    });

    it("forwards the service's route only from its CIDRs, and admits the ALB into its tasks on its port", async () => {
        const p = await planOk(calling());
        const rule = inputs(p, "aws:lb/listenerRule:ListenerRule", "int-admin-rule");
        assert.deepEqual(rule.conditions, [{ pathPattern: { values: ["/*"] } }, { sourceIp: { values: ["10.8.0.0/16"] } }]);
        const from = inputs(p, INGRESS, "admin-from-lb");
        assert.equal(from.referencedSecurityGroupId, find(p, SG, "int-sg").id);
        assert.equal(from.fromPort, 3000);
        assert.equal(inputs(p, SERVICE, "admin-service").loadBalancers[0].containerPort, 3000);
    });

    it("writes its access logs where the public ALB writes them", async () => {
        const p = await planOk(merge(calling(), { "berth:loadBalancer": { accessLogs: { bucket: "berth-lb-logs", prefix: "alb" } } }), "internal-logs");
        for (const lb of ["alb-lb", "int-lb"]) assert.deepEqual(inputs(p, "aws:lb/loadBalancer:LoadBalancer", lb).accessLogs, { bucket: "berth-lb-logs", prefix: "alb", enabled: true }, lb);
    });

    it("admits the VPC by default", async () => {
        const p = await planOk(fargateConfig({ "berth:services": { admin: { image, port: 3000, internal: {} } } }));
        assert.deepEqual(inputs(p, "aws:lb/listenerRule:ListenerRule", "int-admin-rule").conditions[1], { sourceIp: { values: ["10.0.0.0/16"] } });
    });
});
