// Log retention, secrets in plain config, and App Runner and ECS Express (issue 21: "encryption and
// private egress, where the APIs allow it"). None of these has an FSBP control, so the names are berth's.
import type { PlannedResource } from "../../start/types";
import type { Policy, PolicyContext } from "../types";
import { at, containerName, containers, type Json, leaves, obj, objects, SECRET_MARK, str, strings, TASK_DEFINITION } from "./a-read";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";
const WORKLOADS = ["kubernetes:apps/v1:Deployment", "kubernetes:batch/v1:CronJob", "kubernetes:batch/v1:Job"];
const APPRUNNER_SERVICE = "aws:apprunner/service:Service";
const EXPRESS_SERVICE = "aws:ecs/expressGatewayService:ExpressGatewayService";
const SUBNET = "aws:ec2/subnet:Subnet";

/** `name=value` pairs of an environment list (ECS `{name, value}`, Kubernetes `{name, value}`). */
function marked(env: Json[], where: string): string[] {
    return env.filter((e) => e.value === SECRET_MARK).map((e) => `${where} variable ${str(e.name) ?? "(unnamed)"} holds a Pulumi secret in plain text`);
}

function podContainers(r: PlannedResource): Json[] {
    const spec = r.type === "kubernetes:batch/v1:CronJob" ? at(r.inputs, "spec", "jobTemplate", "spec", "template", "spec") : at(r.inputs, "spec", "template", "spec");
    return [...objects(obj(spec).initContainers), ...objects(obj(spec).containers)];
}

function leafMarks(v: unknown, where: string): string[] {
    return leaves(v)
        .filter(([, value]) => value.includes(SECRET_MARK))
        .map(([path]) => `${where} ${path} holds a Pulumi secret in plain text`);
}

function secretMarks(r: PlannedResource): string[] {
    if (r.type === TASK_DEFINITION) return containers(r).flatMap((c) => marked(objects(c.environment), `container ${containerName(c)}'s environment`));
    if (r.type === EXPRESS_SERVICE) return marked(objects(at(r.inputs, "primaryContainer", "environments")), "the primary container's environment");
    if (r.type === APPRUNNER_SERVICE) return leafMarks(at(r.inputs, "sourceConfiguration", "imageRepository", "imageConfiguration", "runtimeEnvironmentVariables"), "runtime environment");
    if (r.type === CONFIG_MAP) return [...leafMarks(r.inputs.data, "data"), ...leafMarks(r.inputs.binaryData, "binaryData")];
    if (r.type === HELM_RELEASE) return leafMarks(r.inputs.values, "values");
    return podContainers(r).flatMap((c) => marked(objects(c.env), `container ${str(c.name) ?? "(unnamed)"}'s env`));
}

/**
 * Whether a subnet gives instances public IPs: a subnet in the plan with mapPublicIpOnLaunch, or one of
 * the offline plan's stand-in ids, which name the tier (`subnet-public-…`, plan/fakes.ts).
 */
function publicSubnet(id: string, ctx: PolicyContext): boolean {
    return id.startsWith("subnet-public-") || ctx.find(id, SUBNET)?.inputs.mapPublicIpOnLaunch === true;
}

function expressNetwork(r: PlannedResource, ctx: PolicyContext): string[] {
    const configs = objects(r.inputs.networkConfigurations);
    // Without a network configuration Express uses the default VPC's public subnets.
    if (!configs.length) return [`Express service ${r.name} has no networkConfigurations, so its tasks get the default VPC's public subnets and public IPs`];
    const open = configs.flatMap((c) => strings(c.subnets)).filter((s) => publicSubnet(s, ctx));
    return open.length ? [`Express service ${r.name} runs tasks in public subnets ${open.join(", ")}`] : [];
}

export const APP_POLICIES: ReadonlyArray<Policy> = [
    {
        // Same intent as FSBP CloudWatch.16 (https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-16):
        // a log group without retentionInDays keeps logs forever (cost, and data kept past its use).
        name: "CloudWatch.log-retention",
        description: "Every CloudWatch log group has a retention period.",
        fix: "set berth:logs.retentionDays (berth's components pass it to every log group they create)",
        types: [LOG_GROUP],
        check: (r) => (typeof r.inputs.retentionInDays === "number" && r.inputs.retentionInDays > 0 ? [] : [`log group ${str(r.inputs.name) ?? r.name} keeps logs forever (no retentionInDays)`]),
    },
    {
        // Issue 21, "Secrets": a value marked secret never reaches plain config. The plan replaces every
        // Pulumi secret with "[secret]" (plan/engine.ts SECRET), so the mark in a plain field is the leak.
        name: "berth.no-secret-values",
        description: "No Pulumi secret reaches a task definition's or service's plain environment, a ConfigMap, a workload's env or a Helm release's values.",
        fix: "pass the value as a secret reference (berth:services.NAME.secrets), never as a plain environment variable or value",
        types: [TASK_DEFINITION, EXPRESS_SERVICE, APPRUNNER_SERVICE, CONFIG_MAP, HELM_RELEASE, ...WORKLOADS],
        check: secretMarks,
    },
    {
        // App Runner encrypts source and image copies at rest with an AWS-owned key unless given a KMS key
        // (https://docs.aws.amazon.com/apprunner/latest/dg/security-data-protection-encryption.html). That
        // already encrypts, so berth asks for a customer-managed key in prod only: key policy, audit, revocation.
        name: "AppRunner.encryption",
        description: "In prod, App Runner services encrypt their stored source and images with a customer-managed KMS key.",
        fix: "set berth:apprunner.kmsKeyArn to a customer-managed KMS key",
        types: [APPRUNNER_SERVICE],
        environments: ["prod"],
        check: (r) => (str(at(r.inputs, "encryptionConfiguration", "kmsKey")) ? [] : [`App Runner service ${r.name} uses the AWS-owned key (no encryptionConfiguration.kmsKey)`]),
    },
    {
        // App Runner's outbound traffic leaves from the public internet unless egressType is VPC
        // (https://docs.aws.amazon.com/apprunner/latest/dg/network-vpc.html): then it goes through the
        // VPC connector, its security groups and the VPC's NAT or endpoints.
        name: "AppRunner.egress",
        description: "App Runner services send outbound traffic through a VPC connector (egressType VPC).",
        fix: "keep egress through the VPC (berth's AppRunnerEnvironment creates the VPC connector)",
        types: [APPRUNNER_SERVICE],
        check: (r) => {
            const egress = obj(at(r.inputs, "networkConfiguration", "egressConfiguration"));
            return egress.egressType === "VPC" && str(egress.vpcConnectorArn) ? [] : [`App Runner service ${r.name} has egressType ${str(egress.egressType) ?? "DEFAULT"}, not VPC through a connector`];
        },
    },
    {
        // ECS Express Mode has no assignPublicIp: tasks get public IPs exactly when their subnets are public
        // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-overview.html).
        // The same intent as ECS.2 for Express services.
        name: "Express.private-subnets",
        description: "ECS Express services run their tasks in private subnets (no public IP).",
        fix: "keep berth's network (private subnets with NAT or VPC endpoints); Express services get the private subnets",
        types: [EXPRESS_SERVICE],
        check: expressNetwork,
    },
];
