import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { protectOpts, Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";

export interface ItemTableArgs {
    /** String partition key attribute. Required. */
    readonly partitionKey: string;
    /** String sort key attribute. @default none */
    readonly sortKey?: string;
    /** Deletion protection, and keep the table when the stack is destroyed. @default false (true in prod) */
    readonly protect?: boolean;
    /** Tags for the table. @default none */
    readonly tags?: Tags;
    /** Overrides for the table's args, applied just before it is created. @default none */
    readonly transform?: { readonly table?: Transform<aws.dynamodb.TableArgs> };
}

/**
 * A DynamoDB table billed per request (nothing to pay while idle), with point-in-time recovery (35
 * days of restores), encrypted with the AWS managed key (its use shows in CloudTrail), and deletion
 * protection in prod.
 */
export class ItemTable extends pulumi.ComponentResource {
    readonly tableName: pulumi.Output<string>;
    readonly tableArn: pulumi.Output<string>;

    constructor(name: string, args: ItemTableArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:storage:ItemTable", name, {}, opts);
        const keys = [args.partitionKey, ...(args.sortKey ? [args.sortKey] : [])];
        const table = new aws.dynamodb.Table(
            `${name}-table`,
            applyTransform<aws.dynamodb.TableArgs>(
                {
                    billingMode: "PAY_PER_REQUEST",
                    hashKey: args.partitionKey,
                    rangeKey: args.sortKey,
                    attributes: keys.map((k) => ({ name: k, type: "S" })),
                    pointInTimeRecovery: { enabled: true },
                    serverSideEncryption: { enabled: true },
                    deletionProtectionEnabled: args.protect ?? false,
                    tags: { ...args.tags },
                },
                args.transform?.table,
            ),
            protectOpts(this, args.protect ?? false),
        );
        this.tableName = table.name;
        this.tableArn = table.arn;
        this.registerOutputs({ tableName: this.tableName, tableArn: this.tableArn });
    }
}
