import { computeNps, npsSegments, type NpsSegment } from "../../metrics/nps-summary.ts";
import { npsComments } from "../../metrics/nps-comments.ts";
import { queryRows } from "../../warehouse/query-rows.ts";
import type { LoaderOutput } from "../loader-output.ts";

/** data/nps.json: NPS by month and by week, each segment over all answers, and the latest comments. */
export const npsOutput: LoaderOutput = async ({ connection }) => {
  const segments: Record<string, unknown> = {};
  for (const by of Object.keys(npsSegments) as NpsSegment[]) segments[by] = await computeNps(connection, { grain: "all", by });
  return JSON.stringify({
    overall: (await computeNps(connection, { grain: "all" }))[0] ?? null,
    monthly: await computeNps(connection, { grain: "month" }),
    weekly: await computeNps(connection, { grain: "week" }),
    segments,
    comments: await queryRows(connection, npsComments({ limit: 100 }))
  });
};
