import { weekPeriod } from "../../src/metrics/period.ts";
import { loaderParam } from "../../src/site/loader-params.ts";
import { readNotes } from "../../src/site/notes.ts";
import { periodReport } from "../../src/site/period-report.ts";
import { siteIndex } from "../../src/site/site-index.ts";
import { withWarehouse } from "../../src/warehouse/with-warehouse.ts";

const week = loaderParam("week");
const { start, end } = weekPeriod(week);
const { lastDay, weeks } = await siteIndex();
const page = weeks.find((w) => w.week === week);
const report = await withWarehouse(({ connection }, config) => periodReport(connection, { grain: "week", period: week, start, end, timezone: config.timezone }));

process.stdout.write(JSON.stringify({ ...report, sunday: page?.end ?? null, lastDay, partial: report.partial || (page?.partial ?? false), notes: readNotes(week) }));
