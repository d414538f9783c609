// Rules for berth:patterns that span keys: the platform has an ECS cluster, each pattern names a
// service of the right kind, schedules parse, and the queue worker's timings agree. Pure functions.
import { ConfigError, keyPath } from "../errors";
import { ParsedConfig, Platform } from "../schema";
import type { PatternsConfig, QueueWorkerConfig, ScheduledBatchConfig } from "./schema";
import { batchSeconds, DLQ_RETENTION_DAYS, PATTERN_PLATFORMS, patternEnvironment, rateMinutes, SQS_MAX_VISIBILITY_SECONDS, TASK_TIMEZONE } from "./spec";
import { toKubernetesCron } from "./cron";
import { KUBERNETES_PLATFORMS } from "../eks/validate";

/** Platforms whose tasks run in the stack's VPC (PATTERN_PLATFORMS create an ECS cluster). */
const TASK_PLATFORMS: ReadonlyArray<Platform> = ["ecs-fargate", "ecs-ec2"];
const TASK_PATTERNS = ["objectProcessing", "scheduledBatch", "queueWorker"] as const;

/** The patterns turned on, as `kind.name` (or `stoppedTaskAlerts`), for messages. */
export function patternsOn(p: PatternsConfig): string[] {
    return [...TASK_PATTERNS.flatMap((k) => Object.keys(p[k]).map((n) => `${k}.${n}`)), ...(p.stoppedTaskAlerts ? ["stoppedTaskAlerts"] : [])];
}

/**
 * Patterns start tasks on, or watch, the stack's ECS cluster, so a platform without one refuses them
 * all. ECS Anywhere keeps stopped-task alerts (its cluster emits the same events) but refuses the
 * three that start tasks: external hosts have no capacity provider to grow with the events, so a
 * burst fails RunTask into the dead-letter queue, and object processing would pull every object out
 * of AWS to your hosts.
 */
export function validatePatternPlatform(platform: Platform, p: PatternsConfig): ConfigError[] {
    const on = patternsOn(p);
    if (!on.length) return [];
    if (!PATTERN_PLATFORMS.includes(platform)) {
        return [
            {
                path: keyPath("patterns"),
                value: on,
                allowed: `nothing on platform ${platform}: the event-driven patterns run on the stack's ECS cluster, which only ${TASK_PLATFORMS.join(" and ")} create (ecs-anywhere too, for stoppedTaskAlerts alone)`,
            },
        ];
    }
    if (TASK_PLATFORMS.includes(platform)) return [];
    return TASK_PATTERNS.filter((k) => Object.keys(p[k]).length).map((k) => ({
        path: keyPath("patterns", k),
        value: Object.keys(p[k]),
        allowed: `nothing on ecs-anywhere: ${k} starts tasks on Fargate or EC2 capacity in the stack's VPC; external hosts have no capacity provider to grow with the events (a burst would leave RunTask failures, which are neither retried nor dead-lettered). stoppedTaskAlerts works here`,
    }));
}

/** The pattern at `path` must name a service of `kind` under berth:services. */
function drives(cfg: ParsedConfig, path: string, name: string, kind: "task" | "service"): ConfigError[] {
    const candidates = Object.entries(cfg.services)
        .filter(([, s]) => s.kind === kind)
        .map(([n]) => n);
    const what = kind === "task" ? "a task (kind: task)" : "a long-running service (kind: service)";
    if (!Object.hasOwn(cfg.services, name)) {
        return [{ path, value: name, allowed: `${what} under berth:services: ${candidates.join(", ") || `none is defined`}` }];
    }
    if (cfg.services[name].kind !== kind) {
        const why = kind === "task" ? `${name} is kind: service, which runs continuously instead of once per event` : `${name} is kind: task, which runs once and cannot consume a queue`;
        return [{ path, value: name, allowed: `${what} under berth:services (${candidates.join(", ") || "none is defined"}); ${why}` }];
    }
    return [];
}

const SCHEDULE_FORMS = "rate(N minute|minutes|hour|hours|day|days), cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss)";

