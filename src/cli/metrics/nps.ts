import { computeNps, npsSegments, type NpsGrain, type NpsSegment } from "../../metrics/nps-summary.ts";
import { withWarehouse } from "../../warehouse/with-warehouse.ts";
import { UsageError } from "../command.ts";
import type { MetricCommand } from "../metric-command.ts";
import { printTable } from "../print-table.ts";
import { dateOption } from "./operations-options.ts";

const grains = ["week", "month", "quarter", "all"];

export const nps: MetricCommand = {
  name: "nps",
  summary: "NPS (% 9–10 − % 0–6) and satisfaction share (4–5 of 5) by period and segment, with 95% margins",
  usage: `opsbook metric nps [--grain week|month|quarter|all] [--by ${Object.keys(npsSegments).join("|")}] [--start DATE] [--end DATE] [--db FILE] [--json]`,
  options: { grain: { type: "string" }, by: { type: "string" }, start: { type: "string" }, end: { type: "string" }, db: { type: "string" }, json: { type: "boolean" } },
  async run(values) {
    const grain = (values.grain ?? "month") as NpsGrain;
    if (!grains.includes(grain)) throw new UsageError(`--grain must be one of ${grains.join(", ")}`);
    const by = values.by as NpsSegment | undefined;
    if (by !== undefined && !(by in npsSegments)) throw new UsageError(`--by must be one of ${Object.keys(npsSegments).join(", ")}`);
    const start = dateOption(values, "start");
    const end = dateOption(values, "end");
    const rows = await withWarehouse(({ connection }) => computeNps(connection, { grain, by, start, end }), { dbPath: values.db as string | undefined });
    if (values.json) console.log(JSON.stringify({ grain, by: by ?? null, rows }));
    else printTable(rows.map((r) => ({ period: r.period, segment: r.segment, responses: r.responses, promoters: r.promoters, passives: r.passives, detractors: r.detractors, nps: r.nps, nps_margin: r.nps_margin, satisfaction: r.satisfaction, satisfaction_margin: r.satisfaction_margin })));
    return 0;
  }
};
