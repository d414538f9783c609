// The EKS release calendar: which Kubernetes versions EKS runs, and until when in standard and
// extended support. Validation, the spec's default and the warnings read it.

/**
 * The day berth's EKS version table was last checked. Support is computed from the table's dates
 * against this constant, never against the clock, so a plan never depends on the day it runs;
 * update the two together.
 */
export const EKS_VERSIONS_AS_OF = "2026-11-27";

/** A version's place in the EKS lifecycle on a given day. */
export type EksSupport = "standard" | "extended" | "ended";

/**
 * Kubernetes minor versions on EKS, with the first day (UTC) each is out of standard support and out
 * of extended support: EKS bills extended support from the start of the first date, and creates no
 * cluster on a version from the second. Standard support lasts 14 months from the EKS release, then
 * extended support (six times the hourly price) 12 more. Sources: the EKS user guide, "Understand the
 * Kubernetes version lifecycle on EKS" (release calendar: 1.31-1.35); for 1.36, on EKS since
 * 2026-06-02 (user guide, "Review release notes for Kubernetes versions on standard support"), the
 * same 14 + 12 months. EKS Distro had a 1.37 development build by September 2026, but EKS itself
 * had not released 1.37 when this table was checked.
 */
export const EKS_VERSIONS: ReadonlyArray<{ readonly version: string; readonly endOfStandardSupport: string; readonly endOfExtendedSupport: string }> = [
    { version: "1.36", endOfStandardSupport: "2027-08-02", endOfExtendedSupport: "2028-08-02" },
    { version: "1.35", endOfStandardSupport: "2027-03-27", endOfExtendedSupport: "2028-03-27" },
    { version: "1.34", endOfStandardSupport: "2026-12-02", endOfExtendedSupport: "2027-12-02" },
    { version: "1.33", endOfStandardSupport: "2026-07-29", endOfExtendedSupport: "2027-07-29" },
    { version: "1.32", endOfStandardSupport: "2026-03-23", endOfExtendedSupport: "2027-03-23" },
    { version: "1.31", endOfStandardSupport: "2025-11-26", endOfExtendedSupport: "2026-11-26" },
];

/** Where `version` stands on `asOf` (YYYY-MM-DD, UTC); undefined for a version EKS never ran. */
export function eksSupport(version: string, asOf: string = EKS_VERSIONS_AS_OF): EksSupport | undefined {
    const v = EKS_VERSIONS.find((x) => x.version === version);
    if (!v) return undefined;
    // ISO dates compare as text.
    if (asOf < v.endOfStandardSupport) return "standard";
    return asOf < v.endOfExtendedSupport ? "extended" : "ended";
}

/** The versions of the table in one lifecycle state on `asOf`, newest first. */
export const eksVersionsIn = (support: EksSupport, asOf: string = EKS_VERSIONS_AS_OF) => EKS_VERSIONS.filter((v) => eksSupport(v.version, asOf) === support).map((v) => v.version);

/**
 * The default: the newest version EKS runs (released there in June 2026), whose standard support
 * lasts longest: until 2027-08-02.
 */
export const EKS_DEFAULT_VERSION = "1.36";

/**
 * The public SSM parameter holding the release version of the recommended EKS-optimized AL2023 AMI
 * for a Kubernetes version (KUBERNETES_PATCH-YYYYMMDD, e.g. 1.36.2-20260714). The EKS user guide
 * documents the `image_id` sibling ("Retrieve recommended Amazon Linux AMI IDs"); `release_version`
 * is the value managed node groups take, as terraform-aws-eks reads it
 * (modules/eks-managed-node-group/main.tf).
 */
export function eksAmiReleaseParameter(version: string, architecture: "x86_64" | "arm64"): string {
    return `/aws/service/eks/optimized-ami/${version}/amazon-linux-2023/${architecture}/standard/recommended/release_version`;
}

/**
 * The EKS-optimized AL2023 AMI release self-managed and Karpenter nodes run unless `berth:eks.amiRelease` names
 * another: v20260714 (awslabs/amazon-eks-ami, CHANGELOG.md; checked 2026-12-07). A release ships an
 * AMI for every Kubernetes version EKS supports. Bumping it is a reviewed one-line change that the
 * plan shows as a new AMI, and the nodes roll, drained one at a time.
 */
export const EKS_AMI_RELEASE = "v20260714";

/**
 * The name of an EKS-optimized AL2023 AMI of one release, as Amazon publishes it
 * (amazon-eks-node-al2023-ARCH-standard-VERSION-vYYYYMMDD; the same filter terraform-aws-eks's
 * self-managed examples look the AMI up by, owned by "amazon").
 */
export function eksAmiName(version: string, architecture: "x86_64" | "arm64", release: string): string {
    return `amazon-eks-node-al2023-${architecture}-standard-${version}-${release}`;
}
