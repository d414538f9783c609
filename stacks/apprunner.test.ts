import { strict as assert } from "assert";
import { createHash } from "crypto";
import { boundedName } from "./apprunner";
import { daysAfter, now, setClock } from "../config/clock";

describe("boundedName (App Runner names are account-wide and at most 40 characters)", () => {
    const sha8 = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 8);

    it("keeps a name of exactly the limit, and cuts one a character longer to its start, '-' and a hash of the whole", () => {
        const at = ["p", "s".repeat(36)]; // "p-" + 36 = 38, then "-x" = 40
        assert.equal(boundedName([...at, "x"], 40), `p-${"s".repeat(36)}-x`);
        const over = [...at, "xy"];
        const whole = `p-${"s".repeat(36)}-xy`;
        assert.equal(boundedName(over, 40), `${whole.slice(0, 31)}-${sha8(whole)}`);
        assert.equal(boundedName(over, 40).length, 40);
    });

    it("replaces every character outside App Runner's alphabet with '-'", () => {
        assert.equal(boundedName(["my.app", "st@ck", "web_1"], 40), "my-app-st-ck-web_1");
    });
});

describe("daysAfter", () => {
    it("gives whole seconds in UTC, as AWS APIs take them", () => {
        assert.equal(daysAfter(new Date("2026-01-01T00:00:00.123Z"), 29), "2026-01-30T00:00:00Z");
        assert.equal(daysAfter(new Date("2026-02-27T12:34:56.000Z"), 2), "2026-03-01T12:34:56Z");
    });
});

describe("the clock", () => {
    it("reads a fixed time while one is set, and the real time again once it is cleared", () => {
        setClock(() => new Date("2026-01-01T00:00:00Z"));
        assert.equal(now().toISOString(), "2026-01-01T00:00:00.000Z");
        setClock(undefined);
        assert.ok(Math.abs(now().getTime() - Date.now()) < 5000);
    });
});
