import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { MANAGED_POLICY, managedPolicyArn, PolicyDocument, scopedAssumeRolePolicy, secretReadPolicy, TrustScope } from "./policies";

export interface TaskRolesArgs {
    /** Secret ARNs the container references; the execution role may read exactly these. @default none */
    readonly secretArns?: ReadonlyArray<string>;
    /** Policy for the task role (what the application itself may do). @default none: the role is empty */
    readonly taskPolicy?: pulumi.Input<PolicyDocument>;
    /** Confused-deputy conditions on both roles' trust: ECS may assume them only for this account's tasks. @default none */
    readonly trust?: pulumi.Input<TrustScope>;
    readonly tags?: Tags;
    readonly transform?: { readonly executionRole?: Transform<aws.iam.RoleArgs>; readonly taskRole?: Transform<aws.iam.RoleArgs> };
}

/**
 * The two task roles, kept apart: the execution role is ECS's (pull images, ship logs, read the
 * container's secrets); the task role is the application's and starts empty.
 */
export class TaskRoles extends pulumi.ComponentResource {
    readonly executionRoleArn: pulumi.Output<string>;
    readonly taskRoleArn: pulumi.Output<string>;
    readonly taskRoleName: pulumi.Output<string>;

    constructor(name: string, args: TaskRolesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:iam:TaskRoles", name, {}, opts);
        const trust = scopedAssumeRolePolicy("ecs-tasks.amazonaws.com", args.trust);
        const exec = new aws.iam.Role(
            `${name}-exec-role`,
            applyTransform<aws.iam.RoleArgs>({ assumeRolePolicy: trust, description: "ECS task execution: pull images, write logs, read this task's secrets", tags: { ...args.tags } }, args.transform?.executionRole),
            { parent: this },
        );
        new aws.iam.RolePolicyAttachment(`${name}-exec-policy`, { role: exec.name, policyArn: managedPolicyArn(exec.arn, MANAGED_POLICY.ecsTaskExecution) }, { parent: this });
        const secrets = secretReadPolicy(args.secretArns ?? []);
        if (secrets) {
            new aws.iam.RolePolicy(`${name}-exec-secrets`, { role: exec.id, policy: JSON.stringify(secrets) }, { parent: this });
        }
        const task = new aws.iam.Role(
            `${name}-task-role`,
            applyTransform<aws.iam.RoleArgs>({ assumeRolePolicy: trust, description: "Application role for this task; grants are added explicitly", tags: { ...args.tags } }, args.transform?.taskRole),
            { parent: this },
        );
        if (args.taskPolicy) {
            new aws.iam.RolePolicy(`${name}-task-policy`, { role: task.id, policy: pulumi.output(args.taskPolicy).apply((p) => JSON.stringify(p)) }, { parent: this });
        }
        this.executionRoleArn = exec.arn;
        this.taskRoleArn = task.arn;
        this.taskRoleName = task.name;
        this.registerOutputs({ executionRoleArn: this.executionRoleArn, taskRoleArn: this.taskRoleArn, taskRoleName: this.taskRoleName });
    }
}
