import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { OpsbookConfig } from "../config.ts";
import { ingestDirectory } from "../ingest/ingest-directory.ts";
import { builtinPresets } from "../ingest/presets/index.ts";
import { computeCampaignLive } from "../metrics/campaign-live.ts";
import { openWarehouse } from "../warehouse/open-warehouse.ts";
import { campaignSlug } from "../site/site-index.ts";
import type { BuildLog } from "./build-site.ts";

/** Where a live page looks for fresh data, relative to the site root; not content-hashed on purpose. */
export const liveDataPath = (campaignId: string) => `live-data/${campaignSlug(campaignId)}.json`;

/**
 * The fast path for 活动实时监控, meant for cron every 10–15 minutes during a campaign: load any new
 * export files, recompute the one campaign's live numbers and replace `dist/live-data/<id>.json`
 * atomically. The live page (built once by a full `opsbook build`) polls that file, so no page is
 * rebuilt and the rest of the site is untouched. Takes seconds where a full build takes minutes.
 */
export async function buildLive(config: OpsbookConfig, campaignId: string, log: BuildLog, { ingest = true } = {}): Promise<{ file: string; refreshedAt: string }> {
  const page = join(config.distDir, "live", `${campaignSlug(campaignId)}.html`);
  if (!existsSync(page)) {
    throw new Error(`${relative(config.root, page) || page} does not exist: run a full \`opsbook build\` once (it builds the live page of every campaign in the campaigns table), then \`opsbook build --live ${campaignId}\` refreshes its data`);
  }
  const warehouse = await openWarehouse({ dbPath: config.dbPath, timezone: config.timezone });
  try {
    if (ingest) {
      log.step("ingest new exports → " + relative(config.root, config.dbPath));
      const results = await ingestDirectory(warehouse.connection, { exportsDir: config.exportsDir, presets: builtinPresets, onFile: log.file });
      const failed = results.filter((r) => r.status === "failed");
      // A bad file must not freeze the live page: report it, refresh from what did load.
      for (const f of failed) log.step(`skipped ${f.file}: ${f.message}`);
    }
    log.step(`live data for ${campaignId}`);
    const live = await computeCampaignLive(warehouse.connection, campaignId);
    const file = join(config.distDir, liveDataPath(campaignId));
    mkdirSync(join(config.distDir, "live-data"), { recursive: true });
    const partial = `${file}.partial-${process.pid}`;
    writeFileSync(partial, JSON.stringify(live));
    renameSync(partial, file);
    return { file, refreshedAt: live.refreshed_at };
  } finally {
    warehouse.close();
  }
}

/** `opsbook build --live ID`: prints what it did, one line per step, and returns the exit code. */
export async function runLiveBuild(config: OpsbookConfig, campaignId: string, options: { ingest?: boolean } = {}): Promise<number> {
  const started = Date.now();
  const { file, refreshedAt } = await buildLive(config, campaignId, {
    step: (message) => console.log(`opsbook build --live: ${message}`),
    file: (r) => r.status === "loaded" && console.log(`  ✓ ${r.file} → ${r.table}: ${r.rowsLoaded} rows`)
  }, options);
  console.log(`opsbook build --live: ${relative(config.root, file) || file} refreshed at ${refreshedAt} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return 0;
}
