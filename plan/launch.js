// How `npm run plan`, `npm run bench` and the tests load berth's TypeScript: a require hook that
// transpiles with swc into a cache under node_modules/.cache, with inline source maps that Node
// applies to stack traces itself. It replaces ts-node, which loads the whole TypeScript compiler on
// every start and rewrites every captured stack through source-map-support. Type checking stays
// with `tsc --noEmit` (`npm test` runs it). `pulumi up` does not use this file: it runs index.ts
// through Pulumi's own Node.js runtime, unchanged.
//
//   node plan/launch.js plan/cli.ts [args...]     run a TypeScript entry point
//   require("./plan/launch").install()            only install the hook (mocha does this)
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");
const vm = require("vm");

const PROJECT_DIR = path.resolve(__dirname, "..");
const CACHE_DIR = path.join(PROJECT_DIR, "node_modules", ".cache", "berth-swc");

// The options ts-node derives from tsconfig.json (ES2022, CommonJS, esModuleInterop, strict):
// the same JavaScript, so a plan is byte-identical whichever way the program is loaded.
const SWC_OPTIONS = {
    swcrc: false,
    sourceMaps: "inline",
    module: { type: "commonjs", noInterop: false, strictMode: true, ignoreDynamic: false },
    jsc: {
        parser: { syntax: "typescript", tsx: false, decorators: false, dynamicImport: true },
        target: "es2022",
        transform: { useDefineForClassFields: true },
        keepClassNames: true,
    },
};

let swc;
let optionsKey;

