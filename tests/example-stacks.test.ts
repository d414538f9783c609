// The example stacks, checked against what they claim rather than against a copy of their names:
// together they plan every platform berth builds, each on the platform its file names, and each is
// listed in the config reference and pinned by a golden plan.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { loadStackConfig, PROJECT_DIR } from "../plan/engine";
import { BUILT_PLATFORMS } from "../stacks/validate";
import { planStackOk } from "./harness";

const STACKS = fs.readdirSync(PROJECT_DIR).flatMap((f) => /^Pulumi\.([^.]+)\.yaml$/.exec(f)?.[1] ?? []);

describe("the example stacks", () => {
    it("plan every built platform between them, each on the platform its stack file names", async () => {
        const platforms = new Set<string>();
        for (const stack of STACKS) {
            const p = await planStackOk(stack);
            assert.equal(p.platform, loadStackConfig(stack)["berth:platform"], stack);
            assert.equal(p.outputs.platform, p.platform, stack);
            platforms.add(String(p.platform));
        }
        assert.deepEqual([...platforms].sort(), [...BUILT_PLATFORMS].sort());
    });

    it("are each listed in docs/config.md and pinned by tests/golden", () => {
        const reference = fs.readFileSync(path.join(PROJECT_DIR, "docs/config.md"), "utf8");
        for (const stack of STACKS) {
            assert.ok(reference.includes(`\`Pulumi.${stack}.yaml\``), `docs/config.md does not list Pulumi.${stack}.yaml`);
            assert.ok(fs.existsSync(path.join(__dirname, "golden", `${stack}.json`)), `no tests/golden/${stack}.json`);
        }
    });
});
