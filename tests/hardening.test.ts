// Hardening beyond one field: the whole launch template of every instance berth boots (IMDS, network,
// disk, image, tags) and every line of its user data, written out.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { fakeSubnets, find, inputs, planOk, planStackOk, fargateConfig } from "./harness";

const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const IMDS_V2_ONE_HOP = { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 };
const script = (lt: { userData: string }) => Buffer.from(lt.userData, "base64").toString().split("\n");

describe("ECS container instances (Pulumi.ecs-ec2.yaml)", () => {
    let p: Plan;
    beforeEach(async () => (p = await planStackOk("ecs-ec2")));

    it("boot with IMDSv2 only and one hop, so containers cannot reach the instance role, and no public address", () => {
        const lt = inputs(p, LT, "ec2-lt");
        assert.deepEqual(lt.metadataOptions, IMDS_V2_ONE_HOP);
        assert.deepEqual(lt.networkInterfaces, [{ associatePublicIpAddress: "false", securityGroups: [find(p, "aws:ec2/securityGroup:SecurityGroup", "ec2-sg").id], deleteOnTermination: "true" }]);
        assert.deepEqual(lt.iamInstanceProfile, { arn: find(p, "aws:iam/instanceProfile:InstanceProfile", "ec2-instance-profile").arn });
    });

    it("boot the ECS-optimized AL2023 image from an encrypted 30 GiB gp3 root volume, as the first instance type", () => {
        const lt = inputs(p, LT, "ec2-lt");
        assert.equal(lt.imageId, "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id");
        assert.equal(lt.instanceType, "t3.large");
        assert.deepEqual(lt.blockDeviceMappings, [{ deviceName: "/dev/xvda", ebs: { volumeSize: 30, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }]);
        assert.deepEqual(lt.tagSpecifications, [{ resourceType: "instance", tags: { ...lt.tags, Name: "ec2-ecs" } }]);
    });

    it("join the cluster, block IMDS for awsvpc tasks and drain on a spot interruption notice: the whole user data", () => {
        const cluster = find(p, "aws:ecs/cluster:Cluster", "ecs-cluster").id;
        assert.deepEqual(script(inputs(p, LT, "ec2-lt")), ["#!/bin/bash", "cat >> /etc/ecs/ecs.config <<'CONFIG'", `ECS_CLUSTER=${cluster}`, "ECS_AWSVPC_BLOCK_IMDS=true", "ECS_ENABLE_SPOT_INSTANCE_DRAINING=true", "CONFIG", ""]);
    });

    it("are protected from scale-in while ECS manages scaling, in an EC2-health-checked group tagged AmazonECSManaged", () => {
        const asg = inputs(p, "aws:autoscaling/group:Group", "ec2-asg");
        assert.deepEqual([asg.protectFromScaleIn, asg.healthCheckType, asg.capacityRebalance], [true, "EC2", true]);
        assert.deepEqual(asg.tags[0], { key: "AmazonECSManaged", value: "true", propagateAtLaunch: true });
        assert.ok(asg.tags.slice(1).every((t: { propagateAtLaunch: boolean }) => t.propagateAtLaunch));
    });
});

describe("ECS container instances on Graviton, without spot", () => {
    let p: Plan;
    beforeEach(async () => {
        p = await planOk(fargateConfig({ "berth:platform": "ecs-ec2", "berth:ec2": { architecture: "arm64", instanceTypes: ["t4g.medium"], rootVolumeGiB: 40 }, "berth:services": { web: { cpu: 256, memory: 512 } } }));
    });

    it("boot the arm64 ECS-optimized image, with the root volume configured", () => {
        const lt = inputs(p, LT, "ec2-lt");
        assert.equal(lt.imageId, "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id");
        assert.equal(lt.instanceType, "t4g.medium");
        assert.equal(lt.blockDeviceMappings[0].ebs.volumeSize, 40);
        assert.deepEqual(lt.metadataOptions, IMDS_V2_ONE_HOP);
    });

    it("launch the template's latest version directly, with no mixed-instances policy", () => {
        const asg = inputs(p, "aws:autoscaling/group:Group", "ec2-asg");
        const lt = find(p, LT, "ec2-lt");
        assert.deepEqual(asg.launchTemplate, { id: lt.id, version: "1" });
        assert.equal(asg.mixedInstancesPolicy, undefined);
        assert.equal(asg.capacityRebalance, undefined);
        assert.deepEqual([asg.minSize, asg.maxSize, asg.vpcZoneIdentifiers], [1, 5, fakeSubnets("private")]);
    });
});

describe("the NAT instance (Pulumi.dev.yaml)", () => {
    let p: Plan;
    beforeEach(async () => (p = await planStackOk("dev")));

    it("boots AL2023 on a t4g.nano with IMDSv2 only, one hop, and an encrypted 8 GiB root volume", () => {
        const lt = inputs(p, LT, "net-nat-lt");
        assert.deepEqual(lt.metadataOptions, IMDS_V2_ONE_HOP);
        assert.deepEqual(lt.blockDeviceMappings, [{ deviceName: "/dev/xvda", ebs: { volumeSize: 8, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }]);
        assert.deepEqual(lt.networkInterfaces, [{ associatePublicIpAddress: "true", securityGroups: [find(p, "aws:ec2/securityGroup:SecurityGroup", "net-nat-sg").id], deleteOnTermination: "true" }]);
        assert.deepEqual(
            lt.tagSpecifications.map((t: { resourceType: string; tags: Record<string, string> }) => [t.resourceType, t.tags.Name, t.tags["berth:nat-instance"]]),
            [
                ["instance", "net-nat", "berth-dev-net-nat"],
                ["network-interface", undefined, "berth-dev-net-nat"],
            ],
        );
        assert.ok(find(p, LT, "net-nat-lt").dependencies.includes(find(p, "aws:iam/rolePolicy:RolePolicy", "net-nat-policy").urn));
    });
    // The whole user data, line by line: tests/nat-instance.test.ts.
});
