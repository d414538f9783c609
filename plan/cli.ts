// `npm run plan -- [--stack NAME] [--json FILE|-] [--quiet] [--strict] [--dir DIR] [--diff OLD.json [--exit-code]]`
// `npm run plan -- --compare STACK STACK [--json FILE|-] [--quiet] [--strict] [--dir DIR]`
// Exit codes: 0 planned; 2 invalid config, or warnings under --strict (messages on stderr, nothing
// created), or a workload that cannot start (a broken start path), or a mandatory policy violation (the
// plan and its JSON still print in both cases); 3 planned, with --diff --exit-code, and something really changed; 1 any other failure
// (a command-line mistake, a missing stack file or Pulumi.yaml, an OLD.json that is not a plan).
// Every exit waits for stdout and stderr to drain (plan/exit.ts): a slow reader gets the whole JSON.
import { runCli } from "./cli-run";
import { exitFlushed, failOnClosedStdout } from "./exit";

failOnClosedStdout();
void runCli(process.argv.slice(2)).then(exitFlushed);
