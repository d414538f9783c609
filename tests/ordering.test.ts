// Every dependency edge berth adds on purpose (`dependsOn`, beyond what inputs imply), in the stack
// that shows it: each one keeps `pulumi up` from starting something before what it needs exists,
// or from deleting something while it is still needed.
import { strict as assert } from "assert";
import { Plan, PlannedResource } from "../plan/engine";
import { planStackOk } from "./harness";

/** The one resource named `name` that is not one of berth's own components (those share their main child's name). */
function named(p: Plan, name: string): PlannedResource {
    const found = p.resources.filter((r) => r.name === name && !r.type.startsWith("berth:"));
    assert.equal(found.length, 1, `${found.length} resources named ${name}: ${found.map((r) => r.type).join(", ")}`);
    return found[0];
}

// [stack, resource, what it waits for, why]
const EDGES: ReadonlyArray<[string, string, string[], string]> = [
    ["ecs-ec2", "web-service", ["ec2-providers"], "tasks need the cluster's capacity provider association"],
    ["ecs-ec2", "web-service", ["efs-shared-mount-0", "efs-shared-mount-1"], "a task mounting EFS fails to start before the mount targets exist"],
    ["ecs-ec2", "web-service", ["web-exec-policy", "web-task-policy"], "tasks start only once both roles have their policies"],
    ["ecs-ec2", "web-service", ["alb-http", "alb-web-rule"], "ECS rejects a target group that no listener uses"],
    ["ecs-ec2", "broker-service", ["ec2-providers", "nlb-broker-listener", "broker-exec-policy"], "the NLB listener forwards to the service's target group"],
    ["ecs-ec2", "ec2-lt", ["ec2-instance-policy"], "instances boot with a role that can already join the cluster"],
    ["dev", "web-service", ["ecs-providers", "alb-http", "alb-web-rule", "web-exec-policy"], "Fargate capacity, the routing and the execution role's policy"],
    ["dev", "worker-service", ["ecs-providers", "worker-exec-policy"], "a private service needs capacity and its policy, no routing"],
    ["dev", "net-nat-lt", ["net-nat-policy", "net-nat-ssm"], "the NAT instance attaches its interface at boot, and Session Manager reaches it"],
    ["dev", "net-nat-asg", ["net-nat-eni", "net-nat-eip"], "the group (so its instance) is deleted before the interface and address it holds"],
    ["dev", "net-nat-alarm", ["net-nat-asg"], "no alarm through the first launch"],
    ["ecs-anywhere", "anywhere-activation", ["anywhere-instance-policy", "anywhere-instance-ssm"], "hosts registered with the activation get the role's permissions at once"],
    ["ecs-anywhere", "edge-service", ["edge-exec-policy"], "tasks start only once the execution role has its policy"],
    ["apprunner", "web-service", ["web-instance-role"], "App Runner checks the instance role when the service is created"],
    ["ecs-express", "web-service", ["express-infra-role", "express-infra-managed-0", "web-exec-policy", "ecs-providers"], "Express builds load balancers with the infrastructure role"],
    ["patterns", "ingest-uploads-policy", ["ingest-uploads-public-access"], "S3 refuses a bucket policy while the public access block is being set"],
    ["patterns", "ingest-target", ["ingest-events-policy"], "EventBridge starts tasks only with a role that may"],
    ["patterns", "report-schedule", ["report-scheduler-policy"], "Scheduler starts tasks only with a role that may"],
    ["eks-managed", "eks", ["eks-logs"], "the control plane's log group exists, with its retention, before EKS writes to it"],
    ["eks-managed", "general", ["general-AmazonEKSWorkerNodePolicy", "general-AmazonEC2ContainerRegistryPullOnly"], "nodes join only with their policies attached"],
    ["eks-managed", "general", ["eks-vpc-cni", "eks-pod-identity-agent"], "a node turns Ready only once aws-node runs, with credentials from the agent"],
    ["eks-managed", "eks-vpc-cni", ["eks-pod-identity-agent"], "aws-node gets its role through the agent"],
    ["eks-managed", "coredns", ["general"], "the managed CoreDNS add-on turns active only with nodes to run on"],
    ["eks-managed", "worker-deployment", ["coredns"], "pods start once cluster DNS is the managed add-on"],
    ["eks-managed", "lb-controller-release", ["lb-controller-association", "general"], "the controller runs on nodes, with its pod identity"],
    ["eks-managed", "storage-gp3", ["storage-ebs-csi-driver"], "the StorageClass names the EBS CSI driver"],
    ["eks-managed", "secrets-csi-aws-provider", ["secrets-csi-driver"], "the AWS provider plugs into the CSI driver"],
    ["eks-managed", "worker-deployment", ["general", "lb-controller-release", "secrets-csi-driver", "secrets-csi-aws-provider", "worker-association", "worker-secrets"], "pods start with nodes, identity and secrets in place"],
    ["eks-managed", "worker-association", ["eks-pod-identity-agent"], "pod identity needs its agent"],
    ["eks-fargate", "serverless-profile", ["eks", "serverless-pod-execution"], "Fargate pods start with a pod execution role that has its policy"],
    ["eks-fargate", "secrets-external-secrets", ["serverless-profile"], "on a Fargate-only cluster, the operator needs the profile to run"],
    ["eks-fargate", "lb-controller-release", ["serverless-profile"], "the controller runs on Fargate there"],
    ["eks-fargate", "worker-deployment", ["serverless-profile", "secrets-external-secrets", "worker-secrets-manager", "worker-secrets"], "pods start with the secret synced"],
    [
        "eks-selfmanaged",
        "general",
        ["general-AmazonEKSWorkerNodePolicy", "general-AmazonEC2ContainerRegistryPullOnly", "eks-vpc-cni", "eks-pod-identity-agent"],
        "nodes join only with their policies attached, and with the CNI and its credentials in place",
    ],
    ["eks-selfmanaged", "storage-ebs-csi-driver", ["general"], "the driver's pods need nodes"],
];

describe("dependency edges berth adds on purpose", () => {
    for (const [stack, from, to, why] of EDGES) {
        it(`${stack}: ${from} waits for ${to.join(", ")}: ${why}`, async () => {
            const p = await planStackOk(stack);
            const deps = named(p, from).dependencies;
            for (const name of to) assert.ok(deps.includes(named(p, name).urn), `${from} does not depend on ${name}`);
        });
    }
});
