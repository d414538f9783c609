// Dev's NAT instance (Pulumi.dev.yaml, `nat: instance`), issue 22: services wait for a launch hook that
// only working forwarding completes; forwarding survives reboots; failures replace the instance and
// raise an alarm; template changes reach the instance; the role names its interface and address by ARN.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { fargateConfig, find, inputs, json, planOk, planStackOk } from "./harness";

const ASG = "aws:autoscaling/group:Group";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const ENI = "aws:ec2/networkInterface:NetworkInterface";
const EIP = "aws:ec2/eip:Eip";

/** The user data's lines, and the lines of each file it writes (`cat > PATH <<'BERTH_EOF'`). */
function boot(p: Plan) {
    const lines = Buffer.from(inputs(p, LT, "net-nat-lt").userData, "base64")
        .toString()
        .split("\n");
    const file = (path: string) => {
        const start = lines.indexOf(`cat > ${path} <<'BERTH_EOF'`);
        assert.ok(start >= 0, `the user data writes no ${path}`);
        return lines.slice(start + 1, lines.indexOf("BERTH_EOF", start));
    };
    return { lines, file, eni: find(p, ENI, "net-nat-eni").id as string, eip: find(p, EIP, "net-nat-eip").id as string };
}

const HOOK = '--region "$REGION" --auto-scaling-group-name berth-dev-net-nat --lifecycle-hook-name net-nat-launch --instance-id "$INSTANCE"';

