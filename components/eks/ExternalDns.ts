import type * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { PolicyDocument } from "../iam/policies";
import { chartRelease, CHARTS } from "./charts";
import { ClusterScope, OidcProvider } from "./trust";
import { WorkloadIdentity } from "./WorkloadIdentity";

type ReleaseArgs = k8s.helm.v3.ReleaseArgs;

export const EXTERNAL_DNS_NAMESPACE = "external-dns";
export const EXTERNAL_DNS_SERVICE_ACCOUNT = "external-dns";

/**
 * What ExternalDNS calls on Route 53 (kubernetes-sigs/external-dns, docs/tutorials/aws.md, "IAM
 * Policy"), narrowed from every zone to the stack's one: it changes, lists and reads the tags of that
 * zone's records. ListHostedZones supports no resource-level permissions (Service Authorization
 * Reference, Amazon Route 53), so it takes "*"; it reveals zone names, never records.
 */
export function externalDnsPolicy(hostedZoneId: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "Zone",
                Effect: "Allow",
                Action: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:ListTagsForResources"],
                Resource: `arn:aws:route53:::hostedzone/${hostedZoneId}`,
            },
            { Sid: "Zones", Effect: "Allow", Action: ["route53:ListHostedZones"], Resource: "*" },
        ],
    };
}

/**
 * The chart's values. upsert-only, not sync: ExternalDNS creates and updates the record but never
 * deletes one, so a record someone else made in a shared zone is safe even if the TXT ownership
 * records were lost; the price is that removing the domain leaves its record behind (docs/eks.md).
 */
export function externalDnsValues(domain: string, ownerId: pulumi.Input<string>): Record<string, unknown> {
    return {
        provider: { name: "aws" },
        sources: ["ingress"],
        domainFilters: [domain],
        policy: "upsert-only",
        registry: "txt",
        txtOwnerId: ownerId,
        extraArgs: ["--aws-zone-type=public"],
        serviceAccount: { create: true, name: EXTERNAL_DNS_SERVICE_ACCOUNT },
    };
}

export interface ExternalDnsArgs {
    readonly cluster: pulumi.Input<ClusterScope>;
    readonly provider: k8s.Provider;
    /** The name the public Ingress carries, and the zone that holds it. Required. */
    readonly domain: { readonly name: string; readonly hostedZoneId: string };
    /** IRSA for a cluster of Fargate only, where Pod Identity does not run. @default false */
    readonly onFargate?: boolean;
    /** The cluster's OIDC provider, for onFargate. @default none */
    readonly oidc?: pulumi.Input<OidcProvider>;
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
    readonly tags?: Tags;
    readonly transform?: { readonly release?: Transform<ReleaseArgs>; readonly role?: Transform<aws.iam.RoleArgs> };
}

/**
 * ExternalDNS, watching Ingresses: it points berth:loadBalancer.domain at the ALB the controller made
 * for the public Ingress group, which on EKS berth does not create itself (so no alias record of its
 * own, as on ECS). Its role may touch that one hosted zone only; its TXT records name the cluster as owner.
 */
export class ExternalDns extends pulumi.ComponentResource {
    readonly release: k8s.helm.v3.Release;
    readonly roleArn: pulumi.Output<string>;

    constructor(name: string, args: ExternalDnsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:eks:ExternalDns", name, {}, opts);
        const identity = new WorkloadIdentity(
            name,
            {
                cluster: args.cluster,
                namespace: EXTERNAL_DNS_NAMESPACE,
                serviceAccount: EXTERNAL_DNS_SERVICE_ACCOUNT,
                mode: args.onFargate ? "irsa" : "pod-identity",
                oidc: args.oidc,
                policy: externalDnsPolicy(args.domain.hostedZoneId),
                description: `ExternalDNS: records of ${args.domain.name}`,
                dependsOn: args.dependsOn,
                tags: args.tags,
                transform: { role: args.transform?.role },
            },
            { parent: this },
        );
        const values = externalDnsValues(args.domain.name, pulumi.output(args.cluster).clusterName);
        const serviceAccount = { create: true, name: EXTERNAL_DNS_SERVICE_ACCOUNT, annotations: identity.serviceAccountAnnotations };
        this.release = new k8s.helm.v3.Release(`${name}-release`, applyTransform<ReleaseArgs>(chartRelease(CHARTS.externalDns, EXTERNAL_DNS_NAMESPACE, { ...values, serviceAccount }), args.transform?.release), {
            parent: this,
            provider: args.provider,
            dependsOn: [identity, ...((args.dependsOn ?? []) as pulumi.Resource[])],
        });
        this.roleArn = identity.roleArn;
        this.registerOutputs({ roleArn: this.roleArn });
    }
}
