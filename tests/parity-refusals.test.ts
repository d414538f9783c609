// The parity table (config/parity.ts) against the validators: every verdict `refused` is a config
// error on that key's path, on each shipped stack of that platform, whose message shares most of the
// note's words, and every sample the table does
// not refuse raises no error there. Each refused verdict must be met by some sample, so a refusal
// nobody checks cannot hide in the table.
import { strict as assert } from "assert";
import { PARITY, parityOf } from "../config/parity";
import { ConfigError } from "../config/errors";
import { Platform, PLATFORMS, serviceSchema } from "../config/schema";
import { loadStackConfig } from "../plan/stackfile";
import { PROJECT_DIR } from "../plan/engine";
import { SHIPPED_STACK_OF, validateFixture } from "./harness";

/** The shipped stack that stands for each platform. */
const STACK_OF = SHIPPED_STACK_OF;

type Service = Record<string, unknown>;
/** A sample sets one key on a service; `without` drops keys it cannot stand beside (image beside build). */
interface Sample {
    readonly value: unknown;
    readonly without?: string[];
    /** More stack config the value needs to mean anything (a file system for a volume). */
    readonly context?: Record<string, unknown>;
    /** More services the value names (a callee for calls), beside the shipped stack's. */
    readonly services?: Record<string, Service>;
    /** Platforms whose shipped stack cannot take this value for reasons of its own, with another sample covering them. */
    readonly skip?: Platform[];
    /** A service of its own to set the key on, for keys that mean something on one kind only (a task's schedule). */
    readonly service?: Service;
}

/** A one-off task, for the keys only a task takes. */
const TASK: Service = { kind: "task", image: "public.ecr.aws/docker/library/busybox:1.37", command: ["true"] };

const scaling = (more: Record<string, unknown>) => ({ min: 1, max: 2, cpu: 50, ...more });
const step = { name: "latency", metric: { namespace: "AWS/ApplicationELB", name: "TargetResponseTime", statistic: "Average", period: 60 }, threshold: 1, comparison: "GreaterThanThreshold", steps: [{ lower: 0, adjustment: 1 }] };
const STORAGE = { "berth:storage": { fileSystems: { shared: { volumes: { uploads: { path: "/uploads" } } } } } };

