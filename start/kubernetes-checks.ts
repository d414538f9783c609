// The secret, log and health needs of a Kubernetes workload (issue 23), read from the objects berth
// renders next to it: SecretProviderClass (ASCP), ExternalSecret and SecretStore (ESO), the Fluent Bit
// release or Fargate's aws-logging ConfigMap, and its Services, Ingresses and probes.
import { type Compute, computeOf, type Identity, identityOf, type Json, list, obj, type Pod, str } from "./kubernetes-pods";
import { arnParts, arnStart, type Call, type Need } from "./needs";
import type { PlanIndex, PlannedResource } from "./types";

interface SecretRef {
    readonly name: string;
    readonly store: "secretsmanager" | "ssm";
    readonly via: string;
    /** The calls the reader makes on it, beyond KMS. */
    readonly actions: string[];
    readonly identity?: string;
    /** How the reader gets its credentials: Pod Identity through the EKS Auth API, IRSA through STS. */
    readonly how?: "pod-identity" | "irsa";
    readonly from?: Compute;
    readonly why?: string;
}

/**
 * ASCP reads with GetSecretValue and DescribeSecret: its rotation reconciler describes the secret to
 * see whether its version changed (berth turns rotation on: enableSecretRotation in the driver's chart).
 * Source: aws/secrets-store-csi-driver-provider-aws README (the pod's policy allows
 * "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"). Parameters are read in batches
 * with ssm:GetParameters (same README).
 */
const ASCP_SM = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"];
const ASCP_SSM = ["ssm:GetParameters"];
/**
 * ESO reads a remoteRef with GetSecretValue alone (Secrets Manager), or DescribeSecret alone when the
 * ref asks for the secret's tags (`metadataPolicy: Fetch`); ListSecrets/BatchGetSecretValue only for
 * `dataFrom.find`, which berth does not render. Sources: external-secrets/external-secrets,
 * providers/v1/aws/secretsmanager/secretsmanager.go (`fetch`, `constructSecretValue`); for Parameter
 * Store, GetParameter with decryption (external-secrets.io, "AWS Parameter Store", IAM Policy section).
 */
const ESO_SM = ["secretsmanager:GetSecretValue"];
const ESO_SM_TAGS = ["secretsmanager:DescribeSecret"];
const ESO_SSM = ["ssm:GetParameter"];

function ascpRefs(index: PlanIndex, pod: Pod, identity: Identity | undefined, node: Compute | undefined): SecretRef[] {
    const out: SecretRef[] = [];
    for (const v of list(pod.spec.volumes)) {
        const csi = obj(v.csi);
        if (csi.driver !== "secrets-store.csi.k8s.io") continue;
        const className = str(obj(csi.volumeAttributes).secretProviderClass);
        const spc = index.ofType("kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass").find((s) => obj(s.inputs.metadata).name === className && obj(s.inputs.metadata).namespace === pod.namespace);
        if (!spc) {
            out.push({
                name: className ?? "(unnamed)",
                store: "secretsmanager",
                via: "ASCP",
                actions: ASCP_SM,
                why: `volume ${str(v.name)} mounts SecretProviderClass ${className} in namespace ${pod.namespace}, which the plan does not record (fix: remove the transform that drops it, or name the class the service renders)`,
            });
            continue;
        }
        let objects: Json[] = [];
        try {
            objects = list(JSON.parse(str(obj(obj(spc.inputs.spec).parameters).objects) ?? "[]"));
        } catch {
            // ASCP also accepts YAML here; berth writes JSON, so anything else is not berth's and is left unread.
        }
        for (const o of objects) {
            const name = str(o.objectName) ?? "";
            const ssm = o.objectType === "ssmparameter" || arnParts(name)?.service === "ssm";
            // ASCP runs as a DaemonSet, and Fargate runs no DaemonSets (EKS User Guide, "Use AWS Secrets Manager secrets with Amazon EKS Pods": Fargate node groups are not supported).
            const fargate = node?.kind === "fargate";
            out.push({
                name,
                store: ssm ? "ssm" : "secretsmanager",
                via: `ASCP (SecretProviderClass ${spc.name})`,
                actions: ssm ? ASCP_SSM : ASCP_SM,
                identity: identity?.roleArn,
                how: identity?.how,
                from: node,
                ...(fargate ? { why: `the pod runs on Fargate, where the ASCP driver (a DaemonSet) cannot run: the volume never mounts (fix: berth uses External Secrets for Fargate services)` } : {}),
            });
        }
    }
    return out;
}