/** An EventBridge Scheduler expression. Source: Scheduler user guide, "Schedule types". */
export function validateScheduleExpression(path: string, expression: string): ConfigError[] {
    const fail = (allowed: string) => [{ path, value: expression, allowed }];
    const rate = /^rate\((\d+) ([a-z]+)\)$/.exec(expression);
    if (rate) {
        const n = Number(rate[1]);
        const unit = rate[2].replace(/s$/, "");
        if (!["minute", "hour", "day"].includes(unit)) return fail(`a rate in minutes, hours or days: ${SCHEDULE_FORMS}`);
        if (n < 1) return fail("a rate of at least 1");
        // Scheduler rejects "rate(1 minutes)" and "rate(5 minute)".
        return rate[2] === (n === 1 ? unit : `${unit}s`) ? [] : fail(`rate(${n} ${n === 1 ? unit : `${unit}s`}): the unit is singular for 1 and plural otherwise`);
    }
    const cron = /^cron\((.+)\)$/.exec(expression);
    if (cron) {
        const fields = cron[1].trim().split(/\s+/);
        if (fields.length !== 6) return fail(`cron with 6 fields (minutes hours day-of-month month day-of-week year), not ${fields.length}`);
        if ((fields[2] === "?") === (fields[4] === "?")) return fail("a cron expression with '?' in exactly one of day-of-month and day-of-week, e.g. cron(0 6 * * ? *)");
        return [];
    }
    const at = /^at\(((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2}))\)$/.exec(expression);
    if (at) {
        const [y, mo, d, h, mi, s] = at.slice(2).map(Number);
        // Date.UTC rolls Feb 30 into March, 24:00 into the next day and years 0-99 into 1900-1999: a
        // real date and time reads back exactly as written.
        const real = new Date(Date.UTC(y, mo - 1, d, h, mi, s)).toISOString().slice(0, 19) === at[1];
        return real ? [] : fail("at() with a real date and time, e.g. at(2026-12-01T06:00:00)");
    }
    return fail(SCHEDULE_FORMS);
}

/** An IANA time zone name, spelled as the tz database spells it (Scheduler matches it exactly). */
export function isTimeZone(tz: string): boolean {
    try {
        const resolved = new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
        // Stryker disable next-line Regex: Intl accepts only names (which start with a letter) and UTC offsets (which hold no letter), so an unanchored letter test refuses the same offsets
        return !(resolved.toLowerCase() === tz.toLowerCase() && resolved !== tz) && /^[A-Za-z]/.test(tz);
    } catch {
        return false;
    }
}

function validateBatch(name: string, b: ScheduledBatchConfig, raw: Record<string, unknown>): ConfigError[] {
    const at = (...k: string[]) => keyPath("patterns", "scheduledBatch", name, ...k);
    const errors = validateScheduleExpression(at("schedule"), b.schedule);
    if (!b.bucket) {
        // access has a default, so only what the user wrote counts; the parsed value would always be there.
        const written = (raw.patterns as { scheduledBatch?: Record<string, Record<string, unknown> | undefined> } | undefined)?.scheduledBatch?.[name] ?? {};
        for (const key of ["prefix", "access"] as const) {
            const value = key === "prefix" ? b.prefix : written[key];
            if (value !== undefined) errors.push({ path: at(key), value, allowed: `nothing while ${at("bucket")} is false (there is no bucket to read): remove ${key}, or drop bucket: false` });
        }
    }
    if (!isTimeZone(b.timezone)) errors.push({ path: at("timezone"), value: b.timezone, allowed: "an IANA time zone such as UTC or Europe/Dublin" });
    const rate = rateMinutes(b.schedule);
    if ((b.flexibleWindowMinutes ?? 0) >= (rate ?? Infinity)) {
        errors.push({ path: at("flexibleWindowMinutes"), value: b.flexibleWindowMinutes, allowed: `less than the schedule's interval (${rate} minutes), so one run cannot slide into the next; 0 turns the window off` });
    }
    return errors;
}

