// Who writes an Application Load Balancer's access logs into its bucket, by region: the principal
// the bucket policy must allow.

/**
 * The Elastic Load Balancing account of each region that was available before August 2022.
 * Source: Elastic Load Balancing, Application Load Balancers, "Enable access logs for your
 * Application Load Balancer", step 2 "Attach a policy to your S3 bucket", the table of Elastic Load
 * Balancing account IDs by region
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html),
 * checked in December 2026 against AWS CDK's region-info fact table (ELBV2_ACCOUNTS,
 * aws/aws-cdk packages/aws-cdk-lib/region-info/build-tools/fact-tables.ts), which lists the same ids.
 */
export const ELB_LOG_ACCOUNTS: Readonly<Record<string, string>> = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "af-south-1": "098369216593",
    "ap-east-1": "754344448648",
    "ap-south-1": "718504428378",
    "ap-northeast-1": "582318560864",
    "ap-northeast-2": "600734575887",
    "ap-northeast-3": "383597477331",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    "ap-southeast-3": "589379963580",
    "ca-central-1": "985666609251",
    "eu-central-1": "054676820928",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-west-3": "009996457667",
    "eu-south-1": "635631232127",
    "eu-north-1": "897822967062",
    "me-south-1": "076674570225",
    "sa-east-1": "507241528517",
    "us-gov-west-1": "048591011584",
    "us-gov-east-1": "190560391635",
    "cn-north-1": "638102146993",
    "cn-northwest-1": "037604701340",
};

/**
 * The log delivery service principal that writes access logs in every region available in August
 * 2022 or later (ap-south-2, ap-southeast-4, ap-southeast-5, ca-west-1, eu-central-2, eu-south-2,
 * il-central-1, me-central-1, mx-central-1, ...). Same source as ELB_LOG_ACCOUNTS.
 */
export const ELB_LOG_DELIVERY_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";

/** The partition of a region's ARNs. */
function partitionOf(region: string): string {
    if (region.startsWith("cn-")) return "aws-cn";
    if (region.startsWith("us-gov-")) return "aws-us-gov";
    return "aws";
}

/**
 * The bucket-policy principal that may write a region's ALB access logs: the region's ELB account
 * (its root), or for a region not in the table, the log delivery service.
 */
export function elbLogWriter(region: string): { readonly AWS: string } | { readonly Service: string } {
    const account = ELB_LOG_ACCOUNTS[region];
    return account ? { AWS: `arn:${partitionOf(region)}:iam::${account}:root` } : { Service: ELB_LOG_DELIVERY_SERVICE };
}
