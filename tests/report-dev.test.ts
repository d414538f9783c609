// `npm run compare -- --stack dev` end to end: dev's report through the suite's shared plans
// (tests/harness.ts, sharedDevReport), written as Markdown and HTML.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TARGETS } from "../plan/move";
import { writeReport } from "../plan/report/build";
import { EKS_VERSIONS } from "../plan/report/outline";
import { sharedDevReport } from "./harness";

describe("the comparison report of dev (npm run compare -- --stack dev)", function () {
    // Five plans and three refusals, each planned once in the suite: a few seconds.
    this.timeout(60000);

    it("writes the Markdown and the HTML page, with every platform, a diagram for each that planned, and the marks", async () => {
        const report = await sharedDevReport();
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "berth-compare-"));
        const files = writeReport(report, out);
        const [md, html] = [fs.readFileSync(files.markdown, "utf8"), fs.readFileSync(files.html, "utf8")];
        assert.deepEqual([path.basename(files.markdown), path.basename(files.html)], ["dev.md", "dev.html"]);
        const planned = report.columns.filter((c) => c.ok).map((c) => c.id);
        assert.deepEqual(planned, ["ecs-fargate", "ecs-ec2", "eks-managed", "eks-selfmanaged", "eks-fargate"]);
        assert.equal(html.match(/<svg/g)?.length, planned.length);
        for (const t of TARGETS) assert.match(md, new RegExp(`^\\| ${t.id} \\|`, "m"), `${t.id} has no row in the summary`);
        assert.match(md, /apprunner\*\*: closed to new customers since 30 April 2026 — existing customers only/);
        assert.match(md, /kubernetes\*\*: an existing cluster: cost outside AWS unknown/);
        // The verdict names dev's own platform cheapest, at the plan's own estimate, and leaves the choice open.
        assert.match(md, /\n\*\*In short\*\*: the report does not choose; it says what each choice costs\.\n\n- Cheapest: ecs-fargate, \$32\.49 a month, \$30\.23 of it fixed/);
        // A platform the services cannot move to says which key stops them, and what is allowed there.
        assert.match(md, /## kubernetes[\s\S]*Cannot run here[\s\S]*berth:services\.worker\.secrets .*expected no secrets on platform kubernetes/);
        const links = [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]);
        assert.deepEqual(links, [EKS_VERSIONS.url]);
        // The EKS columns name the control plane they would have the team upgrade.
        const eks = report.columns.find((c) => c.id === "eks-managed");
        assert.equal(eks?.ok && eks.facts.ops.controlPlane, "EKS 1.36");
    });
});
