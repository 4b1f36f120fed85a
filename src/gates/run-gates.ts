import type { DuckDBConnection } from "@duckdb/node-api";
import { timeColumns, warehouseTables } from "../build/fingerprint.ts";
import { tables } from "../warehouse/tables.ts";
import type { GateConfig } from "./gate-config.ts";
import type { GateContext, GateResult } from "./gate-result.ts";
import { freshnessGate } from "./freshness.ts";
import { metricSanityGate } from "./metric-sanity.ts";
import { rejectedRowsGate } from "./rejected-rows.ts";
import { schemaDriftGate } from "./schema-drift.ts";
import { volumeGate } from "./volume.ts";

/** Every configured gate, table by table, then the KPI bounds. Publication waits on all of them passing. */
export async function runGates(connection: DuckDBConnection, config: GateConfig, ctx: GateContext): Promise<GateResult[]> {
  const present = new Set(await warehouseTables(connection));
  const results: GateResult[] = [];
  for (const [table, gates] of Object.entries(config.tables)) {
    if (!present.has(table)) throw new Error(`gates configured for table ${JSON.stringify(table)}, which the warehouse does not have`);
    const dated = table in timeColumns;
    if (gates.freshnessHours !== undefined) {
      if (!dated) throw new Error(`gates.${table}.freshnessHours: ${table} has no date column (dated tables: ${Object.keys(timeColumns).join(", ")})`);
      results.push(await freshnessGate(connection, table, gates.freshnessHours, ctx));
    }
    const trailingDays = gates.trailingDays ?? 7;
    if (dated && gates.volumeDropPercent !== undefined) {
      results.push(await volumeGate(connection, table, { dropPercent: gates.volumeDropPercent, trailingDays, minMedianRows: gates.minMedianRows ?? 0 }, ctx));
    }
    if (dated && table in tables && gates.maxNullRisePoints !== undefined) {
      results.push(await schemaDriftGate(connection, table, { maxNullRisePoints: gates.maxNullRisePoints, trailingDays }, ctx));
    }
    if (gates.maxRejectedPercent !== undefined) results.push(await rejectedRowsGate(connection, table, gates.maxRejectedPercent, ctx));
  }
  results.push(...(await metricSanityGate(connection, config.metrics, ctx)));
  return results;
}
