// "Did you mean": the edit distance it ranks by, what counts as close, and the words other tools use.
import { strict as assert } from "assert";
import fc from "fast-check";
import { closest, didYouMean, editDistance } from "./suggest";

describe("editDistance", () => {
    // Optimal string alignment: insert, delete, substitute, swap two neighbours; a swapped pair is not edited again.
    const cases: Array<[string, string, number]> = [
        ["", "", 0],
        ["", "abc", 3],
        ["abc", "", 3],
        ["abc", "abc", 0],
        ["ab", "ba", 1],
        ["abcd", "acbd", 1],
        ["ab", "xa", 2],
        ["ab", "bx", 2],
        ["ca", "abc", 3],
        ["kitten", "sitting", 3],
        ["desirdcont", "desiredcount", 2],
        ["a", "b", 1],
    ];
    for (const [a, b, d] of cases) it(`${JSON.stringify(a)} to ${JSON.stringify(b)}: ${d}`, () => assert.equal(editDistance(a, b), d));

    it("is symmetric, 0 only for equal words, at least the length difference and at most the longer length", () => {
        const word = fc.string({ unit: fc.constantFrom("a", "b", "c"), maxLength: 7 });
        fc.assert(
            fc.property(word, word, (a, b) => {
                const d = editDistance(a, b);
                assert.equal(d, editDistance(b, a));
                assert.equal(d === 0, a === b);
                assert.ok(d >= Math.abs(a.length - b.length) && d <= Math.max(a.length, b.length), `${a} ${b} ${d}`);
            }),
        );
    });

    it("counts one edit for one insertion, deletion, substitution or swap of neighbours", () => {
        fc.assert(
            fc.property(fc.string({ unit: fc.constantFrom("a", "b", "c"), minLength: 2, maxLength: 8 }), fc.nat(), (w, n) => {
                const i = n % (w.length - 1);
                const swapped = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
                assert.equal(editDistance(w, swapped), w[i] === w[i + 1] ? 0 : 1);
                assert.equal(editDistance(w, w.slice(0, i) + "x" + w.slice(i)), 1);
                assert.equal(editDistance(w, w.slice(0, i) + w.slice(i + 1)), 1);
                assert.equal(editDistance(w, w.slice(0, i) + "x" + w.slice(i + 1)), 1);
            }),
        );
    });
});

describe("closest", () => {
    const cases: Array<[string, string, string[], string | undefined]> = [
        ["nothing written", "", ["a"], undefined],
        ["only separators", "--", ["x"], undefined],
        ["another tool's word", "replicas", ["port", "desiredCount"], "desiredCount"],
        ["another tool's word, with separators", "container_port", ["path", "port"], "port"],
        ["another tool's word for a key not offered here", "replicas", ["port", "path"], undefined],
        ["the case and separators ignored", "load_balancer", ["loadBalancer", "logs"], "loadBalancer"],
        ["the first of two equal matches", "PORT", ["port", "ports"], "port"],
        ["a word of 3 inside one candidate", "far", ["ecs-fargate", "eks"], "ecs-fargate"],
        ["a word of 2 inside one candidate: too short to count", "ga", ["ecs-fargate", "port"], undefined],
        ["a word inside two candidates: the fewer edits", "fargat", ["ecs-fargate", "fargate"], "fargate"],
        ["a candidate inside the word", "portnumber", ["port", "path"], "port"],
        ["one edit in a word of 1", "a", ["b"], "b"],
        ["one edit in a word of 2", "ab", ["xb"], "xb"],
        ["two edits in a word of 5: more than a third", "abcde", ["axcxe"], undefined],
        ["two edits in a word of 6: a third", "abcdef", ["abxdxf"], "abxdxf"],
        ["three edits in a word of 6", "abcdef", ["axcxex"], undefined],
        ["two edits in a word of 10", "desirdcont", ["desiredCount", "port"], "desiredCount"],
        ["the nearest of several", "prot", ["path", "port"], "port"],
        ["nothing near", "xyz", ["port", "path"], undefined],
    ];
    for (const [what, written, candidates, meant] of cases) it(`${what}: ${written} in [${candidates.join(", ")}] -> ${meant}`, () => assert.equal(closest(written, candidates), meant));

    it("finds every candidate written in another case or with separators", () => {
        const key = fc.string({ unit: fc.constantFrom("a", "b", "c", "d"), minLength: 1, maxLength: 8 });
        fc.assert(
            fc.property(fc.uniqueArray(key, { minLength: 1, maxLength: 5 }), fc.nat(), (candidates, n) => {
                const meant = candidates[n % candidates.length];
                assert.equal(closest(`_${meant.toUpperCase()}-`, candidates), meant);
            }),
        );
    });
});

describe("didYouMean", () => {
    it("asks about the nearest candidate, quoted when asked, and says nothing when nothing is near or it is what was written", () => {
        assert.equal(didYouMean("prot", ["port"]), "did you mean port?");
        assert.equal(didYouMean("prot", ["port"], true), 'did you mean "port"?');
        assert.equal(didYouMean("xyz", ["port"]), undefined);
        assert.equal(didYouMean("port", ["port"]), undefined);
        assert.equal(didYouMean("Port", ["port"]), "did you mean port?");
    });
});
