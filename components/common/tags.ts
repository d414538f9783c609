import * as pulumi from "@pulumi/pulumi";

export type Tags = Readonly<Record<string, string>>;

/** Tags merge: the component's own tags are added to the caller's, never replacing them wholesale. */
export function withTags(base: Tags | undefined, extra: Record<string, string>): Record<string, string> {
    return { ...(base ?? {}), ...extra };
}

/** `retainOnDelete` for data that must outlive a mistaken `pulumi destroy` in protected environments. */
export function protectOpts(parent: pulumi.Resource, protect: boolean): pulumi.CustomResourceOptions {
    return protect ? { parent, retainOnDelete: true } : { parent };
}
