// The command the patterns stack outputs to try pattern 1 end to end, character for character: a user
// pastes it into a shell, so a lost quote or flag is a broken command.
import { strict as assert } from "assert";
import { objectTestCommand } from "./patterns";

describe("objectTestCommand", () => {
    const base = { region: "eu-west-1", bucket: "berth-uploads-1a2b", table: "ingest-results-3c4d", logGroup: "/berth/berth/patterns/ingest" };

    it("uploads a test object under the prefix and with the suffix the rule matches, waits, then lists the results table and the run's log", () => {
        assert.equal(
            objectTestCommand({ ...base, prefix: "incoming/", suffix: ".csv" }),
            "echo berth-test | aws s3 cp - 's3://berth-uploads-1a2b/incoming/berth-test.csv' --region eu-west-1 && sleep 120 && " +
                "aws dynamodb scan --region eu-west-1 --table-name ingest-results-3c4d --max-items 20 && aws logs tail '/berth/berth/patterns/ingest' --region eu-west-1 --since 5m",
        );
    });

    it("uploads to the bucket's root without a prefix or suffix, and quotes a key with spaces and quotes", () => {
        assert.match(objectTestCommand(base), /^echo berth-test \| aws s3 cp - 's3:\/\/berth-uploads-1a2b\/berth-test' --region/);
        assert.match(objectTestCommand({ ...base, prefix: "it's in/" }), / 's3:\/\/berth-uploads-1a2b\/it'\\''s in\/berth-test' /);
    });
});
