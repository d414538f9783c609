// The shape of the house: compositions share helpers through stacks/shared.ts, never by importing
// one another, so a change to one platform's composition cannot reach into another's.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

const STACKS = path.join(__dirname, "..", "stacks");
const importsOf = (file: string) => [...fs.readFileSync(path.join(STACKS, file), "utf8").matchAll(/from "\.\/([^"]+)"/g)].map((m) => m[1]);

const ECS_FAMILY = ["ecs", "ecs-fargate", "ecs-ec2", "ecs-anywhere"];
const KUBERNETES_FAMILY = ["eks", "eks-services", "kubernetes", "workloads"];

describe("compositions", () => {
    it("of the Kubernetes family import nothing from the ECS family, and the other way round", () => {
        for (const file of KUBERNETES_FAMILY) assert.deepEqual(importsOf(`${file}.ts`).filter((i) => ECS_FAMILY.includes(i)), [], `stacks/${file}.ts`);
        for (const file of ECS_FAMILY) assert.deepEqual(importsOf(`${file}.ts`).filter((i) => KUBERNETES_FAMILY.includes(i)), [], `stacks/${file}.ts`);
    });
});
