import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { MANAGED_POLICY, managedPolicyArn, PolicyDocument, scopedAssumeRolePolicy, TrustScope } from "../iam/policies";

export interface EcsAnywhereArgs {
    /** Cluster the hosts join, named in the registration command. Required. */
    readonly clusterName: pulumi.Input<string>;
    /**
     * What the ECS agent on the hosts may do: join this cluster, pull from the stack's repository, write
     * the stack's logs (see `containerInstancePolicy` in ecs-policies.ts). Required.
     */
    readonly instancePolicy: pulumi.Input<PolicyDocument>;
    /** Region the hosts register in, named in the registration command. Required. */
    readonly region: pulumi.Input<string>;
    /** How many external instances may register with the activation. @default 10 */
    readonly registrationLimit?: number;
    /** RFC 3339 expiry of the activation, at most 30 days ahead. @default SSM's 24 hours */
    readonly expirationDate?: string;
    /**
     * Keep the activation's expiry as first deployed: for an expiry computed from the time of the
     * deployment, which would otherwise replace the activation at every `pulumi up`. @default false
     */
    readonly keepExpirationDate?: boolean;
    /** Confused-deputy conditions on the instance role's trust: SSM may assume it only for this account. @default none */
    readonly trust?: pulumi.Input<TrustScope>;
    /** Tags for every child that takes them. @default none */
    readonly tags?: Tags;
    /** Overrides for the main children's args, applied just before each is created. @default none */
    readonly transform?: {
        readonly instanceRole?: Transform<aws.iam.RoleArgs>;
        readonly activation?: Transform<aws.ssm.ActivationArgs>;
    };
}

/**
 * The install script AWS publishes for ECS Anywhere hosts, its detached signature, and the
 * fingerprint of the Amazon ECS key that signs it. The command verifies the script against that one
 * key, in a keyring of its own, before running it as root. See the ECS guide, "Registering an
 * external instance to a cluster" (the optional verification steps).
 */
export const ANYWHERE_INSTALL_SCRIPT = "https://amazon-ecs-agent.s3.amazonaws.com/ecs-anywhere-install-latest.sh";
export const ANYWHERE_SIGNING_KEY = "F34C3DDAE72926B079BEAEC6BCE9D9A42D51784F";

export function registrationCommand(region: string, cluster: string, activationId: string, activationCode: string): string {
    const gpg = `gpg --no-default-keyring --keyring /tmp/ecs-anywhere-keyring.gpg`;
    return [
        `curl -fsS --proto "https" -o "/tmp/ecs-anywhere-install.sh" "${ANYWHERE_INSTALL_SCRIPT}"`,
        `curl -fsS --proto "https" -o "/tmp/ecs-anywhere-install.sh.asc" "${ANYWHERE_INSTALL_SCRIPT}.asc"`,
        `${gpg} --keyserver hkps://keyserver.ubuntu.com --recv-keys ${ANYWHERE_SIGNING_KEY}`,
        `${gpg} --verify /tmp/ecs-anywhere-install.sh.asc /tmp/ecs-anywhere-install.sh`,
        `sudo bash /tmp/ecs-anywhere-install.sh --region "${region}" --cluster "${cluster}" --activation-id "${activationId}" --activation-code "${activationCode}"`,
    ].join(" && ");
}

/**
 * What external (on-premises) hosts need to join the cluster: their own IAM role (SSM managed
 * instance plus ECS container instance permissions) and an SSM activation to register with.
 */
export class EcsAnywhere extends pulumi.ComponentResource {
    readonly activationId: pulumi.Output<string>;
    readonly activationCode: pulumi.Output<string>;
    /** Run on each host; carries the activation code, so it is a secret. */
    readonly registrationCommand: pulumi.Output<string>;
    readonly instanceRoleName: pulumi.Output<string>;
    /** When the activation stops registering hosts. */
    readonly expirationDate: pulumi.Output<string>;

    constructor(name: string, args: EcsAnywhereArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:ecs:EcsAnywhere", name, {}, opts);
        const role = new aws.iam.Role(
            `${name}-instance-role`,
            applyTransform<aws.iam.RoleArgs>({ assumeRolePolicy: scopedAssumeRolePolicy("ssm.amazonaws.com", args.trust), description: "ECS Anywhere external instances", tags: { ...args.tags } }, args.transform?.instanceRole),
            { parent: this },
        );
        const attachments = [
            new aws.iam.RolePolicyAttachment(`${name}-instance-ssm`, { role: role.name, policyArn: managedPolicyArn(role.arn, MANAGED_POLICY.ssmManagedInstanceCore) }, { parent: this }),
            new aws.iam.RolePolicy(`${name}-instance-policy`, { role: role.id, policy: pulumi.output(args.instancePolicy).apply((p) => JSON.stringify(p)) }, { parent: this }),
        ];
        const activation = new aws.ssm.Activation(
            `${name}-activation`,
            applyTransform<aws.ssm.ActivationArgs>(
                { iamRole: role.name, registrationLimit: args.registrationLimit ?? 10, expirationDate: args.expirationDate, description: `ECS Anywhere hosts for ${name}`, tags: { ...args.tags } },
                args.transform?.activation,
            ),
            // SSM validates the role when the activation is created, so its policies must be in place.
            { parent: this, dependsOn: attachments, ignoreChanges: args.keepExpirationDate ? ["expirationDate"] : undefined },
        );
        this.activationId = pulumi.secret(activation.id);
        this.activationCode = pulumi.secret(activation.activationCode);
        this.registrationCommand = pulumi.secret(pulumi.all([args.region, args.clusterName, activation.id, activation.activationCode]).apply(([r, c, id, code]) => registrationCommand(r, c, id, code)));
        this.instanceRoleName = role.name;
        this.expirationDate = activation.expirationDate;
        this.registerOutputs({
            activationId: this.activationId,
            activationCode: this.activationCode,
            registrationCommand: this.registrationCommand,
            instanceRoleName: this.instanceRoleName,
            expirationDate: this.expirationDate,
        });
    }
}
