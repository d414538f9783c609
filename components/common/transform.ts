/**
 * A per-child override: either a partial args object, shallow-merged over berth's args, or a
 * function that receives berth's args and returns the args to use. Applied just before the
 * child is created, so it sees every default. (Pulumi `transforms` would do the same at the
 * engine level, but they do not run under mocks, so the plan could not show their effect.)
 */
export type Transform<T> = Partial<T> | ((args: T) => T);

export function applyTransform<T extends object>(args: T, transform?: Transform<T>): T {
    if (transform === undefined) return args;
    return typeof transform === "function" ? transform(args) : { ...args, ...transform };
}
