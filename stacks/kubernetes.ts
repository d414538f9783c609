// Any existing Kubernetes cluster (GKE, AKS, on-premises), from a kubeconfig held in secret config:
// the same services as on EKS, with nothing created in AWS: no IAM, no ECR, no load balancer of
// berth's own. Public services go through the cluster's ingress controller (berth:kubernetes.ingressClass)
// or a Service of type LoadBalancer.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { parse as parseYaml } from "yaml";
import { KubernetesService, KubernetesServiceArgs } from "../components/kubernetes/KubernetesService";
import { StackOutputs } from "./outputs";
import { BerthSpec, ServiceSpec } from "../config/spec";
import { ingressPath, publicOutputs, workloadArgs, workloadOutputs } from "./workloads";
import { callersOf, kubernetesEndpoints } from "./names";
import { kubectlLogOutputs } from "./shared";

/** The API server of the kubeconfig's current context (else of its first), or undefined when it names none. */
export function kubeconfigServer(kubeconfig: string): string | undefined {
    try {
        const doc = parseYaml(kubeconfig) as { "current-context"?: string; contexts: Array<{ name: string; context: { cluster: string } }>; clusters: Array<{ name: string; cluster: { server: string } }> };
        const context = doc.contexts.find((c) => c.name === doc["current-context"]) ?? doc.contexts[0];
        return doc.clusters.find((c) => c.name === context.context.cluster)!.cluster.server;
    } catch {
        // Not YAML, no contexts or clusters, or no cluster of the context's name: each ends the lookup here.
    }
    return undefined;
}

/** How a public service is reached on a cluster berth knows nothing about. */
function exposureFor(spec: BerthSpec, svc: ServiceSpec): Partial<KubernetesServiceArgs> {
    if (!svc.loadBalancer) return {};
    const lb = spec.loadBalancer;
    if (svc.loadBalancer === "nlb") {
        // loadBalancerSourceRanges is the portable field; cloud providers enforce it on their load balancers.
        // The clients keep their addresses (externalTrafficPolicy Local), so the NetworkPolicy admits
        // the same ranges, and the nodes' where the stack names them.
        const peers = [...new Set([...lb.allowedCidrs, ...spec.kubernetes.nodeCidrs])].map((cidr) => ({ ipBlock: { cidr } }));
        return { loadBalancer: { port: svc.listenerPort ?? svc.port!, annotations: {}, sourceRanges: lb.allowedCidrs }, loadBalancerPeers: peers };
    }
    // Validation requires the annotation whenever allowedCidrs restrict anything.
    const annotation = spec.kubernetes.sourceRangeAnnotation;
    const annotations: Record<string, string> = annotation ? { [annotation]: lb.allowedCidrs.join(",") } : {};
    // The controller's pods proxy the traffic: admit them, from whichever namespace they run in.
    return { ingress: { className: spec.kubernetes.ingressClass, annotations, ...ingressPath(svc) }, loadBalancerPeers: [{ namespaceSelector: {}, podSelector: { matchLabels: { "app.kubernetes.io/component": "controller" } } }] };
}

export function kubernetes(spec: BerthSpec): StackOutputs {
    const kubeconfig = pulumi.secret(spec.kubeconfig!);
    const provider = new k8s.Provider("cluster", { kubeconfig, enableServerSideApply: true });
    const workloads = Object.fromEntries(
        Object.values(spec.services).map((svc) => [
            svc.name,
            new KubernetesService(
                svc.name,
                { ...workloadArgs(svc, svc.image!), ...exposureFor(spec, svc), callers: callersOf(spec, svc.name), claims: svc.disks.map((d) => ({ name: d.name, mountPath: d.mountPath, readOnly: false, sizeGiB: d.sizeGiB })) },
                { provider },
            ),
        ]),
    );
    const clusterName = spec.kubernetes.clusterName ?? spec.stack;
    return {
        ...publicOutputs(spec, workloads, false),
        platform: spec.platform,
        clusterName: pulumi.output(clusterName),
        // The server's address is not a credential: shown in the clear, unlike the kubeconfig it comes from.
        endpoint: pulumi.unsecret(kubeconfig.apply(kubeconfigServer)),
        kubeconfig,
        ...workloadOutputs(workloads, ""),
        ...kubernetesEndpoints(spec),
        logs: kubectlLogOutputs(spec),
    };
}
