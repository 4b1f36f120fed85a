import pg from "pg";
import type { SourceDriver } from "./source-driver.ts";

export async function connectPostgres(url: string, timezone: string): Promise<SourceDriver> {
  const client = new pg.Client({
    connectionString: url,
    application_name: "opsbook",
    connectionTimeoutMillis: 15_000,
    // Keep every value as PostgreSQL prints it: Date would drop microseconds from a watermark.
    types: { getTypeParser: () => (value: string) => value }
  });
  // A dropped connection must fail the load, not crash the process.
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("select set_config('TimeZone', $1, false)", [timezone]);
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  return {
    dialect: "postgres",
    quoteIdent: (name) => `"${name.replace(/"/g, '""')}"`,
    placeholder: (n) => `$${n}`,
    async query(sql, params = []) {
      const result = await client.query({ text: sql, values: params, rowMode: "array" });
      return { columns: result.fields.map((f) => f.name), rows: result.rows as (string | null)[][] };
    },
    async close() {
      await client.end().catch(() => {});
    }
  };
}
