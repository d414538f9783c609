import { strict as assert } from "assert";
import { ALWAYS_REPORTED, PARITY, parityOf, serviceParity } from "./parity";
import { PLATFORMS, serviceSchema } from "./schema";

const STATUSES = ["honoured", "differently", "refused"];

describe("PARITY", () => {
    it("classifies every key of serviceSchema on every platform, with a note", () => {
        const missing: string[] = [];
        for (const key of Object.keys(serviceSchema.shape)) {
            for (const p of PLATFORMS) {
                const cell = PARITY[key]?.[p];
                if (!cell || !STATUSES.includes(cell.status) || !cell.note.trim()) missing.push(`${key} on ${p}`);
                for (const c of cell?.cases ?? []) if (!STATUSES.includes(c.status) || !c.note.trim() || !c.when.trim()) missing.push(`${key} on ${p} when ${c.when}`);
            }
        }
        assert.deepEqual(missing, []);
    });

    it("has no platform the schema does not know, in any row", () => {
        const extra = Object.entries(PARITY).flatMap(([key, row]) =>
            Object.keys(row)
                .filter((p) => !(PLATFORMS as ReadonlyArray<string>).includes(p))
                .map((p) => `${key} on ${p}`),
        );
        assert.deepEqual(extra, []);
    });

    it("lists the keys arriving from other branches, whether or not the schema has them yet", () => {
        for (const key of ["user", "writablePaths", "runAsUser", "readonlyRootFilesystem", "schedule", "timezone", "calls", "internal"]) {
            assert.deepEqual(
                PLATFORMS.filter((p) => !PARITY[key]?.[p]),
                [],
                key,
            );
        }
    });

    it("decides by the value where the value decides", () => {
        assert.deepEqual(
            [
                parityOf("eks", "user", 0)?.status,
                parityOf("eks", "user", "0:0")?.status,
                parityOf("eks", "user", 1000)?.status,
                parityOf("ecs-fargate", "user", 0)?.status,
                parityOf("apprunner", "user", 1000)?.status,
                parityOf("apprunner", "readonlyRootFilesystem", true)?.status,
                parityOf("apprunner", "readonlyRootFilesystem", false)?.status,
                parityOf("kubernetes", "schedule", "at(2026-06-01T00:00:00)")?.status,
                parityOf("kubernetes", "schedule", "cron(0 3 * * ? *)")?.status,
                parityOf("kubernetes", "path", "/api/*")?.status,
                parityOf("kubernetes", "path", "/a*b/*")?.status,
                parityOf("ecs-express", "healthCheck", { path: "/" })?.status,
                parityOf("ecs-express", "healthCheck", { path: "/", interval: 10 })?.status,
                parityOf("eks", "scaling", { min: 1, max: 3, cpu: 60 })?.status,
                parityOf("eks", "scaling", { min: 1, max: 3, cpu: 60, steps: [] })?.status,
                parityOf("eks", "scaling", { min: 1, max: 3, cpu: 60, requests: 100 })?.status,
            ],
            ["refused", "refused", "honoured", "honoured", "refused", "refused", "honoured", "refused", "differently", "differently", "refused", "honoured", "refused", "differently", "differently", "refused"],
        );
        assert.equal(parityOf("eks", "nosuchkey", 1), undefined);
    });
});

describe("serviceParity", () => {
    it("reports the keys each service writes, sorted by service then key, and nothing the table does not know", () => {
        const entries = serviceParity("ecs-express", { web: { port: 80, image: "x", bogus: 1 }, api: { readonlyRootFilesystem: true } });
        assert.deepEqual(
            entries.map((e) => [e.service, e.key, e.status]),
            [
                ["api", "readonlyRootFilesystem", "refused"],
                ["web", "image", "honoured"],
                ["web", "port", "honoured"],
            ],
        );
        assert.deepEqual(Object.keys(entries[0]), ["service", "key", "status", "note"]);
        assert.equal(entries[0].note, "the Express Mode API has no read-only root file system setting");
    });

    it("adds cpu, memory and, with a port, healthCheck on Kubernetes, written or not", () => {
        const keys = (platform: string) => serviceParity(platform, { web: { image: "x", port: 80 }, worker: { image: "y" } }).map((e) => `${e.service}.${e.key}:${e.status}`);
        assert.deepEqual(keys("kubernetes"), [
            "web.cpu:differently",
            "web.healthCheck:differently",
            "web.image:honoured",
            "web.memory:differently",
            "web.port:honoured",
            "worker.cpu:differently",
            "worker.image:honoured",
            "worker.memory:differently",
        ]);
        assert.deepEqual(keys("ecs-fargate"), ["web.image:honoured", "web.port:honoured", "worker.image:honoured"]);
        assert.deepEqual(Object.keys(ALWAYS_REPORTED).sort(), ["eks", "kubernetes"]);
    });

    it("gives nothing for an unknown platform or services that are not a map", () => {
        assert.deepEqual([serviceParity(null, { web: {} }), serviceParity("lambda", { web: { port: 80 } }), serviceParity("eks", ["web"]), serviceParity("eks", undefined)], [[], [], [], []]);
    });
});
