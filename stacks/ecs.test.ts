// The commands the ECS compositions output for the next step, character for character: a user
// pastes them into a shell, so a lost separator or flag is a broken command.
import { strict as assert } from "assert";
import { execCommand, runTaskCommand } from "./ecs";

describe("runTaskCommand", () => {
    const base = { cluster: "berth-dev", family: "berth-dev-report", region: "eu-west-1" };

    it("runs on the strategy's capacity providers, in every subnet and security group it is given, without a public IP", () => {
        const cmd = runTaskCommand({
            ...base,
            strategy: [
                { capacityProvider: "FARGATE", weight: 1, base: 1 },
                { capacityProvider: "FARGATE_SPOT", weight: 3 },
            ],
            subnets: ["subnet-private-a", "subnet-private-b"],
            securityGroups: ["sg-task", "sg-efs-client"],
        });
        assert.equal(
            cmd,
            "aws ecs run-task --region eu-west-1 --cluster berth-dev --task-definition berth-dev-report --count 1 " +
                "--capacity-provider-strategy capacityProvider=FARGATE,weight=1,base=1 capacityProvider=FARGATE_SPOT,weight=3,base=0 " +
                "--network-configuration 'awsvpcConfiguration={subnets=[subnet-private-a,subnet-private-b],securityGroups=[sg-task,sg-efs-client],assignPublicIp=DISABLED}'",
        );
    });

    it("runs on external instances with launch type EXTERNAL and no network configuration, with ECS Exec when asked", () => {
        assert.equal(
            runTaskCommand({ ...base, subnets: [], securityGroups: [], exec: true }),
            "aws ecs run-task --region eu-west-1 --cluster berth-dev --task-definition berth-dev-report --count 1 --launch-type EXTERNAL --enable-execute-command",
        );
    });
});

describe("execCommand", () => {
    it("opens a shell in the container of the service's first running task", () => {
        assert.equal(
            execCommand("eu-west-1", "berth-dev", "web-service-1a2b3c", "web"),
            "aws ecs execute-command --region eu-west-1 --cluster berth-dev --container web --interactive --command /bin/sh --task " +
                "$(aws ecs list-tasks --region eu-west-1 --cluster berth-dev --service-name web-service-1a2b3c --desired-status RUNNING --query 'taskArns[0]' --output text)",
        );
    });
});
