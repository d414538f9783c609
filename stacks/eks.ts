// EKS: the cluster in the stack's VPC, its capacity (managed, self-managed, Fargate), the add-ons
// that storage, load balancing and secrets need, then every service as a KubernetesService through
// a provider built from the cluster's kubeconfig.
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ClusterStorage } from "../components/eks/ClusterStorage";
import { EksCluster } from "../components/eks/EksCluster";
import { COREDNS_SELECTOR, FargateProfile, METRICS_SERVER_SELECTOR } from "../components/eks/FargateProfile";
import { CONTROLLER_NAME, CONTROLLER_NAMESPACE, LoadBalancerController } from "../components/eks/LoadBalancerController";
import { Karpenter } from "../components/eks/Karpenter";
import { KarpenterPool } from "../components/eks/KarpenterPool";
import { ManagedNodes } from "../components/eks/ManagedNodes";
import { NodeRole } from "../components/eks/NodeRole";
import { EXTERNAL_SECRETS_NAMESPACE, SecretsDrivers } from "../components/eks/SecretsDrivers";
import { SelfManagedNodes } from "../components/eks/SelfManagedNodes";
import { defaultAddonVersion, eksAddon } from "../components/eks/addons";
import { NodeTerminationHandler, NTH_MANAGED_TAG } from "../components/eks/NodeTerminationHandler";
import { EXTERNAL_DNS_NAMESPACE, ExternalDns } from "../components/eks/ExternalDns";
import { DnsValidatedCertificate } from "../components/dns/DnsValidatedCertificate";
import { ECR_PULL_THROUGH } from "../components/iam/ecs-policies";
import { PolicyDocument } from "../components/iam/policies";
import { EfsFileSystem } from "../components/storage/EfsFileSystem";
import { eksService, namesOutputs, ruleOrder } from "./eks-services";
import { fsxDrivers, FsxFileSystems, fsxFileSystems } from "./eks-fsx";
import { StackOutputs } from "./outputs";
import { fileSystems, Foundation, foundation, logOutputs, registryOutputs } from "./shared";
import { checkFargateLogging, eksLogGroups, eksLogShippers } from "./eks-logs";
import { BerthSpec, ServiceSpec } from "../config/spec";
import { EksNodeGroupSpec, FargateSelector, hasNodes, runsOnFargate } from "../config/eks/spec";
import { publicOutputs, workloadOutputs } from "./workloads";
import { instanceSize, isGravitonType } from "../config/facts/ec2";
import { eksAmiName, eksAmiReleaseParameter } from "../config/facts/eks";
import { createServiceSecrets, hasSecrets, secretsOutput } from "./service-secrets";
import { eksEdge } from "./edge";

/** A Fargate profile takes at most five selectors; more become several profiles. */
const SELECTORS_PER_PROFILE = 5;

/** The cluster's name: unique per project and stack, and known before the cluster exists. */
export const clusterNameOf = (spec: BerthSpec) => `${spec.project}-${spec.stack}`;

type Ec2Group = Extract<EksNodeGroupSpec, { type: "managed" | "self-managed" }>;
const ec2Sizes = (g: Ec2Group) => ({ minSize: g.minSize, maxSize: g.maxSize, desiredSize: g.desiredSize, rootVolumeGiB: g.rootVolumeGiB, labels: g.labels });

/** Some service has a HorizontalPodAutoscaler, which reads the Metrics API. */
const scales = (spec: BerthSpec) => Object.values(spec.services).some((s) => s.scaling);

/** What berth itself runs in the cluster, which on a cluster without nodes needs Fargate too. */
function systemSelectors(spec: BerthSpec, onFargate: (s: string) => boolean): FargateSelector[] {
    const services = Object.values(spec.services);
    return [
        COREDNS_SELECTOR as FargateSelector,
        ...(services.some((s) => s.loadBalancer || s.internal) ? [{ namespace: CONTROLLER_NAMESPACE, labels: { "app.kubernetes.io/name": CONTROLLER_NAME } }] : []),
        ...(scales(spec) ? [METRICS_SERVER_SELECTOR as FargateSelector] : []),
        ...(services.some((s) => onFargate(s.name) && hasSecrets(s)) ? [{ namespace: EXTERNAL_SECRETS_NAMESPACE, labels: {} }] : []),
        ...(spec.loadBalancer.domain ? [{ namespace: EXTERNAL_DNS_NAMESPACE, labels: {} }] : []),
    ];
}

