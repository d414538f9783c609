// EKS: the cluster in the stack's VPC, its capacity (managed, self-managed, Fargate), the add-ons
// that storage, load balancing and secrets need, then every service as a KubernetesService through
// a provider built from the cluster's kubeconfig.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { EksCluster } from "../components/eks/EksCluster";
import { COREDNS_SELECTOR, FargateProfile } from "../components/eks/FargateProfile";
import { ManagedNodes } from "../components/eks/ManagedNodes";
import { NodeRole } from "../components/eks/NodeRole";
import { SelfManagedNodes } from "../components/eks/SelfManagedNodes";
import { WorkloadIdentity } from "../components/eks/WorkloadIdentity";
import { grantStatements, policyDocument } from "../components/iam/grants";
import { secretReadPolicy } from "../components/iam/policies";
import { KubernetesService } from "../components/kubernetes/KubernetesService";
import { isGravitonType } from "./validate-ecs";
import { StackOutputs } from "./outputs";
import { Foundation, foundation } from "./shared";
import { BerthSpec, ServiceSpec } from "./spec";
import { APP_LABEL, EksNodeGroupSpec, FargateSelector, hasNodes, runsOnFargate } from "./spec-eks";
import { firstUrl, workloadArgs, workloadOutputs } from "./workloads";

/** A Fargate profile takes at most five selectors; more become several profiles. */
const SELECTORS_PER_PROFILE = 5;

export interface EksContext {
    readonly spec: BerthSpec;
    readonly base: Foundation;
    readonly cluster: EksCluster;
    readonly provider: k8s.Provider;
    /** What workloads wait for: node groups and Fargate profiles. */
    readonly capacity: pulumi.Resource[];
    readonly onFargate: (service: string) => boolean;
}

/** The cluster's name: unique per project and stack, and known before the cluster exists. */
export const clusterNameOf = (spec: BerthSpec) => `${spec.project}-${spec.stack}`;

type Ec2Group = Exclude<EksNodeGroupSpec, { type: "fargate" }>;

/** Every node group and Fargate profile of `berth:eks.nodeGroups`; self-managed roles come first, for their access entries. */
function capacity(spec: BerthSpec, base: Foundation, cluster: EksCluster, selfManaged: Record<string, NodeRole>): pulumi.Resource[] {
    const network = base.network!;
    const out: pulumi.Resource[] = [];
    const fargateOnly = !hasNodes(spec.eks.nodeGroups);
    for (const [name, g] of Object.entries(spec.eks.nodeGroups)) {
        if (g.type === "fargate") {
            const selectors: FargateSelector[] = [...g.selectors, ...(fargateOnly && out.length === 0 ? [COREDNS_SELECTOR as FargateSelector] : [])];
            for (let i = 0; i * SELECTORS_PER_PROFILE < selectors.length; i++) {
                const chunk = selectors.slice(i * SELECTORS_PER_PROFILE, (i + 1) * SELECTORS_PER_PROFILE);
                const p = new FargateProfile(i === 0 ? name : `${name}-${i}`, { cluster: cluster.scope, subnetIds: network.privateSubnetIds, selectors: chunk, dependsOn: [cluster.cluster], tags: spec.tags });
                out.push(p.profile);
            }
            continue;
        }
        const sizes = ec2Sizes(g);
        if (g.type === "managed") {
            const arm = g.instanceTypes.every(isGravitonType);
            out.push(new ManagedNodes(name, { cluster: cluster.cluster, subnetIds: network.privateSubnetIds, instanceTypes: g.instanceTypes, architecture: arm ? "arm64" : "x86_64", spot: g.spot, ...sizes, tags: spec.tags }).nodeGroup);
        } else {
            const { role, attachments } = selfManaged[name];
            const nodes = new SelfManagedNodes(name, { cluster: cluster.cluster, role, dependsOn: attachments, securityGroupId: cluster.clusterSecurityGroupId, subnetIds: network.privateSubnetIds, instanceType: g.instanceTypes[0], ...sizes, tags: spec.tags });
            out.push(nodes.nodeGroup);
        }
    }
    return out;
}

const ec2Sizes = (g: Ec2Group) => ({ minSize: g.minSize, maxSize: g.maxSize, desiredSize: g.desiredSize, rootVolumeGiB: g.rootVolumeGiB, labels: g.labels });

