// One berth service on EKS: its IAM role (grants, secrets, EFS), its claims, how its secrets arrive,
// and the annotations that put it behind the shared ALB (an IngressGroup) or its own NLB.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ClusterStorage, efsClassName } from "../components/eks/ClusterStorage";
import { EksCluster } from "../components/eks/EksCluster";
import { ALB_INGRESS_CLASS } from "../components/eks/LoadBalancerController";
import { externalSecretManifests, secretName, secretProviderClass, secretsVolume } from "../components/eks/secrets";
import { WorkloadIdentity } from "../components/eks/WorkloadIdentity";
import { efsStatement, grantStatements, policyDocument } from "../components/iam/grants";
import { secretDecryptStatements } from "../components/iam/ecs-policies";
import { secretReadPolicy } from "../components/iam/policies";
import { MODERN_TLS_POLICY } from "../components/loadbalancer/common";
import { ClaimArgs, KubernetesService, KubernetesServiceArgs } from "../components/kubernetes/KubernetesService";
import { EfsFileSystem } from "../components/storage/EfsFileSystem";
import { Foundation } from "./shared";
import { FsxDrivers } from "../components/eks/FsxDrivers";
import { fsxClaim, FsxFileSystems } from "./eks-fsx";
import { BerthSpec, ServiceSpec } from "../config/spec";
import { APP_LABEL } from "../config/eks/spec";
import { workloadArgs } from "./workloads";
import { callersOf, kubernetesEndpoints } from "./names";
import { createdArnsOf, CreatedSecretArns, hasSecrets, secretNamesOf } from "./service-secrets";

export interface EksServiceContext {
    readonly spec: BerthSpec;
    readonly base: Foundation;
    readonly cluster: EksCluster;
    readonly provider: k8s.Provider;
    /** What every workload waits for: capacity, and the controllers it relies on. */
    readonly dependsOn: pulumi.Resource[];
    readonly onFargate: (service: string) => boolean;
    readonly efs: Readonly<Record<string, EfsFileSystem>>;
    readonly fsx: FsxFileSystems;
    readonly storage?: ClusterStorage;
    /** The FSx drivers and classes, when berth:storage has FSx file systems. */
    readonly fsxStorage?: FsxDrivers;
    /** Rank of each ALB service in the IngressGroup (group.order), from its listener-rule priority. */
    readonly albOrder: Readonly<Record<string, number>>;
    /** The secrets berth created for services (stacks/service-secrets.ts). */
    readonly secrets: CreatedSecretArns;
    /** The ALBs' access-log bucket and the public group's web ACL (stacks/edge.ts). */
    readonly edge: { readonly accessLogs?: pulumi.Output<AlbEdge["accessLogs"]>; readonly webAclArn?: pulumi.Output<string>; readonly certificateArn?: pulumi.Output<string> };
}

/** EFS claims report a size because Kubernetes requires one; EFS itself has no size. */
const EFS_NOMINAL_GIB = 5;

/** The counterpart of the ECS task role's policy: grants, the secrets it reads itself, and on Fargate its EFS access points. */
function policyFor(ctx: EksServiceContext, svc: ServiceSpec): pulumi.Output<ReturnType<typeof policyDocument>> | undefined {
    const onFargate = ctx.onFargate(svc.name);
    // Fargate mounts EFS only (validation refuses FSx there).
    const volumes = onFargate ? svc.volumes.filter((v) => v.kind === "efs") : [];
    const secretArns = Object.values(svc.secrets);
    if (!svc.grants.length && !hasSecrets(svc) && !volumes.length) return undefined;
    const mounts = volumes.map((v) => pulumi.all([ctx.efs[v.fileSystem].fileSystemArn, ctx.efs[v.fileSystem].accessPointArns[v.volume]]));
    return pulumi.all([ctx.base.partition, pulumi.all(mounts), ctx.base.region, createdArnsOf(svc, ctx.secrets)]).apply(([p, arns, region, createdArns]) =>
        policyDocument([
            ...svc.grants.flatMap((g, i) => grantStatements(g, `Grant${i}`, p)),
            // Fargate pods read through External Secrets Operator, pods on nodes through ASCP (secretsFor).
            ...(secretReadPolicy(secretArns, onFargate ? "external-secrets" : "ascp", createdArns)?.Statement ?? []),
            ...secretDecryptStatements(svc.secretKmsKeys, region),
            ...arns.map(([fs, ap], i) => efsStatement(fs, ap, volumes[i].readOnly, `Efs${i}`)),
        ]),
    );
}

