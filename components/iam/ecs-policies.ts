// The permission policies of ECS's own roles, scoped to this stack instead of AWS's managed policies:
// AmazonECSTaskExecutionRolePolicy writes to any log group and pulls from any repository, and
// AmazonEC2ContainerServiceforEC2Role also lets a host create clusters and register anywhere, which
// matters most on ECS Anywhere, whose role lives on hosts outside AWS. The shapes follow what the
// AWS CDK generates for a cluster's instance role (aws-ecs, Cluster.addAsgCapacityProvider).
import { PolicyDocument, PolicyStatement, secretReadPolicy } from "./policies";

/** What ECS needs to pull an image from ECR: a token (no resource-level permission exists), then the layers. */
export const ECR_PULL = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"];
/** The first pull through a pull-through cache rule creates the repository and imports the upstream image. */
export const ECR_PULL_THROUGH = ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"];
const LOGS_WRITE = ["logs:CreateLogStream", "logs:PutLogEvents"];

function ecrStatements(repositoryArns: ReadonlyArray<string>, pullThroughArns: ReadonlyArray<string>): PolicyStatement[] {
    const repos = [...new Set([...repositoryArns, ...pullThroughArns])].sort();
    if (!repos.length) return [];
    return [
        { Sid: "EcrToken", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
        { Sid: "EcrPull", Effect: "Allow", Action: ECR_PULL, Resource: repos },
        ...(pullThroughArns.length ? [{ Sid: "EcrPullThroughCache", Effect: "Allow" as const, Action: ECR_PULL_THROUGH, Resource: [...new Set(pullThroughArns)].sort() }] : []),
    ];
}

export interface ExecutionPolicyArgs {
    /** The task's own log group (its ARN without a trailing ":*"). */
    readonly logGroupArn: string;
    /** Private ECR repositories the task's image comes from. @default none: a public image needs no ECR access */
    readonly repositoryArns?: ReadonlyArray<string>;
    /** Repository patterns (`.../repository/ecr-public/*`) of the pull-through caches the image comes through. @default none */
    readonly pullThroughArns?: ReadonlyArray<string>;
    /** Secrets Manager and SSM references of the container's secrets. @default none */
    readonly secretRefs?: ReadonlyArray<string>;
    /** Full ARNs of the secrets the stack created for the container: named exactly. @default none */
    readonly createdSecretArns?: ReadonlyArray<string>;
    /** Customer-managed KMS keys that encrypt those secrets. @default none: AWS-managed keys need no grant */
    readonly secretKmsKeyArns?: ReadonlyArray<string>;
    /** The stack's region: KMS decrypts only on behalf of Secrets Manager or SSM there. */
    readonly region: string;
}

/** The execution role: write the task's own log streams, pull its image, read exactly its secrets. */
export function executionRolePolicy(a: ExecutionPolicyArgs): PolicyDocument {
    const keys = [...new Set(a.secretKmsKeyArns ?? [])].sort();
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "WriteOwnLogs", Effect: "Allow", Action: LOGS_WRITE, Resource: `${a.logGroupArn}:*` },
            ...ecrStatements(a.repositoryArns ?? [], a.pullThroughArns ?? []),
            ...(secretReadPolicy(a.secretRefs ?? [], "ecs", a.createdSecretArns)?.Statement ?? []),
            ...secretDecryptStatements(keys, a.region),
        ],
    };
}

/** The regions of KMS key ARNs (`arn:PARTITION:kms:REGION:...`), sorted; `fallback` for a key given otherwise. */
function keyRegions(keyArns: ReadonlyArray<string>, fallback: string): string[] {
    return [...new Set(keyArns.map((k) => (k.startsWith("arn:") ? k.split(":")[3] || fallback : fallback)))].sort();
}

/** Decrypt with the secrets' customer-managed keys, only as part of reading a secret or parameter. */
export function secretDecryptStatements(kmsKeyArns: ReadonlyArray<string>, region: string): PolicyStatement[] {
    const keys = [...new Set(kmsKeyArns)].sort();
    return keys.length
        ? [
              {
                  Sid: "DecryptSecrets",
                  Effect: "Allow",
                  Action: ["kms:Decrypt"],
                  Resource: keys,
                  // Only as part of reading a secret or parameter, never a direct decrypt of other data. The
                  // service calls KMS from the secret's own region, which is its key's (a key is regional):
                  // kms:ViaService names that region's endpoint (Secrets Manager User Guide, "Secret
                  // encryption and decryption"; found by the start-path analysis, issue 23).
                  Condition: { StringEquals: { "kms:ViaService": keyRegions(keys, region).flatMap((r) => [`secretsmanager.${r}.amazonaws.com`, `ssm.${r}.amazonaws.com`]) } },
              },
          ]
        : [];
}

export interface ContainerInstancePolicyArgs {
    /** The one cluster the host may join. */
    readonly clusterArn: string;
    /** Repositories the agent may pull from (the stack's own). */
    readonly repositoryArns: ReadonlyArray<string>;
    /** The stack's log groups, as an ARN pattern (`...:log-group:/berth/PROJECT/STACK/*`). */
    readonly logGroupArnPattern: string;
    /** Let the agent drain its own instance on a spot interruption notice. @default false */
    readonly spotDraining?: boolean;
}

/** What the ECS agent on a host needs, for this cluster only. */
export function containerInstancePolicy(a: ContainerInstancePolicyArgs): PolicyDocument {
    const inCluster = { ArnEquals: { "ecs:cluster": a.clusterArn } };
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "RegisterWithThisCluster",
                Effect: "Allow",
                Action: ["ecs:DeregisterContainerInstance", "ecs:RegisterContainerInstance", "ecs:SubmitAttachmentStateChanges", "ecs:SubmitContainerStateChange", "ecs:SubmitTaskStateChange"],
                Resource: a.clusterArn,
            },
            // Poll and telemetry name container instances, not the cluster; the condition pins the cluster.
            { Sid: "PollThisCluster", Effect: "Allow", Action: ["ecs:Poll", "ecs:StartTelemetrySession", ...(a.spotDraining ? ["ecs:UpdateContainerInstancesState"] : [])], Resource: "*", Condition: inCluster },
            // DiscoverPollEndpoint has no resource-level permission.
            { Sid: "DiscoverEndpoint", Effect: "Allow", Action: ["ecs:DiscoverPollEndpoint"], Resource: "*" },
            ...ecrStatements(a.repositoryArns, []),
            { Sid: "WriteStackLogs", Effect: "Allow", Action: LOGS_WRITE, Resource: `${a.logGroupArnPattern}:*` },
        ],
    };
}
