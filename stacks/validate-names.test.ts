import { strict as assert } from "assert";
import { validateChildNames } from "./validate-names";
import { errorAt, fargateConfig, fixtureErrors, merge, validateFixture } from "../tests/harness";

const step = (name: string) => ({ name, metric: { namespace: "AWS/SQS", name: "Backlog" }, threshold: 1, comparison: "GreaterThanThreshold", steps: [{ lower: 0, adjustment: 1 }] });

describe("validateChildNames", () => {
    it("rejects schedules of two services whose child names collide", () => {
        const errors = fixtureErrors(
            merge(fargateConfig(), {
                "berth:services": {
                    web: { scaling: { max: 3, schedules: [{ name: "api-night", schedule: "cron(0 20 * * ? *)", min: 1 }] } },
                    "web-api": { image: "api", scaling: { max: 3, schedules: [{ name: "night", schedule: "cron(0 20 * * ? *)", min: 1 }] } },
                },
            }),
        );
        const e = errorAt(errors, "berth:services.web-api.scaling.schedules.0.name");
        assert.match(e.allowed, /scheduled action \(web-api-night\) does not collide with the one from berth:services.web.scaling.schedules.0.name/);
    });

    it("rejects a step policy that collides with another service's target tracking", () => {
        const errors = fixtureErrors(merge(fargateConfig(), { "berth:services": { web: { scaling: { max: 3, steps: [step("api-cpu")] } }, "web-api": { image: "api", scaling: { max: 3, cpu: 50 } } } }));
        errorAt(errors, "berth:services.web-api.scaling.cpu");
    });

    it("rejects file systems and volumes whose security groups or access points collide", () => {
        const errors = fixtureErrors(
            merge(fargateConfig(), {
                "berth:storage": { fileSystems: { data: { volumes: { x: { path: "/x" } } }, "data-client": { volumes: { y: { path: "/y" } } }, a: { volumes: { "b-c": { path: "/1" } } }, "a-b": { volumes: { c: { path: "/2" } } } } },
            }),
        );
        errorAt(errors, "berth:storage.fileSystems.data-client");
        errorAt(errors, "berth:storage.fileSystems.a-b.volumes.c");
    });

    it("accepts distinct names", () => {
        const ok = validateFixture(merge(fargateConfig(), { "berth:services": { web: { scaling: { max: 3, cpu: 50, steps: [step("backlog")] } }, api: { image: "api", scaling: { max: 3, cpu: 50 } } } }));
        assert.ok(ok.ok, JSON.stringify(!ok.ok && ok.errors));
    });

    it("names the value the user wrote, and blames a key once though its policy and its alarm both collide", () => {
        const errors = fixtureErrors(merge(fargateConfig(), { "berth:services": { web: { scaling: { max: 3, cpu: 50, steps: [step("api-x")] } }, "web-api": { image: "api", scaling: { max: 3, cpu: 50, steps: [step("x")] } } } }));
        const at = errors.filter((e) => e.path === "berth:services.web-api.scaling.steps.0.name");
        assert.deepEqual(
            at.map((e) => [e.value, e.allowed]),
            [["x", "a name whose scaling policy (web-api-x) does not collide with the one from berth:services.web.scaling.steps.0.name"]],
        );
    });

    it("leaves a key another rule has blamed to that rule", () => {
        const cfg = { services: {}, storage: { fileSystems: { data: { volumes: {} }, "data-client": { volumes: {} } } } } as unknown as Parameters<typeof validateChildNames>[0];
        assert.deepEqual(validateChildNames(cfg).map((e) => e.path), ["berth:storage.fileSystems.data-client"]);
        assert.deepEqual(validateChildNames(cfg, new Set(["berth:storage.fileSystems.data-client"])), []);
    });
});