/**
 * Whatever pulls the images may fill the pull-through cache they point at: the first pull of an image
 * creates its repository and imports it from upstream, as the pulling principal (ECR user guide,
 * "Creating a pull through cache rule": ecr:CreateRepository and ecr:BatchImportUpstreamImage). On EKS
 * the nodes and the Fargate pod execution roles pull; their managed policies cover only pulls of what
 * is there. Scoped to the cache's repository prefixes.
 */
function pullThroughPolicy(base: Foundation): pulumi.Output<PolicyDocument> | undefined {
    const prefixes = base.registry.pullThroughPrefixes;
    if (!prefixes.length) return undefined;
    return pulumi.all([base.partition, base.region, base.account]).apply(([p, r, a]) => ({
        Version: "2012-10-17" as const,
        Statement: [{ Sid: "EcrPullThroughCache", Effect: "Allow" as const, Action: [...ECR_PULL_THROUGH], Resource: prefixes.map((x) => `arn:${p}:ecr:${r}:${a}:repository/${x}/*`).sort() }],
    }));
}

/** The architecture of a group's instance types: arm64 when all are Graviton. */
const architectureOf = (types: ReadonlyArray<string>) => (types.every(isGravitonType) ? "arm64" : "x86_64");

/**
 * The AMI of the stack's pinned release for a self-managed group: it changes only when
 * berth:eks.amiRelease (or its default) does, and the plan shows the new image before the nodes roll.
 */
function pinnedAmi(spec: BerthSpec, instanceType: string): pulumi.Output<string> {
    const name = eksAmiName(spec.eks.version, architectureOf([instanceType]), spec.eks.amiRelease);
    return aws.ec2.getAmiOutput({ owners: ["amazon"], mostRecent: true, filters: [{ name: "name", values: [name] }] }).id;
}

/** Every node group and Fargate profile of `berth:eks.nodeGroups`, and the self-managed groups among them. */
function capacity(
    spec: BerthSpec,
    base: Foundation,
    cluster: EksCluster,
    selfManaged: Record<string, NodeRole>,
    system: FargateSelector[],
    logGroupArns: pulumi.Output<string[]>,
): { resources: pulumi.Resource[]; drained: SelfManagedNodes[] } {
    const network = base.network!;
    // Nodes and Fargate pods pull their images (the VPC CNI's, the pause image, the workloads') on
    // launch: with a NAT instance, not before its routes exist. A node that cannot reach ECR never
    // joins (EKS user guide, "Troubleshooting": NodeCreationFailure, "Instances failed to join the
    // kubernetes cluster"). Found by the start-path analysis (issue 23) on dev moved to EKS.
    const egress = network.egress;
    const out: pulumi.Resource[] = [];
    const drained: SelfManagedNodes[] = [];
    let systemPlaced = hasNodes(spec.eks.nodeGroups);
    for (const [name, g] of Object.entries(spec.eks.nodeGroups)) {
        if (g.type === "fargate") {
            const carried = systemPlaced ? [] : system;
            const selectors = [...carried, ...g.selectors];
            systemPlaced = true;
            for (let i = 0; i * SELECTORS_PER_PROFILE < selectors.length; i++) {
                const chunk = selectors.slice(i * SELECTORS_PER_PROFILE, (i + 1) * SELECTORS_PER_PROFILE);
                // CoreDNS leads the system selectors, so the first profile of the group carrying them selects it.
                const coreDns = i === 0 && carried.length > 0;
                const p = new FargateProfile(i === 0 ? name : `${name}-${i}`, {
                    cluster: cluster.scope,
                    subnetIds: network.privateSubnetIds,
                    selectors: chunk,
                    coreDnsVersion: coreDns ? cluster.addonVersions("coredns") : undefined,
                    podExecutionPolicy: pullThroughPolicy(base),
                    logGroupArns,
                    dependsOn: [cluster.cluster, ...egress],
                    tags: spec.tags,
                });
                out.push(p.profile, ...(p.coreDns ? [p.coreDns] : []));
            }
        } else if (g.type === "managed") {
            const arch = architectureOf(g.instanceTypes);
            // The nodes follow the cluster's version, on the newest AMI AWS recommends for it: bumping
            // berth:eks.version upgrades the control plane first (the group waits for the cluster),
            // then rolls the nodes, which EKS drains.
            const releaseVersion = aws.ssm.getParameterOutput({ name: eksAmiReleaseParameter(spec.eks.version, arch) }).insecureValue;
            const nodes = new ManagedNodes(name, {
                cluster: cluster.cluster,
                subnetIds: network.privateSubnetIds,
                instanceTypes: g.instanceTypes,
                architecture: arch,
                spot: g.spot,
                version: spec.eks.version,
                releaseVersion,
                nodePolicy: pullThroughPolicy(base),
                dependsOn: [...cluster.nodeNetworking, ...egress],
                ...ec2Sizes(g),
                tags: spec.tags,
            });
            out.push(nodes.nodeGroup);
        } else if (g.type === "self-managed") {
            const { role, attachments } = selfManaged[name];
            const nodes = new SelfManagedNodes(name, {
                cluster: cluster.cluster,
                role,
                dependsOn: [...attachments, ...cluster.nodeNetworking, ...egress],
                securityGroupId: cluster.clusterSecurityGroupId,
                subnetIds: network.privateSubnetIds,
                instanceType: g.instanceTypes[0],
                amiId: pinnedAmi(spec, g.instanceTypes[0]),
                instanceTags: { [NTH_MANAGED_TAG]: "true" },
                ...ec2Sizes(g),
                tags: spec.tags,
            });
            out.push(nodes.nodeGroup);
            drained.push(nodes);
        }
    }
    return { resources: out, drained };
}

