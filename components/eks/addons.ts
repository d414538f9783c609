// The EKS add-ons berth manages, each on the version EKS picks by default for the cluster's
// Kubernetes version: bumping berth:eks.version moves every add-on with the control plane.
// (DescribeAddonVersions marks one version per Kubernetes version as `defaultVersion`: the one AWS
// has tested longest, not the newest build. EKS user guide, "Update an Amazon EKS add-on".) The
// lookup runs at every `pulumi up`, so when AWS moves a default the add-on follows, shown by
// `pulumi preview` first.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";

export interface EksAddonArgs {
    readonly clusterName: pulumi.Input<string>;
    /** The add-on's name as `aws eks describe-addon-versions` lists it. Required. */
    readonly addonName: string;
    /** The add-on's version, for the cluster's Kubernetes version (see defaultAddonVersion). Required. */
    readonly addonVersion: pulumi.Input<string>;
    /** The add-on's own service accounts and their roles (Pod Identity). @default none */
    readonly podIdentityAssociations?: ReadonlyArray<{ readonly roleArn: pulumi.Input<string>; readonly serviceAccount: string }>;
    /** JSON, in the schema of `aws eks describe-addon-configuration`. @default none */
    readonly configurationValues?: pulumi.Input<string>;
    readonly tags?: Tags;
    readonly transform?: Transform<aws.eks.AddonArgs>;
}

/**
 * Community and AWS Marketplace add-ons, whose publishers need not mark a default version for each
 * Kubernetes version (EKS user guide, "Community add-ons", "AWS Marketplace add-ons"): the default
 * lookup could find none and fail the preview, so these take the newest compatible build.
 */
export const NEWEST_BUILD_ADDONS: ReadonlyArray<string> = ["metrics-server", "netapp_trident-operator"];

/**
 * The version of each add-on a component installs, by add-on name: the composition passes one in, so
 * no component looks anything up itself (and a test can hand it fixed versions).
 */
export type AddonVersions = (addonName: string) => pulumi.Input<string>;

/**
 * The version EKS installs by default of `addonName` on `kubernetesVersion` (the newest compatible
 * build for NEWEST_BUILD_ADDONS): what a composition's AddonVersions answers.
 */
export function defaultAddonVersion(addonName: string, kubernetesVersion: string, opts?: pulumi.InvokeOutputOptions): pulumi.Output<string> {
    return aws.eks.getAddonVersionOutput({ addonName, kubernetesVersion, mostRecent: NEWEST_BUILD_ADDONS.includes(addonName) }, opts).version;
}

/**
 * One managed add-on on its default version. EKS bootstraps CoreDNS, kube-proxy and the VPC CNI as
 * self-managed workloads, and a user may have edited any add-on's fields: OVERWRITE makes the add-on
 * what berth declares, on create and on every update.
 */
export function eksAddon(name: string, args: EksAddonArgs, opts: pulumi.CustomResourceOptions): aws.eks.Addon {
    const associations = args.podIdentityAssociations ?? [];
    return new aws.eks.Addon(
        name,
        applyTransform<aws.eks.AddonArgs>(
            {
                clusterName: args.clusterName,
                addonName: args.addonName,
                addonVersion: args.addonVersion,
                ...(associations.length ? { podIdentityAssociations: associations.map((a) => ({ ...a })) } : {}),
                ...(args.configurationValues !== undefined ? { configurationValues: args.configurationValues } : {}),
                resolveConflictsOnCreate: "OVERWRITE",
                resolveConflictsOnUpdate: "OVERWRITE",
                tags: { ...args.tags },
            },
            args.transform,
        ),
        opts,
    );
}
