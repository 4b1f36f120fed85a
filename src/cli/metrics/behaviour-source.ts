import { existsSync, readFileSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { loadConfig } from "../../config.ts";
import { loadEventsFile } from "../../ingest/load-events-file.ts";
import { DefinitionError } from "../../metrics/definitions.ts";
import { openWarehouse } from "../../warehouse/open-warehouse.ts";
import { withWarehouse } from "../../warehouse/with-warehouse.ts";
import { UsageError } from "../command.ts";

/** Flags shared by funnel, retention, lifecycle and paths: where the definition and the events come from. */
export const sourceOptions = {
  spec: { type: "string" },
  events: { type: "string" },
  db: { type: "string" },
  json: { type: "boolean" }
} as const;

export const sourceUsage = "[--events FILE.csv|FILE.jsonl | --db FILE] [--json]";

type Values = Record<string, string | boolean | string[] | undefined>;

/** Reads and validates --spec; a definition mistake names the file and the field. */
export function readSpec<T>(values: Values, parse: (input: unknown) => T): T {
  const file = values.spec;
  if (typeof file !== "string") throw new UsageError("--spec FILE is required (a JSON or YAML definition)");
  if (!existsSync(file)) throw new UsageError(`--spec ${file}: no such file`);
  try {
    return parse(readFileSync(file, "utf8"));
  } catch (error) {
    if (error instanceof DefinitionError) throw new Error(`${file}: ${error.message}`);
    throw error;
  }
}

/**
 * Runs `fn` on a connection whose events table is the --events file (loaded into memory, naive
 * times read in `timezone`; only `fields` of its other columns, when given) or the warehouse (--db,
 * default the project's).
 */
export async function withEvents<T>(values: Values, timezone: string, fn: (connection: DuckDBConnection) => Promise<T>, fields?: readonly string[]): Promise<T> {
  if (typeof values.events === "string") {
    if (values.db !== undefined) throw new UsageError("give either --events or --db, not both");
    if (!existsSync(values.events)) throw new UsageError(`--events ${values.events}: no such file`);
    const warehouse = await openWarehouse({ dbPath: ":memory:", timezone });
    try {
      await loadEventsFile(warehouse.connection, values.events, fields);
      return await fn(warehouse.connection);
    } finally {
      warehouse.close();
    }
  }
  return withWarehouse(({ connection }) => fn(connection), { dbPath: values.db as string | undefined });
}

/** Chinese column headers unless the project is set to English. */
export function label(zh: string, en: string): string {
  return loadConfig().locale === "en-US" ? en : zh;
}

export const percent = (x: number | null) => (x === null ? null : `${(x * 100).toFixed(1)}%`);
export const seconds = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
