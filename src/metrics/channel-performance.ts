import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, type MetricQuery, type Row } from "../warehouse/query-rows.ts";
import { dataSpan } from "./data-span.ts";
import { rangesSql, rowsByRange, type DateRange } from "./date-ranges.ts";

export interface ChannelRow {
  channel: string;
  channel_group: string;
  spend: number;
  /** Customers whose first paid order ever falls in the range. */
  new_customers: number;
  /** spend ÷ new customers. */
  cac: number | null;
  /** Paid GMV in the range from customers acquired through the channel (first-touch). */
  revenue: number;
  /** revenue ÷ spend. */
  roas: number | null;
  /** (revenue − spend) ÷ spend. */
  roi: number | null;
  /** Revenue from the range's new customers up to the as-of date ÷ new customers. */
  ltv: number | null;
  /** Months after acquisition until cumulative revenue per new customer reaches CAC (0 = within the first 30 days). */
  payback_months: number | null;
}

export interface ChannelReport {
  start: string;
  end: string;
  asOf: string;
  channels: ChannelRow[];
  /** The same by 公域 / 私域 (the channels table), channel = the group's name. */
  groups: ChannelRow[];
  /** Per ISO week and channel: new customers, spend and revenue with their shares of the week. */
  mix: { week: string; channel: string; new_customers: number; new_share: number | null; spend: number; spend_share: number | null; revenue: number; revenue_share: number | null }[];
}

/**
 * Attribution is first-touch: a customer belongs to their acquisition channel (users.channel),
 * else to the channel of their first paid order, else 未知. Spend is the spend table by channel.
 */
// Amounts stay DECIMAL until summed: exact sums, the same in every run (double sums added in
// parallel differ in the last digit from run to run, and so would the outputs' content keys).
const attributionSql = `paid as (select user_id, ts, ts::date as day, amount, channel from orders where status = 'paid' and ts < ($asOf::date + 1)::timestamptz),
  firsts as (select user_id, min(day) as first_day, arg_min(channel, ts) as first_channel from paid group by user_id),
  customers as (
    select f.user_id, f.first_day, coalesce(u.channel, f.first_channel, '未知') as channel
    from firsts f left join users u using (user_id)
  )`;

/** Per range (r) and channel: spend, new customers, revenue in the range. */
export function channelPerformance({ ranges, asOf }: { ranges: DateRange[]; asOf: string }): MetricQuery {
  const params: Record<string, string> = { asOf };
  return {
    sql: `with ${attributionSql}, ${rangesSql(ranges, params)},
      spend_by as (select r, channel, sum(cost)::double as spend from spend join ranges on date >= range_start and date < range_end group by all),
      acquired as (select r, channel, count(*) as new_customers from customers join ranges on first_day >= range_start and first_day < range_end group by all),
      revenue_by as (
        select r, c.channel, sum(p.amount)::double as revenue from paid p join customers c using (user_id)
          join ranges on p.ts >= ts_start and p.ts < ts_end group by all
      ),
      names as (select r, channel from spend_by union select r, channel from acquired union select r, channel from revenue_by)
      select n.r, n.channel, coalesce(g.channel_group, '未分组') as channel_group, coalesce(s.spend, 0) as spend,
        coalesce(a.new_customers, 0) as new_customers, coalesce(rv.revenue, 0) as revenue
      from names n left join channels g using (channel) left join spend_by s using (r, channel)
        left join acquired a using (r, channel) left join revenue_by rv using (r, channel)
      order by n.r, spend desc, new_customers desc, n.channel`,
    params
  };
}

/** Revenue of each range's new customers by channel and 30-day month since each one's first order (k = 0, 1, …). */
export function channelCohortMonths({ ranges, asOf }: { ranges: DateRange[]; asOf: string }): MetricQuery {
  const params: Record<string, string> = { asOf };
  return {
    sql: `with ${attributionSql}, ${rangesSql(ranges, params)}
      select r, c.channel, (p.day - c.first_day) // 30 as k, sum(p.amount)::double as amount
      from customers c join ranges on c.first_day >= range_start and c.first_day < range_end join paid p using (user_id)
      group by all order by r, c.channel, k`,
    params
  };
}

