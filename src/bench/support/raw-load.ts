import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteIdent, quoteLiteral } from "../../ingest/parse-sql.ts";
import { listExports } from "../../ingest/ingest-directory.ts";
import { detectEncoding } from "../../ingest/read-export.ts";
import { readHead } from "../../ingest/text-source.ts";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";

/**
 * The floor for loading exports: each file into its own table with DuckDB's raw `read_csv`, types
 * sniffed, nothing validated, mapped or de-duplicated. DuckDB cannot decode GB18030 without the
 * encodings extension (not downloadable offline), so such files are first decoded to a UTF-8 copy
 * with iconv-lite: work any tool reading them must do.
 */
export async function rawLoad(connection: DuckDBConnection, exportsDir: string, scratchDir: string): Promise<number> {
  let tables = 0;
  for (const file of listExports(exportsDir)) {
    if (!/\.(csv|txt|tsv)$/i.test(file)) continue;
    let source = file;
    if (detectEncoding(readHead(file, 1 << 16)) === "gb18030") {
      source = join(scratchDir, `raw-utf8-${tables}.csv`);
      writeFileSync(source, iconv.decode(readFileSync(file), "gb18030"));
    }
    await connection.run(`create or replace table ${quoteIdent(`raw_${tables++}`)} as select * from read_csv(${quoteLiteral(source)})`);
    if (source !== file) rmSync(source);
  }
  return tables;
}