/** Values for each key, schema-valid, chosen to meet each verdict the table gives. */
const SAMPLES: Record<string, Sample[]> = {
    kind: [{ value: "task" }],
    image: [{ value: "docker.io/library/nginx:1.27" }],
    // ecs-ec2's stack runs x86_64 instances, and a build must match them; the second sample covers it.
    build: [
        { value: { context: ".", platform: "linux/arm64" }, without: ["image"], skip: ["ecs-ec2"] },
        { value: { context: "." }, without: ["image"] },
    ],
    source: [{ value: { repository: "https://github.com/example/site", runtime: "NODEJS_22", start: "npm start" }, without: ["image"] }],
    port: [{ value: 8081 }],
    cpu: [{ value: 512 }],
    memory: [{ value: 1024 }],
    desiredCount: [{ value: 1 }],
    healthCheck: [{ value: { path: "/", matcher: "200" } }, { value: { path: "/", interval: 15 } }, { value: { path: "/" } }],
    containerHealthCheck: [{ value: { command: ["CMD", "/bin/true"] } }],
    privateLink: [{ value: { allowedPrincipals: ["arn:aws:iam::123456789012:root"] } }],
    exec: [{ value: true }, { value: false }],
    public: [{ value: true }, { value: false }],
    priority: [{ value: 7 }],
    path: [{ value: "/a*b/*" }, { value: "/" }],
    environment: [{ value: { COLOUR: "blue" } }],
    secrets: [{ value: { TOKEN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:berth/token-AbCdEf" } }],
    readonlyRootFilesystem: [{ value: true }, { value: false }],
    command: [{ value: ["serve"] }],
    loadBalancer: [{ value: "alb" }],
    listenerPort: [{ value: 8443 }],
    scaling: [
        { value: scaling({ concurrency: 10 }) },
        { value: scaling({ steps: [step] }) },
        { value: scaling({ schedules: [{ name: "night", schedule: "cron(0 20 * * ? *)", max: 1 }] }) },
        { value: scaling({ requests: 100 }) },
        { value: scaling({ min: 0 }) },
        { value: scaling({ memory: 60 }) },
        { value: scaling({ scaleInCooldown: 60 }) },
        { value: { min: 1, max: 2, scaleOutCooldown: 30 } },
    ],
    volumes: [{ value: [{ fileSystem: "shared", volume: "uploads", mountPath: "/data" }], context: STORAGE }],
    grants: [{ value: [{ bucket: "berth-assets", access: "read" }] }],
    apprunner: [{ value: { domain: "web.example.com" } }],
    disks: [{ value: [{ name: "data", sizeGiB: 10, mountPath: "/data" }] }],
    runAsUser: [{ value: 1000 }],
    // Arriving keys: checked once the schema has them.
    user: [{ value: 0 }, { value: "1000:1000" }],
    // ecs-ec2's public service keeps a writable root for ECS Exec.
    writablePaths: [{ value: ["/tmp"], without: ["exec"] }],
    schedule: [
        { value: "at(2026-06-01T00:00:00)", service: TASK },
        { value: "cron(0 3 * * ? *)", service: TASK },
    ],
    timezone: [{ value: "Europe/Paris", service: { ...TASK, schedule: "cron(0 3 * * ? *)" } }],
    // A callee with a port of its own: the shipped stacks' other services have none, or none everywhere.
    calls: [{ value: ["peer"], services: { peer: { image: "docker.io/library/nginx:1.27", port: 8081 } } }],
    // An internal service is not also public.
    internal: [{ value: {}, without: ["public"] }],
};

const SCHEMA_KEYS = Object.keys(serviceSchema.shape);

/** The words of a text that carry its meaning (four letters or more). */
const words = (text: string) => text.toLowerCase().match(/[a-z0-9]{4,}/g) ?? [];

/** The verdict's identity: the key, the platform and the case that decided (or the cell itself). */
function verdictId(platform: Platform, key: string, value: unknown): string {
    const hit = PARITY[key][platform].cases.find((c) => c.test(value));
    return `${key} on ${platform}${hit ? ` when ${hit.when}` : ""}`;
}

/** Every refused verdict the table can give for keys in the schema. */
function refusedVerdicts(): string[] {
    return SCHEMA_KEYS.flatMap((key) =>
        PLATFORMS.flatMap((p) => {
            const cell = PARITY[key][p];
            return [...(cell.status === "refused" ? [`${key} on ${p}`] : []), ...cell.cases.filter((c) => c.status === "refused").map((c) => `${key} on ${p} when ${c.when}`)];
        }),
    );
}

function errorsWith(platform: Platform, key: string, sample: Sample): { service: string; errors: ReadonlyArray<ConfigError> } {
    const config = loadStackConfig(STACK_OF[platform], PROJECT_DIR);
    const services = structuredClone({ ...(config["berth:services"] as Record<string, Service>), ...sample.services });
    // A public service where there is one: routing keys only mean something there.
    if (sample.service) services.sample = structuredClone(sample.service);
    const service = sample.service ? "sample" : (Object.keys(services).find((n) => services[n].public === true) ?? Object.keys(services)[0]);
    for (const k of sample.without ?? []) delete services[service][k];
    services[service][key] = sample.value;
    const result = validateFixture({ ...config, ...sample.context, "berth:services": services });
    return { service, errors: result.ok ? [] : result.errors };
}

describe("parity table against the validators", () => {
    const met = new Set<string>();

    for (const platform of PLATFORMS) {
        describe(`${platform} (Pulumi.${STACK_OF[platform]}.yaml)`, () => {
            it("plans as shipped, so that any error below is the sample's", () => {
                const config = loadStackConfig(STACK_OF[platform], PROJECT_DIR);
                assert.equal(config["berth:platform"], platform);
                const r = validateFixture(config);
                assert.ok(r.ok, r.ok ? "" : r.errors.map((e) => e.path).join(", "));
            });
            for (const key of SCHEMA_KEYS) {
                for (const sample of (SAMPLES[key] ?? []).filter((s) => !s.skip?.includes(platform))) {
                    const verdict = parityOf(platform, key, sample.value)!;
                    it(`${key}: ${JSON.stringify(sample.value)} is ${verdict.status}`, () => {
                        const { service, errors } = errorsWith(platform, key, sample);
                        const at = `berth:services.${service}.${key}`;
                        const onKey = errors.filter((e) => e.path === at || e.path.startsWith(`${at}.`));
                        if (verdict.status === "refused") {
                            met.add(verdictId(platform, key, sample.value));
                            assert.ok(onKey.length > 0, `the table refuses ${key} on ${platform} (${verdict.note}), but validation raised no error on ${at}; errors: ${errors.map((e) => e.path).join(", ") || "none"}`);
                            // The note gives the validator's reason: most of its words are in the error.
                            const said = new Set(onKey.flatMap((e) => words(e.allowed)));
                            const shared = words(verdict.note).filter((w) => said.has(w));
                            assert.ok(shared.length * 2 >= words(verdict.note).length, `the note "${verdict.note}" says little of what validation says: ${onKey.map((e) => e.allowed).join(" / ")}`);
                        } else {
                            assert.deepEqual(
                                onKey.map((e) => `${e.path}: ${e.allowed}`),
                                [],
                                `the table says ${verdict.status} for ${key} on ${platform}`,
                            );
                        }
                    });
                }
            }
        });
    }

    // Declared last, so it runs after every platform's samples.
    describe("coverage", () => {
        it("has a sample for every key of the schema", () => {
            assert.deepEqual(
                SCHEMA_KEYS.filter((k) => !SAMPLES[k]),
                [],
            );
        });

        it("meets every refused verdict of the table with a sample the validators refuse", () => {
            assert.deepEqual(
                refusedVerdicts().filter((v) => !met.has(v)),
                [],
            );
        });
    });
});
