// The registry on EKS (issue 19, item 2): images are rewritten to the account's pull-through cache on
// every platform, so whatever pulls them on EKS (the nodes, Fargate's pod execution roles) may fill
// the cache: the first pull creates the repository and imports the image as the puller.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { eksConfig, inputs, json, ofType, planOk } from "./harness";

const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const FILL = {
    Sid: "EcrPullThroughCache",
    Effect: "Allow",
    Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
    Resource: ["arn:aws:ecr:eu-west-1:123456789012:repository/docker-hub/*", "arn:aws:ecr:eu-west-1:123456789012:repository/ecr-public/*"],
};
const HUB_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf";
const cache = { "berth:registry": { pullThroughCache: { ecrPublic: true, dockerHub: { credentialArn: HUB_SECRET } } } };
const statements = (p: Plan, name: string) => json(inputs(p, ROLE_POLICY, name).policy).Statement;

describe("EKS with a pull-through cache: every pulling identity may fill it", () => {
    it("managed, self-managed and Karpenter nodes, within the cache's prefixes only", async () => {
        const p = await planOk(
            eksConfig({
                ...cache,
                "berth:eks": { nodeGroups: { general: { type: "managed" }, legacy: { type: "self-managed", instanceTypes: ["t3.medium"] }, burst: { type: "karpenter" } } },
            }),
        );
        for (const name of ["general-node-policy", "legacy-node-policy", "karpenter-node-policy"]) assert.deepEqual(statements(p, name), [FILL], name);
        // The nodes start only with the right to fill the cache in place.
        assert.ok(ofType(p, "eks:index:ManagedNodeGroup")[0].dependencies.includes(ofType(p, ROLE_POLICY).find((r) => r.name === "general-node-policy")!.urn));
    });

    it("Fargate's pod execution role, before its profile exists", async () => {
        const p = await planOk(eksConfig({ ...cache, "berth:eks": { nodeGroups: { general: null, serverless: { type: "fargate" } } } }));
        assert.deepEqual(statements(p, "serverless-pod-execution-policy"), [FILL]);
        const policy = ofType(p, ROLE_POLICY).find((r) => r.name === "serverless-pod-execution-policy")!;
        assert.ok(ofType(p, "aws:eks/fargateProfile:FargateProfile")[0].dependencies.includes(policy.urn));
    });

    it("and nothing more without a cache", async () => {
        const p = await planOk(eksConfig({ "berth:eks": { nodeGroups: { general: { type: "managed" }, serverless: { type: "fargate", selectors: [{ namespace: "job" }] } } } }));
        assert.deepEqual(
            ofType(p, ROLE_POLICY)
                .map((r) => r.name)
                .filter((n) => n.endsWith("node-policy") || n.endsWith("pod-execution-policy")),
            [],
        );
    });
});
