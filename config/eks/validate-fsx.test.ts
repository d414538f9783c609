import { strict as assert } from "assert";
import { eksConfig, errorAt, fargateConfig, fixtureErrors, kubernetesConfig, managedConfig, validateFixture } from "../../tests/harness";
import { lustreCapacityAllowed } from "../fsx";
import { validateFsxFileSystems, validateFsxMounts, validateFsxPlacement, validateFsxPlatform } from "./validate-fsx";

type Json = Record<string, unknown>;
const lustre = (l: Json = {}) => ({ scratch: { storageCapacityGiB: 1200, ...l } });
const ontap = (o: Json = {}) => ({ shared: { storageCapacityGiB: 1024, volumes: { data: { sizeMiB: 10240 } }, ...o } });
const storage = (s: Json) => ({ "berth:storage": s });
const ok = (config: Json) => {
    const r = validateFixture(config);
    assert.ok(r.ok, r.ok ? "" : JSON.stringify(r.errors, null, 2));
    return r.spec;
};

describe("berth:storage.lustre sizes and throughput", () => {
    const capacities: Array<[number, boolean]> = [
        [1200, true],
        [1199, false],
        [1201, false],
        [2400, true],
        [2401, false],
        [3600, false],
        [4800, true],
        [0, false],
    ];
    for (const [gib, allowed] of capacities) {
        it(`${allowed ? "accepts" : "refuses"} ${gib} GiB`, () => {
            assert.equal(lustreCapacityAllowed(gib), allowed);
            const config = eksConfig(storage({ lustre: lustre({ storageCapacityGiB: gib }) }));
            if (allowed) ok(config);
            else assert.match(errorAt(fixtureErrors(config), "berth:storage.lustre.scratch.storageCapacityGiB").allowed, /^1200, or a multiple of 2400 \(such as \d+ or \d+\): the sizes FSx for Lustre SSD storage comes in$/);
        });
    }
    it("suggests the multiples around a wrong size: 3600 lies between 2400 and 4800", () => {
        assert.match(errorAt(fixtureErrors(eksConfig(storage({ lustre: lustre({ storageCapacityGiB: 3600 }) }))), "berth:storage.lustre.scratch.storageCapacityGiB").allowed, /such as 2400 or 4800/);
    });
    const throughputs: Array<[string, number, boolean]> = [
        ["PERSISTENT_2", 125, true],
        ["PERSISTENT_2", 1000, true],
        ["PERSISTENT_2", 50, false],
        ["PERSISTENT_2", 2000, false],
        ["PERSISTENT_1", 200, true],
        ["PERSISTENT_1", 125, false],
    ];
    for (const [deploymentType, t, allowed] of throughputs) {
        it(`${allowed ? "accepts" : "refuses"} ${t} MB/s/TiB on ${deploymentType}`, () => {
            const config = eksConfig(storage({ lustre: lustre({ deploymentType, perUnitStorageThroughput: t }) }));
            if (allowed) ok(config);
            else
                assert.equal(
                    errorAt(fixtureErrors(config), "berth:storage.lustre.scratch.perUnitStorageThroughput").allowed,
                    deploymentType === "PERSISTENT_2" ? "one of 125, 250, 500, 1000 (MB/s per TiB) on PERSISTENT_2" : "one of 50, 100, 200 (MB/s per TiB) on PERSISTENT_1",
                );
        });
    }
    it("refuses SCRATCH deployment types, which take no backups", () => {
        errorAt(fixtureErrors(eksConfig(storage({ lustre: lustre({ deploymentType: "SCRATCH_2" }) }))), "berth:storage.lustre.scratch.deploymentType");
    });
    it("defaults to PERSISTENT_2 at 125 MB/s/TiB with 7 days of backups in dev and 30 in prod", () => {
        assert.deepEqual(ok(eksConfig(storage({ lustre: lustre() }))).storage.lustre.scratch, { storageCapacityGiB: 1200, deploymentType: "PERSISTENT_2", perUnitStorageThroughput: 125, backupRetentionDays: 7 });
        assert.equal(ok(eksConfig({ ...storage({ lustre: lustre() }), "berth:environment": "prod" })).storage.lustre.scratch.backupRetentionDays, 30);
        assert.equal(ok(eksConfig(storage({ lustre: lustre({ deploymentType: "PERSISTENT_1" }) }))).storage.lustre.scratch.perUnitStorageThroughput, 50);
    });
    it("probes backup retention: 1 and 90 days, not 0 or 91", () => {
        for (const d of [1, 90]) ok(eksConfig(storage({ lustre: lustre({ backupRetentionDays: d }) })));
        for (const d of [0, 91]) errorAt(fixtureErrors(eksConfig(storage({ lustre: lustre({ backupRetentionDays: d }) }))), "berth:storage.lustre.scratch.backupRetentionDays");
    });
});

