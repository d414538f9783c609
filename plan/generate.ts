// A generated ecs-fargate stack of N services, the shape a large user has: services public, routed by
// path on the one shared ALB, with CPU and request-count target tracking; past the ALB's 100 target
// groups (ALB_TARGET_GROUPS_MAX, a config error beyond it), the rest are private workers scaled on CPU.
// `npm run bench -- --services N` plans it; the tests plan a small one to hold its shape.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { ALB_TARGET_GROUPS_MAX } from "../config/validate-aws";

/** The stack file's `config:` map for `services` services. */
export function scaleStackConfig(services: number): Record<string, unknown> {
    const svc = Object.fromEntries(
        Array.from({ length: services }, (_, i) => {
            const name = `svc${String(i).padStart(3, "0")}`;
            const base = { image: "public.ecr.aws/nginx/nginx:1.27-alpine", port: 8080, cpu: 256, memory: 512 };
            if (i >= ALB_TARGET_GROUPS_MAX) return [name, { ...base, scaling: { min: 1, max: 4, cpu: 60 } }];
            return [name, { ...base, public: true, path: `/${name}/*`, healthCheck: { path: `/${name}/health` }, scaling: { min: 1, max: 4, cpu: 60, requests: 500 } }];
        }),
    );
    return {
        "aws:region": "us-east-1",
        "berth:platform": "ecs-fargate",
        "berth:environment": "dev",
        "berth:loadBalancer": { allowedCidrs: ["203.0.113.0/24"] },
        "berth:services": svc,
    };
}

/** Writes `Pulumi.yaml` and `Pulumi.<stack>.yaml` into a fresh temporary folder; returns the folder. */
export function writeScaleStack(services: number, stack = `scale${services}`): { dir: string; stack: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-scale-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: berth\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify({ config: scaleStackConfig(services) }));
    return { dir, stack };
}
