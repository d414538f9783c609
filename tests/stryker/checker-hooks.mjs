// Loaded into StrykerJS's TypeScript checker process (`checkerNodeArgs` in stryker.config.json):
// hands the checker a TypeScript whose solution builder keeps parsed files between checks.
import { register } from "node:module";

register("./checker-resolve.mjs", import.meta.url);