describe("berth:storage.ontap sizes and throughput", () => {
    it("probes the capacity: 1024 and 196608 GiB, not 1023 or 196609", () => {
        for (const gib of [1024, 196608]) ok(eksConfig(storage({ ontap: ontap({ storageCapacityGiB: gib }) })));
        for (const gib of [1023, 196609]) errorAt(fixtureErrors(eksConfig(storage({ ontap: ontap({ storageCapacityGiB: gib }) }))), "berth:storage.ontap.shared.storageCapacityGiB");
    });
    it("probes a volume's size: 20 MiB, not 19", () => {
        ok(eksConfig(storage({ ontap: ontap({ volumes: { data: { sizeMiB: 20 } } }) })));
        errorAt(fixtureErrors(eksConfig(storage({ ontap: ontap({ volumes: { data: { sizeMiB: 19 } } }) }))), "berth:storage.ontap.shared.volumes.data.sizeMiB");
    });
    for (const [t, allowed] of [
        [128, true],
        [4096, true],
        [64, false],
        [129, false],
        [8192, false],
    ] as const) {
        it(`${allowed ? "accepts" : "refuses"} a throughput capacity of ${t} MBps`, () => {
            const config = eksConfig(storage({ ontap: ontap({ throughputCapacity: t }) }));
            if (allowed) ok(config);
            else assert.equal(errorAt(fixtureErrors(config), "berth:storage.ontap.shared.throughputCapacity").allowed, "one of 128, 256, 512, 1024, 2048, 4096 (MBps)");
        });
    }
    it("defaults to 128 MBps in one AZ with 7 days of backups, and to two AZs with 30 days in prod", () => {
        const dev = ok(eksConfig(storage({ ontap: ontap() }))).storage.ontap.shared;
        assert.deepEqual(dev, { storageCapacityGiB: 1024, throughputCapacity: 128, deploymentType: "SINGLE_AZ_1", backupRetentionDays: 7, volumes: { data: { sizeMiB: 10240 } } });
        const prod = ok(eksConfig({ ...storage({ ontap: ontap() }), "berth:environment": "prod" })).storage.ontap.shared;
        assert.deepEqual([prod.deploymentType, prod.backupRetentionDays], ["MULTI_AZ_1", 30]);
    });
});

