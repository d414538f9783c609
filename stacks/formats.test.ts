import { strict as assert } from "assert";
import fc from "fast-check";
import { bucketRef, cidr, isCidr, keyPrefix, kmsKeyArn, networkAddress, queueArn, secretRef, tableArn } from "./formats";

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

    it("asks for a block's network address, naming it", () => {
        assert.deepEqual(["203.0.113.5/24", "10.1.2.3/16", "10.0.0.0/16", "192.0.2.7/32", "0.0.0.0/0", "198.51.100.200/25"].map(networkAddress), ["203.0.113.0/24", "10.1.0.0/16", "10.0.0.0/16", "192.0.2.7/32", "0.0.0.0/0", "198.51.100.128/25"]);
        const r = cidr.safeParse("203.0.113.5/24");
        assert.ok(!r.success);
        assert.equal(r.error.issues[0].message, "the block's network address, without host bits: write 203.0.113.0/24");
        assert.ok(cidr.safeParse("203.0.113.0/24").success);
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
