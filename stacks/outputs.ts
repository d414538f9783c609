import * as pulumi from "@pulumi/pulumi";

/** Stack outputs every platform provides; platforms may add more. */
export interface StackOutputs {
    /** Public URL of the load balancer, when any service is public. */
    readonly url?: pulumi.Output<string>;
    readonly platform: string;
    readonly clusterName: pulumi.Output<string>;
    /** Deployed service name per configured service. */
    readonly services: Record<string, pulumi.Output<string>>;
    readonly [extra: string]: unknown;
}
