// Issue 20 item 6: documentation ranges, example accounts and example names plan as well as real
// ones; each is a `placeholder` warning in every environment (so --strict fails on it).
import { strict as assert } from "assert";
import { fargateConfig, validateFixture } from "../tests/harness";
import { placeholderProblem, placeholderWarnings } from "./placeholders";

describe("placeholders", () => {
    const placeholders = [
        "203.0.113.0/24",
        "198.51.100.0/24",
        "192.0.2.0/24",
        "192.0.2.10/32",
        "2001:db8::/32",
        "123456789012",
        "arn:aws:iam::123456789012:role/platform-admin",
        "arn:aws:acm:eu-west-1:123456789012:certificate/0d6c5a1b-1111-2222-3333-444455556666",
        "arn:aws:iam::111122223333:root",
        "app.example.com",
        "oncall@example.org",
        "api.shop.example",
        "Z0123456789ABCDEFGHIJ",
        "Z3M3LMPEXAMPLE",
    ];
    for (const v of placeholders) it(`${v} is a placeholder`, () => assert.ok(placeholderProblem(v), v));

    const real = ["10.0.0.0/16", "0.0.0.0/0", "203.0.114.0/24", "81.2.69.160/27", "arn:aws:iam::483920175846:role/platform-admin", "1234567890123", "app.acme.io", "examples.com", "Z04481832J8XAMPLE7ZQ1", "nginx:1.27"];
    for (const v of real) it(`${v} looks real`, () => assert.equal(placeholderProblem(v), undefined));

    it("warns at each leaf's key path, lists included, in any environment", () => {
        assert.deepEqual(placeholderWarnings({ loadBalancer: { allowedCidrs: ["10.1.0.0/16", "203.0.113.0/24"] }, eks: { adminRoleArns: ["arn:aws:iam::123456789012:role/admin"] } }), [
            {
                code: "placeholder",
                path: "berth:loadBalancer.allowedCidrs.1",
                message: "is 203.0.113.0/24, in 203.0.113.0/24 (RFC 5737), a range reserved for documentation: no real client or network has it; replace it with your own",
            },
            {
                code: "placeholder",
                path: "berth:eks.adminRoleArns.0",
                message: "is arn:aws:iam::123456789012:role/admin: 123456789012 is an example account from the documentation, no one's; replace it with the real account's",
            },
        ]);
    });

    it("reaches a dev stack's warnings, and prod's", () => {
        for (const environment of ["dev", "prod"]) {
            const r = validateFixture(fargateConfig({ "berth:environment": environment, "berth:loadBalancer": { allowedCidrs: ["192.0.2.0/24"] } }));
            assert.ok(r.ok);
            assert.deepEqual(
                r.warnings.filter((w) => w.code === "placeholder").map((w) => w.path),
                ["berth:loadBalancer.allowedCidrs.0"],
                environment,
            );
        }
    });
});