describe("FSx names and mounts", () => {
    const mount = (m: Json) => ({ "berth:services": { web: { volumes: [{ mountPath: "/data", ...m }] } } });

    it("refuses one name for two kinds of file system, since a mount names a file system by name alone", () => {
        const efs = { fileSystems: { shared: { volumes: { data: { path: "/data" } } } } };
        const errors = fixtureErrors(eksConfig(storage({ ...efs, lustre: { shared: { storageCapacityGiB: 1200 } }, ontap: ontap() })));
        assert.match(errorAt(errors, "berth:storage.lustre.shared").allowed, /a name no EFS file system/);
        assert.match(errorAt(errors, "berth:storage.ontap.shared").allowed, /a name no EFS or Lustre file system/);
    });
    it("mounts a Lustre file system whole, and an ONTAP file system by one of its volumes", () => {
        ok(eksConfig({ ...storage({ lustre: lustre() }), ...mount({ fileSystem: "scratch" }) }));
        ok(eksConfig({ ...storage({ ontap: ontap() }), ...mount({ fileSystem: "shared", volume: "data" }) }));
        assert.equal(
            errorAt(fixtureErrors(eksConfig({ ...storage({ lustre: lustre() }), ...mount({ fileSystem: "scratch", volume: "data" }) })), "berth:services.web.volumes.0.volume").allowed,
            "no volume: Lustre file system scratch is mounted whole",
        );
        assert.equal(errorAt(fixtureErrors(eksConfig({ ...storage({ ontap: ontap() }), ...mount({ fileSystem: "shared", volume: "logs" }) })), "berth:services.web.volumes.0.volume").allowed, "a volume of file system shared: data");
        assert.equal(
            errorAt(fixtureErrors(eksConfig({ ...storage({ ontap: ontap(), lustre: lustre() }), ...mount({ fileSystem: "other" }) })), "berth:services.web.volumes.0.fileSystem").allowed,
            "a file system under berth:storage (fileSystems, lustre or ontap): scratch, shared",
        );
    });
    it("refuses FSx mounts on Fargate, naming the file system and the way out, and reports both at once", () => {
        const fargate = { "berth:eks": { nodeGroups: { serverless: { type: "fargate", selectors: [{ namespace: "web" }] } } } };
        const config = eksConfig({
            ...fargate,
            ...storage({ lustre: lustre(), ontap: ontap() }),
            "berth:services": {
                web: {
                    volumes: [
                        { fileSystem: "scratch", mountPath: "/scratch" },
                        { fileSystem: "shared", volume: "data", mountPath: "/data" },
                    ],
                },
            },
        });
        const errors = fixtureErrors(config);
        assert.deepEqual(errorAt(errors, "berth:services.web.volumes.0.fileSystem"), {
            path: "berth:services.web.volumes.0.fileSystem",
            value: "scratch",
            allowed: "an EFS file system (berth:storage.fileSystems) on Fargate: Fargate pods cannot mount FSx for Lustre; run web on a managed or self-managed group (a Fargate profile selects it now)",
        });
        assert.match(errorAt(errors, "berth:services.web.volumes.1.fileSystem").allowed, /cannot mount FSx for NetApp ONTAP/);
        // The managed group still runs other pods: FSx itself is allowed on this cluster.
        assert.equal(errors.filter((e) => e.path.startsWith("berth:storage")).length, 0);
    });
    it("refuses FSx on a cluster of Fargate alone", () => {
        const config = eksConfig({ "berth:eks": { nodeGroups: { general: null, serverless: { type: "fargate" } } }, ...storage({ lustre: lustre(), ontap: ontap() }) });
        const errors = fixtureErrors(config);
        assert.equal(errorAt(errors, "berth:storage.lustre").allowed, "nothing on a cluster of Fargate alone: Fargate pods cannot mount FSx for Lustre; add a managed or self-managed node group");
        errorAt(errors, "berth:storage.ontap");
    });
});

