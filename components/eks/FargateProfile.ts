import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { MANAGED_POLICY, managedPolicyArn, PolicyDocument } from "../iam/policies";
import { eksAddon } from "./addons";
import { logShipperPolicy } from "./fluentBit";
import { ClusterScope, fargateTrust } from "./trust";

export interface FargateSelectorArgs {
    readonly namespace: string;
    readonly labels?: Readonly<Record<string, string>>;
}

export interface FargateProfileArgs {
    /** The cluster, for the profile and the execution role's trust. Required. */
    readonly cluster: pulumi.Input<ClusterScope>;
    /** Private subnets (Fargate pods get no public IP). Required. */
    readonly subnetIds: pulumi.Input<string[]>;
    /** Which pods run here (at most five selectors per profile). Required. */
    readonly selectors: ReadonlyArray<FargateSelectorArgs>;
    /**
     * The profile selects CoreDNS on a cluster without nodes: it installs the CoreDNS add-on of this
     * version (the cluster's Kubernetes version's), set to Fargate, once the profile exists.
     * @default none: the profile installs no CoreDNS
     */
    readonly coreDnsVersion?: pulumi.Input<string>;
    /** What the pod execution role may do besides pulling and logging (filling the registry's pull-through cache). @default nothing */
    readonly podExecutionPolicy?: pulumi.Input<PolicyDocument>;
    /**
     * The log groups Fargate's log router writes the pods' output to (FargateLogging.ts): the role may
     * open streams and put events there, and nowhere else. @default none: the role ships no logs
     */
    readonly logGroupArns?: pulumi.Input<pulumi.Input<string>[]>;
    /** Resources the profile waits for (the cluster). @default none */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
    readonly tags?: Tags;
    readonly transform?: { readonly profile?: Transform<aws.eks.FargateProfileArgs>; readonly coreDns?: Transform<aws.eks.AddonArgs> };
}

/**
 * The selector CoreDNS needs on a cluster without nodes: its pods carry k8s-app=kube-dns in
 * kube-system (EKS user guide, "Get started with AWS Fargate": update CoreDNS).
 */
export const COREDNS_SELECTOR: FargateSelectorArgs = { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } };

/**
 * The selector of the metrics-server EKS add-on's pods, which carry its Helm chart's selector label
 * (kubernetes-sigs/metrics-server, charts/metrics-server/templates/_helpers.tpl), not the
 * `k8s-app` label of the upstream manifest.
 */
export const METRICS_SERVER_SELECTOR: FargateSelectorArgs = { namespace: "kube-system", labels: { "app.kubernetes.io/name": "metrics-server" } };

/**
 * A Fargate profile and its pod execution role, which pulls images and ships logs for the pods and
 * may be assumed only for this cluster's Fargate profiles. EKS adds its access entry itself. The
 * profile that selects CoreDNS on a cluster without nodes also installs CoreDNS, after itself.
 */
export class FargateProfile extends pulumi.ComponentResource {
    readonly podExecutionRoleArn: pulumi.Output<string>;
    readonly profile: aws.eks.FargateProfile;
    /** The CoreDNS add-on, when this profile runs CoreDNS. */
    readonly coreDns?: aws.eks.Addon;

    constructor(name: string, args: FargateProfileArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:eks:FargateProfile", name, {}, opts);
        const role = new aws.iam.Role(`${name}-pod-execution-role`, { assumeRolePolicy: fargateTrust(args.cluster), description: `Fargate pod execution for profile ${name}`, tags: { ...args.tags } }, { parent: this });
        const attachment = new aws.iam.RolePolicyAttachment(`${name}-pod-execution`, { role: role.name, policyArn: managedPolicyArn(role.arn, MANAGED_POLICY.eksFargatePodExecution) }, { parent: this });
        const extra = args.podExecutionPolicy ? [new aws.iam.RolePolicy(`${name}-pod-execution-policy`, { role: role.id, policy: pulumi.output(args.podExecutionPolicy).apply((d) => JSON.stringify(d)) }, { parent: this })] : [];
        // The router runs with this role (EKS user guide, "Start AWS Fargate logging for your cluster").
        if (args.logGroupArns) {
            const policy = pulumi.output(args.logGroupArns).apply((arns) => JSON.stringify(logShipperPolicy(arns)));
            extra.push(new aws.iam.RolePolicy(`${name}-pod-logs`, { role: role.id, policy }, { parent: this }));
        }
        this.profile = new aws.eks.FargateProfile(
            `${name}-profile`,
            applyTransform<aws.eks.FargateProfileArgs>(
                {
                    clusterName: pulumi.output(args.cluster).clusterName,
                    podExecutionRoleArn: role.arn,
                    subnetIds: args.subnetIds,
                    selectors: args.selectors.map((s) => ({ namespace: s.namespace, ...(s.labels && Object.keys(s.labels).length ? { labels: { ...s.labels } } : {}) })),
                    tags: { ...args.tags },
                },
                args.transform?.profile,
            ),
            { parent: this, dependsOn: [attachment, ...extra, ...((args.dependsOn ?? []) as pulumi.Resource[])] },
        );
        if (args.coreDnsVersion !== undefined) {
            // Fargate schedules only pods that exist after a profile selects them: CoreDNS created first
            // stays Pending, and its add-on times out (EKS user guide, "Get started with AWS Fargate").
            this.coreDns = eksAddon(
                `${name}-coredns`,
                {
                    clusterName: this.profile.clusterName,
                    addonName: "coredns",
                    addonVersion: args.coreDnsVersion,
                    configurationValues: JSON.stringify({ computeType: "Fargate" }),
                    tags: args.tags,
                    transform: args.transform?.coreDns,
                },
                { parent: this, dependsOn: [this.profile] },
            );
        }
        this.podExecutionRoleArn = role.arn;
        this.registerOutputs({ podExecutionRoleArn: this.podExecutionRoleArn });
    }
}
