import { strict as assert } from "assert";
import { applyTransform } from "./transform";
import { withTags } from "./tags";

describe("applyTransform", () => {
    const args: { name: string; port: number; tags: Record<string, string> } = { name: "web", port: 80, tags: { a: "1" } };

    it("leaves the args alone without a transform", () => {
        assert.equal(applyTransform(args), args);
        assert.equal(applyTransform(args, undefined), args);
    });

    it("merges a partial args object over the args, key by key (shallowly)", () => {
        assert.deepEqual(applyTransform(args, { port: 8080 }), { name: "web", port: 8080, tags: { a: "1" } });
        assert.deepEqual(applyTransform(args, { tags: { b: "2" } }), { name: "web", port: 80, tags: { b: "2" } });
        assert.deepEqual(args, { name: "web", port: 80, tags: { a: "1" } });
    });

    it("hands the args to a function and uses what it returns", () => {
        assert.deepEqual(
            applyTransform(args, (a) => ({ ...a, name: `${a.name}-x` })),
            { name: "web-x", port: 80, tags: { a: "1" } },
        );
    });
});

describe("withTags", () => {
    it("adds the component's tags to the caller's, the component's winning on a clash", () => {
        assert.deepEqual(withTags({ team: "a", Name: "x" }, { Name: "y" }), { team: "a", Name: "y" });
        assert.deepEqual(withTags(undefined, { Name: "y" }), { Name: "y" });
    });
});
