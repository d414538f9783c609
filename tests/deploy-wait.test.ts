// Issue 22 item 1. GIVEN an ECS or Express Mode stack, WHEN it is planned, THEN every service makes
// `pulumi up` wait for a steady state unless berth:deploy.waitForSteadyState is false: a service
// whose tasks cannot start then fails the update under its own name instead of ending green.
import { strict as assert } from "assert";
import { errorAt, fargateConfig, fixtureErrors, managedConfig, ofType, planOk, planStackOk } from "./harness";

const SERVICE = "aws:ecs/service:Service";
const EXPRESS = "aws:ecs/expressGatewayService:ExpressGatewayService";
const waits = (rs: ReturnType<typeof ofType>) => Object.fromEntries(rs.map((r) => [r.name, r.inputs.waitForSteadyState]));

describe("waiting for steady state (issue 22 item 1)", () => {
    it("every ECS service waits by default", async () => {
        const p = await planOk(fargateConfig({ "berth:services": { worker: { image: "public.ecr.aws/docker/library/busybox:1.36" } } }));
        assert.deepEqual(waits(ofType(p, SERVICE)), { "web-service": true, "worker-service": true });
    });

    it("berth:deploy.waitForSteadyState: false turns the wait off for every service", async () => {
        const p = await planOk(fargateConfig({ "berth:deploy": { waitForSteadyState: false }, "berth:services": { worker: { image: "public.ecr.aws/docker/library/busybox:1.36" } } }));
        assert.deepEqual(waits(ofType(p, SERVICE)), { "web-service": false, "worker-service": false });
    });

    it("ECS Anywhere does not wait by default, since its hosts register only after the stack exists; the key still turns it on", async () => {
        assert.deepEqual(waits(ofType(await planStackOk("ecs-anywhere"), SERVICE)), { "edge-service": false });
        const anywhere = fargateConfig({ "berth:platform": "ecs-anywhere", "berth:loadBalancer": null, "berth:deploy": { waitForSteadyState: true }, "berth:services": { web: { public: false, desiredCount: 1 } } });
        assert.deepEqual(waits(ofType(await planOk(anywhere), SERVICE)), { "web-service": true });
    });

    it("the shipped dev stack waits for both its services", async () => {
        const p = await planStackOk("dev");
        assert.deepEqual(waits(ofType(p, SERVICE)), { "web-service": true, "worker-service": true });
    });

    it("Express Mode waits by default, and the same key turns it off", async () => {
        assert.deepEqual(waits(ofType(await planOk(managedConfig("ecs-express")), EXPRESS)), { "web-service": true });
        assert.deepEqual(waits(ofType(await planOk(managedConfig("ecs-express", { "berth:deploy": { waitForSteadyState: false } })), EXPRESS)), { "web-service": false });
    });

    it("the key takes only true or false, and berth:deploy no other key", () => {
        assert.equal(errorAt(fixtureErrors(fargateConfig({ "berth:deploy": { waitForSteadyState: "no" } })), "berth:deploy.waitForSteadyState").allowed, "true or false");
        assert.ok(fixtureErrors(fargateConfig({ "berth:deploy": { waitForSteadyStat: false } })).some((e) => e.path.startsWith("berth:deploy")));
    });
});
