import { strict as assert } from "assert";
import { efsClassParameters } from "./ClusterStorage";
import { externalSecretManifests, parseSecretRef, secretProviderClass } from "./secrets";

const base = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
const param = "arn:aws:ssm:us-east-1:123456789012:parameter/app/token";

describe("secret references on Kubernetes", () => {
    it("takes an ECS reference apart into the secret's ARN and its JSON key", () => {
        assert.deepEqual(parseSecretRef(`${base}:password::`), { arn: base, kind: "secretsmanager", jsonKey: "password" });
        assert.deepEqual(parseSecretRef(base), { arn: base, kind: "secretsmanager" });
        assert.deepEqual(parseSecretRef(param), { arn: param, kind: "ssmparameter" });
    });

    it("asks ASCP for each secret once, whole or by JSON key, and syncs every variable to the service's Secret", () => {
        const spc = secretProviderClass("web", { PASSWORD: `${base}:password::`, DB: base, TOKEN: param });
        const spec = spc.spec as any;
        assert.deepEqual(JSON.parse(spec.parameters.objects), [
            { objectName: base, objectType: "secretsmanager", objectAlias: "DB", jmesPath: [{ path: "password", objectAlias: "PASSWORD" }] },
            // ASCP takes a parameter's name, never its ARN.
            { objectName: "/app/token", objectType: "ssmparameter", objectAlias: "TOKEN" },
        ]);
        assert.deepEqual(spec.secretObjects, [{ secretName: "web-secrets", type: "Opaque", data: ["DB", "PASSWORD", "TOKEN"].map((k) => ({ objectName: k, key: k })) }]);
    });

    it("gives External Secrets Operator one store per AWS service, and parameters by name", () => {
        const [sm, ps, es] = externalSecretManifests("web", "us-east-1", { A: `${base}:k::`, B: param });
        assert.deepEqual([sm.name, ps.name, es.kind], ["secrets-manager", "parameter-store", "ExternalSecret"]);
        assert.deepEqual(
            (es.spec as any).data.map((d: any) => [d.secretKey, d.remoteRef]),
            [
                ["A", { key: base, property: "k" }],
                ["B", { key: "/app/token" }],
            ],
        );
    });
});

describe("External Secrets Operator manifests, in full", () => {
    it("sorts the variables, reads each from the store of its own AWS service, as the pod's service account", () => {
        const manifests = externalSecretManifests("web", "eu-west-1", { TOKEN: param, DB: base, PASSWORD: `${base}:password::` });
        const store = (name: string, service: string) => ({
            apiVersion: "external-secrets.io/v1",
            kind: "SecretStore",
            name,
            spec: { provider: { aws: { service, region: "eu-west-1", auth: { jwt: { serviceAccountRef: { name: "web" } } } } } },
        });
        const from = (name: string) => ({ storeRef: { kind: "SecretStore", name } });
        assert.deepEqual(manifests, [
            store("secrets-manager", "SecretsManager"),
            store("parameter-store", "ParameterStore"),
            {
                apiVersion: "external-secrets.io/v1",
                kind: "ExternalSecret",
                name: "secrets",
                spec: {
                    refreshInterval: "1h",
                    target: { name: "web-secrets", creationPolicy: "Owner" },
                    data: [
                        { secretKey: "DB", sourceRef: from("secrets-manager"), remoteRef: { key: base } },
                        { secretKey: "PASSWORD", sourceRef: from("secrets-manager"), remoteRef: { key: base, property: "password" } },
                        { secretKey: "TOKEN", sourceRef: from("parameter-store"), remoteRef: { key: "/app/token" } },
                    ],
                },
            },
        ]);
    });

    it("has ASCP fetch variables in name order, whatever order the config lists them in", () => {
        const spc = secretProviderClass("web", { B: `${base}:b::`, A: `${base}:a::` });
        assert.deepEqual(JSON.parse((spc.spec as any).parameters.objects), [
            {
                objectName: base,
                objectType: "secretsmanager",
                objectAlias: "object-0",
                jmesPath: [
                    { path: "a", objectAlias: "A" },
                    { path: "b", objectAlias: "B" },
                ],
            },
        ]);
    });
});

describe("efsClassParameters", () => {
    it("lands every claim on the volume's directory, with its owner and permissions", () => {
        assert.deepEqual(efsClassParameters("fs-1", { path: "/a/b/c", uid: 1, gid: 2, permissions: "0700" }), {
            provisioningMode: "efs-ap",
            fileSystemId: "fs-1",
            directoryPerms: "700",
            uid: "1",
            gid: "2",
            basePath: "/a/b",
            subPathPattern: "c",
            ensureUniqueDirectory: "false",
        });
        assert.equal(efsClassParameters("fs-1", { path: "/data", uid: 1, gid: 1, permissions: "750" }).basePath, "/");
    });

    for (const [path, permissions, basePath, subPathPattern, directoryPerms] of [
        ["/data", "750", "/", "data", "750"],
        ["/", "0755", "/", ".", "755"],
        ["/srv/data", "0000", "/srv", "data", "000"],
    ]) {
        it(`${path} with permissions ${permissions}: base ${basePath}, sub-path ${subPathPattern}, directory ${directoryPerms}`, () => {
            const p = efsClassParameters("fs-1", { path, uid: 1, gid: 1, permissions });
            assert.deepEqual([p.basePath, p.subPathPattern, p.directoryPerms], [basePath, subPathPattern, directoryPerms]);
        });
    }
});
