// Issue 20, items 8 and 9: what `npm run plan` prints for a newcomer's stack file mistakes, exactly,
// end to end (stack file, engine, program, validation, formatting).
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlanCli } from "./harness";
import { PROJECT_DIR } from "../plan/engine";
import { loadBalancerSchema } from "../config/schema";
import { validateDomain } from "../config/validate-context";

const BASE = [
    "config:",
    "  aws:region: us-east-1",
    "  berth:platform: ecs-fargate",
    "  berth:environment: dev",
    "  berth:loadBalancer:",
    "    allowedCidrs: [198.51.100.0/24]",
    "  berth:services:",
    "    web:",
    "      image: public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine",
    "      port: 8080",
    "      cpu: 256",
    "      memory: 512",
    "      public: true",
    "      environment:",
    "        LOG_LEVEL: info",
    "    worker:",
    "      image: public.ecr.aws/docker/library/busybox:1.36",
    "      command: [sleep, infinity]",
    "",
].join("\n");

/** The error lines `npm run plan` prints for a stack file, without the heading. */
async function planErrors(source: string): Promise<string[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-messages-"));
    fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), source);
    const run = await runPlanCli("--stack", "s", "--dir", dir);
    assert.equal(run.status, 2, run.stderr);
    const lines = run.stderr.trimEnd().split("\n");
    assert.match(lines[0], /^berth: Pulumi\.s\.yaml has \d+ config errors?:$/);
    return lines.slice(1);
}

describe("messages a newcomer reads (issue 20)", function () {
    this.timeout(60_000);

    it("8. a fraction for cpu or memory gets the unit, as the text does", async () => {
        const cpuMemory = (cpu: string, memory: string) => BASE.replace("cpu: 256", `cpu: ${cpu}`).replace("memory: 512", `memory: ${memory}`);
        const expected = (shown: string) => [
            `  - berth:services.web.cpu is ${shown}; expected a number of CPU units, 1024 per vCPU (256 is a quarter vCPU)`,
            `  - berth:services.web.memory is ${shown}; expected a number of MiB (1024 is 1 GiB)`,
        ];
        assert.deepEqual(await planErrors(cpuMemory("0.5", "0.5")), expected("0.5"));
        assert.deepEqual(await planErrors(cpuMemory('"0.5"', '"0.5"')), expected('"0.5"'));
    });

    it("9. a misspelt key holding the services map shows the map's keys, not the whole map", async () => {
        assert.deepEqual(await planErrors(BASE.replace("berth:services:", "berth:service:")), [
            "  - berth:services is missing; expected a map of service names to services",
            '  - berth:service is {"web": …, "worker": …} (2 keys); expected no such key: did you mean berth:services?',
        ]);
    });

    it("9. a dedented services map: null, unquoted, and why; the services themselves abbreviated", async () => {
        const dedented = BASE.replace(/^ {4}(?=\S)/gm, "  ")
            .replace(/^ {6}(?=\S)/gm, "    ")
            .replace(/^ {8}(?=\S)/gm, "      ");
        assert.deepEqual(await planErrors(dedented.replace("  allowedCidrs", "    allowedCidrs")), [
            "  - berth:services is null; expected a map of service names to services (nothing is indented under this key)",
            '  - berth:web is {"image": …, "port": …, "cpu": …, "memory": …, "public": …, "environment": …} (6 keys); expected no such key in the berth: namespace: a service? indent it under berth:services',
            '  - berth:worker is {"image": …, "command": …} (2 keys); expected no such key in the berth: namespace: a service? indent it under berth:services',
        ]);
    });

    it("9. an encrypted value inside a service is reported at its own key", async () => {
        assert.deepEqual(await planErrors(BASE.replace("LOG_LEVEL: info", "LOG_LEVEL: info\n        API_KEY:\n          secure: v1:AAAAAAAA")), [
            '  - berth:services.web.environment.API_KEY is "[secret]"; expected no secret values in berth config: store the secret in Secrets Manager or SSM Parameter Store and reference its ARN under services.web.secrets.API_KEY',
        ]);
    });
});

describe("docs for berth:loadBalancer (issue 20, item 4)", () => {
    const doc = (name: string) => fs.readFileSync(path.join(PROJECT_DIR, "docs", name), "utf8");

    it("docs/config.md, where errors point, names every key of berth:loadBalancer, domain with its own row", () => {
        const config = doc("config.md");
        const row = config.split("\n").find((l) => l.startsWith("| `berth:loadBalancer` |")) ?? "";
        for (const key of Object.keys(loadBalancerSchema.shape)) assert.ok(row.includes(`\`${key}\``) || config.includes(`| \`berth:loadBalancer.${key}\` |`), key);
        assert.match(config, /^\| `berth:loadBalancer\.domain` \| `\{ name, hostedZoneId \}`.*`ecs-fargate`, `ecs-ec2` and `eks`.*ExternalDNS.*\[eks\.md\]\(eks\.md#a-domain-of-your-own\).*refused on `kubernetes`/m);
    });

    it("docs/eks.md says domain works on eks through ExternalDNS, and that validation takes it there", () => {
        // Issue 20, item 2: the refusal this test once quoted is gone; eks takes a domain with an ALB service.
        assert.deepEqual(validateDomain({ platform: "eks", services: { web: { public: true, loadBalancer: "alb" } }, loadBalancer: { type: "alb", domain: { name: "app.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" } } } as never), []);
        const section = doc("eks.md").split("### A domain of your own")[1]?.split("\n### ")[0] ?? "";
        assert.doesNotMatch(section, /refused/);
        assert.match(section, /AWS\s+Load Balancer Controller creates it from the Ingress/);
        assert.match(section, /ExternalDNS/);
        assert.match(section, /upsert-only/);
    });
});