function identityFor(ctx: EksServiceContext, svc: ServiceSpec): WorkloadIdentity | undefined {
    const policy = policyFor(ctx, svc);
    if (!policy) return undefined;
    return new WorkloadIdentity(svc.name, {
        cluster: ctx.cluster.scope,
        namespace: svc.name,
        serviceAccount: svc.name,
        mode: ctx.onFargate(svc.name) ? "irsa" : "pod-identity",
        oidc: ctx.cluster.oidc,
        policy: policy as pulumi.Output<NonNullable<ReturnType<typeof policyDocument>>>,
        dependsOn: [ctx.cluster.podIdentityAgent],
        description: `Application role of service ${svc.name} (the counterpart of its ECS task role)`,
        tags: ctx.spec.tags,
    });
}

/**
 * EFS volumes: on EC2 nodes a claim of the volume's class, provisioned through an access point on
 * the volume's directory; on Fargate, which mounts only static volumes, a PersistentVolume bound to
 * the volume's own access point. Disks claim the default gp3 class.
 */
function claimsFor(ctx: EksServiceContext, svc: ServiceSpec): ClaimArgs[] {
    const fargate = ctx.onFargate(svc.name);
    const efs = svc.volumes.map((v, i): ClaimArgs => {
        if (v.kind !== "efs") return fsxClaim(ctx.spec, ctx.fsx, v, i);
        const fs = ctx.efs[v.fileSystem];
        const common = { name: `${v.fileSystem}-${v.volume}-${i}`, mountPath: v.mountPath, readOnly: v.readOnly, sizeGiB: EFS_NOMINAL_GIB, accessModes: ["ReadWriteMany"] };
        if (!fargate) return { ...common, storageClassName: efsClassName(v.fileSystem, v.volume) };
        const volume = pulumi.all([fs.fileSystemId, fs.accessPointIds[v.volume]]).apply(([id, ap]) => ({
            persistentVolumeReclaimPolicy: "Retain",
            mountOptions: ["tls", "iam"],
            csi: { driver: "efs.csi.aws.com", volumeHandle: `${id}::${ap}` },
        }));
        return { ...common, volume };
    });
    const disks = svc.disks.map((d): ClaimArgs => ({ name: d.name, mountPath: d.mountPath, readOnly: false, sizeGiB: d.sizeGiB }));
    return [...efs, ...disks];
}

/** Secrets: ASCP with Pod Identity on EC2 nodes, External Secrets Operator with IRSA on Fargate. */
function secretsFor(ctx: EksServiceContext, svc: ServiceSpec): Partial<KubernetesServiceArgs> {
    const refs = secretNamesOf(svc);
    const keys = Object.keys(refs).sort();
    if (!keys.length) return {};
    const secretEnv = { secretName: secretName(svc.name), keys };
    if (ctx.onFargate(svc.name)) return { secretEnv, manifests: externalSecretManifests(svc.name, ctx.base.region, refs) };
    return { secretEnv, manifests: [secretProviderClass(svc.name, refs)], volumes: [secretsVolume()] };
}

const list = (xs: ReadonlyArray<string>) => xs.join(",");
const tagList = (tags: Readonly<Record<string, string>>) =>
    Object.entries(tags)
        .map(([k, v]) => `${k}=${v}`)
        .join(",");

/** What the stack puts at an ALB's edge, resolved: its access-log bucket, and (public group only) its web ACL. */
export interface AlbEdge {
    readonly accessLogs?: { readonly bucket: string; readonly prefix?: string };
    readonly webAclArn?: string;
    /** The certificate berth issued for berth:loadBalancer.domain, when the stack names none. */
    readonly certificateArn?: string;
}

