// What keeps large plans fast, held by behaviour rather than by timing (`npm run bench` times them):
// the generated stack's shape, the SDK modules a plan never loads, and error traces that still
// point at the TypeScript line.
import { strict as assert } from "assert";
import * as path from "path";
import { plan, PlanError } from "../plan/engine";
import { scaleStackConfig } from "../plan/generate";
import { ofType, planOk, planStackOk } from "./harness";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deferred } = require("../plan/launch") as { deferred: Array<{ parent: string; request: string; loaded: boolean }> };

describe("the generated scale stack (npm run bench -- --services N)", () => {
    it("adds 20 resources per service: its group, task, roles, service, two security group rules, target group, rule and two tracking policies", async () => {
        const one = await planOk(scaleStackConfig(1), "scale1");
        const three = await planOk(scaleStackConfig(3), "scale3");
        assert.equal(one.resources.length, 34);
        assert.equal(three.resources.length - one.resources.length, 2 * 20);
        assert.deepEqual(
            ofType(three, "aws:appautoscaling/policy:Policy")
                .map((r) => r.name)
                .sort(),
            ["svc000-cpu", "svc000-requests", "svc001-cpu", "svc001-requests", "svc002-cpu", "svc002-requests"],
        );
        assert.deepEqual(
            ofType(three, "aws:lb/listenerRule:ListenerRule").map((r) => (r.inputs as any).conditions[0].pathPattern.values[0]),
            ["/svc000/*", "/svc001/*", "/svc002/*"],
        );
    });
});

describe("what a plan does not load", () => {
    it("leaves the closure serializer, the Automation API and awsx classic unloaded", async () => {
        await planStackOk("dev");
        assert.deepEqual(deferred.map((d) => d.request).sort(), ["./automation", "./classic", "./closure/codePaths", "./closure/serializeClosure"]);
        assert.deepEqual(
            deferred.filter((d) => d.loaded).map((d) => `${d.parent} -> ${d.request}`),
            [],
        );
    });
});

describe("output properties, made when the program first reads them", () => {
    it("resolve to the registered values whether read while composing or after registration, and cost nothing unread", async () => {
        const entry = path.join(__dirname, "fixtures/late-read.ts");
        const result = await plan({ stack: "t", config: { "aws:region": "us-east-1" }, project: "berth", entry });
        assert.ok(result.ok);
        const cluster = result.plan.resources.find((r) => r.name === "reads")!;
        assert.match(String(cluster.arn), /^arn:aws:ecs:us-east-1:123456789012:cluster\/reads-[0-9a-f]{7}$/);
        assert.deepEqual(result.plan.outputs, {
            arnKeptAfterRead: true,
            arnWhileComposing: cluster.arn,
            nameAfterRegistration: cluster.id,
            tagsAllNeverRead: true,
        });
    });
});

describe("errors that are not config errors", () => {
    it("keep a stack trace that points at the TypeScript source line", async () => {
        const entry = path.join(__dirname, "fixtures/throws.ts");
        await assert.rejects(plan({ stack: "t", config: {}, project: "berth", entry }), (e: unknown) => {
            assert.ok(!(e instanceof PlanError));
            assert.match(String((e as Error).stack), /Cannot read properties of undefined \(reading 'port'\)\n\s+at .*tests\/fixtures\/throws\.ts:6:\d+\)/);
            return true;
        });
    });
});

describe("the generated stack stays within the ALB's 100 target groups", () => {
    it("routes the first 100 services on the ALB and runs the rest as private workers", () => {
        const services = Object.values(scaleStackConfig(101)["berth:services"] as Record<string, { public?: boolean; scaling: Record<string, unknown> }>);
        assert.deepEqual([services.filter((s) => s.public === true).length, services.filter((s) => s.public === undefined).length], [100, 1]);
        assert.deepEqual(services[100].scaling, { min: 1, max: 4, cpu: 60 });
        assert.deepEqual(services[99].scaling, { min: 1, max: 4, cpu: 60, requests: 500 });
    });
});
