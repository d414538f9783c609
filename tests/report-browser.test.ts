// The comparison report as a person sees it (issue 24): dev's HTML page opened in headless Chromium,
// Debian's `chromium` package driven by playwright-core (which downloads no browser). The page must
// render, each platform that planned must show a diagram with nodes, nothing may be wider than the
// window, and a screenshot is saved under reports/. Where Chromium is missing the test is skipped
// with how to install it; BERTH_REQUIRE_CHROMIUM=1 (set by .ci/run) turns that skip into a failure.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { chromium } from "playwright-core";
import { PROJECT_DIR } from "../plan/engine";
import { writeReport } from "../plan/report/build";
import { sharedDevReport } from "./harness";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const EXECUTABLE = process.env.BERTH_CHROMIUM ?? CANDIDATES.find((p) => fs.existsSync(p));
const INSTALL = "install Debian's chromium package (apt-get install chromium), or point BERTH_CHROMIUM at a Chromium binary";
const VIEWPORT = { width: 1280, height: 900 };

/** What the page shows, read in the browser: the window's width against the page's, and each planned platform's diagram nodes. */
const READ_PAGE = `(() => {
    const root = document.documentElement;
    const planned = [...document.querySelectorAll("section.platform:not(.refused)")];
    // The platform columns scroll sideways inside their own box (.columns); anything else must fit the window.
    const wide = [...document.body.children].filter((e) => !e.classList.contains("columns") && e.getBoundingClientRect().right > root.clientWidth + 1).map((e) => e.tagName);
    return { clientWidth: root.clientWidth, scrollWidth: root.scrollWidth, title: document.title, wide, diagrams: planned.map((s) => [s.id, s.querySelectorAll(".diagram svg g.node").length]) };
})()`;

// Chromium starts as this file loads, beside the rest of the suite; the test awaits it.
const launched = EXECUTABLE ? chromium.launch({ executablePath: EXECUTABLE, args: ["--no-sandbox"] }) : undefined;
// A launch that fails is the test's failure, not an unhandled rejection before it runs.
launched?.catch(() => undefined);

interface PageFacts {
    readonly clientWidth: number;
    readonly scrollWidth: number;
    readonly title: string;
    readonly wide: string[];
    readonly diagrams: Array<[string, number]>;
}

describe("the comparison report in headless Chromium (issue 24)", function () {
    this.timeout(120_000);

    before(function () {
        if (EXECUTABLE) return;
        if (process.env.BERTH_REQUIRE_CHROMIUM === "1") throw new Error(`BERTH_REQUIRE_CHROMIUM=1 but no Chromium at ${CANDIDATES.join(" or ")}: ${INSTALL}`);
        console.log(`    (skipped: no Chromium at ${CANDIDATES.join(" or ")}; ${INSTALL})`);
        this.skip();
    });

    it("renders dev's page: a diagram with nodes for every platform that planned, nothing wider than the window, a screenshot in reports/", async () => {
        const report = await sharedDevReport();
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "berth-browser-"));
        const browser = await launched!;
        try {
            const files = writeReport(report, out);
            const page = await browser.newPage({ viewport: VIEWPORT });
            await page.goto(pathToFileURL(files.html).href);
            const facts = await page.evaluate<PageFacts>(READ_PAGE);
            assert.equal(facts.title, "berth: where should dev run?");
            const planned = report.columns.filter((c) => c.ok).map((c) => c.id);
            assert.deepEqual(
                facts.diagrams.map(([id]) => id),
                planned,
            );
            for (const [id, nodes] of facts.diagrams) assert.ok(nodes > 0, `${id}'s diagram has no nodes`);
            assert.equal(facts.clientWidth, VIEWPORT.width);
            assert.ok(facts.scrollWidth <= facts.clientWidth, `the page is ${facts.scrollWidth} px wide in a ${facts.clientWidth} px window`);
            assert.deepEqual(facts.wide, []);
            const shot = path.join(PROJECT_DIR, "reports", "compare", "dev.png");
            fs.mkdirSync(path.dirname(shot), { recursive: true });
            await page.screenshot({ path: shot, fullPage: true });
            assert.ok(fs.statSync(shot).size > 10_000, "the screenshot is more than a blank page");
        } finally {
            await browser.close();
            fs.rmSync(out, { recursive: true, force: true });
        }
    });
});