/** The shared ALB's settings; every Ingress of the group carries the same ones, as the controller requires. */
export function albAnnotations(spec: BerthSpec, svc: ServiceSpec, order: number, groupName: string, publicSubnetIds: string[], edge: AlbEdge = {}): Record<string, string> {
    const lb = spec.loadBalancer;
    const logs = edge.accessLogs;
    const certificateArn = lb.certificateArn ?? edge.certificateArn;
    const hc = svc.healthCheck;
    const attributes = [
        `idle_timeout.timeout_seconds=${lb.idleTimeout}`,
        "routing.http.drop_invalid_header_fields.enabled=true",
        "routing.http.desync_mitigation_mode=defensive",
        `deletion_protection.enabled=${spec.protect}`,
        ...(logs ? [`access_logs.s3.enabled=true`, `access_logs.s3.bucket=${logs.bucket}`, ...(logs.prefix ? [`access_logs.s3.prefix=${logs.prefix}`] : [])] : []),
    ];
    const a = "alb.ingress.kubernetes.io";
    return {
        [`${a}/group.name`]: groupName,
        [`${a}/group.order`]: String(order),
        [`${a}/scheme`]: "internet-facing",
        [`${a}/target-type`]: "ip",
        [`${a}/subnets`]: list(publicSubnetIds),
        [`${a}/inbound-cidrs`]: list(lb.allowedCidrs),
        // ip-address-type takes ELB's values, dualstack-without-public-ipv4 included: https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#ip-address-type
        ...(lb.ipAddressType !== "ipv4" ? { [`${a}/ip-address-type`]: lb.ipAddressType } : {}),
        [`${a}/healthcheck-path`]: hc.path,
        [`${a}/healthcheck-interval-seconds`]: String(hc.interval),
        [`${a}/healthcheck-timeout-seconds`]: String(hc.timeout),
        [`${a}/healthy-threshold-count`]: String(hc.healthyThreshold),
        [`${a}/unhealthy-threshold-count`]: String(hc.unhealthyThreshold),
        [`${a}/success-codes`]: hc.matcher,
        [`${a}/target-group-attributes`]: `deregistration_delay.timeout_seconds=${lb.deregistrationDelay}`,
        [`${a}/load-balancer-attributes`]: list(attributes),
        [`${a}/tags`]: tagList(spec.tags),
        // The controller associates the web ACL with the group's ALB (its Ingress annotations page,
        // wafv2-acl-arn). Without the annotation it leaves the ALB's WAF as it is, so an ACL once attached
        // would stay and its deletion fail: "none" detaches it (same page).
        [`${a}/wafv2-acl-arn`]: edge.webAclArn ?? "none",
        // ExternalDNS (components/eks/ExternalDns.ts) points the domain at the group's ALB.
        ...(lb.domain ? { "external-dns.alpha.kubernetes.io/hostname": lb.domain.name } : {}),
        ...(certificateArn
            ? { [`${a}/listen-ports`]: '[{"HTTP":80},{"HTTPS":443}]', [`${a}/certificate-arn`]: certificateArn, [`${a}/ssl-redirect`]: "443", [`${a}/ssl-policy`]: MODERN_TLS_POLICY }
            : { [`${a}/listen-ports`]: '[{"HTTP":80}]' }),
    };
}

/** A LoadBalancer Service the controller (not the legacy in-tree provider) turns into an NLB with IP targets. */
export function nlbAnnotations(spec: BerthSpec, svc: ServiceSpec, publicSubnetIds: string[]): Record<string, string> {
    const lb = spec.loadBalancer;
    const hc = svc.healthCheck;
    const a = "service.beta.kubernetes.io";
    return {
        [`${a}/aws-load-balancer-type`]: "external",
        [`${a}/aws-load-balancer-nlb-target-type`]: "ip",
        [`${a}/aws-load-balancer-scheme`]: "internet-facing",
        [`${a}/aws-load-balancer-subnets`]: list(publicSubnetIds),
        [`${a}/aws-load-balancer-healthcheck-protocol`]: "http",
        [`${a}/aws-load-balancer-healthcheck-path`]: hc.path,
        [`${a}/aws-load-balancer-healthcheck-interval`]: String(hc.interval),
        [`${a}/aws-load-balancer-healthcheck-timeout`]: String(hc.timeout),
        [`${a}/aws-load-balancer-healthcheck-healthy-threshold`]: String(hc.healthyThreshold),
        [`${a}/aws-load-balancer-healthcheck-unhealthy-threshold`]: String(hc.unhealthyThreshold),
        [`${a}/aws-load-balancer-healthcheck-success-codes`]: hc.matcher,
        [`${a}/aws-load-balancer-target-group-attributes`]: `deregistration_delay.timeout_seconds=${lb.deregistrationDelay}`,
        [`${a}/aws-load-balancer-attributes`]: `load_balancing.cross_zone.enabled=true,deletion_protection.enabled=${spec.protect}`,
        [`${a}/aws-load-balancer-additional-resource-tags`]: tagList(spec.tags),
        ...(lb.certificateArn ? { [`${a}/aws-load-balancer-ssl-cert`]: lb.certificateArn, [`${a}/aws-load-balancer-ssl-ports`]: String(svc.listenerPort ?? 443), [`${a}/aws-load-balancer-ssl-negotiation-policy`]: MODERN_TLS_POLICY } : {}),
    };
}