function validateWorker(cfg: ParsedConfig, name: string, w: QueueWorkerConfig, raw: Record<string, unknown>): ConfigError[] {
    const at = (...k: Array<string | number>) => keyPath("patterns", "queueWorker", name, ...k);
    const errors: ConfigError[] = [];
    // A receive hides the whole batch at once; the worker processes it message after message.
    const batch = batchSeconds(w);
    const product = `processingSeconds x batchSize (${w.processingSeconds} x ${w.batchSize} = ${batch} s)`;
    if (batch > SQS_MAX_VISIBILITY_SECONDS) {
        errors.push({
            path: at("batchSize"),
            value: w.batchSize,
            allowed: `at most ${Math.floor(SQS_MAX_VISIBILITY_SECONDS / w.processingSeconds)}: ${product} outlasts SQS's longest visibility timeout (${SQS_MAX_VISIBILITY_SECONDS} s), so the batch's last messages would reappear while still waiting their turn`,
        });
    } else if ((w.visibilityTimeoutSeconds ?? Infinity) < batch) {
        errors.push({ path: at("visibilityTimeoutSeconds"), value: w.visibilityTimeoutSeconds, allowed: `at least ${product}: a message of the batch still waiting its turn would reappear and be processed twice` });
    }
    if (w.retentionDays >= DLQ_RETENTION_DAYS) {
        errors.push({
            path: at("retentionDays"),
            value: w.retentionDays,
            allowed: `at most ${DLQ_RETENTION_DAYS - 1}: below the dead-letter queue's ${DLQ_RETENTION_DAYS} days, because a message's expiry counts from its first enqueue even after it is dead-lettered (a message dead-lettered on its last day would expire almost at once)`,
        });
    }
    if (w.acceptableLatencySeconds < w.processingSeconds) {
        errors.push({ path: at("acceptableLatencySeconds"), value: w.acceptableLatencySeconds, allowed: `at least processingSeconds (${w.processingSeconds}): one message alone takes that long` });
    }
    if (w.maxTasks < w.minTasks) errors.push({ path: at("maxTasks"), value: w.maxTasks, allowed: `at least minTasks (${w.minTasks})` });
    w.senders.forEach((s, i) => {
        if (!Object.hasOwn(cfg.services, s)) errors.push({ path: at("senders", i), value: s, allowed: `a service under berth:services: ${Object.keys(cfg.services).join(", ")}` });
        else if (w.senders.indexOf(s) !== i) errors.push({ path: at("senders", i), value: s, allowed: "a service not already listed" });
    });
    const svc = Object.hasOwn(cfg.services, name) ? cfg.services[name] : undefined;
    if (!svc || svc.kind !== "service") return errors;
    const owner = `berth:patterns.queueWorker.${name}`;
    if (svc.public) errors.push({ path: keyPath("services", name, "public"), value: true, allowed: `false: a queue worker (${owner}) takes its work from the queue and has no load balancer` });
    // Echo the block as written: the parsed one carries defaults (steps: [], schedules: []) nobody wrote.
    const written = (raw.services as Record<string, { scaling?: unknown } | undefined> | undefined)?.[name]?.scaling;
    if (svc.scaling) errors.push({ path: keyPath("services", name, "scaling"), value: written ?? svc.scaling, allowed: `nothing: ${owner} scales this service on backlog per task between minTasks and maxTasks` });
    // Without a desired count the worker starts at minTasks; with maxTasks below minTasks, that has its own error.
    const count = svc.desiredCount ?? w.minTasks;
    if (w.maxTasks >= w.minTasks && (count < w.minTasks || count > w.maxTasks)) {
        errors.push({ path: keyPath("services", name, "desiredCount"), value: svc.desiredCount, allowed: `a count within ${owner}.minTasks..maxTasks (${w.minTasks}-${w.maxTasks}), or none: the worker starts at minTasks` });
    }
    return errors;
}

/** A variable a pattern sets must not also be set by the service: the pattern's value would silently win. */
function validatePatternEnvironment(cfg: ParsedConfig): ConfigError[] {
    return Object.entries(cfg.services).flatMap(([name, svc]) =>
        patternEnvironment(cfg.patterns, name).flatMap(({ name: v, from }) =>
            (["environment", "secrets"] as const).filter((k) => Object.hasOwn(svc[k], v)).map((k) => ({ path: keyPath("services", name, k, v), value: v, allowed: `a name the patterns do not set: ${from} sets ${v}` })),
        ),
    );
}

const NO_SCHEDULES: Partial<Record<Platform, string>> = {
    apprunner: "App Runner runs long-lived web services and starts nothing on a schedule",
    "ecs-express": "Express Mode runs long-lived web services and starts nothing on a schedule",
};

