import mysql from "mysql2/promise";
import type { SourceDriver } from "./source-driver.ts";

/** The zone's current UTC offset, for servers without time zone tables (MariaDB's default install). */
function utcOffset(timezone: string): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone: timezone, timeZoneName: "longOffset" }).formatToParts(new Date()).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  return part === "GMT" ? "+00:00" : part.replace("GMT", "");
}

export async function connectMysql(url: string, timezone: string): Promise<SourceDriver> {
  const u = new URL(url);
  const sslmode = u.searchParams.get("sslmode") ?? (u.searchParams.get("ssl") === "true" ? "require" : "disable");
  const connection = await mysql.createConnection({
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)) || undefined,
    charset: "utf8mb4",
    // Like PostgreSQL's sslmode: TLS with the server's certificate verified against the system CAs.
    ...(sslmode !== "disable" ? { ssl: {} } : {}),
    connectTimeout: 15_000,
    // Every value as the server prints it, like the PostgreSQL driver: no Date, no lossy numbers.
    typeCast: (field) => field.string()
  });
  connection.on("error", () => {});
  try {
    await connection.query("set time_zone = ?", [timezone]).catch(() => connection.query("set time_zone = ?", [utcOffset(timezone)]));
  } catch (error) {
    await connection.end().catch(() => {});
    throw error;
  }
  return {
    dialect: "mysql",
    quoteIdent: (name) => `\`${name.replace(/`/g, "``")}\``,
    // mysql2 would replace every "?" in the text, even inside a quoted literal of the user's query:
    // our own placeholders are tokens no SQL contains, escaped in here.
    placeholder: (n) => `\u0000${n}\u0000`,
    async query(sql, params = []) {
      const text = sql.replace(/\u0000(\d+)\u0000/g, (_, n: string) => connection.escape(params[Number(n) - 1]));
      const [rows, fields] = await connection.query({ sql: text, rowsAsArray: true });
      return { columns: (fields ?? []).map((f) => f.name), rows: rows as (string | null)[][] };
    },
    async close() {
      await connection.end().catch(() => {});
    }
  };
}