/** The Kubernetes Secrets the pod reads: env, envFrom and secret volumes. */
function secretNamesOf(pod: Pod): Set<string> {
    const names = new Set<string>();
    for (const c of pod.containers) {
        for (const e of list(c.env)) {
            const n = str(obj(obj(e.valueFrom).secretKeyRef).name);
            if (n) names.add(n);
        }
        for (const e of list(c.envFrom)) {
            const n = str(obj(e.secretRef).name);
            if (n) names.add(n);
        }
    }
    for (const v of list(pod.spec.volumes)) {
        const n = str(obj(v.secret).secretName);
        if (n) names.add(n);
    }
    return names;
}

function esoRefs(index: PlanIndex, pod: Pod): SecretRef[] {
    const wanted = secretNamesOf(pod);
    const out: SecretRef[] = [];
    const release = index.ofType("kubernetes:helm.sh/v3:Release").find((r) => r.inputs.chart === "external-secrets");
    // ESO's controller makes the calls, from wherever its own pods run.
    const controller = release
        ? computeOf(index, { namespace: str(release.inputs.namespace) ?? "external-secrets", labels: { "app.kubernetes.io/name": "external-secrets" }, spec: {}, containers: [], serviceAccount: "external-secrets" })[0]
        : undefined;
    for (const es of index.ofType("kubernetes:external-secrets.io/v1:ExternalSecret")) {
        const meta = obj(es.inputs.metadata);
        const spec = obj(es.inputs.spec);
        if (meta.namespace !== pod.namespace || !wanted.has(str(obj(spec.target).name) ?? str(meta.name) ?? "")) continue;
        for (const d of list(spec.data)) {
            const storeRef = obj(obj(d.sourceRef).storeRef).name ? obj(obj(d.sourceRef).storeRef) : obj(spec.secretStoreRef);
            const kind = str(storeRef.kind) ?? "SecretStore";
            const store = index.ofType(`kubernetes:external-secrets.io/v1:${kind}`).find((s) => obj(s.inputs.metadata).name === storeRef.name && (kind === "ClusterSecretStore" || obj(s.inputs.metadata).namespace === pod.namespace));
            const aws = obj(obj(obj(store?.inputs.spec).provider).aws);
            const ssm = aws.service === "ParameterStore";
            const sa = str(obj(obj(obj(aws.auth).jwt).serviceAccountRef).name);
            // With `role`, ESO assumes that role on top of its credentials; the role is then who reads.
            const identity = str(aws.role) ?? (sa ? identityOf(index, pod.namespace, sa)?.roleArn : undefined);
            const why = !store
                ? `ExternalSecret ${es.name} uses ${kind} ${str(storeRef.name)}, which the plan does not record (fix: remove the transform that drops it, or point storeRef at the service's store)`
                : !identity
                  ? `${kind} ${store.name} authenticates as service account ${sa ?? "(none: ESO's own credentials)"} in namespace ${pod.namespace}, which has no Pod Identity association or IRSA role in the plan (fix: declare the secret under the service's berth:services secrets, so berth gives the service its role)`
                  : undefined;
            out.push({
                name: str(obj(d.remoteRef).key) ?? "",
                // ESO's JWT auth exchanges the service account's token with STS (AssumeRoleWithWebIdentity).
                how: "irsa",
                store: ssm ? "ssm" : "secretsmanager",
                via: `ESO (ExternalSecret ${es.name}, ${kind} ${store?.name ?? str(storeRef.name)})`,
                actions: ssm ? ESO_SSM : obj(d.remoteRef).metadataPolicy === "Fetch" ? ESO_SM_TAGS : ESO_SM,
                identity,
                from: controller,
                why,
            });
        }
    }
    return out;
}

