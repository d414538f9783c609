// A worker thread for tests/fuzz.test.ts: the fuzzer's validation cases run here, on the core the
// type check leaves free once it ends, while the rest of the suite runs on the main thread.
"use strict";
const { parentPort, workerData } = require("worker_threads");
require("../../plan/launch").install();
const { validateCases } = require("./validate-cases");

parentPort.postMessage(validateCases(workerData.seed, workerData.count));
