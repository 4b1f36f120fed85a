import { loadConfig } from "../../config.ts";
import { ingestDirectory } from "../../ingest/ingest-directory.ts";
import type { IngestResult } from "../../ingest/ingest-file.ts";
import { builtinPresets } from "../../ingest/presets/index.ts";
import type { TextEncoding } from "../../ingest/read-export.ts";
import { openWarehouse } from "../../warehouse/open-warehouse.ts";
import { intOption, UsageError, type Command } from "../command.ts";
import { Progress } from "../progress.ts";

export function describeResult(r: IngestResult): string {
  if (r.status === "failed") return `✗ ${r.message}`;
  if (r.status === "unchanged") return `= ${r.file}: ${r.message}`;
  return `✓ ${r.file} → ${r.table} (${r.preset}): ${r.rowsLoaded.toLocaleString()} rows${r.rowsRejected ? `, ${r.rowsRejected.toLocaleString()} rejected (see table rejects)` : ""}`;
}

export const ingest: Command = {
  name: "ingest",
  summary: "load export files into the DuckDB warehouse (incremental, one transaction per file)",
  usage: `opsbook ingest [--exports DIR] [--db FILE] [--encoding utf8|gb18030] [--max-rejects N] [--json]

  --exports DIR    directory of export files (default data/exports)
  --db FILE        warehouse file (default data/ops.duckdb)
  --encoding ENC   override encoding detection for text files
  --max-rejects N  rejected rows tolerated before the exit code is non-zero (default 0)
  --json           print the per-file results as JSON`,
  options: { exports: { type: "string" }, db: { type: "string" }, encoding: { type: "string" }, "max-rejects": { type: "string" }, json: { type: "boolean" } },
  async run(values) {
    const config = loadConfig();
    const encoding = values.encoding as TextEncoding | undefined;
    if (encoding && encoding !== "utf8" && encoding !== "gb18030") throw new UsageError(`--encoding must be utf8 or gb18030`);
    const maxRejects = intOption(values, "max-rejects") ?? 0;
    const warehouse = await openWarehouse({ dbPath: (values.db as string | undefined) ?? config.dbPath, timezone: config.timezone });
    const progress = new Progress("ingest");
    let results: IngestResult[];
    try {
      results = await ingestDirectory(warehouse.connection, {
        exportsDir: (values.exports as string | undefined) ?? config.exportsDir,
        presets: builtinPresets,
        encoding,
        onStart: (file, i, total) => progress.update(i, total, file),
        onFile: (result) => {
          progress.done();
          if (!values.json) console.log(describeResult(result));
        }
      });
    } finally {
      progress.done();
      warehouse.close();
    }
    const failed = results.filter((r) => r.status === "failed").length;
    const rejected = results.reduce((s, r) => s + r.rowsRejected, 0);
    const loaded = results.reduce((s, r) => s + r.rowsLoaded, 0);
    if (values.json) console.log(JSON.stringify({ files: results, loaded, rejected, failed }, null, 2));
    else console.log(`${results.length} files: ${loaded.toLocaleString()} rows loaded, ${rejected.toLocaleString()} rejected, ${failed} failed`);
    return failed > 0 || rejected > maxRejects ? 1 : 0;
  }
};
