import { addDays } from "../../src/calendar.ts";
import { dailyGmv } from "../../src/metrics/daily-gmv.ts";
import { weekPeriod } from "../../src/metrics/period.ts";
import { weeklyKpis } from "../../src/metrics/weekly-kpis.ts";
import { loaderParam } from "../../src/site/loader-params.ts";
import { siteIndex } from "../../src/site/site-index.ts";
import { loadRows } from "../../src/warehouse/with-warehouse.ts";

const week = loaderParam("week");
const period = weekPeriod(week);
const { lastDay, weeks } = await siteIndex();

process.stdout.write(
  JSON.stringify({
    week,
    period,
    sunday: addDays(period.end, -1),
    lastDay,
    partial: weeks.find((w) => w.week === week)?.partial ?? false,
    kpis: await loadRows(weeklyKpis(period)),
    daily: await loadRows(dailyGmv(period))
  })
);
