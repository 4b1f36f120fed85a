import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, type MetricQuery } from "../warehouse/query-rows.ts";
import type { FunnelDefinition } from "./definitions.ts";
import { Params } from "./event-filter.ts";
import { countedAttemptsSql, type FunnelPeriod } from "./counted-attempts.ts";

export type { FunnelPeriod };

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
 * With `periods`, every row also has `period` (the period's index) and each period is counted as
 * the definition with its from/to alone (see countedAttemptsSql).
 */
export function funnel(def: FunnelDefinition, periods?: FunnelPeriod[]): MetricQuery {
  const params = new Params();
  const counted = countedAttemptsSql(def, params, periods);
  const n = def.steps.length;
  const steps = Array.from({ length: n }, (_, j) => j);
  const names = def.steps.map((s) => params.bind(s.name, "name")).join(", ");
  // One pass over counted: step j's figures are aggregates filtered to users reaching it, as lists
  // unnested into one row per step (every step present, 0 users where nobody reached it).
  const gap = (j: number) => `(ts[${j + 1}] - ts[${j}]) / 1e6`;
  const figures = `[${steps.map((j) => (j === 0 ? "count(user_id)" : `count(*) filter (where depth >= ${j})`)).join(", ")}] as users,
      [${steps.map((j) => (j === 0 ? "null" : `median(${gap(j)}) filter (where depth >= ${j})`)).join(", ")}] as medians,
      [${steps.map((j) => (j === 0 ? "null" : `avg(${gap(j)}) filter (where depth >= ${j})`)).join(", ")}] as avgs`;
  // The total is an ungrouped aggregate, so it has its row even when nobody started the funnel; over
  // periods, every period has its total from the periods table (count(user_id) is 0 without users).
  const pn = periods ? "pn, " : "";
  const total = periods ? `select pn, true as total, cast(null as varchar) as b, ${figures} from funnel_periods left join counted using (pn) group by pn` : `select true as total, cast(null as varchar) as b, ${figures} from counted`;
  const groups = `${total}${def.breakdown ? `
      union all select ${pn}false, b, ${figures} from counted group by ${pn}b` : ""}`;
  return {
    sql: `${counted},
    agg as (${groups}),
    filled as (
      select ${pn}total, b, unnest([${steps.join(", ")}]) as j, unnest([${names}]) as name,
        unnest(users) as users, unnest(medians) as median_gap, unnest(avgs) as avg_gap
      from agg
    )
    select ${periods ? "pn as period, " : ""}case when total then null else b end as breakdown, j as step, name, users as count,
      users / nullif(first_value(users) over w, 0) as conversion_from_first,
      case when j = 0 then (case when users > 0 then 1.0 end) else users / nullif(lag(users) over w, 0) end as conversion_from_previous,
      median_gap as median_seconds_from_previous, avg_gap as avg_seconds_from_previous,
      first_value(users) over w as group_size
    from filled
    window w as (partition by ${pn}total, b order by j)
    order by ${pn}total desc, group_size desc, breakdown, step`,
    params: params.values
  };
}

export async function computeFunnel(connection: DuckDBConnection, def: FunnelDefinition): Promise<FunnelResult> {
  const rows = await queryRows(connection, funnel(def));
  return funnelResult(rows as unknown as FunnelRow[]);
}

/** The funnel of each period, in the order given, from one query: a build's reports count every week (or month) at once. */
export async function computeFunnelPeriods(connection: DuckDBConnection, def: FunnelDefinition, periods: FunnelPeriod[]): Promise<FunnelResult[]> {
  const byPeriod = periods.map((): FunnelRow[] => []);
  for (const row of await queryRows(connection, funnel(def, periods))) byPeriod[row.period as number].push(row as unknown as FunnelRow);
  return byPeriod.map(funnelResult);
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
