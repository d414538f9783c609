// What AWS would hand back, faked deterministically: ids, ARNs and the outputs other resources read.
// Every value derives from a hash of the resource's type and name, so a plan's JSON is stable
// between runs and diffs cleanly in CI.
import { createHash } from "crypto";
import { eksAmiReleaseParameter } from "../config/facts/eks";

export const FAKE_ACCOUNT = "123456789012";

export interface FakeContext {
    readonly region: string;
    readonly account: string;
    /** "aws", or "aws-cn" / "aws-us-gov" for regions in those partitions. */
    readonly partition: string;
}

export function partitionOfRegion(region: string): string {
    return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

/**
 * A resource's or an invoke's inputs, resolved. Those the fakes read are typed as the providers'
 * schemas type them; the rest stay unknown.
 */
export interface FakeInputs {
    readonly [key: string]: unknown;
    readonly name?: string;
    readonly family?: string;
    readonly cluster?: string;
    readonly clusterName?: string;
    readonly serviceName?: string;
    readonly groupName?: string;
    readonly repositoryName?: string;
    readonly repositoryUrl?: string;
    readonly context?: string;
    readonly domainName?: string;
    readonly certificateArn?: string;
    readonly loadBalancerType?: string;
    readonly loadBalancerArn?: string;
    readonly listenerArn?: string;
    readonly autoScalingConfigurationName?: string;
    readonly vpcConnectorName?: string;
    readonly observabilityConfigurationName?: string;
    readonly connectionName?: string;
    readonly addonName?: string;
    readonly kubernetesVersion?: string;
    readonly mostRecent?: boolean;
    /** An AMI lookup's. */
    readonly owners?: ReadonlyArray<string>;
    readonly filters?: ReadonlyArray<{ readonly name: string; readonly values: ReadonlyArray<string> }>;
    readonly version?: string;
    readonly createOidcProvider?: boolean;
    readonly numberOfAvailabilityZones?: number;
    readonly availabilityZoneNames?: string[];
    readonly subnetId?: string;
    readonly fileSystemId?: string;
    /** A Kubernetes object's. */
    readonly metadata?: { readonly annotations?: Record<string, string> };
    readonly spec?: { readonly type?: string };
}

export interface FakeInput {
    readonly type: string;
    readonly name: string;
    readonly inputs: FakeInputs;
}

export function hex(seed: string, length: number): string {
    let out = "";
    for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`${seed}#${i}`).digest("hex");
    return out.slice(0, length);
}

/** Pulumi's auto-naming: the logical name plus a random suffix, here a stable one. */
function physicalName(r: FakeInput): string {
    return r.inputs.name ?? r.inputs.family ?? `${r.name}-${hex(r.type + r.name, 7)}`;
}

const ID_PREFIX: Record<string, string> = {
    "aws:ec2/securityGroup:SecurityGroup": "sg-",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr-",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr-",
    "aws:ec2/launchTemplate:LaunchTemplate": "lt-",
    "aws:efs/fileSystem:FileSystem": "fs-",
    "aws:efs/accessPoint:AccessPoint": "fsap-",
    "aws:efs/mountTarget:MountTarget": "fsmt-",
    "aws:ec2/instance:Instance": "i-",
    "aws:ec2/vpcEndpointService:VpcEndpointService": "vpce-svc-",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce-",
    "aws:ec2/networkInterface:NetworkInterface": "eni-",
    "aws:ec2/eip:Eip": "eipalloc-",
    "aws:fsx/lustreFileSystem:LustreFileSystem": "fs-",
    "aws:fsx/ontapFileSystem:OntapFileSystem": "fs-",
    "aws:fsx/ontapStorageVirtualMachine:OntapStorageVirtualMachine": "svm-",
    "aws:fsx/ontapVolume:OntapVolume": "fsvol-",
};

