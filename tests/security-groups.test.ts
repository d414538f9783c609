// GIVEN the shipped stacks, WHEN planned, THEN every security-group rule is exactly the one written
// below (direction, protocol, ports, peer), and everything sits in the subnets it should: load
// balancers in public subnets unless internal, tasks, nodes and mount targets in private ones. The
// fake VPC names its subnets `subnet-public-…` and `subnet-private-…`, so a swap fails here.
import { strict as assert } from "assert";
import { Plan, PlannedResource } from "../plan/engine";
import { fakeSubnets, find, inputs, ofType, planStackOk } from "./harness";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

/** Every rule of the plan as "group in|out protocol ports peer", with groups by their resource names. */
function rules(p: Plan): string[] {
    const groupName = (id: unknown) => ofType(p, SG).find((g) => g.id === id)?.name ?? `?${String(id)}`;
    const line = (r: PlannedResource, dir: string) => {
        const i = r.inputs;
        const ports = i.fromPort === undefined && i.toPort === undefined ? "all" : `${String(i.fromPort)}-${String(i.toPort)}`;
        const peer = typeof i.cidrIpv4 === "string" ? i.cidrIpv4 : typeof i.cidrIpv6 === "string" ? i.cidrIpv6 : i.referencedSecurityGroupId !== undefined ? `sg:${groupName(i.referencedSecurityGroupId)}` : "?";
        return `${groupName(i.securityGroupId)} ${dir} ${String(i.ipProtocol)} ${ports} ${peer}`;
    };
    return [...ofType(p, INGRESS).map((r) => line(r, "in")), ...ofType(p, EGRESS).map((r) => line(r, "out"))].sort();
}

const isPrivate = (ids: unknown) => Array.isArray(ids) && ids.length > 0 && ids.every((s) => String(s).startsWith("subnet-private-"));
const isPublic = (ids: unknown) => Array.isArray(ids) && ids.length > 0 && ids.every((s) => String(s).startsWith("subnet-public-"));

describe("security groups, rule by rule (Pulumi.ecs-ec2.yaml)", () => {
    let p: Plan;
    beforeEach(async () => (p = await planStackOk("ecs-ec2")));

    it("admits the load balancers from the configured CIDRs on their listener ports, tasks from their load balancer only, NFS from EFS clients only", () => {
        assert.deepEqual(rules(p), [
            "alb-sg in tcp 80-80 203.0.113.0/24",
            "alb-sg out tcp 8080-8080 sg:web-sg",
            "broker-sg in tcp 1883-1883 sg:nlb-sg",
            "broker-sg out -1 all 0.0.0.0/0",
            "ec2-sg out -1 all 0.0.0.0/0",
            "efs-shared-client-sg out tcp 2049-2049 sg:efs-shared-sg",
            "efs-shared-sg in tcp 2049-2049 sg:efs-shared-client-sg",
            "nlb-sg in tcp 1883-1883 203.0.113.0/24",
            "nlb-sg out tcp 1883-1883 sg:broker-sg",
            "partners-pl-sg out tcp 8080-8080 sg:partners-sg",
            "partners-sg in tcp 8080-8080 sg:partners-pl-sg",
            // web calls partners (Service Connect): its tasks, on the port, and nobody else.
            "partners-sg in tcp 8080-8080 sg:web-sg",
            "partners-sg out -1 all 0.0.0.0/0",
            "report-sg out -1 all 0.0.0.0/0",
            "web-sg in tcp 8080-8080 sg:alb-sg",
            "web-sg out -1 all 0.0.0.0/0",
        ]);
    });

    it("puts every mount target in a private subnet, one per AZ, behind the file system's own group", () => {
        const server = find(p, SG, "efs-shared-sg");
        const targets = ofType(p, "aws:efs/mountTarget:MountTarget");
        assert.deepEqual(
            targets.map((t) => (t.inputs as any).subnetId),
            fakeSubnets("private"),
        );
        for (const t of targets) assert.deepEqual((t.inputs as any).securityGroups, [server.id]);
    });

    it("mounts the file system only from tasks that carry its client group", () => {
        const client = find(p, SG, "efs-shared-client-sg");
        assert.ok(inputs(p, "aws:ecs/service:Service", "web-service").networkConfiguration.securityGroups.includes(client.id));
        assert.ok(!inputs(p, "aws:ecs/service:Service", "broker-service").networkConfiguration.securityGroups.includes(client.id));
    });

    it("places the internet-facing load balancers in the public subnets and the PrivateLink one in the private subnets", () => {
        assert.deepEqual(inputs(p, "aws:lb/loadBalancer:LoadBalancer", "alb-lb").subnets, fakeSubnets("public"));
        assert.deepEqual(inputs(p, "aws:lb/loadBalancer:LoadBalancer", "nlb-lb").subnets, fakeSubnets("public"));
        const pl = inputs(p, "aws:lb/loadBalancer:LoadBalancer", "partners-pl-lb");
        assert.equal(pl.internal, true);
        assert.deepEqual(pl.subnets, fakeSubnets("private"));
    });

    it("runs every task and every container instance in the private subnets, without a public address", () => {
        for (const svc of ofType(p, "aws:ecs/service:Service")) {
            const net = (svc.inputs as any).networkConfiguration;
            assert.deepEqual(net.subnets, fakeSubnets("private"), svc.name);
            assert.equal(net.assignPublicIp, false, svc.name);
        }
        assert.deepEqual(inputs(p, "aws:autoscaling/group:Group", "ec2-asg").vpcZoneIdentifiers, fakeSubnets("private"));
    });
});

