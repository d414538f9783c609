// The network under every VPC platform: the awsx VPC, the S3 gateway endpoint, and dev's NAT instance.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { fargateConfig, find, inputs, ofType, planOk, planStackOk } from "./harness";

const ROUTE = "aws:ec2/route:Route";
const natRoutes = (p: Plan) => ofType(p, ROUTE).filter((r) => r.name.startsWith("net-nat-route-"));

describe("Network", () => {
    let dev: Plan;
    let gateway: Plan;
    beforeEach(async () => {
        dev = await planStackOk("dev");
        gateway = await planOk(fargateConfig());
    });

    const privateRouteTables = (p: Plan) => inputs(p, "aws:ec2/vpcEndpoint:VpcEndpoint", "net-s3").routeTableIds as string[];

    it("adds a free S3 gateway endpoint to every private route table, so image layers skip NAT", () => {
        for (const p of [dev, gateway]) {
            const s3 = inputs(p, "aws:ec2/vpcEndpoint:VpcEndpoint", "net-s3");
            assert.deepEqual([s3.vpcEndpointType, s3.vpcId], ["Gateway", inputs(p, "aws:ec2/securityGroup:SecurityGroup", "alb-sg").vpcId]);
            assert.match(s3.vpcId, /^vpc-/);
            assert.equal(privateRouteTables(p).length, 2);
            assert.ok(privateRouteTables(p).every((id) => id.startsWith("rtb-")));
        }
        assert.equal(inputs(dev, "aws:ec2/vpcEndpoint:VpcEndpoint", "net-s3").serviceName, "com.amazonaws.us-east-1.s3");
        assert.equal(inputs(gateway, "aws:ec2/vpcEndpoint:VpcEndpoint", "net-s3").serviceName, "com.amazonaws.eu-west-1.s3");
    });

    it("uses NAT gateways by default and no NAT instance", () => {
        assert.deepEqual(inputs(gateway, "awsx:ec2:Vpc", "net-vpc").natGateways, { strategy: "Single" });
        assert.deepEqual(ofType(gateway, "berth:network:NatInstance"), []);
        assert.deepEqual(ofType(gateway, ROUTE), []);
    });

    it("gives a dual-stack ALB's VPC an IPv6 range, /64s on the public subnets only, and a ::/0 route from each public route table to the internet gateway", () => {
        const vpc = inputs(dev, "awsx:ec2:Vpc", "net-vpc");
        assert.equal(vpc.assignGeneratedIpv6CidrBlock, true);
        assert.deepEqual(vpc.subnetSpecs, [
            { type: "Public", cidrMask: 24, assignIpv6AddressOnCreation: true },
            { type: "Private", cidrMask: 19, assignIpv6AddressOnCreation: false },
        ]);
        const v6 = ofType(dev, ROUTE).filter((r) => !r.name.startsWith("net-nat-route-"));
        assert.deepEqual(
            v6.map((r) => [r.name, (r.inputs as any).destinationIpv6CidrBlock, (r.inputs as any).destinationCidrBlock]),
            [
                ["net-public-ipv6-0", "::/0", undefined],
                ["net-public-ipv6-1", "::/0", undefined],
            ],
        );
        const tables = v6.map((r) => (r.inputs as any).routeTableId as string);
        assert.equal(new Set(tables).size, 2);
        assert.deepEqual(
            tables.filter((t) => privateRouteTables(dev).includes(t)),
            [],
        );
        const gateways = new Set(v6.map((r) => (r.inputs as any).gatewayId as string));
        assert.equal(gateways.size, 1);
        assert.match([...gateways][0], /^igw-[0-9a-f]{17}$/);
        // An IPv4-only stack asks for none of it.
        const plain = inputs(gateway, "awsx:ec2:Vpc", "net-vpc");
        assert.equal(plain.assignGeneratedIpv6CidrBlock, undefined);
        assert.deepEqual(plain.subnetSpecs, [
            { type: "Public", cidrMask: 24 },
            { type: "Private", cidrMask: 19 },
        ]);
    });

    describe("nat: instance (Pulumi.dev.yaml)", () => {
        it("creates no NAT gateway, and routes each private route table's default route to a fixed interface", () => {
            assert.deepEqual(inputs(dev, "awsx:ec2:Vpc", "net-vpc").natGateways, { strategy: "None" });
            const eni = find(dev, "aws:ec2/networkInterface:NetworkInterface", "net-nat-eni");
            const routes = natRoutes(dev).map((r) => r.inputs as any);
            assert.deepEqual(
                routes.map((r) => [r.routeTableId, r.destinationCidrBlock, r.networkInterfaceId]),
                privateRouteTables(dev).map((rt) => [rt, "0.0.0.0/0", eni.id]),
            );
        });

        it("forwards through an interface with source/destination check off, in a public subnet, admitting the VPC only", () => {
            const eni = inputs(dev, "aws:ec2/networkInterface:NetworkInterface", "net-nat-eni");
            assert.equal(eni.sourceDestCheck, false);
            const publicSubnets = inputs(dev, "aws:lb/loadBalancer:LoadBalancer", "alb-lb").subnets;
            assert.equal(eni.subnetId, publicSubnets[0]);
            const sg = find(dev, "aws:ec2/securityGroup:SecurityGroup", "net-nat-sg").id;
            assert.deepEqual(eni.securityGroups, [sg]);
            const ingress = ofType(dev, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => (r.inputs as any).securityGroupId === sg);
            assert.deepEqual(
                ingress.map((r) => [(r.inputs as any).cidrIpv4, (r.inputs as any).ipProtocol]),
                [["10.20.0.0/16", "-1"]],
            );
        });

        it("runs one Graviton instance in an Auto Scaling group of one, so it replaces itself", () => {
            const asg = inputs(dev, "aws:autoscaling/group:Group", "net-nat-asg");
            assert.deepEqual([asg.minSize, asg.maxSize, asg.vpcZoneIdentifiers], [1, 1, [inputs(dev, "aws:ec2/networkInterface:NetworkInterface", "net-nat-eni").subnetId]]);
            const lt = inputs(dev, "aws:ec2/launchTemplate:LaunchTemplate", "net-nat-lt");
            assert.equal(lt.instanceType, "t4g.nano");
            assert.equal(lt.imageId, "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64");
            assert.deepEqual(lt.metadataOptions, { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 });
            assert.equal(lt.blockDeviceMappings[0].ebs.encrypted, "true");
            // The user data, its persistence and its proof of forwarding: tests/nat-instance.test.ts.
        });

        it("starts no service before private egress works: the routes and the instance's group exist", () => {
            const ready = [...natRoutes(dev), find(dev, "aws:autoscaling/group:Group", "net-nat-asg")].map((r) => r.urn);
            for (const svc of ["web-service", "worker-service"]) {
                const deps = find(dev, "aws:ecs/service:Service", svc).dependencies;
                assert.deepEqual(
                    ready.filter((u) => !deps.includes(u)),
                    [],
                    svc,
                );
            }
        });

        it("tags the NAT's resources with a value unique to the stack (the role's exact ARNs: tests/nat-instance.test.ts)", () => {
            assert.equal(inputs(dev, "aws:ec2/networkInterface:NetworkInterface", "net-nat-eni").tags["berth:nat-instance"], "berth-dev-net-nat");
            assert.equal(inputs(dev, "aws:ec2/eip:Eip", "net-nat-eip").tags["berth:nat-instance"], "berth-dev-net-nat");
        });
    });
});
