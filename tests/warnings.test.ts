// Issue 20 item 6: the shipped prod stack's only warnings are its placeholders; with them replaced by
// realistic values, it plans under --strict with none. And every warning code is documented.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../plan/engine";
import { WARNING_CODES } from "../config/warnings";
import { runPlanCli, planStackOk } from "./harness";

/** The shipped prod stack with each placeholder replaced by a value a real team would write. */
function realisticProd(): string {
    const shipped = fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.prod.yaml"), "utf8");
    const real = shipped.replace("name: app.example.com", "name: app.harbourfreight-tools.io").replace("hostedZoneId: Z0123456789ABCDEFGHIJ", "hostedZoneId: Z08475922K1Q8PSJ3VW2M");
    assert.notEqual(real, shipped);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-prod-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: berth\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), real);
    return dir;
}

describe("warnings of the shipped prod stack", () => {
    it("are its placeholders, each marked in the stack file", async () => {
        const { warnings } = await planStackOk("prod");
        assert.deepEqual(
            warnings.map((w) => [w.code, w.path]),
            [
                ["placeholder", "berth:loadBalancer.domain.name"],
                ["placeholder", "berth:loadBalancer.domain.hostedZoneId"],
            ],
        );
    });

    it("fail it under --strict until they are replaced", async () => {
        const run = await runPlanCli("--stack", "prod", "--strict", "--quiet");
        assert.equal(run.status, 2);
        assert.match(run.stderr, /^berth: Pulumi\.prod\.yaml has 2 errors \(--strict\):\n {2}- berth:loadBalancer\.domain\.name: is app\.example\.com, a name reserved for examples \(RFC 2606\)/);
    });

    it("are none once the placeholders are replaced: it plans under --strict", async () => {
        const run = await runPlanCli("--stack", "prod", "--dir", realisticProd(), "--strict", "--quiet");
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stderr, "");
    });
});

describe("warning codes", () => {
    it("are each listed once in docs/plan.md's table, and nothing else is", () => {
        const doc = fs.readFileSync(path.join(PROJECT_DIR, "docs/plan.md"), "utf8");
        const section = doc.slice(doc.indexOf("## Warnings: `warnings`"));
        const listed = [...section.slice(0, section.indexOf("\n## ", 1)).matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
        assert.deepEqual(listed, [...WARNING_CODES]);
    });
});
