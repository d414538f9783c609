// Service keys added for ECS (issue 8), read on the other platforms: mapped where Kubernetes or the
// managed platforms have a counterpart, refused with the reason where they have none.
import { strict as assert } from "assert";
import { Plan } from "../plan/engine";
import { eksConfig, errorAt, fixtureErrors, inputs, json, kubernetesConfig, managedConfig, planOk } from "./harness";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const PARAM = "arn:aws:ssm:eu-west-1:123456789012:parameter/web/token";

describe("ECS service keys on the other platforms", () => {
    let eks: Plan;
    beforeEach(async () => {
        eks = await planOk(
            eksConfig({
                "berth:services": {
                    web: { secrets: { TOKEN: { arn: PARAM, kmsKey: KEY } } },
                    api: { image: "public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine", port: 8080, public: true, path: "/api", healthCheck: { path: "/api/health" }, runAsUser: 101 },
                    worker: {
                        image: "public.ecr.aws/docker/library/busybox:1.36",
                        command: ["sh", "-c", "touch /tmp/ok; sleep 3600"],
                        containerHealthCheck: { command: ["CMD-SHELL", "test -f /tmp/ok"], interval: 20, retries: 4, startPeriod: 15 },
                    },
                },
            }),
        );
    });

    it("eks: a containerHealthCheck becomes the container's liveness probe, run through sh -c", () => {
        const deployment = inputs(eks, "kubernetes:apps/v1:Deployment", "worker-deployment");
        assert.deepEqual(deployment.spec.template.spec.containers[0].livenessProbe, {
            exec: { command: ["sh", "-c", "test -f /tmp/ok"] },
            periodSeconds: 20,
            timeoutSeconds: 5,
            failureThreshold: 4,
            successThreshold: 1,
            initialDelaySeconds: 15,
        });
    });

    it("eks: the pod role may decrypt a secret's customer-managed key, through Secrets Manager or SSM only", () => {
        const statements = json(inputs(eks, "aws:iam/rolePolicy:RolePolicy", "web-policy").policy).Statement;
        assert.deepEqual(
            statements.find((s: any) => s.Sid === "DecryptSecrets"),
            {
                Sid: "DecryptSecrets",
                Effect: "Allow",
                Action: ["kms:Decrypt"],
                Resource: [KEY],
                Condition: { StringEquals: { "kms:ViaService": ["secretsmanager.eu-west-1.amazonaws.com", "ssm.eu-west-1.amazonaws.com"] } },
            },
        );
    });

    it("eks: a bare route prefix is an Ingress Prefix path (the controller adds /api/*), a glob goes as written", () => {
        const path = (name: string) => inputs(eks, "kubernetes:networking.k8s.io/v1:Ingress", `${name}-ingress`).spec.rules[0].http.paths[0];
        assert.deepEqual([path("api").path, path("api").pathType], ["/api", "Prefix"]);
        assert.deepEqual([path("web").path, path("web").pathType], ["/*", "ImplementationSpecific"]);
    });

    for (const [platform, config] of [
        ["eks", eksConfig],
        ["kubernetes", kubernetesConfig],
    ] as const) {
        it(`${platform}: refuses exec, which kubectl exec already is`, () => {
            const e = errorAt(fixtureErrors(config({ "berth:services": { web: { exec: true } } })), "berth:services.web.exec");
            assert.match(e.allowed, new RegExp(`^false on ${platform}: kubectl exec opens a shell into a pod already`));
        });
    }

    it("eks: refuses PrivateLink, which needs the ECS tasks' own load balancer", () => {
        const e = errorAt(fixtureErrors(eksConfig({ "berth:services": { web: { public: false, privateLink: { allowedPrincipals: ["arn:aws:iam::210987654321:root"] } } } })), "berth:services.web.privateLink");
        assert.match(e.allowed, /^nothing on eks: PrivateLink needs tasks in the stack's VPC/);
    });

    for (const platform of ["apprunner", "ecs-express"] as const) {
        it(`${platform}: refuses PrivateLink, exec and a container health check, each with the reason`, () => {
            const errors = fixtureErrors(managedConfig(platform, { "berth:services": { web: { exec: true, privateLink: { allowedPrincipals: ["arn:aws:iam::210987654321:root"] }, containerHealthCheck: { command: ["CMD", "/check"] } } } }));
            for (const key of ["privateLink", "exec", "containerHealthCheck"]) assert.ok(errorAt(errors, `berth:services.web.${key}`).allowed.length > 20, key);
        });
    }
});
