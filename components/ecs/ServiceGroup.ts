import * as pulumi from "@pulumi/pulumi";

/**
 * One service's parts under one node of the tree: its roles, task definition, service, scaling and
 * load balancer wiring. A grouping only; it creates nothing itself. Stacks deployed before the
 * grouping keep their resources: `childOptions` gives each part an alias to its former place at the
 * top of the stack, and Pulumi derives its children's aliases from it.
 */
export class ServiceGroup extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("berth:ecs:Service", name, {}, opts);
        this.registerOutputs({});
    }

    /** Options for a part of type `type` named `name`: parented here, aliased to where it was before. */
    childOptions(type: string, name: string): pulumi.ComponentResourceOptions {
        // A plain string, not pulumi.createUrn's Output: the URN of a top-level resource is known now.
        return { parent: this, aliases: [`urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${type}::${name}`] };
    }
}
