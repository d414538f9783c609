// validateEcsService, continued (validate.test.ts holds the rest): PrivateLink publishing and the
// container's own health check, each on its limits.
import { strict as assert } from "assert";
import { errorAt, fargateConfig, fixtureErrors, merge, validateFixture } from "../../tests/harness";

const errorsOf = (overrides: Record<string, unknown>) => fixtureErrors(merge(fargateConfig(), overrides));
const web = (svc: Record<string, unknown>) => ({ "berth:services": { web: svc } });

describe("validateEcsService", () => {
    describe("privateLink", () => {
        const pl = { allowedPrincipals: ["arn:aws:iam::210987654321:root"] };
        it("is for a private service with a port", () => {
            const errors = errorsOf(web({ privateLink: pl }));
            assert.match(errorAt(errors, "berth:services.web.public").allowed, /^false for a service published through PrivateLink: it gets an internal load balancer of its own/);
            const noPort = errorsOf({ "berth:services": { api: { image: "api", privateLink: pl } } });
            assert.equal(errorAt(noPort, "berth:services.api.port").allowed, "a container port (1-65535) for a service published through PrivateLink");
        });
        it("needs the stack's VPC", () => {
            const e = errorAt(errorsOf({ "berth:platform": "ecs-anywhere", "berth:loadBalancer": null, "berth:services": { web: { public: false, privateLink: pl } } }), "berth:services.web.privateLink");
            assert.match(e.allowed, /^nothing on ecs-anywhere: PrivateLink needs tasks in the stack's VPC/);
        });
        for (const [principal, ok] of [
            ["arn:aws:iam::210987654321:root", true],
            ["arn:aws:iam::210987654321:role/partner-app", true],
            ["*", false],
            ["arn:aws:iam::*:root", false],
            ["210987654321", false],
        ] as const) {
            it(`${ok ? "accepts" : "refuses"} the principal ${principal}`, () => {
                assert.equal(validateFixture(merge(fargateConfig(), web({ public: false, privateLink: { allowedPrincipals: [principal] } }))).ok, ok);
            });
        }
        it("needs at least one principal", () => {
            errorAt(errorsOf(web({ public: false, privateLink: { allowedPrincipals: [] } })), "berth:services.web.privateLink.allowedPrincipals");
        });
    });

    describe("containerHealthCheck", () => {
        const check = (c: Record<string, unknown>) => web({ containerHealthCheck: { command: ["CMD-SHELL", "true"], ...c } });
        const cases: Array<[string, Record<string, unknown>, boolean]> = [
            ["CMD-SHELL", {}, true],
            ["CMD", { command: ["CMD", "/bin/check"] }, true],
            ["a bare command", { command: ["curl", "-f", "localhost"] }, false],
            ["a command with nothing to run", { command: ["CMD-SHELL"] }, false],
            ["interval 5", { interval: 5 }, true],
            ["interval 4", { interval: 4 }, false],
            ["interval 300", { interval: 300 }, true],
            ["interval 301", { interval: 301 }, false],
            ["timeout 60", { timeout: 60 }, true],
            ["timeout 61", { timeout: 61 }, false],
            ["retries 10", { retries: 10 }, true],
            ["retries 11", { retries: 11 }, false],
            ["retries 0", { retries: 0 }, false],
            ["startPeriod 300", { startPeriod: 300 }, true],
            ["startPeriod 301", { startPeriod: 301 }, false],
        ];
        for (const [what, c, ok] of cases) {
            it(`${ok ? "accepts" : "rejects"} ${what}`, () => assert.equal(validateFixture(merge(fargateConfig(), check(c))).ok, ok));
        }
    });
});
