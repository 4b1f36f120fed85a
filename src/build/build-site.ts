import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import type { OpsbookConfig } from "../config.ts";
import { builtinPresets } from "../ingest/presets/index.ts";
import { ingestDirectory, listExports } from "../ingest/ingest-directory.ts";
import type { IngestResult } from "../ingest/ingest-file.ts";
import { generateSample } from "../sample/generate-sample.ts";
import { openWarehouse } from "../warehouse/open-warehouse.ts";
import { runFramework } from "./run-framework.ts";
import { vendorNpm } from "./vendor-npm.ts";
import { findOffOriginReferences, setPageLanguage } from "./verify-offline.ts";
import { segmentSearchIndex } from "../site/segment-search-index.ts";

export interface BuildLog {
  step(message: string): void;
  file?(result: IngestResult): void;
}

export class BuildError extends Error {}

/**
 * sample (only when there are no exports) → ingest → Framework build into a fresh directory →
 * offline check → swap into place. Any failure leaves the published site as it was.
 */
export async function buildSite(config: OpsbookConfig, log: BuildLog, { ingest = true } = {}): Promise<{ distDir: string }> {
  if (listExports(config.exportsDir).length === 0) {
    log.step(`no exports in ${relative(config.root, config.exportsDir) || "."}: writing the sample data`);
    generateSample({ outDir: config.exportsDir });
  }
  if (ingest) {
    log.step("ingest → " + relative(config.root, config.dbPath));
    const warehouse = await openWarehouse({ dbPath: config.dbPath, timezone: config.timezone });
    try {
      const results = await ingestDirectory(warehouse.connection, { exportsDir: config.exportsDir, presets: builtinPresets, onFile: log.file });
      const failed = results.filter((r) => r.status === "failed");
      if (failed.length) throw new BuildError(`${failed.length} export file(s) could not be loaded; the site was not rebuilt:\n` + failed.map((f) => `  ${f.message}`).join("\n"));
    } finally {
      warehouse.close();
    }
  }

  const frameworkRoot = join(config.root, "reports");
  log.step("vendor browser libraries from node_modules");
  await vendorNpm(config.root, frameworkRoot);
  clearLoaderCache(frameworkRoot);

  const staging = join(config.root, `dist.building-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  log.step("build pages");
  try {
    const code = await runFramework(config.root, ["build", "--config", "observablehq.config.ts"], { OPSBOOK_BUILD_OUT: staging });
    if (code !== 0) throw new BuildError(`Framework build failed (exit ${code}); the published site is unchanged`);
    setPageLanguage(staging, config.locale);
    segmentSearchIndex(staging);
    const remote = findOffOriginReferences(staging);
    if (remote.length) {
      throw new BuildError(`the built site would load from the network; not published:\n` + remote.map((r) => `  ${relative(staging, r.file)}: ${r.match}`).join("\n"));
    }
    publish(staging, config.distDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { distDir: config.distDir };
}

/** Loader outputs are rebuilt every time so a page can never show yesterday's data. */
function clearLoaderCache(frameworkRoot: string): void {
  const cache = join(frameworkRoot, ".observablehq", "cache");
  if (!existsSync(cache)) return;
  for (const entry of readdirSync(cache)) {
    if (!entry.startsWith("_")) rmSync(join(cache, entry), { recursive: true, force: true });
  }
}

/** Two renames: the old site stays whole until the new one is complete and checked. */
function publish(staging: string, distDir: string): void {
  const previous = `${distDir}.previous`;
  rmSync(previous, { recursive: true, force: true });
  if (existsSync(distDir)) renameSync(distDir, previous);
  renameSync(staging, distDir);
  rmSync(previous, { recursive: true, force: true });
}
