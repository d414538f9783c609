import { strict as assert } from "assert";
import fc from "fast-check";
import { errorAt, fixtureErrors, managedConfig, validateFixture } from "../../tests/harness";
import { ecrRepositoryArn, imageRepositoryType } from "../images";
import { validateAppRunnerSize } from "./validate-apprunner";
import { APPRUNNER_SIZES } from "../facts/apprunner";

const web = (svc: Record<string, unknown>) => ({ "berth:services": { web: svc } });
const errorsOf = (overrides: Record<string, unknown>) => fixtureErrors(managedConfig("apprunner", overrides));
const pathsOf = (overrides: Record<string, unknown>) => {
    const r = validateFixture(managedConfig("apprunner", overrides));
    return r.ok ? [] : r.errors.map((e) => e.path);
};

describe("validateAppRunnerSize", () => {
    // The issue's table, in vCPU and GB, written out independently of APPRUNNER_SIZES.
    const TABLE: Array<[number, number[]]> = [
        [0.25, [0.5, 1]],
        [0.5, [1]],
        [1, [2, 3, 4]],
        [2, [4, 6]],
        [4, [8, 10, 12]],
    ];
    it("holds exactly the pairs of App Runner's table", () => {
        assert.deepEqual(
            Object.entries(APPRUNNER_SIZES).map(([cpu, mem]) => [Number(cpu) / 1024, mem.map((m) => m / 1024)]),
            TABLE,
        );
    });

    const MEMORY = [512, 1024, 2048, 3072, 4096, 6144, 8192, 10240, 12288];
    it("accepts a pair if and only if the table lists it (property over every cpu and memory App Runner names)", () => {
        fc.assert(
            fc.property(fc.constantFrom(256, 512, 1024, 2048, 4096), fc.constantFrom(...MEMORY), (cpu, memory) => {
                const listed = TABLE.some(([v, gbs]) => v * 1024 === cpu && gbs.some((g) => g * 1024 === memory));
                const errors = validateAppRunnerSize("web", cpu, memory);
                assert.deepEqual(
                    errors.map((e) => e.path),
                    listed ? [] : ["berth:services.web.memory"],
                );
                if (!listed) assert.match(errors[0].allowed, new RegExp(`MiB with cpu ${cpu} on App Runner$`));
            }),
        );
    });

    // Each edge of the table, and one step past it.
    const cases: Array<[number, number, string | null]> = [
        [256, 512, null],
        [256, 1024, null],
        [256, 2048, "berth:services.web.memory"],
        [512, 1024, null],
        [512, 2048, "berth:services.web.memory"],
        [1024, 4096, null],
        [1024, 6144, "berth:services.web.memory"],
        [2048, 6144, null],
        [2048, 8192, "berth:services.web.memory"],
        [4096, 12288, null],
        [4096, 16384, "berth:services.web.memory"],
        [8192, 16384, "berth:services.web.cpu"],
        [128, 512, "berth:services.web.cpu"],
    ];
    for (const [cpu, memory, path] of cases) {
        it(`cpu ${cpu} / memory ${memory}: ${path ? `refused at ${path}` : "accepted"}`, () => {
            assert.deepEqual(
                validateAppRunnerSize("web", cpu, memory).map((e) => e.path),
                path ? [path] : [],
            );
        });
    }

    it("checks the service's size through the whole config", () => {
        assert.match(errorAt(errorsOf(web({ cpu: 512, memory: 2048 })), "berth:services.web.memory").allowed, /^1024 MiB with cpu 512 on App Runner/);
        assert.match(errorAt(errorsOf(web({ cpu: 300 })), "berth:services.web.cpu").allowed, /0\.25, 0\.5, 1, 2 or 4 vCPU/);
    });
});

