// Where a control is advisory instead of mandatory: one line per exception, with its reason. Prod has
// none. docs/policy.md shows this table (a test keeps it in step).
import type { Environment } from "./types";

export interface PolicyException {
    readonly policy: string;
    readonly environments: ReadonlyArray<Exclude<Environment, "prod">>;
    readonly reason: string;
}

export const EXCEPTIONS: ReadonlyArray<PolicyException> = [
    {
        policy: "ECS.5",
        environments: ["dev", "staging"],
        reason: "ECS Exec (berth:services.NAME.exec: true) needs a writable root file system, where its SSM agent writes; turn exec off in prod",
    },
    { policy: "ECS.12", environments: ["dev"], reason: "Container Insights bills per metric; berth turns it on in staging and prod" },
    { policy: "ELB.5", environments: ["dev", "staging"], reason: "access logs cost S3 storage and are read after incidents, which short-lived environments do not keep; prod writes them" },
    { policy: "ELB.6", environments: ["dev", "staging"], reason: "deletion protection makes pulumi destroy fail, and dev and staging are torn down often; prod protects its load balancers" },
    { policy: "EFS.2", environments: ["dev"], reason: "dev data is disposable and backups bill per GB; berth backs EFS up in staging and prod" },
    { policy: "DynamoDB.6", environments: ["dev", "staging"], reason: "deletion protection makes pulumi destroy fail; prod protects its tables" },
    {
        policy: "berth.alarm-actions",
        environments: ["dev", "staging"],
        reason: "berth gives the NAT instance's status alarm no alert destination yet, so it shows in the console only; prod's default NAT gateways have no such alarm",
    },
];
