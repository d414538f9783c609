import * as pulumi from "@pulumi/pulumi";
// Policy documents shared by the role components. Each statement names its actions and resources;
// none uses "*" for actions.

export interface PolicyStatement {
    readonly Sid?: string;
    readonly Effect: "Allow" | "Deny";
    /** Resource policies only. */
    readonly Principal?: { readonly AWS?: string | string[]; readonly Service?: string | string[] };
    readonly Action: string | string[];
    readonly Resource: string | string[];
    readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: PolicyStatement[];
}

/**
 * Confused-deputy conditions on a trust policy: the service may assume the role only on behalf of
 * this account (`aws:SourceAccount`) and, with `sourceArn`, only for its own resources there
 * (`aws:SourceArn`, matched with ArnLike so that `*` covers every resource). See the IAM guide,
 * "The confused deputy problem", and the ECS guide's task execution role trust policy.
 */
export interface TrustScope {
    readonly account: string;
    /** An ARN pattern such as `arn:aws:ecs:eu-west-1:123456789012:*`. @default none: the account only */
    readonly sourceArn?: string;
}

/**
 * A trust policy letting one AWS service principal (e.g. `ecs-tasks.amazonaws.com`) assume the role.
 * `actions` adds what some principals need besides sts:AssumeRole (EKS Pod Identity: sts:TagSession).
 */
export function assumeRolePolicy(service: string, scope?: TrustScope, actions: ReadonlyArray<string> = ["sts:AssumeRole"]): string {
    const Condition = scope && {
        StringEquals: { "aws:SourceAccount": scope.account },
        ...(scope.sourceArn ? { ArnLike: { "aws:SourceArn": scope.sourceArn } } : {}),
    };
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: actions.length === 1 ? actions[0] : [...actions], ...(Condition ? { Condition } : {}) }],
    });
}

/** `assumeRolePolicy` over inputs: a component's trust scope usually comes from the stack's account and region. */
export function scopedAssumeRolePolicy(service: string, scope?: pulumi.Input<TrustScope>): pulumi.Output<string> {
    return pulumi.output(scope).apply((s) => assumeRolePolicy(service, s));
}

/** Every resource of `service` in one region and account, as an `aws:SourceArn` pattern. */
export function serviceArnPattern(partition: string, service: string, region: string, account: string): string {
    return `arn:${partition}:${service}:${region}:${account}:*`;
}

/** AWS managed policies berth attaches, by path and name; see managedPolicyArn. */
export const MANAGED_POLICY = {
    /** What the SSM agent on an ECS Anywhere host needs to stay registered and reachable. */
    ssmManagedInstanceCore: "AmazonSSMManagedInstanceCore",
    /** ECS guide, "Amazon ECS infrastructure IAM role": what Express Mode needs to build load balancers, security groups, certificates and scaling. */
    ecsExpressInfrastructure: "service-role/AmazonECSInfrastructureRoleforExpressGatewayServices",
    /** The X-Ray daemon's write access; X-Ray's trace APIs take no resource-level permissions. */
    xrayWrite: "AWSXRayDaemonWriteAccess",
    eksCluster: "AmazonEKSClusterPolicy",
    eksWorkerNode: "AmazonEKSWorkerNodePolicy",
    eksCni: "AmazonEKS_CNI_Policy",
    ecrPullOnly: "AmazonEC2ContainerRegistryPullOnly",
    eksFargatePodExecution: "AmazonEKSFargatePodExecutionRolePolicy",
    ebsCsiDriver: "service-role/AmazonEBSCSIDriverPolicy",
    efsCsiDriver: "service-role/AmazonEFSCSIDriverPolicy",
} as const;

/** The partition ("aws", "aws-cn", "aws-us-gov") an ARN lives in. */
export const partitionOf = (arn: string): string => arn.split(":")[1];

/**
 * A managed policy's ARN in the partition of `roleArn`: the role the policy is attached to says
 * where it lives, so GovCloud and China work with no lookup.
 */
