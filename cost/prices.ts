// AWS list prices for us-east-1, in USD, for the cost estimator (issue 24).
//
// AWS's own pricing pages carry no date and most of them draw their tables in the browser, so the
// stored copies read for this table often show no figure. Where an AWS page did show the figure it
// is cited; otherwise the figure comes from a dated third-party page that transcribes AWS's rate
// card, and the note says so and gives that page's own date. Every figure is a list price: no free
// tier, Savings Plan, Reserved Instance or volume tier is applied (first tiers only).
//
// Not sourced, and so left out: fsxBackupGbMonth (the FSx for Lustre pricing page's stored copy
// describes backup billing but shows no figure, and no dated transcription was found).

export const PRICE_REGION = "us-east-1";
// The day the stored copies below were read. The AWS pages have no date of their own; the dated
// third-party pages range from 2025-07 to 2026-06 (see each note).
export const PRICE_DATE = "2026-12-07";
export const HOURS_PER_MONTH = 730;

export interface Price {
    readonly usd: number;
    readonly unit: string;
    readonly source: string;
    readonly note?: string;
}

const FARGATE_2026 = "https://www.factualminds.com/blog/amazon-fargate-ecs-task-pricing-2026/";
const FARGATE_VANTAGE = "https://www.vantage.sh/blog/fargate-pricing";
const ELB = "https://awsnegotiations.com/elastic-load-balancer-cost.html";
const NAT = "https://cloudburn.io/blog/aws-nat-gateway-pricing";
const PRIVATELINK = "https://awsnegotiations.com/privatelink-cost-analysis.html";
const APP_RUNNER = "https://aws.amazon.com/jp/apprunner/pricing/";
const INFRACOST_CLOUDWATCH = "https://github.com/vreutova/infracost-idem-support/pull/2";
const EVENTBRIDGE = "https://cloudburn.io/blog/amazon-eventbridge-pricing";
const DYNAMO_ON_DEMAND = "https://airbyte.com/data-engineering-resources/dynamodb-pricing";
const S3_REQUESTS = "https://c3x.dev/blog/s3-request-fees-explained";
const PARAMS_VS_SECRETS = "https://techoral.com/aws/aws-parameter-store-vs-secrets.html";