describe("the NAT instance (issue 22)", () => {
    let p: Plan;
    beforeEach(async () => (p = await planStackOk("dev")));

    describe("launch hook: services start only once forwarding works", () => {
        it("holds each new instance with a launch hook created with the group: ABANDON unless completed, 15 minutes to boot", () => {
            const asg = inputs(p, ASG, "net-nat-asg");
            assert.deepEqual(asg.initialLifecycleHooks, [{ name: "net-nat-launch", lifecycleTransition: "autoscaling:EC2_INSTANCE_LAUNCHING", defaultResult: "ABANDON", heartbeatTimeout: 900 }]);
            // The provider waits for an InService instance, i.e. for the hook, longer than the hook waits.
            assert.equal(asg.waitForCapacityTimeout, "20m");
            assert.equal(asg.name, "berth-dev-net-nat");
        });

        it("completes the hook with CONTINUE as the user data's last step, after the unit has proven forwarding", () => {
            const { lines } = boot(p);
            assert.deepEqual(lines.slice(-4), ["systemctl daemon-reload", "systemctl enable --now berth-nat.service", `aws autoscaling complete-lifecycle-action ${HOOK} --lifecycle-action-result CONTINUE`, ""]);
        });

        it("proves forwarding before the unit succeeds: ip_forward on, the masquerade rule present, the internet seeing the Elastic IP", () => {
            const script = boot(p).file("/usr/local/sbin/berth-nat");
            // The Elastic IP's address (the plan's fake one), as the user data names it.
            const ip = script.at(-2)?.match(/^\[ "\$\(curl -fsS --max-time 5 https:\/\/checkip\.amazonaws\.com\)" = (198\.51\.100\.\d+) \]$/)?.[1];
            assert.ok(ip, script.at(-2));
            assert.deepEqual(script.slice(-5), [
                'test "$(sysctl -n net.ipv4.ip_forward)" = 1',
                'iptables -t nat -C POSTROUTING -o "$OUT" -s 10.20.0.0/16 -j MASQUERADE',
                `for i in $(seq 30); do [ "$(curl -fsS --max-time 5 https://checkip.amazonaws.com || true)" = ${ip} ] && break; sleep 5; done`,
                `[ "$(curl -fsS --max-time 5 https://checkip.amazonaws.com)" = ${ip} ]`,
                "",
            ]);
        });

        it("makes every service wait for the group, whose creation ends once the hook completed", () => {
            const group = find(p, ASG, "net-nat-asg").urn;
            for (const svc of ["web-service", "worker-service"]) assert.ok(find(p, "aws:ecs/service:Service", svc).dependencies.includes(group), svc);
        });
    });

    describe("persistence across reboots", () => {
        it("keeps ip_forward on and rp_filter off in /etc/sysctl.d", () => {
            assert.deepEqual(boot(p).file("/etc/sysctl.d/90-berth-nat.conf"), ["net.ipv4.ip_forward = 1", "net.ipv4.conf.all.rp_filter = 0", "net.ipv4.conf.default.rp_filter = 0"]);
        });

        it("installs a oneshot systemd unit, enabled for every boot, that runs the NAT script after the network is up", () => {
            const { file, lines } = boot(p);
            assert.deepEqual(file("/etc/systemd/system/berth-nat.service"), [
                "[Unit]",
                "Description=berth NAT instance: forwarding, masquerade, forwarding interface and Elastic IP",
                "Wants=network-online.target",
                "After=network-online.target",
                "",
                "[Service]",
                "Type=oneshot",
                "RemainAfterExit=yes",
                "ExecStart=/usr/local/sbin/berth-nat",
                "",
                "[Install]",
                "WantedBy=multi-user.target",
            ]);
            assert.ok(lines.includes("chmod 0755 /usr/local/sbin/berth-nat"));
            assert.ok(lines.includes("systemctl enable --now berth-nat.service"));
        });

        it("re-applies forwarding, the attach, rp_filter 0 on every interface after it, and the masquerade rule once, on each boot", () => {
            const { file, eni, eip } = boot(p);
            const script = file("/usr/local/sbin/berth-nat");
            const at = (line: string) => {
                const i = script.indexOf(line);
                assert.ok(i >= 0, `missing: ${line}`);
                return i;
            };
            const order = [
                at("sysctl -p /etc/sysctl.d/90-berth-nat.conf"),
                at('aws ec2 modify-network-interface-attribute --region "$REGION" --network-interface-id "$PRIMARY" --no-source-dest-check'),
                at(`if ! ip link show dev ${eni} >/dev/null 2>&1; then`),
                at(`  for i in $(seq 30); do aws ec2 attach-network-interface --region "$REGION" --instance-id "$INSTANCE" --network-interface-id ${eni} --device-index 1 && break; sleep 10; done`),
                at(`ip link show dev ${eni} >/dev/null`),
                at('for f in /proc/sys/net/ipv4/conf/*/rp_filter; do echo 0 > "$f"; done'),
                at('iptables -t nat -C POSTROUTING -o "$OUT" -s 10.20.0.0/16 -j MASQUERADE 2>/dev/null || iptables -t nat -A POSTROUTING -o "$OUT" -s 10.20.0.0/16 -j MASQUERADE'),
                at(`aws ec2 associate-address --region "$REGION" --allocation-id ${eip} --network-interface-id "$PRIMARY" --allow-reassociation`),
            ];
            assert.deepEqual(
                order,
                [...order].sort((a, b) => a - b),
            );
            // Nothing that only runs once: no bare `iptables -A` and no `sysctl -w` that a reboot would lose.
            assert.deepEqual(
                boot(p).lines.filter((l) => /^iptables -t nat -A|^sysctl -w/.test(l)),
                [],
            );
        });
    });

    describe("failures replace the instance, and someone hears", () => {
        it("abandons the hook on any failure in the user data, or marks the instance unhealthy", () => {
            const { lines } = boot(p);
            assert.equal(lines[1], "set -Eeuo pipefail");
            assert.equal(
                lines[5],
                `trap 'aws autoscaling complete-lifecycle-action ${HOOK} --lifecycle-action-result ABANDON || aws autoscaling set-instance-health --region "$REGION" --instance-id "$INSTANCE" --health-status Unhealthy' ERR`,
            );
            assert.equal(lines[6], "for i in 1 2 3; do dnf install -y iptables-nft && break; sleep 15; done");
        });

        it("marks the instance unhealthy when the boot script fails on a later boot", () => {
            const script = boot(p).file("/usr/local/sbin/berth-nat");
            assert.deepEqual(script.slice(0, 2), ["#!/bin/bash", "set -Eeuo pipefail"]);
            assert.equal(script[5], `trap 'aws autoscaling set-instance-health --region "$REGION" --instance-id "$INSTANCE" --health-status Unhealthy || true' ERR`);
        });

        it("lets Session Manager in: the role has AmazonSSMManagedInstanceCore, before the template is used", () => {
            const ssm = find(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "net-nat-ssm");
            assert.deepEqual(ssm.inputs, { role: find(p, "aws:iam/role:Role", "net-nat-role").id, policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" });
            assert.ok(find(p, LT, "net-nat-lt").dependencies.includes(ssm.urn));
        });

        it("alarms when the group has had no instance in service for 10 minutes", () => {
            const alarm = find(p, "aws:cloudwatch/metricAlarm:MetricAlarm", "net-nat-alarm");
            const { tags, alarmDescription, ...rest } = alarm.inputs as any;
            assert.deepEqual(rest, {
                namespace: "AWS/AutoScaling",
                metricName: "GroupInServiceInstances",
                dimensions: { AutoScalingGroupName: "berth-dev-net-nat" },
                statistic: "Minimum",
                period: 60,
                evaluationPeriods: 10,
                threshold: 1,
                comparisonOperator: "LessThanThreshold",
                treatMissingData: "breaching",
                alarmActions: [],
                okActions: [],
            });
            assert.match(alarmDescription, /no instance in service/);
            assert.deepEqual(inputs(p, ASG, "net-nat-asg").enabledMetrics, ["GroupInServiceInstances"]);
            assert.ok(alarm.dependencies.includes(find(p, ASG, "net-nat-asg").urn));
        });
    });

    it("refreshes the instance when the launch template changes: the old one out first, as one interface allows", () => {
        const asg = inputs(p, ASG, "net-nat-asg");
        assert.deepEqual(asg.instanceRefresh, { strategy: "Rolling", preferences: { minHealthyPercentage: 0, maxHealthyPercentage: 100 } });
        assert.deepEqual(asg.launchTemplate, { id: find(p, LT, "net-nat-lt").id, version: "1" });
    });

    describe("the role names this stack's interface and address by ARN", () => {
        it("grants the attach and the association on the exact ARNs, the rest on a stack-unique tag, the hook on its own group", () => {
            const { eni, eip } = boot(p);
            assert.deepEqual(json(inputs(p, "aws:iam/rolePolicy:RolePolicy", "net-nat-policy").policy), {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "ForwardingInterfaceAndAddress",
                        Effect: "Allow",
                        Action: ["ec2:AttachNetworkInterface", "ec2:AssociateAddress"],
                        Resource: [`arn:aws:ec2:us-east-1:123456789012:network-interface/${eni}`, `arn:aws:ec2:us-east-1:123456789012:elastic-ip/${eip}`],
                    },
                    {
                        Sid: "ItselfAndItsPrimaryInterface",
                        Effect: "Allow",
                        Action: ["ec2:AttachNetworkInterface", "ec2:AssociateAddress", "ec2:ModifyNetworkInterfaceAttribute"],
                        Resource: ["arn:aws:ec2:us-east-1:123456789012:instance/*", "arn:aws:ec2:us-east-1:123456789012:network-interface/*"],
                        Condition: { StringEquals: { "aws:ResourceTag/berth:nat-instance": "berth-dev-net-nat" } },
                    },
                    {
                        Sid: "OwnGroupLifecycle",
                        Effect: "Allow",
                        Action: ["autoscaling:CompleteLifecycleAction", "autoscaling:SetInstanceHealth"],
                        Resource: "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:*:autoScalingGroupName/berth-dev-net-nat",
                    },
                ],
            });
        });

        it("tags the instance and its primary interface with a value another stack's NAT does not share", async () => {
            const other = await planOk(fargateConfig({ "berth:network": { nat: "instance" } }), "staging");
            const owner = (plan: Plan) => inputs(plan, LT, "net-nat-lt").tagSpecifications.map((t: { tags: Record<string, string> }) => t.tags["berth:nat-instance"]);
            assert.deepEqual(owner(p), ["berth-dev-net-nat", "berth-dev-net-nat"]);
            assert.deepEqual(owner(other), ["berth-staging-net-nat", "berth-staging-net-nat"]);
            assert.equal(json(inputs(other, "aws:iam/rolePolicy:RolePolicy", "net-nat-policy").policy).Statement[1].Condition.StringEquals["aws:ResourceTag/berth:nat-instance"], "berth-staging-net-nat");
        });
    });

    it("deletes the group, and so its instance, before the interface and the address", () => {
        const deps = find(p, ASG, "net-nat-asg").dependencies;
        assert.ok(deps.includes(find(p, ENI, "net-nat-eni").urn));
        assert.ok(deps.includes(find(p, EIP, "net-nat-eip").urn));
    });
});
