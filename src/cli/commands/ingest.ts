import { loadConfig } from "../../config.ts";
import { allPresets } from "../../ingest/config-presets.ts";
import { explainFile } from "../../ingest/explain-file.ts";
import { ingestDirectory } from "../../ingest/ingest-directory.ts";
import { describeDrift, type IngestResult } from "../../ingest/ingest-file.ts";
import { openExclusive } from "../../ingest/open-exclusive.ts";
import type { TextEncoding } from "../../ingest/read-export.ts";
import { openWarehouse } from "../../warehouse/open-warehouse.ts";
import { intOption, UsageError, type Command } from "../command.ts";
import { Progress } from "../progress.ts";

export function describeResult(r: IngestResult): string {
  if (r.status === "failed") return `✗ ${r.message}`;
  if (r.status === "unchanged") return `= ${r.file}: ${r.message}`;
  const notes = [
    r.rowsRejected ? `${r.rowsRejected.toLocaleString()} rejected (see table rejects)` : "",
    r.lateRows ? `${r.lateRows.toLocaleString()} late rows for closed weeks` : ""
  ].filter(Boolean);
  const line = `✓ ${r.file} → ${r.table} (${r.preset}): ${r.rowsLoaded.toLocaleString()} rows${notes.length ? `, ${notes.join(", ")}` : ""}`;
  return r.drift ? `${line}\n  ⚠ ${describeDrift(r.drift)}` : line;
}

export const ingest: Command = {
  name: "ingest",
  summary: "load export files into the DuckDB warehouse (incremental, one transaction per file)",
  usage: `opsbook ingest [--exports DIR] [--db FILE] [--encoding utf8|gb18030] [--sheet NAME] [--max-rejects N] [--wait SECONDS] [--json]
       opsbook ingest --explain FILE [--encoding …] [--sheet NAME]

  --exports DIR    directory of export files (default data/exports)
  --db FILE        warehouse file (default data/ops.duckdb)
  --encoding ENC   override encoding detection for text files (utf8 or gb18030)
  --sheet NAME     sheet to read from .xlsx workbooks (default: the first sheet)
  --max-rejects N  rejected rows tolerated before the exit code is non-zero (default 0)
  --wait SECONDS   how long to wait for another ingest holding the warehouse (default 5)
  --json           print {files: [...], loaded, rejected, failed, drifted, late} as JSON
  --explain FILE   show which preset matches FILE and how each column maps; stores nothing

Presets: built-in ones plus "presets": [...] in opsbook.config.json (see README).
Exit code 1 when a file failed or more rows than --max-rejects were rejected.`,
  options: {
    exports: { type: "string" }, db: { type: "string" }, encoding: { type: "string" }, sheet: { type: "string" }, "max-rejects": { type: "string" },
    wait: { type: "string" }, json: { type: "boolean" }, explain: { type: "string" }
  },
  async run(values) {
    const config = loadConfig();
    const encoding = values.encoding as TextEncoding | undefined;
    if (encoding && encoding !== "utf8" && encoding !== "gb18030") throw new UsageError(`--encoding must be utf8 or gb18030`);
    const sheet = values.sheet as string | undefined;
    const maxRejects = intOption(values, "max-rejects") ?? 0;
    const waitSeconds = intOption(values, "wait") ?? 5;
    const presets = allPresets(config.root);
    if (values.explain) {
      const scratch = await openWarehouse({ dbPath: ":memory:", timezone: config.timezone });
      try {
        const { matched, text } = await explainFile(scratch.connection, values.explain as string, presets, { encoding, sheet });
        console.log(text);
        return matched ? 0 : 1;
      } finally {
        scratch.close();
      }
    }
    const warehouse = await openExclusive({ dbPath: (values.db as string | undefined) ?? config.dbPath, timezone: config.timezone }, waitSeconds * 1000);
    const progress = new Progress("ingest");
    let results: IngestResult[];
    try {
      results = await ingestDirectory(warehouse.connection, {
        exportsDir: (values.exports as string | undefined) ?? config.exportsDir,
        presets,
        encoding,
        sheet,
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
    const late = results.reduce((s, r) => s + (r.lateRows ?? 0), 0);
    const drifted = results.filter((r) => r.drift).length;
    if (values.json) console.log(JSON.stringify({ files: results, loaded, rejected, failed, drifted, late }, null, 2));
    else {
      const extras = [drifted ? `${drifted} with changed columns` : "", late ? `${late.toLocaleString()} late rows` : ""].filter(Boolean);
      console.log(`${results.length} files: ${loaded.toLocaleString()} rows loaded, ${rejected.toLocaleString()} rejected, ${failed} failed${extras.length ? `, ${extras.join(", ")}` : ""}`);
      if (rejected > maxRejects) console.log(`rejected rows exceed --max-rejects ${maxRejects}: fix the files (see \`select * from rejects\`) or raise the budget`);
    }
    return failed > 0 || rejected > maxRejects ? 1 : 0;
  }
};
