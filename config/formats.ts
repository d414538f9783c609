// String formats shared by the schema files. Each rejects wildcards where the value ends up in an
// IAM policy, so a grant can never widen to "*".
import { z } from "zod";

/** True for a dotted-quad IPv4 CIDR with octets 0-255 and a prefix 0-32. */
export function isCidr(s: string): boolean {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(s);
    return !!m && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}

/** The block's network address, host bits cleared: 203.0.113.5/24 is 203.0.113.0/24. */
export function networkAddress(block: string): string {
    const [ip, prefix] = block.split("/");
    const n = ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
    const size = 2 ** (32 - Number(prefix));
    const base = n - (n % size);
    return `${[24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256).join(".")}/${prefix}`;
}

/**
 * An IPv4 block, written as its network address. EC2 and VPC store the network address of what they
 * are given, so 203.0.113.5/24 would differ from the stored rule on every update, and sit beside
 * 203.0.113.0/24 as a duplicate EC2 refuses.
 */
export const cidr = z.string().superRefine((v, ctx) => ipv4Issue(v, ctx, "an IPv4 CIDR block such as 10.0.0.0/16 (octets 0-255, prefix 0-32)"));

/** What is wrong with `v` as an IPv4 block (`invalid` when it is none), added to `ctx`. */
function ipv4Issue(v: string, ctx: z.RefinementCtx, invalid: string): void {
    if (!isCidr(v)) ctx.addIssue({ code: "custom", message: invalid });
    else if (networkAddress(v) !== v) ctx.addIssue({ code: "custom", message: `the block's network address, without host bits: write ${networkAddress(v)}` });
}

/** The eight 16-bit groups of an IPv6 address, or undefined when it is not one (no embedded IPv4, no zone). */
function ipv6Groups(ip: string): number[] | undefined {
    if (!/^[0-9a-fA-F:]+$/.test(ip) || ip.split("::").length > 2) return undefined;
    const [head, tail] = ip.includes("::") ? ip.split("::") : [ip, undefined];
    const parse = (part: string) => (part === "" ? [] : part.split(":"));
    const left = parse(head);
    const right = tail === undefined ? [] : parse(tail);
    const missing = 8 - left.length - right.length;
    if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
    const groups = [...left, ...Array<string>(missing).fill("0"), ...right];
    return groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) ? groups.map((g) => parseInt(g, 16)) : undefined;
}

/** Groups written as RFC 5952 asks: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
function ipv6Text(groups: ReadonlyArray<number>): string {
    let best = { at: -1, length: 1 };
    for (let i = 0; i < 8; i++) {
        let j = i;
        while (j < 8 && groups[j] === 0) j++;
        if (j - i > best.length) best = { at: i, length: j - i };
    }
    const hex = groups.map((g) => g.toString(16));
    return best.at < 0 ? hex.join(":") : `${hex.slice(0, best.at).join(":")}::${hex.slice(best.at + best.length).join(":")}`;
}

/** An IPv6 CIDR's network address in RFC 5952 form (2001:db8::/32), or undefined when it is no IPv6 CIDR. */
export function ipv6Network(block: string): string | undefined {
    const m = /^([^/]+)\/(\d{1,3})$/.exec(block);
    const groups = m ? ipv6Groups(m[1]) : undefined;
    const prefix = Number(m?.[2]);
    if (!groups || !(prefix <= 128)) return undefined;
    const kept = groups.map((g, i) => {
        const bits = Math.min(16, Math.max(0, prefix - 16 * i));
        return bits === 16 ? g : g & (0xffff << (16 - bits)) & 0xffff;
    });
    return `${ipv6Text(kept)}/${prefix}`;
}

/**
 * An IPv4 or IPv6 block, written as EC2 stores it (its network address; IPv6 in RFC 5952 form).
 * IPv6 ranges reach only a dual-stack load balancer: validation says so where they are used.
 */
export const anyCidr = z.string().superRefine((v, ctx) => {
    if (!v.includes(":")) return ipv4Issue(v, ctx, "an IPv4 CIDR block such as 203.0.113.0/24 (octets 0-255, prefix 0-32) or an IPv6 one such as 2001:db8::/32");
    const network = ipv6Network(v);
    if (!network) ctx.addIssue({ code: "custom", message: "an IPv6 CIDR block such as 2001:db8::/32 (hex groups, prefix 0-128), or an IPv4 one such as 203.0.113.0/24" });
    else if (network !== v) ctx.addIssue({ code: "custom", message: `the block's network address in its short form: write ${network}` });
});

export const localName = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, { message: "a lowercase name of letters, digits or '-', starting with a letter" });

