// Reading a stack file: what a newcomer sees for YAML mistakes and for keys in the wrong place.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { formatConfigError } from "../config/errors";
import { loadStackConfig, nestedSecrets, StackFileError } from "../plan/stackfile";

function errorsFor(source: string): string[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-stackfile-"));
    fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), source);
    try {
        loadStackConfig("s", dir);
    } catch (e) {
        if (e instanceof StackFileError) return e.errors.map(formatConfigError);
        throw e;
    }
    assert.fail("the stack file was read without an error");
}

describe("stack files", () => {
    it("points at the unclosed bracket itself, not the line where the parser noticed, with the whole message", () => {
        const [e] = errorsFor("config:\n  aws:region: us-east-1\n  berth:platform: [ecs-fargate\n  berth:services:\n    web: {}\n");
        assert.equal(
            e,
            [
                "Pulumi.s.yaml:3:19: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]: close it on the same line, or write the list one item per line",
                "      2 |   aws:region: us-east-1",
                "      3 |   berth:platform: [ecs-fargate",
                "        |                   ^",
            ].join("\n"),
        );
    });

    it("points at an unclosed quote, not the end of the file where the parser noticed", () => {
        const [e] = errorsFor('config:\n  aws:region: us-east-1\n  berth:platform: "ecs-fargate\n  berth:services:\n    web:\n      image: nginx\n');
        assert.match(e, /^Pulumi\.s\.yaml:3:19: not valid YAML: Missing closing "quote: close the quote on the same line\n/);
    });

    it("suggests the colon a key and its value need", () => {
        const [e] = errorsFor("config:\n  berth:services:\n    web:\n      image nginx\n      port: 80\n");
        assert.match(e, /^Pulumi\.s\.yaml:4:7: not valid YAML: Implicit keys need to be on a single line: did you mean "image: nginx"\? \(a key and its value are separated by a colon and a space\)\n/);
    });

    it("says {{...}} is a map, not a template, and to quote it", () => {
        assert.deepEqual(errorsFor("config:\n  berth:services:\n    web:\n      environment:\n        TOKEN: {{value}}\n"), [
            ['Pulumi.s.yaml:5:16: {{value}} is a YAML map, not a template: quote it ("{{value}}") if you mean the text', "      4 |       environment:", "      5 |         TOKEN: {{value}}", "        |                ^"].join("\n"),
        ]);
    });

    it("points at the key that is out of line", () => {
        const [e] = errorsFor("config:\n  berth:services:\n    web:\n      image: nginx\n     port: 80\n");
        assert.match(e, /^Pulumi\.s\.yaml:5:6: not valid YAML: this key is not lined up with the keys beside it: indent it as far as they are, or under the key it belongs to \(YAML: All mapping items must start at the same column\)\n/);
        assert.match(e, /\n {6}5 \| {6}port: 80\n {6} {2}\| {6}\^$/);
    });

    it("says in plain words that a value holding ': ' must be quoted, with the caret under that value", () => {
        assert.deepEqual(errorsFor("config:\n  berth:services:\n    web:\n      environment:\n        NOTE: see: docs\n"), [
            [
                'Pulumi.s.yaml:5:15: not valid YAML: the value of NOTE holds ": ", which YAML reads as the start of another key; quote the value if it is text: NOTE: "see: docs" (YAML: Nested mappings are not allowed in compact mappings)',
                "      4 |       environment:",
                "      5 |         NOTE: see: docs",
                "        |               ^",
            ].join("\n"),
        ]);
        const [item] = errorsFor('config:\n  berth:services:\n    web:\n      command:\n        - echo: "a"\n        - a: b: c\n');
        assert.match(item, /^Pulumi\.s\.yaml:6:14: not valid YAML: the value of a holds ": ".* a: "b: c" \(YAML: Nested mappings/);
        assert.match(item, /\n {6}6 \| {9}- a: b: c\n {8}\| {14}\^$/);
    });

    it("says in plain words what a tab or a repeated key is", () => {
        assert.match(errorsFor("config:\n\tberth:platform: eks\n")[0], /^Pulumi\.s\.yaml:2:\d+: not valid YAML: this line is indented with a tab: YAML takes spaces only \(YAML: Tabs are not allowed as indentation\)\n/);
        assert.match(errorsFor("config:\n  berth:platform: eks\n  berth:platform: ecs-fargate\n")[0], /^Pulumi\.s\.yaml:3:3: not valid YAML: this key is written twice in the same map: keep one \(YAML: Map keys must be unique\)\n/);
    });

    it("reports an encrypted value inside a berth: key at its own key, and leaves one at the top to the program", () => {
        assert.deepEqual(
            nestedSecrets({ "berth:services": { api: { environment: { API_KEY: { secure: "v1:x" } }, command: ["a", { secure: "v1:y" }] } }, "berth:kubeconfig": { secure: "v1:z" }, "aws:region": "eu-west-1" }).map((e) => e.path),
            ["berth:services.api.environment.API_KEY", "berth:services.api.command.1"],
        );
    });

    it("says where a berth: key outside config: belongs", () => {
        assert.deepEqual(errorsFor("berth:platform: ecs-fargate\nconfig:\n  aws:region: us-east-1\n"), ["berth:platform: found outside config: in Pulumi.s.yaml; indent it under config:"]);
    });

    it("suggests the stack file key meant", () => {
        assert.deepEqual(errorsFor("confg:\n  berth:platform: ecs-fargate\n"), [
            'Pulumi.s.yaml: confg is {"berth:platform":"ecs-fargate"}; expected a stack file key (config, secretsprovider, encryptedkey, encryptionsalt, environment): did you mean config?',
        ]);
    });

    it("reads the config map of a valid file, and keeps Pulumi's own keys", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-stackfile-"));
        fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), "secretsprovider: passphrase\nencryptionsalt: v1:abc\nconfig:\n  berth:platform: ecs-fargate\n");
        assert.deepEqual(loadStackConfig("s", dir), { "berth:platform": "ecs-fargate" });
    });
});