export const PRICES = {
    fargateVcpuHourX86: { usd: 0.04048, unit: "vCPU-hour (Linux/x86)", source: FARGATE_2026, note: "Page dated 2026-06-17; same figure in the Vantage transcription." },
    fargateGbHourX86: { usd: 0.004445, unit: "GB-hour of memory (Linux/x86)", source: FARGATE_2026, note: "Page dated 2026-06-17." },
    fargateVcpuHourArm: { usd: 0.03238, unit: "vCPU-hour (Linux/ARM)", source: FARGATE_VANTAGE, note: "Vantage transcription of the AWS page (undated in the stored copy); fortem.dev/fargate-spot gives the same." },
    fargateGbHourArm: { usd: 0.00356, unit: "GB-hour of memory (Linux/ARM)", source: FARGATE_VANTAGE },
    fargateSpotDiscount: {
        usd: 0.67,
        unit: "fraction off the on-demand Fargate price",
        source: "https://tomgregory.com/aws/aws-fargate-spot-vs-fargate-price-comparison/",
        note: "Not a documented average: AWS publishes none. AWS says Spot is 'up to 70%' off (https://aws.amazon.com/fargate/pricing/); this is the observed ratio in Tom Gregory's comparison (0.01334053 vs 0.04048 per vCPU-hour). Spot prices move with supply and demand.",
    },
    ec2SpotDiscount: {
        usd: 0.7,
        unit: "fraction off the on-demand EC2 price",
        source: "https://aws.amazon.com/ec2/spot/instance-advisor/",
        note: "An assumption, not a documented average: AWS publishes none, only 'up to 90%' off (https://aws.amazon.com/ec2/spot/pricing/), and the Spot Instance Advisor shows each type's current saving. 70 % off puts two t3.medium Spot nodes at $18.22 a month, the figure issue 24 starts from. Spot prices move with supply and demand.",
    },
    fargateEphemeralGbHour: { usd: 0.000111, unit: "GB-hour of ephemeral storage beyond the 20 GB included", source: FARGATE_VANTAGE },
    eksControlPlaneHour: {
        usd: 0.1,
        unit: "cluster-hour (standard support)",
        source: "https://aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing/",
    },
    eksExtendedSupportHour: {
        usd: 0.6,
        unit: "cluster-hour (extended support, total)",
        source: "https://aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing/",
        note: "The total per cluster-hour while the version is in extended support: it replaces the 0.10, it is not added to it.",
    },
    albHour: { usd: 0.0225, unit: "ALB-hour", source: ELB, note: "Page published May 2026." },
    albLcuHour: { usd: 0.008, unit: "LCU-hour", source: ELB },
    nlbHour: { usd: 0.0225, unit: "NLB-hour", source: ELB },
    nlbNlcuHour: { usd: 0.006, unit: "NLCU-hour", source: ELB },
    natGatewayHour: { usd: 0.045, unit: "NAT gateway-hour", source: NAT, note: "Page dated 2026-02-24." },
    natGatewayGb: { usd: 0.045, unit: "GB processed by a NAT gateway", source: NAT, note: "On top of any data transfer charge." },
    publicIpv4Hour: { usd: 0.005, unit: "public IPv4 address-hour", source: NAT },
    interfaceEndpointHour: { usd: 0.01, unit: "interface endpoint-hour per Availability Zone", source: PRIVATELINK, note: "Page updated May 2026." },
    interfaceEndpointGb: { usd: 0.01, unit: "GB processed (first PB a month in the Region)", source: PRIVATELINK },
    appRunnerVcpuHourActive: { usd: 0.064, unit: "vCPU-hour while active", source: APP_RUNNER, note: "The stored copy is AWS's Japanese page; it says the rate applies in us-east-1." },
    appRunnerGbHourActive: { usd: 0.007, unit: "GB-hour of memory while active", source: APP_RUNNER },
    appRunnerGbHourProvisioned: { usd: 0.007, unit: "GB-hour of memory while provisioned (idle)", source: APP_RUNNER },
    efsStandardGbMonth: { usd: 0.3, unit: "GB-month (EFS Standard, Regional)", source: "https://aws.amazon.com/efs/pricing/" },
    efsIaGbMonth: {
        usd: 0.016,
        unit: "GB-month (EFS Infrequent Access, Regional)",
        source: "https://oneuptime.com/blog/post/2026-02-12-efs-lifecycle-management-cost-optimization/view",
        note: "Page dated 2026-02-12. factualminds.com (2026-06) gives 0.025, the price before the late-2023 cut; Vantage's EFS Archive article puts Archive at about half of IA, which fits 0.016.",
    },
    ebsGp3GbMonth: { usd: 0.08, unit: "GB-month (gp3, 3,000 IOPS and 125 MB/s included)", source: "https://www.saisci.com/aws/gp3-throughput-explained/" },
    fsxLustreGbMonth: {
        usd: 0.145,
        unit: "GB-month (FSx for Lustre, persistent SSD, 125 MB/s/TiB)",
        source: "https://c3x.dev/resources/aws/aws_fsx_lustre_file_system/",
        note: "The SSD persistent tier at 125 MB/s per TiB was picked; the AWS page's stored copy shows no figure.",
    },
    ecrStorageGbMonth: { usd: 0.1, unit: "GB-month (private repositories)", source: "https://cloudburn.io/blog/amazon-ecr-pricing", note: "Page dated March 2026." },
    logsIngestGb: {
        usd: 0.5,
        unit: "GB ingested (CloudWatch Logs, Standard class)",
        source: "https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards/",
        note: "Page dated 2026-06-13; first tier.",
    },
    logsStorageGbMonth: { usd: 0.03, unit: "GB-month archived", source: INFRACOST_CLOUDWATCH, note: "Infracost's estimate output quoted in the pull request." },
    alarmStandardMonth: { usd: 0.1, unit: "standard-resolution alarm metric-month", source: INFRACOST_CLOUDWATCH },
    kmsKeyMonth: { usd: 1, unit: "customer managed key-month", source: "https://aws.amazon.com/kms/pricing/" },
    kmsRequests10k: { usd: 0.03, unit: "10,000 requests", source: "https://www.wring.co/blog/aws-kms-pricing-guide", note: "Page dated 2026-03-15; 20,000 requests a month are free." },
    sqsRequestsMillion: { usd: 0.4, unit: "million requests (standard queue)", source: "https://cloudburn.io/blog/amazon-sqs-pricing", note: "Page dated March 2026; each 64 KB of payload is one request." },
    snsRequestsMillion: { usd: 0.5, unit: "million publishes (standard topic)", source: "https://www.factualminds.com/blog/amazon-sns-pricing-publishes-fanout-protocols/" },
    snsEmailPer100k: { usd: 2, unit: "100,000 email notifications", source: "https://www.factualminds.com/blog/amazon-sns-pricing-publishes-fanout-protocols/" },
    eventBridgeEventsMillion: { usd: 1, unit: "million custom events", source: EVENTBRIDGE, note: "Page dated March 2026; AWS service events are free." },
    schedulerInvocationsMillion: {
        usd: 1,
        unit: "million EventBridge Scheduler invocations",
        source: EVENTBRIDGE,
        note: "14 million invocations a month are free. wring.co's EventBridge guide calls Scheduler invocations free; CloudBurn's table is taken.",
    },
    dynamoWriteRequestMillion: { usd: 0.625, unit: "million write request units (on-demand)", source: DYNAMO_ON_DEMAND, note: "After the November 2024 cut; page dated 2025-07-21." },
    dynamoReadRequestMillion: { usd: 0.125, unit: "million read request units (on-demand)", source: DYNAMO_ON_DEMAND },
    dynamoGbMonth: {
        usd: 0.25,
        unit: "GB-month (Standard table class)",
        source: "https://gist.github.com/bahrmichael/94e01d26dc21b9b7156d7d27b1b9e16e",
        note: "Dated 2020-12-27: the only stored figure found; not re-confirmed for 2026. The first 25 GB a month are free.",
    },
    s3StandardGbMonth: { usd: 0.023, unit: "GB-month (S3 Standard, first 50 TB)", source: "https://cloudburn.io/blog/amazon-s3-pricing", note: "Page dated March 2026." },
    s3PutThousand: { usd: 0.005, unit: "1,000 PUT, COPY, POST or LIST requests (S3 Standard)", source: S3_REQUESTS },
    s3GetThousand: { usd: 0.0004, unit: "1,000 GET, HEAD or SELECT requests (S3 Standard)", source: S3_REQUESTS },
    dataTransferOutGb: {
        usd: 0.09,
        unit: "GB out to the internet (first paid tier, up to 10 TB a month)",
        source: "https://cloudpipelines.pages.dev/guides/aws-nat-gateway-pricing-2026/",
        note: "The first 100 GB a month are free across services.",
    },
    secretsManagerSecretMonth: { usd: 0.4, unit: "secret-month", source: PARAMS_VS_SECRETS, note: "Plus 0.05 per 10,000 API calls." },
    ssmParameterStandardMonth: { usd: 0, unit: "standard parameter-month", source: PARAMS_VS_SECRETS, note: "Standard parameters are free (up to 10,000); advanced ones are not." },
} as const satisfies Record<string, Price>;

export type PriceKey = keyof typeof PRICES;

// ECS Express Mode: no price of its own was found; it bills as the resources it creates.
export const expressModeNote =
    "ECS Express Mode has no charge of its own: ECS orchestration is free and Express Mode is billed as the resources it creates in the account: " +
    "Fargate tasks (1 vCPU and 2 GB by default), an Application Load Balancer with an HTTPS listener and target groups, security groups, " +
    "a CloudWatch log group, a metric alarm, Application Auto Scaling and an ACM certificate. Whether the ALB is shared between Express services was not confirmed in the stored sources.";
export const expressModeSource = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-work.html";
export const expressModeSecondarySource = "https://www.moeed.app/posts/what-is-aws-ecs-express-mode/";

// App Runner is closed to new customers: existing customers keep using it, and AWS points new ones to ECS Express Mode.
export const appRunnerAvailabilityNote = "AWS App Runner stopped taking new customers on 2026-04-30; existing customers can keep using it, including creating services. AWS recommends ECS Express Mode instead.";
export const appRunnerAvailabilitySource = "https://docs.aws.amazon.com/apprunner/latest/dg/apprunner-availability-change.html";
