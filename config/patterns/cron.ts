// EventBridge Scheduler expressions as the 5-field cron of a Kubernetes CronJob. Pure: validation
// refuses what does not convert (naming the key), and the Kubernetes compositions convert the rest.
//
// EventBridge cron: minutes hours day-of-month month day-of-week year, with `?` in one of the two
// day fields, day-of-week 1-7 for SUN-SAT, and `L`, `W` and `#`. Source: EventBridge Scheduler user
// guide, "Schedule types on EventBridge Scheduler" (cron-based schedules).
// Kubernetes cron: minute hour day-of-month month day-of-week, day-of-week 0-6 for SUN-SAT, names
// (JAN, MON) in both, no year, and no `L`, `W` or `#`. Source: Kubernetes documentation,
// "CronJob" (Schedule syntax).
import { rateMinutes } from "./spec";

/** A schedule as a CronJob runs it: the 5-field cron, and whether it reads in the configured time zone. */
export interface KubernetesCron {
    readonly cron: string;
    /**
     * false for a rate: EventBridge ignores the time zone of a rate, and a cron read in a zone with
     * daylight saving would stretch or shrink one interval a year, so the CronJob reads it in UTC.
     */
    readonly zoned: boolean;
}

export type Conversion = { readonly ok: true; readonly value: KubernetesCron } | { readonly ok: false; readonly why: string };

/** The time zone a CronJob reads a rate in (any zone without daylight saving would do). */
export const RATE_TIME_ZONE = "Etc/UTC";

const fail = (why: string): Conversion => ({ ok: false, why });

/**
 * An interval a 5-field cron repeats exactly: minutes that divide an hour, hours that divide a day, or
 * one day. Anything else (7 minutes, 5 hours, 2 days) restarts at the top of the hour, day or month,
 * so one interval a period would come out short.
 */
function rateCron(minutes: number): string | undefined {
    if (minutes === 1) return "* * * * *";
    if (minutes < 60 && 60 % minutes === 0) return `*/${minutes} * * * *`;
    const hours = minutes / 60;
    if (hours === 1) return "0 * * * *";
    if (Number.isInteger(hours) && hours < 24 && 24 % hours === 0) return `0 */${hours} * * *`;
    return hours === 24 ? "0 0 * * *" : undefined;
}

/** One comma-separated element of a field: `*`, a value or a range of numbers or names, with an optional step. */
const ELEMENT = /^(\*|\d+|[A-Za-z]{3})(?:-(\d+|[A-Za-z]{3}))?(?:\/(\d+))?$/;

/** EventBridge numbers the days of the week 1-7 from Sunday, Kubernetes 0-6; names and steps stay. */
function dayOfWeek(field: string): string | undefined {
    const out: string[] = [];
    for (const element of field.split(",")) {
        const m = ELEMENT.exec(element);
        if (!m) return undefined;
        const numbers = [m[1], m[2]].filter((v) => v !== undefined && /^\d+$/.test(v)).map(Number);
        if (numbers.some((n) => n < 1 || n > 7)) return undefined;
        const shift = (v: string) => (/^\d+$/.test(v) ? String(Number(v) - 1) : v);
        out.push(`${shift(m[1])}${m[2] !== undefined ? `-${shift(m[2])}` : ""}${m[3] !== undefined ? `/${m[3]}` : ""}`);
    }
    return out.join(",");
}

const NAMES = ["minutes", "hours", "day-of-month", "month", "day-of-week"] as const;

function cronFields(body: string): Conversion {
    const fields = body.trim().split(/\s+/);
    // validateScheduleExpression reports any other count; there is nothing to convert.
    if (fields.length !== 6) return fail(`cron with ${fields.length} fields, where EventBridge takes 6`);
    const [minute, hour, dom, month, dow, year] = fields;
    if (year !== "*") return fail(`the year field is ${year}, and a Kubernetes cron has no year (the CronJob would fire every year): use * for the year`);
    // Names (JUL, WED) spell the same letters, so they are set aside before looking.
    const special = fields.slice(0, 5).findIndex((f) => /[LW#]/i.test(f.replace(/[A-Za-z]{3}/g, "")));
    if (special >= 0) {
        return fail(`the ${NAMES[special]} field ${fields[special]} uses L (last), W (nearest weekday) or # (nth weekday of the month), which a Kubernetes cron cannot express; list the days instead`);
    }
    const plain = [minute, hour, dom === "?" ? "*" : dom, month];
    const bad = plain.findIndex((f) => !f.split(",").every((e) => ELEMENT.test(e)));
    if (bad >= 0) return fail(`the ${NAMES[bad]} field ${fields[bad]} is not a list of values, ranges and steps that Kubernetes reads the same way`);
    const days = dow === "?" ? "*" : dayOfWeek(dow);
    if (days === undefined) return fail(`the day-of-week field ${dow} is not a list of values, ranges and steps that Kubernetes reads the same way`);
    return { ok: true, value: { cron: [...plain, days].join(" "), zoned: true } };
}

/**
 * The CronJob schedule of an EventBridge Scheduler expression that validation has accepted, or why
 * there is none: a one-time `at()` (a CronJob repeats), a rate no cron repeats exactly, a year, or
 * `L`, `W` and `#`. A converted rate fires on the clock (every 5 minutes at :00, :05, ...), where
 * EventBridge counts it from the schedule's creation: the interval is the same, the phase is not.
 */
export function toKubernetesCron(expression: string): Conversion {
    if (/^at\(/.test(expression)) return fail("at() runs once, and a Kubernetes CronJob repeats: start the task by hand at that time (the tasks output), or write a cron(...) that repeats");
    const cron = /^cron\((.+)\)$/.exec(expression);
    if (cron) return cronFields(cron[1]);
    const minutes = rateMinutes(expression);
    if (minutes === undefined) return fail("an expression that is not rate(...) or cron(...)");
    const rate = rateCron(minutes);
    if (rate === undefined) {
        return fail(`${expression} repeats every ${minutes} minutes, which a 5-field cron cannot repeat exactly (it restarts each hour, day or month): use minutes that divide 60, hours that divide 24, 1 day, or a cron(...)`);
    }
    return { ok: true, value: { cron: rate, zoned: false } };
}

/**
 * The schedule and time zone of the CronJob that runs a task on `expression` (an expression
 * validation has converted already), in `timezone`, or in UTC for a rate.
 */
export function cronJobSchedule(expression: string, timezone: string): { readonly cron: string; readonly timeZone: string } {
    const c = toKubernetesCron(expression);
    if (!c.ok) throw new Error(`${expression}: ${c.why} (validation refuses this schedule on Kubernetes platforms)`);
    return { cron: c.value.cron, timeZone: c.value.zoned ? timezone : RATE_TIME_ZONE };
}
