// What a newcomer reads when the config is wrong: the nearest key or value they meant, the unit a
// size is in, and plain words for types. Each test asserts the exact message.
import { strict as assert } from "assert";
import { errorAt, fargateConfig, fixtureErrors, merge } from "../tests/harness";
import { closest, editDistance } from "./suggest";
import { suggestServiceName } from "./validate";

const errorsOf = (overrides: Record<string, unknown>) => fixtureErrors(merge(fargateConfig(), overrides));
const web = (svc: Record<string, unknown>) => ({ "berth:services": { web: svc } });

describe("did you mean", () => {
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
        ["a key in the wrong case", web({ desiredcount: 2 }), "berth:services.web.desiredcount", "no such key: did you mean desiredCount?"],
        ["a top-level key in the wrong case", { "berth:loadbalancer": { allowedCidrs: ["198.51.100.0/24"] } }, "berth:loadbalancer", "no such key: did you mean berth:loadBalancer?"],
        ["a misspelt key", web({ helthCheck: { path: "/" } }), "berth:services.web.helthCheck", "no such key: did you mean healthCheck?"],
        ["another tool's word for a key", web({ replicas: 2 }), "berth:services.web.replicas", "no such key: did you mean desiredCount?"],
        ["a platform by half its name", { "berth:platform": "fargate" }, "berth:platform", 'one of "ecs-fargate", "ecs-ec2", "ecs-anywhere", "eks", "kubernetes", "apprunner", "ecs-express": did you mean "ecs-fargate"?'],
        ["an environment misspelt", { "berth:environment": "production" }, "berth:environment", 'one of "dev", "staging", "prod": did you mean "prod"?'],
        ["a key with nothing near it, among few", { "berth:network": { bogus: true } }, "berth:network.bogus", "no such key; known keys here are cidr, azs, nat"],
        ["a key with nothing near it, among many", web({ zzzzzz: 1 }), "berth:services.web.zzzzzz", "no such key in berth:services.NAME; see docs/config.md for the keys there"],
    ];
    for (const [what, overrides, path, allowed] of cases) it(`${what}: ${path}`, () => assert.equal(errorAt(errorsOf(overrides), path).allowed, allowed));

    it("names the service name meant: lowercase, '-' for anything else", () => {
        const e = errorAt(fixtureErrors(merge(fargateConfig({ "berth:services": { web: null } }), { "berth:services": { Web: { image: "nginx" } } })), "berth:services.Web");
        assert.match(e.allowed, /: did you mean web\?$/);
        assert.deepEqual(["Web", "my_service", "API Gateway", "1st-service", "a-very-long-service-name"].map(suggestServiceName), ["web", "my-service", "api-gateway", "st-service", "a-very-long-servi"]);
    });

    it("suggests only what is close: a third of the word at most", () => {
        assert.equal(closest("desiredcount", ["desiredCount", "port"]), "desiredCount");
        assert.equal(closest("prot", ["port", "path"]), "port");
        assert.equal(closest("xyz", ["port", "path"]), undefined);
        assert.equal(editDistance("ab", "ba"), 1);
        assert.equal(editDistance("kitten", "sitting"), 3);
    });
});

describe("units and plain words", () => {
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
        ["memory in GB", web({ memory: "1GB" }), "berth:services.web.memory", "a number of MiB, without a unit: write 1024"],
        ["memory in GiB with a space", web({ memory: "2 GiB" }), "berth:services.web.memory", "a number of MiB, without a unit: write 2048"],
        ["memory in MB", web({ memory: "512MB" }), "berth:services.web.memory", "a number of MiB, without a unit: write 512"],
        ["cpu in vCPU", web({ cpu: "0.5 vCPU" }), "berth:services.web.cpu", "CPU units, 1024 per vCPU, without a unit: write 512"],
        ["a port as text", web({ port: "8080/tcp" }), "berth:services.web.port", "a number, without a unit"],
        ["a fraction where a whole number goes", web({ cpu: 256.5 }), "berth:services.web.cpu", "a whole number"],
        ["a map written as a list", web({ environment: ["A=1"] }), "berth:services.web.environment", "a map of variable names to values"],
        ["a flag as text", web({ public: "yes" }), "berth:services.web.public", "true or false"],
        ["a command as one string", web({ command: "ls -l" }), "berth:services.web.command", "a list"],
    ];
    for (const [what, overrides, path, allowed] of cases) it(`${what}: ${path}`, () => assert.equal(errorAt(errorsOf(overrides), path).allowed, allowed));

    it("says a list of services is the mistake, not each index a bad service name", () => {
        const errors = fixtureErrors(fargateConfig({ "berth:services": [{ image: "nginx" }] }));
        assert.deepEqual(errors.map((e) => [e.path, e.allowed]), [["berth:services", "a map of service names to services"]]);
    });

    it("says what the services map holds when it is missing", () => {
        assert.equal(errorAt(fixtureErrors(fargateConfig({ "berth:services": null })), "berth:services").allowed, "a map of service names to services");
    });
});
