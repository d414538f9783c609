// Capacity provider strategies, case by case: the weights and bases ECS receives decide which
// tasks a spot interruption can take.
import { strict as assert } from "assert";
import { fargateStrategy, firstTaskOnDemand, withoutSpot } from "./capacity";

describe("capacity provider strategies", () => {
    it("fargateStrategy leaves FARGATE_SPOT out at weight 0, and gives it base 0 otherwise", () => {
        assert.deepEqual(fargateStrategy({ onDemandBase: 1, onDemandWeight: 1, spotWeight: 0 }), [{ capacityProvider: "FARGATE", base: 1, weight: 1 }]);
        assert.deepEqual(fargateStrategy({ onDemandBase: 0, onDemandWeight: 1, spotWeight: 3 }), [
            { capacityProvider: "FARGATE", base: 0, weight: 1 },
            { capacityProvider: "FARGATE_SPOT", base: 0, weight: 3 },
        ]);
    });

    for (const [weight, kept] of [
        [0, 1],
        [1, 1],
        [2, 2],
    ]) {
        it(`withoutSpot drops FARGATE_SPOT and keeps FARGATE's weight ${weight} as ${kept} (ECS needs one above 0)`, () => {
            const spot = { capacityProvider: "FARGATE_SPOT", weight: 3, base: 0 };
            assert.deepEqual(withoutSpot([{ capacityProvider: "FARGATE", base: 0, weight }, spot]), [{ capacityProvider: "FARGATE", base: 0, weight: kept }]);
        });
    }

    for (const [base, weight, wantBase, wantWeight] of [
        [0, 0, 1, 1],
        [undefined, 1, 1, 1],
        [2, 4, 2, 4],
    ] as const) {
        it(`firstTaskOnDemand: FARGATE base ${base}, weight ${weight} -> base ${wantBase}, weight ${wantWeight}; FARGATE_SPOT as it was`, () => {
            const spot = { capacityProvider: "FARGATE_SPOT", weight: 3, base: 0 };
            const out = firstTaskOnDemand([{ capacityProvider: "FARGATE", base, weight }, spot]);
            assert.deepEqual(out, [{ capacityProvider: "FARGATE", base: wantBase, weight: wantWeight }, spot]);
        });
    }
});
