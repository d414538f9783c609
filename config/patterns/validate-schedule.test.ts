// The schedule grammar of berth:patterns.scheduledBatch: expressions EventBridge Scheduler accepts,
// time zones, and the real dates an expression fires on.
import { strict as assert } from "assert";
import fc from "fast-check";
import { isTimeZone, validateScheduleExpression } from "./validate";
import { errorAt, fixtureErrors, patternsConfig } from "../../tests/harness";

const errorsOf = (overrides: Record<string, unknown>) => fixtureErrors(patternsConfig(overrides));
const batch = (b: Record<string, unknown>) => ({ "berth:patterns": { scheduledBatch: { report: b } } });

describe("validateScheduleExpression", () => {
    const at = "berth:patterns.scheduledBatch.report.schedule";
    const cases: Array<[string, RegExp | null]> = [
        ["rate(1 hour)", null],
        ["rate(5 minutes)", null],
        ["rate(2 days)", null],
        ["rate(1 hours)", /rate\(1 hour\): the unit is singular for 1/],
        ["rate(2 hour)", /rate\(2 hours\)/],
        ["rate(0 minutes)", /at least 1/],
        ["rate(2 weeks)", /minutes, hours or days/],
        ["cron(0 6 * * ? *)", null],
        ["cron(15 10 ? * MON-FRI *)", null],
        ["cron(0 6 * * *)", /6 fields .* not 5/],
        ["cron(0 6 * * MON *)", /'\?' in exactly one of day-of-month and day-of-week/],
        ["cron(0 6 ? * ? *)", /'\?' in exactly one/],
        ["at(2026-02-28T06:00:00)", null],
        ["at(2026-02-30T06:00:00)", /a real date and time/],
        ["at(2026-02-28T24:00:00)", /a real date and time/],
        ["every hour", /rate\(N minute\|minutes/],
    ];
    for (const [expr, allowed] of cases) {
        it(`${allowed ? "rejects" : "accepts"} ${expr}`, () => {
            const errors = validateScheduleExpression(at, expr);
            if (!allowed) return assert.deepEqual(errors, []);
            assert.deepEqual(
                errors.map((e) => [e.path, e.value]),
                [[at, expr]],
            );
            assert.match(errors[0].allowed, allowed);
        });
    }

    it("accepts a rate exactly when its unit is singular for 1 and plural otherwise (property)", () => {
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 1000 }), fc.constantFrom("minute", "hour", "day"), fc.boolean(), (n, unit, plural) => {
                const ok = validateScheduleExpression(at, `rate(${n} ${unit}${plural ? "s" : ""})`).length === 0;
                assert.equal(ok, plural === (n !== 1));
            }),
        );
    });

    it("reports the schedule through the whole config", () => {
        const e = errorAt(errorsOf(batch({ schedule: "rate(1 hours)" })), at);
        assert.equal(e.value, "rate(1 hours)");
    });
});

describe("isTimeZone", () => {
    for (const [tz, ok] of [
        ["UTC", true],
        ["Europe/Dublin", true],
        ["America/Argentina/Buenos_Aires", true],
        ["europe/dublin", false],
        ["Mars/Olympus", false],
        ["+01:00", false],
    ] as const) {
        it(`${ok ? "accepts" : "rejects"} ${tz}`, () => assert.equal(isTimeZone(tz), ok));
    }
    it("reports a bad time zone with its key path", () => {
        assert.match(errorAt(errorsOf(batch({ timezone: "Mars/Olympus" })), "berth:patterns.scheduledBatch.report.timezone").allowed, /an IANA time zone/);
    });
});

describe("validateScheduleExpression: the whole expression, and real dates", () => {
    const at = "berth:patterns.scheduledBatch.report.schedule";
    const FORMS = "rate(N minute|minutes|hour|hours|day|days), cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss)";
    const REAL = "at() with a real date and time, e.g. at(2026-12-01T06:00:00)";
    const cases: Array<[string, string | null]> = [
        ["xrate(5 minutes)", FORMS],
        ["rate(5 minutes)x", FORMS],
        ["xcron(0 6 * * ? *)", FORMS],
        ["cron(0 6 * * ? *)x", FORMS],
        ["xat(2026-02-28T06:00:00)", FORMS],
        ["at(2026-02-28T06:00:00)x", FORMS],
        ["rate(2 sday)", `a rate in minutes, hours or days: ${FORMS}`],
        ["rate(1 day)", null],
        ["rate(1 days)", "rate(1 day): the unit is singular for 1 and plural otherwise"],
        ["rate(2 day)", "rate(2 days): the unit is singular for 1 and plural otherwise"],
        ["rate(0 days)", "a rate of at least 1"],
        ["cron( 0 6 * * ? * )", null],
        ["cron(0  6 *   * ? *)", null],
        ["cron(0 6 * * ? * *)", "cron with 6 fields (minutes hours day-of-month month day-of-week year), not 7"],
        ["cron(0 6 * * MON *)", "a cron expression with '?' in exactly one of day-of-month and day-of-week, e.g. cron(0 6 * * ? *)"],
        ["at(2026-01-01T00:00:00)", null],
        ["at(2026-12-31T23:59:59)", null],
        ["at(2028-02-29T12:00:00)", null],
        ["at(2026-02-29T12:00:00)", REAL],
        ["at(2026-13-01T06:00:00)", REAL],
        ["at(2026-00-10T06:00:00)", REAL],
        ["at(2026-04-31T06:00:00)", REAL],
        ["at(2026-04-00T06:00:00)", REAL],
        ["at(2026-12-31T24:00:00)", REAL],
        ["at(2026-02-28T05:60:00)", REAL],
        ["at(2026-02-28T05:30:60)", REAL],
        ["at(0050-06-01T06:00:00)", REAL],
    ];
    for (const [expr, allowed] of cases) {
        it(`${allowed === null ? "accepts" : "rejects"} ${expr}`, () => {
            assert.deepEqual(validateScheduleExpression(at, expr), allowed === null ? [] : [{ path: at, value: expr, allowed }]);
        });
    }

    it("accepts every real minute of a year, and rejects the day after each month's last (property)", () => {
        fc.assert(
            fc.property(fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true }), (d) => {
                const iso = d.toISOString().slice(0, 19);
                assert.deepEqual(validateScheduleExpression(at, `at(${iso})`), []);
                const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
                const past = `at(${iso.slice(0, 8)}${String(last + 1).padStart(2, "0")}${iso.slice(10)})`;
                assert.equal(validateScheduleExpression(at, past).length, 1, past);
            }),
        );
    });
});
