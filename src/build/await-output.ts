import { spawn } from "node:child_process";
import { createReadStream, existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { cachedOutputPath } from "./loader-cache.ts";
import { paramsOfFlags, targetOf } from "./loader-target.ts";

/**
 * Framework's interpreter for TypeScript data loaders during `opsbook build`, which starts
 * Framework while it is still computing the loader outputs in its own process: pages are parsed
 * and client bundles built meanwhile, and Framework needs no output until it copies files. Asked
 * for an output that is not in its cache yet, this waits until the build says its computation is
 * over, then prints the output the build wrote (Framework then finds every later one fresh), or,
 * where the build's function failed, runs the loader script itself so Framework reports the error
 * as it always does.
 *
 *   OPSBOOK_OUTPUTS_DONE    file the build writes when its outputs are computed
 *   OPSBOOK_FRAMEWORK_ROOT  Framework's root (its cache is under .observablehq/cache)
 *   OPSBOOK_BUILD_PID       the build's process: if it or Framework dies, this gives up instead of waiting on
 */
const [loaderPath, ...flags] = process.argv.slice(2);
const { OPSBOOK_OUTPUTS_DONE: done, OPSBOOK_FRAMEWORK_ROOT: root, OPSBOOK_BUILD_PID: buildPid } = process.env;
if (!loaderPath || !done || !root) {
  console.error("opsbook: await-output runs under `opsbook build` only (OPSBOOK_OUTPUTS_DONE and OPSBOOK_FRAMEWORK_ROOT unset)");
  process.exit(2);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// Framework's process: if it is stopped (a failed build cancels it), this one is handed to init.
const framework = process.ppid;
while (!existsSync(done)) {
  if ((buildPid && !alive(Number(buildPid))) || process.ppid !== framework) {
    console.error(`opsbook: the build stopped before computing ${loaderPath}`);
    process.exit(1);
  }
  await sleep(20);
}

const target = targetOf(relative(root, resolve(loaderPath)), paramsOfFlags(flags));
const computed = cachedOutputPath(root, target);
const child = existsSync(computed)
  ? undefined
  : spawn("tsx", [loaderPath, ...flags], { stdio: ["ignore", "inherit", "inherit"] });
if (child) child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
else createReadStream(computed).pipe(process.stdout);