describe("security groups, rule by rule (Pulumi.dev.yaml)", () => {
    let p: Plan;
    beforeEach(async () => (p = await planStackOk("dev")));

    it("lets the NAT instance forward the VPC's traffic, from the VPC only, and nothing else in", () => {
        assert.deepEqual(rules(p), [
            "alb-sg in tcp 80-80 2001:db8::/32",
            "alb-sg out tcp 8080-8080 sg:web-sg",
            "net-nat-sg in -1 all 10.20.0.0/16",
            "net-nat-sg out -1 all 0.0.0.0/0",
            "web-sg in tcp 8080-8080 sg:alb-sg",
            "web-sg out -1 all 0.0.0.0/0",
            "worker-sg out -1 all 0.0.0.0/0",
        ]);
    });

    it("puts the NAT instance and its forwarding interface in the first public subnet, and routes every private route table through that interface", () => {
        const [firstPublic] = fakeSubnets("public");
        const eni = find(p, "aws:ec2/networkInterface:NetworkInterface", "net-nat-eni");
        assert.deepEqual([eni.inputs.subnetId, eni.inputs.sourceDestCheck, eni.inputs.securityGroups], [firstPublic, false, [find(p, SG, "net-nat-sg").id]]);
        assert.deepEqual(inputs(p, "aws:autoscaling/group:Group", "net-nat-asg").vpcZoneIdentifiers, [firstPublic]);
        const routes = ofType(p, "aws:ec2/route:Route").filter((r) => r.name.startsWith("net-nat-"));
        assert.deepEqual(
            routes.map((r) => [r.name, (r.inputs as any).destinationCidrBlock, (r.inputs as any).networkInterfaceId]),
            [
                ["net-nat-route-0", "0.0.0.0/0", eni.id],
                ["net-nat-route-1", "0.0.0.0/0", eni.id],
            ],
        );
        assert.equal(new Set(routes.map((r) => (r.inputs as any).routeTableId)).size, 2);
    });
});

describe("subnets in every example stack", () => {
    const STACKS = ["apprunner", "dev", "ecs-anywhere", "ecs-ec2", "ecs-express", "eks-fargate", "eks-managed", "eks-selfmanaged", "eks-storage", "kubernetes", "patterns"];

    it("keeps every internet-facing load balancer in public subnets and everything else that takes subnets in private ones", async () => {
        for (const stack of STACKS) {
            const p = await planStackOk(stack);
            for (const lb of ofType(p, "aws:lb/loadBalancer:LoadBalancer")) {
                const i = lb.inputs as any;
                assert.ok(i.internal ? isPrivate(i.subnets) : isPublic(i.subnets), `${stack}: ${lb.name} in ${i.subnets}`);
            }
            for (const svc of ofType(p, "aws:ecs/service:Service")) {
                const net = (svc.inputs as any).networkConfiguration;
                if (net) assert.ok(isPrivate(net.subnets), `${stack}: ${svc.name} in ${net.subnets}`);
            }
            for (const t of ofType(p, "aws:efs/mountTarget:MountTarget")) assert.ok(isPrivate([(t.inputs as any).subnetId]), `${stack}: ${t.name}`);
            for (const f of ofType(p, "aws:eks/fargateProfile:FargateProfile")) assert.ok(isPrivate((f.inputs as any).subnetIds), `${stack}: ${f.name}`);
            for (const f of ofType(p, "aws:fsx/lustreFileSystem:LustreFileSystem")) assert.ok(isPrivate([(f.inputs as any).subnetIds]), `${stack}: ${f.name}`);
            for (const f of ofType(p, "aws:fsx/ontapFileSystem:OntapFileSystem")) assert.ok(isPrivate((f.inputs as any).subnetIds), `${stack}: ${f.name}`);
            for (const c of ofType(p, "aws:apprunner/vpcConnector:VpcConnector")) assert.ok(isPrivate((c.inputs as any).subnets), `${stack}: ${c.name}`);
        }
    });
});
