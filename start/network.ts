// The network model (issue 23): from what the plan records (subnet kinds, the NAT strategy or the NAT
// instance's routes, VPC endpoints, public IPs, security group rules), whether a workload's subnets
// reach the AWS services it needs to start. STUB: the signatures are the contract; the
// implementation lands with the network helper's branch.
import type { PlanIndex, StepResult } from "./types";

/** What a workload reaches to start: ECR's two APIs and S3 (image layers), CloudWatch Logs, Secrets Manager, SSM, KMS, STS, or the internet (another registry). */
export type AwsService = "ecr.api" | "ecr.dkr" | "s3" | "logs" | "secretsmanager" | "ssm" | "kms" | "sts" | "internet";

/** Where a workload's traffic leaves from. */
export interface Placement {
    /** The subnet ids its network interfaces are in (for ECS on EC2 and EKS nodes: the instances'). */
    readonly subnets: ReadonlyArray<string>;
    /** Whether it gets a public IP there. */
    readonly publicIp: boolean;
    /** Its security groups. */
    readonly securityGroups: ReadonlyArray<string>;
}

export interface Reach {
    readonly result: StepResult;
    /** "nat-gateway", "nat-instance", "public-ip", "vpc-endpoint", "gateway-endpoint", or "none". */
    readonly route: string;
    readonly reason: string;
    /** URNs of the resources the route depends on (the NAT instance's routes and Auto Scaling group, an endpoint): the workload must wait for them. */
    readonly via: ReadonlyArray<string>;
}

export interface NetworkModel {
    /** Whether traffic from `placement` reaches `service` (in the stack's region). */
    reach(placement: Placement, service: AwsService): Reach;
    /** Whether security groups `from` may open a TCP connection to `to` on `port` (egress of one side and ingress of the other). */
    allows(from: ReadonlyArray<string>, to: ReadonlyArray<string>, port: number): { readonly result: StepResult; readonly reason: string };
}

export function networkModel(_index: PlanIndex, _region: string): NetworkModel {
    throw new Error("start/network.ts: networkModel is not implemented yet");
}
