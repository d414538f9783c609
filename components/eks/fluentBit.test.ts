import { strict as assert } from "assert";
import { FARGATE_LOGGING_MAX_CHARS, fargateLoggingData } from "./FargateLogging";
import { containerLogPaths, logShipperPolicy, namespacePattern, routedGroups } from "./fluentBit";

const routing = (namespaces: string[]) => ({ region: "eu-west-1", groupPrefix: "/berth/p/s/", namespaces, fallbackGroup: "/berth/p/s/_unrouted" });

describe("Fluent Bit routing", () => {
    it("tails each namespace's container logs, sorted, and nothing else", () => {
        assert.equal(containerLogPaths(["web", "api"]), "/var/log/containers/*_api_*.log,/var/log/containers/*_web_*.log");
    });

    it("matches exactly the shipped namespaces", () => {
        const re = new RegExp(namespacePattern(["web", "api"]));
        assert.deepEqual(
            ["api", "web", "kube-system", "web2", "xweb"].filter((ns) => re.test(ns)),
            ["api", "web"],
        );
    });

    it("writes to each namespace's group and the fallback", () => {
        assert.deepEqual(routedGroups(routing(["web", "api"])), ["/berth/p/s/_unrouted", "/berth/p/s/api", "/berth/p/s/web"]);
    });

    it("grants streams and events in the groups, and no action on anything else", () => {
        assert.deepEqual(logShipperPolicy(["arn:b", "arn:a"]), {
            Version: "2012-10-17",
            Statement: [{ Sid: "WriteServiceLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: ["arn:a:*", "arn:b:*"] }],
        });
    });

    it("keeps the Fargate ConfigMap under its 5300 characters with 50 services of 40-character names", () => {
        const names = Array.from({ length: 50 }, (_, i) => `service-${String(i).padStart(2, "0")}-${"x".repeat(29)}`);
        const size = Object.entries(fargateLoggingData(routing(names))).reduce((n, [k, v]) => n + k.length + v.length, 0);
        assert.ok(size < FARGATE_LOGGING_MAX_CHARS, String(size));
    });
});
