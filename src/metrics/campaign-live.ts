import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, type MetricQuery } from "../warehouse/query-rows.ts";
import { eventNames, sqlList } from "./event-names.ts";

/** A campaign's local days as the instants bounding them, and the newest row in the warehouse. */
export interface CampaignSpan {
  id: string;
  /** First and last local day, "YYYY-MM-DD". */
  start_date: string;
  end_date: string;
  /** Newest event or order (ISO 8601), or null when there is none: hours stop there. */
  last_ts: string | null;
}

/**
 * The campaign's days as bound values: midnight of the first day and of the day after the last,
 * cast to TIMESTAMPTZ in the session's zone (so e.ts >= $from and e.ts < $until picks the same rows
 * as e.ts::date between the dates). Being constants, they reach the table scan, which then skips
 * every row group outside the campaign by its min/max instead of casting each event's time to a
 * local date. (Bounds from a join on start_date::timestamptz would not do: DuckDB 1.5 compares
 * those on UTC days, shifting campaign days by 8 hours.)
 */
function spanParams(span: CampaignSpan): Record<string, string | null> {
  const [y, m, d] = span.end_date.split("-").map(Number);
  return { id: span.id, from: span.start_date, until: new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10), last_ts: span.last_ts };
}

/**
 * Hour by hour through a campaign's days (local time), up to the last hour with data:
 * participants = users with any event in the hour (new ones counted once, cumulatively);
 * orders and GMV = the campaign's paid orders (campaign_id), by hour placed.
 */
export function campaignLiveHourly(span: CampaignSpan): MetricQuery {
  return {
    sql: `with hours as (
        select unnest(generate_series($from::timestamptz, $until::timestamptz - interval 1 hour, interval 1 hour)) as hour
      ),
      ev as (select e.user_id, date_trunc('hour', e.ts) as hour from events e where e.ts >= $from::timestamptz and e.ts < $until::timestamptz),
      by_hour as (select hour, count(distinct user_id) as participants from ev group by hour),
      firsts as (select hour, count(*) as new_participants from (select user_id, min(hour) as hour from ev group by user_id) group by hour),
      od as (
        select date_trunc('hour', o.ts) as hour, count(*) as orders, sum(o.amount)::double as gmv
        from orders o where o.campaign_id = $id and o.status = 'paid' group by 1
      )
      select h.hour,
        coalesce(b.participants, 0) as participants, coalesce(f.new_participants, 0) as new_participants,
        coalesce(od.orders, 0) as orders, coalesce(od.gmv, 0) as gmv
      from hours h left join by_hour b using (hour) left join firsts f using (hour) left join od using (hour)
      where h.hour <= $last_ts::timestamptz
      order by h.hour`,
    params: spanParams(span)
  };
}

/** Users in the campaign window at each step (each step counted on its own, not in sequence). */
export function campaignLiveFunnel(span: CampaignSpan): MetricQuery {
  const steps: [string, readonly string[]][] = [["浏览页面", eventNames.pageView], ["浏览商品", eventNames.viewProduct], ["加入购物车", eventNames.addToCart], ["提交订单", eventNames.submitOrder], ["支付成功", eventNames.pay]];
  const { from, until } = spanParams(span);
  return {
    sql: `with ev as (select e.user_id, e.event from events e where e.ts >= $from::timestamptz and e.ts < $until::timestamptz)
      ${steps.map(([name, events], i) => `select ${i} as position, '${name}' as step, count(distinct user_id) filter (where event in ${sqlList(events)}) as users from ev`).join("\n      union all ")}
      order by position`,
    params: { from, until }
  };
}

export interface CampaignLive {
  campaign: { campaign_id: string; name: string; type: string | null; start_date: string; end_date: string; targets: Record<string, number> };
  /** When this data was computed (ISO 8601), and the newest event or order in the warehouse. */
  refreshed_at: string;
  data_through: string | null;
  totals: { participants: number; orders: number; gmv: number; target_gmv: number | null; achievement: number | null; time_elapsed: number };
  hourly: { hour: string; participants: number; new_participants: number; orders: number; gmv: number; cumulative_gmv: number; cumulative_participants: number; target_pace: number | null }[];
  funnel: { step: string; users: number; conversion_from_first: number | null }[];
}

/**
 * Everything the live page shows. GMV target pacing is linear in campaign hours: after k of H
 * hours the cumulative GMV "should" be target × k ÷ H (时间进度).
 */
export async function computeCampaignLive(connection: DuckDBConnection, campaignId: string, now = new Date()): Promise<CampaignLive> {
  const [c] = await queryRows(connection, {
    sql: `select campaign_id, name, type, start_date, end_date, targets::varchar as targets, greatest((select max(ts) from events), (select max(ts) from orders)) as last_ts
      from campaigns where campaign_id = $id`,
    params: { id: campaignId }
  });
  if (!c) throw new Error(`no campaign ${JSON.stringify(campaignId)} in the campaigns table`);
  const targets = c.targets ? (JSON.parse(c.targets as string) as Record<string, number>) : {};
  const span: CampaignSpan = { id: campaignId, start_date: c.start_date as string, end_date: c.end_date as string, last_ts: (c.last_ts as string | null) ?? null };
  const rows = await queryRows(connection, campaignLiveHourly(span));
  const dataThrough = span.last_ts;
  const totalHours = ((Date.parse(c.end_date as string) - Date.parse(c.start_date as string)) / 86400000 + 1) * 24;
  const targetGmv = typeof targets.gmv === "number" ? targets.gmv : null;
  let cumulativeGmv = 0;
  let cumulativeParticipants = 0;
  const hourly = rows.map((r, i) => {
    cumulativeGmv += r.gmv as number;
    cumulativeParticipants += r.new_participants as number;
    return {
      hour: r.hour as string, participants: r.participants as number, new_participants: r.new_participants as number,
      orders: r.orders as number, gmv: r.gmv as number, cumulative_gmv: Math.round(cumulativeGmv * 100) / 100,
      cumulative_participants: cumulativeParticipants, target_pace: targetGmv === null ? null : (targetGmv * (i + 1)) / totalHours
    };
  });
  const funnelRows = await queryRows(connection, campaignLiveFunnel(span));
  const first = (funnelRows[0]?.users as number) || 0;
  return {
    campaign: { campaign_id: c.campaign_id as string, name: c.name as string, type: (c.type as string | null) ?? null, start_date: c.start_date as string, end_date: c.end_date as string, targets },
    refreshed_at: now.toISOString(),
    data_through: (dataThrough as string | null) ?? null,
    totals: {
      // Hours run to the newest row in the warehouse, so every participant is counted in some hour.
      participants: cumulativeParticipants,
      orders: hourly.reduce((s, h) => s + h.orders, 0),
      gmv: Math.round(cumulativeGmv * 100) / 100,
      target_gmv: targetGmv,
      achievement: targetGmv ? cumulativeGmv / targetGmv : null,
      time_elapsed: Math.min(1, hourly.length / totalHours)
    },
    hourly,
    funnel: funnelRows.map((r) => ({ step: r.step as string, users: r.users as number, conversion_from_first: first ? (r.users as number) / first : null }))
  };
}
