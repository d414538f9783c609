// The EKS composition's edges that the shipped stacks never reach: mixed capacity, long selector
// lists, and the lookups it makes for its components (with the arguments it makes them with).
import { strict as assert } from "assert";
import { INVOKES } from "../plan/fakes";
import { eksConfig, inputs, ofType, planOk } from "./harness";

const PROFILE = "aws:eks/fargateProfile:FargateProfile";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const image = "public.ecr.aws/docker/library/busybox:1.36";
const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:berth/dev/db-AbCdEf";

/** Plans with one invoke answered by `fake`, recording what each call asked. */
async function withInvoke(token: string, fake: (i: Record<string, unknown>) => Record<string, unknown>, config: Record<string, unknown>, stack: string) {
    const original = INVOKES[token];
    const asked: Array<Record<string, unknown>> = [];
    INVOKES[token] = (i, c) => {
        asked.push({ ...i });
        return { ...original(i, c), ...fake(i) };
    };
    try {
        return { plan: await planOk(config, stack), asked };
    } finally {
        INVOKES[token] = original;
    }
}

describe("EKS composition: edges", () => {
    it("looks the self-managed AMI up by its exact name among Amazon's images, the most recent of that name", async () => {
        const { asked } = await withInvoke("aws:ec2/getAmi:getAmi", () => ({}), eksConfig({ "berth:eks": { nodeGroups: { general: { type: "self-managed", instanceTypes: ["t3.medium"] } } } }), "ami-args");
        assert.deepEqual(asked, [{ owners: ["amazon"], mostRecent: true, filters: [{ name: "name", values: ["amazon-eks-node-al2023-x86_64-standard-1.36-v20260714"] }] }]);
    });

    it("generates each ONTAP SVM's password with Secrets Manager: 32 letters and digits, every kind present", async () => {
        const config = eksConfig({ "berth:storage": { ontap: { nas: { storageCapacityGiB: 1024 } } } });
        const { asked } = await withInvoke("aws:secretsmanager/getRandomPassword:getRandomPassword", () => ({}), config, "password-args");
        assert.deepEqual(asked, [{ passwordLength: 32, excludePunctuation: true, requireEachIncludedType: true }]);
    });

    it("installs CoreDNS from the first profile of the group that carries the system selectors, and no other", async () => {
        // web is public (the controller's selector) and six namespaces more: eight selectors, two profiles.
        const services = Object.fromEntries(["a", "b", "c", "d", "e", "f"].map((n) => [n, { image }]));
        const p = await planOk(eksConfig({ "berth:eks": { nodeGroups: { general: null, serverless: { type: "fargate" } } }, "berth:services": services }));
        assert.deepEqual(
            ofType(p, PROFILE)
                .map((r) => r.name)
                .sort(),
            ["serverless-1-profile", "serverless-profile"],
        );
        assert.deepEqual(
            ofType(p, "aws:eks/addon:Addon")
                .filter((a) => (a.inputs as any).addonName === "coredns")
                .map((a) => a.name),
            ["serverless-coredns"],
        );
    });

    it("puts the system selectors in the first Fargate group only", async () => {
        const p = await planOk(eksConfig({ "berth:eks": { nodeGroups: { general: null, front: { type: "fargate", selectors: [{ namespace: "web" }] }, back: { type: "fargate", selectors: [{ namespace: "jobs" }] } } } }));
        const namespaces = (name: string) => (inputs(p, PROFILE, `${name}-profile`).selectors as Array<{ namespace: string }>).map((s) => s.namespace);
        assert.deepEqual(namespaces("front"), ["kube-system", "kube-system", "web"]);
        assert.deepEqual(namespaces("back"), ["jobs"]);
    });

    it("creates the OIDC provider when any group is Fargate, beside nodes too", async () => {
        const p = await planOk(eksConfig({ "berth:eks": { nodeGroups: { serverless: { type: "fargate", selectors: [{ namespace: "job" }] } } }, "berth:services": { job: { kind: "task", image } } }));
        assert.equal(inputs(p, "eks:index:Cluster", "eks").createOidcProvider, true);
    });

    it("installs both secrets paths when services with secrets run on nodes and on Fargate", async () => {
        const p = await planOk(
            eksConfig({
                "berth:eks": { nodeGroups: { serverless: { type: "fargate", selectors: [{ namespace: "job" }] } } },
                "berth:services": { web: { secrets: { DB: SECRET } }, job: { kind: "task", image, secrets: { DB: SECRET } } },
            }),
        );
        assert.deepEqual(
            ofType(p, RELEASE)
                .filter((r) => r.name.startsWith("secrets-"))
                .map((r) => r.name)
                .sort(),
            ["secrets-csi-aws-provider", "secrets-csi-driver", "secrets-external-secrets"],
        );
    });
});
