#!/usr/bin/env node
// The CLI is TypeScript and users need no build step: it runs from an esbuild bundle of src/,
// rebuilt whenever a source changes (bin/cli-bundle.mjs), which starts several times faster than
// compiling every module with tsx. OPSBOOK_TSX=1 runs the sources through tsx instead.
import { fileURLToPath, pathToFileURL } from "node:url";

let entry;
if (process.env.OPSBOOK_TSX === "1") {
  const { register } = await import("tsx/esm/api");
  register();
  entry = new URL("../src/cli/main.ts", import.meta.url).href;
} else {
  const { cliBundle } = await import("./cli-bundle.mjs");
  entry = pathToFileURL(await cliBundle({ root: fileURLToPath(new URL("..", import.meta.url)) })).href;
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
