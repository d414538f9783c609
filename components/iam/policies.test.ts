import { strict as assert } from "assert";
import { managedPolicyArn, SecretReader, secretReadPolicy, secretResourceArns } from "./policies";

describe("secretResourceArns", () => {
    const base = "arn:aws:secretsmanager:us-east-1:123456789012:secret";
    const cases: Array<[string, string[]]> = [
        [`${base}:db-AbCdEf`, [`${base}:db-AbCdEf`, `${base}:db-AbCdEf-??????`]],
        [`${base}:db-AbCdEf:password::`, [`${base}:db-AbCdEf`, `${base}:db-AbCdEf-??????`]],
        [`${base}:app-config`, [`${base}:app-config`, `${base}:app-config-??????`]],
        ["arn:aws:ssm:us-east-1:123456789012:parameter/app/token", ["arn:aws:ssm:us-east-1:123456789012:parameter/app/token"]],
    ];
    for (const [ref, arns] of cases) it(`${ref} -> ${arns.join(", ")}`, () => assert.deepEqual(secretResourceArns(ref), arns));

    it("groups secrets and parameters, each deduplicated, and gives none when there are none", () => {
        const doc = secretReadPolicy([`${base}:a-AbCdEf:k1::`, `${base}:a-AbCdEf:k2::`, "arn:aws:ssm:us-east-1:123456789012:parameter/p"]);
        assert.deepEqual(
            doc!.Statement.map((s) => [s.Action, s.Resource]),
            [
                [["secretsmanager:GetSecretValue"], [`${base}:a-AbCdEf`, `${base}:a-AbCdEf-??????`]],
                [["ssm:GetParameters"], ["arn:aws:ssm:us-east-1:123456789012:parameter/p"]],
            ],
        );
        assert.equal(secretReadPolicy([]), undefined);
    });

    const readers: Array<[SecretReader, string[], string[]]> = [
        ["ecs", ["secretsmanager:GetSecretValue"], ["ssm:GetParameters"]],
        ["ascp", ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"], ["ssm:GetParameters"]],
        ["external-secrets", ["secretsmanager:GetSecretValue"], ["ssm:GetParameter"]],
    ];
    for (const [reader, secretActions, parameterActions] of readers) {
        it(`grants ${reader} exactly ${[...secretActions, ...parameterActions].join(", ")}`, () => {
            const param = "arn:aws:ssm:us-east-1:123456789012:parameter/p";
            assert.deepEqual(secretReadPolicy([`${base}:a-AbCdEf`, param], reader)!.Statement, [
                { Sid: "ReadSecrets", Effect: "Allow", Action: secretActions, Resource: [`${base}:a-AbCdEf`, `${base}:a-AbCdEf-??????`] },
                { Sid: "ReadParameters", Effect: "Allow", Action: parameterActions, Resource: [param] },
            ]);
        });
    }
});

describe("managedPolicyArn", () => {
    it("names the policy in the partition of the role it is attached to", async () => {
        const arn = await new Promise<string>((resolve) => managedPolicyArn("arn:aws-us-gov:iam::123456789012:role/r", "AmazonSSMManagedInstanceCore").apply(resolve));
        assert.equal(arn, "arn:aws-us-gov:iam::aws:policy/AmazonSSMManagedInstanceCore");
    });
});
