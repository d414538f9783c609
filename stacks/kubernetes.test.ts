import { strict as assert } from "assert";
import { stringify } from "yaml";
import { kubeconfigServer } from "./kubernetes";

describe("kubeconfigServer", () => {
    const kubeconfig = (current: string | undefined, contexts: Array<[string, string]>, clusters: Array<[string, string]>) =>
        stringify({
            apiVersion: "v1",
            kind: "Config",
            ...(current === undefined ? {} : { "current-context": current }),
            contexts: contexts.map(([name, cluster]) => ({ name, context: { cluster, user: "u" } })),
            clusters: clusters.map(([name, server]) => ({ name, cluster: { server } })),
        });
    const clusters: Array<[string, string]> = [
        ["dev", "https://dev.example.com"],
        ["prod", "https://prod.example.com"],
    ];

    it("reads the server of the current context's cluster", () => {
        assert.equal(
            kubeconfigServer(
                kubeconfig(
                    "b",
                    [
                        ["a", "dev"],
                        ["b", "prod"],
                    ],
                    clusters,
                ),
            ),
            "https://prod.example.com",
        );
    });

    it("falls back to the first context when none is current, or the current one is not listed", () => {
        assert.equal(
            kubeconfigServer(
                kubeconfig(
                    undefined,
                    [
                        ["a", "prod"],
                        ["b", "dev"],
                    ],
                    clusters,
                ),
            ),
            "https://prod.example.com",
        );
        assert.equal(kubeconfigServer(kubeconfig("gone", [["a", "dev"]], clusters)), "https://dev.example.com");
    });

    it("gives undefined for a context whose cluster is missing, a kubeconfig without contexts or clusters, and text that is not YAML", () => {
        assert.equal(kubeconfigServer(kubeconfig("a", [["a", "staging"]], clusters)), undefined);
        assert.equal(kubeconfigServer(stringify({ apiVersion: "v1", clusters: [{ name: "dev", cluster: { server: "https://dev.example.com" } }] })), undefined);
        assert.equal(kubeconfigServer(stringify({ apiVersion: "v1", contexts: [{ name: "a", context: { cluster: "dev" } }] })), undefined);
        assert.equal(kubeconfigServer("{ not: yaml: ["), undefined);
        assert.equal(kubeconfigServer(""), undefined);
        assert.equal(kubeconfigServer(kubeconfig(undefined, [], clusters)), undefined);
    });
});
