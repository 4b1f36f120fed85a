import { buildInfoFile, readBuildInfo } from "../../build/build-info.ts";
import { parseNow } from "../../build/parse-now.ts";
import { loadConfig } from "../../config.ts";
import { loadGateConfig } from "../../gates/gate-config.ts";
import { formatGateReport } from "../../gates/gate-result.ts";
import { runGates } from "../../gates/run-gates.ts";
import { withWarehouse } from "../../warehouse/with-warehouse.ts";
import { UsageError, type Command } from "../command.ts";

export const gates: Command = {
  name: "gates",
  summary: "run the data gates alone (freshness, volume, schema drift, rejected rows, KPI bounds)",
  usage: `opsbook gates [--now TIME] [--json]

  Checks the warehouse the way \`opsbook build\` does before publishing; exit code 1 when a gate
  fails. Gates are set per table under "gates" in opsbook.config.json, e.g.
    {"gates": {"orders": {"freshnessHours": 36, "volumeDropPercent": 40}, "metrics": {"conversion_rate": {"max": 0.5}}}}
  Rejected rows count files loaded since the published site's ${buildInfoFile}.

  --now TIME   judge freshness as of this time (default: the clock)
  --json       print the results as JSON`,
  options: { now: { type: "string" }, json: { type: "boolean" } },
  async run(values) {
    const config = loadConfig();
    let now = new Date();
    try {
      if (values.now) now = parseNow(String(values.now), config.timezone);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const previous = readBuildInfo(config.distDir);
    const gateConfig = loadGateConfig(config.root);
    const results = await withWarehouse(({ connection }) =>
      runGates(connection, gateConfig, { locale: config.locale, timezone: config.timezone, now, since: previous ? new Date(previous.publishedAt) : null })
    );
    const failed = results.filter((r) => r.status === "fail").length;
    if (values.json) console.log(JSON.stringify(results, null, 2));
    else {
      console.log(formatGateReport(results, config.locale));
      console.log(failed ? `\n${failed} gate(s) failed: the site would not be published` : `\nall gates passed`);
    }
    return failed ? 1 : 0;
  }
};
