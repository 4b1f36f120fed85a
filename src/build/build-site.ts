import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { OpsbookConfig } from "../config.ts";
import { loadGateConfig } from "../gates/gate-config.ts";
import { cachedGates } from "../gates/cached-gates.ts";
import { formatGateReport, type GateResult } from "../gates/gate-result.ts";
import { allPresets } from "../ingest/config-presets.ts";
import { ingestDirectory, listExports } from "../ingest/ingest-directory.ts";
import type { IngestResult } from "../ingest/ingest-file.ts";
import { generateSample } from "../sample/generate-sample.ts";
import { siteIndexOf, type SiteIndex } from "../site/site-index.ts";
import { snapshotsDir } from "../snapshots/snapshots-dir.ts";
import { snapshotTarget, type Restatement } from "../snapshots/weekly-snapshot.ts";
import { openWarehouse, type Warehouse } from "../warehouse/open-warehouse.ts";
import { buildInfoFile, readBuildInfo, type BuildInfo } from "./build-info.ts";
import { buildSummary, summaryText, type BuildSummary } from "./build-summary.ts";
import { exportsListing } from "./exports-listing.ts";
import { cachedFingerprints } from "./fingerprint-cache.ts";
import { closureHash, sourceClosure } from "./source-closure.ts";
import { openWarehouseCache, warehouseCacheFile, type WarehouseCache } from "./warehouse-cache.ts";
import { inputsKey } from "./inputs-key.ts";
import { computeOutputs, computeTarget } from "./compute-outputs.ts";
import { cachedOutputPath, cachedOutputs, clearLoaderCache, findLoaders, fingerprintCacheFile, outputKey, prepareLoaderCache, recordLoaderCache, type DataLoader } from "./loader-cache.ts";
import { withPinnedLastModified } from "./pin-last-modified.ts";
import { planSnapshots, saveSnapshots, type SnapshotPlan } from "./plan-snapshots.ts";
import { startPageBuild, type PageBuild } from "./page-build.ts";
import { vendorNpm } from "./vendor-npm.ts";
import { rewritePages } from "./rewrite-pages.ts";
import { findOffOriginReferences, withPageLanguage } from "./verify-offline.ts";
import { localizedTitles, titleRewrite, translateSearchTitles } from "../site/page-titles.ts";
import { segmentSearchIndex } from "../site/segment-search-index.ts";
import { pageChrome, withPageChrome } from "../site/page-chrome.ts";

export interface BuildLog {
  step(message: string): void;
  file?(result: IngestResult): void;
  warn?(message: string): void;
}

export class BuildError extends Error {}

/** A data gate failed: nothing was published. */
export class GateFailure extends BuildError {
  constructor(readonly results: GateResult[], report: string) {
    super(report);
  }
}

export interface BuildOptions {
  /** Load new exports first (default true). */
  ingest?: boolean;
  /** Run the data gates before building (default true). */
  gates?: boolean;
  /** The clock, for freshness and for which weeks are closed (default: now). */
  now?: Date;
  /** Closed weeks whose late data may replace their snapshot ("2026-W46"). */
  restate?: string[];
  /** Rerun every data loader and rebuild even when nothing changed. */
  force?: boolean;
}

export interface BuildOutcome {
  distDir: string;
  /** "unchanged": the published site already matched the warehouse and pages; nothing was rebuilt. */
  status: "published" | "unchanged";
  gates: GateResult[];
  summary: BuildSummary;
  summaryText: string;
  restatementsPending: Restatement[];
  restatementsApplied: Restatement[];
  snapshotted: string[];
  loaders: { reused: number; ran: number };
}

/**
 * sample (only when there are no exports) → ingest → data gates → Framework build into a fresh
 * directory, with data-loader outputs reused by content key and closed weeks served from their
 * snapshots → offline check → swap into place. Any failure leaves the published site as it was.
 */
