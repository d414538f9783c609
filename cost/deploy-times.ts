// Typical creation times of the slow resources, keyed by Pulumi type token, for the deploy-time
// estimator (issue 24). Each figure is a typical create, not a worst case; every entry names its
// source, and "measured by" means a timing someone posted in the thread named. Where the figure is
// an estimate built from a bound or from documented defaults, the note says so.
//
// Not sourced, and so left to DEFAULT_CREATION_SECONDS: aws:ecs/capacityProvider:CapacityProvider
// (no timing found). RDS is left out: berth creates no database.

export interface CreationTime {
    readonly seconds: number;
    readonly source: string;
    readonly note?: string;
    /** The provider lets only one such resource be in progress per cluster at a time. */
    readonly serialPerCluster?: boolean;
}

/** IAM, VPC pieces (VPC, subnets, route tables, security groups) and other plain API calls. */
export const DEFAULT_CREATION_SECONDS = 5;

const EKS_CONTROL_PLANE = "https://aws.amazon.com/about-aws/whats-new/2021/03/amazon-eks-reduces-cluster-creation-time-40-percent/";
const EKS_NODE_GROUP = "https://github.com/DevopsArtFactory/terraform-provisioning/pull/47";
const NAT_GATEWAY = "https://github.com/kubernetes/kops/pull/944";

export const CREATION_SECONDS: Readonly<Record<string, CreationTime>> = {
    "aws:eks/cluster:Cluster": {
        seconds: 540,
        source: EKS_CONTROL_PLANE,
        note: "AWS: a control plane in 9 minutes or less on average (2021-03). Measured by YoungJinJung: 8m33s (https://github.com/DevopsArtFactory/terraform-provisioning/pull/46); users report 10-14 min (https://github.com/aws/containers-roadmap/issues/1227). The issue's starting figure was 10 min.",
    },
    "eks:index:Cluster": {
        seconds: 540,
        source: EKS_CONTROL_PLANE,
        note: "A remote component: the engine sees its children only inside it. This is the control plane alone; add the nodes it makes by default (a node group) when it makes them.",
    },
    "aws:eks/nodeGroup:NodeGroup": {
        seconds: 180,
        source: EKS_NODE_GROUP,
        note: "Measured by YoungJinJung: 1m48s and 1m59s for two managed node groups; eksctl's node group stack took 3m36s (https://github.com/eksctl-io/eksctl/pull/482). 3 min kept from the issue as the middle.",
    },
    "eks:index:ManagedNodeGroup": {
        seconds: 180,
        source: EKS_NODE_GROUP,
        note: "A remote component wrapping aws:eks/nodeGroup:NodeGroup; same figure.",
    },
    "aws:eks/fargateProfile:FargateProfile": {
        seconds: 120,
        source: "https://alchemy.run/providers/aws/eks/fargateprofile",
        note: "About 1-2 min each (alchemy.run's provider notes); the issue's 2-5 min was not confirmed. Only one profile per cluster may be CREATING or DELETING at a time (https://github.com/aws/aws-cdk/issues/6084), so profiles of one cluster add up.",
        serialPerCluster: true,
    },
    "aws:ec2/natGateway:NatGateway": {
        seconds: 120,
        source: NAT_GATEWAY,
        note: "Estimate. kops' maintainers: a NAT gateway takes up to 5 (and at times 10) min to become available. Terraform logs found by exact-text search show 1m25s-2m5s, but the search does not name their repositories, so they are not cited.",
    },
    "awsx:ec2:Vpc": {
        seconds: 120,
        source: NAT_GATEWAY,
        note: "A remote component: the engine sees its NAT gateways only inside it, and they are created in parallel, so the VPC takes about one NAT gateway's time; the rest are plain API calls.",
    },
    "aws:lb/loadBalancer:LoadBalancer": {
        seconds: 180,
        source: "https://github.com/DataBiosphere/azul/pull/5780",
        note: "Measured by dsotirho-ucsc: two ALBs created in parallel, 2m54s. Same figure used for an NLB (no NLB timing found).",
    },
    "aws:ecs/service:Service": {
        seconds: 180,
        source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html",
        note: "Estimate from defaults: berth waits for steady state (components/ecs/EcsService.ts); behind an ALB a new task needs 5 passing health checks 30 s apart (the defaults), 150 s, plus image pull and start.",
    },
    "aws:ecs/expressGatewayService:ExpressGatewayService": {
        seconds: 360,
        source: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-work.html",
        note: "Estimate: it creates an ALB with an HTTPS listener and an ACM certificate, then a Fargate service that berth waits on (components/express/ExpressService.ts); taken as an ALB's 3 min followed by a service's 3 min. No timing found.",
    },
    "aws:apprunner/service:Service": {
        seconds: 300,
        source: "https://github.com/aws/apprunner-roadmap/issues/128",
        note: "Measured by miksa-u: 5 min to RUNNING for the hello-app image; the thread says 2-5 min. The issue's 4 min is within that.",
    },
    "aws:efs/mountTarget:MountTarget": {
        seconds: 90,
        source: "https://github.com/turbot/steampipe-plugin-aws/pull/426",
        note: "Measured by anisadas: still creating after 1 min. AWS also advises waiting 90 s after a mount target is created before mounting, for DNS (quoted in https://github.com/aws-observability/aws-otel-test-framework/pull/1782).",
    },
    "aws:cloudfront/distribution:Distribution": {
        seconds: 600,
        source: "https://github.com/hashicorp/terraform-provider-aws/issues/47652",
        note: "The reporter (2026) gives a 10-15 min rollout; cdkd's maintainer gives 3-15 min (https://github.com/go-to-k/cdkd/pull/1311). The issue's 5 min looks low.",
    },
    "aws:ec2/instance:Instance": {
        seconds: 60,
        source: "https://github.com/amazon-archives/ecs-mxnet-example/issues/4",
        note: "Measured by ksteward: an ECS container instance launched by an Auto Scaling group signalled success 63 s after creation began.",
    },
    "aws:autoscaling/group:Group": {
        seconds: 60,
        source: "https://github.com/amazon-archives/ecs-mxnet-example/issues/4",
        note: "Same timing: the group with one instance completed in about 1 min.",
    },
    "aws:ec2/vpcEndpoint:VpcEndpoint": {
        seconds: 120,
        source: "https://github.com/aws-amplify/amplify-category-api/pull/1875",
        note: "Estimate for an interface endpoint: the Amplify team waits 2 min for endpoints, which work 20-30 s after showing available. Gateway endpoints (S3, DynamoDB) are near-instant.",
    },
    "aws:acm/certificateValidation:CertificateValidation": {
        seconds: 300,
        source: "https://github.com/hashicorp/terraform-provider-aws/issues/9338",
        note: "Estimate: DNS validation usually finishes in minutes, well inside the provider's 45 min wait (maintainer's comment), but users report over an hour at times.",
    },
    "kubernetes:helm.sh/v3:Release": {
        seconds: 120,
        source: "https://www.pulumi.com/registry/packages/kubernetes/api-docs/helm/v3/release/",
        note: "Estimate: a Release waits for its pods; each Kubernetes operation is bounded by the resource's timeout (seconds). Charts with load balancers or large images take longer.",
    },
};
