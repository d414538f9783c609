// The NAT instance's scripts, run by bash against stand-in commands: both parse, and a failing step
// fires the ERR trap (abandon the hook at first boot, mark the instance unhealthy at a later boot).
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { natScript, natUserData, NatBootArgs } from "../components/network/natBoot";

const ARGS: NatBootArgs = { networkInterfaceId: "eni-0123456789abcdef0", allocationId: "eipalloc-0123456789abcdef0", publicIp: "198.51.100.7", vpcCidr: "10.20.0.0/16", groupName: "berth-dev-net-nat", hookName: "net-nat-launch" };

/**
 * Runs `script` with PATH holding only stand-ins: each named command exits with the given status,
 * `aws` writes its arguments to a log (and fails to attach), and `seq` is the real one. Returns the aws calls and the status.
 */
function run(script: string, exits: Record<string, number>): { aws: string[]; status: number | null } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-nat-"));
    const log = path.join(dir, "aws.log");
    const stub = (name: string, body: string) => fs.writeFileSync(path.join(dir, name), `#!/usr/bin/bash\n${body}\n`, { mode: 0o755 });
    // The interface stays in use (another instance holds it): every attach fails.
    stub("aws", `echo "$*" >> ${log}; [ "$2" != attach-network-interface ]`);
    stub("curl", "echo stand-in");
    for (const [name, status] of Object.entries(exits)) stub(name, `exit ${status}`);
    fs.symlinkSync(spawnSync("/usr/bin/bash", ["-c", "command -v seq"], { encoding: "utf8" }).stdout.trim(), path.join(dir, "seq"));
    fs.writeFileSync(path.join(dir, "script"), script);
    const r = spawnSync("/usr/bin/bash", [path.join(dir, "script")], { env: { PATH: dir }, encoding: "utf8" });
    const aws = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
    fs.rmSync(dir, { recursive: true, force: true });
    return { aws, status: r.status };
}

describe("the NAT instance's scripts under bash", () => {
    it("both parse", () => {
        for (const script of [natUserData(ARGS), natScript(ARGS).join("\n")]) {
            const r = spawnSync("/usr/bin/bash", ["-n"], { input: script, encoding: "utf8" });
            assert.equal(r.status, 0, r.stderr);
        }
    });

    it("abandons the launch hook, and never continues it, when the first boot fails (iptables never installs)", () => {
        const { aws, status } = run(natUserData(ARGS), { dnf: 1, sleep: 0 });
        assert.notEqual(status, 0);
        assert.deepEqual(aws, ["autoscaling complete-lifecycle-action --region stand-in --auto-scaling-group-name berth-dev-net-nat --lifecycle-hook-name net-nat-launch --instance-id stand-in --lifecycle-action-result ABANDON"]);
    });

    it("marks the instance unhealthy when a later boot cannot take the forwarding interface", () => {
        const { aws, status } = run(natScript(ARGS).join("\n"), { sysctl: 0, ip: 1, sleep: 0 });
        assert.notEqual(status, 0);
        assert.deepEqual(aws.at(-1), "autoscaling set-instance-health --region stand-in --instance-id stand-in --health-status Unhealthy");
        // It tried to attach for the five minutes it allows (30 tries), and did nothing after.
        assert.equal(aws.filter((a) => a.startsWith("ec2 attach-network-interface")).length, 30);
        assert.ok(!aws.some((a) => a.startsWith("ec2 associate-address")));
    });
});