// S3 bucket naming rules: 3-63 characters, lowercase letters, digits, '.' and '-'.
const BUCKET = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]";
export const bucketName = z.string().regex(new RegExp(`^${BUCKET}$`), { message: "an S3 bucket name (not an ARN), 3-63 lowercase letters, digits, '.' or '-'" });
export const bucketRef = z.string().regex(new RegExp(`^(${BUCKET}|arn:aws[a-z-]*:s3:::${BUCKET})$`), {
    message: "an S3 bucket name or ARN (no wildcards)",
});
export const keyPrefix = z.string().regex(/^[^*?]*$/, { message: "a key prefix without '*' or '?'" });

const arn = (service: string, resource: string) => String.raw`arn:aws[a-z-]*:${service}:[a-z0-9-]+:\d{12}:${resource}`;
const whole = (...alternatives: string[]) => new RegExp(`^(${alternatives.join("|")})$`);

export const tableArn = z.string().regex(whole(arn("dynamodb", "table/[A-Za-z0-9_.-]{3,255}")), {
    message: "a DynamoDB table ARN such as arn:aws:dynamodb:us-east-1:123456789012:table/orders (no wildcards)",
});
export const queueArn = z.string().regex(whole(arn("sqs", String.raw`[A-Za-z0-9_-]{1,80}(\.fifo)?`)), {
    message: "an SQS queue ARN such as arn:aws:sqs:us-east-1:123456789012:jobs (no wildcards)",
});
// ECS accepts a Secrets Manager reference with a ":json-key:version-stage:version-id" suffix.
export const secretRef = z.string().regex(whole(arn("secretsmanager", "secret:[A-Za-z0-9/_+=.@-]+(:[^:*?]*:[^:*?]*:[^:*?]*)?"), arn("ssm", "parameter/[A-Za-z0-9/_.-]+")), {
    message: "a Secrets Manager secret ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME) or an SSM parameter ARN (arn:aws:ssm:REGION:ACCOUNT:parameter/NAME), without wildcards",
});

export const kmsKeyArn = z.string().regex(whole(arn("kms", "key/[A-Za-z0-9-]+")), {
    message: "a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab (not an alias)",
});

// ECR's pull-through cache takes upstream credentials only from secrets named ecr-pullthroughcache/...
export const dockerHubCredential = z.string().regex(whole(arn("secretsmanager", "secret:ecr-pullthroughcache/[A-Za-z0-9/_+=.@-]+")), {
    message: "a Secrets Manager secret ARN whose name starts with ecr-pullthroughcache/ (ECR's rule for upstream credentials), e.g. arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf",
});

// An account, role or user, by ARN: who may connect to a PrivateLink endpoint service. Never "*".
export const iamPrincipalArn = z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:(root|role\/[A-Za-z0-9+=,.@_/-]+|user\/[A-Za-z0-9+=,.@_/-]+)$/, {
    message: "an IAM principal ARN: an account (arn:aws:iam::123456789012:root), a role or a user; never *",
});

// The OCI distribution reference grammar (distribution/reference, grammar.go): an optional registry
// host[:port], lowercase path components joined by '/', an optional :tag and @digest.
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const HOST = "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?";
const IMAGE_REFERENCE = new RegExp(`^(?:${HOST}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`);

/** True for a reference Docker and ECS accept, such as public.ecr.aws/nginx/nginx:1.27. */
export function isImageReference(ref: string): boolean {
    // A first component is a registry host only with a '.' or ':', or as localhost (as Docker reads it);
    // otherwise it is part of the repository, which is lowercase, though HOST would take "MyOrg".
    const first = ref.split("/")[0];
    const lowercaseRepository = /[.:]/.test(first) || !/[A-Z]/.test(first);
    return IMAGE_REFERENCE.test(ref) && ref.length <= 255 && lowercaseRepository;
}

/** What is wrong with an image reference, in the words of the fix. */
export function imageReferenceProblem(ref: string): string | undefined {
    if (isImageReference(ref)) return undefined;
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(ref);
    if (scheme) return `an image reference without a URL scheme: ${ref.slice(scheme[0].length)}`;
    if (/\s/.test(ref)) return "an image reference without spaces: a tag follows ':', as in myorg/nginx:latest";
    // The name without its digest and tag; a ':' before the last '/' is a registry's port.
    const name = ref.split("@")[0].replace(/:[^/]*$/, "");
    const first = name.split("/")[0];
    const path = name.includes("/") && /[.:]/.test(first) ? name.slice(first.length + 1) : name;
    if (/[A-Z]/.test(path)) return `an image reference with a lowercase repository: ${ref.replace(path, path.toLowerCase())}`;
    return "an image reference such as public.ecr.aws/nginx/nginx:1.27 or 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:v1";
}
