import type { DuckDBConnection } from "@duckdb/node-api";
import { parse as parseYaml } from "yaml";
import { isoWeek } from "../calendar.ts";
import { dataRange } from "../metrics/data-range.ts";
import { queryRows } from "../warehouse/query-rows.ts";
import type { BlockSource } from "../markdown/collect-blocks.ts";
import { parseFunnelDefinition, parseRetentionDefinition } from "../metrics/definitions.ts";
import { computeFunnel, type FunnelResult } from "../metrics/funnel.ts";
import { computeKpiReport, type KpiReport } from "../metrics/kpi-report.ts";
import { computeRetention, type RetentionResult } from "../metrics/retention.ts";
import { computeTimeToConvert } from "../metrics/time-to-convert.ts";
import { kpiSparklines } from "./kpi-sparklines.ts";
import { directSource, type ReportSource } from "./report-source.ts";

export type BlockData =
  | { kind: "funnel"; title: string | null; funnel: FunnelResult; timeToConvert: { bins: { start_seconds: number; end_seconds: number; users: number }[] } | null; breakdownBy: string | null }
  | { kind: "retention"; title: string | null; retention: RetentionResult; period: string }
  | { kind: "kpi"; title: string | null; report: KpiReport; series: Record<string, (number | null)[]> };

/** A block definition that the metric rejected: named by page and line. */
export class BlockError extends Error {}

/**
 * The data behind one ```funnel / ```kpi / ```retention block, computed at build time. A build
 * passes its shared source: a kpi block's report and sparklines are then the rows the period
 * reports already computed.
 */
export async function blockData(connection: DuckDBConnection, block: BlockSource, source: ReportSource = directSource(connection)): Promise<BlockData> {
  const { title = null, keys, ...spec } = parseYaml(block.source) as Record<string, unknown>;
  const where = `${block.file}:${block.line}`;
  const checked = <T>(parse: () => T): T => {
    try {
      return parse();
    } catch (error) {
      throw new BlockError(`${where}: ${block.kind} block: ${(error as Error).message}`);
    }
  };
  const name = title == null ? null : String(title);
  if (block.kind === "funnel") {
    const def = checked(() => parseFunnelDefinition(spec));
    const result = await computeFunnel(connection, def);
    const timeToConvert = result.steps.length > 1 ? await computeTimeToConvert(connection, def, { from: 0, to: result.steps.length - 1, bins: 12 }) : null;
    return { kind: "funnel", title: name, funnel: result, timeToConvert, breakdownBy: typeof spec.breakdown === "string" ? spec.breakdown : null };
  }
  if (block.kind === "retention") {
    const def = checked(() => parseRetentionDefinition(spec));
    return { kind: "retention", title: name, retention: await computeRetention(connection, def), period: def.period };
  }
  const grain = checked(() => oneOf(spec.grain ?? "week", ["day", "week", "month", "quarter"] as const, "grain"));
  const period = checked(() => {
    if (typeof spec.period !== "string" || !spec.period) throw new Error(`period: expected latest, or e.g. 2026-W47, 2026-11, 2026-11-18`);
    return spec.period;
  });
  const resolved = period === "latest" ? await latestPeriod(connection, grain) : period;
  const wanted = checked(() => {
    if (keys === undefined) return null;
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === "string")) throw new Error(`keys: expected a list of KPI keys such as [gmv, uv]`);
    return keys as string[];
  });
  const report = await computeKpiReport(connection, { grain, period: resolved }, (ranges) => source.kpis(grain, ranges));
  if (wanted) {
    const unknown = wanted.filter((k) => !report.kpis.some((v) => v.key === k));
    if (unknown.length) throw new BlockError(`${where}: kpi block: keys: unknown KPI ${unknown.join(", ")} (known: ${report.kpis.map((k) => k.key).join(", ")})`);
    report.kpis = wanted.map((k) => report.kpis.find((v) => v.key === k)!);
  }
  return { kind: "kpi", title: name, report, series: await kpiSparklines(connection, report, source) };
}

/** "latest": the period holding the last day of data, so a block stays current build after build. */
async function latestPeriod(connection: DuckDBConnection, grain: "day" | "week" | "month" | "quarter"): Promise<string> {
  const [range] = await queryRows(connection, dataRange());
  const last = range?.last_day as string | null;
  if (!last) throw new Error("the warehouse has no events yet");
  return grain === "day" ? last : grain === "week" ? isoWeek(last) : grain === "month" ? last.slice(0, 7) : `${last.slice(0, 4)}-Q${Math.ceil(Number(last.slice(5, 7)) / 3)}`;
}

function oneOf<T extends string>(value: unknown, options: readonly T[], field: string): T {
  if (typeof value !== "string" || !options.includes(value as T)) throw new Error(`${field}: expected one of ${options.join(", ")}, got ${JSON.stringify(value)}`);
  return value as T;
}