/** The internal Ingress group's name: the cluster's, like the public group's, with `-internal`. */
export const internalGroupName = (clusterName: string) => `${clusterName}-internal`;

/**
 * An Ingress of the internal group: the shared ALB's settings, but with the internal scheme in the
 * private subnets, HTTP only (the stack's certificate names its public domain), a security group
 * open to every internal service's CIDRs, and each service's rule forwarding only its own CIDRs (a
 * source-ip condition named after the Service, as the controller's `conditions.SERVICE` annotation
 * takes it). See the AWS Load Balancer Controller's Ingress annotations page (scheme, inbound-cidrs,
 * conditions): https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/
 */
export function internalAlbAnnotations(spec: BerthSpec, svc: ServiceSpec, order: number, clusterName: string, privateSubnetIds: string[], accessLogs?: AlbEdge["accessLogs"]): Record<string, string> {
    const everyone = [...new Set(Object.values(spec.services).flatMap((s) => s.internal?.allowedCidrs ?? []))].sort();
    const a = "alb.ingress.kubernetes.io";
    return {
        ...albAnnotations({ ...spec, loadBalancer: { ...spec.loadBalancer, certificateArn: undefined, domain: undefined, allowedCidrs: everyone, ipAddressType: "ipv4" } }, svc, order, internalGroupName(clusterName), privateSubnetIds, {
            accessLogs,
        }),
        [`${a}/scheme`]: "internal",
        [`${a}/conditions.${svc.name}`]: JSON.stringify([{ field: "source-ip", sourceIpConfig: { values: svc.internal!.allowedCidrs } }]),
    };
}

/** Each service's place in its IngressGroup (the ALB one or the internal one), in the order of its listener-rule priority. */
export function ruleOrder(spec: BerthSpec, inGroup: (s: ServiceSpec) => boolean): Record<string, number> {
    const alb = Object.values(spec.services)
        .filter(inGroup)
        .sort((a, b) => a.priority - b.priority);
    return Object.fromEntries(alb.map((s, i) => [s.name, i + 1]));
}

/** Each internal service's place in the internal IngressGroup. */
const internalOrder = (spec: BerthSpec) => ruleOrder(spec, (s) => s.internal !== undefined);

