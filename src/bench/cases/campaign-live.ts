import { computeCampaignLive } from "../../metrics/campaign-live.ts";
import { openWarehouse } from "../../warehouse/open-warehouse.ts";
import type { BenchCase } from "../bench-case.ts";

/**
 * `opsbook build --live` runs every 10–15 minutes during a campaign, so its queries (hourly pacing,
 * totals, funnel) must stay close to the cost of the least SQL that could produce the same hourly
 * numbers: one hand-written pass over the campaign's events and orders, its days written as literal
 * local-midnight bounds (in the session's zone) so the scan skips the row groups outside them.
 */
export const campaignLiveCase: BenchCase = {
  name: "campaign-live",
  goal: "≤ 3× one hand-written hourly SQL pass",
  maxRatio: 3,
  async setup(ctx) {
    const warehouse = await openWarehouse({ dbPath: await ctx.warehousePath(), timezone: "Asia/Shanghai", readOnly: true });
    const campaign = "double11-2026";
    return {
      opsbook: { run: async () => void (await computeCampaignLive(warehouse.connection, campaign)) },
      baselineName: "hand-written hourly SQL",
      baseline: {
        run: async () => {
          await warehouse.connection.runAndReadAll(`
            with e as (select user_id, event, date_trunc('hour', ts) as hour from events where ts >= '2026-10-20'::timestamptz and ts < '2026-11-12'::timestamptz),
            o as (select date_trunc('hour', ts) as hour, count(*) as orders, sum(amount) as gmv from orders where campaign_id = '${campaign}' and status = 'paid' group by 1)
            select e.hour, count(distinct e.user_id), count(distinct e.user_id) filter (where event = '支付成功'), any_value(o.orders), any_value(o.gmv)
            from e left join o using (hour) group by e.hour order by e.hour`);
        }
      },
      note: "includes the campaign row (with the data end) and funnel queries"
    };
  }
};
