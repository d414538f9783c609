// Parity rows for service keys other branches are adding (issue 19): listed before the schema has
// them, so each arrives with its parity decided. Tests check a row against the validators only once
// the schema has its key. Edit these rows freely when the keys land; runAsUser's row is in
// parity-table.ts, as it is in the schema already (it becomes user's deprecated alias).
import { differently, honoured, ParityCell, refused, row, when } from "./parity-cells";
import { Platform } from "./schema";

const NO_API = (what: string) => ({
    apprunner: refused(`the App Runner API has no ${what} setting`),
    "ecs-express": refused(`the Express Mode API has no ${what} setting`),
});

/** `0`, `"0"` or `"0:GID"`: root. */
const isRoot = (v: unknown) => v === 0 || (typeof v === "string" && /^0(:|$)/.test(v));

export const INCOMING_ROWS: Readonly<Record<string, Readonly<Record<Platform, ParityCell>>>> = {
    user: row({
        ecs: honoured("the container's user, UID[:GID]; 1000:1000 unless set; 0 (root) with a warning"),
        k8s: honoured("the container's securityContext runAsUser (and runAsGroup for :GID)", when("0", isRoot, refused("berth runs no root containers on Kubernetes: user 0 is refused"))),
        platforms: NO_API("such"),
    }),
    writablePaths: row({
        ecs: honoured("writable directories on a read-only root file system: a tmpfs at each path, owned by the user (mode 0700); in memory, up to a quarter of the task's memory each (at least 16 MiB)"),
        k8s: honoured("writable directories on a read-only root file system: an emptyDir at each path, on the node's disk, owned by the user's group (fsGroup)"),
        platforms: NO_API("such"),
    }),
    schedule: row({
        ecs: honoured("an EventBridge Scheduler schedule that runs the task"),
        k8s: differently(
            "a CronJob: the cron expression converted to Kubernetes' five fields",
            when("at(...)", (v) => typeof v === "string" && v.startsWith("at("), refused("a CronJob has no one-time schedule: at() is refused")),
        ),
        platforms: NO_API("schedule"),
    }),
    timezone: row({
        ecs: honoured("the EventBridge Scheduler schedule's time zone"),
        k8s: honoured("the CronJob's timeZone"),
        platforms: NO_API("schedule"),
    }),
    // Issue 19 item 5: the notes echo config/validate-calls.ts's reasons.
    calls: row({
        ecs: honoured("ECS Service Connect names (http://NAME:PORT) in the stack's Cloud Map namespace, and security group rules from each caller's tasks to the callee's port"),
        k8s: differently("the Service's cluster DNS name (http://NAME.NAME.svc.cluster.local:PORT), and a NetworkPolicy that admits the port from the callers' namespaces only"),
        platforms: {
            eks: differently(
                "the Service's cluster DNS name (http://NAME.NAME.svc.cluster.local:PORT), and a NetworkPolicy that admits the port from the callers' namespaces only; EKS enforces none on Fargate pods (a warning names the callee)",
            ),
            "ecs-anywhere": refused("ECS Service Connect, which gives berth's ECS services their names, does not run on external instances (ECS Anywhere)"),
            apprunner: refused("App Runner services have no private names between them, only their public URLs"),
            "ecs-express": refused("Express Mode services have no private names between them, only the public host names of its load balancer"),
        },
    }),
    internal: row({
        ecs: honoured("behind the stack's internal ALB in the private subnets, reachable from the VPC or the service's allowedCidrs only"),
        k8s: refused("berth:kubernetes names one ingress class and no internal one"),
        platforms: {
            "ecs-anywhere": refused("its tasks run on your hosts, outside any VPC, with no load balancer"),
            eks: differently(
                "an Ingress in the internal IngressGroup (CLUSTER-internal): the AWS Load Balancer Controller builds an internal ALB, with a source-ip condition per service; the NetworkPolicy admits the ALB by the VPC's CIDR (its addresses are not fixed), so pods in the VPC reach the port directly too",
            ),
            apprunner: refused("App Runner serves every service on its own public URL and has no load balancer of berth's"),
            "ecs-express": refused("Express Mode owns its load balancer, an internet-facing ALB"),
        },
    }),
};
