// The parity table for the service keys in the schema today (parity.ts reads it). ECS on Fargate is
// the reference: what it does is what "honoured" means. A refusal says why, as its validator does.
import { imageRepositoryType } from "./images";
import { differently, fields, honoured, ManagedPlatform, ParityCell, refused, row, sets, when } from "./parity-cells";
import { Platform } from "./schema";

const NO_LB_ANYWHERE = "no load balancer: ECS Anywhere (launch type EXTERNAL) has no load balancer integration";
const APPRUNNER_ONLY = "this key configures apprunner";
const ROUTING = {
    apprunner: refused("each App Runner service has a URL of its own, so there is no path routing and no listener rule"),
    "ecs-express": refused("Express Mode routes each service by a host name of its own, with listener rules it manages"),
};
const NO_LB = {
    apprunner: refused("App Runner fronts each service itself, with HTTPS on a domain of its own, so there is no load balancer to configure"),
    "ecs-express": refused("Express Mode provisions and owns each service's Application Load Balancer, with HTTPS and a certificate it manages"),
};
const PRIVATE = when("false", (v) => v === false, honoured("reachable inside the VPC only"));
const PRIVATE_POD = when("false", (v) => v === false, honoured("a ClusterIP Service, reachable inside the cluster only"));
const UNUSED_ANYWHERE = differently("unused, with a warning: ECS Anywhere has no load balancer, so nothing routes to the service");
const CONCURRENCY = when("concurrency set", sets("concurrency"), refused(`scaling.concurrency: ${APPRUNNER_ONLY}`));
const K8S_SCALING = [
    CONCURRENCY,
    when("steps set", sets("steps"), refused("no step scaling on Kubernetes: the HorizontalPodAutoscaler tracks a metric target and has no CloudWatch alarms or step adjustments")),
    when("schedules set", sets("schedules"), refused("no scheduled scaling on Kubernetes: the HorizontalPodAutoscaler has no schedule, and berth installs no KEDA to add one")),
    when("requests set", sets("requests"), refused("no request-count scaling on Kubernetes: the HorizontalPodAutoscaler cannot read ALBRequestCountPerTarget without an external metrics adapter")),
    when("min 0", (v) => fields(v).min === 0, refused("min at least 1 on Kubernetes: scaling to zero needs the alpha HPAScaleToZero feature gate")),
    when("no cpu or memory target", (v) => !sets("cpu", "memory")(v), refused("the HorizontalPodAutoscaler needs a cpu or memory target, a metric to track")),
];
const MANAGED_MIN = (p: ManagedPlatform) => when("min 0", (v) => fields(v).min === 0, refused(WHY.min[p]));
const HPA = "a HorizontalPodAutoscaler on cpu and memory targets; scaleInCooldown and scaleOutCooldown become its scale-down and scale-up stabilization windows";
const PROBES =
    "becomes a readiness probe (a failing pod leaves the Service's endpoints) and a liveness probe (the kubelet restarts the container after unhealthyThreshold failures, after a 60 s grace), where ECS only replaces a task its load balancer finds unhealthy";
const K8S_CPU = "CPU units become millicores (1024 units = 1000m), set as both the request and the limit (Guaranteed QoS)";
const K8S_MEMORY = "MiB set as both the request and the limit (Guaranteed QoS): above it the container is OOM-killed and restarted in place";
const FARGATE_POD = "; a pod on a Fargate profile gets the next Fargate size up";
const K8S_ONLY = (key: string) => refused(`${key} is built on eks and kubernetes`);
const NO_K8S_AWS = "berth creates nothing in AWS on platform kubernetes";

/** Why each managed platform refuses, as its validator says it. */
const WHY: Record<string, Record<ManagedPlatform, string>> = {
    task: { apprunner: "App Runner runs long-lived, request-driven web services only", "ecs-express": "Express Mode runs long-lived web services only" },
    arch: { apprunner: "App Runner's instance configuration has no CPU architecture, so instances run x86_64", "ecs-express": "the Express Mode API takes no CPU architecture, so tasks run X86_64" },
    check: { apprunner: "App Runner checks health itself, over HTTP (healthCheck)", "ecs-express": "Express Mode's container takes no health check of its own; its load balancer checks healthCheck.path" },
    privateLink: { apprunner: "App Runner services are public on a URL of their own, with no load balancer to publish", "ecs-express": "Express Mode owns its load balancer, an ALB, and PrivateLink needs an NLB" },
    exec: { apprunner: "App Runner offers no shell into running instances", "ecs-express": "the Express Mode API has no ECS Exec setting" },
    public: {
        apprunner: "App Runner serves every service on a public HTTPS URL and gives an instance CPU only while it serves a request, so a private background worker would stall; run workers on ecs-fargate",
        "ecs-express": "Express Mode services are web services behind a load balancer it manages, health-checked over HTTP; a private worker has no Express counterpart, run it on ecs-fargate",
    },
    volumes: {
        apprunner: "App Runner instances have only an ephemeral file system; keep state in S3 or DynamoDB through grants",
        "ecs-express": "the Express Mode API takes no volumes; EFS needs a task definition of berth's own (ecs-fargate)",
    },
    min: { apprunner: "1-25 instances (App Runner's auto scaling limits): at least one runs", "ecs-express": "min within 1-1000 tasks" },
};

