import { weekPeriod } from "../../metrics/period.ts";
import type { LoaderOutput } from "../loader-output.ts";
import { readNotes } from "../notes.ts";
import { periodReport } from "../period-report.ts";
import { siteIndexOf } from "../site-index.ts";

/** data/weekly-<week>.json: the weekly report page. */
export const weeklyOutput: LoaderOutput = async ({ connection, config, source }, { week }) => {
  const { start, end } = weekPeriod(week);
  const { lastDay, weeks } = await siteIndexOf(connection);
  const page = weeks.find((w) => w.week === week);
  const report = await periodReport(connection, { grain: "week", period: week, start, end, timezone: config.timezone }, source);
  return JSON.stringify({ ...report, sunday: page?.end ?? null, lastDay, partial: report.partial || (page?.partial ?? false), notes: readNotes(week) });
};
