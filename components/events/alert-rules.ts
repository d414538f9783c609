// What the alert topic hears besides stopped tasks, as pure data: the event patterns of the failures
// that stop no task (a RunTask that started nothing, a service that cannot start tasks, a deployment
// the circuit breaker gave up on), and the line each becomes in the email.

/** Region, partition, account and name of a cluster ARN (`arn:aws:ecs:REGION:ACCOUNT:cluster/NAME`). */
export function clusterParts(clusterArn: string) {
    const [, partition, , region, account, resource] = clusterArn.split(":");
    return { partition, region, account, name: resource.slice("cluster/".length) };
}

/** Consoles outside the commercial partition, which serve every region from one host. */
const CONSOLE_HOSTS: Record<string, string> = { "aws-cn": "https://console.amazonaws.cn", "aws-us-gov": "https://console.amazonaws-us-gov.com" };

/**
 * The console pages an alert links to. ECS lists a stopped task for about an hour after it stops
 * (ECS developer guide, "Viewing stopped task errors"), so the link names the cluster's task list
 * rather than one task, whose ID an input transformer cannot cut out of its ARN.
 */
export function consoleLinks(clusterArn: string) {
    const { partition, region, name } = clusterParts(clusterArn);
    const host = CONSOLE_HOSTS[partition] ?? `https://${region}.console.aws.amazon.com`;
    return {
        tasks: `${host}/ecs/v2/clusters/${name}/tasks?region=${region}`,
        services: `${host}/ecs/v2/clusters/${name}/services?region=${region}`,
        runTaskCalls: `${host}/cloudtrail/home?region=${region}#/events?EventName=RunTask`,
    };
}

/**
 * RunTask calls on this cluster that returned failures and started nothing. For capacity or agent
 * problems RunTask answers HTTP 200 with a `failures` list (ECS API reference, RunTask and Failure),
 * so EventBridge and Scheduler count the call as delivered: no retry, no dead letter, and no task, so
 * no STOPPED event either. CloudTrail's record of the call is the only trace; it reaches the default
 * event bus as "AWS API Call via CloudTrail" (EventBridge user guide, "AWS service events delivered
 * via AWS CloudTrail"; "Events from AWS services" asks for a trail with logging on, which berth leaves
 * to the account: docs/patterns.md), and RunTask is a write event, so the rule needs no opt-in to
 * read-only events ("Receiving read-only management events from AWS services").
 *
 * `exists` matches leaf fields only (EventBridge user guide, "Comparison operators for use in event
 * patterns"), so the pattern asks for any failure with a `reason`, the field every Failure carries;
 * an empty list has none. EventBridge and Scheduler pass the target's cluster ARN; a person may pass
 * the name.
 */
export function runTaskFailedPattern(clusterArn: string) {
    return {
        source: ["aws.ecs"],
        "detail-type": ["AWS API Call via CloudTrail"],
        detail: {
            eventSource: ["ecs.amazonaws.com"],
            eventName: ["RunTask"],
            requestParameters: { cluster: [clusterArn, clusterParts(clusterArn).name] },
            responseElements: { failures: { reason: [{ exists: true }] } },
        },
    };
}

/**
 * Deployments of this cluster's services that the circuit breaker failed (and rolled back, where
 * rollback is on): the crash loop of tasks that never pass their health checks, whose stops are
 * ServiceSchedulerInitiated and stay out of the stopped-task rule. The event names its service in
 * `resources` only, `arn:...:service/CLUSTER/SERVICE`, hence the prefix. Source: ECS developer guide,
 * "Amazon ECS service deployment state change events".
 */
export function deploymentFailedPattern(clusterArn: string) {
    const { partition, region, account, name } = clusterParts(clusterArn);
    return {
        source: ["aws.ecs"],
        "detail-type": ["ECS Deployment State Change"],
        resources: [{ prefix: `arn:${partition}:ecs:${region}:${account}:service/${name}/` }],
        detail: { eventName: ["SERVICE_DEPLOYMENT_FAILED"] },
    };
}

/**
 * This cluster's services that cannot start tasks consistently (a WARN service action event), which
 * also covers a crash loop outside a deployment. Service action events carry the cluster in
 * `detail.clusterArn`. Source: ECS developer guide, "Amazon ECS service action events".
 */
export function taskStartImpairedPattern(clusterArn: string) {
    return { source: ["aws.ecs"], "detail-type": ["ECS Service Action"], detail: { clusterArn: [clusterArn], eventName: ["SERVICE_TASK_START_IMPAIRED"] } };
}

/** An input transformer whose output is one JSON string: the email's body. */
export interface AlertInput {
    readonly inputPaths: Record<string, string>;
    readonly inputTemplate: string;
}

const line = (text: string) => JSON.stringify(text);

/** The stopped task: its group (service or task family), task, stop code and reason, container and exit code, and where to look. */
export function stoppedTaskInput(clusterArn: string): AlertInput {
    return {
        inputPaths: {
            group: "$.detail.group",
            task: "$.detail.taskArn",
            stopCode: "$.detail.stopCode",
            reason: "$.detail.stoppedReason",
            container: "$.detail.containers[0].name",
            exitCode: "$.detail.containers[0].exitCode",
            cluster: "$.detail.clusterArn",
            time: "$.time",
        },
        inputTemplate: line(`ECS task stopped: <group> (task <task>). Stop code <stopCode>: <reason>. Container <container> exit code: <exitCode>. Cluster <cluster>, <time>. Stopped tasks: ${consoleLinks(clusterArn).tasks}`),
    };
}

/** The RunTask call that started nothing: which task definition, who called (the rule's or schedule's role), the first failure. */
export function runTaskFailedInput(clusterArn: string): AlertInput {
    return {
        inputPaths: {
            taskDefinition: "$.detail.requestParameters.taskDefinition",
            caller: "$.detail.userIdentity.arn",
            reason: "$.detail.responseElements.failures[0].reason",
            detail: "$.detail.responseElements.failures[0].detail",
            time: "$.time",
        },
        inputTemplate: line(
            `ECS RunTask started no task: <taskDefinition>, called by <caller>. Failure: <reason> (<detail>). Nothing retries it: start it again once the cause is gone. <time>. RunTask calls: ${consoleLinks(clusterArn).runTaskCalls}`,
        ),
    };
}

/** A failed deployment or a service that cannot start tasks: which service, which event, why. */
export function serviceEventInput(clusterArn: string): AlertInput {
    return {
        inputPaths: { service: "$.resources[0]", event: "$.detail.eventName", reason: "$.detail.reason", time: "$.time" },
        inputTemplate: line(`ECS service <service>: <event>. <reason> <time>. Services and their events: ${consoleLinks(clusterArn).services}`),
    };
}

/**
 * Every failure the topic hears about beyond stopped tasks, by the role its rule's name ends in
 * (`task-alerts-runtask-rule`): a description, and the pattern and email line for a cluster ARN.
 */
export const FAILURE_RULES = {
    runtask: { description: "RunTask calls on this cluster that started no task", pattern: runTaskFailedPattern, input: runTaskFailedInput },
    deployment: { description: "Failed deployments of this cluster's services", pattern: deploymentFailedPattern, input: serviceEventInput },
    "start-impaired": { description: "Services of this cluster that cannot start tasks", pattern: taskStartImpairedPattern, input: serviceEventInput },
} as const;
