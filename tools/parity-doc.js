// `npm run docs:parity`: writes docs/moving-between-platforms.md from the parity table
// (config/parity.ts, rendered by plan/parity-doc.ts). A test fails while the checked-in page differs.
"use strict";
const fs = require("fs");
const path = require("path");

require("../plan/launch").install();
const { PARITY_PAGE, renderParityPage } = require("../plan/parity-doc");

fs.writeFileSync(path.join(__dirname, "..", PARITY_PAGE), renderParityPage());
console.log(`Wrote ${PARITY_PAGE}`);
