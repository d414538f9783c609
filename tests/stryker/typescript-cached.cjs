// TypeScript for StrykerJS's checker, changed in one way: its solution builder keeps what it parsed.
// For every check the builder re-reads, re-parses and re-binds the whole program and resolves every
// import again; @pulumi/aws alone is a million lines of declarations, so that was 10-15 s a check
// here. Files do not change during a run except the one being mutated, so a parsed file is handed
// back while its text is the same, and the previous program is kept so the next one reuses its
// structure. What is checked, and how, is TypeScript's own.
"use strict";
const ts = require("typescript");

const parsed = new Map();

function reuseParsedFiles(host) {
    const getSourceFile = host.getSourceFile;
    if (getSourceFile.reusesParsedFiles) return;
    const reusing = function (fileName, options, onError, shouldCreate) {
        const key = typeof options === "object" ? `${fileName}\0${options.languageVersion}\0${options.impliedNodeFormat}\0${options.jsDocParsingMode}` : `${fileName}\0${options}`;
        const hit = parsed.get(key);
        if (hit && hit.text === host.readFile(fileName)) return hit;
        const file = getSourceFile.call(this, fileName, options, onError, shouldCreate);
        if (file) parsed.set(key, file);
        return file;
    };
    reusing.reusesParsedFiles = true;
    host.getSourceFile = reusing;
}

const cached = Object.create(null);
for (const key of Object.keys(ts)) {
    if (key !== "createSolutionBuilderWithWatchHost") Object.defineProperty(cached, key, { enumerable: true, get: () => ts[key] });
}
cached.createSolutionBuilderWithWatchHost = (system, createProgram, ...rest) => {
    const create = createProgram ?? ts.createEmitAndSemanticDiagnosticsBuilderProgram;
    return ts.createSolutionBuilderWithWatchHost(
        system,
        (rootNames, options, host, ...more) => {
            if (host) reuseParsedFiles(host);
            const program = create(rootNames, options, host, ...more);
            // The builder drops each program after a build; the next build needs it to reuse its structure.
            program.releaseProgram = () => {};
            return program;
        },
        ...rest,
    );
};
module.exports = cached;