export function managedPolicyArn(roleArn: pulumi.Input<string>, policy: string): pulumi.Output<string> {
    return pulumi.output(roleArn).apply((arn) => `arn:${partitionOf(arn)}:iam::aws:policy/${policy}`);
}

/**
 * The IAM resources for a container secret reference. ECS accepts Secrets Manager references with a
 * JSON key/version suffix (`...:secret:NAME:KEY:STAGE:VERSION`), but IAM needs the secret's own ARN,
 * which ends in "-" and six random characters. A reference by name lacks them, and a name such as
 * "app-config" looks just like a suffixed one, so both forms are listed: each is harmless when the
 * other is the right one ("?" matches exactly one character).
 */
export function secretResourceArns(ref: string): string[] {
    const parts = ref.split(":");
    if (parts[2] !== "secretsmanager") return [ref];
    const arn = parts.slice(0, 7).join(":");
    return [arn, `${arn}-??????`];
}

/**
 * Who fetches a workload's secrets, which decides the calls its role must allow:
 * - `ecs`: the ECS agent with the execution role, and App Runner with the instance role. They batch
 *   parameters (ssm:GetParameters) and read secrets with GetSecretValue (ECS developer guide,
 *   "Amazon ECS task execution IAM role", permissions for Secrets Manager and Parameter Store).
 * - `ascp`: the Secrets Store CSI driver's AWS provider, with the pod's identity. Besides the value it
 *   calls DescribeSecret, on every mount and on each rotation poll, to learn the current version; for
 *   parameters, ssm:GetParameters (aws/secrets-store-csi-driver-provider-aws, README, "Usage").
 * - `external-secrets`: External Secrets Operator, with the pod's service account. Its Parameter Store
 *   provider reads one parameter at a time, with decryption (ssm:GetParameter); its Secrets Manager
 *   provider, GetSecretValue (external-secrets.io, "AWS Parameter Store" and "AWS Secrets Manager",
 *   IAM policy).
 */
export type SecretReader = "ecs" | "ascp" | "external-secrets";

const SECRET_READ_ACTIONS: Readonly<Record<SecretReader, { readonly secrets: string[]; readonly parameters: string[] }>> = {
    ecs: { secrets: ["secretsmanager:GetSecretValue"], parameters: ["ssm:GetParameters"] },
    ascp: { secrets: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"], parameters: ["ssm:GetParameters"] },
    "external-secrets": { secrets: ["secretsmanager:GetSecretValue"], parameters: ["ssm:GetParameter"] },
};

/**
 * Read access to exactly the referenced secrets and parameters, with exactly the calls `reader` makes.
 * `createdArns` are full ARNs of secrets the stack created: named as they are, with no `-??????`.
 */
export function secretReadPolicy(refs: ReadonlyArray<string>, reader: SecretReader = "ecs", createdArns: ReadonlyArray<string> = []): PolicyDocument | undefined {
    const arns = [...new Set([...refs.flatMap(secretResourceArns), ...createdArns])].sort();
    const secrets = arns.filter((a) => a.split(":")[2] === "secretsmanager");
    const params = arns.filter((a) => a.split(":")[2] === "ssm");
    const Statement: PolicyStatement[] = [];
    const actions = SECRET_READ_ACTIONS[reader];
    if (secrets.length) Statement.push({ Sid: "ReadSecrets", Effect: "Allow", Action: [...actions.secrets], Resource: secrets });
    if (params.length) Statement.push({ Sid: "ReadParameters", Effect: "Allow", Action: [...actions.parameters], Resource: params });
    return Statement.length ? { Version: "2012-10-17", Statement } : undefined;
}

/**
 * What App Runner's access role needs to pull one private ECR repository: the actions of AWS's
 * AWSAppRunnerServicePolicyForECRAccess, scoped to that repository. GetAuthorizationToken takes no
 * resource ("*" is the only resource ECR accepts for it).
 */
export function ecrPullPolicy(repositoryArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "EcrAuth", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
            { Sid: "EcrPull", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:DescribeImages", "ecr:GetDownloadUrlForLayer"], Resource: repositoryArn },
        ],
    };
}