/** New customers, spend and revenue per ISO week and channel. */
export function channelMix({ start, end, asOf }: { start: string; end: string; asOf: string }): MetricQuery {
  return {
    sql: `with ${attributionSql},
      weekly as (
        select channel, date_trunc('week', first_day)::date as week_start, count(*) as new_customers, 0::decimal(38, 2) as spend, 0::decimal(38, 2) as revenue
        from customers where first_day >= $start::date and first_day < $end::date group by all
        union all
        select channel, date_trunc('week', date)::date, 0, sum(cost), 0 from spend where date >= $start::date and date < $end::date group by all
        union all
        select c.channel, date_trunc('week', p.day)::date, 0, 0, sum(p.amount) from paid p join customers c using (user_id)
        where p.ts >= $start::date::timestamptz and p.ts < $end::date::timestamptz group by all
      ),
      totals as (select channel, week_start, sum(new_customers) as new_customers, sum(spend) as spend, sum(revenue) as revenue from weekly group by all)
      select isoyear(week_start) || '-W' || lpad(week(week_start)::varchar, 2, '0') as week, channel, new_customers,
        new_customers / nullif(sum(new_customers) over w, 0) as new_share, spend::double as spend, spend / nullif(sum(spend) over w, 0) as spend_share,
        revenue::double as revenue, revenue / nullif(sum(revenue) over w, 0) as revenue_share
      from totals window w as (partition by week_start)
      order by week_start, channel`,
    params: { start, end, asOf }
  };
}

const cents = (x: number) => Math.round(x * 100) / 100;
const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/** Derived figures of one channel or group from its additive ones; zero spend gives null, never Infinity. */
function derive(channel: string, channel_group: string, spend: number, new_customers: number, revenue: number, months: number[]): ChannelRow {
  spend = cents(spend);
  revenue = cents(revenue);
  const cac = ratio(spend, new_customers);
  const cohortRevenue = months.reduce((s, x) => s + x, 0);
  let payback: number | null = null;
  if (cac !== null && new_customers > 0) {
    let cumulative = 0;
    for (let k = 0; k < months.length && payback === null; k++) if ((cumulative += months[k] ?? 0) / new_customers >= cac) payback = k;
  }
  return {
    channel, channel_group, spend, new_customers, cac, revenue,
    roas: ratio(revenue, spend), roi: spend === 0 ? null : (revenue - spend) / spend,
    ltv: ratio(cohortRevenue, new_customers), payback_months: payback
  };
}

/**
 * Channels and groups of each range, in the order given, as of one day (default: the last day
 * with data): a build's weekly and monthly reports compute every period of a grain in one call.
 */
export async function computeChannelRanges(connection: DuckDBConnection, ranges: DateRange[], asOf?: string): Promise<ChannelReport[]> {
  const day = asOf ?? (await dataSpan(connection)).last ?? ranges[0].start;
  const options = { ranges, asOf: day };
  const rows = rowsByRange(ranges.length, await queryRows(connection, channelPerformance(options)));
  const months = rowsByRange(ranges.length, await queryRows(connection, channelCohortMonths(options)));
  return ranges.map(({ start, end }, i) => ({ start, end, asOf: day, ...channelsOf(rows[i], months[i]), mix: [] }));
}

/** One range's channels and groups from its performance and cohort-month rows. */
function channelsOf(rows: Row[], months: Row[]): Pick<ChannelReport, "channels" | "groups"> {
  const monthsOf = (channels: string[]) => {
    const out: number[] = [];
    for (const m of months) if (channels.includes(m.channel as string)) out[m.k as number] = (out[m.k as number] ?? 0) + (m.amount as number);
    return Array.from(out, (x) => x ?? 0);
  };
  const num = (r: Row, k: string) => r[k] as number;
  const channels = rows.map((r) => derive(r.channel as string, r.channel_group as string, num(r, "spend"), num(r, "new_customers"), num(r, "revenue"), monthsOf([r.channel as string])));
  const groups = [...new Set(channels.map((c) => c.channel_group))].map((group) => {
    const members = channels.filter((c) => c.channel_group === group);
    const sum = (k: "spend" | "new_customers" | "revenue") => members.reduce((s, c) => s + c[k], 0);
    return derive(group, group, sum("spend"), sum("new_customers"), sum("revenue"), monthsOf(members.map((c) => c.channel)));
  });
  return { channels, groups };
}

/** One range: computeChannelRanges with that range, plus the weekly mix unless `mix: false`. */
export async function computeChannels(connection: DuckDBConnection, { start, end, asOf, mix: withMix = true }: { start: string; end: string; asOf?: string; mix?: boolean }): Promise<ChannelReport> {
  const [report] = await computeChannelRanges(connection, [{ start, end }], asOf);
  const mix = withMix ? ((await queryRows(connection, channelMix({ start, end, asOf: report.asOf }))) as unknown as ChannelReport["mix"]) : [];
  return { ...report, mix };
}
