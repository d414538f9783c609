// The plans of the shipped stacks, byte for byte. A change to the engine (how fast it plans, how it
// loads the program) must not change what it plans; a change to berth that means to change a plan
// rewrites the files with `npm run golden` and shows the difference in review.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { planJson, PROJECT_DIR } from "../plan/engine";
import { planStackOk } from "./harness";

const GOLDEN_DIR = path.join(__dirname, "golden");
const UPDATE = process.env.BERTH_UPDATE_GOLDEN === "1";
const GOLDEN = fs.readdirSync(GOLDEN_DIR).flatMap((f) => /^(.+)\.json$/.exec(f)?.[1] ?? []);

describe("golden plans of the shipped stacks", () => {
    it("cover every stack file that ships with berth, and only those", () => {
        for (const stack of GOLDEN) assert.ok(fs.existsSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`)), `tests/golden/${stack}.json has no Pulumi.${stack}.yaml`);
        assert.ok(GOLDEN.includes("dev"));
    });

    for (const stack of GOLDEN) {
        it(`${stack}: the plan JSON is byte-identical to tests/golden/${stack}.json`, async () => {
            const file = path.join(GOLDEN_DIR, `${stack}.json`);
            const actual = planJson(await planStackOk(stack));
            if (UPDATE) fs.writeFileSync(file, actual);
            // Compare as text: key order, array order and number formatting are all part of the contract.
            assert.ok(actual === fs.readFileSync(file, "utf8"), `the plan of ${stack} differs from tests/golden/${stack}.json; run npm run golden and review the diff`);
        });
    }
});
