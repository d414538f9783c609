// What a NAT instance runs: the first-boot user data, and the script a systemd unit runs on every boot.
//
// Facts taken from two public NAT instance setups (the code here is berth's own):
// - fck-nat (github.com/AndrewGuenther/fck-nat, service/fck-nat.sh and service/fck-nat.service): a
//   oneshot systemd unit after network-online.target that, on every boot, takes the static interface,
//   waits until `ip link show dev ENI_ID` finds it (Amazon Linux 2023 names each interface's altname
//   after its ENI id), zeroes rp_filter on every interface, and masquerades out of the primary one.
// - AWS CDK's NatInstanceProviderV2 (packages/aws-cdk-lib/aws-ec2/lib/nat.ts, DEFAULT_USER_DATA_COMMANDS):
//   ip_forward in a file under /etc/sysctl.d, so forwarding survives a reboot.

/** The systemd unit that re-applies forwarding, masquerade and the takeover on every boot. */
export const NAT_SERVICE = "berth-nat.service";
/** Read by systemd-sysctl at every boot. */
export const NAT_SYSCTL_FILE = "/etc/sysctl.d/90-berth-nat.conf";
/** The script the unit runs. */
export const NAT_SCRIPT = "/usr/local/sbin/berth-nat";
/** AWS's own address echo: the instance's egress address as the internet sees it. */
export const REACHABILITY_URL = "https://checkip.amazonaws.com";

export interface NatBootArgs {
    /** The fixed forwarding interface the private routes name. */
    readonly networkInterfaceId: string;
    /** The Elastic IP's allocation, and its address (what the reachability check expects to see). */
    readonly allocationId: string;
    readonly publicIp: string;
    /** The only source the instance masquerades. */
    readonly vpcCidr: string;
    /** The Auto Scaling group and its launch hook, which the first boot completes. */
    readonly groupName: string;
    readonly hookName: string;
}

/** Instance metadata over IMDSv2 (the launch template requires tokens). */
const METADATA = [
    'TOKEN=$(curl -fsS -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 300")',
    'md() { curl -fsS -H "X-aws-ec2-metadata-token: $TOKEN" "http://169.254.169.254/latest/meta-data/$1"; }',
    "INSTANCE=$(md instance-id); REGION=$(md placement/region)",
];

/** ip_forward on, reverse-path filtering off for interfaces to come (the attached one included). */
export function natSysctl(): string[] {
    return ["net.ipv4.ip_forward = 1", "net.ipv4.conf.all.rp_filter = 0", "net.ipv4.conf.default.rp_filter = 0"];
}

/** The oneshot unit: after the network is up, on every boot; it stays "active" once it has run. */
export function natUnit(): string[] {
    return [
        "[Unit]",
        "Description=berth NAT instance: forwarding, masquerade, forwarding interface and Elastic IP",
        "Wants=network-online.target",
        "After=network-online.target",
        "",
        "[Service]",
        "Type=oneshot",
        "RemainAfterExit=yes",
        `ExecStart=${NAT_SCRIPT}`,
        "",
        "[Install]",
        "WantedBy=multi-user.target",
    ];
}

/**
 * Run on every boot by the unit; each step may run again (after a reboot the interface is already
 * attached and the rule may exist). It ends only once everything forwarding needs is in place: ip_forward on, the rule in
 * place, and the internet seeing this instance as the Elastic IP. Any failure marks the instance
 * unhealthy, so the group replaces it (the health status is ignored while the launch hook waits;
 * the user data abandons the hook then).
 */
