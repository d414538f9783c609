import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { chartRelease, CHARTS } from "./charts";
import { ControllerScope, loadBalancerControllerPolicy } from "./loadBalancerControllerPolicy";
import { ClusterScope, OidcProvider } from "./trust";
import { WorkloadIdentity } from "./WorkloadIdentity";

type ReleaseArgs = k8s.helm.v3.ReleaseArgs;

export const CONTROLLER_NAME = "aws-load-balancer-controller";
export const CONTROLLER_NAMESPACE = "kube-system";
/** The IngressClass the chart creates. */
export const ALB_INGRESS_CLASS = "alb";

export interface LoadBalancerControllerArgs {
    readonly cluster: pulumi.Input<ClusterScope>;
    readonly vpcId: pulumi.Input<string>;
    /** The nodes' and Fargate pods' security group, which the controller opens to its load balancers. */
    readonly nodeSecurityGroupId: pulumi.Input<string>;
    /** The Kubernetes provider of the cluster. Required. */
    readonly provider: k8s.Provider;
    /** The controller runs on Fargate: IRSA instead of Pod Identity. @default false */
    readonly onFargate?: boolean;
    readonly oidc?: pulumi.Input<OidcProvider>;
    /** Let the controller associate WAFv2 web ACLs named by an Ingress (`wafv2-acl-arn`): its addon and the IAM actions. @default false */
    readonly waf?: boolean;
    /** Two replicas (and a PDB) keep Ingress changes flowing while a node drains. @default 2 */
    readonly replicas?: number;
    /** What the release waits for: capacity, the Pod Identity agent. @default none */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
    /** Tags on every load balancer it creates. @default none */
    readonly tags?: Tags;
    readonly transform?: { readonly release?: Transform<ReleaseArgs> };
}

/**
 * The AWS Load Balancer Controller as a Helm release, with its own IAM role (Pod Identity, or IRSA
 * on Fargate) scoped to the load balancers it creates for this cluster. It turns Ingresses into one
 * shared ALB per IngressGroup and LoadBalancer Services into NLBs, with IP targets.
 */
export class LoadBalancerController extends pulumi.ComponentResource {
    readonly release: k8s.helm.v3.Release;

    constructor(name: string, args: LoadBalancerControllerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:eks:LoadBalancerController", name, {}, opts);
        const scope = pulumi.all([args.cluster, args.vpcId, args.nodeSecurityGroupId]).apply(([c, vpcId, nodeSecurityGroupId]): ControllerScope => ({ ...c, vpcId, nodeSecurityGroupId }));
        const identity = new WorkloadIdentity(
            name,
            {
                cluster: args.cluster,
                namespace: CONTROLLER_NAMESPACE,
                serviceAccount: CONTROLLER_NAME,
                mode: args.onFargate ? "irsa" : "pod-identity",
                oidc: args.oidc,
                policy: scope.apply((sc) => loadBalancerControllerPolicy(sc, { waf: args.waf ?? false })),
                dependsOn: args.dependsOn,
                description: "AWS Load Balancer Controller: load balancers of this cluster only",
                tags: args.tags,
            },
            { parent: this },
        );
        const c = CHARTS.loadBalancerController;
        this.release = new k8s.helm.v3.Release(
            `${name}-release`,
            applyTransform<ReleaseArgs>(
                {
                    ...chartRelease(c, CONTROLLER_NAMESPACE, {}),
                    name: CONTROLLER_NAME,
                    values: {
                        clusterName: pulumi.output(args.cluster).clusterName,
                        // Named, not looked up from instance metadata: pods cannot reach IMDS (one hop).
                        region: pulumi.output(args.cluster).region,
                        vpcId: args.vpcId,
                        replicaCount: args.replicas ?? 2,
                        serviceAccount: { create: true, name: CONTROLLER_NAME, annotations: identity.serviceAccountAnnotations },
                        // The chart (1.14.0, and 3.5.0 still) defaults to a mutating webhook on every Service with failurePolicy
                        // Fail: while the controller's pods start, or if both are down, the API server rejects
                        // any Service in the cluster, and a Helm release installing one rolls back. berth's
                        // NLB Services name the controller themselves (the `external` type annotation), so
                        // the webhook adds nothing. Off, as the EKS Blueprints add-on patterns set it
                        // (aws/eks-charts, stable/aws-load-balancer-controller/values.yaml, enableServiceMutatorWebhook).
                        enableServiceMutatorWebhook: false,
                        // Chart 3.0 turned this off by default (aws/eks-charts, stable/aws-load-balancer-controller/values.yaml,
                        // keepTLSSecret): without cert-manager each render would then
                        // mint a new webhook certificate, and every pulumi up would roll the controller.
                        keepTLSSecret: true,
                        enableShield: false,
                        enableWaf: false,
                        enableWafv2: args.waf ?? false,
                        defaultTags: { ...args.tags },
                    },
                },
                args.transform?.release,
            ),
            { parent: this, provider: args.provider, dependsOn: [identity, ...((args.dependsOn ?? []) as pulumi.Resource[])] },
        );
        this.registerOutputs({});
    }
}
