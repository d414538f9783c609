// EventBridge Scheduler expressions as a Kubernetes CronJob's 5-field cron: what converts exactly, and
// why the rest does not.
import { strict as assert } from "assert";
import { cronJobSchedule, RATE_TIME_ZONE, toKubernetesCron } from "./cron";

describe("toKubernetesCron", () => {
    const converts: Array<[string, string, boolean]> = [
        // cron: '?' becomes '*', the year goes, day-of-week numbers shift from 1-7 to 0-6, names stay.
        ["cron(0 2 * * ? *)", "0 2 * * *", true],
        ["cron(15 10 ? * MON-FRI *)", "15 10 * * MON-FRI", true],
        ["cron(0 6 ? * 1 *)", "0 6 * * 0", true],
        ["cron(0 6 ? * 7 *)", "0 6 * * 6", true],
        ["cron(0 6 ? * 2-6 *)", "0 6 * * 1-5", true],
        ["cron(0 6 ? * 1,4,7 *)", "0 6 * * 0,3,6", true],
        ["cron(0 6 ? * */2 *)", "0 6 * * */2", true],
        ["cron(0 6 ? * 1/2 *)", "0 6 * * 0/2", true],
        ["cron(0 6 ? * sun,Wed *)", "0 6 * * sun,Wed", true],
        ["cron(0 6 1 JUL ? *)", "0 6 1 JUL *", true],
        ["cron(0 6 ? * WED-SAT *)", "0 6 * * WED-SAT", true],
        ["cron(*/5 8-17 1,15 JAN-JUN ? *)", "*/5 8-17 1,15 JAN-JUN *", true],
        ["cron(0 0 * * * *)", "0 0 * * *", true],
        ["cron( 0  2 * * ? * )", "0 2 * * *", true],
        // rate: intervals a cron repeats exactly, read in UTC.
        ["rate(1 minute)", "* * * * *", false],
        ["rate(5 minutes)", "*/5 * * * *", false],
        ["rate(30 minutes)", "*/30 * * * *", false],
        ["rate(60 minutes)", "0 * * * *", false],
        ["rate(1 hour)", "0 * * * *", false],
        ["rate(120 minutes)", "0 */2 * * *", false],
        ["rate(12 hours)", "0 */12 * * *", false],
        ["rate(24 hours)", "0 0 * * *", false],
        ["rate(1 day)", "0 0 * * *", false],
    ];
    for (const [expression, cron, zoned] of converts) {
        it(`converts ${expression} to "${cron}"${zoned ? "" : " in UTC"}`, () => assert.deepEqual(toKubernetesCron(expression), { ok: true, value: { cron, zoned } }));
    }

    const refuses: Array<[string, string]> = [
        ["at(2026-12-01T06:00:00)", "at() runs once, and a Kubernetes CronJob repeats: start the task by hand at that time (the tasks output), or write a cron(...) that repeats"],
        ["cron(0 2 * * ? 2027)", "the year field is 2027, and a Kubernetes cron has no year (the CronJob would fire every year): use * for the year"],
        ["cron(0 2 * * ? 2026-2030)", "the year field is 2026-2030, and a Kubernetes cron has no year (the CronJob would fire every year): use * for the year"],
        ["cron(0 2 L * ? *)", "the day-of-month field L uses L (last), W (nearest weekday) or # (nth weekday of the month), which a Kubernetes cron cannot express; list the days instead"],
        ["cron(0 2 15W * ? *)", "the day-of-month field 15W uses L (last), W (nearest weekday) or # (nth weekday of the month), which a Kubernetes cron cannot express; list the days instead"],
        ["cron(0 2 ? * 6L *)", "the day-of-week field 6L uses L (last), W (nearest weekday) or # (nth weekday of the month), which a Kubernetes cron cannot express; list the days instead"],
        ["cron(0 2 ? * 2#1 *)", "the day-of-week field 2#1 uses L (last), W (nearest weekday) or # (nth weekday of the month), which a Kubernetes cron cannot express; list the days instead"],
        ["cron(0 2 ? * 0 *)", "the day-of-week field 0 is not a list of values, ranges and steps that Kubernetes reads the same way"],
        ["cron(0 2 ? * 8 *)", "the day-of-week field 8 is not a list of values, ranges and steps that Kubernetes reads the same way"],
        ["cron(0 2 ? * 1-8 *)", "the day-of-week field 1-8 is not a list of values, ranges and steps that Kubernetes reads the same way"],
        // Two digits past the range, a name past its range, and an element no list reads.
        ["cron(0 2 ? * 10 *)", "the day-of-week field 10 is not a list of values, ranges and steps that Kubernetes reads the same way"],
        ["cron(0 2 ? * MON-10 *)", "the day-of-week field MON-10 is not a list of values, ranges and steps that Kubernetes reads the same way"],
        ["cron(0 2 ? * 1+2 *)", "the day-of-week field 1+2 is not a list of values, ranges and steps that Kubernetes reads the same way"],
        // The first field counts too.
        ["cron(L 2 * * ? *)", "the minutes field L uses L (last), W (nearest weekday) or # (nth weekday of the month), which a Kubernetes cron cannot express; list the days instead"],
        ["cron(1.5 2 * * ? *)", "the minutes field 1.5 is not a list of values, ranges and steps that Kubernetes reads the same way"],
        ["cron(0 2,, * * ? *)", "the hours field 2,, is not a list of values, ranges and steps that Kubernetes reads the same way"],
        ["cron(0 2 * * *)", "cron with 5 fields, where EventBridge takes 6"],
        ["rate(7 minutes)", "rate(7 minutes) repeats every 7 minutes, which a 5-field cron cannot repeat exactly (it restarts each hour, day or month): use minutes that divide 60, hours that divide 24, 1 day, or a cron(...)"],
        ["rate(90 minutes)", "rate(90 minutes) repeats every 90 minutes, which a 5-field cron cannot repeat exactly (it restarts each hour, day or month): use minutes that divide 60, hours that divide 24, 1 day, or a cron(...)"],
        ["rate(5 hours)", "rate(5 hours) repeats every 300 minutes, which a 5-field cron cannot repeat exactly (it restarts each hour, day or month): use minutes that divide 60, hours that divide 24, 1 day, or a cron(...)"],
        ["rate(48 hours)", "rate(48 hours) repeats every 2880 minutes, which a 5-field cron cannot repeat exactly (it restarts each hour, day or month): use minutes that divide 60, hours that divide 24, 1 day, or a cron(...)"],
        ["rate(2 days)", "rate(2 days) repeats every 2880 minutes, which a 5-field cron cannot repeat exactly (it restarts each hour, day or month): use minutes that divide 60, hours that divide 24, 1 day, or a cron(...)"],
        ["every hour", "an expression that is not rate(...) or cron(...)"],
    ];
    for (const [expression, why] of refuses) {
        it(`refuses ${expression}`, () => assert.deepEqual(toKubernetesCron(expression), { ok: false, why }));
    }

    it("converts every minute count that divides an hour, and hour count that divides a day, and nothing else up to two days", () => {
        const exact = [];
        for (let m = 1; m <= 2880; m++) if (toKubernetesCron(`rate(${m} minutes)`).ok) exact.push(m);
        assert.deepEqual(exact, [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440]);
    });
});

describe("cronJobSchedule", () => {
    it("keeps the time zone of a cron, and reads a rate in UTC", () => {
        assert.deepEqual(cronJobSchedule("cron(0 2 * * ? *)", "Europe/Berlin"), { cron: "0 2 * * *", timeZone: "Europe/Berlin" });
        assert.deepEqual(cronJobSchedule("rate(1 day)", "Europe/Berlin"), { cron: "0 0 * * *", timeZone: RATE_TIME_ZONE });
        assert.equal(RATE_TIME_ZONE, "Etc/UTC");
    });
    it("throws on what validation refuses, naming the expression", () => {
        assert.throws(() => cronJobSchedule("rate(7 minutes)", "UTC"), /^Error: rate\(7 minutes\): rate\(7 minutes\) repeats every 7 minutes/);
    });
});