describe("FSx off eks", () => {
    const fsx = storage({ lustre: lustre(), ontap: ontap() });
    const cases: Array<[string, Json, RegExp]> = [
        [
            "ecs-fargate",
            fargateConfig(fsx),
            /^nothing on platform ecs-fargate: FSx for Lustre is built on eks only, for pods on EC2 nodes \(managed, self-managed or Karpenter's\); ECS mounts only FSx for Windows File Server, which berth does not build/,
        ],
        ["ecs-ec2", fargateConfig({ ...fsx, "berth:platform": "ecs-ec2" }), /^nothing on platform ecs-ec2: .*ECS mounts only FSx for Windows File Server, which berth does not build/],
        ["ecs-anywhere", fargateConfig({ ...fsx, "berth:platform": "ecs-anywhere" }), /^nothing on platform ecs-anywhere: .*FSx for Windows File Server/],
        ["apprunner", managedConfig("apprunner", fsx), /^nothing on platform apprunner: .*App Runner services mount no file systems/],
        ["ecs-express", managedConfig("ecs-express", fsx), /^nothing on platform ecs-express: .*Express Mode services mount no file systems/],
        ["kubernetes", kubernetesConfig(fsx), /^nothing on platform kubernetes: .*berth creates nothing in AWS on platform kubernetes/],
    ];
    for (const [platform, config, message] of cases) {
        it(`refuses berth:storage.lustre and berth:storage.ontap on ${platform}, saying what is supported`, () => {
            const errors = fixtureErrors(config);
            assert.match(errorAt(errors, "berth:storage.lustre").allowed, message);
            assert.match(errorAt(errors, "berth:storage.ontap").allowed, /FSx for NetApp ONTAP is built on eks only/);
        });
    }
});

describe("the FSx rules on their own: the edges a stack file never reaches", () => {
    const groups = (g: Json) => ({ nodeGroups: g }) as never;
    const withLustre = { fileSystems: {}, lustre: { scratch: {} }, ontap: {} } as never;

    it("names what is refused on another platform: the file systems' names, or the value itself when it is no map", () => {
        assert.deepEqual(
            validateFsxPlatform({ storage: { lustre: { scratch: {}, fast: {} }, ontap: "nas" } }, "ecs-ec2").map((e) => [e.path, e.value]),
            [
                ["berth:storage.lustre", ["scratch", "fast"]],
                ["berth:storage.ontap", "nas"],
            ],
        );
        assert.deepEqual(validateFsxPlatform({ storage: { lustre: null } }, "ecs-ec2")[0].value, null);
        assert.deepEqual(validateFsxPlatform({ storage: { lustre: { scratch: {} } } }, "eks"), []);
        assert.deepEqual(validateFsxPlatform({ storage: null }, "ecs-ec2"), []);
        assert.deepEqual(validateFsxPlatform({}, "ecs-ec2"), []);
    });

    it("leaves a cluster without groups, and other platforms, to their own rules", () => {
        assert.deepEqual(validateFsxPlacement({ platform: "eks", eks: groups({}), storage: withLustre }), []);
        assert.deepEqual(validateFsxPlacement({ platform: "ecs-fargate", eks: groups({ f: { type: "fargate" } }), storage: withLustre }), []);
        assert.deepEqual(
            validateFsxPlacement({ platform: "eks", eks: groups({ f: { type: "fargate" } }), storage: withLustre }).map((e) => e.path),
            ["berth:storage.lustre"],
        );
    });

    it("checks mounts on eks only", () => {
        const services = { job: { volumes: [{ fileSystem: "scratch", mountPath: "/scratch" }] } } as never;
        const fargate = groups({ f: { type: "fargate" } });
        assert.deepEqual(validateFsxMounts({ platform: "ecs-fargate", services, storage: withLustre, eks: fargate }), []);
        assert.deepEqual(
            validateFsxMounts({ platform: "eks", services, storage: withLustre, eks: fargate }).map((e) => e.path),
            ["berth:services.job.volumes.0.fileSystem"],
        );
    });

    it("suggests the multiples of 2400 around a refused Lustre size", () => {
        const [e] = validateFsxFileSystems({ fileSystems: {}, lustre: { scratch: { storageCapacityGiB: 5000, deploymentType: "PERSISTENT_2" } }, ontap: {} } as never);
        assert.equal(e.allowed, "1200, or a multiple of 2400 (such as 4800 or 7200): the sizes FSx for Lustre SSD storage comes in");
    });
});
