import { strict as assert } from "assert";
import fc from "fast-check";
import { anyCidr, bucketRef, cidr, imageReferenceProblem, ipv6Network, isCidr, isImageReference, keyPrefix, kmsKeyArn, networkAddress, queueArn, secretRef, tableArn } from "./formats";

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

    it("reads IPv6 CIDRs into their RFC 5952 network address, prefix 0-128, and nothing else", () => {
        const table: Array<[string, string | undefined]> = [
            ["2001:db8::/32", "2001:db8::/32"],
            ["2001:DB8::/32", "2001:db8::/32"],
            ["2001:0db8:0000:0000:0000:0000:0000:0000/32", "2001:db8::/32"],
            ["2001:db8::1/32", "2001:db8::/32"],
            ["2001:db8:ffff::/33", "2001:db8:8000::/33"],
            ["2001:db8:ffff::/47", "2001:db8:fffe::/47"],
            ["::/0", "::/0"],
            ["1:2:3:4:5:6:7:8/128", "1:2:3:4:5:6:7:8/128"],
            ["2001:db8:0:1:0:0:0:1/128", "2001:db8:0:1::1/128"],
            ["0:0:1:0:0:0:0:1/128", "0:0:1::1/128"],
            ["1:0:0:2:0:0:0:3/128", "1:0:0:2::3/128"],
            ["1:0:2:0:3:0:4:0/128", "1:0:2:0:3:0:4:0/128"],
            ["1::/129", undefined],
            ["1:2:3:4:5:6:7:8:9/64", undefined],
            ["1:2:3:4:5:6:7/64", undefined],
            ["1::2::3/64", undefined],
            [":::/0", undefined],
            ["12345::/16", undefined],
            ["2001:db8::", undefined],
            ["2001:db8::/", undefined],
            ["g::/16", undefined],
            ["203.0.113.0/24", undefined],
        ];
        assert.deepEqual(
            table.map(([v]) => [v, ipv6Network(v)]),
            table,
        );
    });

    it("anyCidr takes an IPv4 or IPv6 network address, and names the form to write otherwise", () => {
        const messages = (v: string) => anyCidr.safeParse(v).error?.issues.map((i) => i.message) ?? [];
        assert.deepEqual(["203.0.113.0/24", "2001:db8::/32", "::/0", "0.0.0.0/0"].map(messages), [[], [], [], []]);
        assert.deepEqual(messages("203.0.113.5/24"), ["the block's network address, without host bits: write 203.0.113.0/24"]);
        assert.deepEqual(messages("2001:DB8::/32"), ["the block's network address in its short form: write 2001:db8::/32"]);
        assert.deepEqual(messages("10.0.0.0/33"), ["an IPv4 CIDR block such as 203.0.113.0/24 (octets 0-255, prefix 0-32) or an IPv6 one such as 2001:db8::/32"]);
        assert.deepEqual(messages("2001:db8::/129"), ["an IPv6 CIDR block such as 2001:db8::/32 (hex groups, prefix 0-128), or an IPv4 one such as 203.0.113.0/24"]);
    });

    it("asks for a block's network address, naming it", () => {
        assert.deepEqual(["203.0.113.5/24", "10.1.2.3/16", "10.0.0.0/16", "192.0.2.7/32", "0.0.0.0/0", "198.51.100.200/25"].map(networkAddress), [
            "203.0.113.0/24",
            "10.1.0.0/16",
            "10.0.0.0/16",
            "192.0.2.7/32",
            "0.0.0.0/0",
            "198.51.100.128/25",
        ]);
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

describe("CIDR blocks on their limits", () => {
    const cases: Array<[string, boolean]> = [
        ["255.255.255.255/32", true],
        ["256.0.0.0/8", false],
        ["10.0.0.256/32", false],
        ["0.0.0.0/0", true],
        ["10.0.0.0/33", false],
        ["10.0.0.0/123", false],
        ["1000.0.0.0/8", false],
        ["x10.0.0.0/8", false],
        ["10.0.0.0/8x", false],
        ["10.0.0/8", false],
    ];
    for (const [block, ok] of cases) it(`${block}: ${ok ? "a CIDR" : "not a CIDR"}`, () => assert.equal(isCidr(block), ok));

    it("says what a CIDR block is, once, for text that is not one", () => {
        for (const bad of ["10.0.0.0/33", "x/40", "10.0.0.0"]) {
            const r = cidr.safeParse(bad);
            assert.ok(!r.success);
            assert.deepEqual(
                r.error.issues.map((i) => [i.code, i.message]),
                [["custom", "an IPv4 CIDR block such as 10.0.0.0/16 (octets 0-255, prefix 0-32)"]],
            );
        }
        const r = cidr.safeParse("10.1.2.3/16");
        assert.ok(!r.success);
        assert.deepEqual(
            r.error.issues.map((i) => [i.code, i.message]),
            [["custom", "the block's network address, without host bits: write 10.1.0.0/16"]],
        );
    });
});

describe("image references: the fix named", () => {
    it("accepts a reference of 255 characters and refuses one of 256", () => {
        const ref = (n: number) => `a/${"b".repeat(n - 2)}`;
        assert.equal(isImageReference(ref(255)), true);
        assert.equal(isImageReference(ref(256)), false);
        assert.equal(imageReferenceProblem(ref(255)), undefined);
    });

    const GENERIC = "an image reference such as public.ecr.aws/nginx/nginx:1.27 or 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:v1";
    const cases: Array<[string, string | undefined]> = [
        ["https://ghcr.io/org/app:v1", "an image reference without a URL scheme: ghcr.io/org/app:v1"],
        ["docker+ssh://host/app", "an image reference without a URL scheme: host/app"],
        ["myorg/nginx:http://x", GENERIC],
        ["MyOrg/app", "an image reference with a lowercase repository: myorg/app"],
        ["MyOrg:5000/app", undefined],
        ["MyOrg.example/app", undefined],
        ["Nginx", "an image reference with a lowercase repository: nginx"],
        ["Registry.Example.COM/App:v1", "an image reference with a lowercase repository: Registry.Example.COM/app:v1"],
        ["registry.example.com/Team/App@sha256:0123456789abcdef0123456789abcdef", "an image reference with a lowercase repository: registry.example.com/team/app@sha256:0123456789abcdef0123456789abcdef"],
        ["localhost:5000/MyApp:v1", "an image reference with a lowercase repository: localhost:5000/myapp:v1"],
        ["Registry:5000/App", "an image reference with a lowercase repository: Registry:5000/app"],
        ["Nginx:latest", "an image reference with a lowercase repository: nginx:latest"],
        ["MyOrg/app.v2", "an image reference with a lowercase repository: myorg/app.v2"],
        ["My.App", "an image reference with a lowercase repository: my.app"],
        ["nginx:Bad!", GENERIC],
    ];
    for (const [ref, problem] of cases) it(`${ref}: ${problem}`, () => assert.equal(imageReferenceProblem(ref), problem));

    it("suggests only references that are valid", () => {
        for (const [ref, problem] of cases) {
            const fixed = problem && /: ([^ ]+)$/.exec(problem)?.[1];
            if (fixed && problem !== GENERIC) assert.equal(isImageReference(fixed), true, `${ref} -> ${fixed}`);
        }
    });
});
