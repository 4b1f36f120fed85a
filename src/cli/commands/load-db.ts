import { existsSync } from "node:fs";
import { loadConfig } from "../../config.ts";
import { describePosition, sourceUrl } from "../../sources/load-source.ts";
import { defaultUrlEnv, readSources, type SourceDefinition } from "../../sources/source-definition.ts";
import { ensureSourceState, readSourceState } from "../../sources/source-state.ts";
import { runSources } from "../../sources/run-sources.ts";
import { redactUrl } from "../../sources/source-url.ts";
import { openWarehouse } from "../../warehouse/open-warehouse.ts";
import { intOption, UsageError, type Command } from "../command.ts";

export const loadDb: Command = {
  name: "load-db",
  summary: "load tables or queries from PostgreSQL / MySQL / MariaDB incrementally (sources in opsbook.config.json)",
  usage: `opsbook load-db [NAME …] [--db FILE] [--batch-size N] [--reset] [--max-rejects N] [--json]
       opsbook load-db --list

  NAME            sources declared under "sources" in opsbook.config.json (default: all of them)
  --db FILE       warehouse file (default data/ops.duckdb)
  --batch-size N  rows per transaction (default: the source's batch_size, else 10000)
  --reset         forget where the source stopped and read it again from the start
                  (rows already loaded are de-duplicated, orders keep their latest version)
  --max-rejects N rejected rows tolerated before the exit code is non-zero (default 0)
  --list          show the sources, their connection variables and watermarks; load nothing
  --json          print the results as JSON

The connection URL comes from the environment variable named by the source's "url_env"
(default ${defaultUrlEnv}), e.g. postgres://user:password@host:5432/shop or
mysql://user:password@host:3306/shop. Passwords are never printed.`,
  options: { db: { type: "string" }, "batch-size": { type: "string" }, reset: { type: "boolean" }, "max-rejects": { type: "string" }, list: { type: "boolean" }, json: { type: "boolean" } },
  allowPositionals: true,
  async run(values, names) {
    const config = loadConfig();
    const all = readSources(config.root);
    if (all.length === 0) throw new UsageError(`no database sources declared: add "sources": [{"name", "url_env", "table" or "query", "watermark", "target", "columns"}] to ${config.root}/opsbook.config.json`);
    const unknown = names.filter((n) => !all.some((s) => s.name === n));
    if (unknown.length) throw new UsageError(`unknown source ${unknown.join(", ")} (declared: ${all.map((s) => s.name).join(", ")})`);
    const sources = names.length ? all.filter((s) => names.includes(s.name)) : all;
    const batchSize = intOption(values, "batch-size");
    if (batchSize === 0) throw new UsageError("--batch-size must be at least 1");
    const maxRejects = intOption(values, "max-rejects") ?? 0;
    const dbPath = (values.db as string | undefined) ?? config.dbPath;
    if (values.list) return list(sources, dbPath, config.timezone, Boolean(values.json));

    return runSources(sources, { dbPath, timezone: config.timezone, batchSize, reset: Boolean(values.reset), maxRejects, json: Boolean(values.json) });
  }
};

async function list(sources: SourceDefinition[], dbPath: string, timezone: string, json: boolean): Promise<number> {
  const warehouse = existsSync(dbPath) ? await openWarehouse({ dbPath, timezone }) : undefined;
  try {
    if (warehouse) await ensureSourceState(warehouse.connection);
    const rows = [];
    for (const source of sources) {
      let server: string;
      try {
        server = redactUrl(sourceUrl(source));
      } catch {
        server = `(${source.url_env ?? defaultUrlEnv} not set)`;
      }
      const state = warehouse ? await readSourceState(warehouse.connection, source.name) : undefined;
      const order: string[] = state ? JSON.parse(state.definition).order : [source.watermark];
      rows.push({ name: source.name, target: source.target, from: source.table ?? "(query)", server, position: state ? describePosition(order, state.position) : "not loaded yet", rowsLoaded: state?.rowsLoaded ?? 0, rowsRejected: state?.rowsRejected ?? 0, updatedAt: state?.updatedAt ?? null });
    }
    if (json) console.log(JSON.stringify(rows, null, 2));
    else for (const r of rows) console.log(`${r.name} → ${r.target} from ${r.from} at ${r.server}\n  ${r.position}${r.updatedAt ? ` (last load ${r.updatedAt}, ${r.rowsLoaded.toLocaleString()} rows, ${r.rowsRejected.toLocaleString()} rejected)` : ""}`);
    return 0;
  } finally {
    warehouse?.close();
  }
}
