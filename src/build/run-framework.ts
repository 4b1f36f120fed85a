import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { delimiter, join } from "node:path";
import type { Readable, Writable } from "node:stream";
import type { cliBundle as CliBundle } from "../../bin/cli-bundle.mjs";

const require = createRequire(import.meta.url);
// Imported at run time, not bundled into the CLI: the bundler keys bundles by its own file.
const bundler = new URL("../../bin/cli-bundle.mjs", import.meta.url).href;
const cliBundle: typeof CliBundle = async (options) => ((await import(bundler)) as { cliBundle: typeof CliBundle }).cliBundle(options);

/** Framework's config as a plain JavaScript bundle (built once per change of src/ or the config). */
export function frameworkConfigBundle(root: string): Promise<string> {
  return cliBundle({ root, entry: "observablehq.config.ts", name: "framework-config" });
}

/** Framework's interpreter of TypeScript loaders while `opsbook build` computes their outputs (see await-output.ts). */
export function awaitOutputBundle(root: string): Promise<string> {
  return cliBundle({ root, entry: "src/build/await-output.ts", name: "await-output" });
}

interface RunOptions {
  /** Stops Framework (a failed build). */
  signal?: AbortSignal;
  onSpawn?: (pid: number) => void;
  /** Pass Framework's output on a line at a time: its "load /page " … "in 20ms" lines stay whole when the build logs meanwhile. */
  wholeLines?: boolean;
}

function forwardWholeLines(from: Readable, to: Writable): void {
  let partial = "";
  from.setEncoding("utf8");
  from.on("data", (chunk: string) => {
    const end = chunk.lastIndexOf("\n");
    if (end < 0) {
      partial += chunk;
      return;
    }
    to.write(partial + chunk.slice(0, end + 1));
    partial = chunk.slice(end + 1);
  });
  from.on("end", () => partial && to.write(partial));
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
export async function runFramework(root: string, args: string[], env: Record<string, string> = {}, { signal, onSpawn, wholeLines = false }: RunOptions = {}): Promise<number> {
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
      stdio: ["inherit", wholeLines ? "pipe" : "inherit", "inherit"],
      env: {
        ...process.env,
        // Piped, Framework would drop its colours.
        ...(wholeLines && process.stdout.isTTY ? { FORCE_COLOR: "1" } : {}),
        OPSBOOK_ROOT: root,
        OBSERVABLE_TELEMETRY_DISABLE: "true",
        PATH: [join(root, "node_modules", ".bin"), process.env.PATH].join(delimiter),
        ...env
      },
      signal
    });
    if (child.pid !== undefined) onSpawn?.(child.pid);
    if (child.stdout) forwardWholeLines(child.stdout, process.stdout);
    child.on("error", (error) => (error.name === "AbortError" ? undefined : reject(error)));
    // "close", not "exit": every line of its output is passed on by then.
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
