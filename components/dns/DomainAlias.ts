import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface DomainAliasArgs {
    /** The name, e.g. app.example.com. Required. */
    readonly domainName: string;
    /** The Route 53 hosted zone that holds it. Required. */
    readonly hostedZoneId: string;
    /** The load balancer's DNS name and its own hosted zone id, which alias records name. Required. */
    readonly target: { readonly dnsName: pulumi.Input<string>; readonly zoneId: pulumi.Input<string> };
}

/**
 * The domain's A record, an alias of the load balancer: free to query, and it follows the load
 * balancer's addresses as they change. Health is the load balancer's own concern, so the alias does
 * not evaluate target health.
 */
export class DomainAlias extends pulumi.ComponentResource {
    readonly fqdn: pulumi.Output<string>;

    constructor(name: string, args: DomainAliasArgs, opts?: pulumi.ComponentResourceOptions) {
        super("berth:dns:DomainAlias", name, {}, opts);
        const record = new aws.route53.Record(
            `${name}-a`,
            { zoneId: args.hostedZoneId, name: args.domainName, type: "A", aliases: [{ name: args.target.dnsName, zoneId: args.target.zoneId, evaluateTargetHealth: false }] },
            { parent: this },
        );
        this.fqdn = record.fqdn;
        this.registerOutputs({ fqdn: this.fqdn });
    }
}
