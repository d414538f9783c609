// What EventBridge rules and EventBridge Scheduler need to start an ECS task: the RunTask parameters
// (the task's own capacity and network), the role's policy, and the delivery retry policy. Both APIs
// take the same RunTask fields, under slightly different names for placement.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { EC2_PLACEMENT, Placement, withoutSpot } from "../ecs/capacity";
import { policyDocument } from "../iam/grants";
import { PolicyStatement, scopedAssumeRolePolicy, TrustScope } from "../iam/policies";

/** A task definition and everything RunTask needs to start it like the ECS composition would. */
export interface RunnableTask {
    /** The task definition. Required. */
    readonly taskDefinitionArn: pulumi.Input<string>;
    /** Its container, which overrides name. Required. */
    readonly containerName: string;
    /** The two roles ECS is handed when it starts the task. Required. */
    readonly executionRoleArn: pulumi.Input<string>;
    readonly taskRoleArn: pulumi.Input<string>;
    /** The service's capacity: Fargate or EC2 capacity providers (external hosts are refused upstream). Required. */
    readonly placement: Placement;
    /** Private subnets. Required for awsvpc tasks. */
    readonly subnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** The task's security groups (its own, plus EFS client groups). Required for awsvpc tasks. */
    readonly securityGroupIds: ReadonlyArray<pulumi.Input<string>>;
    /**
     * What must exist before the first start: the execution role's policies, the egress, the
     * pull-through cache rules. A rule or schedule can fire the moment it exists (an upload right
     * after the deploy), so it waits for them; the plan's start paths check it (start/ecs.ts).
     */
    readonly ready?: ReadonlyArray<pulumi.Resource>;
}

export interface RetryArgs {
    /** Retries before the event is dead-lettered. Required. */
    readonly attempts: number;
    /** Seconds an event may wait for delivery. Required. */
    readonly maxEventAgeSeconds: number;
}

export function retryPolicy(r: RetryArgs) {
    return { maximumRetryAttempts: r.attempts, maximumEventAgeInSeconds: r.maxEventAgeSeconds };
}

/**
 * RunTask parameters shared by EventBridge targets and Scheduler: one task of the definition, on the
 * service's capacity without Fargate Spot, in private subnets without a public IP, tagged like the task
 * definition. The EC2 placement (spread over AZs, then binpack) is returned apart: the two APIs name it
 * differently.
 *
 * On demand, because nothing starts an event-started run again: a service's interrupted task is
 * replaced by its scheduler and a queue worker's message reappears, but an interrupted run of an
 * upload or a schedule is simply gone (the event was delivered, RunTask succeeded), and an alert would
 * only tell someone to redo it by hand. Spot's discount on short runs is not worth that. Source: ECS
 * developer guide, "Fargate Spot" (interruption with a two-minute warning, stop code SpotInterruption).
 */
export function runTaskParameters(t: RunnableTask) {
    const tagged = { enableEcsManagedTags: true, propagateTags: "TASK_DEFINITION" };
    if (t.placement.kind === "external") {
        // External hosts have no capacity provider and run bridge-mode tasks, which take no network
        // configuration; Scheduler's EcsParameters take the EXTERNAL launch type (Scheduler API reference,
        // "LaunchType"). Only a task's own schedule starts tasks there: validation refuses the patterns.
        return { parameters: { taskDefinitionArn: t.taskDefinitionArn, taskCount: 1, launchType: "EXTERNAL", ...tagged }, placementStrategies: undefined };
    }
    const fargate = t.placement.kind === "fargate";
    return {
        parameters: {
            taskDefinitionArn: t.taskDefinitionArn,
            taskCount: 1,
            capacityProviderStrategies: withoutSpot(t.placement.strategy),
            networkConfiguration: { subnets: t.subnetIds!, securityGroups: [...t.securityGroupIds], assignPublicIp: false },
            ...(fargate ? { platformVersion: "LATEST" } : {}),
            ...tagged,
        },
        placementStrategies: fargate ? undefined : EC2_PLACEMENT.map((p) => ({ ...p })),
    };
}

/** Every revision of a task definition's family: `...:task-definition/family:*`. */
export function familyRevisions(taskDefinitionArn: string): string {
    return taskDefinitionArn.replace(/:\d+$/, ":*");
}

/** Tasks of one cluster: `...:task/cluster-name/*`. */
export function clusterTasks(clusterArn: string): string {
    return `${clusterArn.replace(":cluster/", ":task/")}/*`;
}

/**
 * The role EventBridge or Scheduler assumes to start the task: RunTask of this task definition's
 * family only, and only on this cluster; tags on the task it starts (ECS authorizes tag-on-create
 * separately); and iam:PassRole for exactly the task's two roles, only to ECS tasks. Every revision
 * of the family is allowed so a deploy that registers a new revision never races the policy update.
 * Source: ECS developer guide, "Amazon ECS EventBridge IAM role" and "Grant permission to tag resources on creation".
 */
export function runTaskStatements(t: RunnableTask, clusterArn: pulumi.Input<string>): pulumi.Output<PolicyStatement[]> {
    return pulumi.all([t.taskDefinitionArn, clusterArn, t.executionRoleArn, t.taskRoleArn]).apply(([taskDefinition, cluster, executionRole, taskRole]): PolicyStatement[] => [
        { Sid: "RunTask", Effect: "Allow", Action: ["ecs:RunTask"], Resource: familyRevisions(taskDefinition), Condition: { ArnEquals: { "ecs:cluster": cluster } } },
        { Sid: "TagStartedTask", Effect: "Allow", Action: ["ecs:TagResource"], Resource: clusterTasks(cluster), Condition: { StringEquals: { "ecs:CreateAction": "RunTask" } } },
        { Sid: "PassTaskRoles", Effect: "Allow", Action: ["iam:PassRole"], Resource: [executionRole, taskRole], Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } } },
    ]);
}

export interface StarterRoleArgs {
    /** The service principal that assumes the role, e.g. "events.amazonaws.com". Required. */
    readonly service: string;
    /** This account and region's confused-deputy scope (Foundation.trust). Required. */
    readonly trust: pulumi.Input<TrustScope>;
    /** The one resource the service may assume the role for: a rule, or a schedule group. Required. */
    readonly sourceArn: pulumi.Input<string>;
    /** What the role may do. Required. */
    readonly statements: pulumi.Input<PolicyStatement[]>;
    readonly tags?: Tags;
    readonly transform?: Transform<aws.iam.RoleArgs>;
}

/**
 * The role a rule or a schedule assumes to start a task, and its inline policy, as children of
 * `parent`. Its trust names the one rule or schedule group (`aws:SourceArn`) in this account.
 */
export function starterRole(parent: pulumi.Resource, name: string, a: StarterRoleArgs): { role: aws.iam.Role; policy: aws.iam.RolePolicy } {
    const scope = pulumi.all([a.trust, a.sourceArn]).apply(([t, sourceArn]): TrustScope => ({ ...t, sourceArn }));
    const role = new aws.iam.Role(
        `${name}-role`,
        applyTransform<aws.iam.RoleArgs>({ assumeRolePolicy: scopedAssumeRolePolicy(a.service, scope), description: "Starts one ECS task definition on one cluster", tags: { ...a.tags } }, a.transform),
        { parent },
    );
    const policy = new aws.iam.RolePolicy(`${name}-policy`, { role: role.id, policy: pulumi.output(a.statements).apply((s) => JSON.stringify(policyDocument(s))) }, { parent });
    return { role, policy };
}
