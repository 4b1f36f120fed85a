import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { delimiter, join } from "node:path";
import type { cliBundle as CliBundle } from "../../bin/cli-bundle.mjs";

const require = createRequire(import.meta.url);
// Imported at run time, not bundled into the CLI: the bundler keys bundles by its own file.
const bundler = new URL("../../bin/cli-bundle.mjs", import.meta.url).href;
const cliBundle: typeof CliBundle = async (options) => ((await import(bundler)) as { cliBundle: typeof CliBundle }).cliBundle(options);

/** Framework's config as a plain JavaScript bundle (built once per change of src/ or the config). */
export function frameworkConfigBundle(root: string): Promise<string> {
  return cliBundle({ root, entry: "observablehq.config.ts", name: "framework-config" });
}

/**
 * Runs Observable Framework's CLI (build or preview) with the offline guard preloaded, the
 * project's node_modules/.bin on PATH (TypeScript data loaders run with tsx) and Opsbook's settings
 * in the environment of every data loader.
 *
 * The guard is preloaded as an esbuild bundle, and tsx only when the config is TypeScript: with
 * tsx's module hooks in place every module Framework loads (jsdom alone is hundreds) goes through
 * them, ≈ 1 s of CPU a build. `opsbook build` passes the config bundle; preview keeps the .ts config,
 * which Framework reloads when it is edited.
 */
export async function runFramework(root: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  const bin = join(require.resolve("@observablehq/framework/package.json", { paths: [root] }), "..", "dist", "bin", "observable.js");
  const guard = await cliBundle({ root, entry: "src/build/offline-guard.ts", name: "offline-guard" });
  const config = args[args.indexOf("--config") + 1] ?? "";
  const tsx = args.includes("--config") && config.endsWith(".ts") ? ["--import", "tsx"] : [];
  // OPSBOOK_FRAMEWORK_CPU_PROF=DIR: a V8 CPU profile of Framework's process (NODE_OPTIONS refuses --cpu-prof).
  const dir = process.env.OPSBOOK_FRAMEWORK_CPU_PROF;
  const profile = dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...profile, ...tsx, "--import", guard, bin, ...args], {
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
