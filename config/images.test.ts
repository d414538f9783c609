// Issue 20 item 5: an image that moves under the stack (a mutable or missing tag) and anonymous
// Docker Hub pulls (rate-limited) warn in every environment; prod wants a digest or a release tag.
import { strict as assert } from "assert";
import { fargateConfig, validateFixture } from "../tests/harness";
import { imageProblems, isReleaseTag } from "./images";

const DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

describe("image warnings", () => {
    const dev = { environment: "dev", dockerHubCredential: false };
    const prod = { environment: "prod", dockerHubCredential: false };
    const codes = (image: string, ctx = dev) => imageProblems(image, ctx).map((p) => p.code);

    it("warns on latest and on no tag, in dev as in prod", () => {
        for (const ctx of [dev, prod]) {
            assert.deepEqual(codes("acme/api:latest", ctx), ["image-tag", "docker-hub"]);
            assert.deepEqual(codes("acme/api", ctx), ["image-tag", "docker-hub"]);
            assert.deepEqual(codes("public.ecr.aws/acme/api:latest", ctx), ["image-tag"]);
            assert.deepEqual(codes("483920175846.dkr.ecr.eu-west-1.amazonaws.com/api", ctx), ["image-tag"]);
        }
        assert.deepEqual(
            imageProblems("acme/api", dev)[0].message,
            "is acme/api, with no tag: it pulls latest, and each task pulls whatever the tag names when it starts, so a scale-out or a replaced task can run an image nobody deployed, and a rollback cannot go back; pin a version tag, or a digest (@sha256:...)",
        );
    });

    it("warns on bare nginx as anonymous Docker Hub, whatever its tag, unless the pull-through cache logs in", () => {
        assert.deepEqual(codes("nginx"), ["image-tag", "docker-hub"]);
        assert.deepEqual(codes("nginx:1.27"), ["docker-hub"]);
        assert.deepEqual(codes("docker.io/library/nginx:1.27"), ["docker-hub"]);
        assert.deepEqual(codes("nginx:1.27", { environment: "prod", dockerHubCredential: true }), []);
        assert.match(imageProblems("nginx:1.27", dev)[0].message, /^is nginx:1\.27, pulled from Docker Hub anonymously: Docker Hub allows 10 anonymous pulls an hour per IP address/);
    });

    it("asks prod, and only prod, for a digest or a release tag", () => {
        assert.deepEqual(codes("public.ecr.aws/acme/api:stable", dev), []);
        assert.deepEqual(codes("public.ecr.aws/acme/api:stable", prod), ["image-tag"]);
        assert.equal(
            imageProblems("public.ecr.aws/acme/api:stable", prod)[0].message,
            "is public.ecr.aws/acme/api:stable: in prod, pin a digest (@sha256:...) or a release tag (a version such as 1.27.3, or a commit): stable reads as a tag its publisher moves",
        );
        for (const image of ["public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine", "public.ecr.aws/acme/api:v2.3.1", "public.ecr.aws/acme/api:sha-3f2c1ab", `public.ecr.aws/acme/api:latest@${DIGEST}`, `public.ecr.aws/acme/api@${DIGEST}`]) {
            assert.deepEqual(codes(image, prod), [], image);
        }
    });

    it("reads a release tag as a version or a commit", () => {
        for (const t of ["1", "1.27", "1.27-alpine", "v2.3.1", "20261201", "3f2c1ab", "sha-3f2c1ab", "2.0.0+build.7"]) assert.ok(isReleaseTag(t), t);
        for (const t of ["latest", "stable", "main", "edge", "alpine", "prod", "v", "lts"]) assert.ok(!isReleaseTag(t), t);
    });

    it("reaches the stack's warnings at the service's image, and says nothing of a built image", () => {
        const r = validateFixture(fargateConfig({ "berth:services": { web: { image: "acme/api:latest" } } }));
        assert.ok(r.ok);
        assert.deepEqual(
            r.warnings.filter((w) => w.code === "image-tag" || w.code === "docker-hub").map((w) => [w.code, w.path]),
            [
                ["image-tag", "berth:services.web.image"],
                ["docker-hub", "berth:services.web.image"],
            ],
        );
        const cached = validateFixture(
            fargateConfig({
                "berth:registry": { pullThroughCache: { dockerHub: { credentialArn: "arn:aws:secretsmanager:eu-west-1:483920175846:secret:ecr-pullthroughcache/docker-hub-AbCdEf" } } },
                "berth:services": { web: { image: "nginx:1.27" } },
            }),
        );
        assert.ok(cached.ok, JSON.stringify(!cached.ok && cached.errors));
        assert.deepEqual(
            cached.warnings.filter((w) => w.code === "docker-hub"),
            [],
        );
    });
});
