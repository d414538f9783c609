// Issue 20 item 12: one output contract on every platform. The table in docs/plan.md ("Stack outputs")
// is the contract; every shipped stack's outputs must follow it exactly.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { appRunnerLogGroup } from "../stacks/apprunner";
import { PROJECT_DIR } from "../plan/engine";
import { kubernetesConfig, planOk, planStackOk } from "./harness";

type Cell = "yes" | "when" | "no";
const isCell = (kind: string): kind is Cell => kind === "yes" || kind === "when" || kind === "no";

/** The contract table of docs/plan.md: output → platform → yes / when / no. */
export function outputContract(markdown: string): { platforms: string[]; rows: Map<string, Record<string, Cell>> } {
    const start = markdown.indexOf("## Stack outputs");
    assert.ok(start >= 0, 'docs/plan.md has no "Stack outputs" section');
    const all = markdown.slice(start).split("\n");
    const first = all.findIndex((l) => l.startsWith("|"));
    const end = all.findIndex((l, i) => i > first && !l.startsWith("|"));
    const lines = all.slice(first, end < 0 ? undefined : end);
    const cells = (l: string) =>
        l
            .split("|")
            .slice(1, -1)
            .map((c) => c.trim());
    const platforms = cells(lines[0]).slice(1);
    const rows = new Map<string, Record<string, Cell>>();
    for (const line of lines.slice(2)) {
        const [names, ...values] = cells(line);
        assert.equal(values.length, platforms.length, `row ${names} has ${values.length} cells`);
        const row = Object.fromEntries(
            values.map((v, i) => {
                const kind = v.split(/[\s:]/)[0];
                assert.ok(isCell(kind), `row ${names}, ${platforms[i]}: "${v}" is not yes, when … or no: …`);
                if (kind === "no") assert.match(v, /^no: \S/, `row ${names}, ${platforms[i]}: an absent output says why`);
                return [platforms[i], kind];
            }),
        );
        for (const name of names.match(/`[^`]+`/g)!) rows.set(name.slice(1, -1), row);
    }
    return { platforms, rows };
}

const SHIPPED = fs
    .readdirSync(PROJECT_DIR)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => !!s)
    .sort();

describe("the output contract (docs/plan.md, issue 20 item 12)", () => {
    const { platforms, rows } = outputContract(fs.readFileSync(path.join(PROJECT_DIR, "docs", "plan.md"), "utf8"));

    it("covers all seven platforms, each by a shipped stack", async () => {
        assert.deepEqual([...platforms].sort(), ["apprunner", "ecs-anywhere", "ecs-ec2", "ecs-express", "ecs-fargate", "eks", "kubernetes"]);
        const planned = new Set<string>();
        for (const stack of SHIPPED) planned.add(String((await planStackOk(stack)).outputs.platform));
        assert.deepEqual([...planned].sort(), [...platforms].sort());
    });

    for (const stack of SHIPPED) {
        it(`Pulumi.${stack}.yaml has the outputs the table gives its platform`, async () => {
            const outputs = (await planStackOk(stack)).outputs;
            const platform = String(outputs.platform);
            const problems: string[] = [];
            for (const key of Object.keys(outputs)) {
                const row = rows.get(key);
                if (!row) problems.push(`${key}: not in the table`);
                else if (row[platform] === "no") problems.push(`${key}: present, but the table says absent on ${platform}`);
            }
            for (const [key, row] of rows) if (row[platform] === "yes" && !(key in outputs)) problems.push(`${key}: missing, but the table says present on ${platform}`);
            assert.deepEqual(problems, []);
        });

        it(`Pulumi.${stack}.yaml: url is the front door of one of its urls`, async () => {
            const { url, urls } = (await planStackOk(stack)).outputs as { url?: string; urls?: Record<string, string> };
            if (url === undefined) return;
            assert.ok(urls && Object.values(urls).some((u) => u.startsWith(url)), `${url} fronts none of ${JSON.stringify(urls)}`);
        });
    }

    it("gives ecs-express the push commands of its ECR repository", async () => {
        const outputs = (await planStackOk("ecs-express")).outputs as { repositoryUrl: string; pushCommands: Record<string, string> };
        assert.equal(outputs.pushCommands.push, `docker push ${outputs.repositoryUrl}:$(git rev-parse --short HEAD)`);
    });

    it("names App Runner's application log group from the service's ARN", async () => {
        const outputs = (await planStackOk("apprunner")).outputs as { logs: Record<string, { group: string; tail: string }> };
        assert.match(outputs.logs.web.group, /^\/aws\/apprunner\/berth-apprunner-web\/[0-9a-f]{32}\/application$/);
        assert.equal(outputs.logs.web.tail, `aws logs tail ${outputs.logs.web.group} --region us-east-1 --follow`);
        assert.equal(appRunnerLogGroup("arn:aws:apprunner:eu-west-1:123456789012:service/shop-web/8fe1e10304f84fd2b0df550fe98a71fa"), "/aws/apprunner/shop-web/8fe1e10304f84fd2b0df550fe98a71fa/application");
    });

    it("on kubernetes, url is the site root's front door, as urls gives it, when services have their own addresses", async () => {
        const p = await planOk(kubernetesConfig({ "berth:services": { api: { image: "api", port: 8080, public: true, path: "/api/*", healthCheck: { path: "/api/health" } } } }));
        const { url, urls } = p.outputs as { url: string; urls: Record<string, string> };
        assert.equal(urls.web, `${url}/`);
        assert.match(urls.api, /^http:\/\/[^/]+\/api\/$/);
    });
});