function secretArn(index: PlanIndex, region: string, account: string, ref: SecretRef): { arn: string; resource?: PlannedResource } {
    if (ref.name.startsWith("arn:")) return { arn: ref.name, resource: index.find(ref.name) };
    if (ref.store === "ssm") {
        const p = index.find(ref.name, "aws:ssm/parameter:Parameter");
        return { arn: p?.arn ?? `${arnStart(region)}:ssm:${region}:${account}:parameter/${ref.name.replace(/^\//, "")}`, resource: p };
    }
    const s = index.find(ref.name, "aws:secretsmanager/secret:Secret");
    // A secret's ARN ends in a random 6-character suffix; without the resource, name it by its prefix.
    return { arn: s?.arn ?? `${arnStart(region)}:secretsmanager:${region}:${account}:secret:${ref.name}-*`, resource: s };
}

export function secretNeeds(index: PlanIndex, region: string, account: string, pod: Pod, identity: Identity | undefined, compute: Compute[], platform: string): Need[] {
    const refs = [...ascpRefs(index, pod, identity, compute[0]), ...esoRefs(index, pod)];
    return refs.map((ref): Need => {
        if (platform === "kubernetes")
            return {
                kind: "secret",
                subject: ref.name,
                outcome: { result: "assumed", reason: `the cluster's ${ref.via} must be able to read ${ref.name} with ${ref.actions.join(", ")}: berth knows no AWS identity on an existing cluster` },
            };
        const { arn, resource } = secretArn(index, region, account, ref);
        if (ref.why || !ref.identity) {
            const why =
                ref.why ??
                `service account ${pod.serviceAccount} in namespace ${pod.namespace} has no Pod Identity association or IRSA role in the plan (fix: declare the secret under the service's berth:services secrets, so berth gives the service its role)`;
            return {
                kind: "secret",
                subject: arn,
                outcome: { result: "broken", reason: `${ref.via} cannot call ${ref.actions.join(", ")} on ${arn}: ${why}` },
            };
        }
        const calls: Call[] = ref.actions.map((action) => ({ action, resource: arn, resourcePolicy: true }));
        // A customer managed key must also let the reader decrypt, through the secret's service only.
        // Source: AWS Secrets Manager User Guide, "Secret encryption and decryption" (kms:ViaService).
        // A secret names its key in kmsKeyId, a SecureString parameter in keyId (the providers' schemas).
        const key = str(ref.store === "ssm" ? resource?.inputs.keyId : resource?.inputs.kmsKeyId);
        if (key) {
            const keyArn = index.find(key, "aws:kms/key:Key")?.arn ?? key;
            calls.push({ action: "kms:Decrypt", resource: keyArn, resourcePolicy: true, context: { "kms:ViaService": `${ref.store === "ssm" ? "ssm" : "secretsmanager"}.${region}.amazonaws.com` } });
        }
        return {
            kind: "secret",
            subject: arn,
            identity: ref.identity,
            calls,
            ...(ref.from ? { from: ref.from.placement } : {}),
            reach: [ref.store, ref.how === "pod-identity" ? "eks-auth" : "sts"],
            proof: `${ref.via} reads ${ref.name} as ${ref.identity}`,
        };
    });
}

/** The Fluent Bit destination for a namespace, from Fargate's aws-logging ConfigMap. Source: Amazon EKS User Guide, "Start AWS Fargate logging for your cluster". */
function fargateLogGroup(index: PlanIndex, namespace: string): string | undefined {
    const cm = index.ofType("kubernetes:core/v1:ConfigMap").find((c) => obj(c.inputs.metadata).namespace === "aws-observability" && obj(c.inputs.metadata).name === "aws-logging");
    const conf = str(obj(cm?.inputs.data)["output.conf"]) ?? "";
    for (const block of conf.split("[OUTPUT]").slice(1)) {
        const match = /^\s*Match\s+(\S+)/m.exec(block)?.[1] ?? "";
        const group = /^\s*log_group_name\s+(\S+)/m.exec(block)?.[1];
        if (group && (match === "*" || match === "kube.*" || match.includes(`_${namespace}_`))) return group;
    }
    return undefined;
}

