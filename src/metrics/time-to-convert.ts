import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, type MetricQuery } from "../warehouse/query-rows.ts";
import { DefinitionError, type FunnelDefinition } from "./definitions.ts";
import { Params } from "./event-filter.ts";
import { countedAttemptsSql } from "./counted-attempts.ts";

export interface TimeToConvertOptions {
  /** Step indices, 0-based: time from step `from` to step `to` of the counted attempt. */
  from: number;
  to: number;
  /** Equal-width bins from 0 to the slowest conversion; default 10. */
  bins?: number;
}

/** Histogram of how long users who reached step `to` took from step `from`, in whole-second bins. */
export function timeToConvert(def: FunnelDefinition, { from, to, bins = 10 }: TimeToConvertOptions): MetricQuery {
  const steps = def.steps.length;
  if (!Number.isInteger(from) || from < 0 || from >= steps - 1) throw new DefinitionError("from", `expected a step index from 0 to ${steps - 2}, got ${from}`);
  if (!Number.isInteger(to) || to <= from || to >= steps) throw new DefinitionError("to", `expected a step index from ${from + 1} to ${steps - 1}, got ${to}`);
  if (!Number.isInteger(bins) || bins < 1 || bins > 1000) throw new DefinitionError("bins", `expected a whole number from 1 to 1000, got ${bins}`);
  const params = new Params();
  const counted = countedAttemptsSql(def, params);
  const [a, b, n] = [params.bind(from, "from_step"), params.bind(to, "to_step"), params.bind(bins, "bins")];
  return {
    sql: `${counted},
    d as (select (ts[${b}::bigint + 1] - ts[${a}::bigint + 1]) / 1e6 as s from counted where depth >= ${b}::bigint),
    w as (select greatest(ceil(max(s) / ${n}::bigint), 1) as width from d),
    h as (select least(cast(floor(s / width) as bigint), ${n}::bigint - 1) as i, count(*) as users from d cross join w group by i)
    select i * width as start_seconds, (i + 1) * width as end_seconds, coalesce(h.users, 0) as users
    from (select unnest(range(${n}::bigint)) as i) r cross join w left join h using (i)
    order by i`,
    params: params.values
  };
}

export async function computeTimeToConvert(connection: DuckDBConnection, def: FunnelDefinition, options: TimeToConvertOptions): Promise<{ bins: { start_seconds: number; end_seconds: number; users: number }[] }> {
  const rows = await queryRows(connection, timeToConvert(def, options));
  return { bins: rows.map((r) => ({ start_seconds: r.start_seconds as number, end_seconds: r.end_seconds as number, users: r.users as number })) };
}
