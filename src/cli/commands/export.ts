import { relative } from "node:path";
import { exportAtRisk } from "../../operations/at-risk-export.ts";
import { loadOperationsConfig } from "../../operations/operations-config.ts";
import { loadRfmRules } from "../../metrics/rfm-rules.ts";
import { loadConfig } from "../../config.ts";
import { checkTier } from "../../operations/rfm-tiers.ts";
import { stageOrder, type StageKey } from "../../operations/stage-labels.ts";
import { asOfOrLastDay } from "../metrics/as-of-default.ts";
import { asOfOption } from "../metrics/metric-source.ts";
import { withWarehouse } from "../../warehouse/with-warehouse.ts";
import { intOption, UsageError, type Command } from "../command.ts";

const lists = ["at-risk"];

export const exportCommand: Command = {
  name: "export",
  summary: "write a user list for action, e.g. the at-risk (流失预警) list for a recall campaign, as CSV or XLSX",
  usage: `opsbook export at-risk --out FILE.csv|FILE.xlsx [--as-of DATE] [--tier T,…] [--stage S,…] [--limit N] [--db FILE]

  Lists users in the chosen lifecycle stages on the as-of date, most valuable first: user id, stage,
  last active day, idle days, RFM tier, acquisition channel, region, paid orders and amount.
  CSV is UTF-8 with a BOM so Excel shows Chinese correctly; XLSX has a frozen header row.

  --out FILE     .csv or .xlsx (required)
  --as-of DATE   YYYY-MM-DD (default: the last day with data)
  --tier T,…     RFM tiers to keep, as named by "rfm" in opsbook.config.json (default tiers: 高价值,
                 流失, 潜力, 低活跃), or 未购买 for users who never paid (default: all)
  --stage S,…    stages to list (default: silent 沉默; e.g. silent,churned). Thresholds come from
                 "stages" in opsbook.config.json
  --limit N      at most N users`,
  options: { out: { type: "string" }, "as-of": { type: "string" }, tier: { type: "string" }, stage: { type: "string" }, limit: { type: "string" }, db: { type: "string" } },
  allowPositionals: true,
  async run(values, positionals) {
    const [list, ...extra] = positionals;
    if (!list) throw new UsageError(`which list? one of: ${lists.join(", ")}`);
    if (!lists.includes(list) || extra.length) throw new UsageError(`unknown list ${JSON.stringify([list, ...extra].join(" "))}; available: ${lists.join(", ")}`);
    const out = values.out;
    if (typeof out !== "string" || !out) throw new UsageError("--out FILE.csv or FILE.xlsx is required");
    if (!/\.(csv|xlsx)$/i.test(out)) throw new UsageError(`--out ${out}: the file must end in .csv or .xlsx`);
    asOfOption(values); // a bad date fails before the warehouse is opened
    const ops = loadOperationsConfig();
    const rfmRules = loadRfmRules(loadConfig().root);
    const tiers = splitList(values.tier).map((t) => {
      try {
        return checkTier(t, rfmRules);
      } catch (error) {
        throw new UsageError(`--tier: ${(error as Error).message}`);
      }
    });
    const known = stageOrder[ops.stages.naming];
    const stages = (splitList(values.stage).length ? splitList(values.stage) : ["silent"]) as StageKey[];
    for (const s of stages) if (!known.includes(s)) throw new UsageError(`--stage: unknown stage ${JSON.stringify(s)} for the ${ops.stages.naming} naming; expected one of ${known.join(", ")}`);
    const limit = intOption(values, "limit");
    const { count, asOf, file } = await withWarehouse(async ({ connection }, config) => {
      const asOf = await asOfOrLastDay(connection, values);
      const count = await exportAtRisk(connection, out, { asOf, stages, tiers, limit, rfmRules, timezone: config.timezone }, ops.stages, config.locale);
      return { count, asOf, file: relative(config.root, out) || out };
    }, { dbPath: values.db as string | undefined });
    console.log(`opsbook export: ${count} users (${stages.join(", ")}, as of ${asOf}) → ${file}`);
    return 0;
  }
};

function splitList(value: unknown): string[] {
  return typeof value === "string" ? value.split(/[,，]/).map((s) => s.trim()).filter(Boolean) : [];
}
