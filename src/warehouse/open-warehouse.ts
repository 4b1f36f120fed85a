import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

export interface Warehouse {
  connection: DuckDBConnection;
  close(): void;
}

export interface OpenOptions {
  /** Path of the DuckDB file, or ":memory:". */
  dbPath: string;
  /** Calendar periods (days, ISO weeks, months) are cut in this zone. */
  timezone: string;
  readOnly?: boolean;
}

/** Opens the warehouse with the session time zone set, so date_trunc cuts local days and weeks. */
export async function openWarehouse({ dbPath, timezone, readOnly = false }: OpenOptions): Promise<Warehouse> {
  if (dbPath !== ":memory:" && !readOnly) mkdirSync(dirname(dbPath), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(dbPath, {
      ...(readOnly ? { access_mode: "READ_ONLY" } : {}),
      // Offline by design: never try to download an extension.
      autoinstall_known_extensions: "false"
    });
  } catch (error) {
    throw new Error(`cannot open warehouse ${dbPath}: ${(error as Error).message}`);
  }
  const connection = await instance.connect();
  await connection.run(`SET TimeZone = '${timezone.replace(/'/g, "''")}'`);
  return {
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    }
  };
}
