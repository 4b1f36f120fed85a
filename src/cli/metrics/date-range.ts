import type { DuckDBConnection } from "@duckdb/node-api";
import { addDays } from "../../calendar.ts";
import { inferGrain, parsePeriod } from "../../metrics/grain.ts";
import type { Period } from "../../metrics/period.ts";
import { UsageError } from "../command.ts";
import { asOfOrLastDay } from "./as-of-default.ts";

export const rangeOptions = { period: { type: "string" }, start: { type: "string" }, end: { type: "string" } } as const;
export const rangeUsage = "[--period 2026-11 | 2026-W47 | 2026-Q4 | --start YYYY-MM-DD --end YYYY-MM-DD]";
export const rangeHelp = `  --period        a week, month or quarter (or one day)
  --start, --end  first and last day, both included
  Without either: the last days up to --as-of (default: last day with data).`;

const isDate = (s: unknown): s is string => typeof s === "string" && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));

/** The half-open range a command reports on, from --period, --start/--end, or the last `days` days. */
export async function rangeOption(connection: DuckDBConnection, values: Record<string, unknown>, days: number): Promise<Period & { asOf: string }> {
  const asOf = await asOfOrLastDay(connection, values);
  if (typeof values.period === "string") {
    if (values.start !== undefined || values.end !== undefined) throw new UsageError("give either --period or --start/--end");
    try {
      const p = parsePeriod(inferGrain(values.period), values.period);
      return { start: p.start, end: p.end, asOf };
    } catch (error) {
      throw new UsageError(`--period: ${(error as Error).message}`);
    }
  }
  if (values.start !== undefined || values.end !== undefined) {
    if (!isDate(values.start) || !isDate(values.end)) throw new UsageError("--start and --end must both be dates like 2026-11-01");
    if (values.end < values.start) throw new UsageError(`--end ${values.end} is before --start ${values.start}`);
    return { start: values.start, end: addDays(values.end, 1), asOf };
  }
  return { start: addDays(asOf, 1 - days), end: addDays(asOf, 1), asOf };
}
