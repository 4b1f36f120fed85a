import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findLoaders } from "../../src/build/loader-cache.ts";
import { inProcessLoaders, targetOf } from "../../src/build/loader-outputs.ts";
import { loadConfig, type OpsbookConfig } from "../../src/config.ts";
import { directSource, sharedSource } from "../../src/site/report-source.ts";
import { siteIndexOf, type SiteIndex } from "../../src/site/site-index.ts";
import { openWarehouse, type Warehouse } from "../../src/warehouse/open-warehouse.ts";

/*
 * The build computes every loader output in its own process; Framework (and `opsbook dev`) run the
 * loader scripts. Both must give the pages the same bytes. Checked on the test site's warehouse
 * (1,500 users, 70 days: 11 weeks, 3 months).
 */
const root = join(import.meta.dirname, "..", "..");
const frameworkRoot = join(root, "reports");
let warehouse: Warehouse;
let config: OpsbookConfig;
let index: SiteIndex;
const site = inject("site");

beforeAll(async () => {
  config = { ...loadConfig(root), dbPath: site.env.OPSBOOK_DB, exportsDir: site.env.OPSBOOK_EXPORTS, distDir: site.env.OPSBOOK_DIST };
  warehouse = await openWarehouse({ dbPath: config.dbPath, timezone: config.timezone, readOnly: true });
  index = await siteIndexOf(warehouse.connection);
});
afterAll(() => warehouse.close());

/** What Framework gets: the loader script run with tsx, route params as --name=value. */
function scriptOutput(loaderPath: string, params: Record<string, string>): Buffer {
  const args = ["--import", "tsx", join(frameworkRoot, loaderPath), ...Object.entries(params).map(([k, v]) => `--${k}=${v}`)];
  const r = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...site.env, OPSBOOK_ROOT: root }, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${loaderPath} failed:\n${r.stderr}`);
  return r.stdout;
}

describe("loader outputs computed in the build's process", () => {
  it("has a function for every data loader under reports/data", () => {
    expect(findLoaders(frameworkRoot, []).map((l) => l.path).sort()).toEqual(Object.keys(inProcessLoaders).sort());
  });

  it("keeps each loader's cache key to the tables its own output reads (the shared build code is not in its closure)", () => {
    const tables = ["events", "orders", "campaigns", "nps", "users"];
    const of = (path: string) => findLoaders(frameworkRoot, tables).find((l) => l.path === path)!.tables;
    // explore-data.ts names "users" (a summary field), a harmless extra; events would mean the shared code leaked in.
    expect(of("data/explore-orders.arrow.ts")).toContain("orders");
    expect(of("data/explore-orders.arrow.ts")).not.toContain("events");
    expect(of("data/nps.json.ts")).not.toContain("events");
  });

  it("names each output as Framework does", () => {
    expect(targetOf("data/weekly-[week].json.ts", { week: "2026-W47" })).toBe("data/weekly-2026-W47.json");
    expect(targetOf("data/explore-orders.arrow.ts", {})).toBe("data/explore-orders.arrow");
  });

  it("gives every weekly and monthly report the same bytes from the shared series as from its own queries", async () => {
    const shared = sharedSource(warehouse.connection, { firstDay: index.firstDay!, lastDay: index.lastDay! });
    const direct = directSource(warehouse.connection);
    const reports = [
      ...index.weeks.map((w) => ["data/weekly-[week].json.ts", { week: w.week }] as const),
      ...index.months.map((m) => ["data/monthly-[month].json.ts", { month: m.month }] as const)
    ];
    expect(reports.length).toBeGreaterThanOrEqual(13);
    for (const [path, params] of reports) {
      const output = inProcessLoaders[path].output;
      const a = await output({ connection: warehouse.connection, config, source: shared }, params);
      const b = await output({ connection: warehouse.connection, config, source: direct }, params);
      expect(a, JSON.stringify(params)).toBe(b);
    }
  }, 300_000);

  it("prints exactly what the build computes when Framework runs the loader script", async () => {
    const shared = sharedSource(warehouse.connection, { firstDay: index.firstDay!, lastDay: index.lastDay! });
    const cases: [string, Record<string, string>][] = [
      ["data/weekly-[week].json.ts", { week: index.weeks[0].week }],
      ["data/weekly-[week].json.ts", { week: index.weeks.at(-1)!.week }],
      ["data/monthly-[month].json.ts", { month: index.months[1].month }],
      ["data/explore-orders.arrow.ts", {}],
      ["data/explore-summary.json.ts", {}],
      ["data/site.json.ts", {}],
      ...inProcessLoaders["data/block-[hash].json.ts"].params(index, frameworkRoot).slice(0, 1).map((p) => ["data/block-[hash].json.ts", p] as [string, Record<string, string>])
    ];
    for (const [path, params] of cases) {
      const inProcess = await inProcessLoaders[path].output({ connection: warehouse.connection, config, source: shared }, params);
      expect(Buffer.from(inProcess).equals(scriptOutput(path, params)), `${path} ${JSON.stringify(params)}`).toBe(true);
    }
  }, 300_000);
});
