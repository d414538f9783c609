// The shape of the house: compositions share helpers through stacks/shared.ts, never by importing
// one another, so a change to one platform's composition cannot reach into another's.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { Plan } from "../plan/engine";
import { layoutProblems, untagged } from "./harness";

const STACKS = path.join(__dirname, "..", "stacks");
const importsOf = (file: string) => [...fs.readFileSync(path.join(STACKS, file), "utf8").matchAll(/from "\.\/([^"]+)"/g)].map((m) => m[1]);

const ECS_FAMILY = ["ecs", "ecs-fargate", "ecs-ec2", "ecs-anywhere"];
const KUBERNETES_FAMILY = ["eks", "eks-services", "kubernetes", "workloads"];

describe("compositions", () => {
    it("of the Kubernetes family import nothing from the ECS family, and the other way round", () => {
        for (const file of KUBERNETES_FAMILY)
            assert.deepEqual(
                importsOf(`${file}.ts`).filter((i) => ECS_FAMILY.includes(i)),
                [],
                `stacks/${file}.ts`,
            );
        for (const file of ECS_FAMILY)
            assert.deepEqual(
                importsOf(`${file}.ts`).filter((i) => KUBERNETES_FAMILY.includes(i)),
                [],
                `stacks/${file}.ts`,
            );
    });
});

describe("the layout every plan is checked for (layoutProblems in tests/harness.ts)", () => {
    const res = (name: string, parent: string | null, component = false) => ({
        urn: `urn:${name}`,
        type: component ? "berth:x:C" : "aws:x/y:Y",
        name,
        parent,
        inputs: {},
        dependencies: [],
        id: null,
        arn: null,
        component,
        retainOnDelete: false,
        protect: false,
        ignoreChanges: [],
        aliases: [],
    });
    const planOf = (...resources: ReturnType<typeof res>[]) => ({ stack: "t", project: "berth", platform: null, resources, outputs: {}, warnings: [] }) as unknown as Plan;

    it("accepts children named after their parent, and top-level resources named like no component", () => {
        assert.deepEqual(layoutProblems(planOf(res("web", null, true), res("web", "urn:web"), res("web-role", "urn:web"), res("cluster", null), res("efs-data", null, true))), []);
    });

    it("names a child not named after its parent, and a top-level resource named like a component's child", () => {
        assert.deepEqual(layoutProblems(planOf(res("web", null, true), res("webrole", "urn:web"), res("web-role", null), res("web-identity", null, true))), [
            "aws:x/y:Y webrole is not named after its parent web",
            "aws:x/y:Y web-role is named like a child of web but has no parent",
            "berth:x:C web-identity is named like a child of web but has no parent",
        ]);
    });
});

describe("the tags every plan of a stack config is checked for (untagged in tests/harness.ts)", () => {
    const res = (type: string, name: string, inputs: Record<string, unknown>) => ({
        urn: `urn:${name}`,
        type,
        name,
        parent: null,
        inputs,
        dependencies: [],
        id: null,
        arn: null,
        component: false,
        retainOnDelete: false,
        protect: false,
        ignoreChanges: [],
        aliases: [],
    });
    const planOf = (...resources: ReturnType<typeof res>[]) => ({ stack: "dev", project: "berth", platform: null, resources, outputs: {}, warnings: [] }) as unknown as Plan;

    it("accepts the stack's tags as a map or as an ASG's list, and resources that take none", () => {
        const ok = planOf(
            res("aws:s3/bucket:Bucket", "b", { tags: { "berth:stack": "dev" } }),
            res("aws:autoscaling/group:Group", "g", { tags: [{ key: "berth:stack", value: "dev", propagateAtLaunch: true }] }),
            res("aws:iam/rolePolicy:RolePolicy", "p", {}),
            res("kubernetes:core/v1:Namespace", "n", { tags: {} }),
        );
        assert.deepEqual(untagged(ok), []);
    });

    it("names an AWS resource whose tags miss the stack's, or carry another stack's", () => {
        const bad = planOf(res("aws:s3/bucket:Bucket", "b", { tags: {} }), res("aws:autoscaling/group:Group", "g", { tags: [{ key: "berth:stack", value: "prod" }] }));
        assert.deepEqual(untagged(bad), ["aws:s3/bucket:Bucket b lacks the stack's tags", "aws:autoscaling/group:Group g lacks the stack's tags"]);
    });
});
