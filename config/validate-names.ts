// Pulumi identifies a child by its parent's type, its own type and its name, not by its parent's
// name. Children named "<service>-<step>" or "efs-<fs>-<volume>-ap" can therefore collide across
// services or file systems ("web" + "api-night" and "web-api" + "night"). Such a stack would fail
// deep inside `pulumi up`; here it is a config error naming the key.
import { ConfigError, keyPath } from "./errors";
import { ParsedConfig } from "./schema";

interface ChildName {
    readonly kind: string;
    readonly name: string;
    readonly path: string;
    /** What the user wrote at the path: the name, or the key whose name is composed. */
    readonly value: string;
}

/** The children whose names combine two user-chosen names, as the components name them. */
export function composedChildNames(cfg: Pick<ParsedConfig, "services" | "storage"> & { readonly patterns?: Pick<ParsedConfig["patterns"], "queueWorker"> }): ChildName[] {
    const out: ChildName[] = [];
    // A queue worker's backlog policy sits beside the step policies of every other service.
    for (const svc of Object.keys(cfg.patterns?.queueWorker ?? {})) out.push({ kind: "scaling policy", name: `${svc}-backlog`, path: keyPath("patterns", "queueWorker", svc), value: svc });
    for (const [svc, s] of Object.entries(cfg.services)) {
        const scaling = s.scaling;
        if (!scaling) continue;
        const policies = [scaling.cpu !== undefined && "cpu", scaling.memory !== undefined && "memory", scaling.requests !== undefined && "requests"].filter((x): x is string => !!x);
        for (const p of policies) out.push({ kind: "scaling policy", name: `${svc}-${p}`, path: keyPath("services", svc, "scaling", p), value: p });
        scaling.steps.forEach((st, i) => {
            const path = keyPath("services", svc, "scaling", "steps", i, "name");
            out.push({ kind: "scaling policy", name: `${svc}-${st.name}`, path, value: st.name }, { kind: "alarm", name: `${svc}-${st.name}-alarm`, path, value: st.name });
        });
        scaling.schedules.forEach((sc, i) => out.push({ kind: "scheduled action", name: `${svc}-${sc.name}`, path: keyPath("services", svc, "scaling", "schedules", i, "name"), value: sc.name }));
    }
    for (const [fs, f] of Object.entries(cfg.storage.fileSystems)) {
        const path = keyPath("storage", "fileSystems", fs);
        out.push({ kind: "security group", name: `efs-${fs}-sg`, path, value: fs }, { kind: "security group", name: `efs-${fs}-client-sg`, path, value: fs });
        for (const vol of Object.keys(f.volumes)) out.push({ kind: "access point", name: `efs-${fs}-${vol}-ap`, path: keyPath("storage", "fileSystems", fs, "volumes", vol), value: vol });
    }
    return out;
}

/**
 * One error per key, however many of its children collide (a step's policy and its alarm), and
 * none at a key in `reported`: a rule closer to the key (two steps of one service with one name)
 * has said it better already.
 */
export function validateChildNames(cfg: Parameters<typeof composedChildNames>[0], reported: ReadonlySet<string> = new Set()): ConfigError[] {
    const seen = new Map<string, ChildName>();
    const errors: ConfigError[] = [];
    const blamed = new Set(reported);
    for (const child of composedChildNames(cfg)) {
        const key = `${child.kind}\u0000${child.name}`;
        const first = seen.get(key);
        if (!first) seen.set(key, child);
        else if (!blamed.has(child.path)) {
            blamed.add(child.path);
            errors.push({ path: child.path, value: child.value, allowed: `a name whose ${child.kind} (${child.name}) does not collide with the one from ${first.path}` });
        }
    }
    return errors;
}