export async function buildSite(config: OpsbookConfig, log: BuildLog, options: BuildOptions = {}): Promise<BuildOutcome> {
  const { ingest = true, gates = true, now = new Date(), restate = [], force = false } = options;
  const warn = log.warn ?? log.step;
  if (listExports(config.exportsDir).length === 0) {
    log.step(`no exports in ${relative(config.root, config.exportsDir) || "."}: writing the sample data`);
    generateSample({ outDir: config.exportsDir });
  }
  const frameworkRoot = join(config.root, "reports");
  const factsFile = warehouseCacheFile(dirname(fingerprintCacheFile(frameworkRoot)), config.dbPath);
  let facts = openWarehouseCache(factsFile, config.dbPath, { recompute: force });
  if (ingest) facts = await ingestExports(config, log, facts, () => openWarehouseCache(factsFile, config.dbPath, { recompute: force }));

  const previous = readBuildInfo(config.distDir);
  // One read-only connection serves the gates, the fingerprints, the page index and every stale
  // loader output; it is closed before Framework starts. It is opened on first use only: when the
  // warehouse file is untouched since the last build, its facts come from the cache, and a build
  // that then finds nothing changed never starts DuckDB.
  let opened: Promise<Warehouse> | undefined;
  const connectWarehouse = () => (opened ??= openWarehouse({ dbPath: config.dbPath, timezone: config.timezone, readOnly: true }));
  const connect = async () => (await connectWarehouse()).connection;
  // Framework builds into staging, reading the site's pages from the index file (an environment
  // variable has a size limit); it starts before the loader outputs are all written.
  const staging = join(config.root, `dist.building-${process.pid}`);
  const indexFile = join(dirname(factsFile), `site-index.${process.pid}.json`);
  const cleanUp = () => {
    rmSync(staging, { recursive: true, force: true });
    rmSync(indexFile, { force: true });
  };
  let pages: PageBuild | undefined;
  let gateResults: GateResult[] = [];
  let snapshots: SnapshotPlan;
  let index: SiteIndex;
  let loaders: DataLoader[];
  let key: string;
  let keyFor: (served: Map<string, string>) => string;
  let keyOf: (target: string) => string | undefined;
  /** Outputs kept from the last build by content key: not rerun, and not counted as run. */
  let reusedTargets: string[] = [];
  const settings = { timezone: config.timezone, locale: config.locale, title: config.title, upColor: config.upColor };
  const summaryOf = () => buildSummary(frameworkRoot, index, { title: config.title, locale: config.locale, pending: snapshots.pending, applied: snapshots.applied });
  const outcome = (status: BuildOutcome["status"], summary: BuildSummary, loaderCounts: BuildOutcome["loaders"], snapshotted: string[]): BuildOutcome => ({
    distDir: config.distDir, status, gates: gateResults, summary, summaryText: summaryText(summary, config.locale),
    restatementsPending: snapshots.pending, restatementsApplied: snapshots.applied, snapshotted, loaders: loaderCounts
  });
  try {
    if (gates) {
      log.step("data gates");
      gateResults = await cachedGates(facts, connect, loadGateConfig(config.root), {
        locale: config.locale, timezone: config.timezone, now, since: previous ? new Date(previous.publishedAt) : null
      }, config.root);
      const failed = gateResults.filter((r) => r.status === "fail");
      if (failed.length) {
        throw new GateFailure(gateResults, `${failed.length} data gate(s) failed; the site was not rebuilt and ${relative(config.root, config.distDir) || "dist"}/ still shows the last good build:\n${formatGateReport(failed, config.locale)}`);
      }
    }
    const { tables: fingerprints, weeks } = await cachedFingerprints(facts, connect, config.timezone);
    index = await facts.get("site-index", closureHash(sourceClosure(siteIndexCode), config.root), async () => siteIndexOf(await connect()));
    facts.save();
    loaders = findLoaders(frameworkRoot, Object.keys(fingerprints));
    snapshots = await planSnapshots({
      dir: snapshotsDir(config), index, weeks, now, timezone: config.timezone, restate,
      recompute: async (target) => computeTarget(await connectWarehouse(), config, frameworkRoot, loaders, target)
    });
    for (const r of snapshots.pending) warn(`late data would restate closed week ${r.week} (${r.changes.map((c) => `${c.metric} ${c.old} → ${c.new}`).join(", ")}); the page keeps its published figures until \`opsbook build --restate ${r.week}\``);

    // Served snapshots enter the key by content, so the build after a week is first snapshotted
    // (same figures, now read from the snapshot) is recognised as unchanged.
    keyFor = (served: Map<string, string>) => inputsKey(config.root, {
      fingerprints, settings, closed: snapshots.closed, pending: snapshots.pending,
      served: [...served].sort(([a], [b]) => a.localeCompare(b)).map(([target, json]) => [target, createHash("sha256").update(json).digest("hex")])
    });
    key = keyFor(snapshots.serve);
    if (!force && previous?.inputsKey === key && existsSync(join(config.distDir, "index.html"))) {
      log.step("warehouse, pages and snapshots unchanged since the published build: nothing to rebuild");
      return outcome("unchanged", publishedSummary(config.distDir) ?? summaryOf(), { reused: previous.loaders.reused + previous.loaders.ran, ran: 0 }, []);
    }

    log.step("vendor browser libraries from node_modules");
    await vendorNpm(config.root, frameworkRoot);
    const cacheContext = { fingerprints, salt: JSON.stringify(settings) };
    keyOf = (target: string) => outputKey(loaders, target, cacheContext);
    if (force) clearLoaderCache(frameworkRoot);
    else {
      const cache = prepareLoaderCache(frameworkRoot, keyOf);
      reusedTargets = cache.reused;
      log.step(`data loaders: ${cache.reused.length} output(s) reused, ${cache.invalidated.length} invalidated by new data or code`);
    }
    // Closed weeks: the page reads the snapshot, never a recomputation.
    for (const [target, json] of snapshots.serve) {
      const file = cachedOutputPath(frameworkRoot, target);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, json);
    }
    rmSync(staging, { recursive: true, force: true });
    writeFileSync(indexFile, JSON.stringify(index));
    log.step("build pages (Framework starts while the data loaders run)");
    pages = await startPageBuild(config.root, frameworkRoot, { staging, indexFile });
    const t0 = performance.now();
    const computed = await computeOutputs(await connectWarehouse(), config, frameworkRoot, index);
    log.step(`data loaders: ${computed.computed.length} output(s) computed in ${((performance.now() - t0) / 1000).toFixed(1)} s over one connection`);
    for (const f of computed.failed) warn(`${f.target}: ${f.message} (Framework runs its loader, which reports the error)`);
  } catch (error) {
    await pages?.cancel();
    cleanUp();
    throw error;
  } finally {
    // Closed first: a loader Framework runs itself (an output whose function failed) opens the warehouse.
    if (opened) await opened.then((w) => w.close(), () => undefined);
    pages?.outputsReady();
  }

  let summary: BuildSummary;
  let ran = 0;
  let reused = 0;
  try {
    const code = await pages.finished;
    if (code !== 0) throw new BuildError(`Framework build failed (exit ${code}); the published site is unchanged`);
    const titles = localizedTitles(frameworkRoot, config.locale);
    const chrome = pageChrome(config.locale);
    const dataDay = index.lastDay ? Date.parse(`${index.lastDay}T00:00:00Z`) : 0;
    rewritePages(staging, [(html) => withPageLanguage(html, config.locale), (html) => withPageChrome(html, chrome), titleRewrite(titles), (html) => withPinnedLastModified(html, dataDay)]);
    translateSearchTitles(staging, titles);
    segmentSearchIndex(staging);
    const remote = findOffOriginReferences(staging);
    if (remote.length) {
      throw new BuildError(`the built site would load from the network; not published:\n` + remote.map((r) => `  ${relative(staging, r.file)}: ${r.match}`).join("\n"));
    }
    summary = summaryOf();
    // A week snapshotted last build was recorded under its key then, so it can be both reused and served.
    const notRun = new Set([...reusedTargets, ...snapshots.serve.keys()]);
    ran = cachedOutputs(frameworkRoot).filter((target) => !notRun.has(target)).length;
    reused = reusedTargets.filter((target) => !snapshots.serve.has(target)).length;
    writeFileSync(join(staging, "build-summary.json"), JSON.stringify(summary, null, 2) + "\n");
    writeFileSync(join(staging, "build-summary.txt"), summaryText(summary, config.locale) + "\n");
    const served = new Map(snapshots.serve);
    for (const { week } of snapshots.create) {
      const file = cachedOutputPath(frameworkRoot, snapshotTarget(week));
      if (existsSync(file)) served.set(snapshotTarget(week), JSON.stringify(JSON.parse(readFileSync(file, "utf8"))));
    }
    const info: BuildInfo = { publishedAt: new Date().toISOString(), now: now.toISOString(), inputsKey: keyFor(served), loaders: { reused, ran }, snapshotsServed: [...snapshots.serve.keys()] };
    writeFileSync(join(staging, buildInfoFile), JSON.stringify(info, null, 2) + "\n");
    publish(staging, config.distDir);
  } finally {
    cleanUp();
  }
  recordLoaderCache(frameworkRoot, keyOf, new Set(snapshots.serve.keys()));
  const snapshotted = saveSnapshots(snapshots, frameworkRoot);
  if (snapshotted.length) log.step(`snapshotted closed week(s) ${snapshotted.join(", ")} into ${relative(config.root, snapshotsDir(config))}/ (commit them)`);
  return outcome("published", summary, { reused, ran }, snapshotted);
}

