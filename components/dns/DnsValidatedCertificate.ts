import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/tags";
import { applyTransform, Transform } from "../common/transform";

export interface DnsValidatedCertificateArgs {
    /** The name the certificate is for, e.g. app.example.com. Required. */
    readonly domainName: string;
    /** The Route 53 hosted zone that holds the name; the validation record goes there. Required. */
    readonly hostedZoneId: string;
    readonly tags?: Tags;
    readonly transform?: { readonly certificate?: Transform<aws.acm.CertificateArgs> };
}

/**
 * An ACM certificate validated through DNS in a Route 53 zone: ACM's CNAME goes into the zone, and
 * `certificateArn` resolves only once ACM has issued the certificate, so a listener that uses it
 * waits for it. ACM renews it as long as the record stays.
 */
export class DnsValidatedCertificate extends pulumi.ComponentResource {
    /** The issued certificate's ARN: it exists once validation succeeded. */
    readonly certificateArn: pulumi.Output<string>;

    constructor(name: string, args: DnsValidatedCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:dns:DnsValidatedCertificate", name, {}, opts);
        const cert = new aws.acm.Certificate(
            `${name}-cert`,
            applyTransform<aws.acm.CertificateArgs>(
                {
                    domainName: args.domainName,
                    validationMethod: "DNS",
                    keyAlgorithm: "EC_prime256v1",
                    tags: { ...args.tags },
                },
                args.transform?.certificate,
            ),
            // A new certificate before the old one goes: the listener always has one to serve.
            { parent: this, deleteBeforeReplace: false },
        );
        const option = cert.domainValidationOptions.apply((o) => o[0]);
        const record = new aws.route53.Record(
            `${name}-validation`,
            {
                zoneId: args.hostedZoneId,
                name: option.resourceRecordName,
                type: option.resourceRecordType,
                records: [option.resourceRecordValue],
                ttl: 300,
                // The same validation record serves every certificate for the name.
                allowOverwrite: true,
            },
            { parent: this },
        );
        const validation = new aws.acm.CertificateValidation(`${name}-validated`, { certificateArn: cert.arn, validationRecordFqdns: [record.fqdn] }, { parent: this });
        this.certificateArn = validation.certificateArn;
        this.registerOutputs({ certificateArn: this.certificateArn });
    }
}
