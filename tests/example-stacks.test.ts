// The example stacks, checked against what they claim rather than against a copy of their names:
// together they plan every platform berth builds, each on the platform its file names, and each is
// listed in the config reference. The shipped stacks are the ones with a golden plan: a stack file
// of the user's own never makes a test fail.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../plan/engine";
import { loadStackConfig } from "../plan/stackfile";
import { BUILT_PLATFORMS } from "../config/validate";
import { planStackOk } from "./harness";

const STACKS = fs.readdirSync(path.join(__dirname, "golden")).flatMap((f) => /^(.+)\.json$/.exec(f)?.[1] ?? []);

describe("the example stacks", () => {
    it("plan every built platform between them, each on the platform its stack file names", async () => {
        const platforms = new Set<string>();
        for (const stack of STACKS) {
            const p = await planStackOk(stack);
            assert.equal(p.platform, loadStackConfig(stack, PROJECT_DIR)["berth:platform"], stack);
            assert.equal(p.outputs.platform, p.platform, stack);
            platforms.add(String(p.platform));
        }
        assert.deepEqual([...platforms].sort(), [...BUILT_PLATFORMS].sort());
    });

    it("each have a stack file and are each listed in docs/config.md", () => {
        const reference = fs.readFileSync(path.join(PROJECT_DIR, "docs/config.md"), "utf8");
        for (const stack of STACKS) {
            assert.ok(reference.includes(`\`Pulumi.${stack}.yaml\``), `docs/config.md does not list Pulumi.${stack}.yaml`);
            assert.ok(fs.existsSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`)), `tests/golden/${stack}.json has no Pulumi.${stack}.yaml`);
        }
    });
});
