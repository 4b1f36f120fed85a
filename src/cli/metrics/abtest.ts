import { abTest, computeExperiments, type ArmInput } from "../../metrics/ab-test.ts";
import { UsageError } from "../command.ts";
import type { MetricCommand } from "../metric-command.ts";
import { printTable } from "../print-table.ts";
import { abVerdict, pairSplit } from "../../components/ab-verdict.ts";
import { label } from "./behaviour-source.ts";
import { sourceOptions, withMetricSource } from "./metric-source.ts";

function arm(name: string, raw: unknown): ArmInput {
  const m = typeof raw === "string" ? /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw) : null;
  if (!m) throw new UsageError(`--${name} must be CONVERSIONS/USERS, e.g. --${name} 120/2400, got ${JSON.stringify(raw ?? null)}`);
  const conversions = Number(m[1]);
  const users = Number(m[2]);
  if (conversions > users) throw new UsageError(`--${name}: conversions (${conversions}) cannot exceed users (${users})`);
  return { conversions, users };
}

export const abtest: MetricCommand = {
  name: "abtest",
  summary: "A/B test: rates, difference with 95% CI, lift, z-test p-value, sample-ratio check, verdict",
  usage: `opsbook metric abtest --a CONVERSIONS/USERS --b CONVERSIONS/USERS [--split 0.5] [--json]
       opsbook metric abtest [--db FILE] [--json]     every experiment in the warehouse

  --split   share of users meant for A (default 0.5), for the sample-ratio-mismatch check`,
  options: { a: { type: "string" }, b: { type: "string" }, split: { type: "string" }, db: sourceOptions.db, json: sourceOptions.json },
  async run(values) {
    if (values.a !== undefined || values.b !== undefined) {
      const split = values.split === undefined ? 0.5 : Number(values.split);
      if (!(split > 0 && split < 1)) throw new UsageError(`--split must be a number between 0 and 1, got ${JSON.stringify(values.split)}`);
      const result = abTest({ a: arm("a", values.a), b: arm("b", values.b), split });
      if (values.json) console.log(JSON.stringify(result));
      else {
        printTable([{ arm: "A", ...result.a }, { arm: "B", ...result.b }]);
        printTable([{ diff: result.diff, ci_low: result.ci?.[0] ?? null, ci_high: result.ci?.[1] ?? null, relative_lift: result.relative_lift, z: result.z, p_value: result.p_value, srm_p_value: result.srm_p_value }]);
        console.log(result.verdict);
      }
      return 0;
    }
    const experiments = await withMetricSource(values, (connection) => computeExperiments(connection));
    if (values.json) console.log(JSON.stringify({ experiments }));
    else if (!experiments.length) console.log("(no experiments in the warehouse; use --a and --b for a quick test)");
    else
      for (const e of experiments) {
        console.log(`\n${e.experiment} (${label("对照", "control")} ${e.control})`);
        printTable(e.variants);
        const share = (v: string) => e.variants.find((x) => x.variant === v)?.intended_share ?? null;
        for (const c of e.comparisons) console.log(`${c.variant} vs ${e.control}: ${label(c.verdict, abVerdict(c, pairSplit(share(e.control), share(c.variant)), "en-US"))}`);
      }
    return 0;
  }
};
