import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { protectOpts, Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";

export interface LogGroupsArgs {
    /** The groups, by role (the child's name is `${name}-${role}`) → group name. Required. */
    readonly groups: Readonly<Record<string, string>>;
    /** Retention in days. @default 14, as ECS's task log groups */
    readonly retentionDays?: number;
    /** Keep the groups (and what they hold) when the stack is destroyed: prod. @default false */
    readonly protect?: boolean;
    readonly tags?: Tags;
    readonly transform?: { readonly logGroup?: Transform<aws.cloudwatch.LogGroupArgs> };
}

/**
 * Named log groups with retention, made by berth rather than by whatever ships into them: the
 * retention is berth's, and the shippers need no logs:CreateLogGroup.
 */
export class LogGroups extends pulumi.ComponentResource {
    /** Each group's ARN, by role (without the `:*` suffix). */
    readonly arns: Record<string, pulumi.Output<string>>;

    constructor(name: string, args: LogGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:eks:LogGroups", name, {}, opts);
        this.arns = Object.fromEntries(
            Object.entries(args.groups).map(([role, group]) => {
                const g = new aws.cloudwatch.LogGroup(
                    `${name}-${role}`,
                    applyTransform<aws.cloudwatch.LogGroupArgs>({ name: group, retentionInDays: args.retentionDays ?? 14, tags: { ...args.tags } }, args.transform?.logGroup),
                    protectOpts(this, args.protect ?? false),
                );
                return [role, g.arn];
            }),
        );
        this.registerOutputs({ arns: this.arns });
    }
}
