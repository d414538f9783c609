// GIVEN the cost estimator's data tables (cost/), WHEN they are read, THEN every figure is well
// formed and names an https source, and the lookups answer exactly.
import { strict as assert } from "node:assert";
import { CREATION_SECONDS, DEFAULT_CREATION_SECONDS } from "../cost/deploy-times";
import { EC2_HOURLY, EC2_PRICE_SOURCE, ec2Hourly } from "../cost/ec2-prices";
import { appRunnerAvailabilitySource, expressModeNote, expressModeSource, HOURS_PER_MONTH, PRICE_DATE, PRICE_REGION, PRICES } from "../cost/prices";

const HTTPS = /^https:\/\/\S+$/;

describe("cost data", () => {
    it("every price is a non-negative figure with a unit and an https source", () => {
        assert.ok(Object.keys(PRICES).length > 0);
        for (const [key, price] of Object.entries(PRICES)) {
            assert.ok(Number.isFinite(price.usd) && price.usd >= 0, `${key}: usd ${price.usd}`);
            assert.ok(price.unit.trim().length > 0, `${key}: no unit`);
            assert.match(price.source, HTTPS, `${key}: source`);
        }
    });

    it("the prices are for us-east-1, dated with a valid ISO date, and a month is 730 hours", () => {
        assert.equal(PRICE_REGION, "us-east-1");
        assert.match(PRICE_DATE, /^\d{4}-\d{2}-\d{2}$/);
        const date = new Date(`${PRICE_DATE}T00:00:00Z`);
        assert.ok(!Number.isNaN(date.getTime()), PRICE_DATE);
        assert.equal(date.toISOString().slice(0, 10), PRICE_DATE);
        assert.equal(HOURS_PER_MONTH, 730);
    });

    it("the Express Mode and App Runner notes name their sources", () => {
        assert.ok(expressModeNote.length > 0);
        assert.match(expressModeSource, HTTPS);
        assert.match(appRunnerAvailabilitySource, HTTPS);
    });

    it("every EC2 key is family.size and every price is positive", () => {
        assert.match(EC2_PRICE_SOURCE, HTTPS);
        assert.ok(Object.keys(EC2_HOURLY).length > 0);
        for (const [type, hourly] of Object.entries(EC2_HOURLY)) {
            assert.match(type, /^[a-z0-9]+\.[a-z0-9]+$/, type);
            assert.ok(Number.isFinite(hourly) && hourly > 0, `${type}: ${hourly}`);
        }
    });

    it("ec2Hourly looks a type up exactly", () => {
        assert.equal(ec2Hourly("t3.medium"), EC2_HOURLY["t3.medium"]);
        assert.equal(typeof ec2Hourly("t3.medium"), "number");
        assert.equal(ec2Hourly("x9.huge"), undefined);
        assert.equal(ec2Hourly("T3.MEDIUM"), undefined);
        assert.equal(ec2Hourly("toString"), undefined);
    });

    it("every creation time is keyed by a type token and names a source", () => {
        assert.ok(DEFAULT_CREATION_SECONDS > 0);
        assert.ok(Object.keys(CREATION_SECONDS).length > 0);
        for (const [token, time] of Object.entries(CREATION_SECONDS)) {
            assert.match(token, /^[a-z0-9-]+:[A-Za-z0-9./-]+:[A-Z][A-Za-z0-9]*$/, token);
            assert.ok(Number.isFinite(time.seconds) && time.seconds > 0, `${token}: ${time.seconds}`);
            assert.match(time.source, HTTPS, `${token}: source`);
        }
        assert.equal(CREATION_SECONDS["aws:eks/fargateProfile:FargateProfile"]?.serialPerCluster, true);
    });
});
