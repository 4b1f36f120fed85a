import { loaderParam } from "../../src/site/loader-params.ts";
import { readNotes } from "../../src/site/notes.ts";
import { periodReport } from "../../src/site/period-report.ts";
import { nextMonth, siteIndex } from "../../src/site/site-index.ts";
import { withWarehouse } from "../../src/warehouse/with-warehouse.ts";

const month = loaderParam("month");
if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`not a month: ${JSON.stringify(month)} (expected e.g. 2026-11)`);
const start = `${month}-01`;
const end = nextMonth(start);
const { lastDay, months } = await siteIndex();
const page = months.find((m) => m.month === month);
const report = await withWarehouse(({ connection }, config) => periodReport(connection, { grain: "month", period: month, start, end, timezone: config.timezone }));

process.stdout.write(JSON.stringify({ ...report, lastDay, partial: report.partial || (page?.partial ?? false), notes: readNotes(month) }));
