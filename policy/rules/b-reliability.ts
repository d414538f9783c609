// berth's own reliability rules (issue 21, "Reliability policies"): no FSBP control covers them.
import type { PlannedResource } from "../../start/types";
import type { Policy, PolicyContext } from "../types";
import { at, counted, isTrue, list, rec, retained, shown, str } from "./b-read";
import { BUCKETS, QUEUE, TABLE } from "./b-data";
import { ASG, LB, lbSubnets } from "./b-network";
import { LUSTRE, ONTAP } from "./b-storage";

const SERVICE = "aws:ecs/service:Service";
const VPC = "awsx:ec2:Vpc";
const MANAGED_NODES = "eks:index:ManagedNodeGroup";
const NODE_GROUP_V2 = "eks:index:NodeGroupV2";
const NODE_GROUP = "eks:index:NodeGroup";
const EKS_NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const SCHEDULE = "aws:scheduler/schedule:Schedule";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";

// A failed deployment rolls back by itself instead of retrying forever. Express and App Runner
// services are other types (ECS and App Runner run their deployments), and only the ECS deployment
// controller has a circuit breaker, so CODE_DEPLOY and EXTERNAL services are left out.
const circuitBreaker: Policy = {
    name: "berth.circuit-breaker",
    description: "Every ECS service rolls back a failed deployment by itself (deployment circuit breaker with rollback).",
    fix: "set deploymentCircuitBreaker { enable: true, rollback: true } (berth's EcsService always does; a transform must not remove it)",
    types: [SERVICE],
    check: (r) => {
        const controller = str(at(r, "deploymentController.type")) ?? "ECS";
        if (controller !== "ECS") return [];
        const breaker = rec(r.inputs.deploymentCircuitBreaker);
        return isTrue(breaker.enable) && isTrue(breaker.rollback) ? [] : [`deploymentCircuitBreaker is ${shown(r.inputs.deploymentCircuitBreaker)}`];
    },
};

/** The AZs an awsx Vpc spans: its named zones, else its count (awsx's default is 3). */
function vpcZones(r: PlannedResource): string[] {
    const names = list(r.inputs.availabilityZoneNames);
    if (names.length) return names.length >= 2 ? [] : [counted("availabilityZoneNames", names)];
    const count = r.inputs.numberOfAvailabilityZones ?? 3;
    return typeof count === "number" && count >= 2 ? [] : [`numberOfAvailabilityZones is ${shown(count)}`];
}

/** At least two subnets in `field`; unset means the group inherits the cluster's subnets, which pass. */
function subnetsIn(field: string): (r: PlannedResource) => string[] {
    return (r) => {
        const value = r.inputs[field];
        if (value === undefined) return [];
        const subnets = list(value);
        return subnets.length >= 2 ? [] : [counted(field, subnets)];
    };
}

const multiAzChecks: Readonly<Record<string, (r: PlannedResource) => string[]>> = {
    [LB]: (r) => (lbSubnets(r).length >= 2 ? [] : [counted("subnets", lbSubnets(r))]),
    [VPC]: vpcZones,
    [MANAGED_NODES]: subnetsIn("subnetIds"),
    [EKS_NODE_GROUP]: subnetsIn("subnetIds"),
    [NODE_GROUP_V2]: subnetsIn("nodeSubnetIds"),
    [NODE_GROUP]: subnetsIn("nodeSubnetIds"),
    [ASG]: (r) => (list(r.inputs.vpcZoneIdentifiers).length >= 2 ? [] : [counted("vpcZoneIdentifiers", list(r.inputs.vpcZoneIdentifiers))]),
};

// Prod survives the loss of one AZ. The plan has subnet ids, not zones (awsx's subnets are remote):
// awsx makes one subnet per AZ and tier, so two subnets stand for two AZs. dev's NAT instance group
// sits in one AZ on purpose (a cost choice), and this rule is prod-only. FSBP's AutoScaling.2 and
// ELB.13 ask the same of groups and load balancers in every environment:
// https://docs.aws.amazon.com/securityhub/latest/userguide/autoscaling-controls.html#autoscaling-2
const multiAz: Policy = {
    name: "berth.multi-az",
    description: "In prod, load balancers, the VPC, node groups and Auto Scaling groups span at least two Availability Zones.",
    fix: "give berth:network.azs 2 or more in prod (berth's default is 3), and leave node groups' subnets to berth",
    types: Object.keys(multiAzChecks),
    environments: ["prod"],
    check: (r) => multiAzChecks[r.type]?.(r) ?? [],
};