/** How a public service is reached: an Ingress of the shared group, or its own NLB; an internal one, an Ingress of the internal group. */
function exposureFor(ctx: EksServiceContext, svc: ServiceSpec): Partial<KubernetesServiceArgs> {
    if (svc.internal) {
        const annotations = pulumi.all([ctx.base.network!.privateSubnetIds, ctx.cluster.clusterName, ctx.edge.accessLogs]).apply(([s, c, logs]) => internalAlbAnnotations(ctx.spec, svc, internalOrder(ctx.spec)[svc.name], c, s, logs));
        const glob = /[*?]/.test(svc.path);
        return { ingress: { className: ALB_INGRESS_CLASS, annotations, path: svc.path, pathType: glob ? "ImplementationSpecific" : "Prefix" }, loadBalancerPeers: [{ ipBlock: { cidr: ctx.spec.network.cidr } }] };
    }
    if (!svc.loadBalancer) return {};
    const subnets = ctx.base.network!.publicSubnetIds;
    // Load balancers sit in the VPC's public subnets and reach pods directly (IP targets).
    const loadBalancerPeers = [{ ipBlock: { cidr: ctx.spec.network.cidr } }];
    if (svc.loadBalancer === "nlb") {
        const port = svc.listenerPort ?? (ctx.spec.loadBalancer.certificateArn ? 443 : svc.port!);
        return { loadBalancer: { port, annotations: subnets.apply((s) => nlbAnnotations(ctx.spec, svc, s)), sourceRanges: ctx.spec.loadBalancer.allowedCidrs }, loadBalancerPeers };
    }
    const annotations = pulumi
        .all([subnets, ctx.cluster.clusterName, ctx.edge.accessLogs, ctx.edge.webAclArn, ctx.edge.certificateArn])
        .apply(([s, group, accessLogs, webAclArn, certificateArn]) => albAnnotations(ctx.spec, svc, ctx.albOrder[svc.name], group, s, { accessLogs, webAclArn, certificateArn }));
    // ImplementationSpecific hands the ALB path pattern to the controller as is: the same rule as on ECS.
    // An ALB glob (/api/*) goes as written; a bare prefix (/api) as a Prefix path, which the controller
    // turns into /api and /api/*, as berth's ECS rules do.
    const glob = /[*?]/.test(svc.path);
    return { ingress: { className: ALB_INGRESS_CLASS, annotations, path: svc.path, pathType: glob ? "ImplementationSpecific" : "Prefix" }, loadBalancerPeers };
}

export function eksService(ctx: EksServiceContext, svc: ServiceSpec): KubernetesService {
    const identity = identityFor(ctx, svc);
    const claims = claimsFor(ctx, svc);
    const efsWaits = svc.volumes.some((v) => v.kind === "efs") && !ctx.onFargate(svc.name) && ctx.storage?.efsDriver ? [ctx.storage.efsDriver] : [];
    // FSx claims wait for their class, which waits for its driver (and ONTAP's for its Trident backend).
    const fsxWaits = [...new Set(svc.volumes.filter((v) => v.kind !== "efs").map((v) => v.fileSystem))].flatMap((f) => (ctx.fsxStorage?.classes[f] ? [ctx.fsxStorage.classes[f]] : []));
    const diskWaits = svc.disks.length && ctx.storage?.gp3Class ? [ctx.storage.gp3Class] : [];
    const mounted = [...new Set(svc.volumes.filter((v) => v.kind === "efs").map((v) => v.fileSystem))].flatMap((f) => ctx.efs[f].mountTargets);
    return new KubernetesService(
        svc.name,
        {
            ...workloadArgs(svc, ctx.base.imageOf(svc)),
            ...secretsFor(ctx, svc),
            ...exposureFor(ctx, svc),
            claims,
            callers: callersOf(ctx.spec, svc.name),
            podLabels: { [APP_LABEL]: svc.name },
            serviceAccountAnnotations: identity?.serviceAccountAnnotations,
            dependsOn: [...ctx.dependsOn, ...efsWaits, ...fsxWaits, ...diskWaits, ...mounted, ...(identity ? [identity] : [])],
        },
        { provider: ctx.provider },
    );
}

/** Where each internal service answers on the internal ALB, once the controller has made it. */
export function internalIngressUrls(spec: BerthSpec, workloads: Record<string, KubernetesService>): Record<string, pulumi.Output<string>> {
    const internal = Object.values(spec.services).filter((s) => s.internal && workloads[s.name]?.hostname);
    return Object.fromEntries(internal.map((s) => [s.name, workloads[s.name].hostname!.apply((h) => (h ? `http://${h}${s.path.replace(/\*$/, "")}` : ""))]));
}

/** The public outputs with each internal service's URL added to `urls`, and the `endpoints` output. */
export function namesOutputs<T extends { urls?: Record<string, pulumi.Output<string>> }>(spec: BerthSpec, workloads: Record<string, KubernetesService>, pub: T) {
    const internal = internalIngressUrls(spec, workloads);
    const urls = { ...pub.urls, ...internal };
    return { ...pub, ...(Object.keys(urls).length ? { urls } : {}), ...kubernetesEndpoints(spec, internal) };
}
