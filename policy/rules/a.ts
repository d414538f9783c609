// Policies of area A (issue 21): ECS, ECR, EKS, the Pod Security Standards, IAM, CloudWatch log
// retention, secrets in plain config, App Runner and ECS Express. Each lives in an a-*.ts file by area;
// this list fixes the order reports show them in.
import type { Policy } from "../types";
import { APP_POLICIES } from "./a-apps";
import { ECS_POLICIES } from "./a-ecs";
import { ECR_EKS_POLICIES } from "./a-eks";
import { IAM_POLICIES } from "./a-iam";
import { PSS_POLICIES } from "./a-pss";

export const POLICIES_A: ReadonlyArray<Policy> = [...ECS_POLICIES, ...ECR_EKS_POLICIES, ...PSS_POLICIES, ...IAM_POLICIES, ...APP_POLICIES];