/** Rows by key; each names every platform through its family (row()). */
export const SHIPPED_ROWS: Readonly<Record<string, Readonly<Record<Platform, ParityCell>>>> = {
    kind: row({
        ecs: honoured("service: an ECS service; task: a task definition run on demand (aws ecs run-task)"),
        k8s: differently("service: a Deployment; task: a suspended CronJob, run on demand with kubectl create job --from"),
        managed: (name, p) =>
            honoured(
                `service: a web service of ${name}'s own`,
                when("task", (v) => v === "task", refused(`${WHY.task[p]}; run one-off tasks on ecs-fargate`)),
            ),
    }),
    image: row({
        ecs: honoured("the container's image"),
        k8s: honoured("the container's image, pulled by the cluster's nodes"),
        managed: honoured("the service's image"),
        platforms: {
            apprunner: honoured(
                "the service's image, from Amazon ECR or ECR Public",
                when("not in ECR", (v) => typeof v === "string" && !imageRepositoryType(v), refused("App Runner pulls from Amazon ECR and ECR Public only")),
            ),
        },
    }),
    build: row({
        ecs: honoured("built and pushed to the stack's ECR repository"),
        k8s: honoured("built and pushed to the stack's ECR repository"),
        managed: (_, p) =>
            honoured(
                "built and pushed to the stack's ECR repository",
                when("platform linux/arm64", (v) => fields(v).platform === "linux/arm64", refused(`${WHY.arch[p]}: build for linux/amd64`)),
            ),
        platforms: { kubernetes: refused(`use an image instead: builds are pushed to ECR, and ${NO_K8S_AWS}`) },
    }),
    source: row({
        ecs: refused(`${APPRUNNER_ONLY} (build an image from a Dockerfile with build instead)`),
        k8s: refused(`${APPRUNNER_ONLY} (build an image from a Dockerfile with build instead)`),
        managed: refused(`${APPRUNNER_ONLY} (build an image from a Dockerfile with build instead)`),
        platforms: { apprunner: honoured("App Runner builds the service from the repository's code") },
    }),
    port: row({
        ecs: honoured("the container port"),
        k8s: honoured("the container port, and the port of the service's Kubernetes Service"),
        managed: honoured("the port the platform sends requests to"),
    }),
    cpu: row({
        ecs: honoured("the task's CPU units"),
        k8s: differently(K8S_CPU),
        managed: honoured("the service's CPU, one of the sizes the platform offers"),
        platforms: { "ecs-fargate": honoured("the task's CPU units, one of the Fargate sizes"), eks: differently(K8S_CPU + FARGATE_POD) },
    }),
    memory: row({
        ecs: honoured("the task's memory in MiB"),
        k8s: differently(K8S_MEMORY),
        managed: honoured("the service's memory, one the platform offers with its CPU"),
        platforms: { eks: differently(K8S_MEMORY + FARGATE_POD) },
    }),
    desiredCount: row({
        ecs: honoured("the ECS service's desired count"),
        k8s: differently("becomes the Deployment's replicas, spread over zones first, then nodes"),
        managed: differently("the platform keeps no desired count: its minimum and maximum are both set to it"),
    }),
    healthCheck: row({
        ecs: honoured("the load balancer target group's health check"),
        k8s: differently(PROBES),
        managed: differently("App Runner's own HTTP health check, at most 20 s between checks", when("matcher set", sets("matcher"), refused("App Runner's health check has no status-code matcher"))),
        platforms: {
            "ecs-anywhere": differently("unused: no load balancer checks the tasks on ECS Anywhere; use containerHealthCheck"),
            eks: differently(`${PROBES}; the ALB checks the same path too`),
            "ecs-express": honoured(
                "Express Mode's load balancer checks healthCheck.path",
                when("more than path", (v) => Object.keys(fields(v)).some((k) => k !== "path"), refused("Express Mode configures the load balancer's health check itself and takes only its path (healthCheck.path)")),
            ),
        },
    }),
    containerHealthCheck: row({
        ecs: honoured("the container's own health check: ECS replaces a task whose check fails"),
        k8s: differently("becomes an exec liveness probe, in place of the HTTP one: the kubelet restarts the container where ECS replaces the task"),
        managed: (_, p) => refused(WHY.check[p]),
    }),
    privateLink: row({
        ecs: honoured("an internal NLB of the service's own and a VPC endpoint service"),
        k8s: refused("PrivateLink needs tasks in the stack's VPC (ecs-fargate or ecs-ec2)"),
        managed: (_, p) => refused(WHY.privateLink[p]),
        platforms: { "ecs-anywhere": refused("PrivateLink needs tasks in the stack's VPC (ecs-fargate or ecs-ec2)") },
    }),
    exec: row({
        ecs: honoured("ECS Exec: a shell in running tasks through SSM"),
        k8s: differently(
            "nothing to turn on: kubectl exec, under the cluster's RBAC",
            when("true", (v) => v === true, refused("kubectl exec opens a shell into a pod already, governed by the cluster's RBAC, with nothing for berth to turn on")),
        ),
        managed: (_, p) => refused(WHY.exec[p]),
    }),
    public: row({
        ecs: honoured("behind the stack's shared public load balancer", PRIVATE),
        k8s: differently("an Ingress of the cluster's ingress controller (berth:kubernetes.ingressClass), or for an NLB a Service of type LoadBalancer", PRIVATE_POD),
        managed: (name, p) =>
            differently(
                `served on ${name}'s own public HTTPS URL, open to the internet, instead of the stack's load balancer`,
                when("false", (v) => v === false, refused(WHY.public[p])),
            ),
        platforms: {
            "ecs-anywhere": honoured(
                "false: reachable on the hosts' network only",
                when("true", (v) => v === true, refused(NO_LB_ANYWHERE)),
            ),
            eks: differently("an Ingress in one IngressGroup, so the AWS Load Balancer Controller builds one shared ALB, or for an NLB a Service of type LoadBalancer", PRIVATE_POD),
        },
    }),
    priority: row({
        ecs: honoured("the ALB listener rule's priority"),
        k8s: differently("unused, with a warning: Ingress controllers order rules by path, longest first, not by priority"),
        platforms: { ...ROUTING, "ecs-anywhere": UNUSED_ANYWHERE, eks: differently("orders the service's rule within the IngressGroup (group.order), lowest first, as ALB priorities do") },
    }),
    path: row({
        ecs: honoured("the ALB listener rule's path pattern"),
        k8s: differently("the ALB path pattern becomes an Ingress path: /api/* a Prefix /api, a path without * an Exact one"),
        platforms: {
            ...ROUTING,
            "ecs-anywhere": UNUSED_ANYWHERE,
            eks: honoured("the ALB path pattern, as written, on the service's rule of the IngressGroup's ALB (the AWS Load Balancer Controller takes ALB globs)"),
            kubernetes: differently(
                "the ALB path pattern becomes an Ingress path: /api/* a Prefix /api, a path without * an Exact one",
                when("a glob inside", (v) => typeof v === "string" && /[*?]/.test(v.replace(/\/\*$/, "")), refused("Ingress paths are prefixes, not ALB globs: use an exact path or a prefix ending in /*")),
            ),
        },
    }),
    environment: row({ ecs: honoured("the container's environment"), k8s: honoured("the container's environment"), managed: honoured("the service's environment") }),
    secrets: row({
        ecs: honoured("container secrets, read from Secrets Manager or SSM by the execution role"),
        k8s: refused(`they are Secrets Manager or SSM ARNs, read through an IAM role, and ${NO_K8S_AWS}`),
        managed: honoured("the service's secrets, read from Secrets Manager or SSM by its role"),
        platforms: { eks: differently("mounted through the Secrets Store CSI driver (pods on nodes) or synced by External Secrets (Fargate pods), read with the service's own IAM role") },
    }),
    readonlyRootFilesystem: row({
        ecs: honoured("the container's root file system is read-only, or not"),
        k8s: honoured("the container's securityContext.readOnlyRootFilesystem"),
        managed: (name) =>
            honoured(
                `false: a writable root file system, the only kind ${name} has`,
                when("true", (v) => v === true, refused(`the ${name} API has no read-only root file system setting`)),
            ),
    }),
    command: row({
        ecs: honoured("replaces the image's CMD"),
        k8s: honoured("the container's args: replaces the image's CMD and keeps its ENTRYPOINT, as on ECS"),
        managed: honoured("replaces the image's CMD"),
        platforms: { apprunner: differently("App Runner's start command is one string: the arguments are joined into a shell line; unused with source") },
    }),
    loadBalancer: row({
        ecs: honoured("alb or nlb for this service, overriding berth:loadBalancer.type"),
        k8s: differently("alb: an Ingress of the cluster's controller; nlb: a Service of type LoadBalancer, from whatever the cluster provides"),
        platforms: {
            ...NO_LB,
            "ecs-anywhere": refused(NO_LB_ANYWHERE),
            eks: differently("alb: an Ingress of the AWS Load Balancer Controller; nlb: a Service of type LoadBalancer, an NLB the controller builds"),
        },
    }),
    listenerPort: row({
        ecs: honoured("the NLB listener's port"),
        k8s: differently("the port of the service's Service of type LoadBalancer"),
        platforms: { ...NO_LB, "ecs-anywhere": UNUSED_ANYWHERE },
    }),
    scaling: row({
        ecs: honoured("Application Auto Scaling: target tracking, steps and schedules", CONCURRENCY),
        k8s: differently(HPA, ...K8S_SCALING),
        platforms: {
            "ecs-anywhere": honoured(
                "Application Auto Scaling: target tracking, steps and schedules",
                CONCURRENCY,
                when("requests set", sets("requests"), refused("request-count scaling needs a public service behind an ALB, and ECS Anywhere has no load balancer")),
            ),
            apprunner: differently(
                "App Runner scales on concurrent requests per instance (scaling.concurrency), between min and max",
                MANAGED_MIN("apprunner"),
                when("cpu, memory or requests set", sets("cpu", "memory", "requests"), refused("App Runner scales only on concurrent requests per instance (scaling.concurrency)")),
                when("cooldowns set", sets("scaleInCooldown", "scaleOutCooldown"), refused("App Runner chooses its own scaling cooldowns")),
            ),
            "ecs-express": differently(
                "Express Mode's own target tracking, on one metric, between min and max",
                CONCURRENCY,
                MANAGED_MIN("ecs-express"),
                when("steps set", sets("steps"), refused("Express Mode scales with the one target-tracking policy it owns; step scaling needs ecs-fargate")),
                when("schedules set", sets("schedules"), refused("Express Mode scales with the one target-tracking policy it owns; scheduled scaling needs ecs-fargate")),
                when("cooldowns set", sets("scaleInCooldown", "scaleOutCooldown"), refused("Express Mode owns its target-tracking policy and its cooldowns")),
                when("more than one metric", (v) => ["cpu", "memory", "requests"].filter((k) => fields(v)[k] !== undefined).length > 1, refused("Express Mode tracks one metric per service")),
            ),
        },
    }),
    volumes: row({
        ecs: honoured("EFS or FSx volumes mounted into the task"),
        k8s: refused(`no EFS volumes (${NO_K8S_AWS}); use disks, which claim the cluster's default StorageClass`),
        managed: (_, p) => refused(WHY.volumes[p]),
        platforms: {
            "ecs-anywhere": refused("ECS Anywhere tasks cannot mount EFS through ECS"),
            eks: differently("mounted through the EFS (or FSx) CSI driver, as a PersistentVolume and its claim"),
        },
    }),
    grants: row({
        ecs: honoured("IAM statements on the task role"),
        k8s: refused(`grants are IAM statements, and ${NO_K8S_AWS}; give the workload credentials through your cluster's own identity system`),
        managed: honoured("IAM statements on the service's role"),
        platforms: { eks: differently("IAM statements on a role of the service's own, which its pods assume through their service account (EKS Pod Identity or IRSA)") },
    }),
    apprunner: row({
        ecs: refused(APPRUNNER_ONLY),
        k8s: refused(APPRUNNER_ONLY),
        managed: refused(APPRUNNER_ONLY),
        platforms: { apprunner: honoured("the service's custom domain, and its DNS records") },
    }),
    disks: row({
        ecs: K8S_ONLY("disks"),
        k8s: honoured("a PersistentVolumeClaim on the cluster's default StorageClass, one replica, replaced by Recreate"),
        managed: K8S_ONLY("disks"),
        platforms: { eks: honoured("an EBS gp3 PersistentVolumeClaim, one replica, replaced by Recreate") },
    }),
    // On reconciling with `user`, this becomes its deprecated alias (a warning) on ECS too.
    runAsUser: row({
        ecs: honoured("user's old name, with a warning: the container's user, UID:UID"),
        k8s: honoured("user's old name, with a warning: the securityContext's runAsUser and runAsGroup"),
        managed: (name) => refused(`the ${name} API has no such setting: the image's own USER runs`),
    }),
};