function clusterFor(spec: BerthSpec, base: Foundation, nodeRoleArns: pulumi.Input<string>[]): EksCluster {
    const network = base.network!;
    const nodes = hasNodes(spec.eks.nodeGroups);
    return new EksCluster("eks", {
        clusterName: clusterNameOf(spec),
        version: spec.eks.version,
        // Every add-on on the version EKS picks for the cluster's Kubernetes version.
        addonVersions: (addonName) => defaultAddonVersion(addonName, spec.eks.version),
        upgradePolicy: spec.eks.upgradePolicy,
        vpcId: network.vpcId,
        privateSubnetIds: network.privateSubnetIds,
        publicSubnetIds: network.publicSubnetIds,
        publicAccessCidrs: spec.eks.publicAccessCidrs,
        adminRoleArns: spec.eks.adminRoleArns,
        nodeRoleArns,
        logTypes: spec.eks.logTypes,
        logRetentionDays: spec.logs.retentionDays,
        networkPolicy: nodes,
        oidc: Object.values(spec.eks.nodeGroups).some((g) => g.type === "fargate"),
        protect: spec.protect,
        partition: base.partition,
        region: base.region,
        account: base.account,
        tags: spec.tags,
    });
}

/** berth:storage file systems, as ECS builds them, with NFS open to the cluster's security group (nodes and Fargate pods). */
function fileSystemsFor(spec: BerthSpec, base: Foundation, cluster: EksCluster): Record<string, EfsFileSystem> {
    const efs = fileSystems(spec, base);
    for (const [name, fs] of Object.entries(efs)) {
        new aws.vpc.SecurityGroupIngressRule(`efs-${name}-from-eks`, {
            securityGroupId: fs.securityGroupId,
            referencedSecurityGroupId: cluster.clusterSecurityGroupId,
            ipProtocol: "tcp",
            fromPort: 2049,
            toPort: 2049,
            description: "NFS from EKS nodes and Fargate pods",
        });
    }
    return efs;
}

/** The controllers services rely on: storage drivers, the load balancer controller, the secrets drivers. */
function platformServices(spec: BerthSpec, base: Foundation, cluster: EksCluster, provider: k8s.Provider, efs: Record<string, EfsFileSystem>, fsx: FsxFileSystems, capacity: pulumi.Resource[], onFargate: (s: string) => boolean) {
    const nodes = hasNodes(spec.eks.nodeGroups);
    const services: ServiceSpec[] = Object.values(spec.services);
    const waits = [...capacity, cluster.podIdentityAgent];
    const storage = nodes
        ? new ClusterStorage("storage", {
              cluster: cluster.scope,
              clusterName: cluster.clusterName,
              addonVersions: cluster.addonVersions,
              provider,
              fileSystems: Object.fromEntries(Object.entries(spec.storage.fileSystems).map(([n, f]) => [n, { fileSystemId: efs[n].fileSystemId, fileSystemArn: efs[n].fileSystemArn, volumes: f.volumes }])),
              retain: spec.protect,
              dependsOn: waits,
              tags: spec.tags,
          })
        : undefined;
    const fsxStorage = fsxDrivers(spec, cluster, provider, fsx, waits);
    const controller = services.some((s) => s.loadBalancer || s.internal)
        ? new LoadBalancerController("lb-controller", {
              cluster: cluster.scope,
              vpcId: base.network!.vpcId,
              nodeSecurityGroupId: cluster.clusterSecurityGroupId,
              provider,
              onFargate: !nodes,
              // Always with an ALB: turning WAF off takes the controller's wafv2 rights to detach the ACL ("none").
              waf: services.some((s) => s.loadBalancer === "alb"),
              oidc: cluster.oidc,
              dependsOn: waits,
              tags: spec.tags,
          })
        : undefined;
    // The other releases create Services of their own: installed after the controller, none races
    // its webhooks while its pods start (its Service webhook is off: LoadBalancerController.ts).
    const afterController = [...capacity, ...(controller ? [controller.release] : [])];
    const addon = (addonName: string, dependsOn: pulumi.Resource[]) => eksAddon(addonName, { clusterName: cluster.clusterName, addonName, addonVersion: cluster.addonVersions(addonName), tags: spec.tags }, { dependsOn });
    // CoreDNS as a managed add-on, on the cluster's version, once there are nodes to run it (on a
    // cluster without nodes the Fargate profile that selects it installs it).
    const coreDns = nodes ? addon("coredns", capacity) : undefined;
    // EKS installs no Metrics API: without it every HPA reports <unknown> and never scales. The
    // metrics-server community add-on (EKS user guide, "Community add-ons") needs no IAM role.
    const metricsServer = scales(spec) ? addon("metrics-server", afterController) : undefined;
    const withSecrets = services.filter(hasSecrets);
    const secrets = withSecrets.length ? new SecretsDrivers("secrets", { provider, csi: withSecrets.some((s) => !onFargate(s.name)), externalSecrets: withSecrets.some((s) => onFargate(s.name)), dependsOn: afterController }) : undefined;
    return { storage, fsxStorage, dependsOn: [...capacity, ...(coreDns ? [coreDns] : []), ...(controller ? [controller.release] : []), ...(secrets?.releases ?? []), ...(metricsServer ? [metricsServer] : [])] };
}

