import type { DuckDBConnection } from "@duckdb/node-api";
import { parseFunnelDefinition } from "../metrics/definitions.ts";
import { computeFunnelPeriods, type FunnelStep } from "../metrics/funnel.ts";
import { previousPeriod, type Period } from "../metrics/period.ts";
import { mainFunnel } from "./main-funnel.ts";

/**
 * The main funnel of each period and of the span of as many days before it (its "previous": for a
 * month, not the calendar month before), each distinct range counted once in one query.
 */
export async function periodFunnels(connection: DuckDBConnection, periods: Period[], timezone: string): Promise<{ start: string; current: FunnelStep[]; previous: FunnelStep[] }[]> {
  const key = (p: Period) => `${p.start}:${p.end}`;
  const ranges = new Map<string, Period>();
  for (const p of periods) for (const range of [p, previousPeriod(p)]) ranges.set(key(range), range);
  const defs = [...ranges.values()].map((range) => parseFunnelDefinition(mainFunnel(range, timezone)));
  const results = await computeFunnelPeriods(connection, defs[0], defs.map((d) => ({ from: d.from!, to: d.to! })));
  const steps = new Map([...ranges.keys()].map((k, i) => [k, results[i].steps]));
  return periods.map((p) => ({ start: p.start, current: steps.get(key(p))!, previous: steps.get(key(previousPeriod(p)))! }));
}
