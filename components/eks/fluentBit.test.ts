import { strict as assert } from "assert";
import { FARGATE_LOGGING_MAX_CHARS, fargateLoggingSize } from "./FargateLogging";
import { containerLogPaths, logShipperPolicy, routedGroups } from "./fluentBit";

const routing = (namespaces: string[]) => ({ region: "eu-west-1", groupPrefix: "/berth/p/s/", namespaces, fallbackGroup: "/berth/p/s/_unrouted" });

describe("Fluent Bit routing", () => {
    it("tails each namespace's container logs, sorted, and nothing else", () => {
        assert.equal(containerLogPaths(["web", "api"]), "/var/log/containers/*_api_*.log,/var/log/containers/*_web_*.log");
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

    it("fits 20 services of the longest names (17 characters) in Fargate's 5300 characters, not 30", () => {
        const names = (n: number) => Array.from({ length: n }, (_, i) => `s${String(i).padStart(2, "0")}-${"x".repeat(13)}`);
        const { region: _, ...r } = routing([]);
        assert.ok(fargateLoggingSize({ ...r, namespaces: names(20) }) <= FARGATE_LOGGING_MAX_CHARS);
        assert.ok(fargateLoggingSize({ ...r, namespaces: names(30) }) > FARGATE_LOGGING_MAX_CHARS);
    });
});
