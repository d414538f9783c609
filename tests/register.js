require("../plan/launch").install();

// Every temporary folder the tests make (mkdtemp under os.tmpdir(), in this process or in the CLI
// runs it spawns, which inherit TMPDIR) goes under one folder per run, removed when the run exits,
// pass or fail: a test that forgets to clean up leaves nothing behind in the system's temp directory.
// Node's os.tmpdir() reads TMPDIR on every call. A process that requires this file twice keeps one root.
(() => {
    const fs = require("fs");
    const os = require("os");
    const path = require("path");
    if (process.env.BERTH_TEST_TMP_OWNER) return;
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "berth-test-run-"));
    process.env.BERTH_TEST_TMP_OWNER = String(process.pid);
    process.env.TMPDIR = root;
    process.on("exit", () => fs.rmSync(root, { recursive: true, force: true }));
})();
