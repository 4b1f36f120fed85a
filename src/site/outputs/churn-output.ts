import { addDays } from "../../calendar.ts";
import { atRiskUsers } from "../../metrics/at-risk-users.ts";
import { dataRange } from "../../metrics/data-range.ts";
import { computeRecallResults } from "../../metrics/recall-results.ts";
import { loadRfmRules } from "../../metrics/rfm-rules.ts";
import { stageCounts } from "../../metrics/stage-counts.ts";
import { stageFlows } from "../../metrics/stage-flows.ts";
import { loadOperationsConfig } from "../../operations/operations-config.ts";
import { sharedActivityRuns } from "../../operations/shared-activity-runs.ts";
import { stageLabel, stageOrder } from "../../operations/stage-labels.ts";
import { queryRows } from "../../warehouse/query-rows.ts";
import type { LoaderOutput } from "../loader-output.ts";

/** data/churn.json, 流失预警: stages on the last day with data, 12 weeks of moves, the top of the recall list, recall results. */
export const churnOutput: LoaderOutput = async ({ connection, config, source }) => {
  const ops = loadOperationsConfig(config.root);
  const rfmRules = loadRfmRules(config.root);
  const asOf = ((await queryRows(connection, dataRange()))[0]?.last_day as string | null) ?? null;
  const order = stageOrder[ops.stages.naming];
  const labels = Object.fromEntries(["none", ...order].map((k) => [k, stageLabel(k, ops.stages.naming, config.locale)]));
  if (!asOf) return JSON.stringify({ asOf, thresholds: ops.stages, order, labels, counts: [], flows: [], atRisk: [], recall: [], recallWindowDays: ops.recallWindowDays });
  const runs = await sharedActivityRuns(connection, source, config.timezone);
  return JSON.stringify({
    asOf,
    thresholds: ops.stages,
    order,
    labels,
    counts: await queryRows(connection, stageCounts({ asOf, timezone: config.timezone, runs }, ops.stages)),
    flows: await queryRows(connection, stageFlows({ start: addDays(asOf, -7 * 12 + 1), end: asOf, timezone: config.timezone, runs }, ops.stages)),
    atRisk: await queryRows(connection, atRiskUsers({ asOf, limit: 100, rfmRules, timezone: config.timezone, runs }, ops.stages)),
    recall: await computeRecallResults(connection, { windowDays: ops.recallWindowDays }),
    recallWindowDays: ops.recallWindowDays
  });
};
