// No accidental replacements: every shipped stack's URNs, and its stateful resources' replace-only
// inputs, are checked in under tests/urns. A rename or a re-parent fails here, naming the URNs that
// moved, unless the moved resource carries an alias to its old URN. Unlike the golden plans, these are
// not rewritten by `npm run golden`: updating them is its own step, `npm run snapshots`
// (BERTH_UPDATE_SNAPSHOTS=1), taken on purpose when a replacement is wanted.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { formerUrns } from "../plan/diff";
import { PROJECT_DIR } from "../plan/engine";
import { REPLACE_ONLY, snapshotMoves, UrnSnapshot, urnSnapshot } from "../plan/replacements";
import { res } from "./handmade-plans";
import { planStackOk } from "./harness";

const SNAPSHOT_DIR = path.join(__dirname, "urns");
const UPDATE = process.env.BERTH_UPDATE_SNAPSHOTS === "1";
const SHIPPED = fs
    .readdirSync(PROJECT_DIR)
    .flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? [])
    .sort();

const snapshotFile = (stack: string) => path.join(SNAPSHOT_DIR, `${stack}.json`);
const written = (s: UrnSnapshot) => JSON.stringify(s, null, 2) + "\n";

/** Why a plan no longer matches its snapshot, one line per URN; empty when it matches. */
function problems(stack: string, old: UrnSnapshot, moves: ReturnType<typeof snapshotMoves>): string[] {
    return [
        ...moves.removed.map((u) => `gone (renamed or re-parented without an alias?): ${u}`),
        ...moves.added.map((u) => `new, with no alias to a snapshot URN: ${u}`),
        ...moves.replaced.map((r) => `replaced: ${r.urn} changes ${r.inputs.map((k) => `${k} (was ${JSON.stringify(old.replaceOnly[r.urn]?.[k])})`).join(", ")}`),
    ].map((l) => `${stack}: ${l}`);
}

describe("URN snapshots of the shipped stacks (tests/urns)", () => {
    it("cover every Pulumi.*.yaml that ships with berth, and only those", () => {
        const snapshots = fs
            .readdirSync(SNAPSHOT_DIR)
            .flatMap((f) => /^(.+)\.json$/.exec(f)?.[1] ?? [])
            .sort();
        assert.deepEqual(snapshots, SHIPPED);
    });

    for (const stack of SHIPPED) {
        it(`${stack}: no URN moved and no replace-only input changed`, async () => {
            const plan = await planStackOk(stack);
            const now = urnSnapshot(plan.resources);
            if (UPDATE) fs.writeFileSync(snapshotFile(stack), written(now));
            const old = JSON.parse(fs.readFileSync(snapshotFile(stack), "utf8")) as UrnSnapshot;
            const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
            const found = problems(
                stack,
                old,
                snapshotMoves(old, plan.resources, (r) => formerUrns(r, byUrn)),
            );
            assert.deepEqual(found, [], `${found.join("\n")}\nAdd an alias to the moved resource, or, if replacing it is the point, run npm run snapshots and say why in review.`);
        });
    }
});

describe("snapshotMoves", () => {
    const TABLE = "aws:dynamodb/table:Table";
    const QUEUE = "aws:sqs/queue:Queue";
    const old = urnSnapshot([res(TABLE, "results", { hashKey: "id", billingMode: "PAY_PER_REQUEST" }), res(QUEUE, "jobs", {})]);

    it("records every URN sorted, and the replace-only inputs of the stateful types alone", () => {
        assert.deepEqual(old, {
            urns: [`urn:pulumi:s::berth::${TABLE}::results`, `urn:pulumi:s::berth::${QUEUE}::jobs`],
            replaceOnly: { [`urn:pulumi:s::berth::${TABLE}::results`]: { hashKey: "id" } },
        });
    });

    it("names the URN that moved without an alias, both ways", () => {
        const moved = [res(TABLE, "results", { hashKey: "id" }), res(QUEUE, "work", {})];
        assert.deepEqual(
            snapshotMoves(old, moved, (r) => r.aliases ?? []),
            { removed: [`urn:pulumi:s::berth::${QUEUE}::jobs`], added: [`urn:pulumi:s::berth::${QUEUE}::work`], replaced: [] },
        );
    });

    it("accepts a move that carries an alias to the old URN", () => {
        const moved = [res(TABLE, "results", { hashKey: "id" }), res(QUEUE, "work", {}, { aliases: [`urn:pulumi:s::berth::${QUEUE}::jobs`] })];
        assert.deepEqual(
            snapshotMoves(old, moved, (r) => r.aliases ?? []),
            { removed: [], added: [], replaced: [] },
        );
    });

    it("names the URN and the input when a replace-only input changes, even through an alias", () => {
        const aliased = res(TABLE, "items", { hashKey: "key" }, { aliases: [`urn:pulumi:s::berth::${TABLE}::results`] });
        assert.deepEqual(
            snapshotMoves(old, [aliased, res(QUEUE, "jobs", {})], (r) => r.aliases ?? []),
            { removed: [], added: [], replaced: [{ urn: `urn:pulumi:s::berth::${TABLE}::items`, inputs: ["hashKey"] }] },
        );
    });

    it("cites a source for every type in the replace-only table", () => {
        const uncited = Object.entries(REPLACE_ONLY).filter(([, rule]) => !/\.go \(aws_\w+\)/.test(rule.source) || !rule.inputs.length);
        assert.deepEqual(uncited, []);
    });
});