function clusterFor(spec: BerthSpec, base: Foundation, nodeRoleArns: pulumi.Input<string>[]): EksCluster {
    const network = base.network!;
    const groups = Object.values(spec.eks.nodeGroups);
    return new EksCluster("eks", {
        clusterName: clusterNameOf(spec),
        version: spec.eks.version,
        upgradePolicy: spec.eks.upgradePolicy,
        vpcId: network.vpcId,
        privateSubnetIds: network.privateSubnetIds,
        publicSubnetIds: network.publicSubnetIds,
        publicAccessCidrs: spec.eks.publicAccessCidrs,
        adminRoleArns: spec.eks.adminRoleArns,
        nodeRoleArns,
        logTypes: spec.eks.logTypes,
        logRetentionDays: spec.logs.retentionDays,
        fargateOnly: !hasNodes(spec.eks.nodeGroups),
        oidc: groups.some((g) => g.type === "fargate"),
        protect: spec.protect,
        partition: base.partition,
        region: base.region,
        account: base.account,
        tags: spec.tags,
    });
}

/** The service account's role: its grants and secrets, bound by Pod Identity (nodes) or IRSA (Fargate). */
function identityFor(ctx: EksContext, svc: ServiceSpec): WorkloadIdentity | undefined {
    const secretArns = Object.values(svc.secrets);
    if (!svc.grants.length && !secretArns.length) return undefined;
    const policy = ctx.base.partition.apply((p) =>
        policyDocument([...svc.grants.flatMap((g, i) => grantStatements(g, `Grant${i}`, p)), ...(secretReadPolicy(secretArns)?.Statement ?? [])])!,
    );
    return new WorkloadIdentity(svc.name, {
        cluster: ctx.cluster.scope,
        namespace: svc.name,
        serviceAccount: svc.name,
        mode: ctx.onFargate(svc.name) ? "irsa" : "pod-identity",
        oidc: ctx.cluster.oidc,
        policy,
        dependsOn: [ctx.cluster.podIdentityAgent],
        description: `Application role of service ${svc.name} (the counterpart of its ECS task role)`,
        tags: ctx.spec.tags,
    });
}

function serviceFor(ctx: EksContext, svc: ServiceSpec): KubernetesService {
    const identity = identityFor(ctx, svc);
    return new KubernetesService(
        svc.name,
        {
            ...workloadArgs(svc, ctx.base.imageOf(svc)),
            podLabels: { [APP_LABEL]: svc.name },
            serviceAccountAnnotations: identity?.serviceAccountAnnotations,
            dependsOn: ctx.capacity,
        },
        { provider: ctx.provider },
    );
}

export function eks(spec: BerthSpec): StackOutputs {
    const base = foundation(spec, { network: true });
    const selfManaged = Object.fromEntries(
        Object.entries(spec.eks.nodeGroups)
            .filter(([, g]) => g.type === "self-managed")
            .map(([name]) => [name, new NodeRole(name, { tags: spec.tags })]),
    );
    const cluster = clusterFor(spec, base, Object.values(selfManaged).map((r) => r.role.arn));
    const provider = new k8s.Provider("eks-k8s", { kubeconfig: cluster.kubeconfig, enableServerSideApply: true }, { dependsOn: [cluster] });
    const names = Object.keys(spec.services);
    const ctx: EksContext = {
        spec,
        base,
        cluster,
        provider,
        capacity: capacity(spec, base, cluster, selfManaged),
        onFargate: (s) => runsOnFargate(spec.eks.nodeGroups, s, names),
    };
    const workloads = Object.fromEntries(Object.values(spec.services).map((svc) => [svc.name, serviceFor(ctx, svc)]));
    const region = base.region;
    return {
        url: firstUrl(spec, workloads, spec.loadBalancer.certificateArn !== undefined),
        platform: spec.platform,
        clusterName: cluster.clusterName,
        endpoint: cluster.endpoint,
        kubeconfig: cluster.kubeconfig,
        ...workloadOutputs(workloads, pulumi.interpolate`aws eks update-kubeconfig --region ${region} --name ${cluster.clusterName} && `),
        repositoryUrl: base.registry.repositoryUrl,
        vpcId: base.network!.vpcId,
    };
}