describe("App Runner images", () => {
    const cases: Array<[string, "ECR" | "ECR_PUBLIC" | undefined, string | undefined]> = [
        ["public.ecr.aws/nginx/nginx:1.27", "ECR_PUBLIC", undefined],
        ["123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web:v1", "ECR", "arn:aws:ecr:eu-west-1:123456789012:repository/team/web"],
        [`123456789012.dkr.ecr.eu-west-1.amazonaws.com/web@sha256:${"a".repeat(64)}`, "ECR", "arn:aws:ecr:eu-west-1:123456789012:repository/web"],
        ["123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web:v1", "ECR", "arn:aws-cn:ecr:cn-north-1:123456789012:repository/web"],
        ["123456789012.dkr.ecr.eu-west-1.amazonaws.com/web", "ECR", "arn:aws:ecr:eu-west-1:123456789012:repository/web"],
        ["nginx:1.27", undefined, undefined],
        ["ghcr.io/acme/web:1", undefined, undefined],
    ];
    for (const [image, type, arn] of cases) {
        it(`${image}: ${type ?? "not pullable"}`, () => {
            assert.equal(imageRepositoryType(image), type);
            assert.equal(ecrRepositoryArn(image, image.includes(".com.cn/") ? "aws-cn" : "aws"), arn);
        });
    }
    it("refuses an image App Runner cannot pull, naming the registries it can", () => {
        const e = errorAt(errorsOf(web({ image: "docker.io/library/nginx:1.27" })), "berth:services.web.image");
        assert.match(e.allowed, /App Runner pulls from no other registry/);
    });
    it("takes exactly one of image, build or source", () => {
        const source = { repository: "https://github.com/acme/web", runtime: "PYTHON_311", start: "python app.py" };
        assert.deepEqual(pathsOf(web({ image: null, source })), []);
        assert.match(errorAt(errorsOf(web({ source })), "berth:services.web.image").allowed, /or on App Runner source/);
        assert.deepEqual(pathsOf(web({ image: null, build: { context: "./web" } })), []);
    });
    it("refuses a runtime App Runner no longer supports and a multi-line command", () => {
        const source = { repository: "https://github.com/acme/web", runtime: "NODEJS_18", start: "npm start\nrm -rf /" };
        assert.deepEqual(pathsOf(web({ image: null, source })).sort(), ["berth:services.web.source.runtime", "berth:services.web.source.start"]);
    });
});

describe("App Runner limits", () => {
    const cases: Array<[string, Record<string, unknown>, string | null]> = [
        ["health check interval on the limit", web({ healthCheck: { interval: 20, timeout: 5 } }), null],
        ["health check interval past it", web({ healthCheck: { interval: 21 } }), "berth:services.web.healthCheck.interval"],
        ["health check timeout on the limit", web({ healthCheck: { timeout: 20 } }), null],
        ["health check timeout past it", web({ healthCheck: { timeout: 21 } }), "berth:services.web.healthCheck.timeout"],
        ["concurrency on the limit", web({ scaling: { max: 2, concurrency: 200 } }), null],
        ["concurrency past it", web({ scaling: { max: 2, concurrency: 201 } }), "berth:services.web.scaling.concurrency"],
        ["concurrency at its floor", web({ scaling: { max: 2, concurrency: 1 } }), null],
        ["concurrency below it", web({ scaling: { max: 2, concurrency: 0 } }), "berth:services.web.scaling.concurrency"],
        ["an environment variable App Runner reserves", web({ environment: { AWSAPPRUNNER_X: "1" } }), "berth:services.web.environment.AWSAPPRUNNER_X"],
        ["a VPC without NAT", { "berth:network": { nat: "none" } }, "berth:network.nat"],
        ["a VPC too small for its subnets", { "berth:network": { cidr: "10.0.0.0/18" } }, "berth:network.cidr"],
        [
            "one domain for two services",
            { "berth:services": { web: { apprunner: { domain: "example.com" } }, api: { image: "public.ecr.aws/a/b:1", port: 8080, public: true, apprunner: { domain: "example.com" } } } },
            "berth:services.api.apprunner.domain",
        ],
        ["a domain that is not lowercase", web({ apprunner: { domain: "API.example.com" } }), "berth:services.web.apprunner.domain"],
    ];
    for (const [what, over, path] of cases) {
        it(`${what}: ${path ? `refused at ${path}` : "accepted"}`, () => {
            assert.deepEqual(pathsOf(over), path ? [path] : []);
        });
    }
    it("explains NAT with the VPC connector", () => {
        assert.match(errorAt(errorsOf({ "berth:network": { nat: "none" } }), "berth:network.nat").allowed, /VPC connector routes every outbound request/);
    });
});

