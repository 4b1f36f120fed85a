import { runChecks } from "../../ingest/consistency-checks.ts";
import { withWarehouse } from "../../warehouse/with-warehouse.ts";
import type { Command } from "../command.ts";

export const check: Command = {
  name: "check",
  summary: "run consistency checks on the warehouse (unknown statuses, negative amounts, duplicates …)",
  usage: `opsbook check [--db FILE] [--json]

  --db FILE   warehouse file (default data/ops.duckdb)
  --json      print the results as JSON

Exit code 1 when any error-level check fails; warnings are reported only.`,
  options: { db: { type: "string" }, json: { type: "boolean" } },
  async run(values) {
    const results = await withWarehouse(({ connection }) => runChecks(connection), { dbPath: values.db as string | undefined });
    const errors = results.filter((r) => r.failures > 0 && r.severity === "error");
    if (values.json) {
      console.log(JSON.stringify({ ok: errors.length === 0, checks: results }, null, 2));
    } else {
      for (const r of results) {
        const mark = r.failures === 0 ? "✓" : r.severity === "error" ? "✗" : "!";
        console.log(`${mark} ${r.label}${r.failures ? `: ${r.failures.toLocaleString()}` : ""}`);
        for (const e of r.examples) console.log(`    ${e}`);
      }
      console.log(errors.length ? `${errors.length} of ${results.length} checks failed` : `all ${results.length} checks passed`);
    }
    return errors.length ? 1 : 0;
  }
};