export function logsNeed(index: PlanIndex, region: string, account: string, pod: Pod, compute: Compute[], platform: string): { need?: Need; logGroup?: PlannedResource } {
    if (platform === "kubernetes")
        return { need: { kind: "logs", subject: pod.namespace, outcome: { result: "assumed", reason: `the cluster's own log collection must pick up namespace ${pod.namespace}: berth installs no log agent on an existing cluster` } } };
    const where = compute[0];
    let group: string | undefined;
    let identity: string | undefined;
    let agent: string;
    if (where?.kind === "fargate") {
        group = fargateLogGroup(index, pod.namespace);
        identity = where.roleArn;
        agent = `Fargate's log router (aws-observability/aws-logging) as ${where.what}'s pod execution role`;
    } else {
        const release = index.ofType("kubernetes:helm.sh/v3:Release").find((r) => r.inputs.chart === "aws-for-fluent-bit");
        const values = obj(release?.inputs.values);
        const cw = obj(values.cloudWatchLogs);
        const paths = (str(obj(values.input).path) ?? "").split(",");
        // The chart tails only input.path; berth narrows it to its services' namespaces.
        const tailed = paths.some((p) => p.includes(`_${pod.namespace}_`) || p.endsWith("/*.log"));
        group = release && tailed ? (str(cw.logGroupTemplate) ?? str(cw.logGroupName))?.replace("$kubernetes['namespace_name']", pod.namespace) : undefined;
        const sa = str(obj(values.serviceAccount).name) ?? "aws-for-fluent-bit";
        identity = release ? identityOf(index, str(release.inputs.namespace) ?? "kube-system", sa)?.roleArn : undefined;
        agent = `Fluent Bit (${release?.name ?? "no release"})`;
        if (release && !tailed)
            return {
                need: {
                    kind: "logs",
                    subject: pod.namespace,
                    outcome: { result: "broken", reason: `Fluent Bit's input.path (${paths.join(",")}) does not tail namespace ${pod.namespace}: its logs are dropped; list the service in the log agent's namespaces` },
                },
            };
    }
    if (!group)
        return {
            need: {
                kind: "logs",
                subject: pod.namespace,
                outcome: {
                    result: "assumed",
                    reason: `no log destination in the plan covers namespace ${pod.namespace}: container logs stay on the ${where?.kind === "fargate" ? "Fargate pod" : "node"} unless something outside berth ships them`,
                },
            },
        };
    const logGroup = index.ofType("aws:cloudwatch/logGroup:LogGroup").find((g) => g.inputs.name === group);
    const arn = `${arnStart(region)}:logs:${region}:${account}:log-group:${group}:*`;
    const calls: Call[] = ["logs:CreateLogStream", "logs:PutLogEvents"].map((action) => ({ action, resource: arn }));
    const base = {
        kind: "logs" as const,
        subject: group,
        identity,
        calls,
        // Without a role of its own Fluent Bit falls back to the node's (IMDS), which the plan does not check here.
        missingIdentity: { result: "assumed" as const, reason: `${agent} has no role in the plan: it falls back to the node role through IMDS, which must allow logs:CreateLogStream and logs:PutLogEvents on ${group}` },
        ...(where ? { from: where.placement } : {}),
        reach: ["logs" as const],
    };
    if (!logGroup)
        return {
            need: {
                ...base,
                outcome: {
                    result: "broken",
                    reason: `${agent} writes to log group ${group}, which the plan does not create (and berth turns autoCreateGroup off, so the lines are dropped; fix: berth makes /berth/PROJECT/STACK/SERVICE for each service in berth:services, so keep the service's namespace equal to its name and do not transform its log group away)`,
                },
            },
        };
    return { need: { ...base, proof: `${agent} writes to ${group} as ${identity}` }, logGroup };
}
