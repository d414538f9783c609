import { strict as assert } from "assert";
import { composedChildNames, validateChildNames } from "./validate-names";
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
        assert.deepEqual(
            validateChildNames(cfg).map((e) => e.path),
            ["berth:storage.fileSystems.data-client"],
        );
        assert.deepEqual(validateChildNames(cfg, new Set(["berth:storage.fileSystems.data-client"])), []);
    });
});

describe("composedChildNames", () => {
    type Cfg = Parameters<typeof composedChildNames>[0];
    const scaled = (scaling: Record<string, unknown>) => ({ scaling: { steps: [], schedules: [], ...scaling } });
    const names = (cfg: Cfg) => composedChildNames(cfg).map((c) => [c.kind, c.name, c.path, c.value].join(" | "));

    it("names one policy per target-tracking metric written, and none for a service that does not scale", () => {
        const cfg = { services: { a: scaled({ cpu: 50 }), b: scaled({ memory: 60 }), c: scaled({ requests: 100 }), d: {} }, storage: { fileSystems: {} } } as unknown as Cfg;
        assert.deepEqual(names(cfg), [
            "scaling policy | a-cpu | berth:services.a.scaling.cpu | cpu",
            "scaling policy | b-memory | berth:services.b.scaling.memory | memory",
            "scaling policy | c-requests | berth:services.c.scaling.requests | requests",
        ]);
    });

    it("names each step's policy and alarm, each schedule, the backlog policy, and each file system's groups and access points", () => {
        const cfg = {
            patterns: { queueWorker: { thumbs: {} } },
            services: { web: { scaling: { cpu: 50, memory: 60, requests: 100, steps: [step("burst")], schedules: [{ name: "night" }] } } },
            storage: { fileSystems: { data: { volumes: { uploads: {} } } } },
        } as unknown as Cfg;
        assert.deepEqual(names(cfg), [
            "scaling policy | thumbs-backlog | berth:patterns.queueWorker.thumbs | thumbs",
            "scaling policy | web-cpu | berth:services.web.scaling.cpu | cpu",
            "scaling policy | web-memory | berth:services.web.scaling.memory | memory",
            "scaling policy | web-requests | berth:services.web.scaling.requests | requests",
            "scaling policy | web-burst | berth:services.web.scaling.steps.0.name | burst",
            "alarm | web-burst-alarm | berth:services.web.scaling.steps.0.name | burst",
            "scheduled action | web-night | berth:services.web.scaling.schedules.0.name | night",
            "security group | efs-data-sg | berth:storage.fileSystems.data | data",
            "security group | efs-data-client-sg | berth:storage.fileSystems.data | data",
            "access point | efs-data-uploads-ap | berth:storage.fileSystems.data.volumes.uploads | uploads",
        ]);
    });

    it("tells a policy from an alarm of the same name", () => {
        // web's step "api-x-alarm" is a policy named web-api-x-alarm; web-api's step "x" raises the alarm web-api-x-alarm: different kinds, no clash.
        const cfg = { services: { web: { scaling: { steps: [step("api-x-alarm")], schedules: [] } }, "web-api": { scaling: { steps: [step("x")], schedules: [] } } }, storage: { fileSystems: {} } } as unknown as Cfg;
        assert.deepEqual(validateChildNames(cfg), []);
    });
});
