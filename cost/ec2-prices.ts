// EC2 on-demand prices, Linux, shared tenancy, us-east-1, USD per instance-hour.
//
// Source: the price table Karpenter ships as its offline fallback, generated from the AWS Price
// List API "at 2026-07-20T13:44:30Z for us-east-1" (its header says so), read at the commit named in
// EC2_PRICE_SOURCE. The same file generated at 2026-02-09T13:43:35Z (commit 265ee0ba5b8e) gives the
// same figure for every entry below. Sizes run from the smallest each family offers (nano, medium or
// large) to 4xlarge.
//
// Not sourced, and so left out: nothing in the requested families and sizes was missing from that
// table. Sizes the families do not offer (m5/m6i/m6a/m7i/c5/c6i/r5/r6i have no medium; only the
// t families have nano, micro and small) are simply absent.

export const EC2_PRICE_SOURCE = "https://github.com/aws/karpenter-provider-aws/blob/1d927085dd81a9df9301e613f371dac5b4d16bfe/pkg/providers/pricing/zz_generated.pricing_aws.go";
export const EC2_PRICE_DATE = "2026-07-20";

export const EC2_HOURLY: Readonly<Record<string, number>> = {
    // t3 (Intel, burstable)
    "t3.nano": 0.0052,
    "t3.micro": 0.0104,
    "t3.small": 0.0208,
    "t3.medium": 0.0416,
    "t3.large": 0.0832,
    "t3.xlarge": 0.1664,
    "t3.2xlarge": 0.3328,
    // t3a (AMD, burstable)
    "t3a.nano": 0.0047,
    "t3a.micro": 0.0094,
    "t3a.small": 0.0188,
    "t3a.medium": 0.0376,
    "t3a.large": 0.0752,
    "t3a.xlarge": 0.1504,
    "t3a.2xlarge": 0.3008,
    // t4g (Graviton2, burstable)
    "t4g.nano": 0.0042,
    "t4g.micro": 0.0084,
    "t4g.small": 0.0168,
    "t4g.medium": 0.0336,
    "t4g.large": 0.0672,
    "t4g.xlarge": 0.1344,
    "t4g.2xlarge": 0.2688,
    // m5
    "m5.large": 0.096,
    "m5.xlarge": 0.192,
    "m5.2xlarge": 0.384,
    "m5.4xlarge": 0.768,
    // m6i
    "m6i.large": 0.096,
    "m6i.xlarge": 0.192,
    "m6i.2xlarge": 0.384,
    "m6i.4xlarge": 0.768,
    // m6a
    "m6a.large": 0.0864,
    "m6a.xlarge": 0.1728,
    "m6a.2xlarge": 0.3456,
    "m6a.4xlarge": 0.6912,
    // m6g
    "m6g.medium": 0.0385,
    "m6g.large": 0.077,
    "m6g.xlarge": 0.154,
    "m6g.2xlarge": 0.308,
    "m6g.4xlarge": 0.616,
    // m7i
    "m7i.large": 0.1008,
    "m7i.xlarge": 0.2016,
    "m7i.2xlarge": 0.4032,
    "m7i.4xlarge": 0.8064,
    // m7g
    "m7g.medium": 0.0408,
    "m7g.large": 0.0816,
    "m7g.xlarge": 0.1632,
    "m7g.2xlarge": 0.3264,
    "m7g.4xlarge": 0.6528,
    // c5
    "c5.large": 0.085,
    "c5.xlarge": 0.17,
    "c5.2xlarge": 0.34,
    "c5.4xlarge": 0.68,
    // c6i
    "c6i.large": 0.085,
    "c6i.xlarge": 0.17,
    "c6i.2xlarge": 0.34,
    "c6i.4xlarge": 0.68,
    // c6g
    "c6g.medium": 0.034,
    "c6g.large": 0.068,
    "c6g.xlarge": 0.136,
    "c6g.2xlarge": 0.272,
    "c6g.4xlarge": 0.544,
    // c7g
    "c7g.medium": 0.0363,
    "c7g.large": 0.0725,
    "c7g.xlarge": 0.145,
    "c7g.2xlarge": 0.29,
    "c7g.4xlarge": 0.58,
    // r5
    "r5.large": 0.126,
    "r5.xlarge": 0.252,
    "r5.2xlarge": 0.504,
    "r5.4xlarge": 1.008,
    // r6i
    "r6i.large": 0.126,
    "r6i.xlarge": 0.252,
    "r6i.2xlarge": 0.504,
    "r6i.4xlarge": 1.008,
    // r6g
    "r6g.medium": 0.0504,
    "r6g.large": 0.1008,
    "r6g.xlarge": 0.2016,
    "r6g.2xlarge": 0.4032,
    "r6g.4xlarge": 0.8064,
    // r7g
    "r7g.medium": 0.0536,
    "r7g.large": 0.1071,
    "r7g.xlarge": 0.2142,
    "r7g.2xlarge": 0.4284,
    "r7g.4xlarge": 0.8568,
};

/** The hourly on-demand price of an instance type, matched exactly; undefined when the table lacks it. */
export function ec2Hourly(type: string): number | undefined {
    return Object.hasOwn(EC2_HOURLY, type) ? EC2_HOURLY[type] : undefined;
}