describe("App Runner: every error of a case, exactly", () => {
    const exact = (overrides: Record<string, unknown>) => {
        const r = validateFixture(managedConfig("apprunner", overrides));
        return r.ok ? [] : r.errors.map((e) => [e.path, e.value, e.allowed]);
    };
    const NEW_CUSTOMER =
        "true, stating that this AWS account already uses App Runner: AWS has accepted no new App Runner customers since 30 April 2026. A new account: set berth:platform: ecs-express, which runs the same services on Amazon ECS Express Mode (example stack: Pulumi.ecs-express.yaml)";
    const cases: Array<[string, Record<string, unknown>, unknown[][]]> = [
        ["an account that already uses App Runner", { "berth:apprunner": { existingCustomer: true } }, []],
        ["no statement that the account uses App Runner", { "berth:apprunner": { existingCustomer: null } }, [["berth:apprunner.existingCustomer", undefined, NEW_CUSTOMER]]],
        ["an account that does not use App Runner", { "berth:apprunner": { existingCustomer: false } }, [["berth:apprunner.existingCustomer", false, NEW_CUSTOMER]]],
        ["a cpu App Runner does not offer", web({ cpu: 8192, memory: 16384 }), [["berth:services.web.cpu", 8192, "one of 256, 512, 1024, 2048, 4096 on App Runner (0.25, 0.5, 1, 2 or 4 vCPU)"]]],
        ["a memory size the cpu does not take", web({ cpu: 1024, memory: 1024 }), [["berth:services.web.memory", 1024, "2048 or 3072 or 4096 MiB with cpu 1024 on App Runner"]]],
        ["a reserved variable", web({ environment: { AWSAPPRUNNER_X: "1" } }), [["berth:services.web.environment.AWSAPPRUNNER_X", "AWSAPPRUNNER_X", "a name not starting with AWSAPPRUNNER, which App Runner reserves"]]],
        [
            "no NAT",
            { "berth:network": { nat: "none" } },
            [["berth:network.nat", "none", "single or one-per-az on apprunner: the VPC connector routes every outbound request through the private subnets, so without NAT a service reaches neither the internet nor AWS APIs"]],
        ],
        ["a subdomain in its hosted zone", web({ apprunner: { domain: "api.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" } }), []],
        ["an apex domain whose records the user writes", web({ apprunner: { domain: "example.com" } }), []],
        [
            "an apex domain in its hosted zone",
            web({ apprunner: { domain: "example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" } }),
            [
                [
                    "berth:services.web.apprunner.domain",
                    "example.com",
                    "a name below the zone's apex, such as www.example.com or api.example.com, with hostedZoneId: berth writes a CNAME, which DNS does not allow at a zone's apex, and App Runner needs an ALIAS record there, which berth does not write (drop hostedZoneId and add the records of the domains output yourself)",
                ],
            ],
        ],
        [
            "a hosted zone without a domain",
            web({ apprunner: { hostedZoneId: "Z0123456789ABCDEFGHIJ" } }),
            [["berth:services.web.apprunner.hostedZoneId", "Z0123456789ABCDEFGHIJ", "nothing without services.NAME.apprunner.domain: the zone holds that domain's records"]],
        ],
        [
            "one domain on two services",
            { "berth:services": { web: { apprunner: { domain: "www.example.com" } }, api: { image: "public.ecr.aws/nginx/nginx:1.27", port: 8080, public: true, apprunner: { domain: "www.example.com" } } } },
            [["berth:services.api.apprunner.domain", "www.example.com", "a domain not already associated with service web"]],
        ],
    ];
    for (const [what, overrides, expected] of cases) {
        it(`${what}: ${expected.length ? expected.map(([p]) => p).join(", ") : "accepted"}`, () => assert.deepEqual(exact(overrides), expected));
    }
    it("pulls a private ECR image as ECR", () => {
        assert.equal(imageRepositoryType("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.0"), "ECR");
        assert.equal(imageRepositoryType("public.ecr.aws/nginx/nginx:1.27"), "ECR_PUBLIC");
        assert.equal(imageRepositoryType("docker.io/library/nginx:1.27"), undefined);
    });
});