export function natScript(a: NatBootArgs): string[] {
    return [
        "#!/bin/bash",
        "set -Eeuo pipefail",
        ...METADATA,
        `trap 'aws autoscaling set-instance-health --region "$REGION" --instance-id "$INSTANCE" --health-status Unhealthy || true' ERR`,
        "MAC=$(md mac); PRIMARY=$(md network/interfaces/macs/$MAC/interface-id)",
        `sysctl -p ${NAT_SYSCTL_FILE}`,
        // Replies to the private subnets leave by the primary interface with a foreign source address.
        'aws ec2 modify-network-interface-attribute --region "$REGION" --network-interface-id "$PRIMARY" --no-source-dest-check',
        // The instance being replaced may hold the interface until it has terminated: retried for 5 minutes.
        `if ! ip link show dev ${a.networkInterfaceId} >/dev/null 2>&1; then`,
        `  for i in $(seq 30); do aws ec2 attach-network-interface --region "$REGION" --instance-id "$INSTANCE" --network-interface-id ${a.networkInterfaceId} --device-index 1 && break; sleep 10; done`,
        "fi",
        `for i in $(seq 60); do ip link show dev ${a.networkInterfaceId} >/dev/null 2>&1 && break; sleep 2; done`,
        `ip link show dev ${a.networkInterfaceId} >/dev/null`,
        // After the attach: the new interface exists now, and the kernel uses the larger of "all" and its own value.
        'for f in /proc/sys/net/ipv4/conf/*/rp_filter; do echo 0 > "$f"; done',
        "OUT=$(ip -o link show dev \"$PRIMARY\" | awk -F': ' '{print $2}')",
        `iptables -t nat -C POSTROUTING -o "$OUT" -s ${a.vpcCidr} -j MASQUERADE 2>/dev/null || iptables -t nat -A POSTROUTING -o "$OUT" -s ${a.vpcCidr} -j MASQUERADE`,
        `aws ec2 associate-address --region "$REGION" --allocation-id ${a.allocationId} --network-interface-id "$PRIMARY" --allow-reassociation`,
        // What forwarding needs, checked: ip_forward on, the masquerade rule in place, and the instance egressing as the Elastic IP (its own traffic: no forwarded packet proves the path before a task sends one).
        'test "$(sysctl -n net.ipv4.ip_forward)" = 1',
        `iptables -t nat -C POSTROUTING -o "$OUT" -s ${a.vpcCidr} -j MASQUERADE`,
        `for i in $(seq 30); do [ "$(curl -fsS --max-time 5 ${REACHABILITY_URL} || true)" = ${a.publicIp} ] && break; sleep 5; done`,
        `[ "$(curl -fsS --max-time 5 ${REACHABILITY_URL})" = ${a.publicIp} ]`,
        "",
    ];
}

const heredoc = (path: string, lines: string[]) => [`cat > ${path} <<'BERTH_EOF'`, ...lines, "BERTH_EOF"];

/**
 * First boot only (cloud-init user data): installs iptables, writes the sysctl file, the script and
 * the unit, runs the unit (`systemctl enable --now` waits for a oneshot unit and fails with it), and
 * then, only then, completes the launch hook with CONTINUE. Any failure abandons the hook, so the
 * group terminates the instance and launches another (and `pulumi up`, waiting for an InService
 * instance, fails once its capacity timeout passes).
 */
export function natUserData(a: NatBootArgs): string {
    const hook = `--region "$REGION" --auto-scaling-group-name ${a.groupName} --lifecycle-hook-name ${a.hookName} --instance-id "$INSTANCE"`;
    return [
        "#!/bin/bash",
        "set -Eeuo pipefail",
        ...METADATA,
        `trap 'aws autoscaling complete-lifecycle-action ${hook} --lifecycle-action-result ABANDON || aws autoscaling set-instance-health --region "$REGION" --instance-id "$INSTANCE" --health-status Unhealthy' ERR`,
        // A mirror hiccup should not cost an instance: three tries.
        "for i in 1 2 3; do dnf install -y iptables-nft && break; sleep 15; done",
        "command -v iptables",
        ...heredoc(NAT_SYSCTL_FILE, natSysctl()),
        ...heredoc(NAT_SCRIPT, natScript(a)),
        `chmod 0755 ${NAT_SCRIPT}`,
        ...heredoc(`/etc/systemd/system/${NAT_SERVICE}`, natUnit()),
        "systemctl daemon-reload",
        `systemctl enable --now ${NAT_SERVICE}`,
        `aws autoscaling complete-lifecycle-action ${hook} --lifecycle-action-result CONTINUE`,
        "",
    ].join("\n");
}
