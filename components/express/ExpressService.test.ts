// The URL Express Mode's endpoint becomes in the stack's outputs.
import { strict as assert } from "assert";
import { expressUrl } from "./ExpressService";

describe("expressUrl", () => {
    const cases: Array<[string, Array<{ accessType: string; endpoint: string }> | undefined, string | undefined]> = [
        ["no endpoint yet", undefined, undefined],
        ["no paths", [], undefined],
        [
            "a bare public host",
            [
                { accessType: "PRIVATE", endpoint: "in.example" },
                { accessType: "PUBLIC", endpoint: "web.ecs.eu-west-1.on.aws" },
            ],
            "https://web.ecs.eu-west-1.on.aws",
        ],
        ["only a private host", [{ accessType: "PRIVATE", endpoint: "in.example" }], "https://in.example"],
        ["an http URL, kept", [{ accessType: "PUBLIC", endpoint: "http://web.example" }], "http://web.example"],
        ["an https URL, kept", [{ accessType: "PUBLIC", endpoint: "https://web.example" }], "https://web.example"],
        ["a host that merely contains http://", [{ accessType: "PUBLIC", endpoint: "web.example/http://x" }], "https://web.example/http://x"],
    ];
    for (const [what, paths, url] of cases) it(`${what} -> ${url}`, () => assert.equal(expressUrl(paths), url));
});
