import { strict as assert } from "assert";
import fc from "fast-check";
import { bucketRef, cidr, isCidr, keyPrefix, kmsKeyArn, queueArn, secretRef, tableArn } from "./formats";

describe("formats", () => {
    it("accepts every well-formed IPv4 CIDR and rejects out-of-range octets or prefixes", () => {
        fc.assert(
            fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 40 }), (octets, prefix) => {
                const ok = octets.every((o) => o <= 255) && prefix <= 32;
                assert.equal(isCidr(`${octets.join(".")}/${prefix}`), ok);
            }),
        );
        assert.equal(cidr.safeParse("x/40").success, false);
    });

    const cases: Array<[string, { safeParse(v: unknown): { success: boolean } }, string, boolean]> = [
        ["bucket name", bucketRef, "berth-assets", true],
        ["bucket ARN", bucketRef, "arn:aws:s3:::berth-assets", true],
        ["bucket wildcard", bucketRef, "berth-*", false],
        ["bucket ARN wildcard", bucketRef, "arn:aws:s3:::*", false],
        ["prefix", keyPrefix, "uploads/", true],
        ["prefix wildcard", keyPrefix, "*", false],
        ["table", tableArn, "arn:aws:dynamodb:us-east-1:123456789012:table/orders", true],
        ["table wildcard", tableArn, "arn:aws:dynamodb:us-east-1:123456789012:table/*", false],
        ["queue", queueArn, "arn:aws:sqs:us-east-1:123456789012:jobs.fifo", true],
        ["queue wildcard", queueArn, "arn:aws:sqs:us-east-1:123456789012:*", false],
        ["secret with JSON key", secretRef, "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::", true],
        ["parameter", secretRef, "arn:aws:ssm:us-east-1:123456789012:parameter/app/token", true],
        ["secret wildcard", secretRef, "arn:aws:secretsmanager:us-east-1:123456789012:secret:*", false],
        ["plain text", secretRef, "hunter2", false],
        ["KMS key", kmsKeyArn, "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", true],
        ["KMS alias", kmsKeyArn, "arn:aws:kms:eu-west-1:123456789012:alias/app", false],
        ["KMS key wildcard", kmsKeyArn, "arn:aws:kms:eu-west-1:123456789012:key/*", false],
    ];
    for (const [what, schema, value, ok] of cases) {
        it(`${ok ? "accepts" : "rejects"} ${what}: ${value}`, () => assert.equal(schema.safeParse(value).success, ok));
    }
});