/** The JavaScript for one TypeScript file, from the cache when its source has not changed. */
function compile(source, filename) {
    swc ??= require("@swc/core");
    optionsKey ??= `${require("@swc/core/package.json").version}\0${JSON.stringify(SWC_OPTIONS)}`;
    const key = crypto.createHash("sha256").update(optionsKey).update("\0").update(filename).update("\0").update(source).digest("hex");
    const cached = path.join(CACHE_DIR, `${key}.js`);
    try {
        return fs.readFileSync(cached, "utf8");
    } catch {
        // Not cached yet.
    }
    const { code } = swc.transformSync(source, { ...SWC_OPTIONS, filename, sourceFileName: filename });
    try {
        fs.mkdirSync(CACHE_DIR, { recursive: true });
        // Write then rename, so a parallel process never reads half a file.
        const tmp = `${cached}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, code);
        fs.renameSync(tmp, cached);
    } catch {
        // A read-only checkout still plans; it only recompiles next time.
    }
    return code;
}

/**
 * SDK modules a plan never calls, loaded at their first use instead of at start: Pulumi's closure
 * serializer (function serialization for `pulumi up`; it loads the TypeScript compiler and npm's
 * arborist), the Automation API, and awsx's classic components (which load AWS SDK clients).
 * Together they were a third of a small plan's start-up. `exports` says how the parent reads the
 * module at load time: as a namespace it keeps (`__importStar`), or by taking functions from it.
 */
const DEFERRED = [
    { parent: "@pulumi/pulumi/index.js", request: "./automation", exports: "namespace" },
    { parent: "@pulumi/pulumi/runtime/index.js", request: "./closure/serializeClosure", exports: "functions" },
    { parent: "@pulumi/pulumi/runtime/index.js", request: "./closure/codePaths", exports: "functions" },
    { parent: "@pulumi/awsx/index.js", request: "./classic", exports: "namespace" },
];

/** A stand-in that loads the real module on first use; `deferred.loaded` tells whether it has been. */
function deferredModule(load, exportsKind, record) {
    let real;
    const get = () => {
        if (!real) {
            real = load();
            record.loaded = true;
        }
        return real;
    };
    return new Proxy(
        {},
        {
            get(_t, prop) {
                if (prop === "__esModule") return true;
                if (real || exportsKind === "namespace") return Reflect.get(get(), prop);
                return function deferred(...args) {
                    return get()[prop].apply(this, args);
                };
            },
            has: (_t, prop) => Reflect.has(get(), prop),
            ownKeys: () => Reflect.ownKeys(get()),
            getOwnPropertyDescriptor(_t, prop) {
                const d = Reflect.getOwnPropertyDescriptor(get(), prop);
                return d && { ...d, configurable: true };
            },
        },
    );
}

/** Which deferred modules were loaded after all (the tests hold that a plan loads none). */
const deferred = DEFERRED.map((d) => ({ ...d, loaded: false }));

/** `@pulumi/pulumi/index.js` for a file inside node_modules (wherever node_modules lives), else undefined. */
function packagePath(filename) {
    const marker = `${path.sep}node_modules${path.sep}`;
    const i = filename ? filename.lastIndexOf(marker) : -1;
    return i < 0
        ? undefined
        : filename
              .slice(i + marker.length)
              .split(path.sep)
              .join("/");
}

function deferSdkModules() {
    const load = Module._load;
    Module._load = function (request, parent, isMain) {
        const from = packagePath(parent?.filename);
        const d = from && deferred.find((x) => x.parent === from && x.request === request);
        if (!d) return load.apply(this, arguments);
        return deferredModule(() => load.call(this, request, parent, isMain), d.exports, d);
    };
}

let installed = false;

/** Loads `.ts` files through swc, and maps stack traces back to the TypeScript lines. */
function install() {
    if (installed) return;
    installed = true;
    process.setSourceMapsEnabled(true);
    deferSdkModules();
    Module._extensions[".ts"] = (module, filename) => {
        const code = compile(fs.readFileSync(filename, "utf8"), filename);
        withSourceMaps(true, () => module._compile(code, filename));
    };
    // Node reads the source map of every module it compiles while source maps are on, and the SDKs
    // ship one per file: @pulumi/aws alone has hundreds. Their frames point into JavaScript
    // anyway, so packages are compiled with maps off; berth's own files keep theirs.
    const loadJs = Module._extensions[".js"];
    Module._extensions[".js"] = function (module, filename) {
        if (!packagePath(filename)) return loadJs.apply(this, arguments);
        return withSourceMaps(false, () => loadWithCodeCache(module, filename));
    };
    process.once("exit", saveCodeCache);
}

// Compiling the ~700 package modules a plan loads was a fifth of a small plan's time. Node 22 can
// keep V8's compiled code between runs (module.enableCompileCache); Node 20 cannot, so package
// modules are compiled here with vm.Script and V8's code cache, kept next to the swc cache. The
// key is the file's path, size and modification time and the V8 version; a stale or rejected
// entry is only recompiled.
const CODE_CACHE_DIR = path.join(CACHE_DIR, "v8");
const toSave = [];

function loadWithCodeCache(module, filename) {
    let source = fs.readFileSync(filename, "utf8");
    if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
    const stat = fs.statSync(filename);
    const key = crypto.createHash("sha256").update(`${process.versions.v8}\0${filename}\0${stat.size}\0${stat.mtimeMs}`).digest("hex");
    const cacheFile = path.join(CODE_CACHE_DIR, key);
    let cachedData;
    try {
        cachedData = fs.readFileSync(cacheFile);
    } catch {
        // Not cached yet.
    }
    const script = new vm.Script(Module.wrap(source), {
        filename,
        cachedData,
        importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (!cachedData || script.cachedDataRejected) toSave.push({ cacheFile, script });
    const compiled = script.runInThisContext({ displayErrors: true });
    return compiled.call(module.exports, module.exports, requireFor(module), module, filename, path.dirname(filename));
}

/** The `require` Node gives a CommonJS module. */
function requireFor(module) {
    const req = (id) => module.require(id);
    req.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
    req.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
    req.main = process.mainModule;
    req.extensions = Module._extensions;
    req.cache = Module._cache;
    return req;
}

/** At exit, the code V8 compiled for modules it had no cache for, functions run since included. */
function saveCodeCache() {
    if (toSave.length === 0) return;
    try {
        fs.mkdirSync(CODE_CACHE_DIR, { recursive: true });
        for (const { cacheFile, script } of toSave) {
            const tmp = `${cacheFile}.${process.pid}.tmp`;
            fs.writeFileSync(tmp, script.createCachedData());
            fs.renameSync(tmp, cacheFile);
        }
    } catch {
        // A read-only checkout still plans; it only compiles again next time.
    }
}

let sourceMapsOn = true;

/** Runs `load` with source maps on or off, then restores the setting a nested load may change. */
function withSourceMaps(on, load) {
    const before = sourceMapsOn;
    if (on !== before) process.setSourceMapsEnabled((sourceMapsOn = on));
    try {
        return load();
    } finally {
        if (on !== before) process.setSourceMapsEnabled((sourceMapsOn = before));
    }
}

module.exports = { install, compile, deferred, CACHE_DIR };

if (require.main === module) {
    const [entry, ...args] = process.argv.slice(2);
    if (!entry) {
        console.error("usage: node plan/launch.js ENTRY.ts [args...]");
        process.exit(1);
    }
    install();
    const file = path.resolve(entry);
    process.argv = [process.argv[0], file, ...args];
    require(file);
}
