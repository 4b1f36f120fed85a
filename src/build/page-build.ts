import { rmSync, writeFileSync } from "node:fs";
import { setPriority } from "node:os";
import { join } from "node:path";
import { awaitOutputBundle, frameworkConfigBundle, runFramework } from "./run-framework.ts";

/** Framework's build of the site, started before the build has computed every loader output. */
export interface PageBuild {
  /** Lets Framework read the outputs: call once every output the build computes is written. */
  outputsReady(): void;
  /** Framework's exit code. */
  finished: Promise<number>;
  /** Stops Framework if it is still running (a failed build), and waits for it. */
  cancel(): Promise<void>;
}

/**
 * Starts Framework's build into `staging` while the caller still computes the loader outputs.
 * Framework parses every page and bundles its client code first, needing no output until it
 * copies files; by then it asks for them through await-output.ts, which waits for outputsReady.
 * Framework runs at a lower CPU priority meanwhile: on two cores the outputs are the longer road,
 * and Framework takes what DuckDB leaves idle (between queries, single-threaded operators).
 */
export async function startPageBuild(root: string, frameworkRoot: string, { staging, indexFile }: { staging: string; indexFile: string }): Promise<PageBuild> {
  const marker = join(frameworkRoot, ".observablehq", "cache", "_opsbook", `outputs-ready.${process.pid}`);
  rmSync(marker, { force: true });
  const [config, awaitOutput] = await Promise.all([frameworkConfigBundle(root), awaitOutputBundle(root)]);
  const abort = new AbortController();
  const env = {
    OPSBOOK_BUILD_OUT: staging,
    OPSBOOK_SITE_INDEX_FILE: indexFile,
    OPSBOOK_AWAIT_OUTPUT: awaitOutput,
    OPSBOOK_OUTPUTS_DONE: marker,
    OPSBOOK_FRAMEWORK_ROOT: frameworkRoot,
    OPSBOOK_BUILD_PID: String(process.pid)
  };
  const lower = (pid: number) => {
    try {
      setPriority(pid, 10);
    } catch {
      // Not permitted on some systems: Framework then shares the cores evenly.
    }
  };
  const finished = runFramework(root, ["build", "--config", config], env, { signal: abort.signal, onSpawn: lower, wholeLines: true }).finally(() => rmSync(marker, { force: true }));
  return {
    outputsReady: () => writeFileSync(marker, ""),
    finished,
    async cancel() {
      abort.abort();
      await finished.catch(() => undefined);
    }
  };
}
