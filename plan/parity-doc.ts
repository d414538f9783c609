// docs/moving-between-platforms.md, generated from the parity table (config/parity.ts) by
// `npm run docs:parity`; a test holds the checked-in page to it, so the page cannot drift.
import { PARITY, ParityCell } from "../config/parity";
import { Platform, PLATFORMS, serviceSchema } from "../config/schema";

export const PARITY_PAGE = "docs/moving-between-platforms.md";

const INTRO = `# Moving between platforms

<!-- Generated from config/parity.ts by \`npm run docs:parity\`; edit the table there, not this page. -->

The same \`berth:services\` deploy on every platform; what changes is how each key lands. For each
service key and platform, berth decides one of three things, and says so:

- **honoured**: it does what it does on ECS on Fargate, the reference;
- **differently**: it is built, but not the ECS way (the note says how: a health check becomes
  Kubernetes probes, CPU units become millicores);
- **refused**: validation stops the plan with an error on that key, saying why.

A key is never silently ignored: \`npm test\` fails when a key of the schema has no row here.

## Switching a stack

1. Set \`berth:platform\` to the new platform.
2. Remove the old platform's block (\`berth:fargate\`, \`berth:ec2\`, \`berth:anywhere\`, \`berth:eks\`,
   \`berth:kubernetes\` and \`berth:kubeconfig\`, \`berth:apprunner\`, \`berth:express\`), and add the new
   one's: validation refuses another platform's block rather than ignore it.
3. \`npm run plan -- --stack NAME\`: every refused key is a config error naming its path; the tree
   ends with what works differently on the new platform, per service.
4. Plan the old and the new side by side, from two stack files:
   \`npm run plan -- --compare OLD NEW\` prints each service key's status on both platforms, with
   the notes of the keys that change. The plan JSON lists the same in its \`parity\` field
   (docs/plan.md).

Moving is a new deployment: \`pulumi up\` on the new platform creates new resources; move traffic
and data, then destroy the old stack.

## What moves with the services

- **Who the container runs as**: \`user\` (default 1000:1000) and a read-only root file system with
  \`writablePaths\` (default /tmp: a tmpfs on ECS, an emptyDir on Kubernetes), on ECS and Kubernetes
  alike. A port below 1024 is refused for a non-root user on both, so an image that runs on one runs
  on the other.
- **Images**: with \`berth:registry.pullThroughCache\`, whatever pulls on the platform (ECS execution
  roles, EKS node roles, Fargate pod execution roles) may fill the cache, within its prefixes.
- **Logs**: \`/berth/PROJECT/STACK/SERVICE\` with \`berth:logs\` retention on ECS and EKS; the \`logs\`
  output has each group's \`aws logs tail\` (and \`kubectl logs\` on Kubernetes).
- **Schedules**: a \`kind: task\` with \`schedule\` fires on every platform that runs tasks (EventBridge
  Scheduler on ECS, a CronJob on Kubernetes); a \`berth:patterns.scheduledBatch\` becomes the task's own
  \`schedule\` where patterns are refused.
- **Names**: a private service answers \`http://NAME:PORT\` (ECS Service Connect) or its cluster DNS
  name, to the services that declare \`calls: [NAME]\` and nobody else; the \`endpoints\` output lists them.

\`tests/switch-matrix.test.ts\` moves every shipped stack's services to every other platform this way
and holds each result to it: the move plans with non-root containers, fillable caches, routed logs,
fired schedules and caller-only reachability, or it fails with config errors that name the keys.`;

const SHORT: Record<Platform, string> = {
    "ecs-fargate": "ecs-fargate",
    "ecs-ec2": "ecs-ec2",
    "ecs-anywhere": "ecs-anywhere",
    eks: "eks",
    kubernetes: "kubernetes",
    apprunner: "apprunner",
    "ecs-express": "ecs-express",
};

/** A cell in the summary matrix: its status, then the cases that change it. */
function glance(c: ParityCell): string {
    const other = [...new Set(c.cases.map((x) => x.status))].filter((s) => s !== c.status);
    return [
        c.status,
        ...other.map(
            (s) =>
                `${s} if ${c.cases
                    .filter((x) => x.status === s)
                    .map((x) => x.when)
                    .join(", ")}`,
        ),
    ].join("; ");
}

const same = (a: ParityCell, b: ParityCell) =>
    a.status === b.status && a.note === b.note && a.cases.length === b.cases.length && a.cases.every((x, i) => x.when === b.cases[i].when && x.status === b.cases[i].status && x.note === b.cases[i].note);

/** One key: platforms with the same cell share a line; a case is a line beneath. */
function keySection(key: string, arriving: boolean): string[] {
    const row = PARITY[key];
    const lines = [`### \`${key}\`${arriving ? " (arriving: not in the schema yet)" : ""}`, ""];
    const done = new Set<Platform>();
    for (const p of PLATFORMS) {
        if (done.has(p)) continue;
        const group = PLATFORMS.filter((q) => !done.has(q) && same(row[p], row[q]));
        group.forEach((q) => done.add(q));
        const c = row[p];
        lines.push(`- ${group.map((q) => `**${q}**`).join(", ")}: ${c.status}: ${c.note}`);
        for (const x of c.cases) lines.push(`  - when ${x.when}: ${x.status}: ${x.note}`);
    }
    return [...lines, ""];
}

/** The whole page, as checked in. */
export function renderParityPage(): string {
    const schemaKeys = Object.keys(serviceSchema.shape);
    const keys = [...schemaKeys.filter((k) => PARITY[k]), ...Object.keys(PARITY).filter((k) => !schemaKeys.includes(k))];
    const head = `| key | ${PLATFORMS.map((p) => SHORT[p]).join(" | ")} |`;
    const rule = `|---|${PLATFORMS.map(() => "---").join("|")}|`;
    const matrix = keys.map((k) => `| \`${k}\` | ${PLATFORMS.map((p) => glance(PARITY[k][p])).join(" | ")} |`);
    return [
        INTRO,
        "",
        "## At a glance",
        "",
        "Keys as the stack file writes them; on `eks` and `kubernetes`, `cpu`, `memory` and (with a port) `healthCheck` apply to every service, set or not.",
        "",
        head,
        rule,
        ...matrix,
        "",
        "## Key by key",
        "",
        ...keys.flatMap((k) => keySection(k, !schemaKeys.includes(k))),
    ]
        .join("\n")
        .replace(/\n+$/, "\n");
}
