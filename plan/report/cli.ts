// `npm run compare -- --stack NAME [--out DIR]`: the comparison report of one stack's services on
// every platform they can run on, as Markdown and as one self-contained HTML page.
import * as path from "path";
import { PlanError } from "../engine";
import { exitFlushed, failOnClosedStdout } from "../exit";
import { parseCompareArgs, USAGE } from "./args";
import { buildReport, writeReport } from "./build";
import { summaryMarkdown } from "./markdown";

async function main(): Promise<number> {
    failOnClosedStdout();
    const args = parseCompareArgs(process.argv.slice(2));
    if (args.help) {
        console.log(USAGE);
        return 0;
    }
    const started = performance.now();
    const report = await buildReport(args.stack, { ...(args.dir ? { dir: path.resolve(args.dir) } : {}) });
    const files = writeReport(report, path.resolve(args.out));
    console.log(summaryMarkdown(report));
    console.log(`\nWrote ${files.markdown} and ${files.html} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
}

void main()
    .catch((e) => {
        console.error(`berth compare failed: ${e instanceof PlanError ? e.message : ((e as Error)?.stack ?? e)}`);
        return 1;
    })
    .then(exitFlushed);
