import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { OpsbookConfig } from "../config.ts";
import { directSource, sharedSource } from "../site/report-source.ts";
import type { SiteIndex } from "../site/site-index.ts";
import type { Warehouse } from "../warehouse/open-warehouse.ts";
import { cachedOutputPath, type DataLoader } from "./loader-cache.ts";
import { inProcessLoaders, targetOf } from "./loader-outputs.ts";
import { runLoader } from "./run-loader.ts";

export interface ComputedOutputs {
  computed: string[];
  /** Outputs whose function threw: left to Framework, whose loader run reports the error as always. */
  failed: { target: string; message: string }[];
}

/**
 * Writes every loader output the pages read that is not in Framework's cache yet, over one open
 * warehouse connection, instead of one node + tsx + DuckDB process per output. Written after the
 * loader scripts were last changed, they count as fresh to Framework (it compares the output's
 * mtime with the loader's), so Framework runs no loader at all in a normal build.
 */
export async function computeOutputs(warehouse: Warehouse, config: OpsbookConfig, frameworkRoot: string, index: SiteIndex, onOutput?: (target: string, ms: number) => void): Promise<ComputedOutputs> {
  const result: ComputedOutputs = { computed: [], failed: [] };
  const { connection } = warehouse;
  const context = { connection, config, source: index.firstDay && index.lastDay ? sharedSource(connection, { firstDay: index.firstDay, lastDay: index.lastDay }) : directSource(connection) };
  for (const [loaderPath, loader] of Object.entries(inProcessLoaders)) {
    for (const params of loader.params(index, frameworkRoot)) {
      const target = targetOf(loaderPath, params);
      const file = cachedOutputPath(frameworkRoot, target);
      if (existsSync(file)) continue;
      const t0 = performance.now();
      let bytes: string | Uint8Array;
      try {
        bytes = await loader.output(context, params);
      } catch (error) {
        result.failed.push({ target, message: (error as Error).message });
        continue;
      }
      // Framework's own in-flight files are "<target>.<pid>"; a crash here leaves no half file under the target's name.
      const temp = `${file}.${process.pid}`;
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(temp, bytes);
      renameSync(temp, file);
      result.computed.push(target);
      onOutput?.(target, performance.now() - t0);
    }
  }
  return result;
}

/** One loader output from the warehouse as it is now: in process when the loader has a function, else by running its script. */
export async function computeTarget(warehouse: Warehouse, config: OpsbookConfig, frameworkRoot: string, loaders: DataLoader[], target: string): Promise<string> {
  for (const loader of loaders) {
    const m = loader.output.exec(target);
    if (!m) continue;
    const inProcess = inProcessLoaders[loader.path];
    if (!inProcess) return runLoader(config.root, frameworkRoot, loader.path, { ...m.groups });
    const bytes = await inProcess.output({ connection: warehouse.connection, config, source: directSource(warehouse.connection) }, { ...m.groups });
    return typeof bytes === "string" ? bytes : Buffer.from(bytes).toString("utf8");
  }
  throw new Error(`no data loader produces ${target}`);
}
