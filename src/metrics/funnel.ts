import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, type MetricQuery } from "../warehouse/query-rows.ts";
import type { FunnelDefinition } from "./definitions.ts";
import { Params } from "./event-filter.ts";
import { countedAttemptsSql } from "./counted-attempts.ts";

export interface FunnelStep {
  name: string;
  count: number;
  conversion_from_first: number | null;
  conversion_from_previous: number | null;
  median_seconds_from_previous: number | null;
  avg_seconds_from_previous: number | null;
}

export interface FunnelResult {
  steps: FunnelStep[];
  breakdown: { value: string; steps: FunnelStep[] }[];
}

/**
 * Users reaching each step of a funnel (see counted-attempts.ts for ordered, strict and unordered), one
 * row per step: `breakdown` is null for the total and the first-touch value for each group. Times
 * from the previous step are over users reaching the step, within the attempt that counted.
 */
export function funnel(def: FunnelDefinition): MetricQuery {
  const params = new Params();
  const counted = countedAttemptsSql(def, params);
  const names = def.steps.map((s, k) => `(${k}, ${params.bind(s.name, "name")})`).join(", ");
  const groups = def.breakdown ? "grouping sets ((j), (b, j))" : "j";
  return {
    sql: `${counted},
    user_steps as (
      select b, j, case when j > 0 then (ts[j + 1] - ts[j]) / 1e6 end as gap
      from (select b, ts, unnest(range(depth + 1)) as j from counted)
    ),
    agg as (
      select ${def.breakdown ? "grouping(b) = 1" : "true"} as total, ${def.breakdown ? "b" : "cast(null as varchar) as b"}, j,
        count(*) as users, median(gap) as median_gap, avg(gap) as avg_gap
      from user_steps group by ${groups}
    ),
    names (j, name) as (values ${names}),
    grid as (
      select g.total, g.b, n.j, n.name
      from (select true as total, cast(null as varchar) as b union all select distinct false, b from agg where not total) g cross join names n
    ),
    filled as (
      select g.total, g.b, g.j, g.name, coalesce(a.users, 0) as users, a.median_gap, a.avg_gap
      from grid g left join agg a on a.total = g.total and a.j = g.j and a.b is not distinct from g.b
    )
    select case when total then null else b end as breakdown, j as step, name, users as count,
      users / nullif(first_value(users) over w, 0) as conversion_from_first,
      case when j = 0 then (case when users > 0 then 1.0 end) else users / nullif(lag(users) over w, 0) end as conversion_from_previous,
      median_gap as median_seconds_from_previous, avg_gap as avg_seconds_from_previous,
      first_value(users) over w as group_size
    from filled
    window w as (partition by total, b order by j)
    order by total desc, group_size desc, breakdown, step`,
    params: params.values
  };
}

export async function computeFunnel(connection: DuckDBConnection, def: FunnelDefinition): Promise<FunnelResult> {
  const rows = await queryRows(connection, funnel(def));
  return funnelResult(rows as unknown as FunnelRow[]);
}

export interface FunnelRow extends FunnelStep {
  breakdown: string | null;
  step: number;
}

/** Shapes funnel() rows (from node DuckDB or DuckDB-WASM) into the result the CLI and pages use. */
export function funnelResult(rows: FunnelRow[]): FunnelResult {
  const step = (r: FunnelRow): FunnelStep => ({
    name: r.name,
    count: Number(r.count),
    conversion_from_first: r.conversion_from_first,
    conversion_from_previous: r.conversion_from_previous,
    median_seconds_from_previous: r.median_seconds_from_previous,
    avg_seconds_from_previous: r.avg_seconds_from_previous
  });
  const breakdown = new Map<string, FunnelStep[]>();
  for (const r of rows.filter((r) => r.breakdown !== null)) {
    if (!breakdown.has(r.breakdown as string)) breakdown.set(r.breakdown as string, []);
    breakdown.get(r.breakdown as string)!.push(step(r));
  }
  return { steps: rows.filter((r) => r.breakdown === null).map(step), breakdown: [...breakdown].map(([value, steps]) => ({ value, steps })) };
}
