import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const guard = fileURLToPath(new URL("./offline-guard.ts", import.meta.url));

/**
 * Runs Observable Framework's CLI (build or preview) with the offline guard preloaded, the
 * project's node_modules/.bin on PATH (TypeScript data loaders run with tsx) and Opsbook's settings
 * in the environment of every data loader.
 */
export function runFramework(root: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  const bin = join(require.resolve("@observablehq/framework/package.json", { paths: [root] }), "..", "dist", "bin", "observable.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--import", guard, bin, ...args], {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        OPSBOOK_ROOT: root,
        OBSERVABLE_TELEMETRY_DISABLE: "true",
        PATH: [join(root, "node_modules", ".bin"), process.env.PATH].join(delimiter),
        ...env
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
