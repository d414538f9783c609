// The ALB access-log writer per region: the ELB guide's table, and the log delivery service beyond it.
import { strict as assert } from "assert";
import { KNOWN_REGIONS } from "../advice";
import { ELB_LOG_ACCOUNTS, ELB_LOG_DELIVERY_SERVICE, elbLogWriter } from "./elb";

describe("elbLogWriter", () => {
    const cases: Array<[string, object]> = [
        ["us-east-1", { AWS: "arn:aws:iam::127311923021:root" }],
        ["ap-southeast-3", { AWS: "arn:aws:iam::589379963580:root" }],
        ["cn-north-1", { AWS: "arn:aws-cn:iam::638102146993:root" }],
        ["us-gov-west-1", { AWS: "arn:aws-us-gov:iam::048591011584:root" }],
        ["ap-southeast-5", { Service: "logdelivery.elasticloadbalancing.amazonaws.com" }],
        ["mx-central-1", { Service: "logdelivery.elasticloadbalancing.amazonaws.com" }],
    ];
    for (const [region, principal] of cases) it(region, () => assert.deepEqual(elbLogWriter(region), principal));

    it("knows only regions that exist, each with a 12-digit account", () => {
        const known = new Set<string>([...KNOWN_REGIONS, "us-gov-west-1", "us-gov-east-1"]);
        assert.deepEqual(
            Object.entries(ELB_LOG_ACCOUNTS).filter(([r, a]) => !known.has(r) || !/^\d{12}$/.test(a)),
            [],
        );
    });

    it("sends every newer known region to the log delivery service", () => {
        const newer = KNOWN_REGIONS.filter((r) => !(r in ELB_LOG_ACCOUNTS));
        assert.ok(newer.includes("eu-central-2") && newer.includes("il-central-1"));
        for (const r of newer) assert.deepEqual(elbLogWriter(r), { Service: ELB_LOG_DELIVERY_SERVICE });
    });
});
