import type { LoaderOutput } from "../loader-output.ts";
import { readNotes } from "../notes.ts";
import { periodReport } from "../period-report.ts";
import { nextMonth, siteIndexOf } from "../site-index.ts";

/** data/monthly-<month>.json: the monthly report page. */
export const monthlyOutput: LoaderOutput = async ({ connection, config, source }, { month }) => {
  if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`not a month: ${JSON.stringify(month)} (expected e.g. 2026-11)`);
  const start = `${month}-01`;
  const end = nextMonth(start);
  const { lastDay, months } = await siteIndexOf(connection);
  const page = months.find((m) => m.month === month);
  const report = await periodReport(connection, { grain: "month", period: month, start, end, timezone: config.timezone }, source);
  return JSON.stringify({ ...report, lastDay, partial: report.partial || (page?.partial ?? false), notes: readNotes(month) });
};