/** The nodes the managed groups always keep, which Karpenter's controller runs on. */
const systemNodes = (spec: BerthSpec) => Object.values(spec.eks.nodeGroups).reduce((n, g) => n + (g.type === "managed" ? g.minSize : 0), 0);

/** The role of Karpenter's nodes, made before the cluster so its EC2_LINUX access entry can name it. */
const karpenterNodeRole = (spec: BerthSpec, base: Foundation) =>
    Object.values(spec.eks.nodeGroups).some((g) => g.type === "karpenter")
        ? new NodeRole("karpenter", { tags: spec.tags, policy: pullThroughPolicy(base), transform: { role: { description: "EKS nodes that Karpenter launches" } } })
        : undefined;

/**
 * Karpenter on the managed system nodes, and one NodePool per karpenter group: nodes for the pods
 * that today's nodes cannot hold, up to the group's maxSize (and maxSize times its largest type's
 * vCPUs, where berth knows the types).
 */
function nodeAutoscaling(spec: BerthSpec, base: Foundation, cluster: EksCluster, provider: k8s.Provider, nodeRole: NodeRole | undefined, capacity: pulumi.Resource[]): Karpenter | undefined {
    if (!nodeRole) return undefined;
    const karpenter = new Karpenter("karpenter", {
        cluster: cluster.scope,
        clusterEndpoint: cluster.endpoint,
        nodeRoleArn: nodeRole.role.arn,
        provider,
        // Its replicas keep to one per node (the chart's anti-affinity): two only where the system pool keeps two nodes.
        replicas: spec.environment !== "dev" && systemNodes(spec) >= 2 ? 2 : 1,
        dependsOn: [...capacity, cluster.podIdentityAgent, ...nodeRole.attachments],
        tags: spec.tags,
    });
    for (const [name, g] of Object.entries(spec.eks.nodeGroups)) {
        if (g.type !== "karpenter") continue;
        const sizes = g.instanceTypes.map(instanceSize);
        new KarpenterPool(name, {
            nodeRoleName: nodeRole.role.name,
            subnetIds: base.network!.privateSubnetIds,
            securityGroupId: cluster.clusterSecurityGroupId,
            instanceTypes: g.instanceTypes,
            architectures: [...new Set(g.instanceTypes.map((t): "arm64" | "amd64" => (isGravitonType(t) ? "arm64" : "amd64")))],
            spot: g.spot,
            maxNodes: g.maxSize,
            maxCpu: sizes.every((x) => x !== undefined) ? g.maxSize * Math.max(...sizes.map((x) => x.vcpu)) : undefined,
            rootVolumeGiB: g.rootVolumeGiB,
            labels: g.labels,
            amiVersion: spec.eks.amiRelease,
            provider,
            dependsOn: [karpenter.release],
            tags: spec.tags,
        });
    }
    return karpenter;
}

/**
 * berth:loadBalancer.domain on EKS: ExternalDNS writes the name's record from the public Ingress
 * group's hostname annotation (the controller, not berth, makes the ALB), and without a certificateArn
 * the name gets a DNS-validated certificate, as on ECS (stacks/ecs.ts), for the Ingress to serve.
 */
