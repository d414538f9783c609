import { strict as assert } from "assert";
import { secretReadPolicy, secretResourceArn } from "./policies";

describe("secretResourceArn", () => {
    const base = "arn:aws:secretsmanager:us-east-1:123456789012:secret";
    const cases: Array<[string, string]> = [
        [`${base}:db-AbCdEf`, `${base}:db-AbCdEf`],
        [`${base}:db-AbCdEf:password::`, `${base}:db-AbCdEf`],
        [`${base}:db`, `${base}:db-??????`],
        ["arn:aws:ssm:us-east-1:123456789012:parameter/app/token", "arn:aws:ssm:us-east-1:123456789012:parameter/app/token"],
    ];
    for (const [ref, arn] of cases) it(`${ref} -> ${arn}`, () => assert.equal(secretResourceArn(ref), arn));

    it("groups secrets and parameters, each deduplicated, and gives none when there are none", () => {
        const doc = secretReadPolicy([`${base}:a-AbCdEf:k1::`, `${base}:a-AbCdEf:k2::`, "arn:aws:ssm:us-east-1:123456789012:parameter/p"]);
        assert.deepEqual(doc!.Statement.map((s) => [s.Action, s.Resource]), [
            [["secretsmanager:GetSecretValue"], [`${base}:a-AbCdEf`]],
            [["ssm:GetParameters"], ["arn:aws:ssm:us-east-1:123456789012:parameter/p"]],
        ]);
        assert.equal(secretReadPolicy([]), undefined);
    });
});
