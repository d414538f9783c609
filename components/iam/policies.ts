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

/** A trust policy letting one AWS service principal (e.g. `ecs-tasks.amazonaws.com`) assume the role. */
export function assumeRolePolicy(...services: string[]): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: services.length === 1 ? services[0] : services }, Action: "sts:AssumeRole" }],
    });
}

export const MANAGED_POLICY = {
    ecsTaskExecution: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
    ecsForEc2: "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
    ssmManagedInstanceCore: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
} as const;

/**
 * The IAM resource for a container secret reference. ECS accepts Secrets Manager references with a
 * JSON key/version suffix (`...:secret:NAME:KEY:STAGE:VERSION`), but IAM needs the secret's own ARN.
 */
export function secretResourceArn(ref: string): string {
    const parts = ref.split(":");
    if (parts[2] !== "secretsmanager") return ref;
    const arn = parts.slice(0, 7).join(":");
    // A full secret ARN ends in "-" and six random characters. A partial one (the secret's name)
    // matches the real ARN only with "-??????" appended; "?" matches one character, never more.
    return /-[A-Za-z0-9]{6}$/.test(parts[6]) ? arn : `${arn}-??????`;
}

/** Read access to exactly the referenced secrets and parameters, and nothing else. */
export function secretReadPolicy(refs: ReadonlyArray<string>): PolicyDocument | undefined {
    const arns = [...new Set(refs.map(secretResourceArn))].sort();
    const secrets = arns.filter((a) => a.split(":")[2] === "secretsmanager");
    const params = arns.filter((a) => a.split(":")[2] === "ssm");
    const Statement: PolicyStatement[] = [];
    if (secrets.length) Statement.push({ Sid: "ReadSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: secrets });
    if (params.length) Statement.push({ Sid: "ReadParameters", Effect: "Allow", Action: ["ssm:GetParameters"], Resource: params });
    return Statement.length ? { Version: "2012-10-17", Statement } : undefined;
}
