// Module resolution hook: the checker's `import ts from "typescript"` gets ./typescript-cached.cjs.
const CACHED = new URL("./typescript-cached.cjs", import.meta.url).href;

export async function resolve(specifier, context, next) {
    if (specifier === "typescript" && context.parentURL?.includes("/@stryker-mutator/typescript-checker/")) {
        return { url: CACHED, format: "commonjs", shortCircuit: true };
    }
    return next(specifier, context);
}
