import { connectMysql } from "./mysql-driver.ts";
import { connectPostgres } from "./postgres-driver.ts";
import { redactUrl, scrubSecret, urlDialect, type Dialect } from "./source-url.ts";

/** Every value arrives as the database's own text, so the file presets' parsers apply unchanged and a watermark round-trips exactly (microseconds, bigint ids). */
export interface SourceResult {
  columns: string[];
  rows: (string | null)[][];
}

export interface SourceDriver {
  dialect: Dialect;
  quoteIdent(name: string): string;
  /** The n-th (1-based) bound parameter in this dialect's SQL. */
  placeholder(n: number): string;
  query(sql: string, params?: (string | number)[]): Promise<SourceResult>;
  close(): Promise<void>;
}

/**
 * Connects to a PostgreSQL or MySQL/MariaDB source. Naive timestamps are read in the warehouse's
 * time zone, as file exports are. Errors name the server with the password hidden.
 */
export async function connectSource(url: string, timezone: string): Promise<SourceDriver> {
  const dialect = urlDialect(url);
  let driver: SourceDriver;
  try {
    driver = dialect === "postgres" ? await connectPostgres(url, timezone) : await connectMysql(url, timezone);
  } catch (error) {
    throw new Error(`cannot connect to ${redactUrl(url)}: ${scrubSecret((error as Error).message || String(error), url)}`);
  }
  return {
    ...driver,
    async query(sql, params) {
      try {
        return await driver.query(sql, params);
      } catch (error) {
        throw new Error(`${redactUrl(url)}: ${scrubSecret((error as Error).message, url)}`);
      }
    }
  };
}