const siteIndexCode = fileURLToPath(new URL("../site/site-index.ts", import.meta.url));
const ingestCode = fileURLToPath(new URL("../ingest/ingest-directory.ts", import.meta.url));

/**
 * Ingest skips a file whose name, size and time its log already has, and loads every other one
 * (or fails the build). So after an ingest that succeeded, the same listing over a warehouse file
 * nobody wrote since would load nothing: that is recorded with the warehouse's facts and such a
 * build does not open DuckDB for ingest at all. Returns the facts for the warehouse after ingest.
 */
async function ingestExports(config: OpsbookConfig, log: BuildLog, facts: WarehouseCache, reopen: () => WarehouseCache): Promise<WarehouseCache> {
  const configFile = join(config.root, "opsbook.config.json");
  const listing = JSON.stringify({ exports: exportsListing(config.exportsDir), code: closureHash(sourceClosure(ingestCode), config.root), config: existsSync(configFile) ? readFileSync(configFile, "utf8") : null });
  if (facts.has("ingested", listing)) {
    log.step("ingest: every export is already loaded (same names, sizes and times; warehouse untouched since)");
    return facts;
  }
  log.step("ingest → " + relative(config.root, config.dbPath));
  const warehouse = await openWarehouse({ dbPath: config.dbPath, timezone: config.timezone });
  try {
    const results = await ingestDirectory(warehouse.connection, { exportsDir: config.exportsDir, presets: allPresets(config.root), onFile: log.file });
    const failed = results.filter((r) => r.status === "failed");
    if (failed.length) throw new BuildError(`${failed.length} export file(s) could not be loaded; the site was not rebuilt:\n` + failed.map((f) => `  ${f.message}`).join("\n"));
  } finally {
    warehouse.close();
  }
  const after = reopen();
  after.set("ingested", listing, true);
  after.save();
  return after;
}

/** The summary the published build wrote: on an unchanged build it is what a rebuild would write. */
function publishedSummary(distDir: string): BuildSummary | undefined {
  try {
    return JSON.parse(readFileSync(join(distDir, "build-summary.json"), "utf8")) as BuildSummary;
  } catch {
    return undefined;
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
