import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";
import { PolicyStatement, TrustScope } from "../iam/policies";
import { DeadLetterQueue } from "./DeadLetterQueue";
import { RetryArgs, retryPolicy, RunnableTask, runTaskParameters, runTaskStatements, starterRole } from "./targets";

/** Scheduler delivers dead letters with the schedule's own role, so the role may send to that one queue. */
export function deadLetterStatement(queueArn: string): PolicyStatement {
    return { Sid: "DeadLetter", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: queueArn };
}

export interface ScheduledBatchArgs {
    /** rate(...), cron(...) or at(...). Required. */
    readonly schedule: string;
    /** IANA time zone of cron and at expressions. Required. */
    readonly timezone: string;
    /** Minutes Scheduler may spread each start over; 0 turns the window off. Required. */
    readonly flexibleWindowMinutes: number;
    /** The cluster the task runs on. Required. */
    readonly clusterArn: pulumi.Input<string>;
    /** The batch task, with its roles, capacity and network. Required. */
    readonly task: RunnableTask;
    /** Delivery retries before a start is dead-lettered. Required. */
    readonly retry: RetryArgs;
    /** This account and region's scope for Scheduler (Foundation.trust("scheduler")); the role trusts only this schedule group. Required. */
    readonly trust: pulumi.Input<TrustScope>;
    /** Where the dead-letter alarm notifies. @default none */
    readonly alarmActions?: ReadonlyArray<pulumi.Input<string>>;
    /** Tags for every child that takes them (schedules take none). @default none */
    readonly tags?: Tags;
    /** Overrides for the main children's args, applied just before each is created. @default none */
    readonly transform?: { readonly schedule?: Transform<aws.scheduler.ScheduleArgs>; readonly role?: Transform<aws.iam.RoleArgs> };
}

/**
 * A scheduled batch: an EventBridge Scheduler schedule in a group of its own starts the task on the
 * service's capacity and network. The group exists so the role's trust can name it: Scheduler's
 * `aws:SourceArn` is the schedule group, never the schedule. Failed starts (errors, throttling) are
 * retried, then dead-lettered to an alarmed queue. A RunTask that answers with `failures` (no
 * capacity) counts as started: StoppedTaskAlerts' RunTask rule is what reports it. The same component
 * starts a task on its own schedule (berth:services.NAME.schedule): the batch's bucket is the
 * composition's, so a schedule without one needs nothing different here.
 */
export class ScheduledBatch extends pulumi.ComponentResource {
    readonly scheduleName: pulumi.Output<string>;
    readonly roleArn: pulumi.Output<string>;
    readonly deadLetterQueueUrl: pulumi.Output<string>;

    constructor(name: string, args: ScheduledBatchArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:events:ScheduledBatch", name, {}, opts);
        const group = new aws.scheduler.ScheduleGroup(`${name}-group`, { tags: { ...args.tags } }, { parent: this });
        const dlq = new DeadLetterQueue(`${name}-dlq`, { purpose: `the ${name} schedule`, alarmActions: args.alarmActions, tags: args.tags }, { parent: this });
        const t = args.task;
        const statements = pulumi.all([runTaskStatements(t, args.clusterArn), dlq.queueArn]).apply(([run, dlqArn]) => [...run, deadLetterStatement(dlqArn)]);
        const { role, policy } = starterRole(this, `${name}-scheduler`, { service: "scheduler.amazonaws.com", trust: args.trust, sourceArn: group.arn, statements, tags: args.tags, transform: args.transform?.role });
        const run = runTaskParameters(t);
        const window = args.flexibleWindowMinutes > 0 ? { mode: "FLEXIBLE", maximumWindowInMinutes: args.flexibleWindowMinutes } : { mode: "OFF" };
        const schedule = new aws.scheduler.Schedule(
            `${name}-schedule`,
            applyTransform<aws.scheduler.ScheduleArgs>(
                {
                    groupName: group.name,
                    description: `Runs task ${name}`,
                    scheduleExpression: args.schedule,
                    scheduleExpressionTimezone: args.timezone,
                    flexibleTimeWindow: window,
                    state: "ENABLED",
                    target: {
                        arn: args.clusterArn,
                        roleArn: role.arn,
                        ecsParameters: { ...run.parameters, placementStrategies: run.placementStrategies },
                        retryPolicy: retryPolicy(args.retry),
                        deadLetterConfig: { arn: dlq.queueArn },
                    },
                },
                args.transform?.schedule,
            ),
            // A schedule whose first start is due at once must find its role already allowed to run the task.
            { parent: this, dependsOn: [policy, ...(args.task.ready ?? [])] },
        );
        this.scheduleName = schedule.name;
        this.roleArn = role.arn;
        this.deadLetterQueueUrl = dlq.queueUrl;
        this.registerOutputs({ scheduleName: this.scheduleName, roleArn: this.roleArn, deadLetterQueueUrl: this.deadLetterQueueUrl });
    }
}
