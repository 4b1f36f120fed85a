import type { DuckDBConnection } from "@duckdb/node-api";
import { fileURLToPath } from "node:url";
import type { WarehouseCache } from "../build/warehouse-cache.ts";
import { closureHash, sourceClosure } from "../build/source-closure.ts";
import { queryRows } from "../warehouse/query-rows.ts";
import type { GateConfig } from "./gate-config.ts";
import type { GateContext, GateResult } from "./gate-result.ts";
import { freshnessVerdict } from "./freshness.ts";
import { runGates } from "./run-gates.ts";

const gatesCode = fileURLToPath(new URL("./run-gates.ts", import.meta.url));

interface Findings {
  results: GateResult[];
  /** The `since` they were computed with (ms), and the newest ingest_log load (µs) at that time. */
  since: number | null;
  newestLoadUs: number | null;
}

/**
 * The gates' findings for the warehouse as it is. Every gate is a function of the warehouse's
 * content and the gate settings, except two: freshness also depends on the clock, so it is judged
 * again against `ctx.now` from the newest row it found; the rejected-row budget counts the files
 * loaded after `ctx.since` (the last publication), which moves with every publication, so
 * findings for another `since` are reused only when neither instant has a file loaded after it
 * (then both count nothing). Findings are kept while the warehouse file, the gate code and the
 * settings are unchanged; bad data therefore fails every build until the data changes.
 */
export async function cachedGates(cache: WarehouseCache, connect: () => Promise<DuckDBConnection>, config: GateConfig, ctx: GateContext, root: string): Promise<GateResult[]> {
  const key = JSON.stringify({ code: closureHash(sourceClosure(gatesCode), root), config, locale: ctx.locale, timezone: ctx.timezone });
  const since = ctx.since?.getTime() ?? null;
  const countsNothingAfter = (ms: number | null, newestLoadUs: number | null) => newestLoadUs === null || (ms !== null && ms * 1000 >= newestLoadUs);
  const compute = async (): Promise<Findings> => {
    const connection = await connect();
    const [row] = await queryRows(connection, { sql: `select epoch_us(max(loaded_at)) as us from ingest_log` });
    return { results: await runGates(connection, config, ctx), since, newestLoadUs: row?.us == null ? null : Number(row.us) };
  };
  let findings = await cache.get("gates", key, compute);
  const reusable = findings.since === since || (countsNothingAfter(findings.since, findings.newestLoadUs) && countsNothingAfter(since, findings.newestLoadUs));
  if (!reusable) {
    findings = await compute();
    cache.set("gates", key, findings);
  }
  return findings.results.map((r) => (r.gate === "freshness" && typeof r.numbers.newest === "string" ? freshnessVerdict(r.table, new Date(r.numbers.newest), Number(r.numbers.maxHours), ctx) : r));
}