type Extra = (r: FakeInput, ctx: FakeContext, name: string, id: string) => Record<string, unknown>;
const arn = (ctx: FakeContext, service: string, resource: string, global = false) => `arn:${ctx.partition}:${service}:${global ? "" : ctx.region}:${ctx.account}:${resource}`;
const lastSegment = (s: string | undefined) => (s ?? "").split("/").pop() ?? "";

/** Outputs by type token: an ARN where the type has one, plus what berth's code reads. */
const EXTRAS: Record<string, Extra> = {
    "aws:ecs/cluster:Cluster": (_r, c, n) => ({ arn: arn(c, "ecs", `cluster/${n}`) }),
    "aws:ecs/service:Service": (r, c, n) => ({ arn: arn(c, "ecs", `service/${lastSegment(r.inputs.cluster)}/${n}`) }),
    "aws:ecs/taskDefinition:TaskDefinition": (_r, c, n) => ({ arn: arn(c, "ecs", `task-definition/${n}:1`), revision: 1, arnWithoutRevision: arn(c, "ecs", `task-definition/${n}`) }),
    "aws:ecs/capacityProvider:CapacityProvider": (_r, c, n) => ({ arn: arn(c, "ecs", `capacity-provider/${n}`) }),
    "aws:iam/role:Role": (_r, c, n, id) => ({ arn: arn(c, "iam", `role/${n}`, true), uniqueId: `AROA${hex(id, 17).toUpperCase()}` }),
    "aws:iam/policy:Policy": (_r, c, n) => ({ arn: arn(c, "iam", `policy/${n}`, true) }),
    "aws:iam/instanceProfile:InstanceProfile": (_r, c, n) => ({ arn: arn(c, "iam", `instance-profile/${n}`, true) }),
    "aws:ecr/repository:Repository": (_r, c, n) => ({ arn: arn(c, "ecr", `repository/${n}`), repositoryUrl: `${c.account}.dkr.ecr.${c.region}.amazonaws.com/${n}`, registryId: c.account }),
    "aws:ecrpublic/repository:Repository": (r, c) => ({
        arn: `arn:${c.partition}:ecr-public::${c.account}:repository/${r.inputs.repositoryName}`,
        repositoryUri: `public.ecr.aws/b${hex(c.account, 7)}/${r.inputs.repositoryName}`,
        registryId: c.account,
    }),
    "aws:ec2/vpcEndpointService:VpcEndpointService": (_r, c, _n, id) => ({ arn: arn(c, "ec2", `vpc-endpoint-service/${id}`), serviceName: `com.amazonaws.vpce.${c.region}.${id}`, serviceType: "Interface" }),
    "aws:ec2/eip:Eip": (_r, c, _n, id) => ({ allocationId: id, publicIp: `198.51.100.${(parseInt(hex(id, 2), 16) % 254) + 1}`, arn: arn(c, "ec2", `elastic-ip/${id}`) }),
    // ACM's DNS validation: one CNAME per name, under the name itself.
    "aws:acm/certificate:Certificate": (r, c, _n, id) => ({
        arn: arn(c, "acm", `certificate/${hex(id, 8)}-${hex(id + "1", 4)}-${hex(id + "2", 4)}-${hex(id + "3", 4)}-${hex(id + "4", 12)}`),
        domainValidationOptions: [{ domainName: r.inputs.domainName, resourceRecordName: `_${hex(id + "n", 32)}.${r.inputs.domainName}.`, resourceRecordType: "CNAME", resourceRecordValue: `_${hex(id + "v", 32)}.acm-validations.aws.` }],
        status: "PENDING_VALIDATION",
    }),
    "aws:acm/certificateValidation:CertificateValidation": (r) => ({ certificateArn: r.inputs.certificateArn }),
    "aws:route53/record:Record": (r) => ({ fqdn: String(r.inputs.name).replace(/\.$/, "") }),
    "aws:cloudwatch/logGroup:LogGroup": (_r, c, n) => ({ arn: arn(c, "logs", `log-group:${n}`) }),
    "aws:cloudwatch/metricAlarm:MetricAlarm": (_r, c, n) => ({ arn: arn(c, "cloudwatch", `alarm:${n}`) }),
    "aws:cloudwatch/eventRule:EventRule": (_r, c, n) => ({ arn: arn(c, "events", `rule/${n}`) }),
    "aws:ec2/securityGroup:SecurityGroup": (_r, c, _n, id) => ({ arn: arn(c, "ec2", `security-group/${id}`) }),
    "aws:ec2/launchTemplate:LaunchTemplate": (_r, c, _n, id) => ({ arn: arn(c, "ec2", `launch-template/${id}`), latestVersion: 1 }),
    "aws:lb/loadBalancer:LoadBalancer": (r, c, n, id) => {
        const kind = r.inputs.loadBalancerType === "network" ? "net" : "app";
        const suffix = `${kind}/${n}/${hex(id, 16)}`;
        return { arn: arn(c, "elasticloadbalancing", `loadbalancer/${suffix}`), arnSuffix: suffix, dnsName: `${n}-${parseInt(hex(id, 8), 16)}.${c.region}.elb.amazonaws.com`, zoneId: "Z35SXDOTRQ7X7K" };
    },
    "aws:lb/targetGroup:TargetGroup": (_r, c, n, id) => {
        const suffix = `targetgroup/${n}/${hex(id, 16)}`;
        return { arn: arn(c, "elasticloadbalancing", suffix), arnSuffix: suffix };
    },
    "aws:lb/listener:Listener": (r, _c, _n, id) => ({ arn: `${String(r.inputs.loadBalancerArn).replace(":loadbalancer/", ":listener/")}/${hex(id, 16)}` }),
    "aws:lb/listenerRule:ListenerRule": (r, _c, _n, id) => ({ arn: `${String(r.inputs.listenerArn).replace(":listener/", ":listener-rule/")}/${hex(id, 16)}` }),
    "aws:autoscaling/group:Group": (_r, c, n) => ({ arn: arn(c, "autoscaling", `autoScalingGroup:${hex(n, 8)}-${hex(n, 4)}:autoScalingGroupName/${n}`) }),
    "aws:appautoscaling/policy:Policy": (_r, c, n) => ({ arn: arn(c, "autoscaling", `scalingPolicy:${hex(n, 36)}:resource/ecs/policyName/${n}`) }),
    "aws:efs/fileSystem:FileSystem": (_r, c, _n, id) => ({ arn: arn(c, "elasticfilesystem", `file-system/${id}`), dnsName: `${id}.efs.${c.region}.amazonaws.com` }),
    "aws:efs/accessPoint:AccessPoint": (_r, c, _n, id) => ({ arn: arn(c, "elasticfilesystem", `access-point/${id}`) }),
    // FSx: a Lustre client mounts DNS_NAME@tcp:/MOUNT_NAME; an SVM answers on one DNS name per protocol.
    "aws:fsx/lustreFileSystem:LustreFileSystem": (_r, c, _n, id) => ({ arn: arn(c, "fsx", `file-system/${id}`), dnsName: `${id}.fsx.${c.region}.amazonaws.com`, mountName: hex(id + "mount", 8) }),
    "aws:fsx/ontapFileSystem:OntapFileSystem": (_r, c, _n, id) => ({ arn: arn(c, "fsx", `file-system/${id}`), dnsName: `${id}.fsx.${c.region}.amazonaws.com` }),
    "aws:fsx/ontapStorageVirtualMachine:OntapStorageVirtualMachine": (r, c, _n, id) => {
        const host = `${id}.${r.inputs.fileSystemId}.fsx.${c.region}.amazonaws.com`;
        const ip = (k: string) => [`10.0.${parseInt(hex(id + k, 2), 16) % 250}.${(parseInt(hex(id + k + "h", 2), 16) % 250) + 4}`];
        return {
            arn: arn(c, "fsx", `storage-virtual-machine/${r.inputs.fileSystemId}/${id}`),
            uuid: [8, 4, 4, 4, 12].map((len, i) => hex(`${id}#${i}`, len)).join("-"),
            subtype: "DEFAULT",
            endpoints: [{ managements: [{ dnsName: host, ipAddresses: ip("m") }], nfs: [{ dnsName: host, ipAddresses: ip("n") }], iscsis: [{ dnsName: `iscsi.${host}`, ipAddresses: ip("i") }], smbs: [] }],
        };
    },
    "aws:fsx/ontapVolume:OntapVolume": (_r, c, _n, id) => ({ arn: arn(c, "fsx", `volume/${id}`), uuid: [8, 4, 4, 4, 12].map((len, i) => hex(`${id}#${i}`, len)).join("-") }),
    // Secrets Manager appends six random characters to a secret's name in its ARN.
    "aws:secretsmanager/secret:Secret": (_r, c, n, id) => ({ arn: arn(c, "secretsmanager", `secret:${n}-${hex(id, 6)}`) }),
    "aws:ssm/activation:Activation": (_r, _c, _n, id) => ({ activationCode: hex(id + "code", 20) }),
    "aws:sns/topic:Topic": (_r, c, n) => ({ arn: arn(c, "sns", n) }),
    "aws:sqs/queue:Queue": (_r, c, n) => ({ arn: arn(c, "sqs", n), url: `https://sqs.${c.region}.amazonaws.com/${c.account}/${n}` }),
    "aws:dynamodb/table:Table": (_r, c, n) => ({ arn: arn(c, "dynamodb", `table/${n}`), streamArn: undefined }),
    "aws:s3/bucket:Bucket": (_r, c, n) => ({ arn: `arn:${c.partition}:s3:::${n}`, bucket: n }),
    "aws:s3/bucketV2:BucketV2": (_r, c, n) => ({ arn: `arn:${c.partition}:s3:::${n}`, bucket: n }),
    "aws:wafv2/webAcl:WebAcl": (_r, c, n, id) => ({ arn: arn(c, "wafv2", `regional/webacl/${n}/${[8, 4, 4, 4, 12].map((len, i) => hex(`${id}#${i}`, len)).join("-")}`) }),
    "aws:kms/key:Key": (_r, c, n) => {
        const keyId = [8, 4, 4, 4, 12].map((len, i) => hex(`${n}#${i}`, len)).join("-");
        return { arn: arn(c, "kms", `key/${keyId}`), keyId };
    },
    "aws:scheduler/scheduleGroup:ScheduleGroup": (_r, c, n) => ({ arn: arn(c, "scheduler", `schedule-group/${n}`) }),
    "aws:scheduler/schedule:Schedule": (r, c, n) => ({ arn: arn(c, "scheduler", `schedule/${r.inputs.groupName ?? "default"}/${n}`) }),
    "aws:ecs/expressGatewayService:ExpressGatewayService": (r, c, _n, id) => {
        // Express names a service itself when asked for none, and answers with a host name on on.aws.
        const name = r.inputs.serviceName ?? `${r.name}-${hex(id, 7)}`;
        const serviceArn = arn(c, "ecs", `service/${lastSegment(r.inputs.cluster) || "default"}/${name}`);
        return { serviceName: name, serviceArn, serviceRevisionArn: `${serviceArn}/${hex(id + "rev", 16)}`, ingressPaths: [{ accessType: "PUBLIC", endpoint: `${name}.ecs.${c.region}.on.aws` }] };
    },
    "aws:apprunner/service:Service": (r, c, _n, id) => {
        const serviceId = hex(id, 32);
        return { arn: arn(c, "apprunner", `service/${r.inputs.serviceName}/${serviceId}`), serviceId, serviceUrl: `${hex(id + "url", 10)}.${c.region}.awsapprunner.com`, status: "RUNNING" };
    },
    "aws:apprunner/autoScalingConfigurationVersion:AutoScalingConfigurationVersion": (r, c, _n, id) => ({
        arn: arn(c, "apprunner", `autoscalingconfiguration/${r.inputs.autoScalingConfigurationName}/1/${hex(id, 32)}`),
        autoScalingConfigurationRevision: 1,
        latest: true,
        status: "active",
    }),
    "aws:apprunner/vpcConnector:VpcConnector": (r, c, _n, id) => ({ arn: arn(c, "apprunner", `vpcconnector/${r.inputs.vpcConnectorName}/1/${hex(id, 32)}`), vpcConnectorRevision: 1, status: "ACTIVE" }),
    "aws:apprunner/observabilityConfiguration:ObservabilityConfiguration": (r, c, _n, id) => ({
        arn: arn(c, "apprunner", `observabilityconfiguration/${r.inputs.observabilityConfigurationName}/1/${hex(id, 32)}`),
        observabilityConfigurationRevision: 1,
        latest: true,
        status: "ACTIVE",
    }),
    // A new GitHub connection waits for someone to complete its handshake in the console.
    "aws:apprunner/connection:Connection": (r, c, _n, id) => ({ arn: arn(c, "apprunner", `connection/${r.inputs.connectionName}/${hex(id, 32)}`), status: "PENDING_HANDSHAKE" }),
    "aws:apprunner/customDomainAssociation:CustomDomainAssociation": (r, c, _n, id) => ({
        dnsTarget: `${hex(id + "target", 10)}.${c.region}.awsapprunner.com`,
        status: "pending_certificate_dns_validation",
        // ACM's validation record per name the certificate covers (the domain, and www.DOMAIN unless
        // turned off: the provider's default is on), and one more named `_x.RANDOM.DOMAIN.`, as users
        // report App Runner returning (aws/copilot-cli#2507, aws/apprunner-roadmap#138).
        certificateValidationRecords: [
            ...[r.inputs.domainName, ...(r.inputs.enableWwwSubdomain === false ? [] : [`www.${r.inputs.domainName}`])].map((n) => `_${hex(id + n + "n", 32)}.${n}.`),
            `_${hex(id + "x", 32)}.${hex(id + "r", 31)}.${r.inputs.domainName}.`,
        ].map((name) => ({ name, type: "CNAME", value: `_${hex(id + name + "v", 32)}.${hex(id + name + "z", 10)}.acm-validations.aws.`, status: "PENDING_VALIDATION" })),
    }),
    "aws:eks/addon:Addon": (r, c) => ({ arn: arn(c, "eks", `addon/${r.inputs.clusterName}/${r.inputs.addonName}/${hex(r.name, 8)}`) }),
    "aws:eks/fargateProfile:FargateProfile": (r, c, n) => ({ arn: arn(c, "eks", `fargateprofile/${r.inputs.clusterName}/${n}/${hex(n, 8)}`) }),
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": (r, c) => ({ associationArn: arn(c, "eks", `podidentityassociation/${r.inputs.clusterName}/a-${hex(r.name, 17)}`), associationId: `a-${hex(r.name, 17)}` }),
    "kubernetes:networking.k8s.io/v1:Ingress": fakeLoadBalancerStatus,
    "kubernetes:core/v1:Service": fakeLoadBalancerStatus,
};

/** Fake outputs of remote (multi-language) components, which mocks see as one opaque resource. */
const REMOTE: Record<string, (r: FakeInput, ctx: FakeContext) => Record<string, unknown>> = {
    "awsx:ec2:Vpc": (r) => {
        const azs = Number(r.inputs.numberOfAvailabilityZones ?? r.inputs.availabilityZoneNames?.length ?? 3);
        // Ids say which kind of subnet they are, so a test can tell public placement from private.
        const ids = (kind: string) => Array.from({ length: azs }, (_, i) => `subnet-${kind}-${hex(`${r.name}-${kind}-${i}`, 17)}`);
        return { vpcId: `vpc-${hex(r.name, 17)}`, privateSubnetIds: ids("private"), publicSubnetIds: ids("public"), isolatedSubnetIds: [] };
    },
    "eks:index:Cluster": (r, c) => fakeEksCluster(r, c),
    // Node groups: berth reads back only a self-managed group's Auto Scaling group, for its lifecycle hook.
    "eks:index:ManagedNodeGroup": () => ({}),
    "eks:index:NodeGroupV2": (r, c) => {
        const name = `${r.name}-${hex(`${r.name}-asg`, 7)}`;
        return { autoScalingGroup: { name, arn: arn(c, "autoscaling", `autoScalingGroup:${hex(name, 8)}-${hex(name + "uuid", 4)}:autoScalingGroupName/${name}`) } };
    },
    "awsx:ecr:Image": (r) => ({ imageUri: `${r.inputs.repositoryUrl}@sha256:${hex(r.name + String(r.inputs.context), 64)}` }),
};

/**
 * What eks.Cluster hands back: the EKS cluster, a kubeconfig that signs in with `aws eks get-token`
 * (as the real one does), the EKS-created cluster security group and, with createOidcProvider, the
 * OIDC issuer and provider ARN.
 */
function fakeEksCluster(r: FakeInput, c: FakeContext): Record<string, unknown> {
    const name = String(r.inputs.name ?? r.name);
    const endpoint = `https://${hex(name, 32).toUpperCase()}.gr7.${c.region}.eks.amazonaws.com`;
    const issuer = `oidc.eks.${c.region}.amazonaws.com/id/${hex(name + "oidc", 32).toUpperCase()}`;
    const kubeconfig = {
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster: { server: endpoint, "certificate-authority-data": Buffer.from(`fake CA of ${name}`).toString("base64") } }],
        contexts: [{ name, context: { cluster: name, user: name } }],
        "current-context": name,
        users: [{ name, user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token", "--cluster-name", name, "--region", c.region] } } }],
    };
    const securityGroup = `sg-${hex(name + "cluster-sg", 17)}`;
    return {
        eksCluster: { name, arn: arn(c, "eks", `cluster/${name}`), endpoint, version: r.inputs.version },
        kubeconfig,
        kubeconfigJson: JSON.stringify(kubeconfig),
        clusterSecurityGroupId: securityGroup,
        nodeSecurityGroupId: securityGroup,
        oidcIssuer: issuer,
        oidcProviderUrl: `https://${issuer}`,
        oidcProviderArn: r.inputs.createOidcProvider ? `arn:${c.partition}:iam::${c.account}:oidc-provider/${issuer}` : "",
    };
}

/**
 * Kubernetes objects whose status a load balancer controller fills in. On EKS the AWS Load Balancer
 * Controller publishes a hostname; elsewhere (ingress-nginx, a cloud's LoadBalancer Service) an IP.
 */
function fakeLoadBalancerStatus(r: FakeInput, c: FakeContext, _n: string, id: string): Record<string, unknown> {
    const annotations: Record<string, string> = r.inputs.metadata?.annotations ?? {};
    if (r.inputs.spec?.type === "ClusterIP") return {};
    const group = annotations["alb.ingress.kubernetes.io/group.name"];
    const ingress = group
        ? { hostname: `k8s-${group}-${hex(group, 10)}-${parseInt(hex(group, 8), 16)}.${c.region}.elb.amazonaws.com` }
        : annotations["service.beta.kubernetes.io/aws-load-balancer-type"]
          ? { hostname: `k8s-${hex(id, 10)}.elb.${c.region}.amazonaws.com` }
          : { ip: `198.51.100.${(parseInt(hex(id, 2), 16) % 254) + 1}` };
    return { status: { loadBalancer: { ingress: [ingress] } } };
}

/** The id and output state of a registered resource. */
export function fakeResource(r: FakeInput, ctx: FakeContext): { id: string; state: Record<string, unknown> } {
    const remote = REMOTE[r.type];
    const id = `${ID_PREFIX[r.type] ?? ""}${ID_PREFIX[r.type] ? hex(r.type + r.name, 17) : physicalName(r)}`;
    if (remote) return { id, state: { ...r.inputs, ...remote(r, ctx) } };
    const name = physicalName(r);
    const extra = EXTRAS[r.type]?.(r, ctx, name, id) ?? {};
    return { id, state: { ...r.inputs, name, id, ...extra } };
}

/** Types whose fake outputs the engine knows, for the remote-component check. */
export const REMOTE_TYPES = Object.keys(REMOTE);

/**
 * The AL2023 AMI release of each Kubernetes version in AMI release v20260714, the same for x86_64
 * and arm64 (awslabs/amazon-eks-ami, CHANGELOG.md). A real account answers with the newest release.
 */
const AMI_RELEASES: Readonly<Record<string, string>> = {
    "1.31": "1.31.14-20260714",
    "1.32": "1.32.13-20260714",
    "1.33": "1.33.13-20260714",
    "1.34": "1.34.9-20260714",
    "1.35": "1.35.6-20260714",
    "1.36": "1.36.2-20260714",
};

/** AWS's public SSM parameters that berth reads. */
const SSM_PARAMETERS: Record<string, string> = Object.fromEntries(Object.entries(AMI_RELEASES).flatMap(([version, release]) => (["x86_64", "arm64"] as const).map((arch) => [eksAmiReleaseParameter(version, arch), release])));

/**
 * The default version of each EKS add-on berth installs, per Kubernetes version, as
 * DescribeAddonVersions answered in late 2026: a real account answers with its own defaults at each
 * `pulumi up`. Sources, read 2026-12-07: the EKS user guide's add-on pages ("Manage CoreDNS",
 * "Manage kube-proxy", "Amazon VPC CNI", the EBS and EFS CSI driver pages). The guide lists no version
 * of the Pod Identity agent, metrics-server, the FSx for Lustre CSI driver or NetApp's Trident
 * operator; theirs are illustrative. One string: the same version
 * on every Kubernetes version of AMI_RELEASES.
 */
const ADDON_VERSIONS: Readonly<Record<string, string | Readonly<Record<string, string>>>> = {
    coredns: { "1.31": "v1.11.4-eksbuild.40", "1.32": "v1.11.4-eksbuild.40", "1.33": "v1.12.4-eksbuild.18", "1.34": "v1.13.2-eksbuild.11", "1.35": "v1.14.3-eksbuild.3", "1.36": "v1.14.3-eksbuild.3" },
    "kube-proxy": {
        "1.31": "v1.31.14-eksbuild.20",
        "1.32": "v1.32.13-eksbuild.16",
        "1.33": "v1.33.10-eksbuild.13",
        "1.34": "v1.34.6-eksbuild.13",
        "1.35": "v1.35.3-eksbuild.13",
        "1.36": "v1.36.0-eksbuild.14",
    },
    "vpc-cni": "v1.22.3-eksbuild.1",
    "eks-pod-identity-agent": "v1.3.10-eksbuild.2",
    "aws-ebs-csi-driver": "v1.66.0-eksbuild.1",
    "aws-efs-csi-driver": "v3.4.2-eksbuild.1",
    "metrics-server": "v0.8.0-eksbuild.6",
    "aws-fsx-csi-driver": "v1.7.0-eksbuild.1",
    "netapp_trident-operator": "v25.6.0-eksbuild.1",
};

/** An add-on's default version on a Kubernetes version, or an error naming what the table lacks. */
export function fakeAddonVersion(addonName: string, kubernetesVersion: string): string {
    const versions = ADDON_VERSIONS[addonName];
    const version = typeof versions === "string" ? (AMI_RELEASES[kubernetesVersion] ? versions : undefined) : versions?.[kubernetesVersion];
    if (version === undefined) throw new Error(`no fake version of the EKS add-on ${addonName} for Kubernetes ${kubernetesVersion}`);
    return version;
}

/** Invokes the engine answers. Anything else fails the plan loudly. */
export const INVOKES: Record<string, (inputs: FakeInputs, ctx: FakeContext) => Record<string, unknown>> = {
    "aws:index/getRegion:getRegion": (_i, c) => ({ id: c.region, name: c.region, region: c.region, endpoint: `ec2.${c.region}.amazonaws.com`, description: c.region }),
    "aws:index/getCallerIdentity:getCallerIdentity": (_i, c) => ({ id: c.account, accountId: c.account, arn: `arn:${c.partition}:iam::${c.account}:user/plan`, userId: "AIDAPLAN" }),
    "aws:index/getPartition:getPartition": (_i, c) => {
        const dnsSuffix = c.partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
        return { id: c.partition, partition: c.partition, dnsSuffix, reverseDnsPrefix: dnsSuffix.split(".").reverse().join(".") };
    },
    // awsx's private route tables, by subnet: one per subnet, named after it.
    "aws:ec2/getRouteTable:getRouteTable": (i) => {
        if (!i.subnetId) throw new Error("the plan fakes route tables by subnetId only");
        const id = `rtb-${hex(`route-table-of-${i.subnetId}`, 17)}`;
        return { id, routeTableId: id, subnetId: i.subnetId, vpcId: "", routes: [], associations: [], tags: {} };
    },
    // The VPC's internet gateway, by its attachment (Network's IPv6 routes): one per VPC, named after it.
    "aws:ec2/getInternetGateway:getInternetGateway": (i) => {
        const filters = (i.filters ?? []) as ReadonlyArray<{ name?: string; values?: string[] }>;
        const vpcId = filters.find((f) => f.name === "attachment.vpc-id")?.values?.[0];
        if (!vpcId) throw new Error("the plan fakes internet gateways by the attachment.vpc-id filter only");
        const id = `igw-${hex(`internet-gateway-of-${vpcId}`, 17)}`;
        return { id, internetGatewayId: id, arn: "", ownerId: "", attachments: [{ state: "available", vpcId }], tags: {} };
    },
    // A fixed stand-in: the real invoke draws a new password on every run (OntapFileSystem ignores later draws).
    "aws:secretsmanager/getRandomPassword:getRandomPassword": (i) => ({ id: "plan", randomPassword: `Plan${hex(JSON.stringify(i), Number(i.passwordLength ?? 32) - 4)}`, passwordLength: i.passwordLength }),
    "aws:ssm/getParameter:getParameter": (i) => {
        const value = SSM_PARAMETERS[i.name ?? ""];
        if (value === undefined) throw new Error(`no fake SSM parameter ${i.name}`);
        return { id: i.name, name: i.name, value, insecureValue: value, type: "String", version: 1, arn: "" };
    },
    // EKS-optimized AMIs by name (berth pins self-managed nodes to one release): any release of the
    // published naming gets a stable id; any other lookup fails the plan.
    "aws:ec2/getAmi:getAmi": (i) => {
        const name = i.filters?.find((f) => f.name === "name")?.values[0] ?? "";
        if (!/^amazon-eks-node-al2023-(x86_64|arm64)-standard-1\.\d+-v\d{8}$/.test(name) || !i.owners?.includes("amazon"))
            throw new Error(`the plan fakes only EKS-optimized AL2023 AMIs owned by amazon, not ${name || "a lookup without a name"} (owned by ${(i.owners ?? []).join(", ") || "anyone"})`);
        const id = `ami-${hex(name, 17)}`;
        return { id, imageId: id, name, architecture: name.includes("arm64") ? "arm64" : "x86_64", ownerId: "602401143452", mostRecent: i.mostRecent };
    },
    "aws:eks/getAddonVersion:getAddonVersion": (i, c) => {
        const { addonName = "", kubernetesVersion = "" } = i;
        return { id: addonName, addonName, kubernetesVersion, mostRecent: i.mostRecent, region: c.region, version: fakeAddonVersion(addonName, kubernetesVersion) };
    },
};
