import type { DuckDBConnection } from "@duckdb/node-api";
import { tables, type TableName } from "../warehouse/tables.ts";
import { quoteIdent } from "./parse-sql.ts";

export interface ConsistencyCheck {
  name: string;
  label: string;
  /** "error" fails `opsbook check`; "warning" is reported only. */
  severity: "error" | "warning";
  /** Offending rows, each described in one text column `example`; the check passes when there are none. */
  sql: string;
}

export interface CheckResult {
  name: string;
  label: string;
  severity: "error" | "warning";
  failures: number;
  examples: string[];
}

/** Natural keys must stay unique: a duplicate means an overlapping export was double-counted. */
const duplicateKeys: ConsistencyCheck[] = (Object.keys(tables) as TableName[]).map((table) => {
    const key = tables[table].key.map(quoteIdent).join(", ");
    return {
      name: `duplicate-${table}`,
      label: `${table}: 自然键重复 duplicate natural key (${tables[table].key.join(", ")})`,
      severity: "error",
      sql: `select concat_ws(' | ', ${tables[table].key.map((k) => `cast(${quoteIdent(k)} as varchar)`).join(", ")}) || ' ×' || count(*) as example
            from ${table} group by ${key} having count(*) > 1`
    };
  });

export const consistencyChecks: ConsistencyCheck[] = [
  {
    name: "order-status",
    label: "orders: 未知订单状态 unknown status",
    severity: "error",
    sql: `select order_id || ': ' || status as example from orders where status not in ('paid', 'refunded', 'cancelled', 'pending')`
  },
  {
    name: "paid-without-paid-at",
    label: "orders: 已支付但无支付时间 paid order without paid_at",
    severity: "error",
    sql: `select order_id as example from orders where status in ('paid', 'refunded') and paid_at is null`
  },
  {
    name: "paid-before-placed",
    label: "orders: 支付早于下单 paid before placed",
    severity: "error",
    sql: `select order_id || ': ' || ts || ' > ' || paid_at as example from orders where paid_at < ts`
  },
  {
    name: "negative-amounts",
    label: "orders/spend: 金额为负 negative amount or cost",
    severity: "error",
    sql: `select 'order ' || order_id || ': ' || amount as example from orders where amount < 0
          union all select 'spend ' || date || ' ' || channel || ': ' || cost from spend where cost < 0`
  },
  {
    name: "future-events",
    label: "events/orders: 时间在未来 timestamp in the future",
    severity: "error",
    // An hour of slack for clocks that disagree.
    sql: `select 'event ' || user_id || ' ' || event || ' ' || ts as example from events where ts > now() + interval 1 hour
          union all select 'order ' || order_id || ' ' || ts from orders where ts > now() + interval 1 hour`
  },
  {
    name: "spend-unknown-channel",
    label: "spend: 投放渠道没有任何用户或流量 spend on a channel no user, event or order came from",
    severity: "error",
    sql: `select distinct channel as example from spend where channel not in (
            select channel from users where channel is not null union select channel from events where channel is not null
            union select channel from orders where channel is not null union select channel from traffic)`
  },
  {
    name: "clicks-over-impressions",
    label: "spend: 点击数大于展示数 more clicks than impressions",
    severity: "error",
    sql: `select date || ' ' || channel || ': ' || clicks || ' > ' || impressions as example from spend where clicks > impressions`
  },
  {
    name: "traffic-rates",
    label: "traffic: 跳出率不在 0–100% 或 UV 大于 PV bounce rate outside 0–1 or UV above PV",
    severity: "error",
    sql: `select date || ' ' || channel || ' ' || coalesce(page, '') as example from traffic where bounce_rate not between 0 and 1 or uv > pv`
  },
  {
    name: "campaign-dates",
    label: "campaigns: 结束早于开始 ends before it starts",
    severity: "error",
    sql: `select campaign_id as example from campaigns where end_date < start_date`
  },
  ...duplicateKeys,
  {
    name: "orders-unknown-users",
    label: "orders: 用户不在用户表 buyer missing from users (CRM list incomplete?)",
    severity: "warning",
    sql: `select distinct o.user_id as example from orders o where not exists (select 1 from users u where u.user_id = o.user_id) and exists (select 1 from users)`
  },
  {
    name: "orders-unknown-campaign",
    label: "orders: 活动ID不在活动表 campaign id not in campaigns",
    severity: "warning",
    sql: `select distinct campaign_id as example from orders where campaign_id is not null and campaign_id not in (select campaign_id from campaigns)`
  },
  {
    name: "rejected-rows",
    label: "rejects: 有被拒绝的行 rows were rejected at ingest (see table rejects)",
    severity: "warning",
    sql: `select file || ':' || line || ' ' || reason as example from rejects`
  }
];

export async function runChecks(connection: DuckDBConnection, checks: ConsistencyCheck[] = consistencyChecks): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const reader = await connection.runAndReadAll(`select count(*) over () as n, example from (${check.sql}) limit 5`);
    const rows = reader.getRowObjectsJS();
    results.push({ name: check.name, label: check.label, severity: check.severity, failures: rows.length ? Number(rows[0].n) : 0, examples: rows.map((r) => String(r.example)) });
  }
  return results;
}