/** Whether a queue receives what others failed to deliver: another queue's redrive or a target's DLQ. */
function isDeadLetterQueue(r: PlannedResource, ctx: PolicyContext): boolean {
    if (!r.arn) return false;
    const redrives = ctx.ofType(QUEUE).map((q) => {
        const text = q.inputs.redrivePolicy;
        try {
            return rec(typeof text === "string" ? JSON.parse(text) : text).deadLetterTargetArn;
        } catch {
            return undefined;
        }
    });
    const targets = [...ctx.ofType(EVENT_TARGET).map((t) => at(t, "deadLetterConfig.arn")), ...ctx.ofType(SCHEDULE).map((s) => at(s, "target.deadLetterConfig.arn"))];
    return [...redrives, ...targets].includes(r.arn);
}

function deadLetter(r: PlannedResource, ctx: PolicyContext): string[] {
    if (r.type === QUEUE) return isDeadLetterQueue(r, ctx) || str(r.inputs.redrivePolicy) ? [] : [`redrivePolicy is ${shown(r.inputs.redrivePolicy)}`];
    const field = r.type === SCHEDULE ? "target.deadLetterConfig" : "deadLetterConfig";
    return str(at(r, `${field}.arn`)) ? [] : [`${field} is ${shown(at(r, field))}`];
}

// What fails to be processed or delivered lands where someone can look at it and replay it.
const deadLetterPolicy: Policy = {
    name: "berth.dead-letter",
    description: "Every SQS queue that is not itself a dead-letter queue has a redrive policy, and every EventBridge and Scheduler target has a dead-letter queue.",
    fix: "give the queue a redrivePolicy and the target a deadLetterConfig (berth's DeadLetterQueue component makes both)",
    types: [QUEUE, EVENT_TARGET, SCHEDULE],
    check: deadLetter,
};

// An alarm that notifies nobody is only seen by whoever happens to open the console. FSBP's
// CloudWatch.15 asks the same (alarmActions only, as here):
// https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-15
// (AWS Config's cloudwatch-alarm-action-check: https://docs.aws.amazon.com/config/latest/developerguide/cloudwatch-alarm-action-check.html)
const alarmActions: Policy = {
    name: "berth.alarm-actions",
    description: "Every CloudWatch alarm has an action (a topic to notify or a scaling policy to run), and its actions are enabled.",
    fix: "give the alarm alarmActions (an SNS topic ARN); berth's Network passes none to the NAT instance's alarm today, so berth's code must change there",
    types: [ALARM],
    check: (r) => [...(list(r.inputs.alarmActions).length ? [] : [`alarmActions is ${shown(r.inputs.alarmActions)}`]), ...(r.inputs.actionsEnabled === false ? ["actionsEnabled is false"] : [])],
};

/** Whether every matchLabels pair of `selector` is among `labels`. */
function selects(selector: unknown, labels: unknown): boolean {
    const wanted = Object.entries(rec(rec(selector).matchLabels));
    return wanted.length > 0 && wanted.every(([k, v]) => rec(labels)[k] === v);
}

function podDisruptionBudget(r: PlannedResource, ctx: PolicyContext): string[] {
    const replicas = at(r, "spec.replicas") ?? 1;
    if (typeof replicas !== "number" || replicas <= 1) return [];
    const namespace = at(r, "metadata.namespace") ?? "default";
    const labels = at(r, "spec.template.metadata.labels");
    const covered = ctx.ofType(PDB).some((p) => (at(p, "metadata.namespace") ?? "default") === namespace && selects(at(p, "spec.selector"), labels));
    return covered ? [] : [`spec.replicas is ${replicas} and no PodDisruptionBudget in namespace ${shown(namespace)} selects its pod labels ${shown(labels)}`];
}

// A node drain (an upgrade, Karpenter consolidating) must not evict every replica at once.
const pdb: Policy = {
    name: "berth.pdb",
    description: "Every Kubernetes Deployment with more than one replica has a PodDisruptionBudget selecting its pods in its namespace.",
    fix: "berth's KubernetesService makes a PodDisruptionBudget for each service; a transform must not drop it or change the pod labels",
    types: [DEPLOYMENT],
    check: podDisruptionBudget,
};

// A mistaken `pulumi destroy` or a replacement must not take prod's data with it.
const retainData: Policy = {
    name: "berth.retain-data",
    description: "In prod, EFS and FSx file systems, DynamoDB tables and S3 buckets are retained when deleted (retainOnDelete).",
    fix: "berth retains data resources in prod; a resource option transform must not turn retainOnDelete off",
    types: ["aws:efs/fileSystem:FileSystem", LUSTRE, ONTAP, TABLE, ...BUCKETS],
    environments: ["prod"],
    check: (r) => (retained(r) ? [] : [`retainOnDelete is ${shown("retainOnDelete" in r ? r.retainOnDelete : undefined)}`]),
};

export const RELIABILITY_POLICIES: ReadonlyArray<Policy> = [circuitBreaker, multiAz, deadLetterPolicy, alarmActions, pdb, retainData];
