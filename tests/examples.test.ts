// The Kubernetes example stacks run the services of Pulumi.dev.yaml: the same commands, checks and
// sizes, with only the differences their headers state; and every placeholder says to replace it.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PROJECT_DIR } from "../plan/engine";

type Json = Record<string, any>;
const read = (stack: string) => fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8");
const servicesOf = (stack: string): Json => parse(read(stack)).config["berth:services"];

/** What Kubernetes asks of dev's services: an image that runs unprivileged (on 8080), and a UID for busybox. */
/** None: dev's images run non-root on 8080 (issue 19), so Kubernetes takes them as they are. */
const KUBERNETES_CHANGES: Json = {};

/** Every placeholder of a stack file (documentation account, documentation CIDRs) has "Replace" in the comment just above it. */
function placeholdersMarked(stack: string, least = 3): void {
    const lines = read(stack).split("\n");
    const isComment = (l: string) => l.trimStart().startsWith("#");
    /** The comment block nearest above line i, within a few lines of keys. */
    const commentAbove = (i: number) => {
        let j = i - 1;
        while (j >= 0 && i - j <= 6 && !isComment(lines[j])) j--;
        const block: string[] = [];
        while (j >= 0 && isComment(lines[j])) block.push(lines[j--]);
        return block.join(" ");
    };
    const placeholders = lines.map((l, i) => [l, i] as const).filter(([l]) => !isComment(l) && /123456789012|203\.0\.113\.|placeholder|ingressClass:|sourceRangeAnnotation:/.test(l));
    assert.ok(placeholders.length >= least);
    for (const [line, i] of placeholders) assert.match(commentAbove(i), /[Rr]eplace/, `${stack}: no "Replace" comment just above: ${line.trim()}`);
}

describe("the Kubernetes example stacks", () => {
    const dev = servicesOf("dev");
    for (const stack of ["eks-managed", "eks-selfmanaged", "eks-fargate", "kubernetes"]) {
        it(`${stack} runs dev's services with only the changes Kubernetes asks for`, () => {
            const expected = Object.fromEntries(Object.entries(dev).map(([name, svc]) => [name, { ...svc, ...KUBERNETES_CHANGES[name] }]));
            // Secrets Manager is AWS: the kubernetes platform has none to read.
            if (stack === "kubernetes") delete expected.worker.secrets;
            assert.deepEqual(servicesOf(stack), expected);
        });
    }
    for (const stack of ["eks-managed", "eks-selfmanaged", "eks-fargate", "kubernetes", "eks-storage"]) {
        it(`${stack} marks every placeholder "Replace before pulumi up"`, () => placeholdersMarked(stack));
    }
});

describe("every shipped stack marks its placeholders (issue 22: the documentation account and CIDRs are never someone's real ones)", () => {
    for (const stack of ["dev", "prod", "ecs-ec2", "ecs-anywhere", "ecs-express", "apprunner", "patterns"]) {
        it(`${stack}: each line with 123456789012 or 203.0.113.0/24 has "Replace" in the comment just above`, () => placeholdersMarked(stack, 0));
    }
});