/**
 * `schedule` and `timezone` of berth:services.NAME: a task's own schedule, in scheduledBatch's grammar.
 * Only a task runs on a schedule, a time zone belongs to a schedule, a task has one schedule (its own
 * or scheduledBatch's, never both), the managed platforms have no scheduler, and on Kubernetes the
 * expression must convert to the CronJob's 5-field cron, so a schedule never fails at deploy time.
 */
export function validateTaskSchedules(cfg: Pick<ParsedConfig, "platform" | "services" | "patterns">): ConfigError[] {
    const errors: ConfigError[] = [];
    for (const [name, svc] of Object.entries(cfg.services)) {
        const at = (k: string) => keyPath("services", name, k);
        if (svc.schedule === undefined) {
            if (svc.timezone !== undefined) errors.push({ path: at("timezone"), value: svc.timezone, allowed: "nothing without schedule: it is the time zone the schedule reads in" });
            continue;
        }
        const fail = (allowed: string) => errors.push({ path: at("schedule"), value: svc.schedule, allowed });
        const managed = NO_SCHEDULES[cfg.platform];
        if (managed) {
            const why = `nothing on platform ${cfg.platform}: ${managed}; run scheduled tasks on ecs-fargate (an EventBridge Scheduler schedule) or a Kubernetes platform (a CronJob)`;
            fail(why);
            if (svc.timezone !== undefined) errors.push({ path: at("timezone"), value: svc.timezone, allowed: why });
            continue;
        }
        if (svc.kind !== "task") {
            fail("nothing on a kind: service, which runs continuously: set kind: task to start it on the schedule");
            continue;
        }
        if (Object.hasOwn(cfg.patterns.scheduledBatch, name)) {
            fail(`nothing while ${keyPath("patterns", "scheduledBatch", name)} also schedules this task (two schedules for one task): keep one of the two`);
            continue;
        }
        const expression = validateScheduleExpression(at("schedule"), svc.schedule);
        errors.push(...expression);
        const timezone = svc.timezone ?? TASK_TIMEZONE;
        if (!isTimeZone(timezone)) errors.push({ path: at("timezone"), value: timezone, allowed: "an IANA time zone such as UTC or Europe/Dublin" });
        if (expression.length || !KUBERNETES_PLATFORMS.includes(cfg.platform)) continue;
        const cron = toKubernetesCron(svc.schedule);
        if (!cron.ok) fail(`a schedule a Kubernetes CronJob can run (platform ${cfg.platform}): ${cron.why}`);
    }
    return errors;
}

export function validatePatterns(cfg: ParsedConfig, raw: Record<string, unknown> = {}): ConfigError[] {
    const p = cfg.patterns;
    const schedules = validateTaskSchedules(cfg);
    const platform = validatePatternPlatform(cfg.platform, p);
    if (platform.length) return [...platform, ...schedules];
    const errors: ConfigError[] = [];
    for (const name of Object.keys(p.objectProcessing)) {
        const at = keyPath("patterns", "objectProcessing", name);
        errors.push(...drives(cfg, at, name, "task"));
        const t = p.objectProcessing[name].table;
        if (t.sortKey === t.partitionKey) errors.push({ path: `${at}.table.sortKey`, value: t.sortKey, allowed: `an attribute other than partitionKey (${t.partitionKey})` });
    }
    for (const [name, b] of Object.entries(p.scheduledBatch)) errors.push(...drives(cfg, keyPath("patterns", "scheduledBatch", name), name, "task"), ...validateBatch(name, b, raw));
    for (const [name, w] of Object.entries(p.queueWorker)) errors.push(...drives(cfg, keyPath("patterns", "queueWorker", name), name, "service"), ...validateWorker(cfg, name, w, raw));
    p.stoppedTaskAlerts?.emails.forEach((e, i, emails) => {
        if (emails.findIndex((x) => x.toLowerCase() === e.toLowerCase()) !== i)
            errors.push({ path: keyPath("patterns", "stoppedTaskAlerts", "emails", i), value: e, allowed: "an address not already listed (each becomes one subscription)" });
    });
    return [...errors, ...validatePatternEnvironment(cfg), ...schedules];
}
