// The event-driven patterns on the stack's ECS cluster, in two steps around the ECS composition.
// First what the tasks need before their task definitions exist (the alert topic, buckets, tables and
// queues, with the environment variables and task-role statements that name them), so a worker never
// starts without its queue URL or its permissions. Then, once task definitions and roles exist, what
// starts the tasks: EventBridge rules and Scheduler schedules.
import * as pulumi from "@pulumi/pulumi";
import { StoppedTaskAlerts } from "../components/events/StoppedTaskAlerts";
import { RunnableTask } from "../components/events/targets";
import { PolicyStatement } from "../components/iam/policies";
import { Foundation } from "./shared";
import { BerthSpec } from "./spec";

/** What the patterns hand the ECS composition before it creates the task definitions. */
export interface PatternResources {
    /** Per service: variables for its task definition (queue URLs, table and bucket names). */
    readonly environment: Readonly<Record<string, Record<string, pulumi.Output<string>>>>;
    /** Per service: statements for its task role, scoped to the pattern's own bucket, table or queue. */
    readonly statements: Readonly<Record<string, pulumi.Output<PolicyStatement[]>>>;
    /** Per queue worker: the queue whose backlog per task its scaling holds at `target`. */
    readonly backlog: Readonly<Record<string, { readonly queueName: pulumi.Output<string>; readonly target: number }>>;
    /** Where the patterns' dead-letter alarms notify: the stopped-task alert topic, when it is on. */
    readonly alarmActions: ReadonlyArray<pulumi.Output<string>>;
    readonly alerts?: StoppedTaskAlerts;
}

/** What the patterns need from the ECS composition once it has run. */
export interface EcsRecord {
    readonly clusterArn: pulumi.Output<string>;
    /** Per service and task: its task definition, roles, capacity and network. */
    readonly workloads: Readonly<Record<string, RunnableTask>>;
}

/** Step one: the alert topic and the data the tasks work on. */
export function patternResources(spec: BerthSpec, base: Foundation, clusterArn: pulumi.Output<string>): PatternResources {
    const p = spec.patterns;
    const alerts = p.stoppedTaskAlerts
        ? new StoppedTaskAlerts("task-alerts", {
              clusterArn,
              emails: p.stoppedTaskAlerts.emails,
              stops: p.stoppedTaskAlerts.stops,
              retry: p.stoppedTaskAlerts.retry,
              keyDeletionWindowDays: spec.protect ? 30 : 7,
              tags: spec.tags,
          })
        : undefined;
    void base;
    return { environment: {}, statements: {}, backlog: {}, alarmActions: alerts ? [alerts.topicArn] : [], alerts };
}

/** Step two: what starts the tasks; returns the `patterns` stack output. */
export function patternTriggers(spec: BerthSpec, base: Foundation, res: PatternResources, ecs: EcsRecord): { patterns?: pulumi.Output<unknown> } {
    void base;
    void ecs;
    const out: Record<string, unknown> = {};
    if (res.alerts) out.stoppedTaskAlerts = { topicArn: res.alerts.topicArn, deadLetterQueue: res.alerts.deadLetterQueueUrl };
    return Object.keys(out).length ? { patterns: pulumi.output(out) } : {};
}
