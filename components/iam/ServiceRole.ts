import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { managedPolicyArn, PolicyDocument, scopedAssumeRolePolicy, TrustScope } from "./policies";

export interface ServiceRoleArgs {
    /** The AWS service principal that assumes the role, e.g. "tasks.apprunner.amazonaws.com". Required. */
    readonly principal: string;
    /** Confused-deputy conditions on the trust: the service may assume the role only for this account's resources. @default none */
    readonly trust?: pulumi.Input<TrustScope>;
    /** What the role is for, shown in IAM. Required. */
    readonly description: string;
    /** AWS managed policies by path and name (see MANAGED_POLICY). @default none */
    readonly managedPolicies?: ReadonlyArray<string>;
    /** An inline policy; none leaves the role without one. @default none */
    readonly policy?: pulumi.Input<PolicyDocument>;
    readonly tags?: Tags;
    readonly transform?: { readonly role?: Transform<aws.iam.RoleArgs> };
}

/**
 * A role one AWS service assumes on the stack's behalf, with exactly the policies given. Resources
 * that must not outlive the role's permissions (a service being deleted) depend on this component,
 * which covers its policies too.
 */
export class ServiceRole extends pulumi.ComponentResource {
    readonly roleArn: pulumi.Output<string>;
    readonly roleName: pulumi.Output<string>;

    constructor(name: string, args: ServiceRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:iam:ServiceRole", name, {}, opts);
        const role = new aws.iam.Role(`${name}-role`, applyTransform<aws.iam.RoleArgs>({ assumeRolePolicy: scopedAssumeRolePolicy(args.principal, args.trust), description: args.description, tags: { ...args.tags } }, args.transform?.role), {
            parent: this,
        });
        (args.managedPolicies ?? []).forEach((policy, i) => {
            new aws.iam.RolePolicyAttachment(`${name}-managed-${i}`, { role: role.name, policyArn: managedPolicyArn(role.arn, policy) }, { parent: this });
        });
        if (args.policy) {
            new aws.iam.RolePolicy(`${name}-policy`, { role: role.id, policy: pulumi.output(args.policy).apply((p) => JSON.stringify(p)) }, { parent: this });
        }
        this.roleArn = role.arn;
        this.roleName = role.name;
        this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName });
    }
}
