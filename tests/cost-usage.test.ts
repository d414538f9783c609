// GIVEN `berth:usage` in a stack's config, WHEN it is validated, THEN unknown keys and negative
// numbers are config errors naming the key path, and what validates replaces only the defaults it names.
import { strict as assert } from "node:assert";
import { DEFAULT_USAGE, usageOf } from "../cost";
import { formatConfigError } from "../config/errors";
import { fargateConfig, validateFixture } from "./harness";

const errors = (usage: unknown) => {
    const r = validateFixture(fargateConfig({ "berth:usage": usage }));
    return r.ok ? [] : r.errors.map((e) => ({ path: e.path, message: formatConfigError(e) }));
};

describe("berth:usage", () => {
    it("takes every key the estimate reads, and nothing makes it required", () => {
        assert.deepEqual(errors({ ...DEFAULT_USAGE, scaledTasks: "midpoint" }), []);
        assert.ok(validateFixture(fargateConfig()).ok);
        assert.deepEqual(errors({}), []);
    });

    it("refuses an unknown key, naming it", () => {
        assert.deepEqual(errors({ natGb: 5 }), [{ path: "berth:usage.natGb", message: "berth:usage.natGb is 5; expected no such key: did you mean natGbPerMonth?" }]);
        assert.deepEqual(errors({ requestsPerSecond: -1 }), [{ path: "berth:usage.requestsPerSecond", message: "berth:usage.requestsPerSecond is -1; expected at least 0" }]);
    });

    it("refuses a negative number and a wrong scaledTasks, at their key paths", () => {
        assert.deepEqual(
            errors({ requestsPerSecond: -1, scaledTasks: "max" }).map((e) => e.path),
            ["berth:usage.requestsPerSecond", "berth:usage.scaledTasks"],
        );
        assert.deepEqual(
            errors({ appRunnerActiveHoursPerMonth: 745 }).map((e) => e.path),
            ["berth:usage.appRunnerActiveHoursPerMonth"],
        );
    });

    it("a written value replaces its default; the rest keep theirs", () => {
        const u = usageOf({ natGbPerMonth: 500, scaledTasks: "midpoint" });
        assert.equal(u.natGbPerMonth, 500);
        assert.equal(u.scaledTasks, "midpoint");
        assert.deepEqual({ ...u, natGbPerMonth: DEFAULT_USAGE.natGbPerMonth, scaledTasks: "min" }, DEFAULT_USAGE);
    });
});
