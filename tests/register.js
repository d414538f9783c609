// Mocha's TypeScript loader: ts-node with swc, the same transpiler `npm run plan` uses.
// Type errors are caught by `tsc --noEmit`, which `npm test` runs first.
require("ts-node").register({ swc: true });
