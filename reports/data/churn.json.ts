import { addDays } from "../../src/calendar.ts";
import { loadConfig } from "../../src/config.ts";
import { atRiskUsers } from "../../src/metrics/at-risk-users.ts";
import { computeRecallResults } from "../../src/metrics/recall-results.ts";
import { loadRfmRules } from "../../src/metrics/rfm-rules.ts";
import { stageCounts } from "../../src/metrics/stage-counts.ts";
import { stageFlows } from "../../src/metrics/stage-flows.ts";
import { loadOperationsConfig } from "../../src/operations/operations-config.ts";
import { stageLabel, stageOrder } from "../../src/operations/stage-labels.ts";
import { dataRange } from "../../src/metrics/data-range.ts";
import { queryRows } from "../../src/warehouse/query-rows.ts";
import { withWarehouse } from "../../src/warehouse/with-warehouse.ts";

// 流失预警: stages on the last day with data, 12 weeks of moves, the top of the recall list, recall results.
const ops = loadOperationsConfig();
const rfmRules = loadRfmRules(loadConfig().root);
const data = await withWarehouse(async ({ connection }, config) => {
  const asOf = ((await queryRows(connection, dataRange()))[0]?.last_day as string | null) ?? null;
  const order = stageOrder[ops.stages.naming];
  const labels = Object.fromEntries(["none", ...order].map((k) => [k, stageLabel(k, ops.stages.naming, config.locale)]));
  if (!asOf) return { asOf, thresholds: ops.stages, order, labels, counts: [], flows: [], atRisk: [], recall: [], recallWindowDays: ops.recallWindowDays };
  return {
    asOf,
    thresholds: ops.stages,
    order,
    labels,
    counts: await queryRows(connection, stageCounts({ asOf }, ops.stages)),
    flows: await queryRows(connection, stageFlows({ start: addDays(asOf, -7 * 12 + 1), end: asOf }, ops.stages)),
    atRisk: await queryRows(connection, atRiskUsers({ asOf, limit: 100, rfmRules }, ops.stages)),
    recall: await computeRecallResults(connection, { windowDays: ops.recallWindowDays }),
    recallWindowDays: ops.recallWindowDays
  };
});
process.stdout.write(JSON.stringify(data));
