// Listener-rule path patterns: a bare prefix means the path and everything under it.
import { strict as assert } from "assert";
import { pathPatterns } from "./AppLoadBalancer";

describe("pathPatterns", () => {
    const cases: Array<[string, string[]]> = [
        ["/", ["/"]],
        ["/*", ["/*"]],
        ["/api/*", ["/api/*"]],
        ["/v?/items", ["/v?/items"]],
        ["/api", ["/api", "/api/*"]],
        ["/api/", ["/api", "/api/*"]],
        ["/api//", ["/api", "/api/*"]],
    ];
    for (const [path, patterns] of cases) it(`${path} -> ${patterns.join(" ")}`, () => assert.deepEqual(pathPatterns(path), patterns));
});