function eksDomain(spec: BerthSpec, cluster: EksCluster, provider: k8s.Provider, dependsOn: pulumi.Resource[]) {
    const domain = spec.loadBalancer.domain;
    if (!domain) return { certificateArn: undefined, releases: [] };
    const issued = spec.loadBalancer.certificateArn ? undefined : new DnsValidatedCertificate("domain", { domainName: domain.name, hostedZoneId: domain.hostedZoneId, tags: spec.tags });
    const dns = new ExternalDns("external-dns", {
        cluster: cluster.scope,
        provider,
        domain,
        onFargate: !hasNodes(spec.eks.nodeGroups),
        oidc: cluster.oidc,
        dependsOn: [...dependsOn, cluster.podIdentityAgent],
        tags: spec.tags,
    });
    return { certificateArn: issued?.certificateArn, releases: [dns.release] };
}

export function eks(spec: BerthSpec): StackOutputs {
    checkFargateLogging(spec);
    const base = foundation(spec, { network: true });
    const names = Object.keys(spec.services);
    const onFargate = (s: string) => runsOnFargate(spec.eks.nodeGroups, s, names);
    const selfManaged = Object.fromEntries(
        Object.entries(spec.eks.nodeGroups)
            .filter(([, g]) => g.type === "self-managed")
            .map(([name]) => [name, new NodeRole(name, { tags: spec.tags, policy: pullThroughPolicy(base) })]),
    );
    const karpenterRole = karpenterNodeRole(spec, base);
    const cluster = clusterFor(
        spec,
        base,
        [...Object.values(selfManaged), ...(karpenterRole ? [karpenterRole] : [])].map((r) => r.role.arn),
    );
    const provider = new k8s.Provider("eks-k8s", { kubeconfig: cluster.kubeconfig, enableServerSideApply: true }, { dependsOn: [cluster] });
    const logging = eksLogGroups(spec, base);
    const { resources: cap, drained } = capacity(spec, base, cluster, selfManaged, systemSelectors(spec, onFargate), logging.serviceGroupArns);
    // Self-managed nodes are drained before their group terminates them (EKS drains managed ones).
    if (drained.length) {
        new NodeTerminationHandler("node-termination", { cluster: cluster.scope, provider, groups: drained.map((n) => n.autoScalingGroup), dependsOn: [...cap, cluster.podIdentityAgent], tags: spec.tags });
    }
    nodeAutoscaling(spec, base, cluster, provider, karpenterRole, cap);
    const efs = fileSystemsFor(spec, base, cluster);
    const fsx = fsxFileSystems(spec, base, cluster);
    const { storage, fsxStorage, dependsOn } = platformServices(spec, base, cluster, provider, efs, fsx, cap, onFargate);
    const logShippers = eksLogShippers(spec, logging, cluster, provider, cap);
    const { edge: edgeBase, waits: edgeWaits } = eksEdge(spec, base);
    const { certificateArn, releases: dnsReleases } = eksDomain(spec, cluster, provider, dependsOn);
    const edge = { ...edgeBase, certificateArn };
    const ctx = {
        spec,
        base,
        cluster,
        provider,
        // The pull-through cache rules: a first pull under a prefix before its rule exists fails (ImagePullBackOff).
        dependsOn: [...dependsOn, ...logShippers, ...edgeWaits, ...dnsReleases, ...base.registry.pullThroughRules],
        onFargate,
        efs,
        fsx,
        fsxStorage,
        storage,
        albOrder: ruleOrder(spec, (s) => s.loadBalancer === "alb"),
        edge,
        secrets: createServiceSecrets(spec),
    };
    const workloads = Object.fromEntries(Object.values(spec.services).map((svc) => [svc.name, eksService(ctx, svc)]));
    return {
        ...namesOutputs(spec, workloads, publicOutputs(spec, workloads, spec.loadBalancer.certificateArn !== undefined || spec.loadBalancer.domain !== undefined, spec.loadBalancer.domain?.name)),
        platform: spec.platform,
        clusterName: cluster.clusterName,
        endpoint: cluster.endpoint,
        kubeconfig: cluster.kubeconfig,
        ...workloadOutputs(workloads, pulumi.interpolate`aws eks update-kubeconfig --region ${base.region} --name ${cluster.clusterName} && `),
        logs: logOutputs(spec, base.region, true),
        ...secretsOutput(ctx.secrets, base.region),
        ...registryOutputs(base),
        vpcId: base.network!.vpcId,
    };
}
