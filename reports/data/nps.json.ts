import { computeNps, npsSegments, type NpsSegment } from "../../src/metrics/nps-summary.ts";
import { npsComments } from "../../src/metrics/nps-comments.ts";
import { queryRows } from "../../src/warehouse/query-rows.ts";
import { withWarehouse } from "../../src/warehouse/with-warehouse.ts";

// NPS by month and by week, each segment over all answers, and the latest comments.
const data = await withWarehouse(async ({ connection }) => {
  const segments: Record<string, unknown> = {};
  for (const by of Object.keys(npsSegments) as NpsSegment[]) segments[by] = await computeNps(connection, { grain: "all", by });
  return {
    overall: (await computeNps(connection, { grain: "all" }))[0] ?? null,
    monthly: await computeNps(connection, { grain: "month" }),
    weekly: await computeNps(connection, { grain: "week" }),
    segments,
    comments: await queryRows(connection, npsComments({ limit: 100 }))
  };
});
process.stdout.write(JSON.stringify(data));
