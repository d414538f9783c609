import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { PolicyDocument, scopedAssumeRolePolicy, TrustScope } from "./policies";

export interface TaskRolesArgs {
    /**
     * What ECS may do to start the task: write its log streams, pull its image, read its secrets
     * (see `executionRolePolicy` in ecs-policies.ts). Required.
     */
    readonly executionPolicy: pulumi.Input<PolicyDocument>;
    /** Policy for the task role (what the application itself may do). @default none: the role is empty */
    readonly taskPolicy?: pulumi.Input<PolicyDocument>;
    /** Confused-deputy conditions on both roles' trust: ECS may assume them only for this account's tasks. @default none */
    readonly trust?: pulumi.Input<TrustScope>;
    readonly tags?: Tags;
    readonly transform?: { readonly executionRole?: Transform<aws.iam.RoleArgs>; readonly taskRole?: Transform<aws.iam.RoleArgs> };
}

const toJson = (p: pulumi.Input<PolicyDocument>) => pulumi.output(p).apply((doc) => JSON.stringify(doc));

/**
 * The two task roles, kept apart: the execution role is ECS's (pull images, ship logs, read the
 * container's secrets); the task role is the application's and starts empty.
 */
export class TaskRoles extends pulumi.ComponentResource {
    readonly executionRoleArn: pulumi.Output<string>;
    readonly taskRoleArn: pulumi.Output<string>;
    readonly taskRoleName: pulumi.Output<string>;
    /** Every policy of either role: a service must not start its tasks before they exist. */
    readonly policies: pulumi.Resource[];

    constructor(name: string, args: TaskRolesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:iam:TaskRoles", name, {}, opts);
        const trust = scopedAssumeRolePolicy("ecs-tasks.amazonaws.com", args.trust);
        const exec = new aws.iam.Role(
            `${name}-exec-role`,
            applyTransform<aws.iam.RoleArgs>({ assumeRolePolicy: trust, description: "ECS task execution: pull images, write logs, read this task's secrets", tags: { ...args.tags } }, args.transform?.executionRole),
            { parent: this },
        );
        this.policies = [new aws.iam.RolePolicy(`${name}-exec-policy`, { role: exec.id, policy: toJson(args.executionPolicy) }, { parent: this })];
        const task = new aws.iam.Role(
            `${name}-task-role`,
            applyTransform<aws.iam.RoleArgs>({ assumeRolePolicy: trust, description: "Application role for this task; grants are added explicitly", tags: { ...args.tags } }, args.transform?.taskRole),
            { parent: this },
        );
        if (args.taskPolicy) {
            this.policies.push(new aws.iam.RolePolicy(`${name}-task-policy`, { role: task.id, policy: toJson(args.taskPolicy) }, { parent: this }));
        }
        this.executionRoleArn = exec.arn;
        this.taskRoleArn = task.arn;
        this.taskRoleName = task.name;
        this.registerOutputs({ executionRoleArn: this.executionRoleArn, taskRoleArn: this.taskRoleArn, taskRoleName: this.taskRoleName });
    }
}
